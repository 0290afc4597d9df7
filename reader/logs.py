"""Logging into the data directory, never elsewhere, and never a password in an address.

MuPDF's own messages are kept off stdout by ``reader.pdf.messages`` and reach this log.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
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


# scheme://user:password@host: greedy up to the last "@" before the path, as URL parsers split
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s/?#]*@")


def redact_userinfo(text: str) -> str:
    """``text`` with the user name and password of every address in it replaced by ``***``."""
    return _USERINFO.sub(r"\1***@", text)


class _RedactingFormatter(logging.Formatter):
    """Applied to the whole record, traceback included: a URL in an exception is covered too."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_userinfo(super().format(record))


def setup_logging(paths: DataPaths, level: int = logging.INFO) -> None:
    """Log to a rotating file under the data dir; quiet on the console. (MuPDF's messages
    are routed here by ``reader.pdf`` when it is first imported.)"""
    key = str(paths.logs)
    if key in _configured:
        return
    private_dir(paths.logs)
    for old in paths.logs.glob(f"{LOG_NAME}*"):  # written before logs were private
        private_file(old)
    handler = _PrivateRotatingFileHandler(
        paths.logs / LOG_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(_RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    # one line per HTTP request would push everything else out of the log, and would write
    # every signed download address into it; sync logs its own retries and failures
    logging.getLogger("httpx").setLevel(logging.WARNING)
    _configured.add(key)
