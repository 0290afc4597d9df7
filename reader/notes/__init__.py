"""Personal notes and annotations: stored sealed by the vault, anchored on every version of
their document, exported on request.

The names below load on first use: the window imports ``reader.notes.colors`` for its
colours (and ``reader.notes.models`` once notes are shown), and must not pull in the
re-anchoring (and with it PyMuPDF) to do so.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.notes.annotation_store import AnnotationStore
    from reader.notes.models import Anchor, AnnotationView, NoteView
    from reader.notes.note_store import NoteStore
    from reader.notes.reanchor import reanchor_document, reanchor_pending

_WHERE = {
    "AnnotationStore": "reader.notes.annotation_store",
    "Anchor": "reader.notes.models",
    "AnnotationView": "reader.notes.models",
    "NoteView": "reader.notes.models",
    "NoteStore": "reader.notes.note_store",
    "reanchor_document": "reader.notes.reanchor",
    "reanchor_pending": "reader.notes.reanchor",
}

__all__ = [
    "Anchor",
    "AnnotationStore",
    "AnnotationView",
    "NoteStore",
    "NoteView",
    "reanchor_document",
    "reanchor_pending",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'reader.notes' has no attribute {name!r}")
