"""What every area of the command line shares: the command table's shape, JSON output,
terminal progress, and a parser that lets a command take words beginning with ``-``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from reader.i18n import say

if TYPE_CHECKING:
    from reader.followers import FollowReport
    from reader.library import Library

LibraryHandler = Callable[["Library", argparse.Namespace, TextIO], int]
PlainHandler = Callable[[argparse.Namespace, TextIO], int]


def no_arguments(parser: CommandParser) -> None:
    """For a command that takes nothing but the common options."""


@dataclass(frozen=True)
class Command:
    """One command, or one action of a :class:`Group`, declared once.

    ``handler`` takes ``(library, args, out)`` when ``needs_library`` is set, else
    ``(args, out)``: only then is the library opened (and the data dir created).
    ``check`` looks at the arguments before anything is opened; it raises
    :class:`UsageError` for a line that parses but makes no sense.
    """

    name: str
    help: str
    arguments: Callable[[CommandParser], None]
    handler: LibraryHandler | PlainHandler
    needs_library: bool = True
    check: Callable[[argparse.Namespace], None] | None = None


@dataclass(frozen=True)
class Group:
    """A command whose first word picks one of its actions: ``sources add|list|remove``."""

    name: str
    help: str
    actions: tuple[Command, ...]


Entry = Command | Group


def dump_json(data: Any, out: TextIO) -> None:
    """One JSON document on stdout: the stable interface scripts read."""
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def warn(message: str) -> None:
    """One line on stderr, beside the command's output."""
    print(f"moedemappe: {message}", file=sys.stderr)


class CommandParser(argparse.ArgumentParser):
    """A command's parser. With ``dash_words`` set, a word that begins with ``-`` but is
    none of the command's options is a positional word: ``search sundhed -reform`` excludes
    ``reform`` instead of failing as an unknown option (``--`` works as well).

    argparse takes any such word for an option; it takes a word that begins with a space
    for a positional one, so those words get one, which the command strips.
    """

    dash_words = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self.dash_words:
            args = self._shield(list(sys.argv[1:] if args is None else args))
        return super().parse_known_args(args, namespace)

    def _shield(self, args: list[str]) -> list[str]:
        out: list[str] = []
        takes_value = False
        for i, arg in enumerate(args):
            if arg == "--":
                return out + args[i:]
            option = self._option_string_actions.get(arg.split("=", 1)[0])
            if takes_value or option is not None or not arg.startswith("-") or len(arg) < 2:
                out.append(arg)
                takes_value = option is not None and "=" not in arg and option.nargs != 0
            elif arg.startswith("--"):
                out.append(arg)  # a mistyped option: argparse names it
                takes_value = False
            else:
                out.append(" " + arg)
                takes_value = False
        return out


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


def warn_followers(report: FollowReport, quiet: bool) -> None:
    """What an import or sync left for later, on stderr: the index always, the annotations
    waiting for the vault only without ``quiet``."""
    if report.index_error is not None:
        warn(
            say(
                f"søgeindekset er ikke opdateret: {report.index_error}",
                f"search index not updated: {report.index_error}",
            )
        )
    if report.anchors_pending is not None and not quiet:
        warn(
            say(
                f"markeringerne flyttes med senere: {report.anchors_pending}",
                f"annotations will be carried over later: {report.anchors_pending}",
            )
        )
