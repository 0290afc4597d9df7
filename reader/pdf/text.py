"""Visible text of a PDF page, in reading order, with line-end hyphenation undone.

Why not plain ``page.get_text()``: some producers (ABCpdf, used by FirstAgenda) draw one text
block many times, each copy clipped so that only a strip shows. MuPDF's clip flag drops glyphs
that are *entirely* clipped away, but a glyph cut by a clip edge survives in every copy that
shows part of it, and copies drawn on top of each other all survive. We therefore merge spans
per baseline and, only where spans on a baseline overlap, drop characters repeated at the same
place. Everything else stays in MuPDF's C code, so the cost stays close to ``get_text()``.

ActualText: tagged PDFs (ABCpdf again) give each paragraph's structure element the whole
paragraph as ``/ActualText`` while drawing the paragraph as many marked-content sequences, and
MuPDF puts that text out once per sequence -- the paragraph many times over. We therefore extract
ignoring ActualText, which gives the glyphs as drawn, once. Where that loses text -- a glyph with
no known character (U+FFFD: a ligature or a symbol-font glyph without ToUnicode), or MuPDF's
own slip of spilling an enclosing ActualText, squeezed to no width, when a nested one starts --
the page is extracted again the way ``pdftotext`` reads it: ActualText written in the content
stream honoured, the structure tree's not consulted. A glyph with no character and no
ActualText then shows nothing.
"""

from __future__ import annotations

import re
from typing import Any

import pymupdf

from reader.pdf.model import TextLine

# PyMuPDF's low-level MuPDF bindings are not annotated.
_mu: Any = pymupdf

# Clip to the clip path (which also clips to the mediabox); expand ligatures; let MuPDF turn
# tabs etc. into spaces; glyphs as drawn, not structure ActualText repeated per sequence. No
# TEXT_CID_FOR_UNKNOWN_UNICODE: U+FFFD marks the glyphs whose ActualText we look up.
_FLAGS: int = pymupdf.TEXT_CLIP | pymupdf.TEXT_IGNORE_ACTUALTEXT
_FLAGS_ACTUALTEXT: int = pymupdf.TEXT_CLIP
_UNKNOWN = "\ufffd"  # MuPDF's character for a glyph it has no Unicode for
# A span of this many characters or more, narrower than this (x font size) per character, is
# text squeezed into no room: an enclosing ActualText spilled by MuPDF, not glyphs drawn.
_SQUEEZED_MIN_CHARS = 8
_SQUEEZED_WIDTH = 0.2

_SOFT_HYPHEN = "\u00ad"
_FILLED, _STROKED, _STEXT_BOLD = 16, 32, 8  # fz_stext_char flags
_FONT_BOLD = 16  # span "flags" bit (pymupdf.TEXT_FONT_BOLD)
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")

# Ligatures MuPDF may still pass through (e.g. from ToUnicode maps), NBSP and friends.
_CHAR_MAP = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
    }
)
_SPECIAL = re.compile("[\ufb00-\ufb06\u00a0\u202f\u2007\u00ad]")

# A span on a baseline within this fraction of the font size of a line's first baseline
# belongs to that line.
_BASELINE_TOL = 0.3
# Spans on one baseline overlapping by more than this (x font size) are drawn over each other.
_OVERLAP_TOL = 0.2
# Two equal characters closer than this (x font size) are one character drawn twice.
_SAME_PLACE_TOL = 0.15
# A gap wider than this (x font size) between two spans is a word space.
_SPACE_GAP = 0.15

_Span = dict[str, Any]
_Index = tuple[int, int, int]  # block, line, span: the same path in extractRAWDICT()
_Placed = tuple[float, _Index, _Span]  # baseline y, index, span

_bold_fonts: dict[str, bool] = {}


class _Line:
    """Spans sharing a baseline; ``dedupe`` when some overlap and need the per-char pass."""

    __slots__ = ("base", "dedupe", "size", "spans")

    def __init__(self, base: float, size: float) -> None:
        self.base = base
        self.size = size
        self.spans: list[tuple[_Index, _Span]] = []
        self.dedupe = False


def visible_lines(page: pymupdf.Page) -> list[TextLine]:
    """Lines a reader sees on the page, top to bottom then left to right, not dehyphenated.

    Spans on the same baseline become one line; text drawn several times at the same place
    (clipped copies, fake bold) appears once; text outside the page and invisible text
    (render mode 3) is dropped unless it lies over an image, where it is an OCR layer. A glyph
    without a character takes its ActualText, or shows nothing.
    """
    return visible_lines_and_textpage(page)[0]


