"""Headless commands over the library: import, meetings, agenda, text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from reader.cliutil import Handler, Subparsers, TerminalProgress, dump_json, warn_followers
from reader.library.importer import import_paths
from reader.library.store import Library


def register(sub: Subparsers) -> dict[str, Handler]:
    p = sub.add_parser("import", help="import PDFs, folders of PDFs or zip packages")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true", help="print a JSON summary")

    p = sub.add_parser("meetings", help="list the meetings in the library")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("agenda", help="show a meeting's agenda items")
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("text", help="print the visible text of a document page")
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--page", type=int, required=True, metavar="N", help="1-based page number")
    return {"import": cmd_import, "meetings": cmd_meetings, "agenda": cmd_agenda, "text": cmd_text}


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
        print(f"moedemappe: {error}", file=sys.stderr)
    if args.json:
        dump_json(report.to_json(), out)
    else:
        print(
            f"{report.new_documents} new documents, {report.new_versions} new versions, "
            f"{report.unchanged} unchanged, {len(report.errors)} failed",
            file=out,
        )
    return 1 if report.errors else 0


def cmd_meetings(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    meetings = lib.meetings()
    if args.json:
        dump_json([m.to_json() for m in meetings], out)
        return 0
    for m in meetings:
        start = (m.start or "")[:16].replace("T", " ")
        print(f"{m.id:>5}  {start:<16}  {m.kind:<8} {m.body}: {m.title}", file=out)
    return 0


def cmd_agenda(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    meeting = lib.meeting(args.meeting)
    items = lib.items(meeting.id)
    if args.json:
        dump_json({"meeting": meeting.to_json(), "items": [i.to_json() for i in items]}, out)
        return 0
    print(f"{meeting.title} ({meeting.body})", file=out)
    for it in items:
        indent = "" if it.is_group or not it.group else "  "
        flags = " [lukket]" if it.closed else ""
        case = f"  {it.case}" if it.case else ""
        page = f"  s. {it.page_start}" if it.page_start else ""
        print(f"{indent}{it.number} {it.title}{flags}{case}{page}", file=out)
    return 0


def cmd_text(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    text = lib.page_text(args.document, args.page)
    out.write(text if text.endswith("\n") or not text else text + "\n")
    return 0
