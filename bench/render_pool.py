"""Time the render pool (request -> Tile delivered, pixels copied out) against bare
``page.get_pixmap`` of the same pages in one process, for text pages and scanned pages.

Usage: ``python bench/render_pool.py [--pages N] [--scale S] [--workers W] [--rounds R]``

Three numbers per kind of page, best of ``--rounds``:
  bare       one process renders every page with get_pixmap, one after the other;
  one-by-one the pool is asked for one page, and the next only once it arrived (latency);
  all-at-once the pool is asked for every page at once (throughput; uses all workers).
The ratios (pool / bare) are what matters; the machine's load cancels out within one run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf

from reader.render import RenderFailure, RenderPool, Tile, TileRequest
from tests.support.render_pdfs import scanned_pdf, text_pdf


def bare(path: Path, pages: int, scale: float) -> float:
    with pymupdf.open(path) as doc:
        doc[0].get_pixmap(matrix=pymupdf.Matrix(scale, scale))  # fonts loaded, as in the pool
        start = time.perf_counter()
        for i in range(pages):
            pix = doc[i].get_pixmap(matrix=pymupdf.Matrix(scale, scale))
            bytes(pix.samples)  # what a caller needs: the bytes
        return time.perf_counter() - start


class _Wait:
    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.n = 0

    def on_tile(self, tile: Tile) -> None:
        with self.cond:
            self.n += 1
            self.cond.notify_all()

    def on_failure(self, failure: RenderFailure) -> None:
        raise SystemExit(f"failed: {failure}")

    def until(self, n: int) -> None:
        with self.cond:
            self.cond.wait_for(lambda: self.n >= n, 60)


def pooled(path: Path, pages: int, scale: float, workers: int) -> tuple[float, float]:
    wait = _Wait()
    pool = RenderPool(workers, on_tile=wait.on_tile, on_failure=wait.on_failure)
    pool.start()
    try:
        pool.info(path).result(60)
        # every worker has the document open and its fonts loaded
        pool.want("warm", [TileRequest(path, 0, scale * k) for k in (1.0, 0.99, 0.98, 0.97)])
        wait.until(4)
        pool.want("warm", [])
        start = time.perf_counter()
        for i in range(pages):
            pool.want("view", [TileRequest(path, i, scale)])
            wait.until(5 + i)
        one = time.perf_counter() - start
        start = time.perf_counter()
        pool.want("view", [TileRequest(path, i, scale) for i in range(pages)])
        wait.until(4 + 2 * pages)
        many = time.perf_counter() - start
        return one, many
    finally:
        pool.close()


def run(name: str, make: Callable[[Path], Path], args: argparse.Namespace, tmp: Path) -> None:
    path = make(tmp / f"{name}.pdf")
    b = min(bare(path, args.pages, args.scale) for _ in range(args.rounds))
    runs = [pooled(path, args.pages, args.scale, args.workers) for _ in range(args.rounds)]
    one = min(r[0] for r in runs)
    many = min(r[1] for r in runs)
    per = 1000 / args.pages
    print(
        f"{name:8} bare {b * per:6.1f} ms/page | one-by-one {one * per:6.1f} ms/page "
        f"(x{one / b:.2f}) | all-at-once {many * per:6.1f} ms/page (x{many / b:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--scale", type=float, default=1.5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run("text", lambda p: text_pdf(p, pages=args.pages), args, Path(tmp))
        run("scanned", lambda p: scanned_pdf(p, pages=args.pages), args, Path(tmp))


if __name__ == "__main__":
    main()
