"""Writes the bundled demo library (``resources/demo``): fictional meeting packages in the
shape of real Danish agendas, composed as PDFs with a manifest each.

Run ``python -m tests.support.demo_library OUT_DIR`` to rebuild it; the app only reads the
result (``reader.demo.demo_packages``).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pymupdf

from tests.support.compose import ComposeGroup, ComposeItem, ComposeMeeting, compose_pdf

_mu: Any = pymupdf


def _kkr_meeting() -> ComposeMeeting:
    return ComposeMeeting(
        body="KKR Vestegnen",
        title="Dagsorden – KKR Vestegnen 14-01-2027",
        kind="agenda",
        start=datetime(2027, 1, 14, 9, 30),
        end=datetime(2027, 1, 14, 12, 0),
        location="Fjordby Rådhus, byrådssalen",
        members=[
            "Anne Kjærgaard (A), Fjordby Kommune",
            "Bo Lindholm (V), Egeskov Kommune",
            "Carina Nørgaard (F), Havnsø Kommune",
            "Dennis Ravn (C), Lyngå Kommune",
            "Else Bak (Ø), Fjordby Kommune, suppleant for Finn Holt",
        ],
        groups=[
            ComposeGroup(
                "1",
                "Godkendelse af referat og dagsorden",
                [
                    ComposeItem(
                        "1.1",
                        "Godkendelse af dagsorden",
                        case="SAG-2027-00412",
                        officer="mkl",
                        sections=[
                            (
                                "Indstilling",
                                "Det indstilles, at KKR Vestegnen godkender dagsordenen for "
                                "mødet den 14. januar 2027.",
                            )
                        ],
                    ),
                    ComposeItem(
                        "1.2",
                        "Godkendelse af referat",
                        case="SAG-2027-00412",
                        officer="mkl",
                        sections=[
                            (
                                "Baggrund",
                                "Referatet af mødet den 28. november 2026 er sendt til "
                                "medlemmerne og lagt på KKR Vestegnens side.",
                            ),
                            (
                                "Indstilling",
                                "Det indstilles, at KKR Vestegnen godkender referatet.",
                            ),
                        ],
                    ),
                ],
            ),
            ComposeGroup(
                "2",
                "Regionalpolitiske sager",
                [
                    ComposeItem(
                        "2.1",
                        "Udbredelse af TeleHjerte til borgere med hjertesvigt i hele "
                        "klyngen efter afsluttet pilotprojekt",
                        case="SAG-2027-00419",
                        officer="jps/ahn",
                        sections=[
                            (
                                "Baggrund",
                                "TeleHjerte er en telemedicinsk løsning, hvor borgere med "
                                "hjertesvigt måler vægt, blodtryk og symptomer hjemme. "
                                "Målingerne vurderes af sygeplejersker i kommunernes "
                                "akutteams, der kan kontakte borgeren, før tilstanden "
                                "forværres.\n\nPilotprojektet har kørt i to kommuner siden "
                                "foråret 2025 med i alt 212 borgere.",
                            ),
                            (
                                "Indstilling",
                                "Det indstilles, at KKR Vestegnen anbefaler kommunerne at "
                                "udbrede TeleHjerte til alle borgere med hjertesvigt fra 1. "
                                "september 2027, og at sundhedsrådet følger implementeringen.",
                            ),
                            (
                                "Sagsfremstilling",
                                "Evalueringen viser færre akutte indlæggelser og en høj "
                                "tilfredshed blandt borgerne. Samtidig peger medarbejderne "
                                "på behov for fælles arbejdsgange og en tydelig "
                                "ansvarsfordeling mellem kommune, almen praksis og hospital."
                                "\n\nEn fælles implementering kræver, at kommunerne aftaler "
                                "en model for drift, support og uddannelse af personale. "
                                "Sekretariatet foreslår, at implementeringen sker i to "
                                "bølger, så erfaringerne fra den første bølge kan bruges i "
                                "den anden.",
                            ),
                            (
                                "Økonomi",
                                "Udgiften til licenser og udstyr anslås til 1,9 mio. kr. "
                                "årligt for hele klyngen, fordelt efter indbyggertal.",
                            ),
                        ],
                        attachments=["Evaluering af TeleHjerte-piloten"],
                    ),
                    ComposeItem(
                        "2.2",
                        "Status på implementering af sundhedsreformen i klyngen",
                        case="SAG-2027-00423",
                        officer="ahn",
                        sections=[
                            (
                                "Baggrund",
                                "Sundhedsreformen flytter opgaver mellem region og kommuner, "
                                "og de nye sundhedsråd begynder deres arbejde i år.",
                            ),
                            (
                                "Indstilling",
                                "Det indstilles, at KKR Vestegnen tager orienteringen til "
                                "efterretning og drøfter kommunernes prioriteter for det "
                                "første år.",
                            ),
                            (
                                "Sagsfremstilling",
                                "Kommunerne har udpeget medlemmer til sundhedsrådet, og en "
                                "fælles administrativ styregruppe er nedsat. De første "
                                "sundhedsaftaler skal være klar inden sommerferien.",
                            ),
                        ],
                        attachments=["Tidsplan for sundhedsrådets første år"],
                    ),
                    ComposeItem(
                        "2.3",
                        "Praktikpladser på social- og sundhedsuddannelserne",
                        case="SAG-2027-00431",
                        officer="tbr",
                        sections=[
                            (
                                "Baggrund",
                                "Kommunerne er forpligtet til at stille et bestemt antal "
                                "praktikpladser til rådighed.",
                            ),
                            (
                                "Indstilling",
                                "Det indstilles, at KKR Vestegnen godkender fordelingen af "
                                "praktikpladser for 2027.",
                            ),
                        ],
                    ),
                ],
            ),
            ComposeGroup("3", "Eventuelt", text="Intet at bemærke ved udsendelsen."),
        ],
    )


def _committee_meeting() -> ComposeMeeting:
    return ComposeMeeting(
        body="Sundheds- og Ældreudvalget",
        organisation="Fjordby Kommune",
        title="Referat – Sundheds- og Ældreudvalget 02-12-2026",
        kind="minutes",
        start=datetime(2026, 12, 2, 16, 0),
        end=datetime(2026, 12, 2, 18, 30),
        location="Rådhuset, mødelokale 2",
        groups=[
            ComposeGroup(
                "",
                "",
                [
                    ComposeItem(
                        "1",
                        "Godkendelse af dagsorden",
                        case="EMN-2026-004101",
                        sections=[
                            ("Indstilling", "Direktionen indstiller, at dagsordenen godkendes."),
                            ("Beslutninger", "Godkendt."),
                        ],
                    ),
                    ComposeItem(
                        "2",
                        "Erfaringer med TeleHjerte i Fjordby Kommune",
                        case="EMN-2026-004117",
                        sections=[
                            (
                                "Resume",
                                "Udvalget orienteres om erfaringerne fra pilotprojektet med "
                                "TeleHjerte, hvor borgere med hjertesvigt følges hjemmefra.",
                            ),
                            (
                                "Sagsforløb",
                                "Projektet blev igangsat efter udvalgets beslutning i marts "
                                "2025. 96 borgere i Fjordby har deltaget.",
                            ),
                            (
                                "Indstilling",
                                "Direktionen indstiller, at udvalget anbefaler en varig "
                                "drift af TeleHjerte fra 2027.",
                            ),
                            (
                                "Beslutninger",
                                "Anbefales. Udvalget ønsker en status om et år med fokus på "
                                "borgernes oplevelse.",
                            ),
                        ],
                        attachments=["Evaluering af TeleHjerte-piloten"],
                    ),
                    ComposeItem(
                        "3",
                        "Budgetopfølgning for ældreområdet",
                        case="EMN-2026-003977",
                        sections=[
                            (
                                "Resume",
                                "Ældreområdet forventer et merforbrug på 3,2 mio. kr., "
                                "primært på hjemmeplejen.",
                            ),
                            (
                                "Indstilling",
                                "Direktionen indstiller, at budgetopfølgningen tages til "
                                "efterretning.",
                            ),
                            ("Beslutninger", "Taget til efterretning."),
                        ],
                    ),
                    ComposeItem(
                        "4",
                        "Udbud af madservice",
                        case="EMN-2026-004130",
                        closed=True,
                        sections=[("Beslutninger", "Behandlet for lukkede døre.")],
                    ),
                ],
            )
        ],
    )


_EVALUATION = [
    "Evaluering af TeleHjerte-piloten",
    "Piloten har fulgt 212 borgere med hjertesvigt i to kommuner. Borgerne har målt vægt, "
    "blodtryk og symptomer dagligt, og målingerne er vurderet af sygeplejersker.",
    "Resultater: Antallet af akutte indlæggelser faldt med 18 procent sammenlignet med en "
    "kontrolgruppe. 87 procent af borgerne vil anbefale løsningen til andre.",
    "Anbefalinger: Fælles arbejdsgange, en klar ansvarsfordeling mellem sektorerne og "
    "uddannelse af personale, før løsningen udbredes.",
]

_TIMELINE = [
    "Tidsplan for sundhedsrådets første år",
    "Januar: konstituering og forretningsorden. Marts: fælles mål for sundhedsområdet.",
    "Maj: de første sundhedsaftaler. September: status til KKR og kommunalbestyrelserne.",
]


def _write_document(paragraphs: list[str], path: Path) -> None:
    """A plain attachment: a heading and body text, laid out by MuPDF's Story."""
    html = f"<h1>{paragraphs[0]}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    story = _mu.Story(html, user_css="body {font-family: sans-serif; font-size: 11pt;}")
    writer = _mu.DocumentWriter(str(path))
    rect = pymupdf.paper_rect("a4")
    more = True
    while more:
        device = writer.begin_page(rect)
        more, _ = story.place(_mu.Rect(72, 72, rect.width - 72, rect.height - 72))
        story.draw(device)
        writer.end_page()
    writer.close()
    with _mu.open(path) as doc:
        doc.set_metadata({"title": paragraphs[0], "producer": "Mødemappe demo"})
        doc.saveIncr()


