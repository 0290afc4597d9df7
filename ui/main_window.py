"""The main window: meetings, the selected meeting's agenda, and its documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QBrush,
    QCloseEvent,
    QColor,
    QFont,
    QIcon,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.i18n import plural
from reader.library import Library
from reader.library.news import Badges, LibraryBadges
from reader.library.reading import item_at
from reader.library.store import DocumentRow, ItemRow, MeetingRow, blob_file
from reader.paths import DataPaths
from ui import tasks
from ui.case_panel import CasePanel
from ui.errors import show_error
from ui.first_start import Welcome
from ui.marks import note_icon
from ui.meeting_tree import MeetingTree, Words
from ui.news_panel import NewsPanel
from ui.notes_area import NotesArea
from ui.ops import FOLLOWING, ChangeReport, LibraryOps
from ui.reading_state import ReadingState
from ui.search_panel import SearchPanel
from ui.snapshot import FirstRead, Snapshot, read_snapshot
from ui.sync_control import SyncControl
from ui.theme import DARK, LIGHT, SYSTEM, THEMES, apply_theme
from ui.viewer.pane import ReaderPane
from ui.widgets import confirm_removal

if TYPE_CHECKING:
    from reader.library.importer import ImportReport
    from reader.search import NotesIndex
    from reader.vault import Vault

ROLE_ID = Qt.ItemDataRole.UserRole
CHANGED_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's item changed in the new version


@dataclass(frozen=True)
class _Node:
    """What a row of the agenda tree stands for: an item (where its heading is) or a document
    filed under an item (an attachment, opened in the same reader)."""

    document_id: int | None
    page: int | None  # 1-based; None for a document row (it opens where it was left)
    number: str | None  # the item's number; None for rows that belong to no item
    is_group: bool = False
    y: float | None = None
    is_document: bool = False


_icons: dict[str, QIcon] = {}


def _file_icon() -> QIcon:
    """The style's file icon, as the icon provider hands it out: asked of the style itself,
    PySide would first build QStyle's eleven enums (milliseconds, at start-up)."""
    if (icon := _icons.get("file")) is None:
        from PySide6.QtWidgets import QFileIconProvider

        icon = _icons["file"] = QFileIconProvider().icon(QFileIconProvider.IconType.File)
    return icon


