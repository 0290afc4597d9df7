"""Keep the search index in step with the library by following its change log.

The indexer is the change-log consumer ``"search"``. It re-indexes the current version of
each document an event names (or removes its pages), commits Whoosh, and only then moves its
cursor: a process killed at any point repeats at most the work since the last commit, and
repeating it is harmless. A missing, damaged or inconsistent index is replaced by an empty
one with the cursor at 0, which is a rebuild from the library done by the same code.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reader.library.store import Library
from reader.paths import DataPaths
from reader.search.analysis import analyse_page
from reader.search.index import (
    IndexDamaged,
    clean_orphans,
    create_index,
    lock_path,
    open_index,
)
from reader.search.lock import IndexBusy, WriterLock
from reader.search.pages import PageRecord, document_pages

log = logging.getLogger(__name__)

CONSUMER = "search"
FRONT_MATTER_BOOST = 0.4
COMMIT_PAGES = 5000  # pages per Whoosh commit: what a killed process may have to redo
Progress = Callable[[int, int, str], None]


@dataclass
class IndexReport:
    pages: int = 0  # pages (re-)indexed
    documents: int = 0  # documents whose pages were replaced or removed
    rebuilt: str | None = None  # why the index was started afresh, if it was
    busy: bool = False  # another writer held the index and we did not wait
    cancelled: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "documents": self.documents,
            "rebuilt": self.rebuilt,
            "busy": self.busy,
            "cancelled": self.cancelled,
        }


def page_fields(page: PageRecord) -> dict[str, Any]:
    """The Whoosh document for one page; the text is analysed once for all its fields."""
    terms = analyse_page(page.text)
    items = {r.item for r in page.regions if r.item}
    sections = {r.section for r in page.regions if r.section}
    with_items = [r for r in page.regions if r.item]
    closed = bool(with_items) and all(r.closed for r in with_items)
    fields: dict[str, Any] = {
        "key": page.key,
        "doc": str(page.document),
        "meeting": str(page.meeting),
        "body": page.body.casefold(),
        "kind": page.kind,
        "closed": "1" if closed else "0",
        "text": terms.stems,
        "_stored_text": page.text,
        "rev": terms.reversed_stems,
        "info": page.info(),
    }
    if page.kind != "attachment" and not items:
        # the front page and table of contents repeat every item title: rank them below
        # the items' own pages
        fields["_boost"] = FRONT_MATTER_BOOST
    if items:
        fields["item"] = " ".join(sorted(items))
    if sections:
        fields["section"] = ",".join(sorted(sections))
    if page.date is not None:
        fields["date"] = page.date
    return fields


class Indexer:
    """Brings one data directory's index up to date; safe to run from several processes."""

    def __init__(
        self,
        paths: DataPaths,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.paths = paths
        self.progress = progress or (lambda done, total, what: None)
        self.cancelled = cancelled or (lambda: False)

    def update(self, lib: Library, wait: float | None = 300.0) -> IndexReport:
        """Apply every library change not yet in the index.

        Waits up to ``wait`` seconds (None: for ever) for another writer; if it is still
        busy then, the report says so: that writer is doing this same work.
        """
        report = IndexReport()
        lock = WriterLock(lock_path(self.paths))
        waiting = lambda: self.progress(0, 0, "waiting for another indexer")  # noqa: E731
        if not lock.acquire(timeout=wait, waiting=waiting):
            report.busy = True
            return report
        try:
            ix = self._open(lib, report)
            clean_orphans(self.paths, ix)
            self._catch_up(lib, ix, report)
            if not report.cancelled:
                problem = self._inconsistent(lib)
                if problem:
                    ix = self._reset(lib, report, problem)
                    self._catch_up(lib, ix, report)
        finally:
            lock.release()
        return report

    def rebuild(self, lib: Library, wait: float | None = 300.0) -> IndexReport:
        """Start afresh from the library (``reindex``)."""
        lock = WriterLock(lock_path(self.paths))
        if not lock.acquire(timeout=wait):
            raise IndexBusy("the search index is busy with another process; try again shortly")
        try:
            report = IndexReport()
            self._reset(lib, report, "asked for")
        finally:
            lock.release()
        rest = self.update(lib, wait=wait)
        rest.rebuilt = report.rebuilt
        return rest

    # -- internals ------------------------------------------------------------------------

    def _open(self, lib: Library, report: IndexReport) -> Any:
        try:
            return open_index(self.paths)
        except IndexDamaged as exc:
            return self._reset(lib, report, str(exc))

    def _reset(self, lib: Library, report: IndexReport, why: str) -> Any:
        """An empty index and the cursor at 0; the cursor first, so a kill between the two
        leaves a state that is rebuilt again rather than an empty index taken as current."""
        if (self.paths.root / "search").exists():
            log.warning("rebuilding the search index: %s", why)
        report.rebuilt = why
        lib.set_cursor(CONSUMER, 0)
        return create_index(self.paths)

    def _catch_up(self, lib: Library, ix: Any, report: IndexReport) -> None:
        while True:
            cursor = lib.cursor(CONSUMER)
            target = lib.last_event()
            if cursor >= target:
                return
            if not self._apply(lib, ix, cursor, target, report):
                report.cancelled = True
                return

    def _pending_pages(self, lib: Library, cursor: int, target: int) -> int:
        row = lib.conn.execute(
            """SELECT coalesce(sum(v.pages), 0) FROM documents d
               JOIN document_versions v ON v.document_id = d.id AND v.number =
                    (SELECT max(number) FROM document_versions WHERE document_id = d.id)
               WHERE d.id IN (SELECT document_id FROM document_events
                              WHERE seq > ? AND seq <= ?)""",
            (cursor, target),
        ).fetchone()
        return int(row[0])

    def _apply(self, lib: Library, ix: Any, cursor: int, target: int, report: IndexReport) -> bool:
        """Apply events (cursor, target]; False if cancelled (what was done is committed).

        Each document is indexed as it is now, which covers every event up to ``target``
        (read before), so a document is done once however many events name it.
        """
        total = self._pending_pages(lib, cursor, target)
        done_pages = 0
        processed: set[int] = set()
        writer: Any = None
        pending = 0
        seq = cursor
        applied = cursor
        started = time.monotonic()
        while seq < target:
            events = [e for e in lib.events_since(seq, limit=1000) if e["seq"] <= target]
            if not events:
                break
            for event in events:
                document_id = int(event["document_id"])
                if document_id not in processed:
                    if writer is None:
                        writer = ix.writer(limitmb=256)
                    pages = document_pages(lib, document_id)
                    writer.delete_by_term("doc", str(document_id))
                    for page in pages:
                        writer.add_document(**page_fields(page))
                    processed.add(document_id)
                    report.documents += 1
                    report.pages += len(pages)
                    done_pages += len(pages)
                    pending += len(pages) + 1
                    what = pages[0].document_title if pages else ""
                    self.progress(min(done_pages, total), total, what)
                seq = int(event["seq"])
                if pending >= COMMIT_PAGES or self.cancelled():
                    writer.commit()
                    writer, pending = None, 0
                    lib.set_cursor(CONSUMER, seq)
                    applied = seq
                    if self.cancelled():
                        return False
        if writer is not None:
            writer.commit()
        if seq > applied:
            lib.set_cursor(CONSUMER, seq)
        log.info(
            "search index: %d pages of %d documents in %.1fs",
            done_pages,
            len(processed),
            time.monotonic() - started,
        )
        self.progress(total, total, "")
        return True

    def _inconsistent(self, lib: Library) -> str | None:
        """Whether the index holds other than one entry per current page: a cheap check,
        made on one snapshot of the library, that catches an index emptied or rolled back
        behind the cursor's back."""
        conn = lib.conn
        conn.execute("BEGIN")
        try:
            last = int(
                conn.execute("SELECT coalesce(max(seq), 0) FROM document_events").fetchone()[0]
            )
            cursor = lib.cursor(CONSUMER)
            expected = int(
                conn.execute(
                    """SELECT count(*) FROM documents d
                       JOIN meetings m ON m.id = d.meeting_id AND NOT m.removed
                       JOIN document_versions v ON v.document_id = d.id AND v.number =
                         (SELECT max(number) FROM document_versions WHERE document_id = d.id)
                       JOIN page_texts t ON t.version_id = v.id"""
                ).fetchone()[0]
            )
        finally:
            conn.execute("COMMIT")
        if cursor != last:
            return None  # someone imported meanwhile; the next update checks again
        try:
            ix = open_index(self.paths)
            actual = int(ix.doc_count())
        except IndexDamaged as exc:
            return str(exc)
        if actual != expected:
            return f"the index has {actual} pages, the library {expected}"
        return None


def update_index(
    lib: Library,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    wait: float | None = 300.0,
) -> IndexReport:
    """Bring the data directory's search index up to date with ``lib``."""
    return Indexer(lib.paths, progress, cancelled).update(lib, wait=wait)
