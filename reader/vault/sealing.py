"""The unlocked vault: seals and opens notes, annotations and anchors with the data key.

Apart from the keys' life cycle (``keys``), so that what stores notes needs only this small
record-level part: a key held in memory, JSON sealed with AES-GCM bound to a record's kind
and id.
"""

from __future__ import annotations

import json
from typing import Any

from reader.errors import TamperedError
from reader.i18n import say
from reader.vault import crypto


class Vault:
    """An unlocked vault: seals and opens records with the data key."""

    def __init__(self, vault_id: str, data_key: bytes, unlocked_by: str) -> None:
        self.vault_id = vault_id
        self._key = data_key
        self.unlocked_by = unlocked_by  # "keychain", "passphrase" or "recovery"

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
