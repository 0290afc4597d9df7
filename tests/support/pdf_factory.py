"""Builders for small, real PDFs used by the PDF-layer tests and the bench.

The clipped-duplicate builder imitates ABCpdf (FirstAgenda): one text block is drawn many times,
each copy wrapped in ``q <rect> re W n ... Q`` so that only a strip of it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pymupdf

PAGE_W, PAGE_H = 595.0, 842.0
FONT_SIZE = 11.0
LEADING = 14.0
LEFT = 72.0
TOP = 90.0  # baseline of the first line, top-left coordinates

PARAGRAPH_DA: list[str] = [
    f"Linje {i:02d}: Økonomiudvalget behandler sagen om æblehaven på Ærø og Ålborg Å."
    for i in range(1, 21)
]


def _text_stream(doc: pymupdf.Document, lines: Sequence[str], top: float) -> tuple[bytes, str]:
    """Content-stream bytes that draw ``lines`` with helv, plus the font resource they use.

    PyMuPDF writes the text (with correct WinAnsi encoding for æøå) on a scratch page; we take
    its operators and the font object so the caller can draw them as often as it likes.
    """
    scratch = doc.new_page(width=PAGE_W, height=PAGE_H)
    scratch.insert_text(
        (LEFT, top), list(lines), fontname="helv", fontsize=FONT_SIZE, lineheight=LEADING / 11
    )
    scratch.clean_contents()
    stream = scratch.read_contents()
    font_xref = scratch.get_fonts()[0][0]
    doc.delete_page(scratch.number if scratch.number is not None else -1)
    return stream, f"{font_xref} 0 R"


def _write_page(doc: pymupdf.Document, stream: bytes, font_ref: str) -> pymupdf.Page:
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    page.insert_text((0, -100), "x", fontname="helv")  # creates /Resources and /Contents
    page.clean_contents()
    doc.xref_set_key(page.xref, "Resources", f"<</Font <</helv {font_ref}>>>>")
    doc.update_stream(page.get_contents()[0], stream)
    return page


def line_baselines(n: int, top: float = TOP) -> list[float]:
    """Baselines (top-left coordinates) of the ``n`` lines drawn by the builders."""
    return [top + i * LEADING for i in range(n)]


def clipped_copies_stream(
    body: bytes,
    n_lines: int,
    top: float = TOP,
    split_x: float | None = None,
    strip_offset: float = 0.75,
) -> bytes:
    """Draw ``body`` once per line, each copy clipped to that line's horizontal strip.

    Strips tile the paragraph edge to edge (height = leading) and start ``strip_offset`` leading
    above the baseline. With the default 0.75 every glyph lies wholly inside one strip; with a
    smaller offset (e.g. 0.4) the strip edges cut through capitals and descenders, so a glyph is
    partly visible in two copies -- as happens in ABCpdf output.
    With ``split_x`` each strip is further cut vertically into a left and a right copy, so the
    clip edge runs through the middle of every line.
    """
    out: list[bytes] = []
    for base in line_baselines(n_lines, top):
        strip_top = base - strip_offset * LEADING  # top-left coords
        y_pdf = PAGE_H - (strip_top + LEADING)  # bottom of the strip in PDF coords
        rects = (
            [(0.0, PAGE_W)] if split_x is None else [(0.0, split_x), (split_x, PAGE_W - split_x)]
        )
        for x, w in rects:
            out.append(f"q {x:g} {y_pdf:g} {w:g} {LEADING:g} re W n\n".encode())
            out.append(body)
            out.append(b"\nQ\n")
    return b"".join(out)


def make_clipped_duplicate_pdf(
    path: Path,
    paragraphs: Sequence[Sequence[str]] = (PARAGRAPH_DA,),
    *,
    split_x: float | None = None,
    strip_offset: float = 0.75,
    exact_copies: int = 1,
) -> Path:
    """One page per paragraph; each paragraph (a list of lines) is drawn once per line, clipped.

    ``exact_copies`` > 1 additionally repeats every clipped copy unclipped-on-top-of-itself
    (identical position), i.e. overlapping duplicates that are all visible in the same place.
    """
    doc = pymupdf.open()
    for lines in paragraphs:
        body, font_ref = _text_stream(doc, lines, TOP)
        stream = clipped_copies_stream(body, len(lines), TOP, split_x, strip_offset)
        _write_page(doc, stream * exact_copies, font_ref)
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def make_overlapping_duplicate_pdf(path: Path, lines: Sequence[str], copies: int = 3) -> Path:
    """The whole block drawn ``copies`` times at the same place, no clipping (fake bold)."""
    doc = pymupdf.open()
    body, font_ref = _text_stream(doc, lines, TOP)
    _write_page(doc, (body + b"\n") * copies, font_ref)
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def make_lines_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """Plain pages: each line at its own baseline, left aligned, helv 11pt."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page(width=PAGE_W, height=PAGE_H)
        if lines:
            page.insert_text(
                (LEFT, TOP),
                list(lines),
                fontname="helv",
                fontsize=FONT_SIZE,
                lineheight=LEADING / 11,
            )
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def make_hyphenated_pdf(path: Path, lines: Sequence[str]) -> Path:
    """Lines ending in ``-`` (or U+00AD) as a typesetter breaks them; one page."""
    return make_lines_pdf(path, [lines])


