"""Find in the open document: a bar with the count ("3 af 17") and a search that runs in
chunks of pages through the render workers, so the count grows as it goes and a new
needle (or closing the bar) stops the old search at its next chunk."""

from __future__ import annotations

import bisect
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.render import FindMatch
from ui.viewer.client import RenderClient
from ui.viewer.view import DocumentView
from ui.widgets import tool_button

CHUNK = 25  # pages per request to the workers
TYPING_MS = 200  # a pause in typing starts the search


class FindBar(QWidget):
    """The find field, previous/next, the count and a close button; hidden until Ctrl+F."""

    closed = Signal()

    def __init__(self, client: RenderClient, view: DocumentView, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName(self.tr("Find i dokumentet"))
        self._client = client
        self._view = view
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setAccessibleName(self.tr("Find"))
        self.field.setPlaceholderText(self.tr("Find i dokumentet"))
        self.field.setClearButtonEnabled(True)
        self.previous_button = self._button(
            "findPrevious", "▲", self.tr("Forrige"), self.tr("Forrige fund (Shift+F3)")
        )
        self.next_button = self._button(
            "findNext", "▼", self.tr("Næste"), self.tr("Næste fund (F3)")
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("findCount")
        self.count_label.setAccessibleName(self.tr("Antal fund"))
        self.close_button = self._button("findClose", "✕", self.tr("Luk"), self.tr("Luk (Esc)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.field, 1)
        for w in (self.previous_button, self.next_button, self.count_label, self.close_button):
            row.addWidget(w)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.close_bar)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_MS)
        self._typing.timeout.connect(lambda: self.search())
        self.field.textChanged.connect(lambda _t: self._typing.start())
        self.field.returnPressed.connect(lambda: self.step(1))
        self.field.installEventFilter(self)
        self._generation = 0
        self._needle = ""
        self._matches: list[FindMatch] = []
        self._keys: list[tuple[int, int]] = []
        self._current = -1
        self._done = True
        self._path: Path | None = None
        view.document_opened.connect(lambda _info: self._restart())
        self.hide()

    def _button(self, name: str, text: str, accessible: str, tip: str) -> QToolButton:
        return tool_button(self, name, text, accessible, tip, raised=True)

    # -- opening and closing ---------------------------------------------------------------

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self._generation += 1  # the running search stops at its next chunk
        self._typing.stop()
        self._matches, self._keys, self._current = [], [], -1
        self._view.set_find_matches({})
        self._view.set_current_match(None)
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and shift:
                self.step(-1)
                return True
        return super().eventFilter(watched, event)

    # -- searching -------------------------------------------------------------------------

    def matches(self) -> list[FindMatch]:
        return list(self._matches)

    def current(self) -> int:
        """The index of the current match, -1 for none."""
        return self._current

    def finished(self) -> bool:
        return self._done

    def _restart(self) -> None:
        if self.isVisible() and self.field.text().strip():
            self.search()

    def search(self, needle: str | None = None) -> None:
        """Find ``needle`` (default: the field's text) in the whole document, chunk by chunk."""
        if needle is not None and needle != self.field.text():
            self.field.blockSignals(True)
            self.field.setText(needle)
            self.field.blockSignals(False)
        self._typing.stop()
        self._generation += 1
        self._needle = self.field.text().strip()
        self._matches, self._keys, self._current = [], [], -1
        self._view.set_find_matches({})
        self._view.set_current_match(None)
        self._path = self._view.path
        count = self._view.page_count
        if not self._needle or self._path is None or not count:
            self._done = True
            self._show_count()
            return
        self._done = False
        self._show_count()
        self._chunk(self._generation, 0, count)

    def _chunk(self, generation: int, first: int, count: int) -> None:
        assert self._path is not None
        last = min(count, first + CHUNK) - 1

        def found(result: list[FindMatch] | BaseException) -> None:
            if generation != self._generation:
                return
            if isinstance(result, BaseException):
                self._done = True
                self._show_count()
                return
            self._add(result)
            if last + 1 < count:
                self._chunk(generation, last + 1, count)
            else:
                self._done = True
                if self._current < 0 and self._matches:
                    self._go(0)  # nothing after where the reader was: wrap to the first
                self._show_count()

        self._client.find(self._path, self._needle, first, last, self, found)

    def _add(self, found: list[FindMatch]) -> None:
        if not found:
            return
        for m in found:
            key = (m.page, m.start)
            i = bisect.bisect_left(self._keys, key)
            self._keys.insert(i, key)
            self._matches.insert(i, m)
            if self._current >= i:
                self._current += 1
        by_page: dict[int, list[FindMatch]] = {}
        for m in self._matches:
            by_page.setdefault(m.page, []).append(m)
        self._view.set_find_matches(by_page)
        if self._current < 0:
            page, y = self._view.position()
            for i, m in enumerate(self._matches):
                if m.page > page or (m.page == page and m.rects and m.rects[0][3] >= y):
                    self._go(i)
                    break
        self._show_count()

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) match, round the end; F3 / Shift+F3."""
        if self._needle != self.field.text().strip():
            self.search()
            return
        if not self._matches:
            return
        self._go((self._current + direction) % len(self._matches))

    def _go(self, index: int) -> None:
        self._current = index
        self._view.set_current_match(self._matches[index])
        self._show_count()

    def _show_count(self) -> None:
        n = len(self._matches)
        if not self._needle:
            text = ""
        elif n == 0:
            text = self.tr("Ingen fund") if self._done else self.tr("Søger…")
        else:
            text = self.tr("%1 af %2").replace("%1", str(self._current + 1)).replace("%2", str(n))
            if not self._done:
                text += "…"
        self.count_label.setText(text)
        self.count_label.setAccessibleDescription(text)
        enabled = n > 0
        self.previous_button.setEnabled(enabled)
        self.next_button.setEnabled(enabled)
