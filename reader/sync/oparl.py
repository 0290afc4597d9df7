"""OParl 1.0/1.1: System -> Body -> Meeting (agenda items, invitation, protocols, files).

Real servers embed objects or give their URL instead, use full-URL ids, paginate with
``links.next`` and add vendor fields; this adapter accepts either form wherever the spec
allows an object, and skips (and reports) what it cannot read rather than stopping.
Later syncs ask only for meetings modified since the last one (``modified_since``),
which also returns meetings deleted since (``"deleted": true``), and for papers modified
since: a paper's new or changed file does not change the meetings that consult it, so each
meeting synced before that consults a changed paper is fetched again.

Attachments of an agenda item come from the item itself (``auxiliaryFile``,
``resolutionFile``) and from the paper it consults (``consultation`` -> ``paper`` ->
``mainFile``/``auxiliaryFile``), fetched only for meetings that changed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from reader.i18n import plural, say
from reader.logs import redact_userinfo
from reader.sync.engine import SyncError
from reader.sync.model import (
    Context,
    Listing,
    MeetingRef,
    RemoteDocument,
    RemoteMeeting,
    fingerprint,
    local_time,
    require_http,
    safe_file_name,
    text,
)

log = logging.getLogger(__name__)

CLOCK_SLACK = timedelta(minutes=10)  # the server's clock may differ from ours
PDF_TYPES = ("application/pdf", "application/x-pdf", "application/octet-stream", "")


def listing(ctx: Context) -> Listing:
    system, _ = ctx.get_json(require_http(ctx.url))
    if not isinstance(system, dict):
        raise SyncError(
            say(f"{ctx.url}: ikke et OParl System-objekt", f"{ctx.url}: not an OParl System object")
        )
    body_list = system.get("body")
    if isinstance(body_list, str):
        bodies = list(_pages(ctx, body_list, None, say("myndigheder", "bodies")))
    elif isinstance(body_list, list):  # a quirk: the bodies embedded
        bodies = body_list
    else:
        raise SyncError(
            say(
                f"{ctx.url}: System-objektet nævner ingen myndigheder",
                f"{ctx.url}: the System object lists no bodies",
            )
        )
    started = (datetime.now(UTC) - CLOCK_SLACK).isoformat(timespec="seconds")
    cursors = _cursors(ctx.cursor)
    result = Listing(iter(()), cursor=json.dumps({"time": started}))
    result.complete = not cursors  # a full listing: what is not in it is gone
    result.meetings = _meetings(ctx, bodies, cursors.get("time"), result)
    return result


def _cursors(raw: str | None) -> dict[str, str]:
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def _meetings(
    ctx: Context, bodies: list[Any], since: str | None, result: Listing
) -> Iterator[MeetingRef]:
    yielded: set[str] = set()
    for n, body in enumerate(bodies):
        if isinstance(body, str):
            try:
                body, _ = ctx.get_json(body)
            except SyncError as exc:
                ctx.skip(_body(n), str(exc))
                ctx.listing_failed = True
                continue
        if not isinstance(body, dict) or not isinstance(body.get("meeting"), str):
            ctx.skip(_body(n), say("har ingen liste over møder", "it has no meeting list"))
            ctx.listing_failed = True
            continue
        names = _Organizations(ctx, body)
        body_name = text(body.get("name")) or text(body.get("shortName")) or "OParl"
        if since and isinstance(body.get("paper"), str):
            # first: the same meeting, listed again unchanged below, is then already loaded
            for ref in _changed_papers(ctx, body["paper"], since, names, body_name, result):
                if ref.id not in yielded:
                    yielded.add(ref.id)
                    yield ref
        params = {"modified_since": since} if since else None
        for meeting in _pages(ctx, body["meeting"], params, say("møder", "meetings")):
            if not isinstance(meeting, dict) or not isinstance(meeting.get("id"), str):
                ctx.skip(say("et møde", "a meeting"), say("har intet id", "it has no id"))
                continue
            if meeting.get("deleted") is True:
                result.removed.append(meeting["id"])
                continue
            yielded.add(meeting["id"])
            yield MeetingRef(
                meeting["id"],
                fingerprint(meeting),
                partial(_meeting, ctx, meeting, names, body_name),
                local_time(meeting.get("start")),
            )


def _changed_papers(
    ctx: Context,
    url: str,
    since: str,
    names: _Organizations,
    body_name: str,
    result: Listing,
) -> Iterator[MeetingRef]:
    """The meetings synced before that consult a paper modified (or deleted) since, each
    fetched again and loaded whatever its fingerprint. Which meetings consult a paper is
    what their last sync recorded, and what the paper's consultations say."""
    wanted: dict[str, None] = {}
    for paper in _pages(ctx, url, {"modified_since": since}, say("sager", "papers")):
        if not isinstance(paper, dict) or not isinstance(paper.get("id"), str):
            continue
        for row in ctx.conn.execute(
            "SELECT meeting_remote_id FROM sync_parts WHERE source_id = ? AND remote_id = ?",
            (ctx.source_id, paper["id"]),
        ):
            wanted[str(row[0])] = None
        for consultation in _list(paper.get("consultation")):
            if isinstance(consultation, dict) and isinstance(consultation.get("meeting"), str):
                wanted[consultation["meeting"]] = None
    for mid in wanted:
        known = ctx.conn.execute(
            "SELECT 1 FROM sync_meetings WHERE source_id = ? AND remote_id = ? AND removed = 0",
            (ctx.source_id, mid),
        ).fetchone()
        if known is None:
            continue  # a new meeting comes with the list of meetings
        what = say(f"møde {mid}", f"meeting {mid}")
        try:
            meeting, _ = ctx.get_json(require_http(mid))
        except SyncError as exc:
            ctx.skip(what, str(exc))
            ctx.listing_failed = True  # not advanced: the next sync asks again
            continue
        if not isinstance(meeting, dict) or meeting.get("id") != mid:
            ctx.skip(what, say("er ikke et OParl-møde", "it is not an OParl meeting"))
            ctx.listing_failed = True
            continue
        if meeting.get("deleted") is True:
            result.removed.append(mid)
            continue
        yield MeetingRef(
            mid,
            fingerprint(meeting),
            partial(_meeting, ctx, meeting, names, body_name),
            local_time(meeting.get("start")),
            force=True,
        )