def make_justified_pdf(path: Path, html: str, width: float = 200.0) -> Path:
    """A justified paragraph laid out by MuPDF's HTML engine in a narrow box.

    Put ``&shy;`` in long words to let the engine hyphenate them at line ends.
    """
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    box = pymupdf.Rect(LEFT, 72, LEFT + width, PAGE_H - 72)
    css = "p {text-align: justify; font-family: sans-serif; font-size: 11pt; margin: 0}"
    page.insert_htmlbox(box, f"<p>{html}</p>", css=css)
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


EDGE_VISIBLE = "Synlig ved kanten"
EDGE_HIDDEN = "skjult hale udenfor siden"


def make_special_text_pdf(path: Path) -> Path:
    """Visible lines, text partly/fully outside the mediabox, and invisible (Tr 3) text.

    The edge line is placed so that the space after ``EDGE_VISIBLE`` straddles the right page
    edge: everything before it is inside, everything after starts beyond the page.
    """
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    page.insert_text((LEFT, TOP), "Synlig linje en", fontname="helv", fontsize=FONT_SIZE)
    page.insert_text((LEFT, TOP + LEADING), "Synlig linje to", fontname="helv", fontsize=FONT_SIZE)
    page.insert_text((LEFT, -40), "Udenfor oppe", fontname="helv", fontsize=FONT_SIZE)
    page.insert_text((PAGE_W + 20, 300), "Udenfor hoejre", fontname="helv", fontsize=FONT_SIZE)
    page.insert_text((LEFT, PAGE_H + 30), "Udenfor nede", fontname="helv", fontsize=FONT_SIZE)
    x = PAGE_W - 1.5 - pymupdf.get_text_length(EDGE_VISIBLE, "helv", FONT_SIZE)
    page.insert_text((x, 200), f"{EDGE_VISIBLE} {EDGE_HIDDEN}", fontname="helv", fontsize=FONT_SIZE)
    page.insert_text(
        (LEFT, 400), "Usynlig tekst", fontname="helv", fontsize=FONT_SIZE, render_mode=3
    )
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def make_ocr_layer_pdf(path: Path, ocr_text: str, stray_text: str) -> Path:
    """A 'scanned' image with invisible (Tr 3) OCR text over it, and invisible text elsewhere."""
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 10), False)
    pix.set_rect(pix.irect, (200, 200, 200))
    image_rect = pymupdf.Rect(LEFT, 100, PAGE_W - LEFT, 200)
    page.insert_image(image_rect, pixmap=pix)
    page.insert_text((LEFT + 10, 150), ocr_text, fontname="helv", fontsize=FONT_SIZE, render_mode=3)
    page.insert_text(
        (LEFT + 10, 500), stray_text, fontname="helv", fontsize=FONT_SIZE, render_mode=3
    )
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def make_styled_pdf(path: Path) -> Path:
    """Two pages: a bold 16pt heading over regular 11pt text, then one regular line."""
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    page.insert_text((LEFT, TOP), "Dagsorden", fontname="hebo", fontsize=16)
    page.insert_text((LEFT, TOP + 24), "Mødet holdes på rådhuset", fontname="helv", fontsize=11)
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    page.insert_text((LEFT, TOP), "Side to", fontname="helv", fontsize=11)
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def make_two_per_baseline_pdf(path: Path) -> Path:
    """Two baselines, each with a left and a right span written in reverse order."""
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    # Written bottom-right first, so content order is the opposite of reading order.
    page.insert_text((300, TOP + LEADING), "fire", fontname="helv", fontsize=FONT_SIZE)
    page.insert_text((LEFT, TOP + LEADING), "tre", fontname="helv", fontsize=FONT_SIZE)
    page.insert_text((300, TOP), "to", fontname="helv", fontsize=FONT_SIZE)
    page.insert_text((LEFT, TOP), "en", fontname="helv", fontsize=FONT_SIZE)
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path
