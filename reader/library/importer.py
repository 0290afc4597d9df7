"""Import PDFs, folders and zip packages into the library, idempotently.

Each PDF is checked and analysed before anything is written; its file is stored
content-addressed once it passed, and the rows that refer to it are written in one
transaction. A failure removes the files it stored that no row refers to; a killed process
leaves at most such a file, which the next start removes. One bad input never stops the
rest: each failure is one line naming the file, and the other files go on.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from reader.errors import Cancelled as Cancelled
from reader.errors import MoedemappeError, PackageError
from reader.i18n import plural, say
from reader.library.attachments import item_for
from reader.library.case_index import index_meeting
from reader.library.esdh import split_publications
from reader.library.inputs import open_input
from reader.library.items import (
    has_document_items,
    listed_items,
    outline_json,
    replace_items,
    replace_listed_items,
)
from reader.library.manifest import check_manifest
from reader.library.package import Member, Package, display_name
from reader.library.placing import (
    Doc,
    clean,
    doc_key,
    doc_kind,
    group,
    lead_of,
    meeting_title,
    title_from_name,
)
from reader.library.store import Library, emit, now, set_document_removed
from reader.pdf.document import analyse_pdf
from reader.pdf.model import MeetingInfo

log = logging.getLogger(__name__)

UNKNOWN_BODY = "Ukendt udvalg"
Progress = Callable[[int, int, str], None]


@dataclass
class ImportReport:
    new_documents: int = 0
    new_versions: int = 0
    unchanged: int = 0
    restored: int = 0  # documents marked removed at their source that came again
    meetings: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "new_documents": self.new_documents,
            "new_versions": self.new_versions,
            "unchanged": self.unchanged,
            "restored": self.restored,
            "meetings": sorted(self.meetings),
            "documents": sorted(self.documents),
            "errors": self.errors,
            "skipped": self.skipped,
        }

    def summary(self, *, failed: bool = True) -> str:
        """The counts in words, in the chosen language: "2 nye dokumenter, 1 ny version,
        0 uændrede" (with how many failed, unless the caller lists the failures itself)."""
        counts = [
            plural(
                self.new_documents,
                "nyt dokument",
                "nye dokumenter",
                "new document",
                "new documents",
            ),
            plural(self.new_versions, "ny version", "nye versioner", "new version", "new versions"),
            plural(self.unchanged, "uændret", "uændrede", "unchanged", "unchanged"),
        ]
        if failed:
            counts.append(plural(len(self.errors), "fejlet", "fejlede", "failed", "failed"))
        return ", ".join(counts)


