"""The notes side of the window: locked until the vault opens, then the notes panel.

Opening the vault may ask the OS keychain, which can block or prompt, so it runs on a
worker; a passphrase is asked for only when the keychain cannot help.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

from reader.errors import MoedemappeError
from ui import tasks
from ui.errors import show_error
from ui.ops import LibraryOps

if TYPE_CHECKING:
    from reader.library import Library
    from reader.vault import Vault
    from ui.notes_panel import NotesPanel


class NotesArea(QStackedWidget):
    unlocked = Signal(object)  # the Vault

    def __init__(self, ops: LibraryOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesArea")
        self.ops = ops
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
        return (
            self.ops.op(self, lambda lib, _task: _open_vault(lib, passphrase))
            .success(self._opened)
            .failure(self._locked)
            .run_in_background()
        )

    def ask_passphrase(self) -> None:
        self.ops.op(self, lambda lib, _task: _vault_exists(lib)).success(
            self._ask_passphrase
        ).run_in_background()

    def _ask_passphrase(self, exists: bool) -> None:
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
                self._show_locked(exists, self.tr("Adgangskoden skal have mindst 8 tegn."))
                return
        if ok and text:
            self.try_unlock(text)

    def _opened(self, vault: Vault) -> None:
        self.vault = vault
        if self.panel is None:
            from ui.notes_panel import NotesPanel

            self.panel = NotesPanel(self.ops, vault)
            self.addWidget(self.panel)
        self.setCurrentWidget(self.panel)
        self.panel.set_context(*self._context)
        self.unlocked.emit(vault)

    def _locked(self, exc: Exception) -> None:
        """A vault the keychain cannot open is a state to explain, not an error to report;
        anything but a ``MoedemappeError`` is a bug, and shown as one."""
        if not isinstance(exc, MoedemappeError):
            show_error(self, exc)
        reason = str(exc) if isinstance(exc, MoedemappeError) else ""
        self.ops.op(self, lambda lib, _task: _vault_exists(lib)).success(
            lambda exists: self._show_locked(exists, reason)
        ).run_in_background()

    def _show_locked(self, exists: bool, reason: str) -> None:
        """Say in plain words what to do; the technical reason goes in the tooltip."""
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
        self.message.setToolTip(reason)
        self.unlock_button.show()

    def set_context(self, meeting_id: int | None, item_number: str | None = None) -> None:
        self._context = (meeting_id, item_number)
        if self.panel is not None:
            self.panel.set_context(meeting_id, item_number)

    def flush(self) -> None:
        if self.panel is not None:
            self.panel.flush()


# The vault's modules (keyring, cryptography) load on the library worker when the notes are
# first opened, not with the window.


def _open_vault(lib: Library, passphrase: str | None) -> Vault:
    from reader.vault.keys import open_vault

    return open_vault(lib, passphrase=passphrase)


def _vault_exists(lib: Library) -> bool:
    from reader.vault.keys import vault_exists

    return vault_exists(lib)
