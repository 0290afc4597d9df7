"""Running a compiled query fast: whole posting lists read at once, counted as sets, scored
only where they match, and remembered per segment.

Whoosh's matchers walk a query one posting at a time in Python, and its collector scores
every match before it can count it: 175 ms for a common word in 20,000 pages, far more at a
four-year term's 100,000. This module answers the same queries (the term, union,
intersection, exclusion and phrase queries ``compiler.py`` builds) from the same index
files, in three steps per segment:

- *read*: a term's postings are read block by block straight from Whoosh's posting file
  (one ``zlib``/``pickle`` call per 128 postings, the ids rebuilt with ``accumulate``), and
  kept in a per-segment LRU, so the next query with that word (a member typing on, or
  refining a search) reads nothing;
- *count*: the query is evaluated as set operations in C (union, intersection, difference;
  phrases check positions only on pages that have all their words), minus deleted pages and
  what the filters exclude: the exact total, without scoring anything;
- *score*: BM25F, as Whoosh computes it (same idf, field lengths and boosts), only for the
  pages in that final set, then the best ``limit`` of them; pages outside the filter or
  the intersection are never scored.

A query of another shape raises :class:`Unsupported`, and the caller uses Whoosh's own
collector.
"""

from __future__ import annotations

import heapq
import io
import os
import pickle
import sys
import threading
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from itertools import accumulate
from math import log
from operator import itemgetter
from struct import Struct
from typing import Any

from reader.errors import Unsupported
from reader.search._whoosh import query as wq
from reader.search.limits import SearchStopped

Docs = set[int] | frozenset[int]

K1 = 1.2  # Whoosh's BM25F defaults
B = 0.75
CACHE_POSTINGS = 2_000_000  # postings remembered per segment (ids and weights: 16 MB)
PREFETCH_MIN = 8  # words of one union read in one pass over the term index
CACHE_SET_PAGES = 120_000  # pages of sub-queries' sets remembered per segment (some 8 MB)
PLACES_WEIGHT = 8  # a posting read with its places weighs as much as this many without
_INT = Struct("!i")
_MAGIC = b"W3Bl"


@dataclass(slots=True)
class _Postings:
    """A word's postings in one segment, as compact arrays: 8 bytes a posting where a set
    would take some 70 (its table and an int object per page), so many more words can be
    remembered; a query makes the sets it needs (``_Run.set_of``)."""

    ids: array[int]  # docnums in the segment, ascending
    tfs: array[float] | list[float]  # each posting's weight (term frequency times boosts)
    values: tuple[bytes, ...] | None = None  # encoded positions, when read for a phrase
    top: float = 0.0  # the greatest weight: what bounds the word's score on any page


_EMPTY = _Postings(array("I"), array("f"), ())


def _byte_to_length() -> list[float]:
    from whoosh.util.numeric import byte_to_length

    return [float(byte_to_length(i)) for i in range(256)]


_LENGTHS: list[float] = _byte_to_length()


