"""A case travelling through a municipality's bodies, as real PDFs: for the case tests.

Lokalplan 312 goes from Teknik- og Miljøudvalget (agenda, then minutes) through
Økonomiudvalget to Byrådet and comes back a year later, its number printed three ways. A
traffic plan without case numbers recurs in the committee under a longer title; a namesake
sits in another body. Every meeting has its standing items, each under a number of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tests.support.compose import ComposeGroup, ComposeItem, ComposeMeeting, compose_pdf

TMU = "Teknik- og Miljøudvalget"
OEU = "Økonomiudvalget"
BR = "Byrådet"

LOKALPLAN = "EMN-2025-000841"
# what every item of `case --json` and of CaseEntries.to_json() tells, at least
ENTRY_KEYS = {"meeting", "body", "date", "item", "item_id", "title", "decision", "document", "page"}


@dataclass(frozen=True)
class Item:
    number: str
    title: str
    case: str | None = None
    decision: str | None = None  # in the minutes only


def meeting(
    body: str, start: datetime, kind: str, items: list[Item], standing: str = ""
) -> ComposeMeeting:
    """A FirstAgenda-style agenda or minutes; minutes carry each item's ``Beslutning``."""
    minutes = kind == "minutes"
    composed = [
        ComposeItem(
            "1",
            "Godkendelse af dagsorden",
            standing or None,
            sections=[
                ("Resume", "Dagsordenen forelægges til godkendelse."),
                *([("Beslutning", "Dagsordenen blev godkendt.")] if minutes else []),
            ],
        )
    ]
    for it in items:
        sections = [
            ("Resume", f"Sagen om {it.title.lower()} forelægges udvalget."),
            ("Indstilling", "Forvaltningen indstiller, at sagen godkendes."),
        ]
        if minutes and it.decision:
            sections.append(("Beslutning", it.decision))
        composed.append(ComposeItem(it.number, it.title, it.case, sections=sections))
    what = "Referat" if minutes else "Dagsorden"
    return ComposeMeeting(
        body=body,
        title=f"{what} - {body} {start:%d-%m-%Y}",
        kind="minutes" if minutes else "agenda",
        start=start,
        location="Rådhuset",
        groups=[ComposeGroup("", "", composed)],
        organisation="Testby Kommune",
    )


TMU_2025 = datetime(2025, 1, 14, 16, 0)
OEU_2025 = datetime(2025, 2, 3, 16, 0)
BR_2025 = datetime(2025, 2, 24, 19, 0)
TMU_2026 = datetime(2026, 3, 10, 16, 0)

TMU_ITEMS = [
    Item(
        "2",
        "Forslag til lokalplan 312 for boligbebyggelse ved Stationsvej",
        LOKALPLAN,
        "Udvalget anbefaler forslaget over for Økonomiudvalget.",
    ),
    Item(
        "3",
        "Trafiksikkerhedsplan for Nordbyen",
        None,
        "Planen sendes i høring.",
    ),
    Item("4", "Vintertjeneste på cykelstier", "EMN-2025-000900", "Taget til efterretning."),
]


def packages(root: Path) -> list[Path]:
    """One folder per import, in the order to import them.

    The committee's minutes come first and its agenda after, so that the meeting shows the
    agenda's items and takes their decisions from the minutes beside it.
    """
    specs = [
        ("tmu-referat", meeting(TMU, TMU_2025, "minutes", TMU_ITEMS, "EMN-2025-000001")),
        (
            "tmu-dagsorden",
            meeting(
                TMU,
                TMU_2025,
                "agenda",
                # the agenda numbers and words its items a little differently
                [
                    Item(
                        "2",
                        "Forslag til lokalplan 312 for boligbebyggelse ved Stationsvej",
                        LOKALPLAN,
                    ),
                    Item("3", "Trafiksikkerhedsplan for Nordbyen"),
                    Item("4", "Vintertjeneste på cykelstierne", "EMN-2025-000900"),
                ],
                "EMN-2025-000001",
            ),
        ),
        (
            "oeu-referat",
            meeting(
                OEU,
                OEU_2025,
                "minutes",
                [
                    Item(
                        "2",
                        "Endelig vedtagelse af lokalplan 312 for boligbebyggelse ved Stationsvej",
                        "EMN-2025-00841",
                        "Anbefales over for Byrådet.",
                    ),
                    Item(
                        "3",
                        "Trafiksikkerhedsplan for Nordbyen",
                        None,
                        "Økonomiudvalget tog planen til efterretning.",
                    ),
                ],
                "EMN-2025-000002",
            ),
        ),
        (
            "br-referat",
            meeting(
                BR,
                BR_2025,
                "minutes",
                [
                    Item(
                        "5",
                        "Lokalplan 312 for boligbebyggelse ved Stationsvej - endelig vedtagelse",
                        "EMN-2025-841",
                        "Byrådet vedtog lokalplanen endeligt.",
                    )
                ],
                "EMN-2025-000003",
            ),
        ),
        (
            "tmu-2026-dagsorden",
            meeting(
                TMU,
                TMU_2026,
                "agenda",
                [
                    Item(
                        "2",
                        "Lokalplan 312 for boligbebyggelse ved Stationsvej - status på byggeriet",
                        LOKALPLAN,
                    ),
                    Item("3", "Trafiksikkerhedsplan for Nordbyen - status"),
                    Item("4", "Vintertjeneste og saltning af veje"),
                ],
                "EMN-2026-000001",
            ),
        ),
    ]
    out: list[Path] = []
    for name, composed in specs:
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        compose_pdf(composed, folder / f"{name}.pdf", style="firstagenda")
        out.append(folder)
    return out
