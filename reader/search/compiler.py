"""Compiling parsed clauses to Whoosh queries, within a query's expansion bounds.

A word becomes its stem (the form typed, ranked first), its key (every other form of it: see
``analysis.py``) and the compounds it ends, in each language the index holds; a prefix
becomes the index words it
stands for, the most common first when there are too many; the unions of many terms stop
when the search's budget runs out. Kept apart from parsing (text only) and running
(collecting matches), since this is where a query meets the index's terms.
"""

from __future__ import annotations

import heapq
import os
from dataclasses import dataclass, field
from typing import Any

from reader.search._whoosh import matching
from reader.search._whoosh import query as wq
from reader.search.analysis import (
    COMPOUND_HEAD_MIN,
    COMPOUND_MODIFIER_MIN,
    Tok,
    normalise,
    reverse,
    stem,
    tokens,
)
from reader.search.lemmas import LANGUAGES, lemma
from reader.search.limits import DEFAULT_LIMITS, Budget, Limits, Notice
from reader.search.snippets import Marks
from reader.search.syntax import Clause, bounded_parse

COMPOUND_BOOST = 0.5  # a word found only inside a compound ranks below the word itself
EXACT_BOOST = 2.0  # the form typed (its stem) ranks above the word's other forms
MAX_COMPOUNDS = 200  # compounds one word may expand to
COMPOUND_SCAN = 5000  # reversed index words looked at for one word's compounds


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
    languages: list[str] = field(default_factory=lambda: ["da"])


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


def languages(reader: Any) -> list[str]:
    """The languages of the index's pages (Danish for an index from before they were kept)."""
    found = [lang for lang in LANGUAGES if reader.doc_frequency("lang", lang)]
    return found or ["da"]


def _word_query(
    reader: Any,
    toks: list[Tok],
    marks: Marks,
    compounds: _Allowance | None,
    exact: bool = False,
    lang: str = "da",
) -> Any:
    if len(toks) > 1:
        stems = [t.stem for t in toks]
        marks.stems.update(stems)
        return wq.Phrase("text", stems)
    tok = toks[0]
    st, key = tok.stem, tok.key
    marks.stems.add(st)
    if exact:  # one word in quotes: this form only
        return wq.Term("text", st)
    marks.keys.add(key)
    parts: list[Any] = [wq.Term("text", st, boost=EXACT_BOOST)]
    if key != st:
        parts.append(wq.Term("text", key))
    parts.append(wq.Term("forms", key))
    term = wq.Or(parts)
    if compounds is None or len(key) < COMPOUND_HEAD_MIN:
        return term
    heads = [key]
    if lang == "de":
        # German stems long compounds harder than their head ("gemeinderatssitzungen" →
        # "gemeinderatssitz", "sitzung" → "sitzung"): the lemma is indexed reversed too
        heads.append(lemma(tok.word, lang) or tok.word)
    found: list[str] = []
    room = min(compounds.per_word_compounds, compounds.compounds)
    for head in dict.fromkeys(heads):
        rev = reverse(head)
        if room <= len(found):
            break
        for t in prefix_words(reader, "rev", rev, COMPOUND_SCAN)[0]:
            text = t.decode("utf-8")
            if len(text) >= len(rev) + COMPOUND_MODIFIER_MIN and text not in found:
                found.append(text)
                if len(found) >= room:
                    break
    if not found:
        return term
    compounds.compounds -= len(found)
    marks.heads.add(key)
    # many terms: an array union is far faster than Whoosh's binary tree of unions
    union = _BoundedOr([wq.Term("rev", t) for t in found], COMPOUND_BOOST, compounds.budget)
    return wq.Or([term, union])


_PREFIXES_KEPT = 512  # prefixes whose index words one open index remembers


def prefix_words(reader: Any, field: str, prefix: str, scan: int) -> tuple[list[bytes], bool]:
    """The index words starting with ``prefix`` (at most ``scan``), and whether that is all.

    Remembered on the open reader (a commit opens a new one): a member typing
    ``praktikpl``, ``praktikpla``, ``praktikplad`` reads the term index once, and each
    longer prefix is the shorter one's list filtered.
    """
    cache: dict[tuple[str, str], tuple[list[bytes], bool]] | None = getattr(
        reader, "_moedemappe_prefixes", None
    )
    if cache is None:
        cache = {}
        reader._moedemappe_prefixes = cache
    key = (field, prefix)
    found = cache.get(key)
    if found is not None and (found[1] or len(found[0]) >= scan):
        return found
    for n in range(len(prefix) - 1, 1, -1):
        shorter = cache.get((field, prefix[:n]))
        if shorter is not None and shorter[1]:
            bprefix = prefix.encode("utf-8")
            found = ([w for w in shorter[0] if w.startswith(bprefix)], True)
            break
    else:
        words: list[bytes] = []
        complete = True
        for t in reader.expand_prefix(field, prefix):
            words.append(t if isinstance(t, bytes) else str(t).encode("utf-8"))
            if len(words) >= scan:
                complete = False
                break
        found = (words, complete)
    if len(cache) >= _PREFIXES_KEPT:
        cache.clear()
    cache[key] = found
    return found


