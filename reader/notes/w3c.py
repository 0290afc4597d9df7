"""All annotations of a document as a W3C Web Annotation collection (JSON-LD).

Kept apart from the other exports because it maps the store's annotations onto a standard's
vocabulary (selectors, motivations, bodies) and nothing else uses that mapping.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.errors import Cancelled
from reader.i18n import say
from reader.library.store import Library
from reader.notes.annotation_store import AnnotationStore
from reader.notes.export import defused, write_json
from reader.notes.models import AnnotationView
from reader.pdf.geometry import union
from reader.vault import Vault

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


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


def export_w3c(
    lib: Library,
    vault: Vault,
    document_id: int,
    out: Path,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """Write the collection to ``out`` as JSON-LD, whole or not at all; returns it. A
    cancelled export writes nothing."""
    data = w3c_annotations(lib, vault, document_id)
    if cancelled is not None and cancelled():
        raise Cancelled(say("eksporten blev afbrudt", "the export was stopped"))
    write_json(out, data)
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
                    "value": defused(value),
                    "format": "text/markdown",
                    "language": "da",
                }
            )
    bodies.append({"type": "TextualBody", "value": view.kind, "purpose": "tagging"})
    item["body"] = bodies if len(bodies) > 1 else bodies[0]
    if not selectors:
        item["target"].pop("selector")
    return item
