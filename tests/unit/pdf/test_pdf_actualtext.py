"""ActualText in tagged PDFs: each paragraph once, as drawn; ligatures and symbols kept.

The PDFs are written by ``tests.support.tagged_pdf``, whose docstring says which structure makes
MuPDF repeat a paragraph. ``pdftotext`` is the oracle for the words a reader sees.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pymupdf
import pytest

from reader.pdf.text import page_text, visible_lines
from tests.support.tagged_pdf import (
    FONT_SIZE,
    LEFT,
    PARAGRAPH,
    Glyph,
    Line,
    Marked,
    Paragraph,
    line_text,
    paragraph_text,
    write_tagged_pdf,
)

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext (poppler-utils) is the oracle for visible words; apt install poppler-utils",
)

UNKNOWN = "\ufffd"
IGNORE = pymupdf.TEXT_CLIP | pymupdf.TEXT_IGNORE_ACTUALTEXT

# Ligatures and symbols that only their ActualText names.
GLYPH_LINES: list[Line] = [
    ["Den ", Glyph("lig1", "fi"), "nansielle ramme er ", Glyph("lig2", "ffi"), "ciel."],
    [Glyph("sym1", "•"), " Punkt 1 ", Glyph("sym2", "→"), " bilag 2 om Ærø"],
]
# Symbols with no character and no ActualText: nothing to show.
BARE_LINE: Line = [Glyph("sym1", None), " Tlf. 8940 2000 ", Glyph("sym2", None), " rådhuset"]
# Known glyphs with an ActualText of their own, inside a paragraph whose element has one too.
MARKED_LINES: list[Line] = [
    ["Budget 2025 ", Marked("-", "\u2013"), " overblik over ", Marked("fi", "fi"), "nanserne"],
    ["Sidste linje i afsnittet."],
]


def pdftotext_words(path: Path, page: int = 1) -> list[str]:
    """Poppler's words, without the control characters it prints for glyphs it cannot name."""
    args = ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(path), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    visible = "".join(c for c in out if c.isspace() or unicodedata.category(c) != "Cc")
    return visible.split()


def first_page(path: Path) -> pymupdf.Page:
    return pymupdf.open(path)[0]


def texts(lines: list[Line]) -> list[str]:
    return [" ".join(line_text(line).split()) for line in lines]


# --- the tagged paragraph ----------------------------------------------------------------

REPEATING = {
    "actualtext-on-element": Paragraph(PARAGRAPH),
    "actualtext-in-each-sequence": Paragraph(PARAGRAPH, actual_text="bdc"),
    "element-clipped-copies": Paragraph(PARAGRAPH, clipped=True),
}
PARAGRAPHS = {**REPEATING, "mcr-kids": Paragraph(PARAGRAPH, kids="mcr")}


@pytest.mark.parametrize("name", ["actualtext-on-element", "actualtext-in-each-sequence"])
def test_builder_makes_mupdf_repeat_the_paragraph(tmp_path: Path, name: str) -> None:
    path = write_tagged_pdf(tmp_path / "p.pdf", [[REPEATING[name]]])
    doc = pymupdf.open(path)
    assert doc.pdf_catalog() and doc.xref_get_key(doc.pdf_catalog(), "MarkInfo/Marked")[1] == "true"
    page = doc[0]
    honoured = page.get_text(flags=pymupdf.TEXT_CLIP)
    whole = paragraph_text(PARAGRAPH)
    # One copy per line but the last, whose glyphs end the ActualText and stay as they are.
    assert honoured.count(whole) == len(PARAGRAPH) - 1
    assert page.get_text(flags=IGNORE).split() == whole.split()


def test_builder_structure_element_carries_the_paragraph(tmp_path: Path) -> None:
    doc = pymupdf.open(write_tagged_pdf(tmp_path / "p.pdf", [[Paragraph(PARAGRAPH)]]))
    elements = [
        x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "S") == ("name", "/P")
    ]
    (elem,) = elements
    assert doc.xref_get_key(elem, "K") == ("array", "[0 1 2 3 4 5]")
    kind, raw = doc.xref_get_key(elem, "ActualText")
    assert kind == "string" and raw == paragraph_text(PARAGRAPH)  # decoded from UTF-16BE + BOM
    assert doc.xref_get_key(doc[0].xref, "StructParents") == ("int", "0")


@pytest.mark.parametrize("name", PARAGRAPHS, ids=PARAGRAPHS)
def test_tagged_paragraph_appears_once(tmp_path: Path, name: str) -> None:
    page = first_page(write_tagged_pdf(tmp_path / "p.pdf", [[PARAGRAPHS[name]]]))
    lines = visible_lines(page)
    assert [ln.text for ln in lines] == PARAGRAPH
    assert page_text(page) == "\n".join(PARAGRAPH)
    assert page_text(page).count("Økonomiudvalget") == 1


@needs_pdftotext
@pytest.mark.parametrize("name", PARAGRAPHS, ids=PARAGRAPHS)
def test_tagged_paragraph_matches_pdftotext(tmp_path: Path, name: str) -> None:
    path = write_tagged_pdf(tmp_path / "p.pdf", [[PARAGRAPHS[name]]])
    assert page_text(first_page(path)).split() == pdftotext_words(path)


# --- ligatures and symbols ---------------------------------------------------------------

GLYPH_PARAGRAPHS = {
    "untagged": Paragraph(GLYPH_LINES, actual_text="none", tagged=False),
    "tagged": Paragraph(GLYPH_LINES, actual_text="none"),
    "tagged-clipped-copies": Paragraph(GLYPH_LINES, actual_text="none", clipped=True),
    "inside-element-actualtext": Paragraph(GLYPH_LINES),
}


