"""Marking a search hit's words on its page: the same word forms the search matched."""

from __future__ import annotations

from reader.search.marks import matching_spans

TEXT = (
    "Sundhedsreformen blev vedtaget. Reformen af skolerne.\n"
    "Budgetforslag 2025 og budgetterne. Ikke godkendt, men godkendt."
)


def marked(query: str, text: str = TEXT) -> list[str]:
    return [text[a:b] for a, b in matching_spans(query, text)]


def test_inflected_forms_and_compound_ends_are_marked() -> None:
    assert marked("reform") == ["Sundhedsreformen", "Reformen"]
    assert marked("skole") == ["skolerne"]


def test_a_compound_head_needs_a_real_modifier() -> None:
    # "form" is the end of "reform", but "re" is too short to be a word of its own
    assert marked("form", "reform og formen") == ["formen"]


def test_prefixes_mark_the_words_they_begin() -> None:
    assert marked("budget*") == ["Budgetforslag", "budgetterne"]


def test_a_phrase_is_marked_where_its_words_stand_in_a_row() -> None:
    assert marked('"ikke godkendt"') == ["Ikke godkendt"]
    assert marked('"godkendt ikke"') == []


def test_excluded_words_and_stop_words_are_not_marked() -> None:
    assert marked("godkendt -reform") == ["godkendt", "godkendt"]
    assert marked("og af") == []


def test_either_side_of_or_is_marked_and_spans_come_in_order() -> None:
    spans = matching_spans("skolerne OR sundhedsreform", TEXT)
    assert [TEXT[a:b] for a, b in spans] == ["Sundhedsreformen", "skolerne"]
    assert spans == sorted(spans)


def test_danish_letters_and_line_end_hyphens() -> None:
    text = "Ældreområdet og æld-\nreplejen; ældre borgere."
    assert marked("ældre", text) == ["ældre"]
    assert marked("ældrepleje", text) == ["æld-\nreplejen"]


def test_nothing_to_mark() -> None:
    assert matching_spans("", TEXT) == []
    assert matching_spans("reform", "") == []
    assert matching_spans("---", TEXT) == []
