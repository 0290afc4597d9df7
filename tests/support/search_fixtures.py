"""Libraries with real imported PDFs, and helpers the search tests share."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from reader.library import Library
from reader.library.importer import import_paths
from reader.search.indexer import update_index
from reader.search.results import Filters, SearchResult
from reader.search.searcher import Searcher
from tests.support.agenda_fixtures import firstagenda_meeting, kkr_meeting
from tests.support.compose import ComposeGroup, ComposeItem, ComposeMeeting, compose_pdf
from tests.support.library_fixtures import agenda_pdf, plain_pdf


def decision_meeting() -> ComposeMeeting:
    """Minutes of a committee where one proposal was not approved and another was."""
    return ComposeMeeting(
        body="Teknik- og Miljøudvalget",
        title="Referat - Teknik- og Miljøudvalget 05-05-2026",
        kind="minutes",
        start=datetime(2026, 5, 5, 16, 0),
        location="Rådhuset",
        groups=[
            ComposeGroup(
                "",
                "",
                [
                    ComposeItem(
                        "1",
                        "Forslag til lokalplan 1221 for Havnefronten",
                        "EMN-2026-000121",
                        sections=[
                            ("Resume", "Lokalplanforslaget muliggør boliger ved havnen."),
                            ("Indstilling", "Forvaltningen indstiller, at forslaget godkendes."),
                            ("Beslutninger", "Indstillingen blev ikke godkendt."),
                        ],
                    ),
                    ComposeItem(
                        "2",
                        "Cykelsti langs Strandvejen",
                        "EMN-2026-000122",
                        sections=[
                            ("Resume", "Ikke alle borgere ønsker stien, men projektet er klar."),
                            ("Indstilling", "Forvaltningen indstiller, at projektet igangsættes."),
                            ("Beslutninger", "Indstillingen blev godkendt."),
                        ],
                    ),
                    ComposeItem(
                        "3",
                        "Salg af grund",
                        "EMN-2026-000123",
                        closed=True,
                        sections=[("Resume", "Fortroligt: tilbud på grunden fra Hjortefirmaet.")],
                    ),
                ],
            )
        ],
        organisation="Testby Kommune",
    )


def build_library(lib: Library, folder: Path) -> None:
    """Four meetings from three bodies, an attachment, minutes rebuilt from the real seed."""
    for sub in ("kkr", "fa", "tmu"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    compose_pdf(kkr_meeting(), folder / "kkr" / "referat.pdf", justified_hyphenated=True)
    import_paths(lib, [folder / "kkr" / "referat.pdf"])
    pakke = folder / "pakke"
    agenda_pdf(pakke / "dagsorden.pdf")
    plain_pdf(
        pakke / "Evaluering af piloten.pdf",
        "Evaluering af piloten",
        "Borgerne i TeleHjerte-piloten var tilfredse med hjemmemålingerne.",
    )
    import_paths(lib, [pakke])
    compose_pdf(firstagenda_meeting("minutes"), folder / "fa" / "referat.pdf", style="firstagenda")
    import_paths(lib, [folder / "fa" / "referat.pdf"])
    compose_pdf(decision_meeting(), folder / "tmu" / "referat.pdf", style="firstagenda")
    import_paths(lib, [folder / "tmu" / "referat.pdf"])
    report = update_index(lib)
    assert not report.busy


def search(lib: Library, query: str, limit: int = 20, **filters: object) -> SearchResult:
    return Searcher(lib.paths).search(query, Filters(**filters), limit)  # type: ignore[arg-type]


def pages_containing(lib: Library, pattern: str) -> set[tuple[int, int]]:
    """(document, page) of every current page whose visible text matches ``pattern``
    (a regular expression, any case)."""
    rx = re.compile(pattern, re.IGNORECASE)
    found = set()
    for m in lib.meetings():
        for d in m.documents:
            for p in range(1, d.pages + 1):
                if rx.search(lib.page_text(d.id, p)):
                    found.add((d.id, p))
    return found
