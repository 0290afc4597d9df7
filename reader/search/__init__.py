"""Local full-text search: a Whoosh index of every current page, kept in step with the library.

``update_index`` brings the index up to date (resumable, one writer at a time);
``Searcher`` answers queries, each within ``Limits`` (size, expansions, time) and
cancellable; ``NotesIndex`` holds note text in memory only.
"""

from reader.search.indexer import IndexReport, update_index
from reader.search.limits import Limits, Notice
from reader.search.memory import NotesIndex
from reader.search.results import Filters, Hit, HitGroup, SearchResult
from reader.search.searcher import Searcher

__all__ = [
    "Filters",
    "Hit",
    "HitGroup",
    "IndexReport",
    "Limits",
    "NotesIndex",
    "Notice",
    "SearchResult",
    "Searcher",
    "update_index",
]
