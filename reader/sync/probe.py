"""Before a source is added: what kind it is, whether it answers, and whether we are online.

The window asks these when a member types an address: the kind is recognised from the
address where it says (a FirstAgenda host, a feed manifest, an ``/oparl`` path, a folder),
else from what the server answers. A connection test fetches the one document the source's
sync starts from, with the credentials the member typed (not yet in the keychain), so a
wrong password or a wrong address is found before anything is saved.
"""

from __future__ import annotations

import base64
import json
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from reader.i18n import plural, say
from reader.logs import redact_userinfo
from reader.sync import credentials
from reader.sync.feed import FEED_FORMAT, MANIFEST_NAME, manifest_url

TIMEOUT_S = 8.0


@dataclass(frozen=True)
class Probe:
    """What a connection test found: the kind (None if not recognised), and in words."""

    ok: bool
    kind: str | None
    message: str
    offline: bool = False  # the host could not be reached at all (no network, no DNS)
    denied: bool = False  # the server refused the credentials (or their absence)


def guess_kind(url: str) -> str | None:
    """The kind an address says by itself, None when only the server's answer can tell."""
    url = url.strip()
    if not url:
        return None
    if not url.lower().startswith(("http://", "https://")):
        return "folder" if Path(url).expanduser().exists() else None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    if "firstagenda" in host:
        return "firstagenda"
    if path.endswith(MANIFEST_NAME):
        return "feed"
    if "/oparl" in path or host.startswith("oparl."):
        return "oparl"
    return None


def _auth(
    user: str | None, password: str | None, token: str | None
) -> dict[str, str]:  # the header the sync would send
    if token:
        return {"Authorization": f"Bearer {token}"}
    if user:
        pair = f"{user}:{password or ''}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


def probe(
    url: str,
    kind: str | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    token: str | None = None,
    timeout: float = TIMEOUT_S,
) -> Probe:
    """Test a source: for a folder that it exists and holds PDFs or packages; for a server
    that the document its sync starts from answers, and what kind it is."""
    url = url.strip()
    kind = kind or guess_kind(url)
    if kind == "folder" or (kind is None and not url.lower().startswith(("http://", "https"))):
        return _probe_folder(url)
    url, url_user, url_password = credentials.split_userinfo(url)
    if url_user and not (user or token):
        user, password = url_user, url_password
    headers = _auth(user, password, token)
    shown = redact_userinfo(url)
    order = [kind] if kind else ["oparl", "feed", "firstagenda"]
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client:
            last: Probe | None = None
            for candidate in order:
                result = _try(client, url, candidate, shown)
                if result.ok or result.offline or result.denied:
                    return result
                last = result
    except httpx.ConnectError as exc:
        return _unreachable(shown, exc)
    except httpx.TimeoutException:
        return Probe(
            False,
            kind,
            say(f"{shown} svarede ikke i tide", f"{shown} did not answer in time"),
        )
    except httpx.HTTPError as exc:
        return Probe(False, kind, say(f"{shown}: {exc}", f"{shown}: {exc}"))
    assert last is not None
    if kind is None:
        return Probe(
            False,
            None,
            say(
                f"{shown} svarer, men som hverken en OParl-server, et Mødemappe-feed eller "
                "FirstAgenda; vælg slagsen selv, eller kontrollér adressen",
                f"{shown} answers, but not as an OParl server, a Mødemappe feed or "
                "FirstAgenda; choose the kind yourself, or check the address",
            ),
        )
    return last


