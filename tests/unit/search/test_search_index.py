"""The index stays right: killed indexers, damaged files, several writers, orphans, notes."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library
from reader.library.importer import import_paths
from reader.library.store import emit
from reader.paths import DataPaths
from reader.search import NotesIndex, Searcher, update_index
from reader.search.index import NoTempFilesRamStorage, index_dir, open_index, search_root
from reader.search.indexer import BUILD_CONSUMER, CONSUMER
from tests.support.library_fixtures import agenda_pdf, plain_pdf

ROOT = Path(__file__).resolve().parents[3]
DOCS, PAGES = 40, 5


def code(doc: int, page: int) -> str:
    """A word found on exactly one page of the test library."""
    return f"kode{doc}x{page}q"


def many_documents(folder: Path) -> Path:
    for d in range(DOCS):
        plain_pdf(
            folder / f"bilag-{d:02d}.pdf",
            *[f"Bilag {d} side {p}: {code(d, p)} om budgettet" for p in range(1, PAGES + 1)],
        )
    return folder


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with DOCS documents of PAGES pages each, not yet indexed."""
    root = tmp_path_factory.mktemp("many")
    with Library(DataPaths(root / "data")) as lib:
        report = import_paths(lib, [many_documents(root / "in")])
        assert report.new_documents == DOCS
    return root / "data"


def fresh_copy(populated: Path, tmp_path: Path) -> Library:
    target = tmp_path / "data"
    shutil.copytree(populated, target)
    return Library(DataPaths(target))


def assert_index_matches_library(lib: Library) -> None:
    """One entry per current page, each findable by its own word, cursor at the end."""
    assert lib.cursor(CONSUMER) == lib.last_event()
    ix = open_index(lib.paths)
    expected = {
        (d.id, p): lib.page_text(d.id, p)
        for m in lib.meetings()
        for d in m.documents
        for p in range(1, d.pages + 1)
    }
    with ix.searcher() as s:
        keys = [f["key"] for f in s.all_stored_fields()]
    assert sorted(keys) == sorted(f"{d}:{p}" for d, p in expected)
    searcher = Searcher(lib.paths)
    coded = sorted((k, t) for k, t in expected.items() if "kode" in t)
    for (doc_id, page), text in random.Random(1).sample(coded, 15):
        word = next(w for w in text.split() if w.startswith("kode"))
        result = searcher.search(word)
        assert [(h.document, h.page) for h in result.hits] == [(doc_id, page)]
        assert result.total == 1
    live = {s.segment_id() for s in ix._read_toc().segments}
    # one generation, current, and no rebuild left unfinished
    assert sorted(f.name for f in search_root(lib.paths).iterdir()) == sorted(
        ["CURRENT", index_dir(lib.paths).name]
    )
    for f in index_dir(lib.paths).iterdir():
        assert f.name in ("FORMAT", "MAIN_WRITELOCK", f"_MAIN_{ix.latest_generation()}.toc") or (
            any(seg in f.name for seg in live)
        ), f"orphan {f.name}"


_INDEX_SCRIPT = """
import sys
from pathlib import Path
import reader.search.indexer as indexer
from reader.library import Library
from reader.paths import DataPaths
from reader.search.lemmas import table
indexer.COMMIT_PAGES = indexer.REBUILD_COMMIT_PAGES = int(sys.argv[2])
table("da")  # loaded before "started": the kills are timed to land while pages are indexed
with Library(DataPaths(Path(sys.argv[1]))) as lib:
    print("started", flush=True)
    report = indexer.update_index(lib)
    print("done", report.pages, flush=True)
    sys.stdout.close()
"""


def run_indexer(data: Path, commit_pages: int = 7) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _INDEX_SCRIPT, str(data), str(commit_pages)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.subprocess
def test_killing_the_indexer_at_random_points_loses_nothing(
    populated: Path, tmp_path: Path
) -> None:
    lib = fresh_copy(populated, tmp_path)

    def start() -> subprocess.Popen[str]:
        lib.set_cursor(CONSUMER, 0)
        lib.set_cursor(BUILD_CONSUMER, 0)
        shutil.rmtree(search_root(lib.paths), ignore_errors=True)
        proc = run_indexer(lib.paths.root, commit_pages=3)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "started"
        return proc

    proc = start()
    began = time.monotonic()
    out, _ = proc.communicate()
    duration = time.monotonic() - began  # how long indexing takes on this machine
    assert out.strip() == f"done {DOCS * PAGES}"
    rng = random.Random(20260505)
    killed_midway = 0
    for _ in range(10):  # until three kills land mid-way (timing varies with the load)
        if killed_midway >= 3:
            break
        proc = start()
        time.sleep(rng.uniform(0.1, 0.8) * duration)
        proc.kill()
        out, _ = proc.communicate()
        cursor = lib.cursor(BUILD_CONSUMER)
        if "done" not in out and 0 < cursor < lib.last_event():
            killed_midway += 1  # killed after some commits and before the end
            report = update_index(lib)
            assert report.resumed == cursor  # went on from the killed build's cursor
            assert report.pages < DOCS * PAGES
        else:
            update_index(lib)
        assert_index_matches_library(lib)
    assert killed_midway >= 2, "the kills should land while indexing"
    lib.close()