class SegmentData:
    """What one segment's queries read, remembered: postings, field-length norms, sets.

    Lives on the segment's reader (which Whoosh keeps across ``refresh`` while the segment
    is unchanged) and goes with it.
    """

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.terms = reader._terms
        self.postfile = self.terms._postfile
        self.doc_count = int(reader.doc_count_all())
        self.deleted: frozenset[int] = (
            frozenset(reader._segment.deleted_docs()) if reader.has_deletions() else frozenset()
        )
        self._cache: OrderedDict[tuple[str, bytes, bool], _Postings] = OrderedDict()
        self._cached = 0
        self._norms: dict[tuple[str, float], list[float]] = {}
        self._least: dict[tuple[str, float], float] = {}
        self._lock = threading.Lock()
        self.sets: OrderedDict[Any, frozenset[int]] = OrderedDict()
        self._set_pages = 0

    def remember(self, q: Any, docs: frozenset[int]) -> None:
        """Keep a sub-query's pages (the latest, up to ``CACHE_SET_PAGES`` in all)."""
        with self._lock:
            if q in self.sets:
                return
            self.sets[q] = _untracked(docs)
            self._set_pages += len(docs)
            while self._set_pages > CACHE_SET_PAGES and len(self.sets) > 1:
                _, old = self.sets.popitem(last=False)
                self._set_pages -= len(old)

    @staticmethod
    def of(reader: Any) -> SegmentData:
        data: SegmentData | None = getattr(reader, "_moedemappe_data", None)
        if data is None or data.reader is not reader:
            data = SegmentData(reader)
            reader._moedemappe_data = data
        return data

    # -- postings ---------------------------------------------------------------------------

    def postings(self, field: str, text: str, values: bool = False) -> _Postings:
        btext = text.encode("utf-8")
        key = (field, btext, values)
        cache = self._cache
        found = cache.get(key)  # the common case, without the lock: a read is atomic
        if found is not None:
            try:  # noqa: SIM105 - suppress() costs a microsecond, in the hottest call
                cache.move_to_end(key)
            except KeyError:  # another thread's query just let it go
                pass
            return found
        with self._lock:
            if not values:  # a phrase read it with its places: that will do
                found = cache.get((field, btext, True))
            if found is not None:
                cache.move_to_end((field, btext, True))
                return found
        found = self._read(field, btext, values)
        with self._lock:
            self._cache[key] = found
            self._cached += _weight(found)
            while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
                _, old = self._cache.popitem(last=False)
                self._cached -= _weight(old)
        return found

    def prefetch(self, field: str, texts: list[str]) -> None:
        """Read the postings of many words that share a beginning (a prefix's words, a
        word's compounds reversed) in one pass over that stretch of the term index, instead
        of one term lookup each."""
        cache = self._cache
        missing = {b for t in texts if (field, b := t.encode("utf-8"), False) not in cache}
        if len(missing) < PREFETCH_MIN:
            return
        prefix = os.path.commonprefix(sorted(missing))  # noqa: RUF071 - words, not paths
        if not prefix:
            return
        found: dict[bytes, _Postings] = {}
        for (fname, btext), info in self.terms.items_from(field, prefix):
            if fname != field or not btext.startswith(prefix):
                break
            if btext in missing:
                found[btext] = self._from_info(info, field, False)
                if len(found) == len(missing):
                    break
        with self._lock:
            for btext in missing:
                p = found.get(btext, _EMPTY)
                self._cache[(field, btext, False)] = p
                self._cached += _weight(p)

    def _read(self, field: str, btext: bytes, values: bool) -> _Postings:
        try:
            info = self.terms.term_info(field, btext)
        except Exception:  # TermNotFound: the segment does not have the word
            return _EMPTY
        return self._from_info(info, field, values)

    def _from_info(self, info: Any, field: str, values: bool) -> _Postings:
        if info.is_inlined():
            ids, weights, vals = info.inlined_postings()
            return _Postings(
                array("I", ids),
                array("f", weights),
                tuple(vals) if values else None,
                max(weights, default=0.0),
            )
        offset, length = info.extent()
        if isinstance(length, tuple):  # Whoosh 2.7 reads it with unpack_int and keeps the tuple
            length = length[0]
        buf = self.postfile.get(offset, length)
        if buf[:4] != _MAGIC:
            raise ValueError(f"bad postings block in {field}")
        stream = io.BytesIO(buf)
        stream.seek(4)
        load, loads, decompress = pickle.load, pickle.loads, zlib.decompress
        all_ids: array[int] = array("I")
        tfs: array[float] = array("f")
        vals_out: list[bytes] = []
        while True:
            (blen,) = _INT.unpack(stream.read(4))
            start = stream.tell()
            end = start + abs(blen)
            n, _maxid, _maxw, comp, _mn, _mx = load(stream)
            data = buf[stream.tell() : end]
            if comp:
                data = decompress(data)
            deltas, weights, vs = loads(data) if values else _without_places(data, n)
            all_ids.extend(accumulate(deltas))  # each block's deltas start from 0
            if weights is None:
                tfs.extend([1.0] * n)
            elif isinstance(weights, float):
                tfs.extend([weights] * n)
            else:
                tfs.extend(weights)
            if values:
                vals_out.extend(vs)
            if blen < 0:
                break
            stream.seek(end)
        return _Postings(all_ids, tfs, tuple(vals_out) if values else None, max(tfs, default=0.0))

    def least_norm(self, field: str, avg_length: float) -> float:
        """The smallest of ``norms``: the shortest page's, where a word weighs the most."""
        key = (field, avg_length)
        found = self._least.get(key)
        if found is None:
            found = self._least[key] = min(self.norms(field, avg_length), default=K1)
        return found

    def norms(self, field: str, avg_length: float) -> list[float]:
        """``K1 * (1 - B + B * length / average)`` for every page: BM25's length part."""
        key = (field, avg_length)
        found = self._norms.get(key)
        if found is None:
            from whoosh.codec.whoosh3 import LENGTHS_COLUMN

            column = self.reader._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
            lengths = [] if column is None else list(column)[: self.doc_count]
            lengths += [0] * (self.doc_count - len(lengths))
            a, b = K1 * (1 - B), K1 * B / (avg_length or 1.0)
            table = [a + b * n for n in _LENGTHS]
            found = [table[n] for n in lengths]
            self._norms = {k: v for k, v in self._norms.items() if k[0] != field}
            self._least = {k: v for k, v in self._least.items() if k[0] != field}
            self._norms[key] = found
        return found


