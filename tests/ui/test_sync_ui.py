"""Sources and sync in the window, against real servers on 127.0.0.1: adding a source,
syncing with progress and cancel, what is new after a second sync, starting offline, the
first-start screen, and a corrected meeting that a re-sync leaves alone."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.paths import DataPaths
from reader.sync.feed import publish
from reader.sync.runner import add_source
from tests.support.feeds import make_source, serve_feed
from tests.support.library_fixtures import agenda_pdf
from tests.support.sync_server import Server, serve
from ui.app import create_window
from ui.main_window import MainWindow
from ui.meeting_edit import MeetingEditor
from ui.sources_dialog import SourcesDialog
from ui.sync_control import SyncOutcome


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


@pytest.fixture
def feed(server: Server, tmp_path: Path) -> tuple[Server, Path]:
    """Two meetings (3 and 10 February) published as a Mødemappe feed on the server."""
    publish(make_source(tmp_path), tmp_path / "out")
    serve_feed(server, tmp_path / "out")
    return server, tmp_path


def open_window(
    qtbot: QtBot, data_dir: Path, meetings: int | None = 2, *, synced: bool = True
) -> MainWindow:
    """The window as ``main.py`` opens it; with ``synced``, once the sync on start is over."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win = create_window(DataPaths(data_dir), app)
    qtbot.addWidget(win)  # closing it shuts the workers down
    win.show()
    qtbot.waitUntil(lambda: win._listed_once, timeout=30_000)
    if synced:
        qtbot.waitUntil(lambda: win.sync.last is not None, timeout=60_000)  # the one on start
    if meetings is not None:
        qtbot.waitUntil(lambda: win.meeting_list.count() == meetings, timeout=30_000)
    return win


def sync(qtbot: QtBot, win: MainWindow, names: list[str] | None = None) -> SyncOutcome:
    with qtbot.waitSignal(win.sync.finished, timeout=60_000) as finished:
        win.sync.sync_now(names)
    outcome = finished.args[0]
    assert isinstance(outcome, SyncOutcome)
    return outcome


def meeting_on(win: MainWindow, day: str) -> int:
    return next(m.id for m in win._meetings.values() if (m.start or "").startswith(day))


def republish_one_changed(server: Server, tmp: Path) -> None:
    """The agenda of 3 February is issued again with other words; the rest as it was."""
    agenda_pdf(tmp / "src" / "m3" / "dagsorden.pdf", day=3, extra="Rettelse: nyt punkt tilføjet.")
    publish(tmp / "src", tmp / "out")
    serve_feed(server, tmp / "out")


def test_adding_a_source_recognises_its_kind_and_syncs_it(
    qtbot: QtBot, data_dir: Path, feed: tuple[Server, Path]
) -> None:
    server, _tmp = feed
    win = open_window(qtbot, data_dir)
    dialog = win.show_sources()
    assert isinstance(dialog, SourcesDialog)
    editor = dialog.add()
    editor.name_edit.setText("KKR")
    editor.url_edit.setText(server.url("/feed/"))  # nothing in the address tells the kind
    assert editor.kind() is None
    with qtbot.waitSignal(win.sync.finished, timeout=60_000) as finished:
        editor.buttons.accepted.emit()  # Gem: the server is asked, then the source saved
    outcome = finished.args[0]
    [result] = outcome.results
    assert result.report is not None and result.report.new == 4
    assert "4 nye" in win.sync.label.toolTip()
    qtbot.waitUntil(lambda: win.meeting_list.count() == 4, timeout=30_000)
    qtbot.waitUntil(lambda: len(dialog.sources) == 1, timeout=10_000)
    assert dialog.sources[0].kind == "feed"
    assert not win.welcome.isVisible()  # a source: no first-start screen any more
    bodies = [top.text(0) for top in win.meeting_list.body_items()]
    assert any("KKR Testegnen" in b for b in bodies)


def test_sync_shows_progress_and_can_be_cancelled(
    qtbot: QtBot, data_dir: Path, feed: tuple[Server, Path]
) -> None:
    server, _tmp = feed
    with Library(DataPaths(data_dir)) as lib:
        add_source(lib, "kkr", server.url("/feed/"), "feed")
    slow = next(p for p in server.routes if p.endswith(".pdf"))
    server.fault(slow, ("drip", (1000, 0.05)))
    values: list[int] = []
    win = open_window(qtbot, data_dir, meetings=None, synced=False)  # it syncs on start
    win.sync.bar.valueChanged.connect(values.append)
    with qtbot.waitSignal(win.sync.finished, timeout=60_000) as finished:
        qtbot.waitUntil(lambda: win.sync.bar.isVisibleTo(win), timeout=30_000)
        assert win.sync.cancel_button.isVisibleTo(win)
        qtbot.waitUntil(lambda: server.count(lambda h: h.path == slow) > 0, timeout=30_000)
        qtbot.waitUntil(lambda: win.sync.bar.maximum() > 0, timeout=10_000)
        win.sync.cancel_button.click()
    assert finished.args[0].cancelled
    assert win.sync.label.text() == "Synkroniseringen blev stoppet"
    assert not win.sync.bar.isVisibleTo(win) and win.sync.sync_action.isEnabled()
    assert values  # the bar moved while it ran


