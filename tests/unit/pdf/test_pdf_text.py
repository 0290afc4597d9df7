"""Visible text extraction and dehyphenation, on real PDFs generated per test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from reader.pdf.text import join_lines, page_text, visible_lines
from tests.support.pdf_factory import (
    EDGE_HIDDEN,
    EDGE_VISIBLE,
    PARAGRAPH_DA,
    make_clipped_duplicate_pdf,
    make_hyphenated_pdf,
    make_justified_pdf,
    make_lines_pdf,
    make_ocr_layer_pdf,
    make_overlapping_duplicate_pdf,
    make_special_text_pdf,
    make_styled_pdf,
    make_two_per_baseline_pdf,
)

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext (poppler-utils) is the oracle for visible words; apt install poppler-utils",
)


def pdftotext_words(path: Path, *, layout: bool = True, page: int = 1) -> list[str]:
    args = ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page)]
    if layout:
        args.append("-layout")
    out = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.split()


def first_page(path: Path) -> pymupdf.Page:
    return pymupdf.open(path)[0]


# --- clipped duplicates -------------------------------------------------------------------

CLIP_CASES: dict[str, dict[str, Any]] = {
    "strips": {},
    "glyphs-cut-by-strip-edges": {"strip_offset": 0.4},
    "vertical-cut-through-glyph": {"split_x": 121.0},  # through the "Ø" of Økonomiudvalget
    "vertical-cut-through-g": {"split_x": 190.5},  # through the "g" of Økonomiudvalget
    "both-cuts": {"strip_offset": 0.4, "split_x": 121.0},
    "both-cuts-drawn-3-times": {"strip_offset": 0.4, "split_x": 121.0, "exact_copies": 3},
}


@pytest.mark.parametrize("kwargs", CLIP_CASES.values(), ids=CLIP_CASES.keys())
def test_clipped_duplicates_give_each_line_once(tmp_path: Path, kwargs: dict[str, Any]) -> None:
    path = make_clipped_duplicate_pdf(tmp_path / "clip.pdf", **kwargs)
    page = first_page(path)
    # The fixture really holds one copy per strip: unclipped extraction sees all of them.
    assert len(page.get_text(flags=0).split()) >= 20 * len(" ".join(PARAGRAPH_DA).split())

    lines = visible_lines(page)

    assert [ln.text for ln in lines] == PARAGRAPH_DA
    assert page_text(page) == "\n".join(PARAGRAPH_DA)


@needs_pdftotext
@pytest.mark.parametrize("kwargs", CLIP_CASES.values(), ids=CLIP_CASES.keys())
def test_clipped_duplicates_match_pdftotext(tmp_path: Path, kwargs: dict[str, Any]) -> None:
    path = make_clipped_duplicate_pdf(tmp_path / "clip.pdf", **kwargs)
    ours = " ".join(ln.text for ln in visible_lines(first_page(path))).split()
    assert ours == pdftotext_words(path)


@needs_pdftotext
def test_several_clipped_pages_match_pdftotext_page_by_page(tmp_path: Path) -> None:
    paragraphs = [PARAGRAPH_DA[:5], [f"Punkt {i}: æ ø å Æ Ø Å" for i in range(12)]]
    path = make_clipped_duplicate_pdf(tmp_path / "clip.pdf", paragraphs, strip_offset=0.4)
    doc = pymupdf.open(path)
    for i, page in enumerate(doc):
        assert page_text(page).split() == pdftotext_words(path, page=i + 1)
        assert page_text(page) == "\n".join(paragraphs[i])


def test_exact_overlapping_copies_are_deduplicated(tmp_path: Path) -> None:
    lines = ["Første linje", "Anden linje med æøå"]
    page = first_page(make_overlapping_duplicate_pdf(tmp_path / "dup.pdf", lines, copies=4))
    assert page.get_text().count("Første") == 4  # the duplicates are really there
    assert page_text(page) == "Første linje\nAnden linje med æøå"


def test_repeated_word_at_different_places_is_kept(tmp_path: Path) -> None:
    lines = ["og og og", "det det", "ll ii ..."]
    page = first_page(make_lines_pdf(tmp_path / "rep.pdf", [lines]))
    assert page_text(page) == "og og og\ndet det\nll ii ..."


# --- page geometry and visibility ---------------------------------------------------------


def test_text_outside_mediabox_and_invisible_text_are_dropped(tmp_path: Path) -> None:
    page = first_page(make_special_text_pdf(tmp_path / "special.pdf"))
    text = page_text(page)
    assert text == f"Synlig linje en\nSynlig linje to\n{EDGE_VISIBLE}"
    assert "Udenfor" not in text
    assert "Usynlig" not in text
    assert EDGE_HIDDEN.split()[0] not in text


@needs_pdftotext
def test_mediabox_clipping_agrees_with_pdftotext(tmp_path: Path) -> None:
    path = make_special_text_pdf(tmp_path / "special.pdf")
    theirs = pdftotext_words(path)
    # Poppler keeps render-mode-3 text (it is meant for searching); we drop it off images.
    theirs = [w for w in theirs if w not in ("Usynlig", "tekst")]
    assert page_text(first_page(path)).split() == theirs


def test_invisible_text_over_an_image_is_kept_as_ocr_layer(tmp_path: Path) -> None:
    path = make_ocr_layer_pdf(tmp_path / "ocr.pdf", "Scannet bilag om æblehaven", "Skjult")
    assert page_text(first_page(path)) == "Scannet bilag om æblehaven"


def test_reading_order_two_spans_per_baseline(tmp_path: Path) -> None:
    page = first_page(make_two_per_baseline_pdf(tmp_path / "order.pdf"))
    lines = visible_lines(page)
    assert [ln.text for ln in lines] == ["en to", "tre fire"]
    assert lines[0].bbox[1] < lines[1].bbox[1]
    assert lines[0].bbox[0] == pytest.approx(72.0)


def test_line_facts_size_bold_and_page(tmp_path: Path) -> None:
    doc = pymupdf.open(make_styled_pdf(tmp_path / "styled.pdf"))
    head, body = visible_lines(doc[0])
    assert (head.text, head.size, head.bold, head.page) == ("Dagsorden", 16.0, True, 0)
    assert (body.text, body.size, body.bold) == ("Mødet holdes på rådhuset", 11.0, False)
    (second,) = visible_lines(doc[1])
    assert (second.text, second.page) == ("Side to", 1)


def test_danish_characters_preserved(tmp_path: Path) -> None:
    lines = ["Ærø, Øster Åby og Ålborg", "blåbærgrød på rødkålsbåd"]
    page = first_page(make_lines_pdf(tmp_path / "da.pdf", [lines]))
    assert page_text(page) == "\n".join(lines)


def test_empty_page(tmp_path: Path) -> None:
    page = first_page(make_lines_pdf(tmp_path / "empty.pdf", [[]]))
    assert visible_lines(page) == []
    assert page_text(page) == ""


# --- dehyphenation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["for implemente-", "ring af planen"], "for implementering af planen"),
        (["alle med-", "lemmerne er enige"], "alle medlemmerne er enige"),
        (["sendt til Sundheds-", "og Ældreudvalget"], "sendt til Sundheds-\nog Ældreudvalget"),
        (["børne-", "eller ungeområdet"], "børne-\neller ungeområdet"),
        (["både social-", "samt sundhedsområdet"], "både social-\nsamt sundhedsområdet"),
        (["såvel børne-", "som ældreområdet"], "såvel børne-\nsom ældreområdet"),
        (["sundheds-", ", ældre- og kulturområdet"], "sundheds-\n, ældre- og kulturområdet"),
        (["følger EU-", "direktivet om"], "følger EU-direktivet om"),
        (["perioden 2025-", "2028 er vedtaget"], "perioden 2025-2028 er vedtaget"),
        (["Anne-", "Mette Hansen"], "Anne-Mette Hansen"),
        (["Budget 2025 \u2013", "overblik"], "Budget 2025 \u2013\noverblik"),  # en dash
        (["Sagen er udsat -", "se bilag"], "Sagen er udsat -\nse bilag"),
        (["-", "første punkt"], "-\nførste punkt"),
        (["Punkter:", "- første", "- anden"], "Punkter:\n- første\n- anden"),
        (["imple\u00ad", "menteringen"], "implementeringen"),
        (["Økonomi\u00ad", "udvalget"], "Økonomiudvalget"),
        (["kom-", "mu-", "nen"], "kommunen"),
        (["en hel linje", "", "en anden"], "en hel linje\nen anden"),
        (["Øko\u00adnomi og ﬁnans\u00a0og  skat"], "Økonomi og finans og skat"),
        ([], ""),
    ],
)
def test_join_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


def test_page_text_rejoins_hyphenated_lines(tmp_path: Path) -> None:
    lines = [
        "Kommunalbestyrelsen skal tage stilling til implemente-",
        "ringen af planen. Alle med-",
        "lemmerne af Sundheds-",
        "og Ældreudvalget støtter EU-",
        "direktivet for perioden 2025-",
        "2028.",
    ]
    page = first_page(make_hyphenated_pdf(tmp_path / "hyph.pdf", lines))
    assert page_text(page) == (
        "Kommunalbestyrelsen skal tage stilling til implementeringen af planen. "
        "Alle medlemmerne af Sundheds-\n"
        "og Ældreudvalget støtter EU-direktivet for perioden 2025-2028."
    )
    # visible_lines itself does not dehyphenate: the structure parser needs real lines.
    assert [ln.text for ln in visible_lines(page)] == lines


JUSTIFIED_HTML = (
    "Kommunalbestyrelsen skal tage stilling til imple&shy;men&shy;te&shy;ringen af den nye "
    "sund&shy;heds&shy;aftale, som Sundheds- og Ældreudvalget har behandlet, herunder "
    "EU-direktivet om tilgænge&shy;lighed og budget&shy;perioden 2025-2028 for "
    "med&shy;lemmerne af udvalget."
)
JUSTIFIED_TEXT = (
    "Kommunalbestyrelsen skal tage stilling til implementeringen af den nye sundhedsaftale, "
    "som Sundheds- og Ældreudvalget har behandlet, herunder EU-direktivet om tilgængelighed "
    "og budgetperioden 2025-2028 for medlemmerne af udvalget."
)


@pytest.mark.parametrize("width", [130.0, 150.0, 170.0, 200.0])
def test_justified_paragraph(tmp_path: Path, width: float) -> None:
    page = first_page(make_justified_pdf(tmp_path / "just.pdf", JUSTIFIED_HTML, width))
    lines = visible_lines(page)
    assert len(lines) > 4
    # Some line really ends in a hyphen inserted by the layout engine...
    assert any(ln.text.endswith("-") and not ln.text.endswith("Sundheds-") for ln in lines)
    # ...and justified spacing does not split a line into several.
    assert len({round(ln.bbox[3]) for ln in lines}) == len(lines)
    assert page_text(page).split() == JUSTIFIED_TEXT.split()


@needs_pdftotext
@pytest.mark.parametrize("width", [130.0, 150.0, 200.0])
def test_justified_paragraph_lines_match_pdftotext(tmp_path: Path, width: float) -> None:
    # Compare before dehyphenation: poppler's own dehyphenation turns "Sundheds- og" into
    # "Sundhedsog", which is exactly the mistake join_lines avoids.
    path = make_justified_pdf(tmp_path / "just.pdf", JUSTIFIED_HTML, width)
    ours = " ".join(ln.text for ln in visible_lines(first_page(path))).split()
    assert ours == pdftotext_words(path, layout=True)
