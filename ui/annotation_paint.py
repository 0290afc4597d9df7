"""Painting a page's annotations over its rendered image: highlights, lines, ink, notes.

A page can carry hundreds of annotations and is repainted on every scroll and zoom step, on
the UI thread. Rectangles and lines are therefore gathered per colour and kind into one
``QPainterPath`` each, and ink strokes per colour, and drawn with one pen or brush change per
group, never per rectangle.

Coordinates are PDF points (origin top left, y down, as the anchors store them); ``scale``
is pixels per point of the page image being painted on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF, QRegion

Rect = tuple[float, float, float, float]
Point = tuple[float, float]

HIGHLIGHT_ALPHA = 110  # of 255: the text under a highlight stays readable
NOTE_SIZE = 14.0  # points: a sticky note's icon when it has no rectangle of its own
LINE_WIDTH = 1.2  # points: underline, strikeout, rectangle and text box outlines
INK_WIDTH = 1.8  # points


@dataclass(frozen=True)
class Shape:
    """What the painter needs of one annotation on one page.

    ``kind`` is an annotation kind (``highlight``, ``underline``, ``strikeout``, ``ink``,
    ``sticky``, ``textbox``, ``rectangle``); ``rects`` are in page points; ``ink`` holds the
    strokes of an ink annotation.
    """

    kind: str
    color: str
    rects: Sequence[Rect] = ()
    ink: Sequence[Sequence[Point]] = field(default_factory=tuple)


def _path() -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)  # overlapping rectangles fill once
    return path


def paint_annotations(painter: QPainter, shapes: Iterable[Shape], scale: float) -> None:
    """Paint ``shapes`` with ``painter`` (already begun on the page image) at ``scale``.

    Highlights are multiplied onto the page so text under them keeps its contrast; the
    painter's state is restored afterwards.
    """
    fills: dict[str, list[QRect]] = {}  # highlights by colour, whole pixels
    strokes: dict[tuple[str, float], QPainterPath] = {}  # lines and outlines, by colour, width
    notes: dict[str, QPainterPath] = {}
    inks: dict[str, list[QPolygonF]] = {}  # strokes by colour: one path of all would be
    # stroked as one shape, its every crossing joined, many times slower
    for shape in shapes:
        kind, color = shape.kind, shape.color
        if kind == "highlight":
            rects = fills.setdefault(color, [])
            for x0, y0, x1, y1 in shape.rects:
                rects.append(
                    QRect(
                        round(x0 * scale),
                        round(y0 * scale),
                        round((x1 - x0) * scale) or 1,
                        round((y1 - y0) * scale) or 1,
                    )
                )
        elif kind in ("underline", "strikeout"):
            path = strokes.get((color, LINE_WIDTH))
            if path is None:
                path = strokes[(color, LINE_WIDTH)] = QPainterPath()
            for x0, y0, x1, y1 in shape.rects:
                y = y1 - (y1 - y0) * 0.08 if kind == "underline" else (y0 + y1) / 2
                path.moveTo(x0 * scale, y * scale)
                path.lineTo(x1 * scale, y * scale)
        elif kind == "ink":
            lines = inks.setdefault(color, [])
            for stroke in shape.ink:
                if stroke:
                    lines.append(QPolygonF([QPointF(x * scale, y * scale) for x, y in stroke]))
        elif kind == "sticky":
            path = notes.get(color)
            if path is None:
                path = notes[color] = _path()
            for x0, y0, _x1, _y1 in shape.rects[:1]:
                path.addRoundedRect(
                    QRectF(x0 * scale, y0 * scale, NOTE_SIZE * scale, NOTE_SIZE * scale),
                    2 * scale,
                    2 * scale,
                )
        else:  # rectangle, text box: an outline
            path = strokes.get((color, LINE_WIDTH))
            if path is None:
                path = strokes[(color, LINE_WIDTH)] = QPainterPath()
            for x0, y0, x1, y1 in shape.rects:
                path.addRect(QRectF(x0 * scale, y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale))

    painter.save()
    try:
        painter.setPen(Qt.PenStyle.NoPen)
        if fills:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
            for color, rects in fills.items():
                fill = QColor(color)
                fill.setAlpha(HIGHLIGHT_ALPHA)
                region = QRegion()
                for rect in rects:  # overlapping rectangles become disjoint: filled once
                    region += rect
                painter.setBrush(QBrush(fill))
                painter.drawRects(list(iter(region)))  # type: ignore[call-overload]
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for (color, width), path in strokes.items():
            pen = QPen(QColor(color), width * scale)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.strokePath(path, pen)
        for color, lines in inks.items():
            pen = QPen(QColor(color), INK_WIDTH * scale)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            for line in lines:
                painter.drawPolyline(line)
        for color, path in notes.items():
            painter.setPen(QPen(QColor(color).darker(140), max(1.0, 0.8 * scale)))
            painter.setBrush(QBrush(QColor(color)))
            painter.drawPath(path)
    finally:
        painter.restore()
