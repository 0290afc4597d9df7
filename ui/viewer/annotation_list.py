"""The reader sidebar's "Kommentarer" tab: the document's annotations grouped by agenda item,
with quote, note and colour, a filter, and the ones that could not be placed on this version
(with "Placér igen") or whose words changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.library.reading import item_at
from ui.viewer.annotations import Annotations, color_icon

if TYPE_CHECKING:
    from reader.notes.models import AnnotationView

_ID_ROLE = Qt.ItemDataRole.UserRole
QUOTE_CHARS = 90


def _short(text: str | None, n: int = QUOTE_CHARS) -> str:
    one = " ".join((text or "").split())
    return one if len(one) <= n else one[: n - 1] + "…"


class AnnotationList(QWidget):
    """The list; activating a row jumps to the annotation and selects it."""

    def __init__(self, annotations: Annotations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationList")
        self.setAccessibleName(self.tr("Kommentarer"))
        self.annotations = annotations
        self.locked_label = QLabel(self.tr("Lås noterne op for at se og lave kommentarer."), self)
        self.locked_label.setObjectName("annotationsLocked")
        self.locked_label.setWordWrap(True)
        self.filter_field = QLineEdit(self)
        self.filter_field.setObjectName("annotationFilter")
        self.filter_field.setAccessibleName(self.tr("Filtrér kommentarer"))
        self.filter_field.setPlaceholderText(self.tr("Filtrér…"))
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.textChanged.connect(lambda _t: self._apply_filter())
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("annotationTree")
        self.tree.setAccessibleName(self.tr("Dokumentets kommentarer"))
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(self._chosen)
        self.tree.itemClicked.connect(self._chosen)
        self.tree.currentItemChanged.connect(lambda _c, _p: self._update_buttons())
        self.tree.installEventFilter(self)
        self.place_button = QPushButton(self.tr("Placér igen"), self)
        self.place_button.setObjectName("placeAgain")
        self.place_button.setAccessibleName(self.tr("Placér kommentaren igen"))
        self.place_button.setToolTip(
            self.tr("Markér den nye tekst i dokumentet, og vælg Placér igen")
        )
        self.place_button.clicked.connect(self._place)
        self.delete_button = QPushButton(self.tr("Slet"), self)
        self.delete_button.setObjectName("deleteAnnotation")
        self.delete_button.setAccessibleName(self.tr("Slet kommentaren"))
        self.delete_button.setToolTip(self.tr("Slet den valgte kommentar (Delete)"))
        self.delete_button.clicked.connect(self._delete)
        self.note_button = QPushButton(self.tr("Note…"), self)
        self.note_button.setObjectName("editAnnotationNote")
        self.note_button.setAccessibleName(self.tr("Redigér kommentarens note"))
        self.note_button.setToolTip(self.tr("Redigér noten (F2)"))
        self.note_button.clicked.connect(self._edit)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.note_button, self.delete_button, self.place_button):
            buttons.addWidget(b)
        column = QVBoxLayout(self)
        column.setContentsMargins(2, 2, 2, 2)
        column.addWidget(self.locked_label)
        column.addWidget(self.filter_field)
        column.addWidget(self.tree, 1)
        column.addLayout(buttons)
        annotations.changed.connect(self.refresh)
        annotations.available.connect(lambda _on: self.refresh())
        annotations.selected.connect(self._follow)
        annotations.view.selection_changed.connect(lambda _on: self._update_buttons())
        self.refresh()

    # -- filling -------------------------------------------------------------------------

    def refresh(self) -> None:
        source = self.annotations.source
        available = source is not None
        self.locked_label.setVisible(not available)
        for w in (self.filter_field, self.tree):
            w.setEnabled(available)
        current = self._current_id()
        self.tree.clear()
        if source is None:
            self._update_buttons()
            return
        views = list(self.annotations.views.values())
        groups: dict[str, QTreeWidgetItem] = {}
        orphans: QTreeWidgetItem | None = None
        placed = sorted(
            (v for v in views if v.page is not None),
            key=lambda v: (v.page or 0, v.rects[0][1] if v.rects else 0.0),
        )
        for v in placed:
            assert v.page is not None
            y = v.rects[0][1] if v.rects else 0.0
            item = item_at(source.items, source.document, v.page - 1, y)
            label = f"{item.number}  {item.title}" if item else self.tr("Før første punkt")
            group = groups.get(label)
            if group is None:
                group = groups[label] = QTreeWidgetItem(self.tree, [label])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
            self._row(group, v)
        lost = [v for v in views if v.page is None]
        if lost:
            orphans = QTreeWidgetItem(self.tree, [self.tr("Ikke placeret i denne version")])
            orphans.setFlags(Qt.ItemFlag.ItemIsEnabled)
            orphans.setToolTip(
                0,
                self.tr(
                    "Teksten blev ikke fundet i den nye version. Markér den nye tekst, vælg "
                    "kommentaren, og vælg Placér igen."
                ),
            )
            for v in lost:
                self._row(orphans, v)
        self.tree.expandAll()
        if current is not None:
            self._follow(current)
        self._apply_filter()
        self._update_buttons()

    def _row(self, parent: QTreeWidgetItem, v: AnnotationView) -> QTreeWidgetItem:
        kinds = {
            "highlight": self.tr("Fremhævning"),
            "underline": self.tr("Understregning"),
            "strikeout": self.tr("Gennemstregning"),
            "ink": self.tr("Frihånd"),
            "sticky": self.tr("Note"),
            "textbox": self.tr("Tekstboks"),
            "rectangle": self.tr("Rektangel"),
        }
        kind = kinds.get(v.kind, v.kind)
        lines: list[str] = []
        head = (
            kind if v.page is None else f"{kind} · " + self.tr("s. %1").replace("%1", str(v.page))
        )
        if v.page is None:
            head += " · " + self.tr("fra version %1").replace("%1", str(v.origin_version))
        lines.append(head)
        if v.changed and v.anchor is not None:
            lines.append(
                self.tr("⚠ Ændret: «%1» → «%2»")
                .replace("%1", _short(v.quote, 60))
                .replace("%2", _short(v.anchor.exact, 60))
            )
        elif v.quote or v.text:
            lines.append(f"«{_short(v.quote or v.text)}»")
        if v.note:
            lines.append(self.tr("Note: %1").replace("%1", _short(v.note)))
        row = QTreeWidgetItem(parent, ["\n".join(lines)])
        row.setData(0, _ID_ROLE, v.id)
        row.setIcon(0, color_icon(v.color))
        tip = [kind]
        if v.quote:
            tip.append(self.tr("Markeret: %1").replace("%1", v.quote))
        if v.changed and v.anchor is not None and v.anchor.exact:
            tip.append(self.tr("Nu: %1").replace("%1", v.anchor.exact))
        if v.note:
            tip.append(self.tr("Note: %1").replace("%1", v.note))
        row.setToolTip(0, "\n".join(tip))
        row.setData(0, Qt.ItemDataRole.AccessibleTextRole, " ".join(lines))
        return row

    def _apply_filter(self) -> None:
        needle = self.filter_field.text().casefold().strip()
        for group in self._groups():
            shown = 0
            for row in self._children(group):
                view = self.annotations.views.get(str(row.data(0, _ID_ROLE)))
                parts = [row.text(0), *((view.note, view.text) if view else ())]
                haystack = " ".join(p for p in parts if p).casefold()
                hide = bool(needle) and needle not in haystack
                row.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)

    # -- acting --------------------------------------------------------------------------

    def rows(self) -> list[QTreeWidgetItem]:
        """Every annotation's row (tests)."""
        return [row for group in self._groups() for row in self._children(group)]

    def _groups(self) -> list[QTreeWidgetItem]:
        tree = self.tree
        items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
        return [g for g in items if g is not None]

    @staticmethod
    def _children(group: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        rows = (group.child(j) for j in range(group.childCount()))
        return [r for r in rows if r is not None]

    def row_for(self, ann_id: str) -> QTreeWidgetItem | None:
        return next((r for r in self.rows() if r.data(0, _ID_ROLE) == ann_id), None)

    def _current_id(self) -> str | None:
        item = self.tree.currentItem()
        value = item.data(0, _ID_ROLE) if item is not None else None
        return str(value) if value else None

    def _chosen(self, item: QTreeWidgetItem) -> None:
        ann_id = item.data(0, _ID_ROLE)
        if not ann_id:
            return
        view = self.annotations.views.get(str(ann_id))
        if view is None:
            return
        if view.page is None:
            self.annotations.orphan_to_place = view.id
            self._update_buttons()
            return
        self.annotations.select(view.id, reveal=True)

    def _follow(self, ann_id: object) -> None:
        if isinstance(ann_id, str):
            row = self.row_for(ann_id)
            if row is not None and row is not self.tree.currentItem():
                self.tree.setCurrentItem(row)
                self.tree.scrollToItem(row)

    def _update_buttons(self) -> None:
        ann_id = self._current_id()
        view = self.annotations.views.get(ann_id or "")
        self.note_button.setEnabled(view is not None)
        self.delete_button.setEnabled(view is not None)
        orphan = (
            view is not None
            and view.page is None
            and view.kind
            in (
                "highlight",
                "underline",
                "strikeout",
            )
        )
        if orphan and view is not None:
            self.annotations.orphan_to_place = view.id
        self.place_button.setVisible(orphan)
        self.place_button.setEnabled(orphan and self.annotations.view.has_selection())

    def _place(self) -> None:
        ann_id = self._current_id()
        if ann_id is not None:
            self.annotations.place_again(ann_id)

    def _delete(self) -> None:
        ann_id = self._current_id()
        if ann_id is not None:
            self.annotations.delete(ann_id)

    def _edit(self) -> None:
        ann_id = self._current_id()
        if ann_id is not None:
            self.annotations.edit_note(ann_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._delete()
                return True
            if event.key() == Qt.Key.Key_F2:
                self._edit()
                return True
        return super().eventFilter(watched, event)
