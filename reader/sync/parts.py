"""Where a download's bytes go while they arrive, and the locks that keep them apart.

Two syncs (processes or threads) may fetch the same address at once: each writes only
files it alone holds, and a file verified for import has a name no other download uses.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from reader.fsutil import try_lock, unlock


class FileLock:
    """An exclusive OS lock held through a lock file, which is removed again when let go.

    The kernel releases the lock if its holder dies. A lock file its last holder removed
    between our open and our lock is no longer the lock: checked by inode, counted as busy.
    """

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def take(cls, path: Path) -> FileLock | None:
        """The lock if it is free now; never waits."""
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if not try_lock(fd):
            os.close(fd)
            return None
        try:
            current: int | None = os.stat(path).st_ino
        except OSError:
            current = None
        if current != os.fstat(fd).st_ino:
            unlock(fd)
            os.close(fd)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # held, so never old enough for garbage collection
        return cls(path, fd)

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):  # Windows keeps an open file: it stays, harmless
            os.unlink(self.path)
        unlock(self._fd)
        os.close(self._fd)
        self._fd = None


@dataclass(frozen=True)
class PartMeta:
    """What a part file holds: its first ``size`` bytes hash to ``sha256``, from ``url``."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    total: int | None = None
    size: int = 0
    sha256: str = ""


class Slot:
    """The files of one download in ``tmp/``.

    The resumable ``sync-<key>.part`` belongs to whoever holds its lock (an OS file lock,
    released by the kernel if the holder dies). A second download of the same address at
    the same time, from another process or thread, gets a private part named for its
    process and thread, which it deletes when done. A verified file moves to a name of its
    own before the lock is let go, so nothing touches it before it is imported.
    """

    def __init__(self, tmp: Path, url: str) -> None:
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        token = f"{os.getpid()}-{threading.get_ident()}-{uuid.uuid4().hex[:8]}"
        self.lock = FileLock.take(tmp / f"sync-{key}.lock.part")
        self.shared = self.lock is not None
        stem = f"sync-{key}" if self.shared else f"sync-{key}-{token}"
        self.part = tmp / f"{stem}.part"
        self.meta = tmp / f"{stem}.meta.part"
        self.ready = tmp / f"sync-{key}-{token}.ready.part"

    def size(self) -> int:
        try:
            return self.part.stat().st_size
        except OSError:
            return 0

    def read_meta(self) -> PartMeta | None:
        try:
            data = json.loads(self.meta.read_text("utf-8"))
            meta = PartMeta(**data)
        except (OSError, ValueError, TypeError):
            return None
        texts = (meta.url, meta.sha256)
        optional = (meta.etag, meta.last_modified)
        if (
            not all(isinstance(v, str) for v in texts)
            or not all(v is None or isinstance(v, str) for v in optional)
            or not isinstance(meta.size, int)
            or not (meta.total is None or isinstance(meta.total, int))
        ):
            return None
        return meta

    def write_meta(self, meta: PartMeta) -> None:
        fresh = self.meta.with_name(self.meta.name.replace(".meta.part", ".meta-new.part"))
        fresh.write_text(json.dumps(dataclasses.asdict(meta)), "utf-8")
        os.replace(fresh, self.meta)

    def finish(self) -> Path:
        os.replace(self.part, self.ready)
        self.meta.unlink(missing_ok=True)
        return self.ready

    def drop(self) -> None:
        self.part.unlink(missing_ok=True)
        self.meta.unlink(missing_ok=True)

    def close(self) -> None:
        if self.lock is None:
            self.drop()  # nobody else could resume it
        else:
            self.lock.release()
