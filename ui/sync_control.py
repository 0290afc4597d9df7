"""Syncing from the window: now, on start and every few minutes; progress and cancel in the
status bar; each source's result in words; no network said calmly.

Each source is synced by its own change op on the library worker (never the UI thread), one
after another: reads the window queues meanwhile (an agenda, a document's file) run between
two sources instead of waiting for all of them, and the list shows each source's meetings as
soon as they are in.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QProgressBar,
    QStatusBar,
    QToolButton,
    QWidget,
)

from reader.errors import Cancelled
from reader.i18n import plural
from reader.library import Library
from ui import tasks
from ui.ops import FOLLOWING, LibraryOps

if TYPE_CHECKING:  # the sync modules load httpx, the keychain and PyMuPDF: on the worker
    from reader.sync.report import SourceReport, SyncReport
    from reader.sync.source import Source

log = logging.getLogger(__name__)

INTERVAL_KEY = "sync/interval_minutes"
DEFAULT_INTERVAL_MIN = 30


@dataclass
class SourceResult:
    """One source's sync as the window tells it."""

    name: str
    report: SourceReport | None = None
    offline: bool = False
    error: str | None = None  # a failure outside the report (a bug, the library)


@dataclass
class SyncOutcome:
    results: list[SourceResult] = field(default_factory=list)
    cancelled: bool = False
    no_sources: bool = False

    @property
    def offline(self) -> bool:
        """Every remote source was out of reach: no network, said calmly."""
        return bool(self.results) and all(r.offline for r in self.results)


def _list_sources(lib: Library, _task: tasks.Task) -> list[Source]:
    """On the library worker, which also loads the sync modules (they bring PyMuPDF along):
    never on the UI thread."""
    from reader.sync.runner import list_sources

    return list_sources(lib)


def _sync_one(lib: Library, task: tasks.Task, name: str) -> SourceResult:
    """On the library worker: one source, unless its server is out of reach."""
    from reader.sync.probe import reachable
    from reader.sync.runner import list_sources, sync_sources

    source = next((s for s in list_sources(lib) if s.name == name), None)
    if source is None:  # removed meanwhile
        return SourceResult(name)
    if source.kind != "folder" and not reachable([source.url]):
        return SourceResult(name, offline=True)
    report: SyncReport = sync_sources(lib, [name], task.report, task.cancelled)
    if report.cancelled:
        raise Cancelled("cancelled")
    return SourceResult(name, report.sources[0] if report.sources else None)


