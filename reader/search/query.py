"""Queries: the syntax a council member types, filters, ranking, snippets and suggestions.

Syntax: plain words must all match (in any form: ``reformen`` finds ``reform``, and as the end
of a compound, ``sundhedsreformen``); ``"ikke godkendt"`` is a phrase; ``a OR b``; ``-word``
or ``-"a phrase"`` excludes; ``prefix*`` matches the beginning of words. Filters (body, dates,
document kind, closed items) restrict without changing the ranking.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from reader.search._whoosh import collectors, times
from reader.search._whoosh import query as wq
from reader.search.analysis import (
    COMPOUND_HEAD_MIN,
    COMPOUND_MODIFIER_MIN,
    normalise,
    reverse,
    stem,
    tokens,
)
from reader.search.index import IndexDamaged
from reader.search.pages import Region

COMPOUND_BOOST = 0.5  # a word found only inside a compound ranks below the word itself
MAX_COMPOUNDS = 200  # compounds one word may expand to
MAX_PREFIX_TERMS = 500
SNIPPET_CHARS = 220
KINDS = ("agenda", "minutes", "attachment")

# -- parsing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    kind: str  # "word", "phrase" or "prefix"
    text: str
    negated: bool = False


_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse(querystring: str) -> list[list[Clause]]:
    """A conjunction of disjunctions: ``a b OR c -d`` is ``[[a], [b, c], [-d]]``."""
    groups: list[list[Clause]] = []
    join_next = False
    for m in _PART.finditer(querystring):
        if m.group(3) is not None:
            raw = m.group(3)
            if raw in ("OR", "ELLER", "|"):
                join_next = bool(groups)
                continue
            if raw in ("AND", "OG", "&"):
                continue
            negated = raw.startswith("-") and len(raw) > 1
            raw = raw[1:] if negated else raw
            raw = raw.lstrip("+")
            if raw.endswith("*") and len(raw.rstrip("*")) >= 2:
                clause = Clause("prefix", raw.rstrip("*"), negated)
            else:
                clause = Clause("word", raw.rstrip("*"), negated)
        else:
            clause = Clause("phrase", m.group(2), bool(m.group(1)))
        if join_next and not clause.negated and not groups[-1][0].negated:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next = False
    return groups


# -- filters and results --------------------------------------------------------------------


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
    total: int  # pages (and notes) that match, not only those returned
    hits: list[Hit]  # best group first, a group's hits together, best first

    def groups(self) -> list[HitGroup]:
        return group_hits(self.hits)

    def to_json(self) -> dict[str, object]:
        return {
            "query": self.query,
            "suggestion": self.suggestion,
            "total": self.total,
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


# -- compiling ------------------------------------------------------------------------------


@dataclass
class Marks:
    """What a snippet marks: stems of words and phrases, compound heads, word prefixes."""

    stems: set[str] = field(default_factory=set)
    heads: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)

    def matches(self, stem_: str, word: str) -> bool:
        if stem_ in self.stems:
            return True
        if any(
            stem_.endswith(h) and len(stem_) >= len(h) + COMPOUND_MODIFIER_MIN for h in self.heads
        ):
            return True
        return any(word.startswith(p) or stem_.startswith(p) for p in self.prefixes)


@dataclass
class Compiled:
    query: Any  # a Whoosh query, or None if nothing is left to search for
    marks: Marks
    words: list[str]  # plain words the user typed, for spelling suggestions


def _word_query(reader: Any, stems: list[str], marks: Marks, compounds: bool) -> Any:
    if len(stems) > 1:
        marks.stems.update(stems)
        return wq.Phrase("text", stems)
    st = stems[0]
    marks.stems.add(st)
    term = wq.Term("text", st)
    if not compounds or len(st) < COMPOUND_HEAD_MIN:
        return term
    rev = reverse(st)
    found: list[str] = []
    for t in reader.expand_prefix("rev", rev):
        text = t.decode("utf-8") if isinstance(t, bytes) else str(t)
        if len(text) >= len(rev) + COMPOUND_MODIFIER_MIN:
            found.append(text)
            if len(found) >= MAX_COMPOUNDS:
                break
    if not found:
        return term
    marks.heads.add(st)
    # many terms: an array union is far faster than Whoosh's binary tree of unions
    compounds = wq.PreloadedOr([wq.Term("rev", t) for t in found], boost=COMPOUND_BOOST)
    return wq.Or([term, compounds])


def _expand(reader: Any, field: str, prefix: str, limit: int) -> list[str]:
    out: list[str] = []
    for t in reader.expand_prefix(field, prefix):
        out.append(t.decode("utf-8") if isinstance(t, bytes) else str(t))
        if len(out) >= limit:
            break
    return out


def _clause_query(reader: Any, clause: Clause, marks: Marks) -> Any:
    if clause.kind == "prefix":
        # Stems are what the index holds: "fingerpla*" finds the stem "fingerplan"; a typed
        # prefix longer than its words' stem ("kommunerne*") falls back to its own stem.
        prefix = normalise(clause.text)
        if len(prefix) < 2:
            return None
        terms = _expand(reader, "text", prefix, MAX_PREFIX_TERMS)
        if not terms:
            prefix = stem(prefix)
            terms = _expand(reader, "text", prefix, MAX_PREFIX_TERMS) if len(prefix) > 1 else []
        if not terms:
            return wq.NullQuery
        marks.prefixes.add(prefix)
        return wq.PreloadedOr([wq.Term("text", t) for t in terms])
    stems = [t.stem for t in tokens(clause.text)]
    if not stems:
        return None  # only stop words or punctuation
    return _word_query(reader, stems, marks, compounds=clause.kind == "word")


def compile_query(reader: Any, querystring: str) -> Compiled:
    marks = Marks()
    ignored = Marks()  # excluded words are not marked in snippets
    musts: list[Any] = []
    nots: list[Any] = []
    words: list[str] = []
    for group in parse(querystring):
        if group[0].negated:
            q = _clause_query(reader, group[0], ignored)
            if q is not None:
                nots.append(q)
            continue
        parts = [q for c in group if (q := _clause_query(reader, c, marks)) is not None]
        words.extend(c.text for c in group if c.kind == "word")
        if parts:
            musts.append(parts[0] if len(parts) == 1 else wq.Or(parts))
    if not musts:
        return Compiled(None, marks, words)
    query = musts[0] if len(musts) == 1 else wq.And(musts)
    if nots:
        query = wq.AndNot(query, wq.Or(nots) if len(nots) > 1 else nots[0])
    return Compiled(query, marks, words)


# -- suggestions ----------------------------------------------------------------------------


def suggest(searcher: Any, querystring: str, words: Sequence[str]) -> str | None:
    """The query with each word the index does not know replaced by the closest known word.

    Candidates are stems within two edits of the word's stem, the most frequent first; the
    word shown is the form of that stem a page actually uses.
    """
    reader = searcher.reader()
    changed = querystring
    any_change = False
    for raw in words:
        toks = tokens(raw)
        if len(toks) != 1:
            continue
        tok = toks[0]
        if reader.doc_frequency("text", tok.stem) or reader.doc_frequency("rev", reverse(tok.stem)):
            continue
        best: tuple[int, int, str] | None = None
        for dist in (1, 2):
            for cand in reader.terms_within("text", tok.stem, dist, prefix=1):
                key = (dist, -int(reader.doc_frequency("text", cand)), cand)
                if cand != tok.stem and (best is None or key < best):
                    best = key
            if best is not None:
                break
        if best is None:
            continue
        replacement = _surface(searcher, best[2], tok.word)
        if raw[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        changed = re.sub(rf"(?<!\w){re.escape(raw)}(?!\w)", replacement, changed, count=1)
        any_change = True
    return changed if any_change else None


def _surface(searcher: Any, stem_: str, typed: str) -> str:
    """The form of ``stem_`` on the best page that has it, closest to what was typed."""
    forms: dict[str, int] = {}
    for hit in searcher.search(wq.Term("text", stem_), limit=3):
        for t in tokens(str(hit.get("text", ""))):
            if t.stem == stem_:
                forms[t.word] = forms.get(t.word, 0) + 1
    if not forms:
        return stem_
    return min(forms, key=lambda w: (_distance(w, typed), -forms[w], w))


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# -- snippets -------------------------------------------------------------------------------


def snippet(text: str, marks: Marks, width: int = SNIPPET_CHARS) -> tuple[str, int]:
    """The stretch of ``text`` with the most distinct matched words, as HTML, and its offset.

    Looks at the whole page, however long: a match on page end gets its snippet too.
    """
    toks = tokens(text)
    hits = [t for t in toks if marks.matches(t.stem, t.word)]
    if not hits:
        start = 0
        end = min(len(text), width)
        return _render(text, start, end, []), 0
    best_i, best_score = 0, -1.0
    j = 0
    for i, first in enumerate(hits):
        while j < len(hits) and hits[j].end - first.start <= width:
            j += 1
        window = hits[i:j]
        score = len({t.stem for t in window}) + 0.01 * len(window)
        if score > best_score:
            best_i, best_score = i, score
    first = hits[best_i]
    inside = [t for t in hits[best_i:] if t.end - first.start <= width]
    span = inside[-1].end - first.start
    pad = max(0, (width - span) // 2)
    start = max(0, first.start - pad)
    end = min(len(text), max(inside[-1].end, start + width))
    # widen to whole words
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return _render(text, start, end, inside), first.start


def _render(text: str, start: int, end: int, marked: Sequence[Any]) -> str:
    out: list[str] = ["…" if start > 0 else ""]
    pos = start
    for t in marked:
        out.append(html.escape(text[pos : t.start]))
        out.append(f"<b>{html.escape(text[t.start : t.end])}</b>")
        pos = t.end
    out.append(html.escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return " ".join("".join(out).split())


def region_at(regions: Sequence[Region], offset: int) -> Region | None:
    found = None
    for r in regions:
        if r.offset <= offset:
            found = r
    return found


# -- searching ------------------------------------------------------------------------------


def run_search(
    searcher: Any,
    querystring: str,
    filters: Filters | None = None,
    limit: int = 20,
) -> tuple[Compiled, int, list[tuple[dict[str, Any], float]]]:
    """Search one index; returns the compiled query, the total and (stored fields, score)."""
    try:
        compiled = compile_query(searcher.reader(), querystring)
        if compiled.query is None:
            return compiled, 0, []
        filters = filters or Filters()
        allow = _allowed(searcher, filters)
        if isinstance(allow, set) and not allow:
            return compiled, 0, []  # Whoosh would take an empty set for "no filter"
        # One pass that scores and counts every match. Whoosh's default skips blocks that
        # cannot reach the top N, then runs the whole query again to count (twice the
        # work), and its matcher replacement drops matches from the count.
        collector: Any = collectors.TopCollector(limit=max(1, limit), usequality=False, replace=0)
        if allow is not None:
            collector = collectors.FilterCollector(collector, allow=allow)
        searcher.search_with_collector(compiled.query, collector)
        results = collector.results()
        total = len(results)
        found = [(dict(hit.fields()), float(hit.score or 0.0)) for hit in results]
    except (OSError, EOFError, ValueError, KeyError, IndexError) as exc:
        raise IndexDamaged(f"{type(exc).__name__}: {exc}") from exc
    return compiled, total, found


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
    regions = [Region.from_list(r) for r in info.get("regions", [])]
    if not include_closed and any(r.closed for r in regions):
        open_text = _without_closed(text, regions)
        if not any(marks.matches(t.stem, t.word) for t in tokens(open_text)):
            return None
        text = open_text
    html_snippet, offset = snippet(text, marks)
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


def order_hits(hits: list[Hit]) -> list[Hit]:
    """Flatten the groups: best group first, each group's hits together, best first."""
    return [h for g in group_hits(hits) for h in g.hits]


def with_hits(result: SearchResult, extra: list[Hit], extra_total: int) -> SearchResult:
    return replace(
        result, hits=order_hits([*result.hits, *extra]), total=result.total + extra_total
    )
