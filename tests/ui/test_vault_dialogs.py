"""The notes' lock, driven as a member would: unlock, choose or change the passphrase, a
recovery key saved and printed and then used, rotating the keys, locking again.

Real vaults in real libraries, and real keyring backends: keyring's fail backend (no
keychain, the suite's default), the tests' file keychain for a working one, and a keychain
that is there but locked. The checks that need scrypt run on the library worker, as in
the app.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import keyring
import keyring.backends.fail
import pymupdf
import pytest
import shiboken6
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.notes.note_store import NoteStore
from reader.vault import Vault, open_vault, vault_exists, vault_slots
from reader.vault.keychain import ENV_TEST_KEYCHAIN
from tests.support.file_keychain import NAME as FILE_KEYCHAIN
from tests.support.file_keychain import FileKeychain, read_entries
from tests.support.notes_fixtures import PASSPHRASE, LockedKeyring, contains, library_with_agenda
from ui import tasks
from ui.notes_area import LOCKED, NEW, UNLOCKED, NotesArea
from ui.ops import LibraryOps
from ui.vault_dialogs import PassphraseDialog, RecoveryKeyDialog, RotateDialog, UnlockDialog

WAIT = 20_000  # ms; scrypt on a loaded machine
LOCKED_KEYCHAIN = f"{LockedKeyring.__module__}.{LockedKeyring.__qualname__}"


@pytest.fixture(autouse=True)
def _no_env_passphrase(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE", raising=False)
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)
    assert tasks.shutdown(), "a worker outlived its test"


def use_keychain(monkeypatch: pytest.MonkeyPatch, backend: KeyringBackend, name: str) -> None:
    """Make ``backend`` the keychain keyring hands the app (as a configured backend would)."""
    monkeypatch.setenv(ENV_TEST_KEYCHAIN, name)
    keyring.set_keyring(backend)


@pytest.fixture
def area(qtbot: QtBot, library: Library) -> NotesArea:
    widget = NotesArea(LibraryOps(library.paths))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _start(qtbot: QtBot, area: NotesArea, state: str) -> None:
    area.try_unlock()
    qtbot.waitUntil(lambda: area.lock_state == state, timeout=WAIT)


D = TypeVar("D", bound=QDialog)


def _behind_a_locked_keychain(
    qtbot: QtBot,
    area: NotesArea,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    passphrase: str | None,
) -> FileKeychain:
    """A vault made with a working keychain (and ``passphrase``), which is then locked when
    the notes area starts: the keychain the member unlocks again is returned."""
    kr = FileKeychain(tmp_path / "kr.json")
    open_vault(library, backend=kr, passphrase=passphrase)
    use_keychain(monkeypatch, LockedKeyring(), LOCKED_KEYCHAIN)
    _start(qtbot, area, LOCKED)
    return kr


def _dialog(qtbot: QtBot, area: NotesArea, kind: type[D]) -> D:
    qtbot.waitUntil(lambda: isinstance(area.dialog, kind) and area.dialog.isVisible())
    assert isinstance(area.dialog, kind)
    return area.dialog


def _closed(dialog: QDialog) -> bool:
    """Closed: a closed vault dialog is deleted."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _type(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def _ok(
    qtbot: QtBot, dialog: UnlockDialog | PassphraseDialog | RecoveryKeyDialog | RotateDialog
) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _error_is(qtbot: QtBot, dialog: QDialog, text: str) -> None:
    error = dialog.findChild(QWidget, "vaultError")
    qtbot.waitUntil(lambda: error.isVisible() and error.text() == text, timeout=WAIT)  # type: ignore[attr-defined]
    assert dialog.isVisible()


def _wraps(lib: Library) -> list[tuple[object, ...]]:
    return [tuple(r) for r in lib.conn.execute("SELECT * FROM vault_wraps ORDER BY slot")]


def _no_keychain() -> keyring.backends.fail.Keyring:
    return keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]


