"""Parse composed agendas back and compare with the content they were composed from."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from reader.pdf.agenda import parse_agenda
from reader.pdf.model import AgendaStructure
from reader.pdf.text import visible_lines
from tests.support.agenda_fixtures import (
    actual_rows,
    expected_rows,
    firstagenda_meeting,
    kkr_meeting,
    parse_file,
)
from tests.support.compose import (
    ComposedLayout,
    ComposeMeeting,
    compose_pdf_with_layout,
)

mu: Any = pymupdf  # PyMuPDF is only partly annotated


def _expected_pages(layout: ComposedLayout) -> dict[str, tuple[int, int]]:
    """Page ranges implied by where the composer put each heading."""
    order = sorted(layout.headings.items(), key=lambda kv: (kv[1].page, kv[1].y0))
    out: dict[str, tuple[int, int]] = {}
    for k, (key, place) in enumerate(order):
        if k + 1 < len(order):
            nxt = order[k + 1][1]
            end = nxt.page - 1 if nxt.y0 <= 80 and nxt.page > place.page else nxt.page
        else:
            end = layout.page_count
        out[key] = (place.page, end)
    for key in list(out):
        if key.startswith("g"):
            members = [v for k2, v in out.items() if k2.startswith(f"i{key[1:]}.")]
            out[key] = (out[key][0], max([out[key][1]] + [m[1] for m in members]))
    return out


def _check_pages(parsed: AgendaStructure, layout: ComposedLayout) -> None:
    want = _expected_pages(layout)
    got = {
        ("g" if i.is_group else "i") + i.number: (i.page_start, i.page_end) for i in parsed.items
    }
    assert got == want


def _compose(tmp_path: Path, meeting: ComposeMeeting, name: str, **kw: Any) -> ComposedLayout:
    return compose_pdf_with_layout(meeting, tmp_path / name, **kw)


# --- KKR -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bookmarks", "hyphenated", "footers"),
    [
        (True, False, True),
        (False, False, True),
        (False, True, True),
        (True, True, False),
        (False, False, False),
    ],
)
def test_kkr_minutes(tmp_path: Path, bookmarks: bool, hyphenated: bool, footers: bool) -> None:
    meeting = kkr_meeting()
    layout = _compose(
        tmp_path,
        meeting,
        "kkr.pdf",
        style="kkr",
        bookmarks=bookmarks,
        justified_hyphenated=hyphenated,
        footers=footers,
    )
    parsed = parse_file(layout.path)
    assert parsed.from_bookmarks is bookmarks
    assert actual_rows(parsed.items) == expected_rows(meeting, "kkr")
    _check_pages(parsed, layout)
    info = parsed.meeting
    assert info.kind == "minutes"
    assert info.start == datetime(2025, 4, 11, 9, 30)
    assert info.location == meeting.location
    assert info.body == "KKR Hovedstaden"


def test_kkr_seed_titles_survive() -> None:
    """Guard the fixture itself: real titles, including the ones that wrap in the PDF."""
    titles = {it.number: it.title for g in kkr_meeting().groups for it in g.items}
    assert titles["3.2"] == "Opfølgning på den tværgående mobilitetsanalyse for hovedstadsområdet"
    assert titles["3.11"] == "Beslutning om at øge kapaciteten på de sikrede institutioner"
    assert len(titles) == 16


def test_hyphenated_titles_are_rejoined(tmp_path: Path) -> None:
    layout = _compose(tmp_path, kkr_meeting(), "h.pdf", bookmarks=False, justified_hyphenated=True)
    doc: Any = mu.open(layout.path)
    heading_ends = [
        ln.text for page in doc for ln in visible_lines(page) if ln.size >= 12.5 and ln.bold
    ]
    doc.close()
    # The layout really breaks a title mid-word, so the test exercises dehyphenation.
    assert any(t.rstrip().endswith("-") for t in heading_ends)
    parsed = parse_file(layout.path)
    titles = {i.number: i.title for i in parsed.items}
    assert all("-" not in t or "Social- og" in t for t in titles.values()), titles
    assert titles["3.12"] == (
        "Politisk aftale om reform af professionsbachelor og erhvervsakademiuddannelserne i Danmark"
    )


def test_kkr_agenda_kind(tmp_path: Path) -> None:
    meeting = kkr_meeting("agenda")
    layout = _compose(tmp_path, meeting, "a.pdf", bookmarks=False)
    parsed = parse_file(layout.path)
    assert parsed.meeting.kind == "agenda"
    assert all("Beslutning" not in i.sections for i in parsed.items)
    assert actual_rows(parsed.items) == expected_rows(meeting, "kkr")


# --- FirstAgenda -----------------------------------------------------------------------------


@pytest.mark.parametrize("bookmarks", [True, False])
@pytest.mark.parametrize("kind", ["agenda", "minutes"])
def test_firstagenda(tmp_path: Path, bookmarks: bool, kind: str) -> None:
    meeting = firstagenda_meeting(kind)
    layout = _compose(
        tmp_path, meeting, "fa.pdf", style="firstagenda", bookmarks=bookmarks, footers=True
    )
    parsed = parse_file(layout.path)
    assert parsed.from_bookmarks is bookmarks
    assert actual_rows(parsed.items) == expected_rows(meeting, "firstagenda")
    _check_pages(parsed, layout)
    info = parsed.meeting
    assert info.kind == kind
    assert info.body == "Økonomiudvalget"
    assert info.start == datetime(2025, 3, 12, 16, 0)
    assert info.end == datetime(2025, 3, 12, 18, 0)
    assert info.location == "Rådhuset, mødelokale 2"
    word = "Referat" if kind == "minutes" else "Dagsorden"
    assert info.title == f"{word} – Økonomiudvalget 12-03-2025"


def test_firstagenda_closed_and_unknown_section(tmp_path: Path) -> None:
    layout = _compose(tmp_path, firstagenda_meeting(), "fa.pdf", style="firstagenda")
    items = {i.number: i for i in parse_file(layout.path).items}
    assert items["3"].closed and items["3"].title == "Salg af ejendom"
    assert items["5"].closed and items["5"].case == "00.01.00-A00-1-25"
    assert not items["4"].closed
    # "Planens indhold" is not in the vocabulary but styled like the known sections; the bold
    # body-size subheading inside Sagsfremstilling is not a section.
    assert items["4"].sections == [
        "Resume",
        "Sagsfremstilling",
        "Planens indhold",
        "Indstilling",
        "Bilag",
    ]


# --- hand-made layouts -----------------------------------------------------------------------


def _handmade(path: Path) -> Path:
    """Number and title as separate spans on one baseline, case numbers above/beside/below."""
    doc: Any = mu.open()
    front = doc.new_page()
    front.insert_text((70, 90), "Byrådet", fontname="hebo", fontsize=20)
    front.insert_text((70, 120), "Beslutningsprotokol", fontname="hebo", fontsize=16)
    front.insert_text((70, 160), "Mødedato:", fontsize=10)
    front.insert_text((160, 160), "Onsdag den 5. februar 2025", fontsize=10)
    front.insert_text((70, 176), "Tidspunkt: kl. 17.00 - 19.30", fontsize=10)
    front.insert_text((70, 192), "Lokale: Byrådssalen", fontsize=10)
    body = (
        "Teksten her er almindelig brødtekst i sagen, som fylder nogle linjer. ",
        "1. Dette er en nummereret liste i brødteksten og ikke et punkt.",
        "2. Heller ikke denne linje er et dagsordenspunkt.",
    )

    def item(page: Any, y: float, num: str, title: str, case_pos: str, case: str) -> float:
        if case_pos == "above":
            page.insert_text((110, y - 16), case, fontsize=8)
        page.insert_text((70, y), num, fontname="hebo", fontsize=14)
        page.insert_text((110, y), title, fontname="hebo", fontsize=14)
        if case_pos == "beside":
            page.insert_text((430, y), case, fontsize=8)
        y += 18
        if case_pos == "below":
            page.insert_text((110, y), case, fontsize=8)
            y += 16
        for section in ("Sagsfremstilling:", "Indstilling:", "Bilag:"):
            page.insert_text((110, y), section, fontname="hebo", fontsize=11)
            y += 15
            if section == "Bilag:":
                for n, att in enumerate(("Notat om økonomi", "Kort over området"), 1):
                    page.insert_text((110, y), f"{n}) {att}", fontsize=10)
                    y += 14
            else:
                for text in body:
                    page.insert_text((110, y), text, fontsize=10)
                    y += 14
        return y + 20

    for pno, specs in enumerate(
        [
            [("1", "Godkendelse af dagsorden", "above", "SAG-2025-00001")],
            [
                ("2", "Anlægsbevilling til ny skole", "beside", "24/12345"),
                ("3", "Lukket: Køb af grund", "below", "82.01.00-G01-2-25"),
            ],
        ],
        start=2,
    ):
        page = doc.new_page()
        y = 110.0
        for num, title, pos, case in specs:
            case_text = f"Sagsnr.: {case}" if "/" in case else case
            y = item(page, y, num, title, pos, case_text)
        page.insert_text((480, 810), f"Side {pno} af 3", fontsize=8)
    doc.save(path)
    doc.close()
    return path


def test_handmade_number_column_layout(tmp_path: Path) -> None:
    parsed = parse_file(_handmade(tmp_path / "hand.pdf"))
    sections = ["Sagsfremstilling", "Indstilling", "Bilag"]
    atts = ["Notat om økonomi", "Kort over området"]
    assert actual_rows(parsed.items) == [
        ("1", "Godkendelse af dagsorden", False, None, "SAG-2025-00001", False, sections, atts),
        ("2", "Anlægsbevilling til ny skole", False, None, "24/12345", False, sections, atts),
        ("3", "Køb af grund", False, None, "82.01.00-G01-2-25", True, sections, atts),
    ]
    assert [(i.page_start, i.page_end) for i in parsed.items] == [(2, 2), (3, 3), (3, 3)]
    info = parsed.meeting
    assert info.kind == "minutes"
    assert info.body == "Byrådet"
    assert info.start == datetime(2025, 2, 5, 17, 0)
    assert info.end == datetime(2025, 2, 5, 19, 30)
    assert info.location == "Byrådssalen"


# --- odd input -------------------------------------------------------------------------------


def test_empty_document() -> None:
    doc: Any = mu.open()
    parsed = parse_agenda(doc)
    assert parsed.items == [] and parsed.meeting.start is None


def test_image_only_and_prose(tmp_path: Path) -> None:
    doc: Any = mu.open()
    page = doc.new_page()
    pix: Any = mu.Pixmap(mu.csRGB, mu.IRect(0, 0, 40, 40), False)
    pix.clear_with(200)
    page.insert_image(mu.Rect(50, 50, 300, 300), pixmap=pix)
    prose = doc.new_page()
    prose.insert_textbox(
        mu.Rect(70, 70, 520, 700),
        "Et brev uden nogen struktur.\n1. april 2025 skrev vi til jer.\n2 gange om året.",
        fontsize=11,
    )
    path = tmp_path / "odd.pdf"
    doc.save(path)
    doc.close()
    parsed = parse_file(path)
    assert parsed.items == []
    assert parsed.from_bookmarks is False
