"""The notes summary for the *formøde*: a meeting's notes and highlights, item by item in
agenda order, as Markdown and as a PDF.

Its own module because it is the one export that reads the agenda (which item a page and
position belong to) and lays out text; the PDF layout itself is in ``reader.pdf.layout``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reader.errors import Cancelled
from reader.i18n import say
from reader.library.store import DocumentRow, ItemRow, Library
from reader.notes.annotation_store import AnnotationStore
from reader.notes.export import defused, write_export
from reader.notes.models import NoteView, Unreadable
from reader.notes.note_store import NoteStore
from reader.notes.text import VersionText, find_tolerant, load_version_text
from reader.pdf.layout import html_pdf
from reader.vault import Vault


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


Progress = Callable[[int, int], None]


def notes_summary(
    lib: Library,
    vault: Vault,
    meeting_id: int,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Summary:
    """The user's notes and highlights of one meeting, item by item, in agenda order.

    ``progress(done, total)`` is told after each document; ``cancelled`` is asked between
    documents and stops the summary with ``Cancelled``.
    """
    meeting = lib.meeting(meeting_id)
    items = lib.items(meeting_id)
    sections = {it.number: SummarySection(it.number, it.title) for it in items}
    general = SummarySection(None, "Mødet")
    for note in NoteStore(lib, vault).listing(meeting_id):
        number = placed_item(lib, items, note)
        target = sections.get(number or "", general)
        if isinstance(note, Unreadable):
            target.unreadable.append(note)
        else:
            target.notes.append(note)
    orphans: list[QuoteEntry] = []
    unreadable: list[tuple[str, Unreadable]] = []
    store = AnnotationStore(lib, vault)
    total = len(meeting.documents)
    for done, doc in enumerate(meeting.documents):
        _check(cancelled)
        if progress is not None:
            progress(done, total)
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


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled(say("eksporten blev afbrudt", "the export was stopped"))


def placed_item(lib: Library, items: list[ItemRow], note: NoteView | Unreadable) -> str | None:
    """The agenda item a note is about: its own item, or for a note on a page the item
    that page belongs to; None for the meeting as a whole."""
    if note.item_number is not None:
        return note.item_number
    if note.document_id is None or not note.page:
        return None
    return _item_at(lib, items, lib.document(note.document_id), note.page, None)


def note_places(lib: Library, meeting_id: int, notes: list[NoteView]) -> dict[str, str | None]:
    """Each of a meeting's notes by id, and the item it is about (``placed_item``)."""
    items = lib.items(meeting_id)
    return {note.id: placed_item(lib, items, note) for note in notes}


def count_places(places: dict[str, str | None]) -> dict[str | None, int]:
    counts: dict[str | None, int] = {}
    for key in places.values():
        counts[key] = counts.get(key, 0) + 1
    return counts


def note_counts(lib: Library, vault: Vault, meeting_id: int) -> dict[str | None, int]:
    """How many readable notes a meeting has per agenda item (None: the meeting's own), a
    note on a page counted with the item the page belongs to, as the summary places it."""
    notes = list(NoteStore(lib, vault).decrypted_notes(meeting_id))
    return count_places(note_places(lib, meeting_id, notes))


def meetings_with_notes(lib: Library, vault: Vault) -> set[int]:
    """The meetings that have at least one readable note."""
    return {note.meeting_id for note in NoteStore(lib, vault).decrypted_notes()}


def export_summary(
    lib: Library,
    vault: Vault,
    meeting_id: int,
    out: Path,
    *,
    as_markdown: bool,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Summary:
    """Write the summary to ``out`` (Markdown or PDF), whole or not at all; a cancelled
    export writes nothing."""
    summary = notes_summary(lib, vault, meeting_id, progress=progress, cancelled=cancelled)
    data = summary_markdown(summary) if as_markdown else summary_pdf(summary)
    _check(cancelled)
    write_export(out, data)
    return summary


def summary_unreadable(summary: Summary) -> list[Unreadable]:
    """Every note and annotation in the summary that could not be decrypted."""
    sections = [summary.meeting, *summary.items]
    return [u for s in sections for u in s.unreadable] + [u for _, u in summary.unreadable]


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
            out.extend([defused(note.text.strip()), ""])
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
        lines += ["", f"Note: {defused(q.note.strip())}"]
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
    return html_pdf(f"<body>{markdown_html(summary_markdown(summary))}</body>", _CSS)
