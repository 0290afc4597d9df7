"""Following a case across meetings and bodies: the items of one case number in date order with
their decisions, the items possibly of the same case kept apart, and the index kept in step
with the items by the importer and by the migration that added it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.errors import NotFoundError, UsageError
from reader.library import Library
from reader.library.cases import (
    SIMILAR,
    case_entries,
    case_history,
    item_entry,
    parse_case_query,
)
from reader.library.importer import Importer, import_paths
from reader.library.package import Package
from reader.paths import DataPaths
from tests.support.case_fixtures import BR, ENTRY_KEYS, OEU, TMU, packages

INDEX_TABLES = ("item_cases", "item_words", "item_decisions")


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The lokalplan's journey and its neighbours (``tests/support/case_fixtures``), imported."""
    root = tmp_path_factory.mktemp("council")
    lib = Library(DataPaths(root / "data"))
    for folder in packages(root / "src"):
        report = import_paths(lib, [folder])
        assert not report.errors, report.errors
    yield lib
    lib.close()


def _item(lib: Library, body: str, day: str, title_start: str) -> int:
    row = lib.conn.execute(
        """SELECT i.id FROM agenda_items i JOIN meeting_view mv ON mv.id = i.meeting_id
           JOIN bodies b ON b.id = mv.body_id
           WHERE b.name = ? AND mv.start LIKE ? AND i.title LIKE ?""",
        (body, f"{day}%", f"{title_start}%"),
    ).fetchone()
    assert row is not None, (body, day, title_start)
    return int(row[0])


def test_items_sharing_a_case_number_are_one_case_across_meetings_and_bodies(
    council: Library,
) -> None:
    first = _item(council, TMU, "2025-01-14", "Forslag til lokalplan 312")
    history = case_history(council, first)
    assert [c.label for c in history.cases] == ["EMN-2025-000841"]
    assert [c.key for c in history.cases] == ["esdh:EMN-2025-841"]
    assert [(e.body, e.date) for e in history.entries] == [
        (TMU, "2025-01-14"),
        (OEU, "2025-02-03"),
        (BR, "2025-02-24"),  # printed "EMN-2025-841"
        (TMU, "2026-03-10"),  # back a year later
    ]
    assert history.entries[0].item_id == first == history.item.item_id
    # the same view whichever of its items it is opened from
    for entry in history.entries:
        again = case_history(council, entry.item_id)
        assert [e.item_id for e in again.entries] == [e.item_id for e in history.entries]


def test_the_decision_of_the_minutes_is_attached_to_the_item_it_decides(council: Library) -> None:
    history = case_history(council, _item(council, OEU, "2025-02-03", "Endelig vedtagelse"))
    decisions = [e.decision.text if e.decision else None for e in history.entries]
    assert decisions == [
        "Udvalget anbefaler forslaget over for Økonomiudvalget.",
        "Anbefales over for Byrådet.",
        "Byrådet vedtog lokalplanen endeligt.",
        None,  # on the agenda, not decided yet
    ]
    committee, committee_body = history.entries[0], council.meeting(history.entries[0].meeting_id)
    # the committee's items are its agenda's; the decision is read from its minutes beside it
    kinds = {d.id: d.kind for d in committee_body.documents}
    assert committee.decision is not None and committee.document_id is not None
    assert kinds[committee.document_id] == "agenda"
    assert committee.decision.document_id is not None
    assert kinds[committee.decision.document_id] == "minutes"
    assert committee.decision.heading == "Beslutning" and committee.decision.page is not None
    text = council.page_text(committee.decision.document_id, committee.decision.page)
    assert committee.decision.text in text
    # the agenda words an item a little differently than the minutes: still matched
    winter = item_entry(council, _item(council, TMU, "2025-01-14", "Vintertjeneste"))
    assert winter.title == "Vintertjeneste på cykelstierne"
    assert winter.decision is not None and winter.decision.text == "Taget til efterretning."


