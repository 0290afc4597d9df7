"""Headless commands for notes and annotations, and their exports.

Every command that reads or writes the vault first carries annotations over to versions
imported since the last run (the "anchors" consumer of the change log).
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TextIO

from reader.cliutil import Handler, Subparsers, dump_json
from reader.library.store import Library
from reader.notes.export import (
    export_pdf,
    notes_summary,
    output_path,
    summary_markdown,
    summary_pdf,
    w3c_annotations,
    write_export,
    write_json,
)
from reader.notes.models import TEXT_KINDS, NoteView, Unreadable
from reader.notes.pdfimport import import_pdf_annotations
from reader.notes.reanchor import reanchor_pending
from reader.notes.store import AnnotationStore, NoteStore
from reader.vault import Vault, open_vault

log = logging.getLogger(__name__)


def register(sub: Subparsers) -> dict[str, Handler]:
    p = sub.add_parser("notes", help="personal notes on a meeting, an item or a page")
    notes = p.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    a = notes.add_parser("add", help="add a note")
    a.add_argument("meeting", type=int, metavar="MEETING_ID")
    a.add_argument("--item", metavar="N", help="agenda item number, e.g. 2.1")
    a.add_argument("--document", type=int, metavar="DOC", help="document the page is in")
    a.add_argument("--page", type=int, metavar="P", help="1-based page of --document")
    a.add_argument("--text", required=True)
    a.add_argument("--json", action="store_true")
    a = notes.add_parser("list", help="a meeting's notes")
    a.add_argument("meeting", type=int, metavar="MEETING_ID")
    a.add_argument("--json", action="store_true")
    a = notes.add_parser("edit", help="replace a note's text")
    a.add_argument("note", metavar="NOTE_ID")
    a.add_argument("--text", required=True)
    a = notes.add_parser("delete", help="delete a note")
    a.add_argument("note", metavar="NOTE_ID")

    p = sub.add_parser("annotate", help="highlight, underline or strike out text on a page")
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--page", type=int, required=True, metavar="P")
    p.add_argument("--quote", required=True, metavar="TEXT", help="text on that page")
    p.add_argument("--kind", choices=TEXT_KINDS, default="highlight")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--color", metavar="COLOUR", help="#rgb, #rrggbb or a name such as gul, red")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("annotations", help="a document's annotations on its current version")
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("import-annotations", help="copy a PDF's own annotations into the library")
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--json", action="store_true")

    # An export goes to the file named, or into the folder named under a standard name.
    p = sub.add_parser("export", help="the document with your annotations, as a PDF")
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--pdf", required=True, metavar="OUT.pdf|FOLDER")

    p = sub.add_parser("export-notes", help="notes and highlights of a meeting, item by item")
    p.add_argument("meeting", type=int, metavar="MEETING_ID")
    fmt = p.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--md", metavar="OUT.md|FOLDER")
    fmt.add_argument("--pdf", metavar="OUT.pdf|FOLDER")

    p = sub.add_parser("export-annotations", help="annotations as W3C Web Annotation JSON-LD")
    p.add_argument("document", type=int, metavar="DOCUMENT_ID")
    p.add_argument("--w3c", required=True, metavar="OUT.jsonld|FOLDER")
    return {
        "notes": cmd_notes,
        "annotate": cmd_annotate,
        "annotations": cmd_annotations,
        "import-annotations": cmd_import_annotations,
        "export": cmd_export,
        "export-notes": cmd_export_notes,
        "export-annotations": cmd_export_annotations,
    }


def unlock(lib: Library) -> Vault:
    """Open the vault and finish any re-anchoring a locked vault left pending."""
    vault = open_vault(lib)
    reanchor_pending(lib, vault)
    return vault


def _warn_unreadable(unreadable: list[Unreadable]) -> None:
    """One line on stderr: the listing or export has entries marked as unreadable."""
    if unreadable:
        what = "note" if all(u.record == "note" for u in unreadable) else "record"
        ids = ", ".join(u.id for u in unreadable[:3]) + (", ..." if len(unreadable) > 3 else "")
        print(
            f"moedemappe: {len(unreadable)} {what}(s) cannot be decrypted and are marked "
            f"as unreadable: {ids}",
            file=sys.stderr,
        )


def cmd_notes(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    store = NoteStore(lib, open_vault(lib))
    if args.notes_command == "add":
        note = store.add(
            args.meeting,
            args.text,
            item_number=args.item,
            document_id=args.document,
            page=args.page,
        )
        if args.json:
            dump_json(note.to_json(), out)
        else:
            print(note.id, file=out)
    elif args.notes_command == "list":
        lib.meeting(args.meeting)  # an unknown meeting is an error, not an empty list
        notes = store.listing(args.meeting)
        if args.json:
            dump_json([n.to_json() for n in notes], out)
        else:
            for n in notes:
                where = f"punkt {n.item_number}" if n.item_number else "mødet"
                if n.page:
                    where += f", side {n.page}"
                text = n.text if isinstance(n, NoteView) else f"ULÆSELIG: {n.problem}"
                print(f"{n.id}  [{where}]  {text}", file=out)
        _warn_unreadable([n for n in notes if isinstance(n, Unreadable)])
    elif args.notes_command == "edit":
        store.save(args.note, args.text)
    else:
        store.delete(args.note)
    return 0


def cmd_annotate(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    store = AnnotationStore(lib, unlock(lib))
    view = store.annotate_quote(
        args.document, args.page, args.quote, kind=args.kind, note=args.note, color=args.color
    )
    if args.json:
        dump_json(view.to_json(), out)
    else:
        print(view.id, file=out)
    return 0


def cmd_annotations(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    views, unreadable = AnnotationStore(lib, unlock(lib)).read(args.document)
    if args.json:
        dump_json([v.to_json() for v in views] + [u.to_json() for u in unreadable], out)
    else:
        for v in views:
            where = f"side {v.page}" if v.page else "ikke placeret"
            quote = " ".join((v.quote or v.text or "").split())
            note = f"  ({v.note})" if v.note else ""
            print(f"{v.id}  {v.kind:<9} {where:<14} {quote[:70]}{note}", file=out)
        for u in unreadable:
            print(f"{u.id}  {u.kind or '':<9} {'ULÆSELIG':<14} {u.problem}", file=out)
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
        print(
            f"{len(report.added)} annotations imported, {report.already} already there, "
            f"{len(report.skipped)} not supported",
            file=out,
        )
    return 0


def cmd_export(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    target = output_path(args.pdf, f"dokument-{args.document}.pdf")
    report = export_pdf(lib, unlock(lib), args.document, target)
    extra = [f"{report.orphans} not placed on this version"] if report.orphans else []
    if report.unreadable:
        extra.append(f"{len(report.unreadable)} unreadable, left out")
    details = f" ({'; '.join(extra)})" if extra else ""
    print(f"{target}: {report.placed} annotations{details}", file=out)
    _warn_unreadable(report.unreadable)
    return 0


def cmd_export_notes(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    as_md = args.md is not None
    suffix = "md" if as_md else "pdf"
    target = output_path(args.md if as_md else args.pdf, f"noter-{args.meeting}.{suffix}")
    summary = notes_summary(lib, unlock(lib), args.meeting)
    write_export(target, summary_markdown(summary) if as_md else summary_pdf(summary))
    print(target, file=out)
    sections = [summary.meeting, *summary.items]
    _warn_unreadable(
        [u for s in sections for u in s.unreadable] + [u for _, u in summary.unreadable]
    )
    return 0


def cmd_export_annotations(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    target = output_path(args.w3c, f"annotationer-{args.document}.jsonld")
    data = w3c_annotations(lib, unlock(lib), args.document)
    write_json(target, data)
    unreadable = len(data.get("unreadable", []))
    extra = f" ({unreadable} unreadable, listed apart)" if unreadable else ""
    print(f"{target}: {data['total']} annotations{extra}", file=out)
    return 0
