"""Search the on-disk index (and, if given, the in-memory notes): the API the CLI and UI use."""

from __future__ import annotations

import threading
from typing import Any

from reader.paths import DataPaths
from reader.search.index import IndexDamaged, open_index
from reader.search.memory import NotesIndex
from reader.search.query import (
    Filters,
    Hit,
    SearchResult,
    order_hits,
    page_hit,
    run_search,
    suggest,
)


class Searcher:
    """Searches one data directory's index; reopens it when an indexer has committed.

    Safe to share between threads. Raises ``IndexDamaged`` when the index cannot be read:
    the caller then rebuilds it (``Indexer.update`` does so) and asks again.
    """

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self._searcher: Any = None
        self._lock = threading.Lock()

    def _current(self) -> Any:
        """An open Whoosh searcher, kept between queries and refreshed after a commit.

        Opening one reads every segment's term index: tens of milliseconds a query if paid
        each time. ``refresh`` is cheap when nothing changed.
        """
        try:
            if self._searcher is None:
                self._searcher = open_index(self.paths).searcher()
            else:
                # the new searcher reuses the old one's unchanged segment readers and
                # closes the others; closing the old one here would close shared readers
                self._searcher = self._searcher.refresh()
        except IndexDamaged:
            self._searcher = None
            raise
        except Exception as exc:
            self._searcher = None
            raise IndexDamaged(f"{type(exc).__name__}: {exc}") from exc
        return self._searcher

    def forget(self) -> None:
        """Drop the open searcher (after a rebuild replaced the index's files)."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def search(
        self,
        querystring: str,
        filters: Filters | None = None,
        limit: int = 20,
        notes: NotesIndex | None = None,
    ) -> SearchResult:
        try:
            with self._lock:  # a Whoosh searcher serves one query at a time
                searcher = self._current()
                compiled, total, found = run_search(searcher, querystring, filters, limit)
                include_closed = filters is None or filters.include_closed
                hits: list[Hit] = []
                for stored, score in found:
                    hit = page_hit(stored, score, compiled.marks, include_closed)
                    if hit is None:
                        total -= 1
                    else:
                        hits.append(hit)
                suggestion = suggest(searcher, querystring, compiled.words)
        except IndexDamaged:
            self.forget()
            raise
        if notes is not None and len(notes):
            note_total, note_hits = notes.search(querystring, filters, limit)
            total += note_total
            hits.extend(note_hits)
        return SearchResult(querystring, suggestion, total, order_hits(hits)[: max(limit, 0)])
