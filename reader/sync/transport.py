"""The HTTP client every sync adapter's requests go through, with its limits and watchdog.

It speaks HTTP(S) with TLS verification always on, follows redirects itself so that only
http(s) targets are accepted and credentials never leave the source's origin, and retries
transient failures with exponential backoff and jitter (honouring ``Retry-After``).

No request waits without end. A watchdog thread looks at every request in flight each
``TICK`` and cuts its connection (a socket ``shutdown``, which wakes a blocked read at
once) when the sync is cancelled, when the request passed its ``deadline``, or when it
fell behind ``min_rate`` by more than ``grace`` seconds' worth of bytes (a leaky bucket: a
silent server is dropped after ``grace`` seconds, a trickle soon after). A server that gives
no answer ``max_silent`` times in a row is given up for the rest of the sync
(``Unresponsive``). Downloads run on daemon threads, so cancelling never waits on one.
What is fetched (JSON, files) is built on this in ``downloads`` and ``engine``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import random
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import httpx

from reader import __version__
from reader.errors import Cancelled, NetworkError, Transient, Unresponsive
from reader.i18n import plural, say
from reader.library.package import MAX_FILE_BYTES
from reader.logs import redact_userinfo as redact
from reader.sync.credentials import Credentials, origin_of
from reader.sync.watchdog import TICK, Conn, Pool, T, Transfer

log = logging.getLogger(__name__)

MAX_REDIRECTS = 10
# A big city's full OParl meeting list is a few hundred pages; beyond this a server's
# ``next`` links are broken or hostile
MAX_PAGES = 2000
USER_AGENT = f"Moedemappe/{__version__}"
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


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


class Transport:
    """HTTP for one source's sync. Thread-safe: work runs on a bounded pool.

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
        self._conns: list[Conn] = []
        self._transfers: set[Transfer] = set()
        self._silent = 0
        self._down: str | None = None
        self._stop = threading.Event()  # cancelled, or closing: every wait and loop checks it
        self._closed = threading.Event()
        self._pool = Pool(concurrency, "sync")
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

    def _begin(self, shown: str) -> Transfer:
        self._check_cancelled()
        transfer = Transfer(self._conn(), shown, self.deadline, self.min_rate * self.grace)
        transfer.conn.transfer = transfer
        with self._lock:
            self._transfers.add(transfer)
        return transfer

    def _end(self, transfer: Transfer) -> None:
        with self._lock:
            self._transfers.discard(transfer)
        transfer.conn.transfer = None

    def _stopped(self, transfer: Transfer) -> Exception:
        """What a request the watchdog stopped becomes."""
        if transfer.cancelled or self._stop.is_set():
            return _sync_cancelled()
        gave_up = NetworkError(_abandoned(transfer.shown, str(transfer.reason)))
        if not transfer.silent:  # too long, but data kept coming: the server is there
            return gave_up
        return self._silence(transfer.shown, str(transfer.reason)) or gave_up

    def _failed(self, transfer: Transfer, exc: httpx.TransportError) -> Exception:
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

    def _conn(self) -> Conn:
        conn: Conn | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = Conn(
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


def http_url(url: str) -> httpx.URL:
    try:
        return httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise NetworkError(_bad_address(redact(str(url)), exc)) from None


def status_message(url: str, status: int) -> str:
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
