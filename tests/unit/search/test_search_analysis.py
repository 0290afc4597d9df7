"""Danish analysis: stems, æ/ø/å, the stop list, rejoined hyphenation, compounds."""

from __future__ import annotations

import pytest

from reader.search._whoosh import lang as whoosh_lang
from reader.search.analysis import (
    COMPOUND_MIN,
    STOP_WORDS,
    DanishAnalyzer,
    analyse_page,
    reverse,
    stem,
    tokens,
)
from tests.support.agenda_fixtures import SEED

stemmer_for_language = whoosh_lang.stemmer_for_language


def words(text: str) -> list[str]:
    return [t.word for t in tokens(text)]


def test_inflected_forms_share_a_stem() -> None:
    assert stem("reformen") == stem("reform") == stem("reformer")
    assert stem("kommunerne") == stem("kommuner") == stem("kommune")
    assert stem("lokalplanen") == stem("lokalplan")


def test_c_stemmer_agrees_with_the_snowball_reference_on_the_seed_minutes() -> None:
    reference = stemmer_for_language("da")
    vocab = {t.word for t in tokens(SEED.read_text(encoding="utf-8"))}
    assert len(vocab) > 1000
    differ = [w for w in vocab if stem(w) != reference(w)]
    assert differ == []


def test_danish_letters_stay_distinct() -> None:
    assert stem("sø") != stem("so")
    assert stem("år") != stem("ar")
    assert stem("ældre") != stem("aeldre")
    assert words("Ærø Øresund Åbenrå") == ["ærø", "øresund", "åbenrå"]
    # a decomposed å (a + combining ring) is the same word as the composed one
    assert words("A\u030abenra\u030a") == ["åbenrå"]


def test_stop_list_keeps_the_words_that_change_meaning() -> None:
    for word in ("ikke", "mod", "skal", "kunne", "efter", "blev"):
        assert word not in STOP_WORDS
        assert words(f"det {word} at") == [word]
    for word in ("og", "at", "det", "i", "på", "af", "til"):
        assert word in STOP_WORDS
    assert words("Indstillingen blev ikke godkendt") == [
        "indstillingen",
        "blev",
        "ikke",
        "godkendt",
    ]


def test_line_end_hyphenation_is_rejoined_and_real_hyphens_kept() -> None:
    text = "Status på implemente-\nring af planen. Sundheds-\nog Ældreudvalget, EU-direktivet"
    toks = tokens(text)
    assert [t.word for t in toks] == [
        "status",
        "implementering",
        "planen",
        "sundheds",
        "ældreudvalget",
        "eu",
        "direktivet",
    ]
    joined = toks[1]
    assert text[joined.start : joined.end] == "implemente-\nring"
    assert words("imple\u00admente\u00adring") == ["implementering"]


def test_offsets_point_at_the_words_in_the_text() -> None:
    text = "  Økonomiudvalget: budget 2026, SAG-2025-01103 og 3.4. punkt"
    for t in tokens(text):
        assert text[t.start : t.end].casefold() == t.word


def test_compound_heads_are_indexed_reversed() -> None:
    terms = analyse_page("Status på sundhedsreformen og reformen")
    assert reverse(stem("sundhedsreformen")) in terms.reversed_stems
    assert all(len(r) >= COMPOUND_MIN for r in terms.reversed_stems)
    assert terms.stems == ["status", "sundhedsreform", "reform"]


@pytest.mark.parametrize("positions", [True, False])
def test_analyzer_passes_pre_analysed_terms_through(positions: bool) -> None:
    ana = DanishAnalyzer()
    toks = [(t.text, t.pos if positions else None) for t in ana(["a", "b"], positions=positions)]
    assert toks == [("a", 0 if positions else None), ("b", 1 if positions else None)]
    assert [t.text for t in ana("Reformerne blev vedtaget")] == [
        stem("reformerne"),
        "blev",
        stem("vedtaget"),
    ]
    assert [t.text for t in DanishAnalyzer(morph=False)("Reformerne")] == ["reformerne"]
