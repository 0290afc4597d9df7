"""A collector of what a render pool delivers, for tests of the pool."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.render import RenderFailure, RenderPool, Tile


class Collector:
    """Tiles and failures as they arrive, with a wait for a count."""

    def __init__(self) -> None:
        self.tiles: list[Tile] = []
        self.failures: list[RenderFailure] = []
        self.order: list[object] = []  # requests in the order they were delivered
        self._cond = threading.Condition()

    def on_tile(self, tile: Tile) -> None:
        with self._cond:
            self.tiles.append(tile)
            self.order.append(tile.request)
            self._cond.notify_all()

    def on_failure(self, failure: RenderFailure) -> None:
        with self._cond:
            self.failures.append(failure)
            self.order.append(failure.request)
            self._cond.notify_all()

    def mark(self, what: object) -> None:
        """Note something else that happened, in line with the deliveries."""
        with self._cond:
            self.order.append(what)
            self._cond.notify_all()

    def wait_for(self, *wanted: object, timeout: float = 30.0) -> None:
        with self._cond:
            ok = self._cond.wait_for(lambda: all(w in self.order for w in wanted), timeout)
        assert ok, (self.order, wanted)

    def wait(self, n: int, timeout: float = 30.0) -> None:
        with self._cond:
            ok = self._cond.wait_for(lambda: len(self.order) >= n, timeout)
        assert ok, (self.tiles, self.failures)


@contextmanager
def running_pool(
    workers: int = 2, *, up_for: Path | None = None, timeout_s: float = 20.0
) -> Iterator[tuple[RenderPool, Collector]]:
    """A started pool delivering to a Collector, closed afterwards whatever happens. With
    ``up_for``, a worker has opened that file first: up and idle, what is wished next is
    sent at once."""
    got = Collector()
    pool = RenderPool(workers, on_tile=got.on_tile, on_failure=got.on_failure, timeout_s=timeout_s)
    pool.start()
    try:
        if up_for is not None:
            pool.info(up_for).result(30)
        yield pool, got
    finally:
        pool.close()


def gone(pid: int) -> bool:
    """The process has exited (a zombie nobody reaped counts as exited)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/status")
    try:
        return "\nState:\tZ" in status.read_text()
    except OSError:
        return True


def wait_gone(pids: list[int], timeout: float = 10.0) -> list[int]:
    """The pids still running after ``timeout``."""
    end = time.monotonic() + timeout
    left = list(pids)
    while left and time.monotonic() < end:
        left = [p for p in left if not gone(p)]
        if left:
            time.sleep(0.05)
    return left


def segments(prefix: str) -> list[str]:
    shm = Path("/dev/shm")
    return sorted(p.name for p in shm.glob(prefix + "*")) if shm.is_dir() else []
