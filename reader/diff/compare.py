"""What changed between two versions of a document: the change set, from text and structure.

Items are matched first (by title, then by number), so an item moved elsewhere or given
another number is one change, not its whole text removed and added. Within a matched item
its words are compared sentence by sentence (sentences that read the same are passed over
whole), then word by word within the sentences that differ. Reflow, page breaks and page
furniture are not in the words compared (:mod:`reader.diff.stream`), so they never show.

Every change carries where its text stands in each version's stored page texts
(``(page, start, end)`` per page), so the reader can mark it; a text taken out is marked as
the point where it was.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from reader.diff.stream import Stream
from reader.library.items import OutlineItem

Range = tuple[int, int, int]  # (1-based page, start, end) in that page's stored text

TITLE_SAME_NUMBER = 0.6  # title similarity at which an item of the same number is the same
TITLE_SIMILAR = 0.85  # title similarity at which an item of another number is the same
WORD_GAP = 2  # changed words at most this many words apart are one change
REWRITTEN = 0.4  # word similarity under which sentences that differ are one rewrite
_SENTENCE_END = ".!?:"


@dataclass(frozen=True)
class Change:
    """One change between two versions.

    ``kind``: ``added``, ``removed``, ``changed`` or ``moved``. ``scope``: ``item`` (an
    item added, removed or moved), ``number`` (an item renumbered where it stood) or
    ``text`` (words within an item). ``item`` is the item's number in the new version (the
    old one if it was removed), ``old_item`` in the old (None for the text before the first
    item). ``old_ranges``/``new_ranges`` locate ``old_text``/``new_text``; for text added or
    removed, the other side's range is the empty point where it is missing.
    """

    kind: str
    scope: str
    item: str | None
    old_item: str | None
    title: str | None
    section: str | None
    old_text: str
    new_text: str
    old_ranges: tuple[Range, ...]
    new_ranges: tuple[Range, ...]

    @property
    def old_page(self) -> int | None:
        return self.old_ranges[0][0] if self.old_ranges else None

    @property
    def new_page(self) -> int | None:
        return self.new_ranges[0][0] if self.new_ranges else None

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "scope": self.scope,
            "item": self.item,
            "old_item": self.old_item,
            "title": self.title,
            "section": self.section,
            "old_page": self.old_page,
            "new_page": self.new_page,
            "old_text": self.old_text,
            "new_text": self.new_text,
            "old_ranges": [list(r) for r in self.old_ranges],
            "new_ranges": [list(r) for r in self.new_ranges],
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> Change:
        def ranges(key: str) -> tuple[Range, ...]:
            value = raw.get(key)
            assert isinstance(value, list)
            return tuple((int(p), int(s), int(e)) for p, s, e in value)

        def text(key: str) -> str | None:
            value = raw.get(key)
            return None if value is None else str(value)

        return cls(
            kind=str(raw["kind"]),
            scope=str(raw["scope"]),
            item=text("item"),
            old_item=text("old_item"),
            title=text("title"),
            section=text("section"),
            old_text=str(raw["old_text"]),
            new_text=str(raw["new_text"]),
            old_ranges=ranges("old_ranges"),
            new_ranges=ranges("new_ranges"),
        )


@dataclass
class Comparison:
    """The changes in reading order of the new version, and the pages that only moved."""

    changes: list[Change] = field(default_factory=list)
    moved_pages: list[tuple[int, int]] = field(default_factory=list)  # (old page, new page)


@dataclass(frozen=True)
class _Span:
    """An item's words in a stream: ``[first, end)``, with its sections' starts."""

    item: OutlineItem | None  # None: what stands before the first item (the front page)
    first: int
    end: int
    sections: tuple[tuple[int, str], ...]  # (first word, name), in order

    @property
    def number(self) -> str | None:
        return self.item.number if self.item else None

    def section_at(self, index: int) -> str | None:
        at = bisect.bisect_right(self.sections, (index, "\uffff")) - 1
        return self.sections[at][1] if at >= 0 else None


def _spans(stream: Stream, outline: Sequence[OutlineItem]) -> list[_Span]:
    """Each item's words, from its heading to the next heading; the front matter first."""
    starts: list[tuple[int, OutlineItem | None]] = [(0, None)]
    for it in outline:
        if not stream.pages:
            break
        first = stream.index_at(stream.position(it.page, it.offset))
        starts.append((max(first, starts[-1][0]), it))
    spans: list[_Span] = []
    for n, (first, at) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(stream.keys)
        marks = tuple(
            sorted(
                (stream.index_at(stream.position(page, offset)), name)
                for name, page, offset in (at.sections if at else ())
            )
        )
        spans.append(_Span(at, first, end, marks))
    return spans