class SyncControl(QObject):
    """The sync button's logic and its place in the status bar."""

    started = Signal()
    finished = Signal(object)  # a SyncOutcome

    def __init__(
        self, ops: LibraryOps, settings: QSettings, status: QStatusBar, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.settings = settings
        self._parent = parent
        self._task: tasks.Task | None = None
        self._queue: list[str] = []
        self._outcome: SyncOutcome | None = None
        self._total = 0
        self.last: SyncOutcome | None = None

        self.sync_action = QAction(self.tr("&Synkronisér nu"), parent)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(lambda: self.sync_now())

        self.label = QLabel()
        self.label.setObjectName("syncState")
        self.label.setAccessibleName(self.tr("Synkronisering"))
        self.bar = QProgressBar()
        self.bar.setObjectName("syncProgress")
        self.bar.setAccessibleName(self.tr("Synkroniseringens fremskridt"))
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setText(self.tr("Annullér"))
        self.cancel_button.setAccessibleName(self.tr("Annullér synkroniseringen"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.details_button = QToolButton()
        self.details_button.setObjectName("syncDetails")
        self.details_button.setText(self.tr("Detaljer"))
        self.details_button.setAccessibleName(self.tr("Synkroniseringens resultat pr. kilde"))
        self.details_button.clicked.connect(self.show_details)
        self.details_button.hide()
        for widget in (self.label, self.bar, self.cancel_button, self.details_button):
            status.addPermanentWidget(widget)

        self.timer = QTimer(self)
        self.timer.setObjectName("syncTimer")
        self.timer.timeout.connect(lambda: self.sync_now(automatic=True))
        self.apply_interval()

    # -- the schedule ---------------------------------------------------------------------

    def interval(self) -> int:
        try:
            return max(0, int(str(self.settings.value(INTERVAL_KEY, DEFAULT_INTERVAL_MIN))))
        except ValueError:
            return DEFAULT_INTERVAL_MIN

    def apply_interval(self) -> None:
        minutes = self.interval()
        if minutes:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def running(self) -> bool:
        return self._outcome is not None

    # -- syncing ----------------------------------------------------------------------------

    def sync_now(self, names: list[str] | None = None, *, automatic: bool = False) -> None:
        """Sync ``names`` (every source by default); a sync already running goes on."""
        if self.running():
            return
        self._outcome = SyncOutcome()
        self.sync_action.setEnabled(False)
        self.details_button.hide()
        self._automatic = automatic
        self.bar.setRange(0, 0)  # busy until the first source reports how far it is
        self.bar.show()
        self.cancel_button.show()
        self.label.setText(self.tr("Synkroniserer…"))
        self.started.emit()

        def listed(sources: list[Source]) -> None:
            chosen = [s.name for s in sources if names is None or s.name in names]
            if not chosen:
                outcome, self._outcome = self._outcome, None
                assert outcome is not None
                outcome.no_sources = True
                self._done(outcome)
                return
            self._queue = chosen
            self._total = len(chosen)
            self._next()

        def not_listed(exc: Exception) -> None:
            outcome, self._outcome = self._outcome, None
            assert outcome is not None
            outcome.results.append(SourceResult("", error=str(exc)))
            self._done(outcome)

        self.ops.op(self, _list_sources).success(listed).failure(not_listed).run_in_background()

    def _next(self) -> None:
        outcome = self._outcome
        if outcome is None:
            return
        if not self._queue or outcome.cancelled:
            self._outcome = None
            self._done(outcome)
            return
        name = self._queue.pop(0)
        number = self._total - len(self._queue)
        self.label.setText(
            self.tr("Synkroniserer %1 (%2 af %3)…")
            .replace("%1", name)
            .replace("%2", str(number))
            .replace("%3", str(self._total))
        )

        def progressed(done: int, total: int, what: str) -> None:
            if what == FOLLOWING:
                self.label.setText(self.tr("Opdaterer søgeindekset…"))
            if total > 0:
                self.bar.setRange(0, total)
                self.bar.setValue(done)
            else:
                self.bar.setRange(0, 0)

        def succeeded(result: SourceResult) -> None:
            outcome.results.append(result)
            QTimer.singleShot(0, self, self._next)

        def failed(exc: Exception) -> None:
            if isinstance(exc, Cancelled):
                outcome.cancelled = True
            else:
                log.warning("syncing %s failed: %s", name, exc)
                outcome.results.append(SourceResult(name, error=str(exc)))
            QTimer.singleShot(0, self, self._next)

        self._task = (
            self.ops.change(self, lambda lib, task: _sync_one(lib, task, name), documents=True)
            .progress(progressed)
            .success(succeeded)
            .failure(failed)
            .run_in_background()
        )

    def cancel(self) -> None:
        if self._outcome is not None:
            self._outcome.cancelled = True
            self._queue.clear()
        if self._task is not None:
            self._task.cancel()
        self.label.setText(self.tr("Stopper synkroniseringen…"))

    def _done(self, outcome: SyncOutcome) -> None:
        self._task = None
        self.bar.hide()
        self.cancel_button.hide()
        self.sync_action.setEnabled(True)
        self.last = outcome
        self.label.setText(self.summary(outcome))
        self.label.setToolTip("\n".join(self.lines(outcome)))
        self.details_button.setVisible(bool(outcome.results) and not outcome.offline)
        self.finished.emit(outcome)

    # -- words ------------------------------------------------------------------------------

    def summary(self, outcome: SyncOutcome) -> str:
        if outcome.no_sources:
            return "" if self._automatic else self.tr("Ingen kilder at synkronisere")
        if outcome.cancelled:
            return self.tr("Synkroniseringen blev stoppet")
        if outcome.offline:
            return self.tr("Ingen forbindelse – prøver igen senere")
        failed = sum(1 for r in outcome.results if _failed(r))
        new = sum(r.report.new for r in outcome.results if r.report)
        changed = sum(r.report.changed for r in outcome.results if r.report)
        if failed:
            return (
                self.tr("Synkroniseret; fejl ved %1").replace(
                    "%1", plural(failed, "kilde", "kilder", "source", "sources")
                )
                if failed != len(outcome.results)
                else self.tr("Synkroniseringen mislykkedes")
            )
        if not new and not changed:
            return self.tr("Synkroniseret – intet nyt")
        parts = []
        if new:
            parts.append(
                plural(new, "nyt dokument", "nye dokumenter", "new document", "new documents")
            )
        if changed:
            parts.append(plural(changed, "ændret", "ændrede", "changed", "changed"))
        return self.tr("Synkroniseret: %1").replace("%1", ", ".join(parts))

    def lines(self, outcome: SyncOutcome) -> list[str]:
        """Each source's result, in words."""
        out: list[str] = []
        for r in outcome.results:
            if r.offline:
                out.append(self.tr("%1: ingen forbindelse").replace("%1", r.name))
            elif r.error is not None:
                out.append(self.tr("%1: fejl: %2").replace("%1", r.name).replace("%2", r.error))
            elif r.report is not None:
                out.append(self.source_line(r.report))
        return out

    def source_line(self, report: SourceReport) -> str:
        if report.fatal:
            return "; ".join(report.errors) or self.tr("%1: fejl").replace("%1", report.name)
        parts = [
            plural(report.new, "nyt", "nye", "new", "new"),
            plural(report.changed, "ændret", "ændrede", "changed", "changed"),
            plural(
                report.unchanged,
                "uændret møde",
                "uændrede møder",
                "unchanged meeting",
                "unchanged meetings",
            ),
        ]
        if report.removed or report.removed_documents:
            gone = report.removed + report.removed_documents
            parts.append(self.tr("%1 fjernet af kilden").replace("%1", str(gone)))
        if report.failed:
            parts.append(plural(report.failed, "fejl", "fejl", "failure", "failures"))
        line = self.tr("%1: %2").replace("%1", report.name).replace("%2", ", ".join(parts))
        if report.errors:
            line += "\n  " + "\n  ".join(report.errors[:5])
        return line

    def show_details(self) -> None:
        if self.last is None:
            return
        box = QMessageBox(self._parent)
        box.setObjectName("syncDetailsBox")
        box.setWindowTitle(self.tr("Synkronisering"))
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(self.summary(self.last))
        box.setInformativeText("\n".join(self.lines(self.last)))
        box.open()


def _failed(result: SourceResult) -> bool:
    return result.error is not None or (
        result.report is not None and (result.report.fatal or bool(result.report.failed))
    )
