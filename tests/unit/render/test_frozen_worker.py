"""A bundle has no Python to run ``-m`` with: it starts its render workers as itself, with
``--render-worker``, and main.py turns into a worker before it imports anything else."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import main
from reader.render import TileRequest, pool
from reader.render.protocol import WORKER_FLAG
from tests.support.render_pdfs import text_pdf
from tests.support.render_pool import running_pool

ROOT = Path(__file__).resolve().parents[3]


def test_main_and_the_pool_agree_on_the_flag() -> None:
    assert main.WORKER_FLAG == WORKER_FLAG


def test_a_frozen_app_starts_itself_as_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert pool.worker_command("mmXw0i0") == [sys.executable, WORKER_FLAG, "mmXw0i0"]
    assert pool.worker_env().get("PYTHONPATH") == os.environ.get("PYTHONPATH")


def test_from_source_the_worker_is_a_module() -> None:
    assert pool.worker_command("p")[1:] == ["-m", "reader.render.worker", "p"]


@pytest.mark.subprocess
def test_main_started_with_the_flag_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole frozen path but the freezing: the app's entry point is the worker."""
    monkeypatch.setattr(
        pool,
        "worker_command",
        lambda prefix: [sys.executable, str(ROOT / "main.py"), WORKER_FLAG, prefix],
    )
    path = text_pdf(tmp_path / "a.pdf")
    with running_pool(1) as (p, got):
        p.want("view", [TileRequest(path, 0, 1.0)])
        got.wait(1)
        assert got.failures == []
        assert got.tiles[0].width > 0
