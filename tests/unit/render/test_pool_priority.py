"""What gets rendered when: wishes replaced, stale requests dropped, preload last, clients
sharing the workers. Asserted on what was delivered, in which order -- never on timing.

One worker makes the order deterministic; its first page is slow (a fault the worker
simulates), so every later wish is made while it is busy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.render import TileRequest
from reader.render.protocol import FAULTS_ENV
from tests.support.render_pdfs import text_pdf
from tests.support.render_pool import running_pool


@pytest.fixture
def slow_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FAULTS_ENV, "slow@0=1.0")


@pytest.mark.usefixtures("slow_first")
def test_a_new_wish_drops_what_is_not_rendering_yet(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=8)
    with running_pool(1, up_for=path) as (pool, got):
        page = [TileRequest(path, i, 1.0) for i in range(8)]
        pool.want("view", page[0:4])  # 0 and 1 are sent (0 renders slowly), 2 and 3 wait
        pool.want("view", [page[6], page[7]])
        got.wait_for(page[6], page[7])
        # 0 and 1 were sent before the new wish: rendered, or cancelled in the worker's
        # queue if it had not begun them; 2 and 3 never left the pool
        assert got.order[-2:] == [page[6], page[7]]
        assert set(got.order[:-2]) <= {page[0], page[1]}
        assert got.failures == []


@pytest.mark.usefixtures("slow_first")
def test_clients_take_turns_and_preloads_come_last(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=8)
    with running_pool(1, up_for=path) as (pool, got):
        page = [TileRequest(path, i, 1.0) for i in range(8)]
        pool.want("block", [page[0], page[1]])  # both sent: 0 renders slowly, 1 is next
        pool.want("view", [page[2], page[3]], preload=[page[4], page[5]])
        pool.want("thumbs", [page[6], page[7]], preload=[page[4]])
        got.wait(8)
        # the newest client first, then turns; preloads after every client's wishes
        assert got.order == [
            page[0],
            page[1],
            page[6],
            page[2],
            page[7],
            page[3],
            page[4],
            page[5],
        ]


@pytest.mark.usefixtures("slow_first")
def test_a_tile_two_clients_want_renders_once(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=4)
    with running_pool(1, up_for=path) as (pool, got):
        page = [TileRequest(path, i, 1.0) for i in range(4)]
        pool.want("block", [page[0]])
        pool.want("view", [page[2], page[3]])
        pool.want("thumbs", [page[3]])
        got.wait(3)
        pool.want("view", [])
        pool.want("thumbs", [])
        pool.info(path).result(30)
        assert sorted(r.page for r in got.order) == [0, 2, 3]  # type: ignore[attr-defined]


@pytest.mark.usefixtures("slow_first")
def test_futures_go_before_tiles(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=4)
    with running_pool(1, up_for=path) as (pool, got):
        page = [TileRequest(path, i, 1.0) for i in range(4)]
        pool.want("view", page)
        text = pool.text(path, 3)
        text.add_done_callback(lambda _: got.mark("text"))
        got.wait(5)
        # before the text: the slow page and the one sent with it at most
        assert got.order.index("text") <= 2


def test_wishes_changing_while_tiles_arrive_lose_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The view calls want() on every scroll step while the receivers hand slots back."""
    path = text_pdf(tmp_path / "a.pdf", pages=12)
    with running_pool(2) as (pool, got):
        for step in range(300):
            first = step % 10
            pool.want("view", [TileRequest(path, p, 0.5) for p in (first, first + 1, first + 2)])
        final = [TileRequest(path, p, 0.5) for p in (9, 10, 11)]
        got.wait_for(*final)
        assert got.failures == []
        assert not [r for r in caplog.records if r.levelname == "ERROR"]