def build(out_dir: Path) -> list[Path]:
    """Write the demo packages below ``out_dir``; returns their folders."""
    packages: list[Path] = []
    specs: list[tuple[str, ComposeMeeting, str, list[tuple[str, list[str], str]]]] = [
        (
            "kkr-vestegnen-2027-01-14",
            _kkr_meeting(),
            "kkr",
            [
                ("bilag-2.1-evaluering.pdf", _EVALUATION, "2.1"),
                ("bilag-2.2-tidsplan.pdf", _TIMELINE, "2.2"),
            ],
        ),
        (
            "fjordby-sundhed-2026-12-02",
            _committee_meeting(),
            "firstagenda",
            [("bilag-2-evaluering.pdf", _EVALUATION, "2")],
        ),
    ]
    for name, meeting, style, attachments in specs:
        folder = out_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        main_file = "referat.pdf" if meeting.kind == "minutes" else "dagsorden.pdf"
        compose_pdf(meeting, folder / main_file, style=style, justified_hyphenated=True)  # type: ignore[arg-type]
        documents: list[dict[str, str]] = [
            {
                "id": f"{name}/{main_file}",
                "file": main_file,
                "kind": meeting.kind,
                "title": meeting.title,
            }
        ]
        for file_name, paragraphs, item in attachments:
            _write_document(paragraphs, folder / file_name)
            documents.append(
                {
                    "id": f"{name}/{file_name}",
                    "file": file_name,
                    "kind": "attachment",
                    "item": item,
                    "title": paragraphs[0],
                }
            )
        manifest = {
            "format": "moedemappe-package",
            "version": 1,
            "body": {"name": meeting.body},
            "meeting": {
                "id": name,
                "title": meeting.title,
                "start": meeting.start.isoformat(),
                "end": meeting.end.isoformat() if meeting.end else None,
                "location": meeting.location,
            },
            "documents": documents,
        }
        (folder / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        packages.append(folder)
    return packages


DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO_DIR
    for folder in build(target):
        print(folder)
