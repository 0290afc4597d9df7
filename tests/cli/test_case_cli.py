"""``case`` and ``related`` as scripts use them: real processes, the JSON shape in date order,
the words in Danish and English, and one clear line for an unknown number or item."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.library import Library
from reader.library.importer import import_paths
from reader.paths import DataPaths
from tests.support.case_fixtures import BR, ENTRY_KEYS, OEU, TMU, packages
from tests.support.cli import cli

pytestmark = pytest.mark.subprocess

EN = {"MOEDEMAPPE_LANG": "en"}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("cases")
    with Library(DataPaths(root / "data")) as lib:
        for folder in packages(root / "src"):
            assert not import_paths(lib, [folder]).errors
    return str(root / "data")


def _json(*args: str) -> Any:
    result = cli(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_case_json_lists_the_items_in_date_order_with_their_decisions(data: str) -> None:
    found = _json("--data-dir", data, "case", "emn-2025-841")
    assert (found["case"], found["key"], found["scheme"]) == (
        "EMN-2025-000841",
        "esdh:EMN-2025-841",
        "esdh",
    )
    items = found["items"]
    assert [(i["body"], i["date"]) for i in items] == [
        (TMU, "2025-01-14"),
        (OEU, "2025-02-03"),
        (BR, "2025-02-24"),
        (TMU, "2026-03-10"),
    ]
    for entry in items:
        assert entry.keys() >= ENTRY_KEYS
        assert isinstance(entry["meeting"], int) and isinstance(entry["document"], int)
    assert [i["decision"] for i in items] == [
        "Udvalget anbefaler forslaget over for Økonomiudvalget.",
        "Anbefales over for Byrådet.",
        "Byrådet vedtog lokalplanen endeligt.",
        None,
    ]
    assert [i["item"] for i in items] == ["2", "2", "5", "2"]
    # the words of a number with spaces need no quotes
    spaced = _json("--data-dir", data, "case", "EMN", "2025", "00841")
    assert [i["item_id"] for i in spaced["items"]] == [i["item_id"] for i in items]


def test_case_in_words_danish_and_english(data: str) -> None:
    danish = cli("--data-dir", data, "case", "EMN-2025-000841")
    assert danish.returncode == 0, danish.stderr
    lines = danish.stdout.splitlines()
    assert lines[0] == "Sag EMN-2025-000841: 4 punkter på 4 møder"
    assert lines[1].startswith(f"  2025-01-14  {TMU}  punkt 2 Forslag til lokalplan 312")
    assert "Beslutning: Udvalget anbefaler forslaget over for Økonomiudvalget." in lines[2]
    english = cli("--data-dir", data, "case", "EMN-2025-000841", env=EN)
    assert english.stdout.splitlines()[0] == "Case EMN-2025-000841: 4 items at 4 meetings"
    assert "Decision: Anbefales over for Byrådet." in english.stdout


def test_related_offers_similar_titles_of_the_same_body(data: str) -> None:
    with Library(DataPaths(Path(data))) as lib:
        plan, later = (
            int(r[0])
            for r in lib.conn.execute(
                "SELECT id FROM agenda_items WHERE title LIKE 'Trafiksikkerhedsplan%' "
                "AND meeting_id IN (SELECT m.id FROM meetings m JOIN bodies b "
                "ON b.id = m.body_id WHERE b.name = ?) ORDER BY id",
                (TMU,),
            )
        )
    found = _json("--data-dir", data, "related", str(plan))
    assert found["item"]["item_id"] == plan and found["cases"] == []
    [candidate] = found["candidates"]
    assert candidate["item_id"] == later and candidate["body"] == TMU
    assert {"score", "shared_words", "date", "title", "decision"} <= candidate.keys()
    words = cli("--data-dir", data, "related", str(plan))
    assert "Måske samme sag" in words.stdout and f"[{later}]" in words.stdout


@pytest.mark.parametrize(
    ("args", "danish", "english"),
    [
        (
            ["case", "SAG-2025-01103"],
            "intet dagsordenspunkt har sagsnummer SAG-2025-01103",
            "no agenda item has case number SAG-2025-01103",
        ),
        (["case", "lokalplan"], "'lokalplan' er ikke et sagsnummer", "is not a case number"),
        (
            ["related", "99999"],
            "intet dagsordenspunkt med id 99999",
            "no agenda item with id 99999",
        ),
    ],
)
def test_an_unknown_case_or_item_is_one_line_and_exit_code_1(
    data: str, args: list[str], danish: str, english: str
) -> None:
    for env, words in ((None, danish), (EN, english)):
        result = cli("--data-dir", data, *args, "--json", env=env)
        assert result.returncode == 1
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith("moedemappe: ") and words in line
