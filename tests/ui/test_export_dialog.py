"""Exports from the window, through the notes area's actions: the notes for the formøde
(Markdown and PDF), the annotated PDF and the W3C JSON-LD, each written whole and private;
a cancelled export leaves no file; nothing of the notes reaches the disk in the clear
except the file the member chose. Also the markers' counts the notes area sends.

A real library, a real vault opened through the tests' file keychain, the real library
worker; the file path is given through the exporter's API instead of the file dialog.
"""

from __future__ import annotations

import json
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pymupdf
import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.notes.annotation_store import AnnotationStore
from reader.notes.note_store import NoteStore
from reader.vault import Vault
from reader.vault.keychain import ENV_TEST_KEYCHAIN
from tests.support.file_keychain import NAME as FILE_KEYCHAIN
from tests.support.file_keychain import FileKeychain
from tests.support.notes_fixtures import all_files, contains, library_with_agenda
from ui import tasks
from ui.export_dialog import ExportRun
from ui.notes_area import UNLOCKED, NotesArea
from ui.ops import LibraryOps

WAIT = 20_000
CANARY = "Kanariefugl-7Q3"  # in the notes: never on disk in the clear outside an export
CANARY2 = "Solsort-9K1"  # in an annotation's note


@pytest.fixture
def area(
    qtbot: QtBot, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[NotesArea]:
    before = keyring.get_keyring()
    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE", raising=False)
    monkeypatch.setenv(ENV_TEST_KEYCHAIN, FILE_KEYCHAIN)
    keyring.set_keyring(FileKeychain(tmp_path / "keychain.json"))
    widget = NotesArea(LibraryOps(library.paths))
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    keyring.set_keyring(before)
    assert tasks.shutdown(), "a worker outlived its test"


@pytest.fixture
def opened(
    qtbot: QtBot, area: NotesArea, library: Library, tmp_path: Path
) -> tuple[NotesArea, Vault, int, int]:
    """The area unlocked on a meeting with notes on the meeting, an item and a page, and a
    highlight with a note."""
    meeting, document = library_with_agenda(library, tmp_path)
    area.try_unlock()
    qtbot.waitUntil(lambda: area.lock_state == UNLOCKED, timeout=WAIT)
    vault = area.vault
    assert vault is not None and vault.unlocked_by == "keychain"
    notes = NoteStore(library, vault)
    notes.add(meeting, f"Mødets note {CANARY}")
    notes.add(meeting, f"Spørg til driften {CANARY}", item_number="2.1")
    notes.add(meeting, "Om side tre", document_id=document, page=3)
    AnnotationStore(library, vault).annotate_quote(
        document, 4, "TeleHjerte", note=f"Vigtigt {CANARY2}"
    )
    return area, vault, meeting, document


def _export(qtbot: QtBot, run: ExportRun | None) -> ExportRun:
    assert run is not None
    qtbot.waitUntil(lambda: run.state != "running", timeout=WAIT)
    assert run.state == "done"
    return run


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def test_exports_write_the_chosen_files_whole_and_private(
    qtbot: QtBot, opened: tuple[NotesArea, Vault, int, int], library: Library, tmp_path: Path
) -> None:
    area, _vault, meeting, document = opened
    notes_action, pdf_action, w3c_action = area.export_actions()
    assert notes_action.text() == "Eksportér &noter…"
    assert not notes_action.isEnabled() and not pdf_action.isEnabled()  # nothing in view
    area.set_context(meeting, "2.1")
    area.set_page(document, 4)
    assert notes_action.isEnabled() and pdf_action.isEnabled() and w3c_action.isEnabled()
    notices: list[str] = []
    area.notice.connect(notices.append)
    out = tmp_path / "eksport"
    out.mkdir()

    run = _export(qtbot, area.exporter.export_notes(out / "formøde.md"))
    md = (out / "formøde.md").read_text()
    assert run.path == out / "formøde.md" and _private(run.path)
    assert "## Mødet" in md and "## 2.1. Telemedicin til borgere med hjertesvigt" in md
    assert md.index(f"Mødets note {CANARY}") < md.index("## 2.1.")
    assert md.index("## 2.1.") < md.index(f"Spørg til driften {CANARY}")
    assert "## 1.1. " in md and "Om side tre" in md  # the page note under its page's item
    assert "> TeleHjerte" in md and f"Note: Vigtigt {CANARY2}" in md
    assert notices[-1] == f"Noterne er gemt i {out / 'formøde.md'}"

    _export(qtbot, area.exporter.export_notes(out / "formøde.pdf"))
    with pymupdf.open(out / "formøde.pdf") as pdf:
        text = "".join(page.get_text() for page in pdf)
    assert "Telemedicin til borgere med hjertesvigt" in text and CANARY in text
    assert _private(out / "formøde.pdf")

    _export(qtbot, area.exporter.export_annotated_pdf(out / "kommenteret.pdf"))
    with pymupdf.open(out / "kommenteret.pdf") as pdf:
        annots = [
            (page.number, a.type[1], a.info["content"]) for page in pdf for a in page.annots()
        ]
    assert annots == [(3, "Highlight", f"Vigtigt {CANARY2}")]
    assert notices[-1] == f"{out / 'kommenteret.pdf'} med 1 markering"
    assert _private(out / "kommenteret.pdf")

    _export(qtbot, area.exporter.export_w3c(out / "annotationer.jsonld"))
    data = json.loads((out / "annotationer.jsonld").read_text())
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 1
    [item] = data["first"]["items"]
    assert item["type"] == "Annotation" and item["motivation"] == "highlighting"
    selectors = {s["type"]: s for s in item["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == "TeleHjerte"
    assert selectors["FragmentSelector"]["value"].startswith("page=4")
    assert item["body"][0]["value"] == f"Vigtigt {CANARY2}"
    assert _private(out / "annotationer.jsonld")

    # only the chosen files, no temporary ones; nothing in the clear in the data dir
    assert sorted(p.name for p in out.iterdir()) == [
        "annotationer.jsonld",
        "formøde.md",
        "formøde.pdf",
        "kommenteret.pdf",
    ]
    leaks = [p for p in all_files(library.paths.root) for c in (CANARY, CANARY2) if contains(p, c)]
    assert leaks == []


def test_cancelling_a_long_export_leaves_no_file(
    qtbot: QtBot,
    opened: tuple[NotesArea, Vault, int, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    area, _vault, meeting, document = opened
    area.set_context(meeting)
    area.set_page(document, 1)
    held = threading.Event()

    def hold_exports(task: tasks.Task) -> None:
        """An export that takes until the member gives up: it waits for the cancel."""
        held.set()
        end = time.monotonic() + WAIT / 1000
        while not task.cancelled() and time.monotonic() < end:
            time.sleep(0.005)

    qtbot.waitUntil(lambda: tasks.active() == 0, timeout=WAIT)  # from now on: exports only

    monkeypatch.setattr(tasks, "before_work", hold_exports)
    for start, name in (
        (area.exporter.export_notes, "noter.pdf"),
        (area.exporter.export_annotated_pdf, "kommenteret.pdf"),
        (area.exporter.export_w3c, "annotationer.jsonld"),
    ):
        held.clear()
        run = start(tmp_path / name)
        assert run is not None
        qtbot.waitUntil(held.is_set, timeout=WAIT)
        qtbot.waitUntil(run.progress.isVisible, timeout=WAIT)  # a long one shows its progress
        cancel = run.progress.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Annuller"
        cancel.click()
        qtbot.waitUntil(lambda run=run: run.state != "running", timeout=WAIT)
        assert run.state == "cancelled" and run.path is None
        assert not (tmp_path / name).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_the_area_sends_note_counts_and_meetings_with_notes(
    qtbot: QtBot, opened: tuple[NotesArea, Vault, int, int], library: Library
) -> None:
    area, vault, meeting, _document = opened
    counts: list[tuple[int, dict[str | None, int]]] = []
    meetings: list[set[int]] = []
    area.note_counts_changed.connect(lambda m, c: counts.append((m, c)))
    area.meetings_with_notes_changed.connect(meetings.append)
    area.lock()
    assert meetings[-1] == set() and area.meetings_with_notes() == set()
    area.set_context(meeting, "2.1")
    area.try_unlock()
    qtbot.waitUntil(lambda: area.meetings_with_notes() == {meeting}, timeout=WAIT)
    assert meetings[-1] == {meeting}
    qtbot.waitUntil(lambda: bool(counts), timeout=WAIT)
    assert counts[-1] == (meeting, {None: 1, "2.1": 1, "1.1": 1})
    # every note deleted by a change elsewhere in the app: the counts follow, and the
    # meeting has no notes any more

    def delete_all(lib: Library, _task: tasks.Task) -> list[str]:
        store = NoteStore(lib, vault)
        ids = [n.id for n in store.notes(meeting)]
        for note_id in ids:
            store.delete(note_id)
        return ids

    area.ops.change(area, delete_all, notes=lambda ids: ids).run_in_background()
    qtbot.waitUntil(lambda: counts[-1] == (meeting, {}), timeout=WAIT)
    qtbot.waitUntil(lambda: area.meetings_with_notes() == set(), timeout=WAIT)
    assert meetings[-1] == set()
    area.lock()
    assert counts[-1] == (meeting, {})
