"""Danish text analysis for the search index: one pass over a page yields every field's terms.

Snowball Danish stemming runs in C (PyStemmer, about 20x faster than Whoosh's pure-Python
stemmer, which would dominate indexing time). Letters æ, ø and å stay distinct. The stop list
is Snowball's Danish one minus the words that change meaning (``ikke``, ``mod``, ``skal``, ...),
so a phrase such as ``"ikke godkendt"`` finds what it says. Words hyphenated at a line end
(``implemente-`` / ``ring``) are rejoined, in case the stored text still has them.

Compounds: Danish writes ``sundhedsreformen`` as one word, and a search for ``reform`` should
find it. Every stem of at least ``COMPOUND_MIN`` letters is also indexed reversed in a
separate field, so "ends with this stem" becomes a prefix lookup there (see ``compiler.py``).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import Stemmer

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

_WORD = r"[^\W_][\w\u0300-\u036f\u00ad]*"
# A word may continue after a digit-dot-digit (3.4, 1.000), a soft hyphen, or a hyphen at a
# line end followed by a lower-case letter -- but not "Sundheds-" / "og Ældreudvalget".
_JOIN = r"(?:\.(?=\d)|\u00ad[ \t]*\n?[ \t]*|-[ \t]*\n[ \t]*(?=[a-zæøå])(?!(?:og|eller|samt)\b))"
TOKEN_RE = re.compile(f"{_WORD}(?:{_JOIN}{_WORD})*")
_GLUE = re.compile(r"-[ \t]*\n[ \t]*|\u00ad[ \t]*\n?[ \t]*")

_local = threading.local()


def _stemmer() -> Any:
    """PyStemmer objects are not thread-safe: one per thread."""
    st = getattr(_local, "stemmer", None)
    if st is None:
        st = _local.stemmer = Stemmer.Stemmer("danish")
    return st


def stem(word: str) -> str:
    """The Snowball Danish stem of a lower-case word."""
    return str(_stemmer().stemWord(word))


def stem_words(words: list[str]) -> list[str]:
    return list(_stemmer().stemWords(words))


def normalise(word: str) -> str:
    """Lower case, NFC, without soft hyphens or line-end hyphens."""
    if "\n" in word or "\u00ad" in word:
        word = _GLUE.sub("", word)
    word = word.lower()
    if not word.isascii():
        word = unicodedata.normalize("NFC", word)
    return word


@dataclass(frozen=True)
class Tok:
    """One indexed word: its stem, its normalised form, and where it is in the text."""

    stem: str
    word: str
    start: int
    end: int


def tokens(text: str, *, stops: bool = True) -> list[Tok]:
    """Every word of ``text`` that is indexed, in order (stop words left out)."""
    matches = [(m.start(), m.end(), normalise(m.group())) for m in TOKEN_RE.finditer(text)]
    if stops:
        matches = [m for m in matches if m[2] not in STOP_WORDS]
    stems = stem_words([m[2] for m in matches])
    return [Tok(s, m[2], m[0], m[1]) for m, s in zip(matches, stems, strict=True)]


def reverse(stem_: str) -> str:
    return stem_[::-1]


@dataclass
class PageTerms:
    """A page analysed once, ready for the fields that take pre-analysed terms."""

    stems: list[str]  # in order, stop words removed: positions for phrases
    reversed_stems: list[str]  # long stems reversed, for compound search


def analyse_page(text: str) -> PageTerms:
    toks = tokens(text)
    stems = [t.stem for t in toks]
    return PageTerms(
        stems=stems,
        reversed_stems=[reverse(s) for s in set(stems) if len(s) >= COMPOUND_MIN],
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
