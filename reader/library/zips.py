"""Reading a zip package, refusing an unsafe one before anything is read from it.

A zip is checked as a whole first: one unsafe entry (an absolute or ``..`` path, a symlink,
an encrypted entry, a bomb) rejects the package, because a package built to attack is not
one to half-trust. Its own module because these checks, and the running count that guards
every read after them, are the part of reading inputs an attacker aims at.
"""

from __future__ import annotations

import lzma
import os
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
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
    check_name,
    display_name,
    open_regular,
    parse_package_manifest,
)

MAX_MEMBERS = 5_000
MAX_RATIO = 200  # uncompressed / compressed, above a small size
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_UTF8_FLAG = 0x800  # general purpose bit 11: the entry's name is UTF-8
_LOCAL_HEADER = 30  # bytes of a local file header before its name
# what unpacking a damaged entry raises, from zipfile and the decompressors under it
_UNPACK_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    zlib.error,
    lzma.LZMAError,
)


def read_zip(path: Path) -> Package:
    shown = display_name(str(path))
    fh = open_regular(path, shown, MAX_TOTAL_BYTES)
    try:
        zf = zipfile.ZipFile(fh)
        infos = zf.infolist()
    except UnicodeDecodeError as exc:
        fh.close()
        raise PackageError(
            say(
                f"{shown}: beskadiget zip-fil (et filnavn i den er ikke den UTF-8, det "
                "angiver at være)",
                f"{shown}: damaged zip file (an entry's name is not the UTF-8 it claims to be)",
            )
        ) from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        fh.close()
        raise PackageError(
            say(f"{shown}: beskadiget zip-fil ({exc})", f"{shown}: damaged zip file ({exc})")
        ) from exc
    budget = _Budget(_check_entries(shown, zf, infos, os.fstat(fh.fileno()).st_size))

    members: list[Member] = []
    skipped: list[str] = []
    xml: list[Member] = []
    manifest = None
    for info in infos:
        if info.is_dir():
            continue
        name = _entry_name(info)
        origin = f"{shown}:{name}"
        if name == MANIFEST_NAME:
            if info.file_size > MAX_MANIFEST_BYTES:  # refused unread, as parse_manifest would
                raise PackageError(
                    say(
                        f"{origin}: manifestet er for stort ({info.file_size} byte; højst "
                        f"{MAX_MANIFEST_BYTES})",
                        f"{origin}: the manifest is too large ({info.file_size} bytes; at most "
                        f"{MAX_MANIFEST_BYTES})",
                    )
                )
            manifest = parse_package_manifest(_read_member(shown, zf, info, budget), origin)
        elif name.lower().endswith(".pdf"):
            members.append(Member(name, origin, _reader(shown, zf, info, budget)))
        elif name.lower().endswith(".xml"):
            xml.append(Member(name, origin, _reader(shown, zf, info, budget), info.file_size))
        else:
            skipped.append(name)
    return Package(path, members, manifest, skipped, xml)


