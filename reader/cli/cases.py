"""``case`` and ``related``: a case across meetings and bodies, and the items possibly of it."""

from __future__ import annotations

import argparse
from typing import TextIO

from reader.cli.common import Command, CommandParser, dump_json
from reader.errors import NotFoundError
from reader.i18n import plural, say
from reader.library.cases import (
    CaseEntry,
    PossiblySame,
    case_entries,
    case_history,
    item_entry,
)
from reader.library.store import Library

SHOWN = 240  # characters of a decision shown under its item; --json has all of it


def _case_arguments(p: CommandParser) -> None:
    p.add_argument(
        "number",
        nargs="+",
        metavar="NUMBER",
        help="a case number as printed or typed: SAG-2025-01103, 12/27845, 20/BS 48/457",
    )
    p.add_argument("--json", action="store_true")


def cmd_case(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    text = " ".join(args.number)
    found = case_entries(lib, text)
    if not found.entries:
        raise NotFoundError(
            say(
                f"intet dagsordenspunkt har sagsnummer {text.strip()}",
                f"no agenda item has case number {text.strip()}",
            )
        )
    if args.json:
        dump_json(found.to_json(), out)
        return 0
    meetings = len({e.meeting_id for e in found.entries})
    counts = (
        plural(len(found.entries), "punkt", "punkter", "item", "items"),
        plural(meetings, "møde", "møder", "meeting", "meetings"),
    )
    print(
        say(
            f"Sag {found.case.label}: {counts[0]} på {counts[1]}",
            f"Case {found.case.label}: {counts[0]} at {counts[1]}",
        ),
        file=out,
    )
    if found.case.broad:
        print(
            say(
                "  (flere punkter på samme møde har dette nummer: det er mødets journalsag "
                "snarere end én sag)",
                "  (several items of one meeting carry this number: the meeting's file rather "
                "than one case)",
            ),
            file=out,
        )
    for entry in found.entries:
        _print_entry(entry, out)
    return 0


def _related_arguments(p: CommandParser) -> None:
    p.add_argument("item", type=int, metavar="ITEM_ID", help="an agenda item's id")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N (default 10)")
    p.add_argument("--json", action="store_true")


def cmd_related(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    item_entry(lib, args.item)  # an unknown item is an error before anything is looked up
    history = case_history(lib, args.item, candidates=max(0, args.limit))
    if args.json:
        dump_json(
            {
                "item": history.item.to_json(),
                "cases": [c.to_json() for c in history.cases],
                "candidates": [c.to_json() for c in history.possibly_same],
            },
            out,
        )
        return 0
    item = history.item
    cases = f"  ({', '.join(item.cases)})" if item.cases else ""
    print(f"{_where(item)}  {_number(item)} {item.title}{cases}  [{item.item_id}]", file=out)
    if not history.possibly_same:
        print(
            say(
                "ingen punkter med lignende titel i de samme udvalg",
                "no items with a similar title in the same bodies",
            ),
            file=out,
        )
        return 0
    print(
        say(
            "Måske samme sag (lignende titel, ikke samme sagsnummer):",
            "Possibly the same case (similar title, no shared case number):",
        ),
        file=out,
    )
    for candidate in history.possibly_same:
        _print_candidate(candidate, out)
    return 0


def _where(e: CaseEntry) -> str:
    return f"{e.date or say('uden dato', 'no date')}  {e.body}"


def _number(e: CaseEntry) -> str:
    return say(f"punkt {e.number}", f"item {e.number}")


def _print_entry(e: CaseEntry, out: TextIO) -> None:
    print(f"  {_where(e)}  {_number(e)} {e.title}  [{e.item_id}]", file=out)
    if e.decision is not None:
        text = " ".join(e.decision.text.split())
        if len(text) > SHOWN:
            text = text[: SHOWN - 1].rstrip() + "…"
        print(f"      {say('Beslutning', 'Decision')}: {text}", file=out)


def _print_candidate(c: PossiblySame, out: TextIO) -> None:
    e = c.entry
    cases = f"  ({', '.join(e.cases)})" if e.cases else ""
    score = f"{c.score:.2f}"
    print(
        f"  {_where(e)}  {_number(e)} {e.title}{cases}  [{e.item_id}]  "
        + say(f"lighed {score.replace('.', ',')}", f"likeness {score}"),
        file=out,
    )


COMMANDS = (
    Command(
        "case",
        "a case across meetings and bodies: the items with a case number, in date order, "
        "with their decisions",
        _case_arguments,
        cmd_case,
    ),
    Command(
        "related",
        "agenda items possibly of the same case as an item: a similar title in the same "
        "bodies, no shared case number",
        _related_arguments,
        cmd_related,
    ),
)
