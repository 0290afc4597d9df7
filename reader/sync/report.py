"""What a sync reports: per source, and for the whole run.

The command line prints these and the window shows them; the per-source sync fills them in.
Apart from the runner so that both the runner and the per-source sync can use them without
importing each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.i18n import say

Progress = Callable[[int, int, str], None]


@dataclass
class SourceReport:
    name: str
    kind: str
    new: int = 0  # documents new to the library
    changed: int = 0  # documents with a new version
    removed: int = 0  # meetings the source no longer has (marked, kept)
    removed_documents: int = 0  # documents of listed meetings the source no longer has
    restored_documents: int = 0  # documents marked removed that the source offers again
    failed: int = 0  # meetings, documents or remote objects that could not be synced
    meetings: int = 0  # meetings listed by the source
    unchanged: int = 0  # of those, skipped as unchanged since the last sync
    downloads: int = 0
    bytes: int = 0
    errors: list[str] = field(default_factory=list)
    fatal: bool = False  # the source could not be synced at all

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "new": self.new,
            "changed": self.changed,
            "removed": self.removed,
            "removed_documents": self.removed_documents,
            "restored_documents": self.restored_documents,
            "failed": self.failed,
            "meetings": self.meetings,
            "unchanged": self.unchanged,
            "downloads": self.downloads,
            "bytes": self.bytes,
            "fatal": self.fatal,
            "errors": self.errors,
        }


@dataclass
class SyncReport:
    sources: list[SourceReport] = field(default_factory=list)
    cancelled: bool = False

    @property
    def any_fatal(self) -> bool:
        return any(s.fatal for s in self.sources)

    def to_json(self) -> dict[str, object]:
        return {"sources": [s.to_json() for s in self.sources], "cancelled": self.cancelled}


def internal(exc: Exception) -> str:
    return say(
        f"intern fejl: {exc} (detaljer i loggen)", f"internal error: {exc} (details in the log)"
    )
