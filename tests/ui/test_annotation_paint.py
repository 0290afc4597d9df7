"""Annotations painted over a page image: each kind where its shape says, in its colour."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from ui.annotation_paint import Shape, paint_annotations

SCALE = 2.0


def _painted(shapes: list[Shape]) -> QImage:
    image = QImage(400, 400, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_annotations(painter, shapes, SCALE)
    finally:
        painter.end()
    return image


def _at(image: QImage, x: float, y: float) -> QColor:
    """The pixel at page point ``(x, y)``."""
    return image.pixelColor(int(x * SCALE), int(y * SCALE))


def test_each_kind_lands_where_its_shape_says(qtbot: QtBot) -> None:
    image = _painted(
        [
            Shape("highlight", "#ffd400", [(10, 10, 60, 20), (40, 15, 90, 25)]),
            Shape("underline", "#2e7d32", [(10, 50, 90, 60)]),
            Shape("strikeout", "#d32f2f", [(10, 70, 90, 80)]),
            Shape("ink", "#1565c0", ink=[[(10, 120), (90, 120)]]),
            Shape("sticky", "#ffb300", [(150, 10, 170, 30)]),
            Shape("rectangle", "#7b1fa2", [(120, 100, 180, 160)]),
        ]
    )
    white = QColor("white")
    highlight = _at(image, 20, 12)
    assert highlight != white and highlight.blue() < 200 and highlight.red() > 200
    # overlapping rectangles of one highlight are filled once, not darker where they meet
    assert _at(image, 50, 17) == highlight == _at(image, 80, 23)
    assert _at(image, 100, 12) == white  # beside it
    underline = _at(image, 50, 60 - 10 * 0.08)
    assert underline.green() > underline.red() and underline != white
    assert _at(image, 50, 55) == white  # the underlined text itself is untouched
    strike = _at(image, 50, 75)
    assert strike.red() > strike.green() + 60
    ink = _at(image, 50, 120)
    assert ink.blue() > ink.red() + 60
    assert _at(image, 155, 15) != white  # the note's icon
    assert _at(image, 120, 130).red() < 200 and _at(image, 150, 130) == white  # an outline


def test_painter_state_is_left_as_found(qtbot: QtBot) -> None:
    image = QImage(50, 50, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        before = (painter.compositionMode(), painter.pen().style(), painter.brush().style())
        paint_annotations(painter, [Shape("highlight", "#ffd400", [(1, 1, 10, 10)])], 1.0)
        after = (painter.compositionMode(), painter.pen().style(), painter.brush().style())
    finally:
        painter.end()
    assert before == after
