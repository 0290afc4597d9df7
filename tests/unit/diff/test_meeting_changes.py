"""A meeting's changes: documents added to it, removed from it or re-issued, from real
imports of folders of PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.diff import meeting_changes
from reader.library import Library
from reader.library.importer import import_paths
from reader.library.rows import set_document_removed
from tests.support.library_fixtures import agenda_pdf, plain_pdf


def _import(lib: Library, folder: Path) -> None:
    report = import_paths(lib, [folder])
    assert report.errors == []


def _docs(lib: Library, meeting_id: int) -> dict[str, int]:
    return {d.file_name: d.id for d in lib.meeting(meeting_id).documents}


def test_attachments_added_and_removed_after_a_point_are_changes_of_the_meeting(
    library: Library, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    agenda_pdf(first / "dagsorden.pdf")
    plain_pdf(first / "Bilag A.pdf", "Bilag A")
    _import(library, first)
    [meeting] = library.meetings()
    assert meeting_changes(library, meeting.id).changes == []
    since = library.last_event()

    second = tmp_path / "second"
    shutil.copytree(first, second)
    plain_pdf(second / "Bilag B.pdf", "Bilag B")
    _import(library, second)
    docs = _docs(library, meeting.id)
    with library.transaction() as conn:
        set_document_removed(conn, docs["Bilag A.pdf"], True)

    found = meeting_changes(library, meeting.id, since)
    assert found.since == since
    assert sorted((c.kind, c.document.file_name) for c in found.changes) == [
        ("added", "Bilag B.pdf"),
        ("removed", "Bilag A.pdf"),
    ]
    added = next(c for c in found.changes if c.kind == "added")
    assert (added.old_version, added.new_version) == (None, 1)
    removed = next(c for c in found.changes if c.kind == "removed")
    assert (removed.old_version, removed.new_version) == (1, None)
    assert found.to_json()["changes"] == [c.to_json() for c in found.changes]
    # after both, nothing more
    assert meeting_changes(library, meeting.id, library.last_event()).changes == []


def test_by_default_a_re_issue_is_a_change_of_the_meeting_since_it_first_arrived(
    library: Library, tmp_path: Path
) -> None:
    agenda_pdf(tmp_path / "v1" / "dagsorden.pdf")
    plain_pdf(tmp_path / "v1" / "Bilag A.pdf", "Bilag A")
    _import(library, tmp_path / "v1")
    agenda_pdf(
        tmp_path / "v2" / "dagsorden.pdf", extra="Et nyt afsnit i den genudsendte dagsorden."
    )
    _import(library, tmp_path / "v2")
    [meeting] = library.meetings()
    [change] = meeting_changes(library, meeting.id).changes
    assert (change.kind, change.document.file_name) == ("changed", "dagsorden.pdf")
    assert (change.old_version, change.new_version) == (1, 2)
