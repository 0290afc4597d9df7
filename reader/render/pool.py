"""Render worker processes behind one small API: the view says what it wants, tiles come back.

Why processes: a page that crashes MuPDF (or loops in it) must cost one worker, never the app.
Why shared memory: a page of pixels is megabytes; the pipe carries a header of a few dozen
bytes and the parent copies the pixels out once. Why ``want`` replaces wishes: while the
member scrolls, pages fly past; only what is on screen now (then what is next to it) is worth
rendering, so requests not yet sent are dropped as soon as they are no longer wanted.

Threads: the caller's (``want`` and the rest only queue and send small messages), one receiver
per worker process (copies pixels, runs the callbacks), and a supervisor that starts and
restarts workers -- all spawns happen on it, so Linux's parent-death signal, which follows the
spawning thread, stays armed -- kills workers that run past ``timeout_s`` and hands out failures
that need no worker.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import logging
import os
import secrets
import subprocess
import sys
import threading
import time
import weakref
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import reader
from reader.errors import PdfError, RenderCrashed
from reader.i18n import say
from reader.render import protocol
from reader.render.shm import Segment, unlink
from reader.render.spares import Spares
from reader.render.types import DocumentInfo, FindMatch, PageText, RenderFailure, Tile, TileRequest

log = logging.getLogger(__name__)

_DEPTH = 2  # requests sent ahead per worker: one renders while the next waits in its pipe
_SLOTS = 2
_START_GRACE_S = 60.0  # a worker that has not finished its imports by then is stuck
_PATH_CRASHES = 3  # crashes on different pages of one document before it is given up
_START_FAILURES = 3  # workers dying before they are ready, in a row, before the pool gives up
_TICK_S = 0.1
_SPARES_AFTER_S = 0.03  # tile memory is made ready once no tile came for this long

_live: weakref.WeakSet[RenderPool] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for pool in list(_live):
        pool.close()


@dataclass
class _Job:
    """A request answered through a future: info, text, find."""

    kind: str
    args: tuple[Any, ...]
    future: Future[Any]
    key: tuple[str, str, int] | None = None  # (kind, path, page) remembered if it crashes


@dataclass
class _Sent:
    rid: int
    tile: TileRequest | None
    job: _Job | None
    slot: int
    sent_at: float
    cancel_sent: bool = False
    started: bool = False  # the worker said it began this one


@dataclass
class _Worker:
    """One worker process (a restart is a new ``_Worker`` in the same place)."""

    index: int
    prefix: str
    proc: subprocess.Popen[bytes]
    fd: int
    spawned_at: float
    ready: bool = False
    ready_at: float = 0.0
    last_reply: float = 0.0
    alive: bool = True
    killed_for: str | None = None
    sent: OrderedDict[int, _Sent] = field(default_factory=OrderedDict)
    free_slots: list[int] = field(default_factory=lambda: list(range(_SLOTS)))
    gens: dict[int, int] = field(default_factory=dict)  # newest generation seen per slot
    attached: dict[int, tuple[int, Segment]] = field(default_factory=dict)  # receiver's own


@dataclass
class _Wish:
    requests: list[TileRequest]
    preload: list[TileRequest]
    stamp: int


def _default_workers() -> int:
    return min(4, max(2, os.cpu_count() or 2))


class RenderPool:
    """Worker processes rendering tiles and reading text for every view of the app."""

    def __init__(
        self,
        workers: int | None = None,
        *,
        on_tile: Callable[[Tile], None],
        on_failure: Callable[[RenderFailure], None],
        timeout_s: float = 20.0,
    ) -> None:
        self._n = workers or _default_workers()
        self._on_tile = on_tile
        self._on_failure = on_failure
        self._timeout = timeout_s
        self._token = secrets.token_hex(3)
        self._cond = threading.Condition()
        self._started = False
        self._closing = False
        self._closed = False
        self._workers: list[_Worker | None] = [None] * self._n
        self._respawn_at: dict[int, float] = {}
        self._start_failures = [0] * self._n
        self._incarnations = itertools.count()
        self._rids = itertools.count(1)
        self._stamps = itertools.count()
        self._wants: dict[Hashable, _Wish] = {}
        self._jobs: deque[_Job] = deque()
        self._sending: dict[TileRequest, tuple[_Worker, int]] = {}
        self._poisoned: set[tuple[str, str, int]] = set()  # (kind, path, page); page -1: all
        self._suspects: set[tuple[str, str, int]] = set()  # died on once: one more try
        self._path_crashes: dict[str, int] = {}
        self._deliveries: list[Callable[[], None]] = []
        self._receivers: list[threading.Thread] = []
        self._supervisor: threading.Thread | None = None
        self._spares = Spares()
        self._tile_at = 0.0  # when the last tile came
        _live.add(self)

    # -- the API ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start the workers in the background; returns at once, requests queue meanwhile."""
        with self._cond:
            if self._started or self._closing:
                return
            self._started = True
            now = time.monotonic()
            for i in range(self._n):
                self._respawn_at[i] = now
            self._supervisor = threading.Thread(
                target=self._supervise, name="render-supervisor", daemon=True
            )
            self._supervisor.start()

    def want(
        self,
        client: Hashable,
        requests: Sequence[TileRequest],
        preload: Sequence[TileRequest] = (),
    ) -> None:
        """Replace everything ``client`` wanted: ``requests`` most wanted first, ``preload``
        after every client's requests. Unwanted requests not yet rendering are dropped."""
        with self._cond:
            if self._closing:
                return
            wanted = list(dict.fromkeys(requests))
            seen = set(wanted)
            later = [r for r in dict.fromkeys(preload) if r not in seen]
            if wanted or later:
                self._wants[client] = _Wish(wanted, later, next(self._stamps))
            else:
                self._wants.pop(client, None)
            self._cancel_unwanted()
            self._pump()
        self.start()

    def info(self, path: Path) -> Future[DocumentInfo]:
        return self._submit(_Job("info", (str(path),), Future()))

    def text(self, path: Path, page: int) -> Future[PageText]:
        return self._submit(_Job("text", (str(path), page), Future(), ("text", str(path), page)))

    def find(self, path: Path, needle: str, first: int, last: int) -> Future[list[FindMatch]]:
        """Matches on pages ``first``..``last``: case-blind, blind to white space and breaks."""
        return self._submit(_Job("find", (str(path), needle, first, last), Future()))

    def forget(self, path: Path) -> None:
        """Workers close the document (a new version of it, or its tab closed)."""
        with self._cond:
            for w in self._workers:
                if w is not None and w.alive:
                    self._write(w, ("forget", str(path)))

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (for diagnostics and tests)."""
        with self._cond:
            return [w.proc.pid for w in self._workers if w is not None and w.alive]

    def close(self) -> None:
        """Stop the workers and free their shared memory; idempotent."""
        with self._cond:
            if self._closing:
                return
            self._closing = True
            workers = [w for w in self._workers if w is not None]
            jobs = list(self._jobs)
            self._jobs.clear()
            self._wants.clear()
            self._cond.notify_all()
        for w in workers:
            with contextlib.suppress(OSError):
                os.close(w.fd)
        for w in workers:
            try:
                w.proc.wait(timeout=2.0)
            except subprocess.TimeoutExpired:
                w.proc.kill()
        for t in [*self._receivers, self._supervisor]:
            if t is not None and t is not threading.current_thread():
                t.join(timeout=5.0)
        closed = _closed()
        for job in jobs:
            _fail(job.future, closed)
        with self._cond:
            self._closed = True
            late, self._deliveries = self._deliveries, []
        _run(late)
        self._spares.clear()
        _live.discard(self)

    # -- scheduling (under self._cond) ------------------------------------------------------

    def _submit(self, job: _Job) -> Future[Any]:
        with self._cond:
            if self._closing:
                _fail(
                    job.future, RenderCrashed(say("Visningen er lukket.", "The viewer was closed."))
                )
                return job.future
            self._jobs.append(job)
            self._pump()
        self.start()
        return job.future

    def _poisoned_tile(self, r: TileRequest) -> bool:
        p = str(r.path)
        return ("tile", p, r.page) in self._poisoned or ("tile", p, -1) in self._poisoned

    def _order(self) -> Iterator[TileRequest]:
        """Wished tiles in priority order: the newest client's first wish, the next client's
        first wish, ...; then the preloads in the same way."""
        wishes = sorted(self._wants.values(), key=lambda w: -w.stamp)
        for lists in ([list(w.requests) for w in wishes], [list(w.preload) for w in wishes]):
            for row in itertools.zip_longest(*lists):
                for r in row:
                    if r is not None:
                        yield r

    def _drop_wish(self, request: TileRequest) -> None:
        for wish in self._wants.values():
            if request in wish.requests:
                wish.requests.remove(request)
            elif request in wish.preload:
                wish.preload.remove(request)

    def _cancel_unwanted(self) -> None:
        wanted: set[TileRequest] = set()
        for wish in self._wants.values():
            wanted.update(wish.requests)
            wanted.update(wish.preload)
        for request, (w, rid) in self._sending.items():
            sent = w.sent.get(rid)
            if request not in wanted and sent is not None and not sent.cancel_sent:
                sent.cancel_sent = True
                self._write(w, ("cancel", rid))

    def _pump(self) -> None:
        """Send work to workers with room in their pipeline, most wanted first."""
        if self._closing:
            return
        live = [w for w in self._workers if w is not None and w.alive]
        if not live:
            return
        order: Iterator[TileRequest] | None = None
        while True:
            room = [w for w in live if len(w.sent) < _DEPTH]
            if not room:
                return
            if self._jobs:
                job = self._next_job()
                if job is not None:
                    w = min(room, key=lambda w: (len(w.sent), not w.ready))
                    self._send(w, _Sent(next(self._rids), None, job, -1, 0.0))
                    continue
            # a slot comes back only once its pixels are copied out
            room = [w for w in room if w.free_slots]
            if not room:
                return
            if order is None:
                order = self._order()
            request = self._next_tile(order)
            if request is None:
                return
            w = min(room, key=lambda w: (len(w.sent), not w.ready))
            slot = w.free_slots.pop()
            sent = _Sent(next(self._rids), request, None, slot, 0.0)
            self._sending[request] = (w, sent.rid)
            self._send(w, sent)

    def _next_job(self) -> _Job | None:
        while self._jobs:
            job = self._jobs.popleft()
            key = job.key
            if key is not None and (
                key in self._poisoned or (key[0], key[1], -1) in self._poisoned
            ):
                self._later_fail(job.future, key[1], key[2])
                continue
            if job.future.running() or job.future.set_running_or_notify_cancel():
                return job
        return None

    def _next_tile(self, order: Iterator[TileRequest]) -> TileRequest | None:
        for request in order:
            if request in self._sending:
                continue
            if self._poisoned_tile(request):
                self._drop_wish(request)
                failure = RenderFailure(request, "crashed", "page crashed a worker before")
                self._deliveries.append(partial(self._on_failure, failure))
                self._cond.notify_all()
                continue
            return request
        return None

    def _later_fail(self, future: Future[Any], path: str, page: int) -> None:
        error = RenderCrashed(_crash_words(path, page))
        self._deliveries.append(partial(_fail, future, error))
        self._cond.notify_all()

    def _send(self, w: _Worker, sent: _Sent) -> None:
        sent.sent_at = time.monotonic()
        w.sent[sent.rid] = sent
        if sent.tile is not None:
            r = sent.tile
            message: tuple[Any, ...] = (
                "tile",
                sent.rid,
                str(r.path),
                r.page,
                r.scale,
                r.region,
                sent.slot,
            )
        else:
            assert sent.job is not None
            message = (sent.job.kind, sent.rid, *sent.job.args)
        self._write(w, message)

    def _write(self, w: _Worker, message: tuple[Any, ...]) -> None:
        # A worker gone: its receiver sees EOF and hands its work on.
        with contextlib.suppress(OSError):
            protocol.write(w.fd, message)

    # -- workers -----------------------------------------------------------------------------

    def _supervise(self) -> None:
        while True:
            spawn: list[int] = []
            kill: list[_Worker] = []
            with self._cond:
                if self._closing:
                    deliveries, self._deliveries = self._deliveries, []
                    _run(deliveries)
                    return
                now = time.monotonic()
                for i, at in list(self._respawn_at.items()):
                    if at <= now:
                        del self._respawn_at[i]
                        spawn.append(i)
                for w in self._workers:
                    if w is None or not w.alive or w.killed_for is not None:
                        continue
                    if not w.ready:
                        if now - w.spawned_at > max(self._timeout, _START_GRACE_S):
                            w.killed_for = "timeout"
                            kill.append(w)
                        continue
                    if w.sent:
                        head = next(iter(w.sent.values()))
                        busy_since = max(head.sent_at, w.last_reply, w.ready_at)
                        if now - busy_since > self._timeout:
                            w.killed_for = "timeout"
                            kill.append(w)
                deliveries, self._deliveries = self._deliveries, []
            for w in kill:
                log.warning("render worker %d timed out, killing it", w.proc.pid)
                with contextlib.suppress(OSError):
                    w.proc.kill()
            for i in spawn:
                self._spawn(i)
            _run(deliveries)
            wait = _TICK_S
            if self._spares.short():
                # not while a tile is on its way to the screen: the refill would take a core
                quiet = time.monotonic() - self._tile_at
                if quiet >= _SPARES_AFTER_S:
                    if self._spares.refill():
                        continue
                else:
                    wait = min(wait, _SPARES_AFTER_S - quiet)
            with self._cond:
                if not self._deliveries and not self._closing:
                    self._cond.wait(wait)

    def _spawn(self, index: int) -> None:
        prefix = f"mm{self._token}w{index}i{next(self._incarnations)}"
        try:
            proc = subprocess.Popen(
                worker_command(prefix),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                # a windowed app on Windows has no stderr; the worker moves its stdout there
                stderr=None if _has_fd(2) else subprocess.DEVNULL,
                env=worker_env(),
                close_fds=True,
            )
        except OSError as exc:
            log.error("cannot start a render worker: %s", exc)
            with self._cond:
                self._worker_failed_to_start(index)
            return
        assert proc.stdin is not None
        fd = os.dup(proc.stdin.fileno())
        proc.stdin.close()
        w = _Worker(index, prefix, proc, fd, time.monotonic())
        with self._cond:
            if self._closing:
                os.close(fd)
                proc.kill()
                proc.wait()
                if proc.stdout is not None:
                    proc.stdout.close()
                return
            self._workers[index] = w
            t = threading.Thread(
                target=self._receive, args=(w,), name=f"render-receiver-{index}", daemon=True
            )
            self._receivers = [r for r in self._receivers if r.is_alive()]
            self._receivers.append(t)
            t.start()
            self._pump()

    def _worker_failed_to_start(self, index: int) -> None:
        self._start_failures[index] += 1
        n = self._start_failures[index]
        if all(f >= _START_FAILURES for f in self._start_failures):
            self._give_up()
        self._respawn_at[index] = time.monotonic() + min(10.0, 0.5 * 2 ** (n - 1))
        self._cond.notify_all()

    def _give_up(self) -> None:
        """No worker can start: fail what is waiting instead of letting it wait for ever."""
        message = "render workers cannot start"
        for request in list(self._order()):
            failure = RenderFailure(request, "crashed", message)
            self._deliveries.append(partial(self._on_failure, failure))
        self._wants.clear()
        error = RenderCrashed(say("Siderne kan ikke vises.", "The pages cannot be shown."))
        while self._jobs:
            future = self._jobs.popleft().future
            self._deliveries.append(partial(_fail, future, error))

    def _receive(self, w: _Worker) -> None:
        assert w.proc.stdout is not None
        stream = w.proc.stdout
        while True:
            try:
                message = protocol.read(stream)
            except Exception:
                log.exception("render worker %d sent garbage", w.proc.pid)
                message = None
            if message is None:
                break
            try:
                self._on_message(w, message)
            except Exception:
                log.exception("render pool: handling %r failed", message[0])
        with contextlib.suppress(OSError):
            w.proc.kill()
        w.proc.wait()
        stream.close()
        self._on_death(w)

    def _on_message(self, w: _Worker, message: tuple[Any, ...]) -> None:
        kind = message[0]
        now = time.monotonic()
        if kind == "ready":
            with self._cond:
                w.ready, w.ready_at = True, now
                self._start_failures[w.index] = 0
                self._pump()
            return
        rid = message[1]
        if kind == "start":
            with self._cond:
                started = w.sent.get(rid)
                if started is not None:
                    started.started = True
                w.last_reply = now
            return
        with self._cond:
            sent = w.sent.pop(rid, None)
            w.last_reply = now
        if sent is None:
            log.error("render worker %d answered an unknown request %r", w.proc.pid, rid)
            return
        if kind == "tile":
            _, _, gen, width, height, stride = message
            data = self._pixels(w, sent.slot, gen, height * stride)
        deliver: Callable[[], None] | None = None
        with self._cond:
            if kind == "tile":
                self._tile_at = now
            if sent.tile is not None:
                w.free_slots.append(sent.slot)
                if self._sending.get(sent.tile, (None, 0))[1] == rid:
                    del self._sending[sent.tile]
                if kind != "cancelled":
                    self._drop_wish(sent.tile)
            self._pump()
        if kind == "tile" and sent.tile is not None:
            tile = Tile(sent.tile, width, height, stride, data)
            deliver = partial(self._on_tile, tile)
        elif kind == "err" and sent.tile is not None:
            failure = RenderFailure(sent.tile, "error", str(message[2]))
            deliver = partial(self._on_failure, failure)
        elif kind == "ok" and sent.job is not None:
            result = message[2]
            deliver = partial(_resolve, sent.job.future, result)
        elif kind == "err" and sent.job is not None:
            log.warning("render worker: %s", message[2])
            error = PdfError(
                say(
                    f"{Path(sent.job.args[0]).name} kan ikke læses.",
                    f"{Path(sent.job.args[0]).name} cannot be read.",
                )
            )
            deliver = partial(_fail, sent.job.future, error)
        if deliver is not None:
            _run([deliver])

    def _pixels(self, w: _Worker, slot: int, gen: int, nbytes: int) -> memoryview:
        """The pixels out of the worker's slot: the one copy the parent makes, into memory
        made resident beforehand (``Spares``)."""
        have = w.attached.get(slot)
        if have is None or have[0] != gen:
            if have is not None:
                have[1].close()
            name = f"{w.prefix}s{slot}g{gen}"
            seg = Segment(name)
            # Mapped on both sides now, the name is not needed: without it nothing can leak,
            # whichever process dies first and however.
            unlink(name)
            w.attached[slot] = (gen, seg)
            w.gens[slot] = gen
            have = (gen, seg)
        data = self._spares.take(nbytes)
        data[:] = have[1].buf[:nbytes]
        return data

    def _on_death(self, w: _Worker) -> None:
        for _, seg in w.attached.values():
            seg.close()
        w.attached.clear()
        for slot in range(_SLOTS):
            last = w.gens.get(slot, -1)
            for gen in (last, last + 1):
                if gen >= 0:
                    unlink(f"{w.prefix}s{slot}g{gen}")
        deliveries: list[Callable[[], None]] = []
        with self._cond:
            w.alive = False
            sent = list(w.sent.values())
            w.sent.clear()
            for s in sent:
                if s.tile is not None and self._sending.get(s.tile, (None, 0))[0] is w:
                    del self._sending[s.tile]
            if self._closing:
                error = _closed()
                for s in sent:
                    if s.job is not None:
                        deliveries.append(partial(_fail, s.job.future, error))
            else:
                reason = w.killed_for or "crashed"
                code = w.proc.returncode
                if sent and sent[0].started:
                    deliveries.extend(self._blame(sent[0], reason, code))
                    sent = sent[1:]
                for s in reversed(sent):
                    if s.job is not None:
                        self._jobs.appendleft(s.job)
                if w.ready:
                    self._respawn_at[w.index] = time.monotonic()
                else:
                    self._worker_failed_to_start(w.index)
                log.warning("render worker %d %s (exit %s), restarting", w.proc.pid, reason, code)
                self._cond.notify_all()
                self._pump()
        _run(deliveries)

    def _blame(self, sent: _Sent, reason: str, code: int | None) -> list[Callable[[], None]]:
        """The request a worker died on is tried once more on a fresh worker: a worker killed
        from outside (the OOM killer, a member ending a process) is not the page's fault. Dying
        on it a second time, it fails, and its page is not tried again."""
        message = f"worker {reason} (exit {code})"
        key = (
            ("tile", str(sent.tile.path), sent.tile.page) if sent.tile is not None else None
        ) or (sent.job.key if sent.job is not None else None)
        if key is not None and key not in self._suspects:
            self._suspects.add(key)
            if sent.tile is not None:
                log.info("retrying page %d of %s once", sent.tile.page, sent.tile.path.name)
                return []  # still wanted: the pump sends it again
            assert sent.job is not None
            self._jobs.appendleft(sent.job)
            return []
        if sent.tile is not None:
            request = sent.tile
            path = str(request.path)
            self._poisoned.add(("tile", path, request.page))
            self._count_crash(path)
            self._drop_wish(request)
            failure = RenderFailure(request, reason, message)
            return [partial(self._on_failure, failure)]
        job = sent.job
        assert job is not None
        if job.key is not None:
            self._poisoned.add(job.key)
            self._count_crash(job.key[1])
        page = job.key[2] if job.key is not None else -1
        error = RenderCrashed(_crash_words(job.args[0], page))
        return [partial(_fail, job.future, error)]

    def _count_crash(self, path: str) -> None:
        n = self._path_crashes[path] = self._path_crashes.get(path, 0) + 1
        if n >= _PATH_CRASHES:
            self._poisoned.add(("tile", path, -1))
            self._poisoned.add(("text", path, -1))


def worker_command(prefix: str) -> list[str]:
    """The command line of a worker. A frozen app (a bundle) has no Python to run ``-m``
    with: its ``sys.executable`` is the app, which becomes a worker when given the flag."""
    if getattr(sys, "frozen", False):
        return [sys.executable, protocol.WORKER_FLAG, prefix]
    return [sys.executable, "-m", "reader.render.worker", prefix]


def _has_fd(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def worker_env() -> dict[str, str]:
    """The app's environment, with the source tree on the path when run from source (the
    app may have been started from another folder with the tree only on its own path)."""
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        root = str(Path(reader.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def _crash_words(path: str, page: int) -> str:
    name = Path(path).name
    if page < 0:
        return say(f"{name} kunne ikke vises.", f"{name} could not be shown.")
    return say(
        f"Side {page + 1} i {name} kunne ikke vises.",
        f"Page {page + 1} of {name} could not be shown.",
    )


def _resolve(future: Future[Any], result: Any) -> None:
    with contextlib.suppress(Exception):
        future.set_result(result)


def _fail(future: Future[Any], error: BaseException) -> None:
    with contextlib.suppress(Exception):
        future.set_exception(error)


def _run(calls: list[Callable[[], None]]) -> None:
    for call in calls:
        try:
            call()
        except Exception:
            log.exception("render pool callback failed")


def _closed() -> RenderCrashed:
    return RenderCrashed(say("Visningen er lukket.", "The viewer was closed."))
