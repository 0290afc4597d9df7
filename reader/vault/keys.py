"""The vault's keys: one random data key, wrapped by a keychain key and/or a passphrase.

Notes and annotations are sealed with the data key, which never touches the disk in the
clear. The disk holds it only wrapped (AES-GCM) by:

- a random key kept in the OS keychain (service ``moedemappe``, user = an id stored in the
  library, so two data dirs never share an entry), and/or
- a key derived from a recovery passphrase (scrypt).

Changing the passphrase or rotating the keychain key re-wraps the data key; the notes
themselves are not touched. A keychain key is used only after it was written *and read
back*: keyring's null backend accepts secrets and forgets them, and a vault sealed with a
key nobody can read back would be lost.
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

from reader.errors import TamperedError, VaultError
from reader.library.store import Library, now
from reader.vault import crypto

log = logging.getLogger(__name__)

SERVICE = "moedemappe"
ENV_PASSPHRASE = "MOEDEMAPPE_PASSPHRASE"
PASSPHRASE_HINT = f"give the vault's passphrase in {ENV_PASSPHRASE}"


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
        try:
            plain = crypto.unseal(self._key, nonce, ciphertext, self._aad(kind, record_id))
        except TamperedError as exc:
            raise TamperedError(
                f"the {kind} {record_id} cannot be decrypted: its stored data was changed "
                "or belongs to another record; nothing was changed"
            ) from exc
        data = json.loads(plain.decode("utf-8"))
        if not isinstance(data, dict):
            raise TamperedError(f"the {kind} {record_id} holds unexpected data")
        return data


@dataclass(frozen=True)
class VaultStatus:
    exists: bool
    vault_id: str | None
    keychain: str  # ok | missing | locked | unavailable | wrong | none (no keychain slot)
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


# -- the keychain ------------------------------------------------------------------------


def _backend(backend: KeyringBackend | None) -> KeyringBackend:
    """The keychain to use: the one given, else keyring's choice if it is a real keychain.

    keyring falls back on keyrings.alt's plaintext file when no OS keychain runs, which would
    leave the wrapping key in the clear outside the data dir; that counts as no keychain
    unless the user chose it explicitly (``PYTHON_KEYRING_BACKEND``).
    """
    if backend is not None:
        return backend
    chosen = keyring.get_keyring()
    if not os.environ.get("PYTHON_KEYRING_BACKEND") and _is_file_fallback(chosen):
        return FailKeyring()  # type: ignore[no-untyped-call]
    return chosen


def _is_file_fallback(backend: KeyringBackend) -> bool:
    inner = getattr(backend, "backends", None) or [backend]  # a chainer writes to its first
    return type(inner[0]).__module__.startswith("keyrings.alt")


def _backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _keychain_get(backend: KeyringBackend, username: str) -> bytes:
    """The wrapping key stored for ``username``; VaultError saying why if there is none."""
    try:
        secret = backend.get_password(SERVICE, username)
    except keyring.errors.KeyringLocked as exc:
        raise VaultError("the keychain is locked") from exc
    except Exception as exc:  # NoKeyringError, D-Bus errors, ...: no usable keychain
        raise VaultError(f"no keychain is available ({exc})") from exc
    if secret is None:
        raise VaultError("the vault's key is missing from the keychain")
    try:
        key = base64.b64decode(secret, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise VaultError("the vault's key in the keychain is damaged") from exc
    if len(key) != crypto.KEY_BYTES:
        raise VaultError("the vault's key in the keychain is damaged")
    return key


def _keychain_put(backend: KeyringBackend, username: str, key: bytes) -> None:
    """Store a wrapping key and read it back; refuse a keychain that does not keep it."""
    put_secret(backend, SERVICE, username, base64.b64encode(key).decode("ascii"))


def safe_keychain() -> KeyringBackend:
    """The keychain other secrets (sync credentials) use: the vault's choice, by its rules."""
    return _backend(None)


