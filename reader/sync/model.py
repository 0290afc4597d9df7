"""What adapters hand the runner: remote meetings as package specs, whatever the source.

An adapter turns its source's metadata into ``MeetingRef``s. The runner compares each
one's fingerprint with the last sync and only then asks it to ``load()`` the full meeting,
so an unchanged meeting costs no further requests.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reader.i18n import say
from reader.logs import redact_userinfo
from reader.sync.downloads import Validators
from reader.sync.engine import Engine, JsonResponse, SyncError, parse_json

log = logging.getLogger(__name__)


@dataclass
class RemoteDocument:
    id: str  # stable across syncs: the document's key in the library
    url: str
    title: str
    kind: str = "attachment"  # agenda | minutes | attachment
    file_name: str = "dokument.pdf"
    item: str | None = None  # the agenda item's number
    size: int | None = None  # exact size, only when the source vouches for it
    sha256: str | None = None
    sha1: str | None = None
    sha512: str | None = None
    fingerprint: str = ""  # changes when the content does; "" = ask the server
    optional: bool = False  # a 404 is not an error (a PDF some sites do not offer)


@dataclass
class RemoteMeeting:
    id: str
    body: str
    title: str
    start: str | None = None
    end: str | None = None
    location: str | None = None
    kind: str | None = None  # "minutes" once the source says so
    items: list[dict[str, Any]] = field(default_factory=list)  # {number, title, closed?, case?}
    documents: list[RemoteDocument] = field(default_factory=list)
    # whether ``documents`` is all the source has for it: only then is a document it had
    # before and lacks now gone upstream (a part that could not be read leaves it unknown)
    complete: bool = True
    # remote objects whose change alone changes the meeting (OParl papers), followed by the
    # adapter on later syncs
    parts: list[str] = field(default_factory=list)


@dataclass
class MeetingRef:
    id: str
    fingerprint: str  # changes whenever anything the meeting shows changes
    load: Callable[[], RemoteMeeting]
    start: str | None = None  # for the source's "since" option, before loading
    force: bool = False  # load even if the fingerprint is unchanged: a part of it changed


@dataclass
class Listing:
    """A source's meetings; ``removed`` and ``complete`` are final once iterated."""

    meetings: Iterator[MeetingRef]
    removed: list[str] = field(default_factory=list)  # remote ids deleted upstream
    complete: bool = False  # whether meetings not listed were removed upstream
    cursor: str | None = None  # the incremental cursor to keep when all went well


@dataclass
class Context:
    """What an adapter may use: the engine, a response cache, the source and its state."""

    engine: Engine
    conn: sqlite3.Connection
    source_id: int
    name: str
    url: str
    cursor: str | None
    options: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    listing_failed: bool = False  # a list could not be read whole: do not infer removals

    def get_json(self, url: str, params: dict[str, str] | None = None) -> tuple[Any, bool]:
        """GET JSON conditionally; returns (data, unchanged since the last sync)."""
        key = url if not params else f"{url}?{json.dumps(params, sort_keys=True)}"
        row = self.conn.execute(
            "SELECT etag, last_modified, body FROM sync_http WHERE source_id = ? AND url = ?",
            (self.source_id, key),
        ).fetchone()
        cached = None
        if row is not None and row["body"] is not None:
            cached = Validators(row["etag"], row["last_modified"])
        response: JsonResponse = self.engine.get_json(url, params, cached)
        if response.not_modified and row is not None:
            return parse_json(row["body"], redact_userinfo(url)), True
        if response.not_modified:
            response = self.engine.get_json(url, params)
        v = response.validators
        if v.etag or v.last_modified:  # one statement: atomic on its own
            self.conn.execute(
                "INSERT INTO sync_http (source_id, url, etag, last_modified, body) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_id, url) DO UPDATE SET "
                "etag = excluded.etag, last_modified = excluded.last_modified, "
                "body = excluded.body",
                (self.source_id, key, v.etag, v.last_modified, response.body),
            )
        return response.data, False

    def skip(self, what: str, problem: str) -> None:
        """Log and count an object that cannot be read; the sync goes on without it."""
        message = one_line(
            say(
                f"{self.name}: {what} sprunget over: {problem}",
                f"{self.name}: skipped {what}: {problem}",
            )
        )
        log.warning(message)
        self.errors.append(message)


def fingerprint(*parts: Any) -> str:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def local_time(value: Any) -> str | None:
    """An ISO time as the wall-clock time where the meeting is (as the importer stores it)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when.replace(tzinfo=None).isoformat(timespec="seconds")


def safe_file_name(name: str, fallback: str = "dokument") -> str:
    """A plain file name for a remote document (no path parts, ends in .pdf)."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\x00-\x1f<>:\"|?*]+", "", name).strip(" .")
    if not name:
        name = fallback
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return name[-150:]


def text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def as_list(value: Any) -> list[Any]:
    """A JSON value that should be a list, or an empty one: a wrong type is not a crash."""
    return value if isinstance(value, list) else []


def one_line(message: str) -> str:
    """A message as one line of a report (an exception's text may hold line breaks)."""
    return " ".join(message.splitlines())


def require_http(url: str) -> str:
    if not re.match(r"^https?://", url, re.IGNORECASE):
        raise SyncError(say(f"{url}: ikke en http(s)-adresse", f"{url}: not an http(s) address"))
    return url
