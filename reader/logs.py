"""Logging into the data directory, never elsewhere."""

from __future__ import annotations

import logging
import logging.handlers

from reader.paths import DataPaths

_configured: set[str] = set()


def setup_logging(paths: DataPaths, level: int = logging.INFO) -> None:
    """Log to a rotating file under the data dir; quiet on the console."""
    key = str(paths.logs)
    if key in _configured:
        return
    paths.logs.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        paths.logs / "moedemappe.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured.add(key)
