"""Change sets between re-issued agendas built as real PDFs in the KKR layout: what changed is
reported once, with its words and their places on both versions' pages; reflow, page breaks
and page furniture never are."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from reader.diff import (
    ALGORITHM,
    ChangeSet,
    build_stream,
    document_changes,
    find_furniture,
    version_changes,
    version_outline,
)
from reader.errors import UsageError
from reader.library import Library
from reader.notes.text import load_version_text
from tests.support.compose import ComposeMeeting
from tests.support.diff_fixtures import (
    agenda,
    import_versions,
    item,
    one_page_item,
    page_slice,
    reissued,
)


def _diff(library: Library, tmp_path: Path, v1: ComposeMeeting, v2: ComposeMeeting) -> ChangeSet:
    doc = import_versions(library, tmp_path, v1, v2)
    return document_changes(library, doc)


def _ids(library: Library, document_id: int) -> list[int]:
    return [int(v["id"]) for v in library.versions(document_id)]


def _sentence_word(text: str) -> str:
    """A word after the text's first sentence that occurs once in it."""
    rest = re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", text, maxsplit=1)[1]
    return next(w for w in rest.split() if w.isalpha() and len(w) >= 7 and text.count(w) == 1)


def test_an_edited_sentence_is_one_change_with_its_words_and_places(
    library: Library, tmp_path: Path
) -> None:
    word = ""

    def edit(m: ComposeMeeting) -> None:
        nonlocal word
        it = item(m, "3.2")
        name, text = it.sections[0]
        word = _sentence_word(text)
        it.sections[0] = (name, text.replace(word, "omformuleret", 1))

    changes = _diff(library, tmp_path, *reissued(edit))
    [change] = changes.changes
    assert (change.kind, change.scope, change.item, change.old_item) == (
        "changed",
        "text",
        "3.2",
        "3.2",
    )
    assert change.section == "Baggrund"
    assert (change.old_text, change.new_text) == (word, "omformuleret")
    assert change.old_page == change.new_page
    old_id, new_id = changes.old_version_id, changes.new_version_id
    [(page, start, end)] = change.new_ranges
    assert page_slice(library, new_id, page, start, end) == "omformuleret"
    [(page, start, end)] = change.old_ranges
    assert page_slice(library, old_id, page, start, end) == word
    assert changes.changed_items() == ["3.2"]
    assert changes.on_page(change.new_page or 0) == [change]


def test_an_inserted_paragraph_is_one_addition(library: Library, tmp_path: Path) -> None:
    added = (
        "Administrationen har siden udsendelsen modtaget et nyt høringssvar fra Region Hovedstaden."
    )

    def edit(m: ComposeMeeting) -> None:
        it = item(m, "3.4")
        name, text = it.sections[0]
        paras = text.split("\n\n")  # the seed's lines: after one that ends a sentence
        at = next(n for n, para in enumerate(paras) if para.endswith(".")) + 1
        it.sections[0] = (name, "\n\n".join([*paras[:at], added, *paras[at:]]))

    changes = _diff(library, tmp_path, *reissued(edit))
    [change] = changes.changes
    assert (change.kind, change.scope, change.item) == ("added", "text", "3.4")
    assert change.new_text == added
    assert change.old_text == ""
    [(_page, start, end)] = change.old_ranges
    assert start == end  # the point where it is missing in the old version
    text = "".join(page_slice(library, changes.new_version_id, *r) for r in change.new_ranges)
    assert " ".join(text.split()) == added


def test_a_removed_item_and_a_renumbered_one(library: Library, tmp_path: Path) -> None:
    def edit(m: ComposeMeeting) -> None:
        group = m.groups[2]
        gone = next(i for i, it in enumerate(group.items) if it.number == "3.6")
        del group.items[gone]
        item(m, "4.1").number = "4.2"

    changes = _diff(library, tmp_path, *reissued(edit))
    removed, renumbered = changes.changes
    assert (removed.kind, removed.scope, removed.item, removed.old_item) == (
        "removed",
        "item",
        "3.6",
        "3.6",
    )
    assert removed.title and removed.title.startswith("Forslag til revision af kapacitetsdel")
    assert removed.old_text.startswith("3.6. Forslag til revision") and removed.new_text == ""
    assert removed.old_ranges and removed.new_ranges[0][1] == removed.new_ranges[0][2]
    assert (renumbered.kind, renumbered.scope) == ("changed", "number")
    assert (renumbered.old_item, renumbered.item) == ("4.1", "4.2")
    assert renumbered.new_text.startswith("4.2. Punkter til næste møde")
    assert changes.changed_items() == ["4.2"]


def test_a_moved_item_is_one_change(library: Library, tmp_path: Path) -> None:
    def edit(m: ComposeMeeting) -> None:
        group = m.groups[2]
        moved = group.items.pop(1)  # 3.2 goes last, keeping its number
        group.items.append(moved)

    changes = _diff(library, tmp_path, *reissued(edit))
    [change] = changes.changes
    assert (change.kind, change.scope, change.item, change.old_item) == (
        "moved",
        "item",
        "3.2",
        "3.2",
    )
    assert change.old_page is not None and change.new_page is not None
    assert change.new_page > change.old_page


def test_an_inserted_page_reflows_everything_after_it_and_nothing_else_is_flagged(
    library: Library, tmp_path: Path
) -> None:
    def edit(m: ComposeMeeting) -> None:
        m.groups[2].items.insert(2, one_page_item("3.20"))

    changes = _diff(library, tmp_path, *reissued(edit))
    [change] = changes.changes
    assert (change.kind, change.scope, change.item, change.old_item) == (
        "added",
        "item",
        "3.20",
        None,
    )
    assert change.new_text.startswith("3.20. Ny sag om fælles indkøb af el")
    assert changes.moved_pages  # later groups start on pages one further on
    assert all(new > old for old, new in changes.moved_pages)


