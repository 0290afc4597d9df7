"""What the library's reads return, and the small writes every writer of it shares (the
change log, marks of what sources withdrew): apart from ``store`` so that the modules the
library delegates to (corrections, what is new) can use them without importing it back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


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
    removed: bool = False  # its source no longer offers it (kept, shown struck through)

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
            "removed": self.removed,
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
    removed: bool  # its source no longer has it (kept, shown struck through)
    documents: list[DocumentRow] = field(default_factory=list)
    hidden: bool = False  # the member removed it from the lists (kept, with the notes)
    edited: tuple[str, ...] = ()  # the fields the member corrected: body, kind, title, start
    body_id: int = 0

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
            "hidden": self.hidden,
            "edited": list(self.edited),
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
            "id": self.id,
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


DOC_SELECT = """
    SELECT d.id, d.meeting_id, i.number AS item_number, d.kind, d.title, d.file_name,
           v.number AS version, v.id AS version_id, v.sha256, v.pages, d.removed
    FROM documents d
    JOIN document_versions v ON v.document_id = d.id
         AND v.number = (SELECT max(number) FROM document_versions WHERE document_id = d.id)
    LEFT JOIN agenda_items i ON i.id = d.item_id
"""


def doc_row(row: sqlite3.Row) -> DocumentRow:
    # DOC_SELECT's columns are DocumentRow's fields, in order: by position is twice as fast
    # as by name, which counts when the window lists every document of the library
    d, m, item, kind, title, name, version, version_id, sha, pages, removed = row
    return DocumentRow(
        d, m, item, kind, title, name, version, version_id, sha, pages, bool(removed)
    )


# the meeting as the member sees it: the source's fields with the member's corrections;
# the columns in MeetingRow's order (``meeting_row`` reads them by position), the
# corrected fields' flags in EDITABLE's
MEETING_SELECT = """
    SELECT mv.id, b.name AS body, mv.title, mv.kind, mv.start, mv.end, mv.location, mv.removed,
           mv.hidden, mv.edited_body, mv.edited_kind, mv.edited_title, mv.edited_start,
           mv.body_id
    FROM meeting_view mv JOIN bodies b ON b.id = mv.body_id
"""
EDITABLE = ("body", "kind", "title", "start")


def meeting_row(row: Sequence[Any], docs: list[DocumentRow]) -> MeetingRow:
    """A MEETING_SELECT row: by position, as ``doc_row`` (the window lists every meeting)."""
    mid, body, title, kind, start, end, location, removed, hidden, *edited, body_id = row
    return MeetingRow(
        mid,
        body,
        title,
        kind,
        start,
        end,
        location,
        bool(removed),
        docs,
        bool(hidden),
        tuple(name for name, on in zip(EDITABLE, edited, strict=True) if on),
        int(body_id),
    )


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


def set_document_removed(conn: sqlite3.Connection, document_id: int, removed: bool) -> bool:
    """Mark a document its source no longer offers, or no longer so; call inside a
    transaction. The document, its files, notes and annotations stay. Logged (``removed``,
    or ``changed`` when it is back) so followers can show it. Returns whether it changed.
    """
    changed = conn.execute(
        "UPDATE documents SET removed = ?, removed_at = ? WHERE id = ? AND removed != ?",
        (int(removed), now() if removed else None, document_id, int(removed)),
    ).rowcount
    if changed:
        emit(conn, document_id, "removed" if removed else "changed", None)
    return bool(changed)
