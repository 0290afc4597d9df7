"""The core's words in the member's language: Danish by default, English when chosen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest

from reader.errors import (
    KeychainLocked,
    PassphraseMissing,
    PdfError,
    VaultLocked,
    WrongPassphrase,
)
from reader.i18n import ENV_LANG, language, plural, say, set_language
from reader.library import Library
from reader.pdf.document import analyse_pdf
from reader.search.limits import Notice
from reader.vault import open_vault, vault_status
from tests.support.library_fixtures import agenda_pdf
from tests.support.notes_fixtures import PASSPHRASE, LockedKeyring, file_keyring


@pytest.fixture(autouse=True)
def _language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts with no language chosen and none in the environment, and ends so."""
    monkeypatch.delenv(ENV_LANG, raising=False)
    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE", raising=False)
    set_language(None)
    yield
    set_language(None)


def test_danish_unless_english_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    assert language() == "da" and say("side", "page") == "side"
    monkeypatch.setenv(ENV_LANG, "en")
    assert language() == "en" and say("side", "page") == "page"


def test_set_language_overrides_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_LANG, "en")
    set_language("da")
    assert language() == "da" and say("nøgleringen er låst", "the keychain is locked") == (
        "nøgleringen er låst"
    )
    monkeypatch.setenv(ENV_LANG, "da")
    set_language("en_GB")
    assert language() == "en"
    set_language(None)  # back to what the environment says
    assert language() == "da"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", "dagsorden.pdf: beskadiget PDF, filen er afkortet"),
        ("en", "dagsorden.pdf: damaged PDF, the file is truncated"),
    ],
)
def test_a_damaged_pdf_is_named_first_in_either_language(
    tmp_path: Path, lang: str, expected: str
) -> None:
    data = agenda_pdf(tmp_path / "dagsorden.pdf").read_bytes()
    set_language(lang)
    with pytest.raises(PdfError) as raised:
        analyse_pdf(data[: len(data) // 2], "dagsorden.pdf")
    assert str(raised.value) == expected
    with pytest.raises(PdfError) as raised:
        analyse_pdf(b"Dette er et brev", "brev.pdf")
    assert (
        str(raised.value)
        == {
            "da": "brev.pdf: filen er ikke en PDF",
            "en": "brev.pdf: not a PDF file",
        }[lang]
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", "adgangskoden til dine noter er forkert (intet blev ændret)"),
        ("en", "wrong passphrase for the notes vault (nothing was changed)"),
    ],
)
def test_a_wrong_passphrase_in_either_language(library: Library, lang: str, expected: str) -> None:
    no_keychain = keyring.backends.fail.Keyring()
    open_vault(library, backend=no_keychain, passphrase=PASSPHRASE)
    set_language(lang)
    with pytest.raises(WrongPassphrase) as raised:
        open_vault(library, backend=no_keychain, passphrase="en anden frase")
    assert str(raised.value) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("da", "nøgleringen er låst"), ("en", "the keychain is locked")],
)
def test_a_locked_keychain_is_its_own_kind_in_either_language(
    library: Library, tmp_path: Path, lang: str, expected: str
) -> None:
    """keyring's ``KeyringLocked`` becomes ``KeychainLocked``, and the status is read from
    the kind, not the words."""
    set_language(lang)
    with pytest.raises(KeychainLocked) as raised:
        open_vault(library, backend=LockedKeyring())
    assert expected in str(raised.value) and "MOEDEMAPPE_PASSPHRASE" in str(raised.value)
    open_vault(library, backend=file_keyring(tmp_path / "kr.json"))  # set up with a keychain
    with pytest.raises(VaultLocked) as locked:
        open_vault(library, backend=LockedKeyring())
    assert [type(c) for c in locked.value.causes] == [KeychainLocked, PassphraseMissing]
    assert expected in str(locked.value)
    assert vault_status(library, backend=LockedKeyring()).keychain == "locked"


def test_plural_forms() -> None:
    forms = {
        ("side", "sider", "page", "pages"): ("1 side", "2 sider", "1 page", "2 pages"),
        ("dokument", "dokumenter", "document", "documents"): (
            "1 dokument",
            "2 dokumenter",
            "1 document",
            "2 documents",
        ),
        ("møde", "møder", "meeting", "meetings"): ("1 møde", "2 møder", "1 meeting", "2 meetings"),
    }
    for nouns, (da_one, da_many, en_one, en_many) in forms.items():
        set_language("da")
        assert (plural(1, *nouns), plural(2, *nouns), plural(0, *nouns)) == (
            da_one,
            da_many,
            "0" + da_many[1:],
        )
        set_language("en")
        assert (plural(1, *nouns), plural(2, *nouns)) == (en_one, en_many)
        assert plural(1, *nouns, lang="da") == da_one  # asked for in a given language


def test_a_search_notice_counts_pages_in_the_chosen_language() -> None:
    set_language("da")
    assert Notice("index_behind", 1).message().startswith("1 side er endnu ikke")
    assert Notice("index_behind", 3).message().startswith("3 sider er endnu ikke")
    assert Notice("index_behind", 1).message("en").startswith("1 page is not in")
    set_language("en")
    assert Notice("index_built", 2).message() == "The search index was built first (2 pages)."
    assert Notice("time", 1.5).message("da").startswith("Søgningen blev afbrudt efter 1,5 s")
