"""The meetings, grouped by body: upcoming meetings first (soonest first), past ones below
(latest first), with what is new, changed since read and unread counted on every row.

A member sits in several bodies; one flat list would mix them. Meeting rows are counted and
addressed like a list's rows (``count``, ``item``, ``setCurrentRow``) so callers that want
"the meetings" need not walk the body rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QHeaderView,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from reader.library.news import Badges, BodyGroup
from reader.library.rows import MeetingRow

ROLE_ID = Qt.ItemDataRole.UserRole
ROLE_BODY = Qt.ItemDataRole.UserRole + 1  # on body rows: the body id


@dataclass(frozen=True)
class Words:
    """What the rows say, in the window's language (the window's ``tr`` makes them)."""

    when: Callable[[str | None], str]
    no_date: str
    upcoming: str
    past: str
    demo: str
    badge: Callable[[Badges], tuple[str, str]]  # short text for the column, and in full
    removed: str


class MeetingTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        # one height for all rows: laying out a thousand meetings costs a few ms, not fifty;
        # a title too long for the row ends in "…" and is whole in the tooltip
        self.setUniformRowHeights(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(False)
        self.setRootIsDecorated(True)
        self.setIndentation(14)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # the badge column as wide as its widest text (``fit_badges``): ResizeToContents
        # would measure every one of a thousand rows at each change, 6 ms a time
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self._rows: list[QTreeWidgetItem] = []  # the meeting rows, in the order shown
        self._by_id: dict[int, QTreeWidgetItem] = {}
        self._badged: dict[str, QTreeWidgetItem] = {}  # a row for each badge text shown

    # -- a list's view of the meeting rows -------------------------------------------------

    def count(self) -> int:
        return len(self._rows)

    def item(self, row: int) -> QTreeWidgetItem:
        return self._rows[row]

    def setCurrentRow(self, row: int) -> None:
        self.setCurrentItem(self._rows[row])

    def meeting_item(self, meeting_id: int) -> QTreeWidgetItem | None:
        return self._by_id.get(meeting_id)

    def body_items(self) -> list[QTreeWidgetItem]:
        return [
            top
            for i in range(self.topLevelItemCount())
            if (top := self.topLevelItem(i)) is not None
        ]

    # -- filling ------------------------------------------------------------------------------

    def fill(
        self,
        groups: list[BodyGroup],
        meeting_badges: dict[int, Badges],
        words: Words,
        *,
        demo: set[int],
        notes: set[int],
    ) -> None:
        """Show ``groups``; every body expanded."""
        self.setUpdatesEnabled(False)
        self.blockSignals(True)
        try:
            self.clear()
            self._rows = []
            self._by_id = {}
            self._badged = {}
            bold = QFont(self.font())
            bold.setBold(True)
            italic = QFont(self.font())
            italic.setItalic(True)
            struck = QFont(self.font())
            struck.setStrikeOut(True)
            note = _note_icon()
            tops: list[QTreeWidgetItem] = []
            for group in groups:
                meetings = group.upcoming + group.past
                is_demo = bool(meetings) and all(m.id in demo for m in meetings)
                name = f"{group.body}  ({words.demo})" if is_demo else group.body
                short, full = words.badge(group.badges)
                top = QTreeWidgetItem([name, short])
                self._badged.setdefault(short, top)
                top.setData(0, ROLE_BODY, group.body_id)
                top.setFont(0, bold)
                top.setToolTip(0, group.body)
                if full:
                    top.setToolTip(1, full)
                top.setFlags(Qt.ItemFlag.ItemIsEnabled)
                tops.append(top)
                children: list[QTreeWidgetItem] = []
                if group.upcoming and group.past:
                    children.append(_heading(words.upcoming, italic))
                children.extend(
                    self._meeting_row(m, meeting_badges.get(m.id), words, bold, struck, note, notes)
                    for m in group.upcoming
                )
                if group.upcoming and group.past:
                    children.append(_heading(words.past, italic))
                children.extend(
                    self._meeting_row(m, meeting_badges.get(m.id), words, bold, struck, note, notes)
                    for m in group.past
                )
                top.addChildren(children)
            self.addTopLevelItems(tops)
            for top in tops:
                top.setExpanded(True)
            self.fit_badges()
        finally:
            self.blockSignals(False)
            self.setUpdatesEnabled(True)

    def set_badges(
        self,
        bodies: dict[int, Badges],
        meetings: dict[int, Badges],
        words: Words,
        *,
        removed: set[int],
    ) -> None:
        """New counts on every row (the meetings in ``removed`` keep their struck font)."""
        bold = QFont(self.font())
        bold.setBold(True)
        plain = QFont(self.font())
        self._badged = {}
        for top in self.body_items():
            short, full = words.badge(bodies.get(top.data(0, ROLE_BODY), Badges()))
            top.setText(1, short)
            top.setToolTip(1, full)
            self._badged.setdefault(short, top)
            for i in range(top.childCount()):
                row = top.child(i)
                meeting_id = row.data(0, ROLE_ID) if row is not None else None
                if row is None or meeting_id is None:
                    continue
                counts = meetings.get(meeting_id, Badges())
                short, full = words.badge(counts)
                row.setText(1, short)
                row.setToolTip(1, full)
                self._badged.setdefault(short, row)
                if meeting_id not in removed:
                    row.setFont(0, bold if counts else plain)
        self.fit_badges()

    def fit_badges(self) -> None:
        """Size the badge column as ResizeToContents would (the delegate's size for each
        row's text, the header's own hint), asking once per distinct text: the rows share a
        handful of them."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        header = self.header()
        width = header.sectionSizeHint(1)
        for row in self._badged.values():
            width = max(width, delegate.sizeHint(option, self.indexFromItem(row, 1)).width())
        header.resizeSection(1, max(header.minimumSectionSize(), width))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_badges()

    def _meeting_row(
        self,
        m: MeetingRow,
        badges: Badges | None,
        words: Words,
        bold: QFont,
        struck: QFont,
        note: QIcon,
        notes: set[int],
    ) -> QTreeWidgetItem:
        short, full = words.badge(badges or Badges())
        row = QTreeWidgetItem([f"{words.when(m.start) or words.no_date} · {m.title}", short])
        if short not in self._badged:
            self._badged[short] = row
        row.setData(0, ROLE_ID, m.id)
        tip = [m.body, m.title, words.when(m.start), m.location or ""]
        if m.removed:
            tip.append(words.removed)
            row.setFont(0, struck)
        elif badges is not None and (badges.new or badges.changed or badges.unread):
            row.setFont(0, bold)
        row.setToolTip(0, "\n".join(t for t in tip if t))
        if full:
            row.setToolTip(1, full)
        if m.id in notes:
            row.setIcon(0, note)
        self._rows.append(row)
        self._by_id[m.id] = row
        return row

    def set_notes(self, notes: set[int]) -> None:
        icon = _note_icon()
        for row in self._rows:
            row.setIcon(0, icon if row.data(0, ROLE_ID) in notes else QIcon())

    def apply_filter(self, text: str) -> None:
        """Show the meetings whose row or body matches; a body shows while any of its do."""
        needle = text.casefold().strip()
        for top in self.body_items():
            body = top.toolTip(0).casefold()
            any_shown = False
            for i in range(top.childCount()):
                child = top.child(i)
                if child is None:
                    continue
                if child.data(0, ROLE_ID) is None:
                    child.setHidden(bool(needle))
                    continue
                hide = (
                    bool(needle) and needle not in child.text(0).casefold() and needle not in body
                )
                child.setHidden(hide)
                any_shown = any_shown or not hide
            top.setHidden(not any_shown)


def _heading(text: str, font: QFont) -> QTreeWidgetItem:
    row = QTreeWidgetItem([text, ""])
    row.setFont(0, font)
    row.setFlags(Qt.ItemFlag.NoItemFlags)
    return row


def _note_icon() -> QIcon:
    from ui.marks import note_icon

    return note_icon()
