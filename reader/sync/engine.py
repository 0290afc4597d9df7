"""The one download engine every sync adapter shares.

It speaks HTTP(S) with TLS verification always on, follows redirects itself so that only
http(s) targets are accepted and credentials never leave the source's origin, retries
transient failures with exponential backoff and jitter (honouring ``Retry-After``), makes
conditional requests, resumes interrupted downloads with ``Range`` into a ``.part`` file in
the data dir's ``tmp/``, caps sizes, and verifies checksums before a file is handed on.
Installing a verified file into the library is the importer's job (atomically, by SHA-256).

No request waits without end. A watchdog thread looks at every request in flight each
``TICK`` and cuts its connection (a socket ``shutdown``, which wakes a blocked read at
once) when the sync is cancelled, when the request passed its ``deadline``, or when it
fell behind ``min_rate`` by more than ``grace`` seconds' worth of bytes (a leaky bucket: a
silent server is dropped after ``grace`` seconds, a trickle soon after). A server that gives
no answer ``max_silent`` times in a row is given up for the rest of the sync
(``Unresponsive``). Downloads run on daemon threads, so cancelling never waits on one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import logging
import queue
import random
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any, TypeVar

import httpx

from reader import __version__
from reader.errors import Cancelled, Transient, Unresponsive
from reader.errors import NetworkError as NetworkError
from reader.errors import SyncError as SyncError
from reader.i18n import plural, say
from reader.library.package import MAX_FILE_BYTES
from reader.logs import redact_userinfo as redact
from reader.sync.parts import PartMeta, Slot

FetchError = NetworkError  # the name it had before reader.errors

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_JSON_BYTES = 64 * 1024 * 1024
# OParl's deepest real nesting (list page > meeting > agenda item > consultation > paper >
# file) is about a dozen levels; Python's parsers and our fingerprints recurse per level
MAX_JSON_DEPTH = 64
MAX_REDIRECTS = 10
# A big city's full OParl meeting list is a few hundred pages; beyond this a server's
# ``next`` links are broken or hostile
MAX_PAGES = 2000
CHUNK = 1024 * 1024
TICK = 0.1  # seconds between the watchdog's looks: cancel acts within this
CHECKPOINT_BYTES = 4 * 1024 * 1024  # a resumable part's state is saved this often ...
CHECKPOINT_SECONDS = 1.0  # ... or at least this often, so a killed sync resumes
USER_AGENT = f"Moedemappe/{__version__}"
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


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
    path: Path | None  # the verified file in tmp/, None when not_modified; the caller deletes it
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


# -- JSON without recursion on hostile input -------------------------------------------------


def json_too_deep(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether lists and objects in ``value`` nest deeper than ``limit``: a walk, no recursion."""
    level: list[Any] = [value]  # the containers at one depth: one pass per level
    for _depth in range(limit):
        below: list[Any] = []
        for node in level:
            for child in node.values() if isinstance(node, dict) else node:
                if isinstance(child, dict | list):
                    below.append(child)
        if not below:
            return False
        level = below
    return True


def parse_json(body: bytes, shown: str) -> Any:
    """The JSON value of ``body``; NetworkError naming ``shown`` if it is not JSON or too deep.

    The C parser guards its own recursion (``RecursionError``, at Python's limit); what it
    returns is then walked without recursion, so that nothing nested deeper than
    ``MAX_JSON_DEPTH`` reaches code that recurses per level (fingerprints, the importer).
    """
    too_deep = say(
        f"{shown}: JSON'en er indlejret mere end {MAX_JSON_DEPTH} niveauer; afvist",
        f"{shown}: the JSON is nested more than {MAX_JSON_DEPTH} levels deep; refused",
    )
    try:
        value = json.loads(body)
    except RecursionError:
        raise NetworkError(too_deep) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NetworkError(
            say(
                f"{shown}: svaret er ikke gyldig JSON ({exc})",
                f"{shown}: the answer is not valid JSON ({exc})",
            )
        ) from exc
    if isinstance(value, dict | list) and json_too_deep(value):
        raise NetworkError(too_deep)
    return value


# -- threads, connections, and requests in flight --------------------------------------------