def _frequencies(reader: Any, field: str, words: list[bytes], budget: Budget | None) -> Any:
    """A lookup of each word's page count, remembered on the open reader."""
    cache: dict[tuple[str, bytes], int] | None = getattr(reader, "_moedemappe_df", None)
    if cache is None or len(cache) > 200_000:
        cache = {}
        reader._moedemappe_df = cache
    missing = [t for t in words if (field, t) not in cache]
    if len(missing) >= _WALK_MIN and _walk_frequencies(reader, field, missing, cache, budget):
        return lambda t: cache[(field, t)]
    for i, t in enumerate(missing):
        if budget is not None and i % 256 == 0:
            budget.check()
        cache[(field, t)] = reader.doc_frequency(field, t)
    return lambda t: cache[(field, t)]


_WALK_MIN = 32  # words whose page counts are read in one walk per segment, not one lookup each


def _walk_frequencies(
    reader: Any,
    field: str,
    words: list[bytes],
    cache: dict[tuple[str, bytes], int],
    budget: Budget | None,
) -> bool:
    """The page counts of many words that share a beginning (a prefix's), summed over the
    segments from one walk over each segment's stretch of the term index: a lookup per
    word and segment took 85 ms for a prefix of 5,000 words in 100,000 pages. False when
    the reader's term index is not Whoosh's own (then the caller looks them up)."""
    leaves = [leaf for leaf, _ in reader.leaf_readers()]
    if not all(hasattr(getattr(leaf, "_terms", None), "items_from") for leaf in leaves):
        return False
    ordered = sorted(words)
    prefix = os.path.commonprefix(ordered)  # noqa: RUF071 - words, not paths
    last = ordered[-1]
    counts = dict.fromkeys(words, 0)
    for leaf in leaves:
        for i, ((fname, btext), info) in enumerate(leaf._terms.items_from(field, prefix)):
            if fname != field or btext > last:
                break
            if budget is not None and i % 256 == 0:
                budget.check()
            if btext in counts:
                counts[btext] += info.doc_frequency()
    for t, n in counts.items():
        cache[(field, t)] = n
    return True


def _expand(reader: Any, field: str, prefix: str, allowance: _Allowance) -> tuple[list[str], bool]:
    """The index words ``prefix`` stands for, the most common first if there are more than
    the allowance, and whether some were left out."""
    limit = min(allowance.per_prefix, allowance.expansions)
    if limit <= 0:
        return [], True
    words, complete = prefix_words(reader, field, prefix, max(allowance.scan, limit + 1))
    over = len(words) > limit or not complete
    if over:
        # the frequency of each candidate costs a term lookup: only when it must choose
        words = words[: max(allowance.scan, limit)]
        allowance.scan -= len(words)
        frequency = _frequencies(reader, field, words, allowance.budget)
        words = heapq.nlargest(limit, words, key=frequency)
    allowance.expansions -= len(words)
    return [t.decode("utf-8") for t in words], over


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
    compounds = allowance if clause.kind == "word" else None
    queries: list[Any] = []
    seen: set[tuple[str, ...]] = set()
    for lang in allowance.languages:
        toks = tokens(clause.text, lang=lang)
        shape = tuple(t.stem + "\0" + t.key for t in toks)
        if toks and shape not in seen:
            seen.add(shape)
            exact = clause.kind == "phrase"
            queries.append(_word_query(reader, toks, marks, compounds, exact, lang))
    if not queries:
        return None  # only stop words or punctuation
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def compile_query(
    reader: Any, querystring: str, limits: Limits = DEFAULT_LIMITS, budget: Budget | None = None
) -> Compiled:
    """The Whoosh query for what the member typed, within ``limits``; its unions of many
    terms stop when ``budget`` runs out."""
    groups, notices = bounded_parse(querystring, limits)
    allowance = _allowance(groups, limits)
    allowance.budget = budget
    allowance.languages = languages(reader)
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
