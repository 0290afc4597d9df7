"""Search the on-disk index (and, if given, the in-memory notes): the API the CLI and UI use."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.paths import DataPaths
from reader.search import lemmas
from reader.search.compiler import languages
from reader.search.index import IndexDamaged, current_dir, open_index, unreadable
from reader.search.limits import DEFAULT_LIMITS, Budget, Limits, Notice
from reader.search.memory import NotesIndex
from reader.search.query import page_hit, run_search
from reader.search.results import Filters, Hit, SearchResult, order_hits
from reader.search.suggest import suggest
from reader.search.syntax import as_typed

SNIPPET_GRACE = 0.5  # seconds a stopped search may still spend on its hits' snippets


class Searcher:
    """Searches one data directory's index; follows commits and newly built generations.

    Safe to share between threads. Raises ``IndexDamaged`` when there is no index or it
    cannot be read: the caller then builds it (``Indexer.update`` does so) and asks again.
    """

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self._searcher: Any = None
        self._folder: Path | None = None
        self._lock = threading.Lock()

    def _current(self) -> Any:
        """An open Whoosh searcher, kept between queries and refreshed after a commit.

        Opening one reads every segment's term index: tens of milliseconds a query if paid
        each time. ``refresh`` is cheap when nothing changed; a rebuild's new generation is
        another index, opened afresh.
        """
        try:
            if self._searcher is not None and self._folder != current_dir(self.paths):
                self._drop()
            if self._searcher is None:
                ix = open_index(self.paths)
                self._searcher = ix.searcher()
                self._folder = Path(ix.storage.folder)
            else:
                # the new searcher reuses the old one's unchanged segment readers and
                # closes the others; closing the old one here would close shared readers
                self._searcher = self._searcher.refresh()
        except IndexDamaged:
            self._drop()
            raise
        except Exception as exc:
            self._drop()
            raise unreadable(exc) from exc
        return self._searcher

    def _drop(self) -> None:
        if self._searcher is not None:
            with contextlib.suppress(Exception):  # a damaged index may fail to close
                self._searcher.close()
        self._searcher = None
        self._folder = None

    def warm(self) -> None:
        """Open the index and load the lemma tables of its languages: call it on a worker
        thread when search is about to be used, so that the first query does not wait for
        them (half a second for Danish, one for German)."""
        with self._lock:
            searcher = self._current()
            langs = languages(searcher.reader())
        for lang in langs:
            lemmas.table(lang)

    def forget(self) -> None:
        """Drop the open searcher (after a rebuild replaced the index's files)."""
        with self._lock:
            self._drop()

    def search(
        self,
        querystring: str,
        filters: Filters | None = None,
        limit: int = 20,
        notes: NotesIndex | None = None,
        *,
        limits: Limits = DEFAULT_LIMITS,
        cancelled: Callable[[], bool] | None = None,
        typing: bool = False,
    ) -> SearchResult:
        """The best ``limit`` hits for the query, within ``limits``, and the exact total.

        The search stops when ``limits.seconds`` have passed or ``cancelled()`` turns true
        (polled while it runs); it then returns the best hits found until then, marked
        ``partial``, with a notice saying why.

        ``typing``: the member is still typing, so the last word is the beginning of a word
        (``as_typed``) and no spelling suggestion is looked for; ask for the first screen of
        hits (``limit`` 10 to 20) and the total comes back in tens of milliseconds.
        """
        if typing:
            querystring = as_typed(querystring)
        budget = Budget(limits.seconds, cancelled)
        asked = querystring[: limits.chars]  # what is searched for (a notice says if cut)
        notices: list[Notice] = []
        if limit > limits.hits:
            limit = limits.hits
            notices.append(Notice("hits", limits.hits))
        limit = max(limit, 0)
        include_closed = filters is None or filters.include_closed
        hits: list[Hit] = []
        try:
            with self._lock:  # a Whoosh searcher serves one query at a time
                searcher = self._current()
                found = run_search(searcher, querystring, filters, limit, limits, budget)
                total = found.total
                stopped = found.stopped
                grace: float | None = None
                for stored, score in found.pages:
                    # The best pages come first. Once the search is stopped, what it found
                    # still gets its snippets, for a short while more.
                    if stopped is None:
                        stopped = budget.stopped()
                    if stopped is not None:
                        if grace is None:
                            grace = time.monotonic() + SNIPPET_GRACE
                        elif time.monotonic() > grace:
                            break
                    hit = page_hit(stored, score, found.compiled.marks, include_closed)
                    if hit is None:
                        total -= 1
                    else:
                        hits.append(hit)
                suggestion = None
                if stopped is None and not typing:
                    suggestion = suggest(searcher, asked, found.compiled.words, budget)
        except IndexDamaged:
            self.forget()
            raise
        notices.extend(found.compiled.notices)
        if notes is not None and len(notes) and stopped is None:
            from_notes = notes.find(querystring, filters, limit, limits, budget)
            total += from_notes.total
            hits.extend(from_notes.hits)
            stopped = from_notes.stopped
        if stopped is not None:
            notices.append(stopped)
        return SearchResult(
            asked,
            suggestion,
            total,
            order_hits(hits)[:limit],
            notices=notices,
            partial=stopped is not None,
        )
