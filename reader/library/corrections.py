"""What the member corrects in the library: a meeting's body, kind, title and start, and
meetings taken out of the lists.

Corrections sit in ``meeting_edits``, apart from the meeting's own row that imports and syncs
write, and ``meeting_view`` lays them over it: a re-import or a sync never undoes them. A
removed meeting is hidden, not deleted: its documents, files and the member's notes stay,
and restoring it brings it back as it was. Each change logs the meeting's documents as
changed, so the search index follows it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING

from reader.errors import NotFoundError, UsageError
from reader.i18n import say
from reader.library.rows import EDITABLE, MeetingRow, emit, now

if TYPE_CHECKING:
    from reader.library.store import Library

KINDS = ("agenda", "minutes")


def edit_meeting(
    lib: Library,
    meeting_id: int,
    *,
    body: str | None = None,
    kind: str | None = None,
    title: str | None = None,
    start: str | None = None,
) -> MeetingRow:
    """Correct the given fields of a meeting (None leaves a field as it is).

    A body that does not exist yet is created. A start given as a date only keeps the time
    of day the meeting had; the end moves with the start.
    """
    values: dict[str, str | None] = {}
    if body is not None:
        values["body"] = _text(body, say("udvalget", "the body"))
    if kind is not None:
        if kind not in KINDS:
            raise UsageError(
                say(
                    f"ukendt slags {kind!r}; agenda eller minutes",
                    f"unknown kind {kind!r}; agenda or minutes",
                )
            )
        values["kind"] = kind
    if title is not None:
        values["title"] = _text(title, say("titlen", "the title"))
    if start is not None:
        values["start"] = start.strip()
    with lib.transaction() as conn:
        own = _own(conn, meeting_id)
        current = conn.execute(
            "SELECT start, end FROM meeting_view WHERE id = ?", (meeting_id,)
        ).fetchone()
        row: dict[str, object] = {}
        if "body" in values:
            row["body_id"] = _body_id(conn, str(values["body"]))
        if "kind" in values:
            row["kind"] = values["kind"]
        if "title" in values:
            row["title"] = values["title"]
        if "start" in values:
            new_start = _start(str(values["start"]), current["start"])
            row["start"] = new_start
            row["end"] = _moved_end(own["start"], own["end"], new_start)
        _upsert(conn, meeting_id, row)
        _log_documents(conn, meeting_id)
    return lib.meeting(meeting_id)


def reset_meeting(
    lib: Library, meeting_id: int, fields: Collection[str] | None = None
) -> MeetingRow:
    """Drop the member's corrections of ``fields`` (all by default): the source's values
    show again. A removed meeting stays removed."""
    chosen = tuple(fields) if fields is not None else EDITABLE
    unknown = [f for f in chosen if f not in EDITABLE]
    if unknown:
        raise UsageError(say(f"kan ikke nulstille {unknown[0]!r}", f"cannot reset {unknown[0]!r}"))
    columns = {"body": ["body_id"], "kind": ["kind"], "title": ["title"], "start": ["start", "end"]}
    with lib.transaction() as conn:
        _own(conn, meeting_id)
        row: dict[str, object] = {c: None for f in chosen for c in columns[f]}
        _upsert(conn, meeting_id, row)
        _log_documents(conn, meeting_id)
    return lib.meeting(meeting_id)


def set_hidden(lib: Library, meeting_id: int, hidden: bool) -> bool:
    """Remove a meeting from the lists, or restore it; whether anything changed.

    Its documents, files and notes stay either way; a sync does not bring it back.
    """
    with lib.transaction() as conn:
        _own(conn, meeting_id)
        was = conn.execute(
            "SELECT hidden FROM meeting_view WHERE id = ?", (meeting_id,)
        ).fetchone()["hidden"]
        if bool(was) == hidden:
            return False
        _upsert(conn, meeting_id, {"hidden": now() if hidden else None})
        _log_documents(conn, meeting_id)
    return True


# -- helpers ---------------------------------------------------------------------------------


def _own(conn: sqlite3.Connection, meeting_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT start, end FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    if row is None:
        raise NotFoundError(
            say(f"der er intet møde med id {meeting_id}", f"no meeting with id {meeting_id}")
        )
    return row  # type: ignore[no-any-return]


def _text(value: str, what: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise UsageError(say(f"{what} må ikke være tom", f"{what} must not be empty"))
    return cleaned


def _body_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM bodies WHERE name = ?", (name,)).fetchone()
    if row is not None:
        return int(row["id"])
    new_id = conn.execute("INSERT INTO bodies (name) VALUES (?)", (name,)).lastrowid
    assert new_id is not None
    return int(new_id)


def _start(value: str, current: str | None) -> str:
    """A start as the library keeps it: local wall-clock time, ISO, to the second."""
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            say(
                f"{value!r} er ikke en dato eller et tidspunkt (ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM)",
                f"{value!r} is not a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
            )
        ) from None
    when = when.replace(tzinfo=None)
    if len(value) == 10 and current and len(current) > 10:  # a date: keep the time of day
        try:
            old = datetime.fromisoformat(current)
        except ValueError:
            old = None
        if old is not None:
            when = datetime.combine(when.date(), old.time())
    return when.isoformat(timespec="seconds")


def _moved_end(start: str | None, end: str | None, new_start: str) -> str | None:
    """The source's end, moved as far as the start moved."""
    if not start or not end:
        return None
    try:
        duration = datetime.fromisoformat(end) - datetime.fromisoformat(start)
        moved = datetime.fromisoformat(new_start) + duration
    except (ValueError, OverflowError):
        return None
    return moved.isoformat(timespec="seconds")


def _upsert(conn: sqlite3.Connection, meeting_id: int, row: dict[str, object]) -> None:
    conn.execute(
        "INSERT INTO meeting_edits (meeting_id, updated) VALUES (?, ?) "
        "ON CONFLICT (meeting_id) DO UPDATE SET updated = excluded.updated",
        (meeting_id, now()),
    )
    for column, value in row.items():  # column names are ours, never the caller's
        conn.execute(
            f"UPDATE meeting_edits SET {column} = ? WHERE meeting_id = ?", (value, meeting_id)
        )
    conn.execute(
        """DELETE FROM meeting_edits WHERE meeting_id = ? AND body_id IS NULL AND kind IS NULL
           AND title IS NULL AND start IS NULL AND hidden IS NULL""",
        (meeting_id,),
    )


def _log_documents(conn: sqlite3.Connection, meeting_id: int) -> None:
    """Every document shows the meeting's body, title and date: the index re-reads them."""
    for (document_id,) in conn.execute(
        "SELECT id FROM documents WHERE meeting_id = ?", (meeting_id,)
    ).fetchall():
        emit(conn, document_id, "changed", None)
