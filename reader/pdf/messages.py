"""MuPDF's messages: off stdout, into the log, and read back to judge a damaged file.

MuPDF reports damaged files by printing ``MuPDF error: …`` on stdout, where ``--json``
prints its one JSON document; its messages are kept in its buffer instead, logged, and
returned to the code that opened the file.
"""

from __future__ import annotations

import logging
from typing import Any

import pymupdf

_mupdf_to_log = False
_mu: Any = pymupdf  # PyMuPDF is only partly annotated
_MUPDF_LOG_CHARS = 2000  # a damaged file can make MuPDF repeat itself at length
mupdf_log = logging.getLogger("pymupdf")


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