# -- evaluation -------------------------------------------------------------------------------


class _Run:
    """One query on one segment."""

    def __init__(self, seg: SegmentData, check: Any) -> None:
        self.seg = seg
        self.check = check
        self.keys: dict[int, _Key] = {}
        self._sets: dict[int, tuple[_Postings, frozenset[int]]] = {}

    def set_of(self, p: _Postings) -> frozenset[int]:
        """``p``'s pages as a set, made once for this query."""
        found = self._sets.get(id(p))
        if found is None or found[0] is not p:
            found = self._sets[id(p)] = (p, frozenset(p.ids))
        return found[1]

    def docs(self, q: Any) -> Docs:
        if isinstance(q, wq.Term):
            return self.set_of(self.seg.postings(q.fieldname, _text(q.text)))
        if isinstance(q, wq.Or | wq.Phrase):
            # a word's union of forms and compounds, a prefix's words, a phrase: kept, for
            # the next keystroke or the refined query that has the same word
            key = self.keys.get(id(q))
            if key is None:
                key = self.keys[id(q)] = _Key(q)
            found = self.seg.sets.get(key)
            if found is None:
                found = frozenset(self._docs(q))
                self.seg.remember(key, found)
            return found
        return self._docs(q)

    def _docs(self, q: Any) -> Docs:
        if isinstance(q, wq.Phrase):
            return self._phrase(q)
        if isinstance(q, wq.AndNot):
            return self.docs(q.a) - self.docs(q.b)
        if isinstance(q, wq.And):
            sets = sorted((self.docs(s) for s in q.subqueries), key=len)
            if not sets:
                return frozenset()
            out = set(sets[0])
            for s in sets[1:]:
                if not out:
                    break
                out &= s
            return out
        if isinstance(q, wq.Or):  # PreloadedOr and the compiler's bounded union too
            self.check()
            terms = [s for s in q.subqueries if isinstance(s, wq.Term)]
            if len(terms) >= PREFETCH_MIN and len({t.fieldname for t in terms}) == 1:
                self.seg.prefetch(terms[0].fieldname, [_text(t.text) for t in terms])
            # a word's pages go straight from its array into the union: no set of its own
            union: set[int] = set()
            for s in q.subqueries:
                if isinstance(s, wq.Term):
                    union.update(self.seg.postings(s.fieldname, _text(s.text)).ids)
                else:
                    union |= self.docs(s)
            return union
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return frozenset()
        raise Unsupported(type(q).__name__)

    def _phrase(self, q: Any) -> Docs:
        words = [_text(w) for w in q.words]
        if len(words) == 1:
            return self.set_of(self.seg.postings(q.fieldname, words[0]))
        lists = [self.seg.postings(q.fieldname, w, values=True) for w in words]
        candidates = set(self.set_of(lists[0]))
        for p in sorted(lists[1:], key=lambda p: len(p.ids)):
            candidates &= self.set_of(p)
            if not candidates:
                return candidates
        slop = int(getattr(q, "slop", 1) or 1)
        if slop > 1:
            where = [_positions_of(p, candidates) for p in lists]
            out = set()
            for doc in candidates:
                rest = [set(w[doc]) for w in where[1:]]
                if any(_follows(pos, rest, slop) for pos in where[0][doc]):
                    out.add(doc)
            return out
        # Each word's places as one integer per (page, place - its offset in the phrase):
        # the phrase stands where all words' sets meet, found by set intersection in C.
        # The rarest word first, and each next word decoded only on the pages still left.
        order = sorted(range(len(lists)), key=lambda i: len(lists[i].ids))
        spots: set[int] | None = None
        for i in order:
            self.check()
            here = _spots(lists[i], candidates, i)
            spots = here if spots is None else spots & here
            if not spots:
                return set()
            candidates = {x >> _SHIFT for x in spots}
        return candidates

    def score_top(
        self,
        words: list[_Word],
        at: int,
        docs: Docs,
        limit: int,
        floor: float,
        acc: dict[int, float],
    ) -> None:
        """Fill ``acc`` with the scores of the pages of ``docs`` that can still be among the
        best ``limit``, each exact; ``floor`` is the score a page must beat to enter the
        results at all.

        MaxScore, a term at a time: a word adds at most ``ub`` to a page (its weight over the
        page's length part at their most favourable). The words are taken most valuable
        first; once the words left could not together lift a page that has none of the words
        so far above the ``limit``-th best score found, those words are only looked up for
        the pages still in the race, and pages that cannot reach it any more are dropped.
        The common words of a prefix (``kommun`` on 90,000 of 100,000 pages) carry little
        weight, so their long lists are mostly looked up, not walked.
        """
        parts = []
        seg = self.seg
        for field, c, avg, lists in words:
            p = lists[at]
            if len(p.ids):
                least = seg.least_norm(field, avg)
                parts.append((c * p.top / (p.top + least), c, p, seg.norms(field, avg)))
        parts.sort(key=itemgetter(0), reverse=True)
        left = list(accumulate([t[0] for t in reversed(parts)]))[::-1]  # ub of words i..n
        theta = floor
        since = 0  # postings added since theta was last raised from the scores
        i = 0
        for i, (_ub, c, p, norms) in enumerate(parts):
            if left[i] * _SAFE < theta:
                break
            big = since * 4 >= len(acc) or len(p.ids) * 4 >= len(acc)
            if limit and big and len(acc) >= limit:
                theta = max(theta, _kth(acc, limit))
                since = 0
                if left[i] * _SAFE < theta:
                    break
            self._add(p, c, norms, docs, acc)
            since += len(p.ids)
        else:
            return
        for j in range(i, len(parts)):
            if len(acc) >= limit:
                theta = max(theta, _kth(acc, limit))
            rest = left[j]
            for d in [d for d, s in acc.items() if (s + rest) * _SAFE < theta]:
                del acc[d]
            if not acc:
                return
            _ub, c, p, norms = parts[j]
            self._add(p, c, norms, set(acc), acc)

    def _add(
        self, p: _Postings, c: float, norms: list[float], docs: Docs, acc: dict[int, float]
    ) -> None:
        """Add the word's part of the score to each page of ``docs`` it is on."""
        ids, tfs = p.ids, p.tfs
        get = acc.get
        if len(docs) * 4 < len(ids):  # few pages left: look those up
            n = len(ids)
            for d in docs:
                i = bisect_left(ids, d)
                if i < n and ids[i] == d:
                    tf = tfs[i]
                    acc[d] = get(d, 0.0) + c * tf / (tf + norms[d])
        else:
            for d, tf in zip(ids, tfs, strict=True):
                if d in docs:
                    acc[d] = get(d, 0.0) + c * tf / (tf + norms[d])
        self.check()  # after the word: a search stopped now has some pages scored


