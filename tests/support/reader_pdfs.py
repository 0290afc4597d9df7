"""PDFs for the reader's tests and bench: text pages with known words, and scanned pages
(a page-sized image with invisible text under it, as OCR'd council scans are)."""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf

A4 = (595.0, 842.0)
LINES_PER_PAGE = 40
LINE_TOP = 60.0
LEADING = 18.0


def line_text(page: int, line: int) -> str:
    """The words of line ``line`` of page ``page`` (0-based): unique, so a test can find them."""
    return f"Side{page + 1} linje{line + 1} budgetforslaget for sundhedsreformen og skolerne"


def make_text_pdf(
    path: Path,
    pages: int,
    *,
    outline: bool = True,
    landscape: tuple[int, ...] = (),
    lines: int = LINES_PER_PAGE,
) -> Path:
    """``pages`` A4 pages of ``lines`` lines each (``line_text``); pages in ``landscape`` are
    turned; with ``outline``, a bookmark per ten pages and one child each."""
    doc = pymupdf.open()
    for p in range(pages):
        w, h = (A4[1], A4[0]) if p in landscape else A4
        page = doc.new_page(width=w, height=h)
        for n in range(min(lines, int((h - LINE_TOP) // LEADING))):
            page.insert_text((50, LINE_TOP + n * LEADING), line_text(p, n), fontsize=11)
    if outline:
        toc: list[list[object]] = []
        for p in range(0, pages, 10):
            toc.append([1, f"Afsnit {p // 10 + 1}", p + 1])
            toc.append(
                [2, f"Underafsnit {p // 10 + 1}.1", p + 1, {"kind": 1, "to": pymupdf.Point(0, 300)}]
            )
        doc.set_toc(toc)
    doc.save(path)
    doc.close()
    return path


def _scan_image(width: int, height: int, seed: int) -> bytes:
    """A greyscale JPEG like a scanned page: uneven paper, and bands of "ink" for lines."""
    r = random.Random(seed)
    paper = [bytes(r.randrange(236, 246) for _ in range(width)) for _ in range(8)]
    ink = [bytes(50 if ((x + s) // 11) % 4 else 235 for x in range(width)) for s in range(8)]
    rows: list[bytes] = []
    while len(rows) < height:
        if height * 0.08 < len(rows) < height * 0.92 and r.random() < 0.5:
            rows += [ink[r.randrange(8)]] * r.randrange(14, 22)
            rows += [paper[r.randrange(8)]] * 10
        else:
            rows.append(paper[r.randrange(8)])
    pix = pymupdf.Pixmap(pymupdf.csGRAY, width, height, b"".join(rows[:height]), 0)
    return bytes(pix.tobytes("jpg", jpg_quality=60))


def make_scanned_pdf(path: Path, pages: int, *, dpi: int = 150) -> Path:
    """``pages`` A4 pages, each its own full-page greyscale JPEG at ``dpi`` (about 200 KB,
    as a council's scanner makes them) with invisible text under it, as OCR leaves it."""
    w, h = round(A4[0] / 72 * dpi), round(A4[1] / 72 * dpi)
    doc = pymupdf.open()
    for p in range(pages):
        page = doc.new_page(width=A4[0], height=A4[1])
        for n in range(10):
            page.insert_text(
                (50, LINE_TOP + n * LEADING), line_text(p, n), fontsize=11, render_mode=3
            )
        page.insert_image(page.rect, stream=_scan_image(w, h, p))
    doc.save(path)
    doc.close()
    return path
