"""SQLite connection and numbered schema migrations.

The schema version lives in ``PRAGMA user_version``; each migration runs in its own
transaction, so a killed process leaves the database at the previous version.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from reader.errors import LibraryError
from reader.i18n import say

MIGRATIONS: list[str] = [
    # 1: the foundation
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('oparl', 'firstagenda', 'feed', 'folder', 'import')),
        url TEXT NOT NULL,
        created TEXT NOT NULL,
        last_sync TEXT
    );
    CREATE TABLE bodies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        short_name TEXT,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        external_id TEXT
    );
    CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        body_id INTEGER NOT NULL REFERENCES bodies(id),
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        key TEXT NOT NULL,
        title TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('agenda', 'minutes')),
        start TEXT,
        end TEXT,
        location TEXT,
        removed INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        UNIQUE (body_id, key)
    );
    CREATE INDEX meetings_start ON meetings(start);
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
        key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('agenda', 'minutes', 'attachment')),
        title TEXT NOT NULL,
        file_name TEXT NOT NULL,
        created TEXT NOT NULL,
        UNIQUE (meeting_id, key)
    );
    CREATE TABLE document_versions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        origin TEXT NOT NULL,
        imported TEXT NOT NULL,
        UNIQUE (document_id, number),
        UNIQUE (document_id, sha256)
    );
    CREATE INDEX document_versions_sha ON document_versions(sha256);
    CREATE TABLE page_texts (
        version_id INTEGER NOT NULL REFERENCES document_versions(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (version_id, page)
    ) WITHOUT ROWID;
    CREATE TABLE agenda_items (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        number TEXT NOT NULL,
        title TEXT NOT NULL,
        is_group INTEGER NOT NULL DEFAULT 0,
        group_number TEXT,
        case_number TEXT,
        closed INTEGER NOT NULL DEFAULT 0,
        document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
        version_id INTEGER REFERENCES document_versions(id) ON DELETE SET NULL,
        page_start INTEGER,
        page_end INTEGER,
        sections TEXT NOT NULL DEFAULT '[]',
        attachments TEXT NOT NULL DEFAULT '[]',
        UNIQUE (meeting_id, number)
    );
    """,
    # 2: a change log that consumers (the search index, annotation anchoring) follow with
    # their own cursor, so their work is resumable and is never lost between two commits
    """
    CREATE TABLE document_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('version', 'changed', 'removed')),
        version_id INTEGER,
        at TEXT NOT NULL
    );
    CREATE TABLE cursors (
        consumer TEXT PRIMARY KEY,
        seq INTEGER NOT NULL
    );
    INSERT INTO document_events (document_id, kind, version_id, at)
        SELECT document_id, 'version', max(id), datetime('now')
        FROM document_versions GROUP BY document_id ORDER BY document_id;
    """,
    # 3: personal notes and annotations. Only references, kinds, timestamps and status are in
    # the clear; everything the user wrote or chose (text, quotes, positions, colours) is in
    # ``ciphertext``, sealed with the vault's data key. No ON DELETE CASCADE from the library:
    # removing a meeting or document must never take the user's notes with it.
    """
    CREATE TABLE vault (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        vault_id TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE TABLE vault_wraps (
        slot TEXT PRIMARY KEY CHECK (slot IN ('keychain', 'passphrase')),
        params TEXT NOT NULL,
        nonce BLOB NOT NULL,
        wrapped BLOB NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id),
        item_number TEXT,
        document_id INTEGER REFERENCES documents(id),
        version_id INTEGER REFERENCES document_versions(id),
        page INTEGER,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL
    );
    CREATE INDEX notes_meeting ON notes(meeting_id);
    CREATE TABLE annotations (
        id TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        version_id INTEGER NOT NULL REFERENCES document_versions(id),
        kind TEXT NOT NULL CHECK (kind IN ('highlight', 'underline', 'strikeout', 'ink',
                                           'sticky', 'textbox', 'rectangle')),
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL
    );
    CREATE INDEX annotations_document ON annotations(document_id);
    CREATE TABLE anchors (
        annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        version_id INTEGER NOT NULL REFERENCES document_versions(id),
        status TEXT NOT NULL CHECK (status IN ('anchored', 'orphan')),
        created TEXT NOT NULL,
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL,
        PRIMARY KEY (annotation_id, version_id)
    ) WITHOUT ROWID;
    CREATE INDEX anchors_version ON anchors(version_id);
    """,
    # 4: sync state per source. HTTP validators (with the last body, so a 304 can be
    # replayed), what each remote meeting and document looked like when it was last
    # imported, and the incremental cursor. Credentials never go here (keyring).
    """
    CREATE TABLE sync_state (
        source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
        cursor TEXT,
        options TEXT NOT NULL DEFAULT '{}',
        updated TEXT
    );
    CREATE TABLE sync_http (
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        body BLOB,
        PRIMARY KEY (source_id, url)
    );
    CREATE TABLE sync_meetings (
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        fingerprint TEXT,
        removed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (source_id, remote_id)
    );
    CREATE TABLE sync_documents (
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        meeting_remote_id TEXT NOT NULL,
        document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
        url TEXT NOT NULL,
        sha256 TEXT,
        fingerprint TEXT,
        etag TEXT,
        last_modified TEXT,
        PRIMARY KEY (source_id, remote_id)
    );
    """,
    # 5: where each item and section begins (page, y and offset in the page's stored text), so
    # search hits, notes and the reader agree on it; every case number of an item
    """
    ALTER TABLE agenda_items ADD COLUMN y_start REAL;
    ALTER TABLE agenda_items ADD COLUMN offset_start INTEGER;
    ALTER TABLE agenda_items ADD COLUMN cases TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE agenda_items ADD COLUMN section_marks TEXT NOT NULL DEFAULT '[]';
    UPDATE agenda_items SET cases = json_array(case_number) WHERE case_number IS NOT NULL;
    """,
    # 6: a third wrap of the vault's data key, by a recovery key the member keeps on paper or
    # in a file. SQLite cannot widen a CHECK in place: the table is copied (one transaction).
    """
    CREATE TABLE vault_wraps_new (
        slot TEXT PRIMARY KEY CHECK (slot IN ('keychain', 'passphrase', 'recovery')),
        params TEXT NOT NULL,
        nonce BLOB NOT NULL,
        wrapped BLOB NOT NULL,
        updated TEXT NOT NULL
    );
    INSERT INTO vault_wraps_new (slot, params, nonce, wrapped, updated)
        SELECT slot, params, nonce, wrapped, updated FROM vault_wraps;
    DROP TABLE vault_wraps;
    ALTER TABLE vault_wraps_new RENAME TO vault_wraps;
    """,
    # 7: what the member corrects and follows. Corrections of a meeting (body, kind, title,
    # start) and its removal from the lists live apart from what sources say, so no import or
    # sync overwrites them; ``meeting_view`` is the meeting as the member sees it. Documents
    # their source no longer offers are marked, never deleted. The version of each document
    # the member last opened, each completed sync of a source (the change log's position
    # then, which tells what arrived since), and the parts of a remote meeting (OParl papers)
    # whose change alone must bring the meeting again.
    """
    CREATE TABLE meeting_edits (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        body_id INTEGER REFERENCES bodies(id),
        kind TEXT CHECK (kind IS NULL OR kind IN ('agenda', 'minutes')),
        title TEXT,
        start TEXT,
        end TEXT,
        hidden TEXT,
        updated TEXT NOT NULL
    );
    CREATE VIEW meeting_view AS
        SELECT m.id, coalesce(e.body_id, m.body_id) AS body_id, m.source_id, m.key,
               coalesce(e.title, m.title) AS title, coalesce(e.kind, m.kind) AS kind,
               coalesce(e.start, m.start) AS start,
               CASE WHEN e.start IS NOT NULL THEN e.end ELSE m.end END AS end,
               m.location, m.removed, e.hidden IS NOT NULL AS hidden, m.created,
               e.body_id IS NOT NULL AS edited_body, e.kind IS NOT NULL AS edited_kind,
               e.title IS NOT NULL AS edited_title, e.start IS NOT NULL AS edited_start
        FROM meetings m LEFT JOIN meeting_edits e ON e.meeting_id = m.id;
    ALTER TABLE documents ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE documents ADD COLUMN removed_at TEXT;
    CREATE TABLE document_reads (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        read_at TEXT NOT NULL
    );
    INSERT INTO document_reads (document_id, version, read_at)
        SELECT document_id, max(number), datetime('now') FROM document_versions
        GROUP BY document_id;
    CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        finished TEXT NOT NULL,
        seq INTEGER NOT NULL,
        new INTEGER NOT NULL DEFAULT 0,
        changed INTEGER NOT NULL DEFAULT 0,
        removed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sync_runs_source ON sync_runs(source_id, id);
    CREATE TABLE sync_parts (
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        meeting_remote_id TEXT NOT NULL,
        PRIMARY KEY (source_id, remote_id, meeting_remote_id)
    ) WITHOUT ROWID;
    CREATE INDEX sync_parts_meeting ON sync_parts(source_id, meeting_remote_id);
    CREATE INDEX document_events_document ON document_events(document_id, kind, seq);
    """,
    # 8: what changed between two versions of a document. Each version keeps its own agenda
    # outline (the meeting's items are those of its current version only), NULL for versions
    # stored before; and each change set computed between two versions is kept, so the reader
    # and the command line compute it once. ``algorithm`` tells a stale one, which is computed
    # again. Both go with their versions.
    """
    ALTER TABLE document_versions ADD COLUMN outline TEXT;
    CREATE TABLE version_changes (
        old_version_id INTEGER NOT NULL REFERENCES document_versions(id) ON DELETE CASCADE,
        new_version_id INTEGER NOT NULL REFERENCES document_versions(id) ON DELETE CASCADE,
        algorithm INTEGER NOT NULL,
        changes TEXT NOT NULL,
        computed TEXT NOT NULL,
        PRIMARY KEY (old_version_id, new_version_id)
    ) WITHOUT ROWID;
    CREATE INDEX version_changes_new ON version_changes(new_version_id);
    """,
    # 9: cases across meetings (``case_index``): each item's case numbers by their key, the
    # words of its title, and the decision the minutes record on it; filled for the items
    # already stored by the backfill below
    """
    CREATE TABLE item_cases (
        key TEXT NOT NULL,
        item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
        meeting_id INTEGER NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (key, item_id)
    ) WITHOUT ROWID;
    CREATE INDEX item_cases_item ON item_cases(item_id);
    CREATE INDEX item_cases_meeting ON item_cases(meeting_id);
    CREATE TABLE item_words (
        word TEXT NOT NULL,
        item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
        meeting_id INTEGER NOT NULL,
        PRIMARY KEY (word, item_id)
    ) WITHOUT ROWID;
    CREATE INDEX item_words_item ON item_words(item_id);
    CREATE INDEX item_words_meeting ON item_words(meeting_id);
    CREATE TABLE item_decisions (
        item_id INTEGER PRIMARY KEY REFERENCES agenda_items(id) ON DELETE CASCADE,
        meeting_id INTEGER NOT NULL,
        text TEXT NOT NULL,
        heading TEXT NOT NULL,
        document_id INTEGER,
        version_id INTEGER,
        page INTEGER
    );
    CREATE INDEX item_decisions_meeting ON item_decisions(meeting_id);
    """,
]