_Leaf = tuple[str, str, float]  # (field, word, boost) of a word the score sums
# a scored word: field, BM25's factor (boost, idf), the field's average length, its
# postings in each segment
_Word = tuple[str, float, float, list[_Postings]]
_SAFE = 1.0 + 1e-9  # a bound is compared with room for the order of a sum's additions


def _leaves_of(q: Any, boost: float = 1.0, out: list[_Leaf] | None = None) -> list[_Leaf]:
    """The words a page's score sums over, with their boosts: every term and phrase word,
    but not what an exclusion excludes."""
    out = [] if out is None else out
    if isinstance(q, wq.Term):
        out.append((q.fieldname, _text(q.text), boost * q.boost))
    elif isinstance(q, wq.Phrase):
        out.extend((q.fieldname, _text(w), boost * q.boost) for w in q.words)
    elif isinstance(q, wq.AndNot):
        _leaves_of(q.a, boost * q.boost, out)
    elif isinstance(q, wq.And | wq.Or):
        for s in q.subqueries:
            _leaves_of(s, boost * q.boost, out)
    return out


def _gc_untrack() -> Callable[[object], object] | None:
    if sys.implementation.name != "cpython":
        return None
    try:
        import ctypes

        untrack = ctypes.pythonapi.PyObject_GC_UnTrack
    except (ImportError, AttributeError, OSError):  # pragma: no cover - no C API to call
        return None
    untrack.argtypes = [ctypes.py_object]
    untrack.restype = None
    return untrack


