"""FirstAgenda Publication: the public agenda sites ``dagsordener.<kommune>.dk``.

The site hands out an anonymous session cookie on its front page; then
``/api/agenda/udvalgsliste`` lists committees (``Udvalg``: period -> committees, each with
its meetings, ``Moeder``), ``/api/agenda/dagsorden/{id}`` a meeting's items
(``Dagsordenpunkter``, each with ``Bilag`` and case-presentation ``Felter``), and
``/Vis/Pdf/bilag/{docId}`` redirects to a short-lived signed URL of the PDF. The whole
agenda as one PDF (``/Vis/Pdf/dagsorden/{id}``) is fetched too where the site offers it.

A meeting is fetched again only when its summary in the list changes (a new release
changes its ``ReleasedDate``); its PDFs are then asked for conditionally.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any
from urllib.parse import quote

from reader.i18n import say
from reader.sync.engine import NetworkError, SyncError
from reader.sync.model import (
    Context,
    Listing,
    MeetingRef,
    RemoteDocument,
    RemoteMeeting,
    as_list,
    fingerprint,
    local_time,
    require_http,
    safe_file_name,
    text,
)

ZERO_GUID = "00000000-0000-0000-0000-000000000000"


def base_url(url: str) -> str:
    return require_http(url).rstrip("/")


def listing(ctx: Context) -> Listing:
    base = base_url(ctx.url)
    try:
        ctx.engine.get_text(base + "/")  # the anonymous session cookie
    except NetworkError as exc:
        # some sites serve the API without it; the list request below tells
        ctx.skip(say("forsiden", "the front page"), str(exc))
    data, _ = ctx.get_json(base + "/api/agenda/udvalgsliste")
    udvalg = data.get("Udvalg") if isinstance(data, dict) else None
    if isinstance(udvalg, list):
        groups: list[Any] = [udvalg]
    elif isinstance(udvalg, dict):
        groups = list(udvalg.values())
    else:
        raise SyncError(
            say(
                f"{base}: listen over udvalg har en ukendt form (intet 'Udvalg')",
                f"{base}: the committee list has an unknown shape (no 'Udvalg')",
            )
        )
    return Listing(_refs(ctx, base, groups), complete=True)


def _refs(ctx: Context, base: str, groups: list[Any]) -> Iterator[MeetingRef]:
    seen: set[str] = set()
    for committees in groups:
        for committee in committees if isinstance(committees, list) else []:
            if not isinstance(committee, dict):
                continue
            name = text(committee.get("Navn")) or "Udvalg"
            for summary in as_list(committee.get("Moeder")):
                mid = text(summary.get("Id")) if isinstance(summary, dict) else None
                if not mid:
                    ctx.skip(
                        say(f"et møde i {name}", f"a meeting of {name}"),
                        say("har intet id", "it has no id"),
                    )
                    ctx.listing_failed = True
                    continue
                if mid in seen:
                    continue
                seen.add(mid)
                yield MeetingRef(
                    mid,
                    fingerprint(summary, name),
                    partial(_meeting, ctx, base, name, mid, summary),
                    local_time(summary.get("MeetingBeginUtc") or summary.get("Dato")),
                )


def _meeting(
    ctx: Context, base: str, committee: str, mid: str, summary: dict[str, Any]
) -> RemoteMeeting:
    data, _ = ctx.get_json(f"{base}/api/agenda/dagsorden/{quote(mid, safe='')}")
    if not isinstance(data, dict):
        raise SyncError(
            say(
                f"møde {mid}: dagsordenen har en ukendt form",
                f"meeting {mid}: the agenda has an unknown shape",
            )
        )
    moede: dict[str, Any] = data["Moede"] if isinstance(data.get("Moede"), dict) else {}
    udvalg: dict[str, Any] = data["Udvalg"] if isinstance(data.get("Udvalg"), dict) else {}

    def pick(*keys: str) -> Any:
        for source in (summary, moede):
            for k in keys:
                if source.get(k):
                    return source[k]
        return None

    body = text(udvalg.get("Navn")) or committee
    navn = text(pick("Navn")) or "Dagsorden"
    minutes = navn.lower().startswith(("referat", "lukket referat"))
    start = local_time(pick("MeetingBeginUtc", "Dato"))
    title = navn if body.lower() in navn.lower() else f"{navn} – {body}"
    meeting = RemoteMeeting(
        id=mid,
        body=body,
        title=title,
        start=start,
        end=local_time(pick("MeetingEndUtc")),
        location=text(pick("Sted", "MeetingLocation")),
        kind="minutes" if minutes else None,
    )
    meeting.documents.append(
        RemoteDocument(
            id=f"{mid}/dagsorden",
            url=f"{base}/Vis/Pdf/dagsorden/{quote(mid, safe='')}",
            title=title,
            kind="minutes" if minutes else "agenda",
            file_name=safe_file_name(f"{navn} {(start or '')[:10]}".strip()),
            optional=True,
        )
    )
    seen: set[str] = {meeting.documents[0].id}
    numbers: set[str] = set()
    for position, punkt in enumerate(as_list(data.get("Dagsordenpunkter"))):
        if not isinstance(punkt, dict):
            ctx.skip(
                say(f"et punkt i møde {mid}", f"an item of meeting {mid}"),
                say("er ikke et objekt", "it is not an object"),
            )
            continue
        number = (
            text(punkt.get("Nummer"))
            or text(punkt.get("Punktnummer"))
            or text(punkt.get("Number"))
            or str(position + 1)
        ).rstrip(".")
        while number in numbers:
            number += "*"
        numbers.add(number)
        item_title = text(punkt.get("Navn")) or text(punkt.get("Caption")) or "(uden titel)"
        closed = punkt.get("Lukket") is True or punkt.get("IsPublic") is False
        entry: dict[str, Any] = {"number": number, "title": item_title, "closed": closed}
        case = text(punkt.get("Sagsnummer")) or text(punkt.get("CaseNumber"))
        if case:
            entry["case"] = case
        meeting.items.append(entry)
        docs = [(f.get("DocumentId"), f.get("Navn") or item_title) for f in _dicts(punkt, "Felter")]
        docs += [(b.get("Id"), b.get("Navn")) for b in _dicts(punkt, "Bilag")]
        for doc_id, name in docs:
            doc_id = text(doc_id)
            if not doc_id or doc_id == ZERO_GUID or doc_id in seen:
                continue
            seen.add(doc_id)
            title_ = text(name) or item_title
            meeting.documents.append(
                RemoteDocument(
                    id=doc_id,
                    url=f"{base}/Vis/Pdf/bilag/{quote(doc_id, safe='')}",
                    title=title_,
                    kind="attachment",
                    file_name=safe_file_name(title_),
                    item=number,
                )
            )
    return meeting


def _dicts(obj: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = obj.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
