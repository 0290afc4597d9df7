"""*Sagens forløb*: the items of the same case across meetings and bodies, with the decision
the minutes record on each, and the items only *possibly* of the same case, kept apart.

It follows the item the member is on (the agenda's selection or the reading position) and
reads on the library worker: the read is indexed (``reader.library.cases``) but a window
must not wait for any query. A click on an entry opens that item where it is printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.i18n import plural
from ui import tasks
from ui.ops import LibraryOps

if TYPE_CHECKING:
    from reader.library import Library
    from reader.library.cases import CaseEntries, CaseEntry, CaseHistory

ROLE_ENTRY = Qt.ItemDataRole.UserRole
FOLLOW_MS = 150  # an item passed while scrolling is not worth a read
DECISION_PREVIEW = 90  # characters of a decision shown in its row
BODY_WIDTH = 130  # pixels: a longer body's name is elided (its tooltip has it whole)


def _when(entry: CaseEntry) -> str:
    date = entry.date
    if not date:
        return "—"
    year, month, day = date.split("-")
    return f"{int(day)}.{int(month)}.{year}"


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= DECISION_PREVIEW else flat[: DECISION_PREVIEW - 1] + "…"


class CasePanel(QWidget):
    """Public API: ``show_item(item_id)`` (follows, debounced), ``show_case(text)`` (a typed
    number), ``entries`` (what is listed); signals ``open_requested(meeting, item, document,
    page)`` (item 0 for a place that is no item's heading, document 0 when there is none)
    and ``counted(n)``, the other items listed."""

    open_requested = Signal(int, int, int, int)  # meeting, item (0: none), document, page
    counted = Signal(int)  # other items of the case listed (0: none, or no case)

    def __init__(self, ops: LibraryOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePanel")
        self.ops = ops
        self.heading = QLabel(self._words("choose"))
        self.heading.setObjectName("caseHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setObjectName("caseList")
        self.tree.setAccessibleName(
            QCoreApplication.translate("CasePanel", "Sagens punkter på tværs af møder")
        )
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("CasePanel", "Dato"),
                QCoreApplication.translate("CasePanel", "Udvalg"),
                QCoreApplication.translate("CasePanel", "Punkt"),
            ]
        )
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(True)
        # the middle of the window is narrow: the title takes what the others leave
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, header.ResizeMode.Stretch)
        self.tree.setColumnWidth(1, BODY_WIDTH)

        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setToolTip(
            QCoreApplication.translate(
                "CasePanel", "Klik eller tryk Enter for at åbne punktet, hvor det står"
            )
        )
        self.tree.itemClicked.connect(lambda row, _c: self._open(row))
        self.tree.itemActivated.connect(lambda row, _c: self._open(row))
        self.tree.currentItemChanged.connect(lambda row, _p: self._show_decision(row))
        self.decision = QTextBrowser()
        self.decision.setObjectName("caseDecision")
        self.decision.setAccessibleName(QCoreApplication.translate("CasePanel", "Beslutningen"))
        self.decision.setOpenLinks(False)
        self.decision_button = QPushButton(
            QCoreApplication.translate("CasePanel", "Åbn &beslutningen")
        )
        self.decision_button.setObjectName("openDecision")
        self.decision_button.clicked.connect(self._open_decision)
        self.decision_button.hide()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.decision, 1)
        lower_layout.addWidget(self.decision_button, 0, Qt.AlignmentFlag.AlignLeft)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("caseSplitter")
        split.addWidget(self.tree)
        split.addWidget(lower)
        split.setSizes([240, 120])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        self.entries: list[CaseEntry] = []
        self.possibly: list[CaseEntry] = []
        self._item: int | None = None  # the item followed
        self._asked = 0  # generation: a late answer for an item left behind is dropped
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self._read_item)
        self._decision_of: CaseEntry | None = None

    # -- asking ----------------------------------------------------------------------------

    def show_item(self, item_id: int | None, now: bool = False) -> None:
        """Follow ``item_id`` (None: no item); read a little later unless ``now``."""
        if item_id == self._item and not now:
            return
        self._item = item_id
        self._asked += 1
        if item_id is None:
            self._follow.stop()
            self._clear(self._words("choose"))
            return
        if now:
            self._follow.stop()
            self._read_item()
        else:
            self._follow.start()

    def show_case(self, text: str) -> tasks.Task:
        """List the items of a typed case number."""
        self._item = None
        self._follow.stop()
        self._asked += 1
        asked = self._asked

        def read(lib: Library, _task: tasks.Task) -> CaseEntries:
            from reader.library.cases import case_entries

            return case_entries(lib, text)

        return (
            self.ops.op(self, read)
            .success(lambda found: self._show_entries(found, asked))
            .run_in_background()
        )

    def _read_item(self) -> None:
        item_id, asked = self._item, self._asked
        if item_id is None:
            return

        def read(lib: Library, _task: tasks.Task) -> CaseHistory:
            from reader.library.cases import case_history

            return case_history(lib, item_id)

        self.ops.op(self, read).success(lambda h: self._show_history(h, asked)).failure(
            lambda _exc: self._clear(self._words("gone")) if asked == self._asked else None
        ).run_in_background()

    # -- showing ---------------------------------------------------------------------------

    def _show_history(self, history: CaseHistory, asked: int) -> None:
        if asked != self._asked:
            return
        numbers = ", ".join(k.label for k in history.cases)
        if not history.cases:
            heading = self._words("no number" if history.possibly_same else "nothing")
        elif len(history.entries) <= 1:
            heading = self._words("alone").replace("%1", numbers)
        else:
            heading = (
                self._words("case")
                .replace("%1", numbers)
                .replace("%2", plural(len(history.entries), "punkt", "punkter", "item", "items"))
            )
        self._fill(
            heading,
            list(history.entries),
            [p.entry for p in history.possibly_same],
            history.item.item_id,
            {p.entry.item_id: ", ".join(p.shared) for p in history.possibly_same},
        )
        self.counted.emit(max(0, len(history.entries) - 1))

    def _show_entries(self, found: CaseEntries, asked: int) -> None:
        if asked != self._asked:
            return
        if not found.entries:
            heading = self._words("unknown").replace("%1", found.case.label)
        else:
            heading = (
                self._words("case")
                .replace("%1", found.case.label)
                .replace("%2", plural(len(found.entries), "punkt", "punkter", "item", "items"))
            )
        self._fill(heading, list(found.entries), [], None, {})
        self.counted.emit(len(found.entries))

    def _clear(self, heading: str) -> None:
        self._fill(heading, [], [], None, {})
        self.counted.emit(0)

    def _fill(
        self,
        heading: str,
        entries: list[CaseEntry],
        possibly: list[CaseEntry],
        current: int | None,
        shared: dict[int, str],
    ) -> None:
        self.heading.setText(heading)
        self.entries, self.possibly = entries, possibly
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        italic = QFont(self.tree.font())
        italic.setItalic(True)
        focus: QTreeWidgetItem | None = None
        rows = []
        for entry in entries:
            row = self._row(entry)
            if entry.item_id == current:
                for col in range(3):
                    row.setFont(col, bold)
                row.setText(
                    2,
                    row.text(2) + " " + QCoreApplication.translate("CasePanel", "(dette punkt)"),
                )
                focus = row
            rows.append(row)
        self.tree.addTopLevelItems(rows)
        if possibly:
            group = QTreeWidgetItem(
                [QCoreApplication.translate("CasePanel", "Muligvis samme sag"), "", ""]
            )
            group.setFirstColumnSpanned(True)
            group.setFont(0, italic)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setToolTip(
                0,
                QCoreApplication.translate(
                    "CasePanel",
                    "Punkter med en lignende titel i de samme udvalg, men uden fælles "
                    "sagsnummer. De er ikke lagt sammen med sagen.",
                ),
            )
            self.tree.addTopLevelItem(group)
            for entry in possibly:
                row = self._row(entry)
                words = shared.get(entry.item_id)
                if words:
                    tip = QCoreApplication.translate("CasePanel", "Fælles ord i titlen: %1")
                    row.setToolTip(2, tip.replace("%1", words))
                group.addChild(row)
            group.setExpanded(True)
        self.tree.setColumnWidth(1, min(BODY_WIDTH, self.tree.sizeHintForColumn(1) + 12))
        if focus is not None:
            self.tree.setCurrentItem(focus)
            self.tree.scrollToItem(focus)
        else:
            self._show_decision(None)

    def _row(self, entry: CaseEntry) -> QTreeWidgetItem:
        title = f"{entry.number}. {entry.title}" if entry.number else entry.title
        row = QTreeWidgetItem([_when(entry), entry.body, title])
        row.setData(0, ROLE_ENTRY, entry)
        tip = f"{entry.meeting_title}\n{title}"
        if entry.decision is not None:
            tip += f"\n\n{entry.decision.heading}: {_preview(entry.decision.text)}"
        row.setToolTip(1, entry.body)
        row.setToolTip(2, tip)
        return row

    def _show_decision(self, row: QTreeWidgetItem | None) -> None:
        entry = row.data(0, ROLE_ENTRY) if row is not None else None
        self._decision_of = entry
        if entry is None:
            self.decision.clear()
            self.decision_button.hide()
            return
        if entry.decision is None:
            self.decision.setPlainText(
                QCoreApplication.translate(
                    "CasePanel", "Biblioteket har ingen beslutning på dette punkt endnu."
                )
            )
            self.decision_button.hide()
            return
        self.decision.setPlainText(f"{entry.decision.heading}\n\n{entry.decision.text}")
        self.decision_button.setVisible(entry.decision.document_id is not None)

    # -- opening ---------------------------------------------------------------------------

    def _open(self, row: QTreeWidgetItem) -> None:
        entry = row.data(0, ROLE_ENTRY)
        if entry is None:
            return
        self.open_requested.emit(
            entry.meeting_id, entry.item_id, entry.document_id or 0, entry.page or 1
        )

    def _open_decision(self) -> None:
        entry = self._decision_of
        if entry is None or entry.decision is None or entry.decision.document_id is None:
            return
        self.open_requested.emit(
            entry.meeting_id, 0, entry.decision.document_id, entry.decision.page or 1
        )

    # -- words -----------------------------------------------------------------------------

    @staticmethod
    def _words(which: str) -> str:
        words = {
            "choose": QCoreApplication.translate(
                "CasePanel", "Vælg et punkt på dagsordenen for at se sagens forløb."
            ),
            "no number": QCoreApplication.translate(
                "CasePanel", "Punktet har intet sagsnummer. Punkter med lignende titel:"
            ),
            "nothing": QCoreApplication.translate(
                "CasePanel", "Punktet har intet sagsnummer og ingen punkter med lignende titel."
            ),
            "alone": QCoreApplication.translate(
                "CasePanel", "Sag %1: ingen andre punkter i biblioteket."
            ),
            "case": QCoreApplication.translate("CasePanel", "Sag %1: %2 i biblioteket"),
            "unknown": QCoreApplication.translate(
                "CasePanel", "Intet punkt i biblioteket har sagsnummer %1."
            ),
            "gone": QCoreApplication.translate("CasePanel", "Punktet findes ikke længere."),
        }
        return words[which]
