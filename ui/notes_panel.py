"""Notes where the member reads: on the meeting, on the agenda item in view and on the page
being read, saved while the user types.

The list follows the reading position (``set_context`` as the agenda scrolls, ``set_page``
as the pages do) and shows, under a heading each, the notes on the page in view, on the item
and on the meeting. The meeting's notes are decrypted once per meeting on the library worker
and kept here, in memory only; moving within a meeting only regroups them.

A save runs a second after the last keystroke (and at once on switching note or closing),
as an op on the library worker so the UI never waits for SQLite or encryption; saves queue
there in order. Each save is one transaction, so at most the last second of typing is at
risk. A new note is made only from the editor's "new note" state, which says where the note
will go; after a deletion the editor shows the next note or a read-only empty state.
Deleting asks first and can be undone for a while (Ctrl+Z, or "Fortryd" in the bar).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import count

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.library import Library
from reader.notes.models import NoteView
from reader.notes.note_store import NoteStore
from reader.notes.summary import count_places, note_places
from reader.vault import Vault
from ui import tasks
from ui.errors import show_error
from ui.ops import ChangeReport, LibraryOps

AUTOSAVE_MS = 1000
UNDO_MS = 10_000  # how long a deletion can be undone
ROLE_ID = Qt.ItemDataRole.UserRole
ROLE_ON_PAGE = Qt.ItemDataRole.UserRole + 1

# where a new note goes
MEETING, ITEM, PAGE = "meeting", "item", "page"


@dataclass(frozen=True)
class MeetingNotes:
    """A meeting's readable notes, in the store's order, with the item each is about (a
    note on a page: the item the page belongs to) and the count per item."""

    meeting_id: int
    notes: list[NoteView]
    places: dict[str, str | None]
    counts: dict[str | None, int]


def meeting_notes(lib: Library, vault: Vault, meeting_id: int) -> MeetingNotes:
    """On the library worker: decrypted here, kept in memory only."""
    notes = NoteStore(lib, vault).notes(meeting_id)
    places = note_places(lib, meeting_id, notes)
    return MeetingNotes(meeting_id, notes, places, count_places(places))


@dataclass(frozen=True)
class _Draft:
    """A new note not saved yet: where it goes, fixed when it was begun."""

    serial: int
    meeting_id: int
    item_number: str | None
    document_id: int | None
    page: int | None


class NotesPanel(QWidget):
    """Public API: ``set_context(meeting_id, item_number)``, ``set_page(document_id, page)``,
    ``new_note(target)``, ``delete_note()``, ``undo_delete()``, ``flush()``; signals ``saved``
    (a note id, after each committed save, deletion or restoration), ``loaded`` (the list
    shows the context) and ``counts_changed(meeting_id, {item_number or None: count})``."""

    saved = Signal(str)
    loaded = Signal()
    counts_changed = Signal(int, object)

    def __init__(self, ops: LibraryOps, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.vault = vault
        self.meeting_id: int | None = None
        self.item_number: str | None = None
        self.document_id: int | None = None
        self.page: int | None = None
        self.note_id: str | None = None  # the note in the editor
        self.draft: _Draft | None = None  # or the new note being written
        self.confirm_box: QMessageBox | None = None
        self.confirm_button: QAbstractButton | None = None
        self._data: MeetingNotes | None = None
        self._loading: int | None = None  # the meeting being loaded
        self._serials = count(1)
        self._late_text: dict[int, str] = {}  # typed into a draft while it was being created
        self._deleted: NoteView | None = None  # what "Fortryd" brings back
        self._emptied = False  # the last note here was deleted: no new note until asked
        self._dirty = False
        self._creating = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self._forget_deleted)
        self._build()
        self._set_enabled(False)
        ops.library_changed.connect(self._library_changed)

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self.tr("Noter"))
        self.heading.setObjectName("notesHeading")
        self.note_list = QListWidget()
        self.note_list.setAccessibleName(self.tr("Noter"))
        self.note_list.currentItemChanged.connect(self._note_selected)

        self.new_meeting_action = QAction(self.tr("Note til mødet"), self)
        self.new_meeting_action.triggered.connect(lambda: self.new_note(MEETING))
        self.new_item_action = QAction(self.tr("Note til punktet"), self)
        self.new_item_action.triggered.connect(lambda: self.new_note(ITEM))
        self.new_page_action = QAction(self.tr("Note til siden"), self)
        self.new_page_action.triggered.connect(lambda: self.new_note(PAGE))
        self.new_button = QToolButton()
        self.new_button.setText(self.tr("&Ny note"))
        self.new_button.setAccessibleName(self.tr("Ny note"))
        self.new_button.setToolTip(self.tr("Ny note til punktet, eller vælg mødet eller siden"))
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self.new_button)
        menu.addActions([self.new_meeting_action, self.new_item_action, self.new_page_action])
        self.new_button.setMenu(menu)
        self.new_button.clicked.connect(lambda: self.new_note())

        self.delete_button = QPushButton(self.tr("Slet note"))
        self.delete_button.setAccessibleName(self.tr("Slet note"))
        self.delete_button.clicked.connect(self.delete_note)
        self.undo_action = QAction(self.tr("Fortryd sletning"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo_delete)
        self.undo_action.setEnabled(False)
        self.addAction(self.undo_action)

        self.target_label = QLabel("")
        self.target_label.setObjectName("noteTarget")
        self.target_label.setAccessibleName(self.tr("Hvad noten handler om"))
        self.target_label.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Notens tekst"))
        self.editor.textChanged.connect(self._edited)
        self.status = QLabel("")
        self.status.setAccessibleName(self.tr("Gemmestatus"))

        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("undoBar")
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_label = QLabel("")
        self.undo_label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Fortryd"))
        self.undo_button.setAccessibleName(self.tr("Fortryd sletningen"))
        self.undo_button.clicked.connect(self.undo_delete)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.note_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.target_label)
        layout.addWidget(self.editor, 2)
        layout.addWidget(self.status)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.note_list, self.new_button, self.delete_button, self.editor):
            w.setEnabled(on)

    def _library_changed(self, report: ChangeReport) -> None:
        """Notes changed by someone else: show them, unless the user is typing here."""
        mine = report.initiator is self
        if report.notes and not mine and not self._dirty and self.meeting_id is not None:
            self._load(self.meeting_id)

    # -- context ---------------------------------------------------------------------------

    def set_context(self, meeting_id: int | None, item_number: str | None = None) -> None:
        """Show the notes of a meeting, with those of the item in view (``item_number``
        None: the meeting as a whole)."""
        same_meeting = meeting_id is not None and meeting_id == self.meeting_id
        if (meeting_id, item_number) == (self.meeting_id, self.item_number):
            if self._data is not None:
                self.loaded.emit()
            if self._data is not None or self._loading == meeting_id:
                return
        self.flush()
        self.meeting_id, self.item_number = meeting_id, item_number
        self._emptied = False
        self._update_heading()
        if meeting_id is None:
            self._data = None
            self._loading = None
            self.note_list.clear()
            self._show_note(None)
            self.target_label.setText("")
            self._set_enabled(False)
            return
        self._set_enabled(True)
        if same_meeting and self._data is not None:
            self._regroup()
            self.loaded.emit()
        elif same_meeting and self._loading == meeting_id:
            # still loading: a new note nobody has begun writing follows the context
            if self.draft is not None and not self._dirty and not self._creating:
                self._begin_draft(ITEM if item_number is not None else MEETING, focus=False)
        else:
            self._data = None
            self.note_list.clear()
            # nothing of the last meeting stays in the editor; what is typed before the
            # notes arrive is a new note here
            self._begin_draft(ITEM if item_number is not None else MEETING, focus=False)
            self._load(meeting_id)

    def set_page(self, document_id: int | None, page: int | None) -> None:
        """The page being read (1-based) of a document of the meeting; None for neither."""
        if page is None or document_id is None:
            document_id, page = None, None
        if (document_id, page) == (self.document_id, self.page):
            return
        self.document_id, self.page = document_id, page
        self._update_heading()
        if self._data is not None:
            self._regroup()

    def _update_heading(self) -> None:
        if self.meeting_id is None:
            self.heading.setText(self.tr("Noter"))
        elif self.item_number is None:
            self.heading.setText(self.tr("Noter til mødet"))
        else:
            self.heading.setText(self.tr("Noter til punkt %1").replace("%1", self.item_number))
        self.new_item_action.setEnabled(self.item_number is not None)
        self.new_item_action.setText(
            self.tr("Note til punkt %1").replace("%1", self.item_number)
            if self.item_number is not None
            else self.tr("Note til punktet")
        )
        self.new_page_action.setEnabled(self.page is not None)
        self.new_page_action.setText(
            self.tr("Note til side %1").replace("%1", str(self.page))
            if self.page is not None
            else self.tr("Note til siden")
        )

    def _load(self, meeting_id: int) -> None:
        self._loading = meeting_id
        vault = self.vault

        def show(data: MeetingNotes) -> None:
            if self._loading == meeting_id:
                self._loading = None
            if self.meeting_id != meeting_id:
                return  # the user moved on meanwhile
            self._data = data
            self._regroup()
            self.counts_changed.emit(meeting_id, dict(data.counts))
            self.loaded.emit()

        def failed(exc: Exception) -> None:
            if self._loading == meeting_id:
                self._loading = None
            self._failed(exc)

        self.ops.op(self, lambda lib, _task: meeting_notes(lib, vault, meeting_id)).success(
            show
        ).failure(failed).run_in_background()

    def _adopt(self, data: MeetingNotes) -> None:
        """Fresh notes of a meeting after a change: counted for the window, and shown if it is
        the meeting in view."""
        self.counts_changed.emit(data.meeting_id, dict(data.counts))
        if data.meeting_id == self.meeting_id:
            self._data = data
            self._regroup()

    # -- the list ----------------------------------------------------------------------------

    def groups(self) -> list[tuple[str, str, list[NoteView]]]:
        """What the list shows: (PAGE/ITEM/MEETING, heading, notes) for the page in view, the
        item in view and the meeting, most specific first; empty groups left out."""
        if self._data is None:
            return []
        places = self._data.places
        page: list[NoteView] = []
        rest: list[NoteView] = []
        for note in self._data.notes:
            on_page = (
                self.page is not None
                and note.document_id == self.document_id
                and note.page == self.page
            )
            (page if on_page else rest).append(note)
        out: list[tuple[str, str, list[NoteView]]] = []
        if page:
            out.append((PAGE, self.tr("Side %1").replace("%1", str(self.page)), page))
        if self.item_number is not None:
            item = [n for n in rest if places.get(n.id) == self.item_number]
            if item:
                out.append((ITEM, self.tr("Punkt %1").replace("%1", self.item_number), item))
        meeting = [n for n in rest if places.get(n.id) is None]
        if meeting:
            out.append((MEETING, self.tr("Mødet"), meeting))
        return out

    def listed(self) -> list[tuple[str, str]]:
        """(heading, row text) of each note row, in list order: what the member sees."""
        out: list[tuple[str, str]] = []
        heading = ""
        for row in range(self.note_list.count()):
            item = self.note_list.item(row)
            if item.data(ROLE_ID) is None:
                heading = item.text()
            else:
                out.append((heading, item.text()))
        return out

    def note_rows(self) -> list[QListWidgetItem]:
        return [
            self.note_list.item(r)
            for r in range(self.note_list.count())
            if self.note_list.item(r).data(ROLE_ID) is not None
        ]

    def _regroup(self) -> None:
        """Rebuild the list for the context; the note in the editor stays if it is listed or
        the user is working in it, else the first note listed (or a new note) is shown."""
        if self._fill(self.groups()) is not None:
            self._describe()
            return
        busy = self._dirty or self.editor.hasFocus() or self._creating
        if busy and (self.note_id is not None or self.draft is not None):
            self._describe()  # the user is writing: the note stays in the editor
            return
        rows = self.note_rows()
        if rows:
            self.flush()
            self.note_list.setCurrentItem(rows[0])  # shows it (``_note_selected``)
        elif self._emptied:
            self._show_note(None)
        else:
            self._begin_draft(ITEM if self.item_number is not None else MEETING, focus=False)

    def _fill(self, groups: list[tuple[str, str, list[NoteView]]]) -> QListWidgetItem | None:
        """The list's rows, a bold heading over each group; the row of the note in the editor
        (made current) if it is listed."""
        self.note_list.blockSignals(True)
        self.note_list.clear()
        current: QListWidgetItem | None = None
        bold = QFont(self.note_list.font())
        bold.setBold(True)
        for kind, heading, notes in groups:
            head = QListWidgetItem(heading)
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            head.setFont(bold)
            self.note_list.addItem(head)
            on_page = kind == PAGE
            for note in notes:
                row = QListWidgetItem(self._row_text(note, on_page))
                row.setData(ROLE_ID, note.id)
                row.setData(ROLE_ON_PAGE, on_page)
                self.note_list.addItem(row)
                if note.id == self.note_id:
                    current = row
        if current is not None:
            self.note_list.setCurrentItem(current)
        self.note_list.blockSignals(False)
        return current

    def _row_text(self, note: NoteView, on_page: bool) -> str:
        """The note's first line; a note on a page listed under its item says which page."""
        title = _title(note.text) or self.tr("(tom note)")
        if note.page is not None and not on_page:
            return self.tr("s. %1 · %2").replace("%1", str(note.page)).replace("%2", title)
        return title

    def _note_selected(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if current is None or current.data(ROLE_ID) is None:
            return
        self.flush()
        self._show_note(self._note(current.data(ROLE_ID)))

    def _note(self, note_id: str | None) -> NoteView | None:
        if self._data is None or note_id is None:
            return None
        return next((n for n in self._data.notes if n.id == note_id), None)

    # -- the editor ---------------------------------------------------------------------------

    def _show_note(self, note: NoteView | None) -> None:
        """Put a note in the editor, or (None) the empty state, where typing does nothing."""
        self.draft = None
        self.note_id = note.id if note is not None else None
        self._emptied = note is None and self._emptied
        self._load_text(note.text if note is not None else "")
        self.editor.setReadOnly(note is None)
        self.editor.setPlaceholderText(
            self.tr("Skriv din note her. Den gemmes automatisk.")
            if note is not None
            else self.tr("Ingen note valgt. Vælg en note i listen, eller vælg Ny note.")
        )
        self._describe()

    def _describe(self) -> None:
        """Say above the editor what the note in it is about."""
        if self.draft is not None:
            d = self.draft
            if d.page is not None:
                text = self.tr("Ny note til side %1").replace("%1", str(d.page))
            elif d.item_number is not None:
                text = self.tr("Ny note til punkt %1").replace("%1", d.item_number)
            else:
                text = self.tr("Ny note til mødet")
        else:
            note = self._note(self.note_id)
            if note is None:
                text = ""
            elif note.page is not None:
                text = self.tr("Note til side %1").replace("%1", str(note.page))
                if note.item_number is not None:
                    text += self.tr(" (punkt %1)").replace("%1", note.item_number)
            elif note.item_number is not None:
                text = self.tr("Note til punkt %1").replace("%1", note.item_number)
            else:
                text = self.tr("Note til mødet")
        self.target_label.setText(text)

    def _load_text(self, text: str) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self._dirty = False

    # -- editing -----------------------------------------------------------------------------

    def new_note(self, target: str | None = None) -> None:
        """Begin a new note on the meeting, the item in view or the page in view (default:
        the item, or the meeting when no item is in view). It is saved once typed in."""
        if self.meeting_id is None:
            return
        self.flush()
        target = target or (ITEM if self.item_number is not None else MEETING)
        if target == PAGE and self.page is None:
            return
        if target == ITEM and self.item_number is None:
            target = MEETING
        self._begin_draft(target, focus=True)

    def _begin_draft(self, target: str, *, focus: bool) -> None:
        assert self.meeting_id is not None
        self._emptied = False
        self.note_list.blockSignals(True)
        self.note_list.setCurrentRow(-1)
        self.note_list.clearSelection()
        self.note_list.blockSignals(False)
        self.note_id = None
        self.draft = _Draft(
            next(self._serials),
            self.meeting_id,
            self.item_number if target == ITEM else None,
            self.document_id if target == PAGE else None,
            self.page if target == PAGE else None,
        )
        self._load_text("")
        self.editor.setReadOnly(False)
        self.editor.setPlaceholderText(self.tr("Skriv din note her. Den gemmes automatisk."))
        self._describe()
        if focus:
            self.editor.setFocus()

    def _edited(self) -> None:
        if self.note_id is None and self.draft is None:
            return  # read-only: nothing to save
        self._dirty = True
        self.status.setText(self.tr("Ikke gemt endnu"))
        self._timer.start()

    def flush(self) -> None:
        """Save what was typed now, not after the autosave delay."""
        self._timer.stop()
        if not self._dirty:
            return
        if self._creating:  # the note is being created; save again once it has an id
            if self.draft is not None:
                self._late_text[self.draft.serial] = self.editor.toPlainText()
                self._dirty = False
            else:
                self._timer.start()
            return
        text = self.editor.toPlainText()
        note_id, draft = self.note_id, self.draft
        if note_id is None and (draft is None or not text.strip()):
            return
        self._dirty = False
        self.status.setText(self.tr("Gemmer …"))
        if note_id is not None:
            self._save_text(note_id, text)
            return
        assert draft is not None
        vault = self.vault
        self._creating = True

        def create(lib: Library, _task: tasks.Task) -> tuple[NoteView, MeetingNotes]:
            note = NoteStore(lib, vault).add(
                draft.meeting_id,
                text,
                item_number=draft.item_number,
                document_id=draft.document_id,
                page=draft.page,
            )
            return note, meeting_notes(lib, vault, draft.meeting_id)

        def done(result: tuple[NoteView, MeetingNotes]) -> None:
            note, data = result
            self._creating = False
            if self.draft is not None and self.draft.serial == draft.serial:
                self.draft = None
                self.note_id = note.id  # the editor now edits the saved note
            self._adopt(data)
            late = self._late_text.pop(draft.serial, None)
            if late is not None and late != text:
                self._save_text(note.id, late)
            elif not self._dirty:
                self.status.setText(self.tr("Gemt"))
            self.saved.emit(note.id)

        def failed(exc: Exception) -> None:
            self._creating = False
            if self.draft is not None and self.draft.serial == draft.serial:
                self._dirty = True  # keep the text; the next keystroke or switch tries again
            self._failed(exc)

        self.ops.change(self, create, notes=lambda r: (r[0].id,)).success(done).failure(
            failed
        ).run_in_background()

    def _save_text(self, note_id: str, text: str) -> None:
        vault = self.vault

        def save(lib: Library, _task: tasks.Task) -> NoteView:
            return NoteStore(lib, vault).save(note_id, text)

        def done(note: NoteView) -> None:
            if self._data is not None and note.meeting_id == self._data.meeting_id:
                notes = [note if n.id == note.id else n for n in self._data.notes]
                self._data = replace(self._data, notes=notes)
                for row in self.note_rows():
                    if row.data(ROLE_ID) == note.id:
                        row.setText(self._row_text(note, bool(row.data(ROLE_ON_PAGE))))
            if not self._dirty:
                self.status.setText(self.tr("Gemt"))
            self.saved.emit(note.id)

        def failed(exc: Exception) -> None:
            if self.note_id == note_id:
                self._dirty = True
            self._failed(exc)

        self.ops.change(self, save, notes=lambda note: (note.id,)).success(done).failure(
            failed
        ).run_in_background()

    # -- deleting ------------------------------------------------------------------------------

    def delete_note(self) -> None:
        """Ask, naming the note by its first line; deleted only on "Slet"."""
        note = self._note(self.note_id)
        if note is None:
            return
        self.flush()
        first = _title(self.editor.toPlainText()) or self.tr("(tom note)")
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Slet note"))
        box.setText(self.tr("Vil du slette noten »%1«?").replace("%1", first))
        box.setInformativeText(self.tr("Du kan fortryde det lige bagefter."))
        self.confirm_button = box.addButton(self.tr("Slet"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuller"))
        box.setDefaultButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.confirm_box = box

        def answered(_result: int) -> None:
            if self.confirm_box is box:
                self.confirm_box = None
            if box.clickedButton() is self.confirm_button:
                self._delete(replace(note, text=self._current_text(note)))
            self.confirm_button = None

        box.finished.connect(answered)
        box.open()

    def _current_text(self, note: NoteView) -> str:
        return self.editor.toPlainText() if self.note_id == note.id else note.text

    def _delete(self, note: NoteView) -> None:
        self._timer.stop()
        if self.note_id == note.id:
            self._dirty = False
        rows = self.note_rows()
        at = next((i for i, r in enumerate(rows) if r.data(ROLE_ID) == note.id), -1)
        after = [r.data(ROLE_ID) for r in rows[at + 1 :]] + [
            r.data(ROLE_ID) for r in reversed(rows[:at])
        ]
        vault = self.vault

        def delete(lib: Library, _task: tasks.Task) -> MeetingNotes:
            NoteStore(lib, vault).delete(note.id)
            return meeting_notes(lib, vault, note.meeting_id)

        # the list and the editor move on at once; the deletion queues behind any save
        if self._data is not None and self._data.meeting_id == note.meeting_id:
            self._data = replace(self._data, notes=[n for n in self._data.notes if n.id != note.id])
        if self.note_id == note.id:
            self.note_id = None
            self._regroup_after_delete(after)

        def deleted(data: MeetingNotes) -> None:
            self._deleted = note
            self.undo_action.setEnabled(True)
            self.undo_label.setText(
                self.tr("Noten »%1« er slettet.").replace(
                    "%1", _title(note.text) or self.tr("(tom note)")
                )
            )
            self.undo_bar.show()
            self._undo_timer.start()
            self.status.setText(self.tr("Noten er slettet"))
            self._adopt(data)
            self.saved.emit(note.id)  # listeners find it gone

        self.ops.change(self, delete, notes=lambda _data: (note.id,)).success(deleted).failure(
            self._failed
        ).run_in_background()

    def _regroup_after_delete(self, after: list[str]) -> None:
        """The next note takes the deleted one's place in the editor; if none is left, the
        empty state (typing there makes no note)."""
        groups = self.groups()
        listed = {n.id for _kind, _heading, notes in groups for n in notes}
        self.note_id = next((i for i in after if i in listed), None)
        self._emptied = self.note_id is None
        self._fill(groups)
        self._show_note(self._note(self.note_id))
        self.note_list.setFocus()  # Ctrl+Z undoes the deletion from here

    def undo_delete(self) -> None:
        """Bring the last deleted note back: the same text, on the same meeting, item and
        page, listed where it was."""
        note = self._deleted
        if note is None:
            return
        self._forget_deleted()
        vault = self.vault

        def restore(lib: Library, _task: tasks.Task) -> tuple[NoteView, MeetingNotes]:
            view = NoteStore(lib, vault).restore(note)
            return view, meeting_notes(lib, vault, note.meeting_id)

        def restored(result: tuple[NoteView, MeetingNotes]) -> None:
            view, data = result
            self._adopt(data)
            if data.meeting_id == self.meeting_id and not self._dirty:
                self.flush()
                for row in self.note_rows():
                    if row.data(ROLE_ID) == view.id:
                        self.note_list.setCurrentItem(row)
            self.status.setText(self.tr("Noten er gendannet"))
            self.saved.emit(view.id)

        self.ops.change(self, restore, notes=lambda r: (r[0].id,)).success(restored).failure(
            self._failed
        ).run_in_background()

    def _forget_deleted(self) -> None:
        self._deleted = None
        self._undo_timer.stop()
        self.undo_action.setEnabled(False)
        self.undo_bar.hide()

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
