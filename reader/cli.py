"""The headless commands. Stable: scripts and checks depend on their output.

Exit codes: 0 success, 2 usage error (argparse), 1 any other error with one line on
stderr, 141 (as if killed by SIGPIPE) when whoever read the output closed it early, as
``moedemappe search ... | head -1`` does: quietly, for every command. A traceback is never
shown; unexpected errors are logged to the data dir. Each part of ``reader`` registers its
own commands; this module only dispatches.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from reader import __version__
from reader.cliutil import CommandParser, Handler
from reader.errors import MoedemappeError
from reader.library import Library
from reader.library import commands as library_commands
from reader.logs import setup_logging
from reader.notes import commands as notes_commands
from reader.paths import resolve
from reader.search import commands as search_commands
from reader.sync import commands as sync_commands
from reader.vault import commands as vault_commands

log = logging.getLogger(__name__)

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a reader that went away

COMMAND_GROUPS = (
    library_commands,
    search_commands,
    notes_commands,
    vault_commands,
    sync_commands,
)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    parser = argparse.ArgumentParser(
        prog="moedemappe",
        description="Mødemappe: meeting packages for council members, offline. "
        "Without a command, the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the library lives (default: $MOEDEMAPPE_DATA_DIR or the user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    handlers: dict[str, Handler] = {}
    for group in COMMAND_GROUPS:
        handlers.update(group.register(sub))
    return parser, handlers


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    return run(args, handlers, out or sys.stdout)


def run(args: argparse.Namespace, handlers: dict[str, Handler], out: TextIO) -> int:
    """Run a parsed command; the desktop entry point shares the parser."""
    paths = resolve(args.data_dir)
    try:
        setup_logging(paths)
        with Library(paths) as lib:
            code = int(handlers[args.command](lib, args, out))
            out.flush()  # a closed pipe shows here, not at exit
            return code
    except BrokenPipeError:
        _discard(out)
        return EXIT_BROKEN_PIPE
    except MoedemappeError as exc:
        print(f"moedemappe: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("moedemappe: interrupted", file=sys.stderr)
        return 1
    except Exception as exc:
        log.exception("unexpected error in %s", args.command)
        print(f"moedemappe: internal error: {exc} (details in {paths.logs})", file=sys.stderr)
        return 1


def _discard(out: TextIO) -> None:
    """Point the closed output at the null device, so that flushing what is still buffered
    at exit does not fail again (and print a traceback) on the closed pipe."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        os.close(devnull)
