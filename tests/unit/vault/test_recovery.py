"""Recovery keys and asking for the passphrase again before a change."""

from __future__ import annotations

import re
from pathlib import Path

import keyring.backends.fail
import pytest

from reader.errors import PassphraseMissing, VaultError, VaultLocked, WrongPassphrase
from reader.library import Library
from reader.notes.note_store import NoteStore
from reader.vault import (
    check_secret,
    new_recovery_key,
    open_vault,
    recovery_key_form,
    rotate,
    set_passphrase,
    set_recovery_key,
    vault_slots,
    vault_status,
)
from reader.vault.keys import RECOVERY_ALPHABET
from tests.support.notes_fixtures import PASSPHRASE, file_keyring, library_with_agenda

KEY_SHAPE = re.compile(rf"^[{RECOVERY_ALPHABET}]{{5}}(-[{RECOVERY_ALPHABET}]{{5}}){{7}}$")


@pytest.fixture(autouse=True)
def _no_env_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE", raising=False)


def _wraps(lib: Library) -> list[tuple[object, ...]]:
    return [tuple(r) for r in lib.conn.execute("SELECT * FROM vault_wraps ORDER BY slot")]


def test_recovery_keys_are_random_and_unambiguous() -> None:
    keys = {new_recovery_key() for _ in range(200)}
    assert len(keys) == 200
    assert all(KEY_SHAPE.match(k) for k in keys)
    assert not set("01ILO") & set("".join(keys))
    # every character of the alphabet turns up: nothing skews the choice
    assert set("".join(keys).replace("-", "")) == set(RECOVERY_ALPHABET)


def test_a_recovery_key_is_read_however_it_was_typed() -> None:
    key = new_recovery_key()
    assert recovery_key_form(key) == key
    assert recovery_key_form(key.lower().replace("-", " ")) == key
    assert recovery_key_form(" " + key.replace("-", "") + "\n") == key
    assert recovery_key_form(key[:-1]) is None  # a character short
    assert recovery_key_form(key[:-1] + "O") is None  # not in the alphabet
    assert recovery_key_form(PASSPHRASE) is None


def test_a_recovery_key_opens_a_vault_whose_keychain_and_passphrase_are_gone(
    library: Library, tmp_path: Path
) -> None:
    meeting, _ = library_with_agenda(library, tmp_path)
    kr = file_keyring(tmp_path / "kr.json")
    vault = open_vault(library, backend=kr, passphrase=PASSPHRASE)
    note = NoteStore(library, vault).add(meeting, "glemt adgangskode")
    notes_before = [tuple(r) for r in library.conn.execute("SELECT * FROM notes")]
    key = new_recovery_key()
    set_recovery_key(library, vault, key)
    assert vault_slots(library) == {"keychain", "passphrase", "recovery"}
    assert vault_status(library, backend=kr).recovery
    assert [tuple(r) for r in library.conn.execute("SELECT * FROM notes")] == notes_before
    fail = keyring.backends.fail.Keyring()
    for typed in (key, key.lower(), key.replace("-", " ")):
        opened = open_vault(library, backend=fail, passphrase=typed, create=False)
        assert opened.unlocked_by == "recovery"
        assert NoteStore(library, opened).get(note.id).text == "glemt adgangskode"
    assert open_vault(library, backend=fail, passphrase=PASSPHRASE).unlocked_by == "passphrase"
    # a member who forgot the passphrase sets a new one with the recovery key
    set_passphrase(library, opened, "ny og bedre frase", current=key)
    assert open_vault(library, backend=fail, passphrase="ny og bedre frase").unlocked_by == (
        "passphrase"
    )
    # a new recovery key replaces the old one
    newer = new_recovery_key()
    set_recovery_key(library, vault, newer)
    with pytest.raises(WrongPassphrase):
        open_vault(library, backend=fail, passphrase=key)
    assert open_vault(library, backend=fail, passphrase=newer).unlocked_by == "recovery"
    # rotating leaves the recovery key working
    rotate(library, vault, backend=kr, passphrase="ny og bedre frase")
    assert open_vault(library, backend=fail, passphrase=newer).unlocked_by == "recovery"


