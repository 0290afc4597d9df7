"""Tampered notes, annotations and vault records: what is damaged is named, the rest is
still listed and exported, and a damaged key record is a clear one-line error."""

from __future__ import annotations

import io
import json
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring.backends.fail
import pymupdf
import pytest

from reader.cli import main
from reader.errors import VaultError
from reader.library import Library
from reader.notes.annotation_store import AnnotationStore
from reader.notes.note_store import NoteStore
from reader.paths import DataPaths
from reader.vault import open_vault, vault_status
from tests.support.notes_fixtures import PASSPHRASE, file_keyring, library_with_agenda

pytestmark = pytest.mark.adversarial


@dataclass
class Made:
    data: Path
    meeting: int
    doc: int
    notes: list[str]  # note ids, the first one tampered with below
    annotations: list[str]  # annotation ids


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Made]:
    monkeypatch.setenv("MOEDEMAPPE_PASSPHRASE", PASSPHRASE)
    data = tmp_path / "data"
    with Library(DataPaths(data)) as lib:
        meeting, doc = library_with_agenda(lib, tmp_path)
        fail = keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]
        vault = open_vault(lib, backend=fail, passphrase=PASSPHRASE)
        notes = NoteStore(lib, vault)
        ids = [
            notes.add(meeting, "ødelagt note", item_number="2.1").id,
            notes.add(meeting, "Om mødet i det hele").id,
            notes.add(meeting, "Spørg om prisen", item_number="2.1").id,
        ]
        anns = AnnotationStore(lib, vault)
        made_anns = [
            anns.annotate_quote(doc, 4, "TeleHjerte har kørt", note="ødelagt markering").id,
            anns.annotate_quote(doc, 4, "løsningen udbredes", note="hel markering").id,
            anns.add_shape(doc, 3, "rectangle", rect=(80, 80, 200, 140), note="ødelagt sted").id,
        ]
    yield Made(data, meeting, doc, ids, made_anns)


def _flip(data: Path, table: str, column: str, key: str, value: str) -> None:
    conn = sqlite3.connect(data / "library.sqlite3")
    try:
        blob = bytearray(
            conn.execute(f"SELECT {column} FROM {table} WHERE {key} = ?", (value,)).fetchone()[0]
        )
        blob[3] ^= 0x40
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (bytes(blob), value))
        conn.commit()
    finally:
        conn.close()


def _tamper(made: Made) -> None:
    """One note's text, one annotation's payload and another's anchor are changed."""
    _flip(made.data, "notes", "ciphertext", "id", made.notes[0])
    _flip(made.data, "annotations", "ciphertext", "id", made.annotations[0])
    _flip(made.data, "anchors", "ciphertext", "annotation_id", made.annotations[2])


