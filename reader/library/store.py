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
from collections.abc import Collection, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import LibraryError, NotFoundError
from reader.fsutil import write_atomic
from reader.i18n import say
from reader.library.db import connect
from reader.library.rows import DOC_SELECT, MEETING_SELECT, doc_row, meeting_row
from reader.library.rows import DocumentRow as DocumentRow
from reader.library.rows import ItemRow as ItemRow
from reader.library.rows import MeetingRow as MeetingRow
from reader.library.rows import emit as emit
from reader.library.rows import mark_removed as mark_removed
from reader.library.rows import now as now
from reader.library.rows import set_document_removed as set_document_removed
from reader.paths import DataPaths

if TYPE_CHECKING:
    from reader.library.news import BodyGroup, LibraryBadges, NewsEntry

GC_MIN_AGE = 3600.0  # seconds; longer than any import takes between storing and committing


def blob_file(files: str, sha256: str) -> Path:
    """Where the PDF with ``sha256`` is stored under the ``files`` dir (DataPaths.files):
    the window works out a document's file itself, without asking the library worker."""
    # one Path made from a string, not three joined
    return Path(f"{files}{os.sep}{sha256[:2]}{os.sep}{sha256}.pdf")


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
        return blob_file(self._files, sha256)

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

    def meetings(self, *, hidden: bool = False) -> list[MeetingRow]:
        """The meetings, latest first; those the member removed only with ``hidden``.

        Rows as plain tuples, read by position: the window reads every meeting and document
        of the library at start-up, and sqlite3.Row's lookups by name would double that."""
        cur = self.conn.cursor()
        cur.row_factory = None
        rows = cur.execute(
            MEETING_SELECT + " WHERE ? OR NOT mv.hidden"
            " ORDER BY mv.start IS NULL, mv.start DESC, mv.id DESC",
            (hidden,),
        ).fetchall()
        docs: dict[int, list[DocumentRow]] = {}
        for row in cur.execute(DOC_SELECT + " ORDER BY d.kind = 'attachment', d.id"):
            doc = doc_row(row)
            if (listed := docs.get(doc.meeting_id)) is None:
                listed = docs[doc.meeting_id] = []
            listed.append(doc)
        return [meeting_row(r, docs.get(r[0], [])) for r in rows]

    def meeting(self, meeting_id: int) -> MeetingRow:
        row = self.conn.execute(MEETING_SELECT + " WHERE mv.id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise NotFoundError(
                say(f"der er intet møde med id {meeting_id}", f"no meeting with id {meeting_id}")
            )
        docs = self.conn.execute(
            DOC_SELECT + " WHERE d.meeting_id = ? ORDER BY d.kind = 'attachment', d.id",
            (meeting_id,),
        )
        return meeting_row(row, [doc_row(d) for d in docs])

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
        row = self.conn.execute(DOC_SELECT + " WHERE d.id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFoundError(
                say(
                    f"der er intet dokument med id {document_id}",
                    f"no document with id {document_id}",
                )
            )
        return doc_row(row)

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

    # -- the member's corrections and read state (reader.library.corrections, news) -------

    def edit_meeting(
        self,
        meeting_id: int,
        *,
        body: str | None = None,
        kind: str | None = None,
        title: str | None = None,
        start: str | None = None,
    ) -> MeetingRow:
        """Correct a meeting; kept across re-imports and syncs. See ``corrections``."""
        from reader.library.corrections import edit_meeting

        return edit_meeting(self, meeting_id, body=body, kind=kind, title=title, start=start)

    def reset_meeting(self, meeting_id: int, fields: Collection[str] | None = None) -> MeetingRow:
        """The source's values again for ``fields`` (all corrections by default)."""
        from reader.library.corrections import reset_meeting

        return reset_meeting(self, meeting_id, fields)

    def remove_meeting(self, meeting_id: int) -> bool:
        """Take a meeting out of the lists (documents, files and notes kept)."""
        from reader.library.corrections import set_hidden

        return set_hidden(self, meeting_id, True)

    def restore_meeting(self, meeting_id: int) -> bool:
        from reader.library.corrections import set_hidden

        return set_hidden(self, meeting_id, False)

    def mark_read(self, document_id: int, version: int | None = None) -> None:
        from reader.library.news import mark_read

        mark_read(self, document_id, version)

    def mark_unread(self, document_id: int) -> None:
        from reader.library.news import mark_unread

        mark_unread(self, document_id)

    def mark_meeting_read(self, meeting_id: int, read: bool = True) -> None:
        from reader.library.news import mark_meeting

        mark_meeting(self, meeting_id, read)

    def badges(self, since: str | int | None = None) -> LibraryBadges:
        """Read state and new/changed/unread counts per document, meeting, item and body."""
        from reader.library.news import badges

        return badges(self, since)

    def whats_new(self, since: str | int | None = None) -> list[NewsEntry]:
        """What arrived, was re-issued or withdrawn since the last sync (or ``since``)."""
        from reader.library.news import whats_new

        return whats_new(self, since)

    def meetings_by_body(self, today: date | None = None) -> list[BodyGroup]:
        from reader.library.news import meetings_by_body

        return meetings_by_body(self, today)

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
