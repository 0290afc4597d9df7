"""A render worker that dies costs the reader one page at most, never the app."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from reader.render import RenderPool, TileRequest
from reader.render.protocol import FAULTS_ENV
from tests.support.reader_view import WAIT_MS, open_and_wait, wait_drawn
from ui.viewer.client import RenderClient
from ui.viewer.pane import ReaderPane


@pytest.fixture
def faulty(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, faults: str) -> Iterator[ReaderPane]:
    """A reader whose workers misbehave as the test's ``faults`` parameter says."""
    monkeypatch.setenv(FAULTS_ENV, faults)
    client = RenderClient(workers=2)
    pane = ReaderPane(client)
    qtbot.addWidget(pane)
    pane.resize(800, 600)
    pane.show()
    qtbot.waitExposed(pane)
    yield pane
    client.shutdown()


def rendering(pool: RenderPool, page: int) -> Any:
    """The worker that has begun rendering ``page``, if one has."""
    for request, (worker, rid) in list(pool._sending.items()):
        sent = worker.sent.get(rid)
        if request.page == page and sent is not None and sent.started:
            return worker
    return None


def tile(pane: ReaderPane, path: Path, page: int) -> TileRequest:
    return TileRequest(path, page, pane.view.zoom() * pane.view.devicePixelRatioF())


@pytest.mark.parametrize("faults", ["crash@4"])
def test_a_page_that_crashes_its_worker_says_it_could_not_be_shown(
    qtbot: QtBot, faulty: ReaderPane, text_pdf: Path
) -> None:
    open_and_wait(qtbot, faulty, text_pdf)
    with qtbot.waitSignal(faulty.render_failed, timeout=WAIT_MS) as failed:
        faulty.go_to(4)
    assert failed.args == [4, "crashed"]
    assert faulty.client.failure(text_pdf, 4) is not None
    # the pages around it are drawn by the restarted workers, and scrolling goes on
    faulty.go_to(5)
    wait_drawn(qtbot, faulty)
    assert faulty.client.close_enough(text_pdf, 5, tile(faulty, text_pdf, 5).scale) is not None
    faulty.go_to(3)
    wait_drawn(qtbot, faulty)
    assert faulty.client.failure(text_pdf, 4) is not None  # no crash loop: not asked again


@pytest.mark.parametrize("faults", ["slow@4=4"])
def test_a_worker_killed_while_rendering_costs_nothing_but_a_retry(
    qtbot: QtBot, faulty: ReaderPane, text_pdf: Path
) -> None:
    open_and_wait(qtbot, faulty, text_pdf)
    pool = faulty.client.pool
    faulty.go_to(4)
    # killed once the worker has said it began the page, so the kill is mid-render
    qtbot.waitUntil(lambda: rendering(pool, 4) is not None, timeout=WAIT_MS)
    worker = rendering(pool, 4)
    assert worker is not None
    os.kill(worker.proc.pid, signal.SIGKILL)
    request = tile(faulty, text_pdf, 4)
    qtbot.waitUntil(
        lambda: faulty.view._have(request) or faulty.client.failure(text_pdf, 4) is not None,
        timeout=WAIT_MS,
    )
    assert faulty.view._have(request)
    assert faulty.client.failure(text_pdf, 4) is None
    assert worker.proc.pid not in pool.worker_pids()
