#!/usr/bin/env python3
"""Mødemappe: with no command the desktop app starts; with a command it runs headless."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from reader.cli import build_parser, run

    args = build_parser().parse_args(argv)
    if args.command is not None:
        return run(args, sys.stdout)
    from ui.app import run_app  # Qt is loaded only for the desktop app

    return run_app(args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
