"""The notes panel alone: notes on a meeting, an item or a page, autosaved a second after
typing; deleting asks and can be undone; the counts the window marks items with.

A real library with the small agenda (items 1.1 on page 3, 2.1 and 2.2 on page 4) and a
real vault; the panel's work runs on the real library worker.
"""

from __future__ import annotations

from pathlib import Path

import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.notes.note_store import NoteStore
from reader.notes.summary import note_counts
from reader.vault import Vault, open_vault
from tests.support.notes_fixtures import PASSPHRASE, all_files, contains, library_with_agenda
from ui.notes_panel import AUTOSAVE_MS, ITEM, MEETING, PAGE, NotesPanel
from ui.ops import LibraryOps

WAIT = 10_000


@pytest.fixture
def setup(library: Library, tmp_path: Path) -> tuple[Library, Vault, int, int]:
    meeting, document = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    return library, vault, meeting, document


@pytest.fixture
def panel(qtbot: QtBot, setup: tuple[Library, Vault, int, int]) -> NotesPanel:
    lib, vault, _meeting, _document = setup
    widget = NotesPanel(LibraryOps(lib.paths), vault)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _context(qtbot: QtBot, panel: NotesPanel, meeting: int, item: str | None = None) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.set_context(meeting, item)


def _write(qtbot: QtBot, panel: NotesPanel, text: str) -> None:
    """Type a note and wait until it is saved."""
    saves: list[str] = []
    panel.saved.connect(saves.append)
    qtbot.keyClicks(panel.editor, text)
    panel.flush()
    qtbot.waitUntil(lambda: bool(saves), timeout=WAIT)
    panel.saved.disconnect(saves.append)


def _settle(qtbot: QtBot, panel: NotesPanel) -> None:
    """Wait until everything queued on the library worker before now has run and its
    results are delivered (the worker runs ops in order)."""
    done: list[bool] = []
    panel.ops.op(panel, lambda _lib, _task: True).success(done.append).run_in_background()
    qtbot.waitUntil(lambda: done == [True], timeout=WAIT)


def _confirm(qtbot: QtBot, panel: NotesPanel, delete: bool) -> str:
    """Answer the deletion question; returns what it asked."""
    qtbot.waitUntil(lambda: panel.confirm_box is not None and panel.confirm_box.isVisible())
    box = panel.confirm_box
    assert box is not None
    asked = box.text()
    if delete:
        assert panel.confirm_button is not None
        panel.confirm_button.click()
    else:
        box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: panel.confirm_box is None)
    return asked


def test_typing_is_saved_once_after_a_pause_and_shown_again(
    qtbot: QtBot, panel: NotesPanel, setup: tuple[Library, Vault, int, int]
) -> None:
    lib, vault, meeting, _document = setup
    assert not panel.editor.isEnabled()
    _context(qtbot, panel, meeting, "2.1")
    assert panel.heading.text() == "Noter til punkt 2.1"
    assert panel.editor.accessibleName() == "Notens tekst"
    saves: list[str] = []
    panel.saved.connect(saves.append)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert panel.target_label.text() == "Ny note til punkt 2.1"
    qtbot.keyClicks(panel.editor, "Spørg om økonomien i anden bølge")
    assert panel.status.text() == "Ikke gemt endnu" and saves == []
    qtbot.waitUntil(lambda: panel.status.text() == "Gemt", timeout=AUTOSAVE_MS + 5_000)
    assert len(saves) == 1  # one save for all the keystrokes
    [note] = NoteStore(lib, vault).notes(meeting)
    assert (note.item_number, note.text) == ("2.1", "Spørg om økonomien i anden bølge")
    assert panel.listed() == [("Punkt 2.1", "Spørg om økonomien i anden bølge")]
    assert panel.target_label.text() == "Note til punkt 2.1"
    # more typing in the same note updates it, it does not make another
    qtbot.keyClicks(panel.editor, " og driften")
    panel.flush()  # switching away saves at once
    qtbot.waitUntil(lambda: len(saves) == 2, timeout=5_000)
    [note] = NoteStore(lib, vault).notes(meeting)
    assert note.text.endswith("og driften")
    assert not any(contains(p, "og driften") for p in all_files(lib.paths.root))
    # the meeting as a whole does not list the item's note; coming back shows it again
    _context(qtbot, panel, meeting)
    assert panel.heading.text() == "Noter til mødet" and panel.listed() == []
    _context(qtbot, panel, meeting, "2.1")
    assert panel.listed() == [("Punkt 2.1", "Spørg om økonomien i anden bølge og driften")]
    assert panel.editor.toPlainText() == note.text


