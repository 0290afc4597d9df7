"""Memory for tiles, made resident before it is needed.

A tile's pixels are copied out of the worker's slot into memory of the app's own. Fresh memory
costs a page fault per 4 KB the first time it is written: for a page at 150 % (3 MB) that is
three times the copy itself, and on a virtual machine it can take longer than MuPDF took to draw
the page. So the copy goes into a spare mapping that was faulted in beforehand, off the path
from request to screen, by a thread that does it without holding the GIL; the next spare is
made while the member reads. Every tile is a mapping of its own, so a tile dropped from the
cache goes back to the system at once, whatever malloc would have done with it.
"""

from __future__ import annotations

import contextlib
import mmap
import threading

_PAGE = mmap.PAGESIZE
_ZERO = "/dev/zero"


def _rounded(nbytes: int) -> int:
    return max(_PAGE, (nbytes + _PAGE - 1) // _PAGE * _PAGE)


def _fault_in(buf: mmap.mmap) -> None:
    """Make every page of ``buf`` resident. Reading /dev/zero into it has the kernel write each
    page, with the GIL released, so the UI thread runs on meanwhile."""
    try:
        with open(_ZERO, "rb", buffering=0) as zero:
            view = memoryview(buf)
            try:
                done = 0
                while done < len(view):
                    n = zero.readinto(view[done:])
                    if not n:
                        break
                    done += n
            finally:
                view.release()
    except OSError:  # no /dev/zero (Windows): the pages fault in on the copy instead
        pass


class Spares:
    """A few resident mappings the size of the last tile; ``take`` never waits for one."""

    def __init__(self, keep: int = 2) -> None:
        self.keep = keep
        self._lock = threading.Lock()
        self._free: list[mmap.mmap] = []
        self._size = 0  # rounded size of the last tile asked for

    def take(self, nbytes: int) -> memoryview:
        """``nbytes`` of writable memory: a spare when one fits, else a fresh mapping."""
        size = _rounded(nbytes)
        with self._lock:
            self._size = size
            buf = next((b for b in self._free if len(b) == size), None)
            if buf is not None:
                self._free.remove(buf)
        if buf is None:
            buf = mmap.mmap(-1, size)
        return memoryview(buf)[:nbytes]

    def short(self) -> bool:
        """Whether ``refill`` has work to do."""
        with self._lock:
            return self._missing() > 0 or any(len(b) != self._size for b in self._free)

    def _missing(self) -> int:
        if not self._size or not self.keep:
            return 0
        return self.keep - sum(1 for b in self._free if len(b) == self._size)

    def refill(self) -> bool:
        """Drop spares of another size and make the missing ones (slow: call it off the UI
        thread); False when nothing could be done, as when memory ran out."""
        with self._lock:
            stale = [b for b in self._free if len(b) != self._size]
            self._free = [b for b in self._free if len(b) == self._size]
            size, missing = self._size, self._missing()
        for b in stale:
            b.close()
        made = bool(stale)
        for _ in range(missing):
            try:
                buf = mmap.mmap(-1, size)
            except OSError:
                return made
            _fault_in(buf)
            with self._lock:
                if size != self._size or self._missing() <= 0:
                    buf.close()
                    return True
                self._free.append(buf)
            made = True
        return made

    def clear(self) -> None:
        with self._lock:
            free, self._free, self._size = self._free, [], 0
        for b in free:
            with contextlib.suppress(BufferError):
                b.close()
