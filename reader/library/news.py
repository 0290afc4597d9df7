"""What is new to the member: read state, badges, "Nyt siden sidste synkronisering", and the
meetings grouped by body with the upcoming ones first.

A document is *new* when it arrived after the boundary, *updated* when a later version of a
document already there arrived after it, *changed* when its current version is newer than
the one the member last opened, and *unread* when the member never opened it. The boundary
is a position in the change log (exact, where clocks are not): by default, for each source,
where the log stood when its previous completed sync ended, so that what the latest sync
brought is new (all it brought, after its first sync), and for documents of no source the
earliest of those (none, in a library never synced); or a given time or log position.

Meetings the member removed count nowhere. Documents their source no longer offers, and the
documents of meetings their source no longer has, are listed (struck through) but not
counted: there is nothing to catch up on in them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from reader.errors import UsageError
from reader.i18n import say
from reader.library.rows import DocumentRow, MeetingRow, now

if TYPE_CHECKING:
    from reader.library.store import Library

Since = str | int | None  # an ISO time, a change-log position, or None: the last sync
RUNS_KEPT = 50  # completed syncs remembered per source


@dataclass(frozen=True)
class DocumentState:
    document_id: int
    meeting_id: int
    item_id: int | None
    version: int  # the current version's number
    read_version: int | None  # the version the member last opened, None if never
    new: bool  # arrived after the boundary
    updated: bool  # a new version of it arrived after the boundary
    removed: bool  # its source no longer offers it
    removed_lately: bool  # ... and said so after the boundary
    counted: bool  # whether it counts in badges (not removed, nor its meeting)

    @property
    def unread(self) -> bool:
        return self.read_version is None

    @property
    def changed(self) -> bool:
        """Changed since the member last read it."""
        return self.read_version is not None and self.version > self.read_version


@dataclass
class Badges:
    """How many documents under a body, meeting or item are new, changed since read, unread."""

    new: int = 0
    changed: int = 0
    unread: int = 0

    def add(self, state: DocumentState) -> None:
        self.new += state.new
        self.changed += state.changed
        self.unread += state.unread

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.unread)

    def to_json(self) -> dict[str, int]:
        return {"new": self.new, "changed": self.changed, "unread": self.unread}


@dataclass
class LibraryBadges:
    documents: dict[int, DocumentState] = field(default_factory=dict)
    meetings: dict[int, Badges] = field(default_factory=dict)
    items: dict[int, Badges] = field(default_factory=dict)  # by agenda item id
    bodies: dict[int, Badges] = field(default_factory=dict)  # by body id (as corrected)


@dataclass(frozen=True)
class NewsEntry:
    what: str  # "new", "updated" or "removed"
    meeting: MeetingRow
    document: DocumentRow
    seq: int  # where in the change log it happened: later is higher

    def to_json(self) -> dict[str, object]:
        return {
            "what": self.what,
            "meeting": self.meeting.id,
            "meeting_title": self.meeting.title,
            "body": self.meeting.body,
            "start": self.meeting.start,
            "document": self.document.to_json(),
        }


@dataclass(frozen=True)
class BodyGroup:
    body_id: int
    body: str
    upcoming: list[MeetingRow]  # from today on, soonest first
    past: list[MeetingRow]  # before today, latest first; undated ones last
    badges: Badges


@dataclass(frozen=True)
class SyncRun:
    source: str
    finished: str
    seq: int
    new: int
    changed: int
    removed: int


# -- read state --------------------------------------------------------------------------------


def mark_read(lib: Library, document_id: int, version: int | None = None) -> None:
    """The member opened the document (its current version, or ``version``)."""
    current = lib.document(document_id).version
    number = current if version is None else min(max(1, version), current)
    with lib.transaction() as conn:
        conn.execute(
            "INSERT INTO document_reads (document_id, version, read_at) VALUES (?, ?, ?) "
            "ON CONFLICT (document_id) DO UPDATE SET version = excluded.version, "
            "read_at = excluded.read_at",
            (document_id, number, now()),
        )


def mark_unread(lib: Library, document_id: int) -> None:
    lib.document(document_id)  # raises NotFoundError
    with lib.transaction() as conn:
        conn.execute("DELETE FROM document_reads WHERE document_id = ?", (document_id,))


def mark_meeting(lib: Library, meeting_id: int, read: bool) -> None:
    """Every document of a meeting read (at its current version) or unread."""
    meeting = lib.meeting(meeting_id)
    with lib.transaction() as conn:
        for doc in meeting.documents:
            if read:
                conn.execute(
                    "INSERT INTO document_reads (document_id, version, read_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (document_id) DO UPDATE SET version = excluded.version, "
                    "read_at = excluded.read_at",
                    (doc.id, doc.version, now()),
                )
            else:
                conn.execute("DELETE FROM document_reads WHERE document_id = ?", (doc.id,))


# -- the boundary ------------------------------------------------------------------------------


def _boundaries(conn: sqlite3.Connection, since: Since) -> tuple[dict[int, int], int]:
    """The change-log position after which things are new: per source, and for the rest."""
    if isinstance(since, int) and not isinstance(since, bool):
        return {}, since
    if isinstance(since, str):
        return {}, position_at(conn, since)
    per_source: dict[int, int] = {}
    runs: dict[int, list[int]] = {}
    for row in conn.execute("SELECT source_id, seq FROM sync_runs ORDER BY source_id, id DESC"):
        runs.setdefault(int(row["source_id"]), []).append(int(row["seq"]))
    for source_id, seqs in runs.items():
        per_source[source_id] = seqs[1] if len(seqs) > 1 else 0
    if not per_source:  # never synced: what the member imported is not news to them
        last = conn.execute("SELECT coalesce(max(seq), 0) FROM document_events").fetchone()
        return per_source, int(last[0])
    return per_source, min(per_source.values())


def position_at(conn: sqlite3.Connection, when: str) -> int:
    """The change log's position at a time (naive times are local)."""
    try:
        moment = datetime.fromisoformat(when.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            say(f"{when!r} er ikke et tidspunkt", f"{when!r} is not a date or time")
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    stamp = moment.astimezone(UTC).isoformat(timespec="seconds")
    row = conn.execute(
        "SELECT coalesce(max(seq), 0) FROM document_events WHERE at <= ?", (stamp,)
    ).fetchone()
    return int(row[0])


# -- states and badges -------------------------------------------------------------------------

_STATES = """
    SELECT d.id, d.meeting_id, d.item_id, d.removed, mv.removed AS meeting_removed,
           mv.source_id, mv.body_id, r.version AS read_version,
           (SELECT max(number) FROM document_versions WHERE document_id = d.id) AS version,
           (SELECT min(seq) FROM document_events e
            WHERE e.document_id = d.id AND e.kind = 'version') AS arrived,
           (SELECT max(seq) FROM document_events e
            WHERE e.document_id = d.id AND e.kind = 'version') AS updated,
           (SELECT max(seq) FROM document_events e
            WHERE e.document_id = d.id AND e.kind = 'removed') AS removed_seq
    FROM documents d
    JOIN meeting_view mv ON mv.id = d.meeting_id AND NOT mv.hidden
    LEFT JOIN document_reads r ON r.document_id = d.id
"""


def _states(lib: Library, since: Since) -> list[tuple[DocumentState, int, int]]:
    """Each document's state, with its change-log positions' latest and its body id.

    Rows as plain tuples, read by position (_STATES's columns): every document of the
    library is read at start-up, and sqlite3.Row's lookups by name would double that."""
    per_source, rest = _boundaries(lib.conn, since)
    out: list[tuple[DocumentState, int, int]] = []
    cur = lib.conn.cursor()
    cur.row_factory = None
    for row in cur.execute(_STATES):
        (
            document_id,
            meeting_id,
            item_id,
            removed,
            meeting_removed,
            source_id,
            body_id,
            read_version,
            version,
            arrived,
            updated,
            removed_seq,
        ) = row
        if version is None:
            continue
        bound = per_source.get(source_id, rest) if source_id else rest
        arrived = int(arrived or 0)
        updated = int(updated or 0)
        removed_seq = int(removed_seq or 0)
        removed = bool(removed)
        new = arrived > bound
        state = DocumentState(
            int(document_id),
            int(meeting_id),
            item_id,
            int(version),
            read_version,
            new,
            not new and updated > bound and int(version) > 1,
            removed,
            removed and removed_seq > bound,
            not removed and not meeting_removed,
        )
        out.append((state, max(arrived, updated, removed_seq), int(body_id)))
    return out


def badges(lib: Library, since: Since = None) -> LibraryBadges:
    """Every shown document's state, and the counts per meeting, agenda item and body."""
    result = LibraryBadges()
    documents, meetings, bodies, items = (
        result.documents,
        result.meetings,
        result.bodies,
        result.items,
    )
    for state, _seq, body_id in _states(lib, since):
        documents[state.document_id] = state
        if not state.counted:
            continue
        new, changed, unread = state.new, state.changed, state.unread
        for counts, key in (
            (meetings, state.meeting_id),
            (bodies, body_id),
            (items, state.item_id),
        ):
            if key is None:
                continue
            if (badge := counts.get(key)) is None:
                badge = counts[key] = Badges()
            badge.new += new
            badge.changed += changed
            badge.unread += unread
    return result


def whats_new(lib: Library, since: Since = None) -> list[NewsEntry]:
    """Documents that arrived, were re-issued or were withdrawn after the boundary, the
    latest first: the "Nyt siden sidste synkronisering" list."""
    meetings = {m.id: m for m in lib.meetings()}
    docs = {d.id: (m, d) for m in meetings.values() for d in m.documents}
    entries: list[NewsEntry] = []
    for state, seq, _body in _states(lib, since):
        if state.document_id not in docs:
            continue
        meeting, doc = docs[state.document_id]
        if (what := news_kind(state, meeting)) is not None:
            entries.append(NewsEntry(what, meeting, doc, seq))
    entries.sort(key=lambda e: (-e.seq, e.document.id))
    return entries


def news_kind(state: DocumentState, meeting: MeetingRow) -> str | None:
    """What a document's state says of it in a list of news: "removed" (lately),
    "new", "updated", or None (nothing to say, or withdrawn long ago)."""
    if state.removed_lately:
        return "removed"
    if state.removed or meeting.removed:
        return None
    if state.new:
        return "new"
    if state.updated:
        return "updated"
    return None


def meetings_by_body(lib: Library, today: date | None = None) -> list[BodyGroup]:
    """The shown meetings by body (alphabetically): upcoming ones soonest first, then the
    past ones latest first."""
    day = (today or date.today()).isoformat()
    counts = badges(lib).bodies
    groups: dict[int, tuple[str, list[MeetingRow], list[MeetingRow]]] = {}
    for meeting in lib.meetings():  # latest first
        _name, upcoming, past = groups.setdefault(meeting.body_id, (meeting.body, [], []))
        if meeting.start and meeting.start[:10] >= day:
            upcoming.append(meeting)
        else:
            past.append(meeting)
    return [
        BodyGroup(body_id, name, upcoming[::-1], past, counts.get(body_id, Badges()))
        for body_id, (name, upcoming, past) in sorted(
            groups.items(), key=lambda g: (g[1][0].casefold(), g[0])
        )
    ]


# -- completed syncs ---------------------------------------------------------------------------


def record_run(
    conn: sqlite3.Connection, source_id: int, new: int, changed: int, removed: int
) -> None:
    """A source's sync completed; call inside the transaction that records it."""
    seq = int(conn.execute("SELECT coalesce(max(seq), 0) FROM document_events").fetchone()[0])
    conn.execute(
        "INSERT INTO sync_runs (source_id, finished, seq, new, changed, removed) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (source_id, now(), seq, new, changed, removed),
    )
    conn.execute(
        "DELETE FROM sync_runs WHERE source_id = ? AND id NOT IN "
        "(SELECT id FROM sync_runs WHERE source_id = ? ORDER BY id DESC LIMIT ?)",
        (source_id, source_id, RUNS_KEPT),
    )


def sync_runs(lib: Library, limit: int = 20) -> list[SyncRun]:
    """The latest completed syncs of all sources, latest first."""
    return [
        SyncRun(r["name"], r["finished"], r["seq"], r["new"], r["changed"], r["removed"])
        for r in lib.conn.execute(
            """SELECT s.name, r.* FROM sync_runs r JOIN sources s ON s.id = r.source_id
               ORDER BY r.id DESC LIMIT ?""",
            (limit,),
        )
    ]
