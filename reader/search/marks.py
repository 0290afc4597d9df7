"""Which words of a page a search query matched, so the reader can mark them on the page.

The reader opens a search hit with its words marked; the words must be the ones the search
counted, so they are chosen the way the index chose them: Danish stems (``reformen`` marks
``reform``), a long word as the end of a compound (``reform`` marks ``sundhedsreformen``),
``prefix*`` for the beginning of a word, a phrase as one span where its words stand in a
row. Excluded
words (``-word``) are not marked. No index is needed: this reads the query and the text.
"""

from __future__ import annotations

from reader.search.analysis import (
    COMPOUND_HEAD_MIN,
    COMPOUND_MODIFIER_MIN,
    Tok,
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
    toks = tokens(text)
    spans: list[Span] = []
    for clause in clauses:
        spans.extend(_clause_spans(clause, toks))
    return _merged(spans)


def _clause_spans(clause: Clause, toks: list[Tok]) -> list[Span]:
    if clause.kind == "prefix":
        prefix = normalise(clause.text)
        if len(prefix) < 2:
            return []
        stemmed = stem(prefix)
        return [
            (t.start, t.end)
            for t in toks
            if t.word.startswith(prefix) or t.stem.startswith(prefix) or t.stem == stemmed
        ]
    stems = [t.stem for t in tokens(clause.text)]
    if not stems:
        return []
    if len(stems) == 1:
        return [(t.start, t.end) for t in toks if _word_matches(stems[0], t.stem)]
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
