"""Annotating in the reader: the tools, the annotations of the open document in memory,
drawing them over the pages, and undo.

The annotations live in the encrypted store; this module holds the open document's
decrypted views in memory only while the notes are open, and draws from them on the UI
thread (through ``LayerCache``: painted once per page and zoom, blitted while scrolling).
Every change runs on the library worker through ``ops`` and is one ``QUndoCommand``; a
command snapshots the annotations it touches before and after (decrypted, in memory), so
undo and redo put back exactly what was there, under the same id.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.annotation_paint import NOTE_SIZE, LayerCache, Shape, paint_annotations

if TYPE_CHECKING:
    from reader.library import Library
    from reader.library.store import DocumentRow, ItemRow
    from reader.notes.annotation_store import AnnotationStore
    from reader.notes.models import AnnotationView
    from reader.notes.records import StoredAnnotation
    from reader.vault import Vault
    from ui.ops import LibraryOps
    from ui.viewer.view import DocumentView

Rect = tuple[float, float, float, float]
Point = tuple[float, float]

TEXT, STICKY, INK, RECTANGLE, TEXTBOX = "text", "sticky", "ink", "rectangle", "textbox"
TOOLS = (TEXT, STICKY, INK, RECTANGLE, TEXTBOX)
MARKS = ("highlight", "underline", "strikeout")
COLORS = ("#ffd400", "#2e7d32", "#1565c0", "#d32f2f", "#7b1fa2", "#ffb300")
HANDLE = 7  # logical pixels: a resize handle's side
NEAR = 4.0  # logical pixels: how near a line or an outline a click hits it
MIN_DRAG = 3.0  # logical pixels: less is a click
TEXTBOX_SIZE = (160.0, 40.0)  # points: a text box made with a click
NUDGE = 4.0  # points an arrow key moves or resizes the selected shape


@dataclass(frozen=True)
class AnnotationSource:
    """What the reader needs to annotate the document on screen: the window's ``ops`` (the
    library worker), the open vault, the document (and version) in the reader, and the
    agenda items the side list groups by."""

    ops: LibraryOps
    vault: Vault
    document_id: int
    version_id: int | None = None
    document: DocumentRow | None = None
    items: tuple[ItemRow, ...] = ()


@dataclass
class _Drag:
    mode: str  # ink | rect | move | resize
    page: int
    start: Point
    current: Point
    points: list[Point]
    annotation: str | None = None
    corner: int = 0  # resize: 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left


def _bounds(view: AnnotationView) -> Rect | None:
    """The annotation's box on its page, in points."""
    if view.kind == STICKY and view.rects:
        x0, y0 = view.rects[0][0], view.rects[0][1]
        return (x0, y0, x0 + NOTE_SIZE, y0 + NOTE_SIZE)
    rects = list(view.rects)
    points = [p for stroke in view.ink for p in stroke]
    if view.kind == INK and points:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return (min(xs), min(ys), max(xs), max(ys))
    if not rects:
        return None
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


def _near_segment(p: Point, a: Point, b: Point, tolerance: float) -> bool:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy)) <= tolerance


def _moved_geometry(
    view: AnnotationView, box: Rect, new: Rect
) -> tuple[Rect, list[list[Point]] | None]:
    """The shape's rectangle and strokes once its box ``box`` becomes ``new``."""
    bx0, by0, bx1, by1 = box
    nx0, ny0, nx1, ny1 = new
    sx = (nx1 - nx0) / (bx1 - bx0) if bx1 > bx0 else 1.0
    sy = (ny1 - ny0) / (by1 - by0) if by1 > by0 else 1.0

    def at(p: Point) -> Point:
        return (nx0 + (p[0] - bx0) * sx, ny0 + (p[1] - by0) * sy)

    ink = [[at(p) for p in stroke] for stroke in view.ink] if view.kind == INK else None
    if view.kind == STICKY and view.rects:
        r = view.rects[0]
        return (nx0, ny0, nx0 + (r[2] - r[0]), ny0 + (r[3] - r[1])), None
    return new, ink


