"""A scrollable view of one PDF page, rendered off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QWidget

from reader.pdf.render import RenderedPage, render_page
from ui import tasks

_MARGIN = 24  # pixels left free beside a page fitted to the width


class PageView(QScrollArea):
    """Shows ``page`` of ``path``, fitted to the width until the user zooms.

    The newest request wins: a render that finishes after a newer request is dropped.
    """

    page_changed = Signal(int, int)  # 0-based page, page count
    render_failed = Signal(object)  # the exception

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.setAccessibleName(self.tr("Dokumentside"))
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._label = QLabel()
        self._label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(self._label)
        self._path: Path | None = None
        self._page = 0
        self._count = 0
        self._zoom = 1.0
        self._fit = True
        self._generation = 0
        self._shown: tuple[Path, int] | None = None
        self._scroll_to: float | None = None
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(120)
        self._refit.timeout.connect(self._request)

    @property
    def page(self) -> int:
        return self._page

    @property
    def page_count(self) -> int:
        return self._count

    def show_page(self, path: Path | None, page: int, y: float | None = None) -> None:
        """Show ``page`` (0-based), scrolled so that ``y`` (PDF points from the top, where an
        item's heading stands) is at the top of the view."""
        self._path = path
        self._page = max(0, page)
        self._scroll_to = y
        if path is None:
            self._generation += 1
            self._label.clear()
            self._count = 0
            return
        self._request()

    def step(self, delta: int) -> None:
        if self._path is not None and 0 <= self._page + delta < max(self._count, 1):
            self.show_page(self._path, self._page + delta)

    def zoom_by(self, factor: float) -> None:
        self._fit = False
        self._zoom = min(6.0, max(0.25, self._zoom * factor))
        if self._path is not None:
            self._request()

    def fit_width(self) -> None:
        self._fit = True
        if self._path is not None:
            self._request()

    def _request(self) -> None:
        if self._path is None:
            return
        self._generation += 1
        generation, path, page = self._generation, self._path, self._page
        ratio = self.devicePixelRatioF()
        zoom = self._zoom * ratio
        fit = int((self.viewport().width() - _MARGIN) * ratio) if self._fit else None

        def done(result: RenderedPage) -> None:
            if generation != self._generation:
                return
            image = QImage(
                result.samples,
                result.width,
                result.height,
                result.stride,
                QImage.Format.Format_RGB888,
            ).copy()
            image.setDevicePixelRatio(ratio)
            self._label.setPixmap(QPixmap.fromImage(image))
            new_page = self._shown != (path, page)
            self._shown = (path, page)
            self._label.resize(int(result.width / ratio), int(result.height / ratio))
            self._zoom = result.zoom / ratio
            if self._scroll_to is not None:
                # a little of what is above the heading stays in view, as in a reader app
                self.verticalScrollBar().setValue(max(0, int(self._scroll_to * self._zoom) - 12))
                self._scroll_to = None
            elif new_page:
                self.verticalScrollBar().setValue(0)
            self._count = result.page_count
            self.page_changed.emit(page, result.page_count)

        tasks.start(
            lambda _t: render_page(path, page, zoom, fit if fit and fit > 50 else None),
            self,
            succeeded=done,
            failed=self.render_failed.emit,
            on="render",
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit and self._path is not None:
            self._refit.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """PgDn/PgUp scroll through a page and then turn it, as in a reader app."""
        key = event.key()
        bar = self.verticalScrollBar()
        if key == Qt.Key.Key_PageDown and bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
        elif key == Qt.Key.Key_PageUp and bar.value() > bar.minimum():
            bar.setValue(bar.value() - bar.pageStep())
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space):
            self.step(1)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left):
            self.step(-1)
        elif key == Qt.Key.Key_Home:
            self.show_page(self._path, 0)
        elif key == Qt.Key.Key_End and self._count:
            self.show_page(self._path, self._count - 1)
        else:
            super().keyPressEvent(event)
