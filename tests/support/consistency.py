"""The library's own invariants, checked after imports, syncs and kills alike."""

from __future__ import annotations

import hashlib

from reader.library import Library


def assert_consistent(lib: Library) -> None:
    """Every row points at something real; every stored file is what its name says."""
    conn = lib.conn
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    orphans = conn.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM document_versions)"
    ).fetchall()
    assert orphans == []
    for row in conn.execute("SELECT id, sha256, pages FROM document_versions"):
        data = lib.blob_path(row["sha256"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"]
        n = conn.execute("SELECT count(*) FROM page_texts WHERE version_id = ?", (row["id"],))
        assert n.fetchone()[0] == row["pages"]
