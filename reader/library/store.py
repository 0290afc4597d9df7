"""The library: typed reads and the few writes the importer and sync need.

PDF files live in ``files/<sha[:2]>/<sha>.pdf`` and are never modified: a re-issued
document is a new version with a new file, and the old one stays.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reader.errors import LibraryError, NotFoundError
from reader.fsutil import write_atomic
from reader.i18n import say
from reader.library.db import connect
from reader.paths import DataPaths

GC_MIN_AGE = 3600.0  # seconds; longer than any import takes between storing and committing


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class DocumentRow:
    id: int
    meeting_id: int
    item_number: str | None
    kind: str
    title: str
    file_name: str
    version: int
    version_id: int
    sha256: str
    pages: int

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "file_name": self.file_name,
            "item": self.item_number,
            "version": self.version,
            "pages": self.pages,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class MeetingRow:
    id: int
    body: str
    title: str
    kind: str
    start: str | None
    end: str | None
    location: str | None
    removed: bool
    documents: list[DocumentRow] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "body": self.body,
            "title": self.title,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "location": self.location,
            "removed": self.removed,
            "documents": [d.to_json() for d in self.documents],
        }


@dataclass(frozen=True)
class ItemRow:
    id: int
    number: str
    title: str
    is_group: bool
    group: str | None
    case: str | None
    closed: bool
    document_id: int | None
    page_start: int | None
    page_end: int | None
    sections: list[str]
    attachments: list[str]
    cases: list[str] = field(default_factory=list)
    y: float | None = None  # where the heading stands on ``page_start``
    offset: int | None = None  # where the heading starts in that page's stored text

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "title": self.title,
            "is_group": self.is_group,
            "group": self.group,
            "case": self.case,
            "cases": self.cases,
            "y": self.y,
            "closed": self.closed,
            "document": self.document_id,
            "page": self.page_start,
            "page_end": self.page_end,
            "sections": self.sections,
            "attachments": self.attachments,
        }


_DOC_SELECT = """
    SELECT d.id, d.meeting_id, i.number AS item_number, d.kind, d.title, d.file_name,
           v.number AS version, v.id AS version_id, v.sha256, v.pages
    FROM documents d
    JOIN document_versions v ON v.document_id = d.id
         AND v.number = (SELECT max(number) FROM document_versions WHERE document_id = d.id)
    LEFT JOIN agenda_items i ON i.id = d.item_id
