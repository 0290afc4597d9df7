"""Where meetings come from: the sources, added, tested, edited and removed from the window.

An address is enough to start: its kind is recognised from the address where it says, else
from the server's answer (the connection test). A user name and password or a token go to
the keychain, never the library. A folder source reads a publication share or a USB stick.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.library import Library
from reader.sync.probe import Probe, guess_kind
from reader.sync.source import Source
from ui import tasks
from ui.errors import show_error
from ui.ops import LibraryOps
from ui.widgets import confirm_removal

AUTO = ""
ROLE_NAME = Qt.ItemDataRole.UserRole


def kind_names(widget: QWidget) -> dict[str, str]:
    return {
        "oparl": widget.tr("OParl-server"),
        "firstagenda": widget.tr("FirstAgenda"),
        "feed": widget.tr("Mødemappe-feed"),
        "folder": widget.tr("Mappe (publiceringsdrev eller USB-nøgle)"),
    }


class SourceEditor(QDialog):
    """One source: a new one, or the address, kind and credentials of one there is."""

    def __init__(self, parent: QWidget, source: Source | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceEditor")
        self.source = source
        self.setWindowTitle(self.tr("Tilføj kilde") if source is None else self.tr("Redigér kilde"))
        self._probe_task: tasks.Task | None = None
        self.found_kind: str | None = None

        self.name_edit = QLineEdit(source.name if source else "")
        self.name_edit.setObjectName("sourceName")
        self.name_edit.setAccessibleName(self.tr("Kildens navn"))
        self.name_edit.setPlaceholderText(self.tr("fx Kommunens OParl"))
        self.name_edit.setReadOnly(source is not None)
        self.url_edit = QLineEdit(source.url if source else "")
        self.url_edit.setObjectName("sourceUrl")
        self.url_edit.setAccessibleName(self.tr("Adresse eller mappe"))
        self.url_edit.setPlaceholderText(self.tr("https://… eller en mappe"))
        self.url_edit.textChanged.connect(self._url_changed)
        folder_button = QPushButton(self.tr("&Vælg mappe…"))
        folder_button.setObjectName("chooseFolder")
        folder_button.clicked.connect(self._choose_folder)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(folder_button)

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("sourceKind")
        self.kind_combo.setAccessibleName(self.tr("Slags"))
        self.kind_combo.addItem(self.tr("Genkend automatisk"), AUTO)
        for kind, label in kind_names(self).items():
            self.kind_combo.addItem(label, kind)
        if source is not None:
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(source.kind)))
        self.kind_hint = QLabel()
        self.kind_hint.setObjectName("kindHint")

        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("sourceUser")
        self.user_edit.setAccessibleName(self.tr("Brugernavn"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("sourcePassword")
        self.password_edit.setAccessibleName(self.tr("Adgangskode"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("sourceToken")
        self.token_edit.setAccessibleName(self.tr("Token"))
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if source is not None:
            for edit in (self.user_edit, self.password_edit, self.token_edit):
                edit.setPlaceholderText(self.tr("uændret"))

        self.test_button = QPushButton(self.tr("&Test forbindelsen"))
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.result_label = QLabel()
        self.result_label.setObjectName("probeResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("&Navn:"), self.name_edit)
        address = QLabel(self.tr("&Adresse:"))
        address.setBuddy(self.url_edit)  # a row of widgets: the mnemonic needs a buddy
        form.addRow(address, url_row)
        form.addRow(self.tr("&Slags:"), self.kind_combo)
        form.addRow("", self.kind_hint)
        form.addRow(self.tr("&Brugernavn:"), self.user_edit)
        form.addRow(self.tr("Adgangs&kode:"), self.password_edit)
        form.addRow(self.tr("&Token:"), self.token_edit)
        note = QLabel(
            self.tr(
                "Brugernavn, adgangskode og token gemmes i styresystemets nøglering, "
                "aldrig i biblioteket. Lad dem stå tomme, hvis kilden er offentlig."
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Gem"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annullér"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(test_row)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._url_changed(self.url_edit.text())

    # -- what the member typed --------------------------------------------------------------

    def name(self) -> str:
        return self.name_edit.text().strip()

    def url(self) -> str:
        return self.url_edit.text().strip()

    def kind(self) -> str | None:
        chosen = str(self.kind_combo.currentData() or "")
        return chosen or self.found_kind or guess_kind(self.url())

    def secrets(self) -> tuple[str | None, str | None, str | None]:
        """The token, user name and password as typed (None where left empty)."""
        return (
            self.token_edit.text() or None,
            self.user_edit.text().strip() or None,
            self.password_edit.text() or None,
        )

    def _url_changed(self, text: str) -> None:
        self.found_kind = None
        guessed = guess_kind(text)
        names = kind_names(self)
        if guessed is not None:
            self.kind_hint.setText(self.tr("Genkendt: %1").replace("%1", names[guessed]))
        elif text.strip():
            self.kind_hint.setText(self.tr("Slagsen findes, når forbindelsen testes"))
        else:
            self.kind_hint.clear()
        if not self.name_edit.text() and guessed == "folder":
            self.name_edit.setText(Path(text).name)

    def _choose_folder(self) -> None:
        from ui.file_dialogs import folder as choose

        chosen = choose(self, self.tr("Vælg mappe"), self.url() or str(Path.home()))
        if chosen is not None:
            folder = str(chosen)
            self.url_edit.setText(folder)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData("folder"))
            if not self.name_edit.text():
                self.name_edit.setText(Path(folder).name)

    # -- the connection test ---------------------------------------------------------------------

    def test_connection(self, then_accept: bool = False) -> tasks.Task:
        """Off the UI thread: the server's answer, with the credentials as typed."""
        from reader.sync.probe import probe

        url, kind, secrets = (
            self.url(),
            str(self.kind_combo.currentData() or "") or None,
            self.secrets(),
        )
        self.test_button.setEnabled(False)
        self.buttons.setEnabled(False)
        self.result_label.setText(self.tr("Tester forbindelsen…"))

        def done(result: Probe) -> None:
            self.test_button.setEnabled(True)
            self.buttons.setEnabled(True)
            self.show_probe(result)
            if then_accept and result.kind is not None:
                self._save()

        def failed(exc: Exception) -> None:
            self.test_button.setEnabled(True)
            self.buttons.setEnabled(True)
            self.result_label.setText(str(exc))

        self._probe_task = tasks.start(
            lambda _task: probe(url, kind, token=secrets[0], user=secrets[1], password=secrets[2]),
            self,
            succeeded=done,
            failed=failed,
            on="network",
        )
        return self._probe_task

    def show_probe(self, result: Probe) -> None:
        if result.kind is not None and not self.kind_combo.currentData():
            self.found_kind = result.kind
            self.kind_hint.setText(
                self.tr("Genkendt: %1").replace("%1", kind_names(self)[result.kind])
            )
        prefix = "✓ " if result.ok else ""
        self.result_label.setText(prefix + result.message)
        self.result_label.setProperty("ok", result.ok)

    def _accept(self) -> None:
        if not self.name():
            self.result_label.setText(self.tr("Giv kilden et navn."))
            self.name_edit.setFocus()
            return
        if not self.url():
            self.result_label.setText(self.tr("Skriv en adresse, eller vælg en mappe."))
            self.url_edit.setFocus()
            return
        if self.kind() is None:  # ask the server what it is, then save
            self.test_connection(then_accept=True)
            return
        self._save()

    def _save(self) -> None:
        self.accept()


