"""Where a range of a page's visible text is drawn: rectangles in PDF points.

The page text the library stores is ``join_lines`` of the page's visible lines, so each of
its characters comes from one visible line (or is a line break it added). We align the two,
then take the boxes of MuPDF's characters on that line. Where MuPDF's characters differ from
what a reader sees, the part's width is estimated from its share of the line.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pymupdf

from reader.pdf.model import TextLine
from reader.pdf.text import join_lines, visible_lines

# PyMuPDF is only partly annotated; calls go through an ``Any`` alias to keep mypy strict.
_mu: Any = pymupdf

Rect = tuple[float, float, float, float]


def open_pdf_file(path: Path) -> Any:
    return _mu.open(str(path))


def _provenance(lines: list[str], text: str) -> list[tuple[int, int]]:
    """For each character of ``text``: (visible line, index in it), or (-1, -1) if added."""
    out: list[tuple[int, int]] = [(-1, -1)] * len(text)
    t = 0
    for li, line in enumerate(lines):
        norm = " ".join(line.split())
        for ci, c in enumerate(norm):
            if t < len(text) and text[t] == "\n" and c != "\n":
                t += 1  # a line break join_lines put between two lines
            if t < len(text) and text[t] == c:
                out[t] = (li, ci)
                t += 1
            # else: a character join_lines dropped (a line-end hyphen or soft hyphen)
    return out


class PageGeometry:
    """One page's visible lines and text, to turn text ranges into rectangles."""

    def __init__(self, page: Any, page_text: str | None = None) -> None:
        self.page = page
        self.lines: list[TextLine] = visible_lines(page)
        texts = [ln.text for ln in self.lines]
        self.text = join_lines(texts) if page_text is None else page_text
        self.prov = _provenance(texts, self.text)
        self._chars: dict[int, list[tuple[str, Rect, float]]] | None = None

    def rects(self, start: int, end: int) -> list[Rect]:
        """Rectangles covering page-text characters ``[start, end)``, one per visible line."""
        per_line: dict[int, list[int]] = {}
        for li, ci in self.prov[max(0, start) : min(end, len(self.prov))]:
            if li >= 0:
                per_line.setdefault(li, []).append(ci)
        out: list[Rect] = []
        for li, idx in sorted(per_line.items()):
            line = self.lines[li]
            norm = " ".join(line.text.split())
            a, b = min(idx), max(idx) + 1
            while a < b and norm[a] == " ":
                a += 1
            while b > a and norm[b - 1] == " ":
                b -= 1
            if a < b:
                out.append(self._segment(li, line, norm, a, b))
        return out

    def _segment(self, li: int, line: TextLine, norm: str, a: int, b: int) -> Rect:
        boxes = self._char_boxes(li, norm)
        if boxes is not None:
            picked = [boxes[i] for i in range(a, b) if boxes[i] is not None]
            box = union(r for r in picked if r is not None)
            if box is not None:
                return box
        x0, y0, x1, y1 = line.bbox
        n = max(1, len(norm))  # MuPDF's characters differ from what is seen: estimate
        return (x0 + (x1 - x0) * a / n, y0, x0 + (x1 - x0) * b / n, y1)

    def _bucket_chars(self) -> dict[int, list[tuple[str, Rect, float]]]:
        """MuPDF's inked characters, by the visible line whose box holds their centre."""
        tops = [ln.bbox[1] for ln in self.lines]
        out: dict[int, list[tuple[str, Rect, float]]] = {}
        raw = self.page.get_text("rawdict", flags=_mu.TEXT_CLIP)
        for block in raw["blocks"]:
            for ln in block.get("lines", ()):
                for span in ln["spans"]:
                    size = float(span["size"])
                    for ch in span["chars"]:
                        if ch["c"].isspace():
                            continue
                        x0, y0, x1, y1 = (float(v) for v in ch["bbox"])
                        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                        i = bisect.bisect_right(tops, cy) - 1
                        for j in range(i, max(-1, i - 4), -1):
                            b = self.lines[j].bbox
                            if cy <= b[3] and b[0] - 1 <= cx <= b[2] + 1:
                                out.setdefault(j, []).append((ch["c"], (x0, y0, x1, y1), size))
        return out

    def _char_boxes(self, li: int, norm: str) -> list[Rect | None] | None:
        """Each character of a visible line with its box (None for spaces), if MuPDF's
        characters on that line are exactly the line's (after dropping repeated copies)."""
        if self._chars is None:
            self._chars = self._bucket_chars()
        on_line = sorted(self._chars.get(li, []), key=lambda c: c[1][0])
        kept: list[tuple[str, Rect, float]] = []
        for c in on_line:
            if any(k[0] == c[0] and abs(k[1][0] - c[1][0]) < 0.15 * c[2] for k in kept[-4:]):
                continue  # the same glyph drawn again at the same place (clipped copies)
            kept.append(c)
        visible = [c for c in norm if not c.isspace()]
        if len(kept) != len(visible):
            return None
        it = iter(kept)
        return [None if c.isspace() else next(it)[1] for c in norm]


def union(rects: Iterable[Rect]) -> Rect | None:
    rs = list(rects)
    if not rs:
        return None
    return (
        min(r[0] for r in rs),
        min(r[1] for r in rs),
        max(r[2] for r in rs),
        max(r[3] for r in rs),
    )
