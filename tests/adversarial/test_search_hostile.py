"""Hostile searches: huge or deep queries, dash words, tiny budgets, reindexes that run
beside a search or are killed, and a reader that closes the pipe."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.cli import EXIT_BROKEN_PIPE, main
from reader.library import Library
from reader.library.importer import import_paths
from reader.paths import DataPaths
from reader.search import Limits, Searcher, update_index
from reader.search.index import current_dir, next_dir, open_index
from reader.search.indexer import BUILD_CONSUMER, CONSUMER, Indexer
from reader.search.limits import DEFAULT_LIMITS
from tests.support.library_fixtures import agenda_pdf, plain_pdf

pytestmark = pytest.mark.adversarial

ROOT = Path(__file__).resolve().parents[2]
DOCS, PAGES, CODES = 20, 5, 6  # each page holds CODES words found on that page only
QUICK = 2.5  # seconds: a hostile query answers in about this, however big


def code(doc: int, page: int, k: int = 0) -> str:
    return f"kode{doc}x{page}{'abcdef'[k]}"


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose index is complete: DOCS plain documents and an agenda."""
    root = tmp_path_factory.mktemp("hostile")
    for d in range(DOCS):
        plain_pdf(
            root / "in" / f"bilag-{d:02d}.pdf",
            *[
                f"Bilag {d} side {p} om budgettet i kommunen:\n"
                + " ".join(code(d, p, k) for k in range(CODES))
                for p in range(1, PAGES + 1)
            ],
        )
    agenda_pdf(root / "in" / "pakke" / "dagsorden.pdf")
    with Library(DataPaths(root / "data")) as lib:
        import_paths(lib, [root / "in"])
        assert not update_index(lib).busy
    return root / "data"


def all_pages(data: Path) -> int:
    with Library(DataPaths(data)) as lib:
        return sum(d.pages for m in lib.meetings() for d in m.documents)