def _title(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(" .:")


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def align(old: Sequence[_Span], new: Sequence[_Span]) -> list[tuple[int, int]]:
    """Pairs of old and new spans that are the same item: the front matter with the front
    matter; then the same title once on each side; then the same number with a similar
    title (a retitled item); then a very similar title."""
    pairs: dict[int, int] = {0: 0} if old and new else {}
    taken: set[int] = set(pairs.values())

    def key(span: _Span) -> tuple[bool, str]:
        assert span.item is not None
        return span.item.is_group, _title(span.item.title)

    old_keys: dict[tuple[bool, str], list[int]] = {}
    new_keys: dict[tuple[bool, str], list[int]] = {}
    for i in range(1, len(old)):
        old_keys.setdefault(key(old[i]), []).append(i)
    for j in range(1, len(new)):
        new_keys.setdefault(key(new[j]), []).append(j)
    for k, olds in old_keys.items():
        news = new_keys.get(k, [])
        if len(olds) == len(news):  # once each, or as often on both sides: in order
            for i, j in zip(olds, news, strict=True):
                pairs[i] = j
                taken.add(j)
    by_number = {
        (s.item.number, s.item.is_group): j
        for j, s in enumerate(new)
        if s.item is not None and j not in taken
    }
    for i in range(1, len(old)):
        item = old[i].item
        assert item is not None
        if i in pairs:
            continue
        j = by_number.get((item.number, item.is_group), -1)
        if j >= 0 and j not in taken:
            other = new[j].item
            assert other is not None
            if _similar(_title(item.title), _title(other.title)) >= TITLE_SAME_NUMBER:
                pairs[i] = j
                taken.add(j)
    candidates: list[tuple[float, int, int]] = []
    for i in range(1, len(old)):
        if i in pairs:
            continue
        a = old[i].item
        assert a is not None
        for j in range(1, len(new)):
            b = new[j].item
            assert b is not None
            if j in taken or a.is_group != b.is_group:
                continue
            quick = difflib.SequenceMatcher(None, _title(a.title), _title(b.title))
            if quick.real_quick_ratio() < TITLE_SIMILAR or quick.quick_ratio() < TITLE_SIMILAR:
                continue
            score = _similar(_title(a.title), _title(b.title))
            if score >= TITLE_SIMILAR:
                candidates.append((score, i, j))
    for _score, i, j in sorted(candidates, reverse=True):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return sorted(pairs.items())


def _in_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of pairs whose order is the same on both sides (the rest moved)."""
    by_new = sorted(pairs, key=lambda p: p[1])
    tails: list[int] = []  # smallest old index ending a run of each length
    tail_at: list[int] = []
    back: list[int] = [-1] * len(by_new)
    for n, (i, _j) in enumerate(by_new):
        k = bisect.bisect_left(tails, i)
        if k == len(tails):
            tails.append(i)
            tail_at.append(n)
        else:
            tails[k] = i
            tail_at[k] = n
        back[n] = tail_at[k - 1] if k else -1
    keep: set[tuple[int, int]] = set()
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        keep.add(by_new[n])
        n = back[n]
    return keep


def _heading_keys(stream: Stream, span: _Span) -> list[str]:
    """The span's words, its own number in the heading left out (renumbering is its own
    change)."""
    keys = stream.keys[span.first : span.end]
    if span.item is not None:
        number = span.item.number
        for k in range(min(3, len(keys))):
            if keys[k].rstrip(".:") == number:
                keys = [*keys[:k], "#", *keys[k + 1 :]]
                break
    return keys


def _sentences(keys: list[str]) -> list[int]:
    """Where each sentence starts: after a word ending a sentence, before a capital or a
    number. Decided from the words alone, so both versions split the same text alike."""
    starts = [0] if keys else []
    for k in range(1, len(keys)):
        prev, word = keys[k - 1], keys[k]
        if prev[-1] in _SENTENCE_END and (word[0].isupper() or word[0].isdigit()):
            starts.append(k)
    return starts


@dataclass
class _Pair:
    old: Stream
    new: Stream
    a: _Span
    b: _Span
    out: list[tuple[int, Change]]

    def emit(self, kind: str, i1: int, i2: int, j1: int, j2: int) -> None:
        """A text change between old words ``[i1, i2)`` and new words ``[j1, j2)`` (span
        relative)."""
        oi1, oi2 = self.a.first + i1, self.a.first + i2
        nj1, nj2 = self.b.first + j1, self.b.first + j2
        item = self.b.item or self.a.item
        section = self.b.section_at(nj1) if j2 > j1 else self.a.section_at(oi1)
        change = Change(
            kind=kind,
            scope="text",
            item=self.b.number,
            old_item=self.a.number,
            title=item.title if item else None,
            section=section,
            old_text=self.old.text(oi1, oi2),
            new_text=self.new.text(nj1, nj2),
            old_ranges=tuple(self.old.ranges(oi1, oi2)),
            new_ranges=tuple(self.new.ranges(nj1, nj2)),
        )
        self.out.append((nj1, change))


def _compare_text(pair: _Pair) -> None:
    old_keys = _heading_keys(pair.old, pair.a)
    new_keys = _heading_keys(pair.new, pair.b)
    if old_keys == new_keys:
        return
    old_starts = [*_sentences(old_keys), len(old_keys)]
    new_starts = [*_sentences(new_keys), len(new_keys)]
    old_sents = [" ".join(old_keys[s:e]) for s, e in pairwise(old_starts)]
    new_sents = [" ".join(new_keys[s:e]) for s, e in pairwise(new_starts)]
    matcher = difflib.SequenceMatcher(None, old_sents, new_sents, autojunk=False)
    for tag, s1, s2, t1, t2 in matcher.get_opcodes():
        i1, i2 = old_starts[s1], old_starts[s2]
        j1, j2 = new_starts[t1], new_starts[t2]
        if tag == "insert":
            pair.emit("added", i1, i1, j1, j2)
        elif tag == "delete":
            pair.emit("removed", i1, i2, j1, j1)
        elif tag == "replace":
            _compare_words(pair, old_keys, new_keys, i1, i2, j1, j2)


def _compare_words(
    pair: _Pair, old_keys: list[str], new_keys: list[str], i1: int, i2: int, j1: int, j2: int
) -> None:
    """Words within sentences that differ; changes close together become one."""
    matcher = difflib.SequenceMatcher(None, old_keys[i1:i2], new_keys[j1:j2], autojunk=False)
    if matcher.ratio() < REWRITTEN:
        pair.emit("changed", i1, i2, j1, j2)
        return
    runs: list[list[int]] = []  # [a1, a2, b1, b2], relative to the block
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if runs and a1 - runs[-1][1] <= WORD_GAP and b1 - runs[-1][3] <= WORD_GAP:
            runs[-1][1], runs[-1][3] = a2, b2
        else:
            runs.append([a1, a2, b1, b2])
    for a1, a2, b1, b2 in runs:
        kind = "added" if a1 == a2 else "removed" if b1 == b2 else "changed"
        pair.emit(kind, i1 + a1, i1 + a2, j1 + b1, j1 + b2)


def _item_change(
    kind: str, scope: str, old: Stream, new: Stream, a: _Span | None, b: _Span | None
) -> Change:
    """An item added, removed, moved or renumbered: all its text for one added or removed,
    its heading's first words for one moved or renumbered."""
    either = b or a
    item = either.item if either else None

    def side(stream: Stream, span: _Span | None, whole: bool) -> tuple[str, tuple[Range, ...]]:
        if span is None:
            return "", ()
        end = span.end if whole else min(span.end, span.first + _heading_length(stream, span))
        return stream.text(span.first, end), tuple(stream.ranges(span.first, end))

    whole = kind in ("added", "removed")
    old_text, old_ranges = side(old, a, whole)
    new_text, new_ranges = side(new, b, whole)
    return Change(
        kind=kind,
        scope=scope,
        item=b.number if b else a.number if a else None,
        old_item=a.number if a else None,
        title=item.title if item else None,
        section=None,
        old_text=old_text,
        new_text=new_text,
        old_ranges=old_ranges,
        new_ranges=new_ranges,
    )


