"""Painting a page's annotations over its rendered image: highlights, lines, ink, notes.

A page can carry hundreds of annotations and is repainted on every scroll and zoom step, on
the UI thread. Rectangles and lines are therefore gathered per colour and kind into one
``QPainterPath`` each, and ink strokes per colour, and drawn with one pen or brush change per
group, never per rectangle.

Coordinates are PDF points (origin top left, y down, as the anchors store them); ``scale``
is pixels per point of the page image being painted on.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QRegion,
)

Rect = tuple[float, float, float, float]
Point = tuple[float, float]

HIGHLIGHT_ALPHA = 110  # of 255: the text under a highlight stays readable
NOTE_SIZE = 14.0  # points: a sticky note's icon when it has no rectangle of its own
LINE_WIDTH = 1.2  # points: underline, strikeout, rectangle and text box outlines
INK_WIDTH = 1.8  # points
TEXT_SIZE = 10.0  # points: a text box's text
TEXT_PAD = 2.0  # points between a text box's outline and its text


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
    text: str = ""  # a text box's text


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
    texts: list[tuple[QRectF, str, str]] = []  # text boxes' text: box, colour, text
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
                box = QRectF(x0 * scale, y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale)
                path.addRect(box)
                if kind == "textbox" and shape.text:
                    texts.append((box, color, shape.text))

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
        if texts:
            font = QFont(painter.font())
            font.setPixelSize(max(1, round(TEXT_SIZE * scale)))
            painter.setFont(font)
            pad = TEXT_PAD * scale
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(
                Qt.TextFlag.TextWordWrap
            )
            for box, color, text in texts:
                painter.setPen(QColor(color))
                painter.drawText(box.adjusted(pad, pad, -pad, -pad), flags, text)
    finally:
        painter.restore()


# -- the cached layer ------------------------------------------------------------------------

LAYER_PIXEL_BUDGET = 2600 * 1800  # a page's layer is one image up to this, else tiles
LAYER_TILE = 1024  # device pixels
LAYER_KEEP = 24  # images kept (pages or tiles)

Region = tuple[int, int, int, int]


class LayerCache:
    """The annotations of each page painted once into a transparent image per page and scale
    (or per tile of a big page), so a scroll only blits them: painting 200 annotations takes
    longer than a frame, blitting their layer a fraction of one.

    ``invalidate(page)`` after the page's annotations changed; ``clear()`` when they all
    did. A scale no longer asked for ages out (the images kept are bounded).
    """

    def __init__(self, keep: int = LAYER_KEEP) -> None:
        self._images: OrderedDict[tuple[int, float, Region], QImage] = OrderedDict()
        self._keep = keep
        self.painted = 0  # images painted (not blitted) so far: for tests and the bench

    def clear(self) -> None:
        self._images.clear()

    def invalidate(self, page: int) -> None:
        for key in [k for k in self._images if k[0] == page]:
            del self._images[key]

    def regions(self, size: tuple[float, float], scale: float, visible: Region) -> list[Region]:
        """The parts of a page of ``size`` points at ``scale`` to blit for ``visible`` (device
        pixels of the page): the whole page, or the tiles meeting it on a big one."""
        w = max(1, math.ceil(size[0] * scale - 1e-6))
        h = max(1, math.ceil(size[1] * scale - 1e-6))
        if w * h <= LAYER_PIXEL_BUDGET:
            return [(0, 0, w, h)]
        vx, vy, vw, vh = visible
        out: list[Region] = []
        for ty in range(0, h, LAYER_TILE):
            for tx in range(0, w, LAYER_TILE):
                tw, th = min(LAYER_TILE, w - tx), min(LAYER_TILE, h - ty)
                if tx < vx + vw and vx < tx + tw and ty < vy + vh and vy < ty + th:
                    out.append((tx, ty, tw, th))
        return out

    def image(
        self, page: int, scale: float, region: Region, shapes: Callable[[], Iterable[Shape]]
    ) -> QImage:
        """The layer of ``region`` (device pixels) of ``page`` at ``scale``, painted from
        ``shapes()`` the first time it is asked for."""
        key = (page, round(scale, 6), region)
        hit = self._images.get(key)
        if hit is not None:
            self._images.move_to_end(key)
            return hit
        x, y, w, h = region
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        try:
            painter.translate(-x, -y)
            paint_annotations(painter, shapes(), scale)
        finally:
            painter.end()
        self.painted += 1
        self._images[key] = image
        while len(self._images) > self._keep:
            self._images.popitem(last=False)
        return image

    def draw(
        self,
        painter: QPainter,
        page: int,
        size: tuple[float, float],
        target: QRectF,
        dpr: float,
        shapes: Callable[[], Iterable[Shape]],
        clip: QRectF | None = None,
        multiply: bool = True,
    ) -> None:
        """Blit ``page``'s layer onto ``target`` (logical pixels, the page's rectangle on
        screen): multiplied onto the page, as highlighter ink, unless ``multiply`` is off
        (dark pages, where multiplying would hide it). Only the part in ``clip``."""
        scale = target.width() / max(size[0], 1e-6) * dpr
        seen = target if clip is None else target.intersected(clip)
        if seen.isEmpty():
            return
        visible = (
            int((seen.x() - target.x()) * dpr),
            int((seen.y() - target.y()) * dpr),
            math.ceil(seen.width() * dpr) + 1,
            math.ceil(seen.height() * dpr) + 1,
        )
        painter.save()
        if multiply:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for region in self.regions(size, scale, visible):
            image = self.image(page, scale, region, shapes)
            x, y, w, h = region
            painter.drawImage(
                QRectF(target.x() + x / dpr, target.y() + y / dpr, w / dpr, h / dpr), image
            )
        painter.restore()
