"""Downloading a file into the data dir's ``tmp/``, resumably and verified.

An interrupted download leaves a ``.part`` file with a checkpoint (its size and SHA-256)
that the next sync resumes with ``Range``, if the server vouches it sends the rest of the
same file; a copy we already have is asked for conditionally (``Validators``), sizes are
capped and checksums verified before a file is handed on. Installing a verified file into
the library is the importer's job (atomically, by SHA-256). Its own module because resuming
is where a download's correctness is decided, apart from the transport's limits.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from reader.errors import NetworkError, Transient
from reader.i18n import say
from reader.logs import redact_userinfo as redact
from reader.sync.parts import PartMeta, Slot
from reader.sync.transport import Transport, http_url, status_message

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
CHECKPOINT_BYTES = 4 * 1024 * 1024  # a resumable part's state is saved this often ...
CHECKPOINT_SECONDS = 1.0  # ... or at least this often, so a killed sync resumes


@dataclass(frozen=True)
class Validators:
    """What the server said identifies a response, for a conditional request next time."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        h: dict[str, str] = {}
        if self.etag:
            h["If-None-Match"] = self.etag
        if self.last_modified:
            h["If-Modified-Since"] = self.last_modified
        return h


@dataclass(frozen=True)
class Expect:
    """What the source promised about a file; every given checksum must match."""

    size: int | None = None  # exact, when the source vouches for it (our feed does)
    sha256: str | None = None
    sha1: str | None = None
    sha512: str | None = None


@dataclass(frozen=True)
class Download:
    path: Path | None  # the verified file in tmp/, None when not_modified; the caller deletes it
    sha256: str
    size: int
    validators: Validators
    not_modified: bool


class Downloads(Transport):
    """The transport, with resumable and verified downloads of files."""

    def download(
        self,
        url: str,
        expect: Expect | None = None,
        validators: Validators | None = None,
    ) -> Download:
        """Download a file into ``tmp/``, resuming a ``.part`` an earlier sync left.

        A part is resumed only if its bytes are still what was recorded (size and SHA-256
        at the last checkpoint) and the server vouches it sends the rest of the same file
        (a strong ETag or a date in ``If-Range``, the same full size), or the feed gave a
        checksum that will check the whole. The returned file has the expected size and
        checksums. With ``validators`` of the copy we have, a 304 means nothing to fetch.
        """
        expect = expect or Expect()
        shown = redact(url)
        if expect.size is not None and expect.size > self.max_bytes:
            raise NetworkError(_file_too_large(shown, expect.size))
        target = http_url(url)
        self._check_cancelled()
        slot = Slot(self.tmp, url)
        fresh_tries = [0]

        def attempt() -> Download:
            have, hashes, saved = self._resumable(slot, url, expect)
            headers = {"Accept-Encoding": "identity"}  # byte ranges of the file itself
            validator = _strong(saved.etag) or saved.last_modified
            resume = have > 0 and bool(validator or expect.sha256)
            if have and not resume:
                slot.drop()
                have, hashes = 0, _Hashes(expect)
            if resume:
                headers["Range"] = f"bytes={have}-"
                if validator:
                    headers["If-Range"] = validator
            elif validators is not None:
                headers.update(validators.headers())
            with self._open(target, headers) as response:
                status = response.status_code
                if status == 304 and not resume:
                    self.stats.add(not_modified=1)
                    v = validators_of(response)
                    merged = Validators(
                        v.etag or (validators.etag if validators else None),
                        v.last_modified or (validators.last_modified if validators else None),
                    )
                    return Download(None, "", 0, merged, True)
                if status == 416 and resume:
                    slot.drop()
                    raise Transient(
                        say(
                            "den delvise download passer ikke længere",
                            "the partial download no longer matches",
                        )
                    )
                if status not in (200, 206):
                    raise NetworkError(status_message(shown, status), status)
                found = validators_of(response)
                offset, total = _range_of(response, have)
                if offset == 0:
                    hashes = _Hashes(expect)  # the whole file again
                elif saved.total is not None and total is not None and total != saved.total:
                    slot.drop()
                    raise Transient(
                        say(
                            "filen er ændret siden den delvise download",
                            "the file changed since the partial download",
                        )
                    )
                if total is not None and total > self.max_bytes:
                    slot.drop()
                    raise NetworkError(_file_too_large(shown, total))
                if expect.size is not None and total is not None and total != expect.size:
                    slot.drop()  # a proxy's glitch, or a file changed under us: again
                    raise Transient(
                        say(
                            f"serveren sender {total} byte, feedet angiver {expect.size}",
                            f"the server sends {total} bytes, the feed lists {expect.size}",
                        )
                    )
                meta = PartMeta(
                    url,
                    found.etag or (saved.etag if offset else None),
                    found.last_modified or (saved.last_modified if offset else None),
                    total,
                )
                size = self._stream_to(response, slot, offset, hashes, meta, shown)
                if total is not None and size != total:
                    raise Transient(
                        say(f"modtog {size} af {total} byte", f"received {size} of {total} bytes")
                    )
            digest = hashes.verify(expect, size)
            if digest is None:
                slot.drop()
                fresh_tries[0] += 1
                if fresh_tries[0] >= 2:
                    raise NetworkError(
                        say(
                            f"{shown}: filen passer ikke med sin kontrolsum",
                            f"{shown}: the file does not match its checksum",
                        )
                    )
                raise Transient(say("forkert kontrolsum", "checksum mismatch"))
            path = slot.finish()
            self.stats.add(files=1)
            return Download(path, digest, size, found, False)

        try:
            return self._retrying(shown, attempt)
        except NetworkError as exc:
            if exc.status in (404, 410):
                slot.drop()  # gone from the server: nothing left to resume
            raise
        finally:
            slot.close()

    def _resumable(self, slot: Slot, url: str, expect: Expect) -> tuple[int, _Hashes, PartMeta]:
        """How much of the part can be resumed, its bytes already hashed, and its record.

        Bytes after the last checkpoint are cut off; a part whose bytes no longer hash to
        the record (a crash, a disk error, another writer) starts over.
        """
        hashes = _Hashes(expect)
        meta = slot.read_meta()
        have = slot.size()
        if meta is None or meta.url != url or not 0 < meta.size <= have:
            if have or meta is not None:
                slot.drop()
            return 0, hashes, PartMeta(url)
        try:
            with open(slot.part, "r+b") as fh:
                fh.truncate(meta.size)
                while chunk := fh.read(CHUNK):
                    hashes.update(chunk)
        except OSError:
            slot.drop()
            return 0, _Hashes(expect), PartMeta(url)
        if hashes.sha256() != meta.sha256:
            log.info("%s: the partial download changed on disk; starting over", redact(url))
            slot.drop()
            return 0, _Hashes(expect), PartMeta(url)
        return meta.size, hashes, meta

    def _stream_to(
        self,
        response: httpx.Response,
        slot: Slot,
        offset: int,
        hashes: _Hashes,
        meta: PartMeta,
        shown: str,
    ) -> int:
        """Append the body to the part at ``offset``, hashing it and checkpointing as it goes.

        A body that ends short, or not at all, leaves a checkpoint to resume from; one that
        arrives whole needs none. (No ``truncate``: ``_resumable`` already cut the part to its
        checkpoint, and on ext4 a truncate makes the kernel write the file out at once.)
        """
        size = marked = offset
        marked_at = time.monotonic()
        too_large = complete = False
        with open(slot.part, "r+b" if offset else "wb") as fh:
            fh.seek(offset)
            try:
                for chunk in response.iter_bytes():  # as received: a cut keeps what arrived
                    size += len(chunk)
                    if size > self.max_bytes:
                        too_large = True
                        raise NetworkError(
                            say(
                                f"{shown}: filen er for stor (mere end {self.max_bytes} byte)",
                                f"{shown}: the file is too large "
                                f"(more than {self.max_bytes} bytes)",
                            )
                        )
                    hashes.update(chunk)
                    fh.write(chunk)
                    self._check_cancelled()
                    now = time.monotonic()
                    if size - marked >= CHECKPOINT_BYTES or now - marked_at >= CHECKPOINT_SECONDS:
                        fh.flush()
                        slot.write_meta(
                            dataclasses.replace(meta, size=size, sha256=hashes.sha256())
                        )
                        marked, marked_at = size, now
                complete = meta.total is None or size == meta.total
            finally:
                if not (too_large or complete):
                    fh.flush()
                    slot.write_meta(dataclasses.replace(meta, size=size, sha256=hashes.sha256()))
        if too_large:
            slot.drop()
        self.stats.add(bytes=size - offset)
        return size


