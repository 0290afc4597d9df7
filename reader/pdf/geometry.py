"""Where a range of a page's visible text is drawn: rectangles in PDF points.

The page text the library stores is ``join_lines`` of the page's visible lines, so each of
its characters comes from one visible line (or is a line break it added). We align the two,
then take the boxes of MuPDF's words on that line: a range that starts or ends inside a word
takes that line's character boxes instead. Where MuPDF's words or characters differ from what
a reader sees, the part's width is estimated from its share of the line.

A page's geometry is measured once and kept (:func:`page_geometry`, a bounded cache keyed by
the file, which the library names by its content, and the page): highlights on a page shown
again, made one after another, or re-anchored together then cost a lookup, not an extraction.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pymupdf

from reader.pdf.model import TextLine
from reader.pdf.text import _normalise_line, join_lines, visible_lines_and_textpage

# PyMuPDF is only partly annotated; calls go through an ``Any`` alias to keep mypy strict.
_mu: Any = pymupdf

Rect = tuple[float, float, float, float]
# (start, end) of a word in its line's normalised text, and the word's box
_Word = tuple[int, int, Rect]

CACHE_PAGES = 32  # pages whose geometry is kept


def open_pdf_file(path: Path) -> Any:
    return _mu.open(str(path))


def _provenance(lines: list[str], text: str) -> tuple[list[int], list[int]]:
    """For each character of ``text``: its visible line and index in it, or -1 if added."""
    line_of = [-1] * len(text)
    index_of = [-1] * len(text)
    t = 0
    for li, line in enumerate(lines):
        norm = " ".join(line.split())
        if t < len(text) and text[t] == "\n" and norm[:1] != "\n":
            t += 1  # a line break join_lines put between two lines
        if text.startswith(norm, t):  # the line as it is: all of it at once
            k = len(norm)
            line_of[t : t + k] = [li] * k
            index_of[t : t + k] = range(k)
            t += k
            continue
        for ci, c in enumerate(norm):
            if t < len(text) and text[t] == "\n" and c != "\n":
                t += 1
            if t < len(text) and text[t] == c:
                line_of[t] = li
                index_of[t] = ci
                t += 1
            # else: a character join_lines dropped (a line-end hyphen or soft hyphen)
    return line_of, index_of


class PageGeometry:
    """One page's visible lines, text and word boxes, to turn text ranges into rectangles.

    Built from an open page; :meth:`detach` lets it outlive the document (it reopens the
    file for character boxes, the rare case that needs them).
    """

    def __init__(self, page: Any, page_text: str | None = None, path: Path | None = None) -> None:
        self.page: Any = page
        self.path = path
        self.number: int = page.number or 0
        self.size: tuple[float, float] = (float(page.rect.width), float(page.rect.height))
        lines, tpage = visible_lines_and_textpage(page)
        self.lines: list[TextLine] = lines
        self.norms = [" ".join(ln.text.split()) for ln in self.lines]
        texts = [ln.text for ln in self.lines]
        self.text = join_lines(texts) if page_text is None else page_text
        self.line_of, self.index_of = _provenance(texts, self.text)
        self.words = self._line_words(tpage)
        self._chars: dict[int, list[tuple[str, Rect, float]]] | None = None

    def detach(self) -> None:
        """Drop the page (and so the document) once the word boxes are read."""
        if self.path is not None:
            self.page = None

    def rects(self, start: int, end: int) -> list[Rect]:
        """Rectangles covering page-text characters ``[start, end)``, one per visible line."""
        start, end = max(0, start), min(end, len(self.line_of))
        spans: dict[int, tuple[int, int]] = {}
        for li, ci in zip(self.line_of[start:end], self.index_of[start:end], strict=True):
            if li >= 0:
                a, b = spans.get(li, (ci, ci))
                spans[li] = (min(a, ci), max(b, ci))
        out: list[Rect] = []
        for li, (a, b) in sorted(spans.items()):
            norm = self.norms[li]
            b += 1
            while a < b and norm[a] == " ":
                a += 1
            while b > a and norm[b - 1] == " ":
                b -= 1
            if a < b:
                out.append(self._segment(li, norm, a, b))
        return out

    def _segment(self, li: int, norm: str, a: int, b: int) -> Rect:
        words = self.words.get(li)
        if words is not None:
            box = _from_words(words, a, b)
            if box is not None:
                return box
        boxes = self._char_boxes(li, norm)
        if boxes is not None:
            box = union(r for r in boxes[a:b] if r is not None)
            if box is not None:
                return box
        x0, y0, x1, y1 = self.lines[li].bbox
        n = max(1, len(norm))  # MuPDF's characters differ from what is seen: estimate
        return (x0 + (x1 - x0) * a / n, y0, x0 + (x1 - x0) * b / n, y1)

    def _owner(self, tops: list[float], x0: float, y0: float, x1: float, y1: float) -> int:
        """The visible line whose box holds the centre of ``(x0, y0, x1, y1)``, or -1."""
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        i = bisect.bisect_right(tops, cy) - 1
        for j in range(i, max(-1, i - 4), -1):
            b = self.lines[j].bbox
            if cy <= b[3] and b[0] - 1 <= cx <= b[2] + 1:
                return j
        return -1

    def _line_words(self, tpage: Any) -> dict[int, list[_Word]]:
        """MuPDF's words on each visible line, where they read exactly as the line does."""
        tops = [ln.bbox[1] for ln in self.lines]
        found: dict[int, list[tuple[str, Rect]]] = {}
        key: tuple[int, int] | None = None
        bucket: list[tuple[str, Rect]] | None = None
        bx0 = by0 = bx1 = by1 = 0.0
        for x0, y0, x1, y1, word, block, line, _ in tpage.extractWORDS():
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            # MuPDF's words of one line mostly share a visible line: look it up once
            if (block, line) != key or not (by0 <= cy <= by1 and bx0 - 1 <= cx <= bx1 + 1):
                key = (block, line)
                owner = self._owner(tops, x0, y0, x1, y1)
                bucket = None if owner < 0 else found.setdefault(owner, [])
                bx0, by0, bx1, by1 = self.lines[owner].bbox if owner >= 0 else (0, 0, -2, -1)
            if bucket is not None:
                bucket.append((word, (x0, y0, x1, y1)))
        out: dict[int, list[_Word]] = {}
        for li, on_line in found.items():
            on_line.sort(key=_left)
            kept = on_line
            if _overlapping(on_line):
                kept = []  # words drawn over each other: drop the repeated copies
                for w in on_line:
                    tol = 0.15 * (w[1][3] - w[1][1])
                    if any(k[0] == w[0] and abs(k[1][0] - w[1][0]) < tol for k in kept[-4:]):
                        continue  # the same word drawn again at the same place (clipped copies)
                    kept.append(w)
            norm = self.norms[li]
            tokens = norm.split(" ")
            if len(tokens) != len(kept) or _normalise_line(" ".join(w[0] for w in kept)) != norm:
                continue
            words: list[_Word] = []
            at = 0
            for token, (_, box) in zip(tokens, kept, strict=True):
                words.append((at, at + len(token), box))
                at += len(token) + 1
            out[li] = words
        return out

    def _bucket_chars(self) -> dict[int, list[tuple[str, Rect, float]]]:
        """MuPDF's inked characters, by the visible line whose box holds their centre."""
        tops = [ln.bbox[1] for ln in self.lines]
        out: dict[int, list[tuple[str, Rect, float]]] = {}
        page = self.page
        pdf: Any = None
        if page is None:
            assert self.path is not None
            pdf = open_pdf_file(self.path)
            page = pdf[self.number]
        try:
            raw = page.get_text("rawdict", flags=_mu.TEXT_CLIP)
        finally:
            if pdf is not None:
                pdf.close()
        for block in raw["blocks"]:
            for ln in block.get("lines", ()):
                for span in ln["spans"]:
                    size = float(span["size"])
                    for ch in span["chars"]:
                        if ch["c"].isspace():
                            continue
                        x0, y0, x1, y1 = ch["bbox"]
                        j = self._owner(tops, x0, y0, x1, y1)
                        if j >= 0:
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


