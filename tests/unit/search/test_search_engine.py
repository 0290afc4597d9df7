"""The fast path answers as Whoosh's collector would: the same totals, the same best pages
with the same scores; it counts without scoring and remembers what it read; typing treats the
last word as a prefix."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from reader.library import Library
from reader.paths import DataPaths
from reader.search import engine
from reader.search._whoosh import collectors
from reader.search.compiler import _walk_frequencies, compile_query, prefix_words
from reader.search.index import open_index
from reader.search.limits import Budget
from reader.search.searcher import Searcher
from reader.search.syntax import as_typed
from tests.support.search_fixtures import build_library
from tests.support.word_forms import add_pages, ram_index

QUERIES = [
    "kommunerne",
    "sundhedsreformen",
    "reform",
    "borgere kommune",
    "telemedicin OR hjertesvigt",
    "kommune -region",
    "sund*",
    "praktikpl*",
    "budget* sag",
    '"ikke godkendt"',
    '"praktikpladser"',
    "findesikke",
]


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("engine")
    library = Library(DataPaths(root / "data"))
    build_library(library, root / "in")
    yield library
    library.close()


def whoosh_top(searcher: Any, query: Any, limit: int) -> tuple[int, list[tuple[int, float]]]:
    top = collectors.TopCollector(limit=limit, usequality=False, replace=0)
    searcher.search_with_collector(query, top)
    return int(top.total), [(hit.docnum, float(hit.score)) for hit in top.results()]


@pytest.mark.parametrize("text", QUERIES)
def test_the_fast_path_agrees_with_whoosh(lib: Library, text: str) -> None:
    with open_index(lib.paths).searcher() as searcher:
        query = compile_query(searcher.reader(), text, budget=Budget(None)).query
        if query is None:
            return
        total, best = whoosh_top(searcher, query, 10)
        answer = engine.run(searcher, query, 10)
        assert answer.total == total
        ours = [(-negdoc, score) for score, negdoc in answer.top]
        if '"' in text and " " in text:  # a phrase: Whoosh scores it otherwise; same pages
            assert {d for d, _ in ours} == {d for d, _ in best}
            return
        assert [d for d, _ in ours] == [d for d, _ in best]
        assert [round(s, 4) for _, s in ours] == [round(s, 4) for _, s in best]


def test_filters_and_deletions_are_counted_exactly(lib: Library) -> None:
    with open_index(lib.paths).searcher() as searcher:
        query = compile_query(searcher.reader(), "kommune").query
        everything = engine.run(searcher, query, 0)
        assert everything.total > 2 and everything.top == []  # counted, nothing scored
        allow = {-d for _, d in engine.run(searcher, query, 3).top}
        assert engine.run(searcher, query, 10, allow).total == 3


def test_postings_are_read_once_per_segment() -> None:
    ix = ram_index({str(i): f"Praktikpladser i kommune {i}." for i in range(50)})
    with ix.searcher() as searcher:
        [(reader, _)] = list(searcher.reader().leaf_readers())
        data = engine.SegmentData.of(reader)
        first = data.postings("text", "kommun")
        assert len(first.ids) == 50 and data.postings("text", "kommun") is first
        assert engine.SegmentData.of(reader) is data


def test_typing_makes_the_last_word_a_prefix(lib: Library) -> None:
    assert as_typed("praktikpl") == "praktikpl*"
    assert as_typed("sundhed praktikpl") == "sundhed praktikpl*"
    for done in ("sundhed ", '"ikke godk', "plads*", "a", "sundhed OR"):
        assert as_typed(done) == done
    searcher = Searcher(lib.paths)
    typed = searcher.search("praktikpl", limit=10, typing=True)
    assert typed.total == searcher.search("praktikplads").total > 0
    assert typed.suggestion is None
    assert searcher.search("praktikpl", limit=10).total == 0  # a whole word, not yet found


def test_warm_loads_the_tables_of_the_index(lib: Library) -> None:
    from reader.search import lemmas

    Searcher(lib.paths).warm()
    assert lemmas.loaded("da")


def test_ids_and_weights_read_without_places_are_the_same(lib: Library) -> None:
    """Blocks cut before their places give the ids and weights the whole blocks give."""
    with open_index(lib.paths).searcher() as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            data = engine.SegmentData(reader)
            words = [t for _, t in zip(range(300), reader.lexicon("text"), strict=False)]
            assert words
            for btext in words:
                plain = data._read("text", btext, values=False)
                whole = data._read("text", btext, values=True)
                assert plain.values is None and whole.values is not None
                assert list(plain.ids) == list(whole.ids)
                assert list(plain.tfs) == list(whole.tfs)


def test_page_counts_of_a_prefix_in_one_walk_are_the_lookups(lib: Library) -> None:
    """The frequencies that choose a prefix's most common words, read in one walk over the
    term index, are Whoosh's own page counts."""
    with open_index(lib.paths).searcher() as searcher:
        reader = searcher.reader()
        for prefix in ("k", "s", "pr"):
            words = prefix_words(reader, "text", prefix, 5000)[0]
            assert len(words) >= 32
            cache: dict[tuple[str, bytes], int] = {}
            assert _walk_frequencies(reader, "text", words, cache, Budget(None))
            assert cache == {("text", t): reader.doc_frequency("text", t) for t in words}


