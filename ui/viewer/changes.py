"""What changed since a document's version before, in the reader: marks on the new version's
pages, the "Ændringer" list by item, stepping through the changes, and one change with both
versions' pages side by side.

The change set is computed once per version pair on the library worker (and kept by the
library). Each change's rectangles are measured there too, from the stored page texts its
offsets point into (``reader.pdf.geometry``, as anchored annotations are placed), so the
reader needs no second text matcher and nothing heavy runs on the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.render import DocumentInfo, RenderFailure, TileRequest
from ui.widgets import tool_button

if TYPE_CHECKING:
    from reader.diff import Change, ChangeSet  # the window loads no PyMuPDF: not at run time
    from reader.library import Library
    from ui.ops import LibraryOps
    from ui.viewer.client import RenderClient
    from ui.viewer.view import DocumentView

log = logging.getLogger(__name__)

Rect = tuple[float, float, float, float]
Placed = tuple[int, Rect]  # 0-based page, a rectangle in points

ADDED = QColor(46, 160, 67)  # green: text put in
CHANGED = QColor(230, 145, 0)  # amber: text rewritten
REMOVED = QColor(211, 47, 47)  # red: where text was taken out
MOVED = QColor(21, 101, 192)  # blue: an item moved or renumbered
BAND = 1.6  # points: the underline band under marked text
SHORT = 60  # characters of a change's text in the list
_INDEX_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class ChangesSource:
    """What the reader needs to show what changed: the window's ``ops`` (the library worker)
    and the document on screen, with its version (None: the current one)."""

    ops: LibraryOps
    document_id: int
    version_id: int | None = None


@dataclass(frozen=True)
class MarkedChange:
    """A change with its rectangles on the new and the old version's pages."""

    change: Change
    new_rects: tuple[Placed, ...]
    old_rects: tuple[Placed, ...]

    @property
    def new_page(self) -> int | None:
        """0-based page of the new version where the change stands."""
        page = self.change.new_page
        return None if page is None else page - 1

    @property
    def old_page(self) -> int | None:
        page = self.change.old_page
        return None if page is None else page - 1


@dataclass(frozen=True)
class LoadedChanges:
    """A version's change set from the version before, measured for the reader."""

    change_set: ChangeSet
    marked: tuple[MarkedChange, ...]
    old_path: Path
    new_path: Path

    def changed_items(self) -> set[str]:
        return set(self.change_set.changed_items())


def _measure(
    path: Path, pages: Sequence[str], ranges: Sequence[tuple[int, int, int]]
) -> list[Placed]:
    from reader.pdf.geometry import PdfFile, page_geometry

    out: list[Placed] = []
    with PdfFile(path) as pdf:
        for page, start, end in ranges:
            if not 1 <= page <= len(pages):
                continue
            geometry = page_geometry(path, page, pages[page - 1], pdf)
            if end > start:
                out += [(page - 1, r) for r in geometry.rects(start, end)]
                continue
            # text taken out: a thin bar where it stood, after the character before it
            before = geometry.rects(max(0, start - 1), start) if start else []
            after = geometry.rects(start, start + 1)
            if before:
                x0, y0, x1, y1 = before[-1]
                out.append((page - 1, (x1 - 0.8, y0, x1 + 0.8, y1)))
            elif after:
                x0, y0, x1, y1 = after[0]
                out.append((page - 1, (x0 - 0.8, y0, x0 + 0.8, y1)))
    return out


