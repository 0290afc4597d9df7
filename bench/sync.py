#!/usr/bin/env python3
"""Sync benchmark: a 300-meeting Mødemappe feed served on 127.0.0.1.

Prints, measured in the same run:
- download throughput of the sync engine (resume files, checksums, bounded pool) as a ratio
  to a plain single-stream httpx download of the same bytes (target >= 0.8);
- the first full sync (download + PDF analysis + import);
- a no-op re-sync (the manifest answered 304), and one where the manifest is sent again
  unchanged (no ETag), which must still download nothing;
- the UI thread's stalls while the window syncs the same feed on start (its library worker
  downloads, analyses and imports; the list fills as it goes): a 1 ms timer's lateness, p99
  and longest (target p99 <= 16 ms, one frame at 60 Hz).

``--window-only`` measures only the last.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import pymupdf

from reader.library import Library
from reader.paths import DataPaths
from reader.sync.downloads import Expect
from reader.sync.engine import Engine
from reader.sync.feed import MANIFEST_NAME, publish
from reader.sync.runner import add_source, sync_sources
from tests.support.compose import compose_pdf
from tests.support.library_fixtures import small_meeting

MEETINGS = int(os.environ.get("BENCH_MEETINGS", "300"))
ATTACHMENT_BYTES = 256 * 1024


def attachment(path: Path, n: int) -> None:
    """A PDF with an incompressible embedded file, so the bytes on the wire are real."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), f"Bilag til møde {n}")
    doc.embfile_add("data.bin", os.urandom(ATTACHMENT_BYTES))
    doc.save(path)
    doc.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str) -> None:
    for _ in range(100):
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise SystemExit(f"the feed server at {url} did not start")