def test_similar_titles_in_the_same_body_are_offered_apart_and_never_merged(
    council: Library,
) -> None:
    plan = _item(council, TMU, "2025-01-14", "Trafiksikkerhedsplan")
    later = _item(council, TMU, "2026-03-10", "Trafiksikkerhedsplan")
    namesake = _item(council, OEU, "2025-02-03", "Trafiksikkerhedsplan")  # another body
    history = case_history(council, plan)
    assert history.cases == ()
    assert [e.item_id for e in history.entries] == [plan]  # nothing linked by a guess
    assert [c.entry.item_id for c in history.possibly_same] == [later]
    [candidate] = history.possibly_same
    assert SIMILAR <= candidate.score <= 1.0
    assert set(candidate.shared) >= {"nordby"}
    assert namesake not in {c.entry.item_id for c in history.possibly_same}
    # a title about something else in the same body is no candidate
    winter = case_history(council, _item(council, TMU, "2025-01-14", "Vintertjeneste"))
    assert _item(council, TMU, "2026-03-10", "Vintertjeneste") not in {
        c.entry.item_id for c in winter.possibly_same
    }
    # offering a candidate writes nothing: it is no case number of either item
    keys = council.conn.execute(
        "SELECT count(*) FROM item_cases WHERE item_id IN (?, ?)", (plan, later)
    ).fetchone()[0]
    assert keys == 0
    # items already of the case are never offered as candidates
    lokalplan = case_history(council, _item(council, TMU, "2025-01-14", "Forslag til lokalplan"))
    linked = {e.item_id for e in lokalplan.entries}
    assert not linked & {c.entry.item_id for c in lokalplan.possibly_same}


def test_a_typed_number_finds_its_items_in_any_printing(council: Library) -> None:
    expected = [e.item_id for e in case_entries(council, "EMN-2025-000841").entries]
    assert len(expected) == 4
    for typed in ("emn-2025-841", "EMN 2025 00841", "EMN-2025-0841"):
        found = case_entries(council, typed)
        assert [e.item_id for e in found.entries] == expected
        assert found.case.label == "EMN-2025-000841"  # as most documents print it
    key = parse_case_query("EMN 2025 841")  # what the search box hands the case view
    assert key is not None
    assert [e.item_id for e in case_entries(council, key).entries] == expected
    assert case_entries(council, "EMN-2025-999999").entries == ()
    assert case_entries(council, "12/27845").entries == ()
    with pytest.raises(UsageError):
        case_entries(council, "lokalplan")
    with pytest.raises(NotFoundError):
        case_history(council, 999_999)


def test_a_meeting_the_member_removed_leaves_the_case_until_restored(council: Library) -> None:
    council_item = _item(council, BR, "2025-02-24", "Lokalplan 312")
    meeting = item_entry(council, council_item).meeting_id
    first = _item(council, TMU, "2025-01-14", "Forslag til lokalplan")
    council.remove_meeting(meeting)
    try:
        assert council_item not in {e.item_id for e in case_history(council, first).entries}
        # opened from the removed meeting's own item, the view still shows that item
        assert council_item in {e.item_id for e in case_history(council, council_item).entries}
    finally:
        council.restore_meeting(meeting)
    assert council_item in {e.item_id for e in case_history(council, first).entries}


def test_the_json_shape_is_what_the_command_line_prints(council: Library) -> None:
    data = case_entries(council, "EMN-2025-841").to_json()
    assert (data["case"], data["key"], data["scheme"], data["broad"]) == (
        "EMN-2025-000841",
        "esdh:EMN-2025-841",
        "esdh",
        False,
    )
    items: list[dict[str, Any]] = data["items"]  # type: ignore[assignment]
    for entry in items:
        assert entry.keys() >= ENTRY_KEYS
    assert [e["date"] for e in items] == sorted(e["date"] for e in items)


# -- built through the sync path: a source's own list of items, no PDF -----------------------


def _meeting(
    lib: Library, body: str, key: str, start: str, items: list[tuple[str, str, str | None]]
) -> int:
    manifest = {
        "body": body,
        "meeting": {"id": key, "title": f"Møde {key}", "start": start},
        "items": [{"number": n, "title": t, **({"case": c} if c else {})} for n, t, c in items],
        "documents": [],
    }
    report = Importer(lib).import_package(Package(Path(key), [], manifest, []))
    assert not report.errors, report.errors
    [meeting] = report.meetings
    return meeting


def _ids(lib: Library, meeting: int) -> dict[str, int]:
    return {it.number: it.id for it in lib.items(meeting)}