def test_first_use_without_a_keychain_asks_for_a_passphrase_twice(
    qtbot: QtBot, area: NotesArea, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    states: list[str] = []
    area.lock_state_changed.connect(states.append)
    _start(qtbot, area, NEW)
    assert "nøglering kan ikke bruges" in area.message.text()
    assert area.unlock_button.isVisible() and area.unlock_button.text() == "&Vælg adgangskode…"
    assert area.lock_label.text() == states[-1] == "Noter: ingen adgangskode valgt endnu"
    qtbot.mouseClick(area.unlock_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, area, PassphraseDialog)
    assert not dialog.current.isVisible()  # nothing to change yet
    assert "kan dine noter ikke gendannes" in dialog.warning.text()
    # too short: the vault's own minimum, said at once, the dialog stays
    _type(qtbot, dialog.new, "abc")
    assert dialog.strength.text() == "For kort: mindst 8 tegn"
    _type(qtbot, dialog.repeat, "abc")
    _ok(qtbot, dialog)
    _error_is(qtbot, dialog, "Adgangskoden er for kort: den skal have mindst 8 tegn.")
    assert dialog.focusWidget() is dialog.new
    # not the same twice
    _type(qtbot, dialog.new, "en lang frase")
    _type(qtbot, dialog.repeat, "en lang frasE")
    _ok(qtbot, dialog)
    _error_is(qtbot, dialog, "De to nye adgangskoder er ikke ens.")
    assert not vault_exists(library)
    # typing again clears the message
    _type(qtbot, dialog.repeat, "en lang frase")
    assert not dialog.error.isVisible()
    dialog.offer_recovery.setChecked(False)
    # submitting: working, no second submit, no cancel half-way
    gate = threading.Event()
    started: list[tasks.Task] = []

    def hold(task: tasks.Task) -> None:
        started.append(task)
        gate.wait(WAIT / 1000)

    monkeypatch.setattr(tasks, "before_work", hold)
    _ok(qtbot, dialog)
    assert dialog.busy and dialog.working.isVisible()
    assert not dialog.ok_button.isEnabled() and not dialog.new.isEnabled()
    _ok(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: len(started) == 1)
    assert tasks.active() == 1  # the second click queued nothing
    gate.set()
    qtbot.waitUntil(lambda: area.lock_state == UNLOCKED, timeout=WAIT)
    assert _closed(dialog)
    assert area.vault is not None and area.vault.unlocked_by == "passphrase"
    assert area.lock_label.text() == "Noter: låst op med adgangskode"
    assert vault_slots(library) == {"passphrase"}
    assert open_vault(library, backend=_no_keychain(), passphrase="en lang frase").vault_id == (
        area.vault.vault_id
    )


def test_a_wrong_passphrase_is_said_and_the_dialog_stays_open(
    qtbot: QtBot, area: NotesArea, library: Library, tmp_path: Path
) -> None:
    meeting, _ = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=_no_keychain(), passphrase=PASSPHRASE)
    NoteStore(library, vault).add(meeting, "kun til mig")
    before = _wraps(library)
    _start(qtbot, area, LOCKED)
    assert area.lock_label.text() == "Noter: låst"
    assert "Skriv din adgangskode" in area.message.text()
    assert not area.retry_button.isVisible()  # this vault has no keychain key to retry
    opened: list[Vault] = []
    area.unlocked.connect(opened.append)
    qtbot.mouseClick(area.unlock_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, area, UnlockDialog)
    _ok(qtbot, dialog)
    _error_is(qtbot, dialog, "Skriv din adgangskode eller gendannelsesnøgle.")
    qtbot.keyClicks(dialog.secret, "abc")
    _ok(qtbot, dialog)
    _error_is(qtbot, dialog, "Forkert adgangskode – prøv igen")
    assert dialog.secret.selectedText() == "abc" and dialog.secret.isEnabled()
    assert area.lock_state == LOCKED and opened == [] and _wraps(library) == before
    qtbot.keyClicks(dialog.secret, PASSPHRASE)  # replaces the selected wrong one
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: area.lock_state == UNLOCKED, timeout=WAIT)
    assert [v.unlocked_by for v in opened] == ["passphrase"] and _closed(dialog)
    assert _wraps(library) == before