def _body(n: int) -> str:
    return say(f"myndighed {n + 1}", f"body {n + 1}")


def _rest(what: str) -> str:
    return say(f"resten af listen over {what}", f"the rest of the list of {what}")


def _page_of(what: str) -> str:
    return say(f"en side af listen over {what}", f"a page of {what}")


def _pages(ctx: Context, url: str, params: dict[str, str] | None, what: str) -> Iterator[Any]:
    """The objects of a paginated list, following ``links.next``.

    A ``next`` that leads back to a page already read, or more pages than the engine's
    ``max_pages``, ends the list with an error: the objects read so far still count, but
    nothing is inferred from a list that was not read to its end.
    """
    seen: set[str] = set()
    next_url: str | None = url
    first = True
    limit = ctx.engine.max_pages
    while next_url:
        if next_url in seen:
            ctx.skip(
                _rest(what),
                say(
                    f"{redact_userinfo(next_url)} fører tilbage til en side, der allerede er "
                    "læst; stoppede der",
                    f"{redact_userinfo(next_url)} leads back to a page already read; stopped there",
                ),
            )
            ctx.listing_failed = True
            return
        if len(seen) >= limit:
            ctx.skip(
                _rest(what),
                say(
                    f"{redact_userinfo(url)} har flere end "
                    f"{plural(limit, 'side', 'sider', 'page', 'pages')}; stoppede der",
                    f"{redact_userinfo(url)} has more than "
                    f"{plural(limit, 'side', 'sider', 'page', 'pages')}; stopped there",
                ),
            )
            ctx.listing_failed = True
            return
        seen.add(next_url)
        try:
            page, _ = ctx.get_json(next_url, params if first else None)
        except SyncError as exc:
            ctx.skip(_page_of(what), str(exc))
            ctx.listing_failed = True
            return
        first = False
        if isinstance(page, list):  # a quirk: a bare list
            yield from page
            return
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            ctx.skip(
                _page_of(what),
                say(
                    f"{redact_userinfo(next_url)} er ikke en OParl-liste",
                    f"{redact_userinfo(next_url)} is not an OParl list",
                ),
            )
            ctx.listing_failed = True
            return
        yield from page["data"]
        links = page.get("links")
        candidate = links.get("next") if isinstance(links, dict) else None
        next_url = candidate if isinstance(candidate, str) and candidate else None


class _Organizations:
    """Organization names by id, fetched once and only when a meeting needs one."""

    def __init__(self, ctx: Context, body: dict[str, Any]) -> None:
        self.ctx = ctx
        self.url = body.get("organization")
        self.names: dict[str, str] | None = None

    def name(self, org_id: str) -> str | None:
        if self.names is None:
            self.names = {}
            if isinstance(self.url, str):
                failed = self.ctx.listing_failed
                for org in _pages(self.ctx, self.url, None, say("udvalg", "organizations")):
                    if isinstance(org, dict) and isinstance(org.get("id"), str):
                        name = text(org.get("name")) or text(org.get("shortName"))
                        if name:
                            self.names[org["id"]] = name
                self.ctx.listing_failed = failed  # names are a nicety, not the listing
        return self.names.get(org_id)


