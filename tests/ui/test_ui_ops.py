"""Ops: every read and write of the library on the one worker that owns it, what follows a
change on that worker too, and one signal after it that the views refresh from."""

from __future__ import annotations

import ast
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reader.errors import NotFoundError, VaultError
from reader.i18n import set_language
from reader.library import Library
from reader.library.importer import ImportReport, import_paths
from reader.notes.annotation_store import AnnotationStore
from reader.notes.note_store import NoteStore
from reader.paths import DataPaths
from reader.search import NotesIndex
from reader.vault import open_vault
from tests.support.library_fixtures import agenda_pdf
from tests.support.notes_fixtures import PASSPHRASE, library_with_agenda
from ui import tasks
from ui.app import create_window
from ui.main_window import MainWindow
from ui.notes_panel import NotesPanel
from ui.ops import ChangeReport, LibraryOps

UI = Path(__file__).resolve().parents[2] / "ui"


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win = create_window(DataPaths(data_dir), app)
    qtbot.addWidget(win)  # closing it shuts the workers down
    win.show()
    qtbot.waitUntil(lambda: win.meeting_list.count() == 2, timeout=30_000)  # the demo is in
    return win


@pytest.fixture
def widget(qtbot: QtBot) -> Iterator[QWidget]:
    """A parent for ops outside the window; the workers are shut down after the test."""
    w = QWidget()
    qtbot.addWidget(w)
    yield w
    assert tasks.shutdown()


