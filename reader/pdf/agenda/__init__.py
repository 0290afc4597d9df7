"""Find the meeting, its groups and its items in an agenda or minutes PDF.

Producers differ (KL's Word templates, FirstAgenda, municipal ESDH systems, German and
Austrian council software), so the parser fits the shape agendas share rather than one file:
numbered headings set apart by weight, size or space, or listed in a table of contents; a case
number near each heading; section headings from a Danish, German and English vocabulary; a list
of attachments under ``Bilag``/``Anlagen``. Every item and section keeps where it starts on
its page, so search hits, notes and the reader agree on where an item begins.
"""

from __future__ import annotations

from typing import Any

import pymupdf

from reader.pdf.agenda.contents import from_toc, toc_entries
from reader.pdf.agenda.headings import (
    from_bookmarks,
    from_layout,
    is_case_line,
    parse_number,
    section_name,
)
from reader.pdf.agenda.items import build, has_decision, marked_style, section_style
from reader.pdf.agenda.lines import body_size, collect, mark_footers
from reader.pdf.agenda.meeting import meeting_info, meeting_title
from reader.pdf.model import AgendaStructure, MeetingInfo, TextLine

__all__ = ["parse_agenda"]


def parse_agenda(
    doc: pymupdf.Document,
    pages: list[list[TextLine]] | None = None,
    heights: list[float] | None = None,
) -> AgendaStructure:
    """Meeting info and the flat list of groups and items of ``doc``; never raises on odd input.

    ``pages`` are the visible lines per page (and ``heights`` the pages' heights) when the
    caller has them already, so a document is extracted once and no page loaded twice.
    """
    d: Any = doc
    try:
        lines, heights = collect(d, pages, heights)
    except Exception:
        return AgendaStructure(MeetingInfo(), [])
    if not lines:
        return AgendaStructure(MeetingInfo(), [])
    body = body_size(lines)
    mark_footers(
        lines,
        heights,
        lambda t: section_name(t) is not None or parse_number(t) is not None or is_case_line(t),
    )
    meeting = meeting_info(lines)
    heads = None
    try:
        heads = from_bookmarks(d.get_toc(simple=True), lines)
    except Exception:
        heads = None
    from_outline = bool(heads)
    if not heads:
        toc = toc_entries(lines)
        skip = {i for e in toc for i in range(e.index, e.end)}
        layout = from_layout(lines, body, skip)
        heads = from_toc(toc, layout, lines, skip) if toc else layout
    style = section_style(lines, body)
    if style is None:
        try:
            style = marked_style(d, lines)
        except Exception:
            style = None
    items = build(heads, lines, style, heights)
    if meeting.kind is None and items:
        meeting.kind = "minutes" if has_decision(items) else None
        meeting.title = meeting_title(meeting)
    return AgendaStructure(meeting, items, from_outline)
