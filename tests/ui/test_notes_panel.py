"""The notes panel alone: notes of a meeting or item, autosaved a second after typing."""

from __future__ import annotations

from pathlib import Path

import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.notes.note_store import NoteStore
from reader.vault import Vault, open_vault
from tests.support.notes_fixtures import PASSPHRASE, contains, library_with_agenda
from ui.notes_panel import AUTOSAVE_MS, NotesPanel
from ui.ops import LibraryOps


@pytest.fixture
def setup(library: Library, tmp_path: Path) -> tuple[Library, Vault, int]:
    meeting, _ = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    return library, vault, meeting


def test_typing_is_saved_once_after_a_pause_and_shown_again(
    qtbot: QtBot, setup: tuple[Library, Vault, int]
) -> None:
    lib, vault, meeting = setup
    panel = NotesPanel(LibraryOps(lib.paths), vault)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.editor.isEnabled()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.set_context(meeting, "2.1")
    assert panel.heading.text() == "Noter til punkt 2.1"
    assert panel.editor.accessibleName() == "Notens tekst"
    saves: list[str] = []
    panel.saved.connect(saves.append)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.editor, "Spørg om økonomien i anden bølge")
    assert panel.status.text() == "Ikke gemt endnu" and saves == []
    qtbot.waitUntil(lambda: panel.status.text() == "Gemt", timeout=AUTOSAVE_MS + 5_000)
    assert len(saves) == 1  # one save for all the keystrokes
    [note] = NoteStore(lib, vault).notes(meeting)
    assert (note.item_number, note.text) == ("2.1", "Spørg om økonomien i anden bølge")
    assert panel.note_list.count() == 1
    # more typing in the same note updates it, it does not make another
    qtbot.keyClicks(panel.editor, " og driften")
    panel.flush()  # switching away saves at once
    qtbot.waitUntil(lambda: len(saves) == 2, timeout=5_000)
    [note] = NoteStore(lib, vault).notes(meeting)
    assert note.text.endswith("og driften")
    assert not any(contains(p, "og driften") for p in lib.paths.root.rglob("*") if p.is_file())
    # the meeting's own notes are another list; coming back shows the item's note again
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.set_context(meeting)
    assert panel.heading.text() == "Noter til mødet" and panel.note_list.count() == 0
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.set_context(meeting, "2.1")
    assert panel.note_list.item(0).text() == "Spørg om økonomien i anden bølge og driften"
    assert panel.editor.toPlainText() == note.text
    panel.delete_note()
    qtbot.waitUntil(lambda: panel.status.text() == "Noten er slettet", timeout=5_000)
    assert NoteStore(lib, vault).notes(meeting) == []
