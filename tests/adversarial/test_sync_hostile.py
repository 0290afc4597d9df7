"""Sync against hostile and broken servers on 127.0.0.1, with the limits made small.

Each test gives the engine small limits through ``engine_options`` (a grace of a second
instead of 30, ...), so what would take minutes in the field takes about a second here,
and asserts both the outcome and that it came within the limit.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import keyring
import pytest

from reader.library import Library
from reader.logs import redact_userinfo
from reader.paths import DataPaths
from reader.sync import runner
from reader.sync.downloads import Expect
from reader.sync.engine import (
    MAX_JSON_DEPTH,
    Engine,
    FetchError,
    json_too_deep,
    parse_json,
)
from reader.sync.feed import MANIFEST_NAME, publish
from reader.sync.model import Context, Listing
from reader.sync.report import SourceReport, SyncReport
from reader.sync.runner import add_source, list_sources, sync_sources
from tests.support.consistency import assert_consistent
from tests.support.feeds import make_source, serve_feed
from tests.support.file_keychain import NAME as FILE_KEYCHAIN
from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.notes_fixtures import file_keyring, keyring_env
from tests.support.sync_server import Handler, Reply, Server, file_reply, serve

pytestmark = pytest.mark.adversarial

ROOT = Path(__file__).resolve().parents[2]
# small limits: a second of grace, a few seconds for anything else
HOSTILE: dict[str, Any] = {
    "backoff": 0.01,
    "retries": 2,
    "timeout": 5.0,
    "grace": 1.0,
    "min_rate": 1024.0,
    "deadline": 10.0,
}
# for tests of concurrency, not of speed: a loaded machine must not trip the rate limit
PATIENT: dict[str, Any] = {**HOSTILE, "grace": 30.0, "deadline": 60.0}
CANCEL_WITHIN = 1.5  # seconds from the cancel to the sync's return (~1 s, with slack for CI)


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


@pytest.fixture
def feed(server: Server, tmp_path: Path) -> Server:
    out = tmp_path / "out"
    publish(make_source(tmp_path), out)
    serve_feed(server, out)
    return server


def _pdfs(server: Server, prefix: str = "/feed/") -> list[str]:
    return sorted(p for p in server.routes if p.startswith(prefix) and p.endswith(".pdf"))


def _sync(lib: Library, **options: Any) -> SyncReport:
    return sync_sources(lib, engine_options={**HOSTILE, **options})


def _timed_sync(lib: Library, **options: Any) -> tuple[list[SourceReport], float]:
    started = time.monotonic()
    report = _sync(lib, **options)
    return report.sources, time.monotonic() - started


def _tmp_files(lib: Library) -> list[str]:
    return sorted(p.name for p in lib.paths.tmp.iterdir())


# -- a trickle, silence, and endless requests ------------------------------------------------


def test_a_file_dripping_one_byte_a_second_is_abandoned_and_the_rest_syncs(
    library: Library, feed: Server
) -> None:
    path = _pdfs(feed)[0]
    feed.fault(path, ("drip", (0, 1.0)))
    add_source(library, "kkr", feed.url("/feed/"), "feed")
    (report,), took = _timed_sync(library)
    assert took < 4, took  # grace 1 s; unlimited, this file alone would take hours
    assert (report.new, report.failed, report.fatal) == (3, 1, False)
    [error] = report.errors
    assert "opgivet, langsommere end 1024 byte/s" in error, error
    assert path.rsplit("/", 1)[1] in error  # the message names the file's address
    assert feed.count(lambda h: h.path == path) == 1  # a trickle is not retried
    assert_consistent(library)


def test_a_transfer_fast_enough_but_endless_meets_the_deadline(
    library: Library, feed: Server
) -> None:
    path = _pdfs(feed)[0]
    feed.fault(path, ("drip", (0, 0.01)))  # ~100 bytes/s: above a 10 byte/s minimum
    add_source(library, "kkr", feed.url("/feed/"), "feed")
    (report,), took = _timed_sync(library, min_rate=10.0, deadline=1.5)
    assert took < 4.5, took
    [error] = report.errors
    assert "opgivet, ikke færdig efter 1,5 s" in error and path.rsplit("/", 1)[1] in error
    assert report.new == 3


def test_a_dripping_manifest_fails_its_source_quickly(library: Library, feed: Server) -> None:
    feed.fault("/feed/" + MANIFEST_NAME, ("drip", (20, 2.0)))  # one byte every 2 s
    add_source(library, "kkr", feed.url("/feed/"), "feed")
    (report,), took = _timed_sync(library)
    assert took < 4, took
    assert report.fatal and MANIFEST_NAME in report.errors[0]
    assert "opgivet" in report.errors[0]


@pytest.mark.parametrize(
    ("fault", "options", "message"),
    [
        (("silence", 60), {}, "opgivet, langsommere end"),  # the watchdog, after the grace
        (("silence", 60), {"grace": 30.0, "timeout": 0.5}, "intet modtaget i 0,5 s"),
        (("header-drip", 1.0), {}, "opgivet, langsommere end"),
    ],
    ids=["headers-then-silence", "read-timeout", "headers-drip"],
)
def test_headers_then_silence_costs_one_grace_period_not_minutes(
    library: Library, feed: Server, fault: tuple[str, Any], options: dict[str, Any], message: str
) -> None:
    path = _pdfs(feed)[0]
    feed.fault(path, fault)
    add_source(library, "kkr", feed.url("/feed/"), "feed")
    (report,), took = _timed_sync(library, **options)
    assert took < 4, took
    [error] = report.errors
    assert message in error and path.rsplit("/", 1)[1] in error, error
    assert feed.count(lambda h: h.path == path) == 1  # given up, not retried for minutes
    assert (report.new, report.fatal) == (3, False)


@pytest.mark.parametrize("streams", [1, 4])
def test_a_server_that_stops_answering_is_given_up_quickly(
    library: Library, server: Server, tmp_path: Path, streams: int
) -> None:
    out = tmp_path / "out"
    publish(make_source(tmp_path, days=(3, 10, 17, 24)), out)  # 8 files
    serve_feed(server, out)
    for path in _pdfs(server):
        server.fault(path, ("silence", 60), ("silence", 60))  # prompt headers, then nothing
    add_source(library, "kkr", server.url("/feed/"), "feed")
    (report,), took = _timed_sync(library, concurrency=streams)
    assert took < 2 * 1.0 + 2.5, took  # two grace periods at most, then no more requests
    assert report.fatal
    last = report.errors[-1]
    assert "holdt op med at svare" in last and "kilden springes over" in last, last
    # what was under way, and at most one more started before the second silence
    assert server.file_gets() <= max(2, streams + 1)
    # the next sync, with the server well again, fetches everything
    server.faults.clear()
    [again] = _sync(library).sources
    assert (again.new, again.failed, again.fatal) == (8, 0, False)


def _oparl(server: Server, page: Callable[[int, str], dict[str, Any]]) -> str:
    """A minimal OParl server whose meeting list is ``page(n, base)`` for ``?page=n``."""
    base = server.url("/oparl")
    server.json("/oparl/", {"id": base + "/", "type": "System", "body": base + "/bodies"})
    body = {"id": base + "/body/1", "name": "Byrådet", "meeting": base + "/meetings"}
    server.json("/oparl/bodies", {"data": [body], "links": {}})

    def meetings(h: Handler) -> Reply:
        n = int(parse_qs(urlsplit(h.path).query).get("page", ["1"])[0])
        return Reply(200, json.dumps(page(n, base)).encode(), {"Content-Type": "application/json"})

    server.routes["/oparl/meetings"] = meetings
    return base + "/"


def _meeting(base: str, n: int) -> dict[str, Any]:
    return {"id": f"{base}/meeting/{n}", "name": f"Møde {n}", "start": f"2026-03-0{n}T17:00:00"}


def test_endless_next_links_stop_at_the_page_cap_with_an_error(
    library: Library, server: Server
) -> None:
    url = _oparl(
        server,
        lambda n, base: {
            "data": [_meeting(base, 1)] if n == 1 else [],
            "links": {"next": f"{base}/meetings?page={n + 1}"},  # always another page
        },
    )
    add_source(library, "byraad", url, "oparl")
    (report,), took = _timed_sync(library, max_pages=25)
    assert took < 10, took
    assert server.count(lambda h: h.path.startswith("/oparl/meetings")) == 25
    [error] = report.errors
    assert error.startswith("byraad: ") and "har flere end 25 sider; stoppede der" in error
    assert not report.fatal and len(library.meetings()) == 1  # what was read still counts


def test_a_next_link_back_to_a_page_already_read_is_an_error(
    library: Library, server: Server
) -> None:
    url = _oparl(
        server,
        lambda n, base: {
            "data": [_meeting(base, n)],
            "links": {"next": f"{base}/meetings?page=2" if n == 1 else f"{base}/meetings"},
        },
    )
    add_source(library, "byraad", url, "oparl")
    [report] = _sync(library).sources
    assert server.count(lambda h: h.path.startswith("/oparl/meetings")) == 2
    [error] = report.errors
    assert error.startswith("byraad: ")
    assert "fører tilbage til en side, der allerede er læst" in error
    assert len(library.meetings()) == 2
    # a list not read to its end removes nothing, and the next sync reads it all again
    [again] = _sync(library).sources
    assert again.removed == 0 and again.errors == [error]


# -- deep JSON ---------------------------------------------------------------------------------


def test_the_depth_walk_measures_lists_and_objects_alike() -> None:
    assert json_too_deep([[[[["x"]]]]], limit=4)
    assert not json_too_deep([[[["x"]]]], limit=4)
    assert not json_too_deep({"a": [{"b": [], "c": "[[[[[[[[["}], "d": 1}, limit=4)
    assert json_too_deep({"a": [{"b": [{}]}], "d": 1}, limit=4)
    nested: Any = "bund"
    for n in range(MAX_JSON_DEPTH):  # objects and lists by turns, 64 levels
        nested = {"n": nested} if n % 2 else [nested]
    assert not json_too_deep(nested)
    assert json_too_deep([nested])
    assert parse_json(json.dumps(nested).encode(), "u") == nested


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 100_000, 5_000_000])
def test_deeply_nested_json_is_refused_without_recursion(depth: int) -> None:
    body = b'{"a":' * depth + b"1" + b"}" * depth
    started = time.monotonic()
    with pytest.raises(FetchError, match="indlejret mere end 64 niveauer") as caught:
        parse_json(body, "http://127.0.0.1:1/feed.json")
    assert "http://127.0.0.1:1/feed.json" in str(caught.value)
    assert time.monotonic() - started < 5


def test_a_deeply_nested_feed_fails_only_its_own_source(
    library: Library, feed: Server, tmp_path: Path
) -> None:
    deep = b'{"format": "moedemappe-feed", "version": 1, "meetings": ' + b"[" * 200_000
    feed.routes["/deep/" + MANIFEST_NAME] = deep + b"]" * 200_000 + b"}"
    add_source(library, "dyb", feed.url("/deep/"), "feed")
    add_source(library, "kkr", feed.url("/feed/"), "feed")
    by_name = {s.name: s for s in _sync(library).sources}
    assert by_name["dyb"].fatal
    [error] = by_name["dyb"].errors
    assert "indlejret mere end 64 niveauer" in error and "/deep/" in error
    assert (by_name["kkr"].new, by_name["kkr"].fatal) == (4, False)


def test_a_deeply_nested_oparl_page_is_skipped_with_an_error(
    library: Library, server: Server
) -> None:
    url = _oparl(server, lambda n, base: {"data": [{"x": 1}]})
    server.routes["/oparl/meetings"] = b'{"data": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"
    add_source(library, "byraad", url, "oparl")
    [report] = _sync(library).sources
    assert not report.fatal
    assert any("indlejret mere end 64 niveauer" in e for e in report.errors)


# -- one bad input never stops the rest -------------------------------------------------------


def test_one_bad_document_is_reported_and_the_others_and_other_sources_sync(
    library: Library, server: Server, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    publish(make_source(tmp_path), out)
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    first, second = manifest["meetings"]
    # a PDF cut in half, listed with the checksum of what is served: it arrives intact
    whole = plain_pdf(tmp_path / "whole.pdf", "Bilag", "side 2", "side 3").read_bytes()
    cut = whole[: len(whole) // 2]
    served = first["documents"][1]
    served.update(href="files/cut.pdf", sha256=hashlib.sha256(cut).hexdigest(), size=len(cut))
    second["documents"][1]["sha256"] = "0" * 64  # a checksum that never matches
    second["documents"].append(
        {"id": "borte", "kind": "attachment", "title": "Borte", "href": "files/borte.pdf"}
        | {"sha256": "1" * 64, "size": 100}
    )  # not on the server: 404
    (out / MANIFEST_NAME).write_text(json.dumps(manifest))
    serve_feed(server, out)
    server.routes["/feed/files/cut.pdf"] = cut
    other = tmp_path / "other"
    publish(make_source(tmp_path / "o", days=(17,)), other)
    serve_feed(server, other, prefix="/other/")
    add_source(library, "kkr", server.url("/feed/"), "feed")
    add_source(library, "andet", server.url("/other/"), "feed")
    by_name = {s.name: s for s in _sync(library).sources}
    kkr = by_name["kkr"]
    assert (kkr.new, kkr.failed, kkr.fatal) == (2, 3, False)  # both agendas came
    assert len(kkr.errors) == 3 and all("\n" not in e for e in kkr.errors)
    assert any("cut.pdf" in e and "beskadiget PDF" in e for e in kkr.errors), kkr.errors
    assert any("passer ikke med sin kontrolsum" in e for e in kkr.errors), kkr.errors
    assert any("borte.pdf" in e and "404" in e for e in kkr.errors), kkr.errors
    assert (by_name["andet"].new, by_name["andet"].failed) == (2, 0)
    assert_consistent(library)


def test_an_unexpected_error_in_one_source_does_not_stop_the_others(
    library: Library, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(ctx: Context) -> Listing:
        raise RuntimeError("a bug in an adapter")

    monkeypatch.setitem(runner.ADAPTERS, "feed", broken)
    add_source(library, "brudt", "http://127.0.0.1:1/feed/", "feed")
    agenda_pdf(tmp_path / "mappe" / "m1" / "dagsorden.pdf")
    add_source(library, "mappe", str(tmp_path / "mappe"), "folder")
    by_name = {s.name: s for s in _sync(library).sources}
    assert by_name["brudt"].fatal
    assert by_name["brudt"].errors == [
        "brudt: intern fejl: a bug in an adapter (detaljer i loggen)"
    ]
    assert (by_name["mappe"].new, by_name["mappe"].fatal) == (1, False)


# -- two syncs at once -------------------------------------------------------------------------


def _slow_files(server: Server, seconds: float) -> None:
    """Every PDF answers after ``seconds``: two syncs started together overlap."""
    for path in _pdfs(server):
        body = server.routes[path]
        assert isinstance(body, bytes)

        def slow(h: Handler, body: bytes = body) -> Reply:
            time.sleep(seconds)
            return file_reply(h, body)

        server.routes[path] = slow


def _in_threads(data: Path, names: list[list[str]]) -> list[SyncReport]:
    """Sync in parallel threads, each with its own connection to the library."""
    barrier = threading.Barrier(len(names))
    reports: list[SyncReport | BaseException] = [RuntimeError("not run")] * len(names)

    def work(n: int) -> None:
        try:
            with Library(DataPaths(data)) as lib:
                barrier.wait()
                reports[n] = sync_sources(lib, names[n], engine_options=PATIENT)
        except BaseException as exc:
            reports[n] = exc

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(names))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for r in reports:
        if isinstance(r, BaseException):
            raise r
    return [r for r in reports if isinstance(r, SyncReport)]


def test_two_syncs_of_one_source_at_once_one_is_told_the_source_is_busy(
    library: Library, feed: Server, data_dir: Path
) -> None:
    _slow_files(feed, 0.5)
    add_source(library, "kkr", feed.url("/feed/"), "feed")
    reports = [r.sources[0] for r in _in_threads(data_dir, [["kkr"], ["kkr"]])]
    busy = [r for r in reports if r.fatal]
    done = [r for r in reports if not r.fatal]
    assert len(busy) == 1 and len(done) == 1, [r.errors for r in reports]
    assert "optaget, en anden synkronisering af denne kilde kører" in busy[0].errors[0]
    assert (done[0].new, done[0].failed) == (4, 0)
    assert_consistent(library)
    assert _tmp_files(library) == []


def test_two_sources_with_the_same_files_sync_at_once_without_sharing_parts(
    library: Library, feed: Server, data_dir: Path
) -> None:
    _slow_files(feed, 0.5)
    add_source(library, "a", feed.url("/feed/"), "feed")
    add_source(library, "b", feed.url("/feed/"), "feed")
    reports = [r.sources[0] for r in _in_threads(data_dir, [["a"], ["b"]])]
    for r in reports:
        assert (r.failed, r.fatal, r.errors) == (0, False, [])
    assert sum(r.new for r in reports) == 4  # the meetings are shared: the first brings each
    assert feed.file_gets() == 8  # each downloaded every file, at the same time
    assert_consistent(library)
    assert _tmp_files(library) == []


def test_two_engines_downloading_one_file_at_once_both_get_it_whole(
    server: Server, tmp_path: Path
) -> None:
    body = plain_pdf(tmp_path / "a.pdf", "Et bilag", "side 2").read_bytes()
    server.routes["/a.pdf"] = body
    server.fault("/a.pdf", ("drip", (len(body) // 2, 0.002)), ("drip", (len(body) // 3, 0.002)))
    expect = Expect(len(body), hashlib.sha256(body).hexdigest())
    barrier = threading.Barrier(2)
    paths: list[Path] = []

    def fetch() -> None:
        with Engine(tmp_path / "tmp", **{**HOSTILE, "min_rate": 64.0}) as engine:
            barrier.wait()
            download = engine.download(server.url("/a.pdf"), expect)
            assert download.path is not None
            assert download.path.read_bytes() == body  # whole, and never the other's half
            paths.append(download.path)

    threads = [threading.Thread(target=fetch) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(paths) == 2 and paths[0] != paths[1]
    for p in paths:
        p.unlink()
    assert list((tmp_path / "tmp").iterdir()) == []  # no part, lock or record left behind


def _main(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env if env is not None else dict(os.environ),
        cwd=ROOT,
    )


def _run(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> tuple[int, str, str]:
    proc = _main(*args, env=env)
    out, err = proc.communicate(stdin, timeout=120)
    return proc.returncode, out, err


@pytest.mark.subprocess
def test_two_sync_processes_of_one_source_never_crash_each_other(
    feed: Server, tmp_path: Path
) -> None:
    _slow_files(feed, 1.0)
    d = str(tmp_path / "data")
    assert (
        _run("--data-dir", d, "sources", "add", "kkr", feed.url("/feed/"), "--kind", "feed")[0] == 0
    )
    procs = [_main("--data-dir", d, "sync") for _ in range(2)]
    results = [(p.wait(60), p.communicate()) for p in procs]
    for rc, (_out, err) in results:
        assert rc == 0 or (rc == 1 and "optaget" in err), err
        for bad in ("Traceback", "internal error", "not a PDF", "No such file"):
            assert bad not in err, err
    with Library(DataPaths(Path(d))) as lib:
        assert_consistent(lib)
        assert lib.counts()["documents"] == 4


# -- cancel ------------------------------------------------------------------------------------


def _cancel_during(
    lib: Library, when: Callable[[], None], **options: Any
) -> tuple[SyncReport, float]:
    """Start a sync in a thread, cancel it once ``when()`` returns; the seconds it took."""
    stop = threading.Event()
    result: list[SyncReport] = []

    def work() -> None:
        with Library(lib.paths) as own:  # a connection of the sync's own thread
            result.append(
                sync_sources(own, cancelled=stop.is_set, engine_options={**HOSTILE, **options})
            )

    thread = threading.Thread(target=work)
    thread.start()
    when()
    time.sleep(0.2)  # well inside the request
    cancelled_at = time.monotonic()
    stop.set()
    thread.join(10)
    took = time.monotonic() - cancelled_at
    assert result, "the sync did not return"
    return result[0], took


def test_cancel_during_a_stuck_download_returns_within_a_second_and_resumes_later(
    library: Library, data_dir: Path, feed: Server
) -> None:
    path = _pdfs(feed)[0]
    body = feed.routes[path]
    assert isinstance(body, bytes)
    half = len(body) // 2
    feed.fault(path, ("drip", (half, 60.0)))  # half at once, then (almost) nothing
    add_source(library, "kkr", feed.url("/feed/"), "feed")
    report, took = _cancel_during(
        library,
        lambda: feed.wait_for(lambda h: h.path == path),
        timeout=60.0,
        grace=60.0,  # only the cancel can end this download
    )
    assert report.cancelled and took < CANCEL_WITHIN, took
    assert_consistent(library)
    key = hashlib.sha256(feed.url(path).encode()).hexdigest()[:32]
    part = library.paths.tmp / f"sync-{key}.part"
    assert part.stat().st_size == half  # kept, with its record, for the next sync
    assert json.loads((library.paths.tmp / f"sync-{key}.meta.part").read_text())["size"] == half
    _no_ready_files(library)  # files that arrived but were not imported are not left behind
    [rest] = _sync(library).sources
    assert (rest.failed, rest.fatal) == (0, False)
    resumed = [h for h in feed.hits if h.path == path][-1]
    assert resumed.status == 206 and resumed.headers.get("Range") == f"bytes={half}-"
    assert library.counts()["documents"] == 4
    assert _tmp_files(library) == []


def _no_ready_files(lib: Library) -> None:
    """A download that completes after the cancel deletes its file itself, at once."""
    deadline = time.monotonic() + 5
    while [p for p in lib.paths.tmp.iterdir() if p.name.endswith(".ready.part")]:
        assert time.monotonic() < deadline, _tmp_files(lib)
        time.sleep(0.05)


def test_a_part_changed_on_disk_is_not_resumed(library: Library, feed: Server) -> None:
    path = _pdfs(feed)[0]
    body = feed.routes[path]
    assert isinstance(body, bytes)
    feed.fault(path, ("drip", (len(body) // 2, 60.0)))
    add_source(library, "kkr", feed.url("/feed/"), "feed")
    report, _took = _cancel_during(
        library, lambda: feed.wait_for(lambda h: h.path == path), grace=60.0
    )
    assert report.cancelled
    key = hashlib.sha256(feed.url(path).encode()).hexdigest()[:32]
    part = library.paths.tmp / f"sync-{key}.part"
    data = bytearray(part.read_bytes())
    data[10] ^= 0xFF  # a disk error, or another program
    part.write_bytes(bytes(data))
    [rest] = _sync(library).sources
    assert (rest.failed, rest.fatal) == (0, False)
    last = [h for h in feed.hits if h.path == path][-1]
    assert last.status == 200 and "Range" not in last.headers  # started over
    assert_consistent(library)


def test_cancel_while_waiting_to_retry_returns_at_once(library: Library, feed: Server) -> None:
    path = _pdfs(feed)[0]
    feed.fault(path, ("429", 100))  # Retry-After: 100 s
    add_source(library, "kkr", feed.url("/feed/"), "feed")
    report, took = _cancel_during(
        library, lambda: feed.wait_for(lambda h: h.status == 429), max_retry_after=200.0
    )
    assert report.cancelled and took < CANCEL_WITHIN, took
    _no_ready_files(library)


def test_cancel_while_the_manifest_is_silent_returns_at_once(
    library: Library, feed: Server
) -> None:
    manifest = "/feed/" + MANIFEST_NAME
    feed.fault(manifest, ("silence", 60))
    add_source(library, "kkr", feed.url("/feed/"), "feed")
    report, took = _cancel_during(
        library, lambda: feed.wait_for(lambda h: h.path == manifest), timeout=60.0, grace=60.0
    )
    assert report.cancelled and took < CANCEL_WITHIN, took
    assert library.meetings() == []


@pytest.mark.subprocess
def test_ctrl_c_stops_a_cli_sync_within_a_second(feed: Server, tmp_path: Path) -> None:
    path = _pdfs(feed)[0]
    feed.fault(path, ("drip", (1000, 60.0)))
    d = tmp_path / "data"
    assert (
        _run("--data-dir", str(d), "sources", "add", "kkr", feed.url("/feed/"), "--kind", "feed")[0]
        == 0
    )
    proc = _main("--data-dir", str(d), "sync")
    feed.wait_for(lambda h: h.path == path, timeout=60)
    # interrupted once bytes of the download are kept (not after a fixed pause, which a
    # loaded machine may outlast before the first bytes arrive)
    tmp = DataPaths(d).tmp

    def receiving() -> bool:
        try:
            return any(
                p.name.endswith(".part")
                and not p.name.endswith((".lock.part", ".meta.part"))
                and p.stat().st_size > 0
                for p in tmp.iterdir()
            )
        except OSError:  # not made yet, or a file gone while looked at
            return False

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not receiving():
        time.sleep(0.05)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    took = time.monotonic() - sent
    assert took < CANCEL_WITHIN, took
    assert (
        proc.returncode == 1 and "synkroniseringen blev afbrudt" in err and "Traceback" not in err
    ), err
    with Library(DataPaths(d)) as lib:
        assert_consistent(lib)
        assert any(p.name.endswith(".meta.part") for p in lib.paths.tmp.iterdir())


# -- secrets -----------------------------------------------------------------------------------

SECRET = "pw-s3cret-ø"


def _secret_forms() -> list[bytes]:
    pair = f"bob:{SECRET}".encode()
    return [
        SECRET.encode(),
        quote(SECRET).encode(),
        base64.b64encode(SECRET.encode()),
        base64.b64encode(pair),
    ]


def _leaks(root: Path) -> list[str]:
    return [
        str(p)
        for p in root.rglob("*")
        if p.is_file() and any(form in p.read_bytes() for form in _secret_forms())
    ]


def _auto_keyring_env(tmp_path: Path) -> dict[str, str]:
    """No keychain chosen and no D-Bus: keyring falls back on keyrings.alt's plaintext file."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")
    }
    env.update(
        {
            "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "home" / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "home" / "config"),
        }
    )
    probe = subprocess.run(
        [sys.executable, "-c", "import keyring; print(type(keyring.get_keyring()).__module__)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    if not probe.stdout.startswith("keyrings.alt"):
        pytest.skip(f"keyring here picks {probe.stdout.strip()}, not keyrings.alt's file")
    return env


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "how", ["in the address", "--token-stdin", "--user"], ids=["url", "token", "user"]
)
def test_without_an_os_keychain_secrets_are_refused_not_written_to_a_file(
    server: Server, tmp_path: Path, how: str
) -> None:
    env = _auto_keyring_env(tmp_path)
    d = str(tmp_path / "data")
    base = server.url("/feed/")
    if how == "in the address":
        args, stdin = [base.replace("http://", f"http://bob:{quote(SECRET)}@")], ""
    elif how == "--token-stdin":
        args, stdin = [base, "--token-stdin"], SECRET + "\n"
    else:
        args, stdin = [base, "--user", "bob"], SECRET + "\n"
    rc, _out, err = _run(
        "--data-dir", d, "sources", "add", "privat", *args, "--kind", "feed", env=env, stdin=stdin
    )
    assert rc == 1 and "ingen nøglering i styresystemet" in err and "intet blev gemt" in err, err
    assert len(err.strip().splitlines()) == 1 and SECRET not in err
    assert _run("--data-dir", d, "sources", "list", "--json", env=env)[1].strip() == "[]"
    assert _leaks(tmp_path) == []  # not in the library, not in keyring_pass.cfg


@pytest.mark.subprocess
def test_credentials_in_the_address_go_to_the_keychain_never_the_database_or_log(
    feed: Server, tmp_path: Path
) -> None:
    env = {**os.environ, **keyring_env(tmp_path)}  # a keychain the user chose explicitly
    d = tmp_path / "data"
    url = feed.url("/feed/").replace("http://", f"http://bob:{quote(SECRET)}@")
    feed.routes.pop(_pdfs(feed)[0])  # a 404: the log gets a line with the address
    rc, _out, err = _run(
        "--data-dir", str(d), "sources", "add", "privat", url, "--kind", "feed", env=env
    )
    assert rc == 0, err
    [listed] = json.loads(_run("--data-dir", str(d), "sources", "list", "--json", env=env)[1])
    assert listed["url"] == feed.url("/feed/")
    assert SECRET not in _run("--data-dir", str(d), "sources", "list", env=env)[1]
    rc, _out, err = _run("--data-dir", str(d), "sync", env=env)
    assert rc == 0 and "404" in err and SECRET not in err, err
    pair = base64.b64encode(f"bob:{SECRET}".encode()).decode()
    assert {h.headers.get("Authorization") for h in feed.hits} == {f"Basic {pair}"}
    assert (d / "logs" / "moedemappe.log").read_text().count("404") >= 1
    assert _leaks(d) == []  # database, its WAL, the log


def test_an_address_with_a_password_saved_by_an_older_version_is_moved_or_refused(
    library: Library, feed: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_source(library, "privat", feed.url("/feed/"), "feed")
    with library.transaction() as conn:  # as an older version stored it
        conn.execute(
            "UPDATE sources SET url = ?",
            (feed.url("/feed/").replace("http://", f"http://bob:{quote(SECRET)}@"),),
        )
    assert SECRET not in json.dumps([s.to_json() for s in list_sources(library)])
    [refused] = _sync(library).sources  # no keychain (the tests' fail backend)
    assert refused.fatal and "ingen nøglering i styresystemet" in refused.errors[0]
    assert all(SECRET not in e and quote(SECRET) not in e for e in refused.errors)
    assert feed.hits == []  # nothing was fetched with the password in the address
    previous = keyring.get_keyring()
    keyring.set_keyring(file_keyring(tmp_path / "kr.cfg"))
    monkeypatch.setenv("MOEDEMAPPE_TEST_KEYCHAIN", FILE_KEYCHAIN)  # the OS keychain's stand-in
    try:
        [moved] = _sync(library).sources
    finally:
        keyring.set_keyring(previous)
    assert (moved.new, moved.fatal) == (4, False)
    assert [s.url for s in list_sources(library)] == [feed.url("/feed/")]
    assert {h.headers.get("Authorization") for h in feed.hits} == {
        "Basic " + base64.b64encode(f"bob:{SECRET}".encode()).decode()
    }


def test_log_lines_never_hold_a_password_in_an_address() -> None:
    line = "GET http://bob:p@ss@host:8080/x and https://u:v@other/ failed; mailto:a@b stays"
    clean = redact_userinfo(line)
    assert "bob" not in clean and "p@ss" not in clean and "u:v" not in clean
    assert "http://***@host:8080/x" in clean and "https://***@other/" in clean
    assert "mailto:a@b" in clean