def _heading_length(stream: Stream, span: _Span) -> int:
    """Words of the heading line: the number and the title (at least one word)."""
    if span.item is None:
        return 1
    return max(1, min(span.end - span.first, 1 + len(span.item.title.split())))


def compare(
    old: Stream,
    old_outline: Sequence[OutlineItem],
    new: Stream,
    new_outline: Sequence[OutlineItem],
) -> Comparison:
    """The change set between two versions' words and outlines."""
    a_spans = _spans(old, old_outline)
    b_spans = _spans(new, new_outline)
    pairs = align(a_spans, b_spans)
    kept = _in_order(pairs)
    out: list[tuple[int, Change]] = []
    old_of_new = {j: i for i, j in pairs}
    paired_old = {i for i, _ in pairs}
    for i, j in pairs:
        a, b = a_spans[i], b_spans[j]
        if (i, j) not in kept:
            out.append((b.first, _item_change("moved", "item", old, new, a, b)))
        elif a.number != b.number:
            out.append((b.first, _item_change("changed", "number", old, new, a, b)))
        _compare_text(_Pair(old, new, a, b, out))
    for j, b in enumerate(b_spans):
        if j not in old_of_new:
            out.append((b.first, _item_change("added", "item", old, new, None, b)))
    # a removed item is listed where it would have stood: before the next item kept
    new_of_old = dict(pairs)
    for i, a in enumerate(a_spans):
        if i in paired_old:
            continue
        after = next((new_of_old[k] for k in range(i + 1, len(a_spans)) if k in new_of_old), None)
        at = b_spans[after].first if after is not None else len(new.keys)
        change = _item_change("removed", "item", old, new, a, None)
        out.append((at, _with_point(change, new, at)))
    out.sort(key=lambda t: t[0])
    return Comparison([c for _, c in out], _moved_pages(old, new))


def _with_point(change: Change, new: Stream, at: int) -> Change:
    return replace(change, new_ranges=(new.point(at),))


def _moved_pages(old: Stream, new: Stream) -> list[tuple[int, int]]:
    """Pages whose words are those of exactly one old page with another number."""
    where: dict[str, list[int]] = {}
    for p, key in enumerate(old.page_keys, 1):
        if key:
            where.setdefault(key, []).append(p)
    counts: dict[str, int] = {}
    for key in new.page_keys:
        counts[key] = counts.get(key, 0) + 1
    moved: list[tuple[int, int]] = []
    for q, key in enumerate(new.page_keys, 1):
        olds = where.get(key, [])
        if len(olds) == 1 and counts[key] == 1 and olds[0] != q:
            moved.append((olds[0], q))
    return moved
