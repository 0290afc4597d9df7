"""Helpers for the reader's annotation tests: a vault on the tests' file keychain, text
selected as a reader would, mouse drags, waiting for the library worker."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, Qt
from pytestqt.qtbot import QtBot

from tests.support.reader_view import WAIT_MS, mouse
from ui.viewer.annotations import Annotations
from ui.viewer.pane import ReaderPane


def wait_text(qtbot: QtBot, pane: ReaderPane, page: int) -> str:
    """The text of 0-based ``page`` as the reader extracted it, once loaded."""
    pane.view.with_text(page, lambda _t: None)
    qtbot.waitUntil(lambda: pane.view.page_text(page) is not None, timeout=WAIT_MS)
    text = pane.view.page_text(page)
    assert text is not None
    return text.text


def select_quote(qtbot: QtBot, pane: ReaderPane, page: int, quote: str) -> tuple[int, int]:
    """Select the first ``quote`` on 0-based ``page``; returns its range."""
    text = wait_text(qtbot, pane, page)
    start = text.index(quote)
    pane.view.select((page, start), (page, start + len(quote)))
    assert pane.view.has_selection()
    return start, start + len(quote)


def quote_point(pane: ReaderPane, page: int, quote: str) -> QPoint:
    """The viewport point in the middle of the first line of ``quote`` on ``page``."""
    text = pane.view.page_text(page)
    assert text is not None
    start = text.text.index(quote)
    x0, y0, x1, y1 = text.rects(start, start + len(quote))[0]
    return pane.view.viewport_point(page, (x0 + x1) / 2, (y0 + y1) / 2)


def drag(pane: ReaderPane, points: Sequence[QPoint]) -> None:
    """Press at the first point, move through the others, release at the last."""
    vp = pane.view.viewport()
    mouse(vp, QEvent.Type.MouseButtonPress, points[0])
    for p in points[1:]:
        mouse(vp, QEvent.Type.MouseMove, p, Qt.MouseButton.LeftButton)
    mouse(vp, QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton)


def click(pane: ReaderPane, point: QPoint) -> None:
    drag(pane, [point])


def settle(qtbot: QtBot, annotations: Annotations) -> None:
    """Wait until every change and load queued on the library worker is shown."""
    qtbot.waitUntil(lambda: annotations.pending == 0, timeout=WAIT_MS)