def test_damaged_index_is_detected_and_rebuilt(populated: Path, tmp_path: Path) -> None:
    lib = fresh_copy(populated, tmp_path)
    update_index(lib)

    def segment() -> Path:
        return max(index_dir(lib.paths).glob("*.seg"), key=lambda p: p.stat().st_size)

    def toc() -> Path:
        return next(index_dir(lib.paths).glob("_MAIN_*.toc"))

    damage = {
        "truncated segment": lambda: segment().write_bytes(segment().read_bytes()[:-500]),
        "segment cut in half": lambda: segment().write_bytes(
            segment().read_bytes()[: segment().stat().st_size // 2]
        ),
        "empty segment": lambda: segment().write_bytes(b""),
        "deleted segment": lambda: segment().unlink(),
        "garbage TOC": lambda: toc().write_bytes(os.urandom(300)),
        "deleted TOC": lambda: toc().unlink(),
        "index removed": lambda: shutil.rmtree(index_dir(lib.paths)),
        "pointer garbled": lambda: (search_root(lib.paths) / "CURRENT").write_bytes(b"\xff../x"),
        "search folder removed": lambda: shutil.rmtree(search_root(lib.paths)),
    }
    for name, spoil in damage.items():
        spoil()
        report = update_index(lib)
        assert report.rebuilt, name
        assert report.pages == DOCS * PAGES, name
        assert_index_matches_library(lib)
    lib.close()


def test_cli_search_on_a_damaged_index_rebuilds_and_answers(
    populated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = fresh_copy(populated, tmp_path)
    update_index(lib)
    for seg in index_dir(lib.paths).glob("*.seg"):
        seg.write_bytes(seg.read_bytes()[:100])
    assert main(["--data-dir", str(lib.paths.root), "search", code(3, 2), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"total": 1' in out and code(3, 2) in out
    lib.close()


def test_index_emptied_behind_the_cursor_is_noticed(populated: Path, tmp_path: Path) -> None:
    lib = fresh_copy(populated, tmp_path)
    update_index(lib)
    ix = open_index(lib.paths)
    writer = ix.writer()
    writer.delete_by_term("doc", "1")
    writer.commit()
    report = update_index(lib)
    assert report.rebuilt and "sider" in report.rebuilt
    assert_index_matches_library(lib)
    lib.close()


@pytest.mark.subprocess
def test_concurrent_writers_never_fail(populated: Path, tmp_path: Path) -> None:
    lib = fresh_copy(populated, tmp_path)
    procs = [run_indexer(lib.paths.root, commit_pages=50) for _ in range(3)]
    # meanwhile this process imports more and indexes it from two threads
    import_paths(lib, [agenda_pdf(tmp_path / "in" / "dagsorden.pdf")])
    errors: list[BaseException] = []

    def index() -> None:
        try:
            with Library(lib.paths) as own:
                update_index(own)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=index) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "LockError" not in err and "Traceback" not in err
    assert errors == []
    update_index(lib)
    assert_index_matches_library(lib)
    assert Searcher(lib.paths).search("TeleHjerte").total == 1
    lib.close()


def test_an_index_of_the_single_folder_layout_is_kept(populated: Path, tmp_path: Path) -> None:
    """Earlier versions kept the index files in ``search/`` itself: an upgrade moves them
    into a generation instead of rebuilding."""
    lib = fresh_copy(populated, tmp_path)
    update_index(lib)
    root = search_root(lib.paths)
    for f in index_dir(lib.paths).iterdir():
        f.replace(root / f.name)
    shutil.rmtree(index_dir(lib.paths))
    (root / "CURRENT").unlink()
    report = update_index(lib)
    assert (report.rebuilt, report.pages) == (None, 0)
    assert_index_matches_library(lib)
    lib.close()


def test_orphan_segment_files_are_removed(populated: Path, tmp_path: Path) -> None:
    lib = fresh_copy(populated, tmp_path)
    update_index(lib)
    folder = index_dir(lib.paths)
    live = next(folder.glob("*.seg"))
    shutil.copy(live, folder / "MAIN_0123456789abcdef.seg")
    (folder / "_MAIN_0.toc").write_bytes(b"old generation")
    (folder / "MAIN.tmp").mkdir()
    (folder / "MAIN.tmp" / "run0.run").write_bytes(b"x" * 100)
    (folder / "_MAIN_26.toc.1795394373.556276").write_bytes(b"a TOC being written when killed")
    update_index(lib)
    assert not (folder / "_MAIN_26.toc.1795394373.556276").exists()
    assert not (folder / "MAIN_0123456789abcdef.seg").exists()
    assert not (folder / "_MAIN_0.toc").exists()
    assert not (folder / "MAIN.tmp").exists()
    assert live.exists()
    assert_index_matches_library(lib)
    lib.close()


def test_removed_document_leaves_the_index(populated: Path, tmp_path: Path) -> None:
    lib = fresh_copy(populated, tmp_path)
    update_index(lib)
    doc = next(d for m in lib.meetings() for d in m.documents if d.file_name == "bilag-07.pdf")
    with lib.transaction() as conn:
        conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
        emit(conn, doc.id, "removed", None)
    assert Searcher(lib.paths).search(code(7, 1)).total == 1
    update_index(lib)
    assert Searcher(lib.paths).search(code(7, 1)).total == 0
    assert_index_matches_library(lib)
    lib.close()


def test_import_command_updates_the_index_in_the_same_step(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    pdf = agenda_pdf(tmp_path / "in" / "dagsorden.pdf")
    assert main(["--data-dir", data, "import", str(pdf)]) == 0
    with Library(DataPaths(Path(data))) as lib:
        assert lib.cursor(CONSUMER) == lib.last_event()
        assert Searcher(lib.paths).search("TeleHjerte").total == 1


# -- notes: searchable, never on disk --------------------------------------------------------


def test_notes_are_searchable_and_merge_into_results(tmp_path: Path) -> None:
    with Library(DataPaths(tmp_path / "data")) as lib:
        import_paths(lib, [agenda_pdf(tmp_path / "in" / "dagsorden.pdf")])
        update_index(lib)
        [meeting] = lib.meetings()
        notes = NotesIndex()
        notes.add("1", meeting.id, "2.1", "Spørg til udgifterne ved TeleHjerte i vores kommune.")
        notes.add("2", meeting.id, None, "Husk at forberede formødet.")
        total, hits = notes.search('"vores kommune"')
        assert (total, [h.note for h in hits]) == (1, ["1"])
        result = Searcher(lib.paths).search("TeleHjerte", notes=notes)
        assert result.total == 2
        [group] = result.groups()
        assert group.item == "2.1"
        assert {h.kind for h in group.hits} == {"agenda", "note"}
        notes.remove(1)
        assert Searcher(lib.paths).search("TeleHjerte", notes=notes).total == 1
        notes.clear()
        assert len(notes) == 0


def test_note_text_never_reaches_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "systemtmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    data = tmp_path / "data"
    secret = "Hemmeligholdelsesklausulen"
    with Library(DataPaths(data)) as lib:
        import_paths(lib, [agenda_pdf(tmp_path / "in" / "dagsorden.pdf")])
        update_index(lib)
        notes = NotesIndex()
        for i in range(300):
            notes.add(str(i), 1, "2.1", f"{secret} nummer {i}. " + "Fortroligt notat. " * 200)
        assert Searcher(lib.paths).search(secret.lower(), notes=notes).total == 300
        update_index(lib)
    assert isinstance(NoTempFilesRamStorage().temp_storage(), NoTempFilesRamStorage.__base__)
    needles = [secret.encode(), secret.lower().encode(), secret[::-1].lower().encode()]
    for root in (data, scratch):
        for path in root.rglob("*"):
            if path.is_file():
                blob = path.read_bytes()
                assert not any(n in blob for n in needles), path


def test_segment_files_are_read_through_the_mapping_not_copied(tmp_path: Path) -> None:
    """A BufferFile reads as a BytesIO would, without holding a copy of its buffer: a
    100,000-page index opened took 500 MB when Whoosh copied each segment's files."""
    import io
    import mmap
    import pickle

    from whoosh.filedb.structfile import BufferFile

    import reader.search._whoosh  # noqa: F401 - what makes the fix

    data = b"first line\nsecond\n" + pickle.dumps({"a": [1, 2.5]}, protocol=2) + b"tail"
    path = tmp_path / "segment"
    path.write_bytes(b"XX" + data)
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        view = memoryview(mapped)[2:]
        ours, plain = BufferFile(view), io.BytesIO(data)
        assert not isinstance(ours.file, io.BytesIO)
        for f in (ours, plain):
            f.seek(0)
        assert ours.readline() == plain.readline() == b"first line\n"
        assert ours.read(3) == plain.read(3) == b"sec"
        assert ours.tell() == plain.tell()
        assert ours.file.readline(2) == plain.readline(2)
        ours.seek(18)
        plain.seek(18)
        assert pickle.load(ours.file) == pickle.load(plain) == {"a": [1, 2.5]}
        assert ours.read() == plain.read() == b"tail"
        assert ours.read(5) == plain.read(5) == b""
        ours.seek(-4, 2)
        assert ours.read() == b"tail"
        assert ours.get(0, 5) == b"first"
        ours.close()
        view.release()
