"""What a search returns: filters, hits, their grouping by meeting and item, the result.

Filters (body, dates, document kind, closed items) restrict a search without changing its
ranking. The CLI, the UI and both indexes (pages on disk, notes in memory) share these plain
records; they hold no index and run nothing, so every part of a search can build or read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from reader.search._whoosh import query as wq
from reader.search.limits import Notice

KINDS = ("agenda", "minutes", "attachment")


@dataclass(frozen=True)
class Filters:
    body: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kinds: tuple[str, ...] = ()  # empty: all kinds
    include_closed: bool = True
    meeting: int | None = None

    @property
    def dates(self) -> tuple[datetime | None, datetime | None] | None:
        """The date range as datetimes, or None when dates are not filtered."""
        if not (self.date_from or self.date_to):
            return None
        start = datetime.combine(self.date_from, time.min) if self.date_from else None
        end = datetime.combine(self.date_to, time.max) if self.date_to else None
        return start, end

    def query(self, dates: bool = True) -> Any:
        """A Whoosh filter, or None when nothing is filtered.

        ``dates=False`` leaves the date range out, for a caller that applies it from the
        date column (see :func:`run_search`).
        """
        parts: list[Any] = []
        if self.body:
            parts.append(wq.Term("body", self.body.casefold()))
        if dates and self.dates is not None:
            parts.append(wq.DateRange("date", *self.dates))
        if self.kinds:
            parts.append(wq.Or([wq.Term("kind", k) for k in self.kinds]))
        if not self.include_closed:
            parts.append(wq.Not(wq.Term("closed", "1")))
        if self.meeting is not None:
            parts.append(wq.Term("meeting", str(self.meeting)))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)


@dataclass
class Hit:
    meeting: int | None
    meeting_title: str
    body: str
    date: str | None
    document: int | None
    document_title: str
    kind: str
    item: str | None
    item_title: str | None
    section: str | None
    page: int | None
    snippet: str  # HTML: the text escaped, matched words in <b>...</b>
    score: float
    closed: bool = False
    note: str | None = None  # a personal note (from the in-memory notes index)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "meeting": self.meeting,
            "meeting_title": self.meeting_title,
            "body": self.body,
            "date": self.date,
            "document": self.document,
            "document_title": self.document_title,
            "kind": self.kind,
            "item": self.item,
            "item_title": self.item_title,
            "section": self.section,
            "page": self.page,
            "snippet": self.snippet,
            "score": round(self.score, 4),
            "closed": self.closed,
        }
        if self.note is not None:
            data["note"] = self.note
        return data


@dataclass
class HitGroup:
    """The hits of one agenda item (or of a document outside any item) of one meeting."""

    meeting: int | None
    meeting_title: str
    body: str
    date: str | None
    item: str | None
    item_title: str | None
    hits: list[Hit] = field(default_factory=list)

    @property
    def score(self) -> float:
        return max((h.score for h in self.hits), default=0.0)


@dataclass
class SearchResult:
    query: str
    suggestion: str | None
    total: int  # pages (and notes) that match, not only those returned; a lower bound if partial
    hits: list[Hit]  # best group first, a group's hits together, best first
    notices: list[Notice] = field(default_factory=list)  # bounds reached, the index's state
    partial: bool = False  # cut short (time or cancelled): hits and total are what was found
    index: str = "ready"  # "building" or "missing": there was no index to search

    def groups(self) -> list[HitGroup]:
        return group_hits(self.hits)

    def to_json(self, lang: str | None = None) -> dict[str, object]:
        return {
            "query": self.query,
            "suggestion": self.suggestion,
            "total": self.total if self.index == "ready" else None,
            "partial": self.partial,
            "index": self.index,
            "notices": [n.to_json(lang) for n in self.notices],
            "hits": [h.to_json() for h in self.hits],
        }


def _group_key(h: Hit) -> tuple[object, ...]:
    return (h.meeting, h.item) if h.item else (h.meeting, None, h.document, h.note)


def group_hits(hits: Iterable[Hit]) -> list[HitGroup]:
    """Hits grouped by meeting and agenda item, the group with the best hit first."""
    groups: dict[tuple[object, ...], HitGroup] = {}
    for h in sorted(hits, key=lambda h: -h.score):
        key = _group_key(h)
        if key not in groups:
            groups[key] = HitGroup(h.meeting, h.meeting_title, h.body, h.date, h.item, h.item_title)
        groups[key].hits.append(h)
    return list(groups.values())


def order_hits(hits: list[Hit]) -> list[Hit]:
    """Flatten the groups: best group first, each group's hits together, best first."""
    return [h for g in group_hits(hits) for h in g.hits]
