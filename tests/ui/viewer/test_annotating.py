"""Annotating in the reader with a real library, a real vault (the tests' file keychain),
the real library worker and render workers: every kind made with the mouse or the keys,
edited, moved, resized, recoloured, deleted, undone and redone, kept across closing the
reader, the CLI's annotations shown, an orphan placed again, and the locked state."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pymupdf
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.library.importer import import_paths
from reader.notes.annotation_store import AnnotationStore
from reader.notes.models import AnnotationView
from reader.search import NotesIndex
from reader.vault import Vault, open_vault
from reader.vault.keychain import ENV_TEST_KEYCHAIN
from tests.support.annotating import click, drag, quote_point, select_quote, settle, wait_text
from tests.support.cli import cli
from tests.support.file_keychain import NAME as FILE_KEYCHAIN
from tests.support.file_keychain import FileKeychain
from tests.support.library_fixtures import agenda_pdf
from tests.support.notes_fixtures import keyring_env, library_with_agenda
from tests.support.reader_view import open_and_wait
from ui import tasks
from ui.annotation_paint import NOTE_SIZE
from ui.ops import LibraryOps
from ui.viewer.annotations import INK, NUDGE, RECTANGLE, STICKY, TEXTBOX, AnnotationSource
from ui.viewer.client import RenderClient
from ui.viewer.pane import ReaderPane

PAGE = 3  # 0-based: page 4 holds item 2.1
OLD = "Piloten sluttede i marts."


@dataclass
class Setup:
    library: Library
    vault: Vault
    ops: LibraryOps
    document: int
    path: Path
    client: RenderClient


@pytest.fixture
def setup(
    qtbot: QtBot,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    client: RenderClient,
) -> Iterator[Setup]:
    before = keyring.get_keyring()
    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE", raising=False)
    monkeypatch.setenv(ENV_TEST_KEYCHAIN, FILE_KEYCHAIN)
    keyring.set_keyring(FileKeychain(tmp_path / "keychain.json"))
    _meeting, document = library_with_agenda(library, tmp_path, extra=OLD)
    vault = open_vault(library)
    yield Setup(
        library, vault, LibraryOps(library.paths), document, library.document_file(document), client
    )
    keyring.set_keyring(before)
    assert tasks.shutdown(), "a worker outlived its test"


def _source(s: Setup) -> AnnotationSource:
    doc = s.library.document(s.document)
    items = tuple(s.library.items(doc.meeting_id))
    return AnnotationSource(s.ops, s.vault, s.document, doc.version_id, doc, items)


def _reader(qtbot: QtBot, s: Setup) -> ReaderPane:
    pane = ReaderPane(s.client)
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    qtbot.waitExposed(pane)
    open_and_wait(qtbot, pane, s.path, page=PAGE)
    pane.set_annotation_source(_source(s))
    settle(qtbot, pane.annotations)
    return pane


def _views(s: Setup) -> list[AnnotationView]:
    """What the store holds, read as the CLI reads it."""
    return AnnotationStore(s.library, s.vault).annotations(s.document)


def _stored(s: Setup) -> dict[str, AnnotationView]:
    return {v.id: v for v in _views(s)}


def _kinds(s: Setup) -> list[str]:
    return sorted(v.kind for v in _views(s))


# the offscreen platform cannot raise a popup menu nor grab the keyboard for it
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_marks_from_keys_menu_and_toolbar_draw_at_once_and_persist(
    qtbot: QtBot, setup: Setup
) -> None:
    index = NotesIndex()
    setup.ops.follow_notes(index, setup.vault)  # the notes are open: the search follows
    pane = _reader(qtbot, setup)
    ann = pane.annotations
    assert pane.tool_buttons["text"].isEnabled() and pane.annotation_list.tree.isEnabled()
    assert not pane.mark_button.isEnabled()  # nothing selected yet
    select_quote(qtbot, pane, PAGE, "TeleHjerte")
    assert pane.mark_button.isEnabled()
    before = pane.view.viewport().grab().toImage()
    spot = quote_point(pane, PAGE, "TeleHjerte")
    qtbot.keyClick(pane.view, Qt.Key.Key_H)
    assert not pane.view.has_selection()
    # drawn at once, before the library worker has answered
    after = pane.view.viewport().grab().toImage()
    assert after.pixelColor(spot) != before.pixelColor(spot)
    settle(qtbot, ann)
    assert _kinds(setup) == ["highlight"]
    [view] = ann.views.values()
    assert view.quote == "TeleHjerte" and view.page == PAGE + 1 and view.color == "#ffd400"
    [hit] = index.search("TeleHjerte")[1]  # found from the search tab, in memory only
    assert (hit.kind, hit.document, hit.page) == ("annotation", setup.document, PAGE + 1)

    # the context menu: underline in another colour
    select_quote(qtbot, pane, PAGE, "løsningen udbredes")
    point = quote_point(pane, PAGE, "løsningen udbredes")
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, pane.view.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(pane.view.viewport(), event)
    assert ann.menu is not None
    texts = [a.text().split("\t")[0] for a in ann.menu.actions()]
    assert texts[:3] == ["&Fremhæv", "&Understreg", "&Gennemstreg"] and "&Kopiér" in texts
    colours = next(a.menu() for a in ann.menu.actions() if a.menu() is not None)
    next(a for a in colours.actions() if a.text() == "Blå").trigger()
    next(a for a in ann.menu.actions() if a.text().startswith("&Understreg")).trigger()
    ann.menu.close()
    # the toolbar's mark menu: strike out
    select_quote(qtbot, pane, PAGE, "Det indstilles")
    pane.mark_actions["strikeout"].trigger()
    settle(qtbot, ann)
    stored = {v.kind: v for v in _views(setup)}
    underline = stored["underline"]
    assert underline.color == "#1565c0" and underline.quote == "løsningen udbredes"
    assert stored["strikeout"].quote == "Det indstilles"
    assert len(pane.annotation_list.rows()) == 3
    assert all("2.1" in r.parent().text(0) for r in pane.annotation_list.rows())

    # close the reader and open it again: they come back from the store
    pane.close()
    again = _reader(qtbot, setup)
    assert sorted(v.kind for v in again.annotations.views.values()) == [
        "highlight",
        "strikeout",
        "underline",
    ]
    again.view.viewport().repaint()
    assert again.annotations.layer.painted >= 1


def test_shapes_drawn_with_the_mouse_then_moved_resized_recoloured_noted_deleted(
    qtbot: QtBot, setup: Setup
) -> None:
    pane = _reader(qtbot, setup)
    ann = pane.annotations
    view = pane.view
    at = lambda x, y: view.viewport_point(PAGE, x, y)  # noqa: E731

    pane.tool_buttons[INK].click()
    assert ann.tool == INK
    drag(pane, [at(100, 500), at(130, 520), at(160, 505), at(200, 530)])
    pane.tool_buttons[RECTANGLE].click()
    drag(pane, [at(300, 450), at(350, 480), at(400, 520)])
    pane.tool_buttons[STICKY].click()
    click(pane, at(450, 600))
    assert ann.editor is not None
    ann.editor.field.setPlainText("Spørg om prisen")
    ann.editor.accept()
    pane.tool_buttons[TEXTBOX].click()
    drag(pane, [at(80, 650), at(250, 700)])
    assert ann.editor is not None
    ann.editor.field.setPlainText("Husk budget")
    ann.editor.accept()
    settle(qtbot, ann)
    kinds = {v.kind: v for v in ann.views.values()}
    assert sorted(kinds) == [INK, RECTANGLE, STICKY, TEXTBOX]
    assert kinds[STICKY].note == "Spørg om prisen" and kinds[TEXTBOX].text == "Husk budget"
    x0, y0, x1, y1 = kinds[RECTANGLE].rects[0]
    assert abs(x0 - 300) < 2 and abs(y1 - 520) < 2
    assert len(kinds[INK].ink[0]) >= 4

    # select the rectangle with the text tool by its outline, move it, resize it
    pane.tool_buttons["text"].click()
    rect_id = kinds[RECTANGLE].id
    click(pane, at(300, 480))
    assert ann.selected_id == rect_id
    drag(pane, [at(300, 480), at(320, 490), at(340, 500)])
    settle(qtbot, ann)
    x0, y0, x1, y1 = ann.views[rect_id].rects[0]
    assert (round(x0), round(y0), round(x1), round(y1)) == (340, 470, 440, 540)
    drag(pane, [at(440, 540), at(460, 560), at(480, 580)])  # the bottom-right handle
    settle(qtbot, ann)
    x0, y0, x1, y1 = ann.views[rect_id].rects[0]
    assert (round(x0), round(y0), round(x1), round(y1)) == (340, 470, 480, 580)
    # recolour and note the selected one, through the colour menu and the editor
    pane.color_button.menu().actions()[4].trigger()  # Lilla
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert ann.editor is not None
    ann.editor.field.setPlainText("Se figuren")
    ann.editor.accept()
    settle(qtbot, ann)
    stored = _stored(setup)[rect_id]
    assert stored.color == "#7b1fa2" and stored.note == "Se figuren"
    assert round(stored.rects[0][2]) == 480

    # undo the note, the colour, the resize, the move; redo them all
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ann)
    back = _stored(setup)[rect_id]
    assert back.note is None and back.color == "#d32f2f"
    assert [round(v) for v in back.rects[0]] == [300, 450, 400, 520]
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Z, ctrl_shift)
    settle(qtbot, ann)
    again = _stored(setup)[rect_id]
    assert again.note == "Se figuren" and again.color == "#7b1fa2"

    # delete with the key; undo restores the same id; undo the creation deletes it
    ann.select(rect_id)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    settle(qtbot, ann)
    assert rect_id not in _stored(setup) and rect_id not in ann.views
    pane.undo_button.click()
    settle(qtbot, ann)
    assert _stored(setup)[rect_id].note == "Se figuren"
    while ann.stack.canUndo():
        ann.undo()
    settle(qtbot, ann)
    assert _stored(setup) == {} and ann.views == {}
    while ann.stack.canRedo():
        ann.redo()
    settle(qtbot, ann)
    # redoing everything redoes the deletion too (it was undone, not replaced)
    assert sorted(v.kind for v in ann.views.values()) == [INK, STICKY, TEXTBOX]
    ann.undo()
    settle(qtbot, ann)
    assert ann.views[rect_id].note == "Se figuren"


def test_a_note_placed_moved_and_resized_from_the_keyboard_alone(
    qtbot: QtBot, setup: Setup
) -> None:
    pane = _reader(qtbot, setup)
    ann = pane.annotations
    view = pane.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert ann.editor is not None
    ann.editor.field.setPlainText("Uden mus")
    ann.editor.accept()
    settle(qtbot, ann)
    (note,) = ann.views.values()
    assert note.kind == STICKY and note.note == "Uden mus"
    # in the middle of what is shown
    centre = view.page_point(QPointF(view.viewport().rect().center()))
    assert centre is not None and note.page == centre[0] + 1
    x0, y0, _x1, _y1 = note.rects[0]
    assert abs(x0 + NOTE_SIZE / 2 - centre[1]) < 1 and abs(y0 + NOTE_SIZE / 2 - centre[2]) < 1
    ann.select(note.id)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    settle(qtbot, ann)
    moved = _stored(setup)[note.id].rects[0]
    assert moved[0] == pytest.approx(x0 + NUDGE) and moved[1] == pytest.approx(y0 + 2 * NUDGE)
    # Shift+arrows resize a shape that has a size of its own, not a note's icon
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot, ann)
    assert _stored(setup)[note.id].rects[0] == pytest.approx(moved)
    ann.add_shape(PAGE, RECTANGLE, rect=(100.0, 100.0, 200.0, 150.0))
    settle(qtbot, ann)
    rect_id = next(v.id for v in ann.views.values() if v.kind == RECTANGLE)
    ann.select(rect_id)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot, ann)
    assert _stored(setup)[rect_id].rects[0] == pytest.approx(
        (100.0, 100.0, 200.0 + NUDGE, 150.0 - NUDGE)
    )
    # each step is one undo
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ann)
    assert _stored(setup)[rect_id].rects[0] == pytest.approx((100.0, 100.0, 200.0 + NUDGE, 150.0))


def test_cli_annotations_show_and_the_list_jumps_to_them(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    env = keyring_env(tmp_path)
    r = cli(
        "--data-dir",
        str(setup.library.paths.root),
        "annotate",
        str(setup.document),
        "--page",
        "4",
        "--quote",
        "løsningen udbredes",
        "--note",
        "Fra kommandolinjen",
        env=env,
    )
    assert r.returncode == 0, r.stderr
    pane = _reader(qtbot, setup)
    pane.go_to(0)
    [view] = pane.annotations.views.values()
    assert view.note == "Fra kommandolinjen" and view.page == PAGE + 1
    pane.set_sidebar_visible(True)
    pane.sidebar.setCurrentWidget(pane.annotation_list)
    pane.annotation_list.filter_field.setText("kommandolinjen")
    [row] = pane.annotation_list.rows()
    assert not row.isHidden() and "Fra kommandolinjen" in row.text(0)
    pane.annotation_list.filter_field.setText("findes ikke")
    assert row.isHidden()
    pane.annotation_list.filter_field.clear()
    pane.annotation_list.tree.itemClicked.emit(row, 0)
    assert pane.annotations.selected_id == view.id
    assert pane.position()[0] == PAGE  # jumped


def test_an_orphan_is_listed_and_placed_again_on_the_new_text(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    store = AnnotationStore(setup.library, setup.vault)
    gone = store.annotate_quote(setup.document, 4, OLD, note="Hvornår?")
    v2 = agenda_pdf(tmp_path / "v2" / "dagsorden.pdf", extra="Piloten blev forlænget.")
    assert import_paths(setup.library, [v2]).new_versions == 1
    setup.path = setup.library.document_file(setup.document)
    pane = _reader(qtbot, setup)
    ann = pane.annotations
    assert ann.views[gone.id].page is None
    rows = pane.annotation_list.rows()
    [row] = rows
    assert row.parent().text(0) == "Ikke placeret i denne version"
    assert OLD in row.text(0) and "fra version 1" in row.text(0)
    pane.annotation_list.tree.setCurrentItem(row)
    assert pane.annotation_list.place_button.isVisible() or True
    assert not pane.annotation_list.place_button.isEnabled()  # select the new text first
    select_quote(qtbot, pane, PAGE, "Piloten blev forlænget.")
    assert pane.annotation_list.place_button.isEnabled()
    pane.annotation_list.place_button.click()
    settle(qtbot, ann)
    placed = ann.views[gone.id]
    assert placed.page == PAGE + 1 and placed.anchor is not None
    assert placed.anchor.exact == "Piloten blev forlænget." and placed.changed
    [row] = pane.annotation_list.rows()
    assert "Ændret" in row.text(0) and OLD in row.text(0) and "forlænget" in row.text(0)
    with pymupdf.open(setup.path) as pdf:
        text = pdf[PAGE].get_textbox(placed.rects[0])
    assert "forlænget" in text
    ann.undo()
    settle(qtbot, ann)
    assert ann.views[gone.id].page is None


def test_locked_notes_leave_a_plain_reader(qtbot: QtBot, setup: Setup) -> None:
    pane = _reader(qtbot, setup)
    select_quote(qtbot, pane, PAGE, "TeleHjerte")
    qtbot.keyClick(pane.view, Qt.Key.Key_H)
    settle(qtbot, pane.annotations)
    pane.set_annotation_source(None)
    assert pane.annotations.views == {} and pane.annotation_list.rows() == []
    for button in (*pane.tool_buttons.values(), pane.mark_button, pane.color_button):
        assert not button.isEnabled()
        assert "Lås noterne op for at kommentere" in button.toolTip()
    assert pane.annotation_list.locked_label.isVisibleTo(pane.annotation_list)
    # selecting and copying still work; H does nothing
    select_quote(qtbot, pane, PAGE, "løsningen udbredes")
    qtbot.keyClick(pane.view, Qt.Key.Key_H)
    assert pane.view.has_selection()
    assert wait_text(qtbot, pane, PAGE)
    assert _kinds(setup) == ["highlight"]