def plain_download(urls: list[str], folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    with httpx.Client() as client:
        for n, url in enumerate(urls):
            target = folder / f"{n}.pdf"
            with client.stream("GET", url) as r, open(target, "wb") as fh:
                for chunk in r.iter_bytes():
                    fh.write(chunk)
            target.unlink()


def engine_download(urls: list[str], docs: list[dict[str, Any]], tmp: Path, streams: int) -> None:
    with Engine(tmp, concurrency=streams) as engine:
        futures = [
            engine.submit(engine.download, url, Expect(d["size"], d["sha256"]))
            for url, d in zip(urls, docs, strict=True)
        ]
        for f in futures:
            result = f.result()
            assert result.path is not None
            result.path.unlink()


def window_stall(base: str, data: Path, meetings: int) -> dict[str, float]:
    """Open the window on a library with the feed as its source; it syncs on start. A
    1 ms timer on the UI thread measures how late it fires until the list shows every
    meeting (the lateness is the time the UI thread could not answer)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from ui import tasks
    from ui.app import create_window

    with Library(DataPaths(data)) as lib:
        add_source(lib, "bench", base, "feed")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    window = create_window(DataPaths(data), app)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(1)
    timer.timeout.connect(beat)
    loop = QEventLoop()
    done: list[float] = []

    def check() -> None:
        if window.meeting_list.count() == meetings and not window.sync.running():
            done.append(time.perf_counter())
            loop.quit()

    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(check)
    start = time.perf_counter()
    window.show()
    last[0] = time.perf_counter()
    timer.start()
    poll.start()
    QTimer.singleShot(600_000, loop.quit)
    loop.exec()
    timer.stop()
    poll.stop()
    window.close()
    tasks.shutdown()
    if not done:
        raise SystemExit("the window did not list every meeting within 10 minutes")
    late = sorted(max(0.0, g - 0.001) * 1000 for g in gaps)
    p99 = late[int(len(late) * 0.99) - 1] if late else 0.0
    return {
        "window_sync_s": round(done[0] - start, 2),
        "ui_stall_p99_ms": round(p99, 1),
        "ui_stall_max_ms": round(late[-1] if late else 0.0, 1),
        "ui_beats": len(late),
    }


def main() -> None:
    window_only = "--window-only" in sys.argv
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        print(f"building {MEETINGS} meetings ...", flush=True)
        for n in range(MEETINGS):
            folder = tmp / "src" / f"m{n:03d}"
            meeting = small_meeting(f"Møde nummer {n}.")
            meeting.start = datetime(2020, 1, 6, 9, 30) + timedelta(days=n)
            folder.mkdir(parents=True, exist_ok=True)
            compose_pdf(meeting, folder / "dagsorden.pdf", style="kkr", bookmarks=True)
            attachment(folder / "bilag.pdf", n)
        publish(tmp / "src", tmp / "feed")
        # any static web server will do: Python's own, in its own process
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                "--protocol",
                "HTTP/1.1",  # keep-alive, as any production web server
                "--bind",
                "127.0.0.1",
                str(port),
                "--directory",
                str(tmp / "feed"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}/"
        wait_for(base)
        manifest = json.loads((tmp / "feed" / MANIFEST_NAME).read_text())
        docs = [d for m in manifest["meetings"] for d in m["documents"]]
        urls = [base + d["href"] for d in docs]
        total = sum(d["size"] for d in docs)
        print(f"{len(docs)} files, {total / 1e6:.1f} MB")

        if window_only:
            stall = window_stall(base, tmp / "window-data", MEETINGS)
            print(
                f"UI thread while the window syncs {MEETINGS} meetings: "
                f"p99 {stall['ui_stall_p99_ms']:.1f} ms late, "
                f"longest {stall['ui_stall_max_ms']:.1f} ms "
                f"(target p99 <= 16 ms); sync to listed {stall['window_sync_s']:.1f} s"
            )
            print(json.dumps(stall))
            server.terminate()
            server.wait()
            return
        # rounds interleave the baseline and the engine, so both see the same machine load
        best = {"plain": float("inf"), "engine x1": float("inf"), "engine x4": float("inf")}
        for _ in range(5):
            start = time.perf_counter()
            plain_download(urls, tmp / "plain")
            best["plain"] = min(best["plain"], time.perf_counter() - start)
            for streams in (1, 4):
                start = time.perf_counter()
                engine_download(urls, docs, tmp / "engine-tmp", streams)
                key = f"engine x{streams}"
                best[key] = min(best[key], time.perf_counter() - start)
        plain_rate = total / best["plain"] / 1e6
        print(f"plain httpx, one stream, saved to files : {plain_rate:7.1f} MB/s")
        for streams in (1, 4):
            rate = total / best[f"engine x{streams}"] / 1e6
            print(
                f"sync engine, {streams} stream(s), verified    : {rate:7.1f} MB/s, "
                f"ratio {rate / plain_rate:.2f} (target >= 0.8)"
            )

        with Library(DataPaths(tmp / "data")) as lib:
            add_source(lib, "bench", base, "feed")
            start = time.perf_counter()
            [first] = sync_sources(lib).sources
            full = time.perf_counter() - start
            assert first.new == len(docs), first.to_json()
            print(f"first sync (download + analysis + import): {full:6.2f} s")
            start = time.perf_counter()
            [noop] = sync_sources(lib).sources
            noop_t = time.perf_counter() - start
            assert noop.new == 0 and noop.downloads == 0
            print(f"no-op re-sync (manifest 304)             : {noop_t * 1000:6.0f} ms")
            lib.conn.execute("DELETE FROM sync_http")  # the server's ETag forgotten
            start = time.perf_counter()
            [noop2] = sync_sources(lib).sources
            noop2_t = time.perf_counter() - start
            assert noop2.new == 0 and noop2.downloads == 0
            print(f"no-op re-sync (manifest sent again)      : {noop2_t * 1000:6.0f} ms")
        stall = window_stall(base, tmp / "window-data", MEETINGS)
        print(
            f"UI thread while the window syncs {MEETINGS} meetings: "
            f"p99 {stall['ui_stall_p99_ms']:.1f} ms late, "
            f"longest {stall['ui_stall_max_ms']:.1f} ms "
            f"(target p99 <= 16 ms); sync to listed {stall['window_sync_s']:.1f} s"
        )
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
