"""A re-issued agenda in the window: the items whose words changed stand out in the agenda."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTreeWidgetItemIterator
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.paths import DataPaths
from tests.support.compose import ComposeMeeting
from tests.support.diff_fixtures import import_versions, item, reissued
from tests.support.window import open_window
from ui.main_window import CHANGED_ROLE, ROLE_ID


def _edit(m: ComposeMeeting) -> None:
    """A sentence of item 3.2 said otherwise."""
    it = item(m, "3.2")
    name, text = it.sections[0]
    it.sections[0] = (name, text.replace(".", ". Sagen er genoptaget efter høringen.", 1))


def test_changed_items_are_marked_in_the_agenda(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    with Library(DataPaths(data_dir)) as lib:
        document = import_versions(lib, tmp_path, *reissued(_edit))
    win = open_window(qtbot, data_dir, meetings=1)
    qtbot.waitUntil(lambda: win._document_id == document, timeout=30_000)

    def changed() -> set[str]:
        found = set()
        it = QTreeWidgetItemIterator(win.agenda_tree)
        while (row := it.value()) is not None:
            if row.data(0, CHANGED_ROLE):
                found.add(row.data(0, ROLE_ID).number)
            it += 1
        return found

    qtbot.waitUntil(lambda: changed() == {"3.2"}, timeout=60_000)
    assert win.reader.changes_button.isEnabled()  # two versions: the changes can be shown
