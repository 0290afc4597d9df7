"""Spelling suggestions: the query with each unknown word replaced by the closest known one.

Asked for only after a search, from the index's own words; kept apart because it reads the
index in its own way (edit-distance automata, stored page text) and has its own bounds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reader.search._whoosh import query as wq
from reader.search.analysis import Tok, reverse, tokens
from reader.search.compiler import languages, prefix_words
from reader.search.limits import Budget

SUGGEST_WORDS = 5  # unknown words a spelling suggestion is looked for
SUGGEST_WORD_CHARS = 30  # longer words get none
SUGGEST_SCAN = 50_000  # index words with the same first two letters compared, at most


def suggest(
    searcher: Any, querystring: str, words: Sequence[str], budget: Budget | None = None
) -> str | None:
    """The query with each word the index does not know replaced by the closest known word.

    A word the index has in any form (``praktikplads`` where pages say ``praktikpladser``)
    gets none. Candidates are stems within two edits of the word's stem that begin with its
    first two letters, the nearest and then the most frequent first; the word shown is the
    form of that stem a page actually uses. Looked for only for the first few unknown words
    of ordinary length, and not once the search's time is up.
    """
    reader = searcher.reader()
    langs = languages(reader)
    lang = langs[0] if len(langs) == 1 else "da"
    changed = querystring
    any_change = False
    tried = 0
    for raw in words:
        toks = tokens(raw, lang=lang)
        if len(toks) != 1 or len(toks[0].stem) > SUGGEST_WORD_CHARS:
            continue
        if tried >= SUGGEST_WORDS or (budget is not None and budget.stopped() is not None):
            break
        if any(_known(reader, t) for other in langs for t in tokens(raw, lang=other)):
            continue
        tok = toks[0]
        tried += 1
        best = _closest(reader, tok.stem, budget)
        if best is None:
            continue
        replacement = _surface(searcher, best[2], tok.word)
        if raw[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        changed = re.sub(rf"(?<!\w){re.escape(raw)}(?!\w)", replacement, changed, count=1)
        any_change = True
    return changed if any_change else None


def _closest(reader: Any, stem_: str, budget: Budget | None) -> tuple[int, int, str] | None:
    """(edits, -pages, stem) of the index's nearest stem within two edits, or None.

    The index's stems with the same first two letters (remembered on the open index, as a
    typed prefix's are) and a length within two are compared with a banded edit distance
    that gives up past two: far cheaper than Whoosh's automaton walk of the term index.
    """
    if len(stem_) < 3:
        return None
    words, _complete = prefix_words(reader, "text", stem_[:2], SUGGEST_SCAN)
    best: tuple[int, int, str] | None = None
    n = len(stem_)
    for i, bword in enumerate(words):
        if budget is not None and not i % 1024:
            budget.check()
        if abs(len(bword) - n) > 2:  # bytes: æøå count twice, a looser filter
            continue
        cand = bword.decode("utf-8")
        if cand == stem_ or abs(len(cand) - n) > 2:
            continue
        dist = _within(stem_, cand, 2)
        if dist is None:
            continue
        key = (dist, -int(reader.doc_frequency("text", cand)), cand)
        if best is None or key < best:
            best = key
    return best


def _within(a: str, b: str, limit: int) -> int | None:
    """The edit distance of ``a`` and ``b`` (a swap of neighbours is one edit) if it is at
    most ``limit``, else None; stops as soon as every path is past the limit."""
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        lo = i
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            if v < lo:
                lo = v
        if lo > limit:
            return None
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else None


def _known(reader: Any, tok: Tok) -> bool:
    """Whether the index has the word in some form, or as the end of a compound."""
    return bool(
        reader.doc_frequency("text", tok.stem)
        or reader.doc_frequency("text", tok.key)
        or reader.doc_frequency("forms", tok.key)
        or reader.doc_frequency("rev", reverse(tok.stem))
        or reader.doc_frequency("rev", reverse(tok.key))
    )


def _surface(searcher: Any, stem_: str, typed: str) -> str:
    """The form of ``stem_`` on the best page that has it, closest to what was typed."""
    forms: dict[str, int] = {}
    for hit in searcher.search(wq.Term("text", stem_), limit=3):
        lang = str((hit.get("info") or {}).get("lang", "da"))
        for t in tokens(str(hit.get("text", "")), lang=lang, keys=False):
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
