"""Meetings to compose into PDFs for the structure tests.

The KKR meeting is rebuilt from the real minutes text in ``tests/data/seeds`` (titles, case
numbers, section order and attachment names as published); the FirstAgenda meeting is a small
hand-made committee agenda with open and closed items and several case-number formats.
"""

from __future__ import annotations

import copy
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pymupdf

from reader.pdf.agenda import parse_agenda
from reader.pdf.model import AgendaStructure, ParsedItem
from tests.support.compose import ComposeGroup, ComposeItem, ComposeMeeting, rendered_sections

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SEED = SEEDS / "kkr-hovedstaden-2025-04-11-referat.txt"
_SECTIONS = ("Baggrund", "Indstilling", "Sagsfremstilling", "Økonomi", "Bilag", "Beslutning")
_GROUP = re.compile(r"^ (\d)\. ([A-ZÆØÅ].*)$")
_ITEM = re.compile(r"^(\d+)\.(\d+)\. (.+)$")
_CASE = re.compile(r"^(SAG-\d{4}-\d+)\s+(\S+)$")
_NOISE = re.compile(r"^(KKR Hovedstaden\s*\|.*|SIDE\s*\|\s*\d+|https?://\S+)$")
_MEMBER = re.compile(r"^.+\([A-ZÆØÅ]\),? .*Kommune")


def _unwrap(lines: list[str]) -> str:
    """Rejoin the seed's hard-wrapped, hyphenated lines into paragraphs."""
    paras: list[str] = []
    cur = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            if cur:
                paras.append(cur)
            cur = ""
            continue
        if line == "./.":
            continue
        line = line.removeprefix("./. ")
        if cur.endswith("-") and len(cur) > 1 and cur[-2].islower() and line[:1].islower():
            cur = cur[:-1] + line
        else:
            cur = f"{cur} {line}" if cur else line
    if cur:
        paras.append(cur)
    return "\n\n".join(paras)


def _join_title(first: str, second: str) -> str:
    if first.endswith("-") and first[-2:-1].islower():
        return first[:-1] + second
    return f"{first} {second}"


def kkr_meeting(kind: str = "minutes") -> ComposeMeeting:
    """KKR Hovedstaden, 11 April 2025, all groups and items of the real minutes."""
    raw = SEED.read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in raw if not _NOISE.match(ln.strip())]
    members = [ln.strip() for ln in lines if _MEMBER.match(ln.strip())]
    groups: list[ComposeGroup] = []
    item: ComposeItem | None = None
    section: str | None = None
    buf: list[str] = []

    def flush() -> None:
        nonlocal buf
        if item is not None and section is not None:
            if section == "Bilag":
                item.attachments = [b.strip() for b in buf if b.strip()]
                item.sections.append(("Bilag", ""))
            elif kind == "minutes" or section != "Beslutning":
                item.sections.append((section, _unwrap(buf)))
        elif groups and item is None and buf:
            groups[-1].text = _unwrap(buf)
        buf = []

    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.strip()
        g = _GROUP.match(line.rstrip())
        it = _ITEM.match(text)
        if g and int(g.group(1)) == len(groups) + 1:
            flush()
            groups.append(ComposeGroup(g.group(1), g.group(2).strip()))
            item, section = None, None
        elif it and groups and it.group(1) == groups[-1].number:
            flush()
            title = it.group(3).strip()
            ahead = [j for j in range(i + 1, i + 6) if lines[j].strip()]
            case = _CASE.match(lines[ahead[0]].strip())
            if case is None:
                title = _join_title(title, lines[ahead[0]].strip())
                case = _CASE.match(lines[ahead[1]].strip())
                i = ahead[1]
            else:
                i = ahead[0]
            assert case, lines[i]
            item = ComposeItem(
                f"{it.group(1)}.{it.group(2)}", title, case.group(1), officer=case.group(2)
            )
            groups[-1].items.append(item)
            section = None
        elif item is not None and text in _SECTIONS:
            flush()
            section = text
        elif groups:
            buf.append(line)
        i += 1
    flush()
    # Subheadings inside a section are bold body text in the real PDF: mark a few.
    for group in groups:
        for it2 in group.items:
            it2.sections = [(name, _bold_subheads(text, name)) for name, text in it2.sections]
    return ComposeMeeting(
        body="KKR Hovedstaden",
        title="Referat - KKR Hovedstaden 11-04-2025",
        kind="minutes" if kind == "minutes" else "agenda",
        start=datetime(2025, 4, 11, 9, 30),
        end=datetime(2025, 4, 11, 12, 0),
        location="Comwell Borupgaard, Nørrevej 80, 3070 Snekkersten",
        members=members,
        groups=groups,
    )


_SUBHEADS = (
    "Rammen for lokalplejehjem",
    "Ældretilsyn",
    "Status for Sundhedssamarbejdsudvalget",
    "Forårsaftale mellem regeringen, Danske Regioner og KL",
    "Øvrige initiativer",
)


def _bold_subheads(text: str, _name: str) -> str:
    paras = text.split("\n\n")
    out: list[str] = []
    for para in paras:
        for sub in _SUBHEADS:
            if para.startswith(sub + " ") and not para.startswith(sub + " er"):
                out.append(f"**{sub}**")
                para = para[len(sub) + 1 :]
                break
        out.append(para)
    return "\n\n".join(out)


