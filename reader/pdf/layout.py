"""Laying out HTML as an A4 PDF with MuPDF's HTML layout (Story).

For exports made of text (the notes summary): the caller writes simple HTML and CSS; the
pages, margins and PyMuPDF calls are here, so nothing outside ``reader.pdf`` needs PyMuPDF.
"""

from __future__ import annotations

import io
from typing import Any

import pymupdf

# PyMuPDF is only partly annotated; calls go through an ``Any`` alias to keep mypy strict.
_mu: Any = pymupdf

MARGIN = 56  # points on every side of an A4 page


def html_pdf(body_html: str, css: str) -> bytes:
    """``body_html`` (a whole ``<body>``) laid out on as many A4 pages as it needs."""
    story: Any = _mu.Story(html=body_html, user_css=css)
    buf = io.BytesIO()
    writer: Any = _mu.DocumentWriter(buf)
    page_rect: Any = _mu.paper_rect("a4")
    body: Any = _mu.Rect(MARGIN, MARGIN, page_rect.width - MARGIN, page_rect.height - MARGIN)
    more = 1
    while more:
        device: Any = writer.begin_page(page_rect)
        more, _ = story.place(body)
        story.draw(device)
        writer.end_page()
    writer.close()
    return buf.getvalue()
