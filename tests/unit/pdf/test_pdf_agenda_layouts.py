"""Agenda layouts the parser must read without a list of known bodies or one producer's habits.

Each test draws a small PDF with PyMuPDF, line by line, the way the layout is printed.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pymupdf

from reader.pdf.document import analyse_pdf
from reader.pdf.model import AgendaStructure

Line = tuple[float, float, str, float, bool]  # x, baseline y, text, size, bold


def _pdf(tmp_path: Path, pages: list[list[Line]]) -> AgendaStructure:
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page(width=595, height=842)
        for x, y, text, size, bold in lines:
            page.insert_text((x, y), text, fontsize=size, fontname="hebo" if bold else "helv")
    path = tmp_path / "doc.pdf"
    doc.save(path)
    return analyse_pdf(path.read_bytes(), path.name).structure


def test_title_line_names_kind_body_and_date(tmp_path: Path) -> None:
    s = _pdf(
        tmp_path,
        [
            [
                (60, 80, "REFERAT Aarhus Byråd d. 27-08-2025", 16, True),
                (60, 110, "Mødet starter kl. 18:30", 11, False),
                (60, 126, "Sted: Rådhuset, Byrådssalen", 11, False),
                (60, 170, "1. Godkendelse af dagsorden", 12, True),
                (60, 190, "Dagsordenen blev godkendt.", 11, False),
                (60, 230, "2. Budget 2026, 2. behandling", 12, True),
                (60, 250, "Beslutning", 11, True),
                (60, 266, "Budgettet blev vedtaget.", 11, False),
            ]
        ],
    )
    m = s.meeting
    assert (m.kind, m.body, m.location) == ("minutes", "Aarhus Byråd", "Rådhuset, Byrådssalen")
    assert m.start == datetime(2025, 8, 27, 18, 30)
    assert [(i.number, i.title) for i in s.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Budget 2026, 2. behandling"),
    ]


def test_meeting_date_wins_over_the_letter_date(tmp_path: Path) -> None:
    s = _pdf(
        tmp_path,
        [
            [
                (60, 80, "Einladung", 20, True),
                (60, 110, "Ortschaftsrat Hohenwart", 16, False),
                (360, 140, "Datum: 02.03.2024", 10, False),
                (60, 180, "zur 12. Sitzung am Dienstag, 12. März 2024 um 19.00 Uhr", 11, False),
                (60, 196, "im Rathaus Hohenwart, Sitzungssaal", 11, False),
                (60, 240, "Tagesordnung", 12, True),
                (60, 270, "1. Genehmigung der Niederschrift", 11, False),
                (60, 300, "2. Bauantrag Lindenweg 4", 11, False),
                (60, 330, "3. Verschiedenes", 11, False),
                (300, 400, "Hohenwart, den 2. März 2024", 11, False),
            ]
        ],
    )
    m = s.meeting
    assert (m.kind, m.body) == ("agenda", "Ortschaftsrat Hohenwart")
    assert m.start == datetime(2024, 3, 12, 19, 0)
    assert m.location is not None and m.location.startswith("Rathaus Hohenwart")
    assert [i.number for i in s.items] == ["1", "2", "3"]  # "12. Sitzung" is no item


def test_a_title_broken_across_pages_is_joined(tmp_path: Path) -> None:
    s = _pdf(
        tmp_path,
        [
            [
                (60, 80, "Dagsorden", 20, True),
                (60, 100, "Økonomiudvalget", 14, True),
                (60, 120, "Dato: 12-03-2025 kl. 16:00", 11, False),
                (60, 200, "1. Meddelelser", 12, True),
                (60, 220, "Ingen.", 11, False),
                (
                    60,
                    790,
                    "2. Forslag til lokalplan 312 for boligbebyggelse ved Stationsvej,",
                    12,
                    True,
                ),
            ],
            [
                (60, 60, "udsendelse i offentlig høring", 12, True),
                (60, 90, "Sagsnr.: 2025-1234", 11, False),
                (60, 120, "Indstilling", 11, True),
                (60, 136, "Forvaltningen indstiller, at forslaget sendes i høring.", 11, False),
            ],
        ],
    )
    two = s.items[1]
    assert two.title == (
        "Forslag til lokalplan 312 for boligbebyggelse ved Stationsvej, "
        "udsendelse i offentlig høring"
    )
    assert (two.page_start, two.case, two.sections) == (1, "2025-1234", ["Indstilling"])


def test_centred_items_with_parenthesised_numbers_and_case_numbers(tmp_path: Path) -> None:
    s = _pdf(
        tmp_path,
        [
            [
                (200, 80, "Verhandlungsschrift", 18, True),
                (200, 104, "über die Sitzung des Gemeinderates", 12, False),
                (200, 120, "am Montag, 7. März 2022, 15.00 Uhr", 12, False),
                (260, 180, "1.)", 12, True),
                (150, 196, "Kreditoperationen gemäß § 54 (FD-Buch-14-2022/003)", 12, True),
                (60, 220, "Der Gemeinderat nimmt die Kreditoperationen zur Kenntnis.", 11, False),
                (260, 280, "2.)", 12, True),
                (150, 296, "Community Nursing (SHoR-424-02-1-2021)", 12, True),
                (60, 320, "Abstimmungsergebnis:", 11, True),
                (60, 336, "einstimmig angenommen", 11, False),
            ]
        ],
    )
    assert s.meeting.kind == "minutes" and s.meeting.body == "Gemeinderat"
    assert [(i.number, i.title, i.case) for i in s.items] == [
        ("1", "Kreditoperationen gemäß § 54", "FD-Buch-14-2022/003"),
        ("2", "Community Nursing", "SHoR-424-02-1-2021"),
    ]
    assert s.items[1].sections == ["Abstimmungsergebnis"]


def test_attachments_are_documents_only(tmp_path: Path) -> None:
    s = _pdf(
        tmp_path,
        [
            [
                (60, 80, "Dagsorden", 20, True),
                (60, 100, "Teknik- og Miljøudvalget", 14, True),
                (60, 120, "Mødedato: 3. juni 2025 kl. 15:00", 11, False),
                (60, 200, "1. Trafikplan 2026", 12, True),
                (60, 230, "Bilag", 11, True),
                (
                    60,
                    246,
                    "Bilag 1: Trafikplan høringsudgave Bilag 2: Høringssvar samlet",
                    11,
                    False,
                ),
                (60, 262, "3. Notat om støj", 11, False),
                (60, 300, "Taget til efterretning", 11, False),
                (60, 316, "Anne Hansen (A)", 11, False),
                (60, 380, "2. Eventuelt", 12, True),
            ]
        ],
    )
    assert s.items[0].attachments == [
        "Trafikplan høringsudgave",
        "Høringssvar samlet",
        "Notat om støj",
    ]
