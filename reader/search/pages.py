"""What the index stores for each page: the item and section each part of the page belongs to.

Items parsed from a document carry where their heading and their sections begin in the stored
page text, and those places are used as they are. For items known only by number and title (a
source's list, an older library), the places are found in the stored page text: an item starts
where a line begins with its number and the first word of its title; a section where a line is
exactly one of the item's section names. Headings are searched from the end backwards, so the
table of contents at the front of an agenda, which repeats every item heading, is never taken
for them.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reader.library.store import Library


@dataclass(frozen=True)
class Region:
    """From ``offset`` on (to the next region), the page belongs to this item and section."""

    offset: int
    item: str | None
    item_title: str | None
    closed: bool
    section: str | None

    def to_list(self) -> list[object]:
        return [self.offset, self.item, self.item_title, self.closed, self.section]

    @staticmethod
    def from_list(data: list[Any]) -> Region:
        return Region(int(data[0]), data[1], data[2], bool(data[3]), data[4])


@dataclass
class PageRecord:
    """One page of a current document version, ready to index."""

    document: int
    version: int
    page: int
    text: str
    meeting: int
    meeting_title: str
    body: str
    start: str | None
    kind: str
    document_title: str
    regions: list[Region] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.document}:{self.page}"

    @property
    def date(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.start) if self.start else None
        except ValueError:
            return None

    def info(self) -> dict[str, object]:
        return {
            "document": self.document,
            "version": self.version,
            "page": self.page,
            "meeting": self.meeting,
            "meeting_title": self.meeting_title,
            "body": self.body,
            "start": self.start,
            "kind": self.kind,
            "document_title": self.document_title,
            "regions": [r.to_list() for r in self.regions],
        }


@dataclass(frozen=True)
class _Item:
    number: str
    title: str
    closed: bool
    sections: list[str]
    page_start: int | None
    page_end: int | None
    offset: int | None = None  # where the heading starts on ``page_start``, when parsed
    marks: tuple[tuple[str, int, int], ...] = ()  # (section, page, offset) when parsed


def document_pages(lib: Library, document_id: int) -> list[PageRecord]:
    """The pages of the document's current version, or none if it is gone, its meeting
    withdrawn by its source or removed by the member. The meeting's body, title and date
    are as the member corrected them."""
    conn = lib.conn
    row = conn.execute(
        """SELECT d.id, d.meeting_id, d.kind, d.title, d.item_id, m.title AS meeting_title,
                  m.start, m.removed, m.hidden, b.name AS body, v.id AS version_id
           FROM documents d
           JOIN meeting_view m ON m.id = d.meeting_id
           JOIN bodies b ON b.id = m.body_id
           JOIN document_versions v ON v.document_id = d.id AND v.number =
                (SELECT max(number) FROM document_versions WHERE document_id = d.id)
           WHERE d.id = ?""",
        (document_id,),
    ).fetchone()
    if row is None or row["removed"] or row["hidden"]:
        return []
    texts = [
        str(r["text"])
        for r in conn.execute(
            "SELECT text FROM page_texts WHERE version_id = ? ORDER BY page", (row["version_id"],)
        )
    ]
    pages = [
        PageRecord(
            document=document_id,
            version=int(row["version_id"]),
            page=i + 1,
            text=text,
            meeting=int(row["meeting_id"]),
            meeting_title=str(row["meeting_title"]),
            body=str(row["body"]),
            start=row["start"],
            kind=str(row["kind"]),
            document_title=str(row["title"]),
        )
        for i, text in enumerate(texts)
    ]
    if row["kind"] == "attachment":
        item = _attachment_item(conn, row["item_id"])
        region = Region(0, *item) if item else Region(0, None, None, False, None)
        for p in pages:
            p.regions = [region]
    else:
        _assign_regions(pages, _items(conn, int(row["meeting_id"]), document_id))
    return pages


def _attachment_item(conn: sqlite3.Connection, item_id: int | None) -> tuple[Any, ...] | None:
    if item_id is None:
        return None
    r = conn.execute(
        "SELECT number, title, closed FROM agenda_items WHERE id = ?", (item_id,)
    ).fetchone()
    return (r["number"], r["title"], bool(r["closed"]), None) if r else None


def _items(conn: sqlite3.Connection, meeting_id: int, document_id: int) -> list[_Item]:
    """The meeting's items that own text: every item, and every group without items.

    Page ranges are hints only for the document the items were parsed from.
    """
    rows = conn.execute(
        "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position", (meeting_id,)
    ).fetchall()
    parents = {r["group_number"] for r in rows if r["group_number"]}
    out: list[_Item] = []
    for r in rows:
        if r["is_group"] and r["number"] in parents:
            continue
        own = r["document_id"] == document_id
        marks = tuple(
            (str(m[0]), int(m[1]), int(m[3]))
            for m in json.loads(r["section_marks"])
            if own and m[3] is not None
        )
        out.append(
            _Item(
                number=str(r["number"]),
                title=str(r["title"]),
                closed=bool(r["closed"]),
                sections=list(json.loads(r["sections"])),
                page_start=r["page_start"] if own else None,
                page_end=r["page_end"] if own else None,
                offset=r["offset_start"] if own else None,
                marks=marks,
            )
        )
    return out


def _heading_re(item: _Item) -> re.Pattern[str]:
    words = re.findall(r"\w+", item.title)
    first = re.escape(words[0]) if words else ""
    return re.compile(
        rf"(?im)^[ \t]*(?:punkt[ \t]+)?{re.escape(item.number)}\.?(?:[ \t]*[:.–-])?[ \t]+"
        rf"(?:lukket[ \t]*(?:punkt)?[ \t]*:?[ \t]*)?{first}"
    )


def _parsed_starts(items: list[_Item], n: int) -> list[tuple[int, int, _Item]]:
    """Where the parser saw each heading. An item it did not see in the text (listed only in
    a table of contents) owns no text."""
    starts = [
        (it.page_start - 1, it.offset, it)
        for it in items
        if it.offset is not None and it.page_start is not None and 0 < it.page_start <= n
    ]
    starts.sort(key=lambda s: (s[0], s[1]))
    return starts


def _found_starts(pages: list[PageRecord], items: list[_Item]) -> list[tuple[int, int, _Item]]:
    """Where each item's heading is, looked for in the stored text from the end backwards."""
    n = len(pages)
    starts: list[tuple[int, int, _Item]] = []
    cursor = (n - 1, len(pages[-1].text) + 1) if pages else (0, 0)
    for item in reversed(items):
        lo, hi = 0, n - 1
        if item.page_start is not None:
            lo = max(0, item.page_start - 1)
            hi = min(n - 1, (item.page_end or item.page_start) - 1)
        found = _find_last(pages, _heading_re(item), cursor, lo, hi)
        if found is None and item.page_start is not None and lo <= cursor[0]:
            found = (lo, 0) if (lo, 0) < cursor else None
        if found is not None:
            starts.append((found[0], found[1], item))
            cursor = found
    starts.reverse()
    return starts


