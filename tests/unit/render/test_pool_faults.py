"""Workers that crash, hang or are killed: the request fails, the page is remembered, the rest
goes on, and nothing is left behind (processes, shared memory)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from reader.errors import RenderCrashed
from reader.render import RenderPool, TileRequest
from reader.render.protocol import FAULTS_ENV
from tests.support.render_pdfs import text_pdf
from tests.support.render_pool import Collector, running_pool, segments, wait_gone

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and /proc")


def _restarted(pool: RenderPool, n: int) -> list[int]:
    """The worker pids once ``n`` workers run again."""
    end = time.monotonic() + 30
    while len(pids := pool.worker_pids()) < n and time.monotonic() < end:
        time.sleep(0.02)
    assert len(pids) == n
    return pids


def _wait_started(pool: RenderPool, not_by: Sequence[int] = ()) -> None:
    """Until a worker (not one of ``not_by``) has said it began a request (a kill before that
    blames nothing)."""
    end = time.monotonic() + 30
    while time.monotonic() < end:
        with pool._cond:
            workers = [w for w in pool._workers if w and w.proc.pid not in not_by]
            if any(s.started for w in workers for s in w.sent.values()):
                return
        time.sleep(0.01)
    raise AssertionError("no request started")


@pytest.mark.parametrize("fault", ["crash", "segv"])
def test_a_crash_fails_that_page_only_and_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=5)
    monkeypatch.setenv(FAULTS_ENV, f"{fault}@2")
    with running_pool(2) as (pool, got):
        pool.want("view", [TileRequest(path, i, 1.0) for i in range(5)])
        got.wait(5)
        assert sorted(t.request.page for t in got.tiles) == [0, 1, 3, 4]
        assert [(f.request.page, f.reason) for f in got.failures] == [(2, "crashed")]
        pids = _restarted(pool, 2)
        pool.want("view", [TileRequest(path, 2, 1.0), TileRequest(path, 2, 2.0)])
        got.wait(7)
        assert [(f.request.page, f.reason) for f in got.failures[1:]] == [
            (2, "crashed"),
            (2, "crashed"),
        ]
        assert pool.worker_pids() == pids  # failed at once, no worker tried it again
        assert pool.text(path, 0).result(30).text.startswith("Side 0 linje 0")


def test_a_hung_worker_is_killed_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=4)
    monkeypatch.setenv(FAULTS_ENV, "hang@1")
    with running_pool(2, timeout_s=1.0) as (pool, got):
        pool.want("view", [TileRequest(path, i, 1.0) for i in range(4)])
        got.wait(4)
        assert sorted(t.request.page for t in got.tiles) == [0, 2, 3]
        assert [(f.request.page, f.reason) for f in got.failures] == [(1, "timeout")]


def test_a_killed_worker_is_replaced_and_its_page_tried_once_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One death is forgiven (the OOM killer, a member ending a process); a second on the
    same page fails it."""
    path = text_pdf(tmp_path / "a.pdf", pages=3)
    monkeypatch.setenv(FAULTS_ENV, "slow@0=30")
    with running_pool(2) as (pool, got):
        pool.info(path).result(30)  # a worker is up
        pool.want("view", [TileRequest(path, 0, 1.0)])
        _wait_started(pool)
        before = pool.worker_pids()
        for pid in before:
            os.kill(pid, signal.SIGKILL)
        assert wait_gone(before) == []
        _wait_started(pool, not_by=before)  # the page again, on a fresh worker
        assert got.failures == []
        again = [p for p in pool.worker_pids() if p not in before]
        assert again
        for pid in pool.worker_pids():
            os.kill(pid, signal.SIGKILL)
        got.wait(1)
        assert [(f.request.page, f.reason) for f in got.failures] == [(0, "crashed")]
        pool.want("view", [TileRequest(path, 1, 1.0), TileRequest(path, 2, 1.0)])
        got.wait(3)
        assert sorted(t.request.page for t in got.tiles) == [1, 2]
        assert not set(pool.worker_pids()) & set(before + again)


