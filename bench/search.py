"""Search at scale: indexing against extraction, query latency against SQLite FTS5, index size.

Usage: ``python bench/search.py [--pages N] [--queries Q] [--rounds R] [--workdir DIR]``
(default 20,000 pages, 3 rounds of 40 fresh queries of each kind, medians of the rounds;
``--workdir`` keeps the library and its index for the next run; ``--pages 100000`` is a
member's four-year term in three bodies).

Corpus: agenda and minutes PDFs are composed from the seed texts in ``tests/data/seeds`` in two
producers' layouts (the KKR minutes with every item and section, a FirstAgenda committee's
minutes) and imported for real, which gives real page texts, items with page ranges, and
sections. Those meetings are then cloned into a bench library until it holds ``--pages`` pages:
each clone keeps every heading line (so items and sections are found as in the real documents)
and replaces most other lines with lines drawn at random from all seed texts, under another body
and date. Rendering 20,000 PDFs would take far longer than indexing them, so:

- *Extraction* is measured on the real composed PDF pages (visible-text extraction, as the
  import runs it, best of 3 rounds) and taken per page; the ratio is indexing time per page
  over extraction time per page.
- *Indexing* is a full rebuild of the bench library through the indexer the app uses
  (page texts read from SQLite, analysed, written to Whoosh, committed every 2,000 pages).
- *Queries* (word, two words, phrase, prefix, filtered by body and dates) run through
  ``Searcher`` with limit 10, including exact totals, the item and section of each hit and its
  snippet; each round opens the index afresh. *Typing*: a word, then the next typed letter by
  letter from its fourth, each keystroke a search for the first 10 hits and the exact total
  (``Searcher.search(..., typing=True)``: the last word is a prefix). The peer
  baseline is SQLite FTS5 (unicode61 tokenizer, bm25 ranking, ``snippet()`` and a total
  count) over the same page texts, in the same run.
- *Stemmer*: the Danish analysis of a sample of pages with PyStemmer (C) against Whoosh's
  ``LanguageAnalyzer('da')`` (pure Python Snowball).
- *Compounds*: a 2,000-page index with and without the reversed-stem field, time and size.
- *Word forms*: recall over the forms of 240 Danish nouns (``tests/data/word_forms``): the
  share of (form, other form) pairs where a search for one finds the other's page, with
  Snowball stems alone and with the lemma keys.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf

from reader.library import Library
from reader.library.importer import import_paths
from reader.paths import DataPaths
from reader.pdf.text import page_text
from reader.search import Filters, Searcher, analysis
from reader.search._whoosh import analysis as whoosh_analysis
from reader.search._whoosh import index as whoosh_index
from reader.search.analysis import tokens
from reader.search.index import IndexDamaged, index_dir, make_schema, open_index
from reader.search.indexer import Indexer, page_fields
from reader.search.pages import document_pages
from tests.support.agenda_fixtures import SEEDS, firstagenda_meeting, kkr_meeting
from tests.support.compose import compose_pdf
from tests.support.search_fixtures import decision_meeting
from tests.support.word_forms import measure as word_form_recall
from tests.support.word_forms import nouns

BODIES = [
    "KKR Hovedstaden",
    "Økonomiudvalget",
    "Sundheds- og Ældreudvalget",
    "Teknik- og Miljøudvalget",
    "Børne- og Skoleudvalget",
    "Kommunalbestyrelsen",
]


def compose_templates(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        compose_pdf(kkr_meeting(), folder / "kkr.pdf", justified_hyphenated=True),
        compose_pdf(kkr_meeting("agenda"), folder / "kkr-dagsorden.pdf"),
        compose_pdf(firstagenda_meeting("minutes"), folder / "fa.pdf", style="firstagenda"),
        compose_pdf(decision_meeting(), folder / "tmu.pdf", style="firstagenda"),
    ]


def extraction_ms_per_page(pdfs: list[Path], rounds: int = 3) -> tuple[float, int]:
    best = float("inf")
    pages = 0
    for _ in range(rounds):
        total = 0.0
        pages = 0
        for pdf in pdfs:
            with pymupdf.open(pdf) as doc:
                for page in doc:
                    t0 = time.perf_counter()
                    page_text(page)
                    total += time.perf_counter() - t0
                    pages += 1
        best = min(best, total)
    return best * 1000 / pages, pages


def seed_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line.split()) >= 6:
                lines.append(line.strip())
    return lines


def build_corpus(lib: Library, template_dir: Path, pages: int, rng: random.Random) -> int:
    """Clone the imported template meetings into ``lib`` until it has ``pages`` pages."""
    with Library(DataPaths(template_dir)) as tpl:
        meetings = [(m, tpl.items(m.id)) for m in tpl.meetings()]
        texts = {
            d.id: [tpl.page_text(d.id, p) for p in range(1, d.pages + 1)]
            for m, _ in meetings
            for d in m.documents
        }
    pool = seed_lines()
    headings = re.compile(r"^(\S+\s?){1,3}$|^(\d+\.)+\s|^Punkt \d")
    conn = lib.conn
    total = 0
    n = 0
    start_day = datetime(2019, 1, 1, 9, 30)
    body_ids = {}
    with lib.transaction():
        for b in BODIES:
            body_ids[b] = conn.execute("INSERT INTO bodies (name) VALUES (?)", (b,)).lastrowid
        while total < pages:
            meeting, items = meetings[n % len(meetings)]
            body = BODIES[n % len(BODIES)]
            day = start_day + timedelta(days=3 * n)
            mid = conn.execute(
                """INSERT INTO meetings (body_id, key, title, kind, start, created)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (
                    body_ids[body],
                    f"bench:{n}",
                    f"{meeting.title} #{n}",
                    meeting.kind,
                    day.isoformat(),
                    day.isoformat(),
                ),
            ).lastrowid
            for doc in meeting.documents:
                did = conn.execute(
                    """INSERT INTO documents (meeting_id, key, kind, title, file_name, created)
                       VALUES (?, ?, ?, ?, ?, ?)""",
                    (mid, f"file:{doc.file_name}", doc.kind, doc.title, doc.file_name, "x"),
                ).lastrowid
                page_texts = [_vary(t, pool, headings, rng) for t in texts[doc.id]]
                sha = hashlib.sha256(f"{n}:{doc.id}".encode()).hexdigest()
                vid = conn.execute(
                    """INSERT INTO document_versions (document_id, number, sha256, size, pages,
                       origin, imported) VALUES (?, 1, ?, 0, ?, 'bench', 'x')""",
                    (did, sha, len(page_texts)),
                ).lastrowid
                conn.executemany(
                    "INSERT INTO page_texts (version_id, page, text) VALUES (?, ?, ?)",
                    [(vid, i + 1, t) for i, t in enumerate(page_texts)],
                )
                for pos, it in enumerate(items):
                    if doc.kind == "attachment":
                        continue
                    conn.execute(
                        """INSERT OR IGNORE INTO agenda_items (meeting_id, position, number,
                           title, is_group, group_number, closed, document_id, version_id,
                           page_start, page_end, sections) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
                        (
                            mid,
                            pos,
                            it.number,
                            it.title,
                            int(it.is_group),
                            it.group,
                            int(it.closed),
                            did,
                            vid,
                            it.page_start,
                            it.page_end,
                            json.dumps(it.sections),
                        ),
                    )
                conn.execute(
                    "INSERT INTO document_events (document_id, kind, version_id, at) "
                    "VALUES (?, 'version', ?, 'x')",
                    (did, vid),
                )
                total += len(page_texts)
            n += 1
    return total


def _vary(text: str, pool: list[str], headings: re.Pattern[str], rng: random.Random) -> str:
    out = []
    for line in text.splitlines():
        if headings.match(line.strip()) or rng.random() < 0.3:
            out.append(line)
        else:
            out.append(rng.choice(pool))
    return "\n".join(out)


def percentiles(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s), s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def sample_texts(lib: Library, rng: random.Random, n: int) -> list[str]:
    """``n`` page texts drawn by ``rng``: the same pages, hence the same queries, in every
    run on the same library, so that two versions of the code can be compared."""
    keys = sorted(tuple(r) for r in lib.conn.execute("SELECT version_id, page FROM page_texts"))
    return [
        lib.conn.execute(
            "SELECT text FROM page_texts WHERE version_id = ? AND page = ?", key
        ).fetchone()[0]
        for key in rng.sample(keys, min(n, len(keys)))
    ]


def make_queries(
    lib: Library, rng: random.Random, n: int
) -> dict[str, list[tuple[str, dict[str, object]]]]:
    texts = sample_texts(lib, rng, 400)
    words = [w for t in texts for w in re.findall(r"[a-zæøå]{5,}", t)]
    pairs = [
        " ".join(m) for t in texts for m in re.findall(r"\b([a-zæøå]{4,}) ([a-zæøå]{4,})\b", t)
    ]
    return {
        "word": [(rng.choice(words), {}) for _ in range(n)],
        "two words": [(f"{rng.choice(words)} {rng.choice(words)}", {}) for _ in range(n)],
        "phrase": [(f'"{rng.choice(pairs)}"', {}) for _ in range(n)],
        "prefix": [(rng.choice(words)[:4] + "*", {}) for _ in range(n)],
        "filtered": [
            (
                rng.choice(words),
                {"body": rng.choice(BODIES), "from": "2020-01-01", "to": "2022-12-31"},
            )
            for _ in range(n)
        ],
    }


def fts5_build(lib: Library, path: Path) -> tuple[sqlite3.Connection, float]:
    db = sqlite3.connect(path)
    db.execute(
        "CREATE VIRTUAL TABLE pages USING fts5(text, body UNINDEXED, day UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 0')"
    )
    rows = lib.conn.execute(
        """SELECT t.text, b.name, m.start FROM page_texts t
           JOIN document_versions v ON v.id = t.version_id JOIN documents d ON d.id = v.document_id
           JOIN meetings m ON m.id = d.meeting_id JOIN bodies b ON b.id = m.body_id"""
    )
    t0 = time.perf_counter()
    with db:
        db.executemany("INSERT INTO pages (text, body, day) VALUES (?, ?, ?)", rows)
    return db, time.perf_counter() - t0


def fts5_query(db: sqlite3.Connection, query: str, opts: dict[str, object]) -> None:
    if query.endswith("*") or query.startswith('"'):
        match = query
    else:
        match = " ".join(f'"{w}"' for w in query.split())
    where, args = "pages MATCH ?", [match]
    if opts:
        where += " AND body = ? AND day >= ? AND day <= ?"
        args += [opts["body"], opts["from"], str(opts["to"]) + "T23:59"]
    db.execute(f"SELECT count(*) FROM pages WHERE {where}", args).fetchone()
    db.execute(
        f"SELECT rowid, snippet(pages, 0, '<b>', '</b>', '…', 24) FROM pages WHERE {where} "
        "ORDER BY bm25(pages) LIMIT 10",
        args,
    ).fetchall()


def rss_mb() -> float:
    """This process's resident memory (Linux), or 0 where /proc is missing."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def stemmer_bench(texts: list[str]) -> tuple[float, float]:
    ana = whoosh_analysis.LanguageAnalyzer("da")
    t0 = time.perf_counter()
    for t in texts:
        [tok.text for tok in ana(t)]
    whoosh_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts:
        tokens(t)
    ours = time.perf_counter() - t0
    return whoosh_s * 1000 / len(texts), ours * 1000 / len(texts)


def compound_bench(lib: Library, folder: Path, n_docs: int) -> dict[str, float]:
    ids = [
        r[0] for r in lib.conn.execute("SELECT id FROM documents ORDER BY id LIMIT ?", (n_docs,))
    ]
    pages = [p for i in ids for p in document_pages(lib, i)]
    out: dict[str, float] = {"pages": len(pages)}
    for name, keep in (("without", False), ("with", True)):
        d = folder / name
        d.mkdir(parents=True)
        ix = whoosh_index.create_in(str(d), make_schema())
        t0 = time.perf_counter()
        w = ix.writer(limitmb=64)
        for p in pages:
            f = page_fields(p)
            if not keep:
                f["rev"] = []
            w.add_document(**f)
        w.commit()
        out[f"{name}_s"] = time.perf_counter() - t0
        out[f"{name}_bytes"] = dir_size(d)
    return out


def typing_queries(lib: Library, rng: random.Random, n: int) -> list[list[str]]:
    """``n`` queries as a member types them: a word, then the next one letter by letter
    from its fourth letter (``sundhed praktikp``, ``sundhed praktikpl``, ...)."""
    texts = sample_texts(lib, rng, 200)
    words = [w for t in texts for w in re.findall(r"[a-zæøå]{5,}", t)]
    long_words = [w for w in words if len(w) >= 9] or words
    out = []
    for i in range(n):
        last = rng.choice(long_words)
        first = f"{rng.choice(words)} " if i % 2 else ""
        out.append([first + last[:k] for k in range(4, len(last) + 1)])
    return out


def run_queries(
    searcher: Searcher,
    db: sqlite3.Connection,
    queries: dict[str, list[tuple[str, dict[str, object]]]],
) -> dict[str, tuple[float, float, float, float, float]]:
    """Per kind: our p50 and p95, FTS5's p50 and p95 (ms), and pages per query."""
    out = {}
    for kind, qs in queries.items():
        ours: list[float] = []
        peer: list[float] = []
        hits = 0
        for q, opts in qs:
            filters = (
                Filters(
                    body=str(opts["body"]),
                    date_from=datetime.fromisoformat(str(opts["from"])).date(),
                    date_to=datetime.fromisoformat(str(opts["to"])).date(),
                )
                if opts
                else None
            )
            t0 = time.perf_counter()
            result = searcher.search(q, filters, limit=10)
            ours.append((time.perf_counter() - t0) * 1000)
            assert not result.partial, (q, result.notices)
            hits += result.total
            t0 = time.perf_counter()
            fts5_query(db, q, opts)
            peer.append((time.perf_counter() - t0) * 1000)
        p50, p95 = percentiles(ours)
        f50, f95 = percentiles(peer)
        out[kind] = (p50, p95, f50, f95, hits / len(qs))
    return out


def run_typing(searcher: Searcher, typed: list[list[str]]) -> tuple[float, float, float]:
    """p50 and p95 (ms) of a first screen of hits with the exact total, per keystroke, and
    pages per query."""
    times: list[float] = []
    hits = 0
    for steps in typed:
        for q in steps:
            t0 = time.perf_counter()
            result = searcher.search(q, limit=10, typing=True)
            times.append((time.perf_counter() - t0) * 1000)
            assert not result.partial, (q, result.notices)
            hits += result.total
    p50, p95 = percentiles(times)
    return p50, p95, hits / len(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=40)
    ap.add_argument(
        "--rounds", type=int, default=3, help="rounds of fresh queries; medians are reported"
    )
    ap.add_argument(
        "--workdir",
        type=Path,
        help="build the library here and keep it; a library already there is reused "
        "(its index too, when it is of the current format)",
    )
    args = ap.parse_args(argv)
    rng = random.Random(1221)
    tmp = args.workdir or Path(tempfile.mkdtemp(prefix="moedemappe-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        pdfs = compose_templates(tmp / "pdf")
        if not (tmp / "template").exists():
            with Library(DataPaths(tmp / "template")) as tpl:
                import_paths(tpl, pdfs)
        extract_ms, sample = extraction_ms_per_page(pdfs)
        reuse = (tmp / "data" / "built").exists()
        lib = Library(DataPaths(tmp / "data"))
        if reuse:
            total = int(lib.conn.execute("SELECT count(*) FROM page_texts").fetchone()[0])
        else:
            total = build_corpus(lib, tmp / "template", args.pages, rng)
            (tmp / "data" / "built").write_text(str(total))
        print(f"corpus: {total} pages in {len(lib.meetings())} meetings")
        print(f"extraction (visible text, {sample} real PDF pages): {extract_ms:.2f} ms/page")
        try:
            open_index(lib.paths)
            fresh = False
        except IndexDamaged:
            fresh = True
        if fresh or not reuse:
            t0 = time.perf_counter()
            report = Indexer(lib.paths).rebuild(lib)
            index_s = time.perf_counter() - t0
            assert report.pages == total, report
            index_ms = index_s * 1000 / total
            print(
                f"indexing {total} pages: {index_s:.1f} s, {index_ms:.2f} ms/page, "
                f"{index_ms / extract_ms:.2f}x extraction (target <= 2x)"
            )
        else:
            print("indexing: the index in --workdir reused")
        size = dir_size(index_dir(lib.paths))
        segments = len(open_index(lib.paths)._segments())

        fts_path = tmp / "fts.sqlite3"
        if fts_path.exists() and reuse:
            db = sqlite3.connect(fts_path)
        else:
            fts_path.unlink(missing_ok=True)
            db, fts_s = fts5_build(lib, fts_path)
            print(f"FTS5 build: {fts_s:.1f} s, {fts_s * 1000 / total:.2f} ms/page")
        fts_size = fts_path.stat().st_size
        print(
            f"index size: {size / total / 1024:.2f} KiB/page in {segments} segments (Whoosh, "
            f"text stored), {fts_size / total / 1024:.2f} KiB/page (FTS5, text stored)"
        )

        load = os.getloadavg()[0]
        rounds: list[dict[str, tuple[float, float, float, float, float]]] = []
        typing: list[tuple[float, float, float]] = []
        memory: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
        for r in range(args.rounds):
            before = rss_mb()
            searcher = Searcher(lib.paths)  # each round opens the index afresh
            searcher.search("kommune", limit=10)  # opens the index, loads the lemma table
            opened = rss_mb()
            qrng = random.Random(1221 + r)
            rounds.append(run_queries(searcher, db, make_queries(lib, qrng, args.queries)))
            typing.append(run_typing(searcher, typing_queries(lib, qrng, args.queries // 4)))
            if r == 0:
                t0 = time.perf_counter()
                gc.collect()
                memory = (before, opened, rss_mb(), (time.perf_counter() - t0) * 1000)
            searcher.forget()
        print(
            f"queries: {args.rounds} rounds of {args.queries} fresh queries per kind, limit 10, "
            f"exact totals; medians of the rounds (load average {load:.2f} at the start, "
            f"{os.getloadavg()[0]:.2f} at the end)"
        )
        for kind in rounds[0]:
            p50, p95, f50, f95, per = (
                statistics.median(r[kind][i] for r in rounds) for i in range(5)
            )
            print(
                f"{kind:<10} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms   FTS5 p50 {f50:6.1f} ms  "
                f"p95 {f95:6.1f} ms   p95 ratio {p95 / max(f95, 1e-6):5.1f}x  "
                f"(avg {per:.0f} pages/query)"
            )
        t50, t95, tper = (statistics.median(t[i] for t in typing) for i in range(3))
        print(
            f"typing     p50 {t50:6.1f} ms  p95 {t95:6.1f} ms   first 10 hits and the exact "
            f"total per keystroke (target p95 <= 50 ms; avg {tper:.0f} pages/query)"
        )
        print(
            f"memory: {memory[0]:.0f} MB resident before the index was opened, "
            f"{memory[1]:.0f} MB after its first query, {memory[2]:.0f} MB after a round of "
            f"queries; a full garbage collection then took {memory[3]:.0f} ms"
        )

        texts = [r[0] for r in lib.conn.execute("SELECT text FROM page_texts LIMIT 1000")]
        whoosh_ms, ours_ms = stemmer_bench(texts)
        print(
            f"analysis per page: Whoosh LanguageAnalyzer('da') {whoosh_ms:.2f} ms, "
            f"PyStemmer with lemma keys {ours_ms:.2f} ms"
        )
        c = compound_bench(lib, tmp / "compound", 60)
        shutil.rmtree(tmp / "compound", ignore_errors=True)
        print(
            f"compound field on {int(c['pages'])} pages: time {c['with_s'] / c['without_s']:.2f}x, "
            f"size {c['with_bytes'] / c['without_bytes']:.2f}x"
        )
        rows = nouns()
        analysis.use_lemmas(False)
        before = word_form_recall(rows)
        analysis.use_lemmas(True)
        after = word_form_recall(rows)
        print(
            f"word forms ({len(rows)} nouns, {after.pairs} form pairs): recall "
            f"{before.ratio:.1%} with Snowball stems, {after.ratio:.1%} with lemma keys"
        )
        lib.close()
    finally:
        if args.workdir is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
