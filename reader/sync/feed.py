"""The Mødemappe feed: a static JSON manifest plus PDFs, for bodies that just publish PDFs.

``docs/feed-format.md`` is the specification. ``publish`` builds a feed from a folder of
agenda PDFs by importing it into a scratch library with the one importer, so a published
feed groups, names and numbers exactly as a local import would.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from reader.errors import UsageError
from reader.fsutil import write_atomic
from reader.i18n import say
from reader.library.importer import import_paths
from reader.library.store import Library
from reader.paths import DataPaths
from reader.sync.engine import SyncError
from reader.sync.model import (
    Context,
    Listing,
    MeetingRef,
    RemoteDocument,
    RemoteMeeting,
    as_list,
    fingerprint,
    safe_file_name,
    text,
)

FEED_FORMAT = "moedemappe-feed"
FEED_VERSION = 1
MANIFEST_NAME = "moedemappe-feed.json"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def manifest_url(url: str) -> str:
    """The manifest's URL, given the published folder's URL or the manifest's own."""
    if urlsplit(url).path.lower().endswith(".json"):
        return url
    return url.rstrip("/") + "/" + MANIFEST_NAME


def resolve_href(base: str, href: str) -> str:
    """Where a document is, refusing anything that is not below the feed or plain http(s)."""
    if not isinstance(href, str) or not href or "\\" in href or "\x00" in href:
        raise SyncError(_unsafe(href))
    parts = urlsplit(href)
    if parts.scheme:
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise SyncError(_unsafe(href))
        return href
    if href.startswith("/") or parts.netloc:
        raise SyncError(
            _unsafe(href)
            + say(" (skal være relativ til feedet)", " (must be relative to the feed)")
        )
    if any(seg in ("..", ".") for seg in unquote(parts.path).split("/")):
        raise SyncError(
            _unsafe(href) + say(" (peger uden for feedet)", " (points outside the feed)")
        )
    return urljoin(base, href)


def _unsafe(href: object) -> str:
    return say(f"usikker dokumentadresse {href!r}", f"unsafe document address {href!r}")


def listing(ctx: Context) -> Listing:
    url = manifest_url(ctx.url)
    data, _unchanged = ctx.get_json(url)
    if not isinstance(data, dict) or data.get("format") != FEED_FORMAT:
        raise SyncError(
            say(
                f'{url}: ikke et Mødemappe-feed (intet "format": "{FEED_FORMAT}")',
                f'{url}: not a Mødemappe feed (no "format": "{FEED_FORMAT}")',
            )
        )
    version = data.get("version")
    if not isinstance(version, int) or version < 1 or version > FEED_VERSION:
        raise SyncError(
            say(
                f"{url}: feedversion {version!r} understøttes ikke; opdatér venligst Mødemappe",
                f"{url}: feed version {version!r} is not supported; please upgrade",
            )
        )
    bodies: dict[str, str] = {}
    for body in as_list(data.get("bodies")):
        if isinstance(body, dict) and text(body.get("id")) and text(body.get("name")):
            bodies[str(text(body["id"]))] = str(text(body["name"]))
    meetings = data.get("meetings")
    if not isinstance(meetings, list):
        raise SyncError(
            say(
                f'{url}: feedet har ingen "meetings"-liste',
                f'{url}: the feed has no "meetings" list',
            )
        )
    return Listing(_refs(ctx, url, bodies, meetings), complete=True)


def _refs(
    ctx: Context, url: str, bodies: dict[str, str], meetings: list[Any]
) -> Iterator[MeetingRef]:
    for n, raw in enumerate(meetings):
        if not isinstance(raw, dict) or not text(raw.get("id")):
            ctx.skip(say(f"møde {n + 1}", f"meeting {n + 1}"), _no_id())
            ctx.listing_failed = True  # a meeting we cannot name must not count as removed
            continue
        mid = str(text(raw["id"]))
        revision = text(raw.get("revision")) or fingerprint(raw)
        yield MeetingRef(
            mid,
            fingerprint(revision, bodies.get(str(raw.get("body")))),
            partial(_meeting, ctx, url, bodies, raw, mid),
            text(raw.get("start")),
        )


def _meeting(
    ctx: Context, url: str, bodies: dict[str, str], raw: dict[str, Any], mid: str
) -> RemoteMeeting:
    body_ref = text(raw.get("body"))
    body = bodies.get(body_ref or "") or body_ref
    if not body:
        raise SyncError(say(f"mødet {mid!r} nævner intet udvalg", f"meeting {mid!r} names no body"))
    meeting = RemoteMeeting(
        id=mid,
        body=body,
        title=text(raw.get("title")) or mid,
        start=text(raw.get("start")),
        end=text(raw.get("end")),
        location=text(raw.get("location")),
        kind="minutes" if raw.get("kind") == "minutes" else None,
        items=[i for i in as_list(raw.get("items")) if isinstance(i, dict)],
    )
    for n, doc in enumerate(as_list(raw.get("documents"))):
        what = say(f"dokument {n + 1} i mødet {mid!r}", f"document {n + 1} of meeting {mid!r}")
        try:
            meeting.documents.append(_document(url, mid, doc))
        except SyncError as exc:
            ctx.skip(what, str(exc))
    return meeting


