"""Sync commands: sources, sync, publish."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
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
from reader.i18n import plural, say
from reader.library.store import Library
from reader.logs import redact_userinfo
from reader.sync.feed import publish
from reader.sync.runner import KINDS, add_source, list_sources, remove_source, sync_sources


def _add_arguments(p: CommandParser) -> None:
    p.add_argument("name", metavar="NAME")
    p.add_argument("url", metavar="URL", help="OParl System URL, site, feed URL or folder")
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only meetings from this day on")
    p.add_argument("--user", metavar="NAME", help="user name (the password is read from stdin)")
    p.add_argument("--token-stdin", action="store_true", help="read an access token from stdin")
    p.add_argument("--json", action="store_true")


def _check_add(args: argparse.Namespace) -> None:
    if args.token_stdin and args.user:
        raise UsageError(
            say(
                "giv enten --user eller --token-stdin, ikke begge",
                "give either --user or --token-stdin, not both",
            )
        )


def cmd_sources_add(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    token = user = password = None
    if args.token_stdin:
        token = sys.stdin.readline().strip()
        if not token:
            raise UsageError(
                say("ingen adgangstoken på standardinput", "no token on standard input")
            )
    elif args.user:
        user = args.user
        password = sys.stdin.readline().rstrip("\n")
    source = add_source(
        lib,
        args.name,
        args.url,
        args.kind,
        since=args.since,
        token=token,
        user=user,
        password=password,
    )
    if args.json:
        dump_json(source.to_json(), out)
    else:
        print(
            say(
                f"tilføjede kilden {source.name!r} ({source.kind})",
                f"added {source.kind} source {source.name!r}",
            ),
            file=out,
        )
    return 0


def _list_arguments(p: CommandParser) -> None:
    p.add_argument("--json", action="store_true")


def cmd_sources_list(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    sources = list_sources(lib)
    if args.json:
        dump_json([s.to_json() for s in sources], out)
        return 0
    never = say("aldrig", "never")
    for s in sources:
        last = (s.last_sync or never)[:16].replace("T", " ")
        url = redact_userinfo(s.url)
        print(f"{s.name:<20} {s.kind:<12} {last:<16} {url}", file=out)
    return 0


def _remove_arguments(p: CommandParser) -> None:
    p.add_argument("name", metavar="NAME")


def cmd_sources_remove(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    remove_source(lib, args.name)
    return 0


def _sync_arguments(p: CommandParser) -> None:
    p.add_argument("names", nargs="*", metavar="NAME", help="only these sources")
    p.add_argument("--json", action="store_true", help="print a JSON summary")


@contextlib.contextmanager
def _ctrl_c_stops(stop: threading.Event) -> Iterator[None]:
    """The first Ctrl+C stops the sync at once, keeping what is done; a second interrupts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def cmd_sync(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    from reader.followers import catch_up  # search and notes follow the library, not back

    progress = TerminalProgress(enabled=not args.json)
    stop = threading.Event()
    try:
        with _ctrl_c_stops(stop):
            report = sync_sources(
                lib,
                list(args.names) or None,
                progress,
                stop.is_set,
                after_source=lambda lib_: warn_followers(catch_up(lib_), quiet=True),
            )
    finally:
        progress.clear()
    for source in report.sources:
        for error in source.errors:
            warn(str(error))
    if report.cancelled:
        warn(
            say(
                "synkroniseringen blev afbrudt; det hentede bliver, og næste synkronisering "
                "fortsætter de påbegyndte hentninger",
                "sync cancelled; what was imported stays, and the next sync resumes "
                "the downloads that were under way",
            )
        )
    if args.json:
        dump_json(report.to_json(), out)
    else:
        for s in report.sources:
            if s.fatal:
                state = say("FEJLEDE", "FAILED")
            else:
                state = plural(s.meetings, "møde", "møder", "meeting", "meetings")
            counts = (
                plural(s.new, "nyt", "nye", "new", "new"),
                plural(s.changed, "ændret", "ændrede", "changed", "changed"),
                plural(s.removed, "fjernet", "fjernede", "removed", "removed"),
                plural(s.failed, "fejlet", "fejlede", "failed", "failed"),
            )
            print(f"{s.name}: {state}, {', '.join(counts)}", file=out)
    return 1 if report.any_fatal or report.cancelled else 0


def _publish_arguments(p: CommandParser) -> None:
    p.add_argument("src", type=Path, metavar="SRC_DIR")
    p.add_argument("out", type=Path, metavar="OUT_DIR")
    p.add_argument("--json", action="store_true")


def cmd_publish(args: argparse.Namespace, out: TextIO) -> int:
    summary = publish(args.src, args.out)
    for error in summary["errors"]:
        warn(str(error))
    if args.json:
        dump_json(summary, out)
    else:
        meetings = plural(summary["meetings"], "møde", "møder", "meeting", "meetings")
        documents = plural(summary["documents"], "dokument", "dokumenter", "document", "documents")
        print(
            say(
                f"udgav {meetings}, {documents} til {summary['manifest']}",
                f"published {meetings}, {documents} to {summary['manifest']}",
            ),
            file=out,
        )
    return 1 if summary["errors"] else 0


COMMANDS = (
    Group(
        "sources",
        "the sources meetings are synced from",
        (
            Command("add", "add a source", _add_arguments, cmd_sources_add, check=_check_add),
            Command("list", "list the sources", _list_arguments, cmd_sources_list),
            Command(
                "remove",
                "remove a source (its meetings stay)",
                _remove_arguments,
                cmd_sources_remove,
            ),
        ),
    ),
    Command("sync", "fetch new and changed meetings from the sources", _sync_arguments, cmd_sync),
    Command(
        "publish",
        "build a Mødemappe feed from a folder of agenda PDFs",
        _publish_arguments,
        cmd_publish,
        needs_library=False,
    ),
)
