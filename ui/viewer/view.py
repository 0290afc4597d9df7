"""The continuous document view: every page top to bottom, drawn from tiles rendered elsewhere.

Painting only draws what the cache holds: the tile at the current scale, else the nearest
cached scale drawn scaled, else a white page with a quiet "…". Asking for tiles is
coalesced into one call per event-loop turn, and the neighbours of what is on screen are
asked for (at low priority) only once scrolling has settled, so dragging the scroll bar
through a long document leaves no queue of pages nobody looks at any more.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from reader.render import DocumentInfo, FindMatch, PageText, RenderFailure, TileRequest
from ui.viewer.client import CLOSE_ENOUGH, RenderClient
from ui.viewer.layout import (
    GAP,
    MARGIN,
    READING_LINE,
    History,
    Layout,
    Position,
    fit_page_zoom,
    fit_width_zoom,
    line_at,
    needs_tiles,
    ordered,
    selection_ranges,
    step_zoom,
    tile_regions,
    word_at,
    zoom_scroll,
)

Rect = tuple[float, float, float, float]

SETTLE_MS = 150  # after the last scroll, neighbours are preloaded
PRELOAD = 2  # pages before and after what is on screen
TEXT_PAGES = 64  # page texts kept for selection
SCROLL_STEP = 40  # logical pixels per arrow key or wheel line

WIDTH, PAGE, PERCENT = "width", "page", "percent"
A4 = (595.28, 841.89)  # points

_TERM = QColor(255, 200, 0, 110)
_FOUND = QColor(255, 235, 0, 120)
_CURRENT = QColor(255, 120, 0, 150)


class Overlay(Protocol):
    """What draws over the pages and may take the mouse and keys first (the annotations).
    Page points are PDF points of 0-based ``page``; a handler returns True if it took
    the event."""

    def paint_page(self, painter: QPainter, page: int, target: QRect, clip: QRect) -> None: ...
    def press(self, event: QMouseEvent, page: int, x: float, y: float) -> bool: ...
    def move(self, event: QMouseEvent, page: int, x: float, y: float) -> bool: ...
    def release(self, event: QMouseEvent, page: int, x: float, y: float) -> bool: ...
    def double_click(self, event: QMouseEvent, page: int, x: float, y: float) -> bool: ...
    def context_menu(self, event: QContextMenuEvent, page: int, x: float, y: float) -> bool: ...
    def key(self, event: QKeyEvent) -> bool: ...
    def wants_key(self, event: QKeyEvent) -> bool: ...


@dataclass
class _Selection:
    anchor: tuple[int, int]  # page, character boundary
    focus: tuple[int, int]


class DocumentView(QAbstractScrollArea):
    """All pages of one document, scrolled continuously. See ``ReaderPane`` for the API the
    rest of the app uses; this class is the view itself."""

    position_changed = Signal(int, float)  # page (0-based), y in points at the reading line
    document_opened = Signal(object)  # DocumentInfo
    open_failed = Signal(object)  # the exception
    render_failed = Signal(int, str)  # page, reason ("crashed", "timeout", "error")
    zoom_changed = Signal(float, str)  # zoom, mode (WIDTH, PAGE, PERCENT)
    history_changed = Signal()
    selection_changed = Signal(bool)  # something is selected

    def __init__(self, client: RenderClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentView")
        self.setAccessibleName(self.tr("Dokument"))
        self.setAccessibleDescription(
            self.tr("Dokumentets sider. Piletaster, Page Up og Page Down ruller.")
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self._client = client
        self._key = ("view", id(self))
        client.add_listener(self, self._tile_arrived, self._tile_failed)
        self._path: Path | None = None
        self._info: DocumentInfo | None = None
        self._layout = Layout([], 1.0, 100)
        self._mode = WIDTH
        self._zoom = 1.0
        self._inverted = False
        self._opening = 0  # generation of open(): a late DocumentInfo for an older open is dropped
        self._pending: Position | None = None  # where to go once the document is laid out
        self._pending_y: float | None = None
        self._last_position: Position | None = None
        self.history = History()
        self._retried: set[int] = set()
        self._texts: OrderedDict[int, PageText] = OrderedDict()
        self._text_waiting: dict[int, list[Callable[[PageText], None]]] = {}
        self._selection: _Selection | None = None
        self._find: dict[int, list[FindMatch]] = {}
        self._current: FindMatch | None = None
        self._terms: dict[int, list[Rect]] = {}
        self._changes: dict[int, list[tuple[Rect, QColor]]] = {}
        self._press_clicks = 0
        self.overlay: Overlay | None = None
        self.painted_exact: set[int] = set()  # pages the last paint drew at the exact scale
        self._jumping = False
        self._click_clock = QElapsedTimer()
        self._asking = QTimer(self)
        self._asking.setSingleShot(True)
        self._asking.setInterval(0)
        self._asking.timeout.connect(lambda: self._ask(preload=False))
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(lambda: self._ask(preload=True))
        for bar in (self.verticalScrollBar(), self.horizontalScrollBar()):
            bar.setSingleStep(SCROLL_STEP)
            bar.valueChanged.connect(self._scrolled)

    # -- the document ----------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def info(self) -> DocumentInfo | None:
        return self._info

    @property
    def page_count(self) -> int:
        return self._info.page_count if self._info else 0

    @property
    def layout_(self) -> Layout:
        return self._layout

    def open(self, path: Path | None, page: int = 0, y: float | None = None) -> None:
        """Show ``path`` at ``page`` (0-based) with ``y`` (points from the page top) on the
        reading line; ``None`` empties the view. The page count arrives with
        ``document_opened``; meanwhile ``go_to`` is remembered."""
        self._opening += 1
        opening = self._opening
        self._path = path
        self._info = None
        if path is not None:
            # the workers first: reading 300 page sizes takes a while, and most council
            # documents are A4, so the first page is asked for at once at an A4 page's scale
            self._client.info(path, self, lambda result: self._opened(opening, result))
            self._client.want(self._key, [TileRequest(path, max(page, 0), self._guess_scale())])
        else:
            self._client.want(self._key, [])
        self._layout = Layout([], self._zoom, self.viewport().width())
        self._texts.clear()
        self._text_waiting.clear()
        self._selection = None
        self._find = {}
        self._current = None
        self._terms = {}
        self._changes = {}
        self._retried.clear()
        self.painted_exact = set()
        self.history.clear()
        self._last_position = None
        self._pending = (page, 0.0)
        self._pending_y = y
        self._update_bars()
        self.viewport().update()
        self.history_changed.emit()

    def _opened(self, opening: int, result: DocumentInfo | BaseException) -> None:
        if opening != self._opening:
            return
        if isinstance(result, BaseException):
            self.open_failed.emit(result)
            return
        self._info = result
        self._relayout()
        target, self._pending = self._pending or (0, 0.0), None
        y, self._pending_y = self._pending_y, None
        self._scroll_to(target[0], y)
        self.document_opened.emit(result)
        self._scrolled()

    def _guess_scale(self) -> float:
        vp = self.viewport()
        if self._mode == WIDTH:
            zoom = fit_width_zoom([A4], vp.width())
        elif self._mode == PAGE:
            zoom = fit_page_zoom(A4, vp.width(), vp.height())
        else:
            zoom = self._zoom
        return zoom * self.devicePixelRatioF()

    def go_to(self, page: int, y: float | None = None, record: bool = True) -> None:
        """Put (``page``, ``y``) on the reading line (no ``y``: the page's top in view). A
        recorded jump can be undone with ``back``."""
        if self._info is None:
            self._pending, self._pending_y = (page, 0.0), y
            return
        if record:
            self.history.record(self.position())
            self.history_changed.emit()
        self._scroll_to(page, y)

    def position(self) -> Position:
        """(page, y in points) at the reading line, a little below the view's top edge."""
        if self._info is None:
            return self._pending if self._pending is not None else (0, 0.0)
        return self._layout.position(self.verticalScrollBar().value())

    def back(self) -> None:
        here = self.history.back(self.position())
        if here is not None:
            self._scroll_to(*here)
        self.history_changed.emit()

    def forward(self) -> None:
        here = self.history.forward(self.position())
        if here is not None:
            self._scroll_to(*here)
        self.history_changed.emit()

    def _scroll_to(self, page: int, y: float | None) -> None:
        if not self._layout.page_count:
            return
        # The page is asked for before anyone hears of the new position: what listens (the
        # agenda, the notes, the page field) runs while the worker already renders.
        self._jumping = True
        try:
            self.verticalScrollBar().setValue(round(self._layout.scroll_for(page, y)))
        finally:
            self._jumping = False
        self._ask_now()
        self._tell_position()

    def _ask_now(self) -> None:
        """A jump asks at once: the page the reader wants should not wait for a paint."""
        self._asking.stop()
        self._ask(preload=False)

    # -- zoom ------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self._zoom

    def zoom_mode(self) -> str:
        return self._mode

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom`` (1.0 = 100 %) keeping the point under ``anchor`` (viewport
        coordinates; default the reading line) in place."""
        self._mode = PERCENT
        self._apply_zoom(zoom, anchor)

    def fit_width(self) -> None:
        self._mode = WIDTH
        self._apply_zoom(self._fit_zoom(), None)

    def fit_page(self) -> None:
        self._mode = PAGE
        page = self.position()[0]
        self._apply_zoom(self._fit_zoom(), None)
        if self._layout.page_count:
            self.verticalScrollBar().setValue(self._layout.rect(page).y - MARGIN)

    def zoom_in(self) -> None:
        self.set_zoom(step_zoom(self._zoom, 1))

    def zoom_out(self) -> None:
        self.set_zoom(step_zoom(self._zoom, -1))

    def _fit_zoom(self) -> float:
        if self._info is None:
            return self._zoom
        vp = self.viewport()
        if self._mode == WIDTH:
            return fit_width_zoom(self._info.sizes, vp.width())
        page = self.position()[0]
        return fit_page_zoom(self._info.sizes[page], vp.width(), vp.height())

    def _apply_zoom(self, zoom: float, anchor: QPointF | None) -> None:
        old = self._layout
        self._zoom = zoom
        if self._info is None:
            self.zoom_changed.emit(self._zoom, self._mode)
            return
        vp = self.viewport()
        point = anchor if anchor is not None else QPointF(vp.width() / 2, READING_LINE)
        scroll = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        self._relayout()
        if old.page_count:
            sx, sy = zoom_scroll(old, self._layout, scroll, (point.x(), point.y()))
            self.horizontalScrollBar().setValue(round(sx))
            self.verticalScrollBar().setValue(round(sy))
        self._zoom = self._layout.zoom
        self.zoom_changed.emit(self._zoom, self._mode)
        self.viewport().update()
        self._ask_soon()

    def _relayout(self) -> None:
        if self._info is None:
            return
        if self._mode != PERCENT:
            self._zoom = self._fit_zoom()
        self._layout = Layout(self._info.sizes, self._zoom, self.viewport().width())
        self._update_bars()

    def _update_bars(self) -> None:
        vp = self.viewport()
        v, h = self.verticalScrollBar(), self.horizontalScrollBar()
        v.setRange(0, max(0, self._layout.content_height - vp.height()))
        v.setPageStep(vp.height())
        h.setRange(0, max(0, self._layout.content_width - vp.width()))
        h.setPageStep(vp.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._info is None:
            self._update_bars()
            return
        here = self.position()
        if self._mode == PERCENT:
            self._relayout()
            self._scroll_to(*here)
        else:
            self._apply_zoom(self._fit_zoom(), None)
        self._ask_soon()

    # -- dark pages ------------------------------------------------------------------------

    def inverted(self) -> bool:
        return self._inverted

    def set_inverted(self, on: bool) -> None:
        """Draw pages inverted (light text on dark) for a dark theme."""
        self._inverted = on
        self.viewport().update()

    # -- scrolling and asking for tiles ----------------------------------------------------

    def _scrolled(self, _value: int = 0) -> None:
        self.viewport().update()
        self._settle.start()
        if self._jumping:
            return
        self._ask_soon()
        self._tell_position()

    def _tell_position(self) -> None:
        if self._info is None:
            return
        here = self.position()
        if here != self._last_position:
            self._last_position = here
            self.position_changed.emit(*here)

    def _ask_soon(self) -> None:
        if not self._asking.isActive():
            self._asking.start()

    def _scale(self) -> float:
        return self._zoom * self.devicePixelRatioF()

    def _visible_pages(self) -> range:
        vp = self.viewport()
        return self._layout.visible(self.verticalScrollBar().value(), vp.height())

    def _ask(self, preload: bool) -> None:
        """Tell the pool what is on screen now (most central first) and, once scrolling has
        settled, the neighbours; whatever was asked before and is not wanted now is dropped."""
        if self._info is None or self._path is None:
            return
        path, scale = self._path, self._scale()
        pages = list(self._visible_pages())
        line = self._layout.page_at(self.verticalScrollBar().value() + READING_LINE)
        pages.sort(key=lambda p: abs(p - line))
        wanted: list[TileRequest] = []
        for page in pages:
            if self._client.failure(path, page) is not None:
                continue
            wanted.extend(r for r in self._requests(page, scale) if not self._have(r))
        extra: list[TileRequest] = []
        if preload and pages:
            first, last = min(pages), max(pages)
            for page in [*range(last + 1, last + 1 + PRELOAD), *range(first - PRELOAD, first)]:
                if 0 <= page < self.page_count and not needs_tiles(self._info.sizes[page], scale):
                    r = TileRequest(path, page, scale)
                    if not self._have(r) and self._client.failure(path, page) is None:
                        extra.append(r)
        self._client.want(self._key, wanted, extra)

    def _have(self, request: TileRequest) -> bool:
        if request.region is None:
            return self._client.close_enough(request.path, request.page, request.scale) is not None
        return self._client.cached(request) is not None

    def _requests(self, page: int, scale: float) -> list[TileRequest]:
        assert self._info is not None and self._path is not None
        size = self._info.sizes[page]
        if not needs_tiles(size, scale):
            return [TileRequest(self._path, page, scale)]
        r = self._layout.rect(page)
        vp = self.viewport()
        sx, sy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        dpr = self.devicePixelRatioF()
        x0, y0 = max(0, sx - r.x), max(0, sy - r.y)
        x1, y1 = min(r.width, sx + vp.width() - r.x), min(r.height, sy + vp.height() - r.y)
        if x1 <= x0 or y1 <= y0:
            return []
        seen = (int(x0 * dpr), int(y0 * dpr), int((x1 - x0) * dpr) + 1, int((y1 - y0) * dpr) + 1)
        return [
            TileRequest(self._path, page, scale, reg) for reg in tile_regions(size, scale, seen)
        ]

    def _tile_arrived(self, request: TileRequest) -> None:
        if request.path != self._path:
            return
        if self._info is None:
            self.viewport().update()
        elif request.page in self._visible_pages():
            if request.page in self.painted_exact:
                self.viewport().update()
            else:  # the page the reader waits for: on screen now, not after the next events
                self.viewport().repaint()

    def _tile_failed(self, failure: RenderFailure) -> None:
        req = failure.request
        if req.path != self._path:
            return
        if failure.reason == "crashed" and req.page not in self._retried:
            # the worker died (perhaps killed for another page): ask once more
            self._retried.add(req.page)
            self._client.retry(req.path, req.page)
            self._ask_soon()
            return
        self.render_failed.emit(req.page, failure.reason)
        self.viewport().update()

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        backdrop = self.palette().color(self.backgroundRole()).darker(130)
        if self._info is None or self._path is None:
            painter.fillRect(event.rect(), backdrop)
            if self._info is None:
                self._paint_first_page(painter)
            return
        sx, sy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        scale = self._scale()
        selected = self._selected_ranges()
        self.painted_exact = set()
        pages: list[tuple[int, QRect]] = []
        around = QRegion(event.rect())
        for page in self._visible_pages():
            r = self._layout.rect(page)
            target = QRect(r.x - sx, r.y - sy, r.width, r.height)
            if target.intersects(event.rect()):
                pages.append((page, target))
                around = around.subtracted(QRegion(target))
        # Only the margins and gaps get the backdrop: every page paints all of its own rect
        # (its image, or white), and filling the whole view first cost a fifth of a paint.
        for rect in around:  # type: ignore[attr-defined]  # iterable, the stubs say not
            painter.fillRect(rect, backdrop)
        for page, target in pages:
            self._paint_page(painter, page, target, scale)
            if self.overlay is not None:
                self.overlay.paint_page(painter, page, target, event.rect())
            self._paint_marks(painter, page, target, selected.get(page))
        painter.end()

    def _paint_first_page(self, painter: QPainter) -> None:
        """Before the page sizes are known: the first page, if its tile came first, where it
        will stand once they are (its size is the tile's)."""
        if self._path is None or self._pending is None:
            return
        page, scale = self._pending[0], self._guess_scale()
        tile = self._client.nearest(self._path, page, scale)
        if tile is None:
            return
        dpr = self.devicePixelRatioF()
        zoom = tile.request.scale / dpr
        w, h = tile.image.width() / dpr, tile.image.height() / dpr
        x = max(MARGIN, (self.viewport().width() - w) / 2)
        y = GAP / 2 if self._pending_y is None else READING_LINE - self._pending_y * zoom
        painter.drawImage(QRectF(round(x), round(y), w, h), tile.image)
        if self._inverted:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
            painter.fillRect(QRectF(round(x), round(y), w, h), Qt.GlobalColor.white)
        if abs(tile.request.scale / scale - 1.0) < CLOSE_ENOUGH:
            self.painted_exact.add(page)

    def _paint_page(self, painter: QPainter, page: int, target: QRect, scale: float) -> None:
        assert self._path is not None and self._info is not None
        failure = self._client.failure(self._path, page)
        if failure is not None:
            painter.fillRect(target, Qt.GlobalColor.white)
            painter.setPen(QColor(90, 90, 90))
            painter.drawText(
                target, Qt.AlignmentFlag.AlignCenter, self.tr("Siden kunne ikke vises")
            )
            return
        dpr = self.devicePixelRatioF()
        exact = self._client.close_enough(self._path, page, scale)
        if exact is not None:
            img = exact.image
            self.painted_exact.add(page)
            area = QRectF(target.x(), target.y(), img.width() / dpr, img.height() / dpr)
            if area.width() < target.width() or area.height() < target.height():
                painter.fillRect(target, Qt.GlobalColor.white)  # a pixel short of the rect
            painter.drawImage(area, img)
        else:
            tiled = needs_tiles(self._info.sizes[page], scale)
            near = self._client.nearest(self._path, page, scale)
            if near is not None:
                painter.drawImage(QRectF(target), near.image)
            else:
                painter.fillRect(target, Qt.GlobalColor.white)
                if not tiled:
                    painter.setPen(QColor(160, 160, 160))
                    painter.drawText(target, Qt.AlignmentFlag.AlignCenter, "…")
            if tiled:
                requests = self._requests(page, scale)
                drawn = 0
                for req in requests:
                    tile = self._client.cached(req)
                    if tile is not None and req.region is not None:
                        drawn += 1
                        x, y, _w, _h = req.region
                        img = tile.image
                        painter.drawImage(
                            QRectF(
                                target.x() + x / dpr,
                                target.y() + y / dpr,
                                img.width() / dpr,
                                img.height() / dpr,
                            ),
                            img,
                        )
                if drawn == len(requests):
                    self.painted_exact.add(page)
        if self._inverted:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
            painter.fillRect(target, Qt.GlobalColor.white)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)

    def _paint_marks(
        self, painter: QPainter, page: int, target: QRect, selected: tuple[int, int] | None
    ) -> None:
        z = self._zoom

        def fill(rect: Rect, color: QColor) -> None:
            x0, y0, x1, y1 = rect
            painter.fillRect(
                QRectF(target.x() + x0 * z, target.y() + y0 * z, (x1 - x0) * z, (y1 - y0) * z),
                color,
            )

        for rect, color in self._changes.get(page, ()):
            fill(rect, color)
        for rect in self._terms.get(page, ()):
            fill(rect, _TERM)
        for match in self._find.get(page, ()):
            for rect in match.rects:
                fill(rect, _CURRENT if match == self._current else _FOUND)
        if selected is not None and page in self._texts:
            color = self.palette().highlight().color()
            color.setAlpha(110)
            for rect in self._texts[page].rects(*selected):
                fill(rect, color)

    # -- marks -----------------------------------------------------------------------------

    def set_find_matches(self, matches: dict[int, list[FindMatch]]) -> None:
        self._find = matches
        self.viewport().update()

    def set_current_match(self, match: FindMatch | None, record: bool = True) -> None:
        """Mark ``match`` as the current one and scroll it into view (a jump)."""
        self._current = match
        if match is not None and match.rects:
            self.reveal(match.page, match.rects[0], record)
        self.viewport().update()

    def set_term_marks(self, page: int, rects: list[Rect]) -> None:
        """Mark a search hit's words on ``page`` (the previous marks go)."""
        self._terms = {page: rects} if rects else {}
        self.viewport().update()

    def term_marks(self) -> dict[int, list[Rect]]:
        return dict(self._terms)

    def set_change_marks(self, marks: dict[int, list[tuple[Rect, QColor]]]) -> None:
        """Mark what changed since the version before, per page: rectangles (points) filled
        in their colour, under the find marks and the selection."""
        self._changes = marks
        self.viewport().update()

    def change_marks(self) -> dict[int, list[tuple[Rect, QColor]]]:
        return dict(self._changes)

    def reveal(self, page: int, rect: Rect, record: bool = True) -> None:
        """Scroll so ``rect`` on ``page`` is in view, a third down, unless it already is."""
        if self._info is None:
            self._pending, self._pending_y = (page, 0.0), rect[1]
            return
        vp = self.viewport()
        sx, sy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        x0, y0 = self._layout.to_content(page, rect[0], rect[1])
        x1, y1 = self._layout.to_content(page, rect[2], rect[3])
        if not (sy <= y0 and y1 <= sy + vp.height()):
            if record:
                self.history.record(self.position())
                self.history_changed.emit()
            self.verticalScrollBar().setValue(round(y0 - vp.height() / 3))
        if not (sx <= x0 and x1 <= sx + vp.width()):
            self.horizontalScrollBar().setValue(round(x0 - vp.width() / 4))

    # -- page text (selection) -------------------------------------------------------------

    def page_text(self, page: int) -> PageText | None:
        return self._texts.get(page)

    def with_text(self, page: int, then: Callable[[PageText], None]) -> None:
        """Call ``then`` with ``page``'s text, now if it is loaded, else once a worker sent it."""
        got = self._texts.get(page)
        if got is not None:
            self._texts.move_to_end(page)
            then(got)
            return
        waiting = self._text_waiting.setdefault(page, [])
        waiting.append(then)
        if len(waiting) > 1 or self._path is None:
            return
        opening = self._opening

        def arrived(result: PageText | BaseException) -> None:
            if opening != self._opening:
                return
            callbacks = self._text_waiting.pop(page, [])
            if isinstance(result, BaseException):
                return
            self._texts[page] = result
            while len(self._texts) > TEXT_PAGES:
                self._texts.popitem(last=False)
            for cb in callbacks:
                cb(result)

        self._client.text(self._path, page, self, arrived)

    # -- selection -------------------------------------------------------------------------

    def has_selection(self) -> bool:
        return bool(self._selection and self._selection.anchor != self._selection.focus)

    def clear_selection(self) -> None:
        if self._selection is not None:
            self._selection = None
            self.viewport().update()
            self.selection_changed.emit(False)

    def select(self, anchor: tuple[int, int], focus: tuple[int, int]) -> None:
        self._selection = _Selection(anchor, focus)
        self.viewport().update()
        self.selection_changed.emit(self.has_selection())

    def select_page(self, page: int | None = None) -> None:
        """Select the whole text of ``page`` (default: the page at the reading line)."""
        page = self.position()[0] if page is None else page
        self.with_text(page, lambda t: self.select((page, 0), (page, len(t.text))))

    def selected_ranges(self) -> dict[int, tuple[int, int]]:
        """The selected characters of each 0-based page whose text is loaded."""
        return self._selected_ranges()

    def page_point(self, pos: QPointF) -> tuple[int, float, float] | None:
        """(0-based page, x, y in points, clamped to the page) under a viewport point."""
        if self._info is None or not self._layout.page_count:
            return None
        sx, sy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        return self._layout.to_page(pos.x() + sx, pos.y() + sy)

    def _overlay_took(self, handler: str, event: QMouseEvent | QContextMenuEvent) -> bool:
        if self.overlay is None:
            return False
        pos = QPointF(event.pos()) if isinstance(event, QContextMenuEvent) else event.position()
        where = self.page_point(pos)
        if where is None:
            return False
        took: bool = getattr(self.overlay, handler)(event, *where)
        return took

    def _selected_ranges(self) -> dict[int, tuple[int, int]]:
        if not self.has_selection():
            return {}
        assert self._selection is not None
        lengths = {p: len(t.text) for p, t in self._texts.items()}
        return selection_ranges(self._selection.anchor, self._selection.focus, lengths)

    def copy(self, done: Callable[[str], None] | None = None) -> None:
        """Copy the selected text to the clipboard (pages whose text is not loaded yet are
        fetched first); ``done`` gets the text."""
        if not self.has_selection():
            return
        assert self._selection is not None
        (p0, _i0), (p1, _i1) = ordered(self._selection.anchor, self._selection.focus)
        selection = self._selection
        missing = [p for p in range(p0, p1 + 1) if p not in self._texts]

        def finish() -> None:
            if self._selection is not selection:
                return
            lengths = {p: len(t.text) for p, t in self._texts.items()}
            ranges = selection_ranges(selection.anchor, selection.focus, lengths)
            text = "\n".join(self._texts[p].text[a:b] for p, (a, b) in sorted(ranges.items()))
            QGuiApplication.clipboard().setText(text)
            if done is not None:
                done(text)

        if not missing:
            finish()
            return
        left = set(missing)

        def one(page: int) -> Callable[[PageText], None]:
            def got(_t: PageText) -> None:
                left.discard(page)
                if not left:
                    finish()

            return got

        for page in missing:
            self.with_text(page, one(page))

    def _boundary_at(self, pos: QPointF, then: Callable[[int, int, int], None]) -> None:
        """``then(page, index, boundary)`` for the character nearest ``pos`` (viewport)."""
        if self._info is None:
            return
        sx, sy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        page, x, y = self._layout.to_page(pos.x() + sx, pos.y() + sy)

        def found(text: PageText) -> None:
            index = text.index_at(x, y)
            if index is None:
                then(page, 0, 0)
                return
            box = text.boxes[index]
            after = x > (box[0] + box[2]) / 2 and y > box[1]
            then(page, index, index + 1 if after else index)

        self.with_text(page, found)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self._overlay_took("press", event):
            self._press_clicks = 0
            return
        triple = (
            self._press_clicks == 2
            and self._click_clock.isValid()
            and self._click_clock.elapsed() < QApplication.doubleClickInterval()
        )
        self._press_clicks = 1
        extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)

        def pressed(page: int, index: int, boundary: int) -> None:
            if triple:
                start, end = line_at(self._texts[page].text, index)
                self.select((page, start), (page, end))
            elif extend and self._selection is not None:
                self.select(self._selection.anchor, (page, boundary))
            else:
                self._selection = _Selection((page, boundary), (page, boundary))
                self.viewport().update()
                self.selection_changed.emit(False)

        self._boundary_at(event.position(), pressed)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self._overlay_took("double_click", event):
            self._press_clicks = 0
            return
        self._press_clicks = 2
        self._click_clock.start()

        def word(page: int, index: int, _b: int) -> None:
            start, end = word_at(self._texts[page].text, index)
            self.select((page, start), (page, end))

        self._boundary_at(event.position(), word)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self._overlay_took("move", event):
            return
        if not (event.buttons() & Qt.MouseButton.LeftButton) or self._press_clicks != 1:
            return
        pos = event.position()
        vp = self.viewport()
        if pos.y() < 0 or pos.y() > vp.height():  # dragging past an edge scrolls
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + round(pos.y() if pos.y() < 0 else pos.y() - vp.height()))

        def moved(page: int, _i: int, boundary: int) -> None:
            # after the press's own callback: page texts arrive in the order asked for
            if self._selection is not None:
                self.select(self._selection.anchor, (page, boundary))

        self._boundary_at(pos, moved)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._overlay_took("release", event):
            return
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._overlay_took("context_menu", event):
            event.accept()
            return
        super().contextMenuEvent(event)

    def _extend(self, key: int) -> None:
        """Shift+arrow: move the selection's focus by a character or a line."""
        if self._selection is None:
            page = self.position()[0]
            self.with_text(page, lambda _t: self.select((page, 0), (page, 0)))
            if self._selection is None:
                return
        assert self._selection is not None
        anchor, (page, index) = self._selection.anchor, self._selection.focus
        text = self._texts.get(page)
        if text is None:
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            index += 1 if key == Qt.Key.Key_Right else -1
            if index < 0 and page > 0 and page - 1 in self._texts:
                page, index = page - 1, len(self._texts[page - 1].text)
            elif index > len(text.text) and page + 1 < self.page_count:
                page, index = page + 1, 0
                self.with_text(page, lambda _t: None)
            index = max(0, min(index, len(self._texts[page].text) if page in self._texts else 0))
        else:
            lines = text.text.split("\n")
            starts = [0]
            for line in lines[:-1]:
                starts.append(starts[-1] + len(line) + 1)
            row = max(i for i, s in enumerate(starts) if s <= index) if index else 0
            column = index - starts[row]
            row += 1 if key == Qt.Key.Key_Down else -1
            if row < 0:
                index = 0
            elif row >= len(lines):
                index = len(text.text)
            else:
                index = starts[row] + min(column, len(lines[row]))
        self.select(anchor, (page, index))

    # -- keys, wheel, pinch ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.overlay is not None and self.overlay.key(event):
            event.accept()
            return
        key = event.key()
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.AltModifier:
            event.ignore()  # Alt+Left/Right: back and forward, for the pane
            return
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        v, h = self.verticalScrollBar(), self.horizontalScrollBar()
        page_step = max(SCROLL_STEP, v.pageStep() - max(SCROLL_STEP, v.pageStep() // 10))
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_page()
        elif shift and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._extend(key)
        elif key == Qt.Key.Key_Down:
            v.setValue(v.value() + SCROLL_STEP)
        elif key == Qt.Key.Key_Up:
            v.setValue(v.value() - SCROLL_STEP)
        elif key == Qt.Key.Key_Right:
            h.setValue(h.value() + SCROLL_STEP)
        elif key == Qt.Key.Key_Left:
            h.setValue(h.value() - SCROLL_STEP)
        elif key == Qt.Key.Key_PageDown or (key == Qt.Key.Key_Space and not shift):
            v.setValue(v.value() + page_step)
        elif key == Qt.Key.Key_PageUp or (key == Qt.Key.Key_Space and shift):
            v.setValue(v.value() - page_step)
        elif key == Qt.Key.Key_Home:
            v.setValue(v.minimum())
        elif key == Qt.Key.Key_End:
            v.setValue(v.maximum())
        elif key == Qt.Key.Key_Escape and self.has_selection():
            self.clear_selection()
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Copy)
                or event.matches(QKeySequence.StandardKey.SelectAll)
                or (self.overlay is not None and self.overlay.wants_key(event))
            )
        ):
            event.accept()
            return True
        if (
            isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            pos = self.viewport().mapFromGlobal(event.globalPosition().toPoint())
            self.set_zoom(self._zoom * (1.0 + event.value()), QPointF(pos))
            return True
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self._zoom * (1.1**steps), event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def viewport_point(self, page: int, x: float, y: float) -> QPoint:
        """Where the page point (``x``, ``y`` in points) is in the viewport now (tests,
        tooltips)."""
        cx, cy = self._layout.to_content(page, x, y)
        return QPoint(
            round(cx - self.horizontalScrollBar().value()),
            round(cy - self.verticalScrollBar().value()),
        )

    def page_rect_in_view(self, page: int) -> QRect:
        r = self._layout.rect(page)
        return QRect(
            r.x - self.horizontalScrollBar().value(),
            r.y - self.verticalScrollBar().value(),
            r.width,
            r.height,
        )
