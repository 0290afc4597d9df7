"""The bundled demo library: fictional meeting packages a new user can open offline.

The packages are shipped in ``resources/demo`` and written by ``python -m
tests.support.demo_library OUT_DIR``; the bodies, people and cases are invented, in the shape
of real Danish agendas (groups, numbered items, case numbers, fixed sections, attachments).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.library.store import Library

DEMO_DIR = Path(__file__).resolve().parents[1] / "resources" / "demo"


def demo_packages() -> list[Path]:
    """The shipped demo packages, one folder (with a manifest) per meeting."""
    return sorted(p for p in DEMO_DIR.iterdir() if (p / "manifest.json").is_file())


def demo_keys() -> set[str]:
    """The library keys of the demo meetings (``id:`` and the package's meeting id)."""
    keys: set[str] = set()
    for package in demo_packages():
        try:
            data = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        meeting = data.get("meeting") if isinstance(data, dict) else None
        if isinstance(meeting, dict) and isinstance(meeting.get("id"), str):
            keys.add(f"id:{meeting['id']}")
    return keys


def demo_meetings(lib: Library) -> list[int]:
    """The shown meetings that came from the demo packages (imported, not synced)."""
    keys = sorted(demo_keys())
    if not keys:
        return []
    marks = ", ".join("?" for _ in keys)
    rows = lib.conn.execute(
        f"SELECT m.id FROM meetings m JOIN meeting_view mv ON mv.id = m.id "
        f"WHERE NOT mv.hidden AND m.key IN ({marks}) AND (m.source_id IS NULL OR m.source_id "
        "IN (SELECT id FROM sources WHERE kind = 'import')) ORDER BY m.id",
        keys,
    ).fetchall()
    return [int(r[0]) for r in rows]


def remove_demo(lib: Library) -> int:
    """Take the demo meetings out of the lists (like any meeting the member removes: kept,
    with any notes, until deleted); how many."""
    removed = 0
    for meeting_id in demo_meetings(lib):
        removed += lib.remove_meeting(meeting_id)
    return removed
