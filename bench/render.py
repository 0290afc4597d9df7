"""Time the reader: pages on screen, the UI thread's stalls, opening, start-up, memory.

Usage: ``QT_QPA_PLATFORM=offscreen python bench/render.py [--pages N] [--sample N]
[--meetings N] [--no-startup]``

Builds a council agenda of about 300 pages (composed from the KKR seed, as bench/anchor.py
does) and a 300-page scanned document (each page its own full-page JPEG with invisible OCR
text under it) and measures, in one run:

- ``render_ratio``: from asking for a page (a jump to it, tile cache cold) to its image
  drawn in the view, for text pages and for scanned pages, against bare
  ``page.get_pixmap`` of the same pages at the same scale in one process (the document
  open, one page rendered first in both; each page's baseline is timed just after ours, in a
  process of its own, so both see the same load on a shared machine). Target <= 1.3.
- ``stall_p99_ms``/``stall_max_ms``: gaps between the ticks of a 1 ms timer on the UI
  thread while the scanned document is scrolled top to bottom at a skimming pace (a wheel
  step of 120 px every ``--step-ms``), then while the scroll bar is dragged top to bottom.
  Targets p99 <= 16, max <= 50.
- ``open_ratio``: opening each 300-page document to its first page drawn, against a bare
  open plus render of that page in a fresh process, median of three (the worse of the two
  documents). Target <= 1.5.
- ``rss_mb``: resident memory of this process (the view) and its render workers after the
  scrolling above.
- ``startup_ratio``: ``main.py``'s window (the real MainWindow, on a library of
  ``--meetings`` meetings with its search index built) until its meeting list is filled,
  against an empty PySide6 window shown, each in a fresh process, median of three.
  Target <= 1.5.

PDFs and libraries are built, and the bare baselines run, in child processes, so that
PyMuPDF never loads into the process whose memory is measured. The last line is JSON.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {
    "render_ratio": 1.3,
    "stall_p99_ms": 16.0,
    "stall_max_ms": 50.0,
    "open_ratio": 1.5,
    "startup_ratio": 1.5,
}
WINDOW = (900, 700)


# -- children ------------------------------------------------------------------------------


def _child(*args: str, env: dict[str, str] | None = None) -> str:
    out = subprocess.run(
        [sys.executable, __file__, *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""


def child_make(kind: str, path: str, pages: int) -> None:
    """ "text": a council agenda of about ``pages`` pages composed from the KKR seed, as
    bench/anchor.py builds it; "scan": ``pages`` scanned pages."""
    from tests.support.reader_pdfs import make_scanned_pdf

    if kind == "text":
        spec = importlib.util.spec_from_file_location("bench_anchor", ROOT / "bench" / "anchor.py")
        assert spec is not None and spec.loader is not None
        anchor_bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(anchor_bench)
        from tests.support.compose import compose_pdf

        compose_pdf(anchor_bench.long_meeting(max(1, round(pages / 27.5))), Path(path))
    else:
        make_scanned_pdf(Path(path), pages)


def child_bare_render(path: str, scale: float) -> None:
    """Serve the baseline: for each page number read from stdin, the milliseconds of a bare
    ``get_pixmap`` of it (the document open and warm), so the parent can time its own view
    and the baseline turn about, under the same load."""
    import pymupdf

    doc = pymupdf.open(path)
    matrix = pymupdf.Matrix(scale, scale)
    doc[len(doc) - 1].get_pixmap(matrix=matrix, alpha=False)  # fonts, the store: warm
    print("ready", flush=True)
    for line in sys.stdin:
        t0 = time.perf_counter()
        doc[int(line)].get_pixmap(matrix=matrix, alpha=False)
        print(json.dumps((time.perf_counter() - t0) * 1000), flush=True)


class Baseline:
    """The bare renderer in its own process, asked one page at a time."""

    def __init__(self, path: Path, scale: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--child-bare-render", str(path), str(scale)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.proc.stdout.readline()

    def render_ms(self, page: int) -> float:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"{page}\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def child_bare_open(path: str, scale: float) -> None:
    """Milliseconds to open the document and render its first page, PyMuPDF imported."""
    import pymupdf

    t0 = time.perf_counter()
    doc = pymupdf.open(path)
    doc[0].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    print(json.dumps((time.perf_counter() - t0) * 1000))


def child_make_library(data_dir: str, meetings: int) -> None:
    """A library of about ``meetings`` meetings, cloned from composed agendas (as
    bench/search.py builds its corpus), with the search index brought up to date."""
    import random

    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    assert spec is not None and spec.loader is not None
    search_bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(search_bench)
    from reader.followers import catch_up
    from reader.library import Library
    from reader.library.importer import import_paths
    from reader.paths import DataPaths

    if Path(data_dir).exists():  # built by an earlier run with --keep
        with Library(DataPaths(Path(data_dir))) as lib:
            print(json.dumps(len(lib.meetings())))
        return
    tmp = Path(data_dir).parent
    pdfs = search_bench.compose_templates(tmp / "templates-pdf")
    with Library(DataPaths(tmp / "templates")) as tpl:
        import_paths(tpl, pdfs)
        per_meeting = sum(d.pages for m in tpl.meetings() for d in m.documents) / max(
            1, len(tpl.meetings())
        )
    with Library(DataPaths(Path(data_dir))) as lib:
        search_bench.build_corpus(
            lib, tmp / "templates", int(per_meeting * meetings), random.Random(7)
        )
        catch_up(lib)
        print(json.dumps(len(lib.meetings())))


def child_startup(data_dir: str | None) -> None:
    """Print "ready" once the window is usable: the real app's meeting list filled, or an
    empty window shown; then close down in order."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    if data_dir is None:
        window = QWidget()
        window.resize(1000, 700)
        window.show()
        QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
        app.exec()
        return
    from reader.logs import setup_logging
    from reader.paths import resolve
    from ui.app import create_window, tear_down

    paths = resolve(data_dir)
    paths.ensure()
    setup_logging(paths)
    main_window = create_window(paths, app)
    main_window.show()
    poll = QTimer()
    poll.setInterval(2)

    def check() -> None:
        if main_window.meeting_list.count() > 0:
            poll.stop()
            print("ready", flush=True)
            app.quit()

    poll.timeout.connect(check)
    poll.start()
    code = app.exec()
    tear_down(app, main_window, code, own_app=True)


