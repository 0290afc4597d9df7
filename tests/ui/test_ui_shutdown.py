"""Closing the window while workers are busy: the note is saved, every worker is joined, and
no result reaches a widget after the window closed. The suite fails on any Qt warning."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.notes.note_store import NoteStore
from reader.paths import DataPaths
from tests.support.notes_fixtures import PASSPHRASE
from ui import tasks
from ui.app import create_window
from ui.main_window import MainWindow

SLOW_S = 3.0  # how long each slowed task would take if nobody cancelled it


def _workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("tasks-")]


def _slow_down(monkeypatch: pytest.MonkeyPatch) -> list[tasks.Task]:
    """From now on every task first waits SLOW_S s on its worker, unless it is cancelled."""
    started: list[tasks.Task] = []

    def wait_for_cancel(task: tasks.Task) -> None:
        started.append(task)
        end = time.monotonic() + SLOW_S
        while not task.cancelled() and time.monotonic() < end:
            time.sleep(0.005)

    monkeypatch.setattr(tasks, "before_work", wait_for_cancel)
    return started


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("MOEDEMAPPE_PASSPHRASE", PASSPHRASE)  # the notes open without a keychain
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win = create_window(DataPaths(data_dir), app)
    win.show()
    yield win
    if shiboken6.isValid(win):  # a test may have closed or deleted it; closing twice is fine
        win.close()
        shiboken6.delete(win)
    assert tasks.shutdown(), "a worker outlived its test"


def _ready(qtbot: QtBot, win: MainWindow) -> None:
    """The demo library is in and the notes are open: what a user sees a second after start."""
    qtbot.waitUntil(lambda: win.meeting_list.count() == 2, timeout=30_000)
    area = win.notes_area
    qtbot.waitUntil(
        lambda: area.panel is not None and area.panel.editor.isEnabled(), timeout=30_000
    )


def test_closing_with_tasks_in_flight_saves_the_note_and_joins_every_worker(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ready(qtbot, window)
    started = _slow_down(monkeypatch)
    handled: list[str] = []
    window.statusBar().messageChanged.connect(handled.append)
    window.meeting_list.setCurrentRow(1)  # loads its notes (pages render in worker processes)
    window.search_panel.query_edit.setText("sundhed")
    window.search_panel.search_now()  # a query on the render pool
    window.catch_up()  # index update and annotation carry-over, on the library worker
    panel = window.notes_area.panel
    assert panel is not None and panel.meeting_id is not None
    meeting_id = panel.meeting_id
    qtbot.keyClicks(panel.editor, "Husk at spørge til budgettet")  # autosave is 1 s away
    qtbot.waitUntil(lambda: len(started) >= 2, timeout=10_000)  # both pools are busy
    assert tasks.active() >= 3  # and more wait in the library queue
    began = time.monotonic()
    window.close()
    closing = time.monotonic() - began

    assert closing < SLOW_S / 2, "the workers did not stop at their cancel check"
    assert tasks.active() == 0 and _workers() == []  # every worker joined, none left
    vault = window.notes_area.vault
    assert vault is not None
    with Library(window.paths) as lib:  # the note typed just before closing is saved
        texts = [n.text for n in NoteStore(lib, vault).notes(meeting_id)]
    assert texts == ["Husk at spørge til budgettet"]
    handled.clear()
    qtbot.wait(100)  # nothing queued before closing is delivered after it
    assert handled == [] and panel.status.text() != "Gemt"


def test_quitting_from_the_import_progress_dialog_stops_the_import(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = _slow_down(monkeypatch)  # the demo import now takes SLOW_S: its dialog shows
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win = create_window(DataPaths(data_dir), app)
    win.show()
    try:  # the demo import starts once the (empty) library is listed
        qtbot.waitUntil(lambda: win.findChild(QProgressDialog, "importProgress") is not None)
        dialog = win.findChild(QProgressDialog, "importProgress")
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
        assert started
        began = time.monotonic()
        qtbot.keyClick(dialog, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert not win.isVisible() and time.monotonic() - began < SLOW_S / 2
        assert tasks.active() == 0 and _workers() == []
    finally:
        win.close()
        shiboken6.delete(win)


def test_a_result_for_a_deleted_widget_is_dropped(qtbot: QtBot) -> None:
    release = threading.Event()
    label = QLabel("waiting")
    shown: list[str] = []

    def work(_task: tasks.Task) -> str:
        release.wait(10)
        return "done"

    def show(text: str) -> None:
        shown.append(text)
        label.setText(text)  # would raise: the C++ label is gone

    task = tasks.start(work, label, succeeded=show, finished=lambda: shown.append("finished"))
    shiboken6.delete(label)
    release.set()
    qtbot.waitUntil(task.done, timeout=5_000)
    qtbot.wait(50)  # the wake-up is delivered; its handlers are not called
    assert shown == []
    assert tasks.shutdown()


def test_a_worker_that_outlives_closing_never_reaches_the_window(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ready(qtbot, window)
    monkeypatch.setattr(tasks, "SHUTDOWN_WAIT_S", 0.2)
    running, release = threading.Event(), threading.Event()
    shown: list[str] = []

    def stuck(_task: tasks.Task) -> str:  # a call that cannot look at its cancel flag
        running.set()
        release.wait(10)
        return "late"

    def show(text: str) -> None:
        shown.append(text)
        window.meeting_heading.setText(text)

    task = tasks.start(stuck, window.reader, succeeded=show, on="render")
    qtbot.waitUntil(running.is_set, timeout=5_000)
    window.close()  # gives up on the stuck worker after 0.2 s
    assert not task.done()
    shiboken6.delete(window)  # the widgets go while the worker still runs
    release.set()
    qtbot.waitUntil(task.done, timeout=5_000)
    qtbot.wait(50)
    assert shown == []
    assert tasks.shutdown()  # the straggler is accounted for, and has ended
    assert _workers() == []


def test_closing_from_a_result_handler_drops_what_follows(qtbot: QtBot, window: MainWindow) -> None:
    _ready(qtbot, window)
    calls: list[str] = []

    def close_now(_result: object) -> None:
        calls.append("succeeded")
        window.close()  # the wake-up that runs this handler is still being served

    tasks.start(lambda _t: None, window, succeeded=close_now, finished=lambda: calls.append("x"))
    qtbot.waitUntil(lambda: calls == ["succeeded"], timeout=5_000)
    qtbot.wait(50)
    assert calls == ["succeeded"] and not window.isVisible()
    assert tasks.active() == 0 and _workers() == []
