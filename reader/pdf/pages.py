"""The page side of the reader: document facts, pixels into a caller's buffer, visible text
with a box per character. Runs in the render workers; returns plain tuples, no reader types.

Text follows ``reader.pdf.text``: the same extraction flags, the same ActualText fallback,
the same merging of spans per baseline and dropping of copies drawn over each other, and the
same OCR layer under scanned images. Lines are kept as shown (no dehyphenation), so every
character of the text has a place on the page to select and mark.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pymupdf

from reader.pdf import text as _t

_mu: Any = pymupdf
_ll: Any = pymupdf.mupdf

Box = tuple[float, float, float, float]
Chars = list[tuple[str, Box]]
Outline = list[tuple[int, str, int, float | None]]  # level, title, page (-1: none), y

_BYTES_PER_PIXEL = 3  # RGB888, no alpha


def quiet() -> None:
    """MuPDF's warnings and errors go to the log of the caller, not to the terminal."""
    _mu.TOOLS.mupdf_display_errors(False)
    _mu.TOOLS.mupdf_display_warnings(False)


class OpenDocuments:
    """At most ``limit`` documents open, least recently used closed first."""

    def __init__(self, limit: int = 4) -> None:
        self.limit = limit
        self._docs: OrderedDict[str, Any] = OrderedDict()

    def get(self, path: str) -> Any:
        doc = self._docs.get(path)
        if doc is not None:
            self._docs.move_to_end(path)
            return doc
        doc = _mu.open(path)
        self._docs[path] = doc
        while len(self._docs) > self.limit:
            _, old = self._docs.popitem(last=False)
            old.close()
        return doc

    def forget(self, path: str) -> None:
        doc = self._docs.pop(path, None)
        if doc is not None:
            doc.close()

    def __len__(self) -> int:
        return len(self._docs)

    def close(self) -> None:
        for doc in self._docs.values():
            doc.close()
        self._docs.clear()


def shrink_store(percent: int = 10) -> None:
    """Evict MuPDF's least recently used cached images and fonts down to ``percent`` of what
    the store holds; called when a worker moves on to another page. PyMuPDF cannot read or set
    the store's size, so this bounds it by forgetting: the decoded scan of the page left goes,
    the fonts every page uses stay warm. Measured over 60 scanned pages at 1.5x: private memory
    311 MB with no shrinking, 190 MB at 50 %, 93 MB at 10 %, 65 MB emptying the store -- which
    makes text pages four times slower (fonts loaded again)."""
    _ll.fz_shrink_store(percent)


def document_info(doc: Any) -> tuple[int, list[tuple[float, float]], Outline]:
    """Page count, each page's size as shown (rotation applied) and the bookmarks.

    Read from the page tree and MuPDF's own outline, without loading a page: opening a long
    document waits on this (PyMuPDF's ``get_toc`` resolves each bookmark through a Python page
    object, about 10 ms for 300 pages).
    """
    count = doc.page_count
    sizes: list[tuple[float, float]] = []
    turns: list[tuple[int, float, float]] = []  # rotation and size before it, per page
    pdf = _ll.pdf_document_from_fz_document(doc.this) if doc.is_pdf else None
    for i in range(count):
        if pdf is not None and pdf.m_internal is not None:
            obj = _ll.pdf_lookup_page_obj(pdf, i)
            box, ctm = _ll.FzRect(), _ll.FzMatrix()
            _ll.pdf_page_obj_transform(obj, box, ctm)
            r = _ll.fz_transform_rect(box, ctm)
            # the page's turn, read off the matrix that shows it
            rotate = 0 if ctm.a > 0 else 90 if ctm.b > 0 else 180 if ctm.a < 0 else 270
            turns.append((rotate, box.x1 - box.x0, box.y1 - box.y0))
        else:
            r = _ll.fz_bound_page(_ll.fz_load_page(doc.this, i))
            turns.append((0, r.x1 - r.x0, r.y1 - r.y0))
        sizes.append((r.x1 - r.x0, r.y1 - r.y0))
    outline: Outline = []
    try:
        root = _ll.fz_load_outline(doc.this)
    except Exception:  # a damaged outline: the document reads without bookmarks
        return count, sizes, outline
    _walk_outline(doc, root, 1, sizes, turns, outline)
    return count, sizes, outline


