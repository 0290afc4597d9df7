"""The one download engine every sync adapter shares.

It speaks HTTP(S) with TLS verification always on, follows redirects itself so that only
http(s) targets are accepted and credentials never leave the source's origin, retries
transient failures with exponential backoff and jitter (honouring ``Retry-After``), makes
conditional requests, resumes interrupted downloads with ``Range`` into a ``.part`` file in
the data dir's ``tmp/``, caps sizes, and verifies checksums before a file is handed on.
Installing a verified file into the library is the importer's job (atomically, by SHA-256).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx

from reader import __version__
from reader.errors import MoedemappeError
from reader.library.importer import Cancelled
from reader.library.package import MAX_FILE_BYTES

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_REDIRECTS = 10
CHUNK = 256 * 1024
USER_AGENT = f"Moedemappe/{__version__}"
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class SyncError(MoedemappeError):
    """A source or one of its objects could not be synced; the message names which."""


class FetchError(SyncError):
    """A request failed for good (after retries, or with an answer retrying cannot change)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class _Transient(Exception):  # an internal signal to retry, never shown
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


@dataclass(frozen=True)
class Validators:
    """What the server said identifies a response, for a conditional request next time."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        h: dict[str, str] = {}
        if self.etag:
            h["If-None-Match"] = self.etag
        if self.last_modified:
            h["If-Modified-Since"] = self.last_modified
        return h


@dataclass(frozen=True)
class JsonResponse:
    data: Any  # None when not_modified
    body: bytes
    validators: Validators
    not_modified: bool
    url: str


@dataclass(frozen=True)
class Expect:
    """What the source promised about a file; every given checksum must match."""

    size: int | None = None  # exact, when the source vouches for it (our feed does)
    sha256: str | None = None
    sha1: str | None = None
    sha512: str | None = None


@dataclass(frozen=True)
class Download:
    path: Path | None  # the verified file in tmp/, None when not_modified
    sha256: str
    size: int
    validators: Validators
    not_modified: bool


@dataclass(frozen=True)
class Credentials:
    """Sent only to ``origin`` (scheme, host, port): never to a redirect elsewhere."""

    origin: tuple[str, str, int | None]
    header: str


class Stats:
    """Counters shared by the worker threads (for reports, tests and benchmarks)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests = 0
        self.files = 0
        self.bytes = 0
        self.not_modified = 0

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)


