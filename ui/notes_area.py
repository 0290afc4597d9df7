"""The notes side of the window: locked until the vault opens, then the notes panel; a header
that always shows whether the notes are locked, and the actions that protect them.

Opening the vault may ask the OS keychain, which can block or prompt, so it runs on a
worker; a passphrase is asked for only when the keychain cannot help, with the reason in
plain words. The dialogs (``ui.vault_dialogs``) load the vault's modules, so they are
imported when first needed, not with the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.errors import (
    KeychainLocked,
    KeychainMissing,
    KeyDamaged,
    KeyMissing,
    MoedemappeError,
    VaultDamaged,
    VaultLocked,
)
from ui import tasks
from ui.errors import show_error
from ui.export_dialog import NotesExporter
from ui.ops import LibraryOps

if TYPE_CHECKING:
    from reader.library import Library
    from reader.vault import Vault
    from ui.notes_panel import NotesPanel

# lock_state codes
OPENING, LOCKED, NEW, UNLOCKED = "opening", "locked", "new", "unlocked"


class NotesArea(QWidget):
    """Public API for the window: ``try_unlock``, ``unlock``, ``lock``, ``vault_actions``,
    ``export_actions``, ``set_context``, ``set_page``, ``flush``, ``meetings_with_notes``;
    signals ``unlocked(Vault)``, ``locked()``, ``lock_state_changed(str)`` (the words the
    header shows, for the status bar), ``notice(str)`` (what a change did, for the status
    bar), and for the markers on the agenda and the meeting list:

    - ``note_counts_changed(meeting_id, counts)``: ``counts`` is ``{item number or None:
      number of notes}`` for that meeting (None: notes on the meeting as a whole; a note on
      a page counts for the item the page belongs to). Sent when a meeting's notes are
      loaded (on unlocking, on moving to another meeting) and after every note made,
      deleted or restored; ``{}`` when the notes are locked. An item missing from it has
      no notes.
    - ``meetings_with_notes_changed(set[int])``: the meetings that have notes, sent once the
      notes are open, whenever a meeting gains its first note or loses its last, and
      (empty) when they are locked. ``meetings_with_notes()`` gives the same set at any time.

    Both are worked out on the library worker from the decrypted notes and kept in memory
    only, like the notes themselves.
    """

    unlocked = Signal(object)  # the Vault
    locked = Signal()  # the notes were locked: drop whatever holds them in the clear
    lock_state_changed = Signal(str)
    notice = Signal(str)
    note_counts_changed = Signal(int, object)  # meeting id, {item number or None: count}
    meetings_with_notes_changed = Signal(object)  # set[int]

    def __init__(self, ops: LibraryOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesArea")
        self.ops = ops
        self.vault: Vault | None = None
        self.panel: NotesPanel | None = None
        self.lock_state = OPENING
        self.slots: frozenset[str] = frozenset()  # keychain / passphrase / recovery
        self.reason = ""  # why the keychain did not open them (see vault_dialogs.lock_reason)
        self.dialog: QDialog | None = None  # the vault dialog on screen, if any
        self._context: tuple[int | None, str | None] = (None, None)
        self._page: tuple[int | None, int | None] = (None, None)  # document id, 1-based page
        self._with_notes: set[int] = set()
        self.exporter = NotesExporter(ops, self)
        self.exporter.notice.connect(self.notice)
        self._build_actions()
        self._build()
        self._set_state(OPENING)

    # -- building --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.state_action = QAction(self)
        self.state_action.setEnabled(False)  # shows the state; does nothing
        self.unlock_action = QAction(self.tr("&Lås noter op…"), self)
        self.unlock_action.triggered.connect(self.unlock)
        self.passphrase_action = QAction(self.tr("Vælg &adgangskode…"), self)
        self.passphrase_action.triggered.connect(self.change_passphrase)
        self.recovery_action = QAction(self.tr("Ny &gendannelsesnøgle…"), self)
        self.recovery_action.triggered.connect(self.new_recovery_key)
        self.rotate_action = QAction(self.tr("Skift &krypteringsnøgle…"), self)
        self.rotate_action.triggered.connect(self.rotate_key)
        self.lock_action = QAction(self.tr("Lå&s noter"), self)
        self.lock_action.triggered.connect(self.lock)

    def vault_actions(self) -> list[QAction]:
        """For a "Noter" menu: the lock state, then unlock, passphrase, recovery key,
        rotate and lock; each is enabled only when it can be used."""
        return [
            self.state_action,
            self.unlock_action,
            self.passphrase_action,
            self.recovery_action,
            self.rotate_action,
            self.lock_action,
        ]

    def _build(self) -> None:
        self.lock_icon = QLabel()
        self.lock_icon.setObjectName("lockIcon")
        self.lock_label = QLabel()
        self.lock_label.setObjectName("lockState")
        self.lock_label.setWordWrap(True)  # the notes side is narrow; the state must not widen it
        self.lock_label.setAccessibleName(self.tr("Noternes lås"))
        self.menu_button = QToolButton()
        self.menu_button.setObjectName("vaultMenu")
        self.menu_button.setText(self.tr("Beskyttelse"))
        self.menu_button.setAccessibleName(self.tr("Beskyttelse af noter"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.menu_button)
        menu.addActions(self.vault_actions()[1:])
        self.menu_button.setMenu(menu)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.lock_icon)
        header.addWidget(self.lock_label, 1)
        header.addWidget(self.menu_button)
        self.notice_label = QLabel("")
        self.notice_label.setObjectName("vaultNotice")
        self.notice_label.setAccessibleName(self.tr("Besked om noternes beskyttelse"))
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()

        self.stack = QStackedWidget()
        self.locked_page = QWidget()
        layout = QVBoxLayout(self.locked_page)
        self.message = QLabel(self.tr("Dine noter er krypterede. Åbner…"))
        self.message.setObjectName("vaultMessage")
        self.message.setWordWrap(True)
        self.unlock_button = QPushButton(self.tr("&Lås noter op…"))
        self.unlock_button.setObjectName("unlockNotes")
        self.unlock_button.setAccessibleName(self.tr("Lås noter op"))
        self.unlock_button.clicked.connect(self.unlock)
        self.unlock_button.hide()
        self.retry_button = QPushButton(self.tr("&Prøv nøgleringen igen"))
        self.retry_button.setObjectName("retryKeychain")
        self.retry_button.setAccessibleName(self.tr("Prøv nøgleringen igen"))
        self.retry_button.clicked.connect(lambda: self.try_unlock())
        self.retry_button.hide()
        layout.addWidget(self.message)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self.retry_button)
        layout.addStretch(1)
        self.stack.addWidget(self.locked_page)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(header)
        outer.addWidget(self.notice_label)
        outer.addWidget(self.stack, 1)

    # -- state -----------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self.lock_state = state
        unlocked = state == UNLOCKED
        if state == OPENING:
            text = self.tr("Noter: åbner…")
        elif state == NEW:
            text = self.tr("Noter: ingen adgangskode valgt endnu")
        elif not unlocked:
            text = self.tr("Noter: låst")
        else:
            how = self.vault.unlocked_by if self.vault is not None else ""
            text = {
                "keychain": self.tr("Noter: låst op med nøgleringen"),
                "passphrase": self.tr("Noter: låst op med adgangskode"),
                "recovery": self.tr("Noter: låst op med gendannelsesnøgle"),
            }.get(how, self.tr("Noter: låst op"))
        self.lock_label.setText(text)
        self.lock_icon.setPixmap(lock_pixmap(not unlocked, self.lock_label.fontMetrics().height()))
        self.lock_icon.setToolTip(text)
        self.state_action.setText(text)
        self.state_action.setIcon(QIcon(lock_pixmap(not unlocked, 32)))
        self.unlock_action.setEnabled(state in (LOCKED, NEW))
        self.unlock_action.setText(
            self.tr("Vælg &adgangskode…") if state == NEW else self.tr("&Lås noter op…")
        )
        for action in (self.passphrase_action, self.recovery_action, self.rotate_action):
            action.setEnabled(unlocked)
        self.lock_action.setEnabled(unlocked)
        self.passphrase_action.setText(
            self.tr("Skift &adgangskode…")
            if "passphrase" in self.slots
            else self.tr("Vælg &adgangskode…")
        )
        self.lock_state_changed.emit(text)

    def _say(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))
        if text:
            self.notice.emit(text)

    def _refresh_slots(self) -> None:
        def got(slots: frozenset[str]) -> None:
            self.slots = slots
            self._set_state(self.lock_state)

        self.ops.op(self, lambda lib, _task: _vault_slots(lib)).success(got).run_in_background()

    # -- opening ---------------------------------------------------------------------------

    def try_unlock(self, passphrase: str | None = None) -> tasks.Task:
        """Open (or on first use create) the vault: keychain first, then ``passphrase``."""
        self._set_state(OPENING)
        self.retry_button.setEnabled(False)
        return (
            self.ops.op(self, lambda lib, _task: _open_vault(lib, passphrase))
            .success(self._opened)
            .failure(self._locked)
            .run_in_background()
        )

    def unlock(self) -> None:
        """What the unlock button and action do: choose a passphrase for a new vault, try the
        keychain after a lock by hand, else ask for the passphrase."""
        if self.lock_state == NEW:
            self._ask_new_passphrase()
        elif self.reason == "manual" and "keychain" in self.slots:
            self.try_unlock()
        else:
            self._ask_passphrase()

    def ask_passphrase(self) -> None:
        """Ask for the passphrase (or recovery key) now, whatever the keychain does."""
        self._ask_passphrase()

    def _ask_passphrase(self) -> None:
        from ui.vault_dialogs import UnlockDialog

        dialog = UnlockDialog(self.ops, self._explanation(), self)
        dialog.opened.connect(self._opened)
        self._show_dialog(dialog)

    def _ask_new_passphrase(self) -> None:
        from ui.vault_dialogs import PassphraseDialog

        dialog = PassphraseDialog(self.ops, None, parent=self)
        dialog.changed.connect(lambda vault: self._created(vault, dialog.wants_recovery_key))
        self._show_dialog(dialog)

    def _created(self, vault: Vault, recovery: bool) -> None:
        self._opened(vault)
        self._say(self.tr("Dine noter er beskyttet af din adgangskode."))
        if recovery:
            self.new_recovery_key()

    def _show_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.show()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _opened(self, vault: Vault) -> None:
        self.vault = vault
        self.reason = ""
        if self.panel is None:
            from ui.notes_panel import NotesPanel

            self.panel = NotesPanel(self.ops, vault)
            self.stack.addWidget(self.panel)
            self.panel.counts_changed.connect(self._counts_changed)
        self.stack.setCurrentWidget(self.panel)
        self.panel.set_page(*self._page)
        self.panel.set_context(*self._context)
        self._set_state(UNLOCKED)
        self.exporter.set_vault(vault)
        self.ops.op(self, lambda lib, _task: _meetings_with_notes(lib, vault)).success(
            self._set_with_notes
        ).run_in_background()
        if vault.unlocked_by == "recovery":
            self._say(
                self.tr(
                    "Du har åbnet dine noter med gendannelsesnøglen. Vælg en ny adgangskode "
                    "under Beskyttelse, hvis du har glemt den gamle."
                )
            )
        self._refresh_slots()
        self.unlocked.emit(vault)

    def _locked(self, exc: Exception) -> None:
        """A vault the keychain cannot open is a state to explain, not an error to report;
        anything but a ``MoedemappeError`` is a bug, and shown as one."""
        if not isinstance(exc, MoedemappeError):
            show_error(self, exc)
        self.reason = lock_reason(exc)
        detail = str(exc) if isinstance(exc, MoedemappeError) else ""
        self.ops.op(self, lambda lib, _task: _vault_slots(lib)).success(
            lambda slots: self._show_locked(slots, detail)
        ).run_in_background()

    def _explanation(self) -> str:
        """Why the notes are locked and what to do, in plain words."""
        can_type = bool(self.slots & {"passphrase", "recovery"})
        keychain = {
            "locked": self.tr(
                "Computerens nøglering er låst, så nøglen til dine noter kan ikke hentes."
            ),
            "missing": self.tr(
                "Nøglen til dine noter findes ikke i computerens nøglering (måske er det en "
                "ny computer eller en anden bruger)."
            ),
            "unavailable": self.tr("Computerens nøglering kan ikke bruges."),
            "damaged": self.tr("Nøglen i computerens nøglering passer ikke til dine noter."),
        }.get(self.reason, "")
        if self.reason == "manual":
            return self.tr("Du har låst dine noter. Vælg Lås noter op for at åbne dem igen.")
        if not can_type:
            return " ".join(
                (
                    keychain or self.tr("Dine noter er låst."),
                    self.tr(
                        "Der er ingen adgangskode eller gendannelsesnøgle til dine noter, så "
                        "de kan kun åbnes med nøgleringen. Lås nøgleringen op, og vælg Prøv "
                        "nøgleringen igen."
                    ),
                )
            )
        ask = self.tr("Skriv din adgangskode eller gendannelsesnøgle for at åbne dine noter.")
        return f"{keychain} {ask}" if keychain else self.tr("Dine noter er låst. ") + ask

    def _show_locked(self, slots: frozenset[str], detail: str) -> None:
        """Say in plain words what to do; the technical reason goes in the tooltip."""
        self.slots = slots
        self.stack.setCurrentWidget(self.locked_page)
        self.retry_button.setEnabled(True)
        if not slots:
            reason = {
                "locked": self.tr("Computerens nøglering er låst."),
                "unavailable": self.tr("Computerens nøglering kan ikke bruges."),
            }.get(self.reason, self.tr("Computerens nøglering kan ikke bruges."))
            self.message.setText(
                self.tr(
                    "%1 Dine noter krypteres; vælg en adgangskode for at komme i gang – eller "
                    "lås nøgleringen op, og prøv igen."
                ).replace("%1", reason)
            )
            self.unlock_button.setText(self.tr("&Vælg adgangskode…"))
            self.unlock_button.show()
            self.retry_button.show()
            self._set_state(NEW)
        else:
            self.message.setText(self._explanation())
            self.unlock_button.setText(self.tr("&Lås noter op…"))
            self.unlock_button.setVisible(
                bool(slots & {"passphrase", "recovery"})
                or (self.reason == "manual" and "keychain" in slots)
            )
            keychain_trouble = self.reason not in ("passphrase", "manual", "")
            self.retry_button.setVisible("keychain" in slots and keychain_trouble)
            self._set_state(LOCKED)
        self.message.setToolTip(detail)

    # -- locking ---------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the notes: what is typed is saved first, the panel and the key go.

        The window must drop what it holds in the clear too (``locked``): the notes' search
        index. Python cannot wipe the key from memory; it is dropped with the last reference.
        """
        if self.vault is None:
            return
        if self.panel is not None:
            self.panel.flush()  # queued with the key it holds, ahead of anything later
            self.stack.removeWidget(self.panel)
            self.panel.deleteLater()
            self.panel = None
        self.vault = None
        self.exporter.set_vault(None)
        self.ops.unfollow_notes()
        if self._context[0] is not None:
            self.note_counts_changed.emit(self._context[0], {})
        self._set_with_notes(set())
        self.reason = "manual"
        self._say("")
        self._show_locked(self.slots, "")
        self.locked.emit()

    # -- changing the protection -----------------------------------------------------------

    def change_passphrase(self) -> None:
        """Set a passphrase, or change it (asking for the current one)."""
        if self.vault is None:
            return
        from ui.vault_dialogs import PassphraseDialog

        had = "passphrase" in self.slots
        dialog = PassphraseDialog(
            self.ops,
            self.vault,
            has_passphrase=had,
            has_recovery="recovery" in self.slots,
            parent=self,
        )

        def changed(_vault: Vault) -> None:
            self._refresh_slots()
            self._say(
                self.tr("Din adgangskode er skiftet.")
                if had
                else self.tr("Din adgangskode er valgt.")
            )
            if dialog.wants_recovery_key:
                self.new_recovery_key()

        dialog.changed.connect(changed)
        self._show_dialog(dialog)

    def new_recovery_key(self) -> None:
        if self.vault is None:
            return
        from ui.vault_dialogs import RecoveryKeyDialog

        dialog = RecoveryKeyDialog(
            self.ops, self.vault, replaces="recovery" in self.slots, parent=self
        )

        def changed() -> None:
            self._refresh_slots()
            self._say(self.tr("Din nye gendannelsesnøgle er taget i brug."))

        dialog.changed.connect(changed)
        self._show_dialog(dialog)

    def rotate_key(self) -> None:
        if self.vault is None:
            return
        from ui.vault_dialogs import RotateDialog

        dialog = RotateDialog(
            self.ops, self.vault, has_passphrase="passphrase" in self.slots, parent=self
        )

        def rotated(slots: list[str]) -> None:
            words = {
                "keychain": self.tr("nøglering"),
                "passphrase": self.tr("adgangskode"),
            }
            done = ", ".join(words.get(s, s) for s in slots)
            self._refresh_slots()
            self._say(self.tr("Krypteringsnøglen er skiftet (%1).").replace("%1", done))

        dialog.rotated.connect(rotated)
        self._show_dialog(dialog)

    # -- the window's calls ----------------------------------------------------------------

    def set_context(self, meeting_id: int | None, item_number: str | None = None) -> None:
        """The meeting and agenda item in view (``item_number`` None: the meeting as a
        whole); the notes follow it, and "Eksportér noter…" exports this meeting's."""
        self._context = (meeting_id, item_number)
        self.exporter.set_meeting(meeting_id)
        if self.panel is not None:
            self.panel.set_context(meeting_id, item_number)

    def set_page(self, document_id: int | None, page: int | None) -> None:
        """The document and 1-based page being read (None, None: no document open): for
        notes on that page and the document exports. Call it as the reading position
        changes; it costs nothing when the page is the same."""
        self._page = (document_id, page) if document_id is not None else (None, None)
        self.exporter.set_document(document_id)
        if self.panel is not None:
            self.panel.set_page(*self._page)

    def export_actions(self) -> list[QAction]:
        """For a Filer or Noter menu: "Eksportér noter…" (the meeting in view, Markdown or
        PDF), "Eksportér kommenteret PDF…" and "Eksportér W3C-annotationer…" (the document
        being read). Each is enabled only while the notes are open and there is a meeting
        or document to export."""
        return self.exporter.actions()

    def meetings_with_notes(self) -> set[int]:
        """The meetings that have notes (empty while the notes are locked)."""
        return set(self._with_notes)

    def _counts_changed(self, meeting_id: int, counts: dict[str | None, int]) -> None:
        self.note_counts_changed.emit(meeting_id, counts)
        has = sum(counts.values()) > 0
        if has != (meeting_id in self._with_notes):
            self._set_with_notes(
                self._with_notes | {meeting_id} if has else self._with_notes - {meeting_id}
            )

    def _set_with_notes(self, meetings: set[int]) -> None:
        if meetings != self._with_notes or not meetings:
            self._with_notes = set(meetings)
            self.meetings_with_notes_changed.emit(set(meetings))

    def flush(self) -> None:
        if self.panel is not None:
            self.panel.flush()


