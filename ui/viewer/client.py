"""The app's one RenderPool, its results handed to the UI thread, and the tile cache.

The pool calls back on its own receiver thread; nothing from there touches Qt. A tile, a
failure or a finished future waits in a Python queue and one argument-less queued signal
wakes the UI thread to hand them out, as ``ui.tasks`` does: no Python object travels inside
a Qt event. Tiles become QImages that wrap the tile's bytes without a copy; the cache keeps
the bytes alive with the image and is bounded by bytes (the shared ``ByteLRU``).
"""

from __future__ import annotations

import ctypes
import logging
import sys
import threading
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from reader.render import (
    ByteLRU,
    DocumentInfo,
    FindMatch,
    PageText,
    RenderFailure,
    RenderPool,
    Tile,
    TileRequest,
)

log = logging.getLogger(__name__)

CACHE_BYTES = 256 * 1024 * 1024
CLOSE_ENOUGH = 0.005  # relative scale difference drawn as if exact
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter


@dataclass(frozen=True)
class CachedTile:
    """A tile ready to draw: ``image`` wraps ``data`` (kept here so it outlives the image)."""

    request: TileRequest
    image: QImage
    data: memoryview


TileListener = Callable[[TileRequest], None]
FailureListener = Callable[[RenderFailure], None]


class _Waker(QObject):
    wake = Signal()

    def __init__(self, drain: Callable[[], None]) -> None:
        super().__init__()
        self._drain = drain
        self.wake.connect(self._woken, Qt.ConnectionType.QueuedConnection)

    def _woken(self) -> None:
        self._drain()