@pytest.mark.parametrize("name", GLYPH_PARAGRAPHS, ids=GLYPH_PARAGRAPHS)
def test_ligature_and_symbol_actualtext_is_kept(tmp_path: Path, name: str) -> None:
    page = first_page(write_tagged_pdf(tmp_path / "g.pdf", [[GLYPH_PARAGRAPHS[name]]]))
    # Without ActualText MuPDF knows no character for these glyphs.
    assert UNKNOWN in page.get_text(flags=IGNORE)
    lines = visible_lines(page)
    assert [ln.text for ln in lines] == texts(GLYPH_LINES)
    assert lines[0].text == "Den finansielle ramme er fficiel."
    assert lines[1].text == "• Punkt 1 → bilag 2 om Ærø"
    assert lines[0].bbox[0] == pytest.approx(LEFT)
    assert lines[0].size == FONT_SIZE


@needs_pdftotext
@pytest.mark.parametrize("name", GLYPH_PARAGRAPHS, ids=GLYPH_PARAGRAPHS)
def test_ligature_and_symbol_lines_match_pdftotext(tmp_path: Path, name: str) -> None:
    path = write_tagged_pdf(tmp_path / "g.pdf", [[GLYPH_PARAGRAPHS[name]]])
    assert page_text(first_page(path)).split() == pdftotext_words(path)


def test_glyph_without_character_or_actualtext_shows_nothing(tmp_path: Path) -> None:
    para = Paragraph([BARE_LINE], actual_text="none", tagged=False)
    path = write_tagged_pdf(tmp_path / "bare.pdf", [[para]])
    page = first_page(path)
    assert page.get_text(flags=IGNORE).count(UNKNOWN) == 2
    assert page_text(page) == "Tlf. 8940 2000 rådhuset"
    if shutil.which("pdftotext"):
        assert pdftotext_words(path) == ["Tlf.", "8940", "2000", "rådhuset"]


# --- both on one page --------------------------------------------------------------------


@pytest.mark.parametrize("clipped", [False, True], ids=["drawn-once", "clipped-copies"])
def test_page_with_tagged_paragraph_and_glyphs(tmp_path: Path, clipped: bool) -> None:
    glyphs = [*GLYPH_LINES, BARE_LINE]
    page_content = [
        Paragraph(PARAGRAPH, clipped=clipped),
        Paragraph(glyphs, actual_text="none", clipped=clipped, top=250.0),
    ]
    path = write_tagged_pdf(tmp_path / "both.pdf", [page_content])
    page = first_page(path)
    assert page.get_text(flags=pymupdf.TEXT_CLIP).count("Økonomiudvalget") > 1 or clipped

    text = page_text(page)

    assert text == "\n".join([*PARAGRAPH, *texts(glyphs)])
    assert text.count("Økonomiudvalget") == 1
    assert UNKNOWN not in text
    if shutil.which("pdftotext"):
        assert text.split() == pdftotext_words(path)


def test_nested_actualtext_spilled_by_mupdf_is_dropped(tmp_path: Path) -> None:
    """A ``/Span`` ActualText inside a paragraph whose element has ActualText too."""
    path = write_tagged_pdf(
        tmp_path / "nested.pdf",
        [[Paragraph(PARAGRAPH), Paragraph(MARKED_LINES, top=250.0)]],
    )
    page = first_page(path)
    # Even ignoring ActualText, MuPDF spills the element's text where the nested one starts.
    assert page.get_text(flags=IGNORE).count("Sidste linje") > 1

    text = page_text(page)

    assert text == "\n".join([*PARAGRAPH, *texts(MARKED_LINES)])
    assert "Budget 2025 \u2013 overblik over finanserne" in text
    if shutil.which("pdftotext"):
        assert text.split() == pdftotext_words(path)


def test_structure_is_left_as_found(tmp_path: Path) -> None:
    path = write_tagged_pdf(
        tmp_path / "s.pdf", [[Paragraph(PARAGRAPH), Paragraph(GLYPH_LINES, top=250.0)]]
    )
    doc = pymupdf.open(stream=path.read_bytes(), filetype="pdf")  # as the importer opens it
    page = doc[0]
    page_dict = doc.xref_object(page.xref)
    before = page.get_text(flags=pymupdf.TEXT_CLIP)
    assert UNKNOWN in page.get_text(flags=IGNORE)  # so page_text reads it without structure
    page_text(page)
    assert doc.xref_object(page.xref) == page_dict
    assert doc.xref_get_key(page.xref, "StructParents") == ("int", "0")
    assert page.get_text(flags=pymupdf.TEXT_CLIP) == before


def test_pages_are_read_each_on_its_own(tmp_path: Path) -> None:
    pages = [
        [Paragraph(PARAGRAPH)],
        [Paragraph(GLYPH_LINES, actual_text="none")],
        [Paragraph(PARAGRAPH[:3], clipped=True), Paragraph(MARKED_LINES, top=250.0)],
    ]
    path = write_tagged_pdf(tmp_path / "three.pdf", pages)
    doc = pymupdf.open(path)
    expected = [
        PARAGRAPH,
        texts(GLYPH_LINES),
        [*PARAGRAPH[:3], *texts(MARKED_LINES)],
    ]
    for page, want in zip(doc, expected, strict=True):
        lines = visible_lines(page)
        assert [ln.text for ln in lines] == want
        assert {ln.page for ln in lines} == {page.number}
        if shutil.which("pdftotext"):
            assert page_text(page).split() == pdftotext_words(path, (page.number or 0) + 1)
