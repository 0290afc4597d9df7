"""Reading import inputs (a PDF, a folder, a zip) into members, refusing unsafe packages.

A zip is checked as a whole before anything is read from it: one unsafe entry (an
absolute or ``..`` path, a symlink, an encrypted entry, a bomb) rejects the package,
because a package built to attack is not one to half-trust.
"""

from __future__ import annotations

import json
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from reader.errors import PackageError

MANIFEST_NAME = "manifest.json"
MAX_MEMBERS = 5_000
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, above a small size
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass
class Member:
    """One PDF in an input, read lazily so a large package is not held in memory at once."""

    name: str  # path inside the package, '/'-separated; the file name for a bare PDF
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


def open_input(path: Path, exclude: Path | None = None) -> Package:
    """Read an input; ``exclude`` (the data dir) is never imported from, even if inside it."""
    if path.is_symlink() and not path.exists():
        raise PackageError(f"{path}: broken symbolic link")
    if not path.exists():
        raise PackageError(f"{path}: no such file or folder")
    if path.is_dir():
        return _folder(path, exclude.resolve() if exclude else None)
    if zipfile.is_zipfile(path):
        return _zip(path)
    return Package(path, [Member(path.name, str(path), path.read_bytes)], None, [])


def _folder(root: Path, exclude: Path | None) -> Package:
    members: list[Member] = []
    skipped: list[str] = []
    xml: list[Member] = []
    manifest = None
    for path in sorted(_walk(root, exclude)):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            skipped.append(f"{rel} (symbolic link)")
        elif rel == MANIFEST_NAME:
            manifest = _parse_manifest(path.read_bytes(), f"{root}/{rel}")
        elif path.suffix.lower() == ".pdf":
            members.append(Member(rel, f"{root}/{rel}", path.read_bytes))
        elif path.suffix.lower() == ".xml":
            xml.append(Member(rel, f"{root}/{rel}", path.read_bytes, path.stat().st_size))
        else:
            skipped.append(rel)
    return Package(root, members, manifest, skipped, xml)


def _walk(root: Path, exclude: Path | None) -> Iterator[Path]:
    for path in root.iterdir():
        if exclude is not None and path.resolve() == exclude:
            continue
        if path.is_dir() and not path.is_symlink():
            yield from _walk(path, exclude)
        elif path.is_file() or path.is_symlink():
            yield path


def _zip(path: Path) -> Package:
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackageError(f"{path}: damaged zip file ({exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise PackageError(f"{path}: too many entries ({len(infos)}; at most {MAX_MEMBERS})")
    total = 0
    for info in infos:
        name = info.filename
        _check_name(path, name)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackageError(f"{path}: unsafe package, {name!r} is a symbolic link")
        if info.flag_bits & 0x1:
            raise PackageError(f"{path}: {name!r} is encrypted")
        if info.file_size > MAX_FILE_BYTES:
            raise PackageError(f"{path}: {name!r} is too large ({info.file_size} bytes)")
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise PackageError(f"{path}: unsafe package, {name!r} looks like a zip bomb")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise PackageError(f"{path}: unsafe package, it unpacks to {total} bytes")

    members: list[Member] = []
    skipped: list[str] = []
    xml: list[Member] = []
    manifest = None
    for info in infos:
        if info.is_dir():
            continue
        name = PurePosixPath(info.filename).as_posix()
        if name == MANIFEST_NAME:
            manifest = _parse_manifest(_read_member(path, zf, info), f"{path}:{name}")
        elif name.lower().endswith(".pdf"):
            members.append(Member(name, f"{path}:{name}", _reader(path, zf, info)))
        elif name.lower().endswith(".xml"):
            xml.append(Member(name, f"{path}:{name}", _reader(path, zf, info), info.file_size))
        else:
            skipped.append(name)
    return Package(path, members, manifest, skipped, xml)


def _check_name(path: Path, name: str) -> None:
    norm = name.replace("\\", "/")
    parts = PurePosixPath(norm).parts
    if (
        norm.startswith("/")
        or (len(norm) > 1 and norm[1] == ":")
        or ".." in parts
        or "\x00" in norm
    ):
        raise PackageError(f"{path}: unsafe package, entry {name!r} points outside it")


def _reader(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Any:
    return lambda: _read_member(path, zf, info)


def _read_member(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read with a running count: the sizes in a zip's directory may lie."""
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size or size > MAX_FILE_BYTES:
                    raise PackageError(
                        f"{path}: unsafe package, {info.filename!r} unpacks to more than "
                        "it declares"
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise PackageError(f"{path}: damaged zip entry {info.filename!r} ({exc})") from exc
    return b"".join(chunks)


def _parse_manifest(data: bytes, origin: str) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"{origin}: the manifest is not valid JSON ({exc})") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("documents"), list):
        raise PackageError(f"{origin}: the manifest has no 'documents' list")
    for doc in manifest["documents"]:
        if not isinstance(doc, dict) or not isinstance(doc.get("file"), str):
            raise PackageError(f"{origin}: every document needs a 'file'")
        _check_name(Path(origin), doc["file"])
    return manifest
