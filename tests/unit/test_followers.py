"""What follows a change to the library: one call, a report, and nothing printed."""

from __future__ import annotations

from pathlib import Path

import keyring.backends.fail
import pymupdf
import pytest

from reader.errors import VaultError
from reader.followers import catch_up, index_annotations, index_notes
from reader.library import Library
from reader.library.importer import import_paths
from reader.notes.annotation_store import AnnotationStore
from reader.notes.note_store import NoteStore
from reader.search import NotesIndex
from reader.vault import open_vault
from tests.support.library_fixtures import agenda_pdf
from tests.support.notes_fixtures import PASSPHRASE, library_with_agenda


def test_catch_up_indexes_and_carries_annotations_over_and_reports_it(
    library: Library,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE", raising=False)  # the vault opens only when given
    _, doc = library_with_agenda(library, tmp_path, extra="Piloten sluttede i marts.")
    first = catch_up(library)
    pages = library.document(doc).pages
    assert (first.pages, first.indexed_documents, first.index_busy) == (pages, 1, False)
    assert first.index_error is None and first.anchors_pending is None  # no annotations: no vault
    assert (first.reanchored, first.anchored, first.orphaned) == (0, 0, 0)

    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    store = AnnotationStore(library, vault)
    store.annotate_quote(doc, 4, "Det indstilles, at løsningen udbredes")
    store.annotate_quote(doc, 4, "Piloten sluttede i marts.", kind="underline")
    v2 = tmp_path / "v2" / "dagsorden.pdf"
    agenda_pdf(v2, extra="Ny sætning om noget andet.")  # the underlined sentence is gone
    with pymupdf.open(v2) as pdf:
        pdf.insert_page(0, text="Forside indsat ved genudsendelse")
        data = pdf.tobytes()
    v2.write_bytes(data)
    assert import_paths(library, [v2]).new_versions == 1

    locked = catch_up(library)  # no keychain, no passphrase: the anchors wait, the index not
    assert locked.pages == pages + 1 and isinstance(locked.anchors_pending, VaultError)
    assert locked.reanchored == 0
    done = catch_up(library, vault=vault)
    assert (done.pages, done.reanchored, done.anchored, done.orphaned) == (0, 1, 1, 1)
    assert done.anchors_pending is None
    assert catch_up(library, vault=vault).reanchored == 0  # the cursors moved on
    assert capsys.readouterr() == ("", "")  # the callers say what the report means


def test_catch_up_stops_when_cancelled_and_leaves_the_rest_pending(
    library: Library, tmp_path: Path
) -> None:
    pdfs = [agenda_pdf(tmp_path / f"in-{day}" / "dagsorden.pdf", day=day) for day in (3, 4)]
    assert import_paths(library, pdfs).new_documents == 2
    stopped = catch_up(library, cancelled=lambda: True)  # asked to stop after each document
    assert stopped.indexed_documents == 1
    assert catch_up(library).indexed_documents == 1  # the other one, not both again


def test_index_notes_fills_and_follows_the_notes_in_memory(
    library: Library, tmp_path: Path
) -> None:
    meeting, _ = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    notes = NoteStore(library, vault)
    kept = notes.add(meeting, "Spørg om fordelingsnøglen", item_number="2.1")
    index = NotesIndex()
    assert index_notes(library, vault, index) == 1
    assert index.search("fordelingsnøglen")[0] == 1
    added = notes.add(meeting, "Budgettet for telemedicin")
    notes.delete(kept.id)
    assert index_notes(library, vault, index, {kept.id, added.id}) == 1
    assert index.search("fordelingsnøglen")[0] == 0
    assert index.search("telemedicin")[0] == 1


def test_annotations_are_found_in_memory_where_they_stand(library: Library, tmp_path: Path) -> None:
    meeting, doc = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    store = AnnotationStore(library, vault)
    marked = store.annotate_quote(
        doc, 4, "Det indstilles, at løsningen udbredes", note="Hvem betaler driften?"
    )
    index = NotesIndex()
    assert index_notes(library, vault, index) == 1  # no notes, one annotation
    total, [hit] = index.search("driften")
    assert total == 1
    assert (hit.kind, hit.document, hit.page, hit.meeting) == ("annotation", doc, 4, meeting)
    assert index.search("løsningen")[0] == 1  # the quote is found too
    store.update(marked.id, note="Hvem betaler vedligeholdelsen?")
    assert index_annotations(library, vault, index, [doc]) == 1  # the document again
    assert index.search("driften")[0] == 0
    assert index.search("vedligeholdelsen")[0] == 1
    store.delete(marked.id)
    assert index_annotations(library, vault, index, [doc]) == 0
    assert index.search("løsningen")[0] == 0
