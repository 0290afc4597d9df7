"""The Linux release check (``make release-check``): build the bundle, then use it as a member
would, and print what it measured.

1. Build ``dist/moedemappe/`` and the tarball (``packaging/build.py``; ``--no-build`` keeps
   what is there).
2. The bundle's ``--self-test``, headless (``QT_QPA_PLATFORM=offscreen``), with a home of its
   own and none of the member's settings.
3. The tarball unpacked and ``install.sh --prefix`` run into a temporary folder: the
   executable, the command's link, the menu entry (checked with desktop-file-validate and
   appstreamcli where installed, and by reading it), the icons, the metadata.
4. The app started as the desktop's menu starts it, from the installed entry's ``Exec``
   line, on an X server of its own (Xvfb; offscreen without one): the time to a shown window
   (xdotool), the demo library imported on the first start, Ctrl+Q quits with status 0;
   then started again on the library it made.
5. The installed command's ``--self-test`` (through the ``bin/`` link), then
   ``install.sh --uninstall`` leaves none of its files.

Exits 1 at the first failure. The last line is JSON: sizes and times.
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from packaging_info import APP_ID, ICON_SIZES, ROOT, version

DIST = ROOT / "dist"
BUNDLE = DIST / "moedemappe"
WINDOW_TIMEOUT_S = 60.0
results: dict[str, object] = {}


class Failed(Exception):
    pass


def step(name: str, detail: str) -> None:
    print(f"ok   {name}: {detail}", flush=True)


def du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir())


def mib(n: int) -> float:
    return round(n / (1 << 20), 1)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A member's environment on a fresh account: none of ours, none of the developer's."""
    keep = ("PATH", "LANG", "LC_ALL", "TMPDIR", "DISPLAY")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env["HOME"] = str(home)
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env["XDG_CACHE_HOME"] = str(home / ".cache")
    env.update(extra)
    return env


def build() -> None:
    started = time.monotonic()
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], check=True)
    results["build_s"] = round(time.monotonic() - started, 1)
    step("build", f"dist/moedemappe and the tarball in {results['build_s']} s")


def tarball() -> Path:
    found = sorted(DIST.glob(f"moedemappe-{version()}-linux-*.tar.gz"))
    if not BUNDLE.joinpath("moedemappe").is_file() or not found:
        raise Failed("no bundle in dist/: build it first (make bundle)")
    return found[-1]


def sizes() -> None:
    pack = tarball()
    results["bundle_mib"] = mib(du(BUNDLE))
    results["tarball_mib"] = mib(du(pack))
    files = sum(1 for p in BUNDLE.rglob("*") if p.is_file())
    step(
        "size",
        f"dist/moedemappe {results['bundle_mib']} MiB in {files} files, "
        f"{pack.name} {results['tarball_mib']} MiB",
    )


