"""Shared-memory segments that no resource tracker watches.

Python 3.11's ``multiprocessing.shared_memory`` registers every segment it creates *or
attaches* with a resource tracker, which then unlinks segments it thinks leaked, with a warning,
when the process that touched them exits. Our segments have a clear owner instead: the worker
that renders into them creates and unlinks them (also when the app dies and the worker sees EOF),
and the pool unlinks those of a worker that died. So on POSIX we open them with ``shm_open``
and ``mmap`` directly; on Windows a mapping lives as long as a handle to it, and the standard
class tracks nothing there.
"""

from __future__ import annotations

import mmap
import os
import sys

if sys.platform != "win32":
    import _posixshmem
else:  # pragma: no cover - Windows
    from multiprocessing import shared_memory


class Segment:
    """A named block of shared memory; ``buf`` is writable by both sides."""

    def __init__(self, name: str, size: int = 0, *, create: bool = False) -> None:
        self.name = name
        if sys.platform == "win32":  # pragma: no cover - Windows
            self._shm = shared_memory.SharedMemory(name, create=create, size=size)
            self.size = self._shm.size
            self.buf: memoryview = self._shm.buf
            return
        flags = os.O_RDWR | (os.O_CREAT | os.O_EXCL if create else 0)
        fd = _posixshmem.shm_open("/" + name, flags, mode=0o600)
        try:
            if create:
                os.ftruncate(fd, size)
            else:
                size = os.fstat(fd).st_size
            self._map = mmap.mmap(fd, size)
        except BaseException:
            if create:
                unlink(name)
            raise
        finally:
            os.close(fd)
        self.size = size
        self.buf = memoryview(self._map)

    def close(self) -> None:
        """Unmap (the name stays until ``unlink``)."""
        if sys.platform == "win32":  # pragma: no cover - Windows
            self.buf.release()
            self._shm.close()
            return
        self.buf.release()
        self._map.close()


def unlink(name: str) -> bool:
    """Remove the name; False when it was gone already."""
    if sys.platform == "win32":  # pragma: no cover - Windows: gone with the last handle
        return True
    try:
        _posixshmem.shm_unlink("/" + name)
    except FileNotFoundError:
        return False
    return True
