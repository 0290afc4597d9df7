"""Logging into the data directory, never elsewhere."""

from __future__ import annotations

import logging
import logging.handlers
from io import TextIOWrapper
from pathlib import Path

from reader.fsutil import private_dir, private_file
from reader.paths import DataPaths

_configured: set[str] = set()
LOG_NAME = "moedemappe.log"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file, the first and each one after a rollover, is made
    readable by the user alone before it is opened."""

    def _open(self) -> TextIOWrapper:
        private_file(Path(self.baseFilename))
        return super()._open()


def setup_logging(paths: DataPaths, level: int = logging.INFO) -> None:
    """Log to a rotating file under the data dir; quiet on the console."""
    key = str(paths.logs)
    if key in _configured:
        return
    private_dir(paths.logs)
    for old in paths.logs.glob(f"{LOG_NAME}*"):  # written before logs were private
        private_file(old)
    handler = _PrivateRotatingFileHandler(
        paths.logs / LOG_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured.add(key)