def self_test(executable: Path, home: Path, name: str) -> float:
    started = time.monotonic()
    done = subprocess.run(
        [str(executable), "--self-test"],
        env=clean_env(home, QT_QPA_PLATFORM="offscreen", MOEDEMAPPE_LANG="en"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    seconds = time.monotonic() - started
    if done.returncode != 0 or "self-test passed" not in done.stdout:
        raise Failed(
            f"{executable} --self-test: exit {done.returncode}\n{done.stdout}{done.stderr}"
        )
    lines = done.stdout.strip().splitlines()
    step(name, f"{len(lines) - 2} steps passed, process start to exit {seconds:.2f} s")
    return seconds


def install(pack: Path, work: Path) -> Path:
    """Unpack and install into ``work/prefix``; the installed menu entry's path."""
    with tarfile.open(pack) as tar:
        tar.extractall(work / "unpacked", filter="tar")
    (folder,) = (work / "unpacked").iterdir()
    prefix = work / "prefix"
    done = subprocess.run(
        [str(folder / "install.sh"), "--prefix", str(prefix)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise Failed(f"install.sh: exit {done.returncode}\n{done.stdout}{done.stderr}")
    share = prefix / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    wanted = [
        prefix / "lib" / "moedemappe" / "moedemappe",
        prefix / "bin" / "moedemappe",
        desktop,
        share / "metainfo" / f"{APP_ID}.metainfo.xml",
        *(share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in ICON_SIZES),
    ]
    missing = [str(p.relative_to(prefix)) for p in wanted if not p.exists()]
    if missing:
        raise Failed(f"install.sh left out {', '.join(missing)}")
    validated = []
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    for tool, args in (
        ("desktop-file-validate", [str(desktop)]),
        ("appstreamcli", ["validate", "--no-net", str(metainfo)]),
    ):
        if shutil.which(tool):
            check = subprocess.run([tool, *args], capture_output=True, text=True)
            if check.returncode != 0:
                raise Failed(f"{tool}: {check.stdout}{check.stderr}")
            validated.append(tool)
    step(
        "install",
        f"install.sh --prefix: app, command, menu entry, {len(ICON_SIZES)} icons, metainfo"
        + (f"; passes {' and '.join(validated)}" if validated else ""),
    )
    return desktop


def exec_line(desktop: Path) -> list[str]:
    """The command the desktop's menu runs: the entry's Exec, field codes dropped."""
    entry = configparser.ConfigParser(interpolation=None, strict=False)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(desktop, encoding="utf-8")
    section = entry["Desktop Entry"]
    if section.get("Type") != "Application" or section.get("Terminal", "false") != "false":
        raise Failed(f"{desktop.name}: not a graphical application entry")
    argv = [a for a in shlex.split(section["Exec"]) if not (len(a) == 2 and a[0] == "%")]
    if not (Path(argv[0]).is_absolute() and os.access(argv[0], os.X_OK)):
        raise Failed(f"{desktop.name}: Exec={section['Exec']} is no executable")
    icon = section.get("Icon")
    if icon != APP_ID:
        raise Failed(f"{desktop.name}: Icon={icon}, the icons are named {APP_ID}")
    return argv


@contextmanager
def x_server() -> Iterator[str | None]:
    """A display of our own (Xvfb), or None where there is no Xvfb and xdotool. Numbered
    from 300 up: other checks on a shared machine start theirs at 0 or 99."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        yield None
        return
    for number in range(300, 400):
        if Path(f"/tmp/.X{number}-lock").exists():
            continue
        server = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while server.poll() is None and not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if server.poll() is None and socket.exists():
            break
        server.kill()
        server.wait()
    else:
        raise Failed("no Xvfb display could be started")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def x_alive(display: str) -> bool:
    found = subprocess.run(
        ["xdotool", "getdisplaygeometry"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
    )
    return found.returncode == 0


def meetings(data: Path) -> int:
    try:
        with sqlite3.connect(f"file:{data / 'library.sqlite3'}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM meetings").fetchone()[0])
    except sqlite3.Error:
        return 0


def start_from_menu(
    argv: list[str], home: Path, display: str | None, wm_class: str = "moedemappe"
) -> tuple[float | None, float]:
    """Start the app as the menu does; the seconds to a shown window (None: no display to
    see it on) and to the demo library in place; then quit it with Ctrl+Q (or SIGTERM).
    The window is known by its WM_CLASS, which the entry's StartupWMClass names."""
    env = (
        clean_env(home, DISPLAY=display)
        if display
        else clean_env(home, QT_QPA_PLATFORM="offscreen")
    )
    data = home / ".local" / "share" / "moedemappe"
    started = time.monotonic()
    app = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    shown: float | None = None
    window = ""
    try:
        while time.monotonic() - started < WINDOW_TIMEOUT_S:
            if app.poll() is not None:
                said = app.stderr.read() if app.stderr else ""
                raise Failed(f"the app exited with {app.returncode}: {said}")
            if display and not window:
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--classname", f"^{wm_class}$"],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if found.returncode == 0 and found.stdout.strip():
                    shown, window = time.monotonic() - started, found.stdout.split()[0]
            if (window or not display) and meetings(data) >= 2:
                break
            time.sleep(0.02)
        else:
            raise Failed(f"no window with the demo library after {WINDOW_TIMEOUT_S:.0f} s")
        ready = time.monotonic() - started
        time.sleep(1.0)  # let the first start's import finish its indexing
        if display:
            subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
            subprocess.run(["xdotool", "key", "ctrl+q"], env=env, check=True)
        else:
            app.terminate()
        code = app.wait(30)
        if display and code != 0:
            raise Failed(
                f"Ctrl+Q: the app exited with {code}: {app.stderr.read() if app.stderr else ''}"
            )
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    return shown, ready


def from_the_menu(desktop: Path, work: Path) -> None:
    argv = exec_line(desktop)
    for attempt in range(1, 4):
        home = work / f"home-{attempt}"
        home.mkdir()
        with x_server() as display:
            try:
                first, ready = start_from_menu(argv, home, display)
                again = [start_from_menu(argv, home, display)[0] for _ in range(3)]
                break
            except Failed as exc:
                # On a shared machine another job may take every Xvfb down with it; only
                # that is tried again, on a new server
                if display is None or x_alive(display) or attempt == 3:
                    raise
                print(f"     (the X server {display} went away: {str(exc).splitlines()[0]}; again)")
    where = f"Xvfb {display}" if display else "offscreen (no Xvfb and xdotool: no window timed)"
    if first is None:
        step("menu", f"{shlex.join(argv)} on {where}: demo library in {ready:.2f} s, quit")
        return
    results["window_first_start_s"] = round(first, 2)
    results["window_s"] = round(statistics.median(t for t in again if t is not None), 2)
    step(
        "menu",
        f"{shlex.join(argv)} on {where}: window shown {first:.2f} s after the start on the first "
        f"start (demo library in {ready:.2f} s), {results['window_s']:.2f} s on the next "
        "(median of 3); Ctrl+Q exits 0",
    )


def uninstall(work: Path) -> None:
    (folder,) = (work / "unpacked").iterdir()
    prefix = work / "prefix"
    subprocess.run(
        [str(folder / "install.sh"), "--uninstall", "--prefix", str(prefix)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    caches = {"mimeinfo.cache", "icon-theme.cache"}  # the desktop's own, rebuilt by install.sh
    left = [
        str(p.relative_to(prefix))
        for p in prefix.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.name not in caches
    ]
    if left:
        raise Failed(f"install.sh --uninstall left {', '.join(left[:5])}")
    step("uninstall", "install.sh --uninstall removed every file it installed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="check the bundle in dist/")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        print("release_check: Linux only; see packaging/README.md for Windows and macOS")
        return 2
    try:
        if not args.no_build:
            build()
        sizes()
        with tempfile.TemporaryDirectory(prefix="moedemappe-release-") as tmp:
            work = Path(tmp)
            home = work / "selftest-home"
            home.mkdir()
            results["self_test_s"] = round(self_test(BUNDLE / "moedemappe", home, "self-test"), 2)
            desktop = install(tarball(), work)
            from_the_menu(desktop, work)
            self_test(work / "prefix" / "bin" / "moedemappe", home, "installed self-test")
            uninstall(work)
    except (Failed, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"FAIL {exc}", flush=True)
        return 1
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
