"""The threads, connections and requests in flight that the watchdog looks after.

A bounded pool of daemon threads (cancelling never waits on one), each thread's HTTP client
with the sockets it opened (so a stuck read can be cut with a socket ``shutdown``), and one
record per request in flight with its deadline and rate credit. The transport's watchdog
decides when to stop a request; these are what it stops. Apart from the transport so that
the low-level thread and socket handling reads on its own.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

import httpx

T = TypeVar("T")

TICK = 0.1  # seconds between the watchdog's looks: cancel acts within this


class Pool:
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


class Conn:
    """One thread's HTTP client and the sockets it opened, so that a stuck read can be cut.

    The sockets come from httpcore's ``trace`` extension (``connect_tcp``/``start_tls``);
    one client per thread means "this thread's sockets" are exactly those the request in
    flight may be using.
    """

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.transfer: Transfer | None = None
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


class Transfer:
    """One request in flight, from sending it to the end of its body."""

    def __init__(self, conn: Conn, shown: str, deadline: float, credit: float) -> None:
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
