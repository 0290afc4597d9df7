"""An in-memory index for text that must never be written to disk in plaintext: notes.

The notes module decrypts notes and adds them here; searches then find them with the same
Danish analysis and the same query syntax as documents. Whoosh's ``RamStorage`` would still
put a writer's scratch files in the system temp directory, so this one keeps those in memory
as well. Nothing here ever opens a file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reader.search._whoosh import fields as wfields
from reader.search.analysis import analyse_page
from reader.search.index import NoTempFilesRamStorage, make_schema
from reader.search.limits import DEFAULT_LIMITS, Budget, Limits, Notice
from reader.search.query import run_search
from reader.search.results import Filters, Hit
from reader.search.snippets import snippet


@dataclass
class NotesFound:
    total: int
    hits: list[Hit]
    stopped: Notice | None  # why the search was cut short, if it was


def notes_schema() -> Any:
    schema = make_schema()
    schema.add("note", wfields.ID(unique=True, stored=True))
    return schema


class NotesIndex:
    """Notes ``(note_id, meeting_id, item_number, text)``, searchable, in memory only.

    Thread-safe: the UI may add a note while a search runs on another thread.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ix: Any = NoTempFilesRamStorage().create_index(notes_schema())

    def add(
        self,
        note_id: str,
        meeting_id: int | None,
        item_number: str | None,
        text: str,
        *,
        meeting_title: str = "",
        body: str = "",
        date: datetime | None = None,
        document: int | None = None,
        page: int | None = None,
        kind: str = "note",
    ) -> None:
        """Add or replace a note (or an annotation: ``kind`` "annotation", with the document
        and page it is on, so a hit opens there). Body and date let the document filters
        apply to notes."""
        terms = analyse_page(text)
        info = {
            "note": note_id,
            "meeting": meeting_id,
            "meeting_title": meeting_title,
            "body": body,
            "start": date.isoformat() if date else None,
            "item": item_number,
            "document": document,
            "page": page,
            "kind": kind,
        }
        fields: dict[str, Any] = {
            "key": f"note:{note_id}",
            "note": str(note_id),
            "kind": "note",
            "closed": "0",
            "body": body.casefold(),
            "text": terms.stems,
            "_stored_text": text,
            "forms": terms.forms,
            "rev": terms.reversed_stems,
            "lang": terms.lang,
            "info": {**info, "lang": terms.lang},
        }
        if document is not None:
            fields["doc"] = f"annotations:{document}"
        if meeting_id is not None:
            fields["meeting"] = str(meeting_id)
        if item_number:
            fields["item"] = item_number
        if date is not None:
            fields["date"] = date
        with self._lock:
            writer = self._ix.writer()
            writer.update_document(**fields)
            writer.commit()

    def remove(self, note_id: str) -> None:
        with self._lock:
            writer = self._ix.writer()
            writer.delete_by_term("note", str(note_id))
            writer.commit()

    def remove_document(self, document_id: int) -> None:
        """Forget a document's annotations (before they are indexed again)."""
        with self._lock:
            writer = self._ix.writer()
            writer.delete_by_term("doc", f"annotations:{document_id}")
            writer.commit()

    def clear(self) -> None:
        """Forget every note (when the vault locks)."""
        with self._lock:
            self._ix = NoTempFilesRamStorage().create_index(notes_schema())

    def __len__(self) -> int:
        return int(self._ix.doc_count())

    def search(
        self, querystring: str, filters: Filters | None = None, limit: int = 20
    ) -> tuple[int, list[Hit]]:
        """Notes matching the query: (total, hits)."""
        found = self.find(querystring, filters, limit)
        return found.total, found.hits

    def find(
        self,
        querystring: str,
        filters: Filters | None = None,
        limit: int = 20,
        limits: Limits = DEFAULT_LIMITS,
        budget: Budget | None = None,
    ) -> NotesFound:
        """Notes matching the query, within the same bounds as a search of the documents."""
        if filters is not None and filters.kinds and "note" not in filters.kinds:
            filters = Filters(**{**filters.__dict__, "kinds": ()})
        with self._lock:
            ix = self._ix
        with ix.searcher() as searcher:
            found = run_search(searcher, querystring, filters, limit, limits, budget)
        hits: list[Hit] = []
        for stored, score in found.pages:
            info = stored["info"]
            html_snippet, _ = snippet(
                str(stored.get("text", "")), found.compiled.marks, info.get("lang", "da")
            )
            hits.append(
                Hit(
                    meeting=info["meeting"],
                    meeting_title=info["meeting_title"],
                    body=info["body"],
                    date=info["start"],
                    document=info.get("document"),
                    document_title="",
                    kind=info.get("kind", "note"),
                    item=info["item"],
                    item_title=None,
                    section=None,
                    page=info.get("page"),
                    snippet=html_snippet,
                    score=score,
                    note=info["note"],
                )
            )
        return NotesFound(found.total, hits, found.stopped)