class _Pool:
    """A bounded pool of daemon threads: shutting it down never waits on a stuck worker."""

    def __init__(self, workers: int, name: str) -> None:
        self._workers = max(1, workers)
        self._name = name
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]] = (
            queue.SimpleQueue()
        )
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed.is_set():
                raise RuntimeError("the download pool is shut down")
            self._queue.put((future, fn, args))
            if len(self._threads) < self._workers:
                thread = threading.Thread(
                    target=self._work, name=f"{self._name}-{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
        return future

    def _work(self) -> None:
        while not self._closed.is_set():
            try:
                future, fn, args = self._queue.get(timeout=TICK)
            except queue.Empty:
                continue
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args)
            except BaseException as exc:  # handed to whoever waits on the future
                future.set_exception(exc)
            else:
                future.set_result(result)

    def shutdown(self) -> None:
        """Cancel what has not started; running work ends on its own (it was told to stop)."""
        with self._lock:
            self._closed.set()
        while True:
            try:
                future, _fn, _args = self._queue.get_nowait()
            except queue.Empty:
                return
            future.cancel()


class _Conn:
    """One thread's HTTP client and the sockets it opened, so that a stuck read can be cut.

    The sockets come from httpcore's ``trace`` extension (``connect_tcp``/``start_tls``);
    one client per thread means "this thread's sockets" are exactly those the request in
    flight may be using.
    """

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.transfer: _Transfer | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets = [s for s in self._sockets if s.fileno() != -1]
                self._sockets.append(sock)
        transfer = self.transfer
        if transfer is not None and transfer.reason is not None:
            self.cut()  # stopped while it was still connecting

    def cut(self) -> None:
        """Shut this thread's connections down: a read blocked on one fails at once."""
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Transfer:
    """One request in flight, from sending it to the end of its body."""

    def __init__(self, conn: _Conn, shown: str, deadline: float, credit: float) -> None:
        now = time.monotonic()
        self.conn = conn
        self.shown = shown
        self.started = now
        self.deadline = now + deadline
        self.credit = credit  # bytes the transfer may still fall behind the minimum rate
        self.last = now
        self.seen = 0
        self.response: httpx.Response | None = None  # once the (final) headers arrived
        self.reason: str | None = None  # why the watchdog stopped it
        self.cancelled = False
        self.silent = False  # stopped for (nearly) no bytes: counts as no answer

    def received(self) -> int:
        response = self.response
        return response.num_bytes_downloaded if response is not None else 0

    def stop(self, reason: str, *, cancelled: bool = False, silent: bool = False) -> None:
        if self.reason is None:
            self.reason = reason
            self.cancelled = cancelled
            self.silent = silent
        self.conn.cut()


# -- the engine ------------------------------------------------------------------------------


