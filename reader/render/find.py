"""Finding a phrase in a page's text the way a reader means it: case-blind (casefold), blind
to runs of white space and line breaks, and to a word broken by a hyphen at a line end."""

from __future__ import annotations

from reader.pdf.pages import joined_at_break
from reader.render.types import FindMatch, PageText

_SOFT_HYPHEN = "\u00ad"


def normalise_needle(needle: str) -> str:
    return " ".join(needle.casefold().split())


def find_in(page: PageText, needle: str) -> list[FindMatch]:
    """Every match of ``needle`` (already normalised) in ``page``, not overlapping."""
    if not needle:
        return []
    hay, src = _haystack(page.text)
    out: list[FindMatch] = []
    pos = hay.find(needle)
    while pos >= 0:
        start, end = src[pos], src[pos + len(needle) - 1] + 1
        out.append(FindMatch(page.page, start, end, tuple(page.rects(start, end))))
        pos = hay.find(needle, pos + len(needle))
    return out


def _haystack(text: str) -> tuple[str, list[int]]:
    """The casefolded text with white space runs as one space, and the index in ``text`` of
    each of its characters. A line break after a hyphenated word joins the lines as
    ``reader.pdf.text.join_lines`` would (the hyphen dropped or kept)."""
    chars: list[str] = []
    src: list[int] = []
    lines = text.split("\n")
    offset = 0
    for n, line in enumerate(lines):
        for i, c in enumerate(line, offset):
            if c == _SOFT_HYPHEN:
                continue
            if c.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    src.append(i)
                continue
            for f in c.casefold():
                chars.append(f)
                src.append(i)
        end = offset + len(line)  # index of the "\n"
        if n + 1 < len(lines) and line:
            nxt = lines[n + 1]
            joined = joined_at_break(line, nxt) if nxt else None
            if joined is None:
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    src.append(end)
            elif joined != line + nxt and src and src[-1] == end - 1:
                chars.pop()  # "implemente-" + "ring": the hyphen goes
                src.pop()
        offset = end + 1
    return "".join(chars), src