def startup_seconds(data_dir: Path | None) -> float:
    args = [sys.executable, __file__, "--child-startup", str(data_dir) if data_dir else "-"]
    # an installed app runs from bytecode: let the first run write it, as bench/startup.py does
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - t0
            break
    else:
        raise RuntimeError("the window never became usable")
    proc.wait(timeout=60)
    return elapsed


def startup_ratio(tmp: Path, meetings: int) -> float:
    """The real MainWindow on a ``meetings``-meeting library against an empty window."""
    data = tmp / "library" / "data"
    count = json.loads(_child("--child-library", str(data), str(meetings)))
    startup_seconds(data)  # bytecode written, files in the cache
    app = statistics.median(startup_seconds(data) for _ in range(3))
    empty = statistics.median(startup_seconds(None) for _ in range(3))
    print(
        f"start-up: {app * 1000:.0f} ms to a usable window with {count} meetings, "
        f"empty PySide6 window {empty * 1000:.0f} ms: {app / empty:.2f}x (target <= 1.5)"
    )
    return app / empty


# -- the view, in this process ---------------------------------------------------------------


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def spin_until(done: Callable[[], bool], timeout: float = 60.0) -> None:
    """Run the event loop until ``done()``; a 5 ms timer makes sure it is asked often."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    end = time.monotonic() + timeout
    nudge = QTimer()
    nudge.setInterval(5)
    nudge.start()
    try:
        while not done():
            if time.monotonic() > end:
                raise TimeoutError("the view did not get there")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        nudge.stop()


def spin_for(seconds: float) -> None:
    end = time.monotonic() + seconds
    spin_until(lambda: time.monotonic() >= end)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--sample", type=int, default=10, help="pages timed per kind")
    ap.add_argument("--step-ms", type=int, default=25, help="wheel step interval when skimming")
    ap.add_argument("--meetings", type=int, default=1000)
    ap.add_argument("--no-startup", action="store_true")
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QPoint, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from tests.support.reader_view import wheel
    from ui.app import freeze_start_up
    from ui.viewer.client import RenderClient
    from ui.viewer.pane import ReaderPane

    tmp = args.keep or Path(tempfile.mkdtemp(prefix="moedemappe-bench-render-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        text_pdf, scan_pdf, small = tmp / "agenda.pdf", tmp / "scan.pdf", tmp / "small.pdf"
        t0 = time.perf_counter()
        for kind, path, n in (("text", text_pdf, args.pages), ("scan", scan_pdf, args.pages)):
            if not path.exists():
                _child("--child-make", kind, str(path), str(n))
        _child("--child-make", "text", str(small), "2")
        print(
            f"documents: {args.pages} text pages, {args.pages} scanned pages "
            f"({scan_pdf.stat().st_size / 1e6:.0f} MB) built in {time.perf_counter() - t0:.0f} s"
        )

        app = QApplication.instance() or QApplication(sys.argv[:1])
        client = RenderClient()
        pane = ReaderPane(client)
        pane.resize(*WINDOW)
        pane.show()
        view = pane.view
        # the app starts its workers at start-up: open something small to have them ready
        pane.open(small)
        spin_until(lambda: 0 in view.painted_exact)
        spin_for(0.3)
        freeze_start_up()  # as the app does once its window is listed

        # -- opening ------------------------------------------------------------------------
        open_ratios = []
        for name, pdf in (("text", text_pdf), ("scanned", scan_pdf)):
            ours_runs, bare_runs = [], []
            for _ in range(3):  # each time cold: the workers close it, the tiles go
                pane.open(small)
                spin_until(lambda: 0 in view.painted_exact)
                client.forget(pdf)
                spin_for(0.5)
                t0 = time.perf_counter()
                pane.open(pdf)
                spin_until(lambda: 0 in view.painted_exact)
                ours_runs.append((time.perf_counter() - t0) * 1000)
                scale = view.zoom() * view.devicePixelRatioF()
                bare_runs.append(float(_child("--child-bare-open", str(pdf), str(scale))))
            ours, bare = statistics.median(ours_runs), statistics.median(bare_runs)
            open_ratios.append(ours / bare)
            spin_until(lambda: view.page_count > 0)
            print(
                f"open {name} ({view.page_count} pages) to its first page drawn: median "
                f"{ours:.0f} ms, bare open + render {bare:.0f} ms: {ours / bare:.2f}x"
            )
        open_ratio = max(open_ratios)

        # -- pages on screen ----------------------------------------------------------------
        ratios = []
        for name, pdf in (("text", text_pdf), ("scanned", scan_pdf)):
            pane.open(pdf)
            spin_until(lambda: 0 in view.painted_exact)
            spin_for(0.5)
            count = view.page_count
            step = max(1, (count - 2) // args.sample)
            sample = list(range(1, count - 1, step))[: args.sample]
            scale = view.zoom() * view.devicePixelRatioF()
            baseline = Baseline(pdf, scale)
            ours, bare = [], []
            for page in sample:
                t0 = time.perf_counter()
                view.go_to(page, None, record=False)
                spin_until(lambda p=page: p in view.painted_exact)  # type: ignore[misc]
                ours.append((time.perf_counter() - t0) * 1000)
                spin_for(0.4)  # neighbours preload; the next sample is pages away
                bare.append(baseline.render_ms(page))  # the same page, just after
            baseline.close()
            ratio = sum(ours) / sum(bare)
            ratios.append(ratio)
            print(
                f"{name} page on screen: median {statistics.median(ours):.1f} ms, "
                f"bare get_pixmap {statistics.median(bare):.1f} ms: {ratio:.2f}x "
                f"(scale {scale:.2f}, {len(sample)} pages, cache cold)"
            )
        render_ratio = max(ratios)

        # -- stalls while scrolling the scanned document -----------------------------------
        client.cache.clear()
        pane.open(scan_pdf)
        spin_until(lambda: 0 in view.painted_exact)
        bar = view.verticalScrollBar()
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        ticker = QTimer()
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.setInterval(1)
        ticker.timeout.connect(tick)
        driver = QTimer()
        driver.setTimerType(Qt.TimerType.PreciseTimer)
        centre = QPoint(view.viewport().width() // 2, view.viewport().height() // 2)
        finished = [False]

        def skim() -> None:
            if bar.value() >= bar.maximum():
                driver.stop()
                finished[0] = True
                return
            wheel(view.viewport(), centre, -120)

        driver.setInterval(args.step_ms)
        driver.timeout.connect(skim)
        t0 = time.perf_counter()
        last[0] = time.perf_counter()
        ticker.start()
        driver.start()
        spin_until(lambda: finished[0], timeout=3600)
        ticker.stop()
        read_s = time.perf_counter() - t0
        reading = gaps[:]
        spin_for(1.0)
        pids = client.pool.worker_pids()
        rss = rss_mb([os.getpid(), *pids])
        print(
            f"memory after skimming: {rss:.0f} MB: view {rss_mb([os.getpid()]):.0f} MB "
            f"(tile cache {client.cache.total / 2**20:.0f} MB), workers "
            + ", ".join(f"{rss_mb([pid]):.0f} MB" for pid in pids)
        )

        bar.setValue(0)
        spin_for(0.5)
        gaps.clear()
        finished[0] = False
        driver.timeout.disconnect(skim)
        steps = 190  # about 3 s at 60 frames a second
        done_steps = [0]

        def drag() -> None:
            done_steps[0] += 1
            bar.setValue(round(bar.maximum() * done_steps[0] / steps))
            if done_steps[0] >= steps:
                driver.stop()
                bar.setSliderDown(False)
                finished[0] = True

        bar.setSliderDown(True)
        driver.setInterval(16)
        driver.timeout.connect(drag)
        last[0] = time.perf_counter()
        ticker.start()
        driver.start()
        spin_until(lambda: finished[0], timeout=600)
        spin_until(lambda: bool(view.painted_exact) or not view.isVisible(), timeout=60)
        ticker.stop()
        dragging = gaps[:]
        stalls = reading + dragging
        p99, worst = percentile(stalls, 99), max(stalls)
        print(
            f"skimming {args.pages} scanned pages in {read_s:.0f} s: UI gaps p50 "
            f"{percentile(reading, 50):.1f} ms, p99 {percentile(reading, 99):.1f} ms, "
            f"max {max(reading):.1f} ms"
        )
        print(
            "dragging the scroll bar top to bottom: UI gaps "
            f"p99 {percentile(dragging, 99):.1f} ms, max {max(dragging):.1f} ms"
        )

        pane.shutdown()
        pane.close()
        del pane
        app.processEvents()

        start_ratio: float | None = None
        if not args.no_startup:
            start_ratio = startup_ratio(tmp, args.meetings)

        result = {
            "render_ratio": round(render_ratio, 2),
            "stall_p99_ms": round(p99, 1),
            "stall_max_ms": round(worst, 1),
            "startup_ratio": round(start_ratio, 2) if start_ratio is not None else None,
            "open_ratio": round(open_ratio, 2),
            "rss_mb": round(rss),
        }
        missed = [
            k for k, target in TARGETS.items() if result[k] is not None and result[k] > target
        ]
        print("targets missed: " + (", ".join(missed) if missed else "none"))
        print(json.dumps(result))
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("--child-"):
        what, rest = sys.argv[1], sys.argv[2:]
        if what == "--child-make":
            child_make(rest[0], rest[1], int(rest[2]))
        elif what == "--child-bare-render":
            child_bare_render(rest[0], float(rest[1]))
        elif what == "--child-bare-open":
            child_bare_open(rest[0], float(rest[1]))
        elif what == "--child-library":
            child_make_library(rest[0], int(rest[1]))
        elif what == "--child-startup":
            child_startup(None if rest[0] == "-" else rest[0])
        raise SystemExit(0)
    raise SystemExit(main())