def _zipf_pages(rng: random.Random, n: int, offset: int) -> dict[str, str]:
    """Pages of words drawn as in real text: a few common, many rare, sharing beginnings
    (``kommune`` on most pages, ``kommunikationsplan`` on a few), of varied lengths."""
    heads = ["kommun", "sundhed", "prakti", "region", "kapacit"]
    tails = ["e", "en", "er", "erne", "al", "alt", "ikation", "splan", "sråd", "sreform"]
    tails += [f"s{w}" for w in ("aftale", "budget", "indsats", "område", "plads", "udvalg")]
    vocab = [h + t for h in heads for t in tails] + [f"ord{i}" for i in range(300)]
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    return {
        str(offset + i): " ".join(rng.choices(vocab, weights, k=rng.randint(5, 120))) + "."
        for i in range(n)
    }


@pytest.fixture(scope="module")
def segmented() -> Any:
    """An index of three segments with some pages deleted, as a library's after updates."""
    rng = random.Random(7)
    ix = ram_index(_zipf_pages(rng, 300, 0))
    for start in (300, 600):
        add_pages(ix, _zipf_pages(rng, 300, start), merge=False)
    writer = ix.writer()
    for key in ("5", "301", "650"):
        writer.delete_by_term("key", key)
    writer.commit(merge=False)
    return ix


@pytest.mark.parametrize(
    "text", ["komm*", "sund*", "kommune", "regionsråd kapacitet", "prakti* -ord1", "ord3 OR ord250"]
)
@pytest.mark.parametrize("limit", [1, 5, 20])
def test_pages_left_out_of_scoring_could_not_have_made_the_cut(
    segmented: Any, text: str, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scoring stops walking a word's pages once they could not lift a page into the
    results, yet the best pages and their scores are Whoosh's, on every segment, with
    deletions and with a filter; and for a prefix most matching pages are never scored."""
    scored: list[int] = []
    merge = engine._merge

    def counting(best: Any, acc: dict[int, float], base: int, limit: int) -> Any:
        scored.append(len(acc))
        return merge(best, acc, base, limit)

    monkeypatch.setattr(engine, "_merge", counting)
    with segmented.searcher() as searcher:
        assert len(list(searcher.reader().leaf_readers())) == 3
        query = compile_query(searcher.reader(), text, budget=Budget(None)).query
        total, best = whoosh_top(searcher, query, limit)
        answer = engine.run(searcher, query, limit)
        assert answer.total == total > limit
        assert [-d for _, d in answer.top] == [d for d, _ in best]
        assert [round(s, 6) for s, _ in answer.top] == [round(s, 6) for _, s in best]
        if text in ("komm*", "sund*") and limit < 20:
            assert sum(scored) < total / 2
        allow = set(range(0, 900, 3))
        filtered = collectors.TopCollector(limit=limit, usequality=False, replace=0)
        searcher.search_with_collector(query, collectors.FilterCollector(filtered, allow=allow))
        ours = engine.run(searcher, query, limit, allow)
        assert ours.total == filtered.total
        assert [-d for _, d in ours.top] == [hit.docnum for hit in filtered.results()]