def test_text_of_a_page_that_crashes_fails_and_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=4)
    monkeypatch.setenv(FAULTS_ENV, "crash@3")
    with running_pool(2) as (pool, _got):
        with pytest.raises(RenderCrashed):
            pool.text(path, 3).result(30)
        pids = _restarted(pool, 2)
        with pytest.raises(RenderCrashed):
            pool.text(path, 3).result(30)
        assert pool.worker_pids() == pids
        assert pool.text(path, 1).result(30).text.startswith("Side 1 linje 0")


def test_a_pages_futures_and_tiles_share_workers_after_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Work queued behind the request that crashed a worker is not lost."""
    path = text_pdf(tmp_path / "a.pdf", pages=6)
    monkeypatch.setenv(FAULTS_ENV, "crash@0")
    with running_pool(1) as (pool, got):
        info = pool.info(path)
        pool.want("view", [TileRequest(path, i, 1.0) for i in range(6)])
        text = pool.text(path, 5)
        got.wait(6)
        assert info.result(30).page_count == 6
        assert text.result(30).page == 5
        assert sorted(t.request.page for t in got.tiles) == [1, 2, 3, 4, 5]


def test_close_leaves_no_process_and_no_shared_memory(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=4)
    got = Collector()
    pool = RenderPool(2, on_tile=got.on_tile, on_failure=got.on_failure)
    pool.start()
    pool.want("view", [TileRequest(path, i, 2.0) for i in range(4)])
    got.wait(4)
    pids = pool.worker_pids()
    prefix = f"mm{pool._token}"
    maps = Path(f"/proc/{pids[0]}/maps").read_text()
    assert f"/dev/shm/{prefix}" in maps  # the worker renders into shared memory ...
    assert segments(prefix) == []  # ... whose name is gone once the app has mapped it
    pool.close()
    pool.close()
    assert wait_gone(pids) == []
    assert segments(prefix) == []


_PARENT = textwrap.dedent(
    """
    import sys, threading, time
    from pathlib import Path
    from reader.render import RenderPool, TileRequest
    done = threading.Event()
    n = []
    def on_tile(tile):
        n.append(tile)
        if len(n) == 4:
            done.set()
    pool = RenderPool(2, on_tile=on_tile, on_failure=print)
    pool.start()
    path = Path(sys.argv[1])
    pool.want("view", [TileRequest(path, i, 2.0) for i in range(4)])
    assert done.wait(60)
    if sys.argv[2] == "close":
        pool.close()
        print("closed", flush=True)
        sys.exit(0)
    pool.want("view", [TileRequest(path, 0, 3.0)])
    print(pool._token, *pool.worker_pids(), flush=True)
    time.sleep(600)
    """
)


@pytest.mark.subprocess
def test_workers_die_with_the_app(tmp_path: Path) -> None:
    """kill -9 of the app: the workers see EOF (or the kernel's signal) and go, with their
    shared memory."""
    path = text_pdf(tmp_path / "a.pdf", pages=4)
    env = {**os.environ, FAULTS_ENV: "slow@0=5"}
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, str(path), "kill"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
    )
    try:
        assert parent.stdout is not None
        token, *pids = parent.stdout.readline().split()
        assert len(pids) == 2
    finally:
        parent.kill()
        parent.wait()
        if parent.stdout is not None:
            parent.stdout.close()
    assert wait_gone([int(p) for p in pids]) == []
    assert segments(f"mm{token}") == []


@pytest.mark.subprocess
def test_no_resource_warnings_at_exit(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "a.pdf", pages=4)
    result = subprocess.run(
        [sys.executable, "-W", "error", "-X", "dev", "-c", _PARENT, str(path), "close"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "closed\n"
    assert "Warning" not in result.stderr and "leaked" not in result.stderr, result.stderr