class TextEditor(QDialog):
    """A small window to write an annotation's note or a text box's text (not modal: the
    document stays readable beside it)."""

    def __init__(self, title: str, label: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("annotationEditor")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        caption = QLabel(label, self)
        self.field = QPlainTextEdit(self)
        self.field.setObjectName("annotationText")
        self.field.setAccessibleName(label)
        self.field.setPlainText(text)
        caption.setBuddy(self.field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(caption)
        column.addWidget(self.field, 1)
        column.addWidget(buttons)
        self.resize(360, 200)

    def text(self) -> str:
        return self.field.toPlainText()


class _Change(QUndoCommand):
    """One change to annotations. The first redo runs ``work`` on the library worker with
    the store and snapshots every annotation it names before and after; undo and any later
    redo put those snapshots back (an annotation not there is deleted)."""

    def __init__(
        self,
        owner: Annotations,
        text: str,
        work: Callable[[AnnotationStore], list[str]],
        touches: Sequence[str] = (),
        token: int | None = None,
    ) -> None:
        super().__init__(text)
        self._owner = owner
        self._work = work
        self._touches = list(touches)
        self._token = token
        self._done = False
        self.before: dict[str, StoredAnnotation | None] = {}  # written on the worker
        self.after: dict[str, StoredAnnotation | None] = {}
        self.ids: list[str] = []

    def redo(self) -> None:
        if not self._done:
            self._done = True
            self._owner._run(self._first, self._token)
        else:
            self._owner._run(lambda store: self._put(store, self.after))

    def undo(self) -> None:
        self._owner._run(lambda store: self._put(store, self.before))

    def _first(self, store: AnnotationStore) -> None:
        for ann_id in self._touches:
            self.before[ann_id] = _snapshot(store, ann_id)
        self.ids = self._work(store)
        for ann_id in [*self._touches, *self.ids]:
            self.before.setdefault(ann_id, None)
            self.after[ann_id] = _snapshot(store, ann_id)

    @staticmethod
    def _put(store: AnnotationStore, states: dict[str, StoredAnnotation | None]) -> None:
        from reader.errors import NotFoundError

        for ann_id, stored in states.items():
            if stored is not None:
                store.restore(stored)
            else:
                with contextlib.suppress(NotFoundError):
                    store.delete(ann_id)


def _snapshot(store: AnnotationStore, ann_id: str) -> StoredAnnotation | None:
    from reader.errors import NotFoundError

    try:
        return store.snapshot(ann_id)
    except NotFoundError:
        return None


class Annotations(QObject):
    """The annotations of the document in the reader, the tools, and undo/redo.

    The reader's view asks it to paint each page and offers it mouse, key and context-menu
    events first (``DocumentView.overlay``). Without a source (the notes are locked, or no
    document) it draws nothing and lets every event through: the reader works as before.

    Signals: ``changed()`` when the annotations in memory changed (the side list),
    ``selected(str | None)`` when the selected annotation changed, ``available(bool)`` when
    annotating became possible or not, ``tool_changed(str)``, ``color_changed(str)``.
    """

    changed = Signal()
    selected = Signal(object)
    available = Signal(bool)
    tool_changed = Signal(str)
    color_changed = Signal(str)
    loaded = Signal()  # a load or a change finished and what is shown is up to date
    stack_changed = Signal()  # what undo and redo would do changed

    def __init__(self, view: DocumentView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.source: AnnotationSource | None = None
        self.views: dict[str, AnnotationView] = {}
        self._by_page: dict[int, list[str]] = {}  # 0-based page -> ids, in drawing order
        self._provisional: dict[int, list[tuple[int, Shape]]] = {}  # page -> (token, shape)
        self._hidden: str | None = None  # being moved: drawn with the drag, not the layer
        self.layer = LayerCache()
        self.tool = TEXT
        self.color: str | None = None  # None: each kind's own colour
        self.selected_id: str | None = None
        self.orphan_to_place: str | None = None  # chosen in the side list
        self._stacks: dict[int, QUndoStack] = {}
        self.stack = self._new_stack()
        self.pending = 0  # changes and loads not finished yet
        self._generation = 0
        self._token = 0
        self._drag: _Drag | None = None
        self._text_press: str | None = None
        self.menu: QMenu | None = None  # the last context menu (tests trigger its actions)
        self.editor: TextEditor | None = None  # the note or text editor on screen, if any

    # -- the source ----------------------------------------------------------------------

    @property
    def is_available(self) -> bool:
        return self.source is not None

    def set_source(self, source: AnnotationSource | None) -> None:
        """The document and vault to annotate with; ``None`` (locked, no document) drops
        every decrypted annotation and the undo history."""
        old = self.source
        self.source = source
        same = (
            old is not None
            and source is not None
            and old.document_id == source.document_id
            and old.version_id == source.version_id
            and old.vault is source.vault
        )
        if same:
            self.changed.emit()  # the items to group by may be new
            return
        if source is None or old is None or old.vault is not source.vault:
            for stack in self._stacks.values():
                stack.deleteLater()
            self._stacks.clear()
        self._generation += 1
        self.views = {}
        self._by_page = {}
        self._provisional = {}
        self.layer.clear()
        self._drag = None
        self.orphan_to_place = None
        self._select(None)
        if source is None:
            self.stack = self._new_stack()
        else:
            if source.document_id not in self._stacks:
                self._stacks[source.document_id] = self._new_stack()
            self.stack = self._stacks[source.document_id]
            self.reload()
        self.stack_changed.emit()
        self.view.viewport().update()
        self.changed.emit()
        self.available.emit(source is not None)

    def _new_stack(self) -> QUndoStack:
        stack = QUndoStack(self)
        stack.indexChanged.connect(lambda _i: self._stack_moved(stack))
        return stack

    def _stack_moved(self, stack: QUndoStack) -> None:
        if shiboken6.isValid(self) and stack is self.stack:
            self.stack_changed.emit()

    def reload(self) -> None:
        """Read the document's annotations again (re-anchored onto the version shown)."""
        self._run(None)

    def _run(self, work: Callable[[AnnotationStore], Any] | None, token: int | None = None) -> None:
        """Run ``work`` with the store on the library worker, then read the annotations
        again and show them."""
        source = self.source
        if source is None:
            return
        generation = self._generation
        self.pending += 1
        vault, document_id, version_id = source.vault, source.document_id, source.version_id

        def job(lib: Library, _task: object) -> list[AnnotationView]:
            from reader.notes.annotation_store import AnnotationStore

            store = AnnotationStore(lib, vault)
            if work is not None:
                work(store)
                if (index := source.ops.notes_index) is not None:
                    from reader.followers import index_annotations

                    index_annotations(lib, vault, index, [document_id])  # found by search
            return store.annotations(document_id, version_id)

        def done(views: list[AnnotationView]) -> None:
            self.pending -= 1
            if generation != self._generation:
                return
            if token is not None:
                self._drop_provisional(token)
            self._show(views)

        def failed(exc: Exception) -> None:
            self.pending -= 1
            if token is not None:
                self._drop_provisional(token)
            from ui.errors import show_error

            show_error(self.view, exc)
            if generation == self._generation:
                self.reload()

        source.ops.op(self, job).success(done).failure(failed).run_in_background()

    def _show(self, views: list[AnnotationView]) -> None:
        self.views = {v.id: v for v in views}
        self._by_page = {}
        for v in views:
            if v.page is not None:
                self._by_page.setdefault(v.page - 1, []).append(v.id)
        self.layer.clear()
        if self.selected_id is not None and self.selected_id not in self.views:
            self._select(None)
        if self.orphan_to_place is not None:
            still = self.views.get(self.orphan_to_place)
            if still is None or still.page is not None:
                self.orphan_to_place = None
        self.view.viewport().update()
        self.changed.emit()
        if not self.pending:
            self.loaded.emit()

    # -- tools and colour ----------------------------------------------------------------

    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS or tool == self.tool:
            return
        self.tool = tool
        self._drag = None
        cursor = Qt.CursorShape.IBeamCursor if tool == TEXT else Qt.CursorShape.CrossCursor
        self.view.viewport().setCursor(cursor)
        self.tool_changed.emit(tool)

    def set_color(self, color: str) -> None:
        """The colour of what is made next; the selected annotation takes it too."""
        self.color = color
        self.color_changed.emit(color)
        if self.selected_id is not None:
            self.recolor(self.selected_id, color)

    def color_for(self, kind: str) -> str:
        from reader.notes.colors import DEFAULT_COLORS

        return self.color or DEFAULT_COLORS[kind]

    # -- making --------------------------------------------------------------------------

    def _push(
        self,
        text: str,
        work: Callable[[AnnotationStore], list[str]],
        touches: Sequence[str] = (),
        provisional: list[tuple[int, Shape]] | None = None,
    ) -> None:
        token = None
        if provisional:
            self._token += 1
            token = self._token
            for page, shape in provisional:
                self._provisional.setdefault(page, []).append((token, shape))
            self.view.viewport().update()
        self.stack.push(_Change(self, text, work, touches, token))

    def _drop_provisional(self, token: int) -> None:
        for page in list(self._provisional):
            kept = [(t, s) for t, s in self._provisional[page] if t != token]
            if kept:
                self._provisional[page] = kept
            else:
                del self._provisional[page]

    def mark_selection(self, kind: str) -> bool:
        """Highlight, underline or strike out the selected text (one annotation per page);
        False if there is nothing to mark or no notes to mark with."""
        source = self.source
        if source is None or kind not in MARKS or not self.view.has_selection():
            return False
        parts: list[tuple[int, int, int, str]] = []
        provisional: list[tuple[int, Shape]] = []
        color = self.color_for(kind)
        for page, (a, b) in sorted(self.view.selected_ranges().items()):
            text = self.view.page_text(page)
            if text is None or not text.text[a:b].strip():
                continue
            parts.append((page + 1, a, b, text.text[a:b]))
            provisional.append((page, Shape(kind, color, text.rects(a, b))))
        if not parts:
            return False
        document_id, chosen = source.document_id, self.color

        def work(store: AnnotationStore) -> list[str]:
            return [
                store.annotate_text(document_id, p, a, b, q, kind=kind, color=chosen).id
                for p, a, b, q in parts
            ]

        names = {
            "highlight": self.tr("Fremhæv"),
            "underline": self.tr("Understreg"),
            "strikeout": self.tr("Gennemstreg"),
        }
        self._push(names[kind], work, provisional=provisional)
        self.view.clear_selection()
        return True

    def add_shape(
        self,
        page: int,
        kind: str,
        rect: Rect | None = None,
        ink: list[list[Point]] | None = None,
        text: str | None = None,
        note: str | None = None,
    ) -> None:
        """Make a sticky note, ink, a rectangle or a text box on 0-based ``page``."""
        source = self.source
        if source is None:
            return
        document_id, chosen = source.document_id, self.color
        color = self.color_for(kind)

        def work(store: AnnotationStore) -> list[str]:
            made = store.add_shape(
                document_id,
                page + 1,
                kind,
                rect=rect,
                ink=ink,
                text=text,
                note=note,
                color=chosen,
            )
            return [made.id]

        shape = Shape(kind, color, [rect] if rect else (), ink or (), text or "")
        names = {
            STICKY: self.tr("Ny note"),
            INK: self.tr("Frihånd"),
            RECTANGLE: self.tr("Rektangel"),
            TEXTBOX: self.tr("Tekstboks"),
        }
        self._push(names[kind], work, provisional=[(page, shape)])

    # -- changing ------------------------------------------------------------------------

    def _update(self, ann_id: str, label: str, local: dict[str, Any], **changes: Any) -> None:
        view = self.views.get(ann_id)
        if view is None or self.source is None:
            return
        self.views[ann_id] = replace(view, **local)
        self._invalidate(ann_id)

        def work(store: AnnotationStore) -> list[str]:
            store.update(ann_id, **changes)
            return [ann_id]

        self._push(label, work, touches=[ann_id])

    def set_note(self, ann_id: str, note: str) -> None:
        view = self.views.get(ann_id)
        if view is not None and (view.note or "") != note:
            self._update(ann_id, self.tr("Redigér note"), {"note": note or None}, note=note)

    def set_text(self, ann_id: str, text: str) -> None:
        view = self.views.get(ann_id)
        if view is not None and (view.text or "") != text:
            self._update(ann_id, self.tr("Redigér tekst"), {"text": text}, text=text)

    def recolor(self, ann_id: str, color: str) -> None:
        view = self.views.get(ann_id)
        if view is not None and view.color != color:
            self._update(ann_id, self.tr("Skift farve"), {"color": color}, color=color)

    def set_geometry(self, ann_id: str, box: Rect) -> None:
        """Move or resize a shape so its box is ``box`` (points on its page)."""
        from reader.notes.models import Anchor

        view = self.views.get(ann_id)
        old = _bounds(view) if view is not None else None
        if view is None or old is None or view.kind not in (STICKY, INK, RECTANGLE, TEXTBOX):
            return
        rect, ink = _moved_geometry(view, old, box)
        local: dict[str, Any] = {"origin_rects": [rect]}
        if ink is not None:
            local["ink"] = ink
        if view.anchor is not None:
            local["anchor"] = Anchor(
                view.anchor.version_id, view.anchor.status, view.anchor.page, [], method="original"
            )
        text = self.tr("Flyt")
        self._update(ann_id, text, local, rect=rect, ink=ink)

    def delete(self, ann_id: str) -> None:
        view = self.views.pop(ann_id, None)
        if view is None or self.source is None:
            return
        if view.page is not None and ann_id in self._by_page.get(view.page - 1, []):
            self._by_page[view.page - 1].remove(ann_id)
            self.layer.invalidate(view.page - 1)
        if self.selected_id == ann_id:
            self._select(None)
        self.view.viewport().update()
        self.changed.emit()

        def work(store: AnnotationStore) -> list[str]:
            store.delete(ann_id)
            return [ann_id]

        self._push(self.tr("Slet"), work, touches=[ann_id])

    def place_again(self, ann_id: str | None = None) -> bool:
        """Anchor an orphan (default: the one chosen in the side list) on the selected text."""
        ann_id = ann_id or self.orphan_to_place
        source = self.source
        ranges = self.view.selected_ranges()
        if source is None or ann_id is None or not ranges:
            return False
        page, (a, b) = min(ranges.items())
        text = self.view.page_text(page)
        if text is None:
            return False
        quote, version_id = text.text[a:b], source.version_id

        def work(store: AnnotationStore) -> list[str]:
            store.place(ann_id, page + 1, a, b, quote, version_id)
            return [ann_id]

        self._push(self.tr("Placér igen"), work, touches=[ann_id])
        self.view.clear_selection()
        self.orphan_to_place = None
        return True

    def undo(self) -> None:
        self.stack.undo()

    def redo(self) -> None:
        self.stack.redo()

    def _invalidate(self, ann_id: str) -> None:
        view = self.views.get(ann_id)
        if view is not None and view.page is not None:
            self.layer.invalidate(view.page - 1)
        self.view.viewport().update()
        self.changed.emit()

    # -- selecting -----------------------------------------------------------------------

    def _select(self, ann_id: str | None) -> None:
        if ann_id != self.selected_id:
            self.selected_id = ann_id
            self.view.viewport().update()
            self.selected.emit(ann_id)

    def select(self, ann_id: str | None, reveal: bool = False) -> None:
        """Select an annotation (its outline and handles show); with ``reveal``, scroll it
        into view (a jump, undone with Back)."""
        self._select(ann_id if ann_id in self.views else None)
        view = self.views.get(ann_id or "")
        if reveal and view is not None and view.page is not None:
            box = _bounds(view)
            if box is not None:
                self.view.reveal(view.page - 1, box)

    def hit(self, page: int, x: float, y: float) -> str | None:
        """The annotation under page point (``x``, ``y``): the one drawn last wins."""
        zoom = max(self.view.zoom(), 1e-6)
        near = NEAR / zoom
        for ann_id in reversed(self._by_page.get(page, [])):
            view = self.views.get(ann_id)
            if view is None:
                continue
            if view.kind == INK:
                for stroke in view.ink:
                    pairs = pairwise(stroke)
                    if any(_near_segment((x, y), a, b, near + 1) for a, b in pairs):
                        return ann_id
                continue
            if view.kind == RECTANGLE:
                box = _bounds(view)
                if box is not None:
                    x0, y0, x1, y1 = box
                    inside = x0 - near <= x <= x1 + near and y0 - near <= y <= y1 + near
                    deep = x0 + near < x < x1 - near and y0 + near < y < y1 - near
                    if inside and not deep:
                        return ann_id
                continue
            rects = [_bounds(view)] if view.kind in (STICKY, TEXTBOX) else view.rects
            for r in rects:
                if r is not None and r[0] - 1 <= x <= r[2] + 1 and r[1] - 1 <= y <= r[3] + 1:
                    return ann_id
        return None

    def _handle_at(self, page: int, x: float, y: float) -> int | None:
        view = self.views.get(self.selected_id or "")
        if view is None or view.page != page + 1 or view.kind not in (INK, RECTANGLE, TEXTBOX):
            return None
        box = _bounds(view)
        if box is None:
            return None
        reach = HANDLE / max(self.view.zoom(), 1e-6)
        x0, y0, x1, y1 = box
        for i, (hx, hy) in enumerate(((x0, y0), (x1, y0), (x1, y1), (x0, y1))):
            if abs(x - hx) <= reach and abs(y - hy) <= reach:
                return i
        return None

    # -- the view's events ---------------------------------------------------------------

    def press(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        self._text_press = None
        if self.source is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        corner = self._handle_at(page, x, y)
        if corner is not None and self.selected_id is not None:
            self._start(_Drag("resize", page, (x, y), (x, y), [], self.selected_id, corner))
            return True
        if self.tool == TEXT:
            hit = self.hit(page, x, y)
            view = self.views.get(hit or "")
            if view is not None and view.kind not in MARKS:
                self._select(hit)
                self._start(_Drag("move", page, (x, y), (x, y), [], hit))
                return True
            self._text_press = hit
            self._select(None)
            return False
        self._select(None)
        self.view.clear_selection()
        mode = {INK: "ink", RECTANGLE: "rect", TEXTBOX: "rect", STICKY: "note"}[self.tool]
        self._drag = _Drag(mode, page, (x, y), (x, y), [(x, y)])
        return True

    def _start(self, drag: _Drag) -> None:
        self._drag = drag

    def move(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        drag = self._drag
        if drag is None:
            return False
        if page != drag.page:  # stay on the page the drag began on
            x, y = self._clamp_to(drag.page, event)
        if drag.mode in ("move", "resize") and self._hidden is None:
            if self._distance(drag.start, (x, y)) < MIN_DRAG:
                return True
            self._hidden = drag.annotation
            if drag.page in self._by_page:
                self.layer.invalidate(drag.page)
        drag.current = (x, y)
        if drag.mode == "ink":
            drag.points.append((x, y))
        self.view.viewport().update()
        return True

    def _clamp_to(self, page: int, event: QMouseEvent) -> Point:
        """``event``'s position as a point of ``page`` (clamped to it)."""
        info = self.view.info
        r = self.view.page_rect_in_view(page)
        zoom = max(self.view.zoom(), 1e-6)
        w, h = info.sizes[page] if info is not None else (0.0, 0.0)
        pos = event.position()
        return (
            min(max((pos.x() - r.x()) / zoom, 0.0), w),
            min(max((pos.y() - r.y()) / zoom, 0.0), h),
        )

    def _distance(self, a: Point, b: Point) -> float:
        return math.hypot(a[0] - b[0], a[1] - b[1]) * self.view.zoom()

    def release(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        drag, self._drag = self._drag, None
        hidden, self._hidden = self._hidden, None
        if drag is None:
            if self._text_press is not None and not self.view.has_selection():
                self._select(self._text_press)
            self._text_press = None
            return False
        if page != drag.page:
            x, y = self._clamp_to(drag.page, event)
        x0, y0 = drag.start
        box = (min(x0, x), min(y0, y), max(x0, x), max(y0, y))
        far = self._distance(drag.start, (x, y)) >= MIN_DRAG
        if drag.mode == "ink":
            drag.points.append((x, y))
            if far or len(drag.points) > 2:
                self.add_shape(drag.page, INK, ink=[drag.points])
        elif drag.mode == "rect":
            if self.tool == TEXTBOX:
                if not far:
                    box = (x0, y0, x0 + TEXTBOX_SIZE[0], y0 + TEXTBOX_SIZE[1])
                self._textbox_at(drag.page, box)
            elif far:
                self.add_shape(drag.page, RECTANGLE, rect=box)
        elif drag.mode == "note":
            half = NOTE_SIZE / 2
            self._note_at(drag.page, (x - half, y - half, x + half, y + half))
        elif hidden is not None and drag.annotation is not None:
            view = self.views.get(drag.annotation)
            old = _bounds(view) if view is not None else None
            if old is not None:
                self.set_geometry(drag.annotation, self._dragged_box(drag, old))
            self.layer.invalidate(drag.page)
        self.view.viewport().update()
        return True

    def _dragged_box(self, drag: _Drag, old: Rect) -> Rect:
        dx, dy = drag.current[0] - drag.start[0], drag.current[1] - drag.start[1]
        x0, y0, x1, y1 = old
        if drag.mode == "move":
            return (x0 + dx, y0 + dy, x1 + dx, y1 + dy)
        xs = [x0, x1]
        ys = [y0, y1]
        if drag.corner in (0, 3):
            xs[0] += dx
        else:
            xs[1] += dx
        if drag.corner in (0, 1):
            ys[0] += dy
        else:
            ys[1] += dy
        return (min(xs), min(ys), max(xs), max(ys))

    def _note_at(self, page: int, rect: Rect) -> None:
        """A sticky note at ``rect``, its note written in the editor that opens."""
        editor = self._editor(self.tr("Ny note"), self.tr("Notens tekst"), "")
        editor.accepted.connect(lambda: self.add_shape(page, STICKY, rect=rect, note=editor.text()))

    def _textbox_at(self, page: int, rect: Rect) -> None:
        editor = self._editor(self.tr("Ny tekstboks"), self.tr("Tekst i boksen"), "")
        editor.accepted.connect(
            lambda: self.add_shape(page, TEXTBOX, rect=rect, text=editor.text())
        )

    def _editor(self, title: str, label: str, text: str) -> TextEditor:
        if self.editor is not None:
            self.editor.reject()
        editor = TextEditor(title, label, text, self.view)
        self.editor = editor
        editor.finished.connect(lambda _r: self._editor_closed(editor))
        editor.open()
        return editor

    def _editor_closed(self, editor: TextEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def edit_note(self, ann_id: str | None = None) -> None:
        """Open the editor on the note of ``ann_id`` (default: the selected annotation)."""
        ann_id = ann_id or self.selected_id
        view = self.views.get(ann_id or "")
        if view is None or ann_id is None:
            return
        editor = self._editor(self.tr("Note"), self.tr("Notens tekst"), view.note or "")
        editor.accepted.connect(lambda: self.set_note(ann_id, editor.text()))

    def edit_text(self, ann_id: str | None = None) -> None:
        """Open the editor on a text box's text."""
        ann_id = ann_id or self.selected_id
        view = self.views.get(ann_id or "")
        if view is None or ann_id is None or view.kind != TEXTBOX:
            return
        editor = self._editor(self.tr("Tekstboks"), self.tr("Tekst i boksen"), view.text or "")
        editor.accepted.connect(lambda: self.set_text(ann_id, editor.text()))

    def double_click(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        if self.source is None or self.tool != TEXT:
            return self.source is not None and self.tool != TEXT
        hit = self.hit(page, x, y)
        view = self.views.get(hit or "")
        if view is None:
            return False
        self._select(hit)
        if view.kind == TEXTBOX:
            self.edit_text(hit)
        else:
            self.edit_note(hit)
        return True

    def context_menu(self, event: QContextMenuEvent, page: int, x: float, y: float) -> bool:
        menu = QMenu(self.view)
        menu.setObjectName("annotationMenu")
        menu.setAccessibleName(self.tr("Kommentarer"))
        hit = self.hit(page, x, y) if self.source is not None else None
        if hit is not None:
            self._select(hit)
            view = self.views[hit]
            menu.addAction(self.tr("Redigér &note…"), lambda: self.edit_note(hit))
            if view.kind == TEXTBOX:
                menu.addAction(self.tr("Redigér &tekst…"), lambda: self.edit_text(hit))
            self._color_menu(menu, view.color, lambda c: self.recolor(hit, c))
            menu.addSeparator()
            menu.addAction(self.tr("&Slet"), lambda: self.delete(hit))
        elif self.view.has_selection():
            for kind, action in self.mark_actions(menu).items():
                action.triggered.connect(lambda _on=False, k=kind: self.mark_selection(k))
                menu.addAction(action)
                if self.source is None:
                    action.setEnabled(False)
                    action.setToolTip(self.tr("Lås noterne op for at kommentere"))
            if self.source is not None:
                self._color_menu(menu, self.color, self.set_color)
            if self.orphan_to_place is not None and self.source is not None:
                menu.addAction(self.tr("&Placér kommentaren her"), lambda: self.place_again())
            menu.addSeparator()
            menu.addAction(self.tr("&Kopiér"), lambda: self.view.copy())
        elif self.source is not None:
            half = NOTE_SIZE / 2
            menu.addAction(
                self.tr("Tilføj &note her…"),
                lambda: self._note_at(page, (x - half, y - half, x + half, y + half)),
            )
        else:
            menu.deleteLater()
            return False
        menu.setToolTipsVisible(True)
        self.menu = menu
        menu.popup(event.globalPos())
        return True

    def mark_actions(self, parent: QObject) -> dict[str, QAction]:
        """Highlight, underline and strike out as actions (with their one-key shortcuts)."""
        names = {
            "highlight": (self.tr("&Fremhæv"), "H"),
            "underline": (self.tr("&Understreg"), "U"),
            "strikeout": (self.tr("&Gennemstreg"), "S"),
        }
        out: dict[str, QAction] = {}
        for kind, (text, key) in names.items():
            action = QAction(f"{text}\t{key}", parent)
            action.setIcon(color_icon(self.color_for(kind)))
            action.setData(kind)
            out[kind] = action
        return out

    def _color_menu(self, menu: QMenu, current: str | None, chosen: Callable[[str], None]) -> None:
        sub = menu.addMenu(self.tr("&Farve"))
        sub.setObjectName("colorMenu")
        for color, name in zip(COLORS, color_names(self), strict=True):
            action = sub.addAction(color_icon(color), name)
            action.setCheckable(True)
            action.setChecked(color == current)
            action.triggered.connect(lambda _on=False, c=color: chosen(c))

    def key(self, event: QKeyEvent) -> bool:
        action = self._key_action(event)
        if action is None:
            return False
        action()
        return True

    def wants_key(self, event: QKeyEvent) -> bool:
        return self._key_action(event) is not None

    def _key_action(self, event: QKeyEvent) -> Callable[[], object] | None:
        if self.source is None:
            return None
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return None
        key = event.key()
        if self.view.has_selection() and mods == Qt.KeyboardModifier.NoModifier:
            kind = {
                int(Qt.Key.Key_H): "highlight",
                int(Qt.Key.Key_U): "underline",
                int(Qt.Key.Key_S): "strikeout",
            }.get(int(key))
            if kind is not None:
                return lambda: self.mark_selection(kind)
        if key == Qt.Key.Key_N and mods == Qt.KeyboardModifier.NoModifier:
            return self.note_in_view
        selected = self.selected_id
        if selected is not None:
            nudge = self._nudge_action(
                selected, int(key), mods == Qt.KeyboardModifier.ShiftModifier
            )
            if nudge is not None:
                return nudge
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                return lambda: self.delete(selected)
            if key == Qt.Key.Key_Escape:
                return lambda: self._select(None)
            if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                view = self.views.get(selected)
                if view is not None and view.kind == TEXTBOX and key != Qt.Key.Key_F2:
                    return lambda: self.edit_text(selected)
                return lambda: self.edit_note(selected)
        if key == Qt.Key.Key_Escape and self.tool != TEXT:
            return lambda: self.set_tool(TEXT)
        return None

    def note_in_view(self) -> None:
        """A sticky note in the middle of what is shown, so a note can be placed without a
        mouse (then moved with the arrow keys)."""
        centre = QPointF(self.view.viewport().rect().center())
        where = self.view.page_point(centre)
        if where is None:
            return
        page, x, y = where
        half = NOTE_SIZE / 2
        self._note_at(page, (x - half, y - half, x + half, y + half))

    def _nudge_action(self, ann_id: str, key: int, shift: bool) -> Callable[[], None] | None:
        """Arrow keys move the selected shape; with Shift they resize it (not a note)."""
        steps = {
            int(Qt.Key.Key_Left): (-NUDGE, 0.0),
            int(Qt.Key.Key_Right): (NUDGE, 0.0),
            int(Qt.Key.Key_Up): (0.0, -NUDGE),
            int(Qt.Key.Key_Down): (0.0, NUDGE),
        }
        step = steps.get(key)
        view = self.views.get(ann_id)
        box = _bounds(view) if view is not None else None
        if step is None or view is None or box is None:
            return None
        if view.kind not in (STICKY, INK, RECTANGLE, TEXTBOX) or (shift and view.kind == STICKY):
            return None
        dx, dy = step
        x0, y0, x1, y1 = box
        if shift:
            new = (x0, y0, max(x0 + NUDGE, x1 + dx), max(y0 + NUDGE, y1 + dy))
        else:
            new = (x0 + dx, y0 + dy, x1 + dx, y1 + dy)
        return lambda: self.set_geometry(ann_id, new)

    # -- painting ------------------------------------------------------------------------

    def shapes(self, page: int) -> list[Shape]:
        """What the layer paints on 0-based ``page``."""
        out: list[Shape] = []
        for ann_id in self._by_page.get(page, []):
            view = self.views.get(ann_id)
            if view is None or ann_id == self._hidden:
                continue
            out.append(Shape(view.kind, view.color, view.rects, view.ink, view.text or ""))
        return out

    def paint_page(self, painter: QPainter, page: int, target: QRect, clip: QRect) -> None:
        info = self.view.info
        if self.source is None or info is None:
            return
        size = info.sizes[page]
        dpr = self.view.devicePixelRatioF()
        if self._by_page.get(page):
            self.layer.draw(
                painter,
                page,
                size,
                QRectF(target),
                dpr,
                lambda: self.shapes(page),
                QRectF(clip),
                multiply=not self.view.inverted(),
            )
        extra = [s for _t, s in self._provisional.get(page, [])]
        drag = self._drag
        if drag is not None and drag.page == page:
            extra.extend(self._drag_shapes(drag))
        zoom = self.view.zoom()
        if extra:
            painter.save()
            painter.translate(target.topLeft())
            paint_annotations(painter, extra, zoom)
            painter.restore()
        view = self.views.get(self.selected_id or "")
        if view is not None and view.page == page + 1:
            box = _bounds(view)
            if drag is not None and drag.annotation == view.id and self._hidden == view.id:
                box = self._dragged_box(drag, box) if box is not None else None
            if box is not None:
                self._paint_selected(painter, target, box, view.kind in (INK, RECTANGLE, TEXTBOX))

    def _drag_shapes(self, drag: _Drag) -> list[Shape]:
        if drag.mode == "ink" and len(drag.points) > 1:
            return [Shape(INK, self.color_for(INK), ink=[drag.points])]
        if drag.mode == "rect":
            x0, y0 = drag.start
            x1, y1 = drag.current
            box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
            return [Shape(self.tool, self.color_for(self.tool), [box])]
        if drag.mode in ("move", "resize") and self._hidden is not None:
            view = self.views.get(self._hidden)
            old = _bounds(view) if view is not None else None
            if view is None or old is None:
                return []
            rect, ink = _moved_geometry(view, old, self._dragged_box(drag, old))
            return [Shape(view.kind, view.color, [rect], ink or view.ink, view.text or "")]
        return []

    def _paint_selected(self, painter: QPainter, target: QRect, box: Rect, handles: bool) -> None:
        zoom = self.view.zoom()
        x0, y0, x1, y1 = box
        rect = QRectF(
            target.x() + x0 * zoom - 2,
            target.y() + y0 * zoom - 2,
            (x1 - x0) * zoom + 4,
            (y1 - y0) * zoom + 4,
        )
        painter.save()
        pen = QPen(self.view.palette().highlight().color(), 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        if handles:
            painter.setBrush(self.view.palette().highlight())
            for corner in (rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft()):
                painter.drawRect(
                    QRectF(corner.x() - HANDLE / 2, corner.y() - HANDLE / 2, HANDLE, HANDLE)
                )
        painter.restore()

    # -- for the side list and tests -----------------------------------------------------

    def viewport_point_of(self, ann_id: str) -> QPoint | None:
        """The middle of an annotation in the viewport now (tests, tooltips)."""
        view = self.views.get(ann_id)
        box = _bounds(view) if view is not None else None
        if view is None or box is None or view.page is None:
            return None
        return self.view.viewport_point(view.page - 1, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def color_names(owner: QObject) -> list[str]:
    return [
        owner.tr("Gul"),
        owner.tr("Grøn"),
        owner.tr("Blå"),
        owner.tr("Rød"),
        owner.tr("Lilla"),
        owner.tr("Orange"),
    ]


def color_icon(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    painter = QPainter(pixmap)
    painter.setPen(QColor(color).darker(160))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)
