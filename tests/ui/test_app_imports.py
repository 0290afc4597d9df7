"""The window's process stays light at start: what it does not need to show the library is not
imported with it (PyMuPDF renders in the workers; search, keychain and encryption load with
their first use)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HEAVY = ("pymupdf", "fitz", "whoosh", "keyring", "cryptography", "simplemma")


def test_importing_the_app_loads_no_heavy_library() -> None:
    code = (
        "import json, sys\n"
        "import ui.app, ui.main_window\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_starting_the_app_from_main_loads_no_command_line() -> None:
    """``moedemappe`` with no command (or only ``--data-dir``) starts the window without the
    command line's parser, which imports every command's modules."""
    code = (
        "import json, sys\n"
        "import ui.app\n"
        "def run_app(data_dir):\n"
        f"    heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "    cli = sorted(m for m in sys.modules if m.startswith('reader.cli'))\n"
        "    print(json.dumps([data_dir, heavy, cli]))\n"
        "    return 0\n"
        "ui.app.run_app = run_app\n"
        "import main\n"
        "sys.exit(main.main(sys.argv[1:]))\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
        "QT_QPA_PLATFORM": "offscreen",
    }
    for args, data_dir in (([], None), (["--data-dir", "/x"], "/x"), (["--data-dir=/y"], "/y")):
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout.strip().splitlines()[-1]) == [data_dir, [], []]


def test_anything_else_on_the_command_line_goes_to_its_parser() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from main import app_only
    finally:
        sys.path.remove(str(ROOT))
    assert app_only([]) == (True, None)
    assert app_only(["--data-dir", "d"]) == (True, "d")
    assert app_only(["--data-dir=d"]) == (True, "d")
    for args in (["--help"], ["--version"], ["--data-dir"], ["--data-dir", "--help"], ["list"]):
        assert app_only(args)[0] is False
    assert app_only(["--data-dir", "d", "list"])[0] is False
