"""The reader's sidebar: page thumbnails and the PDF's own bookmarks (its outline).

Thumbnails are asked for only for the rows in sight, under their own key so the page view's
requests come first, and only a bounded number keep their pixmap: a 1,000-page document
does not hold 1,000 thumbnails.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from reader.render import DocumentInfo, RenderFailure, TileRequest
from ui.viewer.client import RenderClient

THUMB_WIDTH = 96  # logical pixels
KEEP_ICONS = 80
_PAGE_ROLE = Qt.ItemDataRole.UserRole
_Y_ROLE = Qt.ItemDataRole.UserRole + 1


class Thumbnails(QListWidget):
    """One row per page, its thumbnail and number; activating a row jumps there."""

    page_chosen = Signal(int)

    def __init__(self, client: RenderClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thumbnails")
        self.setAccessibleName(self.tr("Sideminiaturer"))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._client = client
        self._key = ("thumbnails", id(self))
        self._info: DocumentInfo | None = None
        self._icons: OrderedDict[int, None] = OrderedDict()
        self._blank = QIcon()
        self._following = False
        client.add_listener(self, self._arrived, self._failed)
        self._asking = QTimer(self)
        self._asking.setSingleShot(True)
        self._asking.setInterval(50)
        self._asking.timeout.connect(self._ask)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._asking.start())
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)

    def set_document(self, info: DocumentInfo | None) -> None:
        """Show ``info``'s pages; the rows are made when the list is first shown (a hidden
        sidebar costs a 1,000-page document nothing)."""
        self._info = info
        self._icons.clear()
        self.clear()
        self._client.want(self._key, [])
        if self.isVisible():
            self._fill()

    def _fill(self) -> None:
        info = self._info
        if info is None or self.count():
            return
        width, height = info.sizes[0] if info.sizes else (595.0, 842.0)
        icon_size = QSize(THUMB_WIDTH, round(THUMB_WIDTH * height / max(width, 1.0)))
        self.setIconSize(icon_size)
        blank = QPixmap(icon_size)
        blank.fill(QColor(255, 255, 255))
        self._blank = QIcon(blank)
        self.setUpdatesEnabled(False)
        for page in range(info.page_count):
            item = QListWidgetItem(self._blank, str(page + 1))
            item.setData(_PAGE_ROLE, page)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            item.setToolTip(self.tr("Side %1").replace("%1", str(page + 1)))
            self.addItem(item)
        self.setUpdatesEnabled(True)
        self._asking.start()

    def follow(self, page: int) -> None:
        """Show ``page`` as the current row (the view scrolled there) without a jump."""
        self._fill()
        if 0 <= page < self.count() and self.currentRow() != page:
            self._following = True
            self.setCurrentRow(page)
            self.scrollToItem(self.item(page))
            self._following = False

    def _chosen(self, item: QListWidgetItem) -> None:
        if not self._following:
            self.page_chosen.emit(int(item.data(_PAGE_ROLE)))

    def _scale(self, page: int) -> float:
        assert self._info is not None
        return float(THUMB_WIDTH / max(self._info.sizes[page][0], 1.0) * self.devicePixelRatioF())

    def _rows_in_sight(self) -> range:
        if not self.count():
            return range(0)
        top = self.indexAt(self.viewport().rect().topLeft() + self._probe())
        bottom = self.indexAt(self.viewport().rect().bottomLeft() + self._probe(-1))
        first = top.row() if top.isValid() else 0
        last = bottom.row() if bottom.isValid() else min(self.count() - 1, first + 10)
        return range(max(0, first - 1), min(self.count(), last + 2))

    def _probe(self, dy: int = 1) -> QPoint:
        return QPoint(self.viewport().width() // 2, 4 * dy)

    def _ask(self) -> None:
        if self._info is None or not self.isVisible():
            return
        path = self._info.path
        wanted = []
        for page in self._rows_in_sight():
            req = TileRequest(path, page, self._scale(page))
            tile = self._client.cached(req)
            if tile is not None:
                self._set_icon(page, tile.image)
            elif self._client.failure(path, page) is None:
                wanted.append(req)
        self._client.want(self._key, [], wanted)  # after the page view's own requests

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fill()
        self._asking.start()

    def _arrived(self, request: TileRequest) -> None:
        if (
            self._info is not None
            and request.path == self._info.path
            and request.region is None
            and request.page < self.count()
            and abs(request.scale - self._scale(request.page)) < 1e-9
        ):
            tile = self._client.cached(request)
            if tile is not None:
                self._set_icon(request.page, tile.image)

    def _failed(self, _failure: RenderFailure) -> None:
        pass  # the page stays blank here; the view says it could not be shown

    def _set_icon(self, page: int, image: QImage) -> None:
        if page in self._icons:
            self._icons.move_to_end(page)
            return
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.item(page).setIcon(QIcon(pixmap))
        self._icons[page] = None
        while len(self._icons) > KEEP_ICONS:
            old, _ = self._icons.popitem(last=False)
            if old < self.count():
                self.item(old).setIcon(self._blank)

    def icon_pages(self) -> list[int]:
        """Pages whose thumbnail is drawn (tests)."""
        return list(self._icons)


class Bookmarks(QTreeWidget):
    """The PDF's outline; activating an entry jumps to it."""

    chosen = Signal(int, object)  # page, y (points) or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarks")
        self.setAccessibleName(self.tr("Bogmærker"))
        self.setHeaderHidden(True)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)

    def set_document(self, info: DocumentInfo | None) -> None:
        self.clear()
        if info is None:
            return
        stack: list[tuple[int, QTreeWidgetItem]] = []
        for entry in info.outline:
            while stack and stack[-1][0] >= entry.level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            item = QTreeWidgetItem([entry.title])
            item.setData(0, _PAGE_ROLE, entry.page)
            item.setData(0, _Y_ROLE, entry.y)
            if entry.page >= 0:
                item.setToolTip(0, self.tr("Side %1").replace("%1", str(entry.page + 1)))
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
            stack.append((entry.level, item))
        self.expandToDepth(0)

    def _chosen(self, item: QTreeWidgetItem) -> None:
        page = int(item.data(0, _PAGE_ROLE))
        if page >= 0:
            self.chosen.emit(page, item.data(0, _Y_ROLE))


class Sidebar(QTabWidget):
    """Thumbnails and bookmarks in two tabs (the bookmarks tab only when the PDF has any)."""

    def __init__(self, client: RenderClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerSidebar")
        self.setAccessibleName(self.tr("Sidepanel"))
        self.thumbnails = Thumbnails(client, self)
        self.bookmarks = Bookmarks(self)
        self.tabBar().setAccessibleName(self.tr("Sidepanelets faner"))
        self.addTab(self.thumbnails, self.tr("Sider"))
        self.addTab(self.bookmarks, self.tr("Bogmærker"))
        self.setMinimumWidth(THUMB_WIDTH + 48)

    def set_document(self, info: DocumentInfo | None) -> None:
        self.thumbnails.set_document(info)
        self.bookmarks.set_document(info)
        self.setTabEnabled(1, bool(info and info.outline))