def _walk_outline(
    doc: Any,
    node: Any,
    level: int,
    sizes: list[tuple[float, float]],
    turns: list[tuple[int, float, float]],
    out: Outline,
) -> None:
    """MuPDF's bookmarks, their places turned as the page is shown (PyMuPDF's
    ``rotation_matrix``: the place is given on the page before its rotation)."""
    while node is not None and node.m_internal is not None:
        entry = node.m_internal
        pno = -1
        if entry.page.page >= 0:
            pno = _ll.fz_page_number_from_location(doc.this, _ll.FzLocation(entry.page))
        y: float | None = None
        if not 0 <= pno < len(sizes):
            pno = -1
        elif entry.y == entry.y and entry.x == entry.x:  # NaN: no place on its page
            rotate, width, height = turns[pno]
            shown = {90: entry.x, 180: height - entry.y, 270: width - entry.x}.get(rotate, entry.y)
            y = max(0.0, min(float(shown), sizes[pno][1]))
        out.append((level, entry.title or "", pno, y))
        if entry.down:
            down = _ll.FzOutline(_ll.ll_fz_keep_outline(entry.down))
            _walk_outline(doc, down, level + 1, sizes, turns, out)
        node = _ll.FzOutline(_ll.ll_fz_keep_outline(entry.next)) if entry.next else None


def pixel_box(doc: Any, pno: int, scale: float) -> tuple[int, int, int, int]:
    """The page's pixel rectangle (x0, y0, x1, y1) at ``scale``, rounded as MuPDF renders."""
    ctm = _ll.FzMatrix(scale, 0, 0, scale, 0, 0)
    page = _ll.fz_load_page(doc.this, pno)
    r = _ll.fz_round_rect(_ll.fz_transform_rect(_ll.fz_bound_page(page), ctm))
    return r.x0, r.y0, r.x1, r.y1


def render_into(
    doc: Any,
    pno: int,
    scale: float,
    region: tuple[int, int, int, int] | None,
    buffer: Callable[[int], memoryview],
) -> tuple[int, int, int]:
    """Draw page ``pno`` (or the ``region`` x, y, w, h of it in pixels at ``scale``) as RGB
    straight into the memory ``buffer(nbytes)`` gives, white behind; (width, height, stride).

    No display list and no pixmap of MuPDF's own: the page runs once into the caller's memory.
    """
    ctm = _ll.FzMatrix(scale, 0, 0, scale, 0, 0)
    page = _ll.fz_load_page(doc.this, pno)
    if region is None:
        box = _ll.fz_round_rect(_ll.fz_transform_rect(_ll.fz_bound_page(page), ctm))
    else:
        x, y, w, h = region
        box = _ll.FzIrect(x, y, x + max(w, 1), y + max(h, 1))
    width, height = box.x1 - box.x0, box.y1 - box.y0
    stride = width * _BYTES_PER_PIXEL
    mem = buffer(stride * height)
    pix = _ll.fz_new_pixmap_with_bbox_and_data(
        _ll.fz_device_rgb(), box, _ll.FzSeparations(), 0, _ll.python_mutable_buffer_data(mem)
    )
    _ll.fz_clear_pixmap_with_value(pix, 255)
    dev = _ll.fz_new_draw_device(_ll.FzMatrix(), pix)
    try:
        _ll.fz_run_page(page, dev, ctm, _ll.FzCookie())
    finally:
        _ll.fz_close_device(dev)
    return width, height, stride


# --- text with a box per character ----------------------------------------------------------


def page_chars(doc: Any, pno: int) -> tuple[str, list[Box]]:
    """The page's visible text, lines as shown joined by "\\n", and a box per character in
    page coordinates as shown. An inserted space or line break has a zero-width box at the
    end of the glyph before it."""
    page = doc[pno]
    tpage = page.get_textpage(flags=_t._FLAGS)
    raw = _with_text(tpage.extractRAWDICT())
    placed, rotated, invisible, lossy = _t._collect(raw)
    if lossy:
        tpage = _t._content_actual_text(page)
        raw = _with_text(tpage.extractRAWDICT())
        placed, rotated, invisible, _ = _t._collect(raw)
    if invisible:
        placed.extend(_t._over_images(page, invisible))
    out: list[tuple[float, float, Chars]] = []
    for line in _t._group(placed):
        chars = _dedupe_chars(line) if line.dedupe else _spans_chars(line)
        chars = _normalise_chars(chars)
        if chars:
            out.append((line.base, min(b[0] for _, b in chars), chars))
    for group in rotated:
        chars = []
        for span in group:
            if chars:
                chars.append((" ", _after(chars[-1][1])))
            chars.extend(_span_chars(span))
        chars = _normalise_chars(chars)
        if chars:
            out.append((max(b[3] for _, b in chars), min(b[0] for _, b in chars), chars))
    out.sort(key=lambda t: (t[0], t[1]))
    text: list[str] = []
    boxes: list[Box] = []
    for _, _, chars in out:
        if boxes:
            text.append("\n")
            boxes.append(_after(boxes[-1]))
        for c, b in chars:
            text.append(c)
            boxes.append(b)
    rot = page.rotation_matrix
    if page.rotation:
        boxes = [_transform(b, rot) for b in boxes]
    return "".join(text), boxes


