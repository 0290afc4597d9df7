"""``sources``, ``sync`` and ``publish`` as scripts use them: real processes against a real
HTTP server on 127.0.0.1, including a sync killed with SIGKILL at random moments."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Library
from reader.paths import DataPaths
from tests.support.cli import ROOT, cli
from tests.support.consistency import assert_consistent
from tests.support.feeds import serve_feed
from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.sync_server import Server, serve

pytestmark = pytest.mark.subprocess


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


def _folder(root: Path, meetings: int, attachments: int = 2) -> Path:
    for n in range(meetings):
        agenda_pdf(root / f"m{n:02d}" / "dagsorden.pdf", day=n + 1)
        for i in range(attachments):
            plain_pdf(root / f"m{n:02d}" / f"bilag{i}.pdf", f"Bilag {n}.{i}", "side 2")
    return root


def _published(server: Server, tmp_path: Path, meetings: int) -> str:
    src = _folder(tmp_path / "src", meetings)
    out = tmp_path / "feed"
    result = cli("publish", str(src), str(out), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meetings"] == meetings
    return serve_feed(server, out)


def test_sources_sync_search_and_json_summary(server: Server, tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    url = _published(server, tmp_path, 2)
    assert cli("--data-dir", d, "sources", "add", "kkr", url, "--kind", "feed").returncode == 0
    again = cli("--data-dir", d, "sources", "add", "kkr", url, "--kind", "feed")
    assert again.returncode == 1 and "allerede en kilde" in again.stderr
    listed = json.loads(cli("--data-dir", d, "sources", "list", "--json").stdout)
    assert [(s["name"], s["kind"], s["url"], s["last_sync"]) for s in listed] == [
        ("kkr", "feed", url, None)
    ]
    result = cli("--data-dir", d, "sync", "--json")
    assert result.returncode == 0, result.stderr
    [summary] = json.loads(result.stdout)["sources"]
    assert {k: summary[k] for k in ("name", "new", "changed", "removed", "failed", "errors")} == {
        "name": "kkr",
        "new": 6,
        "changed": 0,
        "removed": 0,
        "failed": 0,
        "errors": [],
    }
    # the synced documents are in search, in the same step
    found = cli("--data-dir", d, "search", "Telemedicin hjertesvigt", "--json")
    assert found.returncode == 0, found.stderr
    assert "Telemedicin" in found.stdout
    second = json.loads(cli("--data-dir", d, "sync", "kkr", "--json").stdout)
    assert second["sources"][0]["new"] == 0 and second["sources"][0]["unchanged"] == 2
    assert cli("--data-dir", d, "sources", "remove", "kkr").returncode == 0
    assert json.loads(cli("--data-dir", d, "sources", "list", "--json").stdout) == []
    assert len(json.loads(cli("--data-dir", d, "meetings", "--json").stdout)) == 2


def test_sync_exits_1_when_a_source_fails_entirely(server: Server, tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    url = _published(server, tmp_path, 1)
    cli("--data-dir", d, "sources", "add", "good", url, "--kind", "feed")
    cli("--data-dir", d, "sources", "add", "bad", server.url("/nothing/"), "--kind", "feed")
    result = cli("--data-dir", d, "sync", "--json")
    assert result.returncode == 1
    by_name = {s["name"]: s for s in json.loads(result.stdout)["sources"]}
    assert by_name["good"]["new"] == 3 and not by_name["good"]["fatal"]
    assert by_name["bad"]["fatal"] and "404" in by_name["bad"]["errors"][0]
    assert "Traceback" not in result.stderr
    assert cli("--data-dir", d, "sync", "nosuch").returncode == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sources", "add", "x", "file:///etc", "--kind", "feed"], "http(s)"),
        (["sources", "add", "x", "/no/such/dir", "--kind", "folder"], "findes ikke"),
        (["sources", "remove", "nosuch"], "ingen kilde"),
    ],
)
def test_bad_source_arguments_are_one_line_errors(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = cli("--data-dir", str(tmp_path / "d"), *args)
    assert result.returncode == 1 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_folder_source_is_resynced_and_unchanged_folders_cost_nothing(tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    folder = _folder(tmp_path / "pakker", 2, attachments=1)
    cli("--data-dir", d, "sources", "add", "mapper", str(folder / "m00"), "--kind", "folder")
    [first] = json.loads(cli("--data-dir", d, "sync", "--json").stdout)["sources"]
    assert (first["new"], first["failed"]) == (2, 0)
    [second] = json.loads(cli("--data-dir", d, "sync", "--json").stdout)["sources"]
    assert (second["new"], second["unchanged"]) == (0, 1)
    plain_pdf(folder / "m00" / "bilag-nyt.pdf", "Nyt bilag")
    [third] = json.loads(cli("--data-dir", d, "sync", "--json").stdout)["sources"]
    assert third["new"] == 1


@pytest.mark.parametrize("kill_count", [8, pytest.param(20, marks=pytest.mark.slow)])
def test_killed_sync_leaves_a_consistent_library_and_the_next_sync_completes(
    server: Server, tmp_path: Path, kill_count: int
) -> None:
    """kill -9 the sync at random moments; the library is always consistent."""
    meetings = 8
    url = _published(server, tmp_path, meetings)
    data = tmp_path / "data"
    assert (
        cli("--data-dir", str(data), "sources", "add", "kkr", url, "--kind", "feed").returncode == 0
    )
    rng = random.Random(20260203)
    deadline = time.monotonic() + 60
    kills = 0
    while kills < kill_count and time.monotonic() < deadline:
        if kills % 5 == 0:  # start over now and then, so kills land in downloads and imports
            with Library(DataPaths(data)) as lib:
                lib.conn.execute("DELETE FROM sync_meetings")
                lib.conn.execute("DELETE FROM sync_http")
                lib.conn.execute("DELETE FROM sync_documents")
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "sync"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
        time.sleep(rng.uniform(0.3, 1.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        with Library(DataPaths(data)) as lib:
            assert_consistent(lib)
    assert kills == kill_count
    final = cli("--data-dir", str(data), "sync", "--json")
    assert final.returncode == 0, final.stderr
    with Library(DataPaths(data)) as lib:
        assert_consistent(lib)
        assert lib.counts()["meetings"] == meetings
        assert lib.counts()["documents"] == meetings * 3
        assert lib.counts()["document_versions"] == meetings * 3
    before = server.file_gets()
    quiet = json.loads(cli("--data-dir", str(data), "sync", "--json").stdout)["sources"][0]
    assert (quiet["new"], quiet["changed"], quiet["failed"]) == (0, 0, 0)
    assert server.file_gets() == before


def test_a_download_killed_mid_file_resumes_from_its_last_checkpoint(
    server: Server, tmp_path: Path
) -> None:
    """kill -9 while a file trickles in: the next sync asks only for the rest, and checks it."""
    url = _published(server, tmp_path, 1)
    path = sorted(p for p in server.routes if p.endswith(".pdf"))[0]
    body = server.routes[path]
    assert isinstance(body, bytes)
    server.fault(path, ("drip", (len(body) // 2, 0.05)))  # half, then 20 bytes a second
    data = tmp_path / "data"
    assert (
        cli("--data-dir", str(data), "sources", "add", "k", url, "--kind", "feed").returncode == 0
    )
    key = hashlib.sha256(server.url(path).encode()).hexdigest()[:32]
    meta = data / "tmp" / f"sync-{key}.meta.part"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "sync"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while not (meta.exists() and json.loads(meta.read_text() or "{}").get("size", 0) > 0):
        assert time.monotonic() < deadline, "the download never checkpointed"
        time.sleep(0.05)
    time.sleep(1.2)  # past the next checkpoint, and some bytes after it
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    saved = json.loads(meta.read_text())["size"]
    assert len(body) // 2 <= saved < len(body)
    result = cli("--data-dir", str(data), "sync", "--json")
    assert result.returncode == 0, result.stderr
    last = [h for h in server.hits if h.path == path][-1]
    assert last.status == 206 and last.headers.get("Range") == f"bytes={saved}-"
    with Library(DataPaths(data)) as lib:
        assert_consistent(lib)
        assert lib.counts()["documents"] == 3
        # the resumable part is used up; files verified by the killed process for an import
        # it never made are named for it alone, and garbage collection takes them later
        left = [p.name for p in lib.paths.tmp.iterdir() if not p.name.endswith(".ready.part")]
        assert left == []
