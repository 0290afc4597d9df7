"""Exports: the PDF with the user's annotations written in, the notes summary for the
*formøde* (Markdown and PDF), and all annotations as W3C Web Annotation JSON-LD.

Exports are what the user asked to take out of the vault, so they are plaintext by design;
they are written atomically (temp file beside the target, fsync, rename), readable by the
user alone, and never below the data dir unless the user points there. A note or
annotation that cannot be decrypted is exported as a marked entry with its id and what is
wrong, never a reason to export nothing.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pymupdf

from reader.errors import ExportError as ExportError
from reader.errors import LibraryError
from reader.fsutil import PRIVATE, write_atomic
from reader.i18n import say
from reader.library.store import DocumentRow, ItemRow, Library
from reader.notes.models import TEXT_KINDS, AnnotationView, NoteView, Unreadable, bad_links
from reader.notes.store import AnnotationStore, NoteStore
from reader.notes.text import VersionText, find_tolerant, load_version_text
from reader.pdf.geometry import open_pdf_file, union
from reader.vault import Vault

# PyMuPDF is only partly annotated; calls go through an ``Any`` alias to keep mypy strict.
_mu: Any = pymupdf

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


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


def _defused(text: str) -> str:
    """Text saved before links were checked, with no link a Markdown reader would follow:
    its brackets and angle brackets escaped, so it reads as written."""
    return re.sub(r"([\[\]<>])", r"\\\1", text) if bad_links(text) else text


def _rgb(color: str) -> tuple[float, float, float]:
    m = re.fullmatch(r"#?([0-9a-fA-F]{6})", color.strip())
    if not m:
        return (1.0, 0.83, 0.0)
    v = m.group(1)
    return (int(v[0:2], 16) / 255, int(v[2:4], 16) / 255, int(v[4:6], 16) / 255)


# -- the annotated PDF ------------------------------------------------------------------------


@dataclass
class PdfExportReport:
    placed: int = 0
    orphans: int = 0
    unreadable: list[Unreadable] = field(default_factory=list)


def export_pdf(lib: Library, vault: Vault, document_id: int, out: Path) -> PdfExportReport:
    """The current version with every placed annotation as a real PDF annotation."""
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
    pdf: Any = open_pdf_file(path)
    try:
        for view in views:
            if view.page is None:
                report.orphans += 1
                continue
            _add_annot(pdf[view.page - 1], view)
            report.placed += 1
        data = pdf.tobytes(garbage=1, deflate=True)
    finally:
        pdf.close()
    write_export(out, data)
    return report


def _add_annot(page: Any, view: AnnotationView) -> None:
    rects = view.rects
    color = _rgb(view.color)
    annot: Any
    if view.kind in TEXT_KINDS:
        if not rects:
            return
        add = {
            "highlight": page.add_highlight_annot,
            "underline": page.add_underline_annot,
            "strikeout": page.add_strikeout_annot,
        }[view.kind]
        annot = add([_mu.Rect(*r) for r in rects])
    elif view.kind == "ink":
        annot = page.add_ink_annot([[list(p) for p in stroke] for stroke in view.ink])
    elif view.kind == "sticky":
        r = rects[0] if rects else (36.0, 36.0, 56.0, 56.0)
        annot = page.add_text_annot((r[0], r[1]), view.note or "", icon="Note")
    elif view.kind == "textbox":
        r = rects[0] if rects else (36.0, 36.0, 236.0, 86.0)
        annot = page.add_freetext_annot(
            _mu.Rect(*r), view.text or view.note or "", fontsize=10, text_color=color
        )
    else:  # rectangle
        r = rects[0] if rects else (36.0, 36.0, 136.0, 86.0)
        annot = page.add_rect_annot(_mu.Rect(*r))
    if view.kind != "textbox":
        annot.set_colors(stroke=color)
    info: dict[str, str] = {"title": "Mødemappe"}
    if view.note and view.kind != "sticky":
        info["content"] = view.note
    elif view.kind == "sticky":
        info["content"] = view.note or ""
    annot.set_info(**info)
    annot.update()


# -- the notes summary --------------------------------------------------------------------------


@dataclass
class QuoteEntry:
    document: str
    page: int | None
    quote: str
    note: str | None
    kind: str


@dataclass
class SummarySection:
    number: str | None
    title: str
    notes: list[NoteView] = field(default_factory=list)
    quotes: list[QuoteEntry] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)  # notes that do not decrypt

    def __bool__(self) -> bool:
        return bool(self.notes or self.quotes or self.unreadable)


@dataclass
class Summary:
    title: str
    body: str
    start: str | None
    location: str | None
    meeting: SummarySection
    items: list[SummarySection]
    orphans: list[QuoteEntry]
    unreadable: list[tuple[str, Unreadable]] = field(default_factory=list)  # (document, ann.)


def notes_summary(lib: Library, vault: Vault, meeting_id: int) -> Summary:
    """The user's notes and highlights of one meeting, item by item, in agenda order."""
    meeting = lib.meeting(meeting_id)
    items = lib.items(meeting_id)
    sections = {it.number: SummarySection(it.number, it.title) for it in items}
    general = SummarySection(None, "Mødet")
    for note in NoteStore(lib, vault).listing(meeting_id):
        target = sections.get(note.item_number or "", general)
        if note.item_number is None and note.document_id is not None and note.page:
            number = _item_at(lib, items, lib.document(note.document_id), note.page, None)
            target = sections.get(number or "", general)
        if isinstance(note, Unreadable):
            target.unreadable.append(note)
        else:
            target.notes.append(note)
    orphans: list[QuoteEntry] = []
    unreadable: list[tuple[str, Unreadable]] = []
    store = AnnotationStore(lib, vault)
    for doc in meeting.documents:
        vt: VersionText | None = None
        views, damaged = store.read(doc.id)
        unreadable += [(_doc_label(doc), u) for u in damaged]
        for view in views:
            if not view.quote and not view.note and not view.text:
                continue
            entry = QuoteEntry(
                _doc_label(doc), view.page, view.quote or view.text or "", view.note, view.kind
            )
            if view.page is None:
                orphans.append(entry)
                continue
            if vt is None:
                vt = load_version_text(lib.conn, doc.version_id)
            start = view.anchor.start if view.anchor else None
            number = _item_at(lib, items, doc, view.page, start, vt)
            sections.get(number or "", general).quotes.append(entry)
    return Summary(
        meeting.title,
        meeting.body,
        meeting.start,
        meeting.location,
        general,
        [s for it in items if (s := sections[it.number])],
        orphans,
        unreadable,
    )


