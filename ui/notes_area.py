"""The notes side of the window: locked until the vault opens, then the notes panel.

Opening the vault may ask the OS keychain, which can block or prompt, so it runs on a
worker; a passphrase is asked for only when the keychain cannot help.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.library import Library
from reader.paths import DataPaths
from reader.vault import Vault
from reader.vault.keys import open_vault, vault_exists
from ui import tasks
from ui.notes_panel import NotesPanel


class NotesArea(QStackedWidget):
    unlocked = Signal(object)  # the Vault
    saved = Signal(str)  # a note id, after its save committed (or its deletion)

    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesArea")
        self.paths = paths
        self.vault: Vault | None = None
        self.panel: NotesPanel | None = None
        self._context: tuple[int | None, str | None] = (None, None)

        locked = QWidget()
        layout = QVBoxLayout(locked)
        self.message = QLabel(self.tr("Dine noter er krypterede. Åbner…"))
        self.message.setObjectName("vaultMessage")
        self.message.setWordWrap(True)
        self.unlock_button = QPushButton(self.tr("&Lås noter op…"))
        self.unlock_button.setObjectName("unlockNotes")
        self.unlock_button.setAccessibleName(self.tr("Lås noter op"))
        self.unlock_button.clicked.connect(self.ask_passphrase)
        self.unlock_button.hide()
        layout.addWidget(self.message)
        layout.addWidget(self.unlock_button)
        layout.addStretch(1)
        self.addWidget(locked)

    def try_unlock(self, passphrase: str | None = None) -> tasks.Task:
        """Open (or on first use create) the vault: keychain first, then ``passphrase``."""
        paths = self.paths

        def work(_task: tasks.Task) -> Vault:
            with Library(paths) as lib:
                return open_vault(lib, passphrase=passphrase)

        return tasks.start(work, self, succeeded=self._opened, failed=self._locked)

    def ask_passphrase(self) -> None:
        with Library(self.paths) as lib:
            exists = vault_exists(lib)
        if exists:
            text, ok = QInputDialog.getText(
                self,
                self.tr("Lås noter op"),
                self.tr("Adgangskode til dine noter:"),
                QLineEdit.EchoMode.Password,
            )
        else:
            text, ok = QInputDialog.getText(
                self,
                self.tr("Beskyt dine noter"),
                self.tr(
                    "Computerens nøglering kan ikke gemme nøglen til dine noter.\n"
                    "Vælg en adgangskode (mindst 8 tegn):"
                ),
                QLineEdit.EchoMode.Password,
            )
            if ok and len(text) < 8:
                self._locked(self.tr("Adgangskoden skal have mindst 8 tegn."))
                return
        if ok and text:
            self.try_unlock(text)

    def _opened(self, vault: Vault) -> None:
        self.vault = vault
        if self.panel is None:
            self.panel = NotesPanel(self.paths, vault)
            self.panel.saved.connect(self.saved)
            self.addWidget(self.panel)
        self.setCurrentWidget(self.panel)
        self.panel.set_context(*self._context)
        self.unlocked.emit(vault)

    def _locked(self, message: str) -> None:
        """Say in plain words what to do; the technical reason goes in the tooltip."""
        with Library(self.paths) as lib:
            exists = vault_exists(lib)
        if exists:
            text = self.tr("Dine noter er låst. Skriv din adgangskode for at åbne dem.")
            self.unlock_button.setText(self.tr("&Lås noter op…"))
        else:
            text = self.tr(
                "Dine noter krypteres, men computerens nøglering kan ikke bruges. "
                "Vælg en adgangskode for at komme i gang."
            )
            self.unlock_button.setText(self.tr("&Vælg adgangskode…"))
        self.message.setText(text)
        self.message.setToolTip(message)
        self.unlock_button.show()

    def set_context(self, meeting_id: int | None, item_number: str | None = None) -> None:
        self._context = (meeting_id, item_number)
        if self.panel is not None:
            self.panel.set_context(meeting_id, item_number)

    def flush(self) -> None:
        if self.panel is not None:
            self.panel.flush()
