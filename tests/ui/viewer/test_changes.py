"""What changed, in the reader, with a real library holding two versions of a KKR agenda,
the real library worker and render workers: the toggle, the marks on the new version's
pages, the list by item, next and previous, both pages side by side, the agenda's badges."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.library import Library
from tests.support.compose import ComposeMeeting
from tests.support.diff_fixtures import agenda, import_versions, item, reissued
from tests.support.reader_view import WAIT_MS, open_and_wait
from ui import tasks
from ui.ops import LibraryOps
from ui.viewer.changes import ADDED, CHANGED, ChangesSource
from ui.viewer.pane import ReaderPane

ADDED_TEXT = "Administrationen har siden udsendelsen modtaget et nyt høringssvar fra regionen."
NEW_WORD = "omformuleret"


@dataclass
class Setup:
    library: Library
    ops: LibraryOps
    document: int


def _edit(m: ComposeMeeting) -> None:
    """A word replaced in item 3.2 and a paragraph put into item 3.4."""
    it = item(m, "3.2")
    name, text = it.sections[0]
    word = next(w for w in text.split()[12:] if w.isalpha() and len(w) >= 7 and text.count(w) == 1)
    it.sections[0] = (name, text.replace(word, NEW_WORD, 1))
    it = item(m, "3.4")
    name, text = it.sections[0]
    paras = text.split("\n\n")
    at = next(n for n, para in enumerate(paras) if para.endswith(".")) + 1
    it.sections[0] = (name, "\n\n".join([*paras[:at], ADDED_TEXT, *paras[at:]]))


@pytest.fixture
def setup(library: Library, tmp_path: Path) -> Iterator[Setup]:
    document = import_versions(library, tmp_path, *reissued(_edit))
    yield Setup(library, LibraryOps(library.paths), document)
    assert tasks.shutdown(), "a worker outlived its test"


def _show(qtbot: QtBot, pane: ReaderPane, s: Setup, version_id: int | None = None) -> list[object]:
    """Open the document and set its changes source; what ``changed_items`` said."""
    said: list[object] = []
    pane.changed_items.connect(said.append)
    open_and_wait(qtbot, pane, s.library.document_file(s.document))
    pane.set_changes_source(ChangesSource(s.ops, s.document, version_id))
    qtbot.waitUntil(lambda: pane.changes.pending == 0, timeout=WAIT_MS)
    return said


def _colors(pane: ReaderPane, page: int) -> set[tuple[int, int, int]]:
    return {c.getRgb()[:3] for _r, c in pane.view.change_marks().get(page, [])}


def test_toggle_marks_the_changes_on_their_pages(
    qtbot: QtBot, pane: ReaderPane, setup: Setup
) -> None:
    said = _show(qtbot, pane, setup)
    assert said == [set(), {"3.2", "3.4"}]  # nothing while it is computed
    assert pane.changes_button.isEnabled() and not pane.changes_button.isChecked()
    assert pane.view.change_marks() == {}  # nothing drawn before it is asked for
    marked = pane.changes.marked
    assert [(m.change.kind, m.change.item) for m in marked] == [
        ("changed", "3.2"),
        ("added", "3.4"),
    ]
    changed, added = marked
    qtbot.mouseClick(pane.changes_button, Qt.MouseButton.LeftButton)
    assert pane.changes_button.isChecked()
    assert pane.sidebar.isVisible() and pane.sidebar.currentWidget() is pane.change_list
    marks = pane.view.change_marks()
    assert changed.new_page is not None and added.new_page is not None
    assert set(marks) == {changed.new_page, added.new_page}
    assert CHANGED.getRgb()[:3] in _colors(pane, changed.new_page)
    assert ADDED.getRgb()[:3] in _colors(pane, added.new_page)
    # the mark covers the reader's own text of the changed word
    pane.view.with_text(changed.new_page, lambda _t: None)
    qtbot.waitUntil(lambda: pane.view.page_text(changed.new_page) is not None, timeout=WAIT_MS)
    text = pane.view.page_text(changed.new_page)
    assert text is not None
    start = text.text.index(NEW_WORD)
    x0, y0, x1, y1 = text.rects(start, start + len(NEW_WORD))[0]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    assert any(r[0] <= cx <= r[2] and r[1] <= cy <= r[3] for r, _c in marks[changed.new_page])
    pane.show_changes(False)
    assert pane.view.change_marks() == {} and not pane.changes_button.isChecked()


def test_the_list_groups_the_changes_by_item(qtbot: QtBot, pane: ReaderPane, setup: Setup) -> None:
    _show(qtbot, pane, setup)
    pane.show_changes(True)
    entries = pane.change_list.entries()
    assert [label.split()[0] for label, _rows in entries] == ["3.2", "3.4"]
    [(_l, [changed]), (_l2, [added])] = entries
    assert changed.startswith("Ændret: “") and f"→ “{NEW_WORD}”" in changed
    assert added.startswith("Tilføjet: “Administrationen har siden")
    assert "til version 2" in pane.change_list.summary.text()


def test_next_and_previous_step_and_jump(qtbot: QtBot, pane: ReaderPane, setup: Setup) -> None:
    _show(qtbot, pane, setup)
    changed, added = pane.changes.marked
    assert (changed.new_page or 0) + 1 < (added.new_page or 0)  # pages apart
    assert pane.position()[0] == 0 and not pane.view.history.can_back()
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F8)  # shows the changes and goes to the first
    assert pane.changes.shown and pane.changes.current == 0
    qtbot.waitUntil(lambda: pane.position()[0] in (changed.new_page, (changed.new_page or 0) - 1))
    assert pane.view.history.can_back()  # a recorded jump
    qtbot.mouseClick(pane.change_list.next_button, Qt.MouseButton.LeftButton)
    assert pane.changes.current == 1
    assert pane.change_list.tree.currentItem().text(0).startswith("Tilføjet")
    qtbot.keyClick(pane.view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert pane.changes.current == 0
    # choosing a row jumps too
    row = pane.change_list.tree.topLevelItem(1).child(0)
    pane.change_list.tree.itemClicked.emit(row, 0)
    assert pane.changes.current == 1
    page, _y = pane.position()
    assert page <= (added.new_page or 0) <= page + 1
    pane.view.back()  # the jump was recorded: back before the added paragraph's page
    assert pane.position()[0] < page


def test_side_by_side_shows_the_old_and_the_new_page(
    qtbot: QtBot, pane: ReaderPane, setup: Setup
) -> None:
    _show(qtbot, pane, setup)
    assert pane.compare_change() is None  # no change chosen yet
    assert not pane.change_list.compare_button.isEnabled()
    pane.step_change(1)
    assert pane.change_list.compare_button.isEnabled()
    qtbot.mouseClick(pane.change_list.compare_button, Qt.MouseButton.LeftButton)
    dialog = pane.side_by_side
    assert dialog is not None and dialog.isVisible()
    old, new = dialog.pages
    result = pane.changes.result
    assert result is not None and (old.path, new.path) == (result.old_path, result.new_path)
    assert old.path != new.path
    changed = pane.changes.marked[0]
    assert (old.page, new.page) == (changed.old_page, changed.new_page)
    assert old.rects and new.rects  # the word on each side
    qtbot.waitUntil(lambda: old.has_image() and new.has_image(), timeout=WAIT_MS)
    image = new.grab().toImage()
    assert image.width() > 0
    dialog.close()
    qtbot.waitUntil(lambda: pane.side_by_side is None)


def test_one_version_has_the_toggle_disabled(
    qtbot: QtBot, pane: ReaderPane, library: Library, tmp_path: Path
) -> None:
    document = import_versions(library, tmp_path, agenda())
    ops = LibraryOps(library.paths)
    s = Setup(library, ops, document)
    said = _show(qtbot, pane, s)
    assert said == [set(), set()]
    assert pane.changes.result is None
    assert not pane.changes_button.isEnabled()
    pane.show_changes(True)
    assert not pane.changes.shown and pane.view.change_marks() == {}
    pane.step_change(1)
    assert pane.changes.current is None
    assert tasks.shutdown()


def test_the_older_version_compares_with_none_and_none_empties(
    qtbot: QtBot, pane: ReaderPane, setup: Setup
) -> None:
    first, second = (int(v["id"]) for v in setup.library.versions(setup.document))
    _show(qtbot, pane, setup, second)
    pane.show_changes(True)
    assert pane.changes_button.isEnabled() and pane.view.change_marks()
    with qtbot.waitSignal(pane.changed_items, timeout=WAIT_MS) as items:
        pane.set_changes_source(None)
    assert items.args == [set()]
    assert not pane.changes_button.isEnabled() and pane.view.change_marks() == {}
    pane.set_changes_source(ChangesSource(setup.ops, setup.document, first))
    qtbot.waitUntil(lambda: pane.changes.pending == 0, timeout=WAIT_MS)
    assert pane.changes.result is None and not pane.changes_button.isEnabled()
