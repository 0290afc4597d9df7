"""Helpers for driving the reader in tests: open and wait, send wheel and mouse events."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.render import TileRequest
from ui.viewer.pane import ReaderPane

WAIT_MS = 30_000  # worker start-up on a loaded machine


def open_and_wait(qtbot: QtBot, pane: ReaderPane, path: Path, page: int = 0) -> None:
    """Open ``path`` and wait until the pages on screen are drawn from their own tiles."""
    with qtbot.waitSignal(pane.document_opened, timeout=WAIT_MS):
        pane.open(path, page)
    wait_drawn(qtbot, pane)


def visible_requests(pane: ReaderPane) -> list[TileRequest]:
    view = pane.view
    scale = view.zoom() * view.devicePixelRatioF()
    return [r for page in view._visible_pages() for r in view._requests(page, scale)]


def wait_drawn(qtbot: QtBot, pane: ReaderPane) -> None:
    qtbot.waitUntil(
        lambda: all(pane.view._have(r) for r in visible_requests(pane)),
        timeout=WAIT_MS,
    )


def wheel(
    widget: QWidget, pos: QPoint, dy: int, modifiers: Qt.KeyboardModifier | None = None
) -> None:
    mods = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
    event = QWheelEvent(
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        mods,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def mouse(
    widget: QWidget,
    kind: QEvent.Type,
    pos: QPoint,
    buttons: Qt.MouseButton = Qt.MouseButton.LeftButton,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons, modifiers
    )
    QApplication.sendEvent(widget, event)