def _try(client: httpx.Client, url: str, kind: str, shown: str) -> Probe:
    if kind == "feed":
        target = manifest_url(url)
    elif kind == "firstagenda":
        target = url.rstrip("/") + "/api/agenda/udvalgsliste"
    else:
        target = url
    reply = client.get(target)
    if reply.status_code in (401, 403):
        return Probe(
            False,
            kind,
            say(
                f"{shown} afviste brugernavnet, adgangskoden eller tokenet "
                f"(HTTP {reply.status_code})",
                f"{shown} refused the user name, password or token (HTTP {reply.status_code})",
            ),
            denied=True,
        )
    if reply.status_code >= 400:
        return Probe(
            False,
            kind,
            say(
                f"{shown} svarede HTTP {reply.status_code}",
                f"{shown} answered HTTP {reply.status_code}",
            ),
        )
    try:
        data = json.loads(reply.content)
    except ValueError:
        data = None
    if kind == "oparl":
        type_ = str(data.get("type", "")) if isinstance(data, dict) else ""
        if "oparl.org" in type_ and type_.endswith("/System"):
            name = str(data.get("name") or "") if isinstance(data, dict) else ""
            return Probe(True, "oparl", _found("OParl", name, shown))
        return Probe(False, "oparl", _not_kind(shown, "OParl"))
    if kind == "feed":
        if isinstance(data, dict) and data.get("format") == FEED_FORMAT:
            meetings = data.get("meetings")
            count = len(meetings) if isinstance(meetings, list) else 0
            return Probe(
                True,
                "feed",
                say(
                    f"Forbindelsen virker: et Mødemappe-feed med "
                    f"{plural(count, 'møde', 'møder', 'meeting', 'meetings', lang='da')}",
                    f"The connection works: a Mødemappe feed with "
                    f"{plural(count, 'møde', 'møder', 'meeting', 'meetings', lang='en')}",
                ),
            )
        return Probe(False, "feed", _not_kind(shown, say("et Mødemappe-feed", "a Mødemappe feed")))
    if isinstance(data, dict) and "Udvalg" in data:
        return Probe(True, "firstagenda", _found("FirstAgenda", "", shown))
    return Probe(False, "firstagenda", _not_kind(shown, "FirstAgenda"))


def _found(what: str, name: str, shown: str) -> str:
    label = f"{what} ({name})" if name else what
    return say(f"Forbindelsen virker: {label}", f"The connection works: {label}")


def _not_kind(shown: str, what: str) -> str:
    return say(f"{shown} svarer ikke som {what}", f"{shown} does not answer as {what}")


def _unreachable(shown: str, exc: Exception) -> Probe:
    return Probe(
        False,
        None,
        say(
            f"Kan ikke komme i forbindelse med {shown}: der er ingen forbindelse til nettet, "
            "eller adressen findes ikke",
            f"Cannot reach {shown}: there is no network connection, or the address does not exist",
        ),
        offline=True,
    )


def _probe_folder(url: str) -> Probe:
    path = Path(url).expanduser()
    if not path.is_dir():
        return Probe(
            False,
            "folder",
            say(f"{url}: mappen findes ikke", f"{url}: no such folder"),
        )
    try:
        count = sum(1 for p in path.rglob("*") if p.suffix.lower() in (".pdf", ".zip"))
    except OSError as exc:
        return Probe(
            False, "folder", say(f"{url}: kan ikke læses ({exc})", f"{url}: unreadable ({exc})")
        )
    if not count:
        return Probe(
            False,
            "folder",
            say(
                f"{url}: mappen indeholder ingen PDF- eller zip-filer",
                f"{url}: the folder holds no PDF or zip files",
            ),
        )
    files = plural(count, "fil", "filer", "file", "files")
    return Probe(
        True, "folder", say(f"Mappen kan læses: {files}", f"The folder is readable: {files}")
    )


def reachable(urls: list[str], timeout: float = 3.0) -> bool:
    """Whether any of the hosts of ``urls`` takes a connection: False when offline (no
    network, no name lookup), so that a sync can say so calmly instead of failing each
    source. True when there is nothing remote to reach."""
    hosts: list[tuple[str, int]] = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            continue
        hosts.append((parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)))
    if not hosts:
        return True
    for host, port in dict.fromkeys(hosts):
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return True
        except OSError:
            continue
    return False