def load_changes(lib: Library, document_id: int, version_id: int | None) -> LoadedChanges | None:
    """On the library worker: the change set of ``version_id`` (default: the current version)
    from the version before it, with every change's rectangles; None if there is no version
    before it."""
    rows = lib.versions(document_id)
    if not rows:
        return None
    chosen = [r for r in rows if version_id is None or int(r["id"]) == version_id]
    if not chosen:
        return None  # a version of another document, or one gone meanwhile
    new = chosen[-1]
    older = [r for r in rows if int(r["number"]) < int(new["number"])]
    if not older:
        return None
    # only now: the comparison loads the PDF library, which a document with one version
    # (most of them) never needs, least of all while the window is starting
    from reader.diff import version_changes
    from reader.notes.text import load_version_text

    old = older[-1]
    change_set = version_changes(lib, int(old["id"]), int(new["id"]))
    old_path, new_path = lib.blob_path(str(old["sha256"])), lib.blob_path(str(new["sha256"]))
    old_pages = load_version_text(lib.conn, int(old["id"])).pages
    new_pages = load_version_text(lib.conn, int(new["id"])).pages
    marked = tuple(
        MarkedChange(
            c,
            tuple(_measure(new_path, new_pages, c.new_ranges)),
            tuple(_measure(old_path, old_pages, c.old_ranges)),
        )
        for c in change_set.changes
    )
    return LoadedChanges(change_set, marked, old_path, new_path)


def change_color(change: Change) -> QColor:
    if change.scope == "number" or change.kind == "moved":
        return QColor(MOVED)
    return QColor({"added": ADDED, "removed": REMOVED}.get(change.kind, CHANGED))


def _fills(
    rects: Sequence[Placed], color: QColor, current: bool
) -> dict[int, list[tuple[Rect, QColor]]]:
    body, band = QColor(color), QColor(color)
    body.setAlpha(90 if current else 40)
    band.setAlpha(230)
    out: dict[int, list[tuple[Rect, QColor]]] = {}
    for page, (x0, y0, x1, y1) in rects:
        if x1 - x0 <= 2.0:  # the point where text was taken out
            out.setdefault(page, []).append(((x0, y0, x1, y1), band))
            continue
        out.setdefault(page, []).append(((x0, y0, x1, y1), body))
        out.setdefault(page, []).append(((x0, y1 - BAND / 2, x1, y1 + BAND / 2), band))
    return out


