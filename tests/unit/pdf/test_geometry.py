"""Rectangles of text ranges: from word boxes, from character boxes, measured once a page."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from reader.pdf import geometry
from reader.pdf.geometry import PageGeometry, clear_geometry_cache, page_geometry
from reader.pdf.text import page_text
from tests.support.library_fixtures import agenda_pdf


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    clear_geometry_cache()


def _ranges(text: str) -> list[tuple[int, int]]:
    """Whole words and phrases, and ranges that start and end inside words."""
    words = [i for i in range(1, len(text)) if text[i - 1].isspace() and text[i].isalnum()]
    out = [(words[k], words[k + 3] - 1) for k in range(0, len(words) - 4, 3)]
    out += [(words[k] + 2, words[k + 2] + 3) for k in range(0, len(words) - 3, 4)]
    return out


def test_word_boxes_give_what_character_boxes_give(tmp_path: Path) -> None:
    path = agenda_pdf(tmp_path / "dagsorden.pdf", extra="Piloten sluttede i marts. " * 6)
    with pymupdf.open(path) as pdf:
        for page in pdf:
            text = page_text(page)
            by_words = PageGeometry(page, text)
            by_chars = PageGeometry(page, text)
            by_chars.words = {}
            assert by_words.words, "MuPDF's words read as the visible lines"
            for start, end in _ranges(text):
                assert by_words.rects(start, end) == by_chars.rects(start, end)


def test_measured_once_per_page_and_kept_within_bounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = agenda_pdf(tmp_path / "dagsorden.pdf")
    with pymupdf.open(path) as pdf:
        texts = [page_text(p) for p in pdf]
        fresh = PageGeometry(pdf[3], texts[3])
        expected = {r: fresh.rects(*r) for r in _ranges(texts[3])}
    kept = page_geometry(path, 4, texts[3])
    assert kept.page is None  # the document is not held open by the cache
    assert page_geometry(path, 4, texts[3]) is kept
    # inside words, character boxes are read from the file again, once
    assert {r: kept.rects(*r) for r in expected} == expected
    monkeypatch.setattr(geometry, "CACHE_PAGES", 2)
    for page in (1, 2, 3):
        page_geometry(path, page, texts[page - 1])
    assert page_geometry(path, 4, texts[3]) is not kept  # the oldest page was let go
