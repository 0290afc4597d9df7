"""Notes for the selected meeting or agenda item, saved while the user types.

A save runs a second after the last keystroke (and at once on switching note, item or
closing), as an op on the library worker so the UI never waits for SQLite or encryption;
saves queue there in order. Each save is one transaction, so at most the last second of
typing is at risk. Self-contained: the main window gives it its ops and an unlocked vault.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.library import Library
from reader.notes.models import NoteView
from reader.notes.note_store import NoteStore
from reader.vault import Vault
from ui import tasks
from ui.errors import show_error
from ui.ops import ChangeReport, LibraryOps

AUTOSAVE_MS = 1000
ROLE_ID = Qt.ItemDataRole.UserRole


class NotesPanel(QWidget):
    saved = Signal(str)  # note id, after each committed save or deletion
    loaded = Signal()

    def __init__(self, ops: LibraryOps, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.vault = vault
        self.meeting_id: int | None = None
        self.item_number: str | None = None
        self.note_id: str | None = None
        self._dirty = False
        self._creating = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self._build()
        self._set_enabled(False)
        ops.library_changed.connect(self._library_changed)

    def _build(self) -> None:
        self.heading = QLabel(self.tr("Noter"))
        self.heading.setObjectName("notesHeading")
        self.note_list = QListWidget()
        self.note_list.setAccessibleName(self.tr("Noter"))
        self.note_list.currentItemChanged.connect(self._note_selected)
        self.new_button = QPushButton(self.tr("&Ny note"))
        self.new_button.setAccessibleName(self.tr("Ny note"))
        self.new_button.clicked.connect(self.new_note)
        self.delete_button = QPushButton(self.tr("Slet note"))
        self.delete_button.setAccessibleName(self.tr("Slet note"))
        self.delete_button.clicked.connect(self.delete_note)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Notens tekst"))
        self.editor.setPlaceholderText(self.tr("Skriv din note her. Den gemmes automatisk."))
        self.editor.textChanged.connect(self._edited)
        self.status = QLabel("")
        self.status.setAccessibleName(self.tr("Gemmestatus"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.note_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.editor, 2)
        layout.addWidget(self.status)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.note_list, self.new_button, self.delete_button, self.editor):
            w.setEnabled(on)

    def _library_changed(self, report: ChangeReport) -> None:
        """Notes changed by someone else: show them, unless the user is typing here."""
        if report.notes and report.initiator is not self and not self._dirty:
            self.set_context(self.meeting_id, self.item_number)

    # -- context ---------------------------------------------------------------------------

    def set_context(self, meeting_id: int | None, item_number: str | None = None) -> None:
        """Show the notes of a meeting (``item_number`` None) or of one of its items."""
        self.flush()
        self.meeting_id, self.item_number = meeting_id, item_number
        self.note_id = None
        self.note_list.clear()
        self._load_text("")
        if meeting_id is None:
            self.heading.setText(self.tr("Noter"))
            self._set_enabled(False)
            return
        if item_number is None:
            self.heading.setText(self.tr("Noter til mødet"))
        else:
            self.heading.setText(self.tr("Noter til punkt %1").replace("%1", item_number))
        self._set_enabled(True)
        vault = self.vault

        def load(lib: Library, _task: tasks.Task) -> list[NoteView]:
            notes = NoteStore(lib, vault).notes(meeting_id)
            return [n for n in notes if n.item_number == item_number]

        def show(notes: list[NoteView]) -> None:
            if (self.meeting_id, self.item_number) != (meeting_id, item_number):
                return  # the user moved on meanwhile
            for note in notes:
                self._add_row(note)
            if notes:
                self.note_list.setCurrentRow(0)
            self.loaded.emit()

        self.ops.op(self, load).success(show).failure(self._failed).run_in_background()

    def _add_row(self, note: NoteView) -> QListWidgetItem:
        item = QListWidgetItem(_title(note.text) or self.tr("(tom note)"))
        item.setData(ROLE_ID, note.id)
        item.setData(Qt.ItemDataRole.UserRole + 1, note.text)
        self.note_list.addItem(item)
        return item

    def _note_selected(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        self.flush()
        if current is None:
            return
        self.note_id = current.data(ROLE_ID)
        self._load_text(current.data(Qt.ItemDataRole.UserRole + 1) or "")

    def _load_text(self, text: str) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self._dirty = False

    # -- editing -----------------------------------------------------------------------------

    def new_note(self) -> None:
        self.flush()
        self.note_list.blockSignals(True)
        self.note_list.clearSelection()
        self.note_list.setCurrentRow(-1)
        self.note_list.blockSignals(False)
        self.note_id = None
        self._load_text("")
        self.editor.setFocus()

    def _edited(self) -> None:
        self._dirty = True
        self.status.setText(self.tr("Ikke gemt endnu"))
        self._timer.start()

    def flush(self) -> None:
        """Save what was typed now, not after the autosave delay."""
        self._timer.stop()
        if not self._dirty or self.meeting_id is None:
            return
        if self._creating:  # the note is being created; save again once it has an id
            self._timer.start()
            return
        text = self.editor.toPlainText()
        note_id = self.note_id
        if note_id is None and not text.strip():
            return
        self._dirty = False
        self.status.setText(self.tr("Gemmer …"))
        vault = self.vault
        meeting_id, item_number = self.meeting_id, self.item_number
        row = self.note_list.currentItem()

        def save(lib: Library, _task: tasks.Task) -> NoteView:
            store = NoteStore(lib, vault)
            if note_id is None:
                return store.add(meeting_id, text, item_number=item_number)
            return store.save(note_id, text)

        if note_id is None:
            self._creating = True

        def done(note: NoteView) -> None:
            if note_id is None:
                self._creating = False
                if (self.meeting_id, self.item_number) == (meeting_id, item_number):
                    self.note_list.blockSignals(True)
                    item = self._add_row(note)
                    self.note_list.setCurrentItem(item)
                    self.note_list.blockSignals(False)
                    if self.note_id is None:
                        self.note_id = note.id
            else:
                target = row if row is not None and row.data(ROLE_ID) == note.id else None
                if target is not None:
                    target.setText(_title(note.text) or self.tr("(tom note)"))
                    target.setData(Qt.ItemDataRole.UserRole + 1, note.text)
            if not self._dirty:
                self.status.setText(self.tr("Gemt"))
            self.saved.emit(note.id)

        def failed(exc: Exception) -> None:
            self._creating = False
            self._dirty = True  # keep the text; the next keystroke or switch tries again
            self._failed(exc)

        self.ops.change(self, save, notes=lambda note: (note.id,)).success(done).failure(
            failed
        ).run_in_background()

    def delete_note(self) -> None:
        row = self.note_list.currentItem()
        if row is None:
            return
        note_id = row.data(ROLE_ID)
        self._timer.stop()
        self._dirty = False
        vault = self.vault

        def delete(lib: Library, _task: tasks.Task) -> None:
            NoteStore(lib, vault).delete(note_id)

        self.note_list.takeItem(self.note_list.row(row))
        self.note_id = None
        self._load_text("")

        def deleted(_result: None) -> None:
            self.status.setText(self.tr("Noten er slettet"))
            self.saved.emit(note_id)  # listeners find it gone

        self.ops.change(self, delete, notes=lambda _none: (note_id,)).success(deleted).failure(
            self._failed
        ).run_in_background()

    def _failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("Kunne ikke gemme"))
        show_error(self, exc)


def _title(text: str) -> str:
    """The first non-empty line, without Markdown markers, as the list shows it."""
    for line in text.splitlines():
        line = line.strip().lstrip("#>-* ").strip()
        if line:
            return line[:80]
    return ""
