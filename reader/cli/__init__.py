"""The headless commands. Stable: scripts and checks depend on their output.

Exit codes: 0 success, 2 usage error (argparse), 1 any other error with one line on
stderr, 141 (as if killed by SIGPIPE) when whoever read the output closed it early, as
``moedemappe search ... | head -1`` does: quietly, for every command. A traceback is never
shown; unexpected errors are logged to the data dir.

Every command is declared once, in its area's ``COMMANDS`` table; the parser is built from
:data:`COMMANDS` and a parsed line carries the :class:`Command` it runs. Only a command that
needs the library opens it: ``publish`` or ``--help`` leave no data dir behind.
Human output is Danish, or English with ``MOEDEMAPPE_LANG=en``; ``--json`` is the same in both.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import TextIO, cast

from reader import __version__
from reader.cli import cases, diff, library, notes, search, sync, vault
from reader.cli.common import (
    Command,
    CommandParser,
    Entry,
    Group,
    LibraryHandler,
    PlainHandler,
    warn,
)
from reader.errors import MoedemappeError
from reader.i18n import say
from reader.library import Library
from reader.logs import setup_logging
from reader.paths import DataPaths, resolve

log = logging.getLogger(__name__)

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a reader that went away

COMMANDS: tuple[Entry, ...] = (
    *library.COMMANDS,
    *diff.COMMANDS,
    *cases.COMMANDS,
    *search.COMMANDS,
    *notes.COMMANDS,
    *vault.COMMANDS,
    *sync.COMMANDS,
)

_COMMAND = "_command"  # where a parsed line keeps the Command it runs


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moedemappe",
        description="Mødemappe: meeting packages for council members, offline. "
        "Without a command, the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation on a temporary library, not yours (the demo, a "
        "render worker, search, encrypted notes, annotations, import, the window) and exit",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the library lives (default: $MOEDEMAPPE_DATA_DIR or the user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for entry in COMMANDS:
        p = sub.add_parser(entry.name, help=entry.help)
        if isinstance(entry, Group):
            actions = p.add_subparsers(
                dest=f"{entry.name}_command", metavar="ACTION", required=True
            )
            for action in entry.actions:
                _add(actions.add_parser(action.name, help=action.help), action)
        else:
            _add(p, entry)
    return parser


def _add(parser: CommandParser, command: Command) -> None:
    command.arguments(parser)
    parser.set_defaults(**{_COMMAND: command})


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    return run(args, out or sys.stdout)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run a parsed command line; the desktop entry point shares the parser."""
    command: Command = getattr(args, _COMMAND)
    paths = resolve(args.data_dir)
    try:
        if command.check is not None:
            command.check(args)
        if command.needs_library:
            setup_logging(paths)
            with Library(paths) as lib:
                code = int(cast(LibraryHandler, command.handler)(lib, args, out))
        else:
            _log_without_library(paths)
            code = int(cast(PlainHandler, command.handler)(args, out))
        out.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        _discard(out)
        return EXIT_BROKEN_PIPE
    except MoedemappeError as exc:
        warn(str(exc))
        return 1
    except KeyboardInterrupt:
        warn(say("afbrudt", "interrupted"))
        return 1
    except Exception as exc:
        _log_into(paths)  # the details are worth a data dir
        log.exception("unexpected error in %s", args.command)
        warn(
            say(
                f"intern fejl: {exc} (detaljer i {paths.logs})",
                f"internal error: {exc} (details in {paths.logs})",
            )
        )
        return 1


def _log_without_library(paths: DataPaths) -> None:
    """A command that needs no library logs into the data dir if there is one, and
    creates none: its warnings are dropped instead of reaching the terminal."""
    if paths.logs.is_dir():
        _log_into(paths)
    else:
        _log_nowhere()


def _log_into(paths: DataPaths) -> None:
    try:
        setup_logging(paths)
    except OSError:
        _log_nowhere()  # an unwritable data dir: the error line says enough


def _log_nowhere() -> None:
    """Keep records off the terminal (where logging's last resort would print them)."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


def _discard(out: TextIO) -> None:
    """Point the closed output at the null device, so that flushing what is still buffered
    at exit does not fail again (and print a traceback) on the closed pipe."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        os.close(devnull)
