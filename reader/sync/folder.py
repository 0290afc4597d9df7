"""A folder or zip package as a source: the foundation's import, run again on each sync.

The import is idempotent, so re-running it is always right; a fingerprint of the tree
(names, sizes, modification times) lets an unchanged folder skip reading every PDF. A
document whose file was a plain file in the folder and is there no more is marked removed
(the folder is its own complete listing); one inside a zip is left alone, as what a zip
holds is not looked at file by file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reader.i18n import say
from reader.library.importer import Importer, ImportReport
from reader.library.package import display_name
from reader.library.store import Library, set_document_removed
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


def mark_missing(lib: Library, path: Path, source_id: int) -> tuple[int, int]:
    """Mark the source's documents whose file left the folder, and unmark those whose file
    is back; returns how many of each. Names are compared as the import stored them."""
    if not path.is_dir():
        return 0, 0
    prefix = display_name(str(path)) + "/"
    present: set[str] = set()
    skip = lib.paths.root.resolve()
    for root, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if (Path(root) / d).resolve() != skip]
        for f in files:
            present.add(display_name((Path(root) / f).relative_to(path).as_posix()))
    rows = lib.conn.execute(
        """SELECT d.id, d.removed, v.origin FROM documents d
           JOIN meetings m ON m.id = d.meeting_id AND m.source_id = ?
           JOIN document_versions v ON v.document_id = d.id AND v.number =
                (SELECT max(number) FROM document_versions WHERE document_id = d.id)""",
        (source_id,),
    ).fetchall()
    removed = restored = 0
    with lib.transaction() as conn:
        for row in rows:
            origin = str(row["origin"])
            if not origin.startswith(prefix):
                continue  # imported from elsewhere, or from a zip
            there = origin[len(prefix) :] in present
            if set_document_removed(conn, int(row["id"]), not there):
                if there:
                    restored += 1
                else:
                    removed += 1
    return removed, restored
