"""Hostile and damaged input to the import: one bad input never stops the rest.

Every failure is one line naming the file and what is wrong; the other files go on; and
nothing is half-written: no meeting without its documents, no file under ``files/`` that
no row refers to.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import struct
import subprocess
import sys
import time
import tracemalloc
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from reader.cli import main
from reader.library import Library
from reader.library.importer import ImportReport, import_paths
from reader.sync.feed import MANIFEST_NAME as FEED_MANIFEST
from reader.sync.feed import publish
from reader.sync.runner import add_source, sync_sources
from tests.adversarial.conftest import Tally
from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.sync_server import Server, serve

pytestmark = pytest.mark.adversarial

ROOT = Path(__file__).resolve().parents[2]
LATIN1_NAME = b"d\xe6\xf8\xe5gs\xff.pdf"  # "dæøågsÿ.pdf" in Latin-1: not UTF-8
_mu: Any = pymupdf


def text_pdf(pages: int = 6) -> bytes:
    """A real PDF with several pages of text, uncompressed so that cuts land in objects."""
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page()
        for line in range(12):
            page.insert_text(
                (72, 72 + 20 * line), f"Side {n + 1}, linje {line + 1}: Økonomiudvalget"
            )
    data: bytes = doc.tobytes()
    doc.close()
    return data


def page_texts(data: bytes) -> list[str]:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return [page.get_text() for page in doc]


def cut_offsets(data: bytes) -> list[int]:
    """20 cuts: just inside the headers of the first ten objects (where MuPDF's page tree
    breaks), and at ten even steps through the file."""
    inside = [data.index(b"\n%d 0 obj" % n) + 4 for n in range(1, 11)]
    return inside + [len(data) * k // 11 for k in range(1, 11)]


def assert_no_orphans(lib: Library) -> None:
    """Every file under files/ is one a version refers to, and nothing is left in tmp/."""
    stored = {p.stem for p in lib.paths.files.rglob("*.pdf")}
    known = {r[0] for r in lib.conn.execute("SELECT sha256 FROM document_versions")}
    assert stored == known
    assert list(lib.paths.tmp.iterdir()) == []
    empty = lib.conn.execute(
        "SELECT id FROM meetings WHERE id NOT IN (SELECT meeting_id FROM documents)"
    ).fetchall()
    assert empty == []


def displayable(text: str) -> bool:
    """Fit to show and store: no control characters, no lone surrogates."""
    return not any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in text)


def assert_one_line(error: str, name: str, problem: str) -> None:
    assert displayable(error), error
    assert name in error and problem in error, error


def only_error(report: ImportReport) -> str:
    assert len(report.errors) == 1, report.errors
    return report.errors[0]


# -- damaged PDFs ------------------------------------------------------------------------


def test_a_pdf_cut_anywhere_is_refused_in_one_line_or_read_whole(
    library: Library, tmp_path: Path, hostile: Tally
) -> None:
    data = text_pdf()
    whole = page_texts(data)
    for offset in cut_offsets(data):
        hostile.add()
        path = tmp_path / f"cut-{offset:05d}.pdf"
        path.write_bytes(data[:offset])
        report = import_paths(library, [path])
        if report.errors:
            assert_one_line(only_error(report), path.name, "PDF")
            assert report.new_documents == 0
        else:  # MuPDF read all of it: then every page must be there, whole
            [doc] = [d for m in library.meetings() for d in m.documents if d.file_name == path.name]
            got = [library.page_text(doc.id, p) for p in range(1, doc.pages + 1)]
            assert [" ".join(t.split()) for t in got] == [" ".join(t.split()) for t in whole]
        assert_no_orphans(library)


def test_a_truncated_pdf_in_a_folder_does_not_stop_the_good_ones(
    library: Library, tmp_path: Path
) -> None:
    data = text_pdf()
    folder = tmp_path / "pakke"
    plain_pdf(folder / "a.pdf", "Første bilag")
    plain_pdf(folder / "c.pdf", "Tredje bilag")
    (folder / "b-cut.pdf").write_bytes(data[: data.index(b"\n3 0 obj") + 4])
    report = import_paths(library, [folder])
    assert report.new_documents == 2
    assert_one_line(only_error(report), "b-cut.pdf", "beskadiget PDF")
    names = {d.file_name for m in library.meetings() for d in m.documents}
    assert names == {"a.pdf", "c.pdf"}
    assert_no_orphans(library)


def _zero_xref(data: bytes) -> bytes:
    """Overwrite the cross-reference table with NUL bytes, keeping every offset after it."""
    start = data.rindex(b"\nxref") + 1
    end = data.index(b"trailer", start)
    return data[:start] + b"\0" * (end - start) + data[end:]


def test_a_zeroed_xref_is_read_whole_when_mupdf_can_rebuild_it(
    library: Library, tmp_path: Path
) -> None:
    data = text_pdf()
    path = tmp_path / "xref.pdf"
    path.write_bytes(_zero_xref(data))
    report = import_paths(library, [path])
    assert (report.errors, report.new_documents) == ([], 1)
    [meeting] = library.meetings()
    [doc] = meeting.documents
    assert library.page_text(doc.id, 3).split() == page_texts(data)[2].split()
    assert_no_orphans(library)


def test_a_repair_that_turns_the_text_into_garbage_is_refused(
    library: Library, tmp_path: Path
) -> None:
    """Repaired with the fonts' text mappings lost, every character reads as U+FFFD."""
    data = agenda_pdf(tmp_path / "src" / "dagsorden.pdf").read_bytes()
    data = re.sub(rb"/ToUnicode\s+\d+\s+0\s+R", lambda m: b" " * len(m.group()), data)
    path = tmp_path / "garbage.pdf"
    path.write_bytes(_zero_xref(data))
    report = import_paths(library, [path])
    assert_one_line(only_error(report), "garbage.pdf", "beskadiget PDF")
    assert library.counts()["documents"] == 0
    assert_no_orphans(library)


