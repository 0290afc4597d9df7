"""The page view opens an item where its heading stands, not at the top of its page."""

from __future__ import annotations

from pathlib import Path

import pymupdf
from pytestqt.qtbot import QtBot

from ui.page_view import PageView


def test_a_page_opens_scrolled_to_the_heading(qtbot: QtBot, tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 400), "2. Bygningsvedligeholdelse 2013", fontsize=12)
    path = tmp_path / "agenda.pdf"
    doc.save(path)
    view = PageView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    view.show_page(path, 0, y=388.0)
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0, timeout=10_000)
    top = view.verticalScrollBar().value() / view._zoom  # back in PDF points
    assert 360 < top < 388  # the heading at the top, with a little of what is above
    view.show_page(path, 0)  # the same page again, without a place: it stays where it is
    qtbot.wait(200)
    assert view.verticalScrollBar().value() > 0