def test_a_keychain_only_vault_with_a_recovery_key(library: Library, tmp_path: Path) -> None:
    kr = file_keyring(tmp_path / "kr.json")
    vault = open_vault(library, backend=kr)
    assert vault_slots(library) == {"keychain"}
    key = new_recovery_key()
    set_recovery_key(library, vault, key)
    fail = keyring.backends.fail.Keyring()
    with pytest.raises(VaultLocked, match="ingen adgangskode givet"):
        open_vault(library, backend=fail)
    with pytest.raises(WrongPassphrase, match="forkert"):
        open_vault(library, backend=fail, passphrase="ikke en nøgle")
    assert open_vault(library, backend=fail, passphrase=key).unlocked_by == "recovery"


def test_setting_a_recovery_key_refuses_what_is_not_one(library: Library, tmp_path: Path) -> None:
    vault = open_vault(library, backend=file_keyring(tmp_path / "kr.json"))
    before = _wraps(library)
    with pytest.raises(VaultError, match="ikke en gendannelsesnøgle"):
        set_recovery_key(library, vault, PASSPHRASE)
    assert _wraps(library) == before


def test_no_vault_has_no_slots(library: Library) -> None:
    assert vault_slots(library) == frozenset()


def test_changing_the_passphrase_asks_for_the_current_one(library: Library, tmp_path: Path) -> None:
    fail = keyring.backends.fail.Keyring()
    vault = open_vault(library, backend=fail, passphrase=PASSPHRASE)
    before = _wraps(library)
    with pytest.raises(WrongPassphrase, match="forkert"):
        set_passphrase(library, vault, "en helt ny frase", current="ikke den rigtige")
    assert _wraps(library) == before
    assert check_secret(library, vault, PASSPHRASE) == "passphrase"
    set_passphrase(library, vault, "en helt ny frase", current=PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        check_secret(library, vault, PASSPHRASE)
    assert open_vault(library, backend=fail, passphrase="en helt ny frase").unlocked_by == (
        "passphrase"
    )


def test_checking_a_secret_without_one_set_says_so(library: Library, tmp_path: Path) -> None:
    vault = open_vault(library, backend=file_keyring(tmp_path / "kr.json"))
    with pytest.raises(PassphraseMissing, match="ikke valgt nogen adgangskode"):
        check_secret(library, vault, PASSPHRASE)


def test_a_vault_made_before_recovery_keys_takes_one(tmp_path: Path) -> None:
    """A library from before the recovery slot: its wraps are carried over by the migration
    that widens the slots, and still open the vault."""
    import sqlite3

    from reader.library.db import MIGRATIONS, _statements
    from reader.paths import DataPaths

    fail = keyring.backends.fail.Keyring()
    with Library(DataPaths(tmp_path / "new")) as lib:
        vault = open_vault(lib, backend=fail, passphrase=PASSPHRASE)
        rows = [tuple(r) for r in lib.conn.execute("SELECT * FROM vault_wraps")]
        vault_row = tuple(lib.conn.execute("SELECT * FROM vault").fetchone())
    paths = DataPaths(tmp_path / "old")
    paths.ensure()
    conn = sqlite3.connect(paths.database)
    for script in MIGRATIONS[:5]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 5")
    conn.execute("INSERT INTO vault VALUES (?, ?, ?)", vault_row)
    conn.executemany("INSERT INTO vault_wraps VALUES (?, ?, ?, ?, ?)", rows)
    with pytest.raises(sqlite3.IntegrityError):  # what the old schema allowed
        conn.execute("INSERT INTO vault_wraps VALUES ('recovery', '{}', x'00', x'00', 'x')")
    conn.commit()
    conn.close()
    with Library(paths) as old:
        assert [tuple(r) for r in old.conn.execute("SELECT * FROM vault_wraps")] == rows
        opened = open_vault(old, backend=fail, passphrase=PASSPHRASE, create=False)
        assert opened.vault_id == vault.vault_id
        key = new_recovery_key()
        set_recovery_key(old, opened, key)
        assert open_vault(old, backend=fail, passphrase=key).unlocked_by == "recovery"