def copy_of(indexed: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(indexed, target)
    return target


def cli_json(data: Path, *args: str) -> tuple[int, dict[str, Any], float]:
    out = io.StringIO()
    began = time.monotonic()
    rc = main(["--data-dir", str(data), "search", "--json", *args], out=out)
    elapsed = time.monotonic() - began
    return rc, (json.loads(out.getvalue()) if out.getvalue() else {}), elapsed


def codes_of(result: dict[str, Any]) -> dict[str, Any]:
    return {n["code"]: n for n in result["notices"]}


# -- queries that are too big, too deep or not a query at all --------------------------------


def test_a_thousand_words_answers_quickly_with_the_caps(indexed: Path) -> None:
    words = [code(d, p, k) for d in range(DOCS) for p in range(1, PAGES + 1) for k in range(3)]
    rng = random.Random(1)
    query = " ".join(rng.choice(words) for _ in range(1000))
    rc, result, elapsed = cli_json(indexed, query)
    assert rc == 0 and elapsed < QUICK
    notices = codes_of(result)
    assert notices["query_chars"]["limit"] == DEFAULT_LIMITS.chars
    assert notices["query_words"]["limit"] == DEFAULT_LIMITS.words
    assert str(DEFAULT_LIMITS.words) in notices["query_words"]["message"]
    assert result["total"] == 0 and result["partial"] is False  # all words must match


def test_too_many_words_alone_names_the_word_cap(indexed: Path) -> None:
    words = ["budgettet"] * 20 + [code(3, 2)] + ["om"] * 30
    rc, result, _ = cli_json(indexed, " ".join(words))
    assert rc == 0 and set(codes_of(result)) == {"query_words"}
    assert result["total"] == 1  # the first 32 words: budgettet and the code
    rc, result, _ = cli_json(indexed, " ".join(["budgettet"] * 31 + ["kode0x0z"]))
    assert result["notices"] == [] and result["total"] == 0  # the 32nd word still counts


def test_a_hundred_thousand_characters(indexed: Path) -> None:
    for query in ("a" * 100_000, "budgettet " * 10_000, "æ-" * 50_000):
        rc, result, elapsed = cli_json(indexed, query)
        assert rc == 0 and elapsed < QUICK, query[:20]
        assert codes_of(result)["query_chars"]["limit"] == DEFAULT_LIMITS.chars


def test_an_800_way_or(indexed: Path) -> None:
    words = [code(d, p) for d in range(DOCS) for p in range(1, PAGES + 1)]
    query = " OR ".join(words[i % len(words)] for i in range(800))
    rc, result, elapsed = cli_json(indexed, query)
    assert rc == 0 and elapsed < QUICK
    assert {"query_chars", "query_words"} <= set(codes_of(result))
    # the words that were searched are ORed: each finds its own page
    assert 0 < result["total"] <= DEFAULT_LIMITS.words


def test_five_hundred_prefixes(indexed: Path) -> None:
    rng = random.Random(5)
    letters = "abdefghijklmnoprstuvæøå"
    query = " ".join(rng.choice(letters) + rng.choice(letters) + "*" for _ in range(500))
    rc, result, elapsed = cli_json(indexed, query)
    assert rc == 0 and elapsed < QUICK
    assert {"query_chars", "query_words"} <= set(codes_of(result))


def test_prefix_expansions_are_capped_to_the_most_common(indexed: Path) -> None:
    # "ko*" stands for DOCS * PAGES * CODES codes (each on one page) and more
    rc, result, elapsed = cli_json(indexed, "ko*")
    assert rc == 0 and elapsed < QUICK
    assert DEFAULT_LIMITS.prefix_terms < DOCS * PAGES * CODES
    notice = codes_of(result)["prefix_terms"]
    assert notice["limit"] == DEFAULT_LIMITS.prefix_terms and "ko*" in notice["message"]
    searcher = Searcher(DataPaths(indexed))
    small = searcher.search("ko*", limits=Limits(prefix_terms=4))
    [notice_] = [n for n in small.notices if n.code == "prefix_terms"]
    assert notice_.limit == 4 and "4 most common" in notice_.message("en")
    # the most common words are kept: "kommunen" is on every page, each code on one
    with open_index(DataPaths(indexed)).searcher() as s:
        reader = s.reader()
        frequency = {t: reader.doc_frequency("text", t) for t in reader.expand_prefix("text", "ko")}
    one = searcher.search("ko*", limits=Limits(prefix_terms=1))
    assert one.total == max(frequency.values()) >= DOCS * PAGES
    # many prefixes share one allowance: each gets a share of it
    many = searcher.search(" ".join(["ko*"] * 10), limits=Limits(expansions=50))
    [shared] = [n for n in many.notices if n.code == "prefix_terms"]
    assert shared.limit == 5


def test_parentheses_ten_thousand_deep(indexed: Path) -> None:
    rc, result, elapsed = cli_json(indexed, "(" * 10_000 + code(3, 2) + ")" * 10_000)
    assert rc == 0 and elapsed < QUICK
    assert {"query_chars", "no_words"} <= set(codes_of(result))
    # within the length cap, brackets are punctuation: the word inside is found
    rc, result, _ = cli_json(indexed, "(" * 100 + code(3, 2) + ")" * 100)
    assert result["total"] == 1 and result["notices"] == []
    spaced = " ".join(["("] * 5000 + [code(3, 2)] + [")"] * 5000)
    rc, result, elapsed = cli_json(indexed, spaced)
    assert rc == 0 and elapsed < QUICK and "query_chars" in codes_of(result)


def test_a_leading_dash_excludes_and_is_no_option(indexed: Path) -> None:
    everything = cli_json(indexed, "budgettet")[1]["total"]
    assert everything >= DOCS * PAGES
    for args in (["-" + code(3, 2)], ["--", "-" + code(3, 2)], ["-reform"]):
        rc, result, elapsed = cli_json(indexed, *args)
        assert rc == 0 and elapsed < QUICK, args
        assert set(codes_of(result)) == {"only_excluded"}, args
        assert result["total"] == 0 and result["hits"] == []
    for args in (
        ["budgettet", "-" + code(3, 2)],
        ["-" + code(3, 2), "budgettet"],
        ["--limit", "5", "-" + code(3, 2), "budgettet"],
        ["budgettet -" + code(3, 2)],
        ["--", "budgettet", "-" + code(3, 2)],
    ):
        rc, result, _ = cli_json(indexed, *args)
        assert rc == 0 and result["total"] == everything - 1, args
    # an option still is one, and a mistyped one is still an error
    rc, result, _ = cli_json(indexed, "budgettet", "--limit", "2")
    assert len(result["hits"]) == 2
    with pytest.raises(SystemExit) as exc:
        cli_json(indexed, "budgettet", "--limt", "2")
    assert exc.value.code == 2


def test_only_exclusions_or_stop_words_ask_for_a_word(indexed: Path) -> None:
    for query in ('-budgettet -"om budgettet"', "-bil*", '-"side 2"'):
        rc, result, _ = cli_json(indexed, query)
        assert rc == 0 and set(codes_of(result)) == {"only_excluded"}, query
    for query in ("og det", '""', "- -- ---", "()"):
        rc, result, _ = cli_json(indexed, query)
        assert rc == 0 and set(codes_of(result)) == {"no_words"}, query


def test_messages_are_danish_unless_english_is_asked_for(
    indexed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--data-dir", str(indexed), "search", "-reform"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Bemærk: Søgningen skal indeholde mindst ét ord") and "0 sider" in out
    monkeypatch.setenv("MOEDEMAPPE_LANG", "en")
    assert main(["--data-dir", str(indexed), "search", "a" * 600]) == 0
    out = capsys.readouterr().out
    assert "Note: The query was cut to its first 500 characters." in out
    assert "0 pages found" in out


# -- time budget and cancellation ----------------------------------------------------------


def test_a_tiny_time_budget_returns_what_it_found_with_a_note(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    searcher = Searcher(DataPaths(indexed))
    full = searcher.search("budgettet", limit=DOCS * PAGES)
    assert full.total >= DOCS * PAGES and not full.partial and full.notices == []
    cut = searcher.search("budgettet", limit=DOCS * PAGES, limits=Limits(seconds=1e-9))
    assert cut.partial and [n.code for n in cut.notices] == ["time"]
    assert cut.total <= full.total
    assert {(h.document, h.page) for h in cut.hits} <= {(h.document, h.page) for h in full.hits}
    rc = main(["--data-dir", str(indexed), "search", "budgettet", "--time-limit", "1e-9"])
    out = capsys.readouterr().out
    assert rc == 0 and "Søgningen blev afbrudt efter 1e-09 s" in out and "mindst" in out
    rc, result, _ = cli_json(indexed, "budgettet", "--time-limit", "1e-9")
    assert result["partial"] is True and codes_of(result)["time"]["limit"] == 1e-9


def test_cancelling_returns_the_best_so_far(indexed: Path) -> None:
    searcher = Searcher(DataPaths(indexed))
    full = searcher.search("budgettet", limit=DOCS * PAGES)
    calls = 0

    def after(n: int) -> Callable[[], bool]:
        def cancelled() -> bool:
            nonlocal calls
            calls += 1
            return calls > n

        return cancelled

    cut = searcher.search("budgettet", limit=10, cancelled=after(3))
    assert cut.partial and [n.code for n in cut.notices] == ["cancelled"]
    # stopped mid-way: the total is what it had counted (all of it: counting comes first
    # and is cheap), the hits what it had scored
    assert 0 < cut.total <= full.total
    assert cut.hits and {(h.document, h.page) for h in cut.hits} <= {
        (h.document, h.page) for h in full.hits
    }
    calls = 0
    assert not searcher.search("budgettet", cancelled=after(10**6)).partial


# -- reindexing beside a search, and killed ---------------------------------------------------

_REINDEX = """
import sys, time
from pathlib import Path
import reader.search.indexer as indexer
from reader.library import Library
from reader.paths import DataPaths
indexer.COMMIT_PAGES = indexer.REBUILD_COMMIT_PAGES = 5
pause = float(sys.argv[2])
with Library(DataPaths(Path(sys.argv[1]))) as lib:
    print("started", flush=True)
    # a large library, slowly: each document takes ``pause`` seconds more
    report = indexer.Indexer(lib.paths, lambda done, total, what: time.sleep(pause)).rebuild(lib)
    print("done", report.pages, flush=True)
"""


def reindex(data: Path, pause: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _REINDEX, str(data), str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
    return proc


def search_process(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data), "search", *args, "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )


def _search_during_reindex(indexed: Path, tmp_path: Path, searches: int) -> None:
    data = copy_of(indexed, tmp_path)
    before = current_dir(DataPaths(data))
    proc = reindex(data, pause=0.3 * searches)  # outlasts the searches
    try:
        for i in range(searches):
            word = code(i % DOCS, 1 + i % PAGES, i % CODES)
            done = search_process(data, word)
            assert done.returncode == 0, done.stderr
            result = json.loads(done.stdout)
            assert result["index"] == "ready"
            assert result["total"] == 1, result  # never 0: the last complete index answers
            assert proc.poll() is None, "the reindex should still be running"
            assert next_dir(DataPaths(data)) is not None
    finally:
        proc.kill()
        proc.wait()
    assert current_dir(DataPaths(data)) == before


@pytest.mark.subprocess
def test_a_search_during_a_reindex_answers_from_the_last_complete_index(
    indexed: Path, tmp_path: Path
) -> None:
    _search_during_reindex(indexed, tmp_path, searches=2)


@pytest.mark.subprocess
@pytest.mark.slow
def test_many_searches_during_a_reindex(indexed: Path, tmp_path: Path) -> None:
    _search_during_reindex(indexed, tmp_path, searches=8)


@pytest.mark.subprocess
def test_a_killed_reindex_leaves_the_index_searchable_and_is_resumed(
    indexed: Path, tmp_path: Path
) -> None:
    data = copy_of(indexed, tmp_path)
    paths = DataPaths(data)
    before = current_dir(paths)
    proc = reindex(data, pause=0.15)
    with Library(paths) as lib:
        deadline = time.monotonic() + 60
        half = lib.last_event() // 2
        while (next_dir(paths) is None or lib.cursor(BUILD_CONSUMER) < half) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.05)  # until the rebuild has committed half of its work
        proc.kill()  # SIGKILL: no clean-up of any kind
        proc.wait()
        killed_at = lib.cursor(BUILD_CONSUMER)
        assert 0 < killed_at < lib.last_event(), "the kill should land mid-rebuild"
        assert next_dir(paths) is not None and current_dir(paths) == before

        # a search answers at once from the committed index, without rebuilding anything
        rc, result, elapsed = cli_json(data, code(7, 3))
        assert rc == 0 and result["index"] == "ready" and result["total"] == 1
        assert result["notices"] == [] and elapsed < QUICK
        assert next_dir(paths) is not None and current_dir(paths) == before

        # the next reindex goes on from where the killed one stopped
        report = Indexer(paths).rebuild(lib)
        assert report.resumed == killed_at
        assert 0 < report.pages < all_pages(data)
        assert lib.cursor(CONSUMER) == lib.last_event()
    after = current_dir(paths)
    assert next_dir(paths) is None and after is not None and after != before
    assert sorted(p.name for p in (data / "search").iterdir()) == sorted(["CURRENT", after.name])
    searcher = Searcher(paths)
    for d, p in ((0, 1), (7, 3), (DOCS - 1, PAGES)):
        assert searcher.search(code(d, p, 2)).total == 1
    assert (
        searcher.search("kommunen").total == Searcher(DataPaths(indexed)).search("kommunen").total
    )


@pytest.mark.subprocess
def test_a_search_while_the_first_index_is_built_says_so(
    indexed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy_of(indexed, tmp_path)
    shutil.rmtree(data / "search")
    with Library(DataPaths(data)) as lib:
        lib.set_cursor(CONSUMER, 0)
    proc = reindex(data, pause=0.5)
    try:
        for lang, words in (("da", "bygget"), ("en", "being built")):
            monkeypatch.setenv("MOEDEMAPPE_LANG", lang)
            rc, result, elapsed = cli_json(data, code(1, 1))
            assert rc == 0 and elapsed < QUICK
            assert result["index"] == "building" and result["total"] is None
            assert words in codes_of(result)["index_building"]["message"]
            assert proc.poll() is None
    finally:
        proc.kill()
        proc.wait()


def test_a_search_never_spends_long_building_an_index(
    indexed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an index, a search builds a small one on the way (and says so) and tells how
    to build a large one instead of spending minutes on it."""
    data = copy_of(indexed, tmp_path)
    shutil.rmtree(data / "search")
    rc, result, _ = cli_json(data, code(2, 2))
    assert rc == 0 and result["total"] == 1
    assert codes_of(result)["index_built"]["limit"] == all_pages(data)
    shutil.rmtree(data / "search")
    monkeypatch.setattr("reader.cli.search.INLINE_PAGES", 10)
    rc, result, _ = cli_json(data, code(2, 2))
    assert rc == 0 and result["index"] == "missing" and result["total"] is None
    assert "moedemappe reindex" in codes_of(result)["index_missing"]["message"]
    assert not (data / "search").exists() or current_dir(DataPaths(data)) is None


# -- the reader goes away ------------------------------------------------------------------


def _closed_pipe_run(args: list[str]) -> subprocess.CompletedProcess[str]:
    read, write = os.pipe()
    os.close(read)  # nobody will ever read: the first write fails with EPIPE
    try:
        return subprocess.run(
            [sys.executable, "main.py", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=60,
        )
    finally:
        os.close(write)


@pytest.mark.subprocess
def test_a_closed_pipe_ends_any_command_quietly(indexed: Path) -> None:
    for args in (
        ["search", "budgettet", "--limit", "200"],
        ["search", "budgettet", "--json"],
        ["meetings", "--json"],
    ):
        done = _closed_pipe_run(["--data-dir", str(indexed), *args])
        assert done.returncode == EXIT_BROKEN_PIPE, (args, done.stderr)
        assert done.stderr == "", args


@pytest.mark.subprocess
def test_search_piped_into_head(indexed: Path) -> None:
    script = (
        f'"{sys.executable}" main.py --data-dir "{indexed}" search budgettet --limit 200 '
        '| head -1; echo "rc=${PIPESTATUS[0]}" >&2'
    )
    done = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    total = Searcher(DataPaths(indexed)).search("budgettet").total
    assert done.stdout == f"{total} sider fundet\n"
    assert done.stderr.strip() in ("rc=0", f"rc={EXIT_BROKEN_PIPE}"), done.stderr
