"""A sync source as the library stores it, and the state its sync leaves.

The runner lists and registers sources; the per-source sync reads one, moves a user name and
password an older version left in its address to the keychain before anything is fetched,
and records when it synced and its cursor. Apart from both so that neither imports the other.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from reader.errors import SyncError
from reader.i18n import say
from reader.library.news import record_run
from reader.library.store import Library, now
from reader.logs import redact_userinfo
from reader.sync import credentials
from reader.sync.report import SourceReport


@dataclass(frozen=True)
class Source:
    id: int
    name: str
    kind: str
    url: str
    last_sync: str | None
    options: dict[str, Any]

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "url": redact_userinfo(self.url),
            "last_sync": self.last_sync,
            "options": self.options,
        }


def without_userinfo(lib: Library, source: Source) -> Source:
    """A source whose address still holds a user name and password (saved by an older
    version) has them moved to the keychain before anything is fetched, or fails."""
    clean, user, password = credentials.split_userinfo(source.url)
    if user is None and password is None:
        return source
    if user or password:
        try:
            credentials.store(source.name, user=user or "", password=password or "")
        except SyncError as exc:
            raise SyncError(
                say(
                    f"{exc}; adressen indeholder en adgangskode, som ikke bruges fra "
                    "biblioteket: fjern kilden, og tilføj den igen, hvor der er en nøglering",
                    f"{exc}; its address holds a password, which is not used from the library: "
                    "remove the source and add it again where a keychain is available",
                )
            ) from None
    with lib.transaction() as conn:
        conn.execute("UPDATE sources SET url = ? WHERE id = ?", (clean, source.id))
    return dataclasses.replace(source, url=clean)


def finish_source(
    lib: Library, source: Source, cursor: str | None, report: SourceReport | None = None
) -> None:
    """Record a completed sync: when, where the change log stood (what arrived after it is
    new after the next one), and the cursor if it may advance."""
    with lib.transaction() as conn:
        conn.execute("UPDATE sources SET last_sync = ? WHERE id = ?", (now(), source.id))
        if report is not None:
            removed = report.removed + report.removed_documents
            record_run(conn, source.id, report.new, report.changed, removed)
        if cursor is not None:
            conn.execute(
                "INSERT INTO sync_state (source_id, cursor, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (source_id) DO UPDATE SET cursor = excluded.cursor, "
                "updated = excluded.updated",
                (source.id, cursor, now()),
            )
