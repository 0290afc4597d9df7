"""Where the member was: the last meeting and document, each document's reading position,
and the window's layout, kept in the app's settings so a restart comes back to them."""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget

log = logging.getLogger(__name__)

KEEP_POSITIONS = 500  # documents whose position is remembered; the oldest are forgotten


class ReadingState:
    """Reading positions by document id (stable across re-issued versions, so a new version
    opens near where the old one was left), most recently read last."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self._positions: dict[str, list[float]] = {}
        raw = settings.value("reading/positions")
        if isinstance(raw, str) and raw:
            try:
                loaded = json.loads(raw)
            except ValueError:
                log.warning("reading positions unreadable; starting afresh")
            else:
                if isinstance(loaded, dict):
                    self._positions = {
                        str(k): [float(v[0]), float(v[1])]
                        for k, v in loaded.items()
                        if isinstance(v, list) and len(v) == 2
                    }

    def position(self, document_id: int) -> tuple[int, float] | None:
        found = self._positions.get(str(document_id))
        return (int(found[0]), found[1]) if found else None

    def remember(self, document_id: int, page: int, y: float) -> None:
        key = str(document_id)
        self._positions.pop(key, None)  # to the end: the most recent
        self._positions[key] = [page, round(y, 1)]
        while len(self._positions) > KEEP_POSITIONS:
            self._positions.pop(next(iter(self._positions)))

    def last(self) -> tuple[int | None, int | None]:
        """The meeting and document open when the app last closed."""
        return _int(self.settings.value("reading/meeting")), _int(
            self.settings.value("reading/document")
        )

    def save(
        self,
        meeting_id: int | None,
        document_id: int | None,
        window: QMainWindow,
        splitters: list[QSplitter],
        tabs: QTabWidget,
    ) -> None:
        s = self.settings
        s.setValue("reading/positions", json.dumps(self._positions))
        s.setValue("reading/meeting", meeting_id if meeting_id is not None else "")
        s.setValue("reading/document", document_id if document_id is not None else "")
        s.setValue("window/geometry", window.saveGeometry())
        s.setValue("window/state", window.saveState())
        for splitter in splitters:
            s.setValue(f"layout/{splitter.objectName()}", splitter.saveState())
        s.setValue("layout/leftTab", tabs.currentIndex())
        s.sync()

    def restore_layout(
        self, window: QMainWindow, splitters: list[QSplitter], tabs: QTabWidget
    ) -> bool:
        """Geometry, splitter sizes and the left tab as they were; False on a first start."""
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            window.restoreGeometry(geometry)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        self.restore_splitters(splitters)
        tab = _int(s.value("layout/leftTab"))
        if tab is not None and 0 <= tab < tabs.count():
            tabs.setCurrentIndex(tab)
        return isinstance(geometry, QByteArray) and not geometry.isEmpty()

    def restore_splitters(self, splitters: list[QSplitter]) -> None:
        """Sizes as they were; again once the window has its size (a hidden window's splitters
        hand out a restored state by their stretch factors when it is first laid out)."""
        for splitter in splitters:
            saved = self.settings.value(f"layout/{splitter.objectName()}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError:
        return None