def _with_text(raw: dict[str, Any]) -> dict[str, Any]:
    """RAWDICT spans with the ``text`` DICT spans have, so ``reader.pdf.text`` reads them."""
    for block in raw["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                span["text"] = "".join(ch["c"] for ch in span["chars"])
    return raw


def _span_chars(span: dict[str, Any]) -> Chars:
    return [(ch["c"], tuple(ch["bbox"])) for ch in span["chars"] if ch["c"] != _t._UNKNOWN]


def _after(box: Box) -> Box:
    return (box[2], box[1], box[2], box[3])


def _spans_chars(line: Any) -> Chars:
    """A line's spans left to right, with a space where there is a visible gap."""
    out: Chars = []
    prev_x1: float | None = None
    gap = _t._SPACE_GAP * line.size
    for _, span in line.spans:
        if prev_x1 is not None and span["bbox"][0] - prev_x1 > gap and out:
            out.append((" ", _after(out[-1][1])))
        out.extend(_span_chars(span))
        prev_x1 = span["bbox"][2]
    return out


def _dedupe_chars(line: Any) -> Chars:
    """``reader.pdf.text._chars_text`` keeping boxes: each character once per position."""
    chars: list[tuple[float, float, float, str, Box]] = []
    for _, span in line.spans:
        for ch in span["chars"]:
            c = ch["c"]
            if c.isspace() or c == _t._UNKNOWN:
                continue
            ox, oy = ch["origin"]
            chars.append((ox, oy, ch["bbox"][2], c, tuple(ch["bbox"])))
    chars.sort(key=lambda t: (t[0], t[1], t[2], t[3]))
    tol = _t._SAME_PLACE_TOL * line.size
    kept: list[tuple[float, float, float, str, Box]] = []
    for ch in chars:
        ox, oy, _, c, _ = ch
        for k in reversed(kept):
            if k[0] < ox - tol:
                kept.append(ch)
                break
            if k[3] == c and abs(k[1] - oy) <= tol:
                break
        else:
            kept.append(ch)
    out: Chars = []
    right: float | None = None
    gap = _t._SPACE_GAP * line.size
    for ox, _, x1, c, box in kept:
        if right is not None and ox - right > gap and out:
            out.append((" ", _after(out[-1][1])))
        out.append((c, box))
        right = x1 if right is None else max(x1, right)
    return out


def _normalise_chars(chars: Chars) -> Chars:
    """``reader.pdf.text._normalise_line`` keeping boxes: ligatures expanded (the glyph's box
    shared out), NBSP as space, white space collapsed and trimmed, soft hyphens only at the end.
    """
    out: Chars = []
    for c, box in chars:
        mapped = c.translate(_t._CHAR_MAP) if _t._SPECIAL.match(c) else c
        if len(mapped) > 1:
            w = (box[2] - box[0]) / len(mapped)
            for k, m in enumerate(mapped):
                out.append((m, (box[0] + k * w, box[1], box[0] + (k + 1) * w, box[3])))
            continue
        if mapped.isspace():
            if out and out[-1][0] != " ":
                out.append((" ", box))
            continue
        if mapped == _t._SOFT_HYPHEN:
            continue
        out.append((mapped, box))
    if chars and chars[-1][0] == _t._SOFT_HYPHEN:
        while out and out[-1][0] == " ":
            out.pop()
        if out:
            out.append((_t._SOFT_HYPHEN, chars[-1][1]))
    while out and out[-1][0] == " ":
        out.pop()
    return out


def _transform(box: Box, m: Any) -> Box:
    r = _mu.Rect(box) * m
    return (r.x0, r.y0, r.x1, r.y1)


def joined_at_break(line: str, nxt: str) -> str | None:
    """``line`` and ``nxt`` as one line when ``line`` ends in a word broken by a hyphen
    (``reader.pdf.text.join_lines``' rule), else None."""
    return _t._join_pair(line, nxt)
