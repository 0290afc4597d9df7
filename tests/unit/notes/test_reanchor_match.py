"""Finding a quote again when the text around it changed: quote, context and position scored.

A quote whose exact words occur once in the re-issued version is the same passage however
its surroundings were edited; a quote that occurs several times goes where its context (or,
with equal context, its expected position) clearly points, and stays an orphan otherwise.
"""

from __future__ import annotations

import copy
from pathlib import Path

import keyring.backends.fail
import pymupdf

from reader.library import Library
from reader.library.importer import import_paths
from reader.notes.annotation_store import AnnotationStore
from reader.notes.reanchor import LineMap, Source, anchor_text, reanchor_pending
from reader.notes.text import VersionText
from reader.vault import open_vault
from tests.support.compose import ComposeMeeting, compose_pdf
from tests.support.library_fixtures import small_meeting
from tests.support.notes_fixtures import PASSPHRASE

QUOTE = "TeleHjerte kørt som pilot i to kommuner"
V1_BACKGROUND = f"Efter aftale med regionen har {QUOTE}. Piloten sluttede i marts."
V2_BACKGROUND = f"Som besluttet på mødet i foråret 2025 har {QUOTE}, og evalueringen foreligger nu."


def _with_background(text: str) -> ComposeMeeting:
    meeting = copy.deepcopy(small_meeting())
    item = meeting.groups[1].items[0]
    item.sections = [(n, text if n == "Baggrund" else t) for n, t in item.sections]
    return meeting


def _page_with(library: Library, doc: int, pages: int, needle: str) -> int:
    [page] = [p for p in range(1, pages + 1) if needle in library.page_text(doc, p)]
    return page


def test_unique_quote_with_edited_context_anchors_on_reissue(
    library: Library, tmp_path: Path
) -> None:
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    v1 = compose_pdf(
        _with_background(V1_BACKGROUND), tmp_path / "v1" / "dagsorden.pdf", style="kkr"
    )
    v2 = compose_pdf(
        _with_background(V2_BACKGROUND), tmp_path / "v2" / "dagsorden.pdf", style="kkr"
    )
    import_paths(library, [v1])
    doc = library.meetings()[0].documents[0]
    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    store = AnnotationStore(library, vault)
    made = store.annotate_quote(doc.id, _page_with(library, doc.id, doc.pages, QUOTE), QUOTE)
    assert made.prefix and made.suffix and made.prefix.endswith("regionen har ")

    assert import_paths(library, [v2]).new_versions == 1
    assert reanchor_pending(library, vault) == (1, 0)
    new = library.document(doc.id)
    [view] = store.annotations(doc.id)
    assert view.status == "anchored" and view.version == 2
    assert view.page == _page_with(library, doc.id, new.pages, QUOTE)
    assert view.anchor is not None and view.anchor.method == "quote"
    assert view.anchor.exact == QUOTE
    # its rectangles were measured on the new layout and cover the quote
    assert view.rects
    with pymupdf.open(library.document_file(doc.id)) as pdf:
        seen = " ".join(pdf[view.page - 1].get_textbox(r) for r in view.rects)
    assert " ".join(seen.split()) == QUOTE


def _place(old_text: str, quote: str, new_text: str, nth: int = 0) -> tuple[int, int] | None:
    """Re-anchor the ``nth`` occurrence of ``quote`` in a one-page ``old_text``."""
    old = VersionText.from_pages(1, [old_text])
    new = VersionText.from_pages(2, [new_text])
    start = -1
    for _ in range(nth + 1):
        start = old.text.index(quote, start + 1)
    end = start + len(quote)
    prefix, suffix = old.context(start, end)
    found = anchor_text(Source(start, end, quote, prefix, suffix), new, LineMap(old, new), old)
    return None if found is None else (found[1], found[2])


FILLER = "\n".join(f"Linje {n} med almindelig tekst om budgettet for året." for n in range(40))


def test_unique_quote_anchors_whatever_its_context() -> None:
    quote = "skolestrukturen i den nordlige del af kommunen"
    old = f"{FILLER}\nForvaltningen har vurderet {quote} og anbefaler ro.\n{FILLER}"
    new = f"Ny indledning.\n{FILLER}\nI høringen blev {quote} drøftet grundigt.\n{FILLER}"
    assert _place(old, quote, new) == (new.index(quote), new.index(quote) + len(quote))


def test_repeated_quote_goes_where_its_edited_context_points() -> None:
    quote = "Det indstilles, at"
    old = (
        f"Punkt 1 om veje.\nIndstilling til udvalget om vejene\n{quote} vejplanen godkendes.\n"
        f"{FILLER}\nPunkt 2 om skoler.\nIndstilling om skolerne\n{quote} skoleplanen sendes "
        f"i høring.\n{FILLER}"
    )
    # both occurrences remain; the second's surroundings were edited a little
    new = (
        f"Punkt 1 om veje.\nIndstilling til udvalget om vejene\n{quote} vejplanen godkendes.\n"
        f"{FILLER}\nPunkt 2 om skolerne.\nIndstilling om skolerne:\n{quote} skoleplanen "
        f"sendes i offentlig høring.\n{FILLER}"
    )
    second = new.index(quote, new.index(quote) + 1)
    assert _place(old, quote, new, nth=1) == (second, second + len(quote))
    assert _place(old, quote, new, nth=0) == (new.index(quote), new.index(quote) + len(quote))


def test_repeated_quote_with_no_telling_context_stays_orphaned() -> None:
    quote = "Det indstilles, at"
    old = f"{FILLER}\nOm havnen.\n{quote} havnen udvides.\n{FILLER}"
    # the item was rewritten: the phrase now stands twice, in unrelated sentences, far away
    new = (
        f"Helt ny tekst om noget andet.\n{quote} borgerne høres.\n{FILLER}\n"
        f"{FILLER}\n{FILLER}\nAndet afsnit.\n{quote} sagen udsættes.\n"
    )
    assert _place(old, quote, new) is None


def test_quote_from_deleted_copy_is_not_placed_on_the_other() -> None:
    quote = "udgifterne afholdes inden for rammen"
    old = (
        f"Punkt A om idrætshaller og deres anlæg.\n{quote} for anlæg.\n{FILLER}\n"
        f"Punkt B om idrætshaller og deres drift.\n{quote} for drift.\n{FILLER}"
    )
    new = f"Punkt A om idrætshaller og deres anlæg.\n{quote} for anlæg.\n{FILLER}\n{FILLER}"
    # the quote stood twice, in much the same words; B was deleted. B's copy resembles A's
    # place, but A's own copy fits it better: B's is not moved there, A's stays
    assert _place(old, quote, new, nth=1) is None
    assert _place(old, quote, new, nth=0) == (new.index(quote), new.index(quote) + len(quote))
