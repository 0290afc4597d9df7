"""Small drawn marks for lists: a note sheet for "has notes". Drawn, not loaded from an icon
theme, so they look the same on every platform and in the dark palette."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


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
