"""Snippets: the stretch of a page that shows why it matched, the matched words in bold.

A query's marks (stems, compound heads, prefixes) say which words to bold; finding the best
window and escaping it as HTML is apart from compiling and running, so the in-memory notes
index and the page index make their snippets the same way.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.search.analysis import (
    COMPOUND_MODIFIER_MIN,
    STOP_WORDS,
    STOPS,
    TOKEN_RE,
    Tok,
    key,
    normalise,
    stem,
)
from reader.search.pages import Region

SNIPPET_CHARS = 220


@dataclass
class Marks:
    """What a snippet marks: stems of words and phrases, keys of words (their other forms),
    compound heads (keys), word prefixes."""

    stems: set[str] = field(default_factory=set)
    heads: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)

    def needle(self) -> re.Pattern[str] | None:
        """A pattern every matching word contains (a stem, key, head or prefix of the
        query), to pass over the others without analysing them; None when there is none."""
        parts = self.stems | self.keys | self.heads | self.prefixes
        if not parts or any(len(p) < 2 for p in parts):
            return None
        ordered = sorted(parts, key=len, reverse=True)
        return re.compile("|".join(re.escape(p) for p in ordered), re.IGNORECASE)

    def matches(self, stem_: str, word: str, key: str = "") -> bool:
        if stem_ in self.stems or (key and key in self.keys):
            return True
        key = key or stem_
        if any(
            (key.endswith(h) and len(key) >= len(h) + COMPOUND_MODIFIER_MIN)
            or (stem_.endswith(h) and len(stem_) >= len(h) + COMPOUND_MODIFIER_MIN)
            for h in self.heads
        ):
            return True
        return any(word.startswith(p) or stem_.startswith(p) for p in self.prefixes)


def matched_tokens(text: str, marks: Marks, lang: str = "da") -> list[Tok]:
    """The words of ``text`` that ``marks`` match, in order.

    A page repeats its words: each distinct spelling is analysed (normalised, stemmed, its
    key looked up) and matched once, which makes a hit's snippet several times cheaper than
    analysing every word of the page.
    """
    needle = marks.needle()
    out = _matched(text, marks, lang, needle)
    if not out and needle is not None:
        out = _matched(text, marks, lang, None)  # a form that shares no letters: børn/barn
    return out


def _matched(text: str, marks: Marks, lang: str, needle: re.Pattern[str] | None) -> list[Tok]:
    memo: dict[str, Tok | None] = {}
    unseen = Tok("", "", -1, -1)
    stop = STOPS.get(lang, STOP_WORDS)
    out: list[Tok] = []
    for m in TOKEN_RE.finditer(text):
        raw = m.group()
        found = memo.get(raw, unseen)
        if found is unseen:
            found = None
            if needle is None or needle.search(raw):
                word = normalise(raw)
                if word not in stop:
                    st = stem(word, lang)
                    k = key(word, st, lang)
                    if marks.matches(st, word, k):
                        found = Tok(st, word, 0, 0, k)
            memo[raw] = found
        if found is not None:
            out.append(found._replace(start=m.start(), end=m.end()))
    return out


def snippet(
    text: str, marks: Marks, lang: str = "da", width: int = SNIPPET_CHARS
) -> tuple[str, int]:
    """The stretch of ``text`` with the most distinct matched words, as HTML, and its offset.

    Looks at the whole page, however long: a match on page end gets its snippet too.
    """
    hits = matched_tokens(text, marks, lang)
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
