"""Mødemappe feeds to publish and serve from the test HTTP server."""

from __future__ import annotations

from pathlib import Path

from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.sync_server import Server


def make_source(root: Path, days: tuple[int, ...] = (3, 10), extra: str = "") -> Path:
    src = root / "src"
    for day in days:
        agenda_pdf(src / f"m{day}" / "dagsorden.pdf", day=day, extra=extra)
        plain_pdf(src / f"m{day}" / "Evaluering af piloten.pdf", "Evaluering af piloten", str(day))
    return src


def serve_feed(server: Server, out: Path, prefix: str = "/feed/") -> str:
    for path in out.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            server.routes[prefix + path.relative_to(out).as_posix()] = path.read_bytes()
    return server.url(prefix)