def _meeting(
    ctx: Context, raw: dict[str, Any], orgs: _Organizations, body_name: str
) -> RemoteMeeting:
    mid = raw["id"]
    body = None
    for org in _list(raw.get("organization")):
        if isinstance(org, dict):
            body = text(org.get("name"))
        elif isinstance(org, str):
            body = orgs.name(org)
        if body:
            break
    title = text(raw.get("name")) or (f"Sitzung {body}" if body else "Sitzung")
    if raw.get("cancelled") is True:
        title += " (abgesagt)"
    meeting = RemoteMeeting(
        id=mid,
        body=body or body_name,
        title=title,
        start=local_time(raw.get("start")),
        end=local_time(raw.get("end")),
        location=_location(raw.get("location")),
        kind="minutes" if raw.get("resultsProtocol") else None,
    )
    files = _Files(ctx, mid)
    files.add(raw.get("invitation"), "agenda", None)
    files.add(raw.get("resultsProtocol"), "minutes", None)
    files.add(raw.get("verbatimProtocol"), "attachment", None)
    for aux in _list(raw.get("auxiliaryFile")):
        files.add(aux, "attachment", None)
    numbers: set[str] = set()
    for position, item in enumerate(_list(raw.get("agendaItem"))):
        if isinstance(item, str):
            try:
                item, _ = ctx.get_json(item)
            except SyncError as exc:
                ctx.skip(say(f"et dagsordenspunkt i {mid}", f"an agenda item of {mid}"), str(exc))
                continue
        if not isinstance(item, dict) or item.get("deleted") is True:
            continue
        number = text(item.get("number")) or text(item.get("order")) or str(position + 1)
        while number in numbers:  # some servers number several items alike
            number += "*"
        numbers.add(number)
        entry: dict[str, Any] = {
            "number": number,
            "title": text(item.get("name")) or "(ohne Titel)",
            "closed": item.get("public") is False,
        }
        paper = _paper(ctx, item.get("consultation"), mid)
        if paper is not None:
            if isinstance(paper.get("id"), str):
                meeting.parts.append(paper["id"])
            if text(paper.get("reference")):
                entry["case"] = text(paper.get("reference"))
            files.add(paper.get("mainFile"), "attachment", number)
            for aux in _list(paper.get("auxiliaryFile")):
                files.add(aux, "attachment", number)
        files.add(item.get("resolutionFile"), "attachment", number)
        for aux in _list(item.get("auxiliaryFile")):
            files.add(aux, "attachment", number)
        meeting.items.append(entry)
    meeting.documents = files.documents
    return meeting


def _paper(ctx: Context, consultation: Any, mid: str) -> dict[str, Any] | None:
    try:
        if isinstance(consultation, str):
            consultation, _ = ctx.get_json(consultation)
        if not isinstance(consultation, dict):
            return None
        paper = consultation.get("paper")
        if isinstance(paper, str):
            paper, _ = ctx.get_json(paper)
    except SyncError as exc:
        ctx.skip(say(f"en sag i {mid}", f"a paper of {mid}"), str(exc))
        return None
    return paper if isinstance(paper, dict) and paper.get("deleted") is not True else None


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [value] if value else []


def _location(value: Any) -> str | None:
    if isinstance(value, dict):
        parts = [
            text(value.get(k))
            for k in ("description", "room", "streetAddress", "locality")
            if text(value.get(k))
        ]
        seen: list[str] = []
        for p in parts:
            if p and not any(p in s for s in seen):
                seen.append(p)
        return ", ".join(seen) or None
    if isinstance(value, str) and not value.startswith(("http://", "https://")):
        return text(value)
    return None


class _Files:
    """A meeting's files, each once (servers reuse one File in several places)."""

    def __init__(self, ctx: Context, mid: str) -> None:
        self.ctx = ctx
        self.mid = mid
        self.documents: list[RemoteDocument] = []
        self.seen: set[str] = set()

    def _file_of(self) -> str:
        return say(f"en fil i {self.mid}", f"a file of {self.mid}")

    def add(self, value: Any, kind: str, item: str | None) -> None:
        if not value:
            return
        if isinstance(value, str):
            try:
                value, _ = self.ctx.get_json(value)
            except SyncError as exc:
                self.ctx.skip(self._file_of(), str(exc))
                return
        if not isinstance(value, dict) or value.get("deleted") is True:
            return
        fid = value.get("id")
        url = value.get("downloadUrl") or value.get("accessUrl")
        if not isinstance(fid, str) or not isinstance(url, str):
            self.ctx.skip(
                self._file_of(),
                say("har intet id eller ingen adresse", "it has no id or no address"),
            )
            return
        if fid in self.seen:
            return
        self.seen.add(fid)
        name = text(value.get("fileName")) or urlsplit(url).path.rsplit("/", 1)[-1]
        mime = str(value.get("mimeType") or "").split(";")[0].strip().lower()
        if mime not in PDF_TYPES and not name.lower().endswith(".pdf"):
            log.info("%s: not a PDF (%s), left out: %s", self.ctx.name, mime, fid)
            return
        sha1 = text(value.get("sha1Checksum"))
        sha512 = text(value.get("sha512Checksum"))
        self.documents.append(
            RemoteDocument(
                id=fid,
                url=url,
                title=text(value.get("name")) or name or "Dokument",
                kind=kind,
                file_name=safe_file_name(name),
                item=item,
                sha1=sha1.lower() if sha1 else None,
                sha512=sha512.lower() if sha512 else None,
                fingerprint=fingerprint(
                    url, sha1, sha512, value.get("size"), value.get("modified")
                ),
            )
        )
