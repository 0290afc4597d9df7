"""*Sagens forløb* in the window: the item in view shows its case across meetings and bodies
with each decision; a click opens an earlier item where it is printed; a case number typed in
the search opens its case."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem, QTreeWidgetItemIterator
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.library.importer import import_paths
from reader.paths import DataPaths
from tests.support.case_fixtures import BR, OEU, TMU, packages
from tests.support.window import open_window
from ui.case_panel import ROLE_ENTRY
from ui.main_window import MainWindow


def _council(data_dir: Path, root: Path) -> int:
    with Library(DataPaths(data_dir)) as lib:
        for folder in packages(root):
            assert not import_paths(lib, [folder]).errors
        return len(lib.meetings())


def _council_window(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> MainWindow:
    count = _council(data_dir, tmp_path / "src")
    return open_window(qtbot, data_dir, meetings=count)


def _rows(win: MainWindow) -> list[QTreeWidgetItem]:
    out = []
    it = QTreeWidgetItemIterator(win.case_panel.tree)
    while (row := it.value()) is not None:
        out.append(row)
        it += 1
    return out


def _choose(qtbot: QtBot, win: MainWindow, meeting_title_part: str, item_title_part: str) -> None:
    meeting = next(m for m in win._meetings.values() if meeting_title_part in m.title)
    row = win.meeting_list.meeting_item(meeting.id)
    assert row is not None
    win.meeting_list.setCurrentItem(row)

    def agenda_row() -> QTreeWidgetItem | None:
        it = QTreeWidgetItemIterator(win.agenda_tree)
        while (r := it.value()) is not None:
            if item_title_part.lower() in r.text(0).lower():
                return r
            it += 1
        return None

    qtbot.waitUntil(lambda: agenda_row() is not None, timeout=30_000)
    win.agenda_tree.setCurrentItem(agenda_row())


def test_the_case_of_the_item_in_view_across_meetings_with_decisions(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    win = _council_window(qtbot, data_dir, tmp_path)
    panel = win.case_panel
    _choose(qtbot, win, "Byrådet", "lokalplan 312")
    qtbot.waitUntil(lambda: len(panel.entries) == 4, timeout=30_000)
    assert [(e.body, e.date) for e in panel.entries] == [
        (TMU, "2025-01-14"),
        (OEU, "2025-02-03"),
        (BR, "2025-02-24"),
        (TMU, "2026-03-10"),
    ]
    # the tab says there is a history before it is opened
    tab = win.item_tabs.tabText(win.item_tabs.indexOf(panel))
    assert tab.endswith("(3)")
    # the number as this item prints it
    assert panel.heading.text() == "Sag EMN-2025-841: 4 punkter i biblioteket"
    rows = [r for r in _rows(win) if r.data(0, ROLE_ENTRY) is not None]
    this = next(r for r in rows if r.data(0, ROLE_ENTRY).body == BR)
    assert this.font(2).bold() and "(dette punkt)" in this.text(2)
    # the decision of the selected entry, in full, beside the list
    assert "Byrådet vedtog lokalplanen endeligt." in panel.decision.toPlainText()
    first = next(r for r in rows if r.data(0, ROLE_ENTRY).date == "2025-01-14")
    assert "Beslutning: Udvalget anbefaler forslaget over for Økonomiudvalget." in first.toolTip(2)
    panel.tree.setCurrentItem(first)
    assert "Udvalget anbefaler" in panel.decision.toPlainText()
    assert panel.decision_button.isVisibleTo(panel)

    # one click opens the committee's item where it is printed, and the case follows
    entry = first.data(0, ROLE_ENTRY)
    win.item_tabs.setCurrentWidget(panel)
    rect = panel.tree.visualItemRect(first)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: win._meeting is not None and win._meeting.id == entry.meeting_id, timeout=30_000
    )
    qtbot.waitUntil(lambda: win._document_id == entry.document_id, timeout=30_000)
    qtbot.waitUntil(
        lambda: any(
            r.font(2).bold() and r.data(0, ROLE_ENTRY).item_id == entry.item_id
            for r in _rows(win)
            if r.data(0, ROLE_ENTRY) is not None
        ),
        timeout=30_000,
    )


def test_a_title_alike_item_is_offered_apart_and_a_searched_number_opens_its_case(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    win = _council_window(qtbot, data_dir, tmp_path)
    panel = win.case_panel
    _choose(qtbot, win, "10-03-2026", "Trafiksikkerhedsplan")
    qtbot.waitUntil(lambda: bool(panel.possibly), timeout=30_000)
    assert "intet sagsnummer" in panel.heading.text()
    groups = [r for r in _rows(win) if r.data(0, ROLE_ENTRY) is None]
    assert [g.text(0) for g in groups] == ["Muligvis samme sag"]
    # the same plan a year before in the same committee; its namesake elsewhere is not offered
    assert [(e.body, e.date) for e in panel.possibly] == [(TMU, "2025-01-14")]

    # a case number typed in the search: a button, and Enter, open its case
    win.left_tabs.setCurrentWidget(win.search_panel)
    qtbot.keyClicks(win.search_panel.query_edit, "emn 2025 841")
    assert win.search_panel.case_button.isVisibleTo(win.search_panel)
    qtbot.keyClick(win.search_panel.query_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(panel.entries) == 4 and not panel.possibly, timeout=30_000)
    assert win.item_tabs.currentWidget() is panel
    assert panel.heading.text().endswith(": 4 punkter i biblioteket")
    win.search_panel.query_edit.setText("trafik")
    assert not win.search_panel.case_button.isVisibleTo(win.search_panel)