def test_reflow_by_justified_hyphenated_setting_is_not_a_change(
    library: Library, tmp_path: Path
) -> None:
    doc = import_versions(library, tmp_path / "a", agenda())
    import_versions(library, tmp_path / "b", agenda(), justified_hyphenated=True)
    changes = document_changes(library, doc)
    assert changes.changes == []


def test_another_printing_date_in_the_footer_is_not_a_change(
    library: Library, tmp_path: Path
) -> None:
    def edit(m: ComposeMeeting) -> None:
        m.printed = datetime(2025, 4, 14, 8, 0)

    v1, v2 = reissued(edit)
    doc = import_versions(library, tmp_path, v1, v2)
    _old_id, new_id = _ids(library, doc)
    assert "14-04-2025" in load_version_text(library.conn, new_id).pages[3]
    changes = document_changes(library, doc)
    assert changes.changes == []
    assert changes.moved_pages == []  # same pages, same numbers: none only moved


def test_the_kkr_footer_is_furniture_also_where_a_broken_word_runs_into_it(
    library: Library, tmp_path: Path
) -> None:
    doc = import_versions(library, tmp_path, agenda())
    [version_id] = _ids(library, doc)
    pages = load_version_text(library.conn, version_id).pages
    furniture = find_furniture(pages)
    assert furniture.bottom == {"KKR Hovedstaden | #-#-# SIDE | #"}
    assert furniture.top == set()
    glued = [p for p in pages if re.search(r"\w-KKR Hovedstaden \| [\d-]+ SIDE \| \d+$", p)]
    assert glued, "the layout no longer glues a broken word to the footer"
    stream = build_stream(pages)
    assert not {"SIDE", "|"} & set(stream.keys)
    assert stream.rest  # words broken over a page end are joined
    for k, (page, start, end) in stream.rest.items():
        assert stream.page[k] == page - 1
        assert stream.keys[k].endswith(pages[page - 1][start:end])


def test_front_matter_changes_are_reported_without_an_item(
    library: Library, tmp_path: Path
) -> None:
    def edit(m: ComposeMeeting) -> None:
        m.location = "Rådhuset, Byrådssalen"

    changes = _diff(library, tmp_path, *reissued(edit))
    [change] = changes.changes
    assert change.item is None and change.old_item is None and change.scope == "text"
    assert "Rådhuset" in change.new_text and "Borupgaard" in change.old_text
    assert change.new_page == 1


def test_a_change_set_is_computed_once_and_kept(library: Library, tmp_path: Path) -> None:
    def edit(m: ComposeMeeting) -> None:
        it = item(m, "3.3")
        name, text = it.sections[0]
        it.sections[0] = (name, text + "\n\nEt nyt afsnit.")

    doc = import_versions(library, tmp_path, *reissued(edit))
    old_id, new_id = _ids(library, doc)
    first = document_changes(library, doc)
    assert first.cached is False and len(first.changes) == 1
    again = version_changes(library, old_id, new_id)
    assert again.cached is True
    assert again.changes == first.changes and again.moved_pages == first.moved_pages
    assert again.to_json() | {"cached": False} == first.to_json()
    # a change set of another algorithm is computed again, and kept anew
    library.conn.execute("UPDATE version_changes SET algorithm = ?", (ALGORITHM - 1,))
    assert document_changes(library, doc).cached is False
    assert document_changes(library, doc).cached is True
    # it goes with its versions
    library.conn.execute("DELETE FROM document_versions WHERE id = ?", (new_id,))
    assert library.conn.execute("SELECT count(*) FROM version_changes").fetchone()[0] == 0


def test_a_version_stored_without_its_outline_has_it_read_from_its_pdf_once(
    library: Library, tmp_path: Path
) -> None:
    doc = import_versions(library, tmp_path, agenda())
    [version_id] = _ids(library, doc)
    stored = version_outline(library, version_id)
    assert [o.number for o in stored][:3] == ["1", "1.1", "1.2"]
    library.conn.execute("UPDATE document_versions SET outline = NULL")
    assert version_outline(library, version_id) == stored
    row = library.conn.execute("SELECT outline FROM document_versions").fetchone()
    assert row["outline"] is not None


def test_versions_are_chosen_by_number_and_defaults_are_the_newest_two(
    library: Library, tmp_path: Path
) -> None:
    v1 = agenda()
    _, v2 = reissued(
        lambda m: setattr(item(m, "1.1"), "title", "Godkendelse af den nye dagsorden"), v1
    )
    _, v3 = reissued(lambda m: setattr(m, "location", "Rådhuset"), v2)
    doc = import_versions(library, tmp_path, v1, v2, v3)
    latest = document_changes(library, doc)
    assert (latest.old_version, latest.new_version) == (2, 3)
    assert [c.item for c in latest.changes] == [None]
    first = document_changes(library, doc, new=2)
    assert (first.old_version, first.new_version) == (1, 2)
    [title] = first.changes
    assert (title.item, title.kind, title.new_text) == ("1.1", "added", "den nye")
    both = document_changes(library, doc, old=1, new=3)
    assert len(both.changes) == 2
    with pytest.raises(UsageError):
        document_changes(library, doc, old=2, new=2)


def test_a_document_of_one_version_has_nothing_to_compare_with(
    library: Library, tmp_path: Path
) -> None:
    doc = import_versions(library, tmp_path, agenda())
    with pytest.raises(UsageError):
        document_changes(library, doc)
