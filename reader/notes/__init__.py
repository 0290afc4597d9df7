"""Personal notes and annotations: stored sealed by the vault, anchored on every version of
their document, exported on request."""

from reader.notes.annotation_store import AnnotationStore
from reader.notes.models import Anchor, AnnotationView, NoteView
from reader.notes.note_store import NoteStore
from reader.notes.reanchor import reanchor_document, reanchor_pending

__all__ = [
    "Anchor",
    "AnnotationStore",
    "AnnotationView",
    "NoteStore",
    "NoteView",
    "reanchor_document",
    "reanchor_pending",
]
