"""Danish text analysis for the search index: one pass over a page yields every field's terms.

Snowball Danish stemming runs in C (PyStemmer, about 20x faster than Whoosh's pure-Python
stemmer, which would dominate indexing time). Letters æ, ø and å stay distinct. The stop list
is Snowball's Danish one minus the words that change meaning (``ikke``, ``mod``, ``skal``, ...),
so a phrase such as ``"ikke godkendt"`` finds what it says. Words hyphenated at a line end
(``implemente-`` / ``ring``) are rejoined, in case the stored text still has them.

Word forms: Snowball leaves some forms of one word apart (``plads`` → ``plad`` but
``pladser`` → ``plads``; ``barn``/``børn``). Each word also has a *key*: the stem of its
lemma (``lemmas.py``), the same for every form of the word. The stems stay what the ``text``
field holds (with positions, for phrases, and so that the form typed ranks first); a word
whose key differs from its stem adds its key to the ``forms`` field, so a query's key finds
every form (see ``compiler.py``).

Compounds: Danish writes ``sundhedsreformen`` as one word, and a search for ``reform`` should
find it. Every stem and key of at least ``COMPOUND_MIN`` letters is also indexed reversed in
a separate field, so "ends with this word" becomes a prefix lookup there.

German: a document whose words are mostly German (OParl sources, German, Austrian and Swiss
minutes) is analysed with Snowball's German stemmer, German stop words and simplemma's German
table; ``detect_language`` tells them apart by their commonest function words.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import Stemmer

from reader.search import lemmas
from reader.search._whoosh import analysis as _wa

Token: Any = _wa.Token
Tokenizer: Any = _wa.Tokenizer

# A compound needs a head of at least 4 letters and a modifier of at least 3.
COMPOUND_HEAD_MIN = 4
COMPOUND_MODIFIER_MIN = 3
COMPOUND_MIN = COMPOUND_HEAD_MIN + COMPOUND_MODIFIER_MIN

# Snowball's Danish stop list, less the words a council member searches with meaning.
_SNOWBALL_DA = """
ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din disse
dog du efter eller en end er et for fra ham han hans har havde have hende hendes her hos hun
hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit mod ned
noget nogle nu når og også om op os over på selv sig sin sine sit skal skulle som sådan thi til
ud under var vi vil ville vor være været
""".split()  # noqa: SIM905 - a word list reads best as text
KEEP = frozenset(
    """
    ikke mod skal skulle kunne vil ville efter over under alle blev blive bliver ned op ind ud
    mange meget hvis når
    """.split()  # noqa: SIM905
)
STOP_WORDS = frozenset(w for w in _SNOWBALL_DA if w not in KEEP)
# German articles, pronouns and particles; negations and prepositions of direction stay.
STOP_WORDS_DE = frozenset(
    """
    aber als am an auch auf aus bei bin bis da dann das dass dem den der des die dies diese
    diesem diesen dieser dieses doch du durch ein eine einem einen einer eines er es euch
    hat hatte ich ihm ihn ihr ihre im in ist ja man mich mir mit nach noch nun nur ob oder
    sein seine sich sie sind so um und uns vom von vor war waren was wenn wie wir wird wo zu
    zum zur
    """.split()  # noqa: SIM905
)
STOPS = {"da": STOP_WORDS, "de": STOP_WORDS_DE}
_STEMMERS = {"da": "danish", "de": "german"}

_WORD = r"[^\W_][\w\u0300-\u036f\u00ad]*"
# A word may continue after a digit-dot-digit (3.4, 1.000), a soft hyphen, or a hyphen at a
# line end followed by a lower-case letter -- but not "Sundheds-" / "og Ældreudvalget".
_JOIN = r"(?:\.(?=\d)|\u00ad[ \t]*\n?[ \t]*|-[ \t]*\n[ \t]*(?=[a-zæøå])(?!(?:og|eller|samt)\b))"
TOKEN_RE = re.compile(f"{_WORD}(?:{_JOIN}{_WORD})*")
_GLUE = re.compile(r"-[ \t]*\n[ \t]*|\u00ad[ \t]*\n?[ \t]*")

_local = threading.local()


def _stemmer(lang: str = "da") -> Any:
    """PyStemmer objects are not thread-safe: one per thread and language."""
    stemmers: dict[str, Any] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    st = stemmers.get(lang)
    if st is None:
        st = stemmers[lang] = Stemmer.Stemmer(_STEMMERS.get(lang, "danish"))
    return st


def stem(word: str, lang: str = "da") -> str:
    """The Snowball stem of a lower-case word (Danish unless ``lang`` says German)."""
    return str(_stemmer(lang).stemWord(word))


def stem_words(words: list[str], lang: str = "da") -> list[str]:
    return list(_stemmer(lang).stemWords(words))


_KEY_MEMO = 300_000  # keys remembered per language before the memo starts afresh
_keys: dict[str, dict[str, str]] = {lang: {} for lang in _STEMMERS}
_lemmas_on = True


def use_lemmas(on: bool) -> None:
    """Turn the lemma keys off (a key is then the stem) or on: for measuring what they add."""
    global _lemmas_on
    _lemmas_on = on
    for memo in _keys.values():
        memo.clear()


def key(word: str, stem_: str | None = None, lang: str = "da") -> str:
    """The key of a lower-case word: the stem of its lemma, the same for all its forms;
    its own stem when it has no other lemma. Loads the language's table on first use."""
    memo = _keys.get(lang)
    if memo is None or not _lemmas_on:
        return stem_ if stem_ is not None else stem(word, lang)
    found = memo.get(word)
    if found is None:
        lemma = lemmas.lemma(word, lang)
        if lemma is not None:
            found = stem(lemma, lang)
        else:
            found = stem_ if stem_ is not None else stem(word, lang)
        if len(memo) >= _KEY_MEMO:
            memo.clear()
        memo[word] = found
    return found


