"""Word forms: the dictionary form (lemma) of a Danish or German word, for the index's keys.

Snowball's Danish stemmer leaves singular and plural of many nouns apart (``plads`` stems to
``plad``, ``pladser`` to ``plads``; ``indsats``/``indsatser``, ``børn``/``barn``), so a
member who types one form missed pages with the other. simplemma (MIT) ships full-form lemma
tables for Danish and German in its wheel: ``praktikpladser`` → ``praktikplads``,
``børnene`` → ``barn``, ``Anträge`` → ``Antrag``. Only its dictionary is used, plus one rule
of our own for compounds the table lacks (``kronikerindsatsen``: the longest known tail,
``indsatsen`` → ``indsats``, keeps its modifier); its guessing strategies are not, since a
guessed lemma that is wrong (``empowerment`` → ``empowermene``) would join words that have
nothing in common.

A lemma is only taken when it plausibly is the same word: it starts with the same letter
(which keeps ``ældre`` apart from ``gammel`` and ``bedre`` from ``god``, comparisons a
member searching ``ældre`` does not mean), it is at most two letters longer, and the word
has at least four letters.

A table takes 0.5 s (Danish) to 1 s (German) to load and some 60 MB: it is loaded on first
use, by whichever thread needs it first, and :func:`preload` loads it on a thread of its
own so that a window can have it ready before the first search. The window process never
imports this module at start.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from importlib import metadata

LANGUAGES = ("da", "de")
MIN_WORD = 4  # shorter words are taken as they are: "kan", "gav", "red" mislead
MAX_LONGER = 2  # a lemma at most this much longer than the word ("skrev" → "skrive")
COMPOUND_HEAD = 4  # the shortest known tail a compound is lemmatised by
COMPOUND_MODIFIER = 3
_FOLD = str.maketrans("äöü", "aou")

_tables: dict[str, Mapping[str, str]] = {}
_load_lock = threading.Lock()


def version() -> str:
    """simplemma's version: its tables decide the index's keys, so a new one rebuilds it."""
    try:
        return metadata.version("simplemma")
    except metadata.PackageNotFoundError:  # pragma: no cover - a broken install
        return "none"


def table(lang: str) -> Mapping[str, str]:
    """The full-form table of ``lang``, loaded on first use (once, whichever thread asks)."""
    found = _tables.get(lang)
    if found is not None:
        return found
    with _load_lock:
        found = _tables.get(lang)
        if found is None:
            from simplemma.strategies.dictionaries import DefaultDictionaryFactory

            found = DefaultDictionaryFactory(cache_max_size=1).get_dictionary(lang)
            _tables[lang] = found
    return found


def loaded(lang: str) -> bool:
    return lang in _tables


def preload(langs: Iterable[str] = ("da",)) -> threading.Thread:
    """Load the tables of ``langs`` on a daemon thread; returns it (join to wait)."""
    wanted = [lang for lang in langs if lang in LANGUAGES and not loaded(lang)]

    def run() -> None:
        for lang in wanted:
            table(lang)

    thread = threading.Thread(target=run, name="lemma-tables", daemon=True)
    thread.start()
    return thread


def _lookup(words: Mapping[str, str], word: str, lang: str) -> str | None:
    found = words.get(word)
    if found is None and lang == "de":
        found = words.get(word[:1].upper() + word[1:])  # German nouns are listed capitalised
    return found


def _plausible(word: str, lemma: str, lang: str) -> bool:
    if not lemma.isalpha() or len(lemma) > len(word) + MAX_LONGER:
        return False
    if lang == "de":
        return word[:1].translate(_FOLD) == lemma[:1].translate(_FOLD)
    return word[:1] == lemma[:1]


def _find(word: str, lang: str) -> str | None:
    words = table(lang)
    found = _lookup(words, word, lang)
    if found is not None:
        found = found.lower()
        return found if found != word and _plausible(word, found, lang) else None
    # a compound the table lacks: its longest known tail, the modifier kept as it is
    for i in range(COMPOUND_MODIFIER, len(word) - COMPOUND_HEAD + 1):
        head = word[i:]
        found = _lookup(words, head, lang)
        if found is not None:
            found = found.lower()
            if found == head or not _plausible(head, found, lang):
                return None
            return word[:i] + found
    return None


def lemma(word: str, lang: str = "da") -> str | None:
    """The lemma of the lower-case ``word``, or None if it is its own lemma, unknown, or
    not plausibly the same word. (Callers remember the answers: ``analysis.key``.)"""
    if lang not in LANGUAGES or len(word) < MIN_WORD or not word.isalpha():
        return None
    return _find(word, lang)
