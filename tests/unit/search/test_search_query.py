"""Searching a library of real imported PDFs: ranking, syntax, filters, snippets, grouping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pymupdf
import pytest

from reader.library import Library
from reader.library.importer import import_paths
from reader.paths import DataPaths
from reader.search._whoosh import query as wq
from reader.search.analysis import stem
from reader.search.index import open_index
from reader.search.indexer import update_index
from reader.search.searcher import Searcher
from reader.search.snippets import Marks, snippet
from reader.search.syntax import Clause, parse
from tests.support.library_fixtures import agenda_pdf
from tests.support.pdf_factory import (
    PARAGRAPH_DA,
    make_clipped_duplicate_pdf,
    make_hyphenated_pdf,
    make_lines_pdf,
)
from tests.support.search_fixtures import build_library, pages_containing, search

Term = wq.Term


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("search")
    library = Library(DataPaths(root / "data"))
    build_library(library, root / "in")
    yield library
    library.close()


def _doc(lib: Library, file_name: str, body: str | None = None) -> int:
    for m in lib.meetings():
        if body and m.body != body:
            continue
        for d in m.documents:
            if d.file_name == file_name:
                return d.id
    raise AssertionError(file_name)


def test_a_word_from_an_item_finds_that_item_and_page_first(lib: Library) -> None:
    result = search(lib, "TeleHjerte")
    [group] = result.groups()
    assert (group.item, group.item_title) == ("2.1", "Telemedicin til borgere med hjertesvigt")
    agenda = _doc(lib, "dagsorden.pdf")
    [page] = [h for h in group.hits if h.document == agenda]
    assert page.section == "Baggrund"
    assert "TeleHjerte" in lib.page_text(agenda, page.page or 0)
    assert "<b>TeleHjerte</b> har kørt som pilot" in page.snippet
    # the attachment inherits the item; its page is found too
    [bilag] = [h for h in result.hits if h.kind == "attachment"]
    assert (bilag.item, bilag.page, bilag.section) == ("2.1", 2, None)
    assert "<b>TeleHjerte</b>-piloten" in bilag.snippet
    assert result.total == len(pages_containing(lib, "telehjerte")) == 2


def test_the_seed_minutes_point_to_the_item_of_each_word(lib: Library) -> None:
    result = search(lib, "Fingerplanen", body="KKR Hovedstaden")
    assert result.hits[0].item == "3.3"
    assert result.hits[0].item_title == "Drøftelse om revision af Fingerplanen"
    result = search(lib, "botilbudskapaciteten")
    # every form of the word: the definite form typed on two pages first, then the page
    # with the indefinite "botilbudskapacitet"
    exact = pages_containing(lib, "botilbudskapaciteten")
    assert result.total == len(pages_containing(lib, "botilbudskapacitet")) == len(exact) + 1
    assert {(h.document, h.page) for h in result.hits[: len(exact)]} == exact
    assert {h.item for h in result.hits} == {"3.9"}
    kkr = _doc(lib, "referat.pdf", body="KKR Hovedstaden")
    [item] = [it for it in lib.items(lib.document(kkr).meeting_id) if it.number == "3.9"]
    for hit in result.hits:
        # the section is the last of the item's headings before the word
        before = "\n".join(lib.page_text(kkr, p) for p in range(1, hit.page or 0))
        page = lib.page_text(kkr, hit.page or 0)
        before += "\n" + page[: page.casefold().index("botilbudskapacitet")]
        headings = [ln.strip() for ln in before.splitlines() if ln.strip() in item.sections]
        assert hit.section == headings[-1]


def test_inflected_and_compound_forms_are_found(lib: Library) -> None:
    exact = {(h.document, h.page) for h in search(lib, "sundhedsreformen", limit=100).hits}
    assert exact == pages_containing(lib, r"\bsundhedsreform(en)?\b")
    # the plain word finds the compound, ranked by the item about it
    reform = search(lib, "reform", limit=100)
    assert exact <= {(h.document, h.page) for h in reform.hits}
    assert any("<b>sundhedsreformen</b>" in h.snippet for h in reform.hits)
    # an inflected form finds the base form
    reformerne = search(lib, "reformerne", limit=100)
    assert {(h.document, h.page) for h in reformerne.hits} >= pages_containing(lib, r"\breform\b")


def test_phrase_with_ikke(lib: Library) -> None:
    result = search(lib, '"ikke godkendt"')
    assert [(h.item, h.section) for h in result.hits] == [("1", "Beslutninger")]
    assert "blev <b>ikke</b> <b>godkendt</b>" in result.hits[0].snippet
    # both words occur on the other item's page too, but not together
    both = search(lib, "ikke godkendt", body="Teknik- og Miljøudvalget")
    assert both.total >= 1
    assert search(lib, '"godkendt ikke"').total == 0


def test_prefix_or_and_exclusion(lib: Library) -> None:
    prefix = search(lib, "fingerpla*", limit=100)
    assert {(h.document, h.page) for h in prefix.hits} == pages_containing(lib, r"\bfingerpla")
    tele = pages_containing(lib, "telehjerte")
    praktik = pages_containing(lib, r"\bpraktikpladser\b")
    union = search(lib, "TeleHjerte OR praktikpladser", limit=100)
    assert {(h.document, h.page) for h in union.hits} == tele | praktik
    assert union.total == len(tele | praktik) > max(len(tele), len(praktik))
    indstilles = search(lib, "indstilles", body="KKR Testegnen")
    without = search(lib, "indstilles -TeleHjerte", body="KKR Testegnen")
    assert without.total == indstilles.total - 1
    assert all(
        "TeleHjerte" not in lib.page_text(h.document or 0, h.page or 0) for h in without.hits
    )
    assert search(lib, '-"TeleHjerte"').total == 0  # only an exclusion: nothing to look for


def test_hyphen_broken_words_are_found(
    lib: Library, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # the seed minutes, justified and hyphenated: each word the PDF breaks at a line end
    # is found, whole, on its page
    pdf = next(tmp_path_factory.getbasetemp().glob("search*/in/kkr/referat.pdf"), None)
    kkr = _doc(lib, "referat.pdf", body="KKR Hovedstaden")
    assert pdf is not None
    broken: list[tuple[int, str]] = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            for a, b in re.findall(r"(\w+)-\n([a-zæøå]\w*)", page.get_text()):
                broken.append((page.number + 1, a + b))
    assert len(broken) >= 10
    for page_no, word in broken[:12]:
        hits = search(lib, word, limit=100).hits
        assert (kkr, page_no) in {(h.document, h.page) for h in hits}, word
    with Library(DataPaths(tmp_path / "data")) as other:
        pdf = make_hyphenated_pdf(
            tmp_path / "h.pdf", ["Kommunerne arbejder med implemente-", "ringen af planen."]
        )
        import_paths(other, [pdf])
        update_index(other)
        assert search(other, "implementeringen").total == 1


def test_filters(lib: Library) -> None:
    everything = search(lib, "indstillingen", limit=100)
    bodies = {h.body for h in everything.hits}
    assert {"KKR Hovedstaden", "Teknik- og Miljøudvalget"} <= bodies
    kkr = search(lib, "indstillingen", limit=100, body="kkr hovedstaden")
    assert kkr.total and {h.body for h in kkr.hits} == {"KKR Hovedstaden"}
    spring = search(lib, "indstillingen", limit=100, date_from=date(2026, 1, 1))
    assert {h.date[:4] for h in spring.hits if h.date} == {"2026"}
    old = search(lib, "indstillingen", limit=100, date_to=date(2025, 12, 31))
    assert spring.total + old.total == everything.total
    attachments = search(lib, "TeleHjerte", kinds=("attachment",))
    assert [h.kind for h in attachments.hits] == ["attachment"]
    closed = search(lib, "Hjortefirmaet")
    assert [h.closed for h in closed.hits] == [True]
    assert search(lib, "Hjortefirmaet", include_closed=False).total == 0
    # filters that allow no page at all, alone and with a date range
    assert search(lib, "indstillingen", body="Intet sådant udvalg").total == 0
    assert search(lib, "indstillingen", date_from=date(2040, 1, 1)).total == 0
    both = search(
        lib, "indstillingen", limit=100, body="kkr hovedstaden", date_to=date(2025, 12, 31)
    )
    assert both.total == sum(1 for h in old.hits if h.body == "KKR Hovedstaden")


def test_a_misspelling_gets_a_suggestion(lib: Library) -> None:
    result = search(lib, "sundhedsrefromen")
    assert result.total == 0
    assert result.suggestion == "sundhedsreformen"
    assert search(lib, "Fingerplanan status").suggestion == "Fingerplanen status"
    assert search(lib, "sundhedsreformen").suggestion is None


def test_results_are_grouped_by_meeting_and_item(lib: Library) -> None:
    result = search(lib, "indstilling", limit=40)
    keys = [(h.meeting, h.item) for h in result.hits]
    seen: list[tuple[int | None, str | None]] = []
    for k in keys:
        if not seen or seen[-1] != k:
            assert k not in seen, "a group's hits are together"
            seen.append(k)
    groups = result.groups()
    scores = [g.score for g in groups]
    assert scores == sorted(scores, reverse=True)
    for g in groups:
        assert [h.score for h in g.hits] == sorted((h.score for h in g.hits), reverse=True)


def test_counts_are_not_inflated_by_clipped_duplicates(tmp_path: Path) -> None:
    """ABCpdf draws each text block once per line: the index sees the text once."""
    with Library(DataPaths(tmp_path / "data")) as lib:
        pdf = make_clipped_duplicate_pdf(tmp_path / "abc.pdf", [PARAGRAPH_DA])
        import_paths(lib, [pdf])
        update_index(lib)
        [meeting] = lib.meetings()
        [doc] = meeting.documents
        visible = lib.page_text(doc.id, 1).casefold().count("æblehaven")
        assert visible == len(PARAGRAPH_DA)
        ix = open_index(lib.paths)
        with ix.searcher() as s:
            assert s.reader().frequency("text", stem("æblehaven")) == visible
            assert len(s.search(Term("text", stem("æblehaven")))) == 1
        assert search(lib, "æblehaven").total == 1


def test_snippet_deep_in_a_long_page(tmp_path: Path) -> None:
    filler = [f"Linje {i}: budgettet for anlægsprojekter fordeles på områderne." for i in range(48)]
    with Library(DataPaths(tmp_path / "data")) as lib:
        pdf = make_lines_pdf(tmp_path / "lang.pdf", [[*filler, "Til sidst nævnes Zebraordningen."]])
        import_paths(lib, [pdf])
        update_index(lib)
        [hit] = search(lib, "zebraordningen").hits
        assert "<b>Zebraordningen</b>" in hit.snippet
    # the snippet looks at the whole text, far past Whoosh's 32 KB highlight limit
    text = "Ord uden betydning her. " * 4000 + "Her er det sjældne ord: Zebraordningen."
    assert len(text) > 90_000
    html, offset = snippet(text, Marks(stems={stem("zebraordningen")}))
    assert "<b>Zebraordningen</b>" in html and offset > 90_000
    assert len(html) < 400


def test_reissued_document_replaces_its_pages(tmp_path: Path) -> None:
    with Library(DataPaths(tmp_path / "data")) as lib:
        import_paths(lib, [agenda_pdf(tmp_path / "a" / "dagsorden.pdf", extra="Zebraordning.")])
        update_index(lib)
        assert search(lib, "zebraordning").total == 1
        import_paths(lib, [agenda_pdf(tmp_path / "b" / "dagsorden.pdf", extra="Giraffordning.")])
        update_index(lib)
        assert search(lib, "zebraordning").total == 0
        [hit] = search(lib, "giraffordning").hits
        assert hit.item == "2.1"
        [doc] = lib.meetings()[0].documents
        assert open_index(lib.paths).doc_count() == doc.pages


def test_query_syntax_parses() -> None:
    groups = parse('budget "ikke godkendt" OR lokalplan* -salg -"lukket punkt"')
    assert [[(c.kind, c.text, c.negated) for c in g] for g in groups] == [
        [("word", "budget", False)],
        [("phrase", "ikke godkendt", False), ("prefix", "lokalplan", False)],
        [("word", "salg", True)],
        [("phrase", "lukket punkt", True)],
    ]


def test_query_words_beyond_the_cap_are_left_out() -> None:
    def shown(groups: list[list[Clause]]) -> list[list[tuple[str, str]]]:
        return [[(c.kind, c.text) for c in g] for g in groups]

    assert shown(parse('a "b c d" e', max_words=3)) == [[("word", "a")], [("phrase", "b c")]]
    assert shown(parse("a OR b OR c", max_words=2)) == [[("word", "a"), ("word", "b")]]
    # punctuation costs no word: brackets, dashes and quotes around nothing
    assert shown(parse('( ( a ) ) - "" b', max_words=2)) == [[("word", "a")], [("word", "b")]]
    assert parse("a " * 100_000, max_words=32) == [[Clause("word", "a")]] * 32


def test_a_word_of_stop_words_only_is_ignored(lib: Library) -> None:
    assert search(lib, "og TeleHjerte").total == search(lib, "TeleHjerte").total
    assert search(lib, "og det").total == 0


def test_searcher_is_reused_across_commits(tmp_path: Path) -> None:
    with Library(DataPaths(tmp_path / "data")) as lib:
        searcher = Searcher(lib.paths)
        import_paths(lib, [agenda_pdf(tmp_path / "a" / "dagsorden.pdf", extra="Zebraordning.")])
        update_index(lib)
        assert searcher.search("zebraordning").total == 1
        import_paths(lib, [agenda_pdf(tmp_path / "b" / "dagsorden.pdf", extra="Giraffordning.")])
        update_index(lib)
        assert searcher.search("zebraordning").total == 0
        assert searcher.search("giraffordning").total == 1