class SourcesDialog(QDialog):
    """The list of sources with add, edit, remove, test and sync."""

    sync_requested = Signal(list)  # names of the sources to sync now
    import_folder_requested = Signal()

    def __init__(self, ops: LibraryOps, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("sourcesDialog")
        self.setWindowTitle(self.tr("Kilder"))
        self.ops = ops
        self.sources: list[Source] = []
        self.editor: SourceEditor | None = None
        intro = QLabel(
            self.tr(
                "Mødemappe henter møder fra kommunens OParl-server, FirstAgenda, et "
                "Mødemappe-feed eller en mappe (et publiceringsdrev eller en USB-nøgle)."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("sourceList")
        self.list.setAccessibleName(self.tr("Kilder"))
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.list.itemActivated.connect(lambda _item: self.edit())
        self.empty_label = QLabel(self.tr("Der er ingen kilder endnu."))
        self.add_button = QPushButton(self.tr("&Tilføj…"))
        self.add_button.setObjectName("addSource")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("&Redigér…"))
        self.edit_button.setObjectName("editSource")
        self.edit_button.clicked.connect(self.edit)
        self.remove_button = QPushButton(self.tr("&Fjern"))
        self.remove_button.setObjectName("removeSource")
        self.remove_button.clicked.connect(self.remove)
        self.sync_button = QPushButton(self.tr("&Synkronisér"))
        self.sync_button.setObjectName("syncSource")
        self.sync_button.clicked.connect(self._sync_chosen)
        column = QVBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button, self.sync_button):
            column.addWidget(b)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(column)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Luk"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(close)
        self.resize(640, 360)
        self.reload()

    def reload(self) -> tasks.Task:
        def listed(lib: Library, _task: tasks.Task) -> list[Source]:
            from reader.sync.runner import list_sources  # on the worker: it loads PyMuPDF

            return list_sources(lib)

        return self.ops.op(self, listed).success(self._show).run_in_background()

    def _show(self, sources: list[Source]) -> None:
        self.sources = sources
        current = self.current()
        self.list.clear()
        names = kind_names(self)
        for s in sources:
            when = s.last_sync[:16].replace("T", " ") if s.last_sync else self.tr("aldrig")
            text = f"{s.name} · {names.get(s.kind, s.kind)}\n{s.to_json()['url']} · " + self.tr(
                "synkroniseret %1"
            ).replace("%1", when)
            item = QListWidgetItem(text)
            item.setData(ROLE_NAME, s.name)
            self.list.addItem(item)
            if current is not None and s.name == current.name:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.empty_label.setVisible(not sources)
        self._enable()

    def current(self) -> Source | None:
        item = self.list.currentItem()
        if item is None:
            return None
        name = item.data(ROLE_NAME)
        return next((s for s in self.sources if s.name == name), None)

    def _enable(self) -> None:
        chosen = self.current() is not None
        for b in (self.edit_button, self.remove_button, self.sync_button):
            b.setEnabled(chosen)

    # -- add, edit, remove ----------------------------------------------------------------------

    def add(self) -> SourceEditor:
        editor = self.editor = SourceEditor(self)
        editor.accepted.connect(lambda: self._save(editor, new=True))
        editor.open()
        return editor

    def edit(self) -> SourceEditor | None:
        source = self.current()
        if source is None:
            return None
        editor = self.editor = SourceEditor(self, source)
        editor.accepted.connect(lambda: self._save(editor, new=False))
        editor.open()
        return editor

    def _save(self, editor: SourceEditor, *, new: bool) -> None:
        name, url, kind, secrets = editor.name(), editor.url(), editor.kind(), editor.secrets()
        assert kind is not None

        def work(lib: Library, _task: tasks.Task) -> Source:
            from reader.sync.runner import add_source, edit_source

            token, user, password = secrets
            if new:
                return add_source(lib, name, url, kind, token=token, user=user, password=password)
            return edit_source(
                lib, name, url=url, kind=kind, token=token, user=user, password=password
            )

        def saved(source: Source) -> None:
            self.reload()
            if new:
                self.sync_requested.emit([source.name])

        def failed(exc: Exception) -> None:
            show_error(self, exc)

        self.ops.op(self, work).success(saved).failure(failed).run_in_background()

    def remove(self) -> None:
        source = self.current()
        if source is None:
            return
        confirm_removal(
            self,
            "removeSourceBox",
            self.tr("Fjern kilde"),
            self.tr(
                "Fjern kilden %1? Møderne, den har hentet, bliver i biblioteket; "
                "adgangskoden fjernes fra nøgleringen."
            ).replace("%1", source.name),
            (self.tr("Fjern"), self.tr("Annullér")),
            lambda: self.remove_now(source.name),
        )

    def remove_now(self, name: str) -> tasks.Task:
        from reader.sync.runner import remove_source

        return (
            self.ops.op(self, lambda lib, _task: remove_source(lib, name))
            .success(lambda _none: self._reloaded())
            .run_in_background()
        )

    def _reloaded(self) -> None:
        self.reload()

    def _sync_chosen(self) -> None:
        source = self.current()
        if source is not None:
            self.sync_requested.emit([source.name])
