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
        self._ix: Any = None
        self._lock = threading.Lock()

    def _index(self) -> Any:
        with self._lock:
            if self._ix is None:
                self._ix = open_index(self.paths)
            else:
                try:
                    self._ix = self._ix.refresh()
                except Exception as exc:
                    self._ix = None
                    raise IndexDamaged(f"{type(exc).__name__}: {exc}") from exc
            return self._ix

    def forget(self) -> None:
        """Drop the open index (after a rebuild replaced its files)."""
        with self._lock:
            self._ix = None

    def search(
        self,
        querystring: str,
        filters: Filters | None = None,
        limit: int = 20,
        notes: NotesIndex | None = None,
    ) -> SearchResult:
        try:
            ix = self._index()
            with ix.searcher() as searcher:
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
