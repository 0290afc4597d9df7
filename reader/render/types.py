"""What the render pool takes and gives: plain, picklable data with no Qt and no PyMuPDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in points, origin top-left, as shown


@dataclass(frozen=True)
class OutlineEntry:
    level: int  # 1 = top
    title: str
    page: int  # 0-based; -1 when the bookmark points nowhere
    y: float | None  # points from the page top, when the bookmark says


@dataclass(frozen=True)
class DocumentInfo:
    path: Path
    page_count: int
    sizes: tuple[tuple[float, float], ...]  # (width, height) of each page in points, as shown
    outline: tuple[OutlineEntry, ...]


@dataclass(frozen=True)
class TileRequest:
    path: Path  # a content-addressed blob: the path names one version of a document
    page: int  # 0-based
    scale: float  # device pixels per point (zoom x device pixel ratio; 1.0 = 72 dpi)
    region: tuple[int, int, int, int] | None = None  # x, y, w, h in device pixels; None = page


@dataclass(frozen=True)
class Tile:
    request: TileRequest
    width: int
    height: int
    stride: int
    data: memoryview = field(repr=False)  # RGB888, ``stride`` bytes per row; writable


@dataclass(frozen=True)
class RenderFailure:
    request: TileRequest
    reason: str  # "crashed" (the worker died), "timeout" (hung, killed), "error" (MuPDF raised)
    message: str  # for the log; the UI words its own message


@dataclass(frozen=True)
class PageText:
    """A page's visible text with one box per character, for hit-testing, selection and find.

    ``text`` has "\\n" between lines and " " between words; a "\\n" or an inserted " " has a
    zero-width box at the end of the glyph before it.
    """

    page: int
    text: str
    boxes: tuple[Rect, ...]

    @cached_property
    def _lines(self) -> tuple[tuple[int, int, float, float], ...]:
        """(start, end, top, bottom) of each line; ``end`` excludes the line's "\\n"."""
        out: list[tuple[int, int, float, float]] = []
        start = 0
        text, boxes = self.text, self.boxes
        n = len(text)
        while start < n:
            end = text.find("\n", start)
            if end < 0:
                end = n
            if end > start:
                top = min(boxes[i][1] for i in range(start, end))
                bottom = max(boxes[i][3] for i in range(start, end))
                out.append((start, end, top, bottom))
            start = end + 1
        return tuple(out)

    def index_at(self, x: float, y: float) -> int | None:
        """The character nearest to (x, y): on the line under y (else the nearest line),
        the glyph under x (else the nearest one). None on a page without text."""
        lines = self._lines
        if not lines:
            return None
        best = min(
            lines,
            key=lambda ln: 0.0 if ln[2] <= y <= ln[3] else min(abs(y - ln[2]), abs(y - ln[3])),
        )
        start, end = best[0], best[1]
        boxes = self.boxes
        nearest, gap = start, float("inf")
        for i in range(start, end):
            x0, _, x1, _ = boxes[i]
            if x0 <= x <= x1 and x1 > x0:
                return i
            d = x0 - x if x < x0 else x - x1
            if d < gap:
                nearest, gap = i, d
        return nearest

    def rects(self, start: int, end: int) -> list[Rect]:
        """One rect per line for the characters ``start:end``, for painting a selection or
        a match; line breaks and boxes of no width add nothing."""
        out: list[Rect] = []
        for ls, le, _, _ in self._lines:
            a, b = max(start, ls), min(end, le)
            if a >= b:
                continue
            boxes = [r for r in self.boxes[a:b] if r[2] > r[0]] or list(self.boxes[a:b])
            out.append(
                (
                    min(r[0] for r in boxes),
                    min(r[1] for r in boxes),
                    max(r[2] for r in boxes),
                    max(r[3] for r in boxes),
                )
            )
        return out


@dataclass(frozen=True)
class FindMatch:
    page: int
    start: int  # character range in that page's PageText.text
    end: int
    rects: tuple[Rect, ...]  # one per line the match covers