def test_a_locked_keychain_falls_back_to_the_passphrase_and_says_why(
    qtbot: QtBot,
    area: NotesArea,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _behind_a_locked_keychain(qtbot, area, library, tmp_path, monkeypatch, PASSPHRASE)
    assert area.message.text().startswith("Computerens nøglering er låst")
    assert "Skriv din adgangskode eller gendannelsesnøgle" in area.message.text()
    assert "nøgleringen er låst" in area.message.toolTip()  # the technical reason
    assert area.unlock_button.isVisible() and area.retry_button.isVisible()
    qtbot.mouseClick(area.unlock_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, area, UnlockDialog)
    explanation = dialog.findChild(QWidget, "unlockExplanation")
    assert explanation.text().startswith("Computerens nøglering er låst")  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.secret, PASSPHRASE)
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: area.lock_state == UNLOCKED, timeout=WAIT)
    assert area.vault is not None and area.vault.unlocked_by == "passphrase"


def test_a_keychain_only_vault_behind_a_locked_keychain_is_opened_by_retrying(
    qtbot: QtBot,
    area: NotesArea,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kr = _behind_a_locked_keychain(qtbot, area, library, tmp_path, monkeypatch, None)
    assert "kun åbnes med nøgleringen" in area.message.text()
    assert not area.unlock_button.isVisible()  # nothing to type: say so, offer the retry
    assert area.retry_button.isVisible()
    use_keychain(monkeypatch, kr, FILE_KEYCHAIN)  # the member unlocks the keychain
    qtbot.mouseClick(area.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.lock_state == UNLOCKED, timeout=WAIT)
    assert area.lock_label.text() == "Noter: låst op med nøgleringen"


def test_a_recovery_key_is_saved_printed_and_opens_the_notes(
    qtbot: QtBot,
    area: NotesArea,
    library: Library,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    meeting, _ = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=_no_keychain(), passphrase=PASSPHRASE)
    NoteStore(library, vault).add(meeting, "gendan mig")
    area.try_unlock(PASSPHRASE)
    qtbot.waitUntil(lambda: area.lock_state == UNLOCKED, timeout=WAIT)
    assert area.recovery_action.isEnabled()
    area.recovery_action.trigger()
    dialog = _dialog(qtbot, area, RecoveryKeyDialog)
    key = dialog.key_view.text()
    assert len(key) == 47 and not dialog.ok_button.isEnabled()  # not before it is kept
    # cancelling changes nothing
    before = _wraps(library)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert _closed(dialog) and _wraps(library) == before
    area.recovery_action.trigger()
    dialog = _dialog(qtbot, area, RecoveryKeyDialog)
    key = dialog.key_view.text()
    # save as a file: chosen in the file dialog, written whole and for the member alone
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.file_dialog is not None and dialog.file_dialog.isVisible()
    target = tmp_path / "sikkert sted" / "nøgle.txt"
    target.parent.mkdir()
    dialog.file_dialog.selectFile(str(target))
    dialog.file_dialog.accept()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Gemt i"), timeout=WAIT)
    assert key in target.read_text() and "Mødemappe" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["nøgle.txt"]  # no temp file left
    assert dialog.ok_button.isEnabled()
    # print: to a PDF file here, through the print dialog
    pdf = tmp_path / "udskrift.pdf"
    dialog.printer.setOutputFormat(dialog.printer.OutputFormat.PdfFormat)
    dialog.printer.setOutputFileName(str(pdf))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.print_dialog is not None and dialog.print_dialog.isVisible()
    dialog.print_dialog.accept()
    assert dialog.status.text() == "Udskrevet"
    with pymupdf.open(pdf) as doc:
        assert key in doc[0].get_text()
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=WAIT)
    assert area.notice_label.text() == "Din nye gendannelsesnøgle er taget i brug."
    qtbot.waitUntil(lambda: "recovery" in area.slots, timeout=WAIT)
    # locked, and opened again with the key typed as it is on paper
    locks: list[bool] = []
    area.locked.connect(lambda: locks.append(True))
    area.lock_action.trigger()
    assert locks == [True] and area.lock_state == LOCKED and area.panel is None
    assert area.vault is None and area.lock_label.text() == "Noter: låst"
    qtbot.mouseClick(area.unlock_button, Qt.MouseButton.LeftButton)
    unlock = _dialog(qtbot, area, UnlockDialog)
    qtbot.keyClicks(unlock.secret, key.lower().replace("-", " "))
    _ok(qtbot, unlock)
    qtbot.waitUntil(lambda: area.lock_state == UNLOCKED, timeout=WAIT)
    assert area.vault is not None and area.vault.unlocked_by == "recovery"
    assert area.lock_label.text() == "Noter: låst op med gendannelsesnøgle"
    assert "gendannelsesnøglen" in area.notice_label.text()
    # the key is nowhere but in the file the member chose
    assert key not in caplog.text and key.lower() not in caplog.text
    assert not any(
        contains(p, key) for p in library.paths.root.rglob("*") if p.is_file() and p != target
    )


