"""Queries: the syntax a council member types, filters, ranking, snippets and suggestions.

Syntax: plain words must all match (in any form: ``reformen`` finds ``reform``, and as the end
of a compound, ``sundhedsreformen``); ``"ikke godkendt"`` is a phrase; ``a OR b``; ``-word``
or ``-"a phrase"`` excludes; ``prefix*`` matches the beginning of words. Filters (body, dates,
document kind, closed items) restrict without changing the ranking.
"""

from __future__ import annotations

import heapq
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from reader.search._whoosh import collectors, matching, times
from reader.search._whoosh import query as wq
from reader.search.analysis import (
    COMPOUND_HEAD_MIN,
    COMPOUND_MODIFIER_MIN,
    normalise,
    reverse,
    stem,
    tokens,
)
from reader.search.index import unreadable
from reader.search.limits import DEFAULT_LIMITS, Budget, Limits, Notice, SearchStopped
from reader.search.pages import Region

COMPOUND_BOOST = 0.5  # a word found only inside a compound ranks below the word itself
MAX_COMPOUNDS = 200  # compounds one word may expand to
SNIPPET_CHARS = 220
SUGGEST_WORDS = 5  # unknown words a spelling suggestion is looked for
SUGGEST_WORD_CHARS = 30  # longer words get none: the edit automaton grows with the word
KINDS = ("agenda", "minutes", "attachment")

# -- parsing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    kind: str  # "word", "phrase" or "prefix"
    text: str
    negated: bool = False


_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORDLIKE = re.compile(r"\w")


def parse(querystring: str, max_words: int | None = None) -> list[list[Clause]]:
    """A conjunction of disjunctions: ``a b OR c -d`` is ``[[a], [b, c], [-d]]``."""
    return _parse(querystring, max_words)[0]


def _parse(querystring: str, max_words: int | None) -> tuple[list[list[Clause]], bool]:
    """The groups, and whether words past ``max_words`` were left out.

    One pass over the text, no recursion: the syntax has no nesting (a parenthesis is
    punctuation), so no query, however deep its brackets, can exhaust the stack.
    """
    groups: list[list[Clause]] = []
    join_next = False
    left = max_words
    for m in _PART.finditer(querystring):
        if m.group(3) is not None:
            raw = m.group(3)
            if raw in ("OR", "ELLER", "|"):
                join_next = bool(groups)
                continue
            if raw in ("AND", "OG", "&") or not _WORDLIKE.search(raw):
                continue  # punctuation alone finds nothing and costs no word
            negated = raw.startswith("-") and len(raw) > 1
            raw = raw[1:] if negated else raw
            raw = raw.lstrip("+")
            if raw.endswith("*") and len(raw.rstrip("*")) >= 2:
                clause = Clause("prefix", raw.rstrip("*"), negated)
            else:
                clause = Clause("word", raw.rstrip("*"), negated)
            size = 1
        else:
            words = [w for w in m.group(2).split() if _WORDLIKE.search(w)]
            size = len(words)
            if left is not None and size > left:
                words = words[:left]
            if not words:
                continue
            clause = Clause("phrase", " ".join(words), bool(m.group(1)))
        if left is not None:
            if left <= 0:
                return groups, True
            left -= size
        if join_next and not clause.negated and not groups[-1][0].negated:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next = False
        if left is not None and left < 0:
            return groups, True  # a phrase cut short
    return groups, False


def bounded_parse(querystring: str, limits: Limits) -> tuple[list[list[Clause]], list[Notice]]:
    """The query as parsed within ``limits``, and a notice for each bound it reached."""
    notices: list[Notice] = []
    if len(querystring) > limits.chars:
        querystring = querystring[: limits.chars]
        notices.append(Notice("query_chars", limits.chars))
    groups, cut = _parse(querystring, limits.words)
    if cut:
        notices.append(Notice("query_words", limits.words))
    return groups, notices


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
    notices: list[Notice] = field(default_factory=list)


@dataclass
class _Allowance:
    """What is left of a query's expansion bounds while its clauses are compiled."""

    per_prefix: int
    expansions: int
    scan: int
    per_word_compounds: int
    compounds: int
    budget: Budget | None = None
    cut_prefixes: list[str] = field(default_factory=list)


