"""The data dir and what holds a user's notes are readable by that user alone, whatever
the umask; an existing data dir of theirs is tightened."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Library
from reader.logs import _PrivateRotatingFileHandler, setup_logging
from reader.paths import DataPaths
from tests.support.library_fixtures import agenda_pdf
from tests.support.notes_fixtures import PASSPHRASE, clean_env, keyring_env

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)  # the most permissive: nothing may rely on the umask
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.subprocess
def test_a_new_data_dir_is_private_whatever_the_umask(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {
        **clean_env(),
        **keyring_env(tmp_path, "keyring.backends.fail.Keyring"),
        "MOEDEMAPPE_PASSPHRASE": PASSPHRASE,
    }

    def cli(*args: str) -> None:
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=ROOT,
            preexec_fn=lambda: os.umask(0),  # the child's umask: the most permissive
        )
        assert result.returncode == 0, result.stderr

    cli("import", str(agenda_pdf(tmp_path / "dagsorden.pdf")))
    cli("notes", "add", "1", "--text", "privat")
    cli("export-notes", "1", "--md", str(tmp_path / "noter.md"))
    with Library(DataPaths(data)):  # open: the WAL and shared-memory files exist now
        found = {p.relative_to(data).as_posix(): mode(p) for p in data.rglob("*")}
    assert found["library.sqlite3"] == 0o600
    assert found["library.sqlite3-wal"] == found["library.sqlite3-shm"] == 0o600
    assert found["logs/moedemappe.log"] == 0o600
    assert mode(data) == found["files"] == found["tmp"] == found["logs"] == 0o700
    assert mode(tmp_path / "noter.md") == 0o600
    blobs = [p for p in found if p.endswith(".pdf")]
    assert blobs and all(found[p] == 0o444 for p in blobs)  # read-only, in a private folder
    # what other parts keep below it (the search index, the blob folders) is shut off by
    # the data dir's own 0700


def test_an_existing_data_dir_is_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Library(DataPaths(data)):
        pass
    (data / "logs" / "moedemappe.log.1").write_text("gammel log\n")
    opened_up = [data, data / "files", data / "tmp", data / "logs"]
    for d in opened_up:
        d.chmod(0o755)
    for f in (data / "library.sqlite3", data / "logs" / "moedemappe.log.1"):
        f.chmod(0o644)
    with Library(DataPaths(data)) as lib:
        lib.conn.execute("CREATE TABLE t (x)")  # the WAL appears only now
        assert mode(data / "library.sqlite3-wal") == 0o600
    setup_logging(DataPaths(data))
    assert [mode(d) for d in opened_up] == [0o700] * 4
    assert mode(data / "library.sqlite3") == 0o600
    assert mode(data / "logs" / "moedemappe.log.1") == 0o600


def test_every_log_file_is_private_even_after_a_rollover(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "logs" / "moedemappe.log"
    path.parent.mkdir()
    handler = _PrivateRotatingFileHandler(path, maxBytes=200, backupCount=2, encoding="utf-8")
    log = logging.getLogger("test-private-log")
    log.addHandler(handler)
    try:
        for i in range(20):
            log.warning("linje %d %s", i, "x" * 40)
    finally:
        log.removeHandler(handler)
        handler.close()
    files = sorted(path.parent.iterdir())
    assert [p.name for p in files] == ["moedemappe.log", "moedemappe.log.1", "moedemappe.log.2"]
    assert [mode(p) for p in files] == [0o600] * 3


def test_a_folder_without_a_library_keeps_its_mode(tmp_path: Path) -> None:
    """``--data-dir ~`` must not take the home folder away from the group."""
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    with Library(DataPaths(home)):
        pass
    assert mode(home) == 0o755
    assert mode(home / "files") == 0o700
    assert mode(home / "library.sqlite3") == 0o600
