"""Writing annotations into a copy of a PDF as real PDF annotations.

The notes package knows what the user marked; PyMuPDF stays behind ``reader.pdf``. So this
takes plain data (page, kind, rectangles, colour, note, text, ink strokes) and returns the
annotated PDF's bytes, leaving where they are written to the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf

from reader.errors import Cancelled
from reader.i18n import say
from reader.pdf.geometry import Rect, open_pdf_file

# PyMuPDF is only partly annotated; calls go through an ``Any`` alias to keep mypy strict.
_mu: Any = pymupdf

# Text markup kinds and the page method that adds each.
_TEXT_MARKUP = {
    "highlight": "add_highlight_annot",
    "underline": "add_underline_annot",
    "strikeout": "add_strikeout_annot",
}


@dataclass(frozen=True)
class PdfAnnotation:
    """One annotation to write: ``kind`` is a text markup (highlight, underline, strikeout)
    or ink, sticky, textbox or rectangle; ``color`` is ``#rrggbb``."""

    page: int  # 1-based
    kind: str
    rects: list[Rect]
    color: str
    note: str | None = None
    text: str | None = None
    ink: list[list[tuple[float, float]]] = field(default_factory=list)


def annotated_pdf(
    path: Path,
    annotations: Iterable[PdfAnnotation],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The PDF at ``path`` with ``annotations`` added, compacted; the file is not changed.

    ``progress(done, total)`` after each annotation; ``cancelled`` is asked between them and
    stops with ``Cancelled``.
    """
    todo = list(annotations)
    pdf: Any = open_pdf_file(path)
    try:
        for done, annotation in enumerate(todo):
            if cancelled is not None and cancelled():
                raise Cancelled(say("eksporten blev afbrudt", "the export was stopped"))
            if progress is not None:
                progress(done, len(todo))
            _add_annot(pdf[annotation.page - 1], annotation)
        data: bytes = pdf.tobytes(garbage=1, deflate=True)
    finally:
        pdf.close()
    return data


def _add_annot(page: Any, annotation: PdfAnnotation) -> None:
    rects = annotation.rects
    color = _rgb(annotation.color)
    annot: Any
    if annotation.kind in _TEXT_MARKUP:
        if not rects:
            return
        add = getattr(page, _TEXT_MARKUP[annotation.kind])
        annot = add([_mu.Rect(*r) for r in rects])
    elif annotation.kind == "ink":
        annot = page.add_ink_annot([[list(p) for p in stroke] for stroke in annotation.ink])
    elif annotation.kind == "sticky":
        r = rects[0] if rects else (36.0, 36.0, 56.0, 56.0)
        annot = page.add_text_annot((r[0], r[1]), annotation.note or "", icon="Note")
    elif annotation.kind == "textbox":
        r = rects[0] if rects else (36.0, 36.0, 236.0, 86.0)
        annot = page.add_freetext_annot(
            _mu.Rect(*r), annotation.text or annotation.note or "", fontsize=10, text_color=color
        )
    else:  # rectangle
        r = rects[0] if rects else (36.0, 36.0, 136.0, 86.0)
        annot = page.add_rect_annot(_mu.Rect(*r))
    if annotation.kind != "textbox":
        annot.set_colors(stroke=color)
    info: dict[str, str] = {"title": "Mødemappe"}
    if annotation.note and annotation.kind != "sticky":
        info["content"] = annotation.note
    elif annotation.kind == "sticky":
        info["content"] = annotation.note or ""
    annot.set_info(**info)
    annot.update()


def _rgb(color: str) -> tuple[float, float, float]:
    m = re.fullmatch(r"#?([0-9a-fA-F]{6})", color.strip())
    if not m:
        return (1.0, 0.83, 0.0)
    v = m.group(1)
    return (int(v[0:2], 16) / 255, int(v[2:4], 16) / 255, int(v[4:6], 16) / 255)
