"""Notes on a meeting, an agenda item or a document page, sealed by the vault.

Rows hold ids, references (meeting, item number, document, version, page) and timestamps in
the clear; the text only inside the ciphertext. Every save is one SQLite transaction, so a
killed process leaves the previous or the new text, never a torn one. Apart from
annotations, which are anchored on every version of their document.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator

from reader.errors import NotFoundError, TamperedError
from reader.i18n import say
from reader.library.store import Library
from reader.notes.models import NoteView, Unreadable, check_links
from reader.notes.records import new_id, no_page, stamp
from reader.vault import Vault

log = logging.getLogger(__name__)


class NoteStore:
    """Notes on a meeting, an agenda item or a document page."""

    def __init__(self, lib: Library, vault: Vault) -> None:
        self.lib = lib
        self.vault = vault

    def add(
        self,
        meeting_id: int,
        text: str,
        *,
        item_number: str | None = None,
        document_id: int | None = None,
        page: int | None = None,
    ) -> NoteView:
        self.lib.meeting(meeting_id)  # raises NotFoundError
        check_links(say("noten", "the note"), text)
        if item_number is not None and item_number not in {
            it.number for it in self.lib.items(meeting_id)
        }:
            raise NotFoundError(
                say(
                    f"møde {meeting_id} har intet dagsordenspunkt {item_number}",
                    f"meeting {meeting_id} has no agenda item {item_number}",
                )
            )
        version_id: int | None = None
        if document_id is not None:
            doc = self.lib.document(document_id)
            if doc.meeting_id != meeting_id:
                raise NotFoundError(
                    say(
                        f"dokument {document_id} hører ikke til møde {meeting_id}",
                        f"document {document_id} is not part of meeting {meeting_id}",
                    )
                )
            if page is not None and not 1 <= page <= doc.pages:
                raise NotFoundError(no_page(document_id, doc.pages, page))
            version_id = doc.version_id
        elif page is not None:
            raise NotFoundError(
                say(
                    "en note på en side skal have det dokument, siden er i",
                    "a note on a page needs the document it is in",
                )
            )
        return self._insert(
            new_id(), meeting_id, text, item_number, document_id, version_id, page, stamp()
        )

    def restore(self, note: NoteView) -> NoteView:
        """Put a deleted note back as it was: the same id, text, place and creation time,
        so it is listed where it was (undoing a deletion). Sealed afresh."""
        if self.lib.conn.execute("SELECT 1 FROM notes WHERE id = ?", (note.id,)).fetchone():
            return self.get(note.id)
        version_id: int | None = None
        if note.document_id is not None:
            version_id = self.lib.document(note.document_id).version_id
        return self._insert(
            note.id,
            note.meeting_id,
            note.text,
            note.item_number,
            note.document_id,
            version_id,
            note.page,
            note.created,
        )

    def _insert(
        self,
        note_id: str,
        meeting_id: int,
        text: str,
        item_number: str | None,
        document_id: int | None,
        version_id: int | None,
        page: int | None,
        created: str,
    ) -> NoteView:
        ts = stamp()
        nonce, ct = self.vault.seal("note", note_id, {"text": text})
        with self.lib.transaction() as conn:
            conn.execute(
                """INSERT INTO notes (id, meeting_id, item_number, document_id, version_id, page,
                   created, updated, nonce, ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    note_id,
                    meeting_id,
                    item_number,
                    document_id,
                    version_id,
                    page,
                    created,
                    ts,
                    nonce,
                    ct,
                ),
            )
        return NoteView(note_id, meeting_id, item_number, document_id, page, text, created, ts)

    def save(self, note_id: str, text: str) -> NoteView:
        """Replace a note's text (autosave): a fresh nonce, one atomic update."""
        check_links(say(f"noten {note_id}", f"the note {note_id}"), text)
        ts = stamp()
        nonce, ct = self.vault.seal("note", note_id, {"text": text})
        with self.lib.transaction() as conn:
            changed = conn.execute(
                "UPDATE notes SET nonce = ?, ciphertext = ?, updated = ? WHERE id = ?",
                (nonce, ct, ts, note_id),
            ).rowcount
        if not changed:
            raise _no_note(note_id)
        return self.get(note_id)

    def delete(self, note_id: str) -> None:
        with self.lib.transaction() as conn:
            if not conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount:
                raise _no_note(note_id)

    def get(self, note_id: str) -> NoteView:
        """One note; TamperedError naming it if it cannot be decrypted."""
        row = self.lib.conn.execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise _no_note(note_id)
        view = self._view(row)
        if isinstance(view, Unreadable):
            raise TamperedError(view.problem)
        return view

    def notes(self, meeting_id: int) -> list[NoteView]:
        """A meeting's readable notes: the meeting's own first, then by item, page and time."""
        return list(self.decrypted_notes(meeting_id))

    def decrypted_notes(self, meeting_id: int | None = None) -> Iterator[NoteView]:
        """Every readable note (of one meeting, or all), decrypted one at a time: for an
        in-memory index. One that cannot be decrypted is logged and left out."""
        for view in self._each(meeting_id):
            if isinstance(view, NoteView):
                yield view

    def listing(self, meeting_id: int | None) -> list[NoteView | Unreadable]:
        """Every note (of one meeting, or all) in order, those that cannot be decrypted as
        ``Unreadable`` in their place: one damaged note never hides the others."""
        return list(self._each(meeting_id))

    def _each(self, meeting_id: int | None) -> Iterator[NoteView | Unreadable]:
        sql = "SELECT * FROM notes"
        params: tuple[object, ...] = ()
        if meeting_id is not None:
            sql += " WHERE meeting_id = ?"
            params = (meeting_id,)
        sql += " ORDER BY meeting_id, item_number IS NOT NULL, item_number, page, created, id"
        for row in self.lib.conn.execute(sql, params).fetchall():
            yield self._view(row)

    def _view(self, row: sqlite3.Row) -> NoteView | Unreadable:
        try:
            data = self.vault.unseal("note", row["id"], row["nonce"], row["ciphertext"])
        except TamperedError as exc:
            log.warning("note %s cannot be decrypted", row["id"])
            return Unreadable(
                "note",
                row["id"],
                str(exc),
                row["created"],
                row["updated"],
                meeting_id=row["meeting_id"],
                item_number=row["item_number"],
                document_id=row["document_id"],
                page=row["page"],
            )
        return NoteView(
            id=row["id"],
            meeting_id=row["meeting_id"],
            item_number=row["item_number"],
            document_id=row["document_id"],
            page=row["page"],
            text=str(data.get("text", "")),
            created=row["created"],
            updated=row["updated"],
        )


def _no_note(note_id: str) -> NotFoundError:
    return NotFoundError(say(f"der er ingen note med id {note_id}", f"no note with id {note_id}"))
