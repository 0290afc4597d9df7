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
        "import ui.app\n"
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