def _doc_label(doc: DocumentRow) -> str:
    if doc.kind == "attachment":
        return f"Bilag: {doc.title}"
    return "Referat" if doc.kind == "minutes" else "Dagsorden"


def _item_at(
    lib: Library,
    items: list[ItemRow],
    doc: DocumentRow,
    page: int,
    start: int | None,
    vt: VersionText | None = None,
) -> str | None:
    """The agenda item a page (and position) of a document belongs to."""
    if doc.item_number:
        return doc.item_number
    on_doc = [it for it in items if it.document_id == doc.id and it.page_start is not None]
    cands = [
        it
        for it in on_doc
        if it.page_start is not None and it.page_start <= page <= (it.page_end or it.page_start)
    ]
    if not cands:
        return None
    leaves = [it for it in cands if not it.is_group] or cands
    if len(leaves) == 1 or start is None:
        return leaves[0].number
    vt = vt or load_version_text(lib.conn, doc.version_id)
    placed = [it for it in on_doc if not it.is_group and it.offset is not None]
    if placed:
        # the parser saw where each heading starts: the item is the last one begun by
        # ``start``, as search hits are placed
        begun = [
            (vt.page_start(it.page_start) + it.offset, it.number)
            for it in placed
            if it.page_start is not None and it.offset is not None
        ]
        begun = [b for b in begun if b[0] <= start]
        return max(begun)[1] if begun else None
    best: tuple[int, str] | None = None
    for it in leaves:
        assert it.page_start is not None
        found = find_tolerant(vt.pages[it.page_start - 1], f"{it.number}. {it.title}")
        if found is None:
            continue
        at = vt.page_start(it.page_start) + found[0]
        if at <= start and (best is None or at > best[0]):
            best = (at, it.number)
    return best[1] if best else leaves[0].number


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    dt = datetime.fromisoformat(iso)
    return (
        dt.strftime("%d-%m-%Y %H:%M") if (dt.hour, dt.minute) != (0, 0) else dt.strftime("%d-%m-%Y")
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def summary_markdown(summary: Summary) -> str:
    """The summary as Markdown: headings per item, notes as written, quotes as block quotes."""
    out = [f"# Noter til formødet: {summary.title}", ""]
    facts = [summary.body, _when(summary.start), summary.location or ""]
    out += [" · ".join(f for f in facts if f), ""]

    def section(sec: SummarySection, heading: str) -> None:
        out.extend([f"## {heading}", ""])
        for note in sec.notes:
            where = f" (side {note.page})" if note.page else ""
            if where:
                out.append(f"*Note{where}:*")
            out.extend([_defused(note.text.strip()), ""])
        for bad in sec.unreadable:
            where = f" (side {bad.page})" if bad.page else ""
            out.extend([f"**Note {bad.id}{where} kan ikke læses:** {bad.problem}", ""])
        for q in sec.quotes:
            out.extend(_quote_md(q))

    if summary.meeting:
        section(summary.meeting, "Mødet")
    for sec in summary.items:
        section(sec, f"{sec.number}. {sec.title}")
    if summary.orphans:
        out.extend(["## Kunne ikke placeres i den nye version", ""])
        for q in summary.orphans:
            out.extend(_quote_md(q))
    if summary.unreadable:
        out.extend(["## Markeringer der ikke kan læses", ""])
        for document, bad in summary.unreadable:
            out.append(f"- {document}: {bad.kind} {bad.id}: {bad.problem}")
        out.append("")
    if len(out) <= 4:
        out.extend(["Ingen noter eller markeringer.", ""])
    return "\n".join(out).rstrip() + "\n"


def _quote_md(q: QuoteEntry) -> list[str]:
    where = f"{q.document}, s. {q.page}" if q.page else q.document
    lines = [f"> {_one_line(q.quote)}", ">", f"> — {where}"] if q.quote else [f"*{where}*"]
    if q.note:
        lines += ["", f"Note: {_defused(q.note.strip())}"]
    return [*lines, ""]


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"<i>\1</i>", text)