def _find_last(
    pages: list[PageRecord], pattern: re.Pattern[str], before: tuple[int, int], lo: int, hi: int
) -> tuple[int, int] | None:
    """The last match at a position before ``before`` (page index, offset), within pages lo-hi."""
    page_i, offset = before
    for i in range(min(page_i, hi), lo - 1, -1):
        text = pages[i].text if i < page_i else pages[i].text[:offset]
        last = None
        for m in pattern.finditer(text):
            last = m.start()
        if last is not None:
            return i, last
    return None


def _assign_regions(pages: list[PageRecord], items: list[_Item]) -> None:
    """Work out, for each page, from which offsets on it belongs to which item and section."""
    n = len(pages)
    if any(it.offset is not None for it in items):
        starts = _parsed_starts(items, n)
    else:
        starts = _found_starts(pages, items)
    # section headings inside each item's stretch of text
    marks: list[tuple[int, int, _Item | None, str | None]] = []
    for k, (pi, off, item) in enumerate(starts):
        marks.append((pi, off, item, None))
        end = (starts[k + 1][0], starts[k + 1][1]) if k + 1 < len(starts) else (n, 0)
        if item.marks:
            marks.extend(
                (page - 1, offset, item, name)
                for name, page, offset in item.marks
                if (pi, off) <= (page - 1, offset) < end
            )
            continue
        if not item.sections:
            continue
        names = "|".join(re.escape(s) for s in sorted(set(item.sections), key=len, reverse=True))
        sec_re = re.compile(rf"(?m)^[ \t]*({names})[ \t]*:?[ \t]*$")
        for i in range(pi, min(end[0], n - 1) + 1):
            text = pages[i].text
            for m in sec_re.finditer(text):
                pos = (i, m.start())
                if (pi, off) <= pos < end:
                    marks.append((i, m.start(), item, m.group(1)))
    marks.sort(key=lambda m: (m[0], m[1]))
    current: Region = Region(0, None, None, False, None)
    k = 0
    for i, page in enumerate(pages):
        regions = [Region(0, current.item, current.item_title, current.closed, current.section)]
        while k < len(marks) and marks[k][0] == i:
            _, off, owner, section = marks[k]
            assert owner is not None
            current = Region(off, owner.number, owner.title, owner.closed, section)
            if off == 0:
                regions[0] = current
            else:
                regions.append(current)
            k += 1
        page.regions = regions