class _BoundedUnion(matching.ArrayUnionMatcher):  # type: ignore[misc]
    """Whoosh's array union, stopping when the search's budget runs out.

    A conjunction of large unions (``ko* re* bu*``) does most of its work while Whoosh
    builds the matchers and looks for the first match, before any match reaches the
    collector; each union reads its terms' postings 2,048 pages at a time, and checks the
    budget before each such part.
    """

    def __init__(self, submatchers: list[Any], doccount: int, budget: Budget, **kw: Any) -> None:
        self._budget = budget
        super().__init__(submatchers, doccount, **kw)

    def _read_part(self) -> None:
        self._budget.check()
        super()._read_part()


class _BoundedOr(wq.PreloadedOr):  # type: ignore[misc]
    """A union of many terms (a prefix's words, a word's compounds) that keeps to a budget."""

    def __init__(self, subqueries: list[Any], boost: float = 1.0, budget: Budget | None = None):
        super().__init__(subqueries, boost=boost)
        self.budget = budget

    def _matcher(self, subs: list[Any], searcher: Any, context: Any) -> Any:
        if self.budget is None:
            return super()._matcher(subs, searcher, context)
        scored = context.weighting is not None if context else True
        ms = [sub.matcher(searcher, context) for sub in subs]
        doccount = searcher.doc_count_all()
        return _BoundedUnion(ms, doccount, self.budget, boost=self.boost, scored=scored)