class Changes(QObject):
    """The open document's changes since the version before: loaded off the UI thread when
    the window says which document is on screen, drawn on the view while shown, and a
    current change that next and previous step through in reading order."""

    available = Signal(bool)  # there is a version before to compare with
    loaded = Signal()  # a change set arrived (or went)
    current_changed = Signal(int)  # index into ``marked``, -1: none
    changed_items = Signal(object)  # set of the new version's item numbers with a change

    def __init__(self, view: DocumentView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.source: ChangesSource | None = None
        self.result: LoadedChanges | None = None
        self.shown = False
        self.current: int | None = None
        self.pending = 0
        self._generation = 0

    @property
    def is_available(self) -> bool:
        return self.result is not None

    @property
    def marked(self) -> tuple[MarkedChange, ...]:
        return self.result.marked if self.result is not None else ()

    def set_source(self, source: ChangesSource | None) -> None:
        """Show the changes of ``source``'s document (None: of no document)."""
        old = self.source
        self.source = source
        if (
            old is not None
            and source is not None
            and (old.document_id, old.version_id) == (source.document_id, source.version_id)
            and old.ops is source.ops
        ):
            return
        self._generation += 1
        self.result = None
        self.current = None
        self._apply()
        self.available.emit(False)
        self.loaded.emit()
        self.changed_items.emit(set())
        if source is not None:
            self._load(source)

    def _load(self, source: ChangesSource) -> None:
        generation = self._generation
        document_id, version_id = source.document_id, source.version_id
        self.pending += 1

        def job(lib: Library, _task: object) -> LoadedChanges | None:
            return load_changes(lib, document_id, version_id)

        def done(result: LoadedChanges | None) -> None:
            self.pending -= 1
            if generation != self._generation or not shiboken6.isValid(self):
                return
            self.result = result
            self._apply()
            self.available.emit(result is not None)
            self.loaded.emit()
            self.changed_items.emit(result.changed_items() if result is not None else set())

        def failed(exc: Exception) -> None:
            self.pending -= 1
            log.warning("document %d: no change set (%s)", document_id, exc)

        source.ops.op(self, job).success(done).failure(failed).run_in_background()

    def set_shown(self, on: bool) -> None:
        self.shown = on
        self._apply()

    def refresh(self) -> None:
        """Draw the marks again (the view opened a document and dropped them)."""
        self._apply()

    def _apply(self) -> None:
        result = self.result
        if not self.shown or result is None or self.view.path != result.new_path:
            self.view.set_change_marks({})
            return
        marks: dict[int, list[tuple[Rect, QColor]]] = {}
        for n, m in enumerate(result.marked):
            for page, fills in _fills(
                m.new_rects, change_color(m.change), n == self.current
            ).items():
                marks.setdefault(page, []).extend(fills)
        self.view.set_change_marks(marks)

    def select(self, index: int, reveal: bool = True) -> None:
        """Make change ``index`` the current one; with ``reveal``, jump to it (recorded)."""
        if not 0 <= index < len(self.marked):
            return
        self.current = index
        self._apply()
        self.current_changed.emit(index)
        if not reveal:
            return
        m = self.marked[index]
        if m.new_rects:
            page, rect = m.new_rects[0]
            self.view.history.record(self.view.position())
            self.view.history_changed.emit()
            self.view.reveal(page, rect, record=False)
        elif m.new_page is not None:
            self.view.go_to(m.new_page, None, True)

    def step(self, delta: int) -> None:
        """The next (``delta`` 1) or previous (-1) change; from none, the first one at or
        after (before) the page on screen."""
        count = len(self.marked)
        if not count:
            return
        if self.current is not None:
            self.select((self.current + delta) % count)
            return
        page = self.view.position()[0]
        order = range(count) if delta > 0 else range(count - 1, -1, -1)
        for n in order:
            at = self.marked[n].new_page
            if at is not None and (at >= page if delta > 0 else at <= page):
                self.select(n)
                return
        self.select(0 if delta > 0 else count - 1)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


class ChangeList(QWidget):
    """The "Ændringer" tab: the changes grouped by item, next and previous, side by side."""

    compare_requested = Signal()

    def __init__(self, changes: Changes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeList")
        self.setAccessibleName(self.tr("Ændringer"))
        self.changes = changes
        self.summary = QLabel(self)
        self.summary.setObjectName("changeSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("changeTree")
        self.tree.setAccessibleName(self.tr("Ændringer efter punkt"))
        self.tree.setHeaderHidden(True)
        self.tree.itemActivated.connect(self._chosen)
        self.tree.itemClicked.connect(self._chosen)
        self.previous_button = self._button(
            "previousChangeButton",
            "↑",
            self.tr("Forrige ændring"),
            self.tr("Forrige ændring (Shift+F8)"),
        )
        self.next_button = self._button(
            "nextChangeButton", "↓", self.tr("Næste ændring"), self.tr("Næste ændring (F8)")
        )
        self.compare_button = self._button(
            "compareButton",
            "⇆",
            self.tr("Side om side"),
            self.tr("Vis den gamle og den nye side side om side"),
        )
        self.previous_button.clicked.connect(lambda: changes.step(-1))
        self.next_button.clicked.connect(lambda: changes.step(1))
        self.compare_button.clicked.connect(self.compare_requested)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for b in (self.previous_button, self.next_button, self.compare_button):
            row.addWidget(b)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(2, 2, 2, 2)
        column.addWidget(self.summary)
        column.addLayout(row)
        column.addWidget(self.tree, 1)
        self._rows: dict[int, QTreeWidgetItem] = {}
        changes.loaded.connect(self._fill)
        changes.current_changed.connect(self._current)
        self._fill()

    def _button(self, name: str, text: str, accessible: str, tip: str) -> QToolButton:
        return tool_button(self, name, text, accessible, tip)

    def _fill(self) -> None:
        self.tree.clear()
        self._rows = {}
        result = self.changes.result
        marked = self.changes.marked
        for b in (self.previous_button, self.next_button):
            b.setEnabled(bool(marked))
        self.compare_button.setEnabled(False)
        if result is None:
            self.summary.setText(self.tr("Der er ingen tidligere version at sammenligne med."))
            return
        cs = result.change_set
        if not marked:
            self.summary.setText(
                self.tr("Ingen ændringer fra version %1 til version %2.")
                .replace("%1", str(cs.old_version))
                .replace("%2", str(cs.new_version))
            )
            return
        self.summary.setText(
            self.tr("%1 ændringer fra version %2 til version %3.")
            .replace("%1", str(len(marked)))
            .replace("%2", str(cs.old_version))
            .replace("%3", str(cs.new_version))
        )
        groups: dict[str | None, QTreeWidgetItem] = {}
        for n, m in enumerate(marked):
            c = m.change
            key = c.item if c.item is not None else c.old_item
            group = groups.get(key)
            if group is None:
                if key is None:
                    label = self.tr("Før første punkt")
                else:
                    label = f"{key} {c.title}" if c.title else key
                group = QTreeWidgetItem([label])
                group.setData(0, _INDEX_ROLE, n)
                group.setToolTip(0, label)
                groups[key] = group
                self.tree.addTopLevelItem(group)
            row = QTreeWidgetItem([f"{self.kind_name(c)}: {self.describe(c)}"])
            row.setData(0, _INDEX_ROLE, n)
            row.setToolTip(0, self._tip(m))
            group.addChild(row)
            self._rows[n] = row
        self.tree.expandAll()
        if self.changes.current is not None:
            self._current(self.changes.current)

    def kind_name(self, change: Change) -> str:
        """The change's kind as the list says it."""
        if change.scope == "number":
            return self.tr("Omnummereret")
        return {
            "added": self.tr("Tilføjet"),
            "removed": self.tr("Fjernet"),
            "moved": self.tr("Flyttet"),
        }.get(change.kind, self.tr("Ændret"))

    def describe(self, c: Change) -> str:
        """What changed, in short: the old and the new text, or the item numbers."""
        if c.scope == "number":
            return f"{c.old_item} → {c.item}"
        if c.scope == "item" and c.kind == "moved":
            return self.tr("fra punkt %1").replace("%1", str(c.old_item))
        if c.kind == "added":
            return f"“{_short(c.new_text)}”"
        if c.kind == "removed":
            return f"“{_short(c.old_text)}”"
        return f"“{_short(c.old_text)}” → “{_short(c.new_text)}”"

    def _tip(self, m: MarkedChange) -> str:
        c = m.change
        lines = []
        if m.new_page is not None:
            lines.append(self.tr("Side %1").replace("%1", str(m.new_page + 1)))
        if c.old_text:
            lines.append(self.tr("Før: %1").replace("%1", _short(c.old_text)))
        if c.new_text:
            lines.append(self.tr("Nu: %1").replace("%1", _short(c.new_text)))
        return "\n".join(lines)

    def _chosen(self, item: QTreeWidgetItem) -> None:
        index = item.data(0, _INDEX_ROLE)
        if isinstance(index, int):
            self.changes.select(index)

    def _current(self, index: int) -> None:
        row = self._rows.get(index)
        self.compare_button.setEnabled(row is not None)
        if row is not None and self.tree.currentItem() is not row:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(row)
            self.tree.blockSignals(False)
            self.tree.scrollToItem(row)

    def detail(self, index: int) -> str:
        """Change ``index`` in one line, as its row says it."""
        c = self.changes.marked[index].change
        return f"{self.kind_name(c)}: {self.describe(c)}"

    def entries(self) -> list[tuple[str, list[str]]]:
        """The list as shown: each group's label and its rows' texts (tests, accessibility)."""
        out: list[tuple[str, list[str]]] = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            assert group is not None
            rows = [group.child(r) for r in range(group.childCount())]
            out.append((group.text(0), [r.text(0) for r in rows if r is not None]))
        return out


class PageImage(QWidget):
    """One page of a PDF drawn by the render workers, with rectangles marked on it."""

    def __init__(
        self,
        client: RenderClient,
        path: Path,
        page: int,
        rects: Sequence[Rect],
        color: QColor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pageImage")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(200, 280))
        self._client = client
        self._key = ("sideBySide", id(self))
        self.path = path
        self.page = page
        self.rects = list(rects)
        self.color = color
        self.size_pt: tuple[float, float] | None = None
        self.request: TileRequest | None = None
        self.failed = False
        client.add_listener(self, self._arrived, self._failed)
        client.info(path, self, self._info)

    def _info(self, result: DocumentInfo | BaseException) -> None:
        if isinstance(result, BaseException) or not 0 <= self.page < result.page_count:
            self.failed = True
            self.update()
            return
        self.size_pt = result.sizes[self.page]
        width = max(self.size_pt[0], 1.0)
        scale = 520 / width * self.devicePixelRatioF()  # sharp up to a wide dialog
        self.request = TileRequest(self.path, self.page, scale)
        if self._client.cached(self.request) is None:
            self._client.want(self._key, [self.request])
        self.update()

    def has_image(self) -> bool:
        return self.request is not None and self._client.cached(self.request) is not None

    def _arrived(self, request: TileRequest) -> None:
        if request == self.request:
            self.update()

    def _failed(self, failure: RenderFailure) -> None:
        if failure.request == self.request:
            self.failed = True
            self.update()

    def forget(self) -> None:
        self._client.want(self._key, [])
        self._client.remove_listener(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(self.backgroundRole()).darker(115))
        if self.failed:
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Siden kunne ikke vises")
            )
            return
        tile = self._client.cached(self.request) if self.request is not None else None
        if self.size_pt is None or tile is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "…")
            return
        w, h = self.size_pt
        zoom = min(self.width() / w, self.height() / h)
        x, y = (self.width() - w * zoom) / 2, (self.height() - h * zoom) / 2
        painter.drawImage(QRectF(x, y, w * zoom, h * zoom), tile.image)
        body = QColor(self.color)
        body.setAlpha(90)
        for x0, y0, x1, y1 in self.rects:
            painter.fillRect(
                QRectF(x + x0 * zoom, y + y0 * zoom, max((x1 - x0) * zoom, 2.0), (y1 - y0) * zoom),
                body,
            )
        painter.end()


class SideBySide(QDialog):
    """One change: the old version's page beside the new version's, the change marked on
    each (not modal: the reader stays usable)."""

    def __init__(
        self,
        client: RenderClient,
        result: LoadedChanges,
        marked: MarkedChange,
        detail: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sideBySide")
        c = marked.change
        cs = result.change_set
        title = self.tr("Ændring side om side")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        color = change_color(c)
        grid = QGridLayout(self)
        self.pages: list[PageImage] = []
        for column, (path, page, rects, version) in enumerate(
            (
                (result.old_path, marked.old_page, marked.old_rects, cs.old_version),
                (result.new_path, marked.new_page, marked.new_rects, cs.new_version),
            )
        ):
            shown = page if page is not None else 0
            caption = QLabel(
                self.tr("Version %1, side %2")
                .replace("%1", str(version))
                .replace("%2", str(shown + 1)),
                self,
            )
            image = PageImage(client, path, shown, [r for p, r in rects if p == shown], color, self)
            image.setAccessibleName(caption.text())
            grid.addWidget(caption, 0, column)
            grid.addWidget(image, 1, column)
            self.pages.append(image)
        what = QLabel(detail, self)
        what.setObjectName("changeDetail")
        what.setWordWrap(True)
        grid.addWidget(what, 2, 0, 1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        grid.addWidget(buttons, 3, 0, 1, 2)
        grid.setRowStretch(1, 1)
        self.resize(900, 680)
        self.finished.connect(self._closed)

    def _closed(self, _result: int) -> None:
        for image in self.pages:
            image.forget()