def _backfill_cases(conn: sqlite3.Connection) -> None:
    from reader.library.case_index import reindex_all

    reindex_all(conn)


# What a migration computes in Python after its statements, in the same transaction: the
# rows of a new table derived from what the library already holds.
BACKFILLS: dict[int, Callable[[sqlite3.Connection], None]] = {9: _backfill_cases}


LOCK_WAIT = 30.0  # seconds another process may hold the database before we give up


def connect(path: Path) -> sqlite3.Connection:
    """Open the library database and bring its schema up to date.

    Switching to WAL needs the database to itself and does not wait on SQLite's busy
    handler, so two processes opening a new library at once retry here instead of failing.
    """
    deadline = time.monotonic() + LOCK_WAIT
    delay = 0.01
    while True:
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(path, timeout=LOCK_WAIT, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            migrate(conn)
            return conn
        except sqlite3.OperationalError as exc:
            if conn is not None:
                conn.close()
            code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # absent if not SQLite's own
            busy = code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
            if not busy or time.monotonic() > deadline:
                raise LibraryError(_cannot_open(path, exc)) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            raise LibraryError(_cannot_open(path, exc)) from exc


def _cannot_open(path: Path, exc: sqlite3.Error) -> str:
    return say(
        f"{path}: kan ikke åbne bibliotekets database ({exc})",
        f"{path}: cannot open the library database ({exc})",
    )


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    current = schema_version(conn)
    if current > len(MIGRATIONS):
        raise LibraryError(
            say(
                f"biblioteket er skrevet af en nyere Mødemappe (skema {current}); opdatér "
                "venligst Mødemappe",
                f"the library was written by a newer Mødemappe (schema {current}); please upgrade",
            )
        )
    for number in range(current + 1, len(MIGRATIONS) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) >= number:  # another process got here first
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            if number in BACKFILLS:
                BACKFILLS[number](conn)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration script; ``executescript`` would commit our open transaction."""
    return [s.strip() for s in script.split(";") if s.strip()]
