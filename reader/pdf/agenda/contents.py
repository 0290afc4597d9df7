"""A table of contents: numbered entries that end in a page reference.

When a document has one, it is the list of items; the layout then only says where each item
starts. An item the table lists but the text never heads (the minutes say "Seite --") keeps
its entry's place and owns no text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reader.pdf.agenda.headings import (
    MAX_TITLE_LINES,
    Heading,
    continuation,
    find_cases,
    find_heading,
    key,
    norm,
    page_ref,
    parse_number,
    title_parts,
)
from reader.pdf.agenda.lines import Line, join


@dataclass
class TocEntry:
    number: str
    title: str
    page_ref: int | None  # printed page number, None for "Seite --"
    index: int
    end: int  # first line index after the entry
    cases: list[str]


def _aligned_ends(lines: list[Line]) -> frozenset[int]:
    """Right edges shared by three or more lines ending in a number: a page-number column."""
    ends: Counter[int] = Counter()
    for ln in lines:
        if not ln.footer and ln.text[-1:].isdigit():
            ends[round(ln.x1)] += 1
    keep = {x for x, c in ends.items() if c >= 3}
    return frozenset(keep | {x + 1 for x in keep} | {x - 1 for x in keep})


def toc_entries(lines: list[Line]) -> list[TocEntry]:
    """Numbered entries that end in a page reference, in a run of at least two."""
    entries: list[TocEntry] = []
    aligned = _aligned_ends(lines)
    n = len(lines)
    i = 0
    while i < n:
        ln = lines[i]
        parsed = None if ln.footer else parse_number(ln.text)
        if parsed is None:
            i += 1
            continue
        number, rest, _ = parsed
        # the entry runs to the next numbered line or a wide gap; its page reference is on
        # its first line or on a later one
        j = i + 1
        ref: tuple[str, int | None] | None = page_ref(ln, aligned)
        ref_at = i if ref else -1
        while ref is None and j < n and j <= i + MAX_TITLE_LINES + 1:
            nxt = lines[j]
            if nxt.footer:
                j += 1
                continue
            if nxt.page != ln.page or parse_number(nxt.text) is not None:
                break
            if (nxt.y0 - lines[j - 1].y1) > 1.2 * nxt.height:
                break
            ref = page_ref(nxt, aligned)
            if ref is not None:
                ref_at = j
            j += 1
        last_page = lines[-1].page + 1
        if ref is None or (ref[1] is not None and not 0 < ref[1] <= 2 * last_page + 10):
            i += 1
            continue
        first = rest if ref_at != i else (parse_number(ref[0]) or (number, rest, False))[1]
        end = continuation(lines, i, ln) if ref_at != i else i + 1
        end = min(end, ref_at) if ref_at > i else end
        parts = [first] + [lines[k].text for k in range(i + 1, end) if not lines[k].footer]
        stop = max(ref_at + 1, end)
        cases = find_cases(" ".join(lines[k].text for k in range(i, stop)))
        entries.append(TocEntry(number, join(parts), ref[1], i, stop, cases))
        i = max(ref_at + 1, i + 1)
    runs = _runs(entries)
    return max(runs, key=len) if runs else []


def _runs(entries: list[TocEntry]) -> list[list[TocEntry]]:
    """Entries grouped into runs of increasing numbers; a run of one is no table."""
    runs: list[list[TocEntry]] = []
    for e in entries:
        if runs and key(e.number) > key(runs[-1][-1].number):
            runs[-1].append(e)
        else:
            runs.append([e])
    return [r for r in runs if len(r) >= 2]


def from_toc(
    toc: list[TocEntry], layout: list[Heading], lines: list[Line], skip: set[int]
) -> list[Heading]:
    """The table of contents' items, each placed where its heading is in the text.

    A heading the layout found is used as is; another is looked for near the page the table
    names; an item with no heading of its own (the table says "Seite --") starts at its entry.
    """
    by_number = {h.number: h for h in layout}
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if i not in skip:
            by_page.setdefault(ln.page, []).append(i)
    pages = sorted(by_page)
    grouped = any("." in e.number for e in toc)
    out: list[Heading] = []
    for e in toc:
        role = "item" if "." in e.number or not grouped else "group"
        head = by_number.get(e.number)
        if head is None:
            near: tuple[int, ...] = ()
            if e.page_ref is not None:
                near = tuple(p for p in (e.page_ref - 1, e.page_ref, e.page_ref - 2) if p >= 0)
            rest = tuple(p for p in pages if p not in near and p >= lines[e.index].page)
            found = find_heading(lines, by_page, near + rest, e.number, e.title)
            if found is not None:
                i, end = found
                head = Heading(role, e.number, e.title, i, end, lines[i].page)
                parsed = parse_number(lines[i].text)
                own = join(title_parts(lines, i, end, parsed[1] if parsed else ""))
                if own and norm(own) != norm(e.title) and not norm(e.title).startswith(norm(own)):
                    head.title = own
            else:
                line = lines[e.index]
                head = Heading(role, e.number, e.title, e.index, e.end, line.page)
                head.listed_only = True
        elif norm(e.title).startswith(norm(head.title)) and len(e.title) > len(head.title):
            head.title = e.title  # the heading broke where the table did not
        head.role = role
        head.cases = e.cases
        out.append(head)
    return out
