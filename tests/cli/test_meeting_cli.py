"""``meeting edit``, ``meeting remove`` and ``meeting restore`` as scripts use them: real
processes, JSON on stdout, Danish or English words, and corrections that a sync from a real
feed server on 127.0.0.1 leaves alone."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.sync.feed import publish
from tests.support.cli import cli
from tests.support.feeds import make_source, serve_feed
from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.sync_server import Server, serve

pytestmark = pytest.mark.subprocess

EN = {"MOEDEMAPPE_LANG": "en"}


def _json(*args: str, env: dict[str, str] | None = None) -> Any:
    result = cli(*args, "--json", env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _imported(tmp_path: Path) -> tuple[str, int]:
    d = str(tmp_path / "data")
    agenda_pdf(tmp_path / "m" / "dagsorden.pdf")
    plain_pdf(tmp_path / "m" / "Evaluering af piloten.pdf", "Evaluering af piloten")
    assert cli("--data-dir", d, "import", str(tmp_path / "m")).returncode == 0
    [meeting] = _json("--data-dir", d, "meetings")
    return d, int(meeting["id"])


def test_meeting_edit_in_json_and_in_both_languages(tmp_path: Path) -> None:
    d, mid = _imported(tmp_path)
    [meeting] = _json("--data-dir", d, "meetings")
    assert meeting["hidden"] is False and meeting["edited"] == []
    assert [doc["removed"] for doc in meeting["documents"]] == [False, False]

    edited = _json(
        "--data-dir", d, "meeting", "edit", str(mid), "--body", "Regionsrådet",
        "--kind", "minutes", "--title", "Referat af mødet", "--start", "2026-02-04T13:00",
    )  # fmt: skip
    assert {k: edited[k] for k in ("id", "body", "kind", "title", "start")} == {
        "id": mid,
        "body": "Regionsrådet",
        "kind": "minutes",
        "title": "Referat af mødet",
        "start": "2026-02-04T13:00:00",
    }
    assert sorted(edited["edited"]) == ["body", "kind", "start", "title"]
    assert _json("--data-dir", d, "meetings") == [edited]
    # the search index follows the correction in the same step
    found = _json("--data-dir", d, "search", "Telemedicin", "--body", "Regionsrådet")
    assert found["hits"] and {h["body"] for h in found["hits"]} == {"Regionsrådet"}

    da = cli("--data-dir", d, "meeting", "edit", str(mid), "--title", "Nyt navn")
    assert da.returncode == 0 and f"rettede møde {mid}:" in da.stdout and "[rettet]" in da.stdout
    en = cli("--data-dir", d, "meeting", "edit", str(mid), "--title", "New", env=EN)
    assert en.returncode == 0 and f"corrected meeting {mid}:" in en.stdout
    assert "[corrected]" in en.stdout

    reset = _json("--data-dir", d, "meeting", "edit", str(mid), "--reset")
    assert reset["edited"] == [] and reset["body"] == "KKR Testegnen"

    nothing = cli("--data-dir", d, "meeting", "edit", str(mid))
    assert nothing.returncode == 1 and "mindst én af --body" in nothing.stderr
    bad = cli("--data-dir", d, "meeting", "edit", str(mid), "--start", "snart", env=EN)
    assert bad.returncode == 1 and "is not a date or time" in bad.stderr
    wrong = cli("--data-dir", d, "meeting", "edit", "999", "--title", "x")
    assert wrong.returncode == 1 and "intet møde med id 999" in wrong.stderr
    assert cli("--data-dir", d, "meeting", "edit", str(mid), "--kind", "x").returncode == 2


def test_meeting_remove_and_restore(tmp_path: Path) -> None:
    d, mid = _imported(tmp_path)
    removed = _json("--data-dir", d, "meeting", "remove", str(mid))
    assert removed["changed"] is True and removed["meeting"]["hidden"] is True
    assert _json("--data-dir", d, "meetings") == []
    [listed] = _json("--data-dir", d, "meetings", "--all")
    assert listed["id"] == mid and listed["hidden"] is True
    shown = cli("--data-dir", d, "meetings", "--all")
    assert "[fjernet af dig]" in shown.stdout
    # its documents are still there
    agenda = next(doc for doc in listed["documents"] if doc["kind"] == "agenda")
    assert cli("--data-dir", d, "text", str(agenda["id"]), "--page", "1").returncode == 0

    again = cli("--data-dir", d, "meeting", "remove", str(mid), env=EN)
    assert again.returncode == 0 and "was already removed" in again.stdout
    back = cli("--data-dir", d, "meeting", "restore", str(mid))
    assert back.returncode == 0 and f"hentede møde {mid} tilbage" in back.stdout
    assert [m["id"] for m in _json("--data-dir", d, "meetings")] == [mid]
    restored = _json("--data-dir", d, "meeting", "restore", str(mid))
    assert restored["changed"] is False
    en = cli("--data-dir", d, "meeting", "remove", str(mid), env=EN)
    assert "its documents and notes are kept" in en.stdout


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


def test_a_correction_survives_a_resync_and_removed_documents_show_in_json(
    server: Server, tmp_path: Path
) -> None:
    d = str(tmp_path / "data")
    src = make_source(tmp_path)
    out = tmp_path / "feed"

    def republish() -> None:
        shutil.rmtree(out, ignore_errors=True)
        publish(src, out)
        server.routes.clear()
        serve_feed(server, out)

    republish()
    added = cli("--data-dir", d, "sources", "add", "kkr", server.url("/feed/"), "--kind", "feed")
    assert added.returncode == 0, added.stderr
    assert _json("--data-dir", d, "sync")["sources"][0]["new"] == 4
    meetings = {m["start"]: m for m in _json("--data-dir", d, "meetings")}
    day3 = meetings["2026-02-03T09:30:00"]
    _json("--data-dir", d, "meeting", "edit", str(day3["id"]), "--title", "Mit eget navn")

    agenda_pdf(src / "m3" / "dagsorden.pdf", day=3, extra="Rettet efter udsendelse.")
    (src / "m3" / "Evaluering af piloten.pdf").unlink()
    republish()
    [summary] = _json("--data-dir", d, "sync")["sources"]
    assert (summary["changed"], summary["removed_documents"]) == (1, 1)
    meetings = {m["id"]: m for m in _json("--data-dir", d, "meetings")}
    after = meetings[day3["id"]]
    assert after["title"] == "Mit eget navn" and after["edited"] == ["title"]
    assert sorted((doc["kind"], doc["version"], doc["removed"]) for doc in after["documents"]) == [
        ("agenda", 2, False),
        ("attachment", 1, True),
    ]
