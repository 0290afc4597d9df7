"""Sync orchestration: sources in, meetings and documents in the library out.

For each source the adapter lists remote meetings; a meeting whose fingerprint is what
it was at the last sync is skipped without another request. For a changed one, the files
that changed are downloaded (a bounded pool, a few meetings ahead) and the meeting is
imported by the one importer as an in-memory package with explicit ids: a changed file
becomes a new version, an unchanged one adds nothing. Sync state is written only after
the import committed, so a killed sync at worst repeats work; it never skips any.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import Cancelled, MoedemappeError, NetworkError, NotFoundError, Unresponsive
from reader.i18n import say
from reader.library.importer import Importer
from reader.library.package import Member, Package
from reader.library.store import Library, mark_removed, now
from reader.logs import redact_userinfo
from reader.sync import credentials, feed, firstagenda, folder, oparl
from reader.sync.engine import (
    Download,
    Engine,
    Expect,
    SyncError,
    Validators,
)
from reader.sync.model import Context, Listing, RemoteDocument, RemoteMeeting, one_line
from reader.sync.parts import FileLock

log = logging.getLogger(__name__)

KINDS = ("oparl", "firstagenda", "feed", "folder")
ADAPTERS: dict[str, Callable[[Context], Listing]] = {
    "oparl": oparl.listing,
    "firstagenda": firstagenda.listing,
    "feed": feed.listing,
}
FILES_AHEAD = 32  # downloaded or downloading files not yet imported, at most

Progress = Callable[[int, int, str], None]


@dataclass
class SourceReport:
    name: str
    kind: str
    new: int = 0  # documents new to the library
    changed: int = 0  # documents with a new version
    removed: int = 0  # meetings the source no longer has (marked, kept)
    failed: int = 0  # meetings, documents or remote objects that could not be synced
    meetings: int = 0  # meetings listed by the source
    unchanged: int = 0  # of those, skipped as unchanged since the last sync
    downloads: int = 0
    bytes: int = 0
    errors: list[str] = field(default_factory=list)
    fatal: bool = False  # the source could not be synced at all

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "new": self.new,
            "changed": self.changed,
            "removed": self.removed,
            "failed": self.failed,
            "meetings": self.meetings,
            "unchanged": self.unchanged,
            "downloads": self.downloads,
            "bytes": self.bytes,
            "fatal": self.fatal,
            "errors": self.errors,
        }


@dataclass
class SyncReport:
    sources: list[SourceReport] = field(default_factory=list)
    cancelled: bool = False

    @property
    def any_fatal(self) -> bool:
        return any(s.fatal for s in self.sources)

    def to_json(self) -> dict[str, object]:
        return {"sources": [s.to_json() for s in self.sources], "cancelled": self.cancelled}


# -- the sources table -------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    id: int
    name: str
    kind: str
    url: str
    last_sync: str | None
    options: dict[str, Any]

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "url": redact_userinfo(self.url),
            "last_sync": self.last_sync,
            "options": self.options,
        }


def list_sources(lib: Library) -> list[Source]:
    rows = lib.conn.execute(
        """SELECT s.*, coalesce(st.options, '{}') AS options FROM sources s
           LEFT JOIN sync_state st ON st.source_id = s.id
           WHERE s.kind != 'import' ORDER BY s.name"""
    ).fetchall()
    return [
        Source(r["id"], r["name"], r["kind"], r["url"], r["last_sync"], json.loads(r["options"]))
        for r in rows
    ]


def add_source(
    lib: Library,
    name: str,
    url: str,
    kind: str,
    *,
    since: str | None = None,
    token: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> Source:
    """Register a source; a password or token goes to the keychain, never the database.

    A user name and password in the address (``https://user:pw@host/``) are moved to the
    keychain and taken out of the address; without a safe keychain the source is refused.
    """
    name = name.strip()
    if not name:
        raise SyncError(say("en kilde skal have et navn", "a source needs a name"))
    if kind not in KINDS:
        raise SyncError(
            say(
                f"ukendt slags {kind!r}; en af {', '.join(KINDS)}",
                f"unknown kind {kind!r}; one of {', '.join(KINDS)}",
            )
        )
    if kind == "folder":
        path = Path(url).expanduser()
        if not path.exists():
            raise SyncError(
                say(f"{url}: filen eller mappen findes ikke", f"{url}: no such file or folder")
            )
        url = str(path.resolve())
    else:
        url = url.strip()
        if not url.lower().startswith(("http://", "https://")):
            shown = redact_userinfo(url)
            raise SyncError(
                say(
                    f"{shown}: en {kind}-kilde skal have en http(s)-adresse",
                    f"{shown}: a {kind} source needs an http(s) address",
                )
            )
        url, url_user, url_password = credentials.split_userinfo(url)
        if url_user or url_password is not None:
            if token or user:
                raise SyncError(
                    say(
                        "angiv brugernavn og adgangskode enten i adressen eller med "
                        "--user/--token-stdin, ikke begge steder",
                        "give the user name and password either in the address or with "
                        "--user/--token-stdin, not both",
                    )
                )
            user, password = url_user or "", url_password or ""
    if lib.conn.execute("SELECT 1 FROM sources WHERE name = ?", (name,)).fetchone():
        raise SyncError(
            say(
                f"der er allerede en kilde, der hedder {name!r}",
                f"there is already a source called {name!r}",
            )
        )
    stored = bool(token or user)
    if stored:
        credentials.store(name, token=token, user=user, password=password)
    options = {"since": since} if since else {}
    try:
        with lib.transaction() as conn:
            source_id = conn.execute(
                "INSERT INTO sources (name, kind, url, created) VALUES (?, ?, ?, ?)",
                (name, kind, url, now()),
            ).lastrowid
            conn.execute(
                "INSERT INTO sync_state (source_id, options) VALUES (?, ?)",
                (source_id, json.dumps(options)),
            )
    except BaseException:
        if stored:
            credentials.delete(name)
        raise
    return _source(lib, name)


def remove_source(lib: Library, name: str) -> None:
    """Forget a source and its sync state; its meetings stay in the library."""
    source = _source(lib, name)
    with lib.transaction() as conn:
        conn.execute("DELETE FROM sources WHERE id = ?", (source.id,))
    credentials.delete(name)


def _source(lib: Library, name: str) -> Source:
    for source in list_sources(lib):
        if source.name == name:
            return source
    raise _no_source(name)


# -- syncing -------------------------------------------------------------------------------


def sync_sources(
    lib: Library,
    names: list[str] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    after_source: Callable[[Library], None] | None = None,
    engine_options: dict[str, Any] | None = None,
) -> SyncReport:
    """Sync the named sources (all by default), one after another.

    ``progress(done, total, what)`` is called from this thread; ``cancelled()`` is polled
    between meetings and while downloading, and a cancelled sync returns what it did with
    ``cancelled`` set. ``after_source(lib)`` runs after each source that changed the
    library: the place to bring the search index up to date.
    """
    sources = list_sources(lib)
    if names:
        known = {s.name for s in sources}
        missing = [n for n in names if n not in known]
        if missing:
            raise _no_source(missing[0])
        sources = [s for s in sources if s.name in names]
    report = SyncReport()
    lib.collect_garbage()
    for source in sources:
        result = SourceReport(source.name, source.kind)
        report.sources.append(result)
        lock = FileLock.take(lib.paths.tmp / f"sync-source-{source.id}.lock")
        if lock is None:
            result.fatal = True
            result.errors.append(
                say(
                    f"{source.name}: optaget, en anden synkronisering af denne kilde kører; "
                    "prøv igen, når den er færdig",
                    f"{source.name}: busy, another sync of this source is running; "
                    "try again when it has finished",
                )
            )
            continue
        try:
            if source.kind == "folder":
                _sync_folder(lib, source, result, progress, cancelled)
            else:
                _Run(lib, source, result, progress, cancelled, engine_options or {}).run()
        except Cancelled:
            report.cancelled = True
        except MoedemappeError as exc:
            result.fatal = True
            result.errors.append(one_line(f"{source.name}: {exc}"))
        except Exception as exc:  # a bug: this source fails, the others still sync
            log.exception("syncing %s failed", source.name)
            result.fatal = True
            result.errors.append(one_line(f"{source.name}: {_internal(exc)}"))
        finally:
            lock.release()
        if report.cancelled:
            break  # what was imported is searchable after the next sync or import
        if after_source is not None and (result.new or result.changed or result.removed):
            after_source(lib)
    return report


def _sync_folder(
    lib: Library,
    source: Source,
    result: SourceReport,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    path = Path(source.url)
    mark = folder.tree_fingerprint(path, lib.paths.root)
    state = lib.conn.execute(
        "SELECT cursor FROM sync_state WHERE source_id = ?", (source.id,)
    ).fetchone()
    if state is not None and state["cursor"] == mark:
        result.unchanged = 1
        _finish_source(lib, source, None)
        return
    imported = folder.sync_folder(lib, path, source.id, progress, cancelled)
    result.new = imported.new_documents
    result.changed = imported.new_versions
    result.meetings = len(imported.meetings)
    result.failed = len(imported.errors)
    result.errors = imported.errors
    _finish_source(lib, source, None if imported.errors else mark)


def _without_userinfo(lib: Library, source: Source) -> Source:
    """A source whose address still holds a user name and password (saved by an older
    version) has them moved to the keychain before anything is fetched, or fails."""
    clean, user, password = credentials.split_userinfo(source.url)
    if user is None and password is None:
        return source
    if user or password:
        try:
            credentials.store(source.name, user=user or "", password=password or "")
        except SyncError as exc:
            raise SyncError(
                say(
                    f"{exc}; adressen indeholder en adgangskode, som ikke bruges fra "
                    "biblioteket: fjern kilden, og tilføj den igen, hvor der er en nøglering",
                    f"{exc}; its address holds a password, which is not used from the library: "
                    "remove the source and add it again where a keychain is available",
                )
            ) from None
    with lib.transaction() as conn:
        conn.execute("UPDATE sources SET url = ? WHERE id = ?", (clean, source.id))
    return dataclasses.replace(source, url=clean)


def _no_source(name: str) -> NotFoundError:
    return NotFoundError(
        say(f"der er ingen kilde, der hedder {name!r}", f"no source called {name!r}")
    )


def _meeting(remote_id: str) -> str:
    return say(f"møde {remote_id}", f"meeting {remote_id}")


def _internal(exc: Exception) -> str:
    return say(
        f"intern fejl: {exc} (detaljer i loggen)", f"internal error: {exc} (details in the log)"
    )


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


def _finish_source(lib: Library, source: Source, cursor: str | None) -> None:
    with lib.transaction() as conn:
        conn.execute("UPDATE sources SET last_sync = ? WHERE id = ?", (now(), source.id))
        if cursor is not None:
            conn.execute(
                "INSERT INTO sync_state (source_id, cursor, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (source_id) DO UPDATE SET cursor = excluded.cursor, "
                "updated = excluded.updated",
                (source.id, cursor, now()),
            )


@dataclass
class _Pending:
    meeting: RemoteMeeting
    fingerprint: str
    files: list[tuple[RemoteDocument, Future[Download] | None]]


class _Run:
    """One remote source's sync."""

    def __init__(
        self,
        lib: Library,
        source: Source,
        report: SourceReport,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        engine_options: dict[str, Any],
    ) -> None:
        self.lib = lib
        self.source = source
        self.report = report
        self.progress = progress or (lambda done, total, what: None)
        self.cancelled = cancelled or (lambda: False)
        self.engine_options = engine_options
        self.hard_failures = 0  # failures that must be retried: keep the cursor
        self.done = 0
        self.futures: list[Future[Download]] = []

    def run(self) -> None:
        self.source = source = _without_userinfo(self.lib, self.source)
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
                listing = ADAPTERS[source.kind](ctx)
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
        _finish_source(lib, source, listing.cursor if ok else None)

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
            ):
                self.report.unchanged += 1
                continue
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
                self._fail(f"{_meeting(ref.id)}: {_internal(exc)}")
                continue
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
            self._fail(f"{meeting.title}: {_internal(exc)}")
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
        meeting_id = next(iter(imported.meetings), None)
        self._record(pending, meeting_id, fetched, failed)
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
