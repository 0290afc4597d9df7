"""Change sets between versions of a document, computed once and kept; what changed in a
meeting's documents.

A change set is kept in ``version_changes`` (a table, not a file under the data dir): keyed
by the two version ids, removed with either version by the database itself, written in one
transaction next to the versions it describes, and shared by the window and the command
line without a second store to keep in step. ``ALGORITHM`` is stored with it; a change set
computed by another algorithm is computed again.

Each version's agenda outline is stored when it is imported; a version imported before that
has its outline read from its PDF once, when it is first compared, and stored then.

Not thread-safe, like the library: compute off the UI thread with that thread's own
:class:`~reader.library.store.Library`.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, field

from reader.diff.compare import Change, compare
from reader.diff.stream import build_stream
from reader.errors import MoedemappeError, NotFoundError, UsageError
from reader.i18n import say
from reader.library.items import OutlineItem, outline_json, parse_outline
from reader.library.news import Since, position_at
from reader.library.rows import DocumentRow, now
from reader.library.store import Library
from reader.notes.text import load_version_text

log = logging.getLogger(__name__)

ALGORITHM = 1  # raise when what a change set says would differ: kept ones are recomputed


@dataclass
class ChangeSet:
    """What changed from one version of a document to another.

    ``changes`` in reading order of the new version; ``moved_pages`` the (old, new) page
    numbers of pages that read the same as a page of the old version with another number;
    ``cached`` tells a change set read back from the library from one computed now.
    """

    document_id: int
    old_version: int
    new_version: int
    old_version_id: int
    new_version_id: int
    changes: list[Change] = field(default_factory=list)
    moved_pages: list[tuple[int, int]] = field(default_factory=list)
    cached: bool = False

    def changed_items(self) -> list[str]:
        """The new version's numbers of the items with a change, in order, once each."""
        seen: dict[str, None] = {}
        for change in self.changes:
            gone = change.scope == "item" and change.kind == "removed"
            if change.item is not None and not gone:
                seen.setdefault(change.item, None)
        return list(seen)

    def on_page(self, page: int, new: bool = True) -> list[Change]:
        """The changes with text on ``page`` of the new (or the old) version."""
        return [
            c
            for c in self.changes
            if any(r[0] == page for r in (c.new_ranges if new else c.old_ranges))
        ]

    def to_json(self) -> dict[str, object]:
        return {
            "document": self.document_id,
            "from": self.old_version,
            "to": self.new_version,
            "changes": [c.to_json() for c in self.changes],
            "pages": [{"old": a, "new": b} for a, b in self.moved_pages],
            "cached": self.cached,
        }


def _version_row(lib: Library, document_id: int, number: int) -> sqlite3.Row:
    row: sqlite3.Row | None = lib.conn.execute(
        "SELECT * FROM document_versions WHERE document_id = ? AND number = ?",
        (document_id, number),
    ).fetchone()
    if row is None:
        raise NotFoundError(
            say(
                f"dokument {document_id} har ingen version {number}",
                f"document {document_id} has no version {number}",
            )
        )
    return row


def document_changes(
    lib: Library, document_id: int, old: int | None = None, new: int | None = None
) -> ChangeSet:
    """The change set between two version numbers of a document; by default its newest two
    (``new`` alone: from the version before it)."""
    lib.document(document_id)  # says so if there is no such document
    numbers = [int(r["number"]) for r in lib.versions(document_id)]
    if new is None:
        new = numbers[-1]
    if old is None:
        before = [n for n in numbers if n < new]
        if not before:
            raise UsageError(
                say(
                    f"dokument {document_id} har ingen version før version {new} at "
                    "sammenligne med",
                    f"document {document_id} has no version before version {new} to compare with",
                )
            )
        old = before[-1]
    if old == new:
        raise UsageError(
            say("sammenlign to forskellige versioner", "compare two different versions")
        )
    a = _version_row(lib, document_id, old)
    b = _version_row(lib, document_id, new)
    return version_changes(lib, int(a["id"]), int(b["id"]))


def cached_changes(lib: Library, old_version_id: int, new_version_id: int) -> ChangeSet | None:
    """The kept change set between two versions, or None if it must be computed."""
    row = lib.conn.execute(
        "SELECT changes FROM version_changes WHERE old_version_id = ? AND new_version_id = ?"
        " AND algorithm = ?",
        (old_version_id, new_version_id, ALGORITHM),
    ).fetchone()
    if row is None:
        return None
    head = _heads(lib, old_version_id, new_version_id)
    data = json.loads(row["changes"])
    return ChangeSet(
        *head,
        changes=[Change.from_json(c) for c in data["changes"]],
        moved_pages=[(int(a), int(b)) for a, b in data["pages"]],
        cached=True,
    )


def version_changes(lib: Library, old_version_id: int, new_version_id: int) -> ChangeSet:
    """The change set between two versions of a document: the kept one, or computed now and
    kept."""
    kept = cached_changes(lib, old_version_id, new_version_id)
    if kept is not None:
        return kept
    head = _heads(lib, old_version_id, new_version_id)
    old_outline = version_outline(lib, old_version_id)
    new_outline = version_outline(lib, new_version_id)
    old = build_stream(load_version_text(lib.conn, old_version_id).pages)
    new = build_stream(load_version_text(lib.conn, new_version_id).pages)
    found = compare(old, old_outline, new, new_outline)
    result = ChangeSet(*head, changes=found.changes, moved_pages=found.moved_pages)
    data = json.dumps(
        {"changes": [c.to_json() for c in found.changes], "pages": found.moved_pages},
        ensure_ascii=False,
    )
    with lib.transaction() as conn:
        conn.execute(
            "INSERT INTO version_changes (old_version_id, new_version_id, algorithm, changes,"
            " computed) VALUES (?, ?, ?, ?, ?) ON CONFLICT (old_version_id, new_version_id)"
            " DO UPDATE SET algorithm = excluded.algorithm, changes = excluded.changes,"
            " computed = excluded.computed",
            (old_version_id, new_version_id, ALGORITHM, data, now()),
        )
    return result


