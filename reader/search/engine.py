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
CACHE_POSTINGS = 2_000_000  # postings remembered per segment (ids and frequencies)
PREFETCH_MIN = 8  # words of one union read in one pass over the term index
CACHE_SET_PAGES = 1_000_000  # pages of sub-queries' sets remembered per segment
_INT = Struct("!i")
_MAGIC = b"W3Bl"


@dataclass
class _Postings:
    ids: array[int]  # docnums in the segment, ascending
    tfs: array[float] | list[float]  # each posting's weight (term frequency times boosts)
    values: tuple[bytes, ...] | None = None  # encoded positions, when read for a phrase
    _set: frozenset[int] | None = None

    @property
    def set(self) -> frozenset[int]:
        if self._set is None:
            self._set = frozenset(self.ids)
        return self._set


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
        self._lock = threading.Lock()
        self.sets: OrderedDict[Any, frozenset[int]] = OrderedDict()
        self._set_pages = 0

    def remember(self, q: Any, docs: frozenset[int]) -> None:
        """Keep a sub-query's pages (the latest, up to ``CACHE_SET_PAGES`` in all)."""
        with self._lock:
            if q in self.sets:
                return
            self.sets[q] = docs
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
            with suppress(KeyError):  # another thread's query just let it go
                cache.move_to_end(key)
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
            self._cached += len(found.ids)
            while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
                _, old = self._cache.popitem(last=False)
                self._cached -= len(old.ids)
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
                self._cached += len(p.ids)

    def _read(self, field: str, btext: bytes, values: bool) -> _Postings:
        try:
            info = self.terms.term_info(field, btext)
        except Exception:  # TermNotFound: the segment does not have the word
            return _EMPTY
        return self._from_info(info, field, values)

    def _from_info(self, info: Any, field: str, values: bool) -> _Postings:
        if info.is_inlined():
            ids, weights, vals = info.inlined_postings()
            return _Postings(array("I", ids), list(weights), tuple(vals) if values else None)
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
        return _Postings(all_ids, tfs, tuple(vals_out) if values else None)

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
            self._norms[key] = found
        return found


# -- evaluation -------------------------------------------------------------------------------


class _Run:
    """One query on one segment."""

    def __init__(
        self, seg: SegmentData, stats: Callable[[str, str], tuple[float, float]], check: Any
    ) -> None:
        self.seg = seg
        self.stats = stats  # (field, text) -> (idf, average field length)
        self.check = check
        self.keys: dict[int, _Key] = {}

    def docs(self, q: Any) -> Docs:
        if isinstance(q, wq.Term):
            return self.seg.postings(q.fieldname, _text(q.text)).set
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
            subs = [self.docs(s) for s in q.subqueries]
            if not subs:
                return frozenset()
            return set().union(*subs)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return frozenset()
        raise Unsupported(type(q).__name__)

    def _phrase(self, q: Any) -> Docs:
        words = [_text(w) for w in q.words]
        if len(words) == 1:
            return self.seg.postings(q.fieldname, words[0]).set
        lists = [self.seg.postings(q.fieldname, w, values=True) for w in words]
        candidates = set(lists[0].set)
        for p in sorted(lists[1:], key=lambda p: len(p.ids)):
            candidates &= p.set
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

    def score(self, q: Any, docs: Docs, acc: dict[int, float], boost: float) -> None:
        if isinstance(q, wq.Term):
            self._score_term(q.fieldname, _text(q.text), docs, acc, boost * q.boost)
        elif isinstance(q, wq.Phrase):
            for w in q.words:
                self._score_term(q.fieldname, _text(w), docs, acc, boost * q.boost)
        elif isinstance(q, wq.AndNot):
            self.score(q.a, docs, acc, boost * q.boost)
        elif isinstance(q, wq.And | wq.Or):
            for s in q.subqueries:
                self.score(s, docs, acc, boost * q.boost)

    def _score_term(
        self,
        field: str,
        text: str,
        docs: set[int] | frozenset[int],
        acc: dict[int, float],
        boost: float,
    ) -> None:
        p = self.seg.postings(field, text)
        if not len(p.ids):
            return
        hits = p.set & docs if len(docs) * 4 < len(p.ids) else None  # in C
        if (not hits) if hits is not None else p.set.isdisjoint(docs):
            return  # none of its pages left (most of a word's compounds)
        idf, avg = self.stats(field, text)
        c = boost * idf * (K1 + 1)
        norms = self.seg.norms(field, avg)
        get = acc.get
        if hits is not None:  # few pages left: look those up
            tfs = p.tfs
            where = getattr(p, "_where", None)
            if where is None and len(hits) * 16 < len(p.ids):  # fewer still: no index
                ids = p.ids
                for d in hits:
                    tf = tfs[bisect_left(ids, d)]
                    acc[d] = get(d, 0.0) + c * tf / (tf + norms[d])
            else:
                where = _index_of(p)
                for d in hits:
                    tf = tfs[where[d]]
                    acc[d] = get(d, 0.0) + c * tf / (tf + norms[d])
        elif p.set <= docs:  # every page of the word counts (a union): no test per page
            for d, tf in zip(p.ids, p.tfs, strict=True):
                acc[d] = get(d, 0.0) + c * tf / (tf + norms[d])
        else:
            for d, tf in zip(p.ids, p.tfs, strict=True):
                if d in docs:
                    acc[d] = get(d, 0.0) + c * tf / (tf + norms[d])
        self.check()  # after the term: a search stopped now has some pages scored


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


def _index_of(p: _Postings) -> dict[int, int]:
    found: dict[int, int] | None = getattr(p, "_where", None)
    if found is None:
        found = {d: i for i, d in enumerate(p.ids)}
        p._where = found  # type: ignore[attr-defined]
    return found


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
        where = _index_of(p)
        for d in docs:
            base = (d << _SHIFT) + room
            add([base + x for x in accumulate(loads(values[where[d]][4:]))])
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
    stats_cache: dict[tuple[str, str], tuple[float, float]] = {}
    leaves = _leaves(searcher)
    segments = [SegmentData.of(reader) for reader, _ in leaves]

    def stats(field: str, text: str) -> tuple[float, float]:
        key = (field, text)
        found = stats_cache.get(key)
        if found is None:
            # a term's page count is what its segments' postings hold (read by the count
            # already): no term index lookups, as Whoosh's doc_frequency would make
            df = sum(len(seg.postings(field, text).ids) for seg in segments)
            idf = log(doc_count / (df + 1)) + 1
            found = stats_cache[key] = (idf, float(searcher.avg_field_length(field) or 1.0))
        return found

    total = 0
    best: list[tuple[float, int]] = []
    runs: list[tuple[_Run, Docs, int]] = []
    keys: dict[int, _Key] = {}  # the query's sub-queries, hashed once for all segments
    try:
        for seg, (_reader, base) in zip(segments, leaves, strict=True):  # count
            check()
            r = _Run(seg, stats, check)
            r.keys = keys
            docs = r.docs(q)
            if seg.deleted:
                docs = docs - seg.deleted
            if allow is not None:
                docs = docs & {d - base for d in allow if base <= d < base + seg.doc_count}
            total += len(docs)
            if limit and docs:
                runs.append((r, docs, base))
    except SearchStopped as exc:
        return Answer(total, [], exc.notice)
    for r, docs, base in runs:  # score: only the matching pages
        acc: dict[int, float] = {}
        try:
            r.score(q, docs, acc, 1.0)
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
