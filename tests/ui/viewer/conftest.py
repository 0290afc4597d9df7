"""Fixtures for the reader's tests: real PDFs, the real render pool, a shown ReaderPane."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.support.reader_pdfs import make_text_pdf
from ui.viewer.client import RenderClient
from ui.viewer.pane import ReaderPane


@pytest.fixture
def text_pdf(tmp_path: Path) -> Path:
    return make_text_pdf(tmp_path / "dagsorden.pdf", 12, landscape=(9,))


@pytest.fixture
def client(qtbot: QtBot) -> Iterator[RenderClient]:
    c = RenderClient(workers=2)
    yield c
    c.shutdown()


@pytest.fixture
def pane(qtbot: QtBot, client: RenderClient) -> ReaderPane:
    p = ReaderPane(client)
    qtbot.addWidget(p)
    p.resize(800, 600)
    p.show()
    qtbot.waitExposed(p)
    return p
