"""The geometry of a continuous document view, without Qt, so it can be tested as arithmetic.

Content coordinates are logical pixels (what Qt calls device-independent pixels): pages stand
top to bottom, centred, at their real sizes times the zoom, with a gap between them. Page
coordinates are PDF points from the page's top-left corner (rotation applied). Device pixels
are logical pixels times the screen's device pixel ratio; tiles are cut in device pixels.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

GAP = 10  # logical pixels between two pages
MARGIN = 10  # logical pixels around the column of pages
MIN_ZOOM = 0.1
MAX_ZOOM = 8.0
ZOOM_STEPS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
READING_LINE = 24  # logical pixels below the top edge where "the reader's line" is

# A whole page is one tile up to this many device pixels (about 12 MB of RGB); above it the
# page is cut into TILE-sized squares and only the visible ones are rendered.
PAGE_PIXEL_BUDGET = 2600 * 1800
TILE = 1024

Size = tuple[float, float]
Region = tuple[int, int, int, int]


def clamp_zoom(zoom: float) -> float:
    return min(MAX_ZOOM, max(MIN_ZOOM, zoom))


def step_zoom(zoom: float, direction: int) -> float:
    """The next zoom step up (``direction`` > 0) or down from ``zoom``."""
    if direction > 0:
        bigger = [z for z in ZOOM_STEPS if z > zoom * 1.001]
        return bigger[0] if bigger else clamp_zoom(zoom * 1.25)
    smaller = [z for z in ZOOM_STEPS if z < zoom / 1.001]
    return smaller[-1] if smaller else clamp_zoom(zoom / 1.25)


@dataclass(frozen=True)
class PageRect:
    """Where a page stands in content coordinates (logical pixels), whole pixels."""

    page: int
    x: int
    y: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def right(self) -> int:
        return self.x + self.width


class Layout:
    """All pages of one document at one zoom, for a view of a given width.

    A page narrower than the view stands in its middle; a wider one starts at the margin
    and the content grows to the right (the view scrolls sideways).
    """

    def __init__(self, sizes: Sequence[Size], zoom: float, view_width: int) -> None:
        self.sizes = tuple(sizes)
        self.zoom = clamp_zoom(zoom)
        self.view_width = view_width
        widths = [round(w * self.zoom) for w, _h in self.sizes]
        self.content_width = max(view_width, max(widths, default=0) + 2 * MARGIN)
        tops: list[int] = []
        y = MARGIN
        for (_w, h), _pw in zip(self.sizes, widths, strict=True):
            tops.append(y)
            y += round(h * self.zoom) + GAP
        self._tops = tops
        self._widths = widths
        self.content_height = (y - GAP + MARGIN) if self.sizes else 0

    @property
    def page_count(self) -> int:
        return len(self.sizes)

    def rect(self, page: int) -> PageRect:
        w = self._widths[page]
        h = round(self.sizes[page][1] * self.zoom)
        # centred in the view, so a wide page elsewhere does not push this one aside
        x = max(MARGIN, (self.view_width - w) // 2)
        return PageRect(page, x, self._tops[page], w, h)

    def page_at(self, y: float) -> int:
        """The page at content height ``y``; in a gap, the page below it."""
        if not self.sizes:
            return 0
        i = bisect.bisect_right(self._tops, y) - 1
        if i < 0:
            return 0
        if y >= self.rect(i).bottom and i + 1 < len(self.sizes):
            return i + 1
        return i

    def visible(self, top: float, height: float) -> range:
        """The pages that intersect the band [top, top + height) of the content."""
        if not self.sizes:
            return range(0)
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        if self.rect(first).bottom <= top and first + 1 < len(self.sizes):
            first += 1
        last = max(first, bisect.bisect_left(self._tops, top + height) - 1)
        return range(first, min(last, len(self.sizes) - 1) + 1)

    def to_page(self, x: float, y: float) -> tuple[int, float, float]:
        """Content point -> (page, x, y in points), clamped to that page."""
        page = self.page_at(y)
        r = self.rect(page)
        w, h = self.sizes[page]
        px = min(max((x - r.x) / self.zoom, 0.0), w)
        py = min(max((y - r.y) / self.zoom, 0.0), h)
        return page, px, py

    def to_content(self, page: int, x: float, y: float) -> tuple[float, float]:
        r = self.rect(page)
        return r.x + x * self.zoom, r.y + y * self.zoom

    # -- positions -------------------------------------------------------------------------

    def position(self, scroll_y: float) -> tuple[int, float]:
        """(page, y in points) at the reading line of a view scrolled to ``scroll_y``."""
        page, _x, y = self.to_page(0, scroll_y + READING_LINE)
        return page, y

    def scroll_for(self, page: int, y: float | None) -> float:
        """The scroll position that puts (``page``, ``y``) on the reading line; with no ``y``,
        the page's top edge just inside the view."""
        page = min(max(page, 0), max(self.page_count - 1, 0))
        if not self.sizes:
            return 0.0
        r = self.rect(page)
        if y is None:
            return max(0.0, r.y - GAP / 2)
        return max(0.0, r.y + y * self.zoom - READING_LINE)


