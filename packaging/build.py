"""Build the app for the platform this runs on: ``python packaging/build.py`` (``make bundle``).

- Linux: ``dist/moedemappe/`` (the executable ``dist/moedemappe/moedemappe``) and the tarball
  ``dist/moedemappe-VERSION-linux-ARCH.tar.gz`` with ``install.sh``.
- Windows: ``dist\\moedemappe\\`` (``Moedemappe.exe``, ``moedemappe-cli.exe``), then the
  installer ``dist\\Moedemappe-VERSION-setup.exe`` if Inno Setup's ``iscc`` is on the PATH.
- macOS: ``dist/Mødemappe.app``, then ``dist/Moedemappe-VERSION.dmg`` with ``hdiutil``.

Needs PyInstaller in the Python that runs it (``pip install -e '.[bundle]'``). Prints what it
made, its size and how long it took.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from packaging_info import (
    APP_ID,
    ENV_SCREENSHOT_BASE,
    ICON_SIZES,
    ROOT,
    SCREENSHOT_PLACEHOLDER,
    icon_png,
    version,
)

DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
SPEC = ROOT / "packaging" / "moedemappe.spec"


def pyinstaller() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(n: int) -> str:
    return f"{n / (1 << 20):.0f} MiB"


# -- Linux: a tarball with an install script ----------------------------------------------


def linux_tarball() -> Path:
    """``moedemappe-VERSION/`` holding the app folder, the desktop entry, the AppStream
    metadata, the icons in the hicolor layout, the licence and ``install.sh``."""
    name = f"moedemappe-{version()}-linux-{platform.machine()}"
    stage = ROOT / "build" / "tarball" / f"moedemappe-{version()}"
    shutil.rmtree(stage.parent, ignore_errors=True)
    share = stage / "share"
    shutil.copytree(DIST / "moedemappe", stage / "app", symlinks=True)
    (share / "applications").mkdir(parents=True)
    shutil.copy2(ROOT / "packaging" / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir()
    metainfo = (ROOT / "packaging" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    base = os.environ.get(ENV_SCREENSHOT_BASE, "").rstrip("/")
    if base:  # where the project publishes packaging/screenshots/
        metainfo = metainfo.replace(SCREENSHOT_PLACEHOLDER, base)
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo, encoding="utf-8")
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(icon_png(size), folder / f"{APP_ID}.png")
    shutil.copy2(ROOT / "packaging" / "linux" / "install.sh", stage / "install.sh")
    shutil.copy2(ROOT / "LICENSE", stage / "LICENSE")
    shutil.copy2(ROOT / "packaging" / "linux" / "README.txt", stage / "README.txt")
    target = DIST / f"{name}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(stage, arcname=stage.name)
    return target


# -- Windows: Inno Setup ------------------------------------------------------------------


def windows_installer() -> Path | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    default = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    candidate = default / "Inno Setup 6" / "ISCC.exe"
    if iscc is None and candidate.is_file():
        iscc = str(candidate)
    script = ROOT / "packaging" / "windows" / "moedemappe.iss"
    if iscc is None:
        print(f"Inno Setup (iscc) not found: the installer is made by `iscc {script}`")
        return None
    subprocess.run([iscc, f"/DAppVersion={version()}", str(script)], check=True, cwd=ROOT)
    return DIST / f"Moedemappe-{version()}-setup.exe"


# -- macOS: a disk image --------------------------------------------------------------------


def macos_dmg() -> Path | None:
    app = DIST / "Mødemappe.app"
    if shutil.which("hdiutil") is None:
        return None
    stage = ROOT / "build" / "dmg"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    shutil.copytree(app, stage / app.name, symlinks=True)
    (stage / "Applications").symlink_to("/Applications")
    target = DIST / f"Moedemappe-{version()}.dmg"
    target.unlink(missing_ok=True)
    subprocess.run(
        [
            "hdiutil",
            "create",
            "-volname",
            "Mødemappe",
            "-srcfolder",
            str(stage),
            "-ov",
            "-format",
            "UDZO",
            str(target),
        ],
        check=True,
    )
    return target


def main() -> int:
    started = time.monotonic()
    pyinstaller()
    built = time.monotonic() - started
    folder = DIST / ("Mødemappe.app" if sys.platform == "darwin" else "moedemappe")
    print(f"built {folder.relative_to(ROOT)}: {mib(size_of(folder))} in {built:.0f} s")
    extra: Path | None = None
    if sys.platform.startswith("linux"):
        extra = linux_tarball()
    elif sys.platform == "win32":
        extra = windows_installer()
    elif sys.platform == "darwin":
        extra = macos_dmg()
    if extra is not None:
        print(f"packed {extra.relative_to(ROOT)}: {mib(size_of(extra))}")
    print(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