def put_secret(backend: KeyringBackend, service: str, username: str, secret: str) -> None:
    """Store a secret and read it back; VaultError if the keychain does not keep it."""
    try:
        backend.set_password(service, username, secret)
        back = backend.get_password(service, username)
    except keyring.errors.KeyringLocked as exc:
        raise VaultError("the keychain is locked") from exc
    except Exception as exc:
        raise VaultError(f"no keychain is available ({exc})") from exc
    if back != secret:
        raise VaultError(f"the keychain ({_backend_name(backend)}) does not keep secrets")


def _keychain_forget(backend: KeyringBackend, username: str) -> None:
    with contextlib.suppress(Exception):
        backend.delete_password(SERVICE, username)


# -- wraps -------------------------------------------------------------------------------


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
    key = crypto.unseal(wrap_key, row["nonce"], row["wrapped"], _wrap_aad(vault_id, row["slot"]))
    if len(key) != crypto.KEY_BYTES:
        raise TamperedError("the vault's wrapped key has the wrong length")
    return key


def _wraps(lib: Library) -> dict[str, sqlite3.Row]:
    return {r["slot"]: r for r in lib.conn.execute("SELECT * FROM vault_wraps")}


def _vault_id(lib: Library) -> str | None:
    row = lib.conn.execute("SELECT vault_id FROM vault WHERE id = 1").fetchone()
    return str(row["vault_id"]) if row else None


