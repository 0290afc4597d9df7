"""Notes and annotations through the API: anchoring, re-anchoring, PDF import, exports."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import keyring.backends.fail
import pymupdf
import pytest

from reader.errors import AnchorError, NotFoundError
from reader.library import Library
from reader.library.importer import import_paths
from reader.notes.annotation_store import AnnotationStore
from reader.notes.export import export_pdf
from reader.notes.note_store import NoteStore
from reader.notes.pdfimport import import_pdf_annotations
from reader.notes.reanchor import reanchor_pending
from reader.notes.summary import notes_summary, summary_markdown, summary_pdf
from reader.notes.text import PAGE_SEP, VersionText, find_tolerant
from reader.notes.w3c import w3c_annotations
from reader.vault import Vault, open_vault
from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.notes_fixtures import PASSPHRASE, library_with_agenda


@pytest.fixture
def vault(library: Library) -> Vault:
    return open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)


def test_find_tolerant_reads_like_a_reader() -> None:
    page = "Det indstilles, at løsningen\nudbredes i hele regionen og at imple-\nmentering sker nu."
    assert find_tolerant(page, "løsningen udbredes") == (19, 37)
    assert page[slice(*find_tolerant(page, "løsningen   \n udbredes") or (0, 0))].startswith("løs")
    s, e = find_tolerant(page, "imple- mentering") or (0, 0)
    assert page[s:e] == "imple-\nmentering"
    s, e = find_tolerant(page, "implementering sker") or (0, 0)
    assert page[s:e] == "imple-\nmentering sker"
    assert find_tolerant(page, "findes ikke") is None
    vt = VersionText.from_pages(1, ["side et", "side to"])
    assert vt.text == "side et" + PAGE_SEP + "side to"
    assert vt.page_of(vt.starts[1]) == 2 and vt.page_of(3) == 1


def test_notes_on_meeting_item_and_page(library: Library, vault: Vault, tmp_path: Path) -> None:
    meeting, doc = library_with_agenda(library, tmp_path)
    store = NoteStore(library, vault)
    a = store.add(meeting, "Om mødet")
    b = store.add(meeting, "Om punkt 2.1", item_number="2.1")
    c = store.add(meeting, "Om side 4", document_id=doc, page=4)
    saved = store.save(b.id, "Om punkt 2.1 — rettet")
    assert saved.updated >= b.updated and saved.created == b.created
    assert [(n.id, n.text) for n in store.notes(meeting)] == [
        (a.id, "Om mødet"),
        (c.id, "Om side 4"),
        (b.id, "Om punkt 2.1 — rettet"),
    ]
    assert [n.id for n in store.decrypted_notes()] == [n.id for n in store.notes(meeting)]
    with pytest.raises(NotFoundError, match=r"intet dagsordenspunkt 9\.9"):
        store.add(meeting, "x", item_number="9.9")
    with pytest.raises(NotFoundError, match="side 1-"):
        store.add(meeting, "x", document_id=doc, page=99)
    store.delete(a.id)
    with pytest.raises(NotFoundError):
        store.get(a.id)


def test_annotation_records_quote_position_and_rectangles(
    library: Library, vault: Vault, tmp_path: Path
) -> None:
    _, doc = library_with_agenda(library, tmp_path)
    store = AnnotationStore(library, vault)
    view = store.annotate_quote(doc, 4, "Det   indstilles,\nat løsningen udbredes", note="ja")
    assert view.quote == "Det indstilles, at løsningen udbredes"
    assert view.prefix and view.prefix.endswith("Indstilling\n") and len(view.prefix) == 32
    assert view.suffix and view.suffix.startswith(".\nBilag")
    assert view.position is not None
    vt_text = "".join(library.page_text(doc, p) + (PAGE_SEP if p < 4 else "") for p in range(1, 5))
    assert vt_text[view.position[0] : view.position[1]] == view.quote
    [rect] = view.rects
    with pymupdf.open(library.document_file(doc)) as pdf:
        assert " ".join(pdf[3].get_textbox(rect).split()) == view.quote
    with pytest.raises(AnchorError, match="står ikke på side 3"):
        store.annotate_quote(doc, 3, "løsningen udbredes")


def test_reissue_carries_annotations_over_and_orphans_deleted_text(
    library: Library, vault: Vault, tmp_path: Path
) -> None:
    _, doc = library_with_agenda(library, tmp_path, extra="Piloten sluttede i marts.")
    store = AnnotationStore(library, vault)
    kept = store.annotate_quote(doc, 4, "Det indstilles, at løsningen udbredes")
    gone = store.annotate_quote(doc, 4, "Piloten sluttede i marts.", kind="underline")
    ink = store.add_shape(doc, 3, "ink", ink=[[(100, 100), (150, 120), (200, 110)]], note="!")
    box = store.add_shape(doc, 4, "rectangle", rect=(80, 150, 300, 200))
    # version 2: a new front page pushes everything down, and the sentence is gone
    v2 = tmp_path / "v2" / "dagsorden.pdf"
    agenda_pdf(v2, extra="Ny sætning om noget andet.")
    with pymupdf.open(v2) as pdf:
        pdf.insert_page(0, text="Forside indsat ved genudsendelse")
        data = pdf.tobytes()
    v2.write_bytes(data)
    assert import_paths(library, [v2]).new_versions == 1
    assert reanchor_pending(library, vault) == (2, 2)
    views = {v.id: v for v in store.annotations(doc)}
    assert (views[kept.id].status, views[kept.id].page, views[kept.id].version) == (
        "anchored",
        5,
        2,
    )
    with pymupdf.open(library.document_file(doc)) as pdf:
        text = pdf[4].get_textbox(views[kept.id].rects[0])
    assert " ".join(text.split()) == kept.quote
    assert views[gone.id].status == "orphan" and views[gone.id].quote == gone.quote
    # ink follows its page, whose text is unchanged; a shape on the edited page is not guessed
    assert (views[ink.id].status, views[ink.id].page) == ("anchored", 4)
    assert views[ink.id].rects == ink.origin_rects
    assert views[box.id].status == "orphan"
    # the anchors on version 1 are kept
    old = {v.id: v for v in store.annotations(doc, library.versions(doc)[0]["id"])}
    assert old[gone.id].status == "anchored" and old[gone.id].page == 4
    assert reanchor_pending(library, vault) == (0, 0)  # the cursor moved on


def test_import_annotations_made_in_another_reader(
    library: Library, vault: Vault, tmp_path: Path
) -> None:
    src = agenda_pdf(tmp_path / "src" / "dagsorden.pdf")
    with pymupdf.open(src) as pdf:
        page = pdf[3]
        quads = page.search_for("løsningen udbredes", quads=True)
        hl = page.add_highlight_annot(quads)
        hl.set_info(content="fra en anden læser")
        hl.update()
        page.add_text_annot((400, 100), "husk dette").update()
        page.add_ink_annot([[(100, 700), (150, 720)]]).update()
        out = tmp_path / "annoteret" / "dagsorden.pdf"
        out.parent.mkdir()
        pdf.save(out)
    import_paths(library, [out])
    doc = library.meetings()[0].documents[0].id
    report = import_pdf_annotations(library, vault, doc)
    kinds = sorted(v.kind for v in report.added)
    assert kinds == ["highlight", "ink", "sticky"]
    hl_view = next(v for v in report.added if v.kind == "highlight")
    assert (hl_view.quote, hl_view.note, hl_view.page) == (
        "løsningen udbredes",
        "fra en anden læser",
        4,
    )
    assert next(v for v in report.added if v.kind == "sticky").note == "husk dette"
    again = import_pdf_annotations(library, vault, doc)
    assert (again.added, again.already) == ([], 3)


def _pdf_readable_by_poppler(path: Path) -> None:
    if shutil.which("pdfinfo") is None:
        return  # PyMuPDF's own check below still runs
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_exports(library: Library, vault: Vault, tmp_path: Path) -> None:
    meeting, doc = library_with_agenda(library, tmp_path)
    import_paths(library, [plain_pdf(tmp_path / "b" / "Evaluering af piloten.pdf", "Resultat")])
    notes = NoteStore(library, vault)
    notes.add(meeting, "Forberedelse: **læs bilaget**")
    notes.add(meeting, "Spørg om driften", item_number="2.1")
    anns = AnnotationStore(library, vault)
    a = anns.annotate_quote(doc, 4, "TeleHjerte har kørt som pilot", note="Hvor længe?")
    b = anns.annotate_quote(doc, 4, "fordelingen godkendes", kind="strikeout")
    anns.add_shape(doc, 3, "rectangle", rect=(80, 80, 200, 140), note="boks")
    anns.add_shape(doc, 3, "textbox", rect=(300, 80, 500, 120), text="Min tekstboks")

    out = tmp_path / "ud" / "annoteret.pdf"
    out.parent.mkdir()
    report = export_pdf(library, vault, doc, out)
    assert (report.placed, report.orphans) == (4, 0)
    _pdf_readable_by_poppler(out)
    with pymupdf.open(out) as pdf:
        page4, page3 = pdf[3], pdf[2]  # annotations live only as long as their page object
        on4 = {an.type[1]: (an.info["content"], an.rect) for an in page4.annots()}
        on3 = sorted(an.type[1] for an in page3.annots())
        assert sorted(on4) == ["Highlight", "StrikeOut"]
        assert on4["Highlight"][0] == "Hvor længe?"
        assert "TeleHjerte har kørt som pilot" in page4.get_textbox(on4["Highlight"][1])
        assert on3 == ["FreeText", "Square"]
    assert not any(library.paths.tmp.iterdir())

    summary = notes_summary(library, vault, meeting)
    md = summary_markdown(summary)
    assert md.index("Forberedelse") < md.index("## 2.1.") < md.index("Spørg om driften")
    assert md.index("Spørg om driften") < md.index("> TeleHjerte har kørt som pilot")
    assert "— Dagsorden, s. 4" in md and "Note: Hvor længe?" in md
    assert md.index("## 2.1.") < md.index("## 2.2.") < md.index("> fordelingen godkendes")
    pdf_bytes = summary_pdf(summary)
    with pymupdf.open(stream=pdf_bytes) as pdf:
        text = " ".join(" ".join(p.get_text().split()) for p in pdf)
    assert "Spørg om driften" in text and "TeleHjerte har kørt som pilot" in text
    assert "læs bilaget" in text and "**" not in text

    data = w3c_annotations(library, vault, doc)
    json.dumps(data)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 4
    items = {i["id"]: i for i in data["first"]["items"]}
    item = next(i for i in items.values() if i["id"].endswith(a.id[-12:]))
    selectors = {s["type"]: s for s in item["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == a.quote
    assert selectors["TextQuoteSelector"]["prefix"] == a.prefix
    assert selectors["TextPositionSelector"]["start"] == a.position[0]  # type: ignore[index]
    assert selectors["FragmentSelector"]["value"].startswith("page=4&viewrect=")
    assert item["body"][0]["value"] == "Hvor længe?"
    assert item["motivation"] == "highlighting"
    assert any(i["motivation"] == "editing" for i in items.values()) and b.quote
