"""Every form of a word: singular, plural, definite and genitive find each other, the form
typed first, compounds after; German in German documents; the lemma tables load lazily."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reader.search import lemmas
from reader.search.analysis import detect_language, key, stem, tokens
from tests.support.word_forms import measure, nouns, ram_index, ranked

ROOT = Path(__file__).resolve().parents[3]


def test_each_form_of_two_hundred_nouns_finds_the_others() -> None:
    rows = nouns()
    assert len(rows) >= 200 and all(len(r) == 5 for r in rows)
    recall = measure(rows)
    assert recall.pairs == len(rows) * 5 * 4
    assert recall.ratio >= 0.99, recall.misses


def test_the_forms_snowball_keeps_apart_share_a_key() -> None:
    assert stem("praktikplads") != stem("praktikpladser")
    forms = ["praktikplads", "praktikpladsen", "praktikpladser", "praktikpladserne"]
    assert {key(w) for w in [*forms, "praktikpladsens"]} == {key("praktikplads")}
    assert key("kronikerindsatsen") == key("kronikerindsats")  # a compound the table lacks
    assert key("børnene") == key("barn")
    # a comparison is not a form of the adjective: "ældre" does not find "gamle"
    assert key("ældre") != key("gammel") and key("bedre") != key("god")


def test_a_word_finds_every_form_with_the_form_typed_first_and_compounds_after() -> None:
    ix = ram_index(
        {
            "plads": "Der er en ledig praktikplads i Ballerup.",
            "pladser": "Kommunen opretter flere praktikpladser.",
            "pladserne": "Praktikpladserne fordeles efter ansøgning.",
            "parkering": "Parkeringspladser ved rådhuset nedlægges.",
            "indsats": "Kronikerindsatsen evalueres i 2013.",
            "other": "Budgettet for skolerne er vedtaget.",
        }
    )
    found = ranked(ix, "praktikplads")
    assert found[0] == "plads" and set(found) == {"plads", "pladser", "pladserne"}
    assert ranked(ix, "praktikpladser")[0] == "pladser"
    assert ranked(ix, "parkeringsplads") == ["parkering"]
    assert set(ranked(ix, "plads")) == {"plads", "pladser", "pladserne", "parkering"}
    assert ranked(ix, "kronikerindsats") == ["indsats"]
    # a word in quotes keeps to its Snowball stem, as before: no singular, no compounds
    assert set(ranked(ix, '"praktikpladser"')) == {"pladser", "pladserne"}


def test_german_documents_are_analysed_as_german() -> None:
    german = "Der Gemeinderat hat die Anträge der Fraktion nicht angenommen und wird sie prüfen."
    danish = "Kommunalbestyrelsen har ikke godkendt forslaget, og sagen skal behandles igen."
    assert detect_language(german) == "de" and detect_language(danish) == "da"
    ix = ram_index(
        {
            "antrag": "Der Antrag wird mit den Stimmen der Fraktion angenommen.",
            "anträge": german,
            "sitzung": "Die Gemeinderatssitzungen finden im Rathaus statt.",
            "da": danish,
        }
    )
    assert set(ranked(ix, "Antrag")) == {"antrag", "anträge"}
    assert set(ranked(ix, "Anträgen")) == {"antrag", "anträge"}
    assert ranked(ix, "Sitzung") == ["sitzung"]
    assert ranked(ix, "sagen") == ["da"]
    # German stop words are left out of a German page, Danish ones stay Danish
    assert [t.word for t in tokens("die Anträge und der Rat", lang="de")] == ["anträge", "rat"]


def test_the_tables_load_on_first_use_only() -> None:
    code = (
        "import json\n"
        "import reader.search, reader.search.searcher, reader.search.indexer\n"
        "from reader.search import lemmas\n"
        "before = [lemmas.loaded(l) for l in lemmas.LANGUAGES]\n"
        "from reader.search.analysis import tokens\n"
        "tokens('praktikpladserne', lang='da')\n"
        "print(json.dumps([before, [lemmas.loaded(l) for l in lemmas.LANGUAGES]]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [[False, False], [True, False]]


def test_preload_loads_on_a_thread_of_its_own() -> None:
    thread = lemmas.preload(["da"])
    thread.join(30)
    assert lemmas.loaded("da") and thread.name == "lemma-tables"