def markdown_html(md: str) -> str:
    """The small Markdown the summary uses (headings, quotes, lists, bold, italics) as HTML."""
    out: list[str] = []
    para: list[str] = []
    quote: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if para:
            out.append("<p>" + "<br/>".join(_inline(p) for p in para) + "</p>")
            para.clear()
        if quote:
            body = "<br/>".join(_inline(q) for q in quote if q)
            out.append(f'<p class="quote">{body}</p>')
            quote.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in md.splitlines():
        if m := re.match(r"^(#{1,3}) (.*)$", line):
            flush()
            n = len(m.group(1))
            out.append(f"<h{n}>{_inline(m.group(2))}</h{n}>")
        elif line.startswith(">"):
            if para or items:
                flush()
            quote.append(line[1:].strip())
        elif m := re.match(r"^\s*[-*] (.*)$", line):
            if para or quote:
                flush()
            items.append(m.group(1))
        elif not line.strip():
            flush()
        else:
            if quote or items:
                flush()
            para.append(line)
    flush()
    return "".join(out)


_CSS = (
    "body { font-family: sans-serif; font-size: 10pt; line-height: 1.3; }"
    "h1 { font-size: 16pt; margin: 0 0 6pt 0; } h2 { font-size: 12pt; margin: 12pt 0 4pt 0; }"
    "p { margin: 0 0 5pt 0; } .quote { margin: 0 0 5pt 12pt; font-style: italic; }"
)


