"""What notes and annotations accept (colours, links) and where exports may be written."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import keyring.backends.fail
import pymupdf
import pytest

from reader.cli import main
from reader.library import Library
from reader.library.importer import import_paths
from reader.notes.annotation_store import AnnotationStore
from reader.notes.models import NoteInputError, bad_links
from reader.notes.note_store import NoteStore
from reader.notes.pdfimport import import_pdf_annotations
from reader.notes.w3c import w3c_annotations
from reader.vault import Vault, open_vault
from tests.support.library_fixtures import agenda_pdf
from tests.support.notes_fixtures import PASSPHRASE, library_with_agenda


@pytest.fixture
def vault(library: Library, monkeypatch: pytest.MonkeyPatch) -> Vault:
    monkeypatch.setenv("MOEDEMAPPE_PASSPHRASE", PASSPHRASE)  # for the in-process CLI
    fail = keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]
    return open_vault(library, backend=fail, passphrase=PASSPHRASE)


def run(lib: Library, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["--data-dir", str(lib.paths.root), *args], out=out), out.getvalue()


UNSAFE = [
    "[klik](javascript:alert(1))",
    "[klik]( JavaScript:alert(1))",
    "[klik](<java\tscript:alert(1)>)",
    "[klik](javascript&#58;alert(1))",
    "![billede](data:text/html;base64,PHNjcmlwdD4=)",
    "<vbscript:msgbox(1)>",
    "[ref]: file:///etc/passwd",
    '<a href="java&#x09;script:alert(1)">her</a>',
]
SAFE = [
    "[kommunen](https://kk.dk/punkt) og [mail](mailto:udvalg@kk.dk)",
    "<http://example.org/sag>",
    "[relativ](bilag/2.1.pdf)",
    "Skriv javascript: i søgefeltet",  # not a link: words
    "Tid: 10:30, sted: rådhuset",
]


@pytest.mark.parametrize("text", UNSAFE)
def test_links_other_than_http_https_mailto_are_refused(
    library: Library, vault: Vault, tmp_path: Path, text: str
) -> None:
    meeting, doc = library_with_agenda(library, tmp_path)
    assert bad_links(text)
    notes, anns = NoteStore(library, vault), AnnotationStore(library, vault)
    with pytest.raises(NoteInputError, match="kun http-, https- og mailto-links er tilladt"):
        notes.add(meeting, f"Se nedenfor:\n{text}")
    ok = notes.add(meeting, "uskyldig")
    with pytest.raises(NoteInputError, match=f"noten {ok.id} har et link"):
        notes.save(ok.id, text)
    assert notes.get(ok.id).text == "uskyldig"
    with pytest.raises(NoteInputError):
        anns.annotate_quote(doc, 4, "løsningen udbredes", note=text)
    with pytest.raises(NoteInputError):
        anns.add_shape(doc, 3, "textbox", rect=(80, 80, 300, 120), text=text)
    view = anns.annotate_quote(doc, 4, "løsningen udbredes", note="ok")
    with pytest.raises(NoteInputError):
        anns.update(view.id, note=text)
    assert anns.load_one(view.id).data["note"] == "ok"
    assert library.conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1


@pytest.mark.parametrize("text", SAFE)
def test_web_and_mail_links_and_plain_words_are_kept(
    library: Library, vault: Vault, tmp_path: Path, text: str
) -> None:
    meeting, doc = library_with_agenda(library, tmp_path)
    assert bad_links(text) == []
    assert NoteStore(library, vault).add(meeting, text).text == text
    view = AnnotationStore(library, vault).annotate_quote(doc, 4, "løsningen udbredes", note=text)
    assert view.note == text


def test_cli_refuses_bad_colours_and_links_in_one_line(
    library: Library, vault: Vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting, doc = library_with_agenda(library, tmp_path)
    base = ["annotate", str(doc), "--page", "4", "--quote", "løsningen udbredes"]
    for extra, message in (
        (["--color", "#zzz"], "'#zzz' er ikke en farve: brug #rgb, #rrggbb eller en af"),
        (["--color", "red; } body { x"], "er ikke en farve"),
        (["--color", "#12345"], "er ikke en farve"),
        (["--note", "[x](javascript:alert(1))"], "har et link til 'javascript:alert(1'"),
    ):
        code, out = run(library, *base, *extra)
        err = capsys.readouterr().err
        assert (code, out) == (1, "") and message in err, err
        assert len(err.strip().splitlines()) == 1 and "internal error" not in err
    code, _ = run(library, "notes", "add", str(meeting), "--text", "<javascript:alert(1)>")
    assert code == 1 and "kun http-, https- og mailto-links" in capsys.readouterr().err
    assert library.conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0
    for given, stored in (("#ABC", "#aabbcc"), ("Gul", "#ffd400"), ("blue", "#1565c0")):
        code, out = run(library, *base, "--color", given, "--json")
        assert code == 0 and json.loads(out)["color"] == stored


def test_a_colour_stored_before_colours_were_checked_never_reaches_an_export(
    library: Library, vault: Vault, tmp_path: Path
) -> None:
    _, doc = library_with_agenda(library, tmp_path)
    anns = AnnotationStore(library, vault)
    view = anns.annotate_quote(doc, 4, "løsningen udbredes")
    data = dict(anns.load_one(view.id).data, color="red; } * { background: url(x)")
    nonce, ct = vault.seal("annotation", view.id, data)
    library.conn.execute(
        "UPDATE annotations SET nonce = ?, ciphertext = ? WHERE id = ?", (nonce, ct, view.id)
    )
    assert anns.annotations(doc)[0].color == "#ffd400"  # the highlight's default
    [item] = w3c_annotations(library, vault, doc)["first"]["items"]
    assert item["stylesheet"]["value"].endswith("{ background-color: #ffd400; }")


def test_pdf_annotations_with_unsafe_links_are_not_imported(
    library: Library, vault: Vault, tmp_path: Path
) -> None:
    src = agenda_pdf(tmp_path / "src" / "dagsorden.pdf")
    with pymupdf.open(src) as pdf:
        page = pdf[3]
        page.add_text_annot((400, 100), "[se her](javascript:alert(1))").update()
        page.add_text_annot((400, 200), "[se her](https://kk.dk)").update()
        out = tmp_path / "annoteret" / "dagsorden.pdf"
        out.parent.mkdir()
        pdf.save(out)
    import_paths(library, [out])
    doc = library.meetings()[0].documents[0].id
    report = import_pdf_annotations(library, vault, doc)
    assert [v.note for v in report.added] == ["[se her](https://kk.dk)"]
    assert report.skipped == ["side 4: Text med et link til 'javascript:alert(1'"]


# -- where exports go --------------------------------------------------------------------


def test_exports_to_a_folder_get_a_name_there(
    library: Library, vault: Vault, tmp_path: Path
) -> None:
    meeting, doc = library_with_agenda(library, tmp_path)
    NoteStore(library, vault).add(meeting, "til formødet")
    AnnotationStore(library, vault).annotate_quote(doc, 4, "løsningen udbredes")
    folder = tmp_path / "Skrivebord"
    folder.mkdir()
    for args, name in (
        (["export-notes", str(meeting), "--md", str(folder)], f"noter-{meeting}.md"),
        (["export-notes", str(meeting), "--pdf", f"{folder}{os.sep}"], f"noter-{meeting}.pdf"),
        (["export", str(doc), "--pdf", str(folder)], f"dokument-{doc}.pdf"),
        (["export-annotations", str(doc), "--w3c", str(folder)], f"annotationer-{doc}.jsonld"),
    ):
        code, out = run(library, *args)
        assert code == 0 and out.startswith(str(folder / name)), out
        assert (folder / name).stat().st_size > 0
        assert (folder / name).stat().st_mode & 0o777 == 0o600
    assert "til formødet" in (folder / f"noter-{meeting}.md").read_text()
    names = {f"noter-{meeting}.md", f"noter-{meeting}.pdf", f"dokument-{doc}.pdf"}
    assert {p.name for p in folder.iterdir()} == {*names, f"annotationer-{doc}.jsonld"}


def test_exports_to_a_missing_folder_are_one_clear_line(
    library: Library, vault: Vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting, doc = library_with_agenda(library, tmp_path)
    NoteStore(library, vault).add(meeting, "til formødet")
    missing = tmp_path / "findes-ikke"
    a_file = tmp_path / "fil.txt"
    a_file.write_text("x")
    for args, message in (
        (
            ["export-notes", str(meeting), "--md", str(missing / "n.md")],
            f"kan ikke gemme {missing / 'n.md'}: mappen {missing} findes ikke",
        ),
        (
            ["export-notes", str(meeting), "--pdf", f"{missing}{os.sep}"],
            f"kan ikke gemme eksporten: mappen {missing} findes ikke",
        ),
        (
            ["export", str(doc), "--pdf", str(missing / "a.pdf")],
            f"kan ikke gemme {missing / 'a.pdf'}: mappen {missing} findes ikke",
        ),
        (
            ["export-annotations", str(doc), "--w3c", str(a_file / "a.jsonld")],
            f"kan ikke gemme {a_file / 'a.jsonld'}: {a_file} er ikke en mappe",
        ),
    ):
        code, out = run(library, *args)
        err = capsys.readouterr().err
        assert (code, out) == (1, "")
        assert err == f"moedemappe: {message}\n"
    assert not missing.exists() and a_file.read_text() == "x"
