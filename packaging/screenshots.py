"""Screenshots of the main window's main states, for the AppStream metadata and the README.

    QT_QPA_PLATFORM=offscreen python packaging/screenshots.py

The real window on the demo library in a temporary data dir (with an in-memory keychain, as
the self-test uses), grabbed offscreen at 1280x800: ``packaging/screenshots/reader.png`` (the
meetings, the agenda and a page in the reader with a highlight), ``search.png`` (a search
and its hits by item) and ``notes.png`` (the document's comments in the sidebar, an item's
note beside its page). The files are
committed; run this again when the window changes.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "packaging" / "screenshots"
SIZE = (1280, 800)


def prepare(data: Path) -> tuple[int, int, int, int]:
    """The demo library with a note and a highlight on KKR's item 2.1; (meeting, item,
    document, page) of that item."""
    from reader.demo import demo_packages
    from reader.followers import catch_up
    from reader.library import Library
    from reader.library.importer import import_paths
    from reader.notes.annotation_store import AnnotationStore
    from reader.notes.note_store import NoteStore
    from reader.paths import DataPaths
    from reader.vault import open_vault

    with Library(DataPaths(data)) as lib:
        import_paths(lib, demo_packages())
        catch_up(lib)
        meeting = next(m for m in lib.meetings() if m.body.startswith("KKR"))
        item = next(it for it in lib.items(meeting.id) if it.number == "2.1")
        assert item.document_id is not None and item.page_start is not None
        vault = open_vault(lib)
        NoteStore(lib, vault).add(
            meeting.id,
            "Spørg til driftsudgifterne efter 2028 – hvem betaler, når puljen slutter?\n\n"
            "Sammenlign med Hvidovres erfaringer (bilag 2.1, s. 1).",
            item_number="2.1",
        )
        store = AnnotationStore(lib, vault)
        store.annotate_quote(item.document_id, item.page_start, item.title, color="yellow")
        store.annotate_quote(
            item.document_id,
            item.page_start,
            "1,9 mio. kr. årligt",
            kind="underline",
            color="red",
            note="Er driften med i budgetforslaget?",
        )
        return meeting.id, item.id, item.document_id, item.page_start


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import keyring

    from reader.selftest import MemoryKeychain

    keyring.set_keyring(MemoryKeychain())
    from PySide6.QtWidgets import QApplication

    from reader.paths import DataPaths
    from ui.app import create_window, tear_down

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Mødemappe")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="moedemappe-shots-") as tmp:
        data = Path(tmp) / "data"
        meeting, item, document, page = prepare(data)
        window = create_window(DataPaths(data), app)
        window.resize(*SIZE)
        window.show()

        def wait(done: Callable[[], bool], at_least: float = 0.0, limit: float = 30.0) -> None:
            start = time.monotonic()
            while time.monotonic() - start < limit:
                app.processEvents()
                if time.monotonic() - start >= at_least and done():
                    return
                time.sleep(0.01)
            raise SystemExit("screenshots: the window did not get there in time")

        def shot(name: str) -> None:
            wait(lambda: True, at_least=1.5)  # tiles rendered, the sharp ones too
            window.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")

        wait(lambda: window.meeting_list.count() == 2 and window.notes_area.vault is not None)
        window.welcome.hide()  # the first start's greeting: not what a member sees daily
        window.open_item(meeting, item, document, page)
        wait(lambda: window.reader.view.page_count > 0, at_least=0.5)
        shot("reader")

        window.left_tabs.setCurrentWidget(window.search_panel)
        results: list[object] = []
        window.search_panel.searched.connect(results.append)
        window.search_panel.query_edit.setText("TeleHjerte")
        window.search_panel.search_now()
        wait(lambda: bool(results))
        shot("search")

        window.left_tabs.setCurrentIndex(0)
        window.open_item(meeting, item, document, page)
        pane = window.reader
        pane.set_sidebar_visible(True)
        pane.sidebar.setCurrentWidget(pane.annotation_list)
        shot("notes")
        settings = window.settings
        tear_down(app, window, 0, own_app=False)
        settings.sync()  # before the folder goes, not when Python frees it
    return 0


if __name__ == "__main__":
    sys.exit(main())
