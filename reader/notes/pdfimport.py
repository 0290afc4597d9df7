"""Bringing annotations made in another PDF reader into the library, on request.

The PDF's own annotations are read from the document's current file and stored like the
user's own (encrypted, anchored on the text they cover). The stored file is not changed.
Importing twice adds nothing: each imported annotation remembers the file and object it
came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.errors import AnchorError
from reader.i18n import say
from reader.library.store import Library
from reader.notes.annotation_store import AnnotationStore
from reader.notes.models import AnnotationView, bad_links
from reader.notes.text import find_tolerant, load_version_text
from reader.pdf.geometry import PageGeometry, Rect, open_pdf_file
from reader.vault import Vault

_TEXT_TYPES = {"Highlight": "highlight", "Underline": "underline", "Squiggly": "underline"}
_TEXT_TYPES["StrikeOut"] = "strikeout"
_SHAPE_TYPES = {
    "Ink": "ink",
    "Text": "sticky",
    "FreeText": "textbox",
    "Square": "rectangle",
    "Circle": "rectangle",
}


@dataclass
class PdfImportReport:
    added: list[AnnotationView] = field(default_factory=list)
    already: int = 0
    as_shapes: int = 0  # text annotations whose text could not be found: kept as rectangles
    # types we do not carry (links, forms), and notes with links to unsafe schemes
    skipped: list[str] = field(default_factory=list)


def _page(pno: int) -> str:
    return say(f"side {pno}", f"page {pno}")


def _hex(color: Any) -> str | None:
    if not color or len(color) < 3:
        return None
    return "#" + "".join(f"{max(0, min(255, round(float(c) * 255))):02x}" for c in color[:3])


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def import_pdf_annotations(lib: Library, vault: Vault, document_id: int) -> PdfImportReport:
    store = AnnotationStore(lib, vault)
    doc = lib.document(document_id)
    known = {s.data.get("source") for s in store.load(document_id)}
    vt = load_version_text(lib.conn, doc.version_id)
    report = PdfImportReport()
    pdf: Any = open_pdf_file(lib.blob_path(doc.sha256))
    try:
        for page in pdf:
            pno = page.number + 1
            geometry: PageGeometry | None = None
            for annot in page.annots() or []:
                kind_name = annot.type[1]
                source = f"pdf:{doc.sha256}:{annot.xref}"
                if source in known:
                    report.already += 1
                    continue
                if kind_name not in _TEXT_TYPES and kind_name not in _SHAPE_TYPES:
                    report.skipped.append(f"{_page(pno)}: {kind_name}")
                    continue
                color = _hex(annot.colors.get("stroke") or annot.colors.get("fill"))
                note = (annot.info or {}).get("content") or None
                if note and (bad := bad_links(note)):
                    report.skipped.append(
                        say(
                            f"side {pno}: {kind_name} med et link til {bad[0]!r}",
                            f"page {pno}: {kind_name} with a link to {bad[0]!r}",
                        )
                    )
                    continue
                r = annot.rect
                rect: Rect = (float(r.x0), float(r.y0), float(r.x1), float(r.y1))
                if kind_name in _TEXT_TYPES:
                    if geometry is None:
                        geometry = PageGeometry(page, vt.pages[pno - 1])
                    found = _locate(page, annot, vt.pages[pno - 1], geometry, rect)
                    if found is not None:
                        view = store.annotate_range(
                            document_id,
                            pno,
                            found[0],
                            found[1],
                            kind=_TEXT_TYPES[kind_name],
                            note=note,
                            color=color,
                            source=source,
                        )
                        report.added.append(view)
                        continue
                    report.as_shapes += 1
                    kind = "rectangle"
                else:
                    kind = _SHAPE_TYPES[kind_name]
                ink = None
                if kind == "ink":
                    ink = [[(float(p[0]), float(p[1])) for p in s] for s in annot.vertices or []]
                text = note if kind == "textbox" else None
                try:
                    view = store.add_shape(
                        document_id,
                        pno,
                        kind,
                        rect=None if ink else rect,
                        ink=ink,
                        note=None if kind == "textbox" else note,
                        text=text,
                        color=color,
                        source=source,
                    )
                except AnchorError:
                    report.skipped.append(
                        say(f"side {pno}: tom {kind_name}", f"page {pno}: empty {kind_name}")
                    )
                    continue
                report.added.append(view)
    finally:
        pdf.close()
    return report


def _locate(
    page: Any, annot: Any, page_text: str, geometry: PageGeometry, rect: Rect
) -> tuple[int, int] | None:
    """The page-text range the annotation covers: its text, at the occurrence under it."""
    vertices = annot.vertices or []
    quads = [vertices[i : i + 4] for i in range(0, len(vertices) - 3, 4)]
    parts: list[str] = []
    boxes: list[Rect] = []
    for q in quads:
        xs, ys = [p[0] for p in q], [p[1] for p in q]
        box = (min(xs), min(ys), max(xs), max(ys))
        boxes.append(box)
        h = box[3] - box[1]
        parts.append(page.get_textbox((box[0], box[1] + h * 0.2, box[2], box[3] - h * 0.2)))
    quote = " ".join(p.strip() for p in parts if p.strip())
    if not quote:
        return None
    boxes = boxes or [rect]
    pos = 0
    first: tuple[int, int] | None = None
    for _ in range(50):
        found = find_tolerant(page_text, quote, pos)
        if found is None:
            break
        first = first or found
        if any(_overlaps(r, b) for r in geometry.rects(*found) for b in boxes):
            return found
        pos = found[0] + 1
    return first