def lock_reason(exc: BaseException) -> str:
    """Why the keychain did not open the notes, as a code the notes area words:
    ``locked``, ``missing``, ``unavailable``, ``damaged``, ``passphrase`` (the vault has no
    keychain key) or ``error``."""
    causes: list[BaseException] = list(getattr(exc, "causes", [])) or [exc]
    for cause in causes:
        if isinstance(cause, KeychainLocked):
            return "locked"
        if isinstance(cause, KeyMissing):
            return "missing"
        if isinstance(cause, KeychainMissing):
            return "unavailable"
        if isinstance(cause, (KeyDamaged, VaultDamaged)):
            return "damaged"
    if isinstance(exc, VaultLocked):
        return "passphrase"
    return "error"


def lock_pixmap(locked: bool, size: int) -> QPixmap:
    """A padlock, shut or open, drawn in the palette's text colour's stead (no icon files)."""
    size = max(size, 12)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor("#2e7d32") if not locked else QColor("#555555")
    pen = QPen(colour, max(1.5, size / 10))
    painter.setPen(pen)
    body = QRectF(size * 0.18, size * 0.45, size * 0.64, size * 0.48)
    shackle = QPainterPath()
    left, right = size * 0.3, size * 0.7
    top = size * 0.1
    lift = size * 0.12 if not locked else 0.0
    shackle.moveTo(QPointF(left, body.top() - lift))
    shackle.lineTo(QPointF(left, size * 0.3 - lift))
    shackle.arcTo(QRectF(left, top - lift, right - left, size * 0.4), 180, -180)
    if locked:
        shackle.lineTo(QPointF(right, body.top()))
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)  # drawRect: fillRect would build QGradient's enums
    painter.setBrush(colour)
    painter.drawRect(body)
    painter.end()
    return pixmap


# The vault's modules (keyring, cryptography) load on the library worker when the notes are
# first opened, not with the window.


def _open_vault(lib: Library, passphrase: str | None) -> Vault:
    from reader.vault.keys import open_vault

    return open_vault(lib, passphrase=passphrase)


def _meetings_with_notes(lib: Library, vault: Vault) -> set[int]:
    from reader.notes.summary import meetings_with_notes

    return meetings_with_notes(lib, vault)


def _vault_slots(lib: Library) -> frozenset[str]:
    from reader.vault.keys import vault_slots

    return vault_slots(lib)
