"""Where a place on a page (its y) falls in the page's stored text.

Items and sections are found on the page as positions; search, notes and the reader work on
the stored text. Each visible line's first characters are found in order in the text the
library keeps (joined lines, hyphenation undone), which gives every line its offset.
"""

from __future__ import annotations

import bisect
import dataclasses

from reader.pdf.model import ParsedItem, TextLine

_PROBE = 12  # characters of a line looked for in the joined text


def line_offsets(text: str, lines: list[TextLine]) -> list[tuple[float, int]]:
    """``(top y, offset)`` of every visible line of a page, top to bottom."""
    out: list[tuple[float, int]] = []
    cursor = 0
    for ln in lines:
        probe = " ".join(ln.text.split())[:_PROBE].rstrip("\u00ad-")
        found = text.find(probe, cursor) if probe else -1
        if found < 0:
            found = cursor
        out.append((ln.bbox[1], found))
        cursor = found
    out.sort()
    return out


def offset_at(starts: list[tuple[float, int]], y: float, end: int) -> int:
    """Offset of the first line at or below ``y`` (half a point of slack); ``end`` if none."""
    i = bisect.bisect_left(starts, (y - 0.5, -1))
    return starts[i][1] if i < len(starts) else end


def place_items(items: list[ParsedItem], pages: list[str], lines: list[list[TextLine]]) -> None:
    """Give every item and section heading its offset in the stored text of its page."""
    cache: dict[int, list[tuple[float, int]]] = {}

    def starts(page: int) -> list[tuple[float, int]]:
        if page not in cache:
            cache[page] = line_offsets(pages[page], lines[page])
        return cache[page]

    for it in items:
        if it.y is not None and 0 < it.page_start <= len(pages):
            p = it.page_start - 1
            it.offset = offset_at(starts(p), it.y, len(pages[p]))
        it.section_marks = [
            dataclasses.replace(
                m, offset=offset_at(starts(m.page - 1), m.y, len(pages[m.page - 1]))
            )
            if 0 < m.page <= len(pages)
            else m
            for m in it.section_marks
        ]