Heads = tuple[int, int, int, int, int]  # document, old and new number, old and new id


def _heads(lib: Library, old_version_id: int, new_version_id: int) -> Heads:
    rows = {
        int(r["id"]): r
        for r in lib.conn.execute(
            "SELECT id, document_id, number FROM document_versions WHERE id IN (?, ?)",
            (old_version_id, new_version_id),
        )
    }
    for vid in (old_version_id, new_version_id):
        if vid not in rows:
            raise NotFoundError(say(f"der er ingen version {vid}", f"no version {vid}"))
    a, b = rows[old_version_id], rows[new_version_id]
    if a["document_id"] != b["document_id"]:
        raise UsageError(
            say(
                "versionerne hører til forskellige dokumenter",
                "the versions belong to different documents",
            )
        )
    return int(a["document_id"]), int(a["number"]), int(b["number"]), old_version_id, new_version_id


def version_outline(lib: Library, version_id: int) -> list[OutlineItem]:
    """The version's own agenda outline; read from its PDF (once) if it was imported before
    outlines were kept. A PDF that is gone or unreadable gives none: the version is then
    compared as one text."""
    row = lib.conn.execute(
        "SELECT outline, sha256 FROM document_versions WHERE id = ?", (version_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(say(f"der er ingen version {version_id}", f"no version {version_id}"))
    if row["outline"] is not None:
        return parse_outline(row["outline"])
    from reader.pdf.document import analyse_pdf  # only for versions stored before outlines

    path = lib.blob_path(row["sha256"])
    try:
        raw = outline_json(analyse_pdf(path.read_bytes(), path.name).structure.items)
    except (OSError, MoedemappeError) as exc:
        log.warning("version %d: no outline, compared as one text (%s)", version_id, exc)
        return []
    with lib.transaction() as conn:
        conn.execute("UPDATE document_versions SET outline = ? WHERE id = ?", (raw, version_id))
    return parse_outline(raw)


# -- a meeting's documents ----------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentChange:
    """A document added to or removed from a meeting, or re-issued, after the boundary."""

    kind: str  # "added", "removed" or "changed" (a new version)
    document: DocumentRow
    old_version: int | None  # the version at the boundary (None: it was not there)
    new_version: int | None  # the version now (None: removed)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "document": self.document.id,
            "title": self.document.title,
            "file_name": self.document.file_name,
            "document_kind": self.document.kind,
            "item": self.document.item_number,
            "old_version": self.old_version,
            "new_version": self.new_version,
        }


@dataclass
class MeetingChanges:
    meeting_id: int
    since: int  # the change-log position compared with
    changes: list[DocumentChange] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "meeting": self.meeting_id,
            "since": self.since,
            "changes": [c.to_json() for c in self.changes],
        }


def meeting_changes(lib: Library, meeting_id: int, since: Since = None) -> MeetingChanges:
    """Documents added to or removed from a meeting, and those re-issued, after ``since`` (a
    change-log position or a time); by default, since the meeting first arrived: everything
    its first import brought is the baseline."""
    meeting = lib.meeting(meeting_id)
    ids = {d.id for d in meeting.documents}
    if isinstance(since, str):
        bound = position_at(lib.conn, since)
    elif isinstance(since, int):
        bound = since
    else:
        bound = _first_arrival(lib, ids)
    out = MeetingChanges(meeting_id, bound)
    for doc in meeting.documents:
        events = lib.conn.execute(
            """SELECT e.seq, e.kind, v.number FROM document_events e
               LEFT JOIN document_versions v ON v.id = e.version_id
               WHERE e.document_id = ? ORDER BY e.seq""",
            (doc.id,),
        ).fetchall()
        versions = [(int(e["seq"]), int(e["number"])) for e in events if e["kind"] == "version"]
        before = [n for seq, n in versions if seq <= bound]
        removed_seq = max((int(e["seq"]) for e in events if e["kind"] == "removed"), default=0)
        if doc.removed:
            if before and removed_seq > bound:
                out.changes.append(DocumentChange("removed", doc, before[-1], None))
        elif not before:
            out.changes.append(DocumentChange("added", doc, None, doc.version))
        elif before[-1] != doc.version:
            out.changes.append(DocumentChange("changed", doc, before[-1], doc.version))
    return out


def _first_arrival(lib: Library, ids: set[int]) -> int:
    """The change log's position at the end of the meeting's first import.

    An import writes its events at one moment, one after another; so the first import is
    the run of events of the meeting's documents that begins with the first, written in the
    same second, up to a document's second version (a second import). A later import in
    that same second counts as the first one.
    """
    if not ids:
        return lib.last_event()
    marks = ",".join("?" * len(ids))
    first = lib.conn.execute(
        f"SELECT seq, at FROM document_events WHERE document_id IN ({marks}) ORDER BY seq LIMIT 1",
        tuple(ids),
    ).fetchone()
    if first is None:
        return lib.last_event()
    bound = int(first["seq"]) - 1
    versioned: set[int] = set()
    for event in lib.conn.execute(
        "SELECT seq, document_id, kind, at FROM document_events WHERE seq >= ? ORDER BY seq",
        (first["seq"],),
    ):
        document_id = int(event["document_id"])
        if document_id not in ids or event["at"] != first["at"]:
            break
        if event["kind"] == "version":
            if document_id in versioned:
                break
            versioned.add(document_id)
        bound = int(event["seq"])
    return bound
