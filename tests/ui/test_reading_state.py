"""Attachments under their items, and a restart that comes back to where the member was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QTreeWidgetItem, QTreeWidgetItemIterator
from pytestqt.qtbot import QtBot

from reader.library.reading import item_at
from tests.support.window import open_window
from ui.main_window import ROLE_ID, MainWindow
from ui.theme import apply_theme, is_dark


def _open_window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    return open_window(qtbot, data_dir, meetings=2)


def _rows(win: MainWindow) -> list[QTreeWidgetItem]:
    rows = []
    it = QTreeWidgetItemIterator(win.agenda_tree)
    while (row := it.value()) is not None:
        rows.append(row)
        it += 1
    return rows


def test_an_attachment_sits_under_its_item_and_opens_in_the_reader(
    qtbot: QtBot, data_dir: Path
) -> None:
    win = _open_window(qtbot, data_dir)
    win.meeting_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: win.agenda_tree.topLevelItemCount() > 0, timeout=10_000)
    bilag = next(r for r in _rows(win) if r.text(0).startswith("Bilag: Evaluering af TeleHjerte"))
    assert bilag.parent() is not None and bilag.parent().text(0).startswith("2.1  ")
    win.agenda_tree.setCurrentItem(bilag)
    node = bilag.data(0, ROLE_ID)
    assert win.document_combo.currentData() == node.document_id
    qtbot.waitUntil(lambda: win.reader.view.path is not None, timeout=10_000)
    assert win.reader.view.path.name == f"{win._file(node.document_id).name}"  # type: ignore[union-attr]
    # reading the attachment keeps its item's notes in front
    assert win.notes_area._context == (win._meeting.id, "2.1")  # type: ignore[union-attr]


def test_a_restart_returns_to_the_meeting_document_page_and_layout(
    qtbot: QtBot, data_dir: Path
) -> None:
    win = _open_window(qtbot, data_dir)
    win.meeting_list.setCurrentRow(1)
    second = win.meeting_list.currentItem().data(0, ROLE_ID)
    qtbot.waitUntil(lambda: win.reader.view.page_count >= 2, timeout=30_000)
    count = win.reader.view.page_count
    win.reader.go_to(count - 1, 200.0)
    qtbot.waitUntil(lambda: win.reader.position()[0] == count - 1, timeout=10_000)
    document = win.document_combo.currentData()
    win.resize(790, 560)  # inside the offscreen screen, which a restored geometry must fit
    qtbot.waitUntil(lambda: win.width() == 790)
    win.splitter.setSizes([150, 250, 360])
    sizes = win.splitter.sizes()
    win.left_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: win.reader.position()[0] == count - 1, timeout=10_000)
    where = win.reader.position()
    win.close()

    again = _open_window(qtbot, data_dir)
    qtbot.waitUntil(lambda: again.reader.page_field.text() == str(count), timeout=30_000)
    assert abs(again.reader.position()[1] - where[1]) < 2  # the same line of that page
    assert again.meeting_list.currentItem().data(0, ROLE_ID) == second
    assert again.document_combo.currentData() == document
    assert again.splitter.sizes() == sizes
    assert again.left_tabs.currentIndex() == 1
    # the agenda shows the item being read, not the first one
    meeting = again._meeting
    assert meeting is not None
    reading = item_at(again._items[meeting.id], again._document(document), *where)
    assert reading is not None
    current = again.agenda_tree.currentItem()
    assert current is not None and current.data(0, ROLE_ID).number == reading.number


def test_the_dark_theme_is_chosen_from_the_menu_and_kept(qtbot: QtBot, data_dir: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win = _open_window(qtbot, data_dir)
    try:
        dark = next(a for a in win.theme_actions.actions() if a.data() == "dark")
        dark.trigger()
        assert is_dark(app.palette())
        win.close()
        again = _open_window(qtbot, data_dir)
        assert is_dark(app.palette())
        assert next(a for a in again.theme_actions.actions() if a.isChecked()).data() == "dark"
        again.set_theme("system")
        assert not is_dark(app.palette())  # offscreen's own palette is light
    finally:
        apply_theme(app, "system")


def test_removing_a_meeting_asks_first(qtbot: QtBot, data_dir: Path) -> None:
    win = _open_window(qtbot, data_dir)
    win.meeting_list.setCurrentRow(0)
    box = win.remove_meeting()
    assert box is not None and box.objectName() == "removeMeetingBox"
    cancel = next(b for b in box.buttons() if b.text() == "Annullér")
    cancel.click()
    qtbot.wait(200)
    assert win.meeting_list.count() == 2  # nothing removed
    win.meeting_list.setCurrentRow(0)
    box = win.remove_meeting()
    assert box is not None
    next(b for b in box.buttons() if b.text() == "Fjern").click()
    qtbot.waitUntil(lambda: win.meeting_list.count() == 1, timeout=30_000)
