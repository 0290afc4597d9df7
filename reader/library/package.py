"""What an import input is once read: a package of lazily read members, and its safe names.

The folder reader (``inputs``) and the zip reader (``zips``) both build a ``Package``; what they
share lives here, apart from either, so that neither imports the other: the limits, opening
only regular files (a FIFO would block the import forever, a device never end), names made
fit to store and show whatever their encoding, and the manifest check that no file it names
points outside the package.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from reader.errors import PackageError
from reader.i18n import say
from reader.library.manifest import parse_manifest

MANIFEST_NAME = "manifest.json"
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
_FILE_KINDS = {  # (Danish, English)
    stat.S_IFIFO: ("en FIFO", "a FIFO"),
    stat.S_IFSOCK: ("en socket", "a socket"),
    stat.S_IFCHR: ("en tegnenhed", "a character device"),
    stat.S_IFBLK: ("en blokenhed", "a block device"),
}


@dataclass
class Member:
    """One PDF in an input, read lazily so a large package is not held in memory at once."""

    name: str  # path inside the package, '/'-separated, displayable; the file name for a bare PDF
    origin: str  # what to call it in messages: "pkg.zip:bilag/1.pdf"
    _reader: Any
    size: int | None = None  # what the folder or zip says, known before reading

    def read(self) -> bytes:
        data: bytes = self._reader()
        return data


@dataclass
class Package:
    source: Path
    members: list[Member]
    manifest: dict[str, Any] | None
    skipped: list[str]  # entries that are not PDFs (nor XML)
    xml: list[Member] = field(default_factory=list)  # an ESDH publication's description is XML

    @property
    def label(self) -> str:
        """The source as messages and reports name it."""
        return display_name(str(self.source))


def display_name(name: str) -> str:
    """A name fit to store, print and put in JSON, whatever the file system or zip gave.

    Bytes that are not UTF-8 reach Python as lone surrogates; they are read as Windows-1252
    (``d\\xe6\\xf8\\xe5gs.pdf`` is ``dæøågs.pdf``), the likeliest origin of a non-UTF-8
    Danish name. Control characters become U+FFFD, so a message stays on one line.
    """
    if name.isprintable():
        return name
    return "".join(_displayable(c) for c in name)


def _displayable(char: str) -> str:
    if "\udc80" <= char <= "\udcff":  # an undecodable byte, as os.fsdecode keeps it
        char = bytes([ord(char) - 0xDC00]).decode("cp1252", "replace")
    if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
        return "\ufffd"
    return char


def file_kind(mode: int) -> str:
    """Why a file that is not a regular one is not read."""
    if stat.S_ISLNK(mode):
        return say("symbolsk link", "symbolic link")
    da, en = _FILE_KINDS.get(stat.S_IFMT(mode), ("en særlig fil", "a special file"))
    return say(f"{da}, ikke en almindelig fil", f"{en}, not a regular file")


def open_regular(path: Path, shown: str, limit: int, *, follow: bool = True) -> IO[bytes]:
    """Open a file for reading only if it is a regular file of at most ``limit`` bytes.

    Non-blocking, so that opening a FIFO returns at once to be refused, not waits for a
    writer; checked on the open descriptor, so the file cannot be swapped after the check.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:
            raise PackageError(f"{shown}: {say('symbolsk link', 'symbolic link')}") from exc
        raise PackageError(unreadable(shown, exc)) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise PackageError(f"{shown}: {file_kind(st.st_mode)}")
        if st.st_size > limit:
            raise PackageError(
                say(
                    f"{shown}: for stor ({st.st_size} byte; højst {limit})",
                    f"{shown}: too large ({st.st_size} bytes; at most {limit})",
                )
            )
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def unreadable(shown: str, exc: OSError) -> str:
    return say(f"{shown}: kan ikke læses ({why(exc)})", f"{shown}: cannot be read ({why(exc)})")


def check_name(shown: str, name: str) -> None:
    norm = name.replace("\\", "/")
    parts = PurePosixPath(norm).parts
    if (
        norm.startswith("/")
        or (len(norm) > 1 and norm[1] == ":")
        or ".." in parts
        or "\x00" in norm
    ):
        raise PackageError(
            say(
                f"{shown}: usikker pakke, filen {name!r} peger uden for pakken",
                f"{shown}: unsafe package, entry {name!r} points outside it",
            )
        )


def parse_package_manifest(data: bytes, origin: str) -> dict[str, Any]:
    manifest = parse_manifest(data, origin)
    for doc in manifest["documents"]:
        check_name(origin, doc["file"])
    return manifest