"""


def _doc(row: sqlite3.Row) -> DocumentRow:
    # _DOC_SELECT's columns are DocumentRow's fields, in order: by position is twice as fast
    # as by name, which counts when the window lists every document of the library
    return DocumentRow(*row)


class Library:
    """One data directory's library. Not thread-safe: one instance per thread."""

    def __init__(self, paths: DataPaths) -> None:
        try:
            paths.ensure()
        except OSError as exc:
            raise LibraryError(
                say(
                    f"{paths.root}: kan ikke oprette datamappen ({exc})",
                    f"{paths.root}: cannot create the data directory ({exc})",
                )
            ) from exc
        self.paths = paths
        self._files = str(paths.files)
        self.conn = connect(paths.database)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write; ``BEGIN IMMEDIATE`` so concurrent writers queue, not deadlock."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- files ---------------------------------------------------------------------------

    def blob_path(self, sha256: str) -> Path:
        # one Path made from a string, not three joined: the window asks for every document
        return Path(f"{self._files}{os.sep}{sha256[:2]}{os.sep}{sha256}.pdf")

    def put_blob(self, data: bytes, fresh: dict[str, int] | None = None) -> str:
        """Store bytes under their SHA-256, atomically; existing files are left untouched.

        ``fresh`` collects the files this call created (sha256 -> mtime in ns), for
        ``discard_blobs`` to remove if the import that stored them fails.
        """
        sha = hashlib.sha256(data).hexdigest()
        target = self.blob_path(sha)
        existing = _mtime_ns(target)
        if existing is not None and target.stat().st_size == len(data):
            # fresh again, for garbage collection; and always a new mtime, which tells
            # discard_blobs in another process that this file is wanted again
            touched = max(time.time_ns(), existing + 1)
            os.utime(target, ns=(touched, touched))
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data, tmp_dir=self.paths.tmp, mode=0o444)
        mtime_ns = _mtime_ns(target)
        if fresh is not None and mtime_ns is not None:
            fresh[sha] = mtime_ns
        return sha

    def discard_blobs(self, fresh: dict[str, int]) -> int:
        """Remove files ``put_blob`` created that no version refers to: what a failed or
        partly refused import stored, so that it leaves nothing behind.

        A file whose mtime moved since was stored again by another import that may not
        have committed yet (``put_blob`` always moves it); it is left for garbage
        collection. Call outside a transaction.
        """
        removed = 0
        for sha, mtime_ns in fresh.items():
            used = self.conn.execute(
                "SELECT 1 FROM document_versions WHERE sha256 = ? LIMIT 1", (sha,)
            ).fetchone()
            path = self.blob_path(sha)
            if used is None and _mtime_ns(path) == mtime_ns:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def collect_garbage(self, min_age: float = GC_MIN_AGE) -> int:
        """Remove files no version refers to (left by an import killed before its commit).

        Only files older than ``min_age`` seconds: another process may be importing right
        now, with files stored and its transaction not yet committed.
        """
        known = {r[0] for r in self.conn.execute("SELECT DISTINCT sha256 FROM document_versions")}
        cutoff = time.time() - min_age
        removed = 0
        for path in self.paths.files.glob("*/*.pdf"):
            if path.stem not in known and _mtime(path) < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        for path in self.paths.tmp.glob("*.part"):
            if _mtime(path) < cutoff:
                path.unlink(missing_ok=True)
        return removed

    # -- reads ---------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM meetings LIMIT 1").fetchone() is None

    def meetings(self) -> list[MeetingRow]:
        rows = self.conn.execute(
            """SELECT m.*, b.name AS body FROM meetings m JOIN bodies b ON b.id = m.body_id
               ORDER BY m.start IS NULL, m.start DESC, m.id DESC"""
        ).fetchall()
        docs: dict[int, list[DocumentRow]] = {}
        for row in self.conn.execute(_DOC_SELECT + " ORDER BY d.kind = 'attachment', d.id"):
            docs.setdefault(row["meeting_id"], []).append(_doc(row))
        return [self._meeting(r, docs.get(r["id"], [])) for r in rows]

    def meeting(self, meeting_id: int) -> MeetingRow:
        row = self.conn.execute(
            """SELECT m.*, b.name AS body FROM meetings m JOIN bodies b ON b.id = m.body_id
               WHERE m.id = ?""",
            (meeting_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(
                say(f"der er intet møde med id {meeting_id}", f"no meeting with id {meeting_id}")
            )
        docs = self.conn.execute(
            _DOC_SELECT + " WHERE d.meeting_id = ? ORDER BY d.kind = 'attachment', d.id",
            (meeting_id,),
        )
        return self._meeting(row, [_doc(d) for d in docs])

    @staticmethod
    def _meeting(row: sqlite3.Row, docs: list[DocumentRow]) -> MeetingRow:
        return MeetingRow(
            id=row["id"],
            body=row["body"],
            title=row["title"],
            kind=row["kind"],
            start=row["start"],
            end=row["end"],
            location=row["location"],
            removed=bool(row["removed"]),
            documents=docs,
        )

    def items(self, meeting_id: int) -> list[ItemRow]:
        rows = self.conn.execute(
            "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position", (meeting_id,)
        )
        return [
            ItemRow(
                id=r["id"],
                number=r["number"],
                title=r["title"],
                is_group=bool(r["is_group"]),
                group=r["group_number"],
                case=r["case_number"],
                closed=bool(r["closed"]),
                document_id=r["document_id"],
                page_start=r["page_start"],
                page_end=r["page_end"],
                sections=json.loads(r["sections"]),
                attachments=json.loads(r["attachments"]),
                cases=json.loads(r["cases"]),
                y=r["y_start"],
                offset=r["offset_start"],
            )
            for r in rows
        ]

    def document(self, document_id: int) -> DocumentRow:
        row = self.conn.execute(_DOC_SELECT + " WHERE d.id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFoundError(
                say(
                    f"der er intet dokument med id {document_id}",
                    f"no document with id {document_id}",
                )
            )
        return _doc(row)

    def versions(self, document_id: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM document_versions WHERE document_id = ? ORDER BY number",
            (document_id,),
        ).fetchall()

    def document_file(self, document_id: int) -> Path:
        """The current version's PDF file; raises if the store lost it."""
        path = self.blob_path(self.document(document_id).sha256)
        if not path.is_file():
            raise LibraryError(
                say(
                    f"filen til dokument {document_id} mangler i {path.parent}",
                    f"the file of document {document_id} is missing from {path.parent}",
                )
            )
        return path

    def page_text(self, document_id: int, page: int) -> str:
        """Visible text of a 1-based page of the document's current version."""
        doc = self.document(document_id)
        if not 1 <= page <= doc.pages:
            raise NotFoundError(
                say(
                    f"dokument {document_id} har side 1-{doc.pages}, ikke {page}",
                    f"document {document_id} has pages 1-{doc.pages}, not {page}",
                )
            )
        row = self.conn.execute(
            "SELECT text FROM page_texts WHERE version_id = ? AND page = ?",
            (doc.version_id, page),
        ).fetchone()
        return str(row["text"]) if row else ""

    # -- the change log -------------------------------------------------------------------

    def events_since(self, seq: int, limit: int = 1000) -> list[sqlite3.Row]:
        """Document events after ``seq``, oldest first: what a consumer has yet to apply."""
        return self.conn.execute(
            "SELECT * FROM document_events WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit)
        ).fetchall()

    def last_event(self) -> int:
        return int(
            self.conn.execute("SELECT coalesce(max(seq), 0) FROM document_events").fetchone()[0]
        )

    def cursor(self, consumer: str) -> int:
        row = self.conn.execute(
            "SELECT seq FROM cursors WHERE consumer = ?", (consumer,)
        ).fetchone()
        return int(row["seq"]) if row else 0

    def set_cursor(self, consumer: str, seq: int) -> None:
        """Record that ``consumer`` has applied every event up to ``seq``."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO cursors (consumer, seq) VALUES (?, ?) "
                "ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq",
                (consumer, seq),
            )

    def counts(self) -> dict[str, int]:
        tables = ("bodies", "meetings", "documents", "document_versions", "agenda_items")
        return {
            t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables
        }


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("inf")  # gone already, or unreadable: leave it


def _mtime_ns(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def emit(conn: sqlite3.Connection, document_id: int, kind: str, version_id: int | None) -> None:
    """Append to the change log; call inside the transaction that made the change."""
    conn.execute(
        "INSERT INTO document_events (document_id, kind, version_id, at) VALUES (?, ?, ?, ?)",
        (document_id, kind, version_id, now()),
    )


def mark_removed(conn: sqlite3.Connection, meeting_id: int) -> bool:
    """Mark a meeting its source no longer has; call inside a transaction.

    The meeting, its documents and the user's notes on them stay: a council member may
    still need what was on the table. Its documents are logged as changed, so consumers
    (the search index) can show or hide them. Returns whether anything changed.
    """
    changed = conn.execute(
        "UPDATE meetings SET removed = 1 WHERE id = ? AND removed = 0", (meeting_id,)
    ).rowcount
    if changed:
        for (document_id,) in conn.execute(
            "SELECT id FROM documents WHERE meeting_id = ?", (meeting_id,)
        ).fetchall():
            emit(conn, document_id, "changed", None)
    return bool(changed)