def test_a_note_on_the_page_in_view_is_listed_on_that_page_and_under_its_item(
    qtbot: QtBot, panel: NotesPanel, setup: tuple[Library, Vault, int, int]
) -> None:
    lib, vault, meeting, document = setup
    _context(qtbot, panel, meeting, "2.1")
    assert not panel.new_page_action.isEnabled()  # no page in view yet
    panel.set_page(document, 4)
    assert panel.new_page_action.text() == "Note til side 4"
    panel.new_page_action.trigger()
    assert panel.target_label.text() == "Ny note til side 4"
    _write(qtbot, panel, "Tallene på side fire passer ikke")
    [note] = NoteStore(lib, vault).notes(meeting)
    assert (note.item_number, note.document_id, note.page) == (None, document, 4)
    assert panel.listed() == [("Side 4", "Tallene på side fire passer ikke")]
    assert panel.target_label.text() == "Note til side 4"
    # a meeting note beside it: the list says which is which
    panel.new_note(MEETING)
    _write(qtbot, panel, "Husk frokost")
    assert panel.listed() == [
        ("Side 4", "Tallene på side fire passer ikke"),
        ("Mødet", "Husk frokost"),
    ]
    # another page of the document: the page note is listed under the item its page is in
    panel.editor.clearFocus()
    panel.set_page(document, 3)
    assert panel.listed() == [
        ("Punkt 2.1", "s. 4 · Tallene på side fire passer ikke"),
        ("Mødet", "Husk frokost"),
    ]
    _context(qtbot, panel, meeting, "1.1")  # page 4 is not item 1.1's
    assert panel.listed() == [("Mødet", "Husk frokost")]
    assert panel.editor.toPlainText() == "Husk frokost"


def test_deleting_asks_and_can_be_undone_and_typing_afterwards_makes_no_note(
    qtbot: QtBot, panel: NotesPanel, setup: tuple[Library, Vault, int, int]
) -> None:
    lib, vault, meeting, document = setup
    store = NoteStore(lib, vault)
    first = store.add(meeting, "Første note\nmed mere", item_number="2.1")
    second = store.add(meeting, "Anden note", item_number="2.1")
    on_page = store.add(meeting, "Side-note", document_id=document, page=4)
    panel.set_page(document, 4)
    _context(qtbot, panel, meeting, "2.1")
    before = panel.listed()
    # the item's notes in the store's order (same millisecond: by id)
    ordered = [n for n in store.notes(meeting) if n.item_number == "2.1"]
    assert before == [("Side 4", "Side-note")] + [
        ("Punkt 2.1", n.text.splitlines()[0]) for n in ordered
    ]
    if ordered[0].id != first.id:  # delete the first of the two, so another comes after it
        first, second = second, first
    panel.note_list.setCurrentItem(panel.note_rows()[1])
    assert panel.editor.toPlainText() == first.text

    # cancel keeps it
    panel.delete_note()
    title = first.text.splitlines()[0]
    assert _confirm(qtbot, panel, delete=False) == f"Vil du slette noten »{title}«?"
    _settle(qtbot, panel)
    assert {n.id for n in store.notes(meeting)} == {first.id, second.id, on_page.id}
    assert panel.listed() == before and panel.note_id == first.id

    # confirm deletes it; the editor shows the next note
    panel.delete_note()
    _confirm(qtbot, panel, delete=True)
    qtbot.waitUntil(lambda: panel.undo_bar.isVisible(), timeout=WAIT)
    assert {n.id for n in store.notes(meeting)} == {second.id, on_page.id}
    assert panel.note_id == second.id and panel.editor.toPlainText() == second.text
    assert title in panel.undo_label.text()

    # undo (Ctrl+Z in the panel) brings it back: same id, text, place, and row
    assert panel.undo_action.isEnabled()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    assert QApplication.focusWidget() is panel.note_list  # where a deletion leaves focus
    qtbot.keyClick(panel.note_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.listed() == before, timeout=WAIT)
    back = store.get(first.id)
    assert (back.text, back.item_number, back.document_id, back.page, back.created) == (
        first.text,
        first.item_number,
        first.document_id,
        first.page,
        first.created,
    )
    assert not panel.undo_bar.isVisible() and not panel.undo_action.isEnabled()

    # deleting every note leaves a read-only empty state: stray typing makes no note
    for _ in range(3):
        panel.delete_note()
        _confirm(qtbot, panel, delete=True)
        _settle(qtbot, panel)
    assert store.notes(meeting) == [] and panel.listed() == []
    assert panel.note_id is None and panel.draft is None and panel.editor.isReadOnly()
    qtbot.keyClicks(panel.editor, "ups")
    panel.flush()
    _settle(qtbot, panel)
    assert store.notes(meeting) == [] and panel.editor.toPlainText() == ""
    # the last deletion can still be undone with the button
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(store.notes(meeting)) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: len(panel.listed()) == 1, timeout=WAIT)