def _left(word: tuple[str, Rect]) -> float:
    return word[1][0]


def _overlapping(words: list[tuple[str, Rect]]) -> bool:
    """Whether a word starts before the one left of it ends (copies drawn over each other);
    a plain loop, as this runs for every line of every page measured."""
    end = -1e9
    for _, box in words:
        if box[0] < end - 0.5:
            return True
        end = box[2]
    return False


def _from_words(words: list[_Word], a: int, b: int) -> Rect | None:
    """The box of line characters ``[a, b)`` from whole words; None if it cuts one."""
    i = bisect.bisect_right(words, a, key=lambda w: w[0]) - 1
    if i < 0 or words[i][0] != a:
        return None
    j = i
    while j < len(words) and words[j][1] < b:
        j += 1
    if j == len(words) or words[j][1] != b:
        return None
    return union(w[2] for w in words[i : j + 1])


_cache: OrderedDict[tuple[str, int, str | None], PageGeometry] = OrderedDict()
_cache_lock = threading.Lock()


class PdfFile:
    """A PDF opened on first use and closed at the end of a ``with`` block: a caller that
    asks for many pages' geometry opens the file once, and not at all if all are kept."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._doc: Any = None

    def page(self, number: int) -> Any:
        """Page ``number`` (1-based)."""
        if self._doc is None:
            self._doc = open_pdf_file(self.path)
        return self._doc[number - 1]

    def __enter__(self) -> PdfFile:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None


def page_geometry(
    path: Path, page: int, page_text: str | None = None, pdf: PdfFile | None = None
) -> PageGeometry:
    """The geometry of ``page`` (1-based) of the PDF at ``path``, measured once and kept.

    ``path`` must name one version (the library's blobs are named by their content); ``pdf``
    is that file, opened when first needed, if the caller asks for several pages.
    """
    key = (str(path), page, page_text)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    if pdf is None:
        with PdfFile(path) as own:
            geometry = PageGeometry(own.page(page), page_text, path)
            geometry.detach()
    else:
        geometry = PageGeometry(pdf.page(page), page_text, path)
        geometry.detach()
    with _cache_lock:
        _cache[key] = geometry
        while len(_cache) > CACHE_PAGES:
            _cache.popitem(last=False)
    return geometry


def clear_geometry_cache() -> None:
    with _cache_lock:
        _cache.clear()


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
