"""The same meetings written by other PDF producers must parse to the same structure.

The Story-composed fixtures in ``test_pdf_structure`` come from one producer; real agendas come
from Word, LibreOffice, ABCpdf and ESDH exports. Each test here renders a fixture meeting
through another producer (or a variant of its layout) and compares the parse item by item
with the content it was made from.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from reader.pdf.model import AgendaStructure
from tests.support.agenda_fixtures import (
    actual_rows,
    expected_rows,
    firstagenda_meeting,
    kkr_meeting,
    parse_file,
)
from tests.support.compose import ComposeMeeting, compose_pdf_with_layout
from tests.support.producers import (
    Produced,
    Style,
    build_libreoffice,
    build_reportlab,
    clip_copies,
    soffice,
)

mu: Any = pymupdf  # PyMuPDF is only partly annotated


def _meeting(style: Style, kind: str) -> ComposeMeeting:
    return kkr_meeting(kind) if style == "kkr" else firstagenda_meeting(kind)


def _pages(parsed: AgendaStructure) -> dict[str, tuple[int, int]]:
    return {
        ("g" if i.is_group else "i") + i.number: (i.page_start, i.page_end) for i in parsed.items
    }


def _check(parsed: AgendaStructure, meeting: ComposeMeeting, style: Style) -> None:
    """Items row by row (a diff names the first wrong item), then the meeting facts."""
    want = expected_rows(meeting, style)
    got = actual_rows(parsed.items)
    for w, g in zip(want, got, strict=False):
        assert g == w
    assert len(got) == len(want)
    info = parsed.meeting
    assert info.kind == meeting.kind
    assert info.body == meeting.body
    assert info.start == meeting.start
    assert info.location == meeting.location
    if style == "firstagenda":
        assert info.end == meeting.end


# --- reportlab -------------------------------------------------------------------------------

pytest.importorskip("reportlab", reason="reportlab is in the 'test' extra")

_RL_VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("plain", {}),
    ("bookmarks", {"bookmarks": True}),
    ("number-column", {"number_column": True}),
    ("number-column-bookmarks", {"number_column": True, "bookmarks": True}),
    ("underlined-sections", {"section_look": "underline"}),
    ("bold-italic-sections", {"section_look": "bolditalic"}),
    ("running-header", {"running": True}),
    ("front-table", {"front_table": True}),
    (
        "everything",
        {"number_column": True, "section_look": "underline", "running": True, "front_table": True},
    ),
]


@pytest.mark.parametrize("kind", ["agenda", "minutes"])
@pytest.mark.parametrize("style", ["kkr", "firstagenda"])
@pytest.mark.parametrize(("variant", "options"), _RL_VARIANTS, ids=[v[0] for v in _RL_VARIANTS])
def test_reportlab(
    tmp_path: Path, style: Style, kind: str, variant: str, options: dict[str, Any]
) -> None:
    meeting = _meeting(style, kind)
    made = build_reportlab(meeting, tmp_path / f"{variant}.pdf", style=style, **options)
    parsed = parse_file(made.path)
    assert parsed.from_bookmarks is bool(options.get("bookmarks"))
    _check(parsed, meeting, style)
    assert _pages(parsed) == made.pages


def test_reportlab_variants_really_differ(tmp_path: Path) -> None:
    """Guard the builders: the variants change what the parser sees, not just a flag."""
    meeting = firstagenda_meeting()
    plain = build_reportlab(meeting, tmp_path / "a.pdf", style="firstagenda")
    column = build_reportlab(meeting, tmp_path / "b.pdf", style="firstagenda", number_column=True)
    under = build_reportlab(
        meeting, tmp_path / "c.pdf", style="firstagenda", section_look="underline"
    )
    run = build_reportlab(meeting, tmp_path / "d.pdf", style="firstagenda", running=True)
    texts: dict[str, list[tuple[str, Any, bool]]] = {}
    for made in (plain, column, under, run):
        doc: Any = mu.open(made.path)
        texts[made.path.stem] = [
            (s["text"], s["origin"][0], bool(s["flags"] & 16))
            for page in doc
            for b in page.get_text("dict")["blocks"]
            for ln in b.get("lines", ())
            for s in ln["spans"]
        ]
        doc.close()
    # The number is its own span, well left of the title, in the table variant.
    assert any(t == "Punkt 2" for t, _, _ in texts["b"])
    assert not any(t == "Punkt 2" for t, _, _ in texts["a"])
    # Underlined section headings are not bold.
    assert ("Resume", False) in [(t, b) for t, _, b in texts["c"]]
    assert ("Resume", False) not in [(t, b) for t, _, b in texts["a"]]
    assert any(t.startswith("Side 2 af ") for t, _, _ in texts["d"])
    assert any("Økonomiudvalget – Dagsorden – 12. marts 2025" in t for t, _, _ in texts["d"])


# --- LibreOffice -----------------------------------------------------------------------------

needs_soffice = pytest.mark.skipif(
    soffice() is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)


def _lo_pages(made: Produced, style: Style) -> dict[str, tuple[int, int]]:
    """Truth from LibreOffice's own outline: heading pages, and where the next one starts."""
    doc: Any = mu.open(made.path)
    try:
        toc = [(t, p) for _lvl, t, p in doc.get_toc() if t[:1].isdigit() or t.startswith("Punkt")]
        keys: list[tuple[str, int, bool]] = []
        for title, page in toc:
            number = title.removeprefix("Punkt ").split(" ")[0].rstrip(".:")
            key = ("i" if "." in number or style == "firstagenda" else "g") + number
            first_block = next((b[4] for b in doc[page - 1].get_text("blocks") if b[4].strip()), "")
            keys.append((key, page, " ".join(first_block.split()).startswith(title[:20])))
        out: dict[str, tuple[int, int]] = {}
        for k, (key, page, _top) in enumerate(keys):
            if k + 1 < len(keys):
                _, nxt, at_top = keys[k + 1]
                end = nxt - 1 if at_top and nxt > page else nxt
            else:
                end = doc.page_count
            out[key] = (page, end)
        for key in [k for k in out if k.startswith("g")]:
            members = [v[1] for k2, v in out.items() if k2.startswith(f"i{key[1:]}.")]
            out[key] = (out[key][0], max([out[key][1], *members]))
        return out
    finally:
        doc.close()