def test_new_note_then_switching_context_keeps_where_it_was_begun(
    qtbot: QtBot, panel: NotesPanel, setup: tuple[Library, Vault, int, int]
) -> None:
    lib, vault, meeting, document = setup
    _context(qtbot, panel, meeting, "2.1")
    panel.set_page(document, 4)
    panel.new_note(ITEM)
    qtbot.keyClicks(panel.editor, "Om telemedicin")
    panel.set_page(document, 3)  # the member scrolls while writing
    _context(qtbot, panel, meeting, "1.1")
    _settle(qtbot, panel)
    [note] = NoteStore(lib, vault).notes(meeting)
    assert (note.item_number, note.page, note.text) == ("2.1", None, "Om telemedicin")
    panel.new_note(PAGE)
    assert panel.target_label.text() == "Ny note til side 3"


def test_counts_follow_every_save_and_deletion(
    qtbot: QtBot, panel: NotesPanel, setup: tuple[Library, Vault, int, int]
) -> None:
    lib, vault, meeting, document = setup
    NoteStore(lib, vault).add(meeting, "Om mødet")
    counts: list[tuple[int, dict[str | None, int]]] = []
    panel.counts_changed.connect(lambda m, c: counts.append((m, c)))
    _context(qtbot, panel, meeting, "2.1")
    assert counts[-1] == (meeting, {None: 1})
    panel.new_note(ITEM)
    _write(qtbot, panel, "Et punkt")
    qtbot.waitUntil(lambda: counts[-1] == (meeting, {None: 1, "2.1": 1}), timeout=WAIT)
    panel.set_page(document, 3)
    panel.new_note(PAGE)
    _write(qtbot, panel, "En side i punkt 1.1")
    qtbot.waitUntil(lambda: counts[-1][1] == {None: 1, "2.1": 1, "1.1": 1}, timeout=WAIT)
    assert note_counts(lib, vault, meeting) == counts[-1][1]
    seen = len(counts)
    qtbot.keyClicks(panel.editor, " - mere")  # a new text changes no count
    panel.flush()
    _settle(qtbot, panel)
    assert len(counts) == seen
    panel.delete_note()
    _confirm(qtbot, panel, delete=True)
    qtbot.waitUntil(lambda: counts[-1][1] == {None: 1, "2.1": 1}, timeout=WAIT)
    panel.undo_delete()
    qtbot.waitUntil(lambda: counts[-1][1] == {None: 1, "2.1": 1, "1.1": 1}, timeout=WAIT)


def test_typing_while_the_notes_load_goes_to_the_item_in_view(
    qtbot: QtBot, panel: NotesPanel, setup: tuple[Library, Vault, int, int]
) -> None:
    lib, vault, meeting, _document = setup
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.set_context(meeting)  # the meeting is chosen, then at once its item 2.1
        panel.set_context(meeting, "2.1")
        assert panel.target_label.text() == "Ny note til punkt 2.1"
        qtbot.keyClicks(panel.editor, "Skrevet med det samme")
    panel.flush()
    _settle(qtbot, panel)
    [note] = NoteStore(lib, vault).notes(meeting)
    assert (note.item_number, note.text) == ("2.1", "Skrevet med det samme")
    assert panel.listed() == [("Punkt 2.1", "Skrevet med det samme")]
