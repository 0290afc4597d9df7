"""Case numbers: one key per number however it is printed or typed, one scheme per system,
and two schemes never the same key."""

from __future__ import annotations

import pytest

from reader.library.case_numbers import case_key, item_case_keys, parse_case_query

# (as printed in the documents, the variants that must read as the same number, its scheme)
SAME_NUMBER = [
    (
        "SAG-2025-01103",
        [
            "sag-2025-01103",
            "SAG-2025-1103",
            "SAG 2025 01103",
            "SAG-2025-01103 ascm",
            " SAG-2025-001103 ",
        ],
        "esdh",
    ),
    (
        "EMN-2025-003383",
        ["EMN-2025-3383", "emn-2025-003383", "EMN 2025-3383", "EMN–2025–003383"],
        "esdh",
    ),
    ("12/27845", ["12 / 27845", "12/027845", "2012/27845", "J.nr. 12/27845"], "journal"),
    (
        "20/BS 48/457",
        ["20/bs 48/457", "20/BS48/457", "20 / BS 48 / 457", "20/BS 048/0457", "20/BS  48/457"],
        "registry",
    ),
    (
        "FD-Buch-14-2022/003",
        [
            "FD-Buch-14-2022/3",
            "fd-buch-14-2022/003",
            "FD-BUCH-014-2022/003",
            "FD-Buch-14-2022 / 003",
        ],
        "file",
    ),
    ("2012-28504", ["Sagsnr.: 2012-28504", "2012 - 28504", "2012-028504"], "year"),
    ("27.69.48-P20-3-24", ["27.69.48-p20-3-24", "27.69.48-P20-03-24"], "kle"),
]


@pytest.mark.parametrize(("printed", "variants", "scheme"), SAME_NUMBER)
def test_every_printing_of_a_number_reads_as_one_key_of_its_scheme(
    printed: str, variants: list[str], scheme: str
) -> None:
    key = case_key(printed)
    assert key is not None
    assert key.scheme == scheme and key.key.startswith(f"{scheme}:")
    assert key.label == printed
    for variant in variants:
        found = case_key(variant)
        assert found is not None, variant
        assert found.key == key.key, variant
        assert parse_case_query(variant) == key.key, variant


def test_different_numbers_and_different_schemes_never_collide() -> None:
    numbers = [
        "SAG-2025-01103",
        "SAG-2025-01104",
        "SAG-2024-01103",
        "EMN-2025-01103",  # the same digits under another series
        "12/27845",
        "2012-27845",  # eDoc's year and serial, not the journal number above
        "20/BS 48/457",
        "20/WA 48/457",
        "FD-Buch-14-2022/003",
        "FD-Buch-14-2022/004",
        "FD-WF-14-2022/003",
        "27.69.48-P20-3-24",
        "32-1/2020",
    ]
    keys = [case_key(n) for n in numbers]
    assert all(k is not None for k in keys)
    assert len({k.key for k in keys if k is not None}) == len(numbers)


def test_what_a_search_box_takes_for_a_case_number() -> None:
    assert parse_case_query("SAG-2025-01103") == "esdh:SAG-2025-1103"
    assert parse_case_query("sagsnr. 12/27845") == "journal:12/27845"
    for search in ("2025", "budget 2025", "2024-2025", "§ 17", "sundhedsreformen", "", "3.4"):
        assert parse_case_query(search) is None, search
    # a number in no known scheme still links items, but a search box keeps it as a search
    other = case_key("Az.: 32-1/2020")
    assert other is not None and other.scheme == "number"
    assert parse_case_query("Az.: 32-1/2020") is None
    assert case_key("ingen tal her") is None
    # what the search box was told is a key again, for the case view
    for typed in ("SAG 2025 01103", "sagsnr. 12/27845", "20/bs 48/457"):
        key = parse_case_query(typed)
        assert key is not None
        again = case_key(key)
        assert again is not None and again.key == key


def test_an_items_numbers_are_read_once_each_in_order() -> None:
    keys = item_case_keys(["SD-KFM-260-2022", "ZE-022-1-36-2022", "SD-KFM-260-2022"])
    assert [k.label for k in keys] == ["SD-KFM-260-2022", "ZE-022-1-36-2022"]
    assert [k.key for k in item_case_keys([], "EMN-2025-003383")] == ["esdh:EMN-2025-3383"]
    assert item_case_keys([], None) == []
