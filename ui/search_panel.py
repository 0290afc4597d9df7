"""The search panel: a query field, filters, and hits grouped by meeting and agenda item.

Self-contained: give it the window's ops (and, once notes exist, the in-memory notes
index); it emits ``open_requested(document_id, page, query)`` when a hit is opened. Queries run on
the "render" pool so typing never waits behind an import; the index is brought up to date
on the library worker after every change, and the panel searches again when it was.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.library import Library
from ui import tasks
from ui.errors import show_error
from ui.ops import ChangeReport, LibraryOps

if TYPE_CHECKING:
    from reader.paths import DataPaths
    from reader.search import Filters, NotesIndex, Searcher, SearchResult
    from reader.search.indexer import Indexer, IndexReport

log = logging.getLogger(__name__)

HIT_ROLE = Qt.ItemDataRole.UserRole
TYPING_MS = 150  # a pause in typing this long searches: results as you type
TYPING_HITS = 20  # the first screen of hits while typing; Enter asks for more
_KINDS = ("", "agenda", "minutes", "attachment")


class SearchPanel(QWidget):
    open_requested = Signal(int, int, str)  # document id, 1-based page, the query (to mark)
    case_requested = Signal(str)  # a case number typed as the query: show its case
    searched = Signal(object)  # the SearchResult shown, for whoever wants to know
    indexed = Signal(object)  # the IndexReport of a finished index update

    def __init__(
        self,
        ops: LibraryOps,
        notes: NotesIndex | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.notes = notes
        self._searcher: Searcher | None = None  # Whoosh loads with the first query
        self._generation = 0  # results of an older query are dropped
        self._query_task: tasks.Task | None = None
        self.shown_query = ""  # the query whose hits are listed
        self._index_error = ""  # the last index failure shown, not shown again
        self._warmed = False
        self._debounce = QTimer(self, singleShot=True, interval=TYPING_MS)
        self._debounce.timeout.connect(lambda: self.search_now(as_typed=True))
        self._build()
        ops.library_changed.connect(self._library_changed)

    def showEvent(self, event: QShowEvent) -> None:
        """The first time the tab is shown, the index and its word tables load on a worker:
        the first query then does not wait for them."""
        super().showEvent(event)
        if not self._warmed:
            self._warmed = True
            searcher = self.searcher

            def warm(_task: tasks.Task) -> None:
                try:
                    searcher.warm()
                except Exception as exc:  # no index yet, or a damaged one: the query says
                    log.info("search not warmed: %s", exc)

            tasks.start(warm, self, on="render")

    @property
    def searcher(self) -> Searcher:
        if self._searcher is None:
            from reader.search import Searcher

            self._searcher = Searcher(self.ops.paths)
        return self._searcher

    def forget(self) -> None:
        """Close the open searcher (the index changed, or the window closes)."""
        if self._searcher is not None:
            self._searcher.forget()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText(self.tr('Søg, fx sundhedsreform "ikke godkendt"'))
        self.query_edit.setAccessibleName(self.tr("Søgeord"))
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.textChanged.connect(self._typed)
        self.query_edit.returnPressed.connect(self.search_now)
        # a case number typed and entered opens its case beside the hits
        self.query_edit.returnPressed.connect(self._open_case)

        self.body_edit = QLineEdit()
        self.body_edit.setPlaceholderText(self.tr("Udvalg"))
        self.body_edit.setAccessibleName(self.tr("Kun dette udvalg"))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Dokumenttype"))
        for kind, label in zip(
            _KINDS,
            (
                self.tr("Alle dokumenter"),
                self.tr("Dagsordener"),
                self.tr("Referater"),
                self.tr("Bilag"),
            ),
            strict=True,
        ):
            self.kind_combo.addItem(label, kind)
        self.closed_check = QCheckBox(self.tr("Lukkede punkter"))
        self.closed_check.setChecked(True)
        self.closed_check.setAccessibleName(self.tr("Medtag lukkede punkter"))
        self.from_check = QCheckBox(self.tr("Fra"))
        self.from_check.setAccessibleName(self.tr("Fra dato"))
        # the span starts today, so the meetings ahead are in it (one ending today hid them)
        self.from_date = QDateEdit(QDate.currentDate())
        self.from_date.setCalendarPopup(True)
        self.from_date.setAccessibleName(self.tr("Første mødedato"))
        self.to_check = QCheckBox(self.tr("Til"))
        self.to_check.setAccessibleName(self.tr("Til dato"))
        self.to_date = QDateEdit(QDate.currentDate().addMonths(3))
        self.to_date.setCalendarPopup(True)
        self.to_date.setAccessibleName(self.tr("Sidste mødedato"))
        self.body_edit.editingFinished.connect(self.search_now)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.search_now())
        for c in (self.closed_check, self.from_check, self.to_check):
            c.toggled.connect(lambda _on: self.search_now())
        for d in (self.from_date, self.to_date):
            d.dateChanged.connect(lambda _d: self.search_now())

        # two columns: the panel shares the window's narrow left side with the meeting list
        filters = QGridLayout()
        filters.addWidget(self.body_edit, 0, 0, 1, 2)
        filters.addWidget(self.kind_combo, 0, 2, 1, 2)
        filters.addWidget(self.from_check, 1, 0)
        filters.addWidget(self.from_date, 1, 1)
        filters.addWidget(self.to_check, 1, 2)
        filters.addWidget(self.to_date, 1, 3)
        filters.addWidget(self.closed_check, 2, 0, 1, 4)

        self.suggestion_button = QPushButton()
        self.suggestion_button.setFlat(True)
        self.suggestion_button.setAccessibleName(self.tr("Forslag til stavning"))
        self.suggestion_button.hide()
        self.suggestion_button.clicked.connect(self._take_suggestion)
        self.case_button = QPushButton()
        self.case_button.setObjectName("openCase")
        self.case_button.setFlat(True)
        self.case_button.setAccessibleName(self.tr("Vis sagens forløb"))
        self.case_button.hide()
        self.case_button.clicked.connect(self._open_case)
        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Søgestatus"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Opdaterer søgeindekset"))
        self.progress.hide()

        self.results = QTreeWidget()
        self.results.setAccessibleName(self.tr("Søgeresultater"))
        self.results.setHeaderHidden(True)
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._activated)
        # one click opens a hit, as in a portal's hit list; the arrow keys only move
        self.results.itemClicked.connect(self._activated)
        self.query_edit.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addLayout(filters)
        layout.addWidget(self.case_button)
        layout.addWidget(self.suggestion_button)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.results, 1)

    # -- indexing -------------------------------------------------------------------------

    def update_index(self) -> tasks.Task:
        """Bring the index up to date in the background, waiting for any other indexer."""

        def run(lib: Library, task: tasks.Task) -> IndexReport:
            from reader.search import update_index

            return update_index(lib, task.report, task.cancelled, None)

        return self._index(run)

    def rebuild_index(self) -> tasks.Task:
        paths = self.ops.paths
        return self._index(lambda lib, task: _indexer(paths, task).rebuild(lib, wait=None))

    def _index(self, fn: Callable[[Library, tasks.Task], IndexReport]) -> tasks.Task:
        self.progress.setRange(0, 0)
        self.progress.show()
        return (
            self.ops.op(self, fn)
            .success(self._indexed)
            .failure(self._index_failed)
            .progress(self.show_progress)
            .run_in_background()
        )

    def show_progress(self, done: int, total: int, _what: str) -> None:
        """Progress of bringing the index up to date, here or as part of a change."""
        self.progress.show()
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        if total:
            self.progress.setFormat(
                self.tr("Søgeindeks: %1 af %2 sider")
                .replace("%1", str(done))
                .replace("%2", str(total))
            )

    def _indexed(self, report: IndexReport) -> None:
        self.progress.hide()
        self.forget()
        self.indexed.emit(report)
        if self.query_edit.text().strip():
            self.search_now()

    def _index_failed(self, exc: Exception) -> None:
        self.progress.hide()
        self._failed(exc)

    def _library_changed(self, report: ChangeReport) -> None:
        """After every change: search again if the index took in new pages."""
        self.progress.hide()
        follow = report.follow
        if follow is not None and follow.index_error is not None:
            if str(follow.index_error) != self._index_error:  # once, not after every save
                self._index_error = str(follow.index_error)
                show_error(self, follow.index_error)
        elif follow is not None:
            self._index_error = ""
        if report.documents or (follow is not None and follow.indexed_documents):
            self.forget()
            if self.query_edit.text().strip():
                self.search_now()

    # -- searching ------------------------------------------------------------------------

    def filters(self) -> Filters:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        from reader.search import Filters

        return Filters(
            body=self.body_edit.text().strip() or None,
            date_from=day(self.from_date) if self.from_check.isChecked() else None,
            date_to=day(self.to_date) if self.to_check.isChecked() else None,
            kinds=(self.kind_combo.currentData(),) if self.kind_combo.currentData() else (),
            include_closed=self.closed_check.isChecked(),
        )

    def _typed(self, text: str) -> None:
        self._cancel_query()
        self._debounce.start()
        from reader.library.case_numbers import parse_case_query

        number = parse_case_query(text)
        self.case_button.setProperty("case", number or "")
        self.case_button.setVisible(number is not None)
        if number is not None:
            # the number as typed: the key is for the library, not the member
            label = " ".join(text.split())
            self.case_button.setText(self.tr("Vis sagens forløb for %1 →").replace("%1", label))

    def _open_case(self) -> None:
        number = self.case_button.property("case")
        if number:
            self.case_requested.emit(str(number))

    def _cancel_query(self) -> None:
        """Stop the running query and drop its result: the member has typed on."""
        self._generation += 1
        if self._query_task is not None:
            self._query_task.cancel()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the query field goes to the first hit: the keys move through hits."""
        if (
            watched is self.query_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            first = self._first_hit()
            if first is not None:
                self.results.setCurrentItem(first)
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _first_hit(self) -> QTreeWidgetItem | None:
        for i in range(self.results.topLevelItemCount()):
            top = self.results.topLevelItem(i)
            if top is not None and top.childCount():
                return top.child(0)
        return None

    def search_now(self, as_typed: bool = False) -> None:
        """Search what is typed; ``as_typed``: while typing, the word being typed counts
        as the beginning of a word ("praktikpl" finds "praktikpladser")."""
        self._debounce.stop()
        text = self.query_edit.text().strip()
        # while typing, what ends the field counts: "praktikpl" is a beginning, "plads " a word
        query = self.query_edit.text().lstrip() if as_typed else text
        self._cancel_query()
        generation = self._generation
        if not text:
            self.results.clear()
            self.status_label.clear()
            self.suggestion_button.hide()
            return
        searcher, filters, notes = self.searcher, self.filters(), self.notes

        def run(task: tasks.Task) -> SearchResult | None:
            try:
                limit = TYPING_HITS if as_typed else 50
                return searcher.search(
                    query, filters, limit, notes, cancelled=task.cancelled, typing=as_typed
                )
            except _index_damaged():
                return None  # shown below; the library pool rebuilds it

        def done(result: SearchResult | None) -> None:
            if generation != self._generation:
                return
            if result is None:
                self.status_label.setText(self.tr("Søgeindekset genopbygges…"))
                self.update_index()
                return
            self.shown_query = text
            self.show_result(result)

        # the handle must live until its signals arrive
        self._query_task = tasks.start(run, self, succeeded=done, failed=self._failed, on="render")

    def _failed(self, exc: Exception) -> None:
        self.status_label.setText(self.tr("Søgningen mislykkedes"))
        show_error(self, exc)

    def show_result(self, result: SearchResult) -> None:
        self.results.clear()
        if result.suggestion:
            self.suggestion_button.setText(self.tr("Mente du: %1").replace("%1", result.suggestion))
            self.suggestion_button.setProperty("suggestion", result.suggestion)
            self.suggestion_button.show()
        else:
            self.suggestion_button.hide()
        if result.total == 0:
            self.status_label.setText(self.tr("Ingen resultater"))
        elif result.total == 1:
            self.status_label.setText(self.tr("1 resultat"))
        else:
            self.status_label.setText(self.tr("%1 resultater").replace("%1", str(result.total)))
        for group in result.groups():
            day = (group.date or "")[:10]
            heading = f"{group.meeting_title}"
            if group.item:
                heading += f" · {group.item} {group.item_title or ''}"
            top = QTreeWidgetItem([heading])
            top.setToolTip(0, f"{group.body} {day}".strip())
            self.results.addTopLevelItem(top)
            for hit in group.hits:
                child = QTreeWidgetItem(top)
                child.setData(0, HIT_ROLE, hit)
                if hit.kind == "annotation":
                    where = self.tr("Kommentar, s. %1").replace("%1", str(hit.page))
                elif hit.note is not None:
                    where = self.tr("Note")
                elif hit.kind == "attachment":
                    where = (
                        self.tr("Bilag: %1, s. %2")
                        .replace("%1", html.escape(hit.document_title))
                        .replace("%2", str(hit.page))
                    )
                else:
                    where = self.tr("s. %1").replace("%1", str(hit.page))
                if hit.section:
                    where += f" · {hit.section}"
                label = QLabel(f"<small>{where}</small><br>{hit.snippet}")
                label.setWordWrap(True)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setAccessibleName(f"{where}: {_plain(hit.snippet)}")
                child.setText(0, "")
                child.setToolTip(0, _plain(hit.snippet))
                self.results.setItemWidget(child, 0, label)
            top.setExpanded(True)
        self.searched.emit(result)

    def _take_suggestion(self) -> None:
        suggestion = self.suggestion_button.property("suggestion")
        if suggestion:
            self.query_edit.setText(str(suggestion))
            self.search_now()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if hit is not None and hit.document is not None and hit.page is not None:
            self.open_requested.emit(int(hit.document), int(hit.page), self.shown_query)


def _indexer(paths: DataPaths, task: tasks.Task) -> Indexer:
    from reader.search.indexer import Indexer

    return Indexer(paths, task.report, task.cancelled)


def _index_damaged() -> type[Exception]:
    from reader.search.index import IndexDamaged

    return IndexDamaged


def _plain(snippet: str) -> str:
    import html

    return html.unescape(snippet.replace("<b>", "").replace("</b>", ""))
