"""``diff`` as scripts use it: real processes, the JSON shape, the newest two versions by
default, chosen versions, a meeting's documents, Danish and English words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import cli
from tests.support.compose import compose_pdf
from tests.support.diff_fixtures import agenda, item, reissued
from tests.support.library_fixtures import plain_pdf

pytestmark = pytest.mark.subprocess

EN = {"MOEDEMAPPE_LANG": "en"}
FIELDS = {"kind", "item", "section", "old_page", "new_page", "old_text", "new_text"}


def _json(*args: str) -> Any:
    result = cli(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _library(tmp_path: Path) -> tuple[str, int, int]:
    """Three versions of an agenda (an edited word, then a renumbered item), a bilag added
    with the third; returns the data dir, the meeting's and the agenda's ids."""
    d = str(tmp_path / "data")
    v1 = agenda()
    _, v2 = reissued(lambda m: setattr(item(m, "1.1"), "title", "Godkendelse af ny dagsorden"), v1)
    _, v3 = reissued(lambda m: setattr(item(m, "4.1"), "number", "4.2"), v2)
    for n, meeting in enumerate((v1, v2, v3), 1):
        folder = tmp_path / f"v{n}"
        folder.mkdir()
        compose_pdf(meeting, folder / "dagsorden.pdf", toc=False)
        if n == 3:
            plain_pdf(folder / "Bilag om trafik.pdf", "Bilag om trafik")
        assert cli("--data-dir", d, "import", str(folder)).returncode == 0
    [meeting] = _json("--data-dir", d, "meetings")
    agenda_id = next(doc["id"] for doc in meeting["documents"] if doc["kind"] != "attachment")
    return d, int(meeting["id"]), int(agenda_id)


def test_diff_json_defaults_versions_meetings_and_both_languages(tmp_path: Path) -> None:
    d, mid, doc = _library(tmp_path)
    latest = _json("--data-dir", d, "diff", str(doc))
    assert (latest["document"], latest["from"], latest["to"]) == (doc, 2, 3)
    [renumbered] = latest["changes"]
    assert set(renumbered) >= FIELDS
    assert (renumbered["kind"], renumbered["item"], renumbered["old_item"]) == (
        "changed",
        "4.2",
        "4.1",
    )
    assert renumbered["new_text"].startswith("4.2. Punkter til næste møde")
    assert latest["cached"] is False
    assert _json("--data-dir", d, "diff", str(doc))["cached"] is True

    first = _json("--data-dir", d, "diff", str(doc), "--from", "1", "--to", "2")
    [edited] = first["changes"]
    assert (edited["kind"], edited["item"], edited["section"]) == ("added", "1.1", None)
    assert (edited["old_text"], edited["new_text"]) == ("", "ny")
    assert isinstance(edited["new_page"], int) and edited["new_ranges"][0][0] == edited["new_page"]

    meeting = _json("--data-dir", d, "diff", str(mid), "--meeting")
    assert meeting["meeting"] == mid
    assert sorted((c["kind"], c["file_name"]) for c in meeting["changes"]) == [
        ("added", "Bilag om trafik.pdf"),
        ("changed", "dagsorden.pdf"),
    ]

    da = cli("--data-dir", d, "diff", str(doc))
    assert da.returncode == 0, da.stderr
    assert "version 2 → 3" in da.stdout and "1 ændring i 1 punkt" in da.stdout
    assert "nyt nummer (var 4.1)" in da.stdout
    en = cli("--data-dir", d, "diff", str(doc), "--from", "1", env=EN)
    assert en.returncode == 0, en.stderr
    assert "version 1 → 3" in en.stdout and "2 changes in 2 items" in en.stdout
    assert "added: «ny»" in en.stdout and "renumbered (was 4.1)" in en.stdout
    da_meeting = cli("--data-dir", d, "diff", str(mid), "--meeting")
    assert "tilføjet: Bilag om trafik" in da_meeting.stdout
    en_meeting = cli("--data-dir", d, "diff", str(mid), "--meeting", env=EN)
    assert "added: Bilag om trafik" in en_meeting.stdout
    assert "new version 1 → 3" in en_meeting.stdout


def test_diff_refuses_what_makes_no_sense(tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    folder = tmp_path / "v1"
    folder.mkdir()
    compose_pdf(agenda(), folder / "dagsorden.pdf", toc=False)
    assert cli("--data-dir", d, "import", str(folder)).returncode == 0
    lone = cli("--data-dir", d, "diff", "1", env=EN)
    assert lone.returncode == 1 and "no version before version 1" in lone.stderr
    mixed = cli("--data-dir", d, "diff", "1", "--meeting", "--from", "1", env=EN)
    assert mixed.returncode == 1 and "--from and --to" in mixed.stderr
    missing = cli("--data-dir", d, "diff", "99")
    assert missing.returncode == 1 and "intet dokument med id 99" in missing.stderr
    shutil.rmtree(folder)
