"""The one way Mødemappe writes a file that matters: whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE = 0o600  # for what holds a user's own words: notes exports


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
