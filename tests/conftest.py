"""Shared fixtures: every test gets its own data dir; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test may reach the user's keychain; tests that need a working one set their own.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from reader.i18n import set_language
from reader.library import Library
from reader.paths import DataPaths


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test may touch the user's real library, nor leave its language to the next test
    (a window sets the process's language, which outranks ``MOEDEMAPPE_LANG``)."""
    monkeypatch.setenv("MOEDEMAPPE_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("MOEDEMAPPE_LANG", raising=False)
    set_language(None)
    yield
    set_language(None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def library(data_dir: Path) -> Iterator[Library]:
    lib = Library(DataPaths(data_dir))
    yield lib
    lib.close()