def visible_lines_and_textpage(page: pymupdf.Page) -> tuple[list[TextLine], Any]:
    """``visible_lines`` and the MuPDF text page they were read from, for a caller that
    needs more of it (word boxes) without extracting the page again."""
    tpage = page.get_textpage(flags=_FLAGS)
    placed, rotated, invisible, lossy = _collect(tpage.extractDICT())
    if lossy:
        tpage = _content_actual_text(page)
        placed, rotated, invisible, _ = _collect(tpage.extractDICT())
    if invisible:
        placed.extend(_over_images(page, invisible))
    lines = _group(placed)
    raw: dict[str, Any] | None = None
    pno = page.number or 0
    out: list[tuple[float, float, TextLine]] = []
    for line in lines:
        if line.dedupe:
            if raw is None:
                raw = tpage.extractRAWDICT()
            text = _chars_text(line, raw)
        elif len(line.spans) == 1:
            text = line.spans[0][1]["text"]
        else:
            text = _spans_text(line)
        tl = _make_line(text, [s for _, s in line.spans], pno)
        if tl is not None:
            out.append((line.base, tl.bbox[0], tl))
    for group in rotated:
        tl = _make_line(" ".join(s["text"] for s in group), group, pno)
        if tl is not None:
            out.append((tl.bbox[3], tl.bbox[0], tl))
    out.sort(key=lambda t: (t[0], t[1]))
    return [t[2] for t in out], tpage


def page_text(page: pymupdf.Page) -> str:
    """The page's visible text, one line per line, hyphenation at line ends rejoined."""
    return join_lines([ln.text for ln in visible_lines(page)])


def _collect(
    data: dict[str, Any],
) -> tuple[list[_Placed], list[list[_Span]], list[_Placed], bool]:
    """Visible horizontal spans, rotated lines, invisible spans (kept aside), and whether the
    extraction lost text that ActualText may give back (see the module docstring).

    Glyphs without a character are dropped from ``text``.
    """
    placed: list[_Placed] = []
    rotated: list[list[_Span]] = []
    invisible: list[_Placed] = []
    lossy = False
    for bi, block in enumerate(data["blocks"]):
        for li, line in enumerate(block.get("lines", ())):
            dx, dy = line["dir"]
            horizontal = dx > 0.99 and -0.01 < dy < 0.01
            group: list[_Span] = []
            for si, span in enumerate(line["spans"]):
                text = span["text"]
                if _UNKNOWN in text:
                    lossy = True
                    text = span["text"] = text.replace(_UNKNOWN, "")
                if not text or text.isspace():
                    continue
                if len(text) >= _SQUEEZED_MIN_CHARS and _squeezed(span, len(text)):
                    lossy = True
                if _invisible(span):
                    invisible.append((span["origin"][1], (bi, li, si), span))
                elif horizontal:
                    placed.append((span["origin"][1], (bi, li, si), span))
                else:
                    group.append(span)
            if group:
                rotated.append(group)
    return placed, rotated, invisible, lossy


def _squeezed(span: _Span, n_chars: int) -> bool:
    """Far less room than ``n_chars`` glyphs need, along either axis (rotated text too)."""
    x0, y0, x1, y1 = span["bbox"]
    return bool(max(x1 - x0, y1 - y0) < _SQUEEZED_WIDTH * span["size"] * n_chars)


def _content_actual_text(page: pymupdf.Page) -> pymupdf.TextPage:
    """The page's text with the ActualText of its content stream, not of its structure tree.

    MuPDF finds a marked-content sequence's structure element through the page's
    ``/StructParents``; without that key it sees only the ActualText written in the content
    stream, which is what ``pdftotext`` reads. The key is taken out of the loaded page's
    dictionary in place for this one extraction and put back, the same object, before returning.
    """
    if not page.parent.is_pdf:
        return page.get_textpage(flags=_FLAGS_ACTUALTEXT)
    mu = _mu.mupdf
    obj = mu.pdf_page_from_fz_page(page.this).obj()
    key = mu.pdf_new_name("StructParents")
    if mu.pdf_dict_get_int_default(obj, key, -1) < 0:
        return page.get_textpage(flags=_FLAGS_ACTUALTEXT)
    value = mu.pdf_dict_get(obj, key)
    mu.pdf_dict_del(obj, key)
    try:
        return page.get_textpage(flags=_FLAGS_ACTUALTEXT)
    finally:
        mu.pdf_dict_put(obj, key, value)


