"""Rendering pages to pixels, with no Qt: the UI wraps the bytes in a QImage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf

# PyMuPDF is only partly annotated; calls go through an ``Any`` alias to keep mypy strict.
_mu: Any = pymupdf


@dataclass(frozen=True)
class RenderedPage:
    width: int
    height: int
    stride: int
    samples: bytes  # RGB888, ``stride`` bytes per row
    page_count: int


def render_page(path: Path, page_index: int, zoom: float) -> RenderedPage:
    """Render one page at ``zoom`` (1.0 = 72 dpi).

    Opens its own Document: PyMuPDF documents must not be shared across threads.
    """
    with _mu.open(path) as doc:
        page = doc[page_index]
        pix = page.get_pixmap(matrix=_mu.Matrix(zoom, zoom), alpha=False)
        return RenderedPage(pix.width, pix.height, pix.stride, bytes(pix.samples), doc.page_count)


def page_size(path: Path, page_index: int) -> tuple[float, float]:
    with _mu.open(path) as doc:
        rect = doc[page_index].rect
        return rect.width, rect.height
