"""The dialogs that open and protect the notes: unlock, set or change the passphrase, make a
recovery key, rotate the keys.

Every check that needs scrypt or the keychain runs on the library worker; a dialog shows it
is working, takes no second submit meanwhile and cannot be cancelled half-way (a change
that was started is committed or not, and the dialog says which). A wrong or too short
passphrase is said inline and the dialog stays open. Secrets live only in the fields and in
the closures of the op that uses them: never logged, never written, except the recovery key
to the file or printer the member picks.

Imports the vault's modules (keyring, cryptography): the notes area imports this module
only once a dialog is asked for, so the window starts without them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QDir, Qt, Signal
from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.errors import (
    KeychainLocked,
    KeychainMissing,
    MoedemappeError,
    PassphraseTooShort,
    WrongPassphrase,
)
from reader.fsutil import PRIVATE, write_atomic
from reader.library import Library
from reader.vault import Vault
from reader.vault.keys import (
    MIN_PASSPHRASE,
    new_recovery_key,
    open_vault,
    rotate,
    set_passphrase,
    set_recovery_key,
)
from ui import tasks
from ui.errors import show_error
from ui.ops import LibraryOps

RECOVERY_FILE_NAME = "Mødemappe-gendannelsesnøgle.txt"


class _VaultDialog(QDialog):
    """A form whose submit runs on the library worker: busy state, inline errors."""

    def __init__(self, ops: LibraryOps, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.busy = False
        self.setMinimumWidth(440)
        self._layout = QVBoxLayout(self)
        self.error = QLabel("")
        self.error.setObjectName("vaultError")
        self.error.setAccessibleName(self.tr("Fejl"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.working = QProgressBar()
        self.working.setObjectName("vaultWorking")
        self.working.setAccessibleName(self.tr("Arbejder"))
        self.working.setRange(0, 0)  # no end known: a moving bar
        self.working.setTextVisible(False)
        self.working.setMaximumHeight(8)
        self.working.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Annuller"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._inputs: list[QWidget] = []

    def _finish_layout(self) -> None:
        self._layout.addWidget(self.error)
        self._layout.addWidget(self.working)
        self._layout.addWidget(self.buttons)

    def _secret_field(self, name: str, object_name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(object_name)
        field.setAccessibleName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.textEdited.connect(lambda _text: self.show_error(""))
        self._inputs.append(field)
        return field

    def show_error(self, text: str, field: QLineEdit | None = None) -> None:
        """Say what is wrong under the form (empty: nothing is), and put the cursor where
        the member fixes it."""
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if field is not None:
            field.setFocus()
            field.selectAll()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.working.setVisible(busy)
        for widget in (*self._inputs, self.ok_button, self.cancel_button):
            widget.setEnabled(not busy)

    def _run(
        self,
        fn: Callable[[Library, tasks.Task], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        self.show_error("")
        self.set_busy(True)

        def succeeded(result: Any) -> None:
            self.set_busy(False)
            done(result)

        def went_wrong(exc: Exception) -> None:
            self.set_busy(False)
            if not isinstance(exc, MoedemappeError):
                show_error(self, exc)  # a bug: logged, and said as one
            failed(exc)

        self.ops.op(self, fn).success(succeeded).failure(went_wrong).run_in_background()

    def accept(self) -> None:
        if not self.busy:
            self.submit()

    def reject(self) -> None:
        if not self.busy:  # a change under way finishes first; the dialog then says how
            super().reject()

    def submit(self) -> None:
        raise NotImplementedError

    def _done(self) -> None:
        for widget in self._inputs:
            if isinstance(widget, QLineEdit):
                widget.clear()
        super().accept()

    def _unexpected(self, exc: Exception) -> str:
        """What to say about a failure that is not the member's typing."""
        if isinstance(exc, MoedemappeError):
            return str(exc)
        return self.tr("Der opstod en uventet fejl. Intet blev ændret; prøv igen.")


