"""A real HTTP server on 127.0.0.1 for the sync tests, with faults to inject.

Routes map a path to bytes (or a function of the request); files get an ETag, honour
If-None-Match and Range. Faults are queued per path and consumed one per request.
Every request is logged, so tests can count what the sync asked for.

The hostile faults (a body that drips, headers and then silence, headers that drip) hold
their connection for as long as the client stays or until the server stops.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Hit:
    method: str
    path: str  # with the query
    status: int
    headers: dict[str, str]


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Route = bytes | Callable[["Handler"], Reply]


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up mid-answer are what the faults are for


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.faults: dict[str, list[str | tuple[str, Any]]] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()  # ends what the hostile faults hold open
        self.httpd = _HTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.owner = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> Server:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def json(self, path: str, data: Any) -> None:
        self.routes[path] = json.dumps(data, ensure_ascii=False).encode()

    def fault(self, path: str, *faults: str | tuple[str, Any]) -> None:
        with self.lock:
            self.faults.setdefault(path, []).extend(faults)

    def wait_for(self, pred: Callable[[Hit], bool], timeout: float = 10.0) -> None:
        """Until a request matching ``pred`` has arrived (tests act at that moment)."""
        deadline = time.monotonic() + timeout
        while not self.count(pred):
            if time.monotonic() > deadline:
                raise AssertionError("the expected request never came")
            time.sleep(0.01)

    def count(self, pred: Callable[[Hit], bool]) -> int:
        with self.lock:
            return sum(1 for h in self.hits if pred(h))

    def file_gets(self, suffix: str = ".pdf") -> int:
        """Requests that sent a file's bytes (200 or 206) for paths ending in ``suffix``."""
        return self.count(
            lambda h: urlsplit(h.path).path.endswith(suffix) and h.status in (200, 206)
        )


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, format: str, *args: Any) -> None:
        pass

    @property
    def owner(self) -> Server:
        owner: Server = self.server.owner
        return owner

    def do_GET(self) -> None:
        owner = self.owner
        path = self.path
        route_key = path if path in owner.routes else urlsplit(path).path
        with owner.lock:
            queue = owner.faults.get(route_key) or []
            fault = queue.pop(0) if queue else None
        route = owner.routes.get(route_key)
        if route is None:
            return self._send(Reply(404, b"not found"), path)
        reply = route(self) if callable(route) else file_reply(self, route)
        if fault is not None:
            return self._faulty(fault, reply, path)
        self._send(reply, path)

    def _send(
        self, reply: Reply, path: str, *, length: int | None = None, log: bool = True
    ) -> None:
        if log:
            self._log(path, reply.status)
        self.send_response(reply.status)
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(reply.body) if length is None else length))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _log(self, path: str, status: int) -> None:
        with self.owner.lock:
            self.owner.hits.append(Hit(self.command, path, status, dict(self.headers)))

    def _faulty(self, fault: str | tuple[str, Any], reply: Reply, path: str) -> None:
        kind, arg = (fault, None) if isinstance(fault, str) else fault
        if kind == "500":
            self._send(Reply(500, b"boom"), path)
        elif kind == "429":
            self._send(Reply(429, b"slow down", {"Retry-After": str(arg or 1)}), path)
        elif kind == "stall":  # longer than the client's read timeout
            self._log(path, 0)  # logged as it arrives: the client gives up before the answer
            time.sleep(float(arg or 2))
            self._send(reply, path, log=False)
        elif kind == "cut":  # the connection drops after half the body
            self._log(path, reply.status)
            self.send_response(reply.status)
            for k, v in reply.headers.items():
                if k.lower() != "content-length":
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif kind == "short-length":  # declares fewer bytes than the file has
            self._send(
                Reply(reply.status, reply.body[: len(reply.body) - 100], reply.headers), path
            )
        elif kind == "long-length":  # declares more bytes than it sends
            self._send(reply, path, length=len(reply.body) + 1000)
            self.close_connection = True
        elif kind == "corrupt":  # right length, wrong bytes
            body = bytearray(reply.body)
            body[len(body) // 2] ^= 0xFF
            self._send(Reply(reply.status, bytes(body), reply.headers), path)
        elif kind == "huge":  # claims 10 GB
            self._log(path, 200)
            self.send_response(200)
            self.send_header("Content-Length", str(10 * 1024**3))
            self.end_headers()
            self.wfile.write(b"%PDF-1.7\n" + b"0" * 65536)
            self.close_connection = True
        elif kind == "redirect":
            self._send(Reply(302, b"", {"Location": str(arg)}), path)
        elif kind == "drip":  # arg = (bytes sent at once, seconds per further byte)
            head, interval = arg
            self._log(path, reply.status)
            self._headers(reply)
            self._trickle(reply.body[:head], 0.0)
            self._trickle(reply.body[head:], float(interval))
            self.close_connection = True
        elif kind == "silence":  # the headers, then nothing for arg seconds
            self._log(path, reply.status)
            self._headers(reply)
            self.owner.stopping.wait(float(arg))
            self.close_connection = True
        elif kind == "header-drip":  # the status line and headers, a byte every arg seconds
            self._log(path, reply.status)
            head = f"HTTP/1.1 {reply.status} OK\r\nContent-Length: {len(reply.body)}\r\n\r\n"
            self._trickle(head.encode(), float(arg))
            self.close_connection = True
        else:
            raise AssertionError(f"unknown fault {kind}")

    def _headers(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for k, v in reply.headers.items():
            if k.lower() != "content-length":
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.flush()

    def _trickle(self, data: bytes, interval: float) -> None:
        """Send ``data`` in one go, or a byte every ``interval`` s while the client stays."""
        pieces = [data] if interval <= 0 else [data[i : i + 1] for i in range(len(data))]
        for piece in pieces:
            if interval > 0 and self.owner.stopping.wait(interval):
                return
            try:
                self.wfile.write(piece)
                self.wfile.flush()
            except OSError:  # the client gave up: that is what the test wants to see
                return


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def file_reply(handler: Handler, body: bytes) -> Reply:
    """Static-file semantics: ETag, If-None-Match, Range with If-Range."""
    etag = etag_of(body)
    headers = {"ETag": etag, "Accept-Ranges": "bytes"}
    if handler.headers.get("If-None-Match") == etag:
        return Reply(304, b"", headers)
    rng = handler.headers.get("Range")
    if_range = handler.headers.get("If-Range")
    if rng and rng.startswith("bytes=") and (if_range is None or if_range == etag):
        start = int(rng[6:].split("-")[0])
        if start >= len(body):
            return Reply(416, b"", {"Content-Range": f"bytes */{len(body)}"})
        headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
        return Reply(206, body[start:], headers)
    return Reply(200, body, headers)


def serve() -> Iterator[Server]:
    server = Server().start()
    try:
        yield server
    finally:
        server.stop()
