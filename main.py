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


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == [WORKER_FLAG]:
        from reader.render.worker import run as run_worker

        run_worker(["worker", *args_list[1:2]])  # ends the process
    from reader.cli import build_parser, run

    args = build_parser().parse_args(args_list)
    if args.self_test:
        from reader.cli.selftest import self_test
        from ui.selftest import QT_STEPS  # Qt is loaded when its steps run

        return self_test(sys.stdout, QT_STEPS)
    if args.command is not None:
        return run(args, sys.stdout)
    from ui.app import run_app  # Qt is loaded only for the desktop app

    return run_app(args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
