"""Headless search commands: ``search`` and ``reindex``."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from typing import TextIO

from reader.cliutil import Handler, Subparsers, TerminalProgress, dump_json
from reader.errors import MoedemappeError
from reader.library.store import Library
from reader.search.index import IndexDamaged
from reader.search.indexer import Indexer, IndexReport
from reader.search.query import KINDS, Filters, SearchResult
from reader.search.searcher import Searcher


class UsageError(MoedemappeError):
    pass


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def register(sub: Subparsers) -> dict[str, Handler]:
    p = sub.add_parser("search", help='search the library (words, "phrases", OR, -word, pre*)')
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (20)")
    p.add_argument("--body", metavar="B", help="only meetings of this body")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="from YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="to YYYY-MM-DD")
    p.add_argument("--kind", action="append", choices=KINDS, help="only this document kind")
    p.add_argument("--no-closed", action="store_true", help="leave out closed items")
    p.add_argument("--meeting", type=int, metavar="MEETING_ID", help="only this meeting")

    p = sub.add_parser("reindex", help="rebuild the search index from the library")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    return {"search": cmd_search, "reindex": cmd_reindex}


def bring_up_to_date(lib: Library, quiet: bool, wait: float | None = 300.0) -> IndexReport:
    """Index what the library has and the index lacks, with progress on a terminal."""
    progress = TerminalProgress(enabled=not quiet)
    try:
        return Indexer(lib.paths, progress).update(lib, wait=wait)
    finally:
        progress.clear()


def cmd_search(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    if args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    filters = Filters(
        body=args.body,
        date_from=args.date_from,
        date_to=args.date_to,
        kinds=tuple(args.kind or ()),
        include_closed=not args.no_closed,
        meeting=args.meeting,
    )
    # Another process writing the index is fine: search what is committed so far.
    bring_up_to_date(lib, quiet=args.json, wait=5.0)
    searcher = Searcher(lib.paths)
    try:
        result = searcher.search(args.query, filters, args.limit)
    except IndexDamaged:
        Indexer(lib.paths, TerminalProgress(enabled=not args.json)).rebuild(lib)
        searcher.forget()
        result = searcher.search(args.query, filters, args.limit)
    if args.json:
        dump_json(result.to_json(), out)
    else:
        _print(result, out)
    return 0


_TAG = re.compile(r"</?b>")


def _plain(snippet: str) -> str:
    import html

    return html.unescape(_TAG.sub("*", snippet))


def _print(result: SearchResult, out: TextIO) -> None:
    if result.suggestion:
        print(f"Mente du: {result.suggestion}", file=out)
    print(f"{result.total} {'side' if result.total == 1 else 'sider'} fundet", file=out)
    for group in result.groups():
        day = (group.date or "")[:10]
        print(f"\n{group.meeting_title} ({group.body}{', ' + day if day else ''})", file=out)
        if group.item:
            print(f"  {group.item} {group.item_title or ''}", file=out)
        for h in group.hits:
            where = f"note {h.note}" if h.note is not None else f"dok. {h.document} s. {h.page}"
            section = f" [{h.section}]" if h.section else ""
            print(f"    {where}{section}: {_plain(h.snippet)}", file=out)


def cmd_reindex(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    progress = TerminalProgress(enabled=not args.json)
    try:
        report = Indexer(lib.paths, progress).rebuild(lib)
    finally:
        progress.clear()
    if args.json:
        dump_json(report.to_json(), out)
    else:
        print(f"indexed {report.pages} pages of {report.documents} documents", file=out)
    return 0


def after_import(lib: Library, quiet: bool) -> None:
    """Called by ``import`` once its transaction committed; a failure here loses nothing."""
    try:
        bring_up_to_date(lib, quiet)
    except MoedemappeError as exc:
        print(f"moedemappe: search index not updated: {exc}", file=sys.stderr)
