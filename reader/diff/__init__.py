"""What changed between two versions of a document, and in a meeting's documents."""

from reader.diff.changes import (
    ALGORITHM,
    ChangeSet,
    DocumentChange,
    MeetingChanges,
    cached_changes,
    document_changes,
    meeting_changes,
    version_changes,
    version_outline,
)
from reader.diff.compare import Change, Comparison, compare
from reader.diff.stream import Stream, build_stream, find_furniture

__all__ = [
    "ALGORITHM",
    "Change",
    "ChangeSet",
    "Comparison",
    "DocumentChange",
    "MeetingChanges",
    "Stream",
    "build_stream",
    "cached_changes",
    "compare",
    "document_changes",
    "find_furniture",
    "meeting_changes",
    "version_changes",
    "version_outline",
]