def fit_width_zoom(sizes: Sequence[Size], view_width: int) -> float:
    """The zoom at which the usual page width fills the view (a stray landscape page in a
    portrait document neither shrinks the others nor is fitted itself)."""
    if not sizes:
        return 1.0
    widths = sorted(w for w, _h in sizes)
    usual = widths[len(widths) // 2]
    return clamp_zoom((view_width - 2 * MARGIN) / max(usual, 1.0))


def fit_page_zoom(size: Size, view_width: int, view_height: int) -> float:
    """The zoom at which the whole of a page of ``size`` fits in the view."""
    w, h = size
    return clamp_zoom(
        min((view_width - 2 * MARGIN) / max(w, 1.0), (view_height - 2 * MARGIN) / max(h, 1.0))
    )


def zoom_scroll(
    old: Layout, new: Layout, scroll: tuple[float, float], anchor: tuple[float, float]
) -> tuple[float, float]:
    """The scroll position of ``new`` that keeps the document point under ``anchor`` (a
    point in the viewport) where it was in ``old`` scrolled to ``scroll``."""
    sx, sy = scroll
    ax, ay = anchor
    page, px, py = old.to_page(sx + ax, sy + ay)
    # the part of the old point beyond its page (a gap, a margin) scales with nothing
    r = old.rect(page)
    cx, cy = new.to_content(page, px, py)
    off_x = (sx + ax) - (r.x + px * old.zoom)
    off_y = (sy + ay) - (r.y + py * old.zoom)
    return max(0.0, cx + off_x - ax), max(0.0, cy + off_y - ay)


# -- tiles ---------------------------------------------------------------------------------


def page_pixels(size: Size, scale: float) -> tuple[int, int]:
    """The pixel size of a page rendered at ``scale`` (device pixels per point)."""
    w, h = size
    return max(1, math.ceil(w * scale - 1e-6)), max(1, math.ceil(h * scale - 1e-6))


def needs_tiles(size: Size, scale: float) -> bool:
    w, h = page_pixels(size, scale)
    return w * h > PAGE_PIXEL_BUDGET


def tile_regions(size: Size, scale: float, visible: Region | None = None) -> list[Region]:
    """The grid of tiles of a page at ``scale``, in device pixels of the rendered page,
    only those meeting ``visible`` (x, y, w, h, same units) when given."""
    pw, ph = page_pixels(size, scale)
    out: list[Region] = []
    for ty in range(0, ph, TILE):
        for tx in range(0, pw, TILE):
            region = (tx, ty, min(TILE, pw - tx), min(TILE, ph - ty))
            if visible is None or _meets(region, visible):
                out.append(region)
    return out


def _meets(a: Region, b: Region) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


# -- history -------------------------------------------------------------------------------

Position = tuple[int, float]


class History:
    """Back and forward through jumps, like a browser: a jump records where the reader was;
    going back records where they are so forward can return."""

    LIMIT = 100

    def __init__(self) -> None:
        self._back: list[Position] = []
        self._forward: list[Position] = []

    def record(self, here: Position) -> None:
        if self._back and _same(self._back[-1], here):
            self._forward.clear()
            return
        self._back.append(here)
        del self._back[: -self.LIMIT]
        self._forward.clear()

    def back(self, here: Position) -> Position | None:
        if not self._back:
            return None
        self._forward.append(here)
        return self._back.pop()

    def forward(self, here: Position) -> Position | None:
        if not self._forward:
            return None
        self._back.append(here)
        return self._forward.pop()

    def can_back(self) -> bool:
        return bool(self._back)

    def can_forward(self) -> bool:
        return bool(self._forward)

    def clear(self) -> None:
        self._back.clear()
        self._forward.clear()


def _same(a: Position, b: Position) -> bool:
    return a[0] == b[0] and abs(a[1] - b[1]) < 1.0


# -- selection -----------------------------------------------------------------------------

Anchor = tuple[int, int]  # page, character index


def ordered(a: Anchor, b: Anchor) -> tuple[Anchor, Anchor]:
    return (a, b) if a <= b else (b, a)


def selection_ranges(a: Anchor, b: Anchor, lengths: dict[int, int]) -> dict[int, tuple[int, int]]:
    """The character range selected on each page between anchors ``a`` and ``b`` (either
    order; the end is exclusive), for the pages whose text length ``lengths`` knows."""
    (p0, i0), (p1, i1) = ordered(a, b)
    out: dict[int, tuple[int, int]] = {}
    for page in range(p0, p1 + 1):
        n = lengths.get(page)
        if n is None:
            continue
        start = i0 if page == p0 else 0
        end = i1 if page == p1 else n
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if end > start:
            out[page] = (start, end)
    return out


_JOINERS = "-.'\u2019"  # inside a word: 2025-28, 3.5, don't


def word_at(text: str, index: int) -> tuple[int, int]:
    """The word (letters, digits, joined by inner hyphens or dots) around ``index``."""
    if not text:
        return 0, 0
    index = min(max(index, 0), len(text) - 1)

    def inword(i: int) -> bool:
        c = text[i]
        if c.isalnum():
            return True
        inner = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
        return inner and c in _JOINERS

    if not inword(index):
        return index, index + 1
    start = index
    while start > 0 and inword(start - 1):
        start -= 1
    end = index + 1
    while end < len(text) and inword(end):
        end += 1
    return start, end


def line_at(text: str, index: int) -> tuple[int, int]:
    """The line (between "\\n"s) around ``index``."""
    index = min(max(index, 0), len(text))
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return start, len(text) if end < 0 else end
