"""Time re-anchoring 1,000 annotations onto a re-issued 300-page agenda.

Usage: ``python bench/anchor.py [--copies N] [--annotations N]``

Builds a ~300-page agenda from the KKR seed (its items repeated with varied text, as a long
council package), annotates it, then imports a re-issue with an inserted item (every later
page moves), a deleted item and edited paragraphs, and times ``reanchor_pending``: loading
both versions, matching, measuring rectangles on changed pages, sealing and committing
every new anchor. The baseline, measured in the same run, is loading the two versions'
page texts from the library, which any re-anchoring must do. Target: < 2 s.

Then: measuring the rectangles of the highlights on re-flowed pages (``measure_pending``,
every page cold, loading, sealing and committing included), per highlight (target <= 2 ms);
and drawing a page with 200 annotations (highlights, underlines, ink, notes) over its image
as the reader does while scrolling: the page and its cached annotation layer
(``ui.annotation_paint.LayerCache``) blitted, offscreen, per frame (target <= 16 ms on the UI
thread); painting them directly and building the layer are printed beside it.
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keyring.backends.fail

from reader.library import Library
from reader.library.importer import import_paths
from reader.notes.annotation_store import AnnotationStore
from reader.notes.reanchor import measure_pending, reanchor_pending
from reader.notes.text import find_tolerant, load_version_text
from reader.paths import DataPaths
from reader.pdf.geometry import page_geometry
from reader.vault import open_vault
from tests.support.agenda_fixtures import long_meeting
from tests.support.compose import ComposeItem, ComposeMeeting, compose_pdf

TARGET = 2.0
RECTS_TARGET_MS = 2.0
DRAW_TARGET_MS = 16.0
DRAW_FRAMES = 60


def reissue(meeting: ComposeMeeting, rng: random.Random) -> ComposeMeeting:
    v2 = copy.deepcopy(meeting)
    first = v2.groups[0]
    first.items.insert(
        1,
        ComposeItem(
            "1.99",
            "Ny sag indsat ved genudsendelse",
            sections=[("Sagsfremstilling", "\n\n".join(["Ny tekst om en ny sag. " * 12] * 12))],
        ),
    )
    for group in v2.groups[1:]:
        del group.items[rng.randrange(len(group.items))]
        for it in rng.sample(group.items, 2):
            name, text = it.sections[0]
            it.sections[0] = (name, text.replace(" og ", " samt ", 2))
    return v2


def page_shapes(page_text: str, geometry: Any, rng: random.Random, count: int = 200) -> list[Any]:
    """``count`` annotations on one page as the reader would paint them: highlights and
    underlines on real text ranges (their measured rectangles), ink strokes and notes."""
    from reader.notes.models import DEFAULT_COLORS, PALETTE
    from ui.annotation_paint import Shape

    colours = [PALETTE["gul"], PALETTE["grøn"], PALETTE["blå"], PALETTE["rød"], "#7b1fa2"]
    starts = [i for i in range(1, len(page_text)) if page_text[i - 1].isspace()]
    shapes: list[Any] = []
    while len(shapes) < count:
        roll = rng.random()
        if roll < 0.6:
            a = rng.choice(starts)
            b = min(len(page_text), a + rng.randint(10, 240))
            kind = "highlight" if roll < 0.45 else "underline"
            shapes.append(Shape(kind, rng.choice(colours), geometry.rects(a, b)))
        elif roll < 0.85:  # a word circled by hand, or a tick in the margin
            x, y = rng.uniform(80, 480), rng.uniform(80, 760)
            if rng.random() < 0.6:
                w, h = rng.uniform(30, 120), rng.uniform(10, 16)
                stroke = [
                    (x + w / 2 + w / 2 * math.cos(t / 8), y + h / 2 * math.sin(t / 8))
                    for t in range(54)
                ]
            else:
                stroke = [(x, y), (x + 4, y + 6), (x + 14, y - 10)]
            shapes.append(Shape("ink", DEFAULT_COLORS["ink"], ink=[stroke]))
        else:
            x, y = rng.uniform(40, 540), rng.uniform(60, 780)
            shapes.append(Shape("sticky", DEFAULT_COLORS["sticky"], [(x, y, x + 14, y + 14)]))
    return shapes


def time_drawing(
    shapes: list[Any], width: float, height: float, scale: float
) -> tuple[float, float, float]:
    """Milliseconds, as the UI thread spends them on a page of ``width`` x ``height`` points
    at ``scale`` (a page fitted to a wide window): painting ``shapes`` directly (median per
    frame), painting them into the reader's cached layer once (``LayerCache``, what a change
    or a new zoom costs), and a frame while scrolling: the page image and the cached layer
    blitted onto a window-sized target, as ``DocumentView.paintEvent`` does (median)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    from ui.annotation_paint import LayerCache, paint_annotations

    app = QGuiApplication.instance() or QGuiApplication([])
    w, h = int(width * scale), int(height * scale)
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    direct: list[float] = []
    for _ in range(DRAW_FRAMES):
        t0 = time.perf_counter()
        painter = QPainter(image)
        paint_annotations(painter, shapes, scale)
        painter.end()
        direct.append(time.perf_counter() - t0)
    page = QImage(w, h, QImage.Format.Format_RGB888)
    page.fill(QColor("white"))
    window = QImage(w, min(h, 1000), QImage.Format.Format_ARGB32_Premultiplied)
    cache = LayerCache()
    target = QRectF(0, 0, w, h)
    t0 = time.perf_counter()
    painter = QPainter(window)
    cache.draw(painter, 0, (width, height), target, 1.0, lambda: shapes)
    painter.end()
    build = time.perf_counter() - t0
    frames: list[float] = []
    for k in range(DRAW_FRAMES):
        top = -(k * 37) % max(1, h - window.height())
        moved = QRectF(0, -top, w, h)
        t0 = time.perf_counter()
        painter = QPainter(window)
        painter.drawImage(moved, page)
        cache.draw(painter, 0, (width, height), moved, 1.0, lambda: shapes)
        painter.end()
        frames.append(time.perf_counter() - t0)
    assert cache.painted == 1, "scrolling repainted the layer"
    del app
    ms = 1000
    return statistics.median(direct) * ms, build * ms, statistics.median(frames) * ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=11, help="times the seed items repeat")
    parser.add_argument("--annotations", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="print where the time goes")
    parser.add_argument(
        "--profile-measure", action="store_true", help="where measuring rectangles spends it"
    )
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "v1").mkdir()
        (root / "v2").mkdir()
        v1 = long_meeting(args.copies)
        compose_pdf(v1, root / "v1" / "dagsorden.pdf", toc=False)
        compose_pdf(reissue(v1, rng), root / "v2" / "dagsorden.pdf", toc=False)
        lib = Library(DataPaths(root / "data"))
        import_paths(lib, [root / "v1" / "dagsorden.pdf"])
        doc = lib.meetings()[0].documents[0]
        vault = open_vault(lib, backend=keyring.backends.fail.Keyring(), passphrase="bench-pass")
        store = AnnotationStore(lib, vault)
        vt = load_version_text(lib.conn, doc.version_id)
        made = 0
        while made < args.annotations:
            page = rng.randint(2, doc.pages)
            words = vt.pages[page - 1].split()
            if len(words) < 20:
                continue
            a = rng.randrange(len(words) - 12)
            found = find_tolerant(vt.pages[page - 1], " ".join(words[a : a + rng.randint(2, 12)]))
            if found is None:
                continue
            store.annotate_range(doc.id, page, *found)
            made += 1
        import_paths(lib, [root / "v2" / "dagsorden.pdf"])
        new = lib.document(doc.id)

        t0 = time.perf_counter()
        load_version_text(lib.conn, doc.version_id)
        load_version_text(lib.conn, new.version_id)
        baseline = time.perf_counter() - t0

        t0 = time.perf_counter()
        if "--profile" in sys.argv:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            anchored, orphans = prof.runcall(reanchor_pending, lib, vault)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        else:
            anchored, orphans = reanchor_pending(lib, vault)
        elapsed = time.perf_counter() - t0

        t0 = time.perf_counter()
        if "--profile-measure" in sys.argv:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            measured = prof.runcall(measure_pending, lib, vault, doc.id, new.version_id)
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        else:
            measured = measure_pending(lib, vault, doc.id, new.version_id)  # all pages at once
        measuring = time.perf_counter() - t0

        vt2 = load_version_text(lib.conn, new.version_id)
        busiest = max(range(1, new.pages + 1), key=lambda p: len(vt2.pages[p - 1]))
        path = lib.blob_path(new.sha256)
        geometry = page_geometry(path, busiest, vt2.pages[busiest - 1])
        width, height = geometry.size
        shapes = page_shapes(vt2.pages[busiest - 1], geometry, rng)
        scale = 1400 / width  # a page fitted to a wide window on a high-density screen
        direct_ms, layer_ms, draw_ms = time_drawing(shapes, width, height, scale)
        lib.close()
    print(f"document: {doc.pages} pages -> {new.pages} pages (re-issued)")
    print(f"annotations: {made}, anchored {anchored}, orphaned {orphans}")
    print(f"baseline (load both versions' page text): {baseline * 1000:8.1f} ms")
    print(f"re-anchoring (all of it, committed):      {elapsed * 1000:8.1f} ms")
    print(f"ratio: {elapsed / baseline:.1f}x baseline; target < {TARGET:.0f} s: ", end="")
    print("met" if elapsed < TARGET else "MISSED")
    per_highlight = measuring * 1000 / max(1, measured)
    print(
        f"then, measuring rectangles of the {measured} highlights on re-flowed pages "
        f"(done per page when shown; here all at once): {measuring * 1000:.1f} ms, "
        f"{per_highlight:.2f} ms per highlight; target <= {RECTS_TARGET_MS:.0f} ms: "
        + ("met" if per_highlight <= RECTS_TARGET_MS else "MISSED")
    )
    print(
        f"drawing page {busiest} with {len(shapes)} annotations at {scale:.2f} px/pt: painted "
        f"directly {direct_ms:.2f} ms a frame; into the cached layer once {layer_ms:.2f} ms; "
        f"a scrolling frame (page and layer blitted, median of {DRAW_FRAMES}): {draw_ms:.2f} ms; "
        f"target <= {DRAW_TARGET_MS:.0f} ms: " + ("met" if draw_ms <= DRAW_TARGET_MS else "MISSED")
    )
    met = elapsed < TARGET and per_highlight <= RECTS_TARGET_MS and draw_ms <= DRAW_TARGET_MS
    print(
        json.dumps(
            {
                "pages_before": doc.pages,
                "pages_after": new.pages,
                "annotations": made,
                "anchored": anchored,
                "orphaned": orphans,
                "baseline_ms": round(baseline * 1000, 1),
                "reanchor_ms": round(elapsed * 1000, 1),
                "reanchor_ratio": round(elapsed / baseline, 1),
                "measured_highlights": measured,
                "measure_ms": round(measuring * 1000, 1),
                "rects_per_highlight_ms": round(per_highlight, 3),
                "draw_200_ms": round(draw_ms, 3),
                "draw_200_direct_ms": round(direct_ms, 3),
                "draw_200_layer_build_ms": round(layer_ms, 3),
                "met": met,
            }
        )
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