def origin_of(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


class Engine:
    """HTTP for one source's sync. Thread-safe: downloads run on a bounded pool."""

    def __init__(
        self,
        tmp_dir: Path,
        *,
        credentials: Credentials | None = None,
        concurrency: int = 4,
        max_bytes: int = MAX_FILE_BYTES,
        retries: int = 4,
        backoff: float = 0.5,
        max_retry_after: float = 120.0,
        timeout: float = 30.0,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.tmp = tmp_dir
        self.credentials = credentials
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.cancelled = cancelled or (lambda: False)
        self.stats = Stats()
        tmp_dir.mkdir(parents=True, exist_ok=True)
        self.client = httpx.Client(
            verify=True,  # never configurable: a council's documents come over TLS as they are
            follow_redirects=False,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            headers={"User-Agent": USER_AGENT},
            limits=httpx.Limits(max_connections=concurrency + 2, max_keepalive_connections=8),
            trust_env=False,  # no proxy or netrc from the environment sees the credentials
        )
        self.pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="sync")

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.client.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        return self.pool.submit(fn, *args)

    # -- requests ------------------------------------------------------------------------

    def get_json(
        self,
        url: str,
        params: dict[str, str] | None = None,
        validators: Validators | None = None,
    ) -> JsonResponse:
        """GET a JSON document; a 304 answer comes back as ``not_modified`` with no data."""
        target = httpx.URL(url)
        if params:
            target = target.copy_merge_params(params)
        headers = {"Accept": "application/json"}
        if validators:
            headers.update(validators.headers())

        def attempt() -> JsonResponse:
            with self._open(target, headers) as response:
                if response.status_code == 304:
                    return JsonResponse(None, b"", validators or Validators(), True, url)
                if response.status_code != 200:
                    raise FetchError(_status_message(str(target), response.status_code))
                body = self._read_all(response, MAX_JSON_BYTES, str(target))
                found = _validators(response)
            try:
                data = json.loads(body)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise FetchError(f"{target}: the answer is not valid JSON ({exc})") from exc
            return JsonResponse(data, body, found, False, str(response.url))

        return self._retrying(str(target), attempt)

    def get_text(self, url: str) -> int:
        """GET a page only for what it sets (a session cookie); returns the status."""

        def attempt() -> int:
            with self._open(httpx.URL(url), {}) as response:
                if response.status_code >= 400:
                    raise FetchError(_status_message(url, response.status_code))
                self._read_all(response, MAX_JSON_BYTES, url)
                return int(response.status_code)

        return self._retrying(url, attempt)

    def download(
        self,
        url: str,
        expect: Expect | None = None,
        validators: Validators | None = None,
    ) -> Download:
        """Download a file into ``tmp/``, resuming a ``.part`` an earlier attempt left.

        The returned file has the expected size and checksums; the caller installs it and
        deletes it. With ``validators`` of the copy we have, a 304 means nothing to fetch.
        """
        expect = expect or Expect()
        if expect.size is not None and expect.size > self.max_bytes:
            raise FetchError(f"{url}: the file is too large ({expect.size} bytes)")
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        part = self.tmp / f"sync-{key}.part"
        meta = self.tmp / f"sync-{key}.meta.part"
        target = httpx.URL(url)
        fresh_tries = [0]

        def attempt() -> Download:
            have = _size(part)
            saved = _read_meta(meta) if have else Validators()
            headers = {"Accept-Encoding": "identity"}  # byte ranges of the file itself
            resume = have > 0 and bool(saved.etag or saved.last_modified or expect.sha256)
            if resume:
                headers["Range"] = f"bytes={have}-"
                if saved.etag or saved.last_modified:
                    headers["If-Range"] = str(saved.etag or saved.last_modified)
            elif validators is not None:
                headers.update(validators.headers())
            with self._open(target, headers) as response:
                status = response.status_code
                if status == 304 and not resume:
                    self.stats.add(not_modified=1)
                    v = _validators(response)
                    merged = Validators(
                        v.etag or (validators.etag if validators else None),
                        v.last_modified or (validators.last_modified if validators else None),
                    )
                    return Download(None, "", 0, merged, True)
                if status == 416 and resume:
                    _drop(part, meta)
                    raise _Transient("the partial download no longer matches")
                if status not in (200, 206):
                    raise FetchError(_status_message(url, status), status)
                found = _validators(response)
                offset, total = _range_of(response, have)
                if total is not None and total > self.max_bytes:
                    _drop(part, meta)
                    raise FetchError(f"{url}: the file is too large ({total} bytes)")
                if expect.size is not None and total is not None and total != expect.size:
                    _drop(part, meta)  # a proxy's glitch, or a file changed under us: again
                    raise _Transient(
                        f"the server sends {total} bytes, the feed lists {expect.size}"
                    )
                if not expect.sha256:  # without a checksum, resume only the same file
                    _write_meta(meta, found)
                hashes = _Hashes(expect)
                size = self._stream_to(response, part, offset, url, hashes)
                if total is not None and size != total:
                    raise _Transient(f"received {size} of {total} bytes")
            digest = hashes.verify(expect, size)
            if digest is None:
                _drop(part, meta)
                fresh_tries[0] += 1
                if fresh_tries[0] >= 2:
                    raise FetchError(f"{url}: the file does not match its checksum")
                raise _Transient("checksum mismatch")
            meta.unlink(missing_ok=True)
            self.stats.add(files=1)
            return Download(part, digest, size, found, False)

        return self._retrying(url, attempt)

    # -- plumbing ------------------------------------------------------------------------

    def _retrying(self, url: str, attempt: Callable[[], T]) -> T:
        for n in range(self.retries + 1):
            self._check_cancelled()
            try:
                return attempt()
            except _Transient as exc:
                if n == self.retries:
                    raise FetchError(
                        f"{url}: could not fetch it ({exc.reason}; tried {n + 1} times)"
                    ) from None
                delay = exc.retry_after
                if delay is None:
                    delay = self.backoff * (2**n) * (0.5 + random.random())
                elif delay > self.max_retry_after:
                    raise FetchError(
                        f"{url}: the server asks us to wait {delay:.0f} s; try again later"
                    ) from None
                log.info("retrying %s in %.2f s: %s", url, delay, exc.reason)
                self._sleep(delay)
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def _open(self, url: httpx.URL, headers: dict[str, str]) -> Any:
        """A streamed response after redirects; transient failures raise ``_Transient``."""
        response: httpx.Response | None = None
        start = url
        try:
            for _hop in range(MAX_REDIRECTS + 1):
                if url.scheme not in ("http", "https"):
                    raise FetchError(f"{url}: refused, only http and https are fetched")
                request = self.client.build_request("GET", url, headers=self._auth(url, headers))
                self.stats.add(requests=1)
                response = self.client.send(request, stream=True)
                status = response.status_code
                if status in (301, 302, 303, 307, 308) and "location" in response.headers:
                    location = response.headers["location"]
                    response.close()
                    response = None
                    try:
                        url = url.join(location)
                    except httpx.InvalidURL as exc:
                        raise FetchError(f"{url}: bad redirect {location!r}") from exc
                    if url.scheme not in ("http", "https"):
                        raise FetchError(f"{start}: refused a redirect to {location!r}")
                    continue
                if status in RETRY_STATUS:
                    retry_after = _retry_after(response.headers.get("retry-after"))
                    response.close()
                    raise _Transient(f"the server answered {status}", retry_after)
                yield response
                return
            raise FetchError(f"{start}: too many redirects")
        except httpx.UnsupportedProtocol as exc:
            raise FetchError(f"{url}: refused, only http and https are fetched") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"{url}: not a valid address ({exc})") from exc
        except httpx.TimeoutException:
            raise _Transient("timed out") from None
        except httpx.TransportError as exc:
            raise _Transient(f"connection failed: {exc.__class__.__name__}") from None
        finally:
            if response is not None:
                response.close()

    def _auth(self, url: httpx.URL, headers: dict[str, str]) -> dict[str, str]:
        if self.credentials is not None and origin_of(url) == self.credentials.origin:
            return {**headers, "Authorization": self.credentials.header}
        return headers

    def _read_all(self, response: httpx.Response, limit: int, url: str) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{url}: the answer is too large ({declared} bytes)")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes(CHUNK):
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{url}: the answer is too large (more than {limit} bytes)")
            chunks.append(chunk)
            self._check_cancelled()
        return b"".join(chunks)

    def _stream_to(
        self, response: httpx.Response, part: Path, offset: int, url: str, hashes: _Hashes
    ) -> int:
        """Append the body to the part file at ``offset``, hashing as it goes."""
        mode = "r+b" if offset and part.exists() else "wb"
        with open(part, mode) as fh:
            if offset:
                fh.truncate(offset)
                while chunk := fh.read(1024 * 1024):  # what an earlier attempt got
                    hashes.update(chunk)
            fh.seek(offset)
            size = offset
            for chunk in response.iter_bytes():  # as received: a cut keeps what arrived
                hashes.update(chunk)
                size += len(chunk)
                if size > self.max_bytes:
                    fh.close()
                    part.unlink(missing_ok=True)
                    raise FetchError(f"{url}: the file is too large (more than {size} bytes)")
                fh.write(chunk)
                if self.cancelled():
                    fh.flush()
                    raise Cancelled("sync cancelled")
            fh.flush()
        self.stats.add(bytes=size - offset)
        return size

    def _check_cancelled(self) -> None:
        if self.cancelled():
            raise Cancelled("sync cancelled")

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self._check_cancelled()
            time.sleep(min(left, 0.1))


