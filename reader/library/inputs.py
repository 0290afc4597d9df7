"""Reading an import input (a PDF, a folder, a zip) into a package.

A path is read as what it is: a folder is walked (symbolic links not followed, only regular
files read, the data dir never imported from), a zip is handed to ``zips``, which checks it
as a whole first, and anything else is one PDF. Kept apart from the zip checks so that each
reads on its own.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reader.errors import PackageError
from reader.i18n import say
from reader.library.manifest import MAX_MANIFEST_BYTES
from reader.library.package import (
    MANIFEST_NAME,
    MAX_FILE_BYTES,
    MAX_TOTAL_BYTES,
    Member,
    Package,
    display_name,
    file_kind,
    open_regular,
    parse_package_manifest,
    unreadable,
    why,
)
from reader.library.zips import ZIP_MAGIC, read_zip


def open_input(path: Path, exclude: Path | None = None) -> Package:
    """Read an input; ``exclude`` (the data dir) is never imported from, even if inside it."""
    shown = display_name(str(path))
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise PackageError(
                say(f"{shown}: symbolsk link uden mål", f"{shown}: broken symbolic link")
            ) from None
        raise PackageError(
            say(f"{shown}: filen eller mappen findes ikke", f"{shown}: no such file or folder")
        ) from None
    except OSError as exc:
        raise PackageError(unreadable(shown, exc)) from exc
    if stat.S_ISDIR(st.st_mode):
        return _folder(path, exclude.resolve() if exclude else None)
    with open_regular(path, shown, MAX_TOTAL_BYTES) as fh:
        try:
            head = fh.read(8)
            is_zip = head.startswith(ZIP_MAGIC) or (
                not head.startswith(b"%PDF-") and zipfile.is_zipfile(fh)
            )
        except OSError as exc:
            raise PackageError(unreadable(shown, exc)) from exc
    if is_zip:  # a damaged zip is still a zip, never taken for the PDF it may hold
        return read_zip(path)
    member = Member(display_name(path.name), shown, _file_reader(path, shown, follow=True))
    return Package(path, [member], None, [])


def _folder(root: Path, exclude: Path | None) -> Package:
    members: list[Member] = []
    skipped: list[str] = []
    xml: list[Member] = []
    manifest = None
    label = display_name(str(root))
    for path, problem in sorted(_walk(root, exclude), key=lambda entry: entry[0]):
        rel = display_name(path.relative_to(root).as_posix())
        origin = f"{label}/{rel}"
        if rel == MANIFEST_NAME:
            if problem:
                raise PackageError(
                    say(
                        f"{origin}: manifestet kan ikke læses ({problem})",
                        f"{origin}: the manifest cannot be read ({problem})",
                    )
                )
            manifest = parse_package_manifest(_read_file(path, origin, MAX_MANIFEST_BYTES), origin)
        elif problem:
            skipped.append(f"{rel} ({problem})")
        elif path.suffix.lower() == ".pdf":
            members.append(Member(rel, origin, _file_reader(path, origin)))
        elif path.suffix.lower() == ".xml":
            xml.append(Member(rel, origin, _file_reader(path, origin), path.stat().st_size))
        else:
            skipped.append(rel)
    return Package(root, members, manifest, skipped, xml)


def _walk(root: Path, exclude: Path | None) -> Iterator[tuple[Path, str | None]]:
    """Every entry below ``root`` but folders, with why it cannot be read (None if it can).

    Symbolic links are not followed; the walk keeps its own stack, so no depth of folders
    exhausts Python's.
    """
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            if folder == root:
                raise PackageError(unreadable(display_name(str(root)), exc)) from exc
            yield (
                folder,
                say(f"mappen kan ikke læses: {why(exc)}", f"folder cannot be read: {why(exc)}"),
            )
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                yield path, say(f"kan ikke læses: {why(exc)}", f"cannot be read: {why(exc)}")
                continue
            if stat.S_ISDIR(mode):
                if exclude is None or path.resolve() != exclude:
                    folders.append(path)
            elif stat.S_ISREG(mode):
                yield path, None
            else:
                yield path, file_kind(mode)


def _read_file(path: Path, shown: str, limit: int, *, follow: bool = False) -> bytes:
    with open_regular(path, shown, limit, follow=follow) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise PackageError(unreadable(shown, exc)) from exc
    if len(data) > limit:
        raise PackageError(
            say(
                f"{shown}: for stor (mere end {limit} byte)",
                f"{shown}: too large (more than {limit} bytes)",
            )
        )
    return data


def _file_reader(path: Path, shown: str, *, follow: bool = False) -> Any:
    return lambda: _read_file(path, shown, MAX_FILE_BYTES, follow=follow)