def _pane(*widgets: QWidget, stretch: QWidget | None = None) -> QWidget:
    """A column of widgets for one side of the splitter."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return pane


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A label whose mnemonic (Alt+letter) moves the focus to ``widget``."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class MainWindow(QMainWindow):
    first_listed = Signal()  # once, when the meetings are first listed: the window is usable

    def __init__(
        self, paths: DataPaths, settings: QSettings, first_read: FirstRead | None = None
    ) -> None:
        """``first_read``: the snapshot start-up began reading before the window's modules
        were loaded (``ui.app.create_window``); without it the window starts its own."""
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.ops = LibraryOps(paths, self)
        self.ops.library_changed.connect(self._library_changed)
        # An empty library with no source of its own is a new user's: the demo is imported
        # once the (empty) list is shown. Known with the first snapshot.
        self.first_start = False
        self._meetings: dict[int, MeetingRow] = {}
        self._pending_item: tuple[int, int] | None = None  # (meeting, item) to select once listed
        self._document_meeting: dict[int, int] = {}
        self._files_dir = str(paths.files)
        self._files: dict[int, Path] = {}  # documents newer than the list: their PDFs
        self._items: dict[int, list[ItemRow]] = {}  # agendas read so far, until a change
        self._meeting: MeetingRow | None = None
        self._document_id: int | None = None  # the document in the reader
        self._following = False  # the agenda is being moved by the reading position
        self._when: dict[str, str] = {}  # meeting times as shown, by ISO text
        self._date_format, self._at = self.tr("d. MMMM yyyy"), self.tr("kl. %1")
        self._locale = QLocale()  # the UI's language, set before the window is made
        self._badge_texts: dict[tuple[int, int, int], tuple[str, str]] = {}
        self._counts: dict[int, dict[str | None, int]] = {}  # notes per item, by meeting
        self._with_notes: set[int] = set()  # meetings that have notes
        self._changed: set[str] = set()  # items changed in the open document's new version
        self._badges = LibraryBadges()
        self._demo: set[int] = set()
        self._sources = 0
        self._shown_once = False
        self._listed_once = False
        self.reading = ReadingState(settings)
        self._restore_meeting, self._restore_document = self.reading.last()
        self._select_after: int | None = None  # the meeting to select once a change is in
        self._closed = False  # results of tasks that outlive the window are dropped
        self.setWindowTitle("Mødemappe")
        self.setObjectName("mainWindow")
        # The library is read on its worker while the widgets are built: its answer is
        # handed out by the event loop, so only once they are all there.
        if first_read is not None and first_read.meeting_id == self._restore_meeting:
            first_read.then(
                self,
                lambda snapshot: self._show_snapshot(snapshot, self._restore_meeting),
                lambda exc: show_error(self, exc),
            )
        else:
            self.refresh(self._restore_meeting)
        self._build()
        self._build_actions()
        if not self.reading.restore_layout(self, self._splitters(), self.left_tabs):
            self.resize(1280, 820)
        if (theme := str(settings.value("view/theme", SYSTEM))) != SYSTEM:
            self.set_theme(theme)

    def when(self, iso: str | None) -> str:
        """A meeting time as people write it, in the UI's language (month names by QLocale).

        Kept per text: the meeting list asks for a thousand of them at start-up. The time of
        day is not formatted with strftime, which imports the time module on every call
        (through PySide's import hook: as long as the date itself)."""
        if not iso:
            return ""
        if (known := self._when.get(iso)) is not None:
            return known
        dt = datetime.fromisoformat(iso)
        text = self._locale.toString(QDate(dt.year, dt.month, dt.day), self._date_format)
        if dt.hour or dt.minute:
            text += " " + self._at.replace("%1", f"{dt.hour:02d}:{dt.minute:02d}")
        self._when[iso] = text
        return text

    # -- construction --------------------------------------------------------------------

    def _build(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("meetingFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filtrér møder…"))
        self.filter_edit.setAccessibleName(self.tr("Filtrér møder"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)

        self.meeting_list = MeetingTree()
        self.meeting_list.setObjectName("meetingList")
        self.meeting_list.setAccessibleName(self.tr("Møder efter udvalg"))
        self.meeting_list.currentItemChanged.connect(self._meeting_selected)
        self.meeting_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.meeting_list.customContextMenuRequested.connect(self._meeting_menu)

        meetings_tab = _pane(
            self.filter_edit, _buddy(self.tr("&Møder"), self.meeting_list), self.meeting_list
        )
        self.search_panel = SearchPanel(self.ops)
        self.search_panel.setObjectName("searchPanel")
        self.search_panel.open_requested.connect(self.open_document)
        self.left_tabs = QTabWidget()
        self.left_tabs.setObjectName("leftTabs")
        self.left_tabs.setAccessibleName(self.tr("Møder og søgning"))
        self.left_tabs.addTab(meetings_tab, self.tr("Møder"))
        self.left_tabs.addTab(self.search_panel, self.tr("Søg"))
        self.news_panel = NewsPanel()
        self.news_panel.open_requested.connect(self.open_document)
        self.left_tabs.addTab(self.news_panel, self.tr("Nyt"))
        # the search filters would otherwise hold the window at 900 px: a laptop's half screen
        # must fit (the filters then scroll)
        self.left_tabs.setMinimumWidth(200)
        left = self.left_tabs

        self.agenda_tree = QTreeWidget()
        self.agenda_tree.setObjectName("agendaTree")
        self.agenda_tree.setAccessibleName(self.tr("Dagsordenspunkter"))
        self.agenda_tree.setHeaderLabels([self.tr("Punkt"), self.tr("Noter"), self.tr("Side")])
        self.agenda_tree.setColumnCount(3)
        self.agenda_tree.setUniformRowHeights(True)
        self.agenda_tree.header().setStretchLastSection(False)
        header = self.agenda_tree.header()
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        self.agenda_tree.currentItemChanged.connect(self._item_selected)
        self.agenda_tree.itemActivated.connect(lambda item, _col: self._item_selected(item, None))

        self.meeting_heading = QLabel()
        self.meeting_heading.setObjectName("meetingHeading")
        self.meeting_heading.setWordWrap(True)
        self.meeting_heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.meeting_heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.meeting_heading.setFont(font)
        agenda = _pane(
            self.meeting_heading,
            _buddy(self.tr("&Dagsorden"), self.agenda_tree),
            self.agenda_tree,
        )
        self.notes_area = NotesArea(self.ops)
        self.notes_area.unlocked.connect(self._notes_unlocked)
        self.notes_area.notice.connect(lambda text: self.statusBar().showMessage(text, 10000))
        # the in-memory notes index holds plain text: it goes when the notes are locked
        self.notes_area.locked.connect(lambda: setattr(self.search_panel, "notes", None))
        self.notes_area.unlocked.connect(lambda _vault: self._annotation_source())
        self.notes_area.locked.connect(self._annotation_source)
        self.notes_area.note_counts_changed.connect(self._note_counts)
        self.notes_area.meetings_with_notes_changed.connect(self._meetings_with_notes)
        self.case_panel = CasePanel(self.ops)
        self.case_panel.open_requested.connect(self.open_item)
        self.case_panel.counted.connect(self._case_counted)
        self.search_panel.case_requested.connect(self.show_case)
        self.item_tabs = QTabWidget()
        self.item_tabs.setObjectName("itemTabs")
        self.item_tabs.setAccessibleName(self.tr("Noter og sagens forløb"))
        self.item_tabs.addTab(self.notes_area, self.tr("Noter"))
        self.item_tabs.addTab(self.case_panel, self.tr("Sagens forløb"))
        middle = self.middle_splitter = QSplitter(Qt.Orientation.Vertical)
        middle.setObjectName("agendaNotesSplitter")
        middle.addWidget(agenda)
        middle.addWidget(self.item_tabs)
        middle.setSizes([480, 320])

        self.document_combo = QComboBox()
        self.document_combo.setObjectName("documentChooser")
        self.document_combo.setAccessibleName(self.tr("Dokument"))
        self.document_combo.currentIndexChanged.connect(self._document_selected)
        self.reader = ReaderPane()
        self.reader.changed_items.connect(self._badge_changed_items)
        self.reader.setMinimumWidth(360)  # narrower than its toolbar: the toolbar overflows
        self.reader.position_changed.connect(self._reading_at)
        self.reader.open_failed.connect(lambda exc: show_error(self, exc))
        if state := self.settings.value("reader/state"):
            self.reader.restore_state(str(state))

        right = _pane(
            _buddy(self.tr("D&okument"), self.document_combo),
            self.document_combo,
            self.reader,
            stretch=self.reader,
        )

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 5)
        self.splitter.setSizes([320, 400, 560])
        self.welcome = Welcome()
        self.welcome.hide()
        self.welcome.add_source.connect(self.add_source)
        self.welcome.import_folder.connect(self.choose_import_folder)
        self.welcome.remove_demo.connect(self.remove_demo)
        self.welcome.dismissed.connect(self._dismiss_welcome)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.welcome)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.sync = SyncControl(self.ops, self.settings, self.statusBar(), self)
        self.sync.finished.connect(self._synced)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("libraryCounts")
        self.statusBar().addPermanentWidget(self.counts_label)
        self.lock_label = QLabel()
        self.lock_label.setObjectName("notesLockState")
        self.statusBar().addPermanentWidget(self.lock_label)
        self.notes_area.lock_state_changed.connect(self.lock_label.setText)
        self.setTabOrder(self.filter_edit, self.meeting_list)
        self.setTabOrder(self.meeting_list, self.agenda_tree)
        self.setTabOrder(self.agenda_tree, self.document_combo)
        self.setTabOrder(self.document_combo, self.reader)

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str, slot: object
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.import_action = self._action(self.tr("&Importér…"), "Ctrl+I", self.choose_import)
        import_folder = self._action(
            self.tr("Importér &mappe…"), "Ctrl+Shift+I", self.choose_import_folder
        )
        # not StandardKey.Quit: Windows and Qt's offscreen platform bind no key to it
        self.quit_action = self._action(self.tr("&Afslut"), "Ctrl+Q", self.close)
        self.addAction(self.sync.sync_action)
        self.sources_action = self._action(self.tr("&Kilder…"), "", self.show_sources)
        self.settings_action = self._action(
            self.tr("&Indstillinger…"), QKeySequence.StandardKey.Preferences, self.show_settings
        )
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        file_menu = self.menuBar().addMenu(self.tr("&Filer"))
        file_menu.addActions([self.sync.sync_action, self.sources_action])
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, import_folder])
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        self.edit_meeting_action = self._action(self.tr("&Ret mødet…"), "F2", self.edit_meeting)
        self.remove_meeting_action = self._action(self.tr("&Fjern mødet…"), "", self.remove_meeting)
        self.read_action = self._action(
            self.tr("Markér som &læst"), "", lambda: self.mark_meeting(True)
        )
        self.unread_action = self._action(
            self.tr("Markér som &ulæst"), "", lambda: self.mark_meeting(False)
        )
        self.remove_demo_action = self._action(self.tr("Fjern &demoen"), "", self.remove_demo)
        meeting_menu = self.menuBar().addMenu(self.tr("&Møde"))
        meeting_menu.addActions([self.edit_meeting_action, self.remove_meeting_action])
        meeting_menu.addSeparator()
        meeting_menu.addActions([self.read_action, self.unread_action])
        meeting_menu.addSeparator()
        meeting_menu.addAction(self.remove_demo_action)

        view_menu = self.menuBar().addMenu(self.tr("&Vis"))
        for text, key, slot in (
            (self.tr("&Find møde"), "Ctrl+L", self.find_meeting),
            (self.tr("&Søg i alt"), QKeySequence.StandardKey.Find, self.find_anywhere),
            (self.tr("&Nyt siden sidste synkronisering"), "Ctrl+N", self.show_news),
            (self.tr("Gå til &møder"), "Alt+1", self.meeting_list.setFocus),
            (self.tr("Gå til &dagsorden"), "Alt+2", self.agenda_tree.setFocus),
            (self.tr("Gå til d&okument"), "Alt+3", self.reader.setFocus),
        ):
            view_menu.addAction(self._action(text, key, slot))
        view = self.reader.view
        reader_menu = self.menuBar().addMenu(self.tr("&Læs"))
        for text, key, slot in (
            (self.tr("&Næste side"), "Ctrl+PgDown", lambda: self.reader.step(1)),
            (self.tr("&Forrige side"), "Ctrl+PgUp", lambda: self.reader.step(-1)),
            (self.tr("&Gå til side…"), "Ctrl+G", self.reader.focus_page_field),
            (self.tr("&Tilbage"), "Alt+Left", view.back),
            (self.tr("&Frem"), "Alt+Right", view.forward),
            (self.tr("Find i &dokumentet…"), "", self.reader.find_bar.open_bar),
            (self.tr("Zoom &ind"), QKeySequence.StandardKey.ZoomIn, view.zoom_in),
            (self.tr("Zoom &ud"), QKeySequence.StandardKey.ZoomOut, view.zoom_out),
            (self.tr("Tilpas til &bredden"), "Ctrl+0", view.fit_width),
            (self.tr("&Hele siden"), "Ctrl+9", view.fit_page),
            (self.tr("&Sidepanel"), "F4", self.reader.toggle_sidebar),
            (self.tr("&Mørke sider"), "", self.reader.dark_button.toggle),
        ):
            reader_menu.addAction(self._action(text, key, slot))

        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(self.tr("&Farver"))
        self.theme_actions = QActionGroup(self)
        chosen = str(self.settings.value("view/theme", SYSTEM))
        for theme, text in (
            (SYSTEM, self.tr("Som &systemet")),
            (LIGHT, self.tr("&Lyse")),
            (DARK, self.tr("&Mørke")),
        ):
            action = QAction(text, self, checkable=True)
            action.setData(theme)
            action.setChecked(theme == chosen)
            action.triggered.connect(lambda _on=False, t=theme: self.set_theme(t))
            self.theme_actions.addAction(action)
            theme_menu.addAction(action)

        notes_menu = self.menuBar().addMenu(self.tr("&Noter"))
        state, *rest = self.notes_area.vault_actions()
        notes_menu.addAction(state)
        notes_menu.addSeparator()
        notes_menu.addActions(rest)
        notes_menu.addSeparator()
        notes_menu.addActions(self.notes_area.export_actions())

        help_menu = self.menuBar().addMenu(self.tr("&Hjælp"))
        help_menu.addAction(self._action(self.tr("&Om Mødemappe"), "", self.about))

    # -- data ----------------------------------------------------------------------------

    def refresh(self, select_meeting: int | None = None) -> None:
        """Read the meetings again and show them, selecting ``select_meeting`` if given."""
        wanted = select_meeting or (self._meeting.id if self._meeting else None)
        self.ops.op(self, lambda lib, _task: read_snapshot(lib, wanted)).success(
            lambda snapshot: self._show_snapshot(snapshot, select_meeting)
        ).run_in_background()

    def _show_snapshot(self, snapshot: Snapshot, select_meeting: int | None) -> None:
        self._meetings = {m.id: m for m in snapshot.meetings}
        self._document_meeting = {d.id: m.id for m in snapshot.meetings for d in m.documents}
        self._files = {}
        self._items = dict(snapshot.items)
        self._badges = snapshot.badges
        self._demo = snapshot.demo
        self._sources = snapshot.sources
        current = select_meeting or (self._meeting.id if self._meeting else None)
        previous = self._meeting.id if self._meeting else None
        self.meeting_list.fill(
            snapshot.groups,
            snapshot.badges.meetings,
            self._words(),
            demo=snapshot.demo,
            notes=self._with_notes,
        )
        row = self.meeting_list.meeting_item(current) if current is not None else None
        if row is None and self.meeting_list.count():
            row = self.meeting_list.item(0)
        # the same meeting again: its agenda and the reader stay as they are, the rows that
        # show what is new are brought up to date
        self.meeting_list.blockSignals(True)
        if row is not None:
            self.meeting_list.setCurrentItem(row)
        self.meeting_list.blockSignals(False)
        if row is None or row.data(0, ROLE_ID) != previous or previous not in self._meetings:
            self._meeting_selected(row)
        elif self._meeting is not None:
            self._meeting = self._meetings[self._meeting.id]
            self._relabel_documents()
            self._fill_agenda_again()
        if row is not None:
            self.meeting_list.scrollToItem(row)
        if self.filter_edit.text():  # a fresh list hides nothing: no need to walk it
            self._apply_filter(self.filter_edit.text())
        states = snapshot.badges.documents
        self.news_panel.show_entries(
            snapshot.news,
            self.when,
            {
                e.document.id
                for e in snapshot.news
                if (st := states.get(e.document.id)) is not None and (st.unread or st.changed)
            },
        )
        self._show_welcome()
        self.remove_demo_action.setEnabled(bool(self._demo))
        if not self._listed_once:
            self._listed_once = True
            self.first_start = snapshot.empty and not snapshot.sources
            self.first_listed.emit()
        self.counts_label.setText(
            self.tr("%1, %2")
            .replace(
                "%1", plural(snapshot.counts["meetings"], "møde", "møder", "meeting", "meetings")
            )
            .replace(
                "%2",
                plural(
                    snapshot.counts["documents"], "dokument", "dokumenter", "document", "documents"
                ),
            )
        )

    def _words(self) -> Words:
        return Words(
            when=self.when,
            no_date=self.tr("Uden dato"),
            upcoming=self.tr("Kommende"),
            past=self.tr("Tidligere"),
            demo=self.tr("demo"),
            badge=self.badge_text,
            removed=self.tr("Kilden har ikke længere dette møde"),
        )

    def badge_text(self, badges: Badges) -> tuple[str, str]:
        """What a row shows of its badges, short, and in full for its tooltip (kept per
        counts: a thousand rows share a handful of them)."""
        key = (badges.new, badges.changed, badges.unread)
        if (known := self._badge_texts.get(key)) is None:
            known = self._badge_texts[key] = self._badge_words(badges)
        return known

    def _badge_words(self, badges: Badges) -> tuple[str, str]:
        short: list[str] = []
        full: list[str] = []
        if badges.new:
            short.append(self.tr("%1 nye").replace("%1", str(badges.new)))
            full.append(plural(badges.new, "nyt", "nye", "new", "new"))
        if badges.changed:
            short.append(self.tr("%1 ændr.").replace("%1", str(badges.changed)))
            full.append(
                plural(
                    badges.changed,
                    "ændret, siden du læste det",
                    "ændrede, siden du læste dem",
                    "changed since you read it",
                    "changed since you read them",
                )
            )
        if badges.unread:
            short.append(self.tr("%1 ulæst").replace("%1", str(badges.unread)))
            full.append(plural(badges.unread, "ulæst", "ulæste", "unread", "unread"))
        return " · ".join(short), "\n".join(full)

    def _show_welcome(self) -> None:
        """The first-start screen while the library holds only the demo and no source."""
        dismissed = bool(self.settings.value("welcome/dismissed", False, type=bool))
        only_demo = not self._meetings or set(self._meetings) <= self._demo
        self.welcome.set_demo(bool(self._demo))
        self.welcome.setVisible(not dismissed and self._sources == 0 and only_demo)

    def _dismiss_welcome(self) -> None:
        self.settings.setValue("welcome/dismissed", True)
        self.welcome.hide()

    def _library_changed(self, report: ChangeReport) -> None:
        """Every change ends here once its followers caught up: show what it changed."""
        if report.follow_error is not None:
            show_error(self, report.follow_error)
        if report.documents:
            self.refresh(self._select_after)
            self._select_after = None

    def _apply_filter(self, text: str) -> None:
        self.meeting_list.apply_filter(text)

    def _meeting_selected(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        if current is not None and current.data(0, ROLE_ID) is None:
            return  # a body's row, or a heading in it
        self.agenda_tree.clear()
        self.document_combo.blockSignals(True)
        self.document_combo.clear()
        self.document_combo.blockSignals(False)
        if current is None:
            self._meeting = None
            self.meeting_heading.clear()
            self._open_in_reader(None)
            self.notes_area.set_context(None)
            return
        meeting = self._meetings[int(current.data(0, ROLE_ID))]
        self._meeting = meeting
        self.notes_area.set_context(meeting.id)
        where = f" · {meeting.location}" if meeting.location else ""
        self.meeting_heading.setText(f"{meeting.title}\n{self.when(meeting.start)}{where}")
        self._show_agenda(meeting.id)
        self.document_combo.blockSignals(True)
        for doc in meeting.documents:
            self.document_combo.addItem(self._document_label(doc), doc.id)
        self._relabel_documents()
        self.document_combo.blockSignals(False)
        first = 0
        if self._restore_document is not None:  # the document open when the app last closed
            first = max(0, self.document_combo.findData(self._restore_document))
            self._restore_document = None
        self.document_combo.setCurrentIndex(first)
        self._document_selected(first)

    def _document_label(self, doc: DocumentRow) -> str:
        if doc.kind == "attachment":
            prefix = self.tr("Bilag")
            if doc.item_number:
                prefix += f" {doc.item_number}"
            return f"{prefix}: {doc.title}"
        return self.tr("Referat") if doc.kind == "minutes" else self.tr("Dagsorden")

    def _state_word(self, document_id: int) -> str:
        """ "ny", "ændret" or "ulæst" after a document's name; nothing once read."""
        state = self._badges.documents.get(document_id)
        if state is None or not state.counted:
            return ""
        if state.new and state.unread:
            return self.tr("ny")
        if state.changed:
            return self.tr("ændret")
        if state.unread:
            return self.tr("ulæst")
        return ""

    def _relabel_documents(self) -> None:
        """The document chooser with each document's state; withdrawn ones struck through."""
        combo = self.document_combo
        struck = QFont(combo.font())
        struck.setStrikeOut(True)
        bold = QFont(combo.font())
        bold.setBold(True)
        for index in range(combo.count()):
            doc = self._document(combo.itemData(index))
            if doc is None:
                continue
            label = self._document_label(doc)
            word = self._state_word(doc.id)
            if doc.removed:
                label += "  " + self.tr("(fjernet af kilden)")
            elif word:
                label += f"  · {word}"
            combo.setItemText(index, label)
            font = struck if doc.removed else bold if word else None
            combo.setItemData(index, font, Qt.ItemDataRole.FontRole)

    def _show_agenda(self, meeting_id: int) -> None:
        """The agenda at once if it was read already, else once the library worker has it."""
        if meeting_id in self._items:
            self._fill_agenda(self._items[meeting_id])
            return

        def show(items: list[ItemRow]) -> None:
            self._items[meeting_id] = items
            if self._meeting is not None and self._meeting.id == meeting_id:
                self._fill_agenda(items)

        self.ops.op(self, lambda lib, _task: lib.items(meeting_id)).success(
            show
        ).run_in_background()

    def _fill_agenda(self, items: list[ItemRow]) -> None:
        """Items under their groups, and each item's attachments under the item: a member
        opens a bilag where the agenda lists it."""
        documents = self._meeting.documents if self._meeting is not None else []
        attachments: dict[str, list[DocumentRow]] = {}
        loose: list[DocumentRow] = []
        numbers = {it.number for it in items}
        for doc in documents:
            if doc.kind != "attachment":
                continue
            if doc.item_number in numbers:
                attachments.setdefault(doc.item_number or "", []).append(doc)
            else:
                loose.append(doc)
        groups: dict[str, QTreeWidgetItem] = {}
        for it in items:
            label = f"{it.number}  {it.title}"
            if it.closed:
                label += "  " + self.tr("(lukket)")
            node = QTreeWidgetItem([label, "", str(it.page_start or "")])
            node.setData(
                0, ROLE_ID, _Node(it.document_id, it.page_start, it.number, it.is_group, it.y)
            )
            details = [f"{it.number} {it.title}", ", ".join(it.cases), ", ".join(it.sections)]
            if it.attachments:
                details.append(self.tr("Bilag: ") + "; ".join(it.attachments))
            node.setToolTip(0, "\n".join(d for d in details if d))
            node.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            if it.is_group:
                font = node.font(0)
                font.setBold(True)
                node.setFont(0, font)
                groups[it.number] = node
                self.agenda_tree.addTopLevelItem(node)
            elif it.group and it.group in groups:
                groups[it.group].addChild(node)
            else:
                self.agenda_tree.addTopLevelItem(node)
            for doc in attachments.get(it.number, []):
                node.addChild(self._document_node(doc, it.number))
        if loose:
            other = QTreeWidgetItem([self.tr("Øvrige bilag"), "", ""])
            other.setData(0, ROLE_ID, _Node(None, None, None, is_group=True))
            self.agenda_tree.addTopLevelItem(other)
            for doc in loose:
                other.addChild(self._document_node(doc, None))
        self.agenda_tree.expandAll()
        self._mark_items()
        self._mark_changed()
        self._annotation_source()
        pending = self._pending_item
        if pending is not None and self._select_item(*pending):
            return
        if self._document_id is not None:
            self._reading_at(*self.reader.position())

    def _document_node(self, doc: DocumentRow, number: str | None) -> QTreeWidgetItem:
        label = self.tr("Bilag: %1").replace("%1", doc.title)
        word = self._state_word(doc.id)
        if word and not doc.removed:
            label += f"  · {word}"
        node = QTreeWidgetItem([label, "", ""])
        node.setData(0, ROLE_ID, _Node(doc.id, None, number, is_document=True))
        pages = plural(doc.pages, "side", "sider", "page", "pages")
        tip = f"{doc.title}\n{doc.file_name} · {pages}"
        if doc.removed:
            tip += "\n" + self.tr("Kilden har ikke længere dette dokument")
            font = node.font(0)
            font.setStrikeOut(True)
            node.setFont(0, font)
        elif word:
            font = node.font(0)
            font.setBold(True)
            node.setFont(0, font)
        node.setToolTip(0, tip)
        node.setIcon(0, _file_icon())
        node.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
        return node

    def _item_selected(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None or self._meeting is None or self._following:
            return
        node = current.data(0, ROLE_ID)
        if not isinstance(node, _Node):
            return
        self.notes_area.set_context(self._meeting.id, None if node.is_group else node.number)
        self._follow_case(None if node.is_group else node.number)
        if node.document_id is None:
            return
        if node.is_document:
            self._open_in_reader(node.document_id)
        else:
            self._open_in_reader(node.document_id, (node.page or 1) - 1, node.y)

    def _open_in_reader(
        self, document_id: int | None, page: int | None = None, y: float | None = None
    ) -> None:
        """Show a document in the reader: at ``page``/``y`` when a jump says where, else
        where the member left it."""
        if document_id is None:
            self._document_id = None
            self.reader.open(None)
            self.notes_area.set_page(None, None)
            self._annotation_source()
            self._changes_source()
            return
        index = self.document_combo.findData(document_id)
        if index >= 0 and index != self.document_combo.currentIndex():
            self.document_combo.blockSignals(True)
            self.document_combo.setCurrentIndex(index)
            self.document_combo.blockSignals(False)
        if page is None:
            page, y = self.reading.position(document_id) or (0, None)
        self._document_id = document_id
        # a jump within the open document goes into its history: Alt+Left comes back
        self.reader.show_document(self._file(document_id), page, y)
        self._annotation_source()
        self._changes_source()
        self._mark_read(document_id)

    # -- annotations in the reader ---------------------------------------------------------

    def _annotation_source(self) -> None:
        """Tell the reader what to annotate: the document on screen, the open vault and the
        agenda items its side list groups by; nothing while the notes are locked."""
        from ui.viewer.annotations import AnnotationSource

        vault, document_id = self.notes_area.vault, self._document_id
        if vault is None or document_id is None:
            self.reader.set_annotation_source(None)
            return
        doc = self._document(document_id)
        items = self._items.get(self._meeting.id, []) if self._meeting is not None else []
        version = doc.version_id if doc is not None else None
        source = AnnotationSource(self.ops, vault, document_id, version, doc, tuple(items))
        self.reader.set_annotation_source(source)

    def _file(self, document_id: int) -> Path | None:
        """The PDF of a document's current version (worked out from its row, not read)."""
        if (path := self._files.get(document_id)) is not None:
            return path
        meeting = self._meetings.get(self._document_meeting.get(document_id, -1))
        doc = next((d for d in meeting.documents if d.id == document_id), None) if meeting else None
        return blob_file(self._files_dir, doc.sha256) if doc is not None else None

    def _document(self, document_id: int | None) -> DocumentRow | None:
        if self._meeting is None:
            return None
        return next((d for d in self._meeting.documents if d.id == document_id), None)

    def _reading_at(self, page: int, y: float) -> None:
        """The reader moved: remember where, and let the agenda and the notes follow the item
        being read, without the selection jumping the reader back to the item's heading."""
        if self._document_id is None or self._meeting is None:
            return
        self.reading.remember(self._document_id, page, y)
        self.notes_area.set_page(self._document_id, page + 1)
        items = self._items.get(self._meeting.id)
        if items is None:
            return
        document = self._document(self._document_id)
        item = item_at(items, document, page, y)
        node = self._node_for(item.number if item else None, document)
        if node is None and item is None and self.agenda_tree.currentItem() is not None:
            # back in the front matter, before the first item: the meeting as a whole is
            # read, and a note written now is the meeting's, not the item last scrolled past
            self._following = True
            try:
                self.agenda_tree.setCurrentItem(None)  # type: ignore[call-overload]
            finally:
                self._following = False
            self.notes_area.set_context(self._meeting.id, None)
            self._follow_case(None)
            return
        if node is None or node is self.agenda_tree.currentItem():
            return
        self._following = True
        try:
            self.agenda_tree.setCurrentItem(node)
            self.agenda_tree.scrollToItem(node)
        finally:
            self._following = False
        self.notes_area.set_context(self._meeting.id, item.number if item else None)
        self._follow_case(item.number if item else None)

    # -- the case of the item in view ------------------------------------------------------

    def _follow_case(self, number: str | None) -> None:
        """Let *Sagens forløb* follow the item the member is on."""
        items = self._items.get(self._meeting.id, []) if self._meeting is not None else []
        item = next((i for i in items if i.number == number and not i.is_group), None)
        self.case_panel.show_item(item.id if item is not None else None)

    def _case_counted(self, count: int) -> None:
        """The tab says how many other items the case has, so a history is seen unopened."""
        label = self.tr("Sagens forløb")
        index = self.item_tabs.indexOf(self.case_panel)
        self.item_tabs.setTabText(index, f"{label} ({count})" if count else label)

    def show_case(self, number: str) -> None:
        """A case number searched for: its items, beside the hits."""
        self.case_panel.show_case(number)
        self.item_tabs.setCurrentWidget(self.case_panel)

    def open_item(self, meeting_id: int, item_id: int, document_id: int, page: int) -> None:
        """Open an item of any meeting at its heading, as a click on it in its agenda would
        (``item_id`` 0: the document at ``page``; ``document_id`` 0: the meeting only)."""
        if item_id and self._select_item(meeting_id, item_id):
            return
        if item_id:
            self._pending_item = (meeting_id, item_id)
        if document_id:
            self._open(meeting_id, document_id, page)
            return
        row = self.meeting_list.meeting_item(meeting_id)
        if row is not None:
            self.meeting_list.setCurrentItem(row)

    def _select_item(self, meeting_id: int, item_id: int) -> bool:
        """Select the item's row if its meeting's agenda is the one shown."""
        if self._meeting is None or self._meeting.id != meeting_id:
            return False
        items = self._items.get(meeting_id)
        item = next((i for i in items or [] if i.id == item_id), None)
        node = self._node_for(item.number, None) if item is not None else None
        if node is None:
            return False
        self._pending_item = None
        self.agenda_tree.setCurrentItem(node)
        self.agenda_tree.scrollToItem(node)
        return True

    def _note_counts(self, meeting_id: int, counts: dict[str | None, int]) -> None:
        self._counts[meeting_id] = dict(counts)
        if self._meeting is not None and self._meeting.id == meeting_id:
            self._mark_items()

    def _mark_items(self) -> None:
        """A note mark and the count beside every item that has notes."""
        counts = self._counts.get(self._meeting.id, {}) if self._meeting is not None else {}
        it = QTreeWidgetItemIterator(self.agenda_tree)
        icon = note_icon()
        while (row := it.value()) is not None:
            node = row.data(0, ROLE_ID)
            n = (
                counts.get(node.number, 0)
                if isinstance(node, _Node) and not node.is_document
                else 0
            )
            row.setText(1, str(n) if n else "")
            row.setIcon(1, icon if n else QIcon())
            row.setToolTip(1, plural(n, "note", "noter", "note", "notes") if n else "")
            it += 1

    def _changes_source(self) -> None:
        """What changed in the document on screen since its version before (no vault needed);
        the same document and version again changes nothing."""
        from ui.viewer.changes import ChangesSource

        document_id = self._document_id
        if document_id is None:
            self.reader.set_changes_source(None)
            return
        doc = self._document(document_id)
        self.reader.set_changes_source(
            ChangesSource(self.ops, document_id, doc.version_id if doc is not None else None)
        )

    def _badge_changed_items(self, numbers: set[str]) -> None:
        """Items whose text changed in the new version stand out in the agenda."""
        self._changed = set(numbers)
        self._mark_changed()

    def _mark_changed(self) -> None:
        tip = self.tr("Ændret siden den forrige version – se Ændringer i læseren (F8)")
        it = QTreeWidgetItemIterator(self.agenda_tree)
        while (row := it.value()) is not None:
            node = row.data(0, ROLE_ID)
            changed = (
                isinstance(node, _Node) and not node.is_document and node.number in self._changed
            )
            row.setData(0, CHANGED_ROLE, changed)
            row.setForeground(0, QColor(196, 120, 0) if changed else QBrush())
            base = str(row.toolTip(0)).split("\n\n" + tip)[0]
            row.setToolTip(0, f"{base}\n\n{tip}" if changed else base)
            it += 1

    def _meetings_with_notes(self, meetings: set[int]) -> None:
        self._with_notes = set(meetings)
        self.meeting_list.set_notes(self._with_notes)

    def _node_for(self, number: str | None, document: DocumentRow | None) -> QTreeWidgetItem | None:
        """The tree row of an item, or of the attachment being read under it."""
        found: QTreeWidgetItem | None = None
        it = QTreeWidgetItemIterator(self.agenda_tree)
        while (row := it.value()) is not None:
            node = row.data(0, ROLE_ID)
            if isinstance(node, _Node):
                if document is not None and node.is_document and node.document_id == document.id:
                    return row
                if number is not None and not node.is_document and node.number == number:
                    found = row
            it += 1
        return found

    def open_document(self, document_id: int, page: int, query: str = "") -> None:
        """Show a page of a document, selecting its meeting: where a search hit points, with
        the words that matched ``query`` marked."""
        if document_id in self._document_meeting:
            self._open(self._document_meeting[document_id], document_id, page, query)
            return

        def read(lib: Library, _task: tasks.Task) -> tuple[int, Path]:
            return lib.document(document_id).meeting_id, lib.document_file(document_id)

        def opened(found: tuple[int, Path]) -> None:  # a document newer than the list
            self._files[document_id] = found[1]
            self._open(found[0], document_id, page, query)

        self.ops.op(self, read).success(opened).run_in_background()

    def _open(self, meeting_id: int, document_id: int, page: int, query: str = "") -> None:
        if self._meeting is None or self._meeting.id != meeting_id:
            row = self.meeting_list.meeting_item(meeting_id)
            if row is not None:
                self._restore_document = document_id  # not the agenda first, then this
                row.setHidden(False)
                if (body := row.parent()) is not None:
                    body.setHidden(False)
                self.meeting_list.setCurrentItem(row)
        self._open_in_reader(document_id, max(page, 1) - 1)
        if query:
            self._mark_when_open(max(page, 1) - 1, query)

    def _mark_when_open(self, page: int, query: str) -> None:
        """Mark the words ``query`` matched on ``page`` and scroll to the first, once the
        reader has the document laid out (it may still be opening it)."""
        if self.reader.view.info is not None:
            self.reader.mark_terms(page, query)
            return
        path = self.reader.view.path

        def opened(_info: object) -> None:
            self.reader.document_opened.disconnect(opened)
            if self.reader.view.path == path:
                self.reader.mark_terms(page, query)

        self.reader.document_opened.connect(opened)

    def find_meeting(self) -> None:
        self.left_tabs.setCurrentIndex(0)
        self.filter_edit.setFocus()

    def find_anywhere(self) -> None:
        self.left_tabs.setCurrentWidget(self.search_panel)
        self.search_panel.query_edit.setFocus()
        self.search_panel.query_edit.selectAll()

    def catch_up(self) -> tasks.Task:
        """Finish what follows the library (search index, annotation anchors) that a closed
        or killed run left pending, with the search panel showing the progress."""
        return (
            self.ops.change(self, lambda _lib, _task: None)
            .progress(self.search_panel.show_progress)
            .run_in_background()
        )

    def _notes_unlocked(self, vault: Vault) -> None:
        """Notes become searchable, from memory only; annotations catch up with re-issues."""

        def fill(lib: Library, _task: tasks.Task) -> NotesIndex:
            # on the library worker, which loads Whoosh for it (not the UI thread); later
            # change ops queue behind this one, so none is missed by the index
            from reader.followers import index_notes
            from reader.search import NotesIndex

            index = NotesIndex()
            self.ops.follow_notes(index, vault)
            index_notes(lib, vault, index)
            return index

        def filled(index: NotesIndex) -> None:
            self.search_panel.notes = index

        self.ops.op(self, fill).success(filled).run_in_background()
        self.catch_up()

    def _document_selected(self, index: int) -> None:
        document_id = self.document_combo.itemData(index)
        self._open_in_reader(None if document_id is None else int(document_id))

    def _splitters(self) -> list[QSplitter]:
        return [self.splitter, self.middle_splitter]

    # -- import --------------------------------------------------------------------------

    def choose_import(self) -> None:
        from ui.file_dialogs import open_files

        files = open_files(
            self,
            self.tr("Importér mødepakker"),
            str(Path.home()),
            self.tr("PDF og zip (*.pdf *.zip);;Alle filer (*)"),
        )
        if files:
            self.start_import(files)

    def choose_import_folder(self) -> None:
        from ui.file_dialogs import folder

        chosen = folder(self, self.tr("Importér mappe"), str(Path.home()))
        if chosen is not None:
            self.start_import([chosen])

    def start_import(
        self, paths: list[Path], title: str | None = None, *, select_imported: bool = True
    ) -> tasks.Task:
        """Import on the library worker, then catch up the followers; cancellable."""
        dialog = QProgressDialog(title or self.tr("Importerer…"), self.tr("Annullér"), 0, 0, self)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle(self.tr("Import"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.addAction(self.quit_action)  # the dialog blocks the window, not quitting

        def work(lib: Library, task: tasks.Task) -> ImportReport:
            from reader.library.importer import import_paths

            return import_paths(lib, paths, task.report, task.cancelled)

        def progressed(done: int, total: int, what: str) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            if what == FOLLOWING:
                dialog.setLabelText(self.tr("Opdaterer søgeindekset…"))
            else:
                dialog.setLabelText(Path(what).name or self.tr("Gemmer…"))

        def succeeded(report: ImportReport) -> None:
            dialog.reset()
            if self._closed:
                return
            if report.meetings and select_imported:
                self._select_after = min(report.meetings)
            message = report.summary(failed=False)  # the failures get their own box
            self.statusBar().showMessage(message, 10000)
            if report.errors:  # a modal message here would hold back the change signal
                QTimer.singleShot(0, self, lambda: self._import_errors(report.errors))

        def failed(exc: Exception) -> None:
            dialog.reset()
            if self._closed:
                return
            from reader.library.importer import Cancelled

            if isinstance(exc, Cancelled):
                self.statusBar().showMessage(self.tr("Import stoppet"), 10000)
            else:
                show_error(self, exc)

        task = (
            self.ops.change(self, work, documents=True)
            .success(succeeded)
            .failure(failed)
            .progress(progressed)
            .run_in_background()
        )
        dialog.canceled.connect(task.cancel)
        return task

    def _import_errors(self, errors: list[str]) -> None:
        if not self._closed:
            QMessageBox.warning(
                self, self.tr("Nogle filer blev ikke importeret"), "\n".join(errors)
            )

    # -- read state -------------------------------------------------------------------------

    def _mark_read(self, document_id: int) -> None:
        """The member opened a document: it is read (at its current version), on the library
        worker; the rows that counted it are brought up to date."""
        state = self._badges.documents.get(document_id)
        if state is not None and not state.unread and not state.changed:
            return

        def work(lib: Library, _task: tasks.Task) -> LibraryBadges:
            lib.mark_read(document_id)
            return lib.badges()

        self.ops.op(self, work).success(self._show_badges).failure(
            lambda exc: self.statusBar().showMessage(str(exc), 10000)
        ).run_in_background()

    def mark_meeting(self, read: bool) -> tasks.Task | None:
        """Every document of the chosen meeting read, or unread again."""
        meeting = self._chosen_meeting()
        if meeting is None:
            return None

        def work(lib: Library, _task: tasks.Task) -> LibraryBadges:
            lib.mark_meeting_read(meeting.id, read)
            return lib.badges()

        return self.ops.op(self, work).success(self._show_badges).run_in_background()

    def _show_badges(self, badges: LibraryBadges) -> None:
        """New read state: the counts on every row, the chooser's and the agenda's words."""
        self._badges = badges
        self.refresh_badges()

    def refresh_badges(self) -> None:
        self.meeting_list.set_badges(
            self._badges.bodies,
            self._badges.meetings,
            self._words(),
            removed={m.id for m in self._meetings.values() if m.removed},
        )
        self.document_combo.blockSignals(True)
        self._relabel_documents()
        self.document_combo.blockSignals(False)
        it = QTreeWidgetItemIterator(self.agenda_tree)
        while (node_row := it.value()) is not None:
            node = node_row.data(0, ROLE_ID)
            if isinstance(node, _Node) and node.is_document and node.document_id is not None:
                doc = self._document(node.document_id)
                if doc is not None and not doc.removed:
                    word = self._state_word(doc.id)
                    label = self.tr("Bilag: %1").replace("%1", doc.title)
                    node_row.setText(0, f"{label}  · {word}" if word else label)
                    font = node_row.font(0)
                    font.setBold(bool(word))
                    node_row.setFont(0, font)
            it += 1

    def _fill_agenda_again(self) -> None:
        """The same meeting after a change: its agenda as it is now, the reader left where it
        is (unless the open document got a new version: then that is shown)."""
        if self._meeting is None:
            return
        meeting_id = self._meeting.id
        self._following = True
        try:
            self.agenda_tree.clear()
        finally:
            self._following = False
        self._show_agenda(meeting_id)
        if self._document_id is not None and self._document(self._document_id) is None:
            self._open_in_reader(None)
        elif self._document_id is not None:
            path = self._file(self._document_id)
            if path is not None and path != self.reader.view.path:
                # the new version where the member was; not read until they open it again
                self.reader.show_document(path, *self.reader.position())
                self._annotation_source()
                self._changes_source()

    # -- correcting the library -------------------------------------------------------------

    def _chosen_meeting(self) -> MeetingRow | None:
        row = self.meeting_list.currentItem()
        meeting_id = row.data(0, ROLE_ID) if row is not None else None
        return self._meetings.get(meeting_id) if meeting_id is not None else None

    def _meeting_menu(self, pos: QPoint) -> None:
        row = self.meeting_list.itemAt(pos)
        if row is None or row.data(0, ROLE_ID) is None:
            return
        self.meeting_list.setCurrentItem(row)
        menu = QMenu(self)
        menu.addActions([self.edit_meeting_action, self.remove_meeting_action])
        menu.addSeparator()
        menu.addActions([self.read_action, self.unread_action])
        menu.popup(self.meeting_list.viewport().mapToGlobal(pos))

    def edit_meeting(self) -> QDialog | None:
        """Correct the chosen meeting's body, kind, title or date."""
        from ui.meeting_edit import RESET, MeetingEditor

        meeting = self._chosen_meeting()
        if meeting is None:
            return None
        bodies = sorted({m.body for m in self._meetings.values()})
        editor = MeetingEditor(self, meeting, bodies)

        def finished(result: int) -> None:
            if result == RESET:
                self.correct_meeting(meeting.id, None)
            elif result == QDialog.DialogCode.Accepted and (changes := editor.changes()):
                self.correct_meeting(meeting.id, changes)

        editor.finished.connect(finished)
        editor.open()
        return editor

    def correct_meeting(self, meeting_id: int, changes: dict[str, str] | None) -> tasks.Task:
        """Write a correction (None: the source's values again) on the library worker."""

        def work(lib: Library, _task: tasks.Task) -> MeetingRow:
            if changes is None:
                return lib.reset_meeting(meeting_id)
            return lib.edit_meeting(meeting_id, **changes)

        self._select_after = meeting_id
        return (
            self.ops.change(self, work, documents=True)
            .success(lambda _m: self.statusBar().showMessage(self.tr("Mødet er rettet"), 5000))
            .run_in_background()
        )

    def remove_meeting(self) -> QMessageBox | None:
        """Take the chosen meeting out of the lists; its notes stay until deleted."""
        meeting = self._chosen_meeting()
        if meeting is None:
            return None
        return confirm_removal(
            self,
            "removeMeetingBox",
            self.tr("Fjern mødet"),
            self.tr(
                "Fjern %1 fra listen? Dine noter til mødet bliver gemt, indtil du selv "
                "sletter dem, og en synkronisering henter det ikke igen."
            ).replace("%1", meeting.title),
            (self.tr("Fjern"), self.tr("Annullér")),
            lambda: self.ops.change(
                self, lambda lib, _task: lib.remove_meeting(meeting.id), documents=True
            ).run_in_background(),
        )

    def remove_demo(self) -> tasks.Task:
        from reader.demo import remove_demo

        return (
            self.ops.change(self, lambda lib, _task: remove_demo(lib), documents=True)
            .success(
                lambda n: self.statusBar().showMessage(
                    self.tr("Demoen er fjernet (%1)").replace(
                        "%1", plural(n, "møde", "møder", "meeting", "meetings")
                    ),
                    8000,
                )
            )
            .run_in_background()
        )

    # -- sources, sync, settings --------------------------------------------------------------

    def show_sources(self) -> QDialog:
        from ui.sources_dialog import SourcesDialog

        dialog = SourcesDialog(self.ops, self)
        dialog.sync_requested.connect(lambda names: self.sync.sync_now(names))
        dialog.open()
        self._sources_dialog = dialog
        return dialog

    def add_source(self) -> QDialog:
        dialog = self.show_sources()
        dialog.add()  # type: ignore[attr-defined]
        return dialog

    def _synced(self, outcome: object) -> None:
        dialog = getattr(self, "_sources_dialog", None)
        if dialog is not None and dialog.isVisible():
            dialog.reload()

    def show_news(self) -> None:
        self.left_tabs.setCurrentWidget(self.news_panel)
        self.news_panel.tree.setFocus()

    def show_settings(self) -> QDialog:
        from ui.settings_dialog import LANGUAGE_KEY, SettingsDialog
        from ui.sync_control import INTERVAL_KEY

        passphrase = self.notes_area.vault_actions()[2]
        dialog = SettingsDialog(self, self.settings, self.paths, passphrase)

        def saved() -> None:
            before = str(self.settings.value(LANGUAGE_KEY, "da"))
            self.settings.setValue(LANGUAGE_KEY, dialog.language())
            self.set_theme(dialog.theme())
            self.settings.setValue(INTERVAL_KEY, dialog.interval())
            self.sync.apply_interval()
            if dialog.language() != before:
                self.statusBar().showMessage(
                    self.tr("Sproget skiftes, næste gang Mødemappe starter."), 10000
                )

        dialog.accepted.connect(saved)
        dialog.open()
        return dialog

    def set_theme(self, theme: str) -> None:
        """Light, dark or the system's colours, kept for the next start."""
        app = QApplication.instance()
        if theme not in THEMES or not isinstance(app, QApplication):
            return
        apply_theme(app, theme)
        self.settings.setValue("view/theme", theme)
        for action in self.theme_actions.actions():
            action.setChecked(action.data() == theme)

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Om Mødemappe"),
            self.tr(
                "Mødemappe %1\n\nDine mødepakker, noter og søgning – også uden net.\n"
                "Licens: AGPL-3.0-or-later.\nData: %2"
            )
            .replace("%1", __version__)
            .replace("%2", str(self.paths.root)),
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.reading.restore_splitters(self._splitters())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quitting: queue the last note save, stop and join every worker (the save runs; an
        import stops between packages, indexing at its next page and goes on next start),
        drop results no widget should see any more; the library worker closes the library."""
        if not self._closed:
            self._closed = True
            self.notes_area.flush()
            for timer in self.findChildren(QTimer):  # a debounce or refit would start work
                timer.stop()
            meeting = self._meeting.id if self._meeting is not None else None
            self.reading.save(meeting, self._document_id, self, self._splitters(), self.left_tabs)
            self.settings.setValue("reader/state", self.reader.state())
            self.reader.shutdown()
            tasks.shutdown()  # which closes the library, on its worker
            self.search_panel.forget()  # no worker queries it any more
        super().closeEvent(event)