def _allowance(groups: list[list[Clause]], limits: Limits) -> _Allowance:
    clauses = [c for g in groups for c in g]
    prefixes = sum(1 for c in clauses if c.kind == "prefix")
    words = sum(1 for c in clauses if c.kind == "word")
    return _Allowance(
        per_prefix=max(1, min(limits.prefix_terms, limits.expansions // max(1, prefixes))),
        expansions=limits.expansions,
        scan=limits.prefix_scan,
        per_word_compounds=max(1, min(MAX_COMPOUNDS, limits.compounds // max(1, words))),
        compounds=limits.compounds,
    )


def _word_query(reader: Any, stems: list[str], marks: Marks, compounds: _Allowance | None) -> Any:
    if len(stems) > 1:
        marks.stems.update(stems)
        return wq.Phrase("text", stems)
    st = stems[0]
    marks.stems.add(st)
    term = wq.Term("text", st)
    if compounds is None or len(st) < COMPOUND_HEAD_MIN:
        return term
    rev = reverse(st)
    found: list[str] = []
    room = min(compounds.per_word_compounds, compounds.compounds)
    if room > 0:
        for t in reader.expand_prefix("rev", rev):
            text = t.decode("utf-8") if isinstance(t, bytes) else str(t)
            if len(text) >= len(rev) + COMPOUND_MODIFIER_MIN:
                found.append(text)
                if len(found) >= room:
                    break
    if not found:
        return term
    compounds.compounds -= len(found)
    marks.heads.add(st)
    # many terms: an array union is far faster than Whoosh's binary tree of unions
    union = _BoundedOr([wq.Term("rev", t) for t in found], COMPOUND_BOOST, compounds.budget)
    return wq.Or([term, union])


def _expand(reader: Any, field: str, prefix: str, allowance: _Allowance) -> tuple[list[str], bool]:
    """The index words ``prefix`` stands for, the most common first if there are more than
    the allowance, and whether some were left out."""
    limit = min(allowance.per_prefix, allowance.expansions)
    if limit <= 0:
        return [], True
    words: list[bytes] = []
    over = False
    for t in reader.expand_prefix(field, prefix):
        words.append(t)
        if len(words) > limit:
            over = True
            if len(words) >= allowance.scan:
                break
    if over:
        # the frequency of each candidate costs a term lookup: only when it must choose
        allowance.scan -= len(words)
        frequency: dict[bytes, int] = {}
        for i, t in enumerate(words):
            if allowance.budget is not None and i % 256 == 0:
                allowance.budget.check()
            frequency[t] = reader.doc_frequency(field, t)
        words = heapq.nlargest(limit, words, key=frequency.__getitem__)
    allowance.expansions -= len(words)
    return [t.decode("utf-8") if isinstance(t, bytes) else str(t) for t in words], over


def _clause_query(reader: Any, clause: Clause, marks: Marks, allowance: _Allowance) -> Any:
    if clause.kind == "prefix":
        # Stems are what the index holds: "fingerpla*" finds the stem "fingerplan"; a typed
        # prefix longer than its words' stem ("kommunerne*") falls back to its own stem.
        prefix = normalise(clause.text)
        if len(prefix) < 2:
            return None
        terms, over = _expand(reader, "text", prefix, allowance)
        if not terms and not over:
            prefix = stem(prefix)
            if len(prefix) > 1:
                terms, over = _expand(reader, "text", prefix, allowance)
        if over:
            allowance.cut_prefixes.append(clause.text + "*")
        if not terms:
            return wq.NullQuery
        marks.prefixes.add(prefix)
        return _BoundedOr([wq.Term("text", t) for t in terms], budget=allowance.budget)
    stems = [t.stem for t in tokens(clause.text)]
    if not stems:
        return None  # only stop words or punctuation
    compounds = allowance if clause.kind == "word" else None
    return _word_query(reader, stems, marks, compounds)


def compile_query(
    reader: Any, querystring: str, limits: Limits = DEFAULT_LIMITS, budget: Budget | None = None
) -> Compiled:
    """The Whoosh query for what the member typed, within ``limits``; its unions of many
    terms stop when ``budget`` runs out."""
    groups, notices = bounded_parse(querystring, limits)
    allowance = _allowance(groups, limits)
    allowance.budget = budget
    marks = Marks()
    ignored = Marks()  # excluded words are not marked in snippets
    musts: list[Any] = []
    nots: list[Any] = []
    words: list[str] = []
    for group in groups:
        if budget is not None:
            budget.check()
        if group[0].negated:
            q = _clause_query(reader, group[0], ignored, allowance)
            if q is not None:
                nots.append(q)
            continue
        parts = [q for c in group if (q := _clause_query(reader, c, marks, allowance)) is not None]
        words.extend(c.text for c in group if c.kind == "word")
        if parts:
            musts.append(parts[0] if len(parts) == 1 else wq.Or(parts))
    if allowance.cut_prefixes:
        shown = ", ".join(allowance.cut_prefixes[:3])
        if len(allowance.cut_prefixes) > 3:
            shown += ", …"
        notices.append(Notice("prefix_terms", allowance.per_prefix, shown))
    if not musts:
        notices.append(Notice("only_excluded" if nots else "no_words"))
        return Compiled(None, marks, words, notices)
    query = musts[0] if len(musts) == 1 else wq.And(musts)
    if nots:
        query = wq.AndNot(query, wq.Or(nots) if len(nots) > 1 else nots[0])
    return Compiled(query, marks, words, notices)


# -- suggestions ----------------------------------------------------------------------------


def suggest(
    searcher: Any, querystring: str, words: Sequence[str], budget: Budget | None = None
) -> str | None:
    """The query with each word the index does not know replaced by the closest known word.

    Candidates are stems within two edits of the word's stem, the most frequent first; the
    word shown is the form of that stem a page actually uses. Looked for only for the first
    few unknown words of ordinary length, and not once the search's time is up.
    """
    reader = searcher.reader()
    changed = querystring
    any_change = False
    tried = 0
    for raw in words:
        toks = tokens(raw)
        if len(toks) != 1 or len(toks[0].stem) > SUGGEST_WORD_CHARS:
            continue
        if tried >= SUGGEST_WORDS or (budget is not None and budget.stopped() is not None):
            break
        tok = toks[0]
        if reader.doc_frequency("text", tok.stem) or reader.doc_frequency("rev", reverse(tok.stem)):
            continue
        tried += 1
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
        # One pass that scores and counts every match. Whoosh's default skips blocks that
        # cannot reach the top N, then runs the whole query again to count (twice the
        # work), and its matcher replacement drops matches from the count.
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