def test_changing_the_passphrase_asks_for_the_current_one(
    qtbot: QtBot, area: NotesArea, library: Library
) -> None:
    open_vault(library, backend=_no_keychain(), passphrase=PASSPHRASE)
    area.try_unlock(PASSPHRASE)
    qtbot.waitUntil(lambda: area.lock_state == UNLOCKED, timeout=WAIT)
    qtbot.waitUntil(lambda: area.passphrase_action.text() == "Skift &adgangskode…", timeout=WAIT)
    before = _wraps(library)
    area.passphrase_action.trigger()
    dialog = _dialog(qtbot, area, PassphraseDialog)
    assert dialog.current.isVisible() and dialog.windowTitle() == "Skift adgangskode"
    _type(qtbot, dialog.new, "en ny og længere frase")
    _type(qtbot, dialog.repeat, "en ny og længere frase")
    _ok(qtbot, dialog)
    _error_is(qtbot, dialog, "Skriv din nuværende adgangskode.")
    _type(qtbot, dialog.current, "ikke den rigtige")
    _ok(qtbot, dialog)
    _error_is(qtbot, dialog, "Den nuværende adgangskode er forkert – prøv igen. Intet blev ændret.")
    assert dialog.focusWidget() is dialog.current and _wraps(library) == before
    dialog.offer_recovery.setChecked(False)
    _type(qtbot, dialog.current, PASSPHRASE)
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=WAIT)
    assert area.notice_label.text() == "Din adgangskode er skiftet."
    fail = _no_keychain()
    assert open_vault(library, backend=fail, passphrase="en ny og længere frase").unlocked_by == (
        "passphrase"
    )
    with pytest.raises(Exception, match="forkert"):
        open_vault(library, backend=fail, passphrase=PASSPHRASE)