class Engine:
    """HTTP for one source's sync. Thread-safe: downloads run on a bounded pool.

    Limits (see the module's docstring): ``timeout`` for connecting (at most 10 s) and for
    each read; ``deadline`` for a whole request; ``min_rate`` bytes/s after ``grace``
    seconds; ``max_silent`` requests in a row without an answer; ``max_pages`` of one
    paginated list; ``max_bytes`` of a file.
    """

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
        deadline: float = 600.0,
        min_rate: float = 1024.0,
        grace: float = 30.0,
        max_silent: int = 2,
        max_pages: int = MAX_PAGES,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.tmp = tmp_dir
        self.credentials = credentials
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.timeout = timeout
        self.deadline = deadline
        self.min_rate = min_rate
        self.grace = grace
        self.max_silent = max_silent
        self.max_pages = max_pages
        self.cancelled = cancelled or (lambda: False)
        self.stats = Stats()
        tmp_dir.mkdir(parents=True, exist_ok=True)
        self._cookies = CookieJar()  # one jar for all threads: a session cookie is shared
        self._local = threading.local()
        self._lock = threading.Lock()
        self._conns: list[_Conn] = []
        self._transfers: set[_Transfer] = set()
        self._silent = 0
        self._down: str | None = None
        self._stop = threading.Event()  # cancelled, or closing: every wait and loop checks it
        self._closed = threading.Event()
        self._pool = _Pool(concurrency, "sync")
        self._watchdog = threading.Thread(target=self._watch, name="sync-watchdog", daemon=True)
        self._watchdog.start()

    def close(self) -> None:
        """Stop what still runs (its parts stay resumable) without waiting for it."""
        self._stop.set()
        self._pool.shutdown()
        with self._lock:
            transfers = list(self._transfers)
            conns = list(self._conns)
        for transfer in transfers:
            transfer.stop(say("synkroniseringen sluttede", "the sync ended"), cancelled=True)
        self._closed.set()
        for conn in conns:
            conn.client.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        return self._pool.submit(fn, *args)

    def result(self, future: Future[T]) -> T:
        """Wait for submitted work, but never past a cancel (the worker may be stuck)."""
        while True:
            self._check_cancelled()
            try:
                return future.result(timeout=TICK)
            except TimeoutError:
                continue

    # -- requests ------------------------------------------------------------------------

    def get_json(
        self,
        url: str,
        params: dict[str, str] | None = None,
        validators: Validators | None = None,
    ) -> JsonResponse:
        """GET a JSON document; a 304 answer comes back as ``not_modified`` with no data."""
        target = _url(url)
        if params:
            target = target.copy_merge_params(params)
        shown = redact(str(target))
        headers = {"Accept": "application/json"}
        if validators:
            headers.update(validators.headers())

        def attempt() -> JsonResponse:
            with self._open(target, headers) as response:
                if response.status_code == 304:
                    return JsonResponse(None, b"", validators or Validators(), True, url)
                if response.status_code != 200:
                    raise NetworkError(_status_message(shown, response.status_code))
                body = self._read_all(response, MAX_JSON_BYTES, shown)
                found = _validators(response)
                final = str(response.url)
            return JsonResponse(parse_json(body, shown), body, found, False, final)

        return self._retrying(shown, attempt)

    def get_text(self, url: str) -> int:
        """GET a page only for what it sets (a session cookie); returns the status."""
        target = _url(url)
        shown = redact(url)

        def attempt() -> int:
            with self._open(target, {}) as response:
                if response.status_code >= 400:
                    raise NetworkError(_status_message(shown, response.status_code))
                self._read_all(response, MAX_JSON_BYTES, shown)
                return int(response.status_code)

        return self._retrying(shown, attempt)

    def download(
        self,
        url: str,
        expect: Expect | None = None,
        validators: Validators | None = None,
    ) -> Download:
        """Download a file into ``tmp/``, resuming a ``.part`` an earlier sync left.

        A part is resumed only if its bytes are still what was recorded (size and SHA-256
        at the last checkpoint) and the server vouches it sends the rest of the same file
        (a strong ETag or a date in ``If-Range``, the same full size), or the feed gave a
        checksum that will check the whole. The returned file has the expected size and
        checksums. With ``validators`` of the copy we have, a 304 means nothing to fetch.
        """
        expect = expect or Expect()
        shown = redact(url)
        if expect.size is not None and expect.size > self.max_bytes:
            raise NetworkError(_file_too_large(shown, expect.size))
        target = _url(url)
        self._check_cancelled()
        slot = Slot(self.tmp, url)
        fresh_tries = [0]

        def attempt() -> Download:
            have, hashes, saved = self._resumable(slot, url, expect)
            headers = {"Accept-Encoding": "identity"}  # byte ranges of the file itself
            validator = _strong(saved.etag) or saved.last_modified
            resume = have > 0 and bool(validator or expect.sha256)
            if have and not resume:
                slot.drop()
                have, hashes = 0, _Hashes(expect)
            if resume:
                headers["Range"] = f"bytes={have}-"
                if validator:
                    headers["If-Range"] = validator
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
                    slot.drop()
                    raise Transient(
                        say(
                            "den delvise download passer ikke længere",
                            "the partial download no longer matches",
                        )
                    )
                if status not in (200, 206):
                    raise NetworkError(_status_message(shown, status), status)
                found = _validators(response)
                offset, total = _range_of(response, have)
                if offset == 0:
                    hashes = _Hashes(expect)  # the whole file again
                elif saved.total is not None and total is not None and total != saved.total:
                    slot.drop()
                    raise Transient(
                        say(
                            "filen er ændret siden den delvise download",
                            "the file changed since the partial download",
                        )
                    )
                if total is not None and total > self.max_bytes:
                    slot.drop()
                    raise NetworkError(_file_too_large(shown, total))
                if expect.size is not None and total is not None and total != expect.size:
                    slot.drop()  # a proxy's glitch, or a file changed under us: again
                    raise Transient(
                        say(
                            f"serveren sender {total} byte, feedet angiver {expect.size}",
                            f"the server sends {total} bytes, the feed lists {expect.size}",
                        )
                    )
                meta = PartMeta(
                    url,
                    found.etag or (saved.etag if offset else None),
                    found.last_modified or (saved.last_modified if offset else None),
                    total,
                )
                size = self._stream_to(response, slot, offset, hashes, meta, shown)
                if total is not None and size != total:
                    raise Transient(
                        say(f"modtog {size} af {total} byte", f"received {size} of {total} bytes")
                    )
            digest = hashes.verify(expect, size)
            if digest is None:
                slot.drop()
                fresh_tries[0] += 1
                if fresh_tries[0] >= 2:
                    raise NetworkError(
                        say(
                            f"{shown}: filen passer ikke med sin kontrolsum",
                            f"{shown}: the file does not match its checksum",
                        )
                    )
                raise Transient(say("forkert kontrolsum", "checksum mismatch"))
            path = slot.finish()
            self.stats.add(files=1)
            return Download(path, digest, size, found, False)

        try:
            return self._retrying(shown, attempt)
        except NetworkError as exc:
            if exc.status in (404, 410):
                slot.drop()  # gone from the server: nothing left to resume
            raise
        finally:
            slot.close()

    # -- plumbing ------------------------------------------------------------------------

    def _retrying(self, shown: str, attempt: Callable[[], T]) -> T:
        for n in range(self.retries + 1):
            self._check_cancelled()
            self._check_alive()
            try:
                return attempt()
            except Transient as exc:
                if n == self.retries:
                    tries = plural(n + 1, "gang", "gange", "time", "times")
                    raise NetworkError(
                        say(
                            f"{shown}: kunne ikke hentes ({exc.reason}; forsøgt {tries})",
                            f"{shown}: could not fetch it ({exc.reason}; tried {tries})",
                        )
                    ) from None
                delay = exc.retry_after
                if delay is None:
                    delay = self.backoff * (2**n) * (0.5 + random.random())
                elif delay > self.max_retry_after:
                    raise NetworkError(
                        say(
                            f"{shown}: serveren beder os vente {delay:.0f} s; prøv igen senere",
                            f"{shown}: the server asks us to wait {delay:.0f} s; try again later",
                        )
                    ) from None
                log.info("retrying %s in %.2f s: %s", shown, delay, exc.reason)
                self._sleep(delay)
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def _open(self, url: httpx.URL, headers: dict[str, str]) -> Iterator[httpx.Response]:
        """A streamed response after redirects, watched until its body is read.

        Transient failures raise ``Transient``; a request the watchdog stopped raises
        ``Cancelled``, ``NetworkError`` (too slow, too long) or ``Unresponsive``.
        """
        start = redact(str(url))
        transfer = self._begin(start)
        conn = transfer.conn
        response: httpx.Response | None = None
        try:
            for _hop in range(MAX_REDIRECTS + 1):
                if url.scheme not in ("http", "https"):
                    raise NetworkError(_only_http(redact(str(url))))
                request = conn.client.build_request(
                    "GET", url, headers=self._auth(url, headers), extensions={"trace": conn.trace}
                )
                self.stats.add(requests=1)
                response = conn.client.send(request, stream=True)
                status = response.status_code
                if status in (301, 302, 303, 307, 308) and "location" in response.headers:
                    self._heard()
                    location = response.headers["location"]
                    response.close()
                    response = None
                    try:
                        url = url.join(location)
                    except httpx.InvalidURL as exc:
                        raise NetworkError(
                            say(
                                f"{start}: ugyldig videresendelse {redact(location)!r}",
                                f"{start}: bad redirect {redact(location)!r}",
                            )
                        ) from exc
                    if url.scheme not in ("http", "https"):
                        raise NetworkError(
                            say(
                                f"{start}: afviste en videresendelse til {redact(location)!r}",
                                f"{start}: refused a redirect to {redact(location)!r}",
                            )
                        )
                    continue
                if status in RETRY_STATUS:
                    self._heard()
                    retry_after = _retry_after(response.headers.get("retry-after"))
                    response.close()
                    raise Transient(
                        say(f"serveren svarede {status}", f"the server answered {status}"),
                        retry_after,
                    )
                transfer.response = response
                try:
                    yield response
                except NetworkError:
                    self._heard()  # an answer, if not one we can use (a 404, too large, ...)
                    raise
                if transfer.reason is not None:  # the body "ended" because it was cut
                    raise self._stopped(transfer)
                self._heard()  # headers alone do not count: a server may stall after them
                return
            raise NetworkError(
                say(f"{start}: for mange videresendelser", f"{start}: too many redirects")
            )
        except httpx.UnsupportedProtocol as exc:
            raise NetworkError(_only_http(start)) from exc
        except httpx.InvalidURL as exc:
            raise NetworkError(_bad_address(start, exc)) from exc
        except httpx.TransportError as exc:
            raise self._failed(transfer, exc) from None
        except httpx.HTTPError as exc:  # an answer httpx cannot decode
            raise NetworkError(
                say(
                    f"{start}: svaret kan ikke læses ({exc.__class__.__name__})",
                    f"{start}: unreadable answer ({exc.__class__.__name__})",
                )
            ) from None
        except Transient:
            if transfer.reason is not None:
                raise self._stopped(transfer) from None
            raise
        finally:
            if response is not None:
                response.close()
            self._end(transfer)

    def _begin(self, shown: str) -> _Transfer:
        self._check_cancelled()
        transfer = _Transfer(self._conn(), shown, self.deadline, self.min_rate * self.grace)
        transfer.conn.transfer = transfer
        with self._lock:
            self._transfers.add(transfer)
        return transfer

    def _end(self, transfer: _Transfer) -> None:
        with self._lock:
            self._transfers.discard(transfer)
        transfer.conn.transfer = None

    def _stopped(self, transfer: _Transfer) -> Exception:
        """What a request the watchdog stopped becomes."""
        if transfer.cancelled or self._stop.is_set():
            return _sync_cancelled()
        gave_up = NetworkError(_abandoned(transfer.shown, str(transfer.reason)))
        if not transfer.silent:  # too long, but data kept coming: the server is there
            return gave_up
        return self._silence(transfer.shown, str(transfer.reason)) or gave_up

    def _failed(self, transfer: _Transfer, exc: httpx.TransportError) -> Exception:
        """What a transport error becomes: no answer counts towards giving the source up."""
        if transfer.reason is not None or self._stop.is_set():
            return self._stopped(transfer)
        timed_out = isinstance(exc, httpx.TimeoutException)
        if transfer.response is None:  # no answer at all
            what = say("tiden løb ud", "timed out") if timed_out else _conn_failed(exc)
            return self._silence(transfer.shown, what) or Transient(what)
        if timed_out:  # headers, then silence: a stuck server, retrying rarely helps
            what = say(
                f"intet modtaget i {_da_num(self.timeout)} s",
                f"nothing received for {self.timeout:g} s",
            )
            return self._silence(transfer.shown, what) or NetworkError(
                _abandoned(transfer.shown, what)
            )
        return Transient(_conn_failed(exc))  # cut: resume

    def _silence(self, shown: str, what: str) -> Unresponsive | None:
        with self._lock:
            self._silent += 1
            if self._down is None and self._silent >= self.max_silent:
                times = plural(self._silent, "gang", "gange", "time", "times")
                self._down = say(
                    f"{shown}: serveren holdt op med at svare ({what}; {times} i træk); "
                    "kilden springes over indtil næste synkronisering",
                    f"{shown}: the server stopped answering ({what}; {times} in a row); "
                    "gave up on this source until the next sync",
                )
            down = self._down
        return Unresponsive(down) if down is not None else None

    def _heard(self) -> None:
        with self._lock:
            self._silent = 0

    def _check_alive(self) -> None:
        if self._down is not None:
            raise Unresponsive(self._down)

    def _conn(self) -> _Conn:
        conn: _Conn | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _Conn(
                httpx.Client(
                    verify=_tls(),
                    follow_redirects=False,
                    timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
                    headers={"User-Agent": USER_AGENT},
                    cookies=self._cookies,
                    limits=httpx.Limits(max_connections=4, max_keepalive_connections=4),
                    trust_env=False,  # no proxy or netrc from the environment sees credentials
                )
            )
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    def _watch(self) -> None:
        """Every ``TICK``: pass a cancel on, and stop requests past their limits."""
        cap = self.min_rate * self.grace
        while not self._closed.wait(TICK):
            if not self._stop.is_set() and self.cancelled():
                self._stop.set()
            with self._lock:
                transfers = list(self._transfers)
            now = time.monotonic()
            for t in transfers:
                if self._stop.is_set():
                    t.stop(say("afbrudt", "cancelled"), cancelled=True)
                    continue
                if t.reason is not None:
                    continue
                got = t.received()
                t.credit = min(cap, t.credit + (got - t.seen) - self.min_rate * (now - t.last))
                t.seen, t.last = got, now
                if now >= t.deadline:
                    t.stop(
                        say(
                            f"ikke færdig efter {_da_num(self.deadline)} s",
                            f"not done after {self.deadline:g} s",
                        )
                    )
                elif self.min_rate > 0 and t.credit < 0:
                    t.stop(
                        say(
                            f"langsommere end {_da_num(self.min_rate)} byte/s "
                            f"({got} byte på {now - t.started:.0f} s)",
                            f"slower than {self.min_rate:g} bytes/s "
                            f"({got} bytes in {now - t.started:.0f} s)",
                        ),
                        silent=True,
                    )

    def _auth(self, url: httpx.URL, headers: dict[str, str]) -> dict[str, str]:
        if self.credentials is not None and origin_of(url) == self.credentials.origin:
            return {**headers, "Authorization": self.credentials.header}
        return headers

    def _read_all(self, response: httpx.Response, limit: int, shown: str) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise NetworkError(
                say(
                    f"{shown}: svaret er for stort ({declared} byte)",
                    f"{shown}: the answer is too large ({declared} bytes)",
                )
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():  # as received, so the watchdog sees progress
            size += len(chunk)
            if size > limit:
                raise NetworkError(
                    say(
                        f"{shown}: svaret er for stort (mere end {limit} byte)",
                        f"{shown}: the answer is too large (more than {limit} bytes)",
                    )
                )
            chunks.append(chunk)
            self._check_cancelled()
        return b"".join(chunks)

    def _resumable(self, slot: Slot, url: str, expect: Expect) -> tuple[int, _Hashes, PartMeta]:
        """How much of the part can be resumed, its bytes already hashed, and its record.

        Bytes after the last checkpoint are cut off; a part whose bytes no longer hash to
        the record (a crash, a disk error, another writer) starts over.
        """
        hashes = _Hashes(expect)
        meta = slot.read_meta()
        have = slot.size()
        if meta is None or meta.url != url or not 0 < meta.size <= have:
            if have or meta is not None:
                slot.drop()
            return 0, hashes, PartMeta(url)
        try:
            with open(slot.part, "r+b") as fh:
                fh.truncate(meta.size)
                while chunk := fh.read(CHUNK):
                    hashes.update(chunk)
        except OSError:
            slot.drop()
            return 0, _Hashes(expect), PartMeta(url)
        if hashes.sha256() != meta.sha256:
            log.info("%s: the partial download changed on disk; starting over", redact(url))
            slot.drop()
            return 0, _Hashes(expect), PartMeta(url)
        return meta.size, hashes, meta

    def _stream_to(
        self,
        response: httpx.Response,
        slot: Slot,
        offset: int,
        hashes: _Hashes,
        meta: PartMeta,
        shown: str,
    ) -> int:
        """Append the body to the part at ``offset``, hashing it and checkpointing as it goes.

        A body that ends short, or not at all, leaves a checkpoint to resume from; one that
        arrives whole needs none. (No ``truncate``: ``_resumable`` already cut the part to its
        checkpoint, and on ext4 a truncate makes the kernel write the file out at once.)
        """
        size = marked = offset
        marked_at = time.monotonic()
        too_large = complete = False
        with open(slot.part, "r+b" if offset else "wb") as fh:
            fh.seek(offset)
            try:
                for chunk in response.iter_bytes():  # as received: a cut keeps what arrived
                    size += len(chunk)
                    if size > self.max_bytes:
                        too_large = True
                        raise NetworkError(
                            say(
                                f"{shown}: filen er for stor (mere end {self.max_bytes} byte)",
                                f"{shown}: the file is too large "
                                f"(more than {self.max_bytes} bytes)",
                            )
                        )
                    hashes.update(chunk)
                    fh.write(chunk)
                    self._check_cancelled()
                    now = time.monotonic()
                    if size - marked >= CHECKPOINT_BYTES or now - marked_at >= CHECKPOINT_SECONDS:
                        fh.flush()
                        slot.write_meta(
                            dataclasses.replace(meta, size=size, sha256=hashes.sha256())
                        )
                        marked, marked_at = size, now
                complete = meta.total is None or size == meta.total
            finally:
                if not (too_large or complete):
                    fh.flush()
                    slot.write_meta(dataclasses.replace(meta, size=size, sha256=hashes.sha256()))
        if too_large:
            slot.drop()
        self.stats.add(bytes=size - offset)
        return size

    def _check_cancelled(self) -> None:
        if self._stop.is_set() or self.cancelled():
            self._stop.set()
            raise _sync_cancelled()

    def _sleep(self, seconds: float) -> None:
        self._stop.wait(seconds)
        self._check_cancelled()


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every client: loading the CA bundle costs ~0.1 s a time.

    Verification is always on and never configurable: a council's documents come over TLS
    as they are; no environment variable points it elsewhere either.
    """
    return httpx.create_ssl_context(verify=True, trust_env=False)


def _url(url: str) -> httpx.URL:
    try:
        return httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise NetworkError(_bad_address(redact(str(url)), exc)) from None


def _strong(etag: str | None) -> str | None:
    """An ETag ``If-Range`` may carry: weak ones never match a range (RFC 9110 13.1.5)."""
    return etag if etag and not etag.startswith("W/") else None


def _status_message(url: str, status: int) -> str:
    if status in (401, 403):
        return say(
            f"{url}: adgang nægtet ({status}); kontrollér kildens brugernavn eller token",
            f"{url}: access denied ({status}); check the source's user name or token",
        )
    if status == 404:
        return say(f"{url}: findes ikke på serveren (404)", f"{url}: not found on the server (404)")
    return say(f"{url}: serveren svarede {status}", f"{url}: the server answered {status}")


def _da_num(x: float) -> str:
    """A number as a Danish reader writes it: a decimal comma."""
    return f"{x:g}".replace(".", ",")


def _sync_cancelled() -> Cancelled:
    return Cancelled(say("synkroniseringen blev afbrudt", "sync cancelled"))


def _file_too_large(shown: str, size: int | None) -> str:
    return say(
        f"{shown}: filen er for stor ({size} byte)",
        f"{shown}: the file is too large ({size} bytes)",
    )


def _only_http(shown: str) -> str:
    return say(
        f"{shown}: afvist, kun http og https hentes",
        f"{shown}: refused, only http and https are fetched",
    )


def _bad_address(shown: str, exc: Exception) -> str:
    return say(f"{shown}: ikke en gyldig adresse ({exc})", f"{shown}: not a valid address ({exc})")


def _abandoned(shown: str, why: str) -> str:
    return say(f"{shown}: opgivet, {why}", f"{shown}: abandoned, {why}")


def _conn_failed(exc: Exception) -> str:
    name = exc.__class__.__name__
    return say(f"forbindelsen mislykkedes: {name}", f"connection failed: {name}")


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
            raise Transient(
                say(f"ulæselig Content-Range {value!r}", f"unreadable Content-Range {value!r}")
            ) from None
        if unit != "bytes" or start != have:
            raise Transient(
                say(
                    f"serveren fortsatte det forkerte sted ({value!r})",
                    f"the server resumed at the wrong place ({value!r})",
                )
            )
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

    def sha256(self) -> str:
        return self.h256.hexdigest()

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