class Importer:
    """Imports inputs into one library, reporting progress and honouring cancellation."""

    def __init__(
        self,
        library: Library,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        source_id: int | None = None,
    ) -> None:
        self.lib = library
        self.progress = progress or (lambda done, total, what: None)
        self.cancelled = cancelled or (lambda: False)
        self.source_id = source_id  # set by sync: meetings remember where they came from

    def import_paths(self, paths: list[Path]) -> ImportReport:
        report = ImportReport()
        packages: list[Package] = []
        for path in paths:
            try:
                found, failed = split_publications(open_input(path, exclude=self.lib.paths.root))
            except MoedemappeError as exc:
                report.errors.append(str(exc))
                continue
            packages.extend(found)
            report.errors.extend(failed)
        total = sum(len(p.members) for p in packages)
        done = 0
        for package in packages:
            report.skipped.extend(f"{package.label}:{s}" for s in package.skipped)
            self._import(package, report, done, total, keep_empty=False)
            done += len(package.members)
        self.progress(total, total, "")
        return report

    def import_package(self, package: Package) -> ImportReport:
        """Import one package built in memory (sync builds them from remote metadata).

        With a manifest that names the meeting, the package may hold only the documents
        that changed, or none: the meeting and its items from the manifest are still stored.
        """
        report = ImportReport()
        if package.manifest is not None:
            try:
                check_manifest(package.manifest, _manifest_origin(package))
            except MoedemappeError as exc:
                report.errors.append(str(exc))
                return report
        self._import(package, report, 0, len(package.members), keep_empty=True)
        return report

    def _import(
        self, package: Package, report: ImportReport, done: int, total: int, keep_empty: bool
    ) -> None:
        """Check each PDF and store those that pass; one that fails is reported, the rest go on.

        Files stored for the package that no row refers to in the end (its transaction
        failed, the import was cancelled, a document was refused after its check) are
        removed again, so a failure leaves nothing behind.
        """
        fresh: dict[str, int] = {}
        try:
            specs = _specs(package, report)
            docs: list[Doc] = []
            for n, member in enumerate(package.members):
                if self.cancelled():
                    raise Cancelled(say("importen blev afbrudt", "import cancelled"))
                self.progress(done + n, total, member.origin)
                try:
                    docs.append(self._check(member, specs, fresh))
                except MoedemappeError as exc:
                    report.errors.append(str(exc))
            if docs or keep_empty:
                self._store(package, docs, report)
        finally:
            self.lib.discard_blobs(fresh)

    def _check(
        self, member: Member, specs: dict[str, dict[str, Any]] | None, fresh: dict[str, int]
    ) -> Doc:
        """Read and check one PDF; its file is stored only once it passed."""
        spec: dict[str, Any] = {}
        if specs is not None:
            if member.name not in specs:
                raise PackageError(
                    say(
                        f"{member.origin}: står ikke i pakkens manifest",
                        f"{member.origin}: not listed in the package manifest",
                    )
                )
            spec = specs[member.name]
        data = member.read()
        analysis = analyse_pdf(data, member.origin)
        sha = self.lib.put_blob(data, fresh)
        return Doc(member, sha, len(data), analysis, spec)

    # -- placing documents in meetings ---------------------------------------------------

    def _store(self, package: Package, docs: list[Doc], report: ImportReport) -> None:
        named = package.manifest is not None and bool(
            (package.manifest.get("meeting") or {}).get("id")
        )
        if not docs and not named:
            return
        groups = group(docs, package.manifest)
        for _spec, members in groups:
            members[:] = _without_clashes(members, report)
        with self.lib.transaction():
            for meeting_spec, members in groups:
                self._store_meeting(meeting_spec, members, package.manifest is not None, report)

    def _store_meeting(
        self,
        spec: dict[str, Any],
        docs: list[Doc],
        explicit: bool,
        report: ImportReport,
    ) -> None:
        conn = self.lib.conn
        mains = [d for d in docs if d.is_main]
        if not explicit and len(docs) == 1 and self._known_anywhere(docs[0].sha256):
            report.unchanged += 1
            return
        lead = (lead_of(mains) if mains else docs[0]) if docs else None
        info = lead.info if lead is not None else MeetingInfo()
        body_name = clean(spec.get("body") or info.body or UNKNOWN_BODY)
        body_id = _get_or_create(conn, "bodies", "name", body_name)
        start = spec.get("start") or (info.start.isoformat() if info.start else None)
        end = spec.get("end") or (info.end.isoformat() if info.end else None)
        if spec.get("id"):
            key = f"id:{spec['id']}"
        elif start:
            key = f"date:{start[:10]}"
        else:
            assert lead is not None
            key = f"file:{PurePosixPath(lead.member.name).name}"
        kind = "minutes" if any(doc_kind(d) == "minutes" for d in mains) else "agenda"
        if spec.get("kind") == "minutes":
            kind = "minutes"
        title = spec.get("title") or info.title or meeting_title(body_name, kind, start)
        location = spec.get("location") or info.location
        row = None
        if self.source_id is not None and spec.get("id"):
            # a synced meeting is its source's, even if the source renamed its body
            row = conn.execute(
                "SELECT id FROM meetings WHERE source_id = ? AND key = ?", (self.source_id, key)
            ).fetchone()
        if row is None:
            row = conn.execute(
                "SELECT id FROM meetings WHERE body_id = ? AND key = ?", (body_id, key)
            ).fetchone()
        if row is None:
            meeting_id = conn.execute(
                """INSERT INTO meetings (body_id, source_id, key, title, kind, start, end,
                   location, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (body_id, self.source_id, key, title, kind, start, end, location, now()),
            ).lastrowid
            assert meeting_id is not None
        else:
            meeting_id = int(row["id"])
            conn.execute(
                """UPDATE meetings SET body_id = ?, title = ?, start = coalesce(?, start),
                   end = coalesce(?, end),
                   location = coalesce(?, location), removed = 0,
                   source_id = coalesce(?, source_id),
                   kind = CASE WHEN kind = 'minutes' THEN kind ELSE ? END WHERE id = ?""",
                (body_id, title, start, end, location, self.source_id, kind, meeting_id),
            )
        report.meetings.add(meeting_id)

        doc_ids: dict[int, tuple[int, int]] = {}  # id(Doc) -> (document id, version id)
        for doc in docs:
            doc_ids[id(doc)] = self._store_document(meeting_id, doc, explicit, report)
        listed = listed_items(spec.get("items"))
        changed = False
        if spec.get("items_authoritative"):
            placed = doc_ids[id(lead)] if lead is not None and lead in mains else None
            changed = replace_listed_items(conn, meeting_id, listed, lead, placed)
        elif mains and (lead is not None and (lead.analysis.structure.items or not listed)):
            document_id, version_id = doc_ids[id(lead)]
            changed = replace_items(
                conn, meeting_id, lead.analysis.structure.items, document_id, version_id
            )
        elif listed and not has_document_items(conn, meeting_id):
            # the source's own list of items, until an agenda PDF with a structure arrives
            changed = replace_items(conn, meeting_id, listed, None, None)
        if changed:
            # what the items say changed, and every document of the meeting shows them
            for (other,) in conn.execute(
                "SELECT id FROM documents WHERE meeting_id = ?", (meeting_id,)
            ).fetchall():
                emit(conn, other, "changed", None)
        items = {
            r["number"]: (r["id"], r["attachments"])
            for r in conn.execute(
                "SELECT id, number, attachments FROM agenda_items WHERE meeting_id = ?",
                (meeting_id,),
            )
        }
        for doc in docs:
            if doc.is_main:
                continue
            item_id = item_for(doc, items)
            document_id = doc_ids[id(doc)][0]
            moved = conn.execute(
                "UPDATE documents SET item_id = ? WHERE id = ? AND item_id IS NOT ?",
                (item_id, document_id, item_id),
            ).rowcount
            if moved:
                emit(conn, document_id, "changed", None)
        index_meeting(conn, meeting_id)  # its items' cases, title words and decisions

    def _known_anywhere(self, sha: str) -> bool:
        row = self.lib.conn.execute(
            "SELECT 1 FROM document_versions WHERE sha256 = ? LIMIT 1", (sha,)
        ).fetchone()
        return row is not None

    def _store_document(
        self, meeting_id: int, doc: Doc, explicit: bool, report: ImportReport
    ) -> tuple[int, int]:
        conn = self.lib.conn
        name = PurePosixPath(doc.member.name).name
        key = doc_key(doc)
        kind = doc_kind(doc)
        title = clean(doc.spec.get("title") or doc.analysis.title or title_from_name(name))
        row = conn.execute(
            "SELECT id FROM documents WHERE meeting_id = ? AND key = ?", (meeting_id, key)
        ).fetchone()
        if row is None:
            document_id = conn.execute(
                """INSERT INTO documents (meeting_id, key, kind, title, file_name, created)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (meeting_id, key, kind, title, name, now()),
            ).lastrowid
            assert document_id is not None
            number = 1
        else:
            document_id = int(row["id"])
            if set_document_removed(conn, document_id, False):  # offered again
                report.restored += 1
            existing = conn.execute(
                "SELECT id FROM document_versions WHERE document_id = ? AND sha256 = ?",
                (document_id, doc.sha256),
            ).fetchone()
            if existing is not None:
                report.unchanged += 1
                report.documents.add(document_id)
                return document_id, int(existing["id"])
            number = 1 + int(
                conn.execute(
                    "SELECT coalesce(max(number), 0) FROM document_versions WHERE document_id = ?",
                    (document_id,),
                ).fetchone()[0]
            )
            conn.execute(
                "UPDATE documents SET title = ?, kind = ? WHERE id = ?", (title, kind, document_id)
            )
        version_id = conn.execute(
            """INSERT INTO document_versions (document_id, number, sha256, size, pages, origin,
               imported, outline) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                document_id,
                number,
                doc.sha256,
                doc.size,
                doc.analysis.page_count,
                doc.member.origin,
                now(),
                outline_json(doc.analysis.structure.items),
            ),
        ).lastrowid
        assert version_id is not None
        conn.executemany(
            "INSERT INTO page_texts (version_id, page, text) VALUES (?, ?, ?)",
            [(version_id, i + 1, text) for i, text in enumerate(doc.analysis.pages)],
        )
        emit(conn, document_id, "version", version_id)
        if number == 1:
            report.new_documents += 1
        else:
            report.new_versions += 1
        report.documents.add(document_id)
        return document_id, version_id


def _specs(package: Package, report: ImportReport) -> dict[str, dict[str, Any]] | None:
    """The manifest's entry for each file; a file it lists that the package lacks is an error."""
    if package.manifest is None:
        return None
    specs = {d["file"]: d for d in package.manifest["documents"]}
    names = {m.name for m in package.members}
    for file in specs:
        if file not in names:
            report.errors.append(
                say(
                    f"{package.label}: manifestet nævner {file!r}, som ikke er en PDF-fil i pakken",
                    f"{package.label}: the manifest lists {file!r}, which is not a PDF file in "
                    "the package",
                )
            )
    return specs


def _manifest_origin(package: Package) -> str:
    """What a message about a manifest built from remote data calls it: source and meeting."""
    assert package.manifest is not None
    meeting = package.manifest.get("meeting")
    mid = meeting.get("id") if isinstance(meeting, dict) else None
    if isinstance(mid, str) and 0 < len(mid) <= 200:
        return f"{package.label}: {say('møde', 'meeting')} {display_name(mid)}"
    return package.label


def _without_clashes(docs: list[Doc], report: ImportReport) -> list[Doc]:
    """One file per document of a meeting: a second file with the same key would silently
    become a new version of the first (``a/bilag.pdf`` and ``b/bilag.pdf``), so it is refused."""
    first: dict[str, Doc] = {}
    kept: list[Doc] = []
    for doc in docs:
        other = first.setdefault(doc_key(doc), doc)
        if other is doc:
            kept.append(doc)
        elif other.sha256 == doc.sha256:
            report.skipped.append(
                say(
                    f"{doc.member.origin} (samme fil som {other.member.name})",
                    f"{doc.member.origin} (the same file as {other.member.name})",
                )
            )
        else:
            report.errors.append(
                say(
                    f"{doc.member.origin}: {other.member.name} fra samme møde har samme navn; "
                    "ikke importeret",
                    f"{doc.member.origin}: {other.member.name} of the same meeting has the same "
                    "name; not imported",
                )
            )
    return kept


def _get_or_create(conn: sqlite3.Connection, table: str, column: str, value: str) -> int:
    row = conn.execute(f"SELECT id FROM {table} WHERE {column} = ?", (value,)).fetchone()
    if row is not None:
        return int(row["id"])
    new_id = conn.execute(f"INSERT INTO {table} ({column}) VALUES (?)", (value,)).lastrowid
    assert new_id is not None
    return int(new_id)


def import_paths(
    library: Library,
    paths: list[Path],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    return Importer(library, progress, cancelled).import_paths(paths)