def _status_message(url: str, status: int) -> str:
    if status in (401, 403):
        return f"{url}: access denied ({status}); check the source's user name or token"
    if status == 404:
        return f"{url}: not found on the server (404)"
    return f"{url}: the server answered {status}"


def _validators(response: httpx.Response) -> Validators:
    etag = response.headers.get("etag")
    return Validators(etag, response.headers.get("last-modified"))


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _range_of(response: httpx.Response, have: int) -> tuple[int, int | None]:
    """Where the body starts in the file and the file's full size, if the server says."""
    if response.status_code == 206:
        value = response.headers.get("content-range", "")
        try:
            unit, _, rest = value.partition(" ")
            span, _, full = rest.partition("/")
            start = int(span.split("-")[0])
        except ValueError:
            raise _Transient(f"unreadable Content-Range {value!r}") from None
        if unit != "bytes" or start != have:
            raise _Transient(f"the server resumed at the wrong place ({value!r})")
        return start, int(full) if full.isdigit() else None
    length = response.headers.get("content-length")
    if response.headers.get("content-encoding", "identity") != "identity":
        return 0, None  # the length is of the encoded body; the checksum still decides
    return 0, int(length) if length and length.isdigit() else None


class _Hashes:
    """The checksums a download needs, computed while the bytes arrive (no second read)."""

    def __init__(self, expect: Expect) -> None:
        self.h256 = hashlib.sha256()
        self.h1 = hashlib.sha1() if expect.sha1 else None
        self.h512 = hashlib.sha512() if expect.sha512 else None

    def update(self, chunk: bytes) -> None:
        self.h256.update(chunk)
        if self.h1 is not None:
            self.h1.update(chunk)
        if self.h512 is not None:
            self.h512.update(chunk)

    def verify(self, expect: Expect, size: int) -> str | None:
        """The file's SHA-256, or None if any promised checksum or size does not match."""
        checks = [
            (expect.sha256, self.h256.hexdigest()),
            (expect.sha1, self.h1.hexdigest() if self.h1 else None),
            (expect.sha512, self.h512.hexdigest() if self.h512 else None),
        ]
        if expect.size is not None and size != expect.size:
            return None
        for want, got in checks:
            if want and want.strip().lower() != got:
                return None
        return self.h256.hexdigest()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_meta(path: Path) -> Validators:
    try:
        data = json.loads(path.read_text("utf-8"))
        return Validators(data.get("etag"), data.get("last_modified"))
    except (OSError, ValueError, AttributeError):
        return Validators()


def _write_meta(path: Path, v: Validators) -> None:
    path.write_text(json.dumps({"etag": v.etag, "last_modified": v.last_modified}), "utf-8")


def _drop(*paths: Path) -> None:
    for p in paths:
        p.unlink(missing_ok=True)
