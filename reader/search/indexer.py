"""Keep the search index in step with the library by following its change log.

The indexer is the change-log consumer ``"search"``. It re-indexes the current version of
each document an event names (or removes its pages), commits Whoosh, and only then moves its
cursor: a process killed at any point repeats at most the work since the last commit, and
repeating it is harmless.

A missing, damaged or inconsistent index, or a ``reindex``, is rebuilt into a new generation
(see ``index.py``) by the same code, following the change log from 0 with its own cursor
(``"search:next"``); searches go on reading the current generation until the new one has
caught up and is made current. A rebuild that is killed or cancelled is resumed from its
cursor by the next rebuild, not started again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.i18n import plural, say
from reader.library.store import Library
from reader.paths import DataPaths
from reader.search.analysis import analyse_page, detect_language
from reader.search.index import (
    IndexDamaged,
    adopt_single_folder,
    clean_generations,
    clean_orphans,
    current_dir,
    lock_path,
    make_current,
    new_generation,
    next_dir,
    open_folder,
    open_index,
    unreadable,
)
from reader.search.lock import IndexBusy, WriterLock
from reader.search.pages import PageRecord, document_pages

log = logging.getLogger(__name__)

CONSUMER = "search"  # the current generation's cursor
BUILD_CONSUMER = "search:next"  # the cursor of the generation a rebuild is filling
FRONT_MATTER_BOOST = 0.4
COMMIT_PAGES = 5000  # pages per Whoosh commit: what a killed process may have to redo
REBUILD_COMMIT_PAGES = 12_500  # the same while a rebuild fills a new generation
# Whoosh's posting pool spills sorted runs to disk past this and merges them at commit:
# 12,500 pages fit in 512 MB (1.7 ms a page; 256 MB spilled and took 2.5)
WRITER_MB = 256
REBUILD_WRITER_MB = 512
Progress = Callable[[int, int, str], None]


@dataclass
class IndexReport:
    pages: int = 0  # pages (re-)indexed
    documents: int = 0  # documents whose pages were replaced or removed
    rebuilt: str | None = None  # why a new generation was built, if one was
    resumed: int = 0  # the change-log position an interrupted rebuild went on from
    busy: bool = False  # another writer held the index and we did not wait
    cancelled: bool = False
    needs_rebuild: str | None = None  # why a rebuild is due that was larger than allowed
    pending: int = 0  # pages left to index because they were more than allowed

    def to_json(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "documents": self.documents,
            "rebuilt": self.rebuilt,
            "resumed": self.resumed,
            "busy": self.busy,
            "cancelled": self.cancelled,
            "needs_rebuild": self.needs_rebuild,
            "pending": self.pending,
        }


def page_fields(page: PageRecord, lang: str | None = None) -> dict[str, Any]:
    """The Whoosh document for one page; the text is analysed once for all its fields.
    ``lang`` is the document's language (found from the page's text when not given)."""
    terms = analyse_page(page.text, lang)
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
        "forms": terms.forms,
        "rev": terms.reversed_stems,
        "lang": terms.lang,
        "info": {**page.info(), "lang": terms.lang},
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

    def update(
        self, lib: Library, wait: float | None = 300.0, limit: int | None = None
    ) -> IndexReport:
        """Apply every library change not yet in the index, rebuilding it if it is unusable.

        Waits up to ``wait`` seconds (None: for ever) for another writer; if it is still
        busy then, the report says so: that writer is doing this same work. With ``limit``,
        does nothing when more than that many pages would have to be indexed, and says so
        in the report (``pending``, ``needs_rebuild``): a search may bring the index up to
        date on the way, but must not spend minutes on it unasked.
        """
        report = IndexReport()
        lock = WriterLock(lock_path(self.paths))
        waiting = lambda: self.progress(0, 0, "waiting for another indexer")  # noqa: E731
        if not lock.acquire(timeout=wait, waiting=waiting):
            report.busy = True
            return report
        try:
            self._update(lib, report, limit)
        finally:
            lock.release()
        return report

    def rebuild(self, lib: Library, wait: float | None = 300.0) -> IndexReport:
        """Build a new generation from the library and make it current (``reindex``); an
        interrupted rebuild is resumed."""
        lock = WriterLock(lock_path(self.paths))
        if not lock.acquire(timeout=wait):
            raise IndexBusy(
                say(
                    "søgeindekset er optaget af en anden proces; prøv igen om lidt",
                    "the search index is busy with another process; try again shortly",
                )
            )
        try:
            report = IndexReport()
            self._rebuild(lib, report, say("bestilt", "asked for"), None)
        finally:
            lock.release()
        return report

    # -- internals ------------------------------------------------------------------------

    def _update(self, lib: Library, report: IndexReport, limit: int | None) -> None:
        adopt_single_folder(self.paths)
        try:
            ix = open_index(self.paths)
        except IndexDamaged as exc:
            self._rebuild(lib, report, str(exc), limit)
            return
        clean_orphans(Path(ix.storage.folder), ix)
        clean_generations(self.paths)
        if not self._catch_up(lib, ix, CONSUMER, report, limit):
            return
        problem = self._inconsistent(lib, ix)
        if problem:
            self._rebuild(lib, report, problem, limit)

    def _rebuild(self, lib: Library, report: IndexReport, why: str, limit: int | None) -> None:
        """Fill the generation being built (resumed, or a new one) and make it current."""
        folder = next_dir(self.paths)
        ix: Any = None
        if folder is not None:
            try:
                ix = open_folder(folder)
            except IndexDamaged as exc:
                log.warning("starting the interrupted search index rebuild afresh: %s", exc)
        start = lib.cursor(BUILD_CONSUMER) if ix is not None else 0
        if limit is not None:
            pending = self._pending_pages(lib, start, lib.last_event())
            if pending > limit:
                report.needs_rebuild = why
                report.pending = pending
                return
        if folder is None or ix is None:
            lib.set_cursor(BUILD_CONSUMER, 0)  # first: a kill before NEXT moves redoes work
            folder, ix = new_generation(self.paths)
        else:
            clean_orphans(folder, ix)
            report.resumed = start
        if current_dir(self.paths) is not None:
            log.warning("rebuilding the search index: %s", why)
        report.rebuilt = why
        if not self._catch_up(lib, ix, BUILD_CONSUMER, report, None):
            return
        # The pointer first: a kill before the cursor moves only repeats work in the new
        # generation (its cursor is never behind the old one's).
        make_current(self.paths, folder)
        lib.set_cursor(CONSUMER, lib.cursor(BUILD_CONSUMER))
        lib.set_cursor(BUILD_CONSUMER, 0)
        clean_generations(self.paths)

    def _catch_up(
        self, lib: Library, ix: Any, consumer: str, report: IndexReport, limit: int | None
    ) -> bool:
        """Apply the events ``consumer`` has not; False if cancelled or over ``limit``."""
        while True:
            cursor = lib.cursor(consumer)
            target = lib.last_event()
            if cursor >= target:
                return True
            if limit is not None:
                pending = self._pending_pages(lib, cursor, target)
                if pending > limit:
                    report.pending = pending
                    return False
                limit -= pending
            if not self._apply(lib, ix, consumer, cursor, target, report):
                report.cancelled = True
                return False

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

    def _apply(
        self,
        lib: Library,
        ix: Any,
        consumer: str,
        cursor: int,
        target: int,
        report: IndexReport,
    ) -> bool:
        """Apply events (cursor, target]; False if cancelled (what was done is committed).

        Each document is indexed once, as it is now, in the order of its last event in the
        range: once that document is committed, every event up to its last one is applied
        (the documents those events name are done, or have a later event still to come),
        so that event's position is the cursor, and a killed run resumed from it redoes no
        document it had committed.
        """
        documents = lib.conn.execute(
            """SELECT document_id, max(seq) AS last FROM document_events
               WHERE seq > ? AND seq <= ? GROUP BY document_id ORDER BY last""",
            (cursor, target),
        ).fetchall()
        total = self._pending_pages(lib, cursor, target)
        # a rebuild commits less often: each commit is a segment, and a query reads every
        # segment's term index (21 segments at 100,000 pages made a word query 3x slower;
        # 8 segments, against 1 of 25,000 pages each, cost a few ms a query)
        rebuilding = consumer == BUILD_CONSUMER
        commit_pages = REBUILD_COMMIT_PAGES if rebuilding else COMMIT_PAGES
        writer_mb = REBUILD_WRITER_MB if rebuilding else WRITER_MB
        done_pages = 0
        writer: Any = None
        pending = 0
        started = time.monotonic()
        indexed: set[str] | None = None  # the documents the committed segments hold
        deleter: Any = None
        for document_id, last in documents:
            if writer is None:
                writer = ix.writer(limitmb=writer_mb)
                with writer.reader() as reader:
                    indexed = {_text(t) for t in reader.lexicon("doc")}
            pages = document_pages(lib, int(document_id))
            assert indexed is not None
            if str(document_id) in indexed:
                # Whoosh's delete_by_term opens a reader of every segment per call, which
                # made a 100,000-page rebuild three times slower per page than a 20,000:
                # one searcher per writer, and only for documents the index holds
                if deleter is None:
                    deleter = writer.searcher()
                writer.delete_by_term("doc", str(document_id), searcher=deleter)
            lang = detect_language("\n".join(p.text for p in pages[:20]))
            for page in pages:
                writer.add_document(**page_fields(page, lang))
            report.documents += 1
            report.pages += len(pages)
            done_pages += len(pages)
            pending += len(pages) + 1
            self.progress(min(done_pages, total), total, pages[0].document_title if pages else "")
            if pending >= commit_pages or self.cancelled():
                if deleter is not None:
                    deleter.close()
                    deleter = None
                writer.commit()
                writer, pending = None, 0
                lib.set_cursor(consumer, int(last))
                if self.cancelled():
                    return False
        if writer is not None:
            if deleter is not None:
                deleter.close()
            writer.commit()
        lib.set_cursor(consumer, target)
        log.info(
            "search index: %d pages of %d documents in %.1fs",
            done_pages,
            len(documents),
            time.monotonic() - started,
        )
        self.progress(total, total, "")
        return True

    def _inconsistent(self, lib: Library, ix: Any) -> str | None:
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
                       JOIN meeting_view m ON m.id = d.meeting_id
                            AND NOT m.removed AND NOT m.hidden
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
            actual = int(ix.doc_count())
        except Exception as exc:
            return str(unreadable(exc))
        if actual != expected:
            return say(
                f"søgeindekset har {plural(actual, 'side', 'sider', 'page', 'pages')}, "
                f"biblioteket {expected}",
                f"the index has {plural(actual, 'side', 'sider', 'page', 'pages')}, "
                f"the library {expected}",
            )
        return None


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def update_index(
    lib: Library,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    wait: float | None = 300.0,
    limit: int | None = None,
) -> IndexReport:
    """Bring the data directory's search index up to date with ``lib``."""
    return Indexer(lib.paths, progress, cancelled).update(lib, wait=wait, limit=limit)
