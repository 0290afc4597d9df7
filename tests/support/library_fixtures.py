"""Small real PDFs and packages for the library and import tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pymupdf

from tests.support.compose import ComposeGroup, ComposeItem, ComposeMeeting, compose_pdf


def small_meeting(extra: str = "", day: int = 3) -> ComposeMeeting:
    """An agenda with two groups and three items; ``extra`` changes one item's text."""
    return ComposeMeeting(
        body="KKR Testegnen",
        title="Dagsorden – KKR Testegnen",
        kind="agenda",
        start=datetime(2026, 2, day, 9, 30),
        location="Testby Rådhus",
        groups=[
            ComposeGroup(
                "1",
                "Godkendelse af dagsorden",
                [
                    ComposeItem(
                        "1.1",
                        "Godkendelse af dagsorden",
                        case="SAG-2026-00101",
                        officer="abc",
                        sections=[("Indstilling", "Det indstilles, at dagsordenen godkendes.")],
                    )
                ],
            ),
            ComposeGroup(
                "2",
                "Regionalpolitiske sager",
                [
                    ComposeItem(
                        "2.1",
                        "Telemedicin til borgere med hjertesvigt",
                        case="SAG-2026-00102",
                        officer="def",
                        sections=[
                            ("Baggrund", "TeleHjerte har kørt som pilot i to kommuner. " + extra),
                            ("Indstilling", "Det indstilles, at løsningen udbredes."),
                        ],
                        attachments=["Evaluering af piloten"],
                    ),
                    ComposeItem(
                        "2.2",
                        "Praktikpladser",
                        case="SAG-2026-00103",
                        officer="ghi",
                        sections=[("Indstilling", "Det indstilles, at fordelingen godkendes.")],
                    ),
                ],
            ),
        ],
    )


def agenda_pdf(path: Path, extra: str = "", day: int = 3) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return compose_pdf(small_meeting(extra, day), path, style="kkr", bookmarks=True)


def plain_pdf(path: Path, *pages: str) -> Path:
    """A PDF with one line of text per page and no agenda structure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = pymupdf.open()
    for text in pages or ("Bilag",):
        doc.new_page().insert_text((72, 72), text)
    doc.set_metadata({"title": (pages or ("Bilag",))[0]})
    doc.save(path)
    doc.close()
    return path