def _no_id() -> str:
    return say("har intet id", "it has no id")


def _document(url: str, mid: str, doc: Any) -> RemoteDocument:
    if not isinstance(doc, dict) or not text(doc.get("id")):
        raise SyncError(_no_id())
    sha = str(doc.get("sha256") or "").lower()
    if not _SHA256.match(sha):
        raise SyncError(say("har ingen gyldig sha256", "it has no valid sha256"))
    size = doc.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise SyncError(say("har ingen gyldig størrelse", "it has no valid size"))
    href = resolve_href(url, doc.get("href") or "")
    kind = str(doc["kind"]) if doc.get("kind") in ("agenda", "minutes") else "attachment"
    title = text(doc.get("title")) or str(text(doc["id"]))
    item = text(doc.get("item"))
    return RemoteDocument(
        id=f"{mid}/{text(doc['id'])}",
        url=href,
        title=title,
        kind=kind,
        file_name=safe_file_name(doc.get("file_name") or title),
        item=item,
        size=size,
        sha256=sha,
        fingerprint=sha,
    )


# -- publishing ---------------------------------------------------------------------------


def publish(src: Path, out: Path) -> dict[str, Any]:
    """Build (or refresh) a feed in ``out`` from the PDFs, folders and zips in ``src``.

    Files are stored by content (``files/ab/<sha256>.pdf``), so a re-issued PDF gets a new
    address and a reader mid-download never gets half of each; the manifest is replaced
    last, atomically. Returns a summary.
    """
    if not src.is_dir():
        raise UsageError(say(f"{src}: er ikke en mappe", f"{src}: not a folder"))
    if out.resolve().is_relative_to(src.resolve()):
        raise UsageError(
            say(
                f"{out}: feedmappen må ikke ligge inde i {src}",
                f"{out}: the feed folder must not be inside {src}",
            )
        )
    out.mkdir(parents=True, exist_ok=True)
    entries = sorted(
        p
        for p in src.iterdir()
        if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in (".pdf", ".zip"))
    )
    # a folder of loose PDFs is one package (agendas and their attachments); with
    # subfolders or zips, each of those is a meeting's package
    packaged = any(p.is_dir() or p.suffix.lower() == ".zip" for p in entries)
    inputs = entries if packaged else [src]
    work = Path(tempfile.mkdtemp(prefix=".publish-", dir=out))
    try:
        with Library(DataPaths(work)) as lib:
            report = import_paths(lib, inputs)
            manifest = _build_manifest(lib, out)
        write_atomic(out / MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "meetings": len(manifest["meetings"]),
        "documents": sum(len(m["documents"]) for m in manifest["meetings"]),
        "manifest": str(out / MANIFEST_NAME),
        "errors": report.errors,
    }


def _build_manifest(lib: Library, out: Path) -> dict[str, Any]:
    bodies: dict[str, str] = {}
    meetings: list[dict[str, Any]] = []
    keys = {
        r["id"]: (r["key"], r["kind"])
        for r in lib.conn.execute("SELECT id, key, kind FROM meetings")
    }
    doc_keys = {r["id"]: r["key"] for r in lib.conn.execute("SELECT id, key FROM documents")}
    for m in sorted(lib.meetings(), key=lambda m: (m.start or "", m.id)):
        body_id = _slug(m.body)
        bodies[body_id] = m.body
        key, kind = keys[m.id]
        items = [
            {
                k: v
                for k, v in {
                    "number": it.number,
                    "title": it.title,
                    "is_group": it.is_group or None,
                    "group": it.group,
                    "case": it.case,
                    "closed": it.closed or None,
                }.items()
                if v is not None
            }
            for it in lib.items(m.id)
        ]
        documents = []
        for d in m.documents:
            href = f"files/{d.sha256[:2]}/{d.sha256}.pdf"
            _copy_blob(lib.blob_path(d.sha256), out / href)
            documents.append(
                {
                    "id": doc_keys[d.id].split(":", 1)[1],
                    "kind": d.kind,
                    "title": d.title,
                    "item": d.item_number,
                    "file_name": d.file_name,
                    "href": href,
                    "sha256": d.sha256,
                    "size": (out / href).stat().st_size,
                    "media_type": "application/pdf",
                }
            )
        entry: dict[str, Any] = {
            "id": f"{body_id}/{key.split(':', 1)[1]}",
            "body": body_id,
            "title": m.title,
            "kind": kind,
            "start": m.start,
            "end": m.end,
            "location": m.location,
            "items": items,
            "documents": documents,
        }
        entry["revision"] = fingerprint(entry)
        meetings.append(entry)
    body_list = [{"id": k, "name": v} for k, v in sorted(bodies.items())]
    return {
        "format": FEED_FORMAT,
        "version": FEED_VERSION,
        "revision": fingerprint(body_list, [m["revision"] for m in meetings]),
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "bodies": body_list,
        "meetings": meetings,
    }


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.replace("ø", "oe").replace("Ø", "Oe"))
    plain = plain.replace("æ", "ae").replace("Æ", "Ae").replace("å", "aa").replace("Å", "Aa")
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "udvalg"


def _copy_blob(src: Path, dst: Path) -> None:
    if dst.exists() and dst.stat().st_size == src.stat().st_size:
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(dst, src.read_bytes())
