"""Background work off the UI thread, with progress, cancellation and results on the UI thread.

Every task gets a ``Task`` handle: it reports progress through it and polls ``cancelled()``.
Workers are plain Python threads that never touch a Qt object. What they hand back
(progress, the result, the exception) waits in a Python queue, and the UI thread is woken by
one argument-less queued signal to run the handlers, as Anki's task manager does. No Python
object ever travels inside a Qt event, so nothing is left for Qt to free after Python is
gone, and ``shutdown`` can cancel, join and drop everything while both are still alive.

The "library" lane's one worker owns the app's one ``Library`` (``worker_library``): SQLite
connections belong to the thread that opened them, so it is opened there on first use and
closed there, after the last queued task, by ``shutdown``. ``ui.ops`` builds on this.
"""

from __future__ import annotations

import concurrent.futures
import logging
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from reader.errors import MoedemappeError
from reader.library import Library
from reader.paths import DataPaths

log = logging.getLogger(__name__)

SHUTDOWN_WAIT_S = 5.0  # how long closing waits for a worker to reach its next cancel check

#: Called on the worker before each task's work (tests slow the workers with it).
before_work: Callable[[Task], None] | None = None

_stragglers: list[Future[None]] = []  # workers a shutdown gave up waiting for

LIBRARY = "library"  # the lane whose one worker owns the Library
_worker = threading.local()  # on the library worker: ``library``, its open Library

_PROGRESSED, _SUCCEEDED, _FAILED, _FINISHED = "progressed", "succeeded", "failed", "finished"


class Task:
    """One piece of background work: the worker polls ``cancelled()`` and calls ``report()``."""

    def __init__(
        self, manager: _Manager, owner: QObject, handlers: dict[str, Callable[..., None]]
    ) -> None:
        self.owner = owner
        self._manager = manager
        self._handlers = handlers
        self._cancel = threading.Event()
        self._future: Future[None] | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int, what: str) -> None:
        self._manager.post(self, _PROGRESSED, (done, total, what))

    def done(self) -> bool:
        """The worker is through with it (results may still wait for the UI thread)."""
        return self._future is not None and self._future.done()

    def _deliver(self, kind: str, args: tuple[Any, ...]) -> None:
        """On the UI thread. A handler whose owner is gone is never called."""
        handler = self._handlers.get(kind)
        if handler is None or not shiboken6.isValid(self.owner):
            return
        try:
            handler(*args)
        except Exception:  # a handler's bug must not stop the others; pytest-qt sees it too
            sys.excepthook(*sys.exc_info())


class _Waker(QObject):
    """Lives on the UI thread; its queued signal makes the UI thread run ``drain``."""

    wake = Signal()

    def __init__(self, drain: Callable[[], None]) -> None:
        super().__init__()
        self._drain = drain  # keeps its manager alive while a wake-up may still come
        self.wake.connect(self._woken, Qt.ConnectionType.QueuedConnection)

    def _woken(self) -> None:
        self._drain()