def _invisible(span: _Span) -> bool:
    """Render mode 3 (neither filled nor stroked) or fully transparent."""
    return not span.get("char_flags", _FILLED) & (_FILLED | _STROKED) or not span.get("alpha", 1)


def _over_images(page: pymupdf.Page, invisible: list[_Placed]) -> list[_Placed]:
    """Invisible spans that lie over an image: the searchable layer of a scanned page."""
    images: list[tuple[float, float, float, float]] = [
        tuple(info["bbox"]) for info in page.get_image_info()
    ]
    out: list[_Placed] = []
    for item in invisible:
        x0, y0, x1, y1 = item[2]["bbox"]
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if any(r[0] <= cx <= r[2] and r[1] <= cy <= r[3] for r in images):
            out.append(item)
    return out


def _group(placed: list[_Placed]) -> list[_Line]:
    """Spans grouped by baseline, top to bottom; each group sorted and de-duplicated."""
    placed.sort(key=lambda t: t[0])
    lines: list[_Line] = []
    cur: _Line | None = None
    for base, idx, span in placed:
        size = span["size"]
        if cur is None or base - cur.base > _BASELINE_TOL * max(cur.size, size):
            cur = _Line(base, size)
            lines.append(cur)
        elif size > cur.size:
            cur.size = size
        cur.spans.append((idx, span))
    for line in lines:
        if len(line.spans) > 1:
            _dedupe_spans(line)
    return lines


def _dedupe_spans(line: _Line) -> None:
    """Sort spans left to right; drop exact repeats; flag the line if overlaps remain."""
    line.spans.sort(key=lambda t: t[1]["bbox"][0])
    kept: list[tuple[_Index, _Span]] = []
    right = float("-inf")
    tol = _SAME_PLACE_TOL * line.size
    for item in line.spans:
        span = item[1]
        x0, x1 = span["bbox"][0], span["bbox"][2]
        if x0 < right - _OVERLAP_TOL * line.size:
            if any(_same_span(span, k[1], tol) for k in kept):
                continue
            line.dedupe = True
        kept.append(item)
        right = max(right, x1)
    line.spans = kept


def _same_span(a: _Span, b: _Span, tol: float) -> bool:
    ax, ay = a["origin"]
    bx, by = b["origin"]
    return bool(a["text"] == b["text"] and abs(ax - bx) <= tol and abs(ay - by) <= tol)


def _spans_text(line: _Line) -> str:
    """Join a line's spans left to right, with a space where there is a visible gap."""
    parts: list[str] = []
    prev_x1: float | None = None
    gap = _SPACE_GAP * line.size
    for _, span in line.spans:
        if prev_x1 is not None and span["bbox"][0] - prev_x1 > gap:
            parts.append(" ")
        parts.append(span["text"])
        prev_x1 = span["bbox"][2]
    return "".join(parts)


def _chars_text(line: _Line, raw: dict[str, Any]) -> str:
    """Text of a line whose spans overlap: each character once per position, left to right.

    Space characters are dropped and word spaces come from the gaps between glyphs: a clip
    edge can hide a glyph in one copy and leave that copy's space where the glyph was.
    """
    chars: list[tuple[float, float, float, str]] = []
    blocks = raw["blocks"]
    for (bi, li, si), _ in line.spans:
        for ch in blocks[bi]["lines"][li]["spans"][si]["chars"]:
            if ch["c"].isspace() or ch["c"] == _UNKNOWN:
                continue
            ox, oy = ch["origin"]
            chars.append((ox, oy, ch["bbox"][2], ch["c"]))
    chars.sort()
    tol = _SAME_PLACE_TOL * line.size
    kept: list[tuple[float, float, float, str]] = []
    for ch in chars:
        ox, oy, _, c = ch
        for k in reversed(kept):
            if k[0] < ox - tol:
                kept.append(ch)
                break
            if k[3] == c and abs(k[1] - oy) <= tol:
                break  # the same character at the same place: a copy
        else:
            kept.append(ch)
    parts: list[str] = []
    right: float | None = None
    gap = _SPACE_GAP * line.size
    for ox, _, x1, c in kept:
        if right is not None and ox - right > gap:
            parts.append(" ")
        parts.append(c)
        right = x1 if right is None else max(x1, right)
    return "".join(parts)


