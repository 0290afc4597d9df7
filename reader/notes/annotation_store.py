"""Annotations on documents, sealed by the vault and anchored on every version of their
document.

Rows hold ids, references (document, version), kind, timestamps and anchor status in the
clear; what the user chose (notes, quotes, positions, rectangles, colours) only inside the
ciphertext. Every save is one SQLite transaction. Reading re-anchors first (``reanchor``);
the record-level reading and anchor writing both share is in ``records``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.errors import AnchorError, NotFoundError
from reader.i18n import say
from reader.library.store import DocumentRow, Library
from reader.notes.models import (
    DEFAULT_COLORS,
    KINDS,
    SHAPE_KINDS,
    TEXT_KINDS,
    Anchor,
    AnnotationView,
    Point,
    Unreadable,
    check_links,
    color_value,
    stored_color,
)
from reader.notes.reanchor import measure_pending, reanchor_document
from reader.notes.records import (
    StoredAnnotation,
    anchor_record,
    load_annotation,
    load_annotations,
    new_id,
    no_annotation,
    no_page,
    stamp,
    write_anchor,
)
from reader.notes.text import find_tolerant, load_version_text
from reader.pdf.geometry import Rect, page_geometry
from reader.vault import Vault


class AnnotationStore:
    """Annotations on documents, each anchored on every version of its document."""

    def __init__(self, lib: Library, vault: Vault) -> None:
        self.lib = lib
        self.vault = vault

    # -- making ------------------------------------------------------------------------

    def annotate_quote(
        self,
        document_id: int,
        page: int,
        quote: str,
        *,
        kind: str = "highlight",
        note: str | None = None,
        color: str | None = None,
    ) -> AnnotationView:
        """Anchor on the first occurrence of ``quote`` in the page's visible text."""
        doc = self._page_doc(document_id, page)
        vt = load_version_text(self.lib.conn, doc.version_id)
        found = find_tolerant(vt.pages[page - 1], quote)
        if found is None:
            raise AnchorError(
                say(
                    f"teksten {quote!r} står ikke på side {page} i dokument {document_id}",
                    f"the text {quote!r} is not on page {page} of document {document_id}",
                )
            )
        return self.annotate_range(
            document_id, page, found[0], found[1], kind=kind, note=note, color=color
        )

    def annotate_range(
        self,
        document_id: int,
        page: int,
        start: int,
        end: int,
        *,
        kind: str = "highlight",
        note: str | None = None,
        color: str | None = None,
        source: str | None = None,
    ) -> AnnotationView:
        """Annotate characters ``[start, end)`` of the page's visible text (a selection)."""
        if kind not in TEXT_KINDS:
            raise AnchorError(
                say(
                    f"{kind!r} er ikke en tekstmarkering; brug en af {TEXT_KINDS}",
                    f"{kind!r} is not a text annotation; use one of {TEXT_KINDS}",
                )
            )
        doc = self._page_doc(document_id, page)
        vt = load_version_text(self.lib.conn, doc.version_id)
        page_text = vt.pages[page - 1]
        while start < end and page_text[start].isspace():
            start += 1
        while end > start and page_text[end - 1].isspace():
            end -= 1
        if not 0 <= start < end <= len(page_text):
            raise AnchorError(
                say(
                    f"intet at markere ved {start}-{end} på side {page}",
                    f"nothing to annotate at {start}-{end} on page {page}",
                )
            )
        geometry = page_geometry(self.lib.blob_path(doc.sha256), page, page_text)
        rects = geometry.rects(start, end)
        g_start, g_end = vt.page_start(page) + start, vt.page_start(page) + end
        exact = vt.text[g_start:g_end]
        prefix, suffix = vt.context(g_start, g_end)
        target = {
            "page": page,
            "rects": [list(r) for r in rects],
            "start": g_start,
            "end": g_end,
            "exact": exact,
            "prefix": prefix,
            "suffix": suffix,
        }
        anchor = Anchor(doc.version_id, "anchored", page, rects, g_start, g_end, exact, "original")
        return self._insert(doc, kind, target, anchor, note=note, color=color, source=source)

    def add_shape(
        self,
        document_id: int,
        page: int,
        kind: str,
        *,
        rect: Rect | None = None,
        ink: list[list[Point]] | None = None,
        note: str | None = None,
        text: str | None = None,
        color: str | None = None,
        source: str | None = None,
    ) -> AnnotationView:
        """Ink, a sticky note (``rect`` is its icon), a text box or a rectangle on a page."""
        if kind not in SHAPE_KINDS:
            raise AnchorError(
                say(
                    f"{kind!r} er ikke en figur; brug en af {SHAPE_KINDS}",
                    f"{kind!r} is not a shape; use one of {SHAPE_KINDS}",
                )
            )
        doc = self._page_doc(document_id, page)
        strokes = [[(float(x), float(y)) for x, y in stroke] for stroke in ink or []]
        if rect is None:
            points = [p for stroke in strokes for p in stroke]
            if not points:
                raise AnchorError(
                    say(
                        f"en {kind} skal have et rektangel eller punkter",
                        f"a {kind} needs a rectangle or points",
                    )
                )
            rect = (
                min(p[0] for p in points),
                min(p[1] for p in points),
                max(p[0] for p in points),
                max(p[1] for p in points),
            )
        rects = [tuple(float(v) for v in rect)]
        target = {"page": page, "rects": [list(r) for r in rects]}
        anchor = Anchor(doc.version_id, "anchored", page, [], method="original")
        return self._insert(
            doc, kind, target, anchor, note=note, color=color, text=text, ink=strokes, source=source
        )

    def _page_doc(self, document_id: int, page: int) -> DocumentRow:
        doc = self.lib.document(document_id)
        if not 1 <= page <= doc.pages:
            raise NotFoundError(no_page(document_id, doc.pages, page))
        return doc

    def _insert(
        self,
        doc: DocumentRow,
        kind: str,
        target: dict[str, Any],
        anchor: Anchor,
        *,
        note: str | None,
        color: str | None,
        text: str | None = None,
        ink: list[list[Point]] | None = None,
        source: str | None = None,
    ) -> AnnotationView:
        if kind not in KINDS:
            raise AnchorError(
                say(f"ukendt slags markering {kind!r}", f"unknown annotation kind {kind!r}")
            )
        check_links(say(f"noten til markeringen ({kind})", f"the {kind}'s note"), note)
        check_links(say(f"teksten i markeringen ({kind})", f"the {kind}'s text"), text)
        ann_id = new_id()
        ts = stamp()
        data: dict[str, Any] = {
            "color": DEFAULT_COLORS[kind] if color is None else color_value(color),
            "note": note or None,
            "text": text,
            "target": target,
            "ink": [[list(p) for p in stroke] for stroke in ink or []],
            "source": source,
        }
        nonce, ct = self.vault.seal("annotation", ann_id, data)
        a_nonce, a_ct = self.vault.seal(
            "anchor", anchor_record(ann_id, doc.version_id), anchor.payload()
        )
        with self.lib.transaction() as conn:
            conn.execute(
                """INSERT INTO annotations (id, document_id, version_id, kind, created, updated,
                   nonce, ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (ann_id, doc.id, doc.version_id, kind, ts, ts, nonce, ct),
            )
            write_anchor(conn, ann_id, anchor, a_nonce, a_ct)
        return self.view(self.load_one(ann_id), doc.version_id)

    # -- changing ----------------------------------------------------------------------

    def update(
        self,
        annotation_id: str,
        *,
        note: str | None = None,
        color: str | None = None,
        text: str | None = None,
        rect: Rect | None = None,
        ink: list[list[Point]] | None = None,
    ) -> AnnotationView:
        """Change the note, colour or a text box's text of an annotation; of a shape also
        where it stands (``rect``) and its strokes (``ink``: a move or a resize). Its
        anchors stay."""
        stored = self.load_one(annotation_id)
        data = dict(stored.data)
        if text is not None:
            check_links(
                say(
                    f"teksten i markering {annotation_id}",
                    f"the text of annotation {annotation_id}",
                ),
                text,
            )
            data["text"] = text
        if rect is not None or ink is not None:
            if stored.kind not in SHAPE_KINDS:
                raise AnchorError(
                    say(
                        f"markering {annotation_id} følger teksten og kan ikke flyttes",
                        f"annotation {annotation_id} follows the text and cannot be moved",
                    )
                )
            target = dict(stored.target)
            if ink is not None:
                data["ink"] = [[[float(x), float(y)] for x, y in stroke] for stroke in ink]
            if rect is not None:
                target["rects"] = [[float(v) for v in rect]]
            data["target"] = target
        if note is not None:
            check_links(
                say(
                    f"noten til markering {annotation_id}",
                    f"the note of annotation {annotation_id}",
                ),
                note,
            )
            data["note"] = note or None
        if color is not None:
            data["color"] = color_value(color)
        nonce, ct = self.vault.seal("annotation", annotation_id, data)
        with self.lib.transaction() as conn:
            conn.execute(
                "UPDATE annotations SET nonce = ?, ciphertext = ?, updated = ? WHERE id = ?",
                (nonce, ct, stamp(), annotation_id),
            )
        return self.view(
            self.load_one(annotation_id), self.lib.document(stored.document_id).version_id
        )

    def delete(self, annotation_id: str) -> None:
        with self.lib.transaction() as conn:
            conn.execute("DELETE FROM anchors WHERE annotation_id = ?", (annotation_id,))
            if not conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,)).rowcount:
                raise no_annotation(annotation_id)

    def snapshot(self, annotation_id: str) -> StoredAnnotation:
        """The annotation as it is now, decrypted, with every anchor: what ``restore`` puts
        back (an undo). Kept in memory only, like every decrypted note."""
        return self.load_one(annotation_id)

    def restore(self, stored: StoredAnnotation) -> None:
        """Put ``stored`` back as it was, under its own id, sealed with the vault's key of
        now (a key rotated meanwhile does not orphan an undo)."""
        nonce, ct = self.vault.seal("annotation", stored.id, stored.data)
        anchors = [
            (a, *self.vault.seal("anchor", anchor_record(stored.id, v), a.payload()))
            for v, a in stored.anchors.items()
        ]
        with self.lib.transaction() as conn:
            conn.execute("DELETE FROM anchors WHERE annotation_id = ?", (stored.id,))
            conn.execute("DELETE FROM annotations WHERE id = ?", (stored.id,))
            conn.execute(
                """INSERT INTO annotations (id, document_id, version_id, kind, created, updated,
                   nonce, ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    stored.id,
                    stored.document_id,
                    stored.version_id,
                    stored.kind,
                    stored.created,
                    stored.updated,
                    nonce,
                    ct,
                ),
            )
            for a, a_nonce, a_ct in anchors:
                write_anchor(conn, stored.id, a, a_nonce, a_ct)

    def annotate_text(
        self,
        document_id: int,
        page: int,
        start: int,
        end: int,
        quote: str,
        *,
        kind: str = "highlight",
        note: str | None = None,
        color: str | None = None,
    ) -> AnnotationView:
        """Annotate what a reader selected: ``quote`` at about ``[start, end)`` of the page as
        the viewer extracted it. The viewer's page text may differ a little from the one the
        library stores (line joins), so the range is checked, else the occurrence of the
        quote nearest to it is taken."""
        found = self._locate(document_id, page, start, end, quote)
        return self.annotate_range(
            document_id, page, found[0], found[1], kind=kind, note=note, color=color
        )

    def place(
        self,
        annotation_id: str,
        page: int,
        start: int,
        end: int,
        quote: str,
        version_id: int | None = None,
    ) -> AnnotationView:
        """Anchor a text annotation (an orphan, or one placed wrongly) on text the reader
        selected on ``version_id`` (default: the current version); method ``manual``."""
        stored = self.load_one(annotation_id)
        if stored.kind not in TEXT_KINDS:
            raise AnchorError(
                say(
                    f"markering {annotation_id} er ikke en tekstmarkering",
                    f"annotation {annotation_id} is not a text annotation",
                )
            )
        doc = self._page_doc(stored.document_id, page)
        version_id = version_id or doc.version_id
        a, b = self._locate(stored.document_id, page, start, end, quote, version_id)
        vt = load_version_text(self.lib.conn, version_id)
        path = self._version_file(version_id)
        rects = page_geometry(path, page, vt.pages[page - 1]).rects(a, b)
        g_start, g_end = vt.page_start(page) + a, vt.page_start(page) + b
        anchor = Anchor(
            version_id, "anchored", page, rects, g_start, g_end, vt.text[g_start:g_end], "manual"
        )
        a_nonce, a_ct = self.vault.seal(
            "anchor", anchor_record(annotation_id, version_id), anchor.payload()
        )
        with self.lib.transaction() as conn:
            write_anchor(conn, annotation_id, anchor, a_nonce, a_ct)
        return self.view(self.load_one(annotation_id), version_id)

    def _version_file(self, version_id: int) -> Path:
        row = self.lib.conn.execute(
            "SELECT sha256 FROM document_versions WHERE id = ?", (version_id,)
        ).fetchone()
        path: Path = self.lib.blob_path(row["sha256"])
        return path

    def _locate(
        self,
        document_id: int,
        page: int,
        start: int,
        end: int,
        quote: str,
        version_id: int | None = None,
    ) -> tuple[int, int]:
        doc = self._page_doc(document_id, page)
        vt = load_version_text(self.lib.conn, version_id or doc.version_id)
        text = vt.pages[page - 1]
        wanted = " ".join(quote.split())
        if wanted and " ".join(text[start:end].split()) == wanted:
            return start, end
        found: list[tuple[int, int]] = []
        at = 0
        while len(found) < 200 and (hit := find_tolerant(text, quote, at)) is not None:
            found.append(hit)
            at = hit[0] + 1
        if not found:
            raise AnchorError(
                say(
                    f"teksten {quote!r} står ikke på side {page} i dokument {document_id}",
                    f"the text {quote!r} is not on page {page} of document {document_id}",
                )
            )
        return min(found, key=lambda r: abs(r[0] - start))

    # -- reading -----------------------------------------------------------------------

    def annotations(
        self, document_id: int, version_id: int | None = None, pages: set[int] | None = None
    ) -> list[AnnotationView]:
        """A document's readable annotations as they stand on a version (default: the
        current one); see ``read``."""
        return self.read(document_id, version_id, pages)[0]

    def read(
        self, document_id: int, version_id: int | None = None, pages: set[int] | None = None
    ) -> tuple[list[AnnotationView], list[Unreadable]]:
        """A document's annotations on a version, and those that cannot be decrypted.

        Annotations not yet carried over to that version are re-anchored first, and
        rectangles still to be measured are measured (only on ``pages``, if given: the
        pages about to be shown). One that cannot be decrypted is left where it is and
        reported, never a reason to refuse the others.
        """
        doc = self.lib.document(document_id)
        version_id = version_id or doc.version_id
        stored, unreadable = load_annotations(self.lib, self.vault, document_id)
        if any(version_id not in s.anchors for s in stored):
            reanchor_document(self.lib, self.vault, document_id, version_id)
            stored, unreadable = load_annotations(self.lib, self.vault, document_id)
        if measure_pending(self.lib, self.vault, document_id, version_id, pages):
            stored, unreadable = load_annotations(self.lib, self.vault, document_id)
        views = [self.view(s, version_id) for s in stored]
        return sorted(views, key=_reading_order), unreadable

    def load(self, document_id: int) -> list[StoredAnnotation]:
        """A document's annotations that can be decrypted (the others are logged)."""
        return load_annotations(self.lib, self.vault, document_id)[0]

    def load_one(self, annotation_id: str) -> StoredAnnotation:
        """One annotation; TamperedError naming it if it cannot be decrypted."""
        return load_annotation(self.lib, self.vault, annotation_id)

    def view(self, stored: StoredAnnotation, version_id: int) -> AnnotationView:
        numbers = self._version_numbers(stored.document_id)
        t = stored.target
        start, end = t.get("start"), t.get("end")
        return AnnotationView(
            id=stored.id,
            document_id=stored.document_id,
            kind=stored.kind,
            color=stored_color(stored.data.get("color"), stored.kind),
            note=stored.data.get("note"),
            text=stored.data.get("text"),
            quote=t.get("exact"),
            prefix=t.get("prefix"),
            suffix=t.get("suffix"),
            position=(start, end) if isinstance(start, int) and isinstance(end, int) else None,
            origin_page=int(t.get("page") or 1),
            origin_rects=[(r[0], r[1], r[2], r[3]) for r in t.get("rects") or []],
            ink=[[(p[0], p[1]) for p in stroke] for stroke in stored.data.get("ink") or []],
            origin_version=numbers.get(stored.version_id, 0),
            version=numbers.get(version_id, 0),
            anchor=stored.anchors.get(version_id),
            created=stored.created,
            updated=stored.updated,
        )

    def _version_numbers(self, document_id: int) -> dict[int, int]:
        return {int(v["id"]): int(v["number"]) for v in self.lib.versions(document_id)}


def _reading_order(view: AnnotationView) -> tuple[int, int, float, float]:
    """Anchored first, by page and position on it; orphans last."""
    if view.page is None:
        return (1, 0, 0.0, 0.0)
    rects = view.rects
    return (0, view.page, rects[0][1] if rects else 0.0, rects[0][0] if rects else 0.0)