def vault_exists(lib: Library) -> bool:
    return _vault_id(lib) is not None


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
    """
    passphrase = _env_passphrase(passphrase)
    kr = _backend(backend)
    vault_id = _vault_id(lib)
    if vault_id is None:
        if not create:
            raise VaultError("there is no notes vault in this library yet")
        return _create(lib, kr, passphrase)
    wraps = _wraps(lib)
    problems: list[str] = []
    if "keychain" in wraps:
        row = wraps["keychain"]
        try:
            username = str(json.loads(row["params"])["username"])
            data_key = _unwrap(vault_id, row, _keychain_get(kr, username))
        except TamperedError:
            problems.append("the key in the keychain does not belong to this library")
        except VaultError as exc:
            problems.append(str(exc))
        else:
            return Vault(vault_id, data_key, "keychain")
    if "passphrase" in wraps:
        row = wraps["passphrase"]
        if passphrase:
            try:
                wrap_key = crypto.derive_key(passphrase, json.loads(row["params"]))
                data_key = _unwrap(vault_id, row, wrap_key)
            except TamperedError as exc:
                raise VaultError(
                    "wrong passphrase for the notes vault (nothing was changed)"
                ) from exc
            return Vault(vault_id, data_key, "passphrase")
        problems.append(f"no passphrase given ({PASSPHRASE_HINT})")
    elif not wraps:
        problems.append("the library's vault has no key at all")
    else:
        problems.append("no recovery passphrase is set")
    raise VaultError("cannot open the notes vault: " + "; ".join(problems))


def _create(lib: Library, kr: KeyringBackend, passphrase: str | None) -> Vault:
    vault_id = uuid.uuid4().hex
    data_key = crypto.new_key()
    wrap_key = crypto.new_key()
    keychain_problem: str | None = None
    try:
        _keychain_put(kr, vault_id, wrap_key)
    except VaultError as exc:
        keychain_problem = str(exc)
    if keychain_problem is not None and not passphrase:
        raise VaultError(
            f"cannot create the notes vault: {keychain_problem}; "
            f"to use a passphrase instead, set {ENV_PASSPHRASE}"
        )
    with lib.transaction() as conn:
        raced = conn.execute("SELECT 1 FROM vault WHERE id = 1").fetchone() is not None
        if not raced:
            conn.execute(
                "INSERT INTO vault (id, vault_id, created) VALUES (1, ?, ?)", (vault_id, now())
            )
            if keychain_problem is None:
                params = {"service": SERVICE, "username": vault_id}
                _write_wrap(conn, vault_id, "keychain", wrap_key, data_key, params)
            if passphrase:
                params = crypto.new_kdf_params()
                key = crypto.derive_key(passphrase, params)
                _write_wrap(conn, vault_id, "passphrase", key, data_key, params)
    if raced:  # another process created the vault first: use theirs
        if keychain_problem is None:
            _keychain_forget(kr, vault_id)
        return open_vault(lib, backend=kr, passphrase=passphrase, create=False)
    log.info(
        "created the notes vault (%s)", "keychain" if keychain_problem is None else "passphrase"
    )
    return Vault(vault_id, data_key, "keychain" if keychain_problem is None else "passphrase")


# -- changing the wraps --------------------------------------------------------------------


def set_passphrase(lib: Library, vault: Vault, new_passphrase: str) -> None:
    """Set or change the recovery passphrase: a new salt and a new wrap of the same data key."""
    if len(new_passphrase) < 8:
        raise VaultError("the passphrase must have at least 8 characters")
    params = crypto.new_kdf_params()
    key = crypto.derive_key(new_passphrase, params)
    with lib.transaction() as conn:
        _write_wrap(conn, vault.vault_id, "passphrase", key, vault._key, params)
    log.info("the vault's passphrase was set")


def rotate(
    lib: Library,
    vault: Vault,
    *,
    backend: KeyringBackend | None = None,
    passphrase: str | None = None,
) -> list[str]:
    """New wrapping keys for the data key: a new keychain entry, and a new passphrase salt.

    The new keychain entry is written and read back under a new name before the library
    points at it, and the old one is deleted only after that commit, so a crash at any
    point leaves a vault that opens. Returns the slots that were re-wrapped.
    """
    kr = _backend(backend)
    passphrase = _env_passphrase(passphrase)
    wraps = _wraps(lib)
    username = f"{vault.vault_id}.{uuid.uuid4().hex[:8]}"
    wrap_key = crypto.new_key()
    try:
        _keychain_put(kr, username, wrap_key)
        keychain_ok = True
    except VaultError as exc:
        if "passphrase" not in wraps or not passphrase:
            raise VaultError(f"cannot rotate the vault's key: {exc}") from exc
        keychain_ok = False
    done: list[str] = []
    with lib.transaction() as conn:
        if keychain_ok:
            params = {"service": SERVICE, "username": username}
            _write_wrap(conn, vault.vault_id, "keychain", wrap_key, vault._key, params)
            done.append("keychain")
        if "passphrase" in wraps and passphrase:
            params = crypto.new_kdf_params()
            key = crypto.derive_key(passphrase, params)
            _write_wrap(conn, vault.vault_id, "passphrase", key, vault._key, params)
            done.append("passphrase")
    old = wraps.get("keychain")
    if keychain_ok and old is not None:
        _keychain_forget(kr, str(json.loads(old["params"])["username"]))
    log.info("the vault's wrapping keys were rotated: %s", ", ".join(done))
    return done


def vault_status(lib: Library, *, backend: KeyringBackend | None = None) -> VaultStatus:
    """What protects the vault and whether the keychain still holds its key; reads only."""
    kr = _backend(backend)
    vault_id = _vault_id(lib)
    wraps = _wraps(lib)
    keychain = "none"
    if vault_id is not None and "keychain" in wraps:
        row = wraps["keychain"]
        try:
            username = str(json.loads(row["params"])["username"])
            _unwrap(vault_id, row, _keychain_get(kr, username))
            keychain = "ok"
        except TamperedError:
            keychain = "wrong"
        except VaultError as exc:
            text = str(exc)
            keychain = (
                "locked" if "locked" in text else "missing" if "missing" in text else "unavailable"
            )

    def count(table: str) -> int:
        return int(lib.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    return VaultStatus(
        exists=vault_id is not None,
        vault_id=vault_id,
        keychain=keychain,
        passphrase="passphrase" in wraps,
        backend=_backend_name(kr),
        notes=count("notes"),
        annotations=count("annotations"),
    )
