"""Background work off the UI thread, with progress, cancellation and results on the UI thread.

Every task gets a ``Task`` handle: it reports progress through it and polls
``cancelled()``. Results and errors come back as Qt signals, which Qt delivers on the
thread that owns the receiver (the UI thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.errors import MoedemappeError

log = logging.getLogger(__name__)


class Task(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, owner: QObject) -> None:
        super().__init__()
        self.owner = owner
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int, what: str) -> None:
        self.progressed.emit(done, total, what)


class _Runner(QRunnable):
    def __init__(self, task: Task, fn: Callable[[Task], Any]) -> None:
        super().__init__()
        self.task = task
        self.fn = fn

    def run(self) -> None:
        try:
            result = self.fn(self.task)
        except MoedemappeError as exc:
            self.task.failed.emit(str(exc))
        except Exception as exc:
            log.exception("background task failed")
            self.task.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.task.succeeded.emit(result)
        finally:
            self.task.finished.emit()


_pools: dict[str, QThreadPool] = {}
_running: set[Task] = set()  # keeps each Task alive until it has finished


def pool(name: str) -> QThreadPool:
    """Named pools: "library" runs one task at a time, so writes to the library queue up in
    order instead of contending for SQLite's lock; "render" keeps page renders from waiting
    behind a long import."""
    if name not in _pools:
        p = QThreadPool()
        p.setMaxThreadCount(1 if name == "library" else 2)
        _pools[name] = p
    return _pools[name]


def start(
    fn: Callable[[Task], Any],
    owner: QObject,
    *,
    succeeded: Callable[[Any], None] | None = None,
    failed: Callable[[str], None] | None = None,
    progressed: Callable[[int, int, str], None] | None = None,
    finished: Callable[[], None] | None = None,
    on: str = "library",
) -> Task:
    """Run ``fn(task)`` on a worker thread; the handlers run on the UI thread.

    Handlers are connected before the work starts, and dropped once ``owner`` is gone: a
    render or import may finish after the widget that asked for it was closed.
    """
    task = Task(owner)

    def guarded(handler: Callable[..., None]) -> Callable[..., None]:
        def call(*args: Any) -> None:
            if shiboken6.isValid(owner):
                handler(*args)

        return call

    for signal, handler in (
        (task.succeeded, succeeded),
        (task.failed, failed),
        (task.progressed, progressed),
        (task.finished, finished),
    ):
        if handler is not None:
            signal.connect(guarded(handler))
    _running.add(task)
    task.finished.connect(lambda: _running.discard(task))
    pool(on).start(_Runner(task, fn))
    return task


def cancel_all(owner: QObject | None = None) -> None:
    """Ask every unfinished task started for ``owner`` (or all of them) to stop."""
    for task in list(_running):
        if owner is None or task.owner is owner:
            task.cancel()
