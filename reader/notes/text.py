"""A version's visible text as one string, and finding a quote in it the way a reader means it.

Character offsets (the W3C TextPosition of an annotation) count in the concatenation of the
version's page texts (``page_texts``, as the library stores them) joined with
:data:`PAGE_SEP`. The separator contains a form feed, which never occurs in page text, so a
quote never silently spans a page break it does not show.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
from dataclasses import dataclass

PAGE_SEP = "\n\f\n"
CONTEXT = 32  # characters of TextQuote prefix and suffix, as the Hypothesis client keeps

# What a reader does not see as a difference between a quote and the page: line breaks,
# runs of spaces, and hyphens where a word was broken at a line end.
_IGNORED = frozenset(" \t\n\r\f\v-\u2010\u00ad")


@dataclass(frozen=True)
class VersionText:
    version_id: int
    pages: list[str]
    text: str
    starts: list[int]  # offset of each page's first character, index 0 = page 1

    @classmethod
    def from_pages(cls, version_id: int, pages: list[str]) -> VersionText:
        starts: list[int] = []
        pos = 0
        for i, page in enumerate(pages):
            if i:
                pos += len(PAGE_SEP)
            starts.append(pos)
            pos += len(page)
        return cls(version_id, pages, PAGE_SEP.join(pages), starts)

    def page_of(self, offset: int) -> int:
        """1-based page holding ``offset`` (a separator counts with the page before it)."""
        return max(1, bisect.bisect_right(self.starts, offset))

    def page_start(self, page: int) -> int:
        return self.starts[page - 1]

    def page_end(self, page: int) -> int:
        return self.starts[page - 1] + len(self.pages[page - 1])

    def context(self, start: int, end: int, n: int = CONTEXT) -> tuple[str, str]:
        """The TextQuote prefix and suffix around ``[start, end)``."""
        return self.text[max(0, start - n) : start], self.text[end : end + n]


def load_version_text(conn: sqlite3.Connection, version_id: int) -> VersionText:
    rows = conn.execute(
        "SELECT page, text FROM page_texts WHERE version_id = ? ORDER BY page", (version_id,)
    ).fetchall()
    pages = [""] * (rows[-1]["page"] if rows else 0)
    for row in rows:
        pages[row["page"] - 1] = row["text"]
    return VersionText.from_pages(version_id, pages)


def find_tolerant(haystack: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    """The first ``[s, e)`` in ``haystack`` (from ``start``) that reads as ``needle``.

    Tried in order: exact; with whitespace runs equal; ignoring whitespace and hyphens (a
    line-end ``implemente-``/``ring`` or ``EU- direktivet``); the last also case-blind. The
    returned range starts and ends on characters of the match, never on ignored ones.
    """
    needle = needle.strip()
    if not needle:
        return None
    at = haystack.find(needle, start)
    if at >= 0:
        return at, at + len(needle)
    words = needle.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(pattern).search(haystack, start)
    if m:
        return m.start(), m.end()
    compact_needle = "".join(c for c in needle if c not in _IGNORED)
    if not compact_needle:
        return None
    kept = [i for i in range(start, len(haystack)) if haystack[i] not in _IGNORED]
    compact = "".join(haystack[i] for i in kept)
    for hay, ndl in ((compact, compact_needle), (compact.casefold(), compact_needle.casefold())):
        if len(hay) != len(compact):  # casefold changed lengths (ß -> ss): offsets unusable
            break
        at = hay.find(ndl)
        if at >= 0:
            return kept[at], kept[at + len(ndl) - 1] + 1
    return None


def normalise_page(text: str) -> str:
    """Page text for deciding that two pages are the same page: page numbers may differ."""
    return re.sub(r"\d+", "#", text)
