"""Search at scale: indexing against extraction, query latency against SQLite FTS5, index size.

Usage: ``python bench/search.py [--pages N] [--queries Q]`` (default 20,000 pages, 40 queries
of each kind).

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
- *Queries* (word, phrase, prefix, filtered by body and dates) run through ``Searcher`` with
  limit 10, including totals, the item and section of each hit and its snippet. The peer
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
import hashlib
import json
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
from reader.search.index import index_dir, make_schema
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


def make_queries(
    lib: Library, rng: random.Random, n: int
) -> dict[str, list[tuple[str, dict[str, object]]]]:
    texts = [
        r[0] for r in lib.conn.execute("SELECT text FROM page_texts ORDER BY random() LIMIT 400")
    ]
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=40)
    args = ap.parse_args(argv)
    rng = random.Random(1221)
    tmp = Path(tempfile.mkdtemp(prefix="moedemappe-bench-"))
    try:
        pdfs = compose_templates(tmp / "pdf")
        with Library(DataPaths(tmp / "template")) as tpl:
            import_paths(tpl, pdfs)
        extract_ms, sample = extraction_ms_per_page(pdfs)
        lib = Library(DataPaths(tmp / "data"))
        total = build_corpus(lib, tmp / "template", args.pages, rng)
        print(f"corpus: {total} pages in {len(lib.meetings())} meetings")

        t0 = time.perf_counter()
        report = Indexer(lib.paths).rebuild(lib)
        index_s = time.perf_counter() - t0
        assert report.pages == total, report
        index_ms = index_s * 1000 / total
        size = dir_size(index_dir(lib.paths))
        print(f"extraction (visible text, {sample} real PDF pages): {extract_ms:.2f} ms/page")
        print(
            f"indexing {total} pages: {index_s:.1f} s, {index_ms:.2f} ms/page, "
            f"{index_ms / extract_ms:.2f}x extraction (target <= 2x)"
        )

        db, fts_s = fts5_build(lib, tmp / "fts.sqlite3")
        fts_size = (tmp / "fts.sqlite3").stat().st_size
        print(f"FTS5 build: {fts_s:.1f} s, {fts_s * 1000 / total:.2f} ms/page")
        print(
            f"index size: {size / total / 1024:.1f} KiB/page (Whoosh, text stored), "
            f"{fts_size / total / 1024:.1f} KiB/page (FTS5, text stored)"
        )

        searcher = Searcher(lib.paths)
        queries = make_queries(lib, rng, args.queries)
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
                hits += result.total
                t0 = time.perf_counter()
                fts5_query(db, q, opts)
                peer.append((time.perf_counter() - t0) * 1000)
            p50, p95 = percentiles(ours)
            f50, f95 = percentiles(peer)
            print(
                f"{kind:<10} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms   FTS5 p50 {f50:6.1f} ms  "
                f"p95 {f95:6.1f} ms   p95 ratio {p95 / max(f95, 1e-6):5.1f}x  "
                f"(avg {hits / len(qs):.0f} pages/query)"
            )

        texts = [r[0] for r in lib.conn.execute("SELECT text FROM page_texts LIMIT 1000")]
        whoosh_ms, ours_ms = stemmer_bench(texts)
        print(
            f"analysis per page: Whoosh LanguageAnalyzer('da') {whoosh_ms:.2f} ms, "
            f"PyStemmer {ours_ms:.2f} ms ({whoosh_ms / ours_ms:.1f}x faster)"
        )
        c = compound_bench(lib, tmp / "compound", 60)
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
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
