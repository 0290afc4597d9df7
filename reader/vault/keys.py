"""The vault's keys: one random data key, wrapped by a keychain key and/or a passphrase.

Notes and annotations are sealed with the data key, which never touches the disk in the
clear. The disk holds it only wrapped (AES-GCM) by:

- a random key kept in the OS keychain (service ``moedemappe``, user = the vault's id,
  stored in the library, so two data dirs never share an entry), and/or
- a key derived from a recovery passphrase (scrypt).

Changing the passphrase or rotating the keychain key re-wraps the data key; the notes
themselves are not touched. A keychain key is used only after it was written *and read
back*: keyring's null backend accepts secrets and forgets them, and a vault sealed with a
key nobody can read back would be lost.

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

import base64
import binascii
import contextlib
import json
import logging
import os
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyring.backends.null import Keyring as NullKeyring
from keyring.compat import properties

from reader.errors import (
    KeychainLocked,
    KeychainMissing,
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

log = logging.getLogger(__name__)

SERVICE = "moedemappe"
ENV_PASSPHRASE = "MOEDEMAPPE_PASSPHRASE"
# Names the one plain-file backend the test suite uses in place of an OS keychain.
ENV_TEST_KEYCHAIN = "MOEDEMAPPE_TEST_KEYCHAIN"
MIN_PASSPHRASE = 8


class Vault:
    """An unlocked vault: seals and opens records with the data key."""

    def __init__(self, vault_id: str, data_key: bytes, unlocked_by: str) -> None:
        self.vault_id = vault_id
        self._key = data_key
        self.unlocked_by = unlocked_by  # "keychain" or "passphrase"

    def __repr__(self) -> str:  # never show the key, not even in a traceback
        return f"Vault({self.vault_id!r}, unlocked by {self.unlocked_by})"

    @staticmethod
    def _aad(kind: str, record_id: str) -> bytes:
        return f"moedemappe:{kind}:{record_id}".encode()

    def seal(self, kind: str, record_id: str, data: dict[str, Any]) -> tuple[bytes, bytes]:
        """JSON-encode and encrypt ``data`` bound to (kind, record id); returns (nonce, ct)."""
        plain = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return crypto.seal(self._key, plain, self._aad(kind, record_id))

    def unseal(self, kind: str, record_id: str, nonce: bytes, ciphertext: bytes) -> dict[str, Any]:
        """The record's data; TamperedError naming the record if it does not decrypt."""
        try:
            plain = crypto.unseal(self._key, nonce, ciphertext, self._aad(kind, record_id))
            data = json.loads(plain.decode("utf-8"))
        except (TamperedError, TypeError, ValueError) as exc:
            raise TamperedError(
                say(
                    f"{_record_da(kind)} {record_id} kan ikke dekrypteres: de gemte data er "
                    "ændret eller hører til en anden post",
                    f"the {kind} {record_id} cannot be decrypted: its stored data was changed "
                    "or belongs to another record",
                )
            ) from exc
        if not isinstance(data, dict):
            raise TamperedError(
                say(
                    f"{_record_da(kind)} {record_id} indeholder uventede data",
                    f"the {kind} {record_id} holds unexpected data",
                )
            )
        return data


def _record_da(kind: str) -> str:
    """A sealed record's kind in Danish, with the article: "noten", "markeringen"."""
    return {
        "note": "noten",
        "annotation": "markeringen",
        "anchor": "placeringen af markeringen",
    }.get(kind, kind)


@dataclass(frozen=True)
class VaultStatus:
    exists: bool
    vault_id: str | None
    keychain: str  # ok | missing | locked | unavailable | wrong | damaged | none (no slot)
    passphrase: bool  # a recovery passphrase is set
    backend: str
    notes: int
    annotations: int

    def to_json(self) -> dict[str, object]:
        return {
            "exists": self.exists,
            "vault_id": self.vault_id,
            "keychain": self.keychain,
            "passphrase": self.passphrase,
            "backend": self.backend,
            "notes": self.notes,
            "annotations": self.annotations,
        }


# -- which keychain ------------------------------------------------------------------------


