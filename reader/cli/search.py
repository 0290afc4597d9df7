"""Search commands: ``search`` and ``reindex``.

Human output is Danish, or English with ``MOEDEMAPPE_LANG=en``; ``--json`` carries the same
notices with a stable ``code`` beside the message.
"""

from __future__ import annotations

import argparse
import html
import logging
import re
from dataclasses import replace
from datetime import date
from typing import TextIO

from reader.cli.common import (
    Command,
    CommandParser,
    TerminalProgress,
    dump_json,
)
from reader.errors import UsageError
from reader.i18n import language, plural, say
from reader.library.store import Library
from reader.search.index import IndexDamaged, next_dir
from reader.search.indexer import CONSUMER, Indexer, IndexReport
from reader.search.limits import DEFAULT_LIMITS, Notice
from reader.search.results import KINDS, Filters, SearchResult
from reader.search.searcher import Searcher

log = logging.getLogger(__name__)

SEARCH_WAIT = 1.0  # seconds a search waits for another indexer before reading what is committed
INLINE_PAGES = 1000  # pages a search may index on its way; beyond that it says how to build


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        # inside argparse's own (English) error line, so English too
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def _search_arguments(p: CommandParser) -> None:
    p.dash_words = True  # "-word" excludes a word: a query word, not an option
    p.add_argument("query", nargs="+", metavar="QUERY", help="words; -word leaves pages out")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument(
        "--limit",
        type=int,
        default=20,
        metavar="N",
        help=f"at most N hits (20, <= {DEFAULT_LIMITS.hits})",
    )
    p.add_argument("--body", metavar="B", help="only meetings of this body")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="from YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="to YYYY-MM-DD")
    p.add_argument("--kind", action="append", choices=KINDS, help="only this document kind")
    p.add_argument("--no-closed", action="store_true", help="leave out closed items")
    p.add_argument("--meeting", type=int, metavar="MEETING_ID", help="only this meeting")
    p.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_LIMITS.seconds,
        metavar="S",
        help=f"after S seconds, the best hits so far ({DEFAULT_LIMITS.seconds:g})",
    )


def _check_search(args: argparse.Namespace) -> None:
    if args.limit < 0:
        raise UsageError(say("--limit skal være 0 eller mere", "--limit must be 0 or more"))
    if not args.time_limit > 0:
        raise UsageError(
            say(
                "--time-limit skal være mere end 0 sekunder",
                "--time-limit must be more than 0 seconds",
            )
        )


def _reindex_arguments(p: CommandParser) -> None:
    p.add_argument("--json", action="store_true", help="print a JSON summary")


def bring_up_to_date(
    lib: Library, quiet: bool, wait: float | None = 300.0, limit: int | None = None
) -> IndexReport:
    """Index what the library has and the index lacks, with progress on a terminal."""
    progress = TerminalProgress(enabled=not quiet)
    try:
        return Indexer(lib.paths, progress).update(lib, wait=wait, limit=limit)
    finally:
        progress.clear()


def cmd_search(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    query = " ".join(word.strip() for word in args.query)
    filters = Filters(
        body=args.body,
        date_from=args.date_from,
        date_to=args.date_to,
        kinds=tuple(args.kind or ()),
        include_closed=not args.no_closed,
        meeting=args.meeting,
    )
    # Another process writing the index is fine: search what it has committed so far. A
    # small backlog is indexed on the way; a large one, or a rebuild, is only reported.
    # A rebuild holds the lock for long: then read the current generation without waiting.
    wait = 0.0 if next_dir(lib.paths) is not None else SEARCH_WAIT
    report = bring_up_to_date(lib, quiet=args.json, wait=wait, limit=INLINE_PAGES)
    before = _index_notices(lib, report)
    limits = replace(DEFAULT_LIMITS, seconds=args.time_limit)
    try:
        result = Searcher(lib.paths).search(query, filters, args.limit, limits=limits)
    except IndexDamaged as exc:
        log.warning("no search index to search: %s", exc)
        state = "building" if report.busy else "missing"
        before = [Notice("index_building" if state == "building" else "index_missing")]
        result = SearchResult(query[: limits.chars], None, 0, [], index=state)
    result.notices[:0] = before
    lang = language()
    if args.json:
        dump_json(result.to_json(lang), out)
    else:
        _print(result, out, lang)
    return 0


def _index_notices(lib: Library, report: IndexReport) -> list[Notice]:
    """What the member should know about the index a search is about to read."""
    if report.needs_rebuild:
        log.warning("the search index needs a rebuild: %s", report.needs_rebuild)
        return [Notice("index_rebuild")]
    if report.pending:
        return [Notice("index_behind", report.pending)]
    if report.busy and lib.cursor(CONSUMER) < lib.last_event():
        return [Notice("index_updating")]
    if report.rebuilt and not report.cancelled:
        return [Notice("index_built", report.pages)]
    return []


_TAG = re.compile(r"</?b>")


def _plain(snippet: str) -> str:
    return html.unescape(_TAG.sub("*", snippet))


def _print(result: SearchResult, out: TextIO, lang: str) -> None:
    for notice in result.notices:
        print(f"{say('Bemærk', 'Note')}: {notice.message(lang)}", file=out)
    if result.index != "ready":
        return
    if result.suggestion:
        print(f"{say('Mente du', 'Did you mean')}: {result.suggestion}", file=out)
    found = plural(result.total, "side fundet", "sider fundet", "page found", "pages found")
    print(f"{say('mindst', 'at least')} {found}" if result.partial else found, file=out)
    doc, page = say("dok.", "doc."), say("s.", "p.")
    for group in result.groups():
        day = (group.date or "")[:10]
        print(f"\n{group.meeting_title} ({group.body}{', ' + day if day else ''})", file=out)
        if group.item:
            print(f"  {group.item} {group.item_title or ''}", file=out)
        for h in group.hits:
            where = (
                f"note {h.note}" if h.note is not None else f"{doc} {h.document} {page} {h.page}"
            )
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
        return 0
    pages = plural(report.pages, "side", "sider", "page", "pages")
    documents = plural(report.documents, "dokument", "dokumenter", "document", "documents")
    if report.resumed:
        resumed = say(
            f", fortsat fra ændring {report.resumed}", f", resumed at change {report.resumed}"
        )
    else:
        resumed = ""
    print(
        say(f"indekserede {pages} i {documents}", f"indexed {pages} of {documents}") + resumed,
        file=out,
    )
    return 0


COMMANDS = (
    Command(
        "search",
        'search the library (words, "phrases", OR, -word, pre*)',
        _search_arguments,
        cmd_search,
        check=_check_search,
    ),
    Command(
        "reindex", "rebuild the search index from the library", _reindex_arguments, cmd_reindex
    ),
)