def test_a_number_that_files_a_whole_meeting_is_no_case(library: Library) -> None:
    """KKR files a year's items under one ``SAG-`` number: it is kept and shown, but links
    no items by itself, and their titles find their history."""
    ids = []
    for n, (month, status) in enumerate(
        [
            ("02", "Status på sundhedsreformen"),
            ("04", "Status på implementering af sundhedsreformen"),
        ]
    ):
        ids.append(
            _ids(
                library,
                _meeting(
                    library,
                    "KKR Hovedstaden",
                    f"kkr{n}",
                    f"2025-{month}-11T09:30:00",
                    [
                        ("1.1", "Godkendelse af dagsorden", "SAG-2025-01103"),
                        ("1.2", "Godkendelse af referat", "SAG-2025-01103"),
                        ("3.4", status, "SAG-2025-01103"),
                        (
                            "3.5",
                            "Praktikpladser til social- og sundhedsuddannelserne",
                            "SAG-2025-02000",
                        ),
                    ],
                ),
            )
        )
    history = case_history(library, ids[1]["3.4"])
    assert [(c.label, c.broad) for c in history.cases] == [("SAG-2025-01103", True)]
    assert [e.item_id for e in history.entries] == [ids[1]["3.4"]]
    assert [c.entry.item_id for c in history.possibly_same] == [ids[0]["3.4"]]
    typed = case_entries(library, "SAG-2025-01103")
    assert typed.case.broad and len(typed.entries) == 6  # asked for, it lists them all
    # two items of one case in one meeting are still one case
    other = case_history(library, ids[0]["3.5"])
    assert [(c.label, c.broad) for c in other.cases] == [("SAG-2025-02000", False)]
    assert [e.item_id for e in other.entries] == [ids[0]["3.5"], ids[1]["3.5"]]


WORKS = ("skole", "hal", "vej", "bro", "sti", "park")


def test_standing_items_of_a_body_get_no_candidates(library: Library) -> None:
    meetings = []
    for n in range(6):
        meetings.append(
            _ids(
                library,
                _meeting(
                    library,
                    "Økonomiudvalget",
                    f"oeu{n}",
                    f"2025-0{n + 1}-05T16:00:00",
                    [
                        ("1", "Godkendelse af dagsorden", None),
                        ("2", "Meddelelser", None),
                        ("3", f"Anlægsbevilling til {WORKS[n]}", None),
                        ("9", "Eventuelt", None),
                    ],
                ),
            )
        )
    for number in ("1", "2", "9"):
        assert case_history(library, meetings[0][number]).possibly_same == ()
    # a recurring title that is no standing item is still offered
    extra = _ids(
        library,
        _meeting(
            library,
            "Økonomiudvalget",
            "oeu9",
            "2025-09-05T16:00:00",
            [("4", "Anlægsbevilling til skole - endelig godkendelse", None)],
        ),
    )
    offered = case_history(library, meetings[0]["3"]).possibly_same
    assert [c.entry.item_id for c in offered] == [extra["4"]]


def test_the_index_follows_the_items_when_a_meeting_is_synced_again(library: Library) -> None:
    meeting = _meeting(
        library,
        "Byrådet",
        "br1",
        "2025-03-01T19:00:00",
        [("1", "Salg af grund", "13/1002"), ("2", "Kulturkommune 2017", "12/27845")],
    )
    ids = _ids(library, meeting)
    assert [e.item_id for e in case_entries(library, "12/27845").entries] == [ids["2"]]
    _meeting(library, "Byrådet", "br1", "2025-03-01T19:00:00", [("1", "Salg af grund", "13/01002")])
    assert case_entries(library, "12/27845").entries == ()
    assert [e.item_id for e in case_entries(library, "13/1002").entries] == [ids["1"]]
    rows = library.conn.execute("SELECT count(*) FROM item_words WHERE item_id = ?", (ids["2"],))
    assert rows.fetchone()[0] == 0


# -- the migration --------------------------------------------------------------------------


def _index(conn: sqlite3.Connection) -> dict[str, set[tuple[object, ...]]]:
    return {t: {tuple(r) for r in conn.execute(f"SELECT * FROM {t}")} for t in INDEX_TABLES}


def test_the_migration_builds_the_index_of_an_existing_library(
    council: Library, tmp_path: Path
) -> None:
    """A library from before the case index (schema 8) is brought up to date on opening: the
    same index as the importer writes, decisions included."""
    copy = tmp_path / "old"
    paths = DataPaths(copy)
    paths.ensure()
    council.conn.execute("VACUUM INTO ?", (str(paths.database),))
    expected = _index(council.conn)
    assert all(expected.values())
    old = sqlite3.connect(paths.database)
    for table in INDEX_TABLES:
        old.execute(f"DROP TABLE {table}")
    old.execute("PRAGMA user_version = 8")
    old.commit()
    old.close()
    with Library(paths) as upgraded:
        assert _index(upgraded.conn) == expected
        first = upgraded.conn.execute(
            "SELECT item_id FROM item_cases WHERE key = 'esdh:EMN-2025-841' LIMIT 1"
        ).fetchone()[0]
        assert len(case_history(upgraded, first).entries) == 4
