"""Reading import inputs (a PDF, a folder, a zip) into members, refusing unsafe packages.

A zip is checked as a whole before anything is read from it: one unsafe entry (an
absolute or ``..`` path, a symlink, an encrypted entry, a bomb) rejects the package,
because a package built to attack is not one to half-trust.

Only regular files are read (a FIFO would block the import forever, a device never end),
and names are made fit to store and show whatever their encoding, while the real path
is what is read.
"""

from __future__ import annotations

import errno
import lzma
import os
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from reader.errors import PackageError
from reader.i18n import say
from reader.library.manifest import MAX_MANIFEST_BYTES, parse_manifest

MANIFEST_NAME = "manifest.json"
MAX_MEMBERS = 5_000
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, above a small size
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
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
        raise PackageError(_unreadable(shown, exc)) from exc
    if stat.S_ISDIR(st.st_mode):
        return _folder(path, exclude.resolve() if exclude else None)
    with _open_regular(path, shown, MAX_TOTAL_BYTES) as fh:
        try:
            head = fh.read(8)
            is_zip = head.startswith(_ZIP_MAGIC) or (
                not head.startswith(b"%PDF-") and zipfile.is_zipfile(fh)
            )
        except OSError as exc:
            raise PackageError(_unreadable(shown, exc)) from exc
    if is_zip:  # a damaged zip is still a zip, never taken for the PDF it may hold
        return _zip(path)
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
            manifest = _parse_manifest(_read_file(path, origin, MAX_MANIFEST_BYTES), origin)
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
                raise PackageError(_unreadable(display_name(str(root)), exc)) from exc
            yield (
                folder,
                say(f"mappen kan ikke læses: {_why(exc)}", f"folder cannot be read: {_why(exc)}"),
            )
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                yield path, say(f"kan ikke læses: {_why(exc)}", f"cannot be read: {_why(exc)}")
                continue
            if stat.S_ISDIR(mode):
                if exclude is None or path.resolve() != exclude:
                    folders.append(path)
            elif stat.S_ISREG(mode):
                yield path, None
            else:
                yield path, _kind(mode)


def _kind(mode: int) -> str:
    """Why a file that is not a regular one is not read."""
    if stat.S_ISLNK(mode):
        return say("symbolsk link", "symbolic link")
    da, en = _FILE_KINDS.get(stat.S_IFMT(mode), ("en særlig fil", "a special file"))
    return say(f"{da}, ikke en almindelig fil", f"{en}, not a regular file")


def _open_regular(path: Path, shown: str, limit: int, *, follow: bool = True) -> IO[bytes]:
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
        raise PackageError(_unreadable(shown, exc)) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise PackageError(f"{shown}: {_kind(st.st_mode)}")
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


def _read_file(path: Path, shown: str, limit: int, *, follow: bool = False) -> bytes:
    with _open_regular(path, shown, limit, follow=follow) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise PackageError(_unreadable(shown, exc)) from exc
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


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _unreadable(shown: str, exc: OSError) -> str:
    return say(f"{shown}: kan ikke læses ({_why(exc)})", f"{shown}: cannot be read ({_why(exc)})")


def _zip(path: Path) -> Package:
    shown = display_name(str(path))
    fh = _open_regular(path, shown, MAX_TOTAL_BYTES)
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
            manifest = _parse_manifest(_read_member(shown, zf, info, budget), origin)
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
        _check_name(shown, info.orig_filename)
        _check_name(shown, name)
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


def _check_name(shown: str, name: str) -> None:
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


def _parse_manifest(data: bytes, origin: str) -> dict[str, Any]:
    manifest = parse_manifest(data, origin)
    for doc in manifest["documents"]:
        _check_name(origin, doc["file"])
    return manifest