def test_a_change_is_followed_then_broadcast_and_the_views_refresh(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = window.search_panel
    with qtbot.waitSignal(panel.searched, timeout=10_000) as before:
        panel.query_edit.setText("Testegnen")
        panel.search_now()
    assert before.args[0].total == 0
    pdf = agenda_pdf(tmp_path / "ny" / "dagsorden.pdf")
    events: list[tuple[str, object]] = []
    window.ops.library_changed.connect(lambda report: events.append(("changed", report)))
    with qtbot.waitSignal(panel.searched, timeout=30_000) as after:  # it searches again
        window.ops.change(
            window, lambda lib, _task: import_paths(lib, [pdf]), documents=True
        ).success(lambda report: events.append(("succeeded", report))).run_in_background()
        qtbot.waitUntil(lambda: window.meeting_list.count() == 3, timeout=30_000)
    assert [kind for kind, _ in events] == ["succeeded", "changed"]  # handlers, then the signal
    imported, changed = events[0][1], events[1][1]
    assert isinstance(imported, ImportReport) and imported.new_documents == 1
    assert isinstance(changed, ChangeReport) and changed.documents
    assert changed.initiator is window and changed.follow is not None
    assert changed.follow.indexed_documents == 1 and changed.follow.pages > 0  # before the signal
    assert after.args[0].total > 0
    texts = [window.meeting_list.item(i).toolTip(0) for i in range(3)]
    assert any("KKR Testegnen" in t for t in texts)
    with Library(window.paths) as lib:
        counts = lib.counts()
    assert counts["meetings"] == 3
    assert window.counts_label.text() == f"3 møder, {counts['documents']} dokumenter"


def test_ops_run_in_order_on_one_library_owned_by_the_worker(
    qtbot: QtBot, widget: QWidget, data_dir: Path
) -> None:
    ops = LibraryOps(DataPaths(data_dir))
    seen: list[tuple[int, Library, threading.Thread, list[int]]] = []

    def first(lib: Library, _task: tasks.Task) -> tuple[Library, threading.Thread, list[int]]:
        time.sleep(0.2)  # the second op is queued meanwhile and must wait its turn
        lib.conn.execute("CREATE TEMP TABLE mark (n INTEGER)")  # lives in this connection only
        lib.conn.execute("INSERT INTO mark VALUES (1)")
        return lib, threading.current_thread(), [1]

    def second(lib: Library, _task: tasks.Task) -> tuple[Library, threading.Thread, list[int]]:
        rows = [int(r[0]) for r in lib.conn.execute("SELECT n FROM mark")]
        return lib, threading.current_thread(), rows

    for n, fn in ((1, first), (2, second)):
        ops.op(widget, fn).success(lambda r, n=n: seen.append((n, *r))).run_in_background()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    (n1, lib1, thread1, _), (n2, lib2, thread2, marks) = seen
    assert (n1, n2) == (1, 2) and marks == [1]  # in order, and on the same connection
    assert lib1 is lib2 and thread1 is thread2
    assert thread1 is not threading.main_thread() and thread1.name.startswith("tasks-library")
    with pytest.raises(RuntimeError):
        tasks.worker_library(DataPaths(data_dir))  # no Library on the UI thread
    assert tasks.shutdown()
    with pytest.raises(sqlite3.ProgrammingError):  # closed by the worker at shutdown
        lib1.conn.execute("SELECT 1")
    again: list[Library] = []
    ops.op(widget, lambda lib, _task: lib).success(again.append).run_in_background()
    qtbot.waitUntil(lambda: bool(again), timeout=10_000)
    assert again[0] is not lib1  # a fresh worker opens its own


def test_a_failure_reaches_its_handler_as_the_exception(
    qtbot: QtBot, widget: QWidget, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ops = LibraryOps(DataPaths(data_dir))
    failures: list[Exception] = []
    ops.op(widget, lambda lib, _task: lib.meeting(4711)).failure(
        failures.append
    ).run_in_background()
    ops.op(widget, lambda _lib, _task: 1 // 0).failure(failures.append).run_in_background()
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=10_000)
    assert (
        isinstance(failures[0], NotFoundError)
        and str(failures[0]) == "der er intet møde med id 4711"
    )
    assert isinstance(failures[1], ZeroDivisionError)

    # without a handler, show_error shows it: a user's error in its words, a bug as such
    ops.op(widget, lambda lib, _task: lib.meeting(4711)).run_in_background()
    qtbot.waitUntil(lambda: widget.findChild(QMessageBox, "errorMessage") is not None)
    box = widget.findChild(QMessageBox, "errorMessage")
    assert isinstance(box, QMessageBox)
    assert box.text() == "der er intet møde med id 4711" and box.isVisible()
    with caplog.at_level(logging.ERROR, logger="ui.errors"):
        ops.op(widget, lambda _lib, _task: 1 // 0).run_in_background()
        qtbot.waitUntil(lambda: box.text() == "Der opstod en uventet fejl", timeout=10_000)
    assert len(widget.findChildren(QMessageBox)) == 1  # replaced, not stacked
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


def test_a_failed_change_is_still_followed_and_broadcast(
    qtbot: QtBot, widget: QWidget, data_dir: Path, tmp_path: Path
) -> None:
    """An import stopped half-way has committed what it did: the views must see it."""
    ops = LibraryOps(DataPaths(data_dir))
    pdf = agenda_pdf(tmp_path / "in" / "dagsorden.pdf")
    order: list[str] = []

    def import_then_fail(lib: Library, _task: tasks.Task) -> None:
        import_paths(lib, [pdf])
        raise NotFoundError("stopped after the first package")

    ops.library_changed.connect(lambda _r: order.append("changed"))
    with qtbot.waitSignal(ops.library_changed, timeout=30_000) as changed:
        ops.change(widget, import_then_fail, documents=True).failure(
            lambda exc: order.append(type(exc).__name__)
        ).run_in_background()
    assert order == ["NotFoundError", "changed"]
    report = changed.args[0]
    assert report.documents and report.follow is not None and report.follow.indexed_documents == 1


def test_notes_saved_elsewhere_reach_the_notes_panel_and_the_notes_index(
    qtbot: QtBot, widget: QWidget, library: Library, tmp_path: Path
) -> None:
    meeting, _ = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    ops = LibraryOps(library.paths)
    index = NotesIndex()
    ops.follow_notes(index, vault)
    panel = NotesPanel(ops, vault)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.set_context(meeting)
    assert panel.note_list.count() == 0
    with qtbot.waitSignal(panel.loaded, timeout=10_000):  # it reloads on the signal
        ops.change(
            widget,
            lambda lib, _task: NoteStore(lib, vault).add(meeting, "Spørg om fordelingsnøglen"),
            notes=lambda note: (note.id,),
        ).run_in_background()
    assert panel.listed() == [("Mødet", "Spørg om fordelingsnøglen")]
    assert index.search("fordelingsnøglen")[0] == 1  # indexed on the worker, before the signal


def test_annotations_wait_for_the_notes_then_follow_a_change_with_their_vault(
    qtbot: QtBot, widget: QWidget, library: Library, tmp_path: Path
) -> None:
    _, doc = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    AnnotationStore(library, vault).annotate_quote(doc, 4, "Det indstilles, at løsningen udbredes")
    ops = LibraryOps(library.paths)
    v2 = agenda_pdf(tmp_path / "v2" / "dagsorden.pdf", extra="Ny sætning om noget andet.")
    with qtbot.waitSignal(ops.library_changed, timeout=30_000) as locked:
        ops.change(
            widget, lambda lib, _task: import_paths(lib, [v2]), documents=True
        ).run_in_background()
    follow = locked.args[0].follow
    assert follow.indexed_documents == 1 and follow.reanchored == 0  # the notes are not open
    assert isinstance(follow.anchors_pending, VaultError)
    ops.follow_notes(NotesIndex(), vault)  # a passphrase-only vault: no keychain could open it
    with qtbot.waitSignal(ops.library_changed, timeout=30_000) as opened:
        ops.change(widget, lambda _lib, _task: None).run_in_background()
    follow = opened.args[0].follow
    assert (follow.reanchored, follow.anchored, follow.orphaned) == (1, 1, 0)


def _library_calls(path: Path) -> list[str]:
    """Where ``path`` calls ``Library(...)``: the names of the enclosing functions."""
    found: list[str] = []

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.ClassDef) else where
            if isinstance(child, ast.Call):
                func = child.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name == "Library":
                    found.append(where)
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), "<module>")
    return found


def test_no_library_is_opened_in_the_ui_but_by_the_worker() -> None:
    calls = {p.name: _library_calls(p) for p in sorted(UI.glob("*.py"))}
    assert {name: where for name, where in calls.items() if where} == {
        "tasks.py": ["worker_library"]
    }
    text = "\n".join(p.read_text(encoding="utf-8") for p in UI.glob("*.py"))
    assert text.count("Library(") == 1  # nor a way round the parser (an alias, a string)


def test_a_core_error_reads_in_the_window_language(
    qtbot: QtBot, widget: QWidget, data_dir: Path
) -> None:
    """The window set to English: a message the core raises is English too."""
    set_language("en")
    try:
        LibraryOps(DataPaths(data_dir)).op(
            widget, lambda lib, _task: lib.meeting(4711)
        ).run_in_background()
        qtbot.waitUntil(lambda: widget.findChild(QMessageBox, "errorMessage") is not None)
        box = widget.findChild(QMessageBox, "errorMessage")
        assert isinstance(box, QMessageBox) and box.text() == "no meeting with id 4711"
    finally:
        set_language(None)
