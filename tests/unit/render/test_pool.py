"""The render pool with real worker processes and real PDFs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from reader.errors import PdfError
from reader.render import (
    DocumentInfo,
    RenderPool,
    TileRequest,
)
from tests.support.render_pdfs import scanned_pdf, text_pdf
from tests.support.render_pool import Collector, running_pool


@pytest.fixture
def running() -> Iterator[tuple[RenderPool, Collector]]:
    with running_pool(2) as both:
        yield both


@pytest.fixture
def got(running: tuple[RenderPool, Collector]) -> Collector:
    return running[1]


@pytest.fixture
def pool(running: tuple[RenderPool, Collector]) -> RenderPool:
    return running[0]


def _bare(path: Path, page: int, scale: float, clip: pymupdf.Rect | None = None) -> bytes:
    with pymupdf.open(path) as doc:
        pix = doc[page].get_pixmap(matrix=pymupdf.Matrix(scale, scale), clip=clip)
        return bytes(pix.samples)


def test_tiles_are_the_pixels_mupdf_draws(tmp_path: Path, pool: RenderPool, got: Collector) -> None:
    path = text_pdf(tmp_path / "a.pdf", rotate={1: 90})
    requests = [TileRequest(path, 0, 1.5), TileRequest(path, 1, 1.0)]
    pool.want("view", requests)
    got.wait(2)
    tiles = {t.request: t for t in got.tiles}
    assert set(tiles) == set(requests)
    page0, page1 = tiles[requests[0]], tiles[requests[1]]
    assert (page0.width, page0.height, page0.stride) == (893, 1263, 893 * 3)
    assert (page1.width, page1.height) == (842, 595)  # rotated: as the reader sees it
    assert page0.data == _bare(path, 0, 1.5)
    assert page1.data == _bare(path, 1, 1.0)


def test_a_region_is_that_part_of_the_page(
    tmp_path: Path, pool: RenderPool, got: Collector
) -> None:
    path = text_pdf(tmp_path / "a.pdf")
    request = TileRequest(path, 0, 2.0, (100, 120, 256, 64))
    pool.want("view", [request])
    got.wait(1)
    tile = got.tiles[0]
    assert (tile.width, tile.height, tile.stride) == (256, 64, 768)
    whole = _bare(path, 0, 2.0)
    stride = 595 * 2 * 3
    rows = [whole[(120 + y) * stride + 300 : (120 + y) * stride + 300 + 768] for y in range(64)]
    assert tile.data == b"".join(rows)
    assert set(tile.data) != {255}  # the region has text on it


def test_info_gives_sizes_as_shown_and_bookmarks(tmp_path: Path, pool: RenderPool) -> None:
    path = text_pdf(tmp_path / "a.pdf", rotate={2: 90})
    info: DocumentInfo = pool.info(path).result(30)
    assert info.page_count == 6
    assert info.sizes[0] == (595.0, 842.0)
    assert info.sizes[2] == (842.0, 595.0)
    assert [(e.level, e.title, e.page) for e in info.outline] == [
        (1, "Første", 0),
        (2, "Tredje", 2),
    ]
    assert info.outline[1].y is not None


def test_a_scanned_page_renders_and_has_its_ocr_text(
    tmp_path: Path, pool: RenderPool, got: Collector
) -> None:
    path = scanned_pdf(tmp_path / "s.pdf", pages=2)
    pool.want("view", [TileRequest(path, 1, 1.0)])
    got.wait(1)
    assert got.tiles[0].data == _bare(path, 1, 1.0)
    text = pool.text(path, 1).result(30)
    assert text.text == "Skannet side 1 med usynlig tekst"


def test_find_runs_in_the_workers_over_a_page_range(tmp_path: Path, pool: RenderPool) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=6)
    matches = pool.find(path, "SIDE 3 linje 7:", 0, 5).result(30)
    assert [(m.page, len(m.rects)) for m in matches] == [(3, 1)]
    text = pool.text(path, 3).result(30)
    assert text.text[matches[0].start : matches[0].end] == "Side 3 linje 7:"
    assert pool.find(path, "linje 39:", 2, 3).result(30)[-1].page == 3
    assert pool.find(path, "linje 39:", 4, 99).result(30)[-1].page == 5


def test_a_broken_file_fails_the_future_and_the_tile(
    tmp_path: Path, pool: RenderPool, got: Collector
) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nnot really")
    with pytest.raises(PdfError):
        pool.info(path).result(30)
    pool.want("view", [TileRequest(path, 0, 1.0)])
    got.wait(1)
    assert [f.reason for f in got.failures] == ["error"]


def test_forget_lets_a_new_version_be_read(tmp_path: Path, pool: RenderPool) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=2)
    assert pool.info(path).result(30).page_count == 2
    pool.forget(path)
    text_pdf(tmp_path / "b.pdf", pages=5).replace(path)
    assert pool.info(path).result(30).page_count == 5


def test_workers_keep_few_documents_open(tmp_path: Path) -> None:
    paths = [text_pdf(tmp_path / f"d{i}.pdf", pages=1) for i in range(7)]
    with running_pool(1) as (pool, _got):
        for p in paths:
            pool.text(p, 0).result(30)
        (pid,) = pool.worker_pids()
        fd_dir = Path(f"/proc/{pid}/fd")
        if not fd_dir.is_dir():
            pytest.skip("no /proc")
        open_files = {str(os.readlink(fd)) for fd in fd_dir.iterdir()}
        open_docs = [p for p in paths if str(p) in open_files]
        assert 1 <= len(open_docs) <= 4
        assert paths[-1] in open_docs
