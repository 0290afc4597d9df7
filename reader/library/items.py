"""Writing a meeting's agenda items: from its lead PDF's parse, or the source's own list.

Item ids stay stable across imports (a note on an item keeps its place), and each write
reports whether what the items say changed, so that the documents showing them are marked
changed. Its own module because it is the one place agenda items are written.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from reader.library.placing import Doc, clean
from reader.pdf.model import ParsedItem


def listed_items(raw: Any) -> list[ParsedItem]:
    """Agenda items a manifest lists (``[{"number", "title", "closed"?, "case"?}]``)."""
    items: list[ParsedItem] = []
    seen: set[str] = set()
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, dict) or not entry.get("number") or not entry.get("title"):
            continue
        number = clean(str(entry["number"]))
        if number in seen:
            continue
        seen.add(number)
        group = entry.get("group")
        items.append(
            ParsedItem(
                number=number,
                title=clean(str(entry["title"])),
                is_group=bool(entry.get("is_group")),
                group=str(group) if group else None,
                case=str(entry["case"]) if entry.get("case") else None,
                closed=bool(entry.get("closed")),
            )
        )
    return items


def replace_listed_items(
    conn: sqlite3.Connection,
    meeting_id: int,
    listed: list[ParsedItem],
    lead: Doc | None,
    lead_ids: tuple[int, int] | None,
) -> bool:
    """Make the source's own list the meeting's items, exactly: none added, none dropped.

    Where the lead PDF's parse has an item of the same number, the item takes its place in
    that PDF (pages, sections, whatever else the parse locates) and the source's number,
    title, case and closed flag. Returns whether what the items say changed.
    """
    parsed = {it.number: it for it in lead.analysis.structure.items} if lead_ids and lead else {}
    items = [
        replace(
            parsed[it.number],
            title=it.title,
            is_group=it.is_group,
            group=it.group,
            case=it.case,
            closed=it.closed,
        )
        if it.number in parsed
        else it
        for it in listed
    ]
    before = _item_outline(conn, meeting_id)
    document_id, version_id = lead_ids if lead_ids and parsed else (None, None)
    replace_items(conn, meeting_id, items, document_id, version_id)
    unplaced = [it.number for it in listed if it.number not in parsed]
    if document_id is not None and unplaced:
        conn.execute(
            f"""UPDATE agenda_items SET document_id = NULL, version_id = NULL,
                   page_start = NULL, page_end = NULL
                WHERE meeting_id = ? AND number IN ({",".join("?" * len(unplaced))})""",
            (meeting_id, *unplaced),
        )
    return _item_outline(conn, meeting_id) != before


def has_document_items(conn: sqlite3.Connection, meeting_id: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM agenda_items WHERE meeting_id = ? AND document_id IS NOT NULL LIMIT 1",
        (meeting_id,),
    ).fetchone()
    return row is not None


def replace_items(
    conn: sqlite3.Connection,
    meeting_id: int,
    items: list[ParsedItem],
    document_id: int | None,
    version_id: int | None,
) -> bool:
    """Bring the meeting's items in line with its lead document, keeping item ids stable.

    Returns whether what the items say (numbers, titles, pages, sections) changed.
    """
    before = _item_outline(conn, meeting_id)
    numbers = [it.number for it in items]
    conn.execute(
        f"DELETE FROM agenda_items WHERE meeting_id = ? AND number NOT IN "
        f"({','.join('?' * len(numbers))})",
        (meeting_id, *numbers),
    )
    for position, it in enumerate(items):
        conn.execute(
            """INSERT INTO agenda_items (meeting_id, position, number, title, is_group,
                   group_number, case_number, closed, document_id, version_id, page_start,
                   page_end, sections, attachments, y_start, offset_start, cases, section_marks)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (meeting_id, number) DO UPDATE SET position = excluded.position,
                   title = excluded.title, is_group = excluded.is_group,
                   group_number = excluded.group_number, case_number = excluded.case_number,
                   closed = excluded.closed, document_id = excluded.document_id,
                   version_id = excluded.version_id, page_start = excluded.page_start,
                   page_end = excluded.page_end, sections = excluded.sections,
                   attachments = excluded.attachments, y_start = excluded.y_start,
                   offset_start = excluded.offset_start, cases = excluded.cases,
                   section_marks = excluded.section_marks""",
            _item_row(meeting_id, position, it, document_id, version_id),
        )
    return _item_outline(conn, meeting_id) != before


def _item_outline(conn: sqlite3.Connection, meeting_id: int) -> list[tuple[object, ...]]:
    return [
        tuple(r)
        for r in conn.execute(
            """SELECT number, title, is_group, group_number, closed, page_start, page_end,
                      sections, offset_start, section_marks
               FROM agenda_items WHERE meeting_id = ? ORDER BY position""",
            (meeting_id,),
        )
    ]


def _item_row(
    meeting_id: int,
    position: int,
    it: ParsedItem,
    document_id: int | None,
    version_id: int | None,
) -> tuple[object, ...]:
    paged = document_id is not None
    return (
        meeting_id,
        position,
        it.number,
        it.title,
        int(it.is_group),
        it.group,
        it.case,
        int(it.closed),
        document_id,
        version_id,
        it.page_start if paged else None,
        it.page_end if paged else None,
        json.dumps(it.sections, ensure_ascii=False),
        json.dumps(it.attachments, ensure_ascii=False),
        it.y if paged else None,
        it.offset if paged else None,
        json.dumps(it.cases or ([it.case] if it.case else []), ensure_ascii=False),
        json.dumps(
            [[m.name, m.page, m.y, m.offset] for m in it.section_marks] if paged else [],
            ensure_ascii=False,
        ),
    )


# -- a version's own outline ------------------------------------------------------------------


@dataclass(frozen=True)
class OutlineItem:
    """An item as one version of a document shows it: what comparing two versions needs,
    kept per version because the meeting's items follow its current version only."""

    number: str
    title: str
    is_group: bool
    page: int  # 1-based page of the heading
    offset: int | None  # where the heading starts in that page's stored text
    sections: tuple[tuple[str, int, int | None], ...] = ()  # (name, page, offset)


def outline_json(items: list[ParsedItem]) -> str:
    """The ``document_versions.outline`` of a version whose parse found ``items``."""
    return json.dumps(
        [
            [
                it.number,
                it.title,
                int(it.is_group),
                it.page_start,
                it.offset,
                [[m.name, m.page, m.offset] for m in it.section_marks],
            ]
            for it in items
        ],
        ensure_ascii=False,
    )


def parse_outline(raw: str) -> list[OutlineItem]:
    return [
        OutlineItem(
            str(number),
            str(title),
            bool(is_group),
            int(page),
            None if offset is None else int(offset),
            tuple((str(n), int(p), None if o is None else int(o)) for n, p, o in sections),
        )
        for number, title, is_group, page, offset, sections in json.loads(raw)
    ]
