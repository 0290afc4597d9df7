"""Which keychain the vault (and sync credentials) may use, and its entries.

A keychain that keeps nothing (keyring's null backend) or keeps secrets in a plain file is
refused; a secret is used only after it was written *and read back*. The vault's wrapping
keys are numbered entries (see ``keys`` for the key-change protocol that relies on them).
Kept apart from the vault's records so that sync's credentials follow the same rules without
the vault.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyring.backends.null import Keyring as NullKeyring
from keyring.compat import properties

from reader.errors import KeychainLocked, KeychainMissing, KeyDamaged, KeyMissing
from reader.i18n import say
from reader.vault import crypto

SERVICE = "moedemappe"

# Names the one plain-file backend the test suite uses in place of an OS keychain.
ENV_TEST_KEYCHAIN = "MOEDEMAPPE_TEST_KEYCHAIN"


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


def keychain_backend(backend: KeyringBackend | None) -> KeyringBackend:
    """The keychain to use: the one given, else keyring's choice if it is a real keychain."""
    if backend is not None:
        return backend
    chosen = keyring.get_keyring()
    reason = keychain_refusal(chosen)
    return chosen if reason is None else _Refused(chosen, reason)


def _class_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def backend_name(backend: KeyringBackend) -> str:
    if isinstance(backend, _Refused):
        used = say("bruges ikke", "not used")
        return f"{_class_name(backend.refused)} ({used}: {backend.reason})"
    return _class_name(backend)


# -- keychain entries ----------------------------------------------------------------------


def entry_name(vault_id: str, generation: int) -> str:
    """The keychain user name of a vault's wrapping key of one generation."""
    return vault_id if generation == 0 else f"{vault_id}.{generation}"


def keychain_get(backend: KeyringBackend, username: str) -> bytes:
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


def keychain_put(backend: KeyringBackend, username: str, key: bytes) -> None:
    """Store a wrapping key and read it back; refuse a keychain that does not keep it."""
    put_secret(backend, SERVICE, username, base64.b64encode(key).decode("ascii"))


def safe_keychain() -> KeyringBackend:
    """The keychain other secrets (sync credentials) use: the vault's choice, by its rules."""
    return keychain_backend(None)


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
        keychain_forget(backend, username, service)
        raise _no_keychain(exc) from exc
    if back != secret:
        keychain_forget(backend, username, service)
        name = backend_name(backend)
        raise KeychainMissing(
            say(
                f"nøgleringen ({name}) gemmer ikke hemmeligheder",
                f"the keychain ({name}) does not keep secrets",
            )
        )


def keychain_has(backend: KeyringBackend, username: str) -> bool:
    try:
        return backend.get_password(SERVICE, username) is not None
    except Exception:  # no keychain: nothing of ours in it to tidy
        return False


def keychain_forget(backend: KeyringBackend, username: str, service: str = SERVICE) -> None:
    with contextlib.suppress(Exception):  # already gone, or no keychain at all
        backend.delete_password(service, username)