def test_choosing_a_passphrase_for_a_keychain_vault_leads_on_to_a_recovery_key(
    qtbot: QtBot,
    area: NotesArea,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_keychain(monkeypatch, FileKeychain(tmp_path / "kr.json"), FILE_KEYCHAIN)
    _start(qtbot, area, UNLOCKED)  # first use with a keychain: created, nothing asked
    assert area.vault is not None and area.vault.unlocked_by == "keychain"
    qtbot.waitUntil(lambda: area.slots == {"keychain"}, timeout=WAIT)
    assert area.passphrase_action.text() == "Vælg &adgangskode…"
    area.passphrase_action.trigger()
    dialog = _dialog(qtbot, area, PassphraseDialog)
    assert not dialog.current.isVisible() and dialog.offer_recovery.isChecked()
    _type(qtbot, dialog.new, "Fire Ord Der Huskes")
    assert dialog.strength.text() == "Styrke: god"
    _type(qtbot, dialog.repeat, "Fire Ord Der Huskes")
    _ok(qtbot, dialog)
    recovery = _dialog(qtbot, area, RecoveryKeyDialog)  # offered straight after
    assert area.notice_label.text() == "Din adgangskode er valgt."
    assert vault_slots(library) == {"keychain", "passphrase"}
    recovery.written_down.setChecked(True)
    _ok(qtbot, recovery)
    qtbot.waitUntil(lambda: area.slots == {"keychain", "passphrase", "recovery"}, timeout=WAIT)


def test_rotating_the_key_from_the_window(
    qtbot: QtBot,
    area: NotesArea,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meeting, _ = library_with_agenda(library, tmp_path)
    kr = FileKeychain(tmp_path / "kr.json")
    vault = open_vault(library, backend=kr, passphrase=PASSPHRASE)
    note = NoteStore(library, vault).add(meeting, "overlever")
    use_keychain(monkeypatch, kr, FILE_KEYCHAIN)
    _start(qtbot, area, UNLOCKED)
    qtbot.waitUntil(lambda: "passphrase" in area.slots, timeout=WAIT)
    area.rotate_action.trigger()
    dialog = _dialog(qtbot, area, RotateDialog)
    assert dialog.passphrase.isVisible()
    before = _wraps(library)
    _type(qtbot, dialog.passphrase, "forkert")
    _ok(qtbot, dialog)
    _error_is(qtbot, dialog, "Forkert adgangskode – prøv igen. Intet blev ændret.")
    assert _wraps(library) == before
    _type(qtbot, dialog.passphrase, PASSPHRASE)
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=WAIT)
    assert area.notice_label.text() == "Krypteringsnøglen er skiftet (nøglering, adgangskode)."
    assert sorted(read_entries(tmp_path / "kr.json")["moedemappe"]) == [f"{vault.vault_id}.1"]
    for opened in (
        open_vault(library, backend=kr),
        open_vault(library, backend=_no_keychain(), passphrase=PASSPHRASE),
    ):
        assert NoteStore(library, opened).get(note.id).text == "overlever"


def test_the_actions_follow_the_lock_and_every_control_is_named(
    qtbot: QtBot, area: NotesArea, library: Library
) -> None:
    actions = area.vault_actions()
    assert [a.isEnabled() for a in actions] == [False] * 6  # opening
    open_vault(library, backend=_no_keychain(), passphrase=PASSPHRASE)
    _start(qtbot, area, LOCKED)
    state, unlock, passphrase, recovery, rotate, lock = actions
    assert state.text() == "Noter: låst" and not state.icon().isNull()
    assert unlock.isEnabled() and not any(
        a.isEnabled() for a in (passphrase, recovery, rotate, lock)
    )
    unlock.trigger()
    dialog = _dialog(qtbot, area, UnlockDialog)
    for widget in [area, dialog]:
        for child in widget.findChildren(QWidget):
            if child.objectName() in (
                "lockState",
                "vaultMenu",
                "unlockNotes",
                "retryKeychain",
                "unlockSecret",
                "vaultError",
                "vaultWorking",
            ):
                assert child.accessibleName(), child.objectName()
    qtbot.keyClicks(dialog.secret, PASSPHRASE)
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: area.lock_state == UNLOCKED, timeout=WAIT)
    assert not unlock.isEnabled() and all(
        a.isEnabled() for a in (passphrase, recovery, rotate, lock)
    )
    assert state.text() == "Noter: låst op med adgangskode"
    assert os.environ.get("MOEDEMAPPE_PASSPHRASE") is None


def test_in_english_the_dialogs_and_the_core_speak_english(
    qtbot: QtBot, area: NotesArea, library: Library
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.app import install_translations

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    open_vault(library, backend=_no_keychain(), passphrase=PASSPHRASE)
    translators = install_translations(app, "en")
    try:
        _start(qtbot, area, LOCKED)
        assert area.lock_label.text() == "Notes: locked"
        assert "no passphrase given" in area.message.toolTip()  # the core's own words
        area.unlock()
        dialog = _dialog(qtbot, area, UnlockDialog)
        assert (dialog.windowTitle(), dialog.cancel_button.text()) == ("Unlock notes", "Cancel")
        qtbot.keyClicks(dialog.secret, "abc")
        _ok(qtbot, dialog)
        _error_is(qtbot, dialog, "Wrong passphrase – try again")
        dialog.reject()
    finally:
        for t in translators:
            app.removeTranslator(t)
