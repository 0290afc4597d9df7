"""Every read and write of the library, on the one worker that owns it, and one signal after
every change: in the spirit of Anki's ``CollectionOp`` and ``operation_did_execute``.

    ops.op(self, lambda lib, task: lib.meetings()).success(self.show).run_in_background()

The function runs on the library worker with its ``Library`` and its ``Task`` (progress,
cancellation); ``success`` and ``failure`` run on the UI thread, ``failure`` with the
exception (by default it is shown with ``show_error``). An op made with ``change`` is
followed on the same worker, before its handlers run, by what must follow any change
(:func:`reader.followers.catch_up`, and the in-memory notes index for the notes it saved);
then ``library_changed`` carries a ``ChangeReport`` to every view, which refreshes from it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reader.errors import VaultError
from reader.library import Library
from reader.paths import DataPaths
from ui import tasks
from ui.errors import show_error

if TYPE_CHECKING:
    from reader.followers import FollowReport
    from reader.search import NotesIndex
    from reader.vault import Vault

log = logging.getLogger(__name__)

T = TypeVar("T")

FOLLOWING = "\x00following"  # the progress ``what`` while the followers catch up
START_UP_WAIT_S = 30.0  # how long start-up waits for its one synchronous read


@dataclass(frozen=True)
class ChangeReport:
    """What a change did, once the followers caught up: what views refresh from."""

    documents: bool = False  # meetings, documents or agenda items may have changed
    notes: frozenset[str] = field(default_factory=frozenset)  # notes saved or deleted
    follow: FollowReport | None = None  # None if the followers did not run (closing)
    follow_error: Exception | None = None  # a follower failed unexpectedly (logged)
    initiator: object | None = None  # the widget that asked for the change


class LibraryOps(QObject):
    """The window's way to its library: ops on the library worker, and the change signal."""

    library_changed = Signal(object)  # a ChangeReport, after every change op

    def __init__(self, paths: DataPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self._vault: Vault | None = None  # read on the worker; set once the notes open
        self._notes_index: NotesIndex | None = None

    def op(self, parent: QObject, fn: Callable[[Library, tasks.Task], T]) -> Op[T]:
        """A read (or a write nothing follows): no catch-up, no signal."""
        return Op(self, parent, fn, None)

    def change(
        self,
        parent: QObject,
        fn: Callable[[Library, tasks.Task], T],
        *,
        documents: bool = False,
        notes: Callable[[T], Iterable[str]] | None = None,
    ) -> Op[T]:
        """A write: ``documents`` if it may change meetings or documents, ``notes`` the ids
        of the notes its result saved or deleted. Followed by the catch-up and the signal,
        after a failure too (an import stopped half-way has committed what it did)."""
        return Op(self, parent, fn, _Change(documents, notes))

    def follow_notes(self, index: NotesIndex, vault: Vault) -> None:
        """The notes are open: from now on every note a change op saves or deletes is
        updated in ``index``, and annotations are carried over with ``vault``."""
        self._vault, self._notes_index = vault, index

    def unfollow_notes(self) -> None:
        """The notes were locked: changes no longer index notes nor carry annotations over
        (they wait, as before the notes were first opened)."""
        self._vault, self._notes_index = None, None

    @property
    def notes_index(self) -> NotesIndex | None:
        """The in-memory index of the open notes and annotations, or None while locked."""
        return self._notes_index

    def read_now(self, fn: Callable[[Library], T]) -> T:
        """Run ``fn`` on the library worker while the UI thread waits: only for start-up,
        before any op is queued, where the window cannot be built without the answer."""
        paths = self.paths
        result: T = tasks.call_on_library(lambda: fn(tasks.worker_library(paths)), START_UP_WAIT_S)
        return result

    def _follow(
        self, lib: Library, task: tasks.Task, notes: set[str]
    ) -> tuple[FollowReport | None, Exception | None]:
        """On the worker, after a change op's function: what follows every change."""
        follow: FollowReport | None = None
        error: Exception | None = None
        vault, index = self._vault, self._notes_index
        if not task.cancelled():
            from reader.followers import catch_up, index_notes

            try:
                follow = catch_up(
                    lib,
                    lambda done, total, _what: task.report(done, total, FOLLOWING),
                    task.cancelled,
                    vault or _locked,
                )
                if notes and vault is not None and index is not None:
                    index_notes(lib, vault, index, notes)
            except Exception as exc:  # a bug in a follower must not undo the change
                log.exception("following a change failed")
                error = exc
        return follow, error


def _locked() -> Vault:
    """Until the notes are open, annotations wait: the window never asks the keychain
    behind the user's back (a locked keychain would prompt)."""
    raise VaultError("the notes are not open yet")


@dataclass(frozen=True)
class _Change:
    documents: bool
    notes: Callable[[Any], Iterable[str]] | None


class Op(Generic[T]):
    """One op: build it with ``success``/``failure``/``progress``, then run it."""

    def __init__(
        self,
        ops: LibraryOps,
        parent: QObject,
        fn: Callable[[Library, tasks.Task], T],
        change: _Change | None,
    ) -> None:
        self._ops = ops
        self._parent = parent
        self._fn = fn
        self._change = change
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[Exception], None] | None = None
        self._progress: Callable[[int, int, str], None] | None = None
        self._report: ChangeReport | None = None  # written on the worker, read after delivery

    def success(self, handler: Callable[[T], None]) -> Op[T]:
        self._success = handler
        return self

    def failure(self, handler: Callable[[Exception], None]) -> Op[T]:
        self._failure = handler
        return self

    def progress(self, handler: Callable[[int, int, str], None]) -> Op[T]:
        """``handler(done, total, what)``; ``what`` is ``FOLLOWING`` during the catch-up."""
        self._progress = handler
        return self

    def run_in_background(self) -> tasks.Task:
        """Queue it on the library worker, behind every op queued before it.

        The task belongs to the ops object, not to ``parent``: a change is announced even
        if the widget that asked for it is gone; only its own handlers are dropped then.
        """
        return tasks.start(
            self._work,
            self._ops,
            succeeded=self._succeeded,
            failed=self._failed,
            progressed=self._progressed,
        )

    # -- on the worker ----------------------------------------------------------------------

    def _work(self, task: tasks.Task) -> T:
        lib = tasks.worker_library(self._ops.paths)
        change = self._change
        if change is None:
            return self._fn(lib, task)
        try:
            result = self._fn(lib, task)
        except Exception:
            self._followed(lib, task, change, set())
            raise
        self._followed(lib, task, change, set(change.notes(result)) if change.notes else set())
        return result

    def _followed(self, lib: Library, task: tasks.Task, change: _Change, notes: set[str]) -> None:
        follow, error = self._ops._follow(lib, task, notes)
        self._report = ChangeReport(change.documents, frozenset(notes), follow, error, self._parent)

    # -- on the UI thread ---------------------------------------------------------------------

    def _alive(self) -> bool:
        return shiboken6.isValid(self._parent)

    def _progressed(self, done: int, total: int, what: str) -> None:
        if self._progress is not None and self._alive():
            self._progress(done, total, what)

    def _succeeded(self, result: T) -> None:
        try:
            if self._success is not None and self._alive():
                self._success(result)
        finally:
            self._announce()

    def _failed(self, exc: Exception) -> None:
        try:
            if self._failure is not None and self._alive():
                self._failure(exc)
            elif isinstance(self._parent, QWidget) and self._alive():
                show_error(self._parent, exc)
        finally:
            self._announce()

    def _announce(self) -> None:
        if self._report is not None:
            self._ops.library_changed.emit(self._report)
