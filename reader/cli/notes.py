"""Commands for notes and annotations, and their exports.

Every command that reads or writes the vault first carries annotations over to versions
imported since the last run (the "anchors" consumer of the change log).
"""

from __future__ import annotations

import argparse
import logging
from typing import TextIO

from reader.cli.common import Command, CommandParser, Group, dump_json, warn
from reader.i18n import plural, say
from reader.library.store import Library
from reader.notes.annotation_store import AnnotationStore
from reader.notes.export import export_pdf, output_path
from reader.notes.models import TEXT_KINDS, AnnotationView, NoteView, Unreadable
from reader.notes.note_store import NoteStore
from reader.notes.pdfimport import import_pdf_annotations
from reader.notes.reanchor import reanchor_pending
from reader.notes.summary import export_summary, summary_unreadable
from reader.notes.w3c import export_w3c
from reader.vault import Vault, open_vault

log = logging.getLogger(__name__)


def unlock(lib: Library) -> Vault:
    """Open the vault and finish any re-anchoring a locked vault left pending."""
    vault = open_vault(lib)
    reanchor_pending(lib, vault)
    return vault


def _warn_unreadable(unreadable: list[Unreadable]) -> None:
    """One line on stderr: the listing or export has entries marked as unreadable."""
    if unreadable:
        n = len(unreadable)
        if all(u.record == "note" for u in unreadable):
            what = plural(n, "note", "noter", "note", "notes")
        else:
            what = plural(n, "post", "poster", "record", "records")
        ids = ", ".join(u.id for u in unreadable[:3]) + (", ..." if n > 3 else "")
        one = n == 1
        warn(
            say(
                f"{what} kan ikke dekrypteres og er markeret som "
                f"{'ulæselig' if one else 'ulæselige'}: {ids}",
                f"{what} cannot be decrypted and {'is' if one else 'are'} marked as "
                f"unreadable: {ids}",
            )
        )


def _add_arguments(p: CommandParser) -> None:
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--item", metavar="N", help="agenda item number, e.g. 2.1")
    p.add_argument("--document", type=int, metavar="DOC", help="document the page is in")
    p.add_argument("--page", type=int, metavar="P", help="1-based page of --document")
    p.add_argument("--text", required=True)
    p.add_argument("--json", action="store_true")


