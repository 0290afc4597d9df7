"""The bundled demo library: fictional meeting packages a new user can open offline.

The packages are shipped in ``resources/demo`` and written by ``python -m
tests.support.demo_library OUT_DIR``; the bodies, people and cases are invented, in the shape
of real Danish agendas (groups, numbered items, case numbers, fixed sections, attachments).
"""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parents[1] / "resources" / "demo"


def demo_packages() -> list[Path]:
    """The shipped demo packages, one folder (with a manifest) per meeting."""
    return sorted(p for p in DEMO_DIR.iterdir() if (p / "manifest.json").is_file())
