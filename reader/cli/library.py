"""Commands over the library: import, meetings, agenda, text."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from reader.cli.common import (
    Command,
    CommandParser,
    TerminalProgress,
    dump_json,
    warn,
    warn_followers,
)
from reader.i18n import plural, say
from reader.library.importer import import_paths
from reader.library.store import Library


def _import_arguments(p: CommandParser) -> None:
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true", help="print a JSON summary")


def cmd_import(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    lib.collect_garbage()
    progress = TerminalProgress(enabled=not args.json)
    report = import_paths(lib, list(args.paths), progress)
    progress.clear()
    from reader.followers import catch_up  # search and notes follow the library, not back

    following = TerminalProgress(enabled=not args.json)
    try:
        warn_followers(catch_up(lib, following), quiet=args.json)
    finally:
        following.clear()
    for error in report.errors:
        warn(str(error))
    if args.json:
        dump_json(report.to_json(), out)
    else:
        counts = (
            plural(
                report.new_documents,
                "nyt dokument",
                "nye dokumenter",
                "new document",
                "new documents",
            ),
            plural(
                report.new_versions, "ny version", "nye versioner", "new version", "new versions"
            ),
            plural(report.unchanged, "uændret", "uændrede", "unchanged", "unchanged"),
            plural(len(report.errors), "fejlet", "fejlede", "failed", "failed"),
        )
        print(", ".join(counts), file=out)
    return 1 if report.errors else 0


def _json_only(p: CommandParser) -> None:
    p.add_argument("--json", action="store_true")


def cmd_meetings(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    meetings = lib.meetings()
    if args.json:
        dump_json([m.to_json() for m in meetings], out)
        return 0
    for m in meetings:
        start = (m.start or "")[:16].replace("T", " ")
        print(f"{m.id:>5}  {start:<16}  {m.kind:<8} {m.body}: {m.title}", file=out)
    return 0


def _agenda_arguments(p: CommandParser) -> None:
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--json", action="store_true")


def cmd_agenda(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    meeting = lib.meeting(args.meeting)
    items = lib.items(meeting.id)
    if args.json:
        dump_json({"meeting": meeting.to_json(), "items": [i.to_json() for i in items]}, out)
        return 0
    print(f"{meeting.title} ({meeting.body})", file=out)
    closed = say(" [lukket]", " [closed]")
    page_word = say("s.", "p.")
    for it in items:
        indent = "" if it.is_group or not it.group else "  "
        flags = closed if it.closed else ""
        case = f"  {it.case}" if it.case else ""
        page = f"  {page_word} {it.page_start}" if it.page_start else ""
        print(f"{indent}{it.number} {it.title}{flags}{case}{page}", file=out)
    return 0


def _text_arguments(p: CommandParser) -> None:
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--page", type=int, required=True, metavar="N", help="1-based page number")


def cmd_text(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    text = lib.page_text(args.document, args.page)
    out.write(text if text.endswith("\n") or not text else text + "\n")
    return 0


COMMANDS = (
    Command(
        "import", "import PDFs, folders of PDFs or zip packages", _import_arguments, cmd_import
    ),
    Command("meetings", "list the meetings in the library", _json_only, cmd_meetings),
    Command("agenda", "show a meeting's agenda items", _agenda_arguments, cmd_agenda),
    Command("text", "print the visible text of a document page", _text_arguments, cmd_text),
)
