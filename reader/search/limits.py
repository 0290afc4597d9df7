"""What one search may cost, and what the member is told when a search reaches a bound.

A query is typed (or pasted) by a person, so its size is not ours to choose: a paragraph
pasted into the search field, a thousand ``OR``s or a hundred two-letter prefixes would each
make Whoosh read tens of thousands of posting lists. Every search is therefore bounded: the
text by its length, the query by its number of words, each ``prefix*`` and all of them
together by the words they may stand for, the hits by their number, and the whole search by
a time budget after which the best results found so far come back. A caller may also cancel
a search (the desktop app does when the member types on). Each bound reached becomes a
:class:`Notice` in the result, which names the bound, so a shortened search never looks like
a complete one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from reader.errors import SearchStopped as SearchStopped
from reader.i18n import language, plural

LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class Limits:
    chars: int = 500  # characters of the query text
    words: int = 32  # words searched for, excluded words and phrase words included
    prefix_terms: int = 500  # index words one prefix* may stand for
    expansions: int = 1000  # index words all prefixes of a query may stand for together
    prefix_scan: int = 5000  # index words whose frequency is looked up to choose among them
    compounds: int = 1000  # compounds all words of a query may expand to together
    hits: int = 1000  # hits returned
    seconds: float | None = 2.0  # time budget; None: no time limit


DEFAULT_LIMITS = Limits()


# code -> (Danish, English); {limit}, {detail}, {pages} ("1 side", "3 sider") and {are} are
# filled in
_MESSAGES: dict[str, tuple[str, str]] = {
    "query_chars": (
        "Søgningen blev afkortet til de første {limit} tegn.",
        "The query was cut to its first {limit} characters.",
    ),
    "query_words": (
        "Kun de første {limit} ord i søgningen blev brugt.",
        "Only the first {limit} words of the query were searched.",
    ),
    "prefix_terms": (
        "{detail} passer på flere end {limit} ord; kun de {limit} hyppigste blev søgt.",
        "{detail} matches more than {limit} words; only the {limit} most common were searched.",
    ),
    "hits": (
        "Højst {limit} resultater vises.",
        "At most {limit} hits are shown.",
    ),
    "time": (
        "Søgningen blev afbrudt efter {limit} s; resultater og antal er ufuldstændige.",
        "The search was cut short after {limit} s; hits and totals are partial.",
    ),
    "cancelled": (
        "Søgningen blev afbrudt; resultater og antal er ufuldstændige.",
        "The search was cancelled; hits and totals are partial.",
    ),
    "no_words": (
        "Søgningen skal indeholde mindst ét ord at lede efter.",
        "The query needs a word to look for.",
    ),
    "only_excluded": (
        "Søgningen skal indeholde mindst ét ord at lede efter, ikke kun ord at udelade (-ord).",
        "The query needs a word to look for, not only words to leave out (-word).",
    ),
    "index_building": (
        "Søgeindekset er ved at blive bygget; prøv igen om lidt.",
        "The search index is being built; try again shortly.",
    ),
    "index_missing": (
        "Der er intet søgeindeks, eller det kan ikke læses; byg det med: moedemappe reindex",
        "There is no search index, or it cannot be read; build it with: moedemappe reindex",
    ),
    "index_rebuild": (
        "Søgeindekset passer ikke med biblioteket; genopbyg det med: moedemappe reindex",
        "The search index does not match the library; rebuild it with: moedemappe reindex",
    ),
    "index_built": (
        "Søgeindekset blev bygget først ({pages}).",
        "The search index was built first ({pages}).",
    ),
    "index_updating": (
        "Søgeindekset opdateres af en anden proces; de nyeste dokumenter er måske ikke med.",
        "Another process is updating the search index; the newest documents may be missing.",
    ),
    "index_behind": (
        "{pages} er endnu ikke i søgeindekset; kør: moedemappe reindex",
        "{pages} {are} not in the search index yet; run: moedemappe reindex",
    ),
}


@dataclass(frozen=True)
class Notice:
    """A bound the search reached, or the state of the index, in words a member reads."""

    code: str
    limit: int | float | None = None
    detail: str = ""

    def message(self, lang: str | None = None) -> str:
        """In ``lang``, or by default in the language the member chose."""
        lang = lang or language()
        da, en = _MESSAGES[self.code]
        limit: object = self.limit
        if isinstance(limit, float):
            limit = f"{limit:g}" if lang == "en" else f"{limit:g}".replace(".", ",")
        n = self.limit if isinstance(self.limit, int) else 0
        pages = plural(n, "side", "sider", "page", "pages", lang=lang)
        return (en if lang == "en" else da).format(
            limit=limit, detail=self.detail, pages=pages, are="is" if n == 1 else "are"
        )

    def to_json(self, lang: str | None = None) -> dict[str, object]:
        return {"code": self.code, "limit": self.limit, "message": self.message(lang)}


class Budget:
    """The time left to one search, and whether its caller still wants it."""

    def __init__(
        self, seconds: float | None = None, cancelled: Callable[[], bool] | None = None
    ) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + max(0.0, seconds)
        self.cancelled = cancelled

    def stopped(self) -> Notice | None:
        """Why the search must stop now, or None to go on."""
        if self.cancelled is not None and self.cancelled():
            return Notice("cancelled")
        if self.deadline is not None and time.monotonic() >= self.deadline:
            return Notice("time", self.seconds)
        return None

    def check(self) -> None:
        notice = self.stopped()
        if notice is not None:
            raise SearchStopped(notice)
