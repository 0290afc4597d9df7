"""Logging into the data directory, never elsewhere, and never a password in an address.

MuPDF reports damaged files by printing ``MuPDF error: …`` on stdout, where ``--json``
prints its one JSON document; its messages are kept off stdout and go to the log instead.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from io import TextIOWrapper
from pathlib import Path
from typing import Any

import pymupdf

from reader.fsutil import private_dir, private_file
from reader.paths import DataPaths

_configured: set[str] = set()
_mupdf_to_log = False
_mu: Any = pymupdf  # PyMuPDF is only partly annotated
_MUPDF_LOG_CHARS = 2000  # a damaged file can make MuPDF repeat itself at length
mupdf_log = logging.getLogger("pymupdf")
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
    """Log to a rotating file under the data dir; quiet on the console."""
    quiet_mupdf()
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


def quiet_mupdf() -> None:
    """Keep MuPDF's errors and warnings in its buffer (see ``mupdf_messages``), not on stdout,
    and send PyMuPDF's own messages to the log. Cheap and idempotent."""
    global _mupdf_to_log
    _mu.TOOLS.mupdf_display_errors(False)
    _mu.TOOLS.mupdf_display_warnings(False)
    if not _mupdf_to_log:
        _mu.set_messages(pylogging_logger=mupdf_log, pylogging_level=logging.WARNING)
        _mupdf_to_log = True


def mupdf_messages(context: str) -> str:
    """What MuPDF said since the last call, logged under ``context`` and returned."""
    text: str = _mu.TOOLS.mupdf_warnings(reset=True)
    if text:
        said = "; ".join(line for line in text.splitlines() if line.strip())
        if len(said) > _MUPDF_LOG_CHARS:
            said = said[:_MUPDF_LOG_CHARS] + " …"
        mupdf_log.warning("%s: %s", context, said)
    return text
