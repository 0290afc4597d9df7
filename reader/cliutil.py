"""What every group of headless commands shares: JSON output, terminal progress, types."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from reader.library import Library

Handler = Callable[["Library", argparse.Namespace, TextIO], int]
Subparsers = Any  # argparse's _SubParsersAction is private; its add_parser is all we use


def dump_json(data: Any, out: TextIO) -> None:
    """One JSON document on stdout: the stable interface scripts read."""
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


class TerminalProgress:
    """A one-line ``[done/total] what`` on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def __call__(self, done: int, total: int, what: str) -> None:
        if self.enabled and total:
            sys.stderr.write(f"\r[{done}/{total}] {what[-60:]:<60}")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 72 + "\r")
            sys.stderr.flush()