def run(made: Made, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--data-dir", str(made.data), *args], out=out)
    return code, out.getvalue()


def test_one_tampered_note_is_marked_and_the_others_are_listed(
    made: Made, capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(made)
    code, out = run(made, "notes", "list", str(made.meeting), "--json")
    assert code == 0
    listed = {n["id"]: n for n in json.loads(out)}
    assert set(listed) == set(made.notes)
    bad = listed[made.notes[0]]
    assert bad["text"] is None and bad["item"] == "2.1"
    assert f"noten {made.notes[0]} kan ikke dekrypteres" in bad["unreadable"]
    assert listed[made.notes[2]]["text"] == "Spørg om prisen"
    assert all("unreadable" not in listed[i] for i in made.notes[1:])
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and made.notes[0] in err
    code, out = run(made, "notes", "list", str(made.meeting))
    line = next(x for x in out.splitlines() if x.startswith(made.notes[0]))
    assert "[punkt 2.1]" in line and "ULÆSELIG" in line and "kan ikke dekrypteres" in line
    assert "Om mødet i det hele" in out


def test_tampered_annotations_are_marked_and_the_others_listed(
    made: Made, capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(made)
    code, out = run(made, "annotations", str(made.doc), "--json")
    assert code == 0
    listed = {a["id"]: a for a in json.loads(out)}
    assert set(listed) == set(made.annotations)
    assert listed[made.annotations[1]]["note"] == "hel markering"
    assert listed[made.annotations[1]]["status"] == "anchored"
    for bad_id, what in (
        (made.annotations[0], "markeringen"),
        (made.annotations[2], "placeringen af markeringen"),
    ):
        bad = listed[bad_id]
        assert (bad["status"], bad["quote"], bad["note"]) == ("unreadable", None, None)
        assert f"{what} {bad_id}" in bad["unreadable"]
    assert listed[made.annotations[2]]["kind"] == "rectangle"
    capsys.readouterr()


def test_exports_carry_the_readable_and_mark_the_rest(
    made: Made, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(made)
    out_dir = tmp_path / "ud"
    out_dir.mkdir()
    md = out_dir / "noter.md"
    assert run(made, "export-notes", str(made.meeting), "--md", str(md))[0] == 0
    text = md.read_text()
    assert "Om mødet i det hele" in text and "Spørg om prisen" in text
    assert "> løsningen udbredes" in text and "Note: hel markering" in text
    assert f"**Note {made.notes[0]} kan ikke læses:**" in text
    assert text.index("## 2.1.") < text.index(made.notes[0])  # marked where it belongs
    assert "## Markeringer der ikke kan læses" in text
    assert made.annotations[0] in text and made.annotations[2] in text
    assert "ødelagt" not in text  # nothing of the damaged records is guessed at
    pdf = out_dir / "noter.pdf"
    assert run(made, "export-notes", str(made.meeting), "--pdf", str(pdf))[0] == 0
    with pymupdf.open(pdf) as doc:  # an id may be broken over two lines, its "ff" a ligature
        squeezed = unicodedata.normalize(
            "NFKC", "".join("".join(p.get_text().split()) for p in doc)
        )
    assert "Spørgomprisen" in squeezed and made.notes[0] in squeezed
    code, out = run(made, "export", str(made.doc), "--pdf", str(out_dir / "a.pdf"))
    assert code == 0 and "1 markering (2 ulæselige, udeladt)" in out
    with pymupdf.open(out_dir / "a.pdf") as doc:
        assert [a.info["content"] for a in doc[3].annots()] == ["hel markering"]
    code, out = run(made, "export-annotations", str(made.doc), "--w3c", str(out_dir / "a.jsonld"))
    assert code == 0 and "(2 ulæselige, opført for sig)" in out
    data = json.loads((out_dir / "a.jsonld").read_text())
    assert data["total"] == 1
    assert {u["id"][-12:] for u in data["unreadable"]} == {
        made.annotations[0][-12:],
        made.annotations[2][-12:],
    }
    capsys.readouterr()


def _set_params(data: Path, slot: str, change: dict[str, object] | str) -> None:
    conn = sqlite3.connect(data / "library.sqlite3")
    try:
        raw = conn.execute("SELECT params FROM vault_wraps WHERE slot = ?", (slot,)).fetchone()[0]
        params = change if isinstance(change, str) else json.dumps({**json.loads(raw), **change})
        conn.execute("UPDATE vault_wraps SET params = ? WHERE slot = ?", (params, slot))
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"salt": "zz" * 16}, "saltet er ikke hexadecimalt"),
        ({"salt": "ab"}, "saltet har 1 byte)"),
        ({"salt": None}, "saltet mangler"),
        ({"n": 3000}, "uden for det tilladte"),
        ({"n": 2**40}, "kræver for meget hukommelse"),
        ({"p": 0}, "uden for det tilladte"),
        ({"n": 2**20, "r": 32}, "kræver for meget hukommelse"),
        ({"n": "32768"}, "ikke hele tal"),
        ({"kdf": "md5"}, "ukendt nøgleafledning 'md5'"),
        ("{not json", "dens indstillinger kan ikke læses"),
        ("[1, 2]", "dens indstillinger kan ikke læses"),
    ],
)
def test_a_damaged_passphrase_record_is_one_clear_line(
    made: Made, capsys: pytest.CaptureFixture[str], change: dict[str, object] | str, message: str
) -> None:
    _set_params(made.data, "passphrase", change)
    code, out = run(made, "notes", "list", str(made.meeting))
    err = capsys.readouterr().err
    assert code == 1 and out == ""
    assert err.startswith(
        "moedemappe: bibliotekets oplysninger om adgangskoden til dine noter er beskadiget "
    )
    assert message in err and "intet blev ændret" in err
    assert len(err.strip().splitlines()) == 1 and "internal error" not in err


def test_a_damaged_wrap_is_named_not_taken_for_a_wrong_passphrase(
    made: Made, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(made.data / "library.sqlite3")
    conn.execute("UPDATE vault_wraps SET nonce = x'00' WHERE slot = 'passphrase'")
    conn.commit()
    conn.close()
    code, _ = run(made, "notes", "list", str(made.meeting))
    err = capsys.readouterr().err
    assert code == 1 and "adgangskoden til dine noter er beskadiget (dens nonce" in err


def test_a_damaged_keychain_record_falls_back_on_the_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE", raising=False)
    kr = file_keyring(tmp_path / "kr.json")
    with Library(DataPaths(tmp_path / "data")) as lib:
        meeting, _ = library_with_agenda(lib, tmp_path)
        vault = open_vault(lib, backend=kr, passphrase=PASSPHRASE)
        note = NoteStore(lib, vault).add(meeting, "stadig her")
        for params in ('{"username": 7}', '{"username": "andet-bibliotek"}', "ikke json"):
            lib.conn.execute("UPDATE vault_wraps SET params = ? WHERE slot = 'keychain'", (params,))
            with pytest.raises(
                VaultError, match="oplysninger om nøglen i nøgleringen til dine noter er beskadiget"
            ):
                open_vault(lib, backend=kr)
            again = open_vault(lib, backend=kr, passphrase=PASSPHRASE)
            assert NoteStore(lib, again).get(note.id).text == "stadig her"
            assert vault_status(lib, backend=kr).keychain == "damaged"
