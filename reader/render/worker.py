"""A render worker: ``python -m reader.render.worker PREFIX`` (in a bundle: ``moedemappe
--render-worker PREFIX``).

Reads requests from stdin, answers on stdout (moved off fd 1 first, so that nothing MuPDF or
a library prints can corrupt the stream), renders into shared-memory slots it owns, named
``PREFIX`` + slot + generation. Exits when stdin reaches EOF -- the app closed it or died --
and unlinks its slots on the way out; on Linux the kernel also kills it when the app dies.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections import OrderedDict, deque
from pathlib import Path
from typing import Any, NoReturn

from reader.render import protocol
from reader.render.shm import Segment, unlink

_MIN_SLOT = 4 << 20
_DOCS_OPEN = 4
_TEXT_CACHE = 16  # pages of text kept for a find that goes on through the same pages
_IMPORT_NICE = 10  # the start-up's priority below the app's (Linux: per thread)


class _Slots:
    """The worker's shared-memory slots; a slot is replaced by a bigger one when needed."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.segments: dict[int, tuple[int, Segment]] = {}
        self.lock = threading.Lock()

    def buffer(self, slot: int, nbytes: int) -> tuple[int, memoryview]:
        with self.lock:
            gen, seg = self.segments.get(slot, (-1, None))
            if seg is None or seg.size < nbytes:
                size = max(_MIN_SLOT, (nbytes * 5 // 4 + 0xFFFFF) & ~0xFFFFF)
                new = Segment(f"{self.prefix}s{slot}g{gen + 1}", size, create=True)
                if seg is not None:
                    seg.close()
                    unlink(seg.name)
                gen, seg = gen + 1, new
                self.segments[slot] = (gen, seg)
            return gen, seg.buf

    def unlink_all(self) -> None:
        with self.lock:
            for _, seg in self.segments.values():
                unlink(seg.name)


class _Inbox:
    """Requests read off stdin by a thread of their own, so a cancel overtakes the request it
    cancels, and EOF ends the process even while the main thread renders."""

    def __init__(self, slots: _Slots) -> None:
        self.queue: deque[tuple[Any, ...]] = deque()
        self.cancelled: set[int] = set()
        self.cond = threading.Condition()
        self.slots = slots
        threading.Thread(target=self._run, name="inbox", daemon=True).start()

    def _run(self) -> None:
        stdin = sys.stdin.buffer
        while True:
            try:
                msg = protocol.read(stdin)
            except Exception:
                msg = None
            if msg is None:
                self.slots.unlink_all()
                os._exit(0)
            with self.cond:
                if msg[0] == "cancel":
                    self.cancelled.add(msg[1])
                else:
                    self.queue.append(msg)
                    self.cond.notify()

    def next(self) -> tuple[tuple[Any, ...], bool]:
        """The next request and whether it was cancelled before it started."""
        with self.cond:
            while not self.queue:
                self.cond.wait()
            msg = self.queue.popleft()
            rid = msg[1] if len(msg) > 1 else None
            if not isinstance(rid, int) or not self.cancelled:
                return msg, False
            cancelled = rid in self.cancelled
            # ids grow: a cancel that came too late for an earlier request is not needed now
            self.cancelled = {c for c in self.cancelled if c > rid}
            return msg, cancelled


def _faults() -> dict[int, tuple[str, float]]:
    out: dict[int, tuple[str, float]] = {}
    for part in os.environ.get(protocol.FAULTS_ENV, "").split(";"):
        kind, _, rest = part.partition("@")
        if not rest:
            continue
        page, _, arg = rest.partition("=")
        out[int(page)] = (kind, float(arg or 0))
    return out


def _die_with_parent() -> None:
    """On Linux, be killed with the app even if the main thread is stuck inside MuPDF."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        os._exit(0)


def _import_gently() -> None:
    """Import PyMuPDF on a thread of lower priority. Workers start when the window opens its
    first document, while it is still filling its lists: on two cores, two workers importing
    at full priority would take the CPU the window needs to become usable. Rendering, on the
    main thread, keeps the normal priority."""
    failed: list[BaseException] = []

    def work() -> None:
        with contextlib.suppress(AttributeError, OSError):  # not Linux: the same priority
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _IMPORT_NICE)
        try:
            import reader.pdf.pages
            import reader.render.find  # noqa: F401
        except BaseException as exc:
            failed.append(exc)

    t = threading.Thread(target=work, name="imports")
    t.start()
    t.join()
    if failed:
        raise failed[0]


def main(argv: list[str]) -> int:
    out = os.dup(1)
    os.dup2(2, 1)
    _die_with_parent()
    slots = _Slots(argv[1])
    inbox = _Inbox(slots)
    _import_gently()

    from reader.pdf import pages
    from reader.render import find
    from reader.render.types import DocumentInfo, OutlineEntry, PageText

    pages.quiet()
    faults = _faults()
    docs = pages.OpenDocuments(_DOCS_OPEN)
    texts: OrderedDict[tuple[str, int], PageText] = OrderedDict()

    def fault(page: int) -> None:
        kind, arg = faults.get(page, ("", 0.0))
        if kind == "crash":
            os._exit(70)
        elif kind == "segv":
            os.kill(os.getpid(), signal.SIGSEGV)
        elif kind == "hang":
            while True:
                time.sleep(3600)
        elif kind == "slow":
            time.sleep(arg)

    def text_of(path: str, page: int) -> PageText:
        key = (path, page)
        cached = texts.get(key)
        if cached is not None:
            texts.move_to_end(key)
            return cached
        fault(page)
        text, boxes = pages.page_chars(docs.get(path), page)
        result = PageText(page, text, tuple(boxes))
        texts[key] = result
        while len(texts) > _TEXT_CACHE:
            texts.popitem(last=False)
        return result

    protocol.write(out, ("ready", os.getpid()))
    last: tuple[str, int] | None = None
    while True:
        msg, cancelled = inbox.next()
        kind = msg[0]
        if cancelled:
            protocol.write(out, ("cancelled", msg[1]))
            continue
        if kind == "forget":
            docs.forget(msg[1])
            for key in [k for k in texts if k[0] == msg[1]]:
                del texts[key]
            continue
        rid = msg[1]
        # Said before the work, so a crash is blamed on this request and on no other.
        protocol.write(out, ("start", rid))
        try:
            if kind == "tile":
                _, _, path, page, scale, region, slot = msg
                fault(page)
                gen = 0

                def buffer(nbytes: int, slot: int = slot) -> memoryview:
                    nonlocal gen
                    gen, buf = slots.buffer(slot, nbytes)
                    return buf

                w, h, stride = pages.render_into(docs.get(path), page, scale, region, buffer)
                reply: tuple[Any, ...] = ("tile", rid, gen, w, h, stride)
            elif kind == "info":
                count, sizes, outline = pages.document_info(docs.get(msg[2]))
                info = DocumentInfo(
                    Path(msg[2]),
                    count,
                    tuple(sizes),
                    tuple(OutlineEntry(*e) for e in outline),
                )
                reply = ("ok", rid, info)
            elif kind == "text":
                reply = ("ok", rid, text_of(msg[2], msg[3]))
            elif kind == "find":
                _, _, path, needle, first, last = msg
                doc = docs.get(path)
                wanted = find.normalise_needle(needle)
                matches: list[Any] = []
                for page in range(max(first, 0), min(last, doc.page_count - 1) + 1):
                    matches.extend(find.find_in(text_of(path, page), wanted))
                reply = ("ok", rid, matches)
            else:
                reply = ("err", rid, f"unknown request {kind!r}")
        except Exception as exc:
            reply = ("err", rid, f"{type(exc).__name__}: {exc}")
        protocol.write(out, reply)
        where = (msg[2], msg[3]) if kind in ("tile", "text") else None
        if where != last:
            pages.shrink_store()
            last = where


def run(argv: list[str]) -> NoReturn:
    """Be a worker until the app goes away, then end the process: ``argv[1]`` is the prefix."""
    try:
        code = main(argv)
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    # Not a normal exit: the inbox thread may be blocked reading stdin.
    os._exit(code)


if __name__ == "__main__":
    run(sys.argv)
