"""The bundle's build files agree with each other and with the app, without building it:
one version, the menu entry's names, the icons at their sizes, the metadata's screenshots,
and install.sh installing and uninstalling a (stand-in) app."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import reader

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
from packaging_info import (  # noqa: E402
    APP_ID,
    ICON_SIZES,
    icon_file,
    icon_png,
    version,
    version_tuple,
)

PNG = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _desktop() -> configparser.SectionProxy:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    return entry["Desktop Entry"]


def test_the_version_has_one_home() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "reader.__version__"}
    assert version() == reader.__version__
    assert version_tuple()[:3] == tuple(int(n) for n in reader.__version__.split(".")[:3])
    metainfo = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    newest = metainfo.find("releases/release")
    assert newest is not None and newest.get("version") == reader.__version__


def test_the_menu_entry_names_the_executable_and_the_icon() -> None:
    entry = _desktop()
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Exec"] == "moedemappe"  # install.sh writes the full path; no file codes:
    # the app does not open files it is given
    assert entry["Icon"] == APP_ID
    assert entry["StartupWMClass"] == "moedemappe"  # the window's WM_CLASS: the executable


def test_icons_at_every_size_and_for_windows_and_macos() -> None:
    for size in ICON_SIZES:
        assert _png_size(icon_png(size).read_bytes()) == (size, size)
    ico = Path(icon_file(ROOT, "ico")).read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 6
    sides = set()
    for i in range(count):
        w, _h, _, _, _, _, size, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i])
        assert ico[offset : offset + 8] == PNG and offset + size <= len(ico)
        sides.add(w or 256)
    assert {16, 32, 48, 256} <= sides
    icns = Path(icon_file(ROOT, "icns")).read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    kinds, at = set(), 8
    while at < len(icns):
        kind, length = icns[at : at + 4], struct.unpack(">I", icns[at + 4 : at + 8])[0]
        assert icns[at + 8 : at + 16] == PNG
        kinds.add(kind)
        at += length
    assert at == len(icns) and {b"ic07", b"ic08", b"ic09", b"ic10"} <= kinds


def test_the_metadata_shows_screenshots_that_exist() -> None:
    root = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    images = root.findall("screenshots/screenshot/image")
    assert len(images) == 3
    for image in images:
        name = (image.text or "").rsplit("/", 1)[-1]
        shot = PACKAGING / "screenshots" / name
        assert _png_size(shot.read_bytes()) == (
            int(image.get("width", 0)),
            int(image.get("height", 0)),
        )


def test_the_spec_ships_what_the_app_loads_by_path() -> None:
    """Everything the app finds through ``Path(__file__)`` is in the spec's data files."""
    spec = (PACKAGING / "moedemappe.spec").read_text()
    for folder in ("resources/demo", "resources/i18n", "resources/icons"):
        assert f'"{folder}"' in spec
    used = set()
    for path in [*ROOT.glob("reader/**/*.py"), *ROOT.glob("ui/**/*.py")]:
        for m in re.finditer(r'"resources" / "(\w+)"', path.read_text(encoding="utf-8")):
            used.add(f"resources/{m.group(1)}")
    assert used <= {"resources/demo", "resources/i18n", "resources/icons"}, used


@pytest.mark.subprocess
def test_install_sh_installs_a_menu_entry_that_starts_the_app_and_uninstalls(
    tmp_path: Path,
) -> None:
    """The tarball's layout with a stand-in app, installed and taken away again."""
    unpacked = tmp_path / "moedemappe-0"
    (unpacked / "app" / "_internal").mkdir(parents=True)
    app = unpacked / "app" / "moedemappe"
    app.write_text('#!/bin/sh\necho started "$@"\n')
    app.chmod(0o755)
    share = unpacked / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(PACKAGING / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir()
    shutil.copy2(PACKAGING / f"{APP_ID}.metainfo.xml", share / "metainfo")
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(icon_png(size), folder / f"{APP_ID}.png")
    shutil.copy2(PACKAGING / "linux" / "install.sh", unpacked / "install.sh")
    prefix = tmp_path / "prefix with space"
    env = {**os.environ, "HOME": str(tmp_path / "home")}

    done = subprocess.run(
        [str(unpacked / "install.sh"), "--prefix", str(prefix)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    installed = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(installed, encoding="utf-8")
    exec_line = entry["Desktop Entry"]["Exec"]
    assert exec_line == f'"{prefix}/lib/moedemappe/moedemappe"'
    started = subprocess.run(
        [exec_line.strip('"')], capture_output=True, text=True, timeout=30
    )  # as a menu runs it: the full path, no arguments
    assert started.stdout == "started\n"
    assert (prefix / "bin" / "moedemappe").resolve() == prefix / "lib" / "moedemappe" / "moedemappe"
    for size in ICON_SIZES:
        assert (
            prefix / "share/icons/hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        ).is_file()
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()

    gone = subprocess.run(
        [str(unpacked / "install.sh"), "--uninstall", "--prefix", str(prefix)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert gone.returncode == 0, gone.stderr
    caches = {"mimeinfo.cache", "icon-theme.cache"}  # the desktop's, rebuilt as it goes
    assert [p for p in prefix.rglob("*") if not p.is_dir() and p.name not in caches] == []