def detect_language(text: str) -> str:
    """``"de"`` when more of the text's commonest function words are German than Danish."""
    words = _FUNCTION_RE.findall(text.lower())
    german = sum(1 for w in words if w in _GERMAN_MARKERS)
    danish = len(words) - german
    return "de" if german > danish else "da"


_GERMAN_MARKERS = frozenset(
    "und die das nicht ist wird werden sich auf für mit von zu".split()  # noqa: SIM905
)
_DANISH_MARKERS = frozenset(
    "og af til på med som ikke er bliver skal det at eller fra".split()  # noqa: SIM905
)
_FUNCTION_RE = re.compile(
    r"\b(?:" + "|".join(sorted(_GERMAN_MARKERS | _DANISH_MARKERS)) + r")\b", re.UNICODE
)


def normalise(word: str) -> str:
    """Lower case, NFC, without soft hyphens or line-end hyphens."""
    if "\n" in word or "\u00ad" in word:
        word = _GLUE.sub("", word)
    word = word.lower()
    if not word.isascii():
        word = unicodedata.normalize("NFC", word)
    return word


class Tok(NamedTuple):
    """One indexed word: its stem, its normalised form, where it is in the text, and its
    key (the stem of its lemma; the stem itself when keys were not asked for). A tuple:
    a page has hundreds, and a frozen dataclass costs a microsecond each to make."""

    stem: str
    word: str
    start: int
    end: int
    key: str = ""


def tokens(text: str, *, stops: bool = True, lang: str = "da", keys: bool = True) -> list[Tok]:
    """Every word of ``text`` that is indexed, in order (stop words left out).

    ``keys`` looks each word's lemma up (loading the language's table on first use);
    without, a token's key is its stem.
    """
    matches = [(m.start(), m.end(), normalise(m.group())) for m in TOKEN_RE.finditer(text)]
    if stops:
        stop = STOPS.get(lang, STOP_WORDS)
        matches = [m for m in matches if m[2] not in stop]
    stems = stem_words([m[2] for m in matches], lang)
    if not keys:
        return [Tok(s, m[2], m[0], m[1], s) for m, s in zip(matches, stems, strict=True)]
    return [
        Tok(s, m[2], m[0], m[1], key(m[2], s, lang)) for m, s in zip(matches, stems, strict=True)
    ]


def reverse(stem_: str) -> str:
    return stem_[::-1]


@dataclass
class PageTerms:
    """A page analysed once, ready for the fields that take pre-analysed terms."""

    stems: list[str]  # in order, stop words removed: positions for phrases
    forms: list[str]  # the keys of words whose key is not their stem
    reversed_stems: list[str]  # long stems and keys reversed, for compound search
    lang: str = "da"


def analyse_page(text: str, lang: str | None = None) -> PageTerms:
    """``lang`` is the document's language; found from ``text`` when not given."""
    lang = lang or detect_language(text)
    toks = tokens(text, lang=lang)
    stems = [t.stem for t in toks]
    forms = {t.key for t in toks if t.key != t.stem}
    heads = set(stems) | forms
    if lang == "de":
        # German stems a long compound harder than its head ("gemeinderatssitzungen" →
        # "gemeinderatssitz" but "sitzung" → "sitzung"): its lemma is a compound's end too
        heads.update(
            lemmas.lemma(t.word, lang) or t.word for t in toks if len(t.word) >= COMPOUND_MIN
        )
    return PageTerms(
        stems=stems,
        forms=sorted(forms),
        reversed_stems=[reverse(s) for s in heads if len(s) >= COMPOUND_MIN],
        lang=lang,
    )


class DanishAnalyzer(Tokenizer):  # type: ignore[misc]
    """A Whoosh analyzer: a string is analysed (tokens, stop words, stems); a list of terms
    the indexer analysed already is passed through with consecutive positions.

    Lives at module level with no state, so the schema Whoosh pickles into its TOC loads
    in any process.
    """

    is_morph = True

    def __init__(self, morph: bool = True) -> None:
        self.morph = morph

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DanishAnalyzer) and other.morph == self.morph

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.morph))

    def __call__(
        self,
        value: str | list[str] | tuple[str, ...],
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if isinstance(value, list | tuple):
            for pos, term in enumerate(value):
                t.original = t.text = term
                t.boost = 1.0
                t.stopped = False
                if positions:
                    t.pos = start_pos + pos
                yield t
            return
        no_morph = not self.morph or kwargs.get("no_morph") or kwargs.get("nomorph")
        for pos, tok in enumerate(tokens(value, stops=removestops)):
            t.original = tok.word
            t.text = tok.word if no_morph else tok.stem
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + tok.start
                t.endchar = start_char + tok.end
            yield t