class UnlockDialog(_VaultDialog):
    """One field: the passphrase or the recovery key; a wrong one is said and the dialog
    stays open."""

    opened = Signal(object)  # the Vault

    def __init__(self, ops: LibraryOps, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setWindowTitle(self.tr("Lås noter op"))
        self.setObjectName("unlockDialog")
        self.vault: Vault | None = None
        intro = QLabel(explanation)
        intro.setObjectName("unlockExplanation")
        intro.setWordWrap(True)
        self.secret = self._secret_field(
            self.tr("Adgangskode eller gendannelsesnøgle"), "unlockSecret"
        )
        form = QFormLayout()
        form.addRow(self.tr("&Adgangskode:"), self.secret)
        hint = QLabel(
            self.tr("Har du glemt adgangskoden, kan du skrive din gendannelsesnøgle i stedet.")
        )
        hint.setWordWrap(True)
        self.ok_button.setText(self.tr("&Lås op"))
        self._layout.addWidget(intro)
        self._layout.addLayout(form)
        self._layout.addWidget(hint)
        self._finish_layout()

    def submit(self) -> None:
        text = self.secret.text()
        if not text:
            self.show_error(self.tr("Skriv din adgangskode eller gendannelsesnøgle."), self.secret)
            return

        def unlock(lib: Library, _task: tasks.Task) -> Vault:
            return open_vault(lib, passphrase=text, create=False)

        self._run(unlock, self._opened, self._failed)

    def _opened(self, vault: Vault) -> None:
        self.vault = vault
        self.opened.emit(vault)
        self._done()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, WrongPassphrase):
            self.show_error(self.tr("Forkert adgangskode – prøv igen"), self.secret)
        else:
            self.show_error(self._unexpected(exc), self.secret)


