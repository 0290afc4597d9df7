"""``diff``: what changed between two versions of a document, or in a meeting's documents."""

from __future__ import annotations

import argparse
from typing import TextIO

from reader.cli.common import Command, CommandParser, dump_json
from reader.diff import Change, ChangeSet, MeetingChanges, document_changes, meeting_changes
from reader.errors import UsageError
from reader.i18n import plural, say
from reader.library.store import Library

SHOWN = 70  # characters of a change's words shown on its line


def _arguments(p: CommandParser) -> None:
    p.add_argument(
        "id", type=int, metavar="DOCUMENT_ID", help="a document (a meeting with --meeting)"
    )
    p.add_argument("--from", dest="old", type=int, metavar="V", help="the older version's number")
    p.add_argument("--to", dest="new", type=int, metavar="V", help="the newer version's number")
    p.add_argument(
        "--meeting",
        action="store_true",
        help="the id is a meeting's: documents added to, removed from or re-issued in it",
    )
    p.add_argument(
        "--since",
        metavar="SEQ|ISO",
        help="with --meeting: a change-log position or a time (default: its first arrival)",
    )
    p.add_argument("--json", action="store_true")


def _check(args: argparse.Namespace) -> None:
    if args.meeting and (args.old is not None or args.new is not None):
        raise UsageError(
            say(
                "--from og --to gælder versioner af et dokument, ikke --meeting",
                "--from and --to pick versions of a document, not with --meeting",
            )
        )
    if args.since is not None and not args.meeting:
        raise UsageError(say("--since gælder kun med --meeting", "--since only with --meeting"))


def cmd_diff(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    if args.meeting:
        since: int | str | None = args.since
        if isinstance(since, str) and since.strip().isdigit():
            since = int(since)
        found = meeting_changes(lib, args.id, since)
        if args.json:
            dump_json(found.to_json(), out)
        else:
            _print_meeting(lib, found, out)
        return 0
    changes = document_changes(lib, args.id, args.old, args.new)
    if args.json:
        dump_json(changes.to_json(), out)
    else:
        _print_document(lib, changes, out)
    return 0


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _page(n: int | None) -> str:
    return f" ({say('s.', 'p.')} {n})" if n else ""


def _line(c: Change) -> str:
    where = say(f"punkt {c.item}", f"item {c.item}") if c.item else say("forside", "front")
    if c.section:
        where += f", {c.section}"
    if c.scope == "item":
        if c.kind == "added":
            what = say("nyt punkt", "new item") + f": {c.title}{_page(c.new_page)}"
        elif c.kind == "removed":
            was = say("var", "was")
            what = say("punkt fjernet", "item removed") + f": {c.title} ({was} {c.old_item})"
        else:
            what = (
                say(f"punkt flyttet (var {c.old_item})", f"item moved (was {c.old_item})")
                + f": {c.title}{_page(c.new_page)}"
            )
    elif c.scope == "number":
        what = say(f"nyt nummer (var {c.old_item})", f"renumbered (was {c.old_item})")
        what += f": {c.title}{_page(c.new_page)}"
    elif c.kind == "added":
        what = say("tilføjet", "added") + f": «{_short(c.new_text)}»{_page(c.new_page)}"
    elif c.kind == "removed":
        what = say("slettet", "deleted") + f": «{_short(c.old_text)}»{_page(c.new_page)}"
    else:
        what = (
            say("ændret", "changed")
            + f": «{_short(c.old_text)}» → «{_short(c.new_text)}»{_page(c.new_page)}"
        )
    return f"  {where}: {what}"


def _print_document(lib: Library, changes: ChangeSet, out: TextIO) -> None:
    doc = lib.document(changes.document_id)
    print(
        say(
            f"{doc.title} (dokument {doc.id}): version {changes.old_version} → "
            f"{changes.new_version}",
            f"{doc.title} (document {doc.id}): version {changes.old_version} → "
            f"{changes.new_version}",
        ),
        file=out,
    )
    if not changes.changes:
        print(say("ingen ændringer i teksten", "no changes in the text"), file=out)
    else:
        items = changes.changed_items()
        counts = [
            plural(len(changes.changes), "ændring", "ændringer", "change", "changes"),
            plural(len(items), "punkt", "punkter", "item", "items"),
        ]
        print(say(f"{counts[0]} i {counts[1]}", f"{counts[0]} in {counts[1]}"), file=out)
        for change in changes.changes:
            print(_line(change), file=out)
    if changes.moved_pages:
        moved = plural(len(changes.moved_pages), "side", "sider", "page", "pages", lang=None)
        print(say(f"{moved} kun flyttet", f"{moved} only moved"), file=out)


def _print_meeting(lib: Library, found: MeetingChanges, out: TextIO) -> None:
    meeting = lib.meeting(found.meeting_id)
    print(f"{meeting.title} ({meeting.body})", file=out)
    if not found.changes:
        print(
            say(
                "ingen dokumenter tilføjet, fjernet eller genudsendt",
                "no documents added, removed or re-issued",
            ),
            file=out,
        )
        return
    for c in found.changes:
        doc = c.document
        if c.kind == "added":
            what = say("tilføjet", "added")
        elif c.kind == "removed":
            what = say("fjernet", "removed")
        else:
            what = say(
                f"ny version {c.old_version} → {c.new_version}",
                f"new version {c.old_version} → {c.new_version}",
            )
        item = (
            say(f" (punkt {doc.item_number})", f" (item {doc.item_number})")
            if doc.item_number
            else ""
        )
        print(f"  {what}: {doc.title}{item} [{doc.id}]", file=out)


COMMANDS = (
    Command(
        "diff",
        "what changed between two versions of a document, or in a meeting's documents",
        _arguments,
        cmd_diff,
        check=_check,
    ),
)