class _Manager:
    """The workers and the queue of results for one run of the app (until ``shutdown``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pools: dict[str, ThreadPoolExecutor] = {}
        self._tasks: set[Task] = set()  # submitted and not yet through the worker
        self._queue: list[tuple[Task, str, tuple[Any, ...]]] = []
        self._waker: _Waker | None = None
        self._closed = False
        self._draining = 0  # drains on the stack (a handler may run a nested event loop)

    def start(self, task: Task, fn: Callable[[Task], Any], on: str) -> None:
        if self._waker is None:
            self._waker = _Waker(self.drain)
        with self._lock:
            self._tasks.add(task)
            task._future = self._pool(on).submit(self._run, task, fn, on == LIBRARY)

    def _pool(self, on: str) -> ThreadPoolExecutor:
        """Under the lock."""
        if on not in self._pools:
            workers = 1 if on == LIBRARY else 2
            self._pools[on] = ThreadPoolExecutor(workers, thread_name_prefix=f"tasks-{on}")
        return self._pools[on]

    def call(self, fn: Callable[[], Any], timeout: float) -> Any:
        """Run ``fn`` on the library worker and wait for it: start-up reads only."""
        with self._lock:
            future = self._pool(LIBRARY).submit(fn)
        return future.result(timeout)

    def _run(self, task: Task, fn: Callable[[Task], Any], always: bool) -> None:
        """On a worker. Library tasks always run (a queued note save must not be lost; long
        ones stop themselves at their next cancel check); a cancelled view task is skipped."""
        try:
            if task.cancelled() and not always:
                return
            if before_work is not None:
                before_work(task)
            result = fn(task)
        except Exception as exc:
            if not isinstance(exc, MoedemappeError):  # a bug: logged here, where it happened
                log.exception("background task failed")
            self.post(task, _FAILED, (exc,))
        else:
            self.post(task, _SUCCEEDED, (result,))
        finally:
            self.post(task, _FINISHED, ())
            with self._lock:
                self._tasks.discard(task)

    def post(self, task: Task, kind: str, args: tuple[Any, ...]) -> None:
        """From a worker: queue a delivery; wake the UI thread if the queue was empty."""
        with self._lock:
            if self._waker is None:
                return  # closed: nobody is left to show it
            self._queue.append((task, kind, args))
            if len(self._queue) == 1:
                self._waker.wake.emit()  # under the lock: shutdown cannot delete it meanwhile

    def drain(self) -> None:
        """On the UI thread: run the queued handlers, only the latest progress of each task."""
        with self._lock:
            batch, self._queue = self._queue, []
        latest = {id(task): i for i, (task, kind, _a) in enumerate(batch) if kind == _PROGRESSED}
        self._draining += 1
        try:
            for i, (task, kind, args) in enumerate(batch):
                if self._closed:
                    return
                if kind != _PROGRESSED or latest[id(task)] == i:
                    task._deliver(kind, args)
        finally:
            self._draining -= 1

    def cancel(self, owner: QObject | None) -> None:
        with self._lock:
            tasks = list(self._tasks)
        for task in tasks:
            if owner is None or task.owner is owner:
                task.cancel()

    def active(self) -> int:
        with self._lock:
            return len(self._tasks)

    def close(self) -> tuple[list[Future[None]], list[ThreadPoolExecutor]]:
        """Cancel everything and drop every undelivered result; the workers to wait for."""
        with self._lock:
            self._closed = True
            waker, self._waker = self._waker, None
            self._queue.clear()
            tasks = list(self._tasks)
            pools = list(self._pools.values())
            library = self._pools.get(LIBRARY)
        if waker is not None and self._draining:
            # Closing from a handler: the waker is still serving that wake-up. Qt deletes it
            # once control is back in the event loop (its parent owns it meanwhile).
            waker.setParent(QCoreApplication.instance())
            waker.deleteLater()
        elif waker is not None:
            shiboken6.delete(waker)  # with it go any wake-ups still posted to it
        for task in tasks:
            task.cancel()
        futures = [t._future for t in tasks if t._future is not None]
        if library is not None:  # after every queued task, on the thread that opened it
            futures.append(library.submit(_close_worker_library))
        for pool in pools:
            pool.shutdown(wait=False)  # no new work; what is queued still runs or is skipped
        return futures, pools


_manager = _Manager()


def worker_library(paths: DataPaths) -> Library:
    """On the library worker: its one Library, opened on first use and kept until shutdown.

    A Library for another data dir (tests run one after another in a process) replaces it.
    """
    if not threading.current_thread().name.startswith(f"tasks-{LIBRARY}"):
        raise RuntimeError("the Library belongs to the library worker")
    lib: Library | None = getattr(_worker, "library", None)
    if lib is not None and lib.paths != paths:
        _close_worker_library()
        lib = None
    if lib is None:
        lib = Library(paths)
        _worker.library = lib
    return lib


def _close_worker_library() -> None:
    lib: Library | None = getattr(_worker, "library", None)
    _worker.library = None
    if lib is not None:
        lib.close()


def start(
    fn: Callable[[Task], Any],
    owner: QObject,
    *,
    succeeded: Callable[[Any], None] | None = None,
    failed: Callable[[Exception], None] | None = None,
    progressed: Callable[[int, int, str], None] | None = None,
    finished: Callable[[], None] | None = None,
    on: str = LIBRARY,
) -> Task:
    """Run ``fn(task)`` on a worker thread; the handlers run on the UI thread.

    Pools: "library" runs one task at a time, on the worker that owns the Library, so reads
    and writes queue up in order instead of contending for SQLite's lock; "render" (two
    workers) keeps page renders and queries from waiting behind a long import. ``failed``
    gets the exception. Handlers are dropped once ``owner`` is gone: a render or import may
    finish after the widget that asked for it was closed.
    """
    handlers = {
        kind: handler
        for kind, handler in (
            (_SUCCEEDED, succeeded),
            (_FAILED, failed),
            (_PROGRESSED, progressed),
            (_FINISHED, finished),
        )
        if handler is not None
    }
    task = Task(_manager, owner, handlers)
    _manager.start(task, fn, on)
    return task


def call_on_library(fn: Callable[[], Any], timeout: float) -> Any:
    """Run ``fn()`` on the library worker while the UI thread waits (at most ``timeout`` s).

    For the one read start-up cannot do without; anything else is a task, so the UI never
    waits behind an import.
    """
    return _manager.call(fn, timeout)


def cancel_all(owner: QObject | None = None) -> None:
    """Ask every unfinished task started for ``owner`` (or all of them) to stop."""
    _manager.cancel(owner)


def active() -> int:
    """How many tasks a worker has not finished (or skipped) yet."""
    return _manager.active()


def shutdown(timeout: float | None = None) -> bool:
    """Before Qt objects go: cancel every task, join the workers, drop undelivered results;
    the library worker closes its Library after its last task.

    Returns False if a worker (of this or an earlier shutdown) was still busy after
    ``timeout`` s (default ``SHUTDOWN_WAIT_S``); its results are dropped whenever it ends.
    Tasks started afterwards run on fresh workers.
    """
    global _manager
    timeout = SHUTDOWN_WAIT_S if timeout is None else timeout
    closing, _manager = _manager, _Manager()
    futures, pools = closing.close()
    began = time.monotonic()
    _, pending = concurrent.futures.wait(futures + _stragglers, timeout=timeout)
    _stragglers[:] = list(pending)
    if pending:
        log.error("%d background task(s) still running after %.1f s", len(pending), timeout)
        return False
    for pool in pools:  # every worker is idle: joining them is immediate
        pool.shutdown(wait=True)
    log.debug("%d task(s) stopped in %.2f s", len(futures), time.monotonic() - began)
    return True
