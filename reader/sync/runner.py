"""Sync orchestration: sources in, meetings and documents in the library out.

The sources table (list, add, remove; a password or token goes to the keychain, never the
database) and the run over the chosen sources, one after another, each under a lock so that
two syncs of one source never overlap. A folder source is imported as it stands; a remote
one is synced by ``remote.Run``, and a source's failure or a bug on it costs only that
source.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.errors import Cancelled, MoedemappeError, NotFoundError
from reader.i18n import say
from reader.library.store import Library, now
from reader.logs import redact_userinfo
from reader.sync import credentials, feed, firstagenda, folder, oparl
from reader.sync.engine import SyncError
from reader.sync.model import Context, Listing, one_line
from reader.sync.parts import FileLock
from reader.sync.remote import Run
from reader.sync.report import Progress, SourceReport, SyncReport, internal
from reader.sync.source import Source, finish_source

log = logging.getLogger(__name__)

KINDS = ("oparl", "firstagenda", "feed", "folder")
ADAPTERS: dict[str, Callable[[Context], Listing]] = {
    "oparl": oparl.listing,
    "firstagenda": firstagenda.listing,
    "feed": feed.listing,
}


# -- the sources table -------------------------------------------------------------------


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


def edit_source(
    lib: Library,
    name: str,
    *,
    url: str | None = None,
    kind: str | None = None,
    token: str | None = None,
    user: str | None = None,
    password: str | None = None,
    forget_credentials: bool = False,
) -> Source:
    """Change a source's address, kind or credentials (None leaves each as it is).

    A new address or kind starts its sync afresh (the cursor is dropped; what it brought
    stays in the library). New credentials replace the kept ones; ``forget_credentials``
    removes them.
    """
    source = _source(lib, name)
    new_kind = kind or source.kind
    if new_kind not in KINDS:
        raise SyncError(say(f"ukendt slags {new_kind!r}", f"unknown kind {new_kind!r}"))
    new_url = source.url if url is None else url
    if url is not None or kind is not None:
        if new_kind == "folder":
            path = Path(new_url).expanduser()
            if not path.exists():
                raise SyncError(
                    say(
                        f"{new_url}: filen eller mappen findes ikke",
                        f"{new_url}: no such file or folder",
                    )
                )
            new_url = str(path.resolve())
        else:
            new_url = new_url.strip()
            if not new_url.lower().startswith(("http://", "https://")):
                shown = redact_userinfo(new_url)
                raise SyncError(
                    say(
                        f"{shown}: en {new_kind}-kilde skal have en http(s)-adresse",
                        f"{shown}: a {new_kind} source needs an http(s) address",
                    )
                )
            new_url, url_user, url_password = credentials.split_userinfo(new_url)
            if url_user or url_password is not None:
                user, password = url_user or "", url_password or ""
    if token or user:
        credentials.store(name, token=token, user=user, password=password)
    elif forget_credentials:
        credentials.delete(name)
    moved = new_url != source.url or new_kind != source.kind
    if moved:
        with lib.transaction() as conn:
            conn.execute(
                "UPDATE sources SET url = ?, kind = ? WHERE id = ?", (new_url, new_kind, source.id)
            )
            conn.execute("UPDATE sync_state SET cursor = NULL WHERE source_id = ?", (source.id,))
            conn.execute("DELETE FROM sync_http WHERE source_id = ?", (source.id,))
    return _source(lib, name)


def has_credentials(name: str) -> bool:
    """Whether the keychain holds a user name and password or a token for the source."""
    return credentials.load(name, "https://example.invalid/") is not None


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
                Run(lib, source, result, progress, cancelled, engine_options or {}, ADAPTERS).run()
        except Cancelled:
            report.cancelled = True
        except MoedemappeError as exc:
            result.fatal = True
            result.errors.append(one_line(f"{source.name}: {exc}"))
        except Exception as exc:  # a bug: this source fails, the others still sync
            log.exception("syncing %s failed", source.name)
            result.fatal = True
            result.errors.append(one_line(f"{source.name}: {internal(exc)}"))
        finally:
            lock.release()
        if report.cancelled:
            break  # what was imported is searchable after the next sync or import
        touched = result.new or result.changed or result.removed
        if after_source is not None and (
            touched or result.removed_documents or result.restored_documents
        ):
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
        finish_source(lib, source, None, result)
        return
    imported = folder.sync_folder(lib, path, source.id, progress, cancelled)
    result.new = imported.new_documents
    result.changed = imported.new_versions
    result.meetings = len(imported.meetings)
    result.failed = len(imported.errors)
    result.errors = imported.errors
    result.removed_documents, restored = folder.mark_missing(lib, path, source.id)
    result.restored_documents = imported.restored + restored
    finish_source(lib, source, None if imported.errors else mark, result)


def _no_source(name: str) -> NotFoundError:
    return NotFoundError(
        say(f"der er ingen kilde, der hedder {name!r}", f"no source called {name!r}")
    )
