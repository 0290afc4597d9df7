"""Headless commands for sync: sources, sync, publish."""

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

from reader.cliutil import Handler, Subparsers, TerminalProgress, dump_json, warn_followers
from reader.errors import MoedemappeError
from reader.followers import catch_up
from reader.library.store import Library
from reader.logs import redact_userinfo
from reader.sync.feed import publish
from reader.sync.runner import KINDS, add_source, list_sources, remove_source, sync_sources


class UsageError(MoedemappeError):
    """A command line that parses but does not make sense."""


def register(sub: Subparsers) -> dict[str, Handler]:
    p = sub.add_parser("sources", help="the sources meetings are synced from")
    ssub = p.add_subparsers(dest="sources_command", metavar="ACTION", required=True)
    a = ssub.add_parser("add", help="add a source")
    a.add_argument("name", metavar="NAME")
    a.add_argument("url", metavar="URL", help="OParl System URL, site, feed URL or folder")
    a.add_argument("--kind", required=True, choices=KINDS)
    a.add_argument("--since", metavar="YYYY-MM-DD", help="only meetings from this day on")
    a.add_argument("--user", metavar="NAME", help="user name (the password is read from stdin)")
    a.add_argument("--token-stdin", action="store_true", help="read an access token from stdin")
    a.add_argument("--json", action="store_true")
    ls = ssub.add_parser("list", help="list the sources")
    ls.add_argument("--json", action="store_true")
    rm = ssub.add_parser("remove", help="remove a source (its meetings stay)")
    rm.add_argument("name", metavar="NAME")

    p = sub.add_parser("sync", help="fetch new and changed meetings from the sources")
    p.add_argument("names", nargs="*", metavar="NAME", help="only these sources")
    p.add_argument("--json", action="store_true", help="print a JSON summary")

    p = sub.add_parser("publish", help="build a Mødemappe feed from a folder of agenda PDFs")
    p.add_argument("src", type=Path, metavar="SRC_DIR")
    p.add_argument("out", type=Path, metavar="OUT_DIR")
    p.add_argument("--json", action="store_true")
    return {"sources": cmd_sources, "sync": cmd_sync, "publish": cmd_publish}


def cmd_sources(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    if args.sources_command == "add":
        token = user = password = None
        if args.token_stdin and args.user:
            raise UsageError("give either --user or --token-stdin, not both")
        if args.token_stdin:
            token = sys.stdin.readline().strip()
            if not token:
                raise UsageError("no token on standard input")
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
            print(f"added {source.kind} source {source.name!r}", file=out)
        return 0
    if args.sources_command == "list":
        sources = list_sources(lib)
        if args.json:
            dump_json([s.to_json() for s in sources], out)
        else:
            for s in sources:
                last = (s.last_sync or "never")[:16].replace("T", " ")
                url = redact_userinfo(s.url)
                print(f"{s.name:<20} {s.kind:<12} {last:<16} {url}", file=out)
        return 0
    remove_source(lib, args.name)
    return 0


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
            print(f"moedemappe: {error}", file=sys.stderr)
    if report.cancelled:
        print(
            "moedemappe: sync cancelled; what was imported stays, and the next sync resumes "
            "the downloads that were under way",
            file=sys.stderr,
        )
    if args.json:
        dump_json(report.to_json(), out)
    else:
        for s in report.sources:
            state = "FAILED" if s.fatal else f"{s.meetings} meetings"
            print(
                f"{s.name}: {state}, {s.new} new, {s.changed} changed, {s.removed} removed, "
                f"{s.failed} failed",
                file=out,
            )
    return 1 if report.any_fatal or report.cancelled else 0


def cmd_publish(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    summary = publish(args.src, args.out)
    for error in summary["errors"]:
        print(f"moedemappe: {error}", file=sys.stderr)
    if args.json:
        dump_json(summary, out)
    else:
        print(
            f"published {summary['meetings']} meetings, {summary['documents']} documents "
            f"to {summary['manifest']}",
            file=out,
        )
    return 1 if summary["errors"] else 0
