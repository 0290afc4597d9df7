"""Recall over the forms of Danish nouns: does each form find the pages of the others?

The nouns and their forms are in ``tests/data/word_forms/da_nouns.tsv`` (see its header).
Each form is one page of an in-memory index built with the search's own analysis; each form
is then searched, and recall is the share of the other forms' pages it finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.search.analysis import analyse_page
from reader.search.index import NoTempFilesRamStorage, make_schema
from reader.search.query import run_search

NOUNS = Path(__file__).resolve().parents[1] / "data" / "word_forms" / "da_nouns.tsv"


def nouns() -> list[list[str]]:
    """Each noun's forms: singular, definite, plural, definite plural, genitive."""
    rows = []
    for line in NOUNS.read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows[1:] if rows and rows[0][0] == "singular" else rows


@dataclass
class Recall:
    found: int  # (form, other form) pairs where a search for one found the other's page
    pairs: int
    misses: list[tuple[str, str]]  # (searched, not found), the first few

    @property
    def ratio(self) -> float:
        return self.found / self.pairs if self.pairs else 1.0


def ram_index(pages: dict[str, str], lang: str | None = None) -> Any:
    """An in-memory index of ``pages`` (key -> text), analysed as the indexer does."""
    ix = NoTempFilesRamStorage().create_index(make_schema())
    add_pages(ix, pages, lang)
    return ix


def add_pages(
    ix: Any, pages: dict[str, str], lang: str | None = None, *, merge: bool = True
) -> None:
    """Add ``pages`` to ``ix`` in one commit (one more segment with ``merge=False``)."""
    writer = ix.writer()
    for key, text in pages.items():
        terms = analyse_page(text, lang)
        writer.add_document(
            key=key,
            text=terms.stems,
            _stored_text=text,
            forms=terms.forms,
            rev=terms.reversed_stems,
            lang=terms.lang,
            info={"lang": terms.lang},
        )
    writer.commit(merge=merge)


def ranked(ix: Any, query: str, limit: int = 100) -> list[str]:
    """The keys of the pages ``query`` finds, best first."""
    with ix.searcher() as searcher:
        return [str(stored["key"]) for stored, _ in run_search(searcher, query, limit=limit).pages]


def measure(rows: list[list[str]]) -> Recall:
    ix = ram_index({f: f for row in rows for f in row}, "da")
    found = pairs = 0
    misses: list[tuple[str, str]] = []
    with ix.searcher() as searcher:
        for row in rows:
            for form in set(row):
                got = {stored["key"] for stored, _ in run_search(searcher, form, limit=500).pages}
                for other in set(row) - {form}:
                    pairs += 1
                    if other in got:
                        found += 1
                    elif len(misses) < 20:
                        misses.append((form, other))
    return Recall(found, pairs, misses)
