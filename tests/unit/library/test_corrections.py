"""The member's corrections of meetings: applied on every read and in search, kept across
re-imports, and meetings removed from the lists without losing anything."""

from __future__ import annotations

from pathlib import Path

import keyring.backends.fail
import pytest

from reader.errors import NotFoundError, UsageError
from reader.followers import catch_up
from reader.library import Library
from reader.library.importer import import_paths
from reader.notes.note_store import NoteStore
from reader.search import Filters, Searcher
from reader.vault import open_vault
from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.notes_fixtures import PASSPHRASE, library_with_agenda


def _one_meeting(library: Library, tmp_path: Path) -> int:
    agenda_pdf(tmp_path / "m" / "dagsorden.pdf")
    plain_pdf(tmp_path / "m" / "Evaluering af piloten.pdf", "Evaluering af piloten")
    report = import_paths(library, [tmp_path / "m"])
    [meeting_id] = report.meetings
    return meeting_id


def test_edits_are_applied_on_every_read_and_survive_a_reimport(
    library: Library, tmp_path: Path
) -> None:
    mid = _one_meeting(library, tmp_path)
    before = library.meeting(mid)
    assert (before.body, before.kind, before.edited, before.hidden) == (
        "KKR Testegnen",
        "agenda",
        (),
        False,
    )
    edited = library.edit_meeting(
        mid, body="  Regionsrådet ", kind="minutes", title="Referat", start="2026-02-05"
    )
    assert (edited.body, edited.kind, edited.title) == ("Regionsrådet", "minutes", "Referat")
    assert edited.start == "2026-02-05T09:30:00"  # a date alone keeps the time of day
    assert set(edited.edited) == {"body", "kind", "title", "start"}
    assert library.meetings()[0] == edited
    assert library.conn.execute("SELECT 1 FROM bodies WHERE name = 'Regionsrådet'").fetchone()
    # the source's row is untouched, and importing the same files again changes nothing
    own = library.conn.execute("SELECT title, kind FROM meetings WHERE id = ?", (mid,)).fetchone()
    assert tuple(own) == (before.title, "agenda")
    agenda_pdf(tmp_path / "m" / "dagsorden.pdf", extra="Rettet.")
    again = import_paths(library, [tmp_path / "m"])
    assert again.meetings == {mid} and again.new_versions == 1
    after = library.meeting(mid)
    assert (after.body, after.kind, after.title, after.start) == (
        "Regionsrådet",
        "minutes",
        "Referat",
        "2026-02-05T09:30:00",
    )
    meeting = library.reset_meeting(mid, ["title"])
    assert meeting.title == before.title and meeting.body == "Regionsrådet"
    meeting = library.reset_meeting(mid)
    assert (meeting.body, meeting.kind, meeting.start, meeting.edited) == (
        before.body,
        before.kind,
        before.start,
        (),
    )
    assert library.conn.execute("SELECT count(*) FROM meeting_edits").fetchone()[0] == 0


def test_a_new_start_moves_the_end_and_bad_values_are_refused(
    library: Library, tmp_path: Path
) -> None:
    mid = _one_meeting(library, tmp_path)
    with library.transaction() as conn:
        conn.execute("UPDATE meetings SET end = '2026-02-03T12:00:00' WHERE id = ?", (mid,))
    moved = library.edit_meeting(mid, start="2026-03-01T10:00+01:00")
    assert (moved.start, moved.end) == ("2026-03-01T10:00:00", "2026-03-01T12:30:00")
    for bad in ({"kind": "report"}, {"start": "i morgen"}, {"title": "  "}, {"body": ""}):
        with pytest.raises(UsageError):
            library.edit_meeting(mid, **bad)
    with pytest.raises(NotFoundError):
        library.edit_meeting(999, title="x")
    assert library.meeting(mid).start == "2026-03-01T10:00:00"  # nothing half-done


def test_the_search_index_follows_an_edit_and_a_removal(library: Library, tmp_path: Path) -> None:
    mid = _one_meeting(library, tmp_path)
    catch_up(library)
    searcher = Searcher(library.paths)

    def bodies(query: str, body: str | None = None) -> set[str]:
        result = searcher.search(query, Filters(body=body))
        return {hit.body for hit in result.hits}

    assert bodies("Telemedicin") == {"KKR Testegnen"}
    library.edit_meeting(mid, body="Regionsrådet")
    assert catch_up(library).indexed_documents == 2
    assert bodies("Telemedicin") == {"Regionsrådet"}
    assert bodies("Telemedicin", body="Regionsrådet") == {"Regionsrådet"}
    assert bodies("Telemedicin", body="KKR Testegnen") == set()
    assert library.remove_meeting(mid) is True
    catch_up(library)
    assert bodies("Telemedicin") == set()
    library.restore_meeting(mid)
    catch_up(library)
    assert bodies("Telemedicin") == {"Regionsrådet"}


def test_a_removed_meeting_is_hidden_and_keeps_documents_files_and_notes(
    library: Library, tmp_path: Path
) -> None:
    mid, doc = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    store = NoteStore(library, vault)
    note = store.add(mid, "Spørg til økonomien", item_number="2.1")
    files = sorted(library.paths.files.rglob("*.pdf"))
    assert library.remove_meeting(mid) is True
    assert library.remove_meeting(mid) is False  # already removed
    assert library.meetings() == []
    [hidden] = library.meetings(hidden=True)
    assert hidden.hidden and hidden.id == mid and hidden.documents
    assert library.meeting(mid).hidden  # still there for whoever holds its id
    assert library.document(doc).id == doc
    assert sorted(library.paths.files.rglob("*.pdf")) == files
    assert [n.id for n in store.notes(mid)] == [note.id]
    # a re-import does not bring it back
    agenda_pdf(tmp_path / "again" / "dagsorden.pdf")
    import_paths(library, [tmp_path / "again"])
    assert library.meetings() == []
    assert library.restore_meeting(mid) is True
    assert [m.id for m in library.meetings()] == [mid]
    assert library.restore_meeting(mid) is False