class PassphraseDialog(_VaultDialog):
    """Choose a passphrase (new twice), or change it (the current one first).

    With no vault yet (``vault`` None) the passphrase creates it: the keychain could not.
    """

    changed = Signal(object)  # the Vault (new if it was created here)

    def __init__(
        self,
        ops: LibraryOps,
        vault: Vault | None,
        *,
        has_passphrase: bool = False,
        has_recovery: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.setObjectName("passphraseDialog")
        self.vault = vault
        self.changing = vault is not None and has_passphrase
        if vault is None:
            self.setWindowTitle(self.tr("Beskyt dine noter"))
            intro_text = self.tr(
                "Computerens nøglering kan ikke gemme nøglen til dine noter. Vælg en "
                "adgangskode; du skal skrive den, hver gang Mødemappe åbner dine noter."
            )
        elif self.changing:
            self.setWindowTitle(self.tr("Skift adgangskode"))
            intro_text = self.tr("Skriv din nuværende adgangskode og den nye to gange.")
        else:
            self.setWindowTitle(self.tr("Vælg adgangskode"))
            intro_text = self.tr(
                "Med en adgangskode kan du åbne dine noter, også hvis computerens nøglering "
                "ikke kan."
            )
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        self.current = self._secret_field(self.tr("Nuværende adgangskode"), "currentPassphrase")
        self.new = self._secret_field(self.tr("Ny adgangskode"), "newPassphrase")
        self.repeat = self._secret_field(self.tr("Gentag ny adgangskode"), "repeatPassphrase")
        self.new.textChanged.connect(self._rate)
        self.strength = QLabel("")
        self.strength.setObjectName("strengthHint")
        self.strength.setAccessibleName(self.tr("Adgangskodens styrke"))
        form = QFormLayout()
        if self.changing:
            form.addRow(self.tr("&Nuværende adgangskode:"), self.current)
        else:
            self.current.hide()
        form.addRow(self.tr("N&y adgangskode:"), self.new)
        form.addRow("", self.strength)
        form.addRow(self.tr("&Gentag:"), self.repeat)
        self.warning = QLabel(
            self.tr(
                "Vigtigt: Glemmer du adgangskoden, og mister du samtidig computerens "
                "nøglering (f.eks. med en ny computer), kan dine noter ikke gendannes – "
                "heller ikke af Mødemappe. Gem en gendannelsesnøgle et sikkert sted."
            )
        )
        self.warning.setObjectName("vaultWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("font-weight: bold;")
        self.offer_recovery = QCheckBox(self.tr("Lav en &gendannelsesnøgle bagefter"))
        self.offer_recovery.setObjectName("offerRecovery")
        self.offer_recovery.setAccessibleName(self.tr("Lav en gendannelsesnøgle bagefter"))
        self.offer_recovery.setChecked(not has_recovery)
        self._inputs.append(self.offer_recovery)
        self.ok_button.setText(
            self.tr("&Skift adgangskode") if self.changing else self.tr("&Vælg adgangskode")
        )
        self._layout.addWidget(intro)
        self._layout.addLayout(form)
        self._layout.addWidget(self.warning)
        self._layout.addWidget(self.offer_recovery)
        self._finish_layout()
        self._rate("")

    def _rate(self, text: str) -> None:
        """A rough hint: length counts most; several words or kinds of characters help."""
        kinds = sum(
            (
                any(c.islower() for c in text),
                any(c.isupper() for c in text),
                any(c.isdigit() for c in text),
                any(not c.isalnum() for c in text),
            )
        )
        if len(text) < MIN_PASSPHRASE:
            hint = self.tr("For kort: mindst %1 tegn").replace("%1", str(MIN_PASSPHRASE))
        elif len(text) < 12 or kinds < 2:
            hint = self.tr("Styrke: svag – brug flere ord eller tegn")
        elif len(text) < 16 and kinds < 3:
            hint = self.tr("Styrke: middel")
        else:
            hint = self.tr("Styrke: god")
        self.strength.setText(hint)

    def submit(self) -> None:
        current, new, repeat = self.current.text(), self.new.text(), self.repeat.text()
        if self.changing and not current:
            self.show_error(self.tr("Skriv din nuværende adgangskode."), self.current)
            return
        if len(new) < MIN_PASSPHRASE:
            self.show_error(
                self.tr("Adgangskoden er for kort: den skal have mindst %1 tegn.").replace(
                    "%1", str(MIN_PASSPHRASE)
                ),
                self.new,
            )
            return
        if new != repeat:
            self.show_error(self.tr("De to nye adgangskoder er ikke ens."), self.repeat)
            return
        vault, changing = self.vault, self.changing

        def save(lib: Library, _task: tasks.Task) -> Vault:
            if vault is None:
                return open_vault(lib, passphrase=new)  # creates it, passphrase-protected
            set_passphrase(lib, vault, new, current=current if changing else None)
            return vault

        self._run(save, self._saved, self._failed)

    @property
    def wants_recovery_key(self) -> bool:
        return self.offer_recovery.isChecked()

    def _saved(self, vault: Vault) -> None:
        self.vault = vault
        self.changed.emit(vault)
        self._done()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, WrongPassphrase) and self.changing:
            self.show_error(
                self.tr("Den nuværende adgangskode er forkert – prøv igen. Intet blev ændret."),
                self.current,
            )
        elif isinstance(exc, WrongPassphrase):  # a vault was made meanwhile, elsewhere
            self.show_error(
                self.tr(
                    "Dine noter er allerede beskyttet af en anden adgangskode. Luk og vælg "
                    "Lås noter op."
                ),
                self.new,
            )
        elif isinstance(exc, PassphraseTooShort):
            self.show_error(str(exc), self.new)
        else:
            self.show_error(self._unexpected(exc), self.new)


class RecoveryKeyDialog(_VaultDialog):
    """A new recovery key, shown this once: save it as a file or print it, then take it into
    use. Cancelling changes nothing; an earlier key keeps working until the new one is in."""

    changed = Signal()

    def __init__(
        self,
        ops: LibraryOps,
        vault: Vault,
        *,
        replaces: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("Gendannelsesnøgle"))
        self.vault = vault
        self._key = new_recovery_key()
        self.kept = False
        intro = QLabel(
            self.tr(
                "Dette er din gendannelsesnøgle. Den vises kun denne ene gang. Med den kan du "
                "åbne dine noter, hvis du glemmer adgangskoden eller mister computerens "
                "nøglering. Gem den som fil eller udskriv den, og opbevar den et sikkert sted: "
                "den, der har nøglen, kan læse dine noter."
            )
        )
        intro.setWordWrap(True)
        self.key_view = QLineEdit(self._key)
        self.key_view.setObjectName("recoveryKey")
        self.key_view.setAccessibleName(self.tr("Gendannelsesnøgle"))
        self.key_view.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.key_view.setFont(font)
        self.key_view.setMinimumWidth(self.key_view.fontMetrics().horizontalAdvance(self._key) + 24)
        self.save_button = QPushButton(self.tr("&Gem som fil…"))
        self.save_button.setObjectName("saveRecoveryKey")
        self.save_button.setAccessibleName(self.tr("Gem som fil"))
        self.save_button.clicked.connect(self.ask_file)
        self.print_button = QPushButton(self.tr("&Udskriv…"))
        self.print_button.setObjectName("printRecoveryKey")
        self.print_button.setAccessibleName(self.tr("Udskriv"))
        self.print_button.clicked.connect(self.ask_printer)
        self._inputs += [self.save_button, self.print_button]
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        self.written_down = QCheckBox(self.tr("Jeg har &skrevet nøglen ned"))
        self.written_down.setObjectName("keptRecoveryKey")
        self.written_down.setAccessibleName(self.tr("Jeg har skrevet nøglen ned"))
        self.written_down.toggled.connect(lambda _on: self._update_ok())
        self._inputs.append(self.written_down)
        self.status = QLabel("")
        self.status.setObjectName("recoveryStatus")
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setWordWrap(True)
        self._layout.addWidget(intro)
        self._layout.addWidget(self.key_view)
        self._layout.addLayout(row)
        self._layout.addWidget(self.written_down)
        self._layout.addWidget(self.status)
        if replaces:
            note = QLabel(self.tr("Din tidligere gendannelsesnøgle holder op med at virke."))
            note.setObjectName("recoveryReplaces")
            note.setWordWrap(True)
            self._layout.addWidget(note)
        self.ok_button.setText(self.tr("&Tag nøglen i brug"))
        self._finish_layout()
        self.file_dialog: QFileDialog | None = None
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.print_dialog: QPrintDialog | None = None
        self._update_ok()

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not busy:
            self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(not self.busy and (self.kept or self.written_down.isChecked()))

    # -- saving ----------------------------------------------------------------------------

    def ask_file(self) -> None:
        """Ask where to save (the dialog stays usable meanwhile; ``file_dialog`` is it)."""
        dialog = QFileDialog(
            self,
            self.tr("Gem gendannelsesnøgle"),
            str(Path(QDir.homePath()) / RECOVERY_FILE_NAME),
            self.tr("Tekstfiler (*.txt)"),
        )
        dialog.setObjectName("recoveryFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("txt")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.fileSelected.connect(lambda name: self.save_to(Path(name)))
        self.file_dialog = dialog
        dialog.show()

    def save_to(self, path: Path) -> None:
        """Write the key and how to use it to ``path``: whole or not at all, readable by
        the member alone."""
        text = self._sheet_text()

        def write(_lib: Library, _task: tasks.Task) -> Path:
            write_atomic(path, text, mode=PRIVATE)
            return path

        def failed(exc: Exception) -> None:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.show_error(
                self.tr(
                    "Nøglen blev ikke gemt (%1). Vælg en anden mappe, eller udskriv den."
                ).replace("%1", detail),
            )

        self._run(write, self._saved, failed)

    def _saved(self, path: Path) -> None:
        self.kept = True
        self.status.setText(self.tr("Gemt i %1").replace("%1", str(path)))
        self._update_ok()

    def _sheet_text(self) -> str:
        when = QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm")
        return "\n".join(
            (
                self.tr("Mødemappe – gendannelsesnøgle til dine noter"),
                "",
                self._key,
                "",
                self.tr("Lavet: %1").replace("%1", when),
                self.tr("Noter: %1").replace("%1", self.vault.vault_id[:8]),
                "",
                self.tr(
                    "Skriv nøglen i stedet for adgangskoden, når Mødemappe beder om den. "
                    "Opbevar den et sikkert sted: den, der har nøglen, kan læse dine noter."
                ),
                "",
            )
        )

    # -- printing --------------------------------------------------------------------------

    def ask_printer(self) -> None:
        """Ask which printer (``print_dialog``); prints once the member accepts."""
        dialog = QPrintDialog(self.printer, self)
        dialog.setObjectName("recoveryPrintDialog")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(self.print_key)
        self.print_dialog = dialog
        dialog.show()

    def print_key(self) -> None:
        doc = QTextDocument()
        lines = self._sheet_text().split("\n")
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[3:] if line)
        doc.setHtml(
            f"<h2>{html.escape(lines[0])}</h2>"
            f"<p style='font-family: monospace; font-size: 16pt'><b>{html.escape(self._key)}"
            f"</b></p>{body}"
        )
        doc.print_(self.printer)
        self.kept = True
        self.status.setText(self.tr("Udskrevet"))
        self._update_ok()

    # -- taking it into use ----------------------------------------------------------------

    def submit(self) -> None:
        if not (self.kept or self.written_down.isChecked()):
            return
        vault, key = self.vault, self._key

        def take(lib: Library, _task: tasks.Task) -> None:
            set_recovery_key(lib, vault, key)

        def failed(exc: Exception) -> None:
            self.show_error(
                self.tr(
                    "Nøglen blev ikke taget i brug: %1 Den gemte eller udskrevne nøgle virker "
                    "ikke; en tidligere nøgle virker stadig."
                ).replace("%1", self._unexpected(exc))
            )

        self._run(take, lambda _none: self._taken(), failed)

    def _taken(self) -> None:
        self.changed.emit()
        self._forget()
        super()._done()

    def reject(self) -> None:
        if not self.busy:
            self._forget()
        super().reject()

    def _forget(self) -> None:
        self._key = ""
        self.key_view.clear()


class RotateDialog(_VaultDialog):
    """New wrapping keys: the keychain's, and the passphrase's salt if it is typed."""

    rotated = Signal(list)  # the slots re-wrapped

    def __init__(
        self,
        ops: LibraryOps,
        vault: Vault,
        *,
        has_passphrase: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.setObjectName("rotateDialog")
        self.setWindowTitle(self.tr("Skift krypteringsnøgle"))
        self.vault = vault
        intro = QLabel(
            self.tr(
                "Mødemappe laver en ny nøgle i computerens nøglering til dine noter og "
                "sletter den gamle. Noterne selv ændres ikke, og din adgangskode og "
                "gendannelsesnøgle virker som før."
            )
        )
        intro.setWordWrap(True)
        self._layout.addWidget(intro)
        self.passphrase = self._secret_field(self.tr("Adgangskode"), "rotatePassphrase")
        if has_passphrase:
            form = QFormLayout()
            form.addRow(self.tr("&Adgangskode:"), self.passphrase)
            self._layout.addLayout(form)
            hint = QLabel(
                self.tr(
                    "Skriv din adgangskode, så den også pakkes ind på ny (kan udelades, hvis "
                    "nøgleringen virker)."
                )
            )
            hint.setWordWrap(True)
            self._layout.addWidget(hint)
        else:
            self.passphrase.hide()
        self.ok_button.setText(self.tr("&Skift nøgle"))
        self._finish_layout()

    def submit(self) -> None:
        vault, phrase = self.vault, self.passphrase.text()

        def turn(lib: Library, _task: tasks.Task) -> list[str]:
            return rotate(lib, vault, passphrase=phrase)  # "" never falls back to the env

        self._run(turn, self._rotated, self._failed)

    def _rotated(self, slots: list[str]) -> None:
        self.rotated.emit(slots)
        self._done()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, WrongPassphrase):
            self.show_error(
                self.tr("Forkert adgangskode – prøv igen. Intet blev ændret."), self.passphrase
            )
        elif isinstance(exc, (KeychainMissing, KeychainLocked)):
            self.show_error(
                self.tr(
                    "Computerens nøglering kan ikke bruges lige nu (%1). Lås den op og prøv "
                    "igen, eller skriv din adgangskode."
                ).replace("%1", str(exc)),
                self.passphrase,
            )
        else:
            self.show_error(self._unexpected(exc), self.passphrase)
