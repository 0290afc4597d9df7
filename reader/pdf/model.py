"""Plain data produced by the PDF layer and consumed by the library and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

MeetingKind = Literal["agenda", "minutes"]


@dataclass(frozen=True)
class TextLine:
    """One visible line of text, with the typographic facts the structure parser needs."""

    text: str
    bbox: tuple[float, float, float, float]
    size: float
    bold: bool
    page: int  # 0-based page index


@dataclass(frozen=True)
class SectionMark:
    """Where a section heading stands: the section runs from here to the next mark."""

    name: str
    page: int  # 1-based
    y: float  # top of the heading line, in PDF points from the top of the page
    offset: int | None = None  # where the heading starts in the page's stored text


@dataclass
class ParsedItem:
    """An agenda item or a group of items, as found in one document.

    Groups (``3. Regionalpolitiske sager``) are items too, with ``is_group`` set, so that
    consumers can show the agenda as the flat list a reader sees.
    """

    number: str  # "3.4", "4" or "3" for a group
    title: str
    is_group: bool = False
    group: str | None = None  # number of the group this item belongs to
    case: str | None = None  # "SAG-2025-01103", "EMN-2025-003383"
    closed: bool = False
    page_start: int = 1  # 1-based, inclusive
    page_end: int = 1  # 1-based, inclusive
    sections: list[str] = field(default_factory=list)  # in document order
    attachments: list[str] = field(default_factory=list)  # names listed under "Bilag"
    y: float | None = None  # top of the heading on ``page_start``; None: not located
    offset: int | None = None  # where the heading starts in that page's stored text
    cases: list[str] = field(default_factory=list)  # every case number, ``case`` first
    section_marks: list[SectionMark] = field(default_factory=list)


@dataclass
class MeetingInfo:
    """What the first pages say about the meeting; every field may be unknown."""

    title: str | None = None
    body: str | None = None
    kind: MeetingKind | None = None
    start: datetime | None = None
    end: datetime | None = None
    location: str | None = None


@dataclass
class AgendaStructure:
    meeting: MeetingInfo
    items: list[ParsedItem]
    from_bookmarks: bool = False
