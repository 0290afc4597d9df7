"""Notes and annotations as scripts use them, and what must hold on disk: no plaintext,
no acknowledged save lost to kill -9."""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import keyring.backends.fail
import pymupdf
import pytest

from reader.library import Library
from reader.notes.annotation_store import AnnotationStore
from reader.notes.note_store import NoteStore
from reader.paths import DataPaths
from reader.vault import open_vault
from tests.support.library_fixtures import agenda_pdf
from tests.support.notes_fixtures import (
    PASSPHRASE,
    all_files,
    clean_env,
    contains,
    keyring_env,
    library_with_agenda,
)

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parents[2]


def cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean_env(), **(env or {})},
        cwd=ROOT,
        input=stdin,
    )


def _passphrase_env(tmp_path: Path) -> dict[str, str]:
    return {
        **keyring_env(tmp_path, "keyring.backends.fail.Keyring"),
        "MOEDEMAPPE_PASSPHRASE": PASSPHRASE,
    }


def test_cli_notes_annotations_and_exports(tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    env = keyring_env(tmp_path)  # a real (file) keychain: no passphrase needed
    assert (
        cli("--data-dir", d, "import", str(agenda_pdf(tmp_path / "dagsorden.pdf"))).returncode == 0
    )
    [meeting] = json.loads(cli("--data-dir", d, "meetings", "--json").stdout)
    doc = meeting["documents"][0]["id"]
    m = str(meeting["id"])
    r = cli(
        "--data-dir", d, "notes", "add", m, "--item", "2.1", "--text", "Spørg om prisen", env=env
    )
    assert r.returncode == 0, r.stderr
    note_id = r.stdout.strip()
    r = cli(
        "--data-dir",
        d,
        "notes",
        "add",
        m,
        "--page",
        "4",
        "--document",
        str(doc),
        "--text",
        "Side-note",
        env=env,
    )
    assert r.returncode == 0, r.stderr
    notes = json.loads(cli("--data-dir", d, "notes", "list", m, "--json", env=env).stdout)
    assert {(n["id"], n["item"], n["text"]) for n in notes} >= {(note_id, "2.1", "Spørg om prisen")}
    assert any(n["page"] == 4 and n["document"] == doc for n in notes)
    # line breaks, extra spaces and line-end hyphenation in the page do not prevent a match
    r = cli(
        "--data-dir",
        d,
        "annotate",
        str(doc),
        "--page",
        "4",
        "--quote",
        "Det  indstilles,   at løsningen udbre- des",
        "--note",
        "enig",
        env=env,
    )
    assert r.returncode == 0, r.stderr
    r = cli(
        "--data-dir", d, "annotate", str(doc), "--page", "4", "--quote", "ikke på siden", env=env
    )
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "står ikke på side 4" in r.stderr
    [ann] = json.loads(cli("--data-dir", d, "annotations", str(doc), "--json", env=env).stdout)
    assert {"id", "kind", "page", "quote", "note", "status", "version"} <= ann.keys()
    assert (ann["kind"], ann["page"], ann["quote"], ann["note"], ann["status"], ann["version"]) == (
        "highlight",
        4,
        "Det indstilles, at løsningen udbredes",
        "enig",
        "anchored",
        1,
    )
    out = tmp_path / "out"
    out.mkdir()
    for args in (
        ["export", str(doc), "--pdf", str(out / "a.pdf")],
        ["export-notes", m, "--md", str(out / "n.md")],
        ["export-notes", m, "--pdf", str(out / "n.pdf")],
        ["export-annotations", str(doc), "--w3c", str(out / "a.jsonld")],
    ):
        r = cli("--data-dir", d, *args, env=env)
        assert r.returncode == 0, r.stderr
    with pymupdf.open(out / "a.pdf") as pdf:
        page = pdf[3]
        assert [a.type[1] for a in page.annots()] == ["Highlight"]
    assert "Spørg om prisen" in (out / "n.md").read_text()
    assert json.loads((out / "a.jsonld").read_text())["total"] == 1
    status = json.loads(cli("--data-dir", d, "vault", "status", "--json", env=env).stdout)
    assert (status["keychain"], status["passphrase"], status["notes"]) == ("ok", False, 2)


def test_vault_commands_headless(tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    env = _passphrase_env(tmp_path)
    cli("--data-dir", d, "import", str(agenda_pdf(tmp_path / "dagsorden.pdf")))
    no_key = keyring_env(tmp_path, "keyring.backends.fail.Keyring")
    r = cli("--data-dir", d, "notes", "add", "1", "--text", "x", env=no_key)
    assert r.returncode == 1 and "MOEDEMAPPE_PASSPHRASE" in r.stderr and "Traceback" not in r.stderr
    assert cli("--data-dir", d, "notes", "add", "1", "--text", "gemt", env=env).returncode == 0
    r = cli(
        "--data-dir",
        d,
        "vault",
        "set-passphrase",
        env={**env, "MOEDEMAPPE_NEW_PASSPHRASE": "ny og længere frase"},
    )
    assert r.returncode == 0, r.stderr
    r = cli("--data-dir", d, "notes", "list", "1", "--json", env=env)
    assert r.returncode == 1 and "adgangskoden til dine noter er forkert" in r.stderr
    new_env = {**env, "MOEDEMAPPE_PASSPHRASE": "ny og længere frase"}
    assert cli("--data-dir", d, "vault", "rotate", env=new_env).returncode == 0
    notes = json.loads(cli("--data-dir", d, "notes", "list", "1", "--json", env=new_env).stdout)
    assert [n["text"] for n in notes] == ["gemt"]


def test_reissue_while_the_vault_is_locked_stays_pending(tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    env = _passphrase_env(tmp_path)
    cli("--data-dir", d, "import", str(agenda_pdf(tmp_path / "a" / "dagsorden.pdf")))
    r = cli(
        "--data-dir", d, "annotate", "1", "--page", "4", "--quote", "løsningen udbredes", env=env
    )
    assert r.returncode == 0, r.stderr
    v2 = agenda_pdf(tmp_path / "b" / "dagsorden.pdf", extra="Tilføjet ved genudsendelse.")
    locked = keyring_env(tmp_path, "keyring.backends.fail.Keyring")
    r = cli("--data-dir", d, "import", str(v2), env=locked)
    assert r.returncode == 0, r.stderr
    assert "markeringerne flyttes med senere" in r.stderr
    with Library(DataPaths(Path(d))) as lib:
        assert lib.cursor("anchors") < lib.last_event()
    [ann] = json.loads(cli("--data-dir", d, "annotations", "1", "--json", env=env).stdout)
    assert (ann["status"], ann["version"], ann["page"]) == ("anchored", 2, 4)
    with Library(DataPaths(Path(d))) as lib:
        assert lib.cursor("anchors") == lib.last_event()


CANARY = "KANARIEFUGL-7f3a9c"
CANARY2 = "Kanariefuglens-annotation-51b2"


def test_no_plaintext_of_notes_on_disk(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = tmp_path / "data"
    env = _passphrase_env(tmp_path)
    cli("--data-dir", str(data), "import", str(agenda_pdf(tmp_path / "dagsorden.pdf")))
    for args in (
        ["notes", "add", "1", "--item", "2.1", "--text", f"CLI {CANARY} note"],
        ["annotate", "1", "--page", "4", "--quote", "TeleHjerte", "--note", f"CLI {CANARY2}"],
        ["notes", "list", "1", "--json"],
        ["annotations", "1", "--json"],
    ):
        r = cli("--data-dir", str(data), *args, env=env)
        assert r.returncode == 0, r.stderr
    caplog.set_level(logging.DEBUG)
    lib = Library(DataPaths(data))  # kept open while scanning: the WAL stays as it is
    try:
        vault = open_vault(lib, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
        notes = NoteStore(lib, vault)
        n = notes.add(1, f"API {CANARY}")
        for i in range(20):  # autosave: many versions of the same note
            notes.save(n.id, f"API {CANARY} version {i}")
        anns = AnnotationStore(lib, vault)
        a = anns.annotate_quote(1, 4, "løsningen udbredes", note=f"API {CANARY2}")
        anns.update(a.id, note=f"API {CANARY2} rettet")
        anns.add_shape(1, 3, "textbox", rect=(80, 80, 300, 120), text=f"boks {CANARY2}")
        assert CANARY in notes.get(n.id).text  # it is really there, encrypted
        files = all_files(data)
        names = {p.name for p in files}
        assert "library.sqlite3-wal" in names and any(p.parent.name == "logs" for p in files)
        leaks = [str(p) for p in files for c in (CANARY, CANARY2, PASSPHRASE) if contains(p, c)]
        assert leaks == []
    finally:
        lib.close()
    assert all(
        CANARY not in r.getMessage() and CANARY2 not in r.getMessage() for r in caplog.records
    )
    leaks = [str(p) for p in all_files(data) for c in (CANARY, CANARY2) if contains(p, c)]
    assert leaks == []


@pytest.mark.parametrize("kill_count", [12, pytest.param(50, marks=pytest.mark.slow)])
def test_kill_9_during_saves_loses_no_acknowledged_save(tmp_path: Path, kill_count: int) -> None:
    data = tmp_path / "data"
    with Library(DataPaths(data)) as lib:
        meeting, _ = library_with_agenda(lib, tmp_path)
        vault = open_vault(lib, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    env = {**os.environ, **_passphrase_env(tmp_path)}
    rng = random.Random(42)
    acked: dict[str, int] = {}  # note id -> highest acknowledged version
    kills = 0
    while kills < kill_count:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.notes_saver",
                str(data),
                str(meeting),
                str(kills),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        # kill after a random number of acknowledged saves, then a moment more: how much
        # work each process does does not depend on how busy the machine is
        seen = [proc.stdout.readline() for _ in range(rng.randint(1, 25))]
        assert seen[0].startswith(b"ACK"), proc.stderr.read() if proc.stderr else b""
        time.sleep(rng.uniform(0, 0.01))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        kills += 1
        text = (b"".join(seen) + rest).decode(errors="replace")
        for line in text.split("\n")[:-1]:  # after the last newline: torn, acknowledges nothing
            parts = line.split()
            if len(parts) == 3 and parts[0] == "ACK":
                version = int(parts[2].split("-v")[1])
                acked[parts[1]] = max(acked.get(parts[1], 0), version)
    assert len(acked) > kill_count and sum(acked.values()) > 10 * kill_count
    with Library(DataPaths(data)) as lib:
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store = NoteStore(lib, vault)
        for note_id, version in acked.items():
            text = store.get(note_id).text
            assert int(text.split()[0].split("-v")[1]) >= version, (note_id, version, text[:20])
