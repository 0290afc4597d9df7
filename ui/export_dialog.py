"""Taking notes and annotations out of the vault from the window: the notes for the formøde
(Markdown or PDF, item by item), a document with its annotations drawn into a copy, and
its annotations as W3C Web Annotation JSON-LD.

The same functions as the command line's exports do the work (``reader.notes.summary``,
``reader.notes.export``, ``reader.notes.w3c``), on the library worker: the file is written
whole or not at all and readable by the user alone. A progress dialog appears when an
export takes more than a moment, and cancelling it leaves no file behind.

The window uses ``NotesArea.export_actions()``; the functions ``export_notes``,
``export_annotated_pdf`` and ``export_w3c`` take a file path directly (tests, or a caller
that asked for it) or ask for one with a file dialog. The dialogs' Qt classes load with the
first export: the window builds the export actions at start-up, and every Qt class PySide
makes costs time then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from reader.errors import Cancelled
from reader.library import Library
from ui import tasks
from ui.errors import show_error
from ui.ops import LibraryOps

if TYPE_CHECKING:
    from reader.vault import Vault

SHOW_AFTER_MS = 400  # an export quicker than this shows no progress dialog

# what the worker hands back: the file written and a line for the status bar
Written = tuple[Path, str]
Work = Callable[[Library, tasks.Task, Path], Written]


class ExportRun(QObject):
    """One export on the library worker, with its (delayed) progress dialog.

    ``state`` is ``running``, then ``done``, ``cancelled`` or ``failed``; ``path`` is the
    file written once done. ``ended`` is sent with the state.
    """

    ended = Signal(str)

    def __init__(
        self, parent: QWidget, ops: LibraryOps, work: Work, target: Path, label: str
    ) -> None:
        from PySide6.QtWidgets import QProgressDialog

        super().__init__(parent)
        self.state = "running"
        self.path: Path | None = None
        self.message = ""
        self.progress = QProgressDialog(label, self.tr("Annuller"), 0, 0, parent)
        self.progress.setObjectName("exportProgress")
        self.progress.setWindowTitle(self.tr("Eksport"))
        self.progress.setAccessibleName(self.tr("Eksportens fremdrift"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(SHOW_AFTER_MS)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.progress.setValue(0)
        self._parent = parent
        self.task = (
            ops.op(self, lambda lib, task: work(lib, task, target))
            .progress(self._progressed)
            .success(self._done)
            .failure(self._failed)
            .run_in_background()
        )

    def cancel(self) -> None:
        """Stop the export at its next check; nothing is written then."""
        if self.state == "running":
            self.task.cancel()
            self.progress.setLabelText(self.tr("Stopper…"))

    def _progressed(self, done: int, total: int, _what: str) -> None:
        if self.state != "running":
            return
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)

    def _finish(self, state: str) -> None:
        self.state = state
        self.progress.canceled.disconnect(self.cancel)
        self.progress.hide()
        self.progress.deleteLater()
        self.ended.emit(state)

    def _done(self, written: Written) -> None:
        self.path, self.message = written
        self._finish("done")

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, Cancelled):
            self._finish("cancelled")
            return
        self._finish("failed")
        show_error(self._parent, exc)


# -- choosing the file ------------------------------------------------------------------------


def _documents_dir() -> Path:
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def choose_path(parent: QWidget, title: str, name: str, filters: list[str]) -> Path | None:
    """Ask where to save (``name`` proposed in the user's documents folder); None if the
    user cancelled. A name without a suffix gets the chosen filter's."""
    from PySide6.QtWidgets import QFileDialog

    chosen, selected = QFileDialog.getSaveFileName(
        parent, title, str(_documents_dir() / name), ";;".join(filters)
    )
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix and "*." in selected:
        path = path.with_suffix("." + selected.split("*.", 1)[1].split(")", 1)[0].split()[0])
    return path


# -- the three exports ------------------------------------------------------------------------


def _start(
    parent: QWidget,
    ops: LibraryOps,
    path: Path | None,
    ask: tuple[str, str, list[str]],
    busy: str,
    work: Work,
) -> ExportRun | None:
    """Run ``work`` into ``path``, or into the file the member chooses (``ask``: the dialog's
    title, the proposed name and the filters); None if they cancelled the choice."""
    if path is None:
        path = choose_path(parent, *ask)
        if path is None:
            return None
    return ExportRun(parent, ops, work, path, busy)


def _with_marks(saved: str, out: Path, n: int) -> Written:
    """``out`` and the words saying it holds ``n`` annotations (``saved``, worded on the UI
    thread: "%1 med %2")."""
    from reader.i18n import plural

    count = plural(n, "markering", "markeringer", "annotation", "annotations")
    return out, saved.replace("%1", str(out)).replace("%2", count)


def export_notes(
    parent: QWidget, ops: LibraryOps, vault: Vault, meeting_id: int, path: Path | None = None
) -> ExportRun | None:
    """The meeting's notes and highlighted quotes for the formøde, item by item: Markdown,
    or PDF when the file name ends in ``.pdf``."""
    saved = QCoreApplication.translate("NotesExporter", "Noterne er gemt i %1")

    def work(lib: Library, task: tasks.Task, target: Path) -> Written:
        from reader.notes.export import output_path
        from reader.notes.summary import export_summary

        as_markdown = target.suffix.lower() != ".pdf"
        out = output_path(target, f"noter-{meeting_id}.{'md' if as_markdown else 'pdf'}")
        export_summary(
            lib,
            vault,
            meeting_id,
            out,
            as_markdown=as_markdown,
            progress=lambda done, total: task.report(done, total, ""),
            cancelled=task.cancelled,
        )
        return out, saved.replace("%1", str(out))

    filters = [
        QCoreApplication.translate("NotesExporter", "Markdown (*.md)"),
        QCoreApplication.translate("NotesExporter", "PDF (*.pdf)"),
    ]
    ask = (
        QCoreApplication.translate("NotesExporter", "Eksportér noter"),
        f"noter-{meeting_id}.md",
        filters,
    )
    return _start(
        parent,
        ops,
        path,
        ask,
        QCoreApplication.translate("NotesExporter", "Eksporterer noter…"),
        work,
    )


def export_annotated_pdf(
    parent: QWidget, ops: LibraryOps, vault: Vault, document_id: int, path: Path | None = None
) -> ExportRun | None:
    """The document's current version with the annotations drawn in, as real PDF
    annotations another PDF reader shows."""
    saved = QCoreApplication.translate("NotesExporter", "%1 med %2")

    def work(lib: Library, task: tasks.Task, target: Path) -> Written:
        from reader.notes.export import export_pdf, output_path

        out = output_path(target, f"dokument-{document_id}.pdf")
        report = export_pdf(
            lib,
            vault,
            document_id,
            out,
            progress=lambda done, total: task.report(done, total, ""),
            cancelled=task.cancelled,
        )
        return _with_marks(saved, out, report.placed)

    ask = (
        QCoreApplication.translate("NotesExporter", "Eksportér kommenteret PDF"),
        f"dokument-{document_id}.pdf",
        [QCoreApplication.translate("NotesExporter", "PDF (*.pdf)")],
    )
    return _start(
        parent,
        ops,
        path,
        ask,
        QCoreApplication.translate("NotesExporter", "Eksporterer PDF med markeringer…"),
        work,
    )


def export_w3c(
    parent: QWidget, ops: LibraryOps, vault: Vault, document_id: int, path: Path | None = None
) -> ExportRun | None:
    """The document's annotations as a W3C Web Annotation collection (JSON-LD)."""
    saved = QCoreApplication.translate("NotesExporter", "%1 med %2")

    def work(lib: Library, task: tasks.Task, target: Path) -> Written:
        from reader.notes.export import output_path
        from reader.notes.w3c import export_w3c as write_w3c

        out = output_path(target, f"annotationer-{document_id}.jsonld")
        data = write_w3c(lib, vault, document_id, out, cancelled=task.cancelled)
        return _with_marks(saved, out, int(data.get("total", 0)))

    name = f"annotationer-{document_id}.jsonld"
    ask = (
        QCoreApplication.translate("NotesExporter", "Eksportér W3C-annotationer"),
        name,
        [QCoreApplication.translate("NotesExporter", "JSON-LD (*.jsonld)")],
    )
    return _start(
        parent,
        ops,
        path,
        ask,
        QCoreApplication.translate("NotesExporter", "Eksporterer annotationer…"),
        work,
    )


# -- the actions --------------------------------------------------------------------------------


class NotesExporter(QObject):
    """The three export actions for a menu, following what is in view: enabled while the
    notes are open and there is a meeting (notes) or a document (PDF, JSON-LD).

    ``notice(str)`` says where a finished export went; ``run`` is the last export started.
    """

    notice = Signal(str)

    def __init__(self, ops: LibraryOps, parent: QWidget) -> None:
        super().__init__(parent)
        self.ops = ops
        self.widget = parent
        self.vault: Vault | None = None
        self.meeting_id: int | None = None
        self.document_id: int | None = None
        self.run: ExportRun | None = None
        self.notes_action = QAction(self.tr("Eksportér &noter…"), self)
        self.notes_action.setToolTip(
            self.tr("Mødets noter og markeringer punkt for punkt, som Markdown eller PDF")
        )
        self.notes_action.triggered.connect(lambda: self.export_notes())
        self.pdf_action = QAction(self.tr("Eksportér &kommenteret PDF…"), self)
        self.pdf_action.setToolTip(self.tr("Dokumentet med dine markeringer tegnet ind"))
        self.pdf_action.triggered.connect(lambda: self.export_annotated_pdf())
        self.w3c_action = QAction(self.tr("Eksportér &W3C-annotationer…"), self)
        self.w3c_action.setToolTip(self.tr("Dokumentets markeringer som W3C JSON-LD"))
        self.w3c_action.triggered.connect(lambda: self.export_w3c())
        self._update()

    def actions(self) -> list[QAction]:
        return [self.notes_action, self.pdf_action, self.w3c_action]

    def set_vault(self, vault: Vault | None) -> None:
        self.vault = vault
        self._update()

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self._update()

    def set_document(self, document_id: int | None) -> None:
        self.document_id = document_id
        self._update()

    def _update(self) -> None:
        open_ = self.vault is not None
        self.notes_action.setEnabled(open_ and self.meeting_id is not None)
        self.pdf_action.setEnabled(open_ and self.document_id is not None)
        self.w3c_action.setEnabled(open_ and self.document_id is not None)

    def export_notes(self, path: Path | None = None) -> ExportRun | None:
        if self.vault is None or self.meeting_id is None:
            return None
        return self._started(export_notes(self.widget, self.ops, self.vault, self.meeting_id, path))

    def export_annotated_pdf(self, path: Path | None = None) -> ExportRun | None:
        if self.vault is None or self.document_id is None:
            return None
        return self._started(
            export_annotated_pdf(self.widget, self.ops, self.vault, self.document_id, path)
        )

    def export_w3c(self, path: Path | None = None) -> ExportRun | None:
        if self.vault is None or self.document_id is None:
            return None
        return self._started(export_w3c(self.widget, self.ops, self.vault, self.document_id, path))

    def _started(self, run: ExportRun | None) -> ExportRun | None:
        if run is not None:
            self.run = run

            def ended(state: str) -> None:
                if state == "done":
                    self.notice.emit(run.message)
                elif state == "cancelled":
                    self.notice.emit(self.tr("Eksporten er stoppet; der er ikke gemt noget."))

            run.ended.connect(ended)
        return run
