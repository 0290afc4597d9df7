"""Sealed rows at the record level: ids, timestamps, annotation rows with their anchors.

Both the annotation store and re-anchoring read annotations and write anchors; keeping the
loading, decrypting and anchor writing here, below both, lets the store re-anchor before it
reads without the two modules importing each other.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reader.errors import NotFoundError, TamperedError
from reader.i18n import say
from reader.library.store import Library
from reader.notes.models import Anchor, Unreadable
from reader.vault import Vault

log = logging.getLogger(__name__)


def new_id() -> str:
    """Random ids: they exist before the row does, so the ciphertext can be bound to them."""
    return uuid.uuid4().hex


def stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def no_page(document_id: int, pages: int, page: int) -> NotFoundError:
    return NotFoundError(
        say(
            f"dokument {document_id} har side 1-{pages}, ikke {page}",
            f"document {document_id} has pages 1-{pages}, not {page}",
        )
    )


def no_annotation(annotation_id: str) -> NotFoundError:
    return NotFoundError(
        say(
            f"der er ingen markering med id {annotation_id}",
            f"no annotation with id {annotation_id}",
        )
    )


def anchor_record(annotation_id: str, version_id: int) -> str:
    return f"{annotation_id}@{version_id}"


@dataclass
class StoredAnnotation:
    """An annotation row with its decrypted payload and its anchors by version id."""

    id: str
    document_id: int
    version_id: int
    kind: str
    created: str
    updated: str
    data: dict[str, Any]
    anchors: dict[int, Anchor]

    @property
    def target(self) -> dict[str, Any]:
        target = self.data.get("target") or {}
        assert isinstance(target, dict)
        return target


def load_annotations(
    lib: Library, vault: Vault, document_id: int
) -> tuple[list[StoredAnnotation], list[Unreadable]]:
    """A document's annotations that can be decrypted, and those that cannot (logged)."""
    rows = lib.conn.execute(
        "SELECT * FROM annotations WHERE document_id = ? ORDER BY created, id", (document_id,)
    ).fetchall()
    stored: list[StoredAnnotation] = []
    unreadable: list[Unreadable] = []
    for row in rows:
        one = _stored(lib, vault, row)
        if isinstance(one, Unreadable):
            unreadable.append(one)
        else:
            stored.append(one)
    return stored, unreadable


def load_annotation(lib: Library, vault: Vault, annotation_id: str) -> StoredAnnotation:
    """One annotation; TamperedError naming it if it cannot be decrypted."""
    row = lib.conn.execute("SELECT * FROM annotations WHERE id = ?", (annotation_id,)).fetchone()
    if row is None:
        raise no_annotation(annotation_id)
    one = _stored(lib, vault, row)
    if isinstance(one, Unreadable):
        raise TamperedError(one.problem)
    return one


def _stored(lib: Library, vault: Vault, row: sqlite3.Row) -> StoredAnnotation | Unreadable:
    """The row with its payload and every anchor, or Unreadable if any does not decrypt."""
    try:
        data = vault.unseal("annotation", row["id"], row["nonce"], row["ciphertext"])
        anchors: dict[int, Anchor] = {}
        for a in lib.conn.execute("SELECT * FROM anchors WHERE annotation_id = ?", (row["id"],)):
            payload = vault.unseal(
                "anchor", anchor_record(row["id"], a["version_id"]), a["nonce"], a["ciphertext"]
            )
            anchors[a["version_id"]] = Anchor.from_payload(a["version_id"], a["status"], payload)
    except TamperedError as exc:
        log.warning("annotation %s cannot be decrypted", row["id"])
        return Unreadable(
            "annotation",
            row["id"],
            str(exc),
            row["created"],
            row["updated"],
            document_id=row["document_id"],
            kind=row["kind"],
        )
    return StoredAnnotation(
        row["id"],
        row["document_id"],
        row["version_id"],
        row["kind"],
        row["created"],
        row["updated"],
        data,
        anchors,
    )


def write_anchor(
    conn: sqlite3.Connection, annotation_id: str, anchor: Anchor, nonce: bytes, ct: bytes
) -> None:
    conn.execute(
        """INSERT INTO anchors (annotation_id, version_id, status, created, nonce, ciphertext)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (annotation_id, version_id) DO UPDATE SET status = excluded.status,
               created = excluded.created, nonce = excluded.nonce,
               ciphertext = excluded.ciphertext""",
        (annotation_id, anchor.version_id, anchor.status, stamp(), nonce, ct),
    )
