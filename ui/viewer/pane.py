"""The reader as one widget: toolbar, sidebar, the continuous document view and the find bar."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.render import DocumentInfo, PageText
from ui.marks import find_icon, highlighter_icon, note_icon
from ui.viewer.annotation_list import AnnotationList
from ui.viewer.annotations import (
    COLORS,
    INK,
    RECTANGLE,
    STICKY,
    TEXT,
    TEXTBOX,
    Annotations,
    AnnotationSource,
    color_icon,
    color_names,
)
from ui.viewer.changes import ChangeList, Changes, ChangesSource, SideBySide
from ui.viewer.client import RenderClient
from ui.viewer.find import FindBar
from ui.viewer.layout import Position
from ui.viewer.sidebar import Sidebar
from ui.viewer.view import PAGE, PERCENT, WIDTH, DocumentView
from ui.widgets import tool_button

ZOOM_PERCENTS = (50, 75, 100, 125, 150, 200, 300, 400)

_Key = tuple[int, Qt.KeyboardModifier]
_ALT = Qt.KeyboardModifier.AltModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_NONE = Qt.KeyboardModifier.NoModifier


class ReaderPane(QWidget):
    """A PDF reader: continuous pages, zoom, find, selection, thumbnails and bookmarks.

    Public API (for the main window):

    - ``open(path, page=0, y=None)``: show a document (``None`` empties the reader) at
      ``page`` (0-based) with ``y`` (PDF points from the page top) on the reading line.
      ``document_opened(DocumentInfo)`` follows once a worker has read it;
      ``open_failed(exception)`` if it could not be opened.
    - ``go_to(page, y=None, record=True)``: jump; a recorded jump is undone with Back
      (Alt+Left). ``position() -> (page, y)``: where the reader is, at the reading line a
      little below the view's top edge.
    - ``show_document(path, page=0, y=None)``: ``go_to`` when ``path`` is open already,
      else ``open`` (an agenda item's page in the document on screen is a jump, not a new
      document).
      ``step(delta)``: the top of the page ``delta`` pages on (Ctrl+PgDown/Ctrl+PgUp).
    - ``position_changed(int page, float y)``: while scrolling, same meaning as ``position``.
    - ``mark_terms(page, query, reveal=True)``: mark the words of ``page`` that the search
      ``query`` matched (Danish word forms, compounds, prefixes, as the search counted them);
      with ``reveal``, scroll the first one into view. ``clear_terms()`` removes them.
    - ``find_text(needle)``: open the find bar and find ``needle``.
    - ``state() -> str`` and ``restore_state(str)``: zoom mode and zoom, sidebar and its
      tab, dark pages, as a string for QSettings; a bad string is ignored.
    - ``render_failed(int page, str reason)``: a page could not be shown (the view says so).
    - ``shutdown()``: close the render workers (once, before the application quits).
    - ``set_annotation_source(AnnotationSource | None)``: annotate the document on screen
      (its id and version, the open vault, the window's ops, the agenda items for the
      "Kommentarer" tab); ``None`` while the notes are locked: the tools are disabled and
      nothing decrypted stays in the reader. ``annotations`` is the ``Annotations`` object.
    - ``set_changes_source(ChangesSource | None)``: the document on screen (its id and
      version, the window's ops) whose changes since the version before "Vis ændringer"
      shows; computed on the library worker once per version pair (and kept). The toggle
      is enabled once it is known there is a version before. ``show_changes(on)``,
      ``step_change(delta)`` (F8/Shift+F8), ``compare_change()`` (the current change's old
      and new page side by side). ``changed_items(set[str])``: the new version's item
      numbers with a change (empty when there are none or no version before), for the
      agenda's badges.

    Keys inside the reader: Ctrl+F find, F3/Shift+F3 next/previous, Esc closes find,
    Ctrl+G go to page, F4 sidebar, F8/Shift+F8 next/previous change, Alt+Left/Alt+Right
    back/forward, Ctrl++/Ctrl+-/Ctrl+0 zoom in/out/fit width, Ctrl+C copy, Ctrl+A select the
    page, Ctrl+Z / Ctrl+Shift+Z undo and redo annotations. With text selected: H highlight,
    U underline, S strike out; with an annotation selected: Delete, F2 (note), Esc. They
    take precedence over the window's shortcuts while the focus is inside the reader.
    """

    position_changed = Signal(int, float)
    document_opened = Signal(object)  # DocumentInfo
    open_failed = Signal(object)  # the exception
    render_failed = Signal(int, str)
    changed_items = Signal(object)  # set of item numbers changed in the version on screen

    def __init__(self, client: RenderClient | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readerPane")
        self.setAccessibleName(self.tr("Læser"))
        self.client = client if client is not None else RenderClient(parent=self)
        self.view = DocumentView(self.client, self)
        self.find_bar = FindBar(self.client, self.view, self)
        self.sidebar = Sidebar(self.client, self)
        self.annotations = Annotations(self.view, self)
        self.view.overlay = self.annotations
        self.annotation_list = AnnotationList(self.annotations, self.sidebar)
        self.sidebar.addTab(self.annotation_list, self.tr("Kommentarer"))
        self.changes = Changes(self.view, self)
        self.change_list = ChangeList(self.changes, self.sidebar)
        self._changes_tab = self.sidebar.addTab(self.change_list, self.tr("Ændringer"))
        self.sidebar.setTabEnabled(self._changes_tab, False)
        self.side_by_side: SideBySide | None = None
        self._build_toolbar()
        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.setObjectName("readerSplitter")
        self._splitter.setChildrenCollapsible(False)
        main = QWidget(self._splitter)
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        self._splitter.addWidget(self.sidebar)
        self._splitter.addWidget(main)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([160, 800])
        self.sidebar.hide()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.toolbar)
        outer.addWidget(self._splitter, 1)
        self.setFocusProxy(self.view)

        self.view.position_changed.connect(self._moved)
        self.view.document_opened.connect(self._opened)
        self.view.open_failed.connect(self.open_failed)
        self.view.render_failed.connect(self.render_failed)
        self.view.zoom_changed.connect(self._zoomed)
        self.view.history_changed.connect(self._history_changed)
        self.sidebar.thumbnails.page_chosen.connect(lambda page: self.go_to(page))
        self.sidebar.bookmarks.chosen.connect(lambda page, y: self.go_to(page, y))
        self._keys: dict[_Key, object] = {
            (Qt.Key.Key_F, _CTRL): self.find_bar.open_bar,
            (Qt.Key.Key_F3, _NONE): lambda: self.find_bar.step(1),
            (Qt.Key.Key_F3, _SHIFT): lambda: self.find_bar.step(-1),
            (Qt.Key.Key_G, _CTRL): self.focus_page_field,
            (Qt.Key.Key_F4, _NONE): self.toggle_sidebar,
            (Qt.Key.Key_Left, _ALT): self.view.back,
            (Qt.Key.Key_Right, _ALT): self.view.forward,
            (Qt.Key.Key_Plus, _CTRL): self.view.zoom_in,
            (Qt.Key.Key_Equal, _CTRL): self.view.zoom_in,
            (Qt.Key.Key_Minus, _CTRL): self.view.zoom_out,
            (Qt.Key.Key_0, _CTRL): self.view.fit_width,
            (Qt.Key.Key_Z, _CTRL): self.annotations.undo,
            (Qt.Key.Key_Z, _CTRL | _SHIFT): self.annotations.redo,
            (Qt.Key.Key_Y, _CTRL): self.annotations.redo,
            (Qt.Key.Key_F8, _NONE): lambda: self.step_change(1),
            (Qt.Key.Key_F8, _SHIFT): lambda: self.step_change(-1),
        }
        self.changes.available.connect(self._changes_available)
        self.changes.changed_items.connect(self.changed_items)
        self.change_list.compare_requested.connect(self.compare_change)
        self.annotations.available.connect(self._annotating)
        self.annotations.tool_changed.connect(self._tool_changed)
        self.annotations.color_changed.connect(self._color_changed)
        self.annotations.stack_changed.connect(self._stack_changed)
        self.view.selection_changed.connect(lambda _on: self._annotating(None))
        self._annotating(None)
        self._page_count_changed(0)
        self._zoomed(self.view.zoom(), self.view.zoom_mode())
        self._history_changed()

    # -- the toolbar -----------------------------------------------------------------------

    def _tool(self, name: str, text: str, accessible: str, tip: str) -> QToolButton:
        return tool_button(self.toolbar, name, text, accessible, tip)

    def _build_toolbar(self) -> None:
        # a QToolBar: what does not fit a narrow reader goes behind its » button
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("readerToolbar")
        self.toolbar.setIconSize(QSize(16, 16))
        self.toolbar.setAccessibleName(self.tr("Læserens værktøjslinje"))
        self.sidebar_button = self._tool(
            "sidebarButton", "☰", self.tr("Sidepanel"), self.tr("Vis eller skjul sidepanelet (F4)")
        )
        self.sidebar_button.setCheckable(True)
        self.sidebar_button.toggled.connect(self.set_sidebar_visible)
        self.back_button = self._tool(
            "backButton", "←", self.tr("Tilbage"), self.tr("Tilbage til hvor du var (Alt+Venstre)")
        )
        self.back_button.clicked.connect(self.view.back)
        self.forward_button = self._tool(
            "forwardButton", "→", self.tr("Frem"), self.tr("Frem igen (Alt+Højre)")
        )
        self.forward_button.clicked.connect(self.view.forward)
        page_label = QLabel(self.tr("Side"), self.toolbar)
        self.page_field = QLineEdit(self.toolbar)
        self.page_field.setObjectName("pageField")
        self.page_field.setAccessibleName(self.tr("Sidetal"))
        self.page_field.setToolTip(self.tr("Gå til side (Ctrl+G)"))
        self.page_field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_field.setMaximumWidth(self.fontMetrics().horizontalAdvance("00000") + 12)
        self._validator = QIntValidator(1, 1, self.page_field)
        self.page_field.setValidator(self._validator)
        self.page_field.returnPressed.connect(self._page_entered)
        page_label.setBuddy(self.page_field)
        self.page_count_label = QLabel(self.toolbar)
        self.page_count_label.setObjectName("pageCount")
        self.zoom_out_button = self._tool(
            "zoomOutButton", "\u2212", self.tr("Zoom ud"), self.tr("Zoom ud (Ctrl+-)")
        )
        self.zoom_out_button.clicked.connect(self.view.zoom_out)
        self.zoom_combo = QComboBox(self.toolbar)
        self.zoom_combo.setObjectName("zoomCombo")
        self.zoom_combo.setAccessibleName(self.tr("Zoom"))
        self.zoom_combo.setEditable(True)
        self.zoom_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zoom_combo.addItem(self.tr("Tilpas bredde"), WIDTH)
        self.zoom_combo.addItem(self.tr("Hele siden"), PAGE)
        for percent in ZOOM_PERCENTS:
            self.zoom_combo.addItem(f"{percent} %", percent)
        self.zoom_combo.activated.connect(self._zoom_chosen)
        line = self.zoom_combo.lineEdit()
        assert line is not None
        line.setAccessibleName(self.tr("Zoom i procent"))
        line.returnPressed.connect(self._zoom_typed)
        self.zoom_in_button = self._tool(
            "zoomInButton", "+", self.tr("Zoom ind"), self.tr("Zoom ind (Ctrl++)")
        )
        self.zoom_in_button.clicked.connect(self.view.zoom_in)
        self.dark_button = self._tool(
            "darkPagesButton",
            "◐",
            self.tr("Mørke sider"),
            self.tr("Vis siderne med lys tekst på mørk baggrund"),
        )
        self.dark_button.setCheckable(True)
        self.dark_button.toggled.connect(self.view.set_inverted)
        self.find_button = self._tool(
            "findButton", "", self.tr("Find i dokumentet"), self.tr("Find i dokumentet (Ctrl+F)")
        )
        self.find_button.setIcon(find_icon())
        self.find_button.clicked.connect(self.find_bar.open_bar)
        self.changes_button = self._tool(
            "changesButton",
            "±",
            self.tr("Vis ændringer"),
            self.tr("Vis ændringer siden versionen før (F8: næste ændring)"),
        )
        self.changes_button.setCheckable(True)
        self.changes_button.setEnabled(False)
        self.changes_button.toggled.connect(self.show_changes)
        row = self.toolbar
        for w in (self.sidebar_button, self.back_button, self.forward_button):
            row.addWidget(w)
        row.addSeparator()
        page_label.setContentsMargins(4, 0, 4, 0)
        self.page_count_label.setContentsMargins(4, 0, 4, 0)
        row.addWidget(page_label)
        row.addWidget(self.page_field)
        row.addWidget(self.page_count_label)
        row.addSeparator()
        self.zoom_combo.setMinimumContentsLength(len(self.tr("Tilpas bredde")))
        for widget in (self.zoom_out_button, self.zoom_combo, self.zoom_in_button):
            row.addWidget(widget)
        row.addSeparator()
        row.addWidget(self.dark_button)
        row.addWidget(self.find_button)
        row.addWidget(self.changes_button)
        self._build_annotation_tools(row)

    def _build_annotation_tools(self, row: QToolBar) -> None:
        """The compact group of annotation tools: a tool for the mouse, the marks for
        selected text, the colour, undo and redo."""
        row.addSeparator()
        self.tool_group = QButtonGroup(self)
        self.tool_group.setExclusive(True)
        self.tool_buttons: dict[str, QToolButton] = {}
        for tool, name, text, accessible, tip in (
            (TEXT, "textTool", "I", self.tr("Markér tekst"), self.tr("Markér tekst")),
            (
                STICKY,
                "noteTool",
                "",
                self.tr("Note"),
                self.tr("Sæt en note på siden (N: midt i visningen)"),
            ),
            (INK, "inkTool", "✎", self.tr("Frihånd"), self.tr("Tegn frihånd")),
            (RECTANGLE, "rectangleTool", "▭", self.tr("Rektangel"), self.tr("Tegn et rektangel")),
            (TEXTBOX, "textboxTool", "T", self.tr("Tekstboks"), self.tr("Skriv i en tekstboks")),
        ):
            button = self._tool(name, text, accessible, tip)
            button.setCheckable(True)
            button.setProperty("annotationTip", tip)
            button.clicked.connect(lambda _on=False, t=tool: self.annotations.set_tool(t))
            self.tool_group.addButton(button)
            self.tool_buttons[tool] = button
            row.addWidget(button)
        self.tool_buttons[TEXT].setChecked(True)
        self.tool_buttons[STICKY].setIcon(note_icon())
        self.mark_button = self._tool(
            "markButton", "", self.tr("Fremhæv"), self.tr("Fremhæv den markerede tekst (H)")
        )
        self.mark_button.setIcon(highlighter_icon())
        self.mark_button.setProperty("annotationTip", self.mark_button.toolTip())
        self.mark_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        marks = QMenu(self.mark_button)
        self.mark_actions = self.annotations.mark_actions(marks)
        for kind, action in self.mark_actions.items():
            action.triggered.connect(lambda _on=False, k=kind: self.annotations.mark_selection(k))
            marks.addAction(action)
        self.mark_button.setMenu(marks)
        self.mark_button.clicked.connect(lambda: self.annotations.mark_selection("highlight"))
        row.addWidget(self.mark_button)
        self.color_button = self._tool(
            "colorButton", "", self.tr("Farve"), self.tr("Farve på nye og valgte kommentarer")
        )
        self.color_button.setProperty("annotationTip", self.color_button.toolTip())
        self.color_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.color_button.setIcon(color_icon(COLORS[0]))
        colors = QMenu(self.color_button)
        colors.setObjectName("colorMenu")
        for color, name in zip(COLORS, color_names(self), strict=True):
            action = colors.addAction(color_icon(color), name)
            action.setData(color)
            action.triggered.connect(lambda _on=False, c=color: self.annotations.set_color(c))
        self.color_button.setMenu(colors)
        row.addWidget(self.color_button)
        self.undo_button = self._tool(
            "undoButton", "↶", self.tr("Fortryd"), self.tr("Fortryd (Ctrl+Z)")
        )
        self.undo_button.setProperty("annotationTip", self.undo_button.toolTip())
        self.undo_button.clicked.connect(self.annotations.undo)
        self.redo_button = self._tool(
            "redoButton", "↷", self.tr("Gentag"), self.tr("Gentag (Ctrl+Shift+Z)")
        )
        self.redo_button.setProperty("annotationTip", self.redo_button.toolTip())
        self.redo_button.clicked.connect(self.annotations.redo)
        row.addWidget(self.undo_button)
        row.addWidget(self.redo_button)

    def _annotation_controls(self) -> list[QToolButton]:
        return [
            *self.tool_buttons.values(),
            self.mark_button,
            self.color_button,
            self.undo_button,
            self.redo_button,
        ]

    def _annotating(self, _available: object) -> None:
        """Enable the tools only while there is something to annotate with."""
        on = self.annotations.is_available
        locked = self.tr("Lås noterne op for at kommentere")
        for button in self._annotation_controls():
            tip = str(button.property("annotationTip") or "")
            button.setEnabled(on)
            button.setToolTip(tip if on else f"{tip}\n{locked}" if tip else locked)
        if on:
            self.mark_button.setEnabled(self.view.has_selection())
            self._stack_changed()
        if not on:
            self.tool_buttons[TEXT].setChecked(True)
            self.annotations.set_tool(TEXT)

    def _tool_changed(self, tool: str) -> None:
        self.tool_buttons[tool].setChecked(True)

    def _color_changed(self, color: str) -> None:
        self.color_button.setIcon(color_icon(color))
        for kind, action in self.mark_actions.items():
            action.setIcon(color_icon(self.annotations.color_for(kind)))

    def _stack_changed(self) -> None:
        stack = self.annotations.stack
        on = self.annotations.is_available
        self.undo_button.setEnabled(on and stack.canUndo())
        self.redo_button.setEnabled(on and stack.canRedo())
        if on:
            self.undo_button.setToolTip(
                self.tr("Fortryd %1 (Ctrl+Z)").replace("%1", stack.undoText())
                if stack.canUndo()
                else self.tr("Fortryd (Ctrl+Z)")
            )
            self.redo_button.setToolTip(
                self.tr("Gentag %1 (Ctrl+Shift+Z)").replace("%1", stack.redoText())
                if stack.canRedo()
                else self.tr("Gentag (Ctrl+Shift+Z)")
            )

    def set_annotation_source(self, source: AnnotationSource | None) -> None:
        """Annotate the document on screen with ``source`` (None: the notes are locked)."""
        self.annotations.set_source(source)

    # -- what changed --------------------------------------------------------------------

    def set_changes_source(self, source: ChangesSource | None) -> None:
        """Show what changed in ``source``'s document since its version before (None: no
        document with versions on screen)."""
        self.changes.set_source(source)

    def _changes_available(self, on: bool) -> None:
        self.changes_button.setEnabled(on)
        self.sidebar.setTabEnabled(self._changes_tab, on)
        if not on:
            with QSignalBlocker(self.changes_button):
                self.changes_button.setChecked(False)
            self.changes.set_shown(False)
            self._close_side_by_side()
        elif self.changes_button.isChecked():
            self.changes.set_shown(True)

    def show_changes(self, on: bool = True) -> None:
        """Mark the changes on the pages and list them in the sidebar (or stop)."""
        on = on and self.changes.is_available
        with QSignalBlocker(self.changes_button):
            self.changes_button.setChecked(on)
        self.changes.set_shown(on)
        if on:
            self.set_sidebar_visible(True)
            self.sidebar.setCurrentIndex(self._changes_tab)

    def step_change(self, delta: int) -> None:
        """Jump to the next (1) or previous (-1) change, showing the changes first."""
        if not self.changes.is_available:
            return
        if not self.changes.shown:
            self.show_changes(True)
        self.changes.step(delta)

    def compare_change(self) -> SideBySide | None:
        """The current change's old and new page side by side, in a window of their own."""
        result, index = self.changes.result, self.changes.current
        if result is None or index is None:
            return None
        self._close_side_by_side()
        dialog = SideBySide(
            self.client, result, result.marked[index], self.change_list.detail(index), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "side_by_side", None))
        self.side_by_side = dialog
        dialog.show()
        return dialog

    def _close_side_by_side(self) -> None:
        if self.side_by_side is not None:
            self.side_by_side.close()
            self.side_by_side = None

    def _page_count_changed(self, count: int) -> None:
        self.page_count_label.setText(self.tr("af %1").replace("%1", str(count)))
        self._validator.setRange(1, max(1, count))
        self.page_field.setEnabled(count > 0)

    def _page_entered(self) -> None:
        text = self.page_field.text().strip()
        if text.isdigit() and self.view.page_count:
            self.go_to(min(max(int(text), 1), self.view.page_count) - 1)
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_page_field(self) -> None:
        self.page_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.page_field.selectAll()

    def _zoom_chosen(self, index: int) -> None:
        data = self.zoom_combo.itemData(index)
        if data == WIDTH:
            self.view.fit_width()
        elif data == PAGE:
            self.view.fit_page()
        else:
            self.view.set_zoom(int(data) / 100)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _zoom_typed(self) -> None:
        digits = "".join(c for c in self.zoom_combo.currentText() if c.isdigit() or c in ".,")
        try:
            percent = float(digits.replace(",", "."))
        except ValueError:
            self._zoomed(self.view.zoom(), self.view.zoom_mode())
            return
        self.view.set_zoom(percent / 100)

    def _zoomed(self, zoom: float, mode: str) -> None:
        with QSignalBlocker(self.zoom_combo):
            if mode == WIDTH:
                self.zoom_combo.setCurrentIndex(0)
            elif mode == PAGE:
                self.zoom_combo.setCurrentIndex(1)
            else:
                self.zoom_combo.setCurrentIndex(-1)
                self.zoom_combo.setEditText(f"{round(zoom * 100)} %")
        self.zoom_combo.setToolTip(self.tr("Zoom: %1 %").replace("%1", str(round(zoom * 100))))

    def _history_changed(self) -> None:
        self.back_button.setEnabled(self.view.history.can_back())
        self.forward_button.setEnabled(self.view.history.can_forward())

    # -- sidebar ---------------------------------------------------------------------------

    def toggle_sidebar(self) -> None:
        self.set_sidebar_visible(not self.sidebar.isVisible())

    def set_sidebar_visible(self, on: bool) -> None:
        self.sidebar.setVisible(on)
        with QSignalBlocker(self.sidebar_button):
            self.sidebar_button.setChecked(on)
        if on:
            self.sidebar.thumbnails.follow(self.view.position()[0])

    # -- the document ----------------------------------------------------------------------

    def open(self, path: Path | None, page: int = 0, y: float | None = None) -> None:
        self.view.open(path, page, y)  # first: the workers start on it at once
        if self.find_bar.isVisible():
            self.find_bar.close_bar()
        self.sidebar.set_document(None)
        self._page_count_changed(0)
        self.page_field.clear()

    def go_to(self, page: int, y: float | None = None, record: bool = True) -> None:
        self.view.go_to(page, y, record)

    def show_document(self, path: Path | None, page: int = 0, y: float | None = None) -> None:
        if path is not None and path == self.view.path:
            self.go_to(page, y)
        else:
            self.open(path, page, y)

    def step(self, delta: int) -> None:
        count = self.view.page_count
        if count:
            self.go_to(min(max(self.position()[0] + delta, 0), count - 1), None, record=False)

    def position(self) -> Position:
        return self.view.position()

    def find_text(self, needle: str) -> None:
        self.find_bar.open_bar()
        self.find_bar.search(needle)

    def mark_terms(self, page: int, query: str, reveal: bool = True) -> None:
        view = self.view
        path = view.path

        def marked(text: PageText) -> None:
            if view.path != path:
                return
            from reader.search.marks import matching_spans  # Whoosh loads with a first hit

            rects = [r for a, b in matching_spans(query, text.text) for r in text.rects(a, b)]
            view.set_term_marks(page, rects)
            if reveal and rects:
                # the first matched words on the reading line, as an item chosen in the agenda
                # puts its heading there: the agenda and the notes then follow the item the hit
                # is in, not the one before it whose end shares the page
                first = min(rects, key=lambda r: (r[1], r[0]))
                view.go_to(page, (first[1] + first[3]) / 2, record=False)

        view.with_text(page, marked)

    def clear_terms(self) -> None:
        self.view.set_term_marks(0, [])

    def _opened(self, info: DocumentInfo) -> None:
        self._page_count_changed(info.page_count)
        self.sidebar.set_document(info)
        self.changes.refresh()
        self._moved(*self.view.position())
        self.document_opened.emit(info)

    def _moved(self, page: int, y: float) -> None:
        if not self.page_field.hasFocus():
            self.page_field.setText(str(page + 1))
        if self.sidebar.isVisible():
            self.sidebar.thumbnails.follow(page)
        self.position_changed.emit(page, y)

    # -- state -----------------------------------------------------------------------------

    def state(self) -> str:
        return json.dumps(
            {
                "zoom_mode": self.view.zoom_mode(),
                "zoom": round(self.view.zoom(), 4),
                "sidebar": self.sidebar.isVisible() or self.sidebar_button.isChecked(),
                "sidebar_tab": self.sidebar.currentIndex(),
                "sidebar_width": self._splitter.sizes()[0] if self.sidebar.isVisible() else None,
                "inverted": self.view.inverted(),
            },
            sort_keys=True,
        )

    def restore_state(self, state: str) -> None:
        try:
            data = json.loads(state)
        except (TypeError, ValueError):
            return
        if not isinstance(data, dict):
            return
        mode = data.get("zoom_mode")
        zoom = data.get("zoom")
        if mode == WIDTH:
            self.view.fit_width()
        elif mode == PAGE:
            self.view.fit_page()
        elif mode == PERCENT and isinstance(zoom, int | float) and zoom > 0:
            self.view.set_zoom(float(zoom))
        if isinstance(data.get("sidebar"), bool):
            self.set_sidebar_visible(data["sidebar"])
        tab = data.get("sidebar_tab")
        if isinstance(tab, int) and 0 <= tab < self.sidebar.count():
            self.sidebar.setCurrentIndex(tab)
        width = data.get("sidebar_width")
        if isinstance(width, int) and width > 0:
            total = sum(self._splitter.sizes()) or 960
            self._splitter.setSizes([width, max(1, total - width)])
        if isinstance(data.get("inverted"), bool):
            self.dark_button.setChecked(data["inverted"])

    def shutdown(self) -> None:
        """Close the render workers; the reader shows nothing new afterwards."""
        self.client.shutdown()

    # -- keys ------------------------------------------------------------------------------

    def _action_for(self, event: QKeyEvent) -> object | None:
        mods = event.modifiers() & (_CTRL | _ALT | _SHIFT)
        key = event.key()
        if key == Qt.Key.Key_Escape and self.find_bar.isVisible():
            return self.find_bar.close_bar
        if event.matches(QKeySequence.StandardKey.Find):
            return self.find_bar.open_bar
        action = self._keys.get((key, mods))
        if action is None and key == Qt.Key.Key_Plus:  # Ctrl++ on layouts with shifted plus
            action = self._keys.get((key, mods & ~_SHIFT))
        return action

    def event(self, event: QEvent) -> bool:
        """The reader's keys win over the window's shortcuts while the focus is inside."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._action_for(event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._action_for(event)
        if callable(action):
            action()
            event.accept()
            return
        super().keyPressEvent(event)
