#!/usr/bin/env python3
"""Mødemappe: with no command the desktop app starts; with a command it runs headless.

``--self-test`` checks an installation (a bundle too) on a temporary library and exits.
``--render-worker PREFIX`` is not for people: a bundle starts its render workers as itself.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# reader.render.protocol.WORKER_FLAG; spelled out so that a worker imports nothing else first
WORKER_FLAG = "--render-worker"


def app_only(argv: Sequence[str]) -> tuple[bool, str | None]:
    """Whether ``argv`` only starts the desktop app (nothing, or ``--data-dir DIR``), and
    the data dir it names. The command line's parser imports every command's modules, and
    with them PyMuPDF, Whoosh and the vault's cryptography: a third of a second that the
    window's process would then also carry. Anything else goes to the parser."""
    args = list(argv)
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--data-dir" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--data-dir=") and len(args[0]) > 11:
        return True, args[0].split("=", 1)[1]
    return False, None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == [WORKER_FLAG]:
        from reader.render.worker import run as run_worker

        run_worker(["worker", *args[1:2]])  # ends the process
    only_app, data_dir = app_only(args)
    if not only_app:
        from reader.cli import build_parser, run

        parsed = build_parser().parse_args(args)
        if parsed.self_test:
            from reader.cli.selftest import self_test
            from ui.selftest import QT_STEPS  # Qt is loaded when its steps run

            return self_test(sys.stdout, QT_STEPS)
        if parsed.command is not None:
            return run(parsed, sys.stdout)
        data_dir = parsed.data_dir
    from ui.app import run_app  # Qt is loaded only for the desktop app

    return run_app(data_dir)


if __name__ == "__main__":
    sys.exit(main())
