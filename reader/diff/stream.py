"""A version's visible text as the words a reader compares, without what only the layout put
there.

Two versions are compared as sequences of words: line breaks, runs of spaces and where a page
ends (pure reflow) are then invisible. Page furniture is left out: lines at the top or bottom
of most pages that read the same there apart from their numbers (``KKR Vestegnen | 11-04-2025``,
``SIDE | 3``, ``Side 3 af 40``). Each version's furniture is found on its own pages, so a
re-issue printed on another date reads the same. A word broken at the end of a page is joined
to its rest as the library's text joins words broken at a line end.

Every word keeps where it stands in the stored page text (page, offsets), so a change found
between the words can be marked on either version's pages.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass, field

from reader.notes.text import PAGE_SEP
from reader.pdf.text import join_lines

EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be furniture
FURNITURE_SHARE = 0.5  # share of the pages with text a line must stand on to be furniture
_WORD = re.compile(r"\S+")
_DIGITS = re.compile(r"\d+")
_LEADER = re.compile(r"^(?:\.{3,}|…+)$")  # the dots before a page number in a contents list
_LEADERS = "..."
_BROKEN_END = "-\u2010\u00ad"


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


@functools.cache
def _pattern(key: str, to_end: bool = False) -> re.Pattern[str]:
    """A furniture line's pattern: any numbers where it had numbers, any spacing; with
    ``to_end``, only where it ends a line."""
    parts = [r"\d+" if p == "#" else re.escape(p) for p in re.split(r"(#)", key) if p]
    body = r"\s*".join(r"\s+".join(p.split(r"\ ")) for p in parts)
    return re.compile(body + r"\s*$" if to_end else body)


@dataclass(frozen=True)
class Furniture:
    """The furniture lines (numbers as ``#``) of one version, at the top and at the bottom."""

    top: frozenset[str]
    bottom: frozenset[str]

    def body(self, page: str) -> tuple[int, int]:
        """The ``[start, end)`` of ``page`` between its furniture at the top and at the bottom.

        A furniture line the text extraction joined to the last line of the body (a word
        broken before the footer: ``til-KKR Vestegnen | ...``) is cut off that line.
        """
        lines: list[tuple[int, int]] = []
        pos = 0
        for line in page.split("\n"):
            if line.strip():
                lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        if not lines:
            return 0, 0
        first, last = 0, len(lines)
        while first < min(EDGE_LINES, last) and _key(page[slice(*lines[first])]) in self.top:
            first += 1
        while last > max(first, len(lines) - EDGE_LINES) and (
            _key(page[slice(*lines[last - 1])]) in self.bottom
        ):
            last -= 1
        if last <= first:
            return 0, 0
        lo, hi = lines[first][0], lines[last - 1][1]
        start, end = lines[last - 1]
        for key in self.bottom:
            tail = _pattern(key, True).search(page, start, end)
            if tail and tail.end() == end and tail.start() > start:
                hi = tail.start()
                break
        start, end = lines[first]
        for key in self.top:
            head = _pattern(key).match(page, start, end)
            if head and start < head.end() < end and page[head.end()].isspace():
                lo = head.end()
                break
        return lo, hi


def find_furniture(pages: list[str]) -> Furniture:
    """Lines standing at the top (or bottom) of at least half the pages with text, numbers
    aside, and on two pages at least."""
    top: dict[str, int] = {}
    bottom: dict[str, int] = {}
    with_text = 0
    for page in pages:
        lines = [ln for ln in page.split("\n") if ln.strip()]
        if not lines:
            continue
        with_text += 1
        for key in {_key(ln) for ln in lines[:EDGE_LINES]}:
            top[key] = top.get(key, 0) + 1
        for key in {_key(ln) for ln in lines[-EDGE_LINES:]}:
            bottom[key] = bottom.get(key, 0) + 1
    need = max(2, math.ceil(FURNITURE_SHARE * with_text))
    return Furniture(
        frozenset(k for k, n in top.items() if n >= need),
        frozenset(k for k, n in bottom.items() if n >= need),
    )


@dataclass
class Stream:
    """The words of one version, in reading order, each with where it stands.

    ``keys`` are what is compared; ``page``/``start``/``end`` locate a word in the stored
    text of its page (1-based page); ``gpos`` is its start in the pages joined by
    ``PAGE_SEP`` (the offsets notes and search use). A word broken over a page end has its
    rest in ``rest`` (page, start, end).
    """

    pages: list[str]
    keys: list[str] = field(default_factory=list)
    page: list[int] = field(default_factory=list)
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    gpos: list[int] = field(default_factory=list)
    rest: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    page_starts: list[int] = field(default_factory=list)
    page_keys: list[str] = field(default_factory=list)  # each page's words, for moved pages

    def position(self, page: int, offset: int | None) -> int:
        """Global offset of ``offset`` on ``page`` (the page's start if unknown)."""
        page = min(max(page, 1), len(self.pages)) if self.pages else 1
        if not self.page_starts:
            return 0
        return self.page_starts[page - 1] + max(0, offset or 0)

    def index_at(self, gpos: int) -> int:
        """Index of the first word that starts at or after ``gpos``."""
        return bisect.bisect_left(self.gpos, gpos)

    def text(self, i: int, j: int) -> str:
        """The words ``[i, j)`` as they read, one space between."""
        return " ".join(self.keys[i:j])

    def ranges(self, i: int, j: int) -> list[tuple[int, int, int]]:
        """``(page, start, end)`` per page covered by the words ``[i, j)``, in the stored page
        texts; an empty ``[i, i)`` gives the point between two words, where text was taken
        out."""
        if i >= j:
            return [self.point(i)]
        spans: dict[int, list[int]] = {}
        for k in range(i, j):
            parts = [(self.page[k], self.start[k], self.end[k])]
            if k in self.rest:
                parts.append(self.rest[k])
            for page, s, e in parts:
                got = spans.setdefault(page, [s, e])
                got[0] = min(got[0], s)
                got[1] = max(got[1], e)
        return [(p, s, e) for p, (s, e) in sorted(spans.items())]

    def point(self, i: int) -> tuple[int, int, int]:
        """Where text inserted before word ``i`` would stand: just after the word before it,
        on its page (or before word ``i`` if it is the first)."""
        if i > 0:
            k = i - 1
            page, _s, e = self.rest.get(k, (self.page[k], self.start[k], self.end[k]))
            return (page, e, e)
        if self.keys:
            return (self.page[0], self.start[0], self.start[0])
        return (1, 0, 0)


def build_stream(pages: list[str]) -> Stream:
    """The compared words of a version whose stored page texts are ``pages``."""
    furniture = find_furniture(pages)
    out = Stream(pages)
    pos = 0
    for n, text in enumerate(pages, 1):
        if n > 1:
            pos += len(PAGE_SEP)
        out.page_starts.append(pos)
        lo, hi = furniture.body(text)
        spans = [m.span() for m in _WORD.finditer(text, lo, hi)]
        words = [text[s:e] for s, e in spans]
        first_on_page = len(out.keys)
        if words and out.keys and _joins(out.keys[-1], words[0]):
            k = len(out.keys) - 1
            out.keys[k] = join_lines([out.keys[k], words[0]])
            out.rest[k] = (n, *spans[0])
            spans, words = spans[1:], words[1:]
        if _LEADERS in text:
            words = [
                "#" if w.isdigit() and k and _LEADER.match(words[k - 1]) else w
                for k, w in enumerate(words)
            ]
        out.keys.extend(words)
        out.page.extend([n] * len(words))
        out.start.extend([s for s, _ in spans])
        out.end.extend([e for _, e in spans])
        out.gpos.extend([pos + s for s, _ in spans])
        out.page_keys.append(" ".join(out.keys[first_on_page:]))
        pos += len(text)
    return out


def _joins(last: str, word: str) -> bool:
    """Whether ``last``, the last word of the page before, ends broken and ``word`` is its
    rest."""
    return (
        len(last) > 1
        and last[-1] in _BROKEN_END
        and last[-2].isalpha()
        and "\n" not in join_lines([last, word])
    )
