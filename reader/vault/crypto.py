"""Authenticated encryption and passphrase key derivation, and nothing else.

AES-256-GCM with a fresh random 96-bit nonce per message: with at most a few million
messages per key the chance of a nonce repeating stays far below 2^-32. The associated data
names what a ciphertext belongs to, so one moved onto another record fails to open.
"""

from __future__ import annotations

import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from reader.errors import TamperedError
from reader.i18n import plural, say

KEY_BYTES = 32
NONCE_BYTES = 12

# scrypt cost: 32 MiB and ~0.1 s on a laptop; stored with each wrap so it can grow later.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
# What stored parameters may ask for: a damaged row must not make opening take forever.
MAX_SCRYPT_MEMORY = 256 * 2**20
SALT_BYTES = (16, 64)


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt and authenticate; returns (nonce, ciphertext with tag)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    """Decrypt, or raise TamperedError if the data, its record or the key do not match."""
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except (InvalidTag, ValueError) as exc:
        raise TamperedError(
            say(
                "krypterede data passer ikke til deres post eller nøgle",
                "encrypted data does not match its record or key",
            )
        ) from exc


def new_kdf_params() -> dict[str, Any]:
    return {
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": os.urandom(16).hex(),
    }


def derive_key(passphrase: str, params: dict[str, Any]) -> bytes:
    """The key a passphrase stands for, with the parameters stored beside the wrap.

    Raises ValueError saying what is wrong when the stored parameters are damaged.
    """
    if params.get("kdf") != "scrypt":
        kdf_name = params.get("kdf")
        raise ValueError(
            say(f"ukendt nøgleafledning {kdf_name!r}", f"unknown key derivation {kdf_name!r}")
        )
    salt_hex = params.get("salt")
    if not isinstance(salt_hex, str):
        raise ValueError(say("saltet mangler", "the salt is missing"))
    try:
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        raise ValueError(
            say("saltet er ikke hexadecimalt", "the salt is not hexadecimal")
        ) from None
    if not SALT_BYTES[0] <= len(salt) <= SALT_BYTES[1]:
        size = plural(len(salt), "byte", "byte", "byte", "bytes")
        raise ValueError(say(f"saltet har {size}", f"the salt has {size}"))
    n, r, p = params.get("n"), params.get("r"), params.get("p")
    if not (type(n) is int and type(r) is int and type(p) is int):
        raise ValueError(
            say("scrypt-parametrene er ikke hele tal", "the scrypt costs are not whole numbers")
        )
    if n < 2 or n & (n - 1) or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise ValueError(
            say(
                f"scrypt-parametrene n={n}, r={r}, p={p} er uden for det tilladte",
                f"the scrypt costs n={n}, r={r}, p={p} are out of range",
            )
        )
    if 128 * n * r > MAX_SCRYPT_MEMORY:
        raise ValueError(
            say(
                f"scrypt-parametrene n={n}, r={r} kræver for meget hukommelse",
                f"the scrypt costs n={n}, r={r} need too much memory",
            )
        )
    kdf = Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p)
    return kdf.derive(passphrase.encode("utf-8"))
