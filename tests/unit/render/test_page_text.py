"""Page text with a box per character: the same visible text as ``reader.pdf.text`` (no
ActualText repeats, no clipped copies), boxes where the glyphs are, hit-testing and find."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest

from reader.pdf.pages import page_chars
from reader.pdf.text import visible_lines
from reader.render.find import find_in, normalise_needle
from reader.render.types import PageText
from tests.support import pdf_factory as pf
from tests.support.render_pdfs import scanned_pdf, text_pdf
from tests.support.tagged_pdf import PARAGRAPH, Glyph, Paragraph, write_tagged_pdf

GLYPHS = [["Den ", Glyph("lig1", "fi"), "nansielle ramme er ", Glyph("lig2", "ffi"), "ciel."]]

BUILDERS: dict[str, Callable[[Path], Path]] = {
    "clipped-copies": lambda p: pf.make_clipped_duplicate_pdf(p, strip_offset=0.4),
    "clipped-split": lambda p: pf.make_clipped_duplicate_pdf(p, split_x=200.0),
    "overlapping": lambda p: pf.make_overlapping_duplicate_pdf(p, pf.PARAGRAPH_DA[:5]),
    "special": pf.make_special_text_pdf,
    "ocr": lambda p: pf.make_ocr_layer_pdf(p, "Skannet tekst", "Løs tekst"),
    "two-per-baseline": pf.make_two_per_baseline_pdf,
    "justified": lambda p: pf.make_justified_pdf(
        p, "Kommunalbestyrelsen be&shy;handler bud&shy;get&shy;forslaget for " * 4
    ),
    "actualtext": lambda p: write_tagged_pdf(p, [[Paragraph(PARAGRAPH)]]),
    "ligatures": lambda p: write_tagged_pdf(p, [[Paragraph(GLYPHS)]]),
}


def _page_text(path: Path, pno: int = 0) -> PageText:
    with pymupdf.open(path) as doc:
        text, boxes = page_chars(doc, pno)
    return PageText(pno, text, tuple(boxes))


@pytest.mark.parametrize("name", BUILDERS, ids=BUILDERS)
def test_the_text_is_what_reader_pdf_text_sees(tmp_path: Path, name: str) -> None:
    path = BUILDERS[name](tmp_path / "p.pdf")
    with pymupdf.open(path) as doc:
        expected = "\n".join(line.text for line in visible_lines(doc[0]))
        text, boxes = page_chars(doc, 0)
    assert text == expected
    assert len(boxes) == len(text)


def test_each_character_has_its_glyphs_box(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=1)
    text = _page_text(path)
    with pymupdf.open(path) as doc:
        words = doc[0].get_text("words")
    first = words[0]  # "Side" at the top left
    assert text.text.startswith("Side 0 linje 0:")
    x0, y0, x1, y1 = text.rects(0, 4)[0]
    assert (x0, x1) == pytest.approx((first[0], first[2]), abs=0.01)
    assert (y0, y1) == pytest.approx((first[1], first[3]), abs=0.01)
    newline = text.text.index("\n")
    assert text.boxes[newline][0] == text.boxes[newline][2] == text.boxes[newline - 1][2]


def test_boxes_are_where_the_reader_sees_them_on_a_rotated_page(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=1, rotate={0: 90})
    text = _page_text(path)
    with pymupdf.open(path) as doc:
        page = doc[0]
        shown = page.rect  # 842 x 595
        word = pymupdf.Rect(page.get_text("words")[0][:4]) * page.rotation_matrix
    rect = text.rects(0, 4)[0]
    assert rect == pytest.approx(tuple(word), abs=0.01)
    assert all(0 <= r[0] <= shown.width and 0 <= r[1] <= shown.height for r in text.boxes)


def test_index_at_finds_the_nearest_character(tmp_path: Path) -> None:
    text = _page_text(text_pdf(tmp_path / "a.pdf", pages=1))
    x0, y0, x1, y1 = text.boxes[2]  # "d" of "Side"
    assert text.index_at((x0 + x1) / 2, (y0 + y1) / 2) == 2
    assert text.index_at(0, (y0 + y1) / 2) == 0  # left of the line: its first character
    assert text.index_at(10_000, -50) == text.text.index("\n") - 1  # end of the first line
    last = len(text.text) - 1
    assert text.index_at(10_000, 10_000) == last
    assert PageText(0, "", ()).index_at(1, 1) is None


def test_rects_give_one_rect_per_line(tmp_path: Path) -> None:
    text = _page_text(text_pdf(tmp_path / "a.pdf", pages=1))
    second = text.text.index("\n") + 1
    rects = text.rects(5, second + 4)
    assert len(rects) == 2
    assert rects[0][3] <= rects[1][1] + 1  # the first above the second
    assert text.rects(3, 3) == []


def test_a_scanned_pages_ocr_text_is_there(tmp_path: Path) -> None:
    text = _page_text(scanned_pdf(tmp_path / "s.pdf", pages=1))
    assert text.text == "Skannet side 0 med usynlig tekst"


def _matches(text: str, needle: str) -> list[str]:
    boxes = tuple((float(i), 0.0, i + 1.0, 10.0) for i in range(len(text)))
    page = PageText(0, text, boxes)
    return [text[m.start : m.end] for m in find_in(page, normalise_needle(needle))]


def test_find_is_blind_to_case_and_white_space_and_line_breaks() -> None:
    assert _matches("Økonomiudvalget\nBEHANDLER  sagen", "økonomiudvalget behandler") == [
        "Økonomiudvalget\nBEHANDLER"
    ]
    assert _matches("Straße og strasse", "STRASSE") == ["Straße", "strasse"]
    assert _matches("a b a b", "  A\n B ") == ["a b", "a b"]
    assert _matches("abc", "") == []


def test_find_joins_words_broken_at_a_line_end() -> None:
    assert _matches("implemente-\nringen af", "implementeringen") == ["implemente-\nringen"]
    assert _matches("EU-\ndirektivet", "eu-direktivet") == ["EU-\ndirektivet"]
    assert _matches("Sundheds-\nog Ældreudvalget", "sundheds- og") == ["Sundheds-\nog"]


def test_a_match_over_two_lines_has_two_rects(tmp_path: Path) -> None:
    page = _page_text(text_pdf(tmp_path / "a.pdf", pages=1))
    matches = find_in(page, normalise_needle("æbler side 0 LINJE 1:"))
    assert len(matches) == 1
    assert len(matches[0].rects) == 2