def test_badges_after_a_second_sync_that_changes_one_document(
    qtbot: QtBot, data_dir: Path, feed: tuple[Server, Path]
) -> None:
    server, tmp = feed
    with Library(DataPaths(data_dir)) as lib:
        add_source(lib, "kkr", server.url("/feed/"), "feed")
    win = open_window(qtbot, data_dir)  # the first sync: on start
    assert win.sync.last is not None and not win.sync.last.offline
    third = meeting_on(win, "2026-02-03")
    agenda = next(d for d in win._meetings[third].documents if d.kind == "agenda")
    assert win._badges.meetings[third].new == 2  # all the first sync brought is new
    assert [e.what for e in win.news_panel.entries] == ["new"] * 4
    win.open_document(agenda.id, 1)  # opening it reads it
    qtbot.waitUntil(lambda: win._badges.documents[agenda.id].read_version == 1, timeout=10_000)
    assert win._badges.meetings[third].unread == 1  # the attachment

    republish_one_changed(server, tmp)
    outcome = sync(qtbot, win)
    assert outcome.results[0].report is not None and outcome.results[0].report.changed == 1
    qtbot.waitUntil(lambda: win._badges.documents[agenda.id].version == 2, timeout=30_000)
    counts = win._badges.meetings[third]
    assert (counts.new, counts.changed, counts.unread) == (0, 1, 1)
    row = win.meeting_list.meeting_item(third)
    assert row is not None and "1 ændr." in row.text(1) and row.font(0).bold()
    other = win.meeting_list.meeting_item(meeting_on(win, "2026-02-10"))
    assert other is not None and "nye" not in other.text(1)
    assert [(e.what, e.document.id) for e in win.news_panel.entries] == [("updated", agenda.id)]
    body = win.meeting_list.body_items()[0]
    assert "1 ændr." in body.text(1)
    win.open_document(agenda.id, 1)  # read again: no longer changed
    qtbot.waitUntil(lambda: not win._badges.documents[agenda.id].changed, timeout=10_000)
    assert "ændr." not in row.text(1)


def test_starting_offline_is_said_calmly(qtbot: QtBot, data_dir: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once the block ends
    with Library(DataPaths(data_dir)) as lib:
        add_source(lib, "kkr", f"http://127.0.0.1:{port}/feed/", "feed")
    win = open_window(qtbot, data_dir, meetings=0)
    qtbot.waitUntil(lambda: win.sync.last is not None, timeout=30_000)
    assert win.sync.last is not None and win.sync.last.offline
    assert win.sync.label.text() == "Ingen forbindelse – prøver igen senere"
    assert not win.sync.details_button.isVisibleTo(win)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert win.sync.timer.isActive()  # it tries again on its own


def test_first_start_shows_the_demo_as_a_demo_and_removes_it(qtbot: QtBot, data_dir: Path) -> None:
    win = open_window(qtbot, data_dir)
    assert win.welcome.isVisible() and win.welcome.demo_label.isVisible()
    bodies = [top.text(0) for top in win.meeting_list.body_items()]
    assert bodies and all(b.endswith("(demo)") for b in bodies)
    win.welcome.remove_button.click()
    qtbot.waitUntil(lambda: win.meeting_list.count() == 0, timeout=30_000)
    assert win.welcome.isVisible() and not win.welcome.demo_label.isVisible()
    assert win.welcome.add_button.isVisible() and win.welcome.import_button.isVisible()
    assert not win.remove_demo_action.isEnabled()


def test_a_corrected_meeting_survives_a_re_sync(
    qtbot: QtBot, data_dir: Path, feed: tuple[Server, Path]
) -> None:
    server, tmp = feed
    with Library(DataPaths(data_dir)) as lib:
        add_source(lib, "kkr", server.url("/feed/"), "feed")
    win = open_window(qtbot, data_dir)  # synced on start
    third = meeting_on(win, "2026-02-03")
    row = win.meeting_list.meeting_item(third)
    assert row is not None
    win.meeting_list.setCurrentItem(row)
    editor = win.edit_meeting()
    assert isinstance(editor, MeetingEditor)
    editor.body_combo.setCurrentText("Økonomiudvalget")
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("minutes"))
    editor.title_edit.setText("Referat – Økonomiudvalget")
    assert editor.changes() == {
        "body": "Økonomiudvalget",
        "kind": "minutes",
        "title": "Referat – Økonomiudvalget",
    }
    editor._accept()
    qtbot.waitUntil(lambda: win._meetings[third].body == "Økonomiudvalget", timeout=30_000)
    assert [b.toolTip(0) for b in win.meeting_list.body_items()] == [
        "KKR Testegnen",
        "Økonomiudvalget",
    ]
    republish_one_changed(server, tmp)  # the source sends that meeting again
    outcome = sync(qtbot, win)
    assert outcome.results[0].report is not None and outcome.results[0].report.changed == 1
    qtbot.waitUntil(
        lambda: (
            win._badges.meetings.get(third) is not None and win._badges.meetings[third].new == 0
        ),
        timeout=30_000,
    )
    meeting = win._meetings[third]
    assert (meeting.body, meeting.kind, meeting.title) == (
        "Økonomiudvalget",
        "minutes",
        "Referat – Økonomiudvalget",
    )
    assert win.meeting_list.currentItem() is win.meeting_list.meeting_item(third)
