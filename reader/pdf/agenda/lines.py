"""Visible lines as the parser sees them: position, typography, and whether they are furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reader.pdf.model import TextLine
from reader.pdf.text import join_lines, visible_lines

_BARE_NUM = re.compile(
    r"^(?:(?:punkt|pkt\.?|dagsordenspunkt|top|sag\s*nr\.?|sag)\s*)?\d{1,3}(?:\.\d{1,3})?"
    r"(?:\.\)|[.:)])?$",
    re.IGNORECASE,
)
_BARE_FIRST = frozenset("0123456789pPdDsStT")  # what a _BARE_NUM match can start with
FOOTER_RE = re.compile(
    r"^(?:(?:side|seite|page|s\.)\s*\|?\s*\d+(?:\s*(?:af|von|/|of)\s*\d+)?|\d{1,4}|"
    r"[-\u2013]\s*\d+\s*[-\u2013]|\d+\s*(?:af|von|/)\s*\d+)$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Line:
    """A visible line with its place in the document and whether it is page furniture."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    page: int  # 0-based
    footer: bool = False
    italic: bool = False  # only read back when section headings need it
    under: bool = False

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


def collect(
    d: Any, pages: list[list[TextLine]] | None, heights: list[float] | None = None
) -> tuple[list[Line], list[float]]:
    """Every visible line of the document in reading order, and each page's height.

    A caller that extracted the pages already passes their lines and heights, so no page is
    loaded twice.
    """
    lines: list[Line] = []
    if pages is not None and heights is not None:
        for index, page_lines in enumerate(pages):
            lines.extend(merge_columns(page_lines, index))
        return lines, list(heights)
    heights = []
    for page in d:
        heights.append(float(page.rect.height))
        index = int(page.number or 0)
        raw: list[TextLine] = pages[index] if pages is not None else visible_lines(page)
        lines.extend(merge_columns(raw, index))
    return lines, heights


def merge_columns(raw: list[TextLine], page: int) -> list[Line]:
    """Join a bare number (``4``, ``3.4.``, ``Punkt 4``, ``TOP 2``) with the title beside it.

    Tables put the number in its own cell; when the cells' baselines differ, the number is a
    line of its own. Bare numbers are rare, so the pairing pass runs only when there is one.
    """
    out: list[Line] = []
    bare: list[int] = []
    for t in raw:
        text = t.text.strip()
        if not text:
            continue
        x0, y0, x1, y1 = t.bbox
        if len(text) <= 30 and text[0] in _BARE_FIRST and _BARE_NUM.match(text):
            bare.append(len(out))
        out.append(Line(text, x0, y0, x1, y1, t.size, t.bold, page))
    if not bare:
        return out
    used: set[int] = set()
    joined: dict[int, Line] = {}
    for i in bare:
        if i in used:
            continue
        ln = out[i]
        best: int | None = None
        # lines come top to bottom, so a cell on the same row is a few lines away at most
        for j in range(max(0, i - 8), min(len(out), i + 9)):
            other = out[j]
            if j == i or j in used or other.x0 < ln.x1 - 1:
                continue
            h = min(ln.y1 - ln.y0, other.y1 - other.y0) or 1.0
            if abs((ln.y0 + ln.y1) / 2 - (other.y0 + other.y1) / 2) > 0.5 * h:
                continue
            if best is None or other.x0 < out[best].x0:
                best = j
        if best is not None:
            o = out[best]
            used.add(best)
            joined[i] = Line(
                f"{ln.text} {o.text}",
                ln.x0,
                min(ln.y0, o.y0),
                o.x1,
                max(ln.y1, o.y1),
                max(ln.size, o.size),
                o.bold,
                page,
            )
    return [joined.get(i, ln) for i, ln in enumerate(out) if i not in used]


def body_size(lines: list[Line]) -> float:
    """The dominant body font size, weighted by characters."""
    counts: dict[float, int] = {}
    for ln in lines:
        key = round(ln.size * 2) / 2
        counts[key] = counts.get(key, 0) + len(ln.text)
    return max(counts, key=counts.__getitem__) if counts else 10.0


def mark_footers(lines: list[Line], heights: list[float], keep: Any) -> None:
    """Flag running headers/footers: page-number patterns or text repeated in the margins.

    ``keep(text)`` says a repeated line is content after all (a heading that recurs).
    """
    npages = len(heights)
    zone: list[int] = []
    for i, ln in enumerate(lines):
        h = heights[ln.page] if ln.page < len(heights) else 842.0
        if ln.y1 <= 0.2 * h or ln.y0 >= 0.88 * h:
            zone.append(i)
    keys: dict[int, str] = {}
    pages_by_key: dict[str, set[int]] = {}
    for i in zone:
        ln = lines[i]
        if FOOTER_RE.match(ln.text):
            ln.footer = True
            continue
        key = re.sub(r"\d+", "#", re.sub(r"\s+", " ", ln.text.casefold()))
        keys[i] = key
        pages_by_key.setdefault(key, set()).add(ln.page)
    need = max(2, int(0.3 * npages + 0.999))
    for i, key in keys.items():
        ln = lines[i]
        if npages < 2 or len(pages_by_key[key]) < need or keep(ln.text):
            continue
        ln.footer = True


def join(parts: list[str]) -> str:
    """Rejoin wrapped lines into one string; ``join_lines`` undoes line-end hyphenation."""
    return re.sub(r"\s+", " ", join_lines([p.strip() for p in parts if p.strip()])).strip()


def gap_above(lines: list[Line], i: int) -> float:
    """Vertical space between line ``i`` and the content line above it on its page (in line
    heights); large when it is the first content line of its page."""
    ln = lines[i]
    for k in range(i - 1, -1, -1):
        prev = lines[k]
        if prev.page != ln.page:
            return 99.0
        if prev.footer:
            continue
        return (ln.y0 - prev.y1) / ln.height
    return 99.0