def validators_of(response: httpx.Response) -> Validators:
    etag = response.headers.get("etag")
    return Validators(etag, response.headers.get("last-modified"))


def _strong(etag: str | None) -> str | None:
    """An ETag ``If-Range`` may carry: weak ones never match a range (RFC 9110 13.1.5)."""
    return etag if etag and not etag.startswith("W/") else None


def _file_too_large(shown: str, size: int | None) -> str:
    return say(
        f"{shown}: filen er for stor ({size} byte)",
        f"{shown}: the file is too large ({size} bytes)",
    )


def _range_of(response: httpx.Response, have: int) -> tuple[int, int | None]:
    """Where the body starts in the file and the file's full size, if the server says."""
    if response.status_code == 206:
        value = response.headers.get("content-range", "")
        try:
            unit, _, rest = value.partition(" ")
            span, _, full = rest.partition("/")
            start = int(span.split("-")[0])
        except ValueError:
            raise Transient(
                say(f"ulæselig Content-Range {value!r}", f"unreadable Content-Range {value!r}")
            ) from None
        if unit != "bytes" or start != have:
            raise Transient(
                say(
                    f"serveren fortsatte det forkerte sted ({value!r})",
                    f"the server resumed at the wrong place ({value!r})",
                )
            )
        return start, int(full) if full.isdigit() else None
    length = response.headers.get("content-length")
    if response.headers.get("content-encoding", "identity") != "identity":
        return 0, None  # the length is of the encoded body; the checksum still decides
    return 0, int(length) if length and length.isdigit() else None


class _Hashes:
    """The checksums a download needs, computed while the bytes arrive (no second read)."""

    def __init__(self, expect: Expect) -> None:
        self.h256 = hashlib.sha256()
        self.h1 = hashlib.sha1() if expect.sha1 else None
        self.h512 = hashlib.sha512() if expect.sha512 else None

    def update(self, chunk: bytes) -> None:
        self.h256.update(chunk)
        if self.h1 is not None:
            self.h1.update(chunk)
        if self.h512 is not None:
            self.h512.update(chunk)

    def sha256(self) -> str:
        return self.h256.hexdigest()

    def verify(self, expect: Expect, size: int) -> str | None:
        """The file's SHA-256, or None if any promised checksum or size does not match."""
        checks = [
            (expect.sha256, self.h256.hexdigest()),
            (expect.sha1, self.h1.hexdigest() if self.h1 else None),
            (expect.sha512, self.h512.hexdigest() if self.h512 else None),
        ]
        if expect.size is not None and size != expect.size:
            return None
        for want, got in checks:
            if want and want.strip().lower() != got:
                return None
        return self.h256.hexdigest()