def firstagenda_meeting(kind: str = "agenda") -> ComposeMeeting:
    """A FirstAgenda-style committee agenda: ``Punkt N: Title``, no groups, closed items."""
    minutes = kind == "minutes"
    decision = [("Beslutninger", "Indstillingen blev godkendt.")] if minutes else []
    items = [
        ComposeItem(
            "1",
            "Godkendelse af dagsorden",
            "EMN-2025-003383",
            sections=[("Resume", "Dagsordenen forelægges til godkendelse."), *decision],
        ),
        ComposeItem(
            "2",
            "Budgetopfølgning pr. 31. januar 2025 for udvalgets samlede område",
            "EMN-2025-001217",
            sections=[
                ("Resume", "Forvaltningen har udarbejdet budgetopfølgning pr. 31. januar."),
                ("Sagsforløb", "Økonomiudvalget behandlede budgetprocessen i december 2024."),
                (
                    "Indstilling",
                    "Forvaltningen indstiller, at budgetopfølgningen tages til efterretning.",
                ),
                ("Økonomi", "Sagen har ingen bevillingsmæssige konsekvenser."),
                *decision,
            ],
            attachments=["Budgetopfølgning januar 2025", "Oversigt over anlægsprojekter"],
        ),
        ComposeItem(
            "3",
            "Salg af ejendom",
            "27.69.48-P20-3-24",
            closed=True,
            sections=[("Resume", "Sagen behandles for lukkede døre."), *decision],
        ),
        ComposeItem(
            "4",
            "Forslag til lokalplan 312 for boligbebyggelse ved Stationsvej, "
            "udsendelse i offentlig høring",
            "EMN-2025-000841",
            sections=[
                ("Resume", "Lokalplanforslaget muliggør ca. 120 boliger ved Stationsvej."),
                (
                    "Sagsfremstilling",
                    "**Baggrund for planlægningen**\n\nOmrådet er i dag udlagt til erhverv.",
                ),
                ("Planens indhold", "Forslaget sendes i offentlig høring i 8 uger."),
                ("Indstilling", "Forvaltningen indstiller, at forslaget sendes i høring."),
                *decision,
            ],
            attachments=["Forslag til lokalplan 312", "Miljøscreening"],
        ),
        ComposeItem(
            "5",
            "Personalesag",
            "00.01.00-A00-1-25",
            closed=True,
            closed_marker="line",
            sections=[("Resume", "Orientering om personalesag."), *decision],
        ),
        ComposeItem(
            "6",
            "Eventuelt",
            "EMN-2025-003390",
            sections=[("Resume", "Ingen bemærkninger."), *decision],
        ),
    ]
    return ComposeMeeting(
        body="Økonomiudvalget",
        title=f"{'Referat' if minutes else 'Dagsorden'} - Økonomiudvalget 12-03-2025",
        kind="minutes" if minutes else "agenda",
        start=datetime(2025, 3, 12, 16, 0),
        end=datetime(2025, 3, 12, 18, 0),
        location="Rådhuset, mødelokale 2",
        members=["Anne Hansen (A), formand", "Peter Jensen (V)", "Sofie Larsen (F)"],
        groups=[ComposeGroup("", "", items)],
        organisation="Frederiksberg Kommune",
    )


def long_meeting(copies: int) -> ComposeMeeting:
    """The KKR agenda's items ``copies`` times over, each copy's text made its own."""
    base = kkr_meeting("agenda")
    items = [it for g in base.groups for it in g.items]
    groups: list[ComposeGroup] = []
    for k in range(copies):
        group = ComposeGroup(str(k + 1), f"Sager fra kreds {k + 1}")
        for n, src in enumerate(items, 1):
            it = copy.deepcopy(src)
            it.number = f"{k + 1}.{n}"
            it.title = f"{src.title} (kreds {k + 1})"
            it.sections = [
                (
                    name,
                    "\n\n".join(
                        f"Kreds {k + 1}, afsnit {i + 1}: {p}" if p and not p.startswith("**") else p
                        for i, p in enumerate(text.split("\n\n"))
                    ),
                )
                for name, text in src.sections
            ]
            group.items.append(it)
        groups.append(group)
    return ComposeMeeting(
        body=base.body,
        title=base.title,
        kind="agenda",
        start=base.start,
        location=base.location,
        groups=groups,
    )


# -- comparing a parse with the meeting a PDF was made from -----------------------------------

Row = tuple[str, str, bool, str | None, str | None, bool, list[str], list[str]]


def parse_file(path: Path) -> AgendaStructure:
    doc: Any = pymupdf.open(path)
    try:
        return parse_agenda(doc)
    finally:
        doc.close()


def expected_rows(meeting: ComposeMeeting, style: str) -> list[Row]:
    """The items a parse must find, in order, as comparable rows; groups only in KKR style."""
    rows: list[Row] = []
    for group in meeting.groups:
        if style == "kkr":
            rows.append((group.number, group.title, True, None, None, False, [], []))
        for it in group.items:
            grp = group.number if style == "kkr" else None
            sections = rendered_sections(it)
            rows.append(
                (it.number, it.title, False, grp, it.case, it.closed, sections, it.attachments)
            )
    return rows


def actual_rows(items: list[ParsedItem]) -> list[Row]:
    return [
        (i.number, i.title, i.is_group, i.group, i.case, i.closed, i.sections, i.attachments)
        for i in items
    ]
