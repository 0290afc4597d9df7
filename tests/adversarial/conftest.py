"""Counts for ``bench/adversarial.py``: every hostile case's outcome, and the finer counts a
case reports itself (a kill loop's kills, a file's twenty cuts) through ``hostile``.

Nothing is written unless ``MOEDEMAPPE_ADVERSARIAL_REPORT`` names a file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

_REPORT = os.environ.get("MOEDEMAPPE_ADVERSARIAL_REPORT")
_HERE = Path(__file__).parent.name


@dataclass
class Tally:
    """What one case tried: hostile inputs or kills, how many were refused or survived with a
    clear message, and how many lost something (a note, a document, a keychain entry)."""

    attempts: int = 0
    refusals: int = 0
    losses: int = 0

    def add(self, attempts: int = 1, refusals: int | None = None, losses: int = 0) -> None:
        self.attempts += attempts
        self.refusals += attempts - losses if refusals is None else refusals
        self.losses += losses


_tallies: dict[str, Tally] = {}


@pytest.fixture
def hostile(request: pytest.FixtureRequest) -> Iterator[Tally]:
    tally = _tallies[request.node.nodeid] = Tally()
    yield tally


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not _REPORT or f"/{_HERE}/" not in f"/{report.nodeid}":
        return
    if getattr(report, "node", None) is not None:
        return  # pytest-xdist's controller, seeing again what its worker has written
    if report.when != "call" and not (report.when == "setup" and not report.passed):
        return
    tally = _tallies.pop(report.nodeid, None) or Tally()
    if tally.attempts == 0:  # the case did not count for itself: it is one attempt
        tally.add(losses=0 if report.passed else 1)
    elif not report.passed:
        tally.losses = max(tally.losses, 1)
    entry = {
        "module": report.nodeid.split("::")[0].rsplit("/", 1)[-1].removesuffix(".py"),
        "case": report.nodeid.split("::", 1)[-1],
        "outcome": report.outcome,
        "seconds": round(report.duration, 3),
        **asdict(tally),
    }
    with open(_REPORT, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")
