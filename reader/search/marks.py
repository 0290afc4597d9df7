"""Which words of a page a search query matched, so the reader can mark them on the page.

The reader opens a search hit with its words marked; the words must be the ones the search
counted, so they are chosen the way the index chose them: Danish stems (``reformen`` marks
``reform``), every form of a word (``plads`` marks ``pladser``), a long word as the end of a
compound (``reform`` marks ``sundhedsreformen``), ``prefix*`` for the beginning of a word, a
phrase as one span where its words stand in a row. Excluded words (``-word``) are not
marked. No index is needed: this reads the query and the text.
"""

from __future__ import annotations

from reader.search import lemmas
from reader.search.analysis import (
    COMPOUND_HEAD_MIN,
    COMPOUND_MODIFIER_MIN,
    Tok,
    detect_language,
    normalise,
    stem,
    tokens,
)
from reader.search.syntax import Clause, parse

Span = tuple[int, int]


def matching_spans(query: str, text: str) -> list[Span]:
    """The (start, end) character ranges of ``text`` that ``query`` matches, in order,
    without overlaps."""
    clauses = [c for group in parse(query) for c in group if not c.negated]
    if not clauses or not text:
        return []
    lang = detect_language(text)
    # the lemma table is loaded by the search that found the page, off the UI thread; if it
    # is not (yet), every form with the typed stem is marked, and the table loads meanwhile
    keys = lemmas.loaded(lang)
    if not keys:
        lemmas.preload([lang])
    toks = tokens(text, lang=lang, keys=keys)
    spans: list[Span] = []
    for clause in clauses:
        spans.extend(_clause_spans(clause, toks, lang, keys))
    return _merged(spans)


def _clause_spans(clause: Clause, toks: list[Tok], lang: str, keys: bool) -> list[Span]:
    if clause.kind == "prefix":
        prefix = normalise(clause.text)
        if len(prefix) < 2:
            return []
        stemmed = stem(prefix, lang)
        return [
            (t.start, t.end)
            for t in toks
            if t.word.startswith(prefix) or t.stem.startswith(prefix) or t.stem == stemmed
        ]
    wanted = tokens(clause.text, lang=lang, keys=keys)
    stems = [t.stem for t in wanted]
    if not stems:
        return []
    if len(stems) == 1:
        key = wanted[0].key
        return [
            (t.start, t.end)
            for t in toks
            if t.stem == stems[0] or _word_matches(key, t.key) or _word_matches(key, t.stem)
        ]
    # a phrase (quoted, or a hyphenated word the analysis split): its stems in a row
    n = len(stems)
    out: list[Span] = []
    for i in range(len(toks) - n + 1):
        if all(toks[i + k].stem == stems[k] for k in range(n)):
            out.append((toks[i].start, toks[i + n - 1].end))
    return out


def _word_matches(wanted: str, found: str) -> bool:
    """A word's stem, or the end of a compound: ``reform`` in ``sundhedsreform``."""
    if found == wanted:
        return True
    return (
        len(wanted) >= COMPOUND_HEAD_MIN
        and found.endswith(wanted)
        and len(found) >= len(wanted) + COMPOUND_MODIFIER_MIN
    )


def _merged(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(set(spans)):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
