"""The vault's keys: one random data key, wrapped by a keychain key and/or a passphrase.

Notes and annotations are sealed with the data key, which never touches the disk in the
clear. The disk holds it only wrapped (AES-GCM) by:

- a random key kept in the OS keychain (service ``moedemappe``, user = the vault's id,
  stored in the library, so two data dirs never share an entry), and/or
- a key derived from a recovery passphrase (scrypt), and/or
- a key derived the same way from a recovery key: a random passphrase the app makes and the
  member keeps on paper or in a file (``recovery``), in a slot of its own so that it still
  opens the notes when the passphrase is forgotten.

Changing the passphrase, making a new recovery key or rotating the keychain key re-wraps the
data key; the notes themselves are not touched. A passphrase or recovery key change is one
row written in one transaction, so a kill leaves the old wrap or the new one. A keychain
key is used only after it was written *and read back*: keyring's null backend accepts
secrets and forgets them, and a vault sealed with a key nobody can read back would be lost.

Key changes are a small write-ahead protocol, so that a process killed at any point leaves
a vault that opens and exactly one keychain entry:

1. Keychain entries are numbered: generation 0 is ``<vault id>``, generation g is
   ``<vault id>.<g>``, and the library's keychain wrap records the current generation.
   A change only ever goes from g to g + 1.
2. With the library's write lock held (no other key change can run), the new entry is
   written and read back, then the new wraps are committed in one SQLite transaction:
   that commit is the moment the change happens.
3. Only after the commit is the entry of generation g deleted.

A kill before the commit leaves entry g + 1 that nothing points at; a kill after it leaves
entry g - 1 (relative to the new current generation). Opening the vault deletes both,
again under the write lock, so that it never races a change in progress. First setup
commits the vault's id before any key is made, so an interrupted setup is resumed under
the same id instead of leaving an entry for an id nobody knows.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

from keyring.backend import KeyringBackend

from reader.errors import (
    KeychainLocked,
    KeyDamaged,
    KeyMissing,
    NoVault,
    PassphraseMissing,
    PassphraseTooShort,
    TamperedError,
    VaultDamaged,
    VaultError,
    VaultLocked,
    WrongPassphrase,
)
from reader.i18n import say
from reader.library.store import Library, now
from reader.vault import crypto
from reader.vault.keychain import (
    SERVICE,
    backend_name,
    entry_name,
    keychain_backend,
    keychain_forget,
    keychain_get,
    keychain_has,
    keychain_put,
)
from reader.vault.sealing import Vault
from reader.vault.wraps import (
    VaultState,
    keychain_slot,
    new_passphrase_key,
    passphrase_key,
    read_wraps,
    same_wraps,
    stale_entries,
    stored_vault_id,
    unwrap,
    vault_state,
    write_wrap,
)

log = logging.getLogger(__name__)

ENV_PASSPHRASE = "MOEDEMAPPE_PASSPHRASE"
MIN_PASSPHRASE = 8

# A recovery key: 8 groups of 5 from 31 characters that cannot be misread for one another
# (no 0/O, 1/I/L), about 198 bits, e.g. ``K7QXM-4HP2T-...``.
RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECOVERY_GROUPS = 8
RECOVERY_GROUP_LEN = 5


@dataclass(frozen=True)
class VaultStatus:
    exists: bool
    vault_id: str | None
    keychain: str  # ok | missing | locked | unavailable | wrong | damaged | none (no slot)
    passphrase: bool  # a recovery passphrase is set
    backend: str
    notes: int
    annotations: int
    recovery: bool = False  # a recovery key is set

    def to_json(self) -> dict[str, object]:
        return {
            "exists": self.exists,
            "vault_id": self.vault_id,
            "keychain": self.keychain,
            "passphrase": self.passphrase,
            "recovery": self.recovery,
            "backend": self.backend,
            "notes": self.notes,
            "annotations": self.annotations,
        }


def vault_exists(lib: Library) -> bool:
    """Whether the library has a vault (an interrupted first setup does not count)."""
    state = vault_state(lib.conn)
    return state.vault_id is not None and not state.unfinished


def vault_slots(lib: Library) -> frozenset[str]:
    """What can open the vault: ``keychain``, ``passphrase``, ``recovery``; reads only the
    library, never the keychain (so it cannot block or prompt)."""
    state = vault_state(lib.conn)
    if state.vault_id is None or state.unfinished:
        return frozenset()
    return frozenset(state.wraps)


def new_recovery_key() -> str:
    """A fresh random recovery key, grouped for reading aloud and typing."""
    chars = "".join(
        secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN)
    )
    return _grouped(chars)


def _grouped(chars: str) -> str:
    n = RECOVERY_GROUP_LEN
    return "-".join(chars[i : i + n] for i in range(0, len(chars), n))


def recovery_key_form(text: str) -> str | None:
    """``text`` as a recovery key in its one written form, or None if it is not one.

    Case, spaces and dashes do not matter, so a key typed from paper is taken as it was
    printed.
    """
    chars = "".join(c for c in text.upper() if not c.isspace() and c != "-")
    if len(chars) != RECOVERY_GROUPS * RECOVERY_GROUP_LEN:
        return None
    if any(c not in RECOVERY_ALPHABET for c in chars):
        return None
    return _grouped(chars)


def _env_passphrase(passphrase: str | None) -> str | None:
    if passphrase is None:
        passphrase = os.environ.get(ENV_PASSPHRASE)
    return passphrase or None


# -- opening -----------------------------------------------------------------------------


def open_vault(
    lib: Library,
    *,
    backend: KeyringBackend | None = None,
    passphrase: str | None = None,
    create: bool = True,
) -> Vault:
    """Unlock the library's vault (keychain first, then the passphrase), creating it if new.

    ``passphrase`` defaults to ``$MOEDEMAPPE_PASSPHRASE``. Never overwrites an existing wrap:
    a missing keychain entry or a wrong passphrase is an error, not a reason for a new key.
    Keychain entries a killed key change left behind are deleted.
    """
    passphrase = _env_passphrase(passphrase)
    kr = keychain_backend(backend)
    for _ in range(3):
        state = vault_state(lib.conn)
        if state.vault_id is None or state.unfinished:
            if not create:
                if state.vault_id is not None:
                    _tidy_keychain(lib, kr, state.vault_id)
                raise NoVault(
                    say(
                        "der er endnu ingen krypterede noter i dette bibliotek",
                        "there is no notes vault in this library yet",
                    )
                )
            return _create(lib, kr, passphrase)
        try:
            vault = _unlock(state, kr, passphrase)
        except VaultError:
            if same_wraps(read_wraps(lib.conn), state.wraps):
                raise
            continue  # another process changed the keys meanwhile: read them again
        _tidy_keychain(lib, kr, vault.vault_id)
        return vault
    raise VaultError(
        say(
            "kan ikke åbne dine noter: nøglerne blev ved med at ændre sig, mens de blev åbnet",
            "cannot open the notes vault: its keys kept changing while it was opened",
        )
    )


def _unlock(state: VaultState, kr: KeyringBackend, passphrase: str | None) -> Vault:
    vault_id, wraps = state.vault_id, state.wraps
    assert vault_id is not None
    problems: list[VaultError] = []
    if "keychain" in wraps:
        row = wraps["keychain"]
        try:
            username, _ = keychain_slot(vault_id, row)
            data_key = unwrap(vault_id, row, keychain_get(kr, username))
        except TamperedError:
            problems.append(
                KeyDamaged(
                    say(
                        "nøglen i nøgleringen hører ikke til dette bibliotek",
                        "the key in the keychain does not belong to this library",
                    )
                )
            )
        except VaultError as exc:
            problems.append(exc)
        else:
            return Vault(vault_id, data_key, "keychain")
    if "passphrase" in wraps or "recovery" in wraps:
        if passphrase:
            return _unlock_with_secret(vault_id, wraps, passphrase)
        problems.append(
            PassphraseMissing(
                say(
                    f"ingen adgangskode givet (angiv adgangskoden til dine noter i "
                    f"{ENV_PASSPHRASE})",
                    f"no passphrase given (give the vault's passphrase in {ENV_PASSPHRASE})",
                )
            )
        )
    elif not wraps:
        problems.append(
            VaultDamaged(
                say(
                    "bibliotekets krypterede noter har slet ingen nøgle",
                    "the library's vault has no key at all",
                )
            )
        )
    else:
        problems.append(
            PassphraseMissing(
                say("der er ikke valgt nogen adgangskode", "no recovery passphrase is set")
            )
        )
    raise VaultLocked(
        say("kan ikke åbne dine noter: ", "cannot open the notes vault: ")
        + "; ".join(str(p) for p in problems),
        problems,
    )


def _secret_slots(wraps: dict[str, sqlite3.Row], secret: str) -> list[tuple[str, str]]:
    """The slots ``secret`` may open and the form to try each with: a recovery key's slot
    only if it has a recovery key's shape (and then first), so a wrong passphrase costs
    one derivation."""
    tries: list[tuple[str, str]] = []
    key = recovery_key_form(secret)
    if key is not None and "recovery" in wraps:
        tries.append(("recovery", key))
    if "passphrase" in wraps:
        tries.append(("passphrase", secret))
    return tries


def _unlock_with_secret(vault_id: str, wraps: dict[str, sqlite3.Row], secret: str) -> Vault:
    for slot, form in _secret_slots(wraps, secret):
        row = wraps[slot]
        try:
            return Vault(vault_id, unwrap(vault_id, row, passphrase_key(row, form)), slot)
        except TamperedError:
            continue
    raise _wrong_passphrase()


def _wrong_passphrase() -> WrongPassphrase:
    return WrongPassphrase(
        say(
            "adgangskoden til dine noter er forkert (intet blev ændret)",
            "wrong passphrase for the notes vault (nothing was changed)",
        )
    )


def _too_short() -> PassphraseTooShort:
    return PassphraseTooShort(
        say(
            f"adgangskoden skal have mindst {MIN_PASSPHRASE} tegn",
            f"the passphrase must have at least {MIN_PASSPHRASE} characters",
        )
    )


def _tidy_keychain(lib: Library, kr: KeyringBackend, vault_id: str) -> None:
    """Delete the vault's keychain entries the library does not point at.

    Looking costs a keychain read or two; deleting happens under the library's write lock,
    with the entries worked out again there, so a key change in progress is never undone.
    """
    try:
        if not any(keychain_has(kr, n) for n in stale_entries(vault_id, read_wraps(lib.conn))):
            return
        with lib.transaction() as conn:
            stale = stale_entries(vault_id, read_wraps(conn))
            for name in stale:
                keychain_forget(kr, name)
    except VaultError:  # a damaged record: leave the keychain alone
        return
    log.info("removed keychain entries of the notes vault that a key change left behind")


def _create(lib: Library, kr: KeyringBackend, passphrase: str | None) -> Vault:
    """First setup: the vault's id is committed before any key exists anywhere."""
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(
            say("kan ikke kryptere dine noter: ", "cannot create the notes vault: ")
            + str(_too_short())
        )
    new_pass = new_passphrase_key(passphrase) if passphrase else None
    with lib.transaction() as conn:
        vault_id = stored_vault_id(conn)
        if vault_id is None:
            vault_id = uuid.uuid4().hex
            conn.execute(
                "INSERT INTO vault (id, vault_id, created) VALUES (1, ?, ?)", (vault_id, now())
            )
    data_key = crypto.new_key()
    wrap_key = crypto.new_key()
    keychain_problem: VaultError | None = None
    with lib.transaction() as conn:
        raced = not vault_state(conn).unfinished  # another process set it up meanwhile
        if not raced:
            try:
                keychain_put(kr, entry_name(vault_id, 0), wrap_key)
            except VaultError as exc:
                keychain_problem = exc
            if keychain_problem is not None and new_pass is None:
                raise type(keychain_problem)(
                    say(
                        f"kan ikke kryptere dine noter: {keychain_problem}; "
                        f"vil du bruge en adgangskode i stedet, så angiv {ENV_PASSPHRASE}",
                        f"cannot create the notes vault: {keychain_problem}; "
                        f"to use a passphrase instead, set {ENV_PASSPHRASE}",
                    )
                ) from keychain_problem
            if keychain_problem is None:
                params = {"service": SERVICE, "username": entry_name(vault_id, 0), "generation": 0}
                write_wrap(conn, vault_id, "keychain", wrap_key, data_key, params)
            if new_pass is not None:
                write_wrap(conn, vault_id, "passphrase", new_pass[1], data_key, new_pass[0])
    if raced:
        return open_vault(lib, backend=kr, passphrase=passphrase, create=False)
    how = "keychain" if keychain_problem is None else "passphrase"
    log.info("created the notes vault (%s)", how)
    return Vault(vault_id, data_key, how)


