"""Commands over the library: import, meetings, meeting edit/remove/restore, agenda, text."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from reader.cli.common import (
    Command,
    CommandParser,
    Group,
    TerminalProgress,
    dump_json,
    warn,
    warn_followers,
)
from reader.errors import UsageError
from reader.i18n import say
from reader.library.importer import import_paths
from reader.library.store import Library, MeetingRow


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
        print(report.summary(), file=out)
    return 1 if report.errors else 0


def _meetings_arguments(p: CommandParser) -> None:
    p.add_argument("--all", action="store_true", help="also the meetings you removed")
    p.add_argument("--json", action="store_true")


def cmd_meetings(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    meetings = lib.meetings(hidden=args.all)
    if args.json:
        dump_json([m.to_json() for m in meetings], out)
        return 0
    for m in meetings:
        print(_meeting_line(m), file=out)
    return 0


def _meeting_line(m: MeetingRow) -> str:
    start = (m.start or "")[:16].replace("T", " ")
    marks = ""
    if m.hidden:
        marks += say(" [fjernet af dig]", " [removed by you]")
    elif m.removed:
        marks += say(" [fjernet hos kilden]", " [removed at the source]")
    if m.edited:
        marks += say(" [rettet]", " [corrected]")
    return f"{m.id:>5}  {start:<16}  {m.kind:<8} {m.body}: {m.title}{marks}"


def _edit_arguments(p: CommandParser) -> None:
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--body", metavar="B", help="the body (committee) it belongs to")
    p.add_argument("--kind", choices=("agenda", "minutes"))
    p.add_argument("--title", metavar="T")
    p.add_argument("--start", metavar="ISO", help="when it starts: YYYY-MM-DD[THH:MM]")
    p.add_argument(
        "--reset",
        action="store_true",
        help="drop your corrections first: the source's values again",
    )
    p.add_argument("--json", action="store_true")


def _check_edit(args: argparse.Namespace) -> None:
    given = (args.body, args.kind, args.title, args.start)
    if not args.reset and all(v is None for v in given):
        raise UsageError(
            say(
                "giv mindst én af --body, --kind, --title, --start eller --reset",
                "give at least one of --body, --kind, --title, --start or --reset",
            )
        )


def _follow(lib: Library, quiet: bool) -> None:
    """The search index and notes follow the corrected meeting."""
    from reader.followers import catch_up  # search and notes follow the library, not back

    warn_followers(catch_up(lib), quiet=quiet)


def cmd_meeting_edit(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    if args.reset:
        lib.reset_meeting(args.meeting)
    meeting = lib.meeting(args.meeting)
    if any(v is not None for v in (args.body, args.kind, args.title, args.start)):
        meeting = lib.edit_meeting(
            args.meeting, body=args.body, kind=args.kind, title=args.title, start=args.start
        )
    _follow(lib, args.json)
    if args.json:
        dump_json(meeting.to_json(), out)
    else:
        print(say(f"rettede møde {meeting.id}:", f"corrected meeting {meeting.id}:"), file=out)
        print(_meeting_line(meeting), file=out)
    return 0


def _id_arguments(p: CommandParser) -> None:
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--json", action="store_true")


def cmd_meeting_remove(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    changed = lib.remove_meeting(args.meeting)
    _follow(lib, args.json)
    meeting = lib.meeting(args.meeting)
    if args.json:
        dump_json({"changed": changed, "meeting": meeting.to_json()}, out)
    elif changed:
        print(
            say(
                f"fjernede møde {meeting.id} fra listerne; dokumenter og noter er gemt, og "
                f"'meeting restore {meeting.id}' henter det tilbage",
                f"removed meeting {meeting.id} from the lists; its documents and notes are "
                f"kept, and 'meeting restore {meeting.id}' brings it back",
            ),
            file=out,
        )
    else:
        print(
            say(
                f"møde {meeting.id} var allerede fjernet",
                f"meeting {meeting.id} was already removed",
            ),
            file=out,
        )
    return 0


def cmd_meeting_restore(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    changed = lib.restore_meeting(args.meeting)
    _follow(lib, args.json)
    meeting = lib.meeting(args.meeting)
    if args.json:
        dump_json({"changed": changed, "meeting": meeting.to_json()}, out)
    elif changed:
        print(say(f"hentede møde {meeting.id} tilbage", f"restored meeting {meeting.id}"), file=out)
    else:
        print(
            say(f"møde {meeting.id} var ikke fjernet", f"meeting {meeting.id} was not removed"),
            file=out,
        )
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
    Command("meetings", "list the meetings in the library", _meetings_arguments, cmd_meetings),
    Group(
        "meeting",
        "correct a meeting, or remove it from the lists",
        (
            Command(
                "edit",
                "correct a meeting's body, kind, title or start (kept across syncs)",
                _edit_arguments,
                cmd_meeting_edit,
                check=_check_edit,
            ),
            Command(
                "remove",
                "remove a meeting from the lists (documents and notes kept)",
                _id_arguments,
                cmd_meeting_remove,
            ),
            Command("restore", "bring a removed meeting back", _id_arguments, cmd_meeting_restore),
        ),
    ),
    Command("agenda", "show a meeting's agenda items", _agenda_arguments, cmd_agenda),
    Command("text", "print the visible text of a document page", _text_arguments, cmd_text),
)
