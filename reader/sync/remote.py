"""One remote source's sync: list its meetings, download what changed, import, record.

A meeting whose fingerprint is what it was at the last sync is skipped without another
request. For a changed one, the files that changed are downloaded (a bounded pool, a few
meetings ahead) and the meeting is imported by the one importer as an in-memory package
with explicit ids. Sync state is written only after the import committed, so a killed sync
at worst repeats work; it never skips any. Its own module because this is the per-source
work, apart from the runner's choosing of sources.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.errors import Cancelled, MoedemappeError, NetworkError, Unresponsive
from reader.i18n import say
from reader.library.importer import Importer
from reader.library.package import Member, Package
from reader.library.store import Library, mark_removed, set_document_removed
from reader.logs import redact_userinfo
from reader.sync import credentials
from reader.sync.downloads import Download, Expect, Validators
from reader.sync.engine import Engine, SyncError
from reader.sync.model import Context, Listing, RemoteDocument, RemoteMeeting, one_line
from reader.sync.report import Progress, SourceReport, internal
from reader.sync.source import Source, finish_source, without_userinfo

log = logging.getLogger(__name__)


FILES_AHEAD = 32  # downloaded or downloading files not yet imported, at most


def _meeting(remote_id: str) -> str:
    return say(f"møde {remote_id}", f"meeting {remote_id}")


def _discard(future: Future[Download]) -> None:
    """Delete the file of a download nobody will import (now, or when it completes)."""
    if future.cancelled() or future.exception() is not None:
        return
    path = future.result().path
    if path is not None:
        path.unlink(missing_ok=True)


def _reader(path: Path, origin: str) -> Callable[[], bytes]:
    """A downloaded file's bytes; a file gone missing is that document's error, not a crash."""

    def read() -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise SyncError(
                say(
                    f"{origin}: den hentede fil kan ikke læses ({exc})",
                    f"{origin}: the downloaded file cannot be read ({exc})",
                )
            ) from None

    return read


@dataclass
class _Pending:
    meeting: RemoteMeeting
    fingerprint: str
    files: list[tuple[RemoteDocument, Future[Download] | None]]


class Run:
    """One remote source's sync; ``adapters`` lists its meetings, by the source's kind."""

    def __init__(
        self,
        lib: Library,
        source: Source,
        report: SourceReport,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        engine_options: dict[str, Any],
        adapters: dict[str, Callable[[Context], Listing]],
    ) -> None:
        self.lib = lib
        self.source = source
        self.report = report
        self.progress = progress or (lambda done, total, what: None)
        self.cancelled = cancelled or (lambda: False)
        self.engine_options = engine_options
        self.adapters = adapters
        self.hard_failures = 0  # failures that must be retried: keep the cursor
        self.done = 0
        self.futures: list[Future[Download]] = []

    def run(self) -> None:
        self.source = source = without_userinfo(self.lib, self.source)
        lib = self.lib
        state = lib.conn.execute(
            "SELECT cursor FROM sync_state WHERE source_id = ?", (source.id,)
        ).fetchone()
        creds = credentials.load(source.name, source.url)
        with Engine(
            lib.paths.tmp, credentials=creds, cancelled=self.cancelled, **self.engine_options
        ) as engine:
            self.engine = engine
            ctx = Context(
                engine,
                lib.conn,
                source.id,
                source.name,
                source.url,
                state["cursor"] if state else None,
                source.options,
            )
            try:
                listing = self.adapters[source.kind](ctx)
                self._meetings(ctx, listing)
            finally:
                self.report.downloads = engine.stats.files
                self.report.bytes = engine.stats.bytes
                self.report.errors[:0] = ctx.errors
                self.report.failed += len(ctx.errors)
                for future in self.futures:  # downloads a cancel or failure left unimported
                    future.add_done_callback(_discard)
            self._removals(ctx, listing)
        ok = not ctx.listing_failed and not self.hard_failures
        finish_source(lib, source, listing.cursor if ok else None, self.report)

    # -- meetings ------------------------------------------------------------------------

    def _meetings(self, ctx: Context, listing: Listing) -> None:
        known = {
            r["remote_id"]: r
            for r in self.lib.conn.execute(
                """SELECT sm.remote_id, sm.fingerprint, sm.removed, m.id AS meeting_id
                   FROM sync_meetings sm LEFT JOIN meetings m ON m.id = sm.meeting_id
                   WHERE sm.source_id = ?""",
                (self.source.id,),
            )
        }
        since = self.source.options.get("since")
        self.seen: set[str] = set()
        window: deque[_Pending] = deque()
        for ref in listing.meetings:
            if self.cancelled():
                raise Cancelled(say("synkroniseringen blev afbrudt", "sync cancelled"))
            if ref.id in self.seen:
                continue
            self.seen.add(ref.id)
            self.report.meetings += 1
            if since and ref.start and ref.start[:10] < since:
                continue
            prev = known.get(ref.id)
            if (
                prev is not None
                and prev["fingerprint"] == ref.fingerprint
                and prev["meeting_id"] is not None
                and not prev["removed"]
                and not ref.force
            ):
                self.report.unchanged += 1
                continue
            skipped = len(ctx.errors)
            try:
                meeting = ref.load()
            except NetworkError as exc:
                self._fail(f"{_meeting(ref.id)}: {exc}")
                continue
            except SyncError as exc:
                ctx.skip(_meeting(ref.id), str(exc))
                continue
            except (Cancelled, Unresponsive):
                raise
            except MoedemappeError as exc:
                self._fail(f"{_meeting(ref.id)}: {exc}")
                continue
            except Exception as exc:  # a bug on this meeting's data: the others go on
                log.exception("%s: reading meeting %s failed", self.source.name, ref.id)
                self._fail(f"{_meeting(ref.id)}: {internal(exc)}")
                continue
            if len(ctx.errors) > skipped:  # a part could not be read: what the meeting
                meeting.complete = False  # lacks now may still be there
            window.append(_Pending(meeting, ref.fingerprint, self._start_downloads(meeting)))
            while sum(len(p.files) for p in window) > FILES_AHEAD and len(window) > 1:
                self._finish(window.popleft())
        while window:
            self._finish(window.popleft())

    def _start_downloads(
        self, meeting: RemoteMeeting
    ) -> list[tuple[RemoteDocument, Future[Download] | None]]:
        files: list[tuple[RemoteDocument, Future[Download] | None]] = []
        for doc in meeting.documents:
            prev = self.lib.conn.execute(
                """SELECT sd.*, v.id AS version_id FROM sync_documents sd
                   LEFT JOIN document_versions v ON v.document_id = sd.document_id
                        AND v.sha256 = sd.sha256
                   WHERE sd.source_id = ? AND sd.remote_id = ?""",
                (self.source.id, doc.id),
            ).fetchone()
            validators = None
            if prev is not None and prev["version_id"] is not None:
                if doc.fingerprint and prev["fingerprint"] == doc.fingerprint:
                    files.append((doc, None))
                    continue
                if doc.sha256 and doc.sha256 == prev["sha256"]:
                    files.append((doc, None))
                    continue
                if prev["url"] == doc.url:
                    validators = Validators(prev["etag"], prev["last_modified"])
            expect = Expect(doc.size, doc.sha256, doc.sha1, doc.sha512)
            future = self.engine.submit(self.engine.download, doc.url, expect, validators)
            self.futures.append(future)
            files.append((doc, future))
        return files

    def _finish(self, pending: _Pending) -> None:
        meeting = pending.meeting
        self.progress(self.done, len(self.seen), meeting.title)
        members: list[Member] = []
        fetched: list[tuple[RemoteDocument, Download, str | None]] = []
        failed = False
        for n, (doc, future) in enumerate(pending.files):
            if future is None:
                continue
            try:
                download = self.engine.result(future)
            except NetworkError as exc:
                if doc.optional and exc.status == 404:
                    continue
                self._fail(f"{meeting.title}: {exc}")
                failed = True
                continue
            except (Cancelled, Unresponsive):
                raise
            except (MoedemappeError, OSError) as exc:
                self._fail(f"{meeting.title}: {redact_userinfo(doc.url)}: {exc}")
                failed = True
                continue
            if download.not_modified or download.path is None:
                fetched.append((doc, download, None))
                continue
            name = f"{n:03d}/{doc.file_name}"
            origin = f"{self.source.name}:{redact_userinfo(doc.url)}"
            members.append(Member(name, origin, _reader(download.path, origin)))
            fetched.append((doc, download, name))
        manifest: dict[str, Any] = {
            "body": {"name": meeting.body},
            "meeting": {
                "id": meeting.id,
                "title": meeting.title,
                "start": meeting.start,
                "end": meeting.end,
                "location": meeting.location,
                "kind": meeting.kind,
            },
            "items": meeting.items,
            "documents": [
                {"id": d.id, "file": name, "kind": d.kind, "item": d.item, "title": d.title}
                for d, _dl, name in fetched
                if name is not None
            ],
        }
        package = Package(Path(self.source.name), members, manifest, [])
        importer = Importer(self.lib, cancelled=self.cancelled, source_id=self.source.id)
        try:
            imported = importer.import_package(package)
        except Cancelled:
            raise
        except MoedemappeError as exc:  # the meeting as a whole: the others go on
            self._fail(f"{meeting.title}: {exc}")
            return
        except Exception as exc:  # a bug on this meeting: the others still sync
            log.exception("%s: importing %s failed", self.source.name, meeting.title)
            self._fail(f"{meeting.title}: {internal(exc)}")
            return
        finally:
            for _doc, download, _name in fetched:
                if download.path is not None:
                    download.path.unlink(missing_ok=True)
        for error in imported.errors:
            self._fail(error)
            failed = True
        self.report.new += imported.new_documents
        self.report.changed += imported.new_versions
        self.report.restored_documents += imported.restored
        meeting_id = next(iter(imported.meetings), None)
        self._record(pending, meeting_id, fetched, failed)
        self._documents_gone(meeting)
        self.done += 1
        self.progress(self.done, len(self.seen), meeting.title)

    def _record(
        self,
        pending: _Pending,
        meeting_id: int | None,
        fetched: list[tuple[RemoteDocument, Download, str | None]],
        failed: bool,
    ) -> None:
        """Remember what was imported, after the import committed."""
        sid = self.source.id
        with self.lib.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_meetings (source_id, remote_id, meeting_id, fingerprint, "
                "removed) VALUES (?, ?, ?, ?, 0) ON CONFLICT (source_id, remote_id) DO UPDATE "
                "SET meeting_id = excluded.meeting_id, fingerprint = excluded.fingerprint, "
                "removed = 0",
                (sid, pending.meeting.id, meeting_id, None if failed else pending.fingerprint),
            )
            if pending.meeting.complete:  # else a part it had may only be unreadable now
                conn.execute(
                    "DELETE FROM sync_parts WHERE source_id = ? AND meeting_remote_id = ?",
                    (sid, pending.meeting.id),
                )
            conn.executemany(
                "INSERT OR IGNORE INTO sync_parts (source_id, remote_id, meeting_remote_id) "
                "VALUES (?, ?, ?)",
                [(sid, part, pending.meeting.id) for part in sorted(set(pending.meeting.parts))],
            )
            for doc, download, name in fetched:
                if name is None:  # not modified: only the validators may be new
                    conn.execute(
                        "UPDATE sync_documents SET etag = coalesce(?, etag), "
                        "last_modified = coalesce(?, last_modified), fingerprint = ? "
                        "WHERE source_id = ? AND remote_id = ?",
                        (
                            download.validators.etag,
                            download.validators.last_modified,
                            doc.fingerprint,
                            sid,
                            doc.id,
                        ),
                    )
                    continue
                row = conn.execute(
                    """SELECT d.id FROM documents d JOIN document_versions v
                       ON v.document_id = d.id AND v.sha256 = ?
                       WHERE d.meeting_id = ? AND d.key = ?""",
                    (download.sha256, meeting_id, f"id:{doc.id}"),
                ).fetchone()
                if row is None:
                    continue  # the import refused it; it was reported
                conn.execute(
                    "INSERT INTO sync_documents (source_id, remote_id, meeting_remote_id, "
                    "document_id, url, sha256, fingerprint, etag, last_modified) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id, remote_id) "
                    "DO UPDATE SET meeting_remote_id = excluded.meeting_remote_id, "
                    "document_id = excluded.document_id, url = excluded.url, "
                    "sha256 = excluded.sha256, fingerprint = excluded.fingerprint, "
                    "etag = excluded.etag, last_modified = excluded.last_modified",
                    (
                        sid,
                        doc.id,
                        pending.meeting.id,
                        row["id"],
                        doc.url,
                        download.sha256,
                        doc.fingerprint,
                        download.validators.etag,
                        download.validators.last_modified,
                    ),
                )

    def _documents_gone(self, meeting: RemoteMeeting) -> None:
        """Mark the documents the meeting had at earlier syncs and lacks now, if its list is
        complete; unmark those it offers again. Documents a member imported into the meeting
        are never the source's to mark."""
        listed = {d.id for d in meeting.documents}
        with self.lib.transaction() as conn:
            for row in conn.execute(
                "SELECT remote_id, document_id FROM sync_documents WHERE source_id = ? "
                "AND meeting_remote_id = ? AND document_id IS NOT NULL",
                (self.source.id, meeting.id),
            ).fetchall():
                if row["remote_id"] in listed:
                    if set_document_removed(conn, row["document_id"], False):
                        self.report.restored_documents += 1
                elif meeting.complete and set_document_removed(conn, row["document_id"], True):
                    self.report.removed_documents += 1

    def _removals(self, ctx: Context, listing: Listing) -> None:
        gone = set(listing.removed)
        if listing.complete and not ctx.listing_failed:
            for row in self.lib.conn.execute(
                "SELECT remote_id FROM sync_meetings WHERE source_id = ? AND removed = 0",
                (self.source.id,),
            ).fetchall():
                if row["remote_id"] not in self.seen:
                    gone.add(row["remote_id"])
        if not gone:
            return
        with self.lib.transaction() as conn:
            for remote_id in sorted(gone):
                row = conn.execute(
                    "SELECT meeting_id FROM sync_meetings WHERE source_id = ? AND remote_id = ?",
                    (self.source.id, remote_id),
                ).fetchone()
                if row is None:
                    continue
                conn.execute(
                    "UPDATE sync_meetings SET removed = 1, fingerprint = NULL "
                    "WHERE source_id = ? AND remote_id = ?",
                    (self.source.id, remote_id),
                )
                if row["meeting_id"] is not None and mark_removed(conn, row["meeting_id"]):
                    self.report.removed += 1

    def _fail(self, message: str) -> None:
        message = one_line(message)
        log.warning("%s: %s", self.source.name, message)
        self.report.errors.append(message)
        self.report.failed += 1
        self.hard_failures += 1
