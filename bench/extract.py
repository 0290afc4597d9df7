"""Time visible-text extraction against plain ``page.get_text()`` on the same pages.

Usage: ``python bench/extract.py [--pages N] [--clipped-share F] [--rounds R]``

Also times the whole import pipeline per page (visible text + agenda parsing, as the library
runs it) on agenda PDFs composed from the seed texts in ``tests/data/seeds`` in two
producers' layouts.

Builds its own PDFs (ordinary agenda-like pages plus ABCpdf-style clipped-duplicate pages) in a
temporary directory. To bench another extractor (e.g. the structure parser), add a callable
taking a ``pymupdf.Page`` to ``EXTRACTORS`` or pass your own mapping to ``bench_pages``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf

from reader.pdf.agenda import parse_agenda
from reader.pdf.text import join_lines, page_text, visible_lines
from tests.support.agenda_fixtures import firstagenda_meeting, kkr_meeting
from tests.support.compose import compose_pdf
from tests.support.pdf_factory import (
    PARAGRAPH_DA,
    make_clipped_duplicate_pdf,
    make_lines_pdf,
)

Extractor = Callable[[pymupdf.Page], object]

EXTRACTORS: dict[str, Extractor] = {
    "plain get_text": lambda page: page.get_text(),
    "visible_lines": visible_lines,
    "page_text": page_text,
}
BASELINE = "plain get_text"

_TEXT = (
    "kommunalbestyrelsen økonomiudvalget indstiller at budgettet for 2026 godkendes med de "
    "ændringer der fremgår af bilag sagen blev behandlet på mødet i sundheds- og ældreudvalget "
    "administrationen anbefaler at bevillingen på 2,5 mio. kr. frigives til implementering af "
    "den nye plan for ældreområdet og at EU-direktivet om tilgængelighed indarbejdes"
)
_WORDS = _TEXT.split()


def _agenda_page(seed: int, n_lines: int = 48) -> list[str]:
    """About a full page of prose, ~80 characters per line, some lines ending in a hyphen."""
    lines: list[str] = []
    for i in range(n_lines):
        k = (seed * 7 + i * 13) % len(_WORDS)
        words = [_WORDS[(k + j) % len(_WORDS)] for j in range(12)]
        line = " ".join(words)
        lines.append(line[:-3] + "-" if i % 9 == 4 else line)
    return lines


def build_pdfs(folder: Path, pages: int, clipped_share: float = 0.25) -> list[Path]:
    """Write the bench set: ordinary pages, and clipped-duplicate pages (half with glyphs cut)."""
    n_clipped = round(pages * clipped_share)
    n_plain = pages - n_clipped
    out = [make_lines_pdf(folder / "plain.pdf", [_agenda_page(s) for s in range(n_plain)])]
    if n_clipped:
        half = n_clipped // 2
        paragraphs = [PARAGRAPH_DA] * (n_clipped - half)
        out.append(make_clipped_duplicate_pdf(folder / "clipped.pdf", paragraphs))
        if half:
            cut = make_clipped_duplicate_pdf(
                folder / "clipped_cut.pdf", [PARAGRAPH_DA] * half, strip_offset=0.4, split_x=121
            )
            out.append(cut)
    return out


def bench_pages(
    pdf_paths: Iterable[Path],
    extractors: Mapping[str, Extractor] | None = None,
    rounds: int = 3,
) -> dict[str, dict[str, float]]:
    """Per extractor: pages, best-of-``rounds`` total ms and ms/page over all pages given.

    Extractors run interleaved on the same loaded page, so caches and CPU state are shared
    fairly; each round reopens the documents.
    """
    extractors = dict(extractors or EXTRACTORS)
    paths = list(pdf_paths)
    best: dict[str, float] = {name: float("inf") for name in extractors}
    n_pages = 0
    for _ in range(rounds):
        totals = dict.fromkeys(extractors, 0.0)
        n_pages = 0
        for path in paths:
            with pymupdf.open(path) as doc:
                for page in doc:
                    n_pages += 1
                    for name, fn in extractors.items():
                        t0 = time.perf_counter()
                        fn(page)
                        totals[name] += time.perf_counter() - t0
        for name, total in totals.items():
            best[name] = min(best[name], total * 1000)
    return {
        name: {"pages": n_pages, "total_ms": ms, "ms_per_page": ms / max(n_pages, 1)}
        for name, ms in best.items()
    }


def build_agendas(folder: Path) -> list[Path]:
    """Agenda PDFs in the layouts the parser meets: KKR (hyphenated, no bookmarks), FirstAgenda."""
    return [
        compose_pdf(kkr_meeting(), folder / "kkr.pdf", bookmarks=False, justified_hyphenated=True),
        compose_pdf(kkr_meeting("agenda"), folder / "kkr-bm.pdf", bookmarks=True),
        compose_pdf(firstagenda_meeting(), folder / "fa.pdf", style="firstagenda"),
    ]


def bench_pipeline(pdf_paths: Iterable[Path], rounds: int = 5) -> dict[str, dict[str, float]]:
    """Plain ``get_text`` per page vs visible text + parse_agenda per document.

    Each document's best round counts, the two measured back to back in every round, so a
    burst of load on a shared machine costs one round of one document, not the comparison.
    """
    paths = list(pdf_paths)
    plain_best = [float("inf")] * len(paths)
    full_best = [float("inf")] * len(paths)
    n_pages = 0
    for _ in range(rounds):
        n_pages = 0
        for k, path in enumerate(paths):
            with pymupdf.open(path) as doc:
                t0 = time.perf_counter()
                for page in doc:
                    page.get_text()
                plain_best[k] = min(plain_best[k], time.perf_counter() - t0)
            with pymupdf.open(path) as doc:
                t0 = time.perf_counter()
                lines, heights = [], []
                for page in doc:  # as the import does it: each page loaded once
                    lines.append(visible_lines(page))
                    heights.append(page.rect.height)
                for page_lines in lines:
                    join_lines([ln.text for ln in page_lines])
                parse_agenda(doc, lines, heights)
                full_best[k] = min(full_best[k], time.perf_counter() - t0)
                n_pages += doc.page_count
    best = {BASELINE: sum(plain_best) * 1000, "text + parse": sum(full_best) * 1000}
    return {
        name: {"pages": n_pages, "total_ms": ms, "ms_per_page": ms / max(n_pages, 1)}
        for name, ms in best.items()
    }


def _report(title: str, result: dict[str, dict[str, float]]) -> None:
    base = result[BASELINE]["ms_per_page"]
    pages = int(next(iter(result.values()))["pages"])
    print(f"{title} ({pages} pages)")
    for name, r in result.items():
        ratio = r["ms_per_page"] / base if base else float("nan")
        print(f"  {name:<16} {r['ms_per_page']:7.3f} ms/page  {ratio:5.2f}x")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200, help="total pages (default 200)")
    ap.add_argument("--clipped-share", type=float, default=0.25, help="share of clipped pages")
    ap.add_argument("--rounds", type=int, default=3, help="best of N rounds (default 3)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_pdfs(Path(tmp), args.pages, args.clipped_share)
        per_file = {path.stem: bench_pages([path], rounds=args.rounds) for path in paths}
        pipeline = bench_pipeline(build_agendas(Path(tmp)), rounds=max(args.rounds, 5))
    for name, result in per_file.items():
        _report(name, result)
    everything = {
        ext: {
            "pages": sum(r[ext]["pages"] for r in per_file.values()),
            "total_ms": sum(r[ext]["total_ms"] for r in per_file.values()),
        }
        for ext in EXTRACTORS
    }
    for r in everything.values():
        r["ms_per_page"] = r["total_ms"] / max(r["pages"], 1)
    _report("all pages", everything)
    ratio = everything["page_text"]["ms_per_page"] / everything[BASELINE]["ms_per_page"]
    print(f"page_text / plain get_text: {ratio:.2f}x (target <= 2x)")
    _report("agenda PDFs, extraction + parsing", pipeline)
    ratio = pipeline["text + parse"]["ms_per_page"] / pipeline[BASELINE]["ms_per_page"]
    print(f"extraction + parsing / plain get_text: {ratio:.2f}x (target <= 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
