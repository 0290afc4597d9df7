"""Importing PDFs, folders and zip packages: idempotent, versioned, safe."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
import zipfile
from pathlib import Path

import pymupdf
import pytest

from reader.library import Library
from reader.library.importer import Cancelled, import_paths
from reader.library.zips import MAX_RATIO
from tests.support.consistency import assert_consistent
from tests.support.library_fixtures import agenda_pdf, plain_pdf


def _snapshot(lib: Library) -> tuple[dict[str, int], list[str]]:
    files = sorted(p.name for p in lib.paths.files.rglob("*.pdf"))
    return lib.counts(), files


def test_import_agenda_pdf_and_again_adds_nothing(library: Library, tmp_path: Path) -> None:
    pdf = agenda_pdf(tmp_path / "in" / "dagsorden.pdf")
    report = import_paths(library, [pdf])
    assert (report.new_documents, report.new_versions, report.errors) == (1, 0, [])
    [meeting] = library.meetings()
    assert meeting.body == "KKR Testegnen"
    assert meeting.start == "2026-02-03T09:30:00"
    assert meeting.location == "Testby Rådhus"
    numbers = [it.number for it in library.items(meeting.id)]
    assert numbers == ["1", "1.1", "2", "2.1", "2.2"]
    before = _snapshot(library)
    again = import_paths(library, [pdf])
    assert (again.new_documents, again.new_versions, again.unchanged) == (0, 0, 1)
    assert _snapshot(library) == before
    assert_consistent(library)


def test_changed_file_becomes_a_new_version_and_the_old_one_stays(
    library: Library, tmp_path: Path
) -> None:
    first = agenda_pdf(tmp_path / "a" / "dagsorden.pdf")
    import_paths(library, [first])
    second = agenda_pdf(tmp_path / "b" / "dagsorden.pdf", extra="Tilføjet efter genudsendelse.")
    report = import_paths(library, [second])
    assert (report.new_documents, report.new_versions) == (0, 1)
    [meeting] = library.meetings()
    [doc] = meeting.documents
    assert doc.version == 2
    versions = library.versions(doc.id)
    assert [v["number"] for v in versions] == [1, 2]
    for v in versions:
        assert library.blob_path(v["sha256"]).is_file()
    assert "genudsendelse" in " ".join(
        library.page_text(doc.id, p) for p in range(1, doc.pages + 1)
    )
    item_ids = {it.number: it.id for it in library.items(meeting.id)}
    import_paths(library, [first])  # the old file again is known, not a third version
    assert library.document(doc.id).version == 2
    assert {it.number: it.id for it in library.items(meeting.id)} == item_ids
    assert_consistent(library)


def test_other_meeting_date_is_another_meeting(library: Library, tmp_path: Path) -> None:
    import_paths(library, [agenda_pdf(tmp_path / "a" / "dagsorden.pdf", day=3)])
    import_paths(library, [agenda_pdf(tmp_path / "b" / "dagsorden.pdf", day=10)])
    assert len(library.meetings()) == 2


def test_folder_links_attachments_to_the_items_that_list_them(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "pakke"
    agenda_pdf(folder / "dagsorden.pdf")
    plain_pdf(folder / "Evaluering af piloten.pdf", "Evaluering af piloten", "Side 2")
    plain_pdf(folder / "noget andet.pdf", "Noget andet")
    (folder / "readme.txt").write_text("ikke en pdf")
    report = import_paths(library, [folder])
    assert report.errors == []
    assert report.new_documents == 3
    assert any("readme.txt" in s for s in report.skipped)
    [meeting] = library.meetings()
    by_name = {d.file_name: d for d in meeting.documents}
    assert by_name["dagsorden.pdf"].kind == "agenda"
    assert by_name["Evaluering af piloten.pdf"].kind == "attachment"
    assert by_name["Evaluering af piloten.pdf"].item_number == "2.1"
    assert by_name["noget andet.pdf"].item_number is None
    assert library.page_text(by_name["Evaluering af piloten.pdf"].id, 2) == "Side 2"


def _manifest_zip(path: Path, agenda: Path, bilag: Path) -> Path:
    manifest = {
        "format": "moedemappe-package",
        "version": 1,
        "body": {"name": "KKR Testegnen"},
        "meeting": {"id": "m-1", "title": "Møde i KKR Testegnen", "location": "Et andet sted"},
        "documents": [
            {"id": "doc-1", "file": "dagsorden.pdf", "kind": "agenda"},
            {
                "id": "doc-2",
                "file": "bilag/b1.pdf",
                "kind": "attachment",
                "item": "2.2",
                "title": "Bilag til praktikpladser",
            },
        ],
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.write(agenda, "dagsorden.pdf")
        zf.write(bilag, "bilag/b1.pdf")
    return path


def test_zip_package_with_manifest(library: Library, tmp_path: Path) -> None:
    agenda = agenda_pdf(tmp_path / "src" / "dagsorden.pdf")
    pkg = _manifest_zip(
        tmp_path / "pakke.zip", agenda, plain_pdf(tmp_path / "b1.pdf", "Evaluering")
    )
    report = import_paths(library, [pkg])
    assert (report.new_documents, report.errors) == (2, [])
    [meeting] = library.meetings()
    assert meeting.title == "Møde i KKR Testegnen"
    assert meeting.location == "Et andet sted"
    bilag = next(d for d in meeting.documents if d.kind == "attachment")
    assert (bilag.title, bilag.item_number) == ("Bilag til praktikpladser", "2.2")
    assert import_paths(library, [pkg]).unchanged == 2
    # the same package re-issued with a changed attachment: a new version of that document only
    rettet = plain_pdf(tmp_path / "v2" / "b1.pdf", "Evaluering, rettet")
    pkg2 = _manifest_zip(tmp_path / "pakke2.zip", agenda, rettet)
    report = import_paths(library, [pkg2])
    assert (report.new_documents, report.new_versions, report.unchanged) == (0, 1, 1)
    assert_consistent(library)


def test_manifest_that_lists_unsafe_paths_is_refused(library: Library, tmp_path: Path) -> None:
    pkg = tmp_path / "evil.zip"
    with zipfile.ZipFile(pkg, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"documents": [{"file": "../../etc/x.pdf"}]}))
    report = import_paths(library, [pkg])
    assert len(report.errors) == 1 and "evil.zip" in report.errors[0]
    assert library.counts()["documents"] == 0


# -- bad input ---------------------------------------------------------------------------


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = agenda_pdf(tmp_path / "good" / "dagsorden.pdf").read_bytes()
    cases: dict[str, tuple[Path, str]] = {}
    not_pdf = tmp_path / "bad" / "notes.pdf"
    not_pdf.parent.mkdir(parents=True)
    not_pdf.write_text("Dette er ikke en PDF")
    cases["not a pdf"] = (not_pdf, "filen er ikke en PDF")
    truncated = tmp_path / "bad" / "truncated.pdf"
    truncated.write_bytes(good[: len(good) // 2])
    cases["truncated"] = (truncated, "beskadiget PDF")
    locked = tmp_path / "bad" / "locked.pdf"
    with pymupdf.open(stream=good) as doc:
        doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="hemmelig", owner_pw="o")
    cases["password"] = (locked, "beskyttet med adgangskode")
    cases["missing"] = (tmp_path / "bad" / "missing.pdf", "findes ikke")
    empty = tmp_path / "bad" / "empty.pdf"
    empty.write_bytes(b"")
    cases["empty"] = (empty, "filen er ikke en PDF")
    return cases


@pytest.mark.parametrize("case", ["not a pdf", "truncated", "password", "missing", "empty"])
def test_bad_files_get_one_line_naming_file_and_problem(
    library: Library, tmp_path: Path, case: str
) -> None:
    path, problem = _bad_inputs(tmp_path)[case]
    before = _snapshot(library)
    report = import_paths(library, [path])
    [error] = report.errors
    assert "\n" not in error
    assert path.name in error and problem in error
    assert _snapshot(library) == before
    assert list(library.paths.tmp.iterdir()) == []


def test_bad_file_in_a_folder_does_not_stop_the_good_ones(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "mix"
    agenda_pdf(folder / "dagsorden.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    report = import_paths(library, [folder])
    assert report.new_documents == 1
    assert len(report.errors) == 1 and "broken.pdf" in report.errors[0]


def _zip_with(path: Path, name: str, data: bytes, *, symlink: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        if symlink:
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, data)
        zf.writestr("ok.pdf", b"%PDF-1.7 never read")
    return path


@pytest.mark.parametrize(
    ("name", "symlink", "problem"),
    [
        ("../evil.pdf", False, "peger uden for pakken"),
        ("a/../../evil.pdf", False, "peger uden for pakken"),
        ("/etc/evil.pdf", False, "peger uden for pakken"),
        ("C:\\evil.pdf", False, "peger uden for pakken"),
        ("link.pdf", True, "symbolsk link"),
    ],
)
def test_malicious_zip_is_refused_whole(
    library: Library, tmp_path: Path, name: str, symlink: bool, problem: str
) -> None:
    pkg = _zip_with(tmp_path / "pkg.zip", name, b"/etc/passwd", symlink=symlink)
    before = _snapshot(library)
    report = import_paths(library, [pkg])
    [error] = report.errors
    assert "pkg.zip" in error and problem in error
    assert _snapshot(library) == before
    assert not (tmp_path / "evil.pdf").exists()


def test_zip_bomb_is_refused_before_unpacking(library: Library, tmp_path: Path) -> None:
    pkg = _zip_with(tmp_path / "bomb.zip", "bomb.pdf", b"\0" * (MAX_RATIO * 1024 * 64))
    report = import_paths(library, [pkg])
    [error] = report.errors
    assert "bomb.zip" in error and "zip-bombe" in error
    assert library.counts()["documents"] == 0


def test_zip_whose_entry_lies_about_its_size_is_refused(library: Library, tmp_path: Path) -> None:
    pdf = agenda_pdf(tmp_path / "src" / "dagsorden.pdf").read_bytes()
    pkg = tmp_path / "liar.zip"
    with zipfile.ZipFile(pkg, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("dagsorden.pdf", pdf)
    raw = bytearray(pkg.read_bytes())
    # shrink the declared uncompressed size in the central directory
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (100).to_bytes(4, "little")
    pkg.write_bytes(bytes(raw))
    report = import_paths(library, [pkg])
    assert len(report.errors) == 1 and "liar.zip" in report.errors[0]
    assert library.counts()["documents"] == 0


def test_data_dir_inside_an_imported_folder_is_not_imported(tmp_path: Path) -> None:
    from reader.paths import DataPaths

    agenda_pdf(tmp_path / "dagsorden.pdf")
    with Library(DataPaths(tmp_path / "data")) as lib:
        import_paths(lib, [tmp_path])
        report = import_paths(lib, [tmp_path])
        assert (report.new_documents, report.unchanged) == (0, 1)


def test_cancel_leaves_the_library_as_it_was(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for i in range(3):
        plain_pdf(folder / f"{i}.pdf", f"Dokument {i}")
    calls = iter([False, True])
    with pytest.raises(Cancelled):
        import_paths(library, [folder], cancelled=lambda: next(calls, True))
    assert library.counts()["documents"] == 0
    library.collect_garbage(min_age=0)
    assert list(library.paths.files.rglob("*.pdf")) == []
    report = import_paths(library, [folder])
    assert report.new_documents == 3


def test_a_failed_transaction_removes_the_files_it_stored(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "pakke"
    agenda_pdf(folder / "dagsorden.pdf")
    plain_pdf(folder / "Evaluering af piloten.pdf", "Evaluering af piloten")
    kept = library.put_blob(plain_pdf(tmp_path / "other.pdf", "Andet").read_bytes())
    library.conn.execute(
        "CREATE TRIGGER full BEFORE INSERT ON page_texts BEGIN SELECT RAISE(ABORT, 'full'); END"
    )
    with pytest.raises(sqlite3.Error):
        import_paths(library, [folder])
    assert library.counts()["documents"] == 0
    # only what this import stored goes: a file stored before is left to garbage collection
    assert [p.stem for p in library.paths.files.rglob("*.pdf")] == [kept]
    library.conn.execute("DROP TRIGGER full")
    assert import_paths(library, [folder]).new_documents == 2
    assert_consistent(library)


def test_a_file_stored_again_by_another_import_is_not_discarded(library: Library) -> None:
    fresh: dict[str, int] = {}
    sha = library.put_blob(b"%PDF-1.7 stored twice", fresh)
    assert list(fresh) == [sha]
    library.put_blob(b"%PDF-1.7 stored twice")  # another import, not yet committed
    assert library.discard_blobs(fresh) == 0
    assert library.blob_path(sha).exists()
    fresh = {}
    orphan = library.put_blob(b"%PDF-1.7 nobody wants this", fresh)
    assert library.discard_blobs(fresh) == 1
    assert not library.blob_path(orphan).exists()


def test_a_refused_pdf_stores_no_file(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "mix"
    plain_pdf(folder / "god.pdf", "God")
    good = (folder / "god.pdf").read_bytes()
    (folder / "ond.pdf").write_bytes(good[: len(good) // 2])
    report = import_paths(library, [folder])
    assert (report.new_documents, len(report.errors)) == (1, 1)
    assert [p.stem for p in library.paths.files.rglob("*.pdf")] == [
        hashlib.sha256(good).hexdigest()
    ]


# -- the change log consumers follow --------------------------------------------------------


def _events(lib: Library, since: int = 0) -> list[tuple[int, str]]:
    return [(r["document_id"], r["kind"]) for r in lib.events_since(since)]


def test_imports_log_each_change_once_and_nothing_when_unchanged(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "pakke"
    agenda_pdf(folder / "dagsorden.pdf")
    plain_pdf(folder / "Evaluering af piloten.pdf", "Evaluering af piloten")
    import_paths(library, [folder])
    [meeting] = library.meetings()
    ids = {d.file_name: d.id for d in meeting.documents}
    agenda, bilag = ids["dagsorden.pdf"], ids["Evaluering af piloten.pdf"]
    first = _events(library)
    assert sorted(e for e in first if e[1] == "version") == sorted(
        [(agenda, "version"), (bilag, "version")]
    )
    assert (bilag, "changed") in first  # linked to item 2.1 after the agenda was read
    mark = library.last_event()
    import_paths(library, [folder])
    assert _events(library, mark) == []
    # a re-issued agenda whose items read differently: every document of the meeting is told
    agenda_pdf(tmp_path / "v2" / "dagsorden.pdf", day=3, extra="Ny tekst.")
    import_paths(library, [tmp_path / "v2" / "dagsorden.pdf"])
    later = _events(library, mark)
    assert later[0] == (agenda, "version")


def test_cursors_are_per_consumer_and_survive_reopening(library: Library, tmp_path: Path) -> None:
    import_paths(library, [plain_pdf(tmp_path / "a.pdf", "A"), plain_pdf(tmp_path / "b.pdf", "B")])
    assert library.cursor("search") == 0
    events = library.events_since(0)
    library.set_cursor("search", events[0]["seq"])
    assert [e["seq"] for e in library.events_since(library.cursor("search"))] == [events[1]["seq"]]
    assert library.cursor("anchors") == 0
    with Library(library.paths) as again:
        assert again.cursor("search") == events[0]["seq"]


def test_migration_logs_documents_imported_before_the_change_log(tmp_path: Path) -> None:
    import sqlite3

    from reader.library.db import MIGRATIONS, _statements
    from reader.paths import DataPaths

    paths = DataPaths(tmp_path / "old")
    paths.ensure()
    conn = sqlite3.connect(paths.database)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO bodies (name) VALUES ('B')")
    conn.execute(
        "INSERT INTO meetings (body_id, key, title, kind, created) "
        "VALUES (1, 'k', 'M', 'agenda', 'x')"
    )
    conn.execute(
        "INSERT INTO documents (meeting_id, key, kind, title, file_name, created) "
        "VALUES (1, 'file:a.pdf', 'agenda', 'A', 'a.pdf', 'x')"
    )
    for n in (1, 2):
        conn.execute(
            "INSERT INTO document_versions (document_id, number, sha256, size, pages, origin, "
            "imported) VALUES (1, ?, ?, 1, 1, 'o', 'x')",
            (n, str(n) * 64),
        )
    conn.commit()
    conn.close()
    with Library(paths) as lib:
        [event] = lib.events_since(0)
        assert (event["document_id"], event["kind"], event["version_id"]) == (1, "version", 2)
