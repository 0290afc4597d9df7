"""One index writer at a time across processes and threads, with waiting instead of errors.

Whoosh's own write lock fails at once with ``LockError``. Every writer takes this lock
first, so Whoosh's lock is never contended. An OS file lock (``flock``/``LockFileEx``) is
released by the kernel when its holder dies, so a killed indexer leaves no stale lock.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from reader.errors import IndexBusy as IndexBusy
from reader.fsutil import try_lock, unlock
from reader.i18n import say


class WriterLock:
    """An exclusive lock on ``path``; ``acquire`` polls until ``timeout`` seconds have passed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(
        self, timeout: float | None = None, waiting: Callable[[], None] | None = None
    ) -> bool:
        """Take the lock; with ``timeout`` 0 just try. ``waiting`` is called once if we wait."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = None if timeout is None else time.monotonic() + timeout
        delay = 0.02
        told = False
        while True:
            if try_lock(fd):
                self._fd = fd
                return True
            if deadline is not None and time.monotonic() >= deadline:
                os.close(fd)
                return False
            if waiting is not None and not told:
                waiting()
                told = True
            time.sleep(delay)
            delay = min(delay * 1.5, 0.25)

    def release(self) -> None:
        if self._fd is not None:
            unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> WriterLock:
        if not self.acquire(timeout=None):  # pragma: no cover - timeout None waits forever
            raise IndexBusy(say("søgeindekset er optaget", "the search index is busy"))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