@needs_soffice
@pytest.mark.parametrize("style", ["kkr", "firstagenda"])
def test_libreoffice(tmp_path: Path, style: Style) -> None:
    meeting = _meeting(style, "minutes")
    with_bm = build_libreoffice(meeting, tmp_path / "bm.pdf", style=style, bookmarks=True)
    without = build_libreoffice(meeting, tmp_path / "plain.pdf", style=style, bookmarks=False)
    truth = _lo_pages(with_bm, style)
    assert len(truth) == len(expected_rows(meeting, style))
    for made, bookmarks in ((with_bm, True), (without, False)):
        parsed = parse_file(made.path)
        assert parsed.from_bookmarks is bookmarks
        _check(parsed, meeting, style)
        assert _pages(parsed) == truth


@needs_soffice
def test_libreoffice_outline_holds_sections(tmp_path: Path) -> None:
    """LibreOffice exports every heading level: the outline mixes items and sections."""
    made = build_libreoffice(firstagenda_meeting(), tmp_path / "fa.pdf", style="firstagenda")
    doc: Any = mu.open(made.path)
    titles = [t for _lvl, t, _p in doc.get_toc()]
    doc.close()
    assert "Punkt 1: Godkendelse af dagsorden" in titles
    assert "Resume" in titles


# --- ABCpdf-like clipped copies --------------------------------------------------------------


def _clean_sources(tmp_path: Path) -> list[tuple[str, Style, ComposeMeeting, Path]]:
    fa = firstagenda_meeting()
    kkr = kkr_meeting()
    story = compose_pdf_with_layout(
        fa, tmp_path / "story.pdf", style="firstagenda", bookmarks=False
    ).path
    rl_fa = build_reportlab(fa, tmp_path / "rl-fa.pdf", style="firstagenda", running=True).path
    rl_kkr = build_reportlab(kkr, tmp_path / "rl-kkr.pdf", number_column=True).path
    return [
        ("story-fa", "firstagenda", fa, story),
        ("reportlab-fa", "firstagenda", fa, rl_fa),
        ("reportlab-kkr", "kkr", kkr, rl_kkr),
    ]


@pytest.mark.parametrize(
    "clip",
    [
        {},
        {"band": 14.0, "offset": 3.0},
        {"band": 23.7, "split_x": 251.0},
        {"band": 37.3, "exact_copies": 2},
    ],
    ids=["bands", "thin-bands", "split", "exact-copies"],
)
def test_abcpdf_clipped_copies(tmp_path: Path, clip: dict[str, Any]) -> None:
    for name, style, meeting, clean in _clean_sources(tmp_path):
        clipped = clip_copies(clean, tmp_path / f"{name}-clipped.pdf", **clip)
        want, got = parse_file(clean), parse_file(clipped)
        assert actual_rows(got.items) == actual_rows(want.items), name
        assert _pages(got) == _pages(want), name
        assert got.meeting == want.meeting, name
        _check(got, meeting, style)


def test_clipped_copies_really_repeat_text(tmp_path: Path) -> None:
    """Guard the builder: plain extraction of a clipped page returns the text many times."""
    clean = build_reportlab(firstagenda_meeting(), tmp_path / "c.pdf", style="firstagenda").path
    clipped = clip_copies(clean, tmp_path / "x.pdf", band=14.0, offset=3.0)
    doc: Any = mu.open(clipped)
    text = doc[1].get_text(flags=0)  # no clipping: every copy
    doc.close()
    assert text.count("Punkt 2: Budgetopfølgning") >= 10


def test_meeting_dates_survive_every_producer(tmp_path: Path) -> None:
    """The header date (``12. marts 2025``) must not beat the front page's date and time."""
    meeting = firstagenda_meeting()
    made = build_reportlab(meeting, tmp_path / "r.pdf", style="firstagenda", running=True)
    info = parse_file(made.path).meeting
    assert info.start == datetime(2025, 3, 12, 16, 0)
    assert info.end == datetime(2025, 3, 12, 18, 0)
