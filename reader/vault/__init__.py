"""The notes vault: a data key that seals every note and annotation, wrapped by the OS
keychain and, optionally, by a recovery passphrase and a recovery key."""

from reader.vault.keychain import SERVICE, keychain_refusal
from reader.vault.keys import (
    ENV_PASSPHRASE,
    MIN_PASSPHRASE,
    VaultStatus,
    check_secret,
    new_recovery_key,
    open_vault,
    recovery_key_form,
    rotate,
    set_passphrase,
    set_recovery_key,
    vault_exists,
    vault_slots,
    vault_status,
)
from reader.vault.sealing import Vault

__all__ = [
    "ENV_PASSPHRASE",
    "MIN_PASSPHRASE",
    "SERVICE",
    "Vault",
    "VaultStatus",
    "check_secret",
    "keychain_refusal",
    "new_recovery_key",
    "open_vault",
    "recovery_key_form",
    "rotate",
    "set_passphrase",
    "set_recovery_key",
    "vault_exists",
    "vault_slots",
    "vault_status",
]
