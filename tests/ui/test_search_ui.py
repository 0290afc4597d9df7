"""The search panel on its own: search off the UI thread, grouped hits, opening a page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.demo import demo_packages
from reader.library import Library
from reader.library.importer import import_paths
from reader.paths import DataPaths
from reader.search import NotesIndex, SearchResult
from reader.search.indexer import IndexReport
from tests.support.library_fixtures import agenda_pdf
from ui.ops import LibraryOps
from ui.search_panel import HIT_ROLE, SearchPanel


def _panel(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, notes: NotesIndex | None = None
) -> SearchPanel:
    with Library(DataPaths(data_dir)) as lib:
        import_paths(lib, [agenda_pdf(tmp_path / "in" / "dagsorden.pdf")])
    panel = SearchPanel(LibraryOps(DataPaths(data_dir)), notes)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.indexed, timeout=30_000) as blocker:
        panel.update_index()
    report = blocker.args[0]
    assert isinstance(report, IndexReport) and report.pages > 0
    return panel


def test_typing_a_word_shows_the_item_and_opens_its_page(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    panel = _panel(qtbot, data_dir, tmp_path)
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        qtbot.keyClicks(panel.query_edit, "TeleHjerte")
    result = blocker.args[0]
    assert isinstance(result, SearchResult) and result.total == 1
    assert panel.results.topLevelItemCount() == 1
    top = panel.results.topLevelItem(0)
    assert "2.1 Telemedicin til borgere med hjertesvigt" in top.text(0)
    child = top.child(0)
    hit = child.data(0, HIT_ROLE)
    label = panel.results.itemWidget(child, 0)
    assert "<b>TeleHjerte</b>" in label.text()
    assert "TeleHjerte" in label.accessibleName()
    with qtbot.waitSignal(panel.open_requested) as opened:
        panel.results.setCurrentItem(child)
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert opened.args == [hit.document, hit.page, "TeleHjerte"]


def test_suggestion_and_filters(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    panel = _panel(qtbot, data_dir, tmp_path)
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        panel.query_edit.setText("Telehjerta")
        panel.search_now()
    assert panel.status_label.text() == "Ingen resultater"
    assert panel.suggestion_button.isVisible()
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        panel.suggestion_button.click()
    assert panel.query_edit.text() == "Telehjerte"
    assert blocker.args[0].total == 1
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("attachment"))
    assert blocker.args[0].total == 0
    assert panel.results.topLevelItemCount() == 0


def test_notes_appear_among_the_hits(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    notes = NotesIndex()
    notes.add("7", 1, "2.1", "Min note: TeleHjerte koster for meget.")
    panel = _panel(qtbot, data_dir, tmp_path, notes)
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        panel.query_edit.setText("TeleHjerte")
        panel.search_now()
    assert blocker.args[0].total == 2
    top = panel.results.topLevelItem(0)
    assert top.childCount() == 2
    assert {top.child(i).data(0, HIT_ROLE).note for i in range(2)} == {None, "7"}


def test_typing_on_cancels_the_running_query(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    panel = _panel(qtbot, data_dir, tmp_path)
    panel.query_edit.setText("TeleHjerte")
    panel.search_now()
    first = panel._query_task
    assert first is not None
    qtbot.keyClicks(panel.query_edit, "x")
    assert first.cancelled()  # a query already running is told to stop
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        panel.search_now()
    assert blocker.args[0].query == "TeleHjertex" and not blocker.args[0].partial
    assert panel._query_task is not first


def test_results_as_you_type_one_click_opens_and_the_keys_move_through_hits(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    panel = _panel(qtbot, data_dir, tmp_path)
    # the word being typed is searched as a beginning: results before it is finished
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        qtbot.keyClicks(panel.query_edit, "TeleHje")
    assert blocker.args[0].total == 1
    hit = panel._first_hit()
    assert hit is not None
    # Down from the field selects the first hit; Down again moves without opening
    with qtbot.assertNotEmitted(panel.open_requested, wait=100):
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
        assert panel.results.currentItem() is hit and panel.results.hasFocus()
    # a single click opens it
    rect = panel.results.visualItemRect(hit)
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    found = hit.data(0, HIT_ROLE)
    assert opened.args == [found.document, found.page, "TeleHje"]
    # Enter searches the words as they are
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert blocker.args[0].query == "TeleHje"


def test_hits_in_an_attachment_say_bilag(qtbot: QtBot, data_dir: Path) -> None:
    with Library(DataPaths(data_dir)) as lib:
        assert not import_paths(lib, demo_packages()).errors
    panel = SearchPanel(LibraryOps(DataPaths(data_dir)))
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.indexed, timeout=60_000):
        panel.update_index()
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("attachment"))
        panel.query_edit.setText("TeleHjerte")
        panel.search_now()
    result = blocker.args[0]
    assert result.total > 0 and all(h.kind == "attachment" for h in result.hits)
    child = panel._first_hit()
    assert child is not None
    label = panel.results.itemWidget(child, 0)
    hit = child.data(0, HIT_ROLE)
    assert label.text().startswith(f"<small>Bilag: {hit.document_title}, s. {hit.page}")
