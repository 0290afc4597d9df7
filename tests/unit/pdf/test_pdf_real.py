"""Real agendas and minutes from other producers, read as a careful reader reads them.

The PDFs and what they state (``tests/data/corpus/truth.json``) are public documents from
Danish, German, Austrian and Swiss bodies; see ``tests/data/corpus/SOURCES.md``. They carry the
quirks synthetic PDFs miss: a table of contents with page numbers, items in the order they were
discussed, decisions headed "<udvalg>s beslutning den …", case numbers in five schemes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest

from reader.library import Library
from reader.library.importer import import_paths
from reader.notes.annotation_store import AnnotationStore
from reader.notes.summary import notes_summary
from reader.pdf.document import analyse_pdf
from reader.search.indexer import update_index
from reader.search.searcher import Searcher
from reader.vault import open_vault
from tests.support.notes_fixtures import PASSPHRASE

DATA = Path(__file__).resolve().parents[2] / "data" / "corpus"
TRUTH: dict[str, dict[str, Any]] = json.loads((DATA / "truth.json").read_text("utf-8"))


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().replace("\u2013", "-")
    return " ".join(re.sub(r"[\"'“”„«»]", "", text).split()).strip(" .,;:")


@pytest.fixture(scope="module")
def parsed() -> dict[str, Any]:
    return {
        name: analyse_pdf((DATA / Path(t["file"]).name).read_bytes(), t["file"])
        for name, t in TRUTH.items()
    }


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_meeting_facts(parsed: dict[str, Any], name: str) -> None:
    truth = TRUTH[name]
    info = parsed[name].structure.meeting
    assert info.kind == truth["kind"]
    assert info.body is not None and _norm(info.body) == _norm(truth["body"])
    assert info.start is not None and info.start.date().isoformat() == truth["date"]
    if truth["time"]:
        assert f"{info.start:%H:%M}" == truth["time"]
    if truth["location"]:
        assert info.location is not None and _norm(truth["location"]) in _norm(info.location)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_items_titles_pages_and_cases(parsed: dict[str, Any], name: str) -> None:
    truth = TRUTH[name]
    items = [it for it in parsed[name].structure.items if not it.is_group]
    assert [it.number for it in items] == [t["number"] for t in truth["items"]]
    for it, want in zip(items, truth["items"], strict=True):
        # the truth sometimes ends a long title early; ours must begin with it
        assert _norm(it.title).startswith(_norm(want["title"])), (it.number, it.title)
        if want["page"] is not None:
            assert it.page_start == want["page"], (it.number, it.page_start)
        norm_cases = {c.replace(" ", "").casefold() for c in it.cases}
        for case in want["cases"]:
            assert case.replace(" ", "").casefold() in norm_cases, (it.number, it.cases)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_attachments_without_junk(parsed: dict[str, Any], name: str) -> None:
    truth = TRUTH[name]
    for it in parsed[name].structure.items:
        want = truth["attachments"].get(it.number, []) if truth["attachments"] else []
        listed = [_norm(a) for a in it.attachments]
        for ident in want:
            assert any(ident in a for a in listed), (it.number, ident, it.attachments)
        for entry in listed:
            assert any(ident.replace("-", "") in entry.replace("-", "") for ident in want), (
                it.number,
                entry,
            )


def test_items_start_where_their_heading_is(parsed: dict[str, Any]) -> None:
    """Item 2 of the Ballerup minutes starts at the foot of page 3, below item 1's decision."""
    analysis = parsed["dk_ballerup_sfu_referat"]
    items = {it.number: it for it in analysis.structure.items}
    two = items["2"]
    assert two.page_start == 3 and two.y is not None and two.y > 600
    assert two.offset is not None
    page = analysis.pages[2]
    assert page[two.offset :].startswith("2. Bygningsvedligeholdelse")
    assert "Taget til efterretning" in page[: two.offset]
    decision = [m for m in items["1"].section_marks if "beslutning" in m.name]
    assert decision and decision[0].name.endswith("beslutning den 04.12.2012")


def test_an_item_listed_only_in_the_contents_owns_no_text(parsed: dict[str, Any]) -> None:
    """Thurgau items 9 and 10 were not dealt with ("Seite --"): listed, with their cases."""
    items = {it.number: it for it in parsed["ch_thurgau_gr_protokoll_20230816"].structure.items}
    assert items["9"].cases == ["20/IN 43/498"] and items["9"].offset is None
    assert items["8"].page_start == 34 and items["8"].offset is not None


@pytest.mark.parametrize(
    "name",
    [
        "dk_ballerup_sfu_referat",
        "de_erlangen_2021_niederschrift",
        "ch_thurgau_gr_protokoll_20230816",
    ],
)
def test_search_top_hit_is_the_right_item_and_page(library: Library, name: str) -> None:
    truth = TRUTH[name]
    report = import_paths(library, [DATA / Path(truth["file"]).name])
    assert not report.errors
    update_index(library)
    searcher = Searcher(library.paths)
    try:
        for q in truth["queries"]:
            result = searcher.search(q["query"])
            assert result.hits, q
            top = result.hits[0]
            assert top.item == q["item"], (q, top)
            assert top.document is not None and top.page is not None
            text = library.page_text(top.document, top.page)
            assert q["pattern"].casefold() in text.casefold(), (q, top.page)
    finally:
        searcher.forget()


def test_a_highlight_belongs_to_the_item_whose_heading_is_above_it(
    library: Library, tmp_path: Path
) -> None:
    """Page 3 of the Ballerup minutes holds the end of item 1 and the heading of item 2: a
    quote from each half is exported under its own item, as search places hits."""
    report = import_paths(library, [DATA / "dk_ballerup_sfu_referat.pdf"])
    [meeting] = report.meetings
    [doc] = report.documents
    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    store = AnnotationStore(library, vault)
    store.annotate_quote(doc, 3, "Taget til efterretning")
    store.annotate_quote(doc, 3, "Bygningsvedligeholdelse 2013 - anlægsbevilling")
    summary = notes_summary(library, vault, meeting)
    quotes = {s.number: [q.quote for q in s.quotes] for s in summary.items if s.quotes}
    assert quotes == {
        "1": ["Taget til efterretning"],
        "2": ["Bygningsvedligeholdelse 2013 - anlægsbevilling"],
    }
