"""The main window as the app builds it, shown offscreen, for tests of the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.paths import DataPaths
from ui.app import create_window
from ui.main_window import MainWindow


def open_window(qtbot: QtBot, data_dir: Path, meetings: int | None = None) -> MainWindow:
    """A shown window on ``data_dir`` (closed with the test); with ``meetings``, once that
    many meetings are listed."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win = create_window(DataPaths(data_dir), app)
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    win.show()
    if meetings is not None:
        qtbot.waitUntil(lambda: win.meeting_list.count() == meetings, timeout=30_000)
    return win