_UNTRACK = _gc_untrack()


def _untracked(pages: frozenset[int]) -> frozenset[int]:
    """The same set, out of the cyclic garbage collector's sight. A set of ints cannot be
    part of a reference cycle, but CPython tracks every set and a full collection visits
    each element of each one: with a few million cached pages that was a 200 ms pause in
    whichever query (or, in the window, whichever frame) it fell on. CPython untracks dicts
    of plain values itself; sets it does not. Freed as before, by reference counting."""
    if _UNTRACK is not None and len(pages) > 64:
        _UNTRACK(pages)
    return pages


def _kth(acc: dict[int, float], k: int) -> float:
    return heapq.nlargest(k, acc.values())[-1]


_PLACES = b"c_codecs\nencode\n"  # how protocol 2 pickles bytes: the first of a block's places
_NO_PLACES = b"t\x87."  # close the places' tuple empty, then the (ids, weights, places) tuple


def _without_places(data: bytes, n: int) -> tuple[Any, Any, Any]:
    """A block's ids and weights without unpickling its places (each posting's positions,
    pickled as bytes through ``_codecs.encode``): 90% of the time of a whole block, and
    only a phrase needs them. The block is cut where its places begin and closed there;
    the ids and weights before that point are pickled as numbers, whose opcodes cannot
    spell that text. Anything unexpected: the whole block is unpickled."""
    at = data.find(_PLACES)
    if at > 0 and data[at - 1 : at] == b"(":
        with suppress(Exception):
            found = pickle.loads(data[:at] + _NO_PLACES)
            if isinstance(found, tuple) and len(found) == 3 and len(found[0]) == n:
                return found
    return pickle.loads(data)  # type: ignore[no-any-return]


class _Key:
    """A sub-query as a key of the sets cache, hashed once: a prefix's union of 500 words
    hashes its 500 terms each time, and the cache is asked once per segment."""

    __slots__ = ("h", "q")

    def __init__(self, q: Any) -> None:
        self.q = q
        self.h = hash(q)

    def __hash__(self) -> int:
        return self.h

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and (
            self is other or (self.h == other.h and self.q == other.q)
        )


def _weight(p: _Postings) -> int:
    """What ``p`` counts for against ``CACHE_POSTINGS``: a posting's places are a bytes
    object each, some 60 bytes against the 8 of its id and weight."""
    return len(p.ids) * (PLACES_WEIGHT if p.values else 1)


_SHIFT = 24  # bits for a place on a page in a phrase's (page, place) integers
_ROOM = 1024  # more than a phrase's words (a query has at most 32)


def _spots(p: _Postings, docs: set[int], offset: int) -> set[int]:
    """``page << _SHIFT | (place + _ROOM - offset)`` for every place of the word on
    ``docs``: the same integer for each word of a phrase where the phrase stands."""
    assert p.values is not None
    values = p.values
    loads = pickle.loads
    out: set[int] = set()
    add = out.update
    room = _ROOM - offset  # never below the page's own range
    if len(docs) * 8 < len(p.ids):  # few pages: look them up
        ids = p.ids
        for d in docs:
            base = (d << _SHIFT) + room
            add([base + x for x in accumulate(loads(values[bisect_left(ids, d)][4:]))])
        return out
    for d, v in zip(p.ids, values, strict=True):
        if d in docs:
            base = (d << _SHIFT) + room
            add([base + x for x in accumulate(loads(v[4:]))])
    return out


