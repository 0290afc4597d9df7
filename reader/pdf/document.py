"""Opening and checking PDFs before anything is stored, and reading what the library keeps."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import pymupdf

from reader.errors import PdfError
from reader.i18n import say
from reader.pdf.agenda import parse_agenda
from reader.pdf.messages import mupdf_messages, quiet_mupdf
from reader.pdf.model import AgendaStructure, MeetingInfo, TextLine
from reader.pdf.positions import place_items
from reader.pdf.text import join_lines, visible_lines

log = logging.getLogger(__name__)

# PyMuPDF is only partly annotated; calls go through an ``Any`` alias to keep mypy strict.
_mu: Any = pymupdf

# MuPDF warnings that mean page content was lost, not merely tolerated.
_LOSS_MARKERS = ("premature end of data", "zlib error", "flate", "cannot load content stream")
_HEADER = re.compile(rb"%PDF-\d\.\d")
_HEADER_WITHIN = 1024  # how far in readers look for the header
_TEXT = re.compile(rb"[^\x00-\x08\x0b\x0e-\x1f]*")  # what may stand before it
_GARBLED_SHARE = 0.5  # U+FFFD share at which a repaired document's text is lost


@dataclass
class PdfAnalysis:
    """Everything the library stores about one PDF file, computed in one pass."""

    page_count: int
    pages: list[str]  # visible text per page, index 0 = page 1
    structure: AgendaStructure
    title: str | None  # from the PDF's metadata, if it has one


def open_pdf(data: bytes, name: str) -> Any:
    """Open bytes as a PDF, or raise PdfError saying in words what is wrong with them."""
    _check_header(data, name)
    quiet_mupdf()
    _mu.TOOLS.reset_mupdf_warnings()
    doc: Any = None
    try:
        doc = _mu.open(stream=data, filetype="pdf")
        if doc.needs_pass:
            raise PdfError(
                say(
                    f"{name}: PDF'en er beskyttet med adgangskode",
                    f"{name}: the PDF is password-protected",
                )
            )
        if doc.page_count == 0:
            raise PdfError(say(f"{name}: PDF'en har ingen sider", f"{name}: the PDF has no pages"))
        if doc.is_repaired and b"%%EOF" not in data[-1024:]:
            raise PdfError(_truncated(name))
    except PdfError:
        _close(doc)
        raise
    except Exception as exc:  # MuPDF raises several types for unreadable files
        _close(doc)
        mupdf_messages(name)
        raise PdfError(
            say(
                f"{name}: beskadiget PDF, kan ikke åbnes ({_said(exc)})",
                f"{name}: damaged PDF, cannot be opened ({_said(exc)})",
            )
        ) from exc
    return doc


def analyse_pdf(data: bytes, name: str) -> PdfAnalysis:
    """Check a PDF page by page and extract its visible text and agenda structure."""
    doc = open_pdf(data, name)
    try:
        lines: list[list[TextLine]] = []
        heights: list[float] = []
        for number in range(doc.page_count):
            try:
                page = doc.load_page(number)
                lines.append(visible_lines(page))
                heights.append(float(page.rect.height))
            except Exception as exc:
                mupdf_messages(name)
                raise PdfError(
                    say(
                        f"{name}: beskadiget PDF, side {number + 1} kan ikke læses",
                        f"{name}: damaged PDF, page {number + 1} cannot be read",
                    )
                ) from exc
        pages = [join_lines([ln.text for ln in page_lines]) for page_lines in lines]
        warnings = mupdf_messages(name).lower()
        if any(marker in warnings for marker in _LOSS_MARKERS):
            raise PdfError(
                say(
                    f"{name}: beskadiget PDF, noget af indholdet på siderne kan ikke læses",
                    f"{name}: damaged PDF, some page content cannot be read",
                )
            )
        if doc.is_repaired:  # MuPDF may only find the damage once it loads the pages
            if b"%%EOF" not in data[-1024:]:
                raise PdfError(_truncated(name))
            # visible text leaves out glyphs without characters: count them in MuPDF's own
            # text, where they are U+FFFD (without the flag that would guess them from CIDs)
            raw = [
                doc.load_page(n).get_textpage(flags=_mu.TEXT_CLIP).extractText()
                for n in range(doc.page_count)
            ]
            if _garbled(raw):
                raise PdfError(
                    say(
                        f"{name}: beskadiget PDF, teksten kan ikke læses",
                        f"{name}: damaged PDF, its text cannot be read",
                    )
                )
        try:
            structure = parse_agenda(doc, lines, heights)
        except Exception:  # a parser bug must not cost the user the document itself
            log.exception("%s: agenda structure not readable; imported without items", name)
            structure = AgendaStructure(MeetingInfo(), [])
        place_items(structure.items, pages, lines)
        try:
            meta_title = (doc.metadata or {}).get("title") or None
        except Exception:  # a damaged Info dictionary costs the title, not the document
            meta_title = None
        return PdfAnalysis(doc.page_count, pages, structure, meta_title)
    finally:
        doc.close()


def _check_header(data: bytes, name: str) -> None:
    """A PDF starts with ``%PDF-1.x``; readers allow some text before it, never binary data
    such as a zip entry's header (a zip holding a PDF is not a PDF)."""
    at = data.find(b"%PDF-", 0, _HEADER_WITHIN + 5)
    if at < 0 or not _HEADER.match(data, at) or not _TEXT.fullmatch(data[:at]):
        raise PdfError(say(f"{name}: filen er ikke en PDF", f"{name}: not a PDF file"))


def _truncated(name: str) -> str:
    return say(
        f"{name}: beskadiget PDF, filen er afkortet", f"{name}: damaged PDF, the file is truncated"
    )


def _garbled(pages: list[str]) -> bool:
    """Whether the text is mostly U+FFFD: what a repair that lost the fonts' mappings gives.

    A scan without text is not garbled; it simply has none.
    """
    chars = sum(len(text) - sum(map(str.isspace, text)) for text in pages)
    bad = sum(text.count("\ufffd") for text in pages)
    return chars > 0 and bad >= _GARBLED_SHARE * chars


def _said(exc: Exception) -> str:
    """MuPDF's message in one short line, without its ``code=7:`` prefix."""
    text = " ".join(str(exc).split())
    text = re.sub(r"^code=\d+:\s*", "", text) or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


def _close(doc: Any) -> None:
    if doc is not None:
        doc.close()
