"""A folder or zip package as a source: the foundation's import, run again on each sync.

The import is idempotent, so re-running it is always right; a fingerprint of the tree
(names, sizes, modification times) lets an unchanged folder skip reading every PDF.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reader.i18n import say
from reader.library.importer import Importer, ImportReport
from reader.library.store import Library
from reader.sync.engine import SyncError
from reader.sync.model import fingerprint


def tree_fingerprint(path: Path, exclude: Path) -> str:
    if not path.exists():
        raise SyncError(
            say(f"{path}: filen eller mappen findes ikke", f"{path}: no such file or folder")
        )
    entries: list[tuple[str, int, int]] = []
    if path.is_file():
        st = path.stat()
        return fingerprint(str(path), st.st_size, st.st_mtime_ns)
    skip = exclude.resolve()
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if (Path(root) / d).resolve() != skip)
        for f in sorted(files):
            full = Path(root) / f
            try:
                st = full.stat()
            except OSError:
                continue
            entries.append((full.relative_to(path).as_posix(), st.st_size, st.st_mtime_ns))
    return fingerprint(str(path), entries)


def sync_folder(
    lib: Library,
    path: Path,
    source_id: int,
    progress: Callable[[int, int, str], None] | None,
    cancelled: Callable[[], bool] | None,
) -> ImportReport:
    importer = Importer(lib, progress, cancelled, source_id=source_id)
    return importer.import_paths([path])