# -- changing the wraps --------------------------------------------------------------------


def _check_vault(conn: sqlite3.Connection, vault: Vault) -> None:
    if stored_vault_id(conn) != vault.vault_id:
        raise VaultError(
            say(
                "de åbne noter hører ikke til dette bibliotek; intet blev ændret",
                "the open vault does not belong to this library; nothing was changed",
            )
        )


def check_secret(lib: Library, vault: Vault, secret: str) -> str:
    """Which slot ``secret`` opens (``passphrase`` or ``recovery``); WrongPassphrase if none.

    For asking again before a change: the vault is open, but the member at the keyboard
    must still know a way in.
    """
    with lib.transaction() as conn:  # read the wraps as one snapshot
        _check_vault(conn, vault)
        wraps = read_wraps(conn)
    if not ("passphrase" in wraps or "recovery" in wraps):
        raise PassphraseMissing(
            say("der er ikke valgt nogen adgangskode", "no recovery passphrase is set")
        )
    opened = _unlock_with_secret(vault.vault_id, wraps, secret)
    return opened.unlocked_by


def set_passphrase(
    lib: Library, vault: Vault, new_passphrase: str, *, current: str | None = None
) -> None:
    """Set or change the recovery passphrase: a new salt and a new wrap of the same data key,
    committed in one transaction (the keychain is not touched).

    With ``current``, it must open the vault (the passphrase, or the recovery key for a
    member who forgot it), and the change is refused if the passphrase changed meanwhile.
    """
    if len(new_passphrase) < MIN_PASSPHRASE:
        raise _too_short()
    before = read_wraps(lib.conn).get("passphrase")
    if current is not None:
        check_secret(lib, vault, current)
    params, key = new_passphrase_key(new_passphrase)
    with lib.transaction() as conn:
        _check_vault(conn, vault)
        now_pass = read_wraps(conn).get("passphrase")
        if current is not None and _row(now_pass) != _row(before):
            raise _changed_meanwhile()
        write_wrap(conn, vault.vault_id, "passphrase", key, vault._key, params)
    log.info("the vault's passphrase was set")


