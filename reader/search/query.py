"""Running a compiled query on one index: collecting the best pages within the search's
budget and filters, and turning each page into a hit with its snippet and agenda item.

Parsing (``syntax``), compiling (``compiler``), results (``results``), snippets
(``snippets``) and suggestions (``suggest``) are each in their own module; this one drives
Whoosh's searcher and is the only part that collects matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.errors import Unsupported
from reader.search import engine
from reader.search._whoosh import collectors, times
from reader.search.compiler import Compiled, compile_query
from reader.search.index import unreadable
from reader.search.limits import DEFAULT_LIMITS, Budget, Limits, Notice, SearchStopped
from reader.search.pages import Region
from reader.search.results import Filters, Hit
from reader.search.snippets import Marks, matched_tokens, region_at, snippet
from reader.search.syntax import bounded_parse


@dataclass
class Found:
    """What one index gave for a query: the best pages' stored fields and scores, the total,
    and whether the search was cut short (then both are what was found until then)."""

    compiled: Compiled
    total: int
    pages: list[tuple[dict[str, Any], float]]
    stopped: Notice | None = None


class _BoundedCollector(collectors.WrappingCollector):  # type: ignore[misc]
    """Filters matches to the allowed pages and stops when the search's budget runs out.

    The child keeps the best pages seen so far, so a search stopped mid-way still returns
    the best of what it found. The budget is checked every few matches and before each
    segment: cheap next to scoring a match.
    """

    CHECK_EVERY = 16  # a power of two

    def __init__(self, child: Any, allow: Any, budget: Budget) -> None:
        super().__init__(child)
        self.allow = allow
        self.budget = budget
        self._allow: Any = None

    def prepare(self, top_searcher: Any, q: Any, context: Any) -> None:
        self.child.prepare(top_searcher, q, context)
        self._allow = None if self.allow is None else top_searcher._filter_to_comb(self.allow)

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        self.budget.check()
        super().set_subsearcher(subsearcher, offset)

    def collect_matches(self) -> None:
        collect, check, allow, offset = (
            self.child.collect,
            self.budget.check,
            self._allow,
            self.offset,
        )
        mask = self.CHECK_EVERY - 1
        if allow is None:
            for i, sub_docnum in enumerate(self.child.matches(), 1):
                if not i & mask:
                    check()
                collect(sub_docnum)
            return
        for i, sub_docnum in enumerate(self.child.matches(), 1):
            if not i & mask:
                check()
            if offset + sub_docnum in allow:
                collect(sub_docnum)


def run_search(
    searcher: Any,
    querystring: str,
    filters: Filters | None = None,
    limit: int = 20,
    limits: Limits = DEFAULT_LIMITS,
    budget: Budget | None = None,
) -> Found:
    """Search one index for the best ``limit`` pages, within ``limits`` and ``budget``."""
    budget = budget or Budget(limits.seconds)
    try:
        try:
            compiled = compile_query(searcher.reader(), querystring, limits, budget)
        except SearchStopped as exc:  # out of time while expanding prefixes
            notices = bounded_parse(querystring, limits)[1]
            return Found(Compiled(None, Marks(), [], notices), 0, [], exc.notice)
        if compiled.query is None:
            return Found(compiled, 0, [])
        filters = filters or Filters()
        allow = _allowed(searcher, filters)
        if isinstance(allow, set) and not allow:
            return Found(compiled, 0, [])  # Whoosh would take an empty set for "no filter"
        if allow is None or isinstance(allow, set):
            try:
                answer = engine.run(searcher, compiled.query, limit, allow, budget.check)
            except Unsupported:
                pass
            else:
                found = [
                    (dict(searcher.stored_fields(-negdoc)), score) for score, negdoc in answer.top
                ]
                return Found(compiled, answer.total, found, answer.stopped)
        # Whoosh's own collector, for what the engine does not evaluate: one pass that
        # scores and counts every match (its default runs a query twice to count it).
        top = collectors.TopCollector(limit=max(1, limit), usequality=False, replace=0)
        collector = _BoundedCollector(top, allow, budget)
        stopped: Notice | None = None
        try:
            searcher.search_with_collector(compiled.query, collector)
        except SearchStopped as exc:
            stopped = exc.notice
        results = top.results()
        found = [(dict(hit.fields()), float(hit.score or 0.0)) for hit in results]
    except (OSError, EOFError, ValueError, KeyError, IndexError) as exc:
        raise unreadable(exc) from exc
    return Found(compiled, int(top.total), found, stopped)


def _allowed(searcher: Any, filters: Filters) -> Any:
    """The pages the filters allow, or None for all.

    A date range is read from the sortable date column (one pass over an array) rather
    than as a Whoosh range query, whose union of numeric terms costs as much as the
    search itself; the other filters are single terms.
    """
    fq = filters.query(dates=False)
    allowed: set[int] | None = set(searcher.docs_for_query(fq)) if fq is not None else None
    if filters.dates is None:
        return allowed
    reader = searcher.reader()
    if not reader.has_column("date"):  # an index from before the column: the range query
        return filters.query()
    start, end = filters.dates
    lo = times.datetime_to_long(start) if start else 1  # 0: a page without a date
    hi = times.datetime_to_long(end) if end else None
    in_range = {
        docnum
        for docnum, value in enumerate(_date_column(searcher))
        if value >= lo and (hi is None or value <= hi)
    }
    return in_range if allowed is None else allowed & in_range


def _date_column(searcher: Any) -> list[int]:
    """The date of every page as Whoosh stores it, read once per open searcher."""
    cached: list[int] | None = getattr(searcher, "_moedemappe_dates", None)
    if cached is None:
        cached = list(searcher.reader().column_reader("date", translate=False))
        searcher._moedemappe_dates = cached
    return cached


def _without_closed(text: str, regions: Sequence[Region]) -> str:
    """The text with closed items' parts blanked out, offsets unchanged."""
    out = list(text)
    for k, r in enumerate(regions):
        if r.closed:
            end = regions[k + 1].offset if k + 1 < len(regions) else len(text)
            out[r.offset : end] = " " * (end - r.offset)
    return "".join(out)


def page_hit(
    stored: dict[str, Any], score: float, marks: Marks, include_closed: bool = True
) -> Hit | None:
    """A page's hit, or None if its only matches are in a closed item that is filtered out.

    The index filter drops pages that hold closed items only; a page shared by an open and
    a closed item is checked here, part by part.
    """
    info = stored["info"]
    text = str(stored.get("text", ""))
    lang = str(info.get("lang", "da"))
    regions = [Region.from_list(r) for r in info.get("regions", [])]
    if not include_closed and any(r.closed for r in regions):
        open_text = _without_closed(text, regions)
        if not matched_tokens(open_text, marks, lang):
            return None
        text = open_text
    html_snippet, offset = snippet(text, marks, lang)
    region = region_at(regions, offset)
    return Hit(
        meeting=info["meeting"],
        meeting_title=info["meeting_title"],
        body=info["body"],
        date=info["start"],
        document=info["document"],
        document_title=info["document_title"],
        kind=info["kind"],
        item=region.item if region else None,
        item_title=region.item_title if region else None,
        section=region.section if region else None,
        page=info["page"],
        snippet=html_snippet,
        score=score,
        closed=region.closed if region else False,
    )