def _big_allocations_go_back() -> None:
    """Let glibc map every allocation of a megabyte or more on its own, so a tile's bytes go
    back to the system when the cache drops it. By default glibc raises that threshold after
    the first big free, and tiles then come from heaps that, fragmented by tiles of all
    sizes from several threads, are never returned: hundreds of MB after a long scroll."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_MMAP_THRESHOLD, 1 << 20)
    except (OSError, AttributeError):  # not glibc
        pass


class RenderClient(QObject):
    """Owns the RenderPool; every result is delivered on the UI thread.

    Views ask with ``want`` (their key replaces what they wanted before) and listen with
    ``add_listener``; ``info``/``text``/``find`` call back with the result, or with the
    exception, once the owner is still alive. ``shutdown`` closes the workers; call it
    before the QApplication goes (MainWindow.closeEvent).
    """

    def __init__(
        self,
        workers: int | None = None,
        cache_bytes: int = CACHE_BYTES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        _big_allocations_go_back()
        self._lock = threading.Lock()
        self._queue: list[tuple[str, Any]] = []
        self._waker: _Waker | None = _Waker(self._drain)
        self._listeners: list[tuple[QObject, TileListener, FailureListener]] = []
        self.cache: ByteLRU[TileRequest, CachedTile] = ByteLRU(cache_bytes)
        # whole-page tiles cached per (path, page): scales, for drawing the nearest one scaled
        self._scales: dict[tuple[Path, int], set[float]] = {}
        self.failures: dict[tuple[Path, int], RenderFailure] = {}
        # the workers start with the first request (the pool starts itself): a window that
        # opens with its meeting list first does not share the CPU with their start-up
        self.pool = RenderPool(workers, on_tile=self._on_tile, on_failure=self._on_failure)
        self._closed = False

    # -- asking ----------------------------------------------------------------------------

    def want(
        self, client: Hashable, requests: Sequence[TileRequest], preload: Sequence[TileRequest] = ()
    ) -> None:
        if not self._closed:
            self.pool.want(client, requests, preload)

    def info(
        self, path: Path, owner: QObject, done: Callable[[DocumentInfo | BaseException], None]
    ) -> None:
        self._call(self.pool.info(path), owner, done)

    def text(
        self,
        path: Path,
        page: int,
        owner: QObject,
        done: Callable[[PageText | BaseException], None],
    ) -> None:
        self._call(self.pool.text(path, page), owner, done)

    def find(
        self,
        path: Path,
        needle: str,
        first: int,
        last: int,
        owner: QObject,
        done: Callable[[list[FindMatch] | BaseException], None],
    ) -> None:
        self._call(self.pool.find(path, needle, first, last), owner, done)

    def forget(self, path: Path) -> None:
        """Drop a document's tiles and failures (a re-issued version, a closed document)."""
        for key in [k for k in self.cache if k.path == path]:
            self.cache.pop(key)
        for k in [k for k in self._scales if k[0] == path]:
            del self._scales[k]
        for k in [k for k in self.failures if k[0] == path]:
            del self.failures[k]
        if not self._closed:
            self.pool.forget(path)

    def _call(self, future: Future[Any], owner: QObject, done: Callable[[Any], None]) -> None:
        def finished(f: Future[Any]) -> None:
            try:
                result: Any = f.result()
            except BaseException as exc:  # handed to ``done``: the caller words it
                result = exc
            self._post("call", (owner, done, result))

        future.add_done_callback(finished)

    # -- results ---------------------------------------------------------------------------

    def add_listener(self, owner: QObject, tile: TileListener, failure: FailureListener) -> None:
        """``tile(request)`` once a tile is in the cache, ``failure(f)`` when one failed;
        dropped with ``owner``."""
        self._listeners.append((owner, tile, failure))

    def remove_listener(self, owner: QObject) -> None:
        self._listeners = [entry for entry in self._listeners if entry[0] is not owner]

    def cached(self, request: TileRequest) -> CachedTile | None:
        hit: CachedTile | None = self.cache.get(request)
        return hit

    def close_enough(self, path: Path, page: int, scale: float) -> CachedTile | None:
        """The cached whole-page tile at ``scale`` or one so near it (within half a percent,
        under a pixel on a page) that drawn 1:1 nobody could tell."""
        hit = self.cached(TileRequest(path, page, scale))
        if hit is not None:
            return hit
        near = self.nearest(path, page, scale)
        if near is not None and abs(near.request.scale / scale - 1.0) < CLOSE_ENOUGH:
            return near
        return None

    def nearest(self, path: Path, page: int, scale: float) -> CachedTile | None:
        """The cached whole-page tile of ``page`` closest to ``scale`` (bigger preferred)."""
        scales = self._scales.get((path, page))
        if not scales:
            return None
        for s in sorted(scales, key=lambda s: abs(s - scale) if s >= scale else 2 * (scale - s)):
            hit: CachedTile | None = self.cache.get(TileRequest(path, page, s))
            if hit is not None:
                return hit
            scales.discard(s)  # evicted meanwhile
        return None

    def failure(self, path: Path, page: int) -> RenderFailure | None:
        return self.failures.get((path, page))

    def _on_tile(self, tile: Tile) -> None:  # on the pool's thread
        self._post("tile", tile)

    def _on_failure(self, failure: RenderFailure) -> None:  # on the pool's thread
        self._post("failure", failure)

    def _post(self, kind: str, payload: Any) -> None:
        with self._lock:
            if self._waker is None:
                return
            self._queue.append((kind, payload))
            if len(self._queue) == 1:
                self._waker.wake.emit()

    def _drain(self) -> None:
        with self._lock:
            batch, self._queue = self._queue, []
        arrived: list[TileRequest] = []
        for kind, payload in batch:
            if self._closed:
                return
            try:
                if kind == "tile":
                    arrived.append(self._store(payload))
                elif kind == "failure":
                    self._failed(payload)
                else:
                    owner, done, result = payload
                    if shiboken6.isValid(owner):
                        done(result)
            except Exception:  # one bad handler must not stop the others
                sys.excepthook(*sys.exc_info())
        if arrived:
            self._listeners = [e for e in self._listeners if shiboken6.isValid(e[0])]
            for request in arrived:
                for _owner, listener, _f in list(self._listeners):
                    listener(request)

    def _store(self, tile: Tile) -> TileRequest:
        req = tile.request
        image = QImage(tile.data, tile.width, tile.height, tile.stride, QImage.Format.Format_RGB888)
        self.cache.put(req, CachedTile(req, image, tile.data), len(tile.data))
        if req.region is None:
            self._scales.setdefault((req.path, req.page), set()).add(req.scale)
        self.failures.pop((req.path, req.page), None)
        return req

    def _failed(self, failure: RenderFailure) -> None:
        req = failure.request
        log.warning("page %d of %s not rendered: %s", req.page, req.path.name, failure.message)
        self.failures[(req.path, req.page)] = failure
        self._listeners = [e for e in self._listeners if shiboken6.isValid(e[0])]
        for _owner, _t, listener in list(self._listeners):
            listener(failure)

    def retry(self, path: Path, page: int) -> None:
        """Forget that ``page`` failed, so the next paint asks again."""
        self.failures.pop((path, page), None)

    # -- the end ---------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the workers and drop what is still queued; idempotent."""
        if self._closed:
            return
        self._closed = True
        with self._lock:
            waker, self._waker = self._waker, None
            self._queue.clear()
        self.pool.close()
        if waker is not None:
            waker.deleteLater()
        self._listeners.clear()
