"""The library's vault records: the vault's id and the data key's wraps (keychain, passphrase).

Each wrap is the data key sealed by a wrapping key bound to the vault's id and slot; the
passphrase's is derived with scrypt from a fresh salt. Reading and writing these rows, and
telling a damaged one from a wrong key, is apart from the key-change protocol (``keys``)
that decides when to write them.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from reader.errors import TamperedError, VaultDamaged
from reader.i18n import say
from reader.library.store import now
from reader.vault import crypto
from reader.vault.keychain import entry_name


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


def keychain_slot(vault_id: str, row: sqlite3.Row) -> tuple[str, int]:
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


def stale_entries(vault_id: str, wraps: dict[str, sqlite3.Row]) -> list[str]:
    """The keychain entries a killed key change may have left that the library does not use."""
    row = wraps.get("keychain")
    if row is None:
        return [entry_name(vault_id, 0)]  # what an interrupted first setup or rotation wrote
    current, generation = keychain_slot(vault_id, row)
    names = [entry_name(vault_id, g) for g in (generation - 1, generation + 1) if g >= 0]
    return [n for n in names if n != current]


def _wrap_aad(vault_id: str, slot: str) -> bytes:
    return f"moedemappe-vault:{vault_id}:{slot}".encode()


def write_wrap(
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


def unwrap(vault_id: str, row: sqlite3.Row, wrap_key: bytes) -> bytes:
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


def passphrase_key(row: sqlite3.Row, passphrase: str) -> bytes:
    try:
        return crypto.derive_key(passphrase, _params(row))
    except ValueError as exc:
        raise _damaged("passphrase", str(exc)) from exc


def new_passphrase_key(passphrase: str) -> tuple[dict[str, Any], bytes]:
    """A fresh salt and the key it gives: scrypt runs before any lock is taken."""
    params = crypto.new_kdf_params()
    return params, crypto.derive_key(passphrase, params)


def read_wraps(conn: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    return {r["slot"]: r for r in conn.execute("SELECT * FROM vault_wraps")}


def same_wraps(a: dict[str, sqlite3.Row], b: dict[str, sqlite3.Row]) -> bool:
    return {k: tuple(v) for k, v in a.items()} == {k: tuple(v) for k, v in b.items()}


def stored_vault_id(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT vault_id FROM vault WHERE id = 1").fetchone()
    return str(row["vault_id"]) if row else None


@dataclass(frozen=True)
class VaultState:
    vault_id: str | None
    wraps: dict[str, sqlite3.Row]
    sealed: bool  # notes or annotations exist (only looked up when there are no wraps)

    @property
    def unfinished(self) -> bool:
        """An id and nothing else: a first setup that did not reach its commit."""
        return self.vault_id is not None and not self.wraps and not self.sealed


def vault_state(conn: sqlite3.Connection) -> VaultState:
    vault_id = stored_vault_id(conn)
    wraps = read_wraps(conn) if vault_id is not None else {}
    sealed = bool(
        vault_id is not None
        and not wraps
        and conn.execute(
            "SELECT EXISTS (SELECT 1 FROM notes) OR EXISTS (SELECT 1 FROM annotations)"
        ).fetchone()[0]
    )
    return VaultState(vault_id, wraps, sealed)