def test_a_repaired_scan_without_text_is_accepted(library: Library, tmp_path: Path) -> None:
    doc = pymupdf.open()
    for _ in range(2):
        page = doc.new_page()
        pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
        pix.set_rect(pix.irect, (200, 190, 180))
        page.insert_image(page.rect, pixmap=pix)
    path = tmp_path / "scan.pdf"
    path.write_bytes(_zero_xref(doc.tobytes()))
    report = import_paths(library, [path])
    assert (report.errors, report.new_documents) == ([], 1)
    assert_no_orphans(library)


def test_encrypted_pdfs(library: Library, tmp_path: Path) -> None:
    src = text_pdf(2)
    locked, open_to_read = tmp_path / "locked.pdf", tmp_path / "owner-only.pdf"
    with pymupdf.open(stream=src) as doc:
        doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="hemmelig", owner_pw="o")
        doc.save(open_to_read, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="ejer")
    report = import_paths(library, [locked, open_to_read])
    assert_one_line(only_error(report), "locked.pdf", "beskyttet med adgangskode")
    assert report.new_documents == 1  # no user password: anyone can read it, and so can we
    assert_no_orphans(library)


def test_a_damaged_zip_is_not_taken_for_the_pdf_inside_it(library: Library, tmp_path: Path) -> None:
    pkg = tmp_path / "pakke.zip"
    with zipfile.ZipFile(pkg, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("dagsorden.pdf", text_pdf(2))  # stored: %PDF- within the first bytes
    pkg.write_bytes(pkg.read_bytes()[:-10])
    report = import_paths(library, [pkg])
    assert_one_line(only_error(report), "pakke.zip", "beskadiget zip-fil")
    assert library.counts()["documents"] == 0
    assert_no_orphans(library)


# -- names in any encoding ---------------------------------------------------------------


def _latin1_file(folder: Path, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    raw = os.path.join(os.fsencode(folder), LATIN1_NAME)
    try:
        with open(raw, "wb") as fh:
            fh.write(data)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    return Path(os.fsdecode(raw))


def test_file_names_that_are_not_utf8_on_disk(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "pakke"
    _latin1_file(folder, text_pdf(2))
    plain_pdf(folder / "andet.pdf", "Andet")
    report = import_paths(library, [folder])
    assert (report.errors, report.new_documents) == ([], 2)
    names = {d.file_name for m in library.meetings() for d in m.documents}
    assert names == {"dæøågsÿ.pdf", "andet.pdf"}
    # the bare file too, and a damaged one is named readably
    bad = _latin1_file(tmp_path / "bad", b"%PDF-1.7\n garbage")
    report = import_paths(library, [bad])
    assert_one_line(only_error(report), "dæøågsÿ.pdf", "PDF")
    json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8")
    assert_no_orphans(library)


def _zip_raw_name(path: Path, raw_name: bytes, data: bytes, *, utf8_flag: bool = False) -> None:
    """A zip whose one entry has exactly ``raw_name`` as bytes, flagged UTF-8 or not."""
    placeholder = "n" * len(raw_name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(placeholder, data)
    blob = bytearray(path.read_bytes().replace(placeholder.encode(), raw_name))
    if utf8_flag:
        for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = blob.index(signature)
            blob[at + flag_at + 1] |= 0x08  # bit 11 of the little-endian flags
    path.write_bytes(bytes(blob))


@pytest.mark.parametrize(
    ("raw_name", "shown"),
    [
        ("dæøågsÿ.pdf".encode("cp850"), "dæøågsÿ.pdf"),  # Danish Windows
        ("dæøå.pdf".encode(), "dæøå.pdf"),  # UTF-8 without saying so
        (LATIN1_NAME, None),  # neither: shown somehow, but imported
    ],
)
def test_zip_entry_names_without_the_utf8_flag(
    library: Library, tmp_path: Path, raw_name: bytes, shown: str | None
) -> None:
    pkg = tmp_path / "pakke.zip"
    _zip_raw_name(pkg, raw_name, text_pdf(2))
    report = import_paths(library, [pkg])
    assert (report.errors, report.new_documents) == ([], 1)
    [doc] = library.meetings()[0].documents
    assert displayable(doc.file_name)
    if shown is not None:
        assert doc.file_name == shown
    assert_no_orphans(library)


def test_a_zip_that_claims_utf8_names_it_does_not_have(library: Library, tmp_path: Path) -> None:
    pkg = tmp_path / "pakke.zip"
    _zip_raw_name(pkg, LATIN1_NAME, text_pdf(2), utf8_flag=True)
    report = import_paths(library, [pkg])
    assert_one_line(only_error(report), "pakke.zip", "beskadiget zip-fil")
    assert_no_orphans(library)


# -- manifests ---------------------------------------------------------------------------


def _manifest(**changes: Any) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "format": "moedemappe-package",
        "version": 1,
        "body": {"name": "KKR Testegnen"},
        "meeting": {"id": "kkr-1", "title": "Møde", "start": "2027-01-14T09:30:00"},
        "documents": [
            {"id": "dagsorden", "file": "dagsorden.pdf", "kind": "agenda"},
            {"id": "bilag-1", "file": "bilag.pdf", "kind": "attachment", "title": "Bilag"},
        ],
    }
    manifest.update(changes)
    return manifest


def _with_doc(n: int, **changes: Any) -> dict[str, Any]:
    manifest = _manifest()
    manifest["documents"][n].update(changes)
    return manifest


def _deep(levels: int) -> str:
    """A manifest with a field nested ``levels`` deep (json.dumps would recurse on it)."""
    return json.dumps(_manifest())[:-1] + ', "extra": ' + "[" * levels + "]" * levels + "}"


BAD_MANIFESTS: dict[str, tuple[Any, str]] = {
    "meeting is text": (_manifest(meeting="kkr-1"), "meeting skal være et objekt"),
    "title is an object": (_with_doc(1, title={}), "documents[1].title skal være tekst"),
    "body is a list": (_manifest(body=["KKR"]), "body skal være tekst"),
    "deep nesting": (_deep(50_000), "indlejret for dybt"),
    "start is not a date": (
        _manifest(meeting={"id": "kkr-1", "start": "not a date"}),
        "meeting.start skal være en dato",
    ),
    "title too long": (
        _manifest(meeting={"id": "kkr-1", "title": "x" * 100_000}),
        "meeting.title er for lang",
    ),
    "5 MB title": (_manifest(meeting={"id": "kkr-1", "title": "x" * 5_000_000}), "for stor"),
    "file twice": (
        _with_doc(1, file="dagsorden.pdf"),
        "documents[1].file gentager 'dagsorden.pdf'",
    ),
    "id twice": (_with_doc(1, id="dagsorden"), "documents[1].id gentager 'dagsorden'"),
    "kind unknown": (_with_doc(0, kind="bilag"), "documents[0].kind skal være en af"),
    "item is a list": (_with_doc(1, item=["2.1"]), "documents[1].item skal være tekst eller et"),
    "documents not a list": (_manifest(documents={"a": 1}), "documents skal være en liste"),
    "not an object": ([1, 2], "skal være et JSON-objekt"),
    "version 2": (_manifest(version=2), "version 2 understøttes ikke"),
}


def _package(folder: Path, manifest: Any) -> Path:
    agenda_pdf(folder / "dagsorden.pdf")
    plain_pdf(folder / "bilag.pdf", "Bilag")
    text = manifest if isinstance(manifest, str) else json.dumps(manifest)
    (folder / "manifest.json").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", sorted(BAD_MANIFESTS))
def test_a_bad_manifest_is_one_line_naming_the_field_and_stores_nothing(
    library: Library, tmp_path: Path, case: str
) -> None:
    manifest, problem = BAD_MANIFESTS[case]
    folder = _package(tmp_path / "pakke", manifest)
    report = import_paths(library, [folder])
    assert_one_line(only_error(report), "manifest.json", problem)
    assert set(library.counts().values()) == {0}
    assert_no_orphans(library)
    # in a zip the same, and the zip is named (stored: 5 MB of "x" would look like a bomb)
    pkg = tmp_path / "pakke.zip"
    with zipfile.ZipFile(pkg, "w", zipfile.ZIP_STORED) as zf:
        for f in sorted(folder.iterdir()):
            zf.write(f, f.name)
    report = import_paths(library, [pkg])
    assert_one_line(only_error(report), "pakke.zip:manifest.json", problem)
    assert set(library.counts().values()) == {0}
    assert_no_orphans(library)


def test_a_file_the_manifest_lists_but_the_package_lacks_is_an_error_naming_it(
    library: Library, tmp_path: Path
) -> None:
    docs = [*_manifest()["documents"], {"id": "b2", "file": "bilag/mangler.pdf"}]
    folder = _package(tmp_path / "pakke", _manifest(documents=docs))
    report = import_paths(library, [folder])
    assert_one_line(only_error(report), "bilag/mangler.pdf", "som ikke er en PDF-fil i pakken")
    assert report.new_documents == 2  # the rest of the package goes on
    assert_no_orphans(library)


def test_a_manifest_whose_every_pdf_fails_makes_no_meeting(
    library: Library, tmp_path: Path
) -> None:
    folder = _package(tmp_path / "pakke", _manifest())
    (folder / "dagsorden.pdf").write_bytes(b"%PDF-1.7\n broken")
    (folder / "bilag.pdf").write_bytes(b"not a pdf")
    report = import_paths(library, [folder])
    assert len(report.errors) == 2
    assert set(library.counts().values()) == {0}
    assert_no_orphans(library)


def test_a_zip_with_an_entry_name_twice_is_refused_whole(library: Library, tmp_path: Path) -> None:
    pkg = tmp_path / "pakke.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it writes
        with zipfile.ZipFile(pkg, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(agenda_pdf(tmp_path / "src" / "dagsorden.pdf"), "dagsorden.pdf")
            zf.write(plain_pdf(tmp_path / "src" / "bilag.pdf", "Bilag"), "dagsorden.pdf")
    report = import_paths(library, [pkg])
    assert_one_line(only_error(report), "pakke.zip", "'dagsorden.pdf' er der to gange")
    assert set(library.counts().values()) == {0}
    assert_no_orphans(library)


def test_same_file_name_in_two_folders_is_not_a_new_version_of_the_other(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "pakke"
    agenda_pdf(folder / "dagsorden.pdf")
    plain_pdf(folder / "a" / "bilag.pdf", "Bilag A")
    plain_pdf(folder / "b" / "bilag.pdf", "Bilag B")
    report = import_paths(library, [folder])
    assert report.new_documents == 2 and report.new_versions == 0
    assert_one_line(only_error(report), "b/bilag.pdf", "samme navn")
    assert_no_orphans(library)


# -- files that are not files, and zip bombs --------------------------------------------


@pytest.mark.subprocess
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_does_not_hang_the_import(tmp_path: Path) -> None:
    folder = tmp_path / "pakke"
    plain_pdf(folder / "a.pdf", "Et bilag")
    os.mkfifo(folder / "b.pdf")
    lone = tmp_path / "lone.pdf"
    os.mkfifo(lone)
    with_manifest = tmp_path / "med-manifest"
    plain_pdf(with_manifest / "a.pdf", "Et bilag")
    os.mkfifo(with_manifest / "manifest.json")
    paths = [str(folder), str(lone), str(with_manifest)]
    data_dir = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", data_dir, "import", "--json", *paths],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["new_documents"] == 1
    assert any("b.pdf" in s and "FIFO" in s for s in report["skipped"]), report
    lone_error, manifest_error = report["errors"]
    assert_one_line(lone_error, "lone.pdf", "FIFO")
    assert_one_line(manifest_error, "med-manifest/manifest.json", "FIFO")


def _overlapping_bomb(path: Path, entries: int = 8, kernel_size: int = 16 << 20) -> int:
    """Entries that share one compressed stream (Fifield's overlapping zip bomb).

    Each entry's data starts with a stored deflate block quoting the next entry's local
    header, so entry *i* unpacks to all later headers plus the shared kernel. The kernel
    compresses only ~15:1, so no single entry nor the whole trips a ratio check: only the
    overlap gives it away. Returns the total it would unpack to.
    """
    rng = random.Random(7)
    kernel = b"".join(rng.randbytes(16) + bytes(304) for _ in range(kernel_size // 320))
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    compressed = packer.compress(kernel) + packer.flush()
    names = [f"bilag-{n}.pdf".encode() for n in range(entries)]
    headers = [b""] * entries
    sizes = [(0, 0, 0)] * entries  # crc, compressed, uncompressed
    for n in reversed(range(entries)):
        later = headers[n + 1 :]
        quoted = b"".join(later)
        crc = zlib.crc32(kernel, zlib.crc32(quoted))
        sizes[n] = (crc, len(quoted) + 5 * len(later) + len(compressed), len(quoted) + len(kernel))
        headers[n] = (
            struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, *sizes[n], len(names[n]), 0)
            + names[n]
        )
    body = bytearray()
    offsets = []
    for n, header in enumerate(headers):
        offsets.append(len(body))
        body += header
        if n + 1 < entries:  # a stored, non-final deflate block holding the next header
            size = len(headers[n + 1])
            body += struct.pack("<BHH", 0, size, size ^ 0xFFFF)
    body += compressed
    central = b"".join(
        struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0x21,
            *sizes[n],
            len(names[n]),
            0,
            0,
            0,
            0,
            0,
            offsets[n],
        )
        + names[n]
        for n in range(entries)
    )
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, entries, entries, len(central), len(body), 0)
    path.write_bytes(bytes(body) + central + end)
    return sum(usize for _crc, _csize, usize in sizes)


def test_the_bomb_is_a_real_zip_whose_entries_unpack(tmp_path: Path) -> None:
    """Checked by hand: newer zipfile versions refuse overlapping entries themselves."""
    pkg = tmp_path / "bomb.zip"
    total = _overlapping_bomb(pkg, entries=3, kernel_size=64 * 320)
    raw = pkg.read_bytes()
    with zipfile.ZipFile(pkg) as zf:
        infos = zf.infolist()
        assert len(zf.read(infos[-1])) == infos[-1].file_size
    unpacked = 0
    for info in infos:
        start = info.header_offset + 30 + len(info.filename)
        out = zlib.decompressobj(-15).decompress(raw[start : start + info.compress_size])
        assert (len(out), zlib.crc32(out)) == (info.file_size, info.CRC)
        unpacked += len(out)
    assert unpacked == total


def test_an_overlapping_zip_bomb_is_refused_at_once(library: Library, tmp_path: Path) -> None:
    pkg = tmp_path / "bomb.zip"
    total = _overlapping_bomb(pkg)
    assert total > 50 * pkg.stat().st_size  # it would unpack to far more than it is
    tracemalloc.start()
    started = time.monotonic()
    try:
        report = import_paths(library, [pkg])
        elapsed = time.monotonic() - started
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_one_line(only_error(report), "bomb.zip", "overlapper en anden")
    assert elapsed < 2.0
    assert peak < 8 * 1024 * 1024  # nothing was unpacked
    assert_no_orphans(library)


# -- a feed ------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


def test_a_feed_with_a_damaged_pdf_and_a_bad_meeting_syncs_the_rest(
    library: Library, tmp_path: Path, server: Server
) -> None:
    """The feed vouches for each file's checksum, so the damage reaches the import itself."""
    src = tmp_path / "src"
    for day in (3, 10, 17):
        agenda_pdf(src / f"m{day}" / "dagsorden.pdf", day=day)
        plain_pdf(src / f"m{day}" / "Evaluering af piloten.pdf", "Evaluering af piloten")
    out = tmp_path / "feed"
    publish(src, out)
    manifest = json.loads((out / FEED_MANIFEST).read_text(encoding="utf-8"))
    first, second, _third = manifest["meetings"]
    data = text_pdf()
    cut = data[: data.index(b"\n3 0 obj") + 4]
    sha = hashlib.sha256(cut).hexdigest()
    (out / "files" / "cut.pdf").write_bytes(cut)
    bilag = next(d for d in first["documents"] if d["kind"] == "attachment")
    bilag.update(href="files/cut.pdf", sha256=sha, size=len(cut))
    second["start"] = "not a date"
    (out / FEED_MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    for path in out.rglob("*"):
        if path.is_file():
            server.routes["/feed/" + path.relative_to(out).as_posix()] = path.read_bytes()
    add_source(library, "kkr", server.url("/feed/"), "feed")
    [report] = sync_sources(library, engine_options={"backoff": 0.01, "retries": 1}).sources
    assert len(report.errors) == 2, report.errors
    damaged, bad_start = sorted(report.errors, key=lambda e: "meeting.start" in e)
    assert_one_line(damaged, "cut.pdf", "beskadiget PDF")
    assert_one_line(bad_start, "meeting.start", "not a date")
    dates = sorted((m.start or "")[:10] for m in library.meetings())
    assert dates == ["2026-02-03", "2026-02-17"]  # the first without its attachment
    assert sum(len(m.documents) for m in library.meetings()) == 3
    assert_no_orphans(library)


# -- the command line ---------------------------------------------------------------------


def test_import_json_stays_json_whatever_mupdf_says(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    data = text_pdf()
    folder = tmp_path / "pakke"
    plain_pdf(folder / "god.pdf", "God")
    (folder / "cut.pdf").write_bytes(data[: data.index(b"\n3 0 obj") + 4])
    (folder / "xref.pdf").write_bytes(_zero_xref(data))
    (folder / "tail.pdf").write_bytes(data[: len(data) // 2])
    capfd.readouterr()
    rc = main(["--data-dir", str(tmp_path / "data"), "import", "--json", str(folder)])
    out, err = capfd.readouterr()
    report = json.loads(out)
    assert rc == 1
    assert report["new_documents"] == 2  # god.pdf, and xref.pdf which MuPDF rebuilds
    assert len(report["errors"]) == 2
    assert "MuPDF" not in out
    assert all(line.startswith("moedemappe: ") for line in err.splitlines()), err
