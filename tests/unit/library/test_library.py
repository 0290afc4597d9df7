"""The SQLite store and the content-addressed file store."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from reader.errors import LibraryError, NotFoundError
from reader.library import Library
from reader.library.db import MIGRATIONS, connect, schema_version
from reader.paths import DataPaths, default_data_dir, resolve


def test_schema_is_migrated_with_wal_and_foreign_keys(library: Library) -> None:
    conn = library.conn
    assert schema_version(conn) == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "sources",
        "bodies",
        "meetings",
        "agenda_items",
        "documents",
        "document_versions",
    } <= tables


def test_reopening_does_not_migrate_twice(data_dir: Path) -> None:
    Library(DataPaths(data_dir)).close()
    with Library(DataPaths(data_dir)) as lib:
        assert schema_version(lib.conn) == len(MIGRATIONS)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(LibraryError, match="nyere Mødemappe"):
        connect(path)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "d")
    paths.ensure()
    paths.database.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="bibliotekets database"):
        Library(paths)


def test_foreign_keys_are_enforced(library: Library) -> None:
    with pytest.raises(sqlite3.IntegrityError), library.transaction() as conn:
        conn.execute(
            "INSERT INTO meetings (body_id, key, title, kind, created) "
            "VALUES (999, 'k', 't', 'agenda', 'now')"
        )
    assert library.counts()["meetings"] == 0


def test_blobs_are_content_addressed_read_only_and_idempotent(library: Library) -> None:
    data = b"%PDF-1.7 fake bytes"
    sha = library.put_blob(data)
    assert sha == hashlib.sha256(data).hexdigest()
    path = library.blob_path(sha)
    assert path.read_bytes() == data
    assert not path.stat().st_mode & 0o222
    assert library.put_blob(data) == sha
    assert list(library.paths.tmp.iterdir()) == []


def test_garbage_collection_removes_only_old_unreferenced_files(library: Library) -> None:
    orphan = library.put_blob(b"orphan")
    (library.paths.tmp / "x.part").write_bytes(b"half")
    # recent files may belong to an import in another process that has not committed yet
    assert library.collect_garbage() == 0
    assert library.blob_path(orphan).exists()
    assert library.collect_garbage(min_age=0) == 1
    assert not library.blob_path(orphan).exists()
    assert list(library.paths.tmp.iterdir()) == []


def test_missing_things_are_not_found(library: Library) -> None:
    with pytest.raises(NotFoundError):
        library.meeting(1)
    with pytest.raises(NotFoundError):
        library.document(1)


def test_data_dir_comes_from_argument_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOEDEMAPPE_DATA_DIR", str(tmp_path / "env"))
    assert default_data_dir() == tmp_path / "env"
    assert resolve(None).root == tmp_path / "env"
    assert resolve(str(tmp_path / "arg")).root == tmp_path / "arg"
    monkeypatch.delenv("MOEDEMAPPE_DATA_DIR")
    assert "moedemappe" in str(default_data_dir())
