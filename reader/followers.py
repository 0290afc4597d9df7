"""Bring what follows the library up to date: the search index, annotation anchors, and the
in-memory notes index.

The library knows nothing of search or notes. Whatever changes it (import, sync, the
desktop app's edits) calls :func:`catch_up` once its transaction has committed. Each
follower of the change log keeps its own cursor in the library, so a failure here loses
nothing: the work stays pending for the next run. Nothing here prints: the command line and
the desktop app each say what the report means in their own way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from reader.errors import MoedemappeError, NotFoundError, VaultError
from reader.library import Library
from reader.library.store import MeetingRow
from reader.notes.models import NoteView
from reader.notes.note_store import NoteStore
from reader.notes.reanchor import VaultSource, reanchor_pending
from reader.search import NotesIndex, update_index
from reader.vault import Vault, open_vault

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


@dataclass
class FollowReport:
    """What :func:`catch_up` did, and what it had to leave for later."""

    pages: int = 0  # pages (re-)indexed for search
    indexed_documents: int = 0  # documents whose pages were replaced in or removed from it
    index_busy: bool = False  # another process was writing the index; it does this work
    index_error: MoedemappeError | None = None  # the index was not updated (stays pending)
    reanchored: int = 0  # new versions (one per re-issued document) annotations went onto
    anchored: int = 0  # annotations placed on those versions
    orphaned: int = 0  # annotations that could not be placed and are kept as orphans
    anchors_pending: VaultError | None = None  # the vault was locked: carried over later


def catch_up(
    lib: Library,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    vault: VaultSource | None = None,
) -> FollowReport:
    """Index what the library has and the index lacks, then carry annotations over to the
    versions imported since; a failure of either is in the report, never raised.

    ``progress(done, total, what)`` follows the indexing and then the re-anchoring;
    ``cancelled()`` stops both at their next check, leaving the rest pending. ``vault`` is
    the open vault, if the caller has one; else it is opened (never created) only if there
    are annotations to carry over.
    """
    report = FollowReport()
    try:
        index = update_index(lib, progress, cancelled)
    except MoedemappeError as exc:
        log.warning("search index not updated: %s", exc)
        report.index_error = exc
    else:
        report.pages = index.pages
        report.indexed_documents = index.documents
        report.index_busy = index.busy

    before = _anchored_versions(lib)
    try:
        report.anchored, report.orphaned = reanchor_pending(
            lib, vault or (lambda: open_vault(lib, create=False)), progress, cancelled
        )
    except VaultError as exc:
        log.warning("annotations not carried over yet: %s", exc)
        report.anchors_pending = exc
    report.reanchored = _anchored_versions(lib) - before
    return report


def _anchored_versions(lib: Library) -> int:
    """How many versions carry anchors: re-anchoring a new version adds one."""
    row = lib.conn.execute("SELECT count(DISTINCT version_id) FROM anchors").fetchone()
    return int(row[0])


def index_notes(
    lib: Library, vault: Vault, index: NotesIndex, note_ids: Collection[str] | None = None
) -> int:
    """Put notes into the in-memory notes index: all of them, or those in ``note_ids`` (a
    note that is gone leaves the index). Returns how many were indexed.

    Notes are never written to disk in plaintext, so their search index is rebuilt in
    memory from the vault each time the notes are opened, and follows each save.
    """
    store = NoteStore(lib, vault)
    if note_ids is None:
        meetings = {m.id: m for m in lib.meetings(hidden=True)}
        notes = list(store.decrypted_notes())
        for note in notes:
            _index_note(index, note, meetings.get(note.meeting_id))
        return len(notes) + index_annotations(lib, vault, index)
    count = 0
    for note_id in note_ids:
        try:
            note = store.get(note_id)
        except NotFoundError:
            index.remove(note_id)
            continue
        _index_note(index, note, lib.meeting(note.meeting_id))
        count += 1
    return count


def index_annotations(
    lib: Library, vault: Vault, index: NotesIndex, document_ids: Collection[int] | None = None
) -> int:
    """Put annotations (their quote, note and text) into the in-memory notes index, each
    where it stands on its document's current version: all of them, or those of
    ``document_ids`` (their old entries go first). Returns how many were indexed."""
    from reader.notes.annotation_store import AnnotationStore

    store = AnnotationStore(lib, vault)
    if document_ids is None:
        rows = lib.conn.execute("SELECT DISTINCT document_id FROM annotations").fetchall()
        document_ids = [int(r[0]) for r in rows]
    count = 0
    for document_id in document_ids:
        index.remove_document(document_id)
        try:
            document = lib.document(document_id)
        except NotFoundError:
            continue
        meeting = lib.meeting(document.meeting_id)
        for view in store.annotations(document_id):
            words = " ".join(w for w in (view.quote, view.note, view.text) if w)
            if not words.strip():
                continue  # ink or a bare rectangle: nothing to find it by
            index.add(
                f"annotation:{view.id}",
                document.meeting_id,
                None,
                words,
                meeting_title=meeting.title,
                body=meeting.body,
                date=datetime.fromisoformat(meeting.start) if meeting.start else None,
                document=document_id,
                page=view.page if view.page is not None else view.origin_page,
                kind="annotation",
            )
            count += 1
    return count


def _index_note(index: NotesIndex, note: NoteView, meeting: MeetingRow | None) -> None:
    """Body and date of the meeting go with the note, so the search filters apply to it."""
    index.add(
        note.id,
        note.meeting_id,
        note.item_number,
        note.text,
        meeting_title=meeting.title if meeting else "",
        body=meeting.body if meeting else "",
        date=datetime.fromisoformat(meeting.start) if meeting and meeting.start else None,
    )
