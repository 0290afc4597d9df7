"""Opening and checking PDFs before anything is stored, and reading what the library keeps."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import pymupdf

from reader.errors import PdfError
from reader.pdf.agenda import parse_agenda
from reader.pdf.model import AgendaStructure, MeetingInfo, TextLine
from reader.pdf.positions import place_items
from reader.pdf.text import join_lines, visible_lines

# MuPDF warnings that mean page content was lost, not merely tolerated.
log = logging.getLogger(__name__)

# PyMuPDF is only partly annotated; calls go through an ``Any`` alias to keep mypy strict.
_mu: Any = pymupdf

_LOSS_MARKERS = ("premature end of data", "zlib error", "flate", "cannot load content stream")


@dataclass
class PdfAnalysis:
    """Everything the library stores about one PDF file, computed in one pass."""

    page_count: int
    pages: list[str]  # visible text per page, index 0 = page 1
    structure: AgendaStructure
    title: str | None  # from the PDF's metadata, if it has one


def open_pdf(data: bytes, name: str) -> Any:
    """Open bytes as a PDF, or raise PdfError saying in words what is wrong with them."""
    if b"%PDF-" not in data[:1024]:
        raise PdfError(f"{name}: not a PDF file")
    _mu.TOOLS.mupdf_warnings(reset=True)
    try:
        doc = _mu.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for unreadable files
        raise PdfError(f"{name}: damaged PDF, cannot be opened ({exc})") from exc
    if doc.needs_pass:
        doc.close()
        raise PdfError(f"{name}: the PDF is password-protected")
    if doc.page_count == 0:
        doc.close()
        raise PdfError(f"{name}: the PDF has no pages")
    if doc.is_repaired and b"%%EOF" not in data[-1024:]:
        doc.close()
        raise PdfError(f"{name}: damaged PDF, the file is truncated")
    return doc


def analyse_pdf(data: bytes, name: str) -> PdfAnalysis:
    """Check a PDF page by page and extract its visible text and agenda structure."""
    doc = open_pdf(data, name)
    try:
        lines: list[list[TextLine]] = []
        for page in doc:
            try:
                lines.append(visible_lines(page))
            except Exception as exc:
                number = (page.number or 0) + 1
                raise PdfError(f"{name}: damaged PDF, page {number} cannot be read") from exc
        pages = [join_lines([ln.text for ln in page_lines]) for page_lines in lines]
        warnings = _mu.TOOLS.mupdf_warnings(reset=True).lower()
        if any(marker in warnings for marker in _LOSS_MARKERS):
            raise PdfError(f"{name}: damaged PDF, some page content cannot be read")
        try:
            structure = parse_agenda(doc, lines)
        except Exception:  # a parser bug must not cost the user the document itself
            log.exception("%s: agenda structure not readable; imported without items", name)
            structure = AgendaStructure(MeetingInfo(), [])
        place_items(structure.items, pages, lines)
        meta_title = (doc.metadata or {}).get("title") or None
        return PdfAnalysis(doc.page_count, pages, structure, meta_title)
    finally:
        doc.close()