def _check_entries(
    shown: str, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], archive_size: int
) -> int:
    """Refuse an unsafe zip before anything is unpacked; return what it declares it unpacks to.

    The sizes in the directory may lie, so besides per-entry limits the entries must not
    overlap (the trick of bombs whose entries share one compressed stream), and the whole
    must not expand beyond ``MAX_RATIO`` times the archive's size.
    """
    if len(infos) > MAX_MEMBERS:
        raise PackageError(
            say(
                f"{shown}: for mange filer ({len(infos)}; højst {MAX_MEMBERS})",
                f"{shown}: too many entries ({len(infos)}; at most {MAX_MEMBERS})",
            )
        )
    total = 0
    names: set[str] = set()
    for info in infos:
        name = _entry_name(info)
        check_name(shown, info.orig_filename)
        check_name(shown, name)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackageError(
                say(
                    f"{shown}: usikker pakke, {name!r} er et symbolsk link",
                    f"{shown}: unsafe package, {name!r} is a symbolic link",
                )
            )
        if info.flag_bits & 0x1:
            raise PackageError(
                say(f"{shown}: {name!r} er krypteret", f"{shown}: {name!r} is encrypted")
            )
        if info.file_size > MAX_FILE_BYTES:
            raise PackageError(
                say(
                    f"{shown}: {name!r} er for stor ({info.file_size} byte)",
                    f"{shown}: {name!r} is too large ({info.file_size} bytes)",
                )
            )
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise PackageError(
                say(
                    f"{shown}: usikker pakke, {name!r} ligner en zip-bombe",
                    f"{shown}: unsafe package, {name!r} looks like a zip bomb",
                )
            )
        if not info.is_dir():
            if name in names:
                raise PackageError(
                    say(
                        f"{shown}: beskadiget zip-fil, {name!r} er der to gange",
                        f"{shown}: damaged zip file, {name!r} is in it twice",
                    )
                )
            names.add(name)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise PackageError(
            say(
                f"{shown}: usikker pakke, den fylder {total} byte udpakket",
                f"{shown}: unsafe package, it unpacks to {total} bytes",
            )
        )
    if total > _RATIO_FLOOR and total > MAX_RATIO * max(archive_size, 1):
        raise PackageError(
            say(
                f"{shown}: usikker pakke, den fylder {total} byte udpakket, men kun "
                f"{archive_size} pakket (en zip-bombe)",
                f"{shown}: unsafe package, it unpacks to {total} bytes from {archive_size} "
                "(a zip bomb)",
            )
        )
    _check_overlap(shown, zf, infos)
    return total


def _check_overlap(shown: str, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Each entry's local header and data must end before the next entry (or the directory)
    begins. The end is counted without the local extra field, which only the local header
    knows, so it is a lower bound: a sound zip always passes."""
    ordered = sorted(infos, key=lambda info: info.header_offset)
    ends = [info.header_offset for info in ordered[1:]] + [zf.start_dir]
    for info, limit in zip(ordered, ends, strict=True):
        raw_name = len(info.orig_filename.encode(_name_encoding(info)))
        end = info.header_offset + _LOCAL_HEADER + raw_name + info.compress_size
        if end > limit:
            raise PackageError(
                say(
                    f"{shown}: usikker pakke, filen {_entry_name(info)!r} overlapper en anden "
                    "(en zip-bombe)",
                    f"{shown}: unsafe package, entry {_entry_name(info)!r} overlaps another "
                    "(a zip bomb)",
                )
            )


def _name_encoding(info: zipfile.ZipInfo) -> str:
    return "utf-8" if info.flag_bits & _UTF8_FLAG else "cp437"


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its maker wrote it, fit to show.

    Without the UTF-8 flag, zipfile reads names as cp437; many tools write UTF-8 there all
    the same, and Danish Windows writes its OEM code page, 850.
    """
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG and not name.isascii():
        raw = name.encode("cp437")
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            name = raw.decode("cp850")
    return PurePosixPath(display_name(name)).as_posix()


class _Budget:
    """Bytes unpacked so far across all entries of one zip, against what its directory
    declared in total: a running count that no per-entry claim can get around."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, shown: str, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise PackageError(
                say(
                    f"{shown}: usikker pakke, den fylder mere end de {self.limit} byte "
                    "udpakket, som den angiver",
                    f"{shown}: unsafe package, it unpacks to more than the {self.limit} bytes "
                    "it declares",
                )
            )


def _reader(shown: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> Any:
    return lambda: _read_member(shown, zf, info, budget)


def _read_member(shown: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """Read with a running count: the sizes in a zip's directory may lie."""
    chunks: list[bytes] = []
    size = 0
    name = _entry_name(info)
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size or size > MAX_FILE_BYTES:
                    raise PackageError(
                        say(
                            f"{shown}: usikker pakke, {name!r} fylder mere udpakket, end den "
                            "angiver",
                            f"{shown}: unsafe package, {name!r} unpacks to more than it declares",
                        )
                    )
                budget.spend(shown, len(chunk))
                chunks.append(chunk)
    except _UNPACK_ERRORS as exc:
        raise PackageError(
            say(
                f"{shown}: beskadiget fil {name!r} i zip-filen ({exc})",
                f"{shown}: damaged zip entry {name!r} ({exc})",
            )
        ) from exc
    return b"".join(chunks)
