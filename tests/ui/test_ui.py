"""The desktop window, offscreen: demo library on first start, agenda navigation, import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QScrollBar, QSplitterHandle, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.paths import DataPaths
from reader.search import update_index
from tests.support.library_fixtures import agenda_pdf
from tests.support.reader_view import wait_drawn
from tests.support.window import open_window
from ui.app import create_window, install_translations, settings_for
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    return open_window(qtbot, data_dir)


def _wait_for_meetings(qtbot: QtBot, win: MainWindow, n: int) -> None:
    qtbot.waitUntil(lambda: win.meeting_list.count() == n, timeout=30_000)


def test_first_start_loads_the_demo_library(qtbot: QtBot, window: MainWindow) -> None:
    _wait_for_meetings(qtbot, window, 2)
    texts = [window.meeting_list.item(i).toolTip(0) for i in range(2)]
    assert "KKR Vestegnen" in texts[0] and "14. januar 2027" in texts[0]
    assert "Sundheds- og Ældreudvalget" in texts[1]


def test_selecting_an_item_opens_its_page(qtbot: QtBot, window: MainWindow) -> None:
    _wait_for_meetings(qtbot, window, 2)
    window.meeting_list.setCurrentRow(0)
    tree = window.agenda_tree
    assert tree.topLevelItemCount() == 3
    group = tree.topLevelItem(1)
    assert group.text(0).startswith("2  Regionalpolitiske sager")
    item = group.child(0)
    assert item.text(0).startswith("2.1  Udbredelse af TeleHjerte")
    page = int(item.text(2))
    tree.setCurrentItem(item)
    qtbot.waitUntil(lambda: window.reader.page_field.text() == str(page), timeout=30_000)
    assert window.reader.position()[0] == page - 1
    wait_drawn(qtbot, window.reader)
    # attachments of the meeting are in the document chooser
    labels = [window.document_combo.itemText(i) for i in range(window.document_combo.count())]
    assert labels[0].startswith("Dagsorden")
    assert any(lbl.startswith("Bilag 2.1: Evaluering af TeleHjerte") for lbl in labels)


def test_keyboard_moves_through_the_document(qtbot: QtBot, window: MainWindow) -> None:
    _wait_for_meetings(qtbot, window, 2)
    window.meeting_list.setCurrentRow(0)
    reader = window.reader
    qtbot.waitUntil(lambda: reader.view.page_count > 1, timeout=30_000)
    reader.view.setFocus()
    bar = reader.view.verticalScrollBar()
    qtbot.keyClick(reader.view, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    while reader.position()[0] == 0:  # PgDn scrolls on into page 2, never jumps
        before = bar.value()
        qtbot.keyClick(reader.view, Qt.Key.Key_PageDown)
        assert bar.value() > before
    assert reader.page_field.text() == "2"
    window.activateWindow()  # the window's shortcuts work in the active window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(reader.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: reader.position()[0] == 2, timeout=10_000)
    qtbot.keyClick(reader.view, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: reader.position()[0] == reader.view.page_count - 1, timeout=10_000)


def test_filter_hides_other_meetings(qtbot: QtBot, window: MainWindow) -> None:
    _wait_for_meetings(qtbot, window, 2)
    qtbot.keyClicks(window.filter_edit, "ældre")
    hidden = [window.meeting_list.item(i).isHidden() for i in range(2)]
    assert hidden == [True, False]


def test_import_in_the_background_adds_a_meeting(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _wait_for_meetings(qtbot, window, 2)
    pdf = agenda_pdf(tmp_path / "ny" / "dagsorden.pdf")
    window.start_import([pdf])  # its signals may fire before a waitSignal could connect
    _wait_for_meetings(qtbot, window, 3)
    assert "KKR Testegnen" in window.meeting_list.currentItem().toolTip(0)


def test_import_errors_are_shown_not_raised(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _wait_for_meetings(qtbot, window, 2)
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.main_window.QMessageBox.warning", lambda _p, _t, text: shown.append(text)
    )
    bad = tmp_path / "ødelagt.pdf"
    bad.write_bytes(b"%PDF-1.7\n broken")
    window.start_import([bad])
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "ødelagt.pdf" in shown[0]


def test_a_search_hit_opens_its_meeting_document_and_page(qtbot: QtBot, window: MainWindow) -> None:
    _wait_for_meetings(qtbot, window, 2)
    window.meeting_list.setCurrentRow(0)  # the KKR agenda; the hit is in the committee's minutes
    window.find_anywhere()
    panel = window.search_panel
    assert window.left_tabs.currentWidget() is panel
    with Library(window.paths) as lib:
        update_index(lib)  # the window's own update may still be queued behind the import
    with qtbot.waitSignal(panel.searched, timeout=30_000):
        panel.query_edit.setText("madservice")
        panel.search_now()
    first = panel.results.topLevelItem(0).child(0)
    with qtbot.waitSignal(panel.open_requested) as opened:
        panel.results.setCurrentItem(first)
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    document_id, page, query = opened.args
    assert query == "madservice"
    assert "Sundheds- og Ældreudvalget" in window.meeting_list.currentItem().toolTip(0)
    assert window.document_combo.currentData() == document_id
    qtbot.waitUntil(lambda: window.reader.position()[0] == page - 1, timeout=30_000)
    # the words the query matched are marked on that page
    qtbot.waitUntil(lambda: bool(window.reader.view.term_marks().get(page - 1)), timeout=30_000)


def test_notes_unlock_save_and_are_found_by_search(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOEDEMAPPE_PASSPHRASE", "en lang og hemmelig sætning")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win = create_window(DataPaths(data_dir), app)
    qtbot.addWidget(win)
    win.show()
    _wait_for_meetings(qtbot, win, 2)
    area = win.notes_area
    qtbot.waitUntil(
        lambda: area.panel is not None and area.stack.currentWidget() is area.panel,
        timeout=30_000,
    )
    win.meeting_list.setCurrentRow(0)
    item = win.agenda_tree.topLevelItem(1).child(0)  # 2.1
    win.agenda_tree.setCurrentItem(item)
    panel = area.panel
    assert panel is not None and panel.item_number == "2.1"
    qtbot.waitUntil(lambda: panel.editor.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(panel.saved, timeout=30_000):
        qtbot.keyClicks(panel.editor, "Spørg om fordelingsnøglen for udgifterne")
        panel.flush()
    qtbot.waitUntil(lambda: win.search_panel.notes is not None, timeout=30_000)
    notes = win.search_panel.notes
    assert notes is not None  # the saved note reaches it on a worker, shortly after the save
    qtbot.waitUntil(lambda: notes.search("fordelingsnøglen")[0] == 1, timeout=30_000)
    with qtbot.waitSignal(win.search_panel.searched, timeout=30_000) as blocker:
        win.search_panel.query_edit.setText("fordelingsnøglen")
        win.search_panel.search_now()
    [hit] = blocker.args[0].hits
    assert hit.note is not None and hit.item == "2.1"
    # the item and its meeting show that they have notes
    qtbot.waitUntil(lambda: item.text(1) == "1", timeout=10_000)
    assert not item.icon(1).isNull()
    assert win.agenda_tree.topLevelItem(0).text(1) == ""
    qtbot.waitUntil(lambda: not win.meeting_list.item(0).icon(0).isNull(), timeout=10_000)
    assert win.meeting_list.item(1).icon(0).isNull()


def test_every_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    """Every control a keyboard or a screen reader can reach says what it is."""
    _wait_for_meetings(qtbot, window, 2)
    qtbot.waitUntil(lambda: window.reader.view.page_count > 0, timeout=30_000)
    for name in ("meetingFilter", "meetingList", "agendaTree", "documentChooser", "readerPane"):
        widget = window.findChild(QWidget, name)
        assert widget is not None and widget.accessibleName(), name
    unnamed = [
        f"{type(w).__name__}:{w.objectName()}"
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName()
        # scroll bars, splitter handles and a tab widget's bar are parts of named controls
        and not isinstance(w, QScrollBar | QSplitterHandle | QTabBar)
    ]
    assert unnamed == []


def test_english_translation_is_available(qtbot: QtBot, data_dir: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, "en")
    try:
        assert any(t.translate("MainWindow", "&Dagsorden") == "&Agenda" for t in translators)
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_settings_stay_in_the_data_dir(data_dir: Path) -> None:
    settings = settings_for(DataPaths(data_dir))
    settings.setValue("x", 1)
    settings.sync()
    assert settings.format() == QSettings.Format.IniFormat
    assert Path(settings.fileName()).parent == data_dir


def test_a_hit_in_an_item_that_starts_down_its_page_makes_that_item_the_one_read(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Item 2.3 of the demo agenda starts below the end of 2.2 on the same page: opening a hit
    in its heading selects 2.3, so a note written next goes to 2.3."""
    _wait_for_meetings(qtbot, window, 2)
    with Library(window.paths) as lib:
        update_index(lib)
    panel = window.search_panel
    window.find_anywhere()
    with qtbot.waitSignal(panel.searched, timeout=30_000):
        panel.query_edit.setText("praktikpladser")
        panel.search_now()
    hit = next(
        panel.results.topLevelItem(i).child(0)
        for i in range(panel.results.topLevelItemCount())
        if "2.3" in panel.results.topLevelItem(i).text(0)
    )
    with qtbot.waitSignal(panel.open_requested):
        panel.results.setCurrentItem(hit)
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)

    def current_item() -> str | None:
        row = window.agenda_tree.currentItem()
        return row.text(0).split()[0] if row is not None else None

    qtbot.waitUntil(lambda: bool(window.reader.view.term_marks()), timeout=30_000)
    qtbot.waitUntil(lambda: current_item() == "2.3", timeout=30_000)
    assert window.notes_area._context[1] == "2.3"  # type: ignore[index]


def test_scrolling_back_to_the_front_page_leaves_the_last_item(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Reading back up from item 1.1 to the front page, before the first item, selects no
    item, and a note written there is the meeting's; reading on selects an item again."""
    _wait_for_meetings(qtbot, window, 2)
    window.meeting_list.setCurrentRow(0)
    tree = window.agenda_tree
    first = tree.topLevelItem(0).child(0)  # 1.1
    tree.setCurrentItem(first)
    qtbot.waitUntil(lambda: window.notes_area._context[1] == "1.1", timeout=30_000)
    window.reader.view.go_to(0)
    qtbot.waitUntil(lambda: tree.currentItem() is None, timeout=30_000)
    assert window.notes_area._context == (window._meeting.id, None)  # type: ignore[union-attr]
    window.reader.view.go_to(int(first.text(2)) - 1, 300.0)  # down 1.1's page, past its heading
    qtbot.waitUntil(lambda: tree.currentItem() is not None, timeout=30_000)
    assert window.notes_area._context[1] in ("1.1", "1.2")  # type: ignore[index]