def _positions_of(p: _Postings, docs: set[int]) -> dict[int, list[int]]:
    assert p.values is not None
    out: dict[int, list[int]] = {}
    loads = pickle.loads
    for i, d in enumerate(p.ids):
        if d in docs:
            v = p.values[i]
            out[d] = list(accumulate(loads(v[4:] if v.endswith(b".") else v[4:] + b".")))
    return out


def _follows(pos: int, rest: list[set[int]], slop: int) -> bool:
    for k, positions in enumerate(rest, 1):
        if slop <= 1:
            if pos + k not in positions:
                return False
        elif not any(pos + k + s in positions for s in range(slop)):
            return False
    return True


def _text(t: Any) -> str:
    return t.decode("utf-8") if isinstance(t, bytes) else str(t)


@dataclass
class Answer:
    total: int
    top: list[tuple[float, int]]  # (score, -global docnum), best first (ties: first page)
    stopped: Any = None  # the notice of a search stopped on the way (then: what it had)


def run(
    searcher: Any,
    q: Any,
    limit: int,
    allow: set[int] | None = None,
    check: Callable[[], None] = lambda: None,
) -> Answer:
    """The exact number of pages ``q`` matches (within ``allow``, global docnums) and the
    best ``limit`` of them."""
    doc_count = max(1, int(searcher.doc_count_all()))
    leaves = _leaves(searcher)
    segments = [SegmentData.of(reader) for reader, _ in leaves]
    total = 0
    best: list[tuple[float, int]] = []
    runs: list[tuple[int, _Run, Docs, int]] = []
    keys: dict[int, _Key] = {}  # the query's sub-queries, hashed once for all segments
    try:
        for at, (seg, (_reader, base)) in enumerate(zip(segments, leaves, strict=True)):
            check()  # count
            r = _Run(seg, check)
            r.keys = keys
            docs = r.docs(q)
            if seg.deleted:
                docs = docs - seg.deleted
            if allow is not None:
                docs = docs & {d - base for d in allow if base <= d < base + seg.doc_count}
            total += len(docs)
            if limit and docs:
                runs.append((at, r, docs, base))
    except SearchStopped as exc:
        return Answer(total, [], exc.notice)
    if not runs:
        return Answer(total, best)
    # Each word's postings in every segment, looked up once: its page count (for the idf, as
    # Whoosh's doc_frequency counts it, without a term index lookup) is what they hold.
    words: list[_Word] = []
    averages: dict[str, float] = {}
    for field, text, boost in _leaves_of(q):
        lists = [seg.postings(field, text) for seg in segments]
        idf = log(doc_count / (sum(len(p.ids) for p in lists) + 1)) + 1
        avg = averages.get(field)
        if avg is None:
            avg = averages[field] = float(searcher.avg_field_length(field) or 1.0)
        words.append((field, boost * idf * (K1 + 1), avg, lists))
    for at, r, docs, base in runs:  # score: only the matching pages that can make the cut
        floor = best[-1][0] if len(best) >= limit else 0.0  # ties go to the earlier page
        acc: dict[int, float] = {}
        try:
            r.score_top(words, at, docs, limit, floor, acc)
        except SearchStopped as exc:  # what was scored until then
            return Answer(total, _merge(best, acc, base, limit), exc.notice)
        best = _merge(best, acc, base, limit)
    return Answer(total, best)


def _merge(
    best: list[tuple[float, int]], acc: dict[int, float], base: int, limit: int
) -> list[tuple[float, int]]:
    if not acc or not limit:
        return best
    # the best by score in C, then ties by page: take enough to see every tie at the cut
    ranked = heapq.nlargest(limit, acc.items(), key=itemgetter(1))
    cut = ranked[-1][1]
    top = sorted(((s, -(d + base)) for d, s in acc.items() if s >= cut), reverse=True)[:limit]
    return heapq.nlargest(limit, [*best, *top]) if best else top


def _leaves(searcher: Any) -> list[tuple[Any, int]]:
    return list(searcher.reader().leaf_readers())
