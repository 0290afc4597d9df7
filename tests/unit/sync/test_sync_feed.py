"""Syncing a Mødemappe feed from a real HTTP server on 127.0.0.1, with faults injected."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest

from reader.errors import NotFoundError
from reader.library import Library
from reader.sync.feed import MANIFEST_NAME, publish, resolve_href
from reader.sync.report import SyncReport
from reader.sync.runner import add_source, list_sources, remove_source, sync_sources
from tests.support.consistency import assert_consistent
from tests.support.feeds import make_source, serve_feed
from tests.support.file_keychain import NAME, FileKeychain
from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.sync_server import Server, serve

FAST = {"backoff": 0.01, "timeout": 1.0, "retries": 3}


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


def sync(lib: Library, **options: Any) -> SyncReport:
    return sync_sources(lib, engine_options={**FAST, **options})


@pytest.fixture
def feed(server: Server, tmp_path: Path) -> tuple[Server, Path]:
    out = tmp_path / "out"
    publish(make_source(tmp_path), out)
    serve_feed(server, out)
    return server, out


def test_feed_sync_then_a_second_sync_downloads_nothing(
    library: Library, feed: tuple[Server, Path]
) -> None:
    server, _out = feed
    add_source(library, "kkr", server.url("/feed/"), "feed")
    [first] = sync(library).sources
    assert (first.new, first.changed, first.removed, first.failed) == (4, 0, 0, 0)
    meetings = library.meetings()
    assert [m.start for m in meetings] == ["2026-02-10T09:30:00", "2026-02-03T09:30:00"]
    for m in meetings:
        assert {d.kind for d in m.documents} == {"agenda", "attachment"}
        bilag = next(d for d in m.documents if d.kind == "attachment")
        assert bilag.item_number == "2.1"
        assert [i.number for i in library.items(m.id)] == ["1", "1.1", "2", "2.1", "2.2"]
    pdfs = server.file_gets()
    assert pdfs == 4
    [second] = sync(library).sources
    assert (second.new, second.changed, second.removed, second.failed) == (0, 0, 0, 0)
    assert second.unchanged == 2
    assert server.file_gets() == pdfs  # no file downloaded again
    manifest_hits = [h for h in server.hits if h.path.endswith(MANIFEST_NAME)]
    assert manifest_hits[-1].status == 304  # the manifest itself was asked for conditionally
    assert list(library.paths.tmp.iterdir()) == []
    assert_consistent(library)


def test_changed_document_is_a_new_version_and_a_removed_meeting_is_marked(
    library: Library, server: Server, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    publish(make_source(tmp_path / "v1", days=(3, 10)), out)
    serve_feed(server, out)
    add_source(library, "kkr", server.url("/feed/"), "feed")
    sync(library)
    before = {m.start: m for m in library.meetings()}
    # re-issued: the agenda of the 3rd changed, the meeting of the 10th is gone
    v2 = tmp_path / "v2"
    shutil.copytree(tmp_path / "v1" / "src", v2)
    shutil.rmtree(v2 / "m10")
    agenda_pdf(v2 / "m3" / "dagsorden.pdf", day=3, extra="Rettet efter udsendelse.")
    out2 = tmp_path / "out2"
    publish(v2, out2)
    server.routes.clear()
    serve_feed(server, out2)
    [report] = sync(library).sources
    assert (report.new, report.changed, report.removed, report.failed) == (0, 1, 1, 0)
    after = {m.start: m for m in library.meetings()}
    assert set(after) == set(before)  # nothing deleted
    assert after["2026-02-10T09:30:00"].removed is True
    kept = after["2026-02-03T09:30:00"]
    assert kept.removed is False and kept.id == before["2026-02-03T09:30:00"].id
    agenda = next(d for d in kept.documents if d.kind == "agenda")
    assert [v["number"] for v in library.versions(agenda.id)] == [1, 2]
    text = " ".join(library.page_text(agenda.id, p) for p in range(1, agenda.pages + 1))
    assert "Rettet efter udsendelse" in text
    # the meeting comes back: no longer marked
    server.routes.clear()
    serve_feed(server, out)
    sync(library)
    assert not any(m.removed for m in library.meetings())
    assert_consistent(library)


def _first_pdf(server: Server) -> str:
    return sorted(p for p in server.routes if p.endswith(".pdf"))[0]


@pytest.mark.parametrize(
    ("fault", "evidence"),
    [
        (("500", "500"), lambda hits: [h.status for h in hits] == [500, 500, 200]),
        ((("429", 1),), lambda hits: [h.status for h in hits] == [429, 200]),
        ((("stall", 2.5),), lambda hits: len(hits) == 2),
        (("cut",), lambda hits: hits[-1].status == 206 and "Range" in hits[-1].headers),
        (("long-length",), lambda hits: [h.status for h in hits] == [200, 200]),
        (("short-length",), lambda hits: len(hits) == 2),
        (("corrupt",), lambda hits: len(hits) == 2),
    ],
    ids=["500", "429", "timeout", "cut", "wrong-length", "short-body", "checksum"],
)
def test_transient_faults_are_retried_and_the_file_arrives_intact(
    library: Library, feed: tuple[Server, Path], fault: tuple[Any, ...], evidence: Any
) -> None:
    server, _ = feed
    path = _first_pdf(server)
    server.fault(path, *fault)
    add_source(library, "kkr", server.url("/feed/"), "feed")
    started = time.monotonic()
    [report] = sync(library).sources
    assert (report.new, report.failed, report.errors) == (4, 0, [])
    hits = [h for h in server.hits if h.path == path]
    assert evidence(hits), [(h.status, h.headers.get("Range")) for h in hits]
    if fault == (("429", 1),):
        assert time.monotonic() - started >= 1.0  # Retry-After was honoured
    assert_consistent(library)
    assert list(library.paths.tmp.iterdir()) == []


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (("corrupt",) * 3, "kontrolsum"),
        ((("redirect", "file:///etc/passwd"),), "afviste en videresendelse"),
        (("huge",), "for stor"),
        (("500",) * 5, "500"),
    ],
    ids=["checksum-mismatch", "redirect-to-file", "10-GB", "server-down"],
)
def test_permanent_faults_fail_one_document_and_spare_the_rest(
    library: Library, feed: tuple[Server, Path], fault: tuple[Any, ...], message: str
) -> None:
    server, _ = feed
    path = _first_pdf(server)
    server.fault(path, *fault)
    add_source(library, "kkr", server.url("/feed/"), "feed")
    [report] = sync(library).sources
    assert report.failed == 1 and not report.fatal
    assert report.new == 3
    [error] = report.errors
    assert message in error and path.split("/")[-1] in error
    stored = {v["sha256"] for v in library.conn.execute("SELECT sha256 FROM document_versions")}
    assert path.split("/")[-1].removesuffix(".pdf") not in stored
    assert [p for p in library.paths.tmp.iterdir() if p.stat().st_size > 1_000_000] == []
    assert_consistent(library)
    # the next sync, with the server well again, fetches what is missing and nothing else
    server.faults.clear()
    before = server.file_gets()
    [again] = sync(library).sources
    assert (again.new, again.failed) == (1, 0)
    assert server.file_gets() == before + 1


def test_manifest_with_unsafe_paths_skips_those_documents(
    library: Library, feed: tuple[Server, Path], tmp_path: Path
) -> None:
    server, out = feed
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    manifest["meetings"][0]["documents"][1]["href"] = "../../secret.pdf"
    manifest["meetings"][1]["documents"][1]["href"] = "files/%2e%2e/%2e%2e/x.pdf"
    server.json("/feed/" + MANIFEST_NAME, manifest)
    server.routes["/secret.pdf"] = plain_pdf(tmp_path / "secret.pdf", "Hemmeligt").read_bytes()
    add_source(library, "kkr", server.url("/feed/"), "feed")
    [report] = sync(library).sources
    assert report.new == 2 and report.failed == 2
    assert all("peger uden for feedet" in e for e in report.errors)
    assert server.count(lambda h: "secret" in h.path or "x.pdf" in h.path) == 0


@pytest.mark.parametrize(
    "href",
    ["../a.pdf", "/etc/passwd", "file:///etc/passwd", "ftp://x/a.pdf", "a/../../b.pdf", "a\\..\\b"],
)
def test_unsafe_hrefs_are_refused(href: str) -> None:
    from reader.sync.engine import SyncError

    with pytest.raises(SyncError):
        resolve_href("http://127.0.0.1:1/feed/moedemappe-feed.json", href)


def test_not_a_feed_fails_the_source_entirely(library: Library, server: Server) -> None:
    server.json("/feed/" + MANIFEST_NAME, {"hello": "world"})
    add_source(library, "kkr", server.url("/feed/"), "feed")
    [report] = sync(library).sources
    assert report.fatal and "ikke et Mødemappe-feed" in report.errors[0]


def test_credentials_live_in_the_keyring_and_go_only_to_the_source(
    library: Library, feed: tuple[Server, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a real file-backed keychain, allowed as the test suite's stand-in for the OS keychain
    backend = FileKeychain(tmp_path / "keychain.json")
    monkeypatch.setenv("MOEDEMAPPE_TEST_KEYCHAIN", NAME)
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        server, _ = feed
        add_source(library, "privat", server.url("/feed/"), "feed", token="s3cret-token")
        sync(library)
        sent = {h.headers.get("Authorization") for h in server.hits}
        assert sent == {"Bearer s3cret-token"}
        dump = "\n".join(library.conn.iterdump())
        assert "s3cret" not in dump
        for path in library.paths.root.rglob("*"):  # the database, its WAL, logs, settings
            assert not path.is_file() or b"s3cret" not in path.read_bytes(), path
        assert "s3cret" in str(keyring.get_password("moedemappe-sync", "privat"))
        assert backend.path.is_file()
        remove_source(library, "privat")
        assert keyring.get_password("moedemappe-sync", "privat") is None
        assert library.meetings()  # the meetings stay
        with pytest.raises(NotFoundError):
            remove_source(library, "privat")
    finally:
        keyring.set_keyring(previous)


def test_publish_is_stable_and_lists_checksums(tmp_path: Path) -> None:
    src = make_source(tmp_path)
    out = tmp_path / "out"
    first = publish(src, out)
    assert (first["meetings"], first["documents"], first["errors"]) == (2, 4, [])
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert manifest["format"] == "moedemappe-feed" and manifest["version"] == 1
    import hashlib

    for meeting in manifest["meetings"]:
        for doc in meeting["documents"]:
            data = (out / doc["href"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == doc["sha256"]
            assert len(data) == doc["size"]
    publish(src, out)
    again = json.loads((out / MANIFEST_NAME).read_text())
    assert again["revision"] == manifest["revision"]
    assert [m["id"] for m in again["meetings"]] == [m["id"] for m in manifest["meetings"]]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_sources_are_listed(library: Library, tmp_path: Path) -> None:
    add_source(library, "b", "https://example.invalid/feed/", "feed", since="2026-01-01")
    add_source(library, "a", str(tmp_path), "folder")
    assert [(s.name, s.kind) for s in list_sources(library)] == [("a", "folder"), ("b", "feed")]
    assert list_sources(library)[1].options == {"since": "2026-01-01"}


def test_progress_is_reported_and_a_cancelled_sync_resumes_cleanly(
    library: Library, feed: tuple[Server, Path]
) -> None:
    server, _ = feed
    add_source(library, "kkr", server.url("/feed/"), "feed")
    seen: list[tuple[int, int, str]] = []
    report = sync_sources(
        library,
        progress=lambda done, total, what: seen.append((done, total, what)),
        cancelled=lambda: any(done >= 1 for done, _t, _w in seen),
        engine_options=FAST,
    )
    assert report.cancelled
    assert seen[0][0] == 0 and seen[-1][0] == 1 and "KKR Testegnen" in seen[-1][2]
    assert len(library.meetings()) == 1  # the first meeting, whole; nothing of the second
    assert_consistent(library)
    [rest] = sync(library).sources
    assert (rest.new, rest.unchanged, rest.failed) == (2, 1, 0)
    assert len(library.meetings()) == 2
