"""The notes vault: a data key that seals every note and annotation, wrapped by the OS
keychain and, optionally, by a recovery passphrase."""

from reader.vault.keychain import SERVICE, keychain_refusal
from reader.vault.keys import (
    ENV_PASSPHRASE,
    VaultStatus,
    open_vault,
    rotate,
    set_passphrase,
    vault_exists,
    vault_status,
)
from reader.vault.sealing import Vault

__all__ = [
    "ENV_PASSPHRASE",
    "SERVICE",
    "Vault",
    "VaultStatus",
    "keychain_refusal",
    "open_vault",
    "rotate",
    "set_passphrase",
    "vault_exists",
    "vault_status",
]