def summary_pdf(summary: Summary) -> bytes:
    """The Markdown summary laid out as an A4 PDF with MuPDF's HTML layout."""
    story: Any = _mu.Story(
        html=f"<body>{markdown_html(summary_markdown(summary))}</body>", user_css=_CSS
    )
    buf = io.BytesIO()
    writer: Any = _mu.DocumentWriter(buf)
    page_rect: Any = _mu.paper_rect("a4")
    body: Any = _mu.Rect(56, 56, page_rect.width - 56, page_rect.height - 56)
    more = 1
    while more:
        device: Any = writer.begin_page(page_rect)
        more, _ = story.place(body)
        story.draw(device)
        writer.end_page()
    writer.close()
    return buf.getvalue()


# -- W3C Web Annotation ---------------------------------------------------------------------------


def w3c_annotations(lib: Library, vault: Vault, document_id: int) -> dict[str, Any]:
    """All annotations of a document as a W3C AnnotationCollection, on its current version.

    Each target has a TextQuoteSelector (as recorded), a TextPositionSelector in the current
    version's visible text, and an RFC 3778 page fragment; orphans keep their quote only.
    """
    doc = lib.document(document_id)
    views, unreadable = AnnotationStore(lib, vault).read(document_id)
    source = f"urn:sha256:{doc.sha256}"
    items = [_w3c_item(view, source) for view in views]
    data: dict[str, Any] = {
        "@context": W3C_CONTEXT,
        "id": f"urn:moedemappe:document:{doc.id}:version:{doc.version}",
        "type": "AnnotationCollection",
        "label": doc.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    if unreadable:  # outside the W3C vocabulary: not annotations, a note of what is missing
        data["unreadable"] = [
            {"id": f"urn:uuid:{uuid.UUID(hex=u.id)}", "kind": u.kind, "problem": u.problem}
            for u in unreadable
        ]
    return data


_MOTIVATION = {
    "highlight": "highlighting",
    "underline": "highlighting",
    "strikeout": "editing",
    "ink": "highlighting",
    "sticky": "commenting",
    "textbox": "commenting",
    "rectangle": "highlighting",
}


def _w3c_item(view: AnnotationView, source: str) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = []
    if view.quote:
        selectors.append(
            {
                "type": "TextQuoteSelector",
                "exact": view.quote,
                "prefix": view.prefix or "",
                "suffix": view.suffix or "",
            }
        )
    anchor = view.anchor
    if anchor is not None and anchor.status == "anchored":
        if anchor.start is not None and anchor.end is not None:
            selectors.append(
                {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end}
            )
        box = union(view.rects)
        fragment = f"page={anchor.page}"
        if box is not None:
            x0, y0, x1, y1 = box
            fragment += f"&viewrect={x0:.1f},{y0:.1f},{x1 - x0:.1f},{y1 - y0:.1f}"
        selectors.append(
            {
                "type": "FragmentSelector",
                "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
                "value": fragment,
            }
        )
    item: dict[str, Any] = {
        "id": f"urn:uuid:{uuid.UUID(hex=view.id)}",
        "type": "Annotation",
        "motivation": _MOTIVATION.get(view.kind, "highlighting"),
        "created": view.created,
        "modified": view.updated,
        "stylesheet": {
            "type": "CssStylesheet",
            "value": f".mm-{view.id[:8]} {{ background-color: {view.color}; }}",
        },
        "target": {
            "source": source,
            "format": "application/pdf",
            "styleClass": f"mm-{view.id[:8]}",
            "selector": selectors if len(selectors) != 1 else selectors[0],
        },
    }
    bodies: list[dict[str, Any]] = []
    for value in (view.note, view.text):
        if value:
            bodies.append(
                {
                    "type": "TextualBody",
                    "value": _defused(value),
                    "format": "text/markdown",
                    "language": "da",
                }
            )
    bodies.append({"type": "TextualBody", "value": view.kind, "purpose": "tagging"})
    item["body"] = bodies if len(bodies) > 1 else bodies[0]
    if not selectors:
        item["target"].pop("selector")
    return item


def write_json(path: Path, data: Any) -> None:
    write_export(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
