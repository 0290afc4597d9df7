"""Personal notes and annotations: stored sealed by the vault, anchored on every version of
their document, exported on request."""

from reader.notes.models import Anchor, AnnotationView, NoteView
from reader.notes.reanchor import reanchor_document, reanchor_pending
from reader.notes.store import AnnotationStore, NoteStore

__all__ = [
    "Anchor",
    "AnnotationStore",
    "AnnotationView",
    "NoteStore",
    "NoteView",
    "reanchor_document",
    "reanchor_pending",
]
