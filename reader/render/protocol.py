"""Messages between the pool and a worker: a 4-byte length, then a pickled tuple.

Only small headers travel this way; pixels go through shared memory. The pipe is private to
the two processes (the worker is our own child), so pickle is not read from strangers.
"""

from __future__ import annotations

import os
import pickle
import struct
from typing import IO, Any

_LEN = struct.Struct("<I")

# The environment variable naming faults a worker simulates, for the tests of crash handling:
# ``crash@3`` (exit at once on page 3), ``segv@3``, ``hang@3`` (sleep for ever), ``slow@3=0.5``
# (sleep 0.5 s first); several joined by ";". Only read by the worker process.
FAULTS_ENV = "MOEDEMAPPE_RENDER_FAULTS"

# How a frozen app (a PyInstaller bundle, whose ``sys.executable`` is the app itself, not
# Python) starts itself as a worker: ``moedemappe --render-worker PREFIX``. main.py checks for
# it before it imports anything else.
WORKER_FLAG = "--render-worker"


def pack(message: tuple[Any, ...]) -> bytes:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _LEN.pack(len(body)) + body


def write(fd: int, message: tuple[Any, ...]) -> None:
    data = memoryview(pack(message))
    while data:
        n = os.write(fd, data)
        data = data[n:]


def read(stream: IO[bytes]) -> tuple[Any, ...] | None:
    """The next message, or None at EOF (the other side is gone)."""
    head = _read_exact(stream, _LEN.size)
    if head is None:
        return None
    body = _read_exact(stream, _LEN.unpack(head)[0])
    if body is None:
        return None
    message: tuple[Any, ...] = pickle.loads(body)
    return message


def _read_exact(stream: IO[bytes], n: int) -> bytes | None:
    data = stream.read(n)
    if len(data) == n:
        return data
    if not data:
        return None
    parts = [data]
    got = len(data)
    while got < n:
        more = stream.read(n - got)
        if not more:
            return None
        parts.append(more)
        got += len(more)
    return b"".join(parts)
