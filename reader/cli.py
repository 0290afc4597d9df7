"""The headless commands. Stable: scripts and checks depend on their output.

Exit codes: 0 success, 2 usage error (argparse), 1 any other error with one line on
stderr. A traceback is never shown; unexpected errors are logged to the data dir.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from reader import __version__
from reader.errors import MoedemappeError
from reader.library import Library
from reader.library.importer import import_paths
from reader.logs import setup_logging
from reader.paths import resolve

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moedemappe",
        description="Mødemappe: meeting packages for council members, offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the library lives (default: $MOEDEMAPPE_DATA_DIR or the user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    return run(args, out)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run a parsed command; the desktop entry point shares the parser."""
    paths = resolve(args.data_dir)
    try:
        setup_logging(paths)
        with Library(paths) as lib:
            return int(COMMANDS[args.command](lib, args, out))
    except MoedemappeError as exc:
        print(f"moedemappe: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("moedemappe: interrupted", file=sys.stderr)
        return 1
    except Exception as exc:
        log.exception("unexpected error in %s", args.command)
        print(f"moedemappe: internal error: {exc} (details in {paths.logs})", file=sys.stderr)
        return 1


def _dump(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def cmd_import(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    lib.collect_garbage()
    tty = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int, what: str) -> None:
        if tty and total:
            sys.stderr.write(f"\r[{done}/{total}] {Path(what).name[:60]:<60}")
            sys.stderr.flush()

    report = import_paths(lib, list(args.paths), progress)
    if tty:
        sys.stderr.write("\r" + " " * 72 + "\r")
    for error in report.errors:
        print(f"moedemappe: {error}", file=sys.stderr)
    if args.json:
        _dump(report.to_json(), out)
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
        _dump([m.to_json() for m in meetings], out)
        return 0
    for m in meetings:
        start = (m.start or "")[:16].replace("T", " ")
        print(f"{m.id:>5}  {start:<16}  {m.kind:<8} {m.body}: {m.title}", file=out)
    return 0


def cmd_agenda(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    meeting = lib.meeting(args.meeting)
    items = lib.items(meeting.id)
    if args.json:
        data = meeting.to_json()
        _dump({"meeting": data, "items": [i.to_json() for i in items]}, out)
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


COMMANDS = {
    "import": cmd_import,
    "meetings": cmd_meetings,
    "agenda": cmd_agenda,
    "text": cmd_text,
}
