"""What the bundle's build files share: the app's id, its version and its icons.

The version has one home, ``reader/__init__.py`` (``__version__``); pyproject.toml reads it
from there (setuptools' dynamic version), and so do the spec, the Windows installer, the
macOS Info.plist and the Linux tarball's name. Read with a regex, not an import, so that the
build needs nothing of the app importable.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "dk.moedemappe.Moedemappe"  # the .desktop, metainfo and icon names, the macOS bundle
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# where the metainfo's screenshot addresses start until the project publishes the images
SCREENSHOT_PLACEHOLDER = "https://example.org/moedemappe/screenshots"
ENV_SCREENSHOT_BASE = "MOEDEMAPPE_SCREENSHOT_BASE"


def version(root: Path = ROOT) -> str:
    text = (root / "reader" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if found is None:
        raise SystemExit("reader/__init__.py names no __version__")
    return found.group(1)


def version_tuple(root: Path = ROOT) -> tuple[int, int, int, int]:
    """For Windows' version resource: four numbers ("0.1.0rc1" -> 0, 1, 0, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version(root).split("+")[0])[:4]]
    padded = [*numbers, 0, 0, 0, 0][:4]
    return padded[0], padded[1], padded[2], padded[3]


def icon_png(size: int, root: Path = ROOT) -> Path:
    return root / "resources" / "icons" / f"moedemappe-{size}.png"


def icon_file(root: Path, kind: str) -> str:
    """The Windows .ico or the macOS .icns, made by packaging/make_icons.py."""
    return str(root / "packaging" / "icons" / f"moedemappe.{kind}")


def windows_version_file(path: Path, root: Path = ROOT) -> Path:
    """A version resource for PyInstaller (the file's Properties > Details in Explorer)."""
    v = version_tuple(root)
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={v}, prodvers={v}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040604b0', [
      StringStruct('CompanyName', 'Mødemappe contributors'),
      StringStruct('FileDescription', 'Mødemappe'),
      StringStruct('FileVersion', '{version(root)}'),
      StringStruct('InternalName', 'moedemappe'),
      StringStruct('LegalCopyright', 'AGPL-3.0-or-later'),
      StringStruct('OriginalFilename', 'Moedemappe.exe'),
      StringStruct('ProductName', 'Mødemappe'),
      StringStruct('ProductVersion', '{version(root)}')])]),
    VarFileInfo([VarStruct('Translation', [0x0406, 1200])])
  ]
)
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