def keychain_refusal(backend: KeyringBackend) -> str | None:
    """Why ``backend`` must not hold a secret of ours, or None if it is a keychain.

    keyring falls back on, and can be configured with, backends that keep nothing (null) or
    keep secrets in a plain file (keyrings.alt): a key there is as good as on disk in the
    clear. A plain-file backend passes only when ``MOEDEMAPPE_TEST_KEYCHAIN`` names its
    class exactly: the test suite's stand-in for an OS keychain, which no user sets.
    """
    first = (getattr(backend, "backends", None) or [backend])[0]  # a chainer writes to its first
    name = _class_name(first)
    if os.environ.get(ENV_TEST_KEYCHAIN) == name:
        return None
    if isinstance(first, NullKeyring):
        return say(f"{name} gemmer ingen hemmeligheder", f"{name} keeps no secrets")
    plain_file = getattr(first, "plain_file", False) is True
    if plain_file or any(c.__module__.startswith("keyrings.alt") for c in type(first).__mro__):
        return say(
            f"{name} gemmer hemmeligheder i en almindelig fil",
            f"{name} keeps secrets in a plain file",
        )
    return None


class _Refused(KeyringBackend):
    """Stands in for a backend the vault will not use; every call says why."""

    def __init__(self, backend: KeyringBackend, reason: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.refused = backend
        self.reason = reason

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("only stands in for a refused backend; keyring never chooses it")

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError(self.reason)

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError(self.reason)

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.NoKeyringError(self.reason)


def _backend(backend: KeyringBackend | None) -> KeyringBackend:
    """The keychain to use: the one given, else keyring's choice if it is a real keychain."""
    if backend is not None:
        return backend
    chosen = keyring.get_keyring()
    reason = keychain_refusal(chosen)
    return chosen if reason is None else _Refused(chosen, reason)


def _class_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _backend_name(backend: KeyringBackend) -> str:
    if isinstance(backend, _Refused):
        used = say("bruges ikke", "not used")
        return f"{_class_name(backend.refused)} ({used}: {backend.reason})"
    return _class_name(backend)


# -- keychain entries ----------------------------------------------------------------------


def _entry(vault_id: str, generation: int) -> str:
    """The keychain user name of a vault's wrapping key of one generation."""
    return vault_id if generation == 0 else f"{vault_id}.{generation}"


def _keychain_get(backend: KeyringBackend, username: str) -> bytes:
    """The wrapping key stored for ``username``; a VaultError of the kind that says why not."""
    try:
        secret = backend.get_password(SERVICE, username)
    except keyring.errors.KeyringLocked as exc:
        raise _locked() from exc
    except Exception as exc:  # NoKeyringError, D-Bus errors, ...: no usable keychain
        raise _no_keychain(exc) from exc
    if secret is None:
        raise KeyMissing(
            say(
                "nøglen til dine noter mangler i nøgleringen",
                "the vault's key is missing from the keychain",
            )
        )
    try:
        key = base64.b64decode(secret, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _key_damaged() from exc
    if len(key) != crypto.KEY_BYTES:
        raise _key_damaged()
    return key


def _locked() -> KeychainLocked:
    return KeychainLocked(say("nøgleringen er låst", "the keychain is locked"))


def _no_keychain(exc: Exception) -> KeychainMissing:
    return KeychainMissing(
        say(f"der er ingen nøglering at bruge ({exc})", f"no keychain is available ({exc})")
    )


def _key_damaged() -> KeyDamaged:
    return KeyDamaged(
        say(
            "nøglen til dine noter i nøgleringen er beskadiget",
            "the vault's key in the keychain is damaged",
        )
    )


def _keychain_put(backend: KeyringBackend, username: str, key: bytes) -> None:
    """Store a wrapping key and read it back; refuse a keychain that does not keep it."""
    put_secret(backend, SERVICE, username, base64.b64encode(key).decode("ascii"))


def safe_keychain() -> KeyringBackend:
    """The keychain other secrets (sync credentials) use: the vault's choice, by its rules."""
    return _backend(None)


def no_keychain(backend: KeyringBackend) -> bool:
    """Whether ``backend`` (from ``safe_keychain``) stands for no usable keychain at all."""
    return isinstance(backend, (_Refused, FailKeyring))


def put_secret(backend: KeyringBackend, service: str, username: str, secret: str) -> None:
    """Store a secret and read it back; KeychainLocked, or KeychainMissing if it is not kept."""
    try:
        backend.set_password(service, username, secret)
        back = backend.get_password(service, username)
    except keyring.errors.KeyringLocked as exc:
        raise _locked() from exc
    except Exception as exc:
        _keychain_forget(backend, username, service)
        raise _no_keychain(exc) from exc
    if back != secret:
        _keychain_forget(backend, username, service)
        name = _backend_name(backend)
        raise KeychainMissing(
            say(
                f"nøgleringen ({name}) gemmer ikke hemmeligheder",
                f"the keychain ({name}) does not keep secrets",
            )
        )


def _keychain_has(backend: KeyringBackend, username: str) -> bool:
    try:
        return backend.get_password(SERVICE, username) is not None
    except Exception:  # no keychain: nothing of ours in it to tidy
        return False


def _keychain_forget(backend: KeyringBackend, username: str, service: str = SERVICE) -> None:
    with contextlib.suppress(Exception):  # already gone, or no keychain at all
        backend.delete_password(service, username)


# -- the library's records -----------------------------------------------------------------


def _damaged(slot: str, what: str) -> VaultDamaged:
    slot_da = {"keychain": "nøglen i nøgleringen", "passphrase": "adgangskoden"}.get(slot, slot)
    return VaultDamaged(
        say(
            f"bibliotekets oplysninger om {slot_da} til dine noter er beskadiget ({what}); "
            "intet blev ændret",
            f"the notes vault's {slot} record in the library is damaged ({what}); "
            "nothing was changed",
        )
    )


def _params(row: sqlite3.Row) -> dict[str, Any]:
    try:
        params = json.loads(row["params"])
    except (TypeError, ValueError):
        params = None
    if not isinstance(params, dict):
        raise _damaged(
            str(row["slot"]),
            say("dens indstillinger kan ikke læses", "its settings are not readable"),
        )
    return params


def _keychain_slot(vault_id: str, row: sqlite3.Row) -> tuple[str, int]:
    """The keychain entry the library points at, and its generation."""
    params = _params(row)
    username = params.get("username")
    if not isinstance(username, str) or not (
        username == vault_id or username.startswith(f"{vault_id}.")
    ):
        raise _damaged(
            "keychain",
            say(
                "den peger ikke på nogen nøgle i nøgleringen til dine noter",
                "it names no keychain entry of this vault",
            ),
        )
    generation = params.get("generation")
    if generation is None:  # written before entries were numbered
        suffix = username[len(vault_id) + 1 :]
        generation = int(suffix) if suffix.isdigit() else 0
    if type(generation) is not int or generation < 0:
        raise _damaged(
            "keychain", say("dens generation er ikke et tal", "its generation is not a number")
        )
    return username, generation


def _stale_entries(vault_id: str, wraps: dict[str, sqlite3.Row]) -> list[str]:
    """The keychain entries a killed key change may have left that the library does not use."""
    row = wraps.get("keychain")
    if row is None:
        return [_entry(vault_id, 0)]  # what an interrupted first setup or rotation wrote
    current, generation = _keychain_slot(vault_id, row)
    names = [_entry(vault_id, g) for g in (generation - 1, generation + 1) if g >= 0]
    return [n for n in names if n != current]


def _wrap_aad(vault_id: str, slot: str) -> bytes:
    return f"moedemappe-vault:{vault_id}:{slot}".encode()


def _write_wrap(
    conn: sqlite3.Connection,
    vault_id: str,
    slot: str,
    wrap_key: bytes,
    data_key: bytes,
    params: dict[str, Any],
) -> None:
    nonce, wrapped = crypto.seal(wrap_key, data_key, _wrap_aad(vault_id, slot))
    conn.execute(
        """INSERT INTO vault_wraps (slot, params, nonce, wrapped, updated) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (slot) DO UPDATE SET params = excluded.params, nonce = excluded.nonce,
               wrapped = excluded.wrapped, updated = excluded.updated""",
        (slot, json.dumps(params), nonce, wrapped, now()),
    )


def _unwrap(vault_id: str, row: sqlite3.Row, wrap_key: bytes) -> bytes:
    nonce, wrapped = row["nonce"], row["wrapped"]
    if not isinstance(nonce, bytes) or len(nonce) != crypto.NONCE_BYTES:
        raise _damaged(str(row["slot"]), say("dens nonce er forkert", "its nonce is malformed"))
    if not isinstance(wrapped, bytes):
        raise _damaged(
            str(row["slot"]),
            say("dens indpakkede nøgle er forkert", "its wrapped key is malformed"),
        )
    key = crypto.unseal(wrap_key, nonce, wrapped, _wrap_aad(vault_id, row["slot"]))
    if len(key) != crypto.KEY_BYTES:
        raise TamperedError(
            say(
                "den indpakkede nøgle til dine noter har forkert længde",
                "the vault's wrapped key has the wrong length",
            )
        )
    return key


def _passphrase_key(row: sqlite3.Row, passphrase: str) -> bytes:
    try:
        return crypto.derive_key(passphrase, _params(row))
    except ValueError as exc:
        raise _damaged("passphrase", str(exc)) from exc


def _new_passphrase_key(passphrase: str) -> tuple[dict[str, Any], bytes]:
    """A fresh salt and the key it gives: scrypt runs before any lock is taken."""
    params = crypto.new_kdf_params()
    return params, crypto.derive_key(passphrase, params)


def _wraps(conn: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    return {r["slot"]: r for r in conn.execute("SELECT * FROM vault_wraps")}


def _same_wraps(a: dict[str, sqlite3.Row], b: dict[str, sqlite3.Row]) -> bool:
    return {k: tuple(v) for k, v in a.items()} == {k: tuple(v) for k, v in b.items()}


def _vault_id(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT vault_id FROM vault WHERE id = 1").fetchone()
    return str(row["vault_id"]) if row else None


@dataclass(frozen=True)
class _State:
    vault_id: str | None
    wraps: dict[str, sqlite3.Row]
    sealed: bool  # notes or annotations exist (only looked up when there are no wraps)

    @property
    def unfinished(self) -> bool:
        """An id and nothing else: a first setup that did not reach its commit."""
        return self.vault_id is not None and not self.wraps and not self.sealed


def _state(conn: sqlite3.Connection) -> _State:
    vault_id = _vault_id(conn)
    wraps = _wraps(conn) if vault_id is not None else {}
    sealed = bool(
        vault_id is not None
        and not wraps
        and conn.execute(
            "SELECT EXISTS (SELECT 1 FROM notes) OR EXISTS (SELECT 1 FROM annotations)"
        ).fetchone()[0]
    )
    return _State(vault_id, wraps, sealed)


def vault_exists(lib: Library) -> bool:
    """Whether the library has a vault (an interrupted first setup does not count)."""
    state = _state(lib.conn)
    return state.vault_id is not None and not state.unfinished


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
    kr = _backend(backend)
    for _ in range(3):
        state = _state(lib.conn)
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
            if _same_wraps(_wraps(lib.conn), state.wraps):
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


def _unlock(state: _State, kr: KeyringBackend, passphrase: str | None) -> Vault:
    vault_id, wraps = state.vault_id, state.wraps
    assert vault_id is not None
    problems: list[VaultError] = []
    if "keychain" in wraps:
        row = wraps["keychain"]
        try:
            username, _ = _keychain_slot(vault_id, row)
            data_key = _unwrap(vault_id, row, _keychain_get(kr, username))
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
    if "passphrase" in wraps:
        row = wraps["passphrase"]
        if passphrase:
            wrap_key = _passphrase_key(row, passphrase)
            try:
                data_key = _unwrap(vault_id, row, wrap_key)
            except TamperedError as exc:
                raise _wrong_passphrase() from exc
            return Vault(vault_id, data_key, "passphrase")
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
        if not any(_keychain_has(kr, n) for n in _stale_entries(vault_id, _wraps(lib.conn))):
            return
        with lib.transaction() as conn:
            stale = _stale_entries(vault_id, _wraps(conn))
            for name in stale:
                _keychain_forget(kr, name)
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
    new_pass = _new_passphrase_key(passphrase) if passphrase else None
    with lib.transaction() as conn:
        vault_id = _vault_id(conn)
        if vault_id is None:
            vault_id = uuid.uuid4().hex
            conn.execute(
                "INSERT INTO vault (id, vault_id, created) VALUES (1, ?, ?)", (vault_id, now())
            )
    data_key = crypto.new_key()
    wrap_key = crypto.new_key()
    keychain_problem: VaultError | None = None
    with lib.transaction() as conn:
        raced = not _state(conn).unfinished  # another process set it up meanwhile
        if not raced:
            try:
                _keychain_put(kr, _entry(vault_id, 0), wrap_key)
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
                params = {"service": SERVICE, "username": _entry(vault_id, 0), "generation": 0}
                _write_wrap(conn, vault_id, "keychain", wrap_key, data_key, params)
            if new_pass is not None:
                _write_wrap(conn, vault_id, "passphrase", new_pass[1], data_key, new_pass[0])
    if raced:
        return open_vault(lib, backend=kr, passphrase=passphrase, create=False)
    how = "keychain" if keychain_problem is None else "passphrase"
    log.info("created the notes vault (%s)", how)
    return Vault(vault_id, data_key, how)


# -- changing the wraps --------------------------------------------------------------------


def _check_vault(conn: sqlite3.Connection, vault: Vault) -> None:
    if _vault_id(conn) != vault.vault_id:
        raise VaultError(
            say(
                "de åbne noter hører ikke til dette bibliotek; intet blev ændret",
                "the open vault does not belong to this library; nothing was changed",
            )
        )


def set_passphrase(lib: Library, vault: Vault, new_passphrase: str) -> None:
    """Set or change the recovery passphrase: a new salt and a new wrap of the same data key,
    committed in one transaction (the keychain is not touched)."""
    if len(new_passphrase) < MIN_PASSPHRASE:
        raise _too_short()
    params, key = _new_passphrase_key(new_passphrase)
    with lib.transaction() as conn:
        _check_vault(conn, vault)
        _write_wrap(conn, vault.vault_id, "passphrase", key, vault._key, params)
    log.info("the vault's passphrase was set")


def rotate(
    lib: Library,
    vault: Vault,
    *,
    backend: KeyringBackend | None = None,
    passphrase: str | None = None,
) -> list[str]:
    """New wrapping keys for the data key: the next keychain entry, and a new passphrase salt.

    See the module's docstring for why a kill at any point leaves one keychain entry and a
    vault that opens. The passphrase given must be the current one. Returns the slots that
    were re-wrapped.
    """
    kr = _backend(backend)
    passphrase = _env_passphrase(passphrase)
    before = _wraps(lib.conn).get("passphrase")
    new_pass: tuple[dict[str, Any], bytes] | None = None
    if before is not None and passphrase:
        try:
            _unwrap(vault.vault_id, before, _passphrase_key(before, passphrase))
        except TamperedError as exc:
            raise _wrong_passphrase() from exc
        new_pass = _new_passphrase_key(passphrase)
    wrap_key = crypto.new_key()
    retired: str | None = None
    done: list[str] = []
    with lib.transaction() as conn:
        _check_vault(conn, vault)
        wraps = _wraps(conn)
        now_pass = wraps.get("passphrase")
        if new_pass is not None and (now_pass is None or tuple(now_pass) != tuple(before or ())):
            raise VaultError(
                say(
                    "adgangskoden blev ændret imens; intet blev ændret",
                    "the passphrase was changed meanwhile; nothing was changed",
                )
            )
        row = wraps.get("keychain")
        current, generation = _keychain_slot(vault.vault_id, row) if row else (None, -1)
        for name in _stale_entries(vault.vault_id, wraps):
            _keychain_forget(kr, name)
        new_entry = _entry(vault.vault_id, generation + 1)
        try:
            _keychain_put(kr, new_entry, wrap_key)
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
            _write_wrap(conn, vault.vault_id, "keychain", wrap_key, vault._key, params)
            done.append("keychain")
            retired = current
        if new_pass is not None:
            _write_wrap(conn, vault.vault_id, "passphrase", new_pass[1], vault._key, new_pass[0])
            done.append("passphrase")
    if retired is not None:  # committed: the old entry is no longer needed
        _keychain_forget(kr, retired)
    log.info("the vault's wrapping keys were rotated: %s", ", ".join(done))
    return done


def vault_status(lib: Library, *, backend: KeyringBackend | None = None) -> VaultStatus:
    """What protects the vault and whether the keychain still holds its key; reads only."""
    kr = _backend(backend)
    state = _state(lib.conn)
    exists = state.vault_id is not None and not state.unfinished
    keychain = "none"
    if state.vault_id is not None and "keychain" in state.wraps:
        row = state.wraps["keychain"]
        try:
            username, _ = _keychain_slot(state.vault_id, row)
            _unwrap(state.vault_id, row, _keychain_get(kr, username))
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
        backend=_backend_name(kr),
        notes=count("notes"),
        annotations=count("annotations"),
    )
