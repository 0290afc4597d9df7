"""The headless CLI as scripts use it: real processes, real exit codes, JSON on stdout."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.library import Library
from reader.paths import DataPaths
from tests.support.cli import ROOT, cli
from tests.support.consistency import assert_consistent
from tests.support.library_fixtures import agenda_pdf, plain_pdf

pytestmark = pytest.mark.subprocess


def test_import_meetings_agenda_text_round_trip(tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    pdf = agenda_pdf(tmp_path / "dagsorden.pdf")
    result = cli("--data-dir", d, "import", str(pdf))
    assert result.returncode == 0, result.stderr
    meetings = json.loads(cli("--data-dir", d, "meetings", "--json").stdout)
    [meeting] = meetings
    assert {"id", "body", "title", "kind", "start", "location", "documents"} <= meeting.keys()
    assert meeting["kind"] == "agenda"
    agenda = json.loads(cli("--data-dir", d, "agenda", str(meeting["id"]), "--json").stdout)
    assert agenda["meeting"]["id"] == meeting["id"]
    items = {it["number"]: it for it in agenda["items"]}
    assert list(items) == ["1", "1.1", "2", "2.1", "2.2"]
    item = items["2.1"]
    assert {
        "number",
        "title",
        "case",
        "closed",
        "document",
        "page",
        "sections",
        "attachments",
    } <= item.keys()
    assert item["case"] == "SAG-2026-00102"
    assert item["sections"][:2] == ["Baggrund", "Indstilling"]
    assert item["attachments"] == ["Evaluering af piloten"]
    text = cli("--data-dir", d, "text", str(item["document"]), "--page", str(item["page"]))
    assert text.returncode == 0
    assert "Telemedicin til borgere med hjertesvigt" in text.stdout
    assert text.stdout.count("Telemedicin til borgere med hjertesvigt") == 1


def test_environment_variable_selects_the_data_dir(tmp_path: Path) -> None:
    env = {"MOEDEMAPPE_DATA_DIR": str(tmp_path / "envdata")}
    assert cli("import", str(plain_pdf(tmp_path / "x.pdf", "Hej")), env=env).returncode == 0
    assert (tmp_path / "envdata" / "library.sqlite3").is_file()


def test_nothing_is_written_outside_the_data_dir(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    src = agenda_pdf(tmp_path / "src" / "dagsorden.pdf")
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local/share"), "TMPDIR": str(home)}
    for args in (["import", str(src)], ["meetings", "--json"], ["agenda", "1", "--json"]):
        assert cli("--data-dir", str(tmp_path / "data"), *args, env=env).returncode == 0
    assert list(home.iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "src").iterdir()) == ["dagsorden.pdf"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["agenda"], 2),
        (["agenda", "abc"], 2),
        (["text", "1"], 2),
        (["nosuchcommand"], 2),
        (["agenda", "42", "--json"], 1),
        (["text", "42", "--page", "1"], 1),
        (["import", "/nonexistent/file.pdf"], 1),
    ],
)
def test_exit_codes_and_one_line_errors(tmp_path: Path, args: list[str], code: int) -> None:
    result = cli("--data-dir", str(tmp_path / "d"), *args)
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1
        if args[0] != "import":  # import still prints its summary
            assert result.stdout == ""


def test_no_command_without_a_display_explains_instead_of_crashing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "no display" in result.stderr and "Traceback" not in result.stderr


def test_page_out_of_range_is_a_clear_error(tmp_path: Path) -> None:
    d = str(tmp_path / "d")
    cli("--data-dir", d, "import", str(plain_pdf(tmp_path / "x.pdf", "A", "B")))
    assert cli("--data-dir", d, "text", "1", "--page", "2").stdout.strip() == "B"
    result = cli("--data-dir", d, "text", "1", "--page", "3")
    assert result.returncode == 1 and "side 1-2" in result.stderr


@pytest.mark.parametrize("kill_count", [4, pytest.param(8, marks=pytest.mark.slow)])
def test_killed_import_leaves_a_consistent_library_and_the_next_run_completes(
    tmp_path: Path, kill_count: int
) -> None:
    """kill -9 at random moments during imports; the library must always be consistent."""
    folders = []
    for n in range(4):
        folder = tmp_path / f"pkg{n}"
        agenda_pdf(folder / "dagsorden.pdf", day=n + 1)
        for i in range(3):
            plain_pdf(folder / f"bilag{i}.pdf", f"Bilag {n}.{i}", "side 2")
        folders.append(str(folder))
    data = tmp_path / "data"
    rng = random.Random(1234)
    for _ in range(kill_count):
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "import", *folders],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
        time.sleep(rng.uniform(0.2, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Library(DataPaths(data)) as lib:
            assert_consistent(lib)
    final = cli("--data-dir", str(data), "import", *folders)
    assert final.returncode == 0, final.stderr
    with Library(DataPaths(data)) as lib:
        assert_consistent(lib)
        assert lib.counts()["meetings"] == 4
        assert lib.counts()["documents"] == 16
        assert lib.counts()["document_versions"] == 16
        lib.collect_garbage(min_age=0)
        assert len(list(lib.paths.files.rglob("*.pdf"))) == 4 + 12


def test_two_imports_at_once_both_land(tmp_path: Path) -> None:
    """Two processes writing one library queue on SQLite's lock; neither fails or loses files."""
    data = tmp_path / "data"
    folders = []
    for n in range(2):
        folder = tmp_path / f"pkg{n}"
        agenda_pdf(folder / "dagsorden.pdf", day=n + 1)
        for i in range(4):
            plain_pdf(folder / f"bilag{i}.pdf", f"Bilag {n}.{i}")
        folders.append(folder)
    procs = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "import", str(f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for f in folders
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with Library(DataPaths(data)) as lib:
        assert_consistent(lib)
        assert lib.counts()["meetings"] == 2
        assert lib.counts()["documents"] == 10
