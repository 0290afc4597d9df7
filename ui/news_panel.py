""" "Nyt siden sidste synkronisering": the documents the latest sync brought, re-issued or
withdrew, the latest first; opening one opens it in the reader."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from reader.library.news import NewsEntry

ROLE_DOCUMENT = Qt.ItemDataRole.UserRole


class NewsPanel(QWidget):
    open_requested = Signal(int, int)  # document id, page (1-based)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newsPanel")
        self.heading = QLabel(self.tr("Nyt siden sidste synkronisering"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setObjectName("newsList")
        self.tree.setAccessibleName(self.tr("Nyt siden sidste synkronisering"))
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.empty = QLabel(self.tr("Intet nyt siden sidste synkronisering."))
        self.empty.setObjectName("newsEmpty")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        self.entries: list[NewsEntry] = []

    def show_entries(
        self, entries: list[NewsEntry], when: Callable[[str | None], str], unread: set[int]
    ) -> None:
        self.entries = entries
        self.tree.clear()
        words = {
            "new": self.tr("Nyt"),
            "updated": self.tr("Ændret"),
            "removed": self.tr("Fjernet af kilden"),
        }
        bold = QFont(self.tree.font())
        bold.setBold(True)
        struck = QFont(self.tree.font())
        struck.setStrikeOut(True)
        rows = []
        for e in entries:
            doc = e.document
            what = doc.title if doc.kind == "attachment" else e.meeting.title
            row = QTreeWidgetItem([f"{words[e.what]}: {what}"])
            row.setToolTip(
                0,
                "\n".join(x for x in (e.meeting.body, e.meeting.title, when(e.meeting.start)) if x),
            )
            row.setData(0, ROLE_DOCUMENT, doc.id)
            if e.what == "removed":
                row.setFont(0, struck)
            elif doc.id in unread:
                row.setFont(0, bold)
            rows.append(row)
        self.tree.addTopLevelItems(rows)
        self.empty.setVisible(not entries)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        document_id = item.data(0, ROLE_DOCUMENT)
        if document_id is not None:
            self.open_requested.emit(int(document_id), 0)
