"""Small real PDFs for the render pool: text pages and scanned pages (a page-sized image with
invisible OCR text under it), built with PyMuPDF."""

from __future__ import annotations

from pathlib import Path

import pymupdf

W, H = 595.0, 842.0


def text_lines(page_no: int, n: int = 40) -> list[str]:
    return [f"Side {page_no} linje {i}: Økonomiudvalget behandler sagen om æbler" for i in range(n)]


def text_pdf(path: Path, pages: int = 6, *, rotate: dict[int, int] | None = None) -> Path:
    """Text pages; page ``i`` carries ``text_lines(i)``; bookmarks to pages 1 and 3."""
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page(width=W, height=H)
        page.insert_text((72, 72), text_lines(i), fontsize=11, fontname="helv")
        if rotate and i in rotate:
            page.set_rotation(rotate[i])
    toc: list[list[object]] = [[1, "Første", 1]]
    if pages > 2:
        to = pymupdf.Point(72, 300)
        toc.append([2, "Tredje", 3, {"kind": pymupdf.LINK_GOTO, "page": 2, "to": to}])
    doc.set_toc(toc)
    doc.save(path)
    doc.close()
    return path


def scanned_pdf(path: Path, pages: int = 4, *, dpi: int = 150, seed: int = 0) -> Path:
    """Scanned pages: each a page-sized noisy image (a different one per page, so MuPDF
    decodes each anew) with an invisible text line over it, as OCR software writes."""
    doc = pymupdf.open()
    pw, ph = int(W * dpi / 72), int(H * dpi / 72)
    for i in range(pages):
        samples = bytearray([200 + (i + seed) % 50]) * (pw * ph * 3)
        for k in range(40):  # dark bars where text lines would be, different on every page
            y = (k * 37 + i * 11) % (ph - 20)
            x1 = pw - 40 - (k * 13 + i) % 200
            bar = b"\x14" * ((x1 - 40) * 3)
            for row in range(y, y + 8):
                at = (row * pw + 40) * 3
                samples[at : at + len(bar)] = bar
        pix = pymupdf.Pixmap(pymupdf.csRGB, pw, ph, bytes(samples), False)
        page = doc.new_page(width=W, height=H)
        page.insert_image(page.rect, stream=pix.tobytes("jpeg", jpg_quality=80))
        page.insert_text(
            (72, 100), f"Skannet side {i} med usynlig tekst", fontsize=12, render_mode=3
        )
    doc.save(path)
    doc.close()
    return path