def _make_line(text: str, spans: list[_Span], pno: int) -> TextLine | None:
    text = _normalise_line(text)
    if not text:
        return None
    if len(spans) == 1:
        span = spans[0]
        x0, y0, x1, y1 = span["bbox"]
        return TextLine(text, (x0, y0, x1, y1), span["size"], _is_bold(span), pno)
    inked = [s for s in spans if not s["text"].isspace()]
    x0 = min(s["bbox"][0] for s in spans)
    y0 = min(s["bbox"][1] for s in spans)
    x1 = max(s["bbox"][2] for s in spans)
    y1 = max(s["bbox"][3] for s in spans)
    size = max(s["size"] for s in inked)
    bold = all(_is_bold(s) for s in inked)
    return TextLine(text, (x0, y0, x1, y1), size, bold, pno)


def _is_bold(span: _Span) -> bool:
    if span["flags"] & _FONT_BOLD or span.get("char_flags", 0) & _STEXT_BOLD:
        return True
    font: str = span["font"]
    bold = _bold_fonts.get(font)
    if bold is None:
        bold = _bold_fonts[font] = any(n in font.lower() for n in _BOLD_NAMES)
    return bold


def _normalise_line(text: str) -> str:
    """Expand ligatures, NBSP to space, collapse whitespace; keep only a line-final soft hyphen."""
    if _SPECIAL.search(text) is None:
        return " ".join(text.split())
    text = " ".join(text.translate(_CHAR_MAP).split())
    if _SOFT_HYPHEN in text:
        end = text.endswith(_SOFT_HYPHEN)
        text = text.replace(_SOFT_HYPHEN, "").rstrip()
        if end and text:
            text += _SOFT_HYPHEN
    return text


# --- dehyphenation ------------------------------------------------------------------------

# A first word after "Sundheds-" that shows the hyphen is a suspended compound, not a break.
_CONJUNCTIONS = frozenset(
    {"og", "eller", "samt", "som", "and", "or", "&", "og/eller", "eller/og", "hhv.", "henholdsvis"}
)
_HYPHENS = "-\u2010"  # hyphen-minus and hyphen; never en/em dash (bullets, ranges)
_LINE_END_HYPHENS = _HYPHENS + _SOFT_HYPHEN
_FIRST_WORD = re.compile(r"\S+")


def join_lines(lines: list[str]) -> str:
    """Lines joined with newlines, words hyphenated across a line end rejoined.

    ``implemente-``/``ring`` becomes ``implementering``; ``EU-``/``direktivet`` keeps its hyphen
    (``EU-direktivet``), as do ``2025-``/``2028``; ``Sundheds-``/``og Ældreudvalget`` and dashes
    (en dash, a lone ``-``) are left alone. The rest of the next line stays on the joined line.
    """
    out: list[str] = []
    pending: str | None = None  # the current output line, possibly ending in a hyphen
    for raw in lines:
        line = " ".join(raw.split()) if _SPECIAL.search(raw) is None else _normalise_line(raw)
        if not line:
            continue
        if pending is not None:
            if pending[-1] in _LINE_END_HYPHENS:
                joined = _join_pair(pending, line)
                if joined is not None:
                    pending = joined
                    continue
            out.append(_finish(pending))
        pending = line
    if pending is not None:
        out.append(_finish(pending))
    return "\n".join(out)


def _finish(line: str) -> str:
    """Drop a soft hyphen left at the end (nothing to join it to)."""
    return line[:-1].rstrip() if line[-1] == _SOFT_HYPHEN else line


def _join_pair(line: str, nxt: str) -> str | None:
    """``line`` + ``nxt`` as one line if ``line`` ends in a word broken by a hyphen, else None."""
    end = line[-1]
    if end != _SOFT_HYPHEN and end not in _HYPHENS:
        return None
    stem = line[:-1]
    if not stem or not stem[-1].isalnum():
        return None  # "-" alone (a bullet) or " -" (a dash)
    first = nxt[0]
    if not first.isalnum():
        return None  # ", ..." or a bullet: a suspended compound or a list
    m = _FIRST_WORD.match(nxt)
    if m is not None and m.group(0).lower() in _CONJUNCTIONS:
        return None
    if end == _SOFT_HYPHEN:
        return stem + nxt
    before = stem[-1]
    if before.isupper() or before.isdigit() or not first.islower():
        return line + nxt  # EU-direktivet, 2025-2028, Anne-Mette: the hyphen is real
    return stem + nxt