def set_recovery_key(lib: Library, vault: Vault, recovery_key: str) -> None:
    """Make ``recovery_key`` (from ``new_recovery_key``) open the vault, in place of any
    earlier one: one row, one transaction, so a kill leaves the old key or the new one."""
    key_form = recovery_key_form(recovery_key)
    if key_form is None:
        raise VaultError(
            say(
                "det er ikke en gendannelsesnøgle fra Mødemappe; intet blev ændret",
                "that is not a recovery key made by Mødemappe; nothing was changed",
            )
        )
    params, key = new_passphrase_key(key_form)
    with lib.transaction() as conn:
        _check_vault(conn, vault)
        write_wrap(conn, vault.vault_id, "recovery", key, vault._key, params)
    log.info("a new recovery key for the vault was set")


def _row(row: sqlite3.Row | None) -> tuple[object, ...] | None:
    return None if row is None else tuple(row)


def _changed_meanwhile() -> VaultError:
    return VaultError(
        say(
            "adgangskoden blev ændret imens; intet blev ændret",
            "the passphrase was changed meanwhile; nothing was changed",
        )
    )


def rotate(
    lib: Library,
    vault: Vault,
    *,
    backend: KeyringBackend | None = None,
    passphrase: str | None = None,
) -> list[str]:
    """New wrapping keys for the data key: the next keychain entry, and a new passphrase salt.

    See the module's docstring for why a kill at any point leaves one keychain entry and a
    vault that opens. The passphrase given must be the current one. A recovery key's wrap
    stays as it is: the key itself is not kept anywhere to derive a new one from (a new
    recovery key replaces it). Returns the slots that were re-wrapped.
    """
    kr = keychain_backend(backend)
    passphrase = _env_passphrase(passphrase)
    before = read_wraps(lib.conn).get("passphrase")
    new_pass: tuple[dict[str, Any], bytes] | None = None
    if before is not None and passphrase:
        try:
            unwrap(vault.vault_id, before, passphrase_key(before, passphrase))
        except TamperedError as exc:
            raise _wrong_passphrase() from exc
        new_pass = new_passphrase_key(passphrase)
    wrap_key = crypto.new_key()
    retired: str | None = None
    done: list[str] = []
    with lib.transaction() as conn:
        _check_vault(conn, vault)
        wraps = read_wraps(conn)
        now_pass = wraps.get("passphrase")
        if new_pass is not None and (now_pass is None or tuple(now_pass) != tuple(before or ())):
            raise _changed_meanwhile()
        row = wraps.get("keychain")
        current, generation = keychain_slot(vault.vault_id, row) if row else (None, -1)
        for name in stale_entries(vault.vault_id, wraps):
            keychain_forget(kr, name)
        new_entry = entry_name(vault.vault_id, generation + 1)
        try:
            keychain_put(kr, new_entry, wrap_key)
        except VaultError as exc:
            if new_pass is None:
                raise type(exc)(
                    say(
                        f"kan ikke skifte nøglen til dine noter: {exc}",
                        f"cannot rotate the vault's key: {exc}",
                    )
                ) from exc
        else:
            params = {"service": SERVICE, "username": new_entry, "generation": generation + 1}
            write_wrap(conn, vault.vault_id, "keychain", wrap_key, vault._key, params)
            done.append("keychain")
            retired = current
        if new_pass is not None:
            write_wrap(conn, vault.vault_id, "passphrase", new_pass[1], vault._key, new_pass[0])
            done.append("passphrase")
    if retired is not None:  # committed: the old entry is no longer needed
        keychain_forget(kr, retired)
    log.info("the vault's wrapping keys were rotated: %s", ", ".join(done))
    return done


def vault_status(lib: Library, *, backend: KeyringBackend | None = None) -> VaultStatus:
    """What protects the vault and whether the keychain still holds its key; reads only."""
    kr = keychain_backend(backend)
    state = vault_state(lib.conn)
    exists = state.vault_id is not None and not state.unfinished
    keychain = "none"
    if state.vault_id is not None and "keychain" in state.wraps:
        row = state.wraps["keychain"]
        try:
            username, _ = keychain_slot(state.vault_id, row)
            unwrap(state.vault_id, row, keychain_get(kr, username))
            keychain = "ok"
        except TamperedError:
            keychain = "wrong"
        except KeychainLocked:
            keychain = "locked"
        except KeyMissing:
            keychain = "missing"
        except (KeyDamaged, VaultDamaged):
            keychain = "damaged"
        except VaultError:
            keychain = "unavailable"

    def count(table: str) -> int:
        return int(lib.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    return VaultStatus(
        exists=exists,
        vault_id=state.vault_id if exists else None,
        keychain=keychain,
        passphrase="passphrase" in state.wraps,
        backend=backend_name(kr),
        notes=count("notes"),
        annotations=count("annotations"),
        recovery="recovery" in state.wraps,
    )
