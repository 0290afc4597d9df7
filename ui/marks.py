"""Small drawn marks and tool icons: a note sheet for "has notes", a magnifier, a highlighter.
Drawn, not loaded from an icon theme or an emoji font (neither is on every system), so they
look the same everywhere and follow the palette."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap


@cache
def note_icon() -> QIcon:
    """A yellow note sheet with two lines of writing, at 16 and 32 px."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = size / 16
        p.setPen(QPen(QColor(150, 120, 20), s))
        p.setBrush(QColor(255, 214, 70))
        p.drawRoundedRect(QRectF(2.5 * s, 2.5 * s, 11 * s, 11 * s), 1.5 * s, 1.5 * s)
        p.setPen(QPen(QColor(110, 85, 10), s))
        for y in (6.5, 9.5):
            p.drawLine(QPointF(5 * s, y * s), QPointF(11 * s, y * s))
        p.end()
        icon.addPixmap(pixmap)
    return icon


def _icon(draw: Callable[[QPainter, float], None]) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw(p, size / 16)
        p.end()
        icon.addPixmap(pixmap)
    return icon


def _ink() -> QColor:
    """The palette's text colour, so the mark reads in light and dark themes."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app.palette().color(QPalette.ColorRole.WindowText)
    return QColor(40, 40, 40)


def find_icon() -> QIcon:
    """A magnifying glass."""

    def draw(p: QPainter, s: float) -> None:
        p.setPen(QPen(_ink(), 1.6 * s))
        p.drawEllipse(QRectF(2.5 * s, 2.5 * s, 7.5 * s, 7.5 * s))
        p.setPen(QPen(_ink(), 2.2 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(9.2 * s, 9.2 * s), QPointF(13.5 * s, 13.5 * s))

    return _icon(draw)


def highlighter_icon() -> QIcon:
    """Lines of text with a yellow band across the middle one."""

    def draw(p: QPainter, s: float) -> None:
        # drawRect, not fillRect: choosing among fillRect's overloads makes PySide build
        # QGradient's enums, milliseconds at start-up for one yellow band
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(255, 214, 70))
        p.drawRect(QRectF(1.5 * s, 6 * s, 13 * s, 4.5 * s))
        p.setPen(QPen(_ink(), 1.2 * s))
        for y in (4.0, 8.25, 12.5):
            p.drawLine(QPointF(3 * s, y * s), QPointF(13 * s, y * s))

    return _icon(draw)
