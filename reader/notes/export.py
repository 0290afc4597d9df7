"""Exports: where they go and how they are written, and the PDF with the user's annotations
written in.

Exports are what the user asked to take out of the vault, so they are plaintext by design;
they are written atomically (temp file beside the target, fsync, rename), readable by the
user alone, and never below the data dir unless the user points there. A note or
annotation that cannot be decrypted is exported as a marked entry with its id and what is
wrong, never a reason to export nothing. The notes summary (``summary``) and the W3C Web
Annotation JSON-LD (``w3c``) are in their own modules.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import Cancelled, LibraryError
from reader.errors import ExportError as ExportError
from reader.fsutil import PRIVATE, write_atomic
from reader.i18n import say
from reader.library.store import Library
from reader.notes.annotation_store import AnnotationStore
from reader.notes.models import Unreadable, bad_links
from reader.pdf.annotate import PdfAnnotation, annotated_pdf
from reader.vault import Vault


def output_path(target: str | os.PathLike[str], default_name: str) -> Path:
    """Where an export goes: the file named, or ``default_name`` inside a folder named.

    A folder that does not exist is an error rather than made: a mistyped path should not
    leave the user's notes somewhere unexpected.
    """
    text = os.fspath(target)
    path = Path(text).expanduser()
    if path.is_dir():
        return path / default_name
    if text.endswith((os.sep, os.altsep or os.sep)):
        raise ExportError(
            say(
                f"kan ikke gemme eksporten: mappen {path} findes ikke",
                f"cannot write the export: the folder {path} does not exist",
            )
        )
    if path.parent.exists() and not path.parent.is_dir():
        raise ExportError(
            say(
                f"kan ikke gemme {path}: {path.parent} er ikke en mappe",
                f"cannot write {path}: {path.parent} is not a folder",
            )
        )
    if not path.parent.is_dir():
        raise ExportError(
            say(
                f"kan ikke gemme {path}: mappen {path.parent} findes ikke",
                f"cannot write {path}: the folder {path.parent} does not exist",
            )
        )
    return path


def write_export(path: Path, data: bytes | str) -> None:
    """Write an export whole, readable by the user alone; ExportError saying why not."""
    try:
        write_atomic(path, data, mode=PRIVATE)
    except OSError as exc:
        why = exc.strerror or exc
        raise ExportError(
            say(f"kan ikke gemme {path}: {why}", f"cannot write {path}: {why}")
        ) from exc


def defused(text: str) -> str:
    """Text saved before links were checked, with no link a Markdown reader would follow:
    its brackets and angle brackets escaped, so it reads as written."""
    return re.sub(r"([\[\]<>])", r"\\\1", text) if bad_links(text) else text


@dataclass
class PdfExportReport:
    placed: int = 0
    orphans: int = 0
    unreadable: list[Unreadable] = field(default_factory=list)


def export_pdf(
    lib: Library,
    vault: Vault,
    document_id: int,
    out: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PdfExportReport:
    """The current version with every placed annotation as a real PDF annotation.

    ``progress(done, total)`` follows the annotations as they are drawn; ``cancelled`` is
    asked between them and before writing, and stops the export with ``Cancelled``, with
    nothing written.
    """
    doc = lib.document(document_id)
    views, unreadable = AnnotationStore(lib, vault).read(document_id)
    path = lib.blob_path(doc.sha256)
    if not path.is_file():
        raise LibraryError(
            say(
                f"filen til dokument {document_id} mangler i {path.parent}",
                f"the file of document {document_id} is missing from {path.parent}",
            )
        )
    report = PdfExportReport(unreadable=unreadable)
    placed: list[PdfAnnotation] = []
    for view in views:
        if view.page is None:
            report.orphans += 1
            continue
        placed.append(
            PdfAnnotation(
                view.page, view.kind, view.rects, view.color, view.note, view.text, view.ink
            )
        )
        report.placed += 1
    data = annotated_pdf(path, placed, progress=progress, cancelled=cancelled)
    if cancelled is not None and cancelled():
        raise Cancelled(say("eksporten blev afbrudt", "the export was stopped"))
    write_export(out, data)
    return report


def write_json(path: Path, data: Any) -> None:
    write_export(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
