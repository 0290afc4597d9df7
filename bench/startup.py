"""Start-up to a usable window with a 1,000-meeting library, against an empty PySide6 window.

Usage: ``python bench/startup.py [--meetings N] [--runs R]``

The library: the demo packages imported for real, then their meetings cloned row by row (with
their documents, versions, page texts and items, all pointing at the same stored PDFs) under
new dates until it holds ``--meetings`` meetings, and the search index brought up to date, as a
member's library would be. Each run starts a fresh Python process: for the app it runs
``main.py`` as a member starts it (``--data-dir DIR``: the command line looked at, the log set
up, the window built and shown) and stops the clock when every meeting is
listed and the newest meeting's agenda filled; for the baseline it shows an
empty ``QMainWindow``. Usable means listed; the time until the open document's first page is
drawn by the render workers (which start with the window) is reported beside it. Both clocks run
from just before the process is started, so interpreter
start-up and imports count on both sides. The ratio is of the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.demo import demo_packages  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.library.importer import import_paths  # noqa: E402
from reader.paths import DataPaths  # noqa: E402
from reader.search import update_index  # noqa: E402

_EMPTY = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.resize(1280, 820)
w.show()
def done():
    print(time.time() - t0)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

_APP = """
import sys, time
t0 = float(sys.argv[1])
sys.argv[1:] = ["--data-dir", sys.argv[2], sys.argv[3]]
want = int(sys.argv.pop())
import ui.app
from PySide6.QtCore import QTimer

made = ui.app.create_window


def create_window(paths, app):  # the window main.py makes, watched until it is usable
    w = made(paths, app)
    usable = None

    def poll():
        nonlocal usable
        now = time.time()
        if usable is None and w.meeting_list.count() == want and w.agenda_tree.topLevelItemCount():
            usable = now - t0
        view = w.reader.view
        scale = view.zoom() * view.devicePixelRatioF()
        client = w.reader.client
        drawn = view.page_count and all(
            (
                client.close_enough(r.path, r.page, r.scale)  # drawn as exact by the view
                if r.region is None
                else client.cached(r)
            )
            is not None
            for page in view._visible_pages()
            for r in view._requests(page, scale)
        )
        if usable is not None and drawn:
            print(usable, now - t0)
            w.close()
            app.quit()
        else:
            QTimer.singleShot(1, poll)

    QTimer.singleShot(0, poll)
    return w


ui.app.create_window = create_window
import main

main.main()
"""


def build_library(root: Path, meetings: int) -> None:
    """The demo meetings imported, then cloned until there are ``meetings`` of them."""
    with Library(DataPaths(root)) as lib:
        import_paths(lib, demo_packages())
        conn = lib.conn
        template = [r["id"] for r in conn.execute("SELECT id FROM meetings ORDER BY id")]
        cols = {
            t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")]
            for t in ("meetings", "documents", "document_versions", "agenda_items")
        }

        def copy(table: str, row: dict[str, object], **changes: object) -> int:
            values = {k: row[k] for k in cols[table] if k != "id"} | changes
            names = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            cur = conn.execute(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values())
            )
            return int(cur.lastrowid or 0)

        start = datetime(2020, 1, 6, 16, 0)
        n = len(template)
        with lib.transaction():
            while n < meetings:
                source = template[n % len(template)]
                m = dict(conn.execute("SELECT * FROM meetings WHERE id = ?", (source,)).fetchone())
                day = start + timedelta(days=2 * n)
                mid = copy(
                    "meetings",
                    m,
                    key=f"bench:{n}",
                    start=day.isoformat(),
                    title=f"{m['title']} ({n})",
                )
                items: dict[int, int] = {}
                for it in conn.execute(
                    "SELECT * FROM agenda_items WHERE meeting_id = ?", (source,)
                ).fetchall():
                    items[it["id"]] = copy(
                        "agenda_items", dict(it), meeting_id=mid, document_id=None, version_id=None
                    )
                for d in conn.execute(
                    "SELECT * FROM documents WHERE meeting_id = ?", (source,)
                ).fetchall():
                    did = copy(
                        "documents", dict(d), meeting_id=mid, item_id=items.get(d["item_id"])
                    )
                    for v in conn.execute(
                        "SELECT * FROM document_versions WHERE document_id = ?", (d["id"],)
                    ).fetchall():
                        vid = copy("document_versions", dict(v), document_id=did)
                        conn.execute(
                            "INSERT INTO page_texts (version_id, page, text) "
                            "SELECT ?, page, text FROM page_texts WHERE version_id = ?",
                            (vid, v["id"]),
                        )
                        conn.execute(
                            "INSERT INTO document_events (document_id, kind, version_id, at) "
                            "VALUES (?, 'version', ?, 'x')",
                            (did, vid),
                        )
                        for old, new in items.items():
                            conn.execute(
                                "UPDATE agenda_items SET document_id = ?, version_id = ? "
                                "WHERE id = ? AND ? = "
                                "(SELECT document_id FROM agenda_items WHERE id = ?)",
                                (did, vid, new, d["id"], old),
                            )
                n += 1
        update_index(lib)


def _time(code: str, *args: str) -> list[float]:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    )
    # An installed app runs from bytecode; without it every run would compile the app's
    # modules again (the warm-up run writes it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, repr(t0), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise SystemExit(f"start-up probe failed:\n{done.stderr}")
    return [float(x) for x in done.stdout.strip().splitlines()[-1].split()]


def _ms(times: list[float]) -> str:
    return ", ".join(f"{x * 1000:.0f}" for x in times)


def measure(meetings: int = 1000, runs: int = 5) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        t = time.perf_counter()
        build_library(root, meetings)
        print(f"library of {meetings} meetings built in {time.perf_counter() - t:.1f} s")
        _time(_EMPTY)  # warm the file cache for both
        _time(_APP, str(root), str(meetings))
        empty, app, page = [], [], []
        for _ in range(runs):
            empty.append(_time(_EMPTY)[0])
            usable, drawn = _time(_APP, str(root), str(meetings))
            app.append(usable)
            page.append(drawn)
        e, a, p = (statistics.median(x) for x in (empty, app, page))
        print(f"empty PySide6 window: median {e * 1000:.0f} ms  ({_ms(empty)})")
        print(f"Mødemappe, {meetings} meetings listed: median {a * 1000:.0f} ms  ({_ms(app)})")
        print(
            f"  and the first page drawn (render workers): median {p * 1000:.0f} ms  ({_ms(page)})"
        )
        return {
            "startup_ms": round(a * 1000),
            "first_page_ms": round(p * 1000),
            "empty_window_ms": round(e * 1000),
            "startup_ratio": round(a / e, 2),
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(measure(args.meetings, args.runs)))


if __name__ == "__main__":
    main()