def cmd_notes_add(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    note = NoteStore(lib, open_vault(lib)).add(
        args.meeting,
        args.text,
        item_number=args.item,
        document_id=args.document,
        page=args.page,
    )
    return _created(note, args.json, out)


def _created(record: NoteView | AnnotationView, as_json: bool, out: TextIO) -> int:
    """What ``notes add`` and ``annotate`` print: the new record as JSON, or its id."""
    if as_json:
        dump_json(record.to_json(), out)
    else:
        print(record.id, file=out)
    return 0


def _list_arguments(p: CommandParser) -> None:
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    p.add_argument("--json", action="store_true")


def cmd_notes_list(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    store = NoteStore(lib, open_vault(lib))
    lib.meeting(args.meeting)  # an unknown meeting is an error, not an empty list
    notes = store.listing(args.meeting)
    if args.json:
        dump_json([n.to_json() for n in notes], out)
    else:
        item, meeting, page = say("punkt", "item"), say("mødet", "the meeting"), say("side", "page")
        unreadable = say("ULÆSELIG", "UNREADABLE")
        for n in notes:
            where = f"{item} {n.item_number}" if n.item_number else meeting
            if n.page:
                where += f", {page} {n.page}"
            text = n.text if isinstance(n, NoteView) else f"{unreadable}: {n.problem}"
            print(f"{n.id}  [{where}]  {text}", file=out)
    _warn_unreadable([n for n in notes if isinstance(n, Unreadable)])
    return 0


def _edit_arguments(p: CommandParser) -> None:
    p.add_argument("note", metavar="NOTE_ID")
    p.add_argument("--text", required=True)


def cmd_notes_edit(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    NoteStore(lib, open_vault(lib)).save(args.note, args.text)
    return 0


def _delete_arguments(p: CommandParser) -> None:
    p.add_argument("note", metavar="NOTE_ID")


def cmd_notes_delete(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    NoteStore(lib, open_vault(lib)).delete(args.note)
    return 0


def _annotate_arguments(p: CommandParser) -> None:
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--page", type=int, required=True, metavar="P")
    p.add_argument("--quote", required=True, metavar="TEXT", help="text on that page")
    p.add_argument("--kind", choices=TEXT_KINDS, default="highlight")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--color", metavar="COLOUR", help="#rgb, #rrggbb or a name such as gul, red")
    p.add_argument("--json", action="store_true")


def cmd_annotate(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    store = AnnotationStore(lib, unlock(lib))
    view = store.annotate_quote(
        args.document, args.page, args.quote, kind=args.kind, note=args.note, color=args.color
    )
    return _created(view, args.json, out)


def _document_arguments(p: CommandParser) -> None:
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--json", action="store_true")


def cmd_annotations(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    views, unreadable = AnnotationStore(lib, unlock(lib)).read(args.document)
    if args.json:
        dump_json([v.to_json() for v in views] + [u.to_json() for u in unreadable], out)
    else:
        page, not_placed = say("side", "page"), say("ikke placeret", "not placed")
        for v in views:
            where = f"{page} {v.page}" if v.page else not_placed
            quote = " ".join((v.quote or v.text or "").split())
            note = f"  ({v.note})" if v.note else ""
            print(f"{v.id}  {v.kind:<9} {where:<14} {quote[:70]}{note}", file=out)
        mark = say("ULÆSELIG", "UNREADABLE")
        for u in unreadable:
            print(f"{u.id}  {u.kind or '':<9} {mark:<14} {u.problem}", file=out)
    _warn_unreadable(unreadable)
    return 0


def cmd_import_annotations(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    report = import_pdf_annotations(lib, unlock(lib), args.document)
    if args.json:
        dump_json(
            {
                "added": [v.to_json() for v in report.added],
                "already": report.already,
                "as_shapes": report.as_shapes,
                "skipped": report.skipped,
            },
            out,
        )
    else:
        added = _annotations(len(report.added))
        skipped = len(report.skipped)
        print(
            say(
                f"{added} importeret, {report.already} fandtes allerede, "
                f"{skipped} understøttes ikke",
                f"{added} imported, {report.already} already there, {skipped} not supported",
            ),
            file=out,
        )
    return 0


def _export_arguments(p: CommandParser) -> None:
    # An export goes to the file named, or into the folder named under a standard name.
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--pdf", required=True, metavar="OUT.pdf|FOLDER")


def _annotations(n: int) -> str:
    return plural(n, "markering", "markeringer", "annotation", "annotations")


def cmd_export(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    target = output_path(args.pdf, f"dokument-{args.document}.pdf")
    report = export_pdf(lib, unlock(lib), args.document, target)
    extra: list[str] = []
    if report.orphans:
        extra.append(
            say(
                f"{report.orphans} ikke placeret på denne version",
                f"{report.orphans} not placed on this version",
            )
        )
    if report.unreadable:
        n = len(report.unreadable)
        unreadable = say("ulæselig" if n == 1 else "ulæselige", "unreadable")
        extra.append(say(f"{n} {unreadable}, udeladt", f"{n} {unreadable}, left out"))
    details = f" ({'; '.join(extra)})" if extra else ""
    print(f"{target}: {_annotations(report.placed)}{details}", file=out)
    _warn_unreadable(report.unreadable)
    return 0


def _export_notes_arguments(p: CommandParser) -> None:
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    fmt = p.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--md", metavar="OUT.md|FOLDER")
    fmt.add_argument("--pdf", metavar="OUT.pdf|FOLDER")


def cmd_export_notes(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    as_md = args.md is not None
    suffix = "md" if as_md else "pdf"
    target = output_path(args.md if as_md else args.pdf, f"noter-{args.meeting}.{suffix}")
    summary = export_summary(lib, unlock(lib), args.meeting, target, as_markdown=as_md)
    print(target, file=out)
    _warn_unreadable(summary_unreadable(summary))
    return 0


def _export_annotations_arguments(p: CommandParser) -> None:
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--w3c", required=True, metavar="OUT.jsonld|FOLDER")


def cmd_export_annotations(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    target = output_path(args.w3c, f"annotationer-{args.document}.jsonld")
    data = export_w3c(lib, unlock(lib), args.document, target)
    unreadable = len(data.get("unreadable", []))
    if unreadable:
        extra = say(
            f" ({unreadable} {'ulæselig' if unreadable == 1 else 'ulæselige'}, opført for sig)",
            f" ({unreadable} unreadable, listed apart)",
        )
    else:
        extra = ""
    print(f"{target}: {_annotations(data['total'])}{extra}", file=out)
    return 0


COMMANDS = (
    Group(
        "notes",
        "personal notes on a meeting, an item or a page",
        (
            Command("add", "add a note", _add_arguments, cmd_notes_add),
            Command("list", "a meeting's notes", _list_arguments, cmd_notes_list),
            Command("edit", "replace a note's text", _edit_arguments, cmd_notes_edit),
            Command("delete", "delete a note", _delete_arguments, cmd_notes_delete),
        ),
    ),
    Command(
        "annotate",
        "highlight, underline or strike out text on a page",
        _annotate_arguments,
        cmd_annotate,
    ),
    Command(
        "annotations",
        "a document's annotations on its current version",
        _document_arguments,
        cmd_annotations,
    ),
    Command(
        "import-annotations",
        "copy a PDF's own annotations into the library",
        _document_arguments,
        cmd_import_annotations,
    ),
    Command(
        "export", "the document with your annotations, as a PDF", _export_arguments, cmd_export
    ),
    Command(
        "export-notes",
        "notes and highlights of a meeting, item by item",
        _export_notes_arguments,
        cmd_export_notes,
    ),
    Command(
        "export-annotations",
        "annotations as W3C Web Annotation JSON-LD",
        _export_annotations_arguments,
        cmd_export_annotations,
    ),
)
