"""The one way Mødemappe writes a file that matters: whole or not at all; and files and
folders only their user can read."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

PRIVATE = 0o600  # for what holds a user's own words: the database, the log, notes exports
PRIVATE_DIR = 0o700
_POSIX = os.name == "posix"  # elsewhere modes are not how access is controlled


def write_atomic(
    path: Path, data: bytes | str, *, tmp_dir: Path | None = None, mode: int = 0o644
) -> None:
    """Write ``data`` so that a reader sees the old file or the whole new one, even after a
    crash: a temp file on the same file system, fsync, rename, fsync of the folder.

    ``tmp_dir`` keeps the temp file elsewhere on the same file system (the data dir's
    ``tmp/``, which start-up cleans); by default it sits beside ``path``.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=tmp_dir or path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable; a no-op where folders cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) as a folder only its user can open, and take
    group and other access away if it exists and is the user's.

    Modes are set with chmod, not left to the umask.
    """
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    _tighten(path)


def private_file(path: Path) -> None:
    """Create ``path`` empty, readable and writable by its user alone, unless it exists;
    if it exists and is the user's, take group and other access away."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    except FileExistsError:
        _tighten(path)
        return
    try:
        if _POSIX:
            os.fchmod(fd, PRIVATE)  # exactly, whatever the umask took away
    finally:
        os.close(fd)


def _tighten(path: Path) -> None:
    if not _POSIX:
        return
    st = path.stat()
    if st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077:
        os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o077)


# -- advisory locks between processes (a lock file's descriptor) --------------------------

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def try_lock(fd: int) -> bool:
        """Take an exclusive lock on the open file ``fd`` if no other process holds one."""
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def try_lock(fd: int) -> bool:
        """Take an exclusive lock on the open file ``fd`` if no other process holds one."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
