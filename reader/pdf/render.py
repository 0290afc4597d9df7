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
    zoom: float  # the zoom actually used (differs from the request when fitting the width)


def render_page(
    path: Path, page_index: int, zoom: float, fit_width: int | None = None
) -> RenderedPage:
    """Render one page at ``zoom`` (1.0 = 72 dpi), or scaled to ``fit_width`` pixels.

    Opens its own Document: PyMuPDF documents must not be shared across threads.
    """
    with _mu.open(path) as doc:
        page = doc[min(max(page_index, 0), doc.page_count - 1)]
        if fit_width:
            zoom = fit_width / max(page.rect.width, 1.0)
        pix = page.get_pixmap(matrix=_mu.Matrix(zoom, zoom), alpha=False)
        return RenderedPage(
            pix.width, pix.height, pix.stride, bytes(pix.samples), doc.page_count, zoom
        )
