"""A worker's memory stays bounded over a long scanned document."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.render import TileRequest
from tests.support.render_pdfs import scanned_pdf
from tests.support.render_pool import running_pool


def _private_rss(pid: int) -> int:
    """Private resident memory (RssAnon) in bytes; shared memory slots are not in it."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no RssAnon")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_rendering_300_scanned_pages_keeps_a_worker_bounded(tmp_path: Path) -> None:
    pages = 300
    path = scanned_pdf(tmp_path / "scan.pdf", pages=pages)
    with running_pool(1) as (pool, got):
        pool.info(path).result(60)
        (pid,) = pool.worker_pids()
        rss: list[int] = []
        for start in range(0, pages, 50):
            pool.want("view", [TileRequest(path, p, 1.5) for p in range(start, start + 50)])
            got.wait(start + 50, timeout=300)
            rss.append(_private_rss(pid))
        assert got.failures == []
        print("private RSS per 50 pages (MB):", [r >> 20 for r in rss])
        assert max(rss[1:]) < rss[0] + (64 << 20)
        assert max(rss) < 200 << 20
