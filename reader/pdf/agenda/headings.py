"""Where items begin: numbered headings from the outline, the table of contents or the layout.

Three witnesses, in order of trust: the PDF's bookmarks, a table of contents (entries that end
in a page reference), and the page layout (numbered lines set apart by weight, size or space).
A table of contents is the list of items; the layout then only says where each one starts.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from reader.pdf.agenda.lines import Line, gap_above, join
from reader.pdf.agenda.vocab import CASE_RES, CLOSED_LINE, MONTH_RE, SECTION_NAMES

_WORD_NUM = re.compile(
    r"^(?:punkt|pkt\.?|dagsordenspunkt|top|tagesordnungspunkt|sag\s*nr\.?|sag|item)\s*"
    r"(\d{1,3}(?:\.\d{1,3})?)\s*(?:[.:)\-\u2013]\s*|\s+|$)(.*)$",
    re.IGNORECASE,
)
_SUB_NUM = re.compile(r"^(\d{1,3})\.(\d{1,3})\.?(?:\s+|$)(.*)$")
_TOP_NUM = re.compile(r"^\(?(\d{1,3})(?:\.\)|[.)]\s*|\s+)(\S.*)?$")
_DATE_START = re.compile(rf"^({MONTH_RE})\b\.?\s*\d{{2,4}}", re.IGNORECASE)
# "3. Sitzung des Stadtteilbeirats", "12. møde": the meeting's own number, not an item.
_MEETING_ORDINAL = re.compile(
    r"^(?:(?:ordentliche|außerordentliche|öffentliche|konstituierende|ordinære|ekstraordinære)\s+)?"
    r"(?:sitzung|møde|mødet|session|meeting|sitzungsperiode)\b",
    re.IGNORECASE,
)
_LEADER = re.compile(r"(?:\s*(?:\.\s*){3,}|\s*…{2,}|\t+|\s{3,})\s*\d{1,4}\s*$")
_PAREN_CASE_END = re.compile(r"\(([^()]{3,40})\)\s*$")

_PAGE_REF = re.compile(
    r"(?:\s*(?:seite|side|s\.|page|p\.)\s*(\d{1,4}|-{1,2}|–)|(?<=[\w)\"”“.:]\s)\s*(\d{1,4}))\s*$",
    re.IGNORECASE,
)

MAX_TITLE_LINES = 6


@dataclass
class Heading:
    role: str  # "group", "item" or "top" (undecided)
    number: str
    title: str
    index: int  # line index of the heading (-1: top of page)
    end: int  # first line index after the heading block
    page: int  # 0-based
    closed: bool = False
    score: int = 0
    explicit: bool = False  # "TOP 2", "Punkt 4": numbered by word, may come out of order
    listed_only: bool = False  # known from the table of contents only
    cases: list[str] = field(default_factory=list)  # case numbers the table of contents gives


@functools.lru_cache(maxsize=8192)
def parse_number(text: str) -> tuple[str, str, bool] | None:
    """``(number, rest, explicit)`` when ``text`` starts like an agenda heading, else None."""
    text = text.strip()
    m = _WORD_NUM.match(text)
    if m:
        return m.group(1), m.group(2).strip(), True
    m = _SUB_NUM.match(text)
    if m:
        rest = m.group(3).strip()
        if rest and not rest[:1].isalpha() and rest[:1] not in "\"'«„(":
            return None
        return f"{int(m.group(1))}.{int(m.group(2))}", rest, False
    m = _TOP_NUM.match(text)
    if m:
        if text.startswith("(") and ")" not in text[:5]:
            return None
        rest = (m.group(2) or "").strip()
        if rest and (
            not (rest[:1].isalpha() or rest[:1] in "\"'«„")
            or _DATE_START.match(rest)
            or _MEETING_ORDINAL.match(rest)
        ):
            return None
        if not rest and not text.endswith((".", ")")):
            return None
        return str(int(m.group(1))), rest, False
    return None


def find_case(text: str) -> str | None:
    for rx in CASE_RES:
        m = rx.search(text)
        if m:
            return m.group(m.lastindex or 0).strip()
    return None


def find_cases(text: str) -> list[str]:
    """Every case number in ``text``, in order, each once; of overlapping readings the
    longest ("FD-WF-3100-2022", not "WF-3100-2022")."""
    spans: list[tuple[int, int, str]] = []
    for rx in CASE_RES:
        for m in rx.finditer(text):
            a, b = m.span(m.lastindex or 0)
            spans.append((a, b, m.group(m.lastindex or 0).strip()))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[str] = []
    right = -1
    for a, b, case in spans:
        if a < right:
            continue
        right = b
        if case not in out:
            out.append(case)
    return out


@functools.lru_cache(maxsize=8192)
def is_case_line(text: str) -> bool:
    """A line that states a case number rather than mentioning one in passing."""
    t = text.strip()
    for rx in CASE_RES:
        m = rx.search(t)
        if m and (m.start() <= 2 or m.lastindex):
            return True
    return False


@functools.lru_cache(maxsize=8192)
def section_name(text: str) -> str | None:
    """The section name if ``text`` is a known section heading (trailing colon allowed)."""
    t = text.strip().rstrip(":").strip()
    if not t or len(t) > 80:
        return None
    return t if t.casefold() in SECTION_NAMES else None


def strip_leader(title: str) -> tuple[str, bool]:
    m = _LEADER.search(title)
    return (title[: m.start()].rstrip(" .…"), True) if m else (title, False)


def page_ref(ln: Line, aligned: frozenset[int] = frozenset()) -> tuple[str, int | None] | None:
    """``(text before, page)`` when the line ends in a table-of-contents page reference.

    A bare trailing number counts when a wide gap sets it apart or when it ends where other
    entries' numbers end (``aligned`` holds those right edges): a right-aligned column.
    """
    m = _LEADER.search(ln.text)
    if m:
        num = re.search(r"(\d{1,4})\s*$", ln.text)
        return ln.text[: m.start()].rstrip(" .…"), int(num.group(1)) if num else None
    m2 = _PAGE_REF.search(ln.text)
    if not m2 or m2.start() == 0:
        return None
    before = ln.text[: m2.start()].rstrip()
    if m2.group(1) is not None:  # "Seite 5", "Side 3", "Seite --"
        value = m2.group(1)
        return before, int(value) if value.isdigit() else None
    # a bare number: only when a wide gap separates it from the text (a right-aligned column)
    est = len(ln.text) * ln.size * 0.5
    if ln.x1 - ln.x0 > 1.15 * est + 3 * ln.size or round(ln.x1) in aligned:
        return before, int(m2.group(2))
    return None


def emph(ln: Line, body: float) -> bool:
    return ln.bold or ln.size >= body * 1.12


def continuation(lines: list[Line], i: int, first: Line) -> int:
    """Index after the heading's wrapped title lines (same style, close below, even across a
    page break); a line ending in a case number in brackets is the last one."""
    if _PAREN_CASE_END.search(first.text) and find_case(first.text):
        return i + 1
    j = i + 1
    prev = first
    taken = 1
    while j < len(lines) and taken < MAX_TITLE_LINES:
        ln = lines[j]
        if ln.footer:
            j += 1
            continue
        if ln.page != prev.page:
            if not (_last_on_page(lines, prev, j) and gap_above(lines, j) >= 99.0):
                break
        else:
            gap = ln.y0 - prev.y1
            if gap > 0.9 * prev.height or gap < -0.5 * prev.height:
                break
        if (
            ln.bold != first.bold
            or abs(ln.size - first.size) > 0.6
            or ln.x0 < first.x0 - 2
            or parse_number(ln.text) is not None
            or section_name(ln.text) is not None
            or CLOSED_LINE.match(ln.text)
            or page_ref(ln) is not None
        ):
            break
        if find_case(ln.text) is not None:
            m = _PAREN_CASE_END.search(ln.text)
            if m is not None and m.start() > 0 and find_case(m.group(1)):
                j += 1  # '… fördern" (20/AN 6/345)': the title ends with this line
            break
        prev = ln
        j += 1
        taken += 1
    return j


def _last_on_page(lines: list[Line], ln: Line, j: int) -> bool:
    """Whether ``ln`` was the last content line of its page (``j`` is the next line's index)."""
    return all(
        lines[k].footer for k in range(j) if lines[k].page == ln.page and lines[k].y0 > ln.y0
    )


def title_parts(lines: list[Line], i: int, end: int, rest: str) -> list[str]:
    parts = [rest] if rest else []
    parts += [lines[k].text for k in range(i + 1, end) if not lines[k].footer]
    return parts


def content_score(lines: list[Line], start: int, stop: int) -> int:
    body = [ln for ln in lines[start:stop] if not ln.footer]
    if not body:
        return 0
    score = 1
    if any(is_case_line(ln.text) for ln in body[:4]):
        score += 4
    if any(section_name(ln.text) is not None for ln in body):
        score += 2
    return score


# --- layout --------------------------------------------------------------------------------


def from_layout(lines: list[Line], body: float, skip: set[int]) -> list[Heading]:
    """Numbered headings found by their look; ``skip`` holds the table of contents' lines."""
    margins = _left_margins(lines)
    cands: list[tuple[Heading, bool]] = []  # heading, emphasised
    for i, ln in enumerate(lines):
        if i in skip or ln.footer or len(ln.text) > 250:
            continue
        parsed = parse_number(ln.text)
        if parsed is None:
            continue
        number, rest, explicit = parsed
        strong = emph(ln, body)
        starts_block = gap_above(lines, i) >= 0.7
        at_margin = ln.x0 <= margins.get(ln.page, ln.x0) + 0.08 * 595
        if not strong and not (starts_block and (at_margin or explicit)):
            continue
        rest, _toc = strip_leader(rest)
        end = continuation(lines, i, ln)
        parts = title_parts(lines, i, end, rest)
        if not parts:  # "Punkt 4" alone: the title is the next emphasised line
            nxt = next(
                (k for k in range(i + 1, min(i + 3, len(lines))) if not lines[k].footer), None
            )
            if nxt is None or not emph(lines[nxt], body) or is_case_line(lines[nxt].text):
                continue
            parts = [lines[nxt].text]
            end = continuation(lines, nxt, lines[nxt])
        title = strip_leader(join(parts))[0]
        if not title:
            continue
        role = "item" if "." in number else "top"
        head = Heading(role, number, title, i, end, ln.page, explicit=explicit)
        head.score = (3 if strong else 0) + (2 if explicit else 0) + (1 if starts_block else 0)
        cands.append((head, strong))
    strong_ones = [h for h, s in cands if s]
    chosen = strong_ones if len(strong_ones) >= 2 else [h for h, _ in cands]
    return select(chosen, lines)


def _left_margins(lines: list[Line]) -> dict[int, float]:
    """Each page's left text edge: the leftmost x where several content lines start."""
    starts: dict[int, Counter[int]] = {}
    for ln in lines:
        if not ln.footer:
            starts.setdefault(ln.page, Counter())[round(ln.x0)] += 1
    out: dict[int, float] = {}
    for page, counts in starts.items():
        common = [x for x, c in counts.items() if c >= 2] or list(counts)
        out[page] = float(min(common))
    return out


def select(cands: list[Heading], lines: list[Line]) -> list[Heading]:
    """The headings that make the agenda: groups decided, strays dropped, best of duplicates."""
    if not cands:
        return []
    grouped = any(c.role == "item" for c in cands)
    for c in cands:
        if c.role == "top":
            c.role = "group" if grouped else "item"
    for k, c in enumerate(cands):
        stop = cands[k + 1].index if k + 1 < len(cands) else len(lines)
        c.score += content_score(lines, c.end, stop)
        nxt_c = cands[k + 1] if k + 1 < len(cands) else None
        if c.role == "group" and nxt_c and nxt_c.number.split(".")[0] == c.number:
            c.score += 4 if nxt_c.role == "item" else 0
    best: dict[tuple[str, str], Heading] = {}
    for c in cands:
        key = (c.role, c.number)
        if key not in best or c.score > best[key].score:
            best[key] = c
    kept = sorted(best.values(), key=lambda h: h.index)
    if all(h.explicit for h in kept):
        return kept  # "TOP 2" before "TOP 1": minutes follow the order of discussion
    return increasing(kept)


def key(number: str) -> tuple[int, int]:
    nums = [int(n) for n in number.split(".")]
    return (nums[0], nums[1] if len(nums) > 1 else 0)


def increasing(heads: list[Heading]) -> list[Heading]:
    """Longest run of headings whose numbers increase in document order (drops strays)."""
    n = len(heads)
    if n < 2:
        return heads
    best = [h.score + 1 for h in heads]
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if (
                key(heads[j].number) < key(heads[i].number)
                and best[j] + heads[i].score + 1 > best[i]
            ):
                best[i] = best[j] + heads[i].score + 1
                prev[i] = j
    i = max(range(n), key=lambda k: best[k])
    out: list[Heading] = []
    while i >= 0:
        out.append(heads[i])
        i = prev[i]
    return out[::-1]


# --- bookmarks and the table of contents, located in the text --------------------------------


_NOT_WORD = re.compile(r"[^0-9a-zæøåäöüß]+")


@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Letters and digits only, folded: how a title is compared with a heading line."""
    return _NOT_WORD.sub("", text.casefold())


def from_outline(
    entries: list[tuple[int, str, str, int]], lines: list[Line], skip: set[int]
) -> list[Heading]:
    """Headings for outline entries ``(level, number, title, page)``, each found on its page."""
    grouped = any("." in e[1] for e in entries)
    heads: list[Heading] = []
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if i not in skip:
            by_page.setdefault(ln.page, []).append(i)
    for _level, number, title, page in entries:
        role = "item" if "." in number or not grouped else "group"
        index, end = locate(lines, by_page, page, number, title)
        if index >= 0:
            page = lines[index].page
        heads.append(Heading(role, number, strip_leader(title)[0], index, end, page))
    heads.sort(key=lambda h: (h.page, h.index))
    return heads


def from_bookmarks(toc: list[list[object]], lines: list[Line]) -> list[Heading] | None:
    """Headings named by the outline; None when it does not look like an agenda outline."""
    entries: list[tuple[int, str, str, int]] = []
    levels_all: Counter[int] = Counter()
    for entry in toc:
        level, title, page = int(str(entry[0])), str(entry[1]).strip(), int(str(entry[2]))
        levels_all[level] += 1
        parsed = parse_number(title)
        if parsed is None or page < 1:
            continue
        entries.append((level, parsed[0], parsed[1], page - 1))
    if not entries:
        return None
    used_levels = {e[0] for e in entries}
    if len(entries) < 0.5 * sum(levels_all[lv] for lv in used_levels):
        return None
    return from_outline(entries, lines, set())


def locate(
    lines: list[Line], by_page: dict[int, list[int]], page: int, number: str, title: str
) -> tuple[int, int]:
    """The heading line for an outline entry on its page (or the next), and the index after
    it; the top of the page when no line matches."""
    found = find_heading(lines, by_page, (page, page + 1), number, title)
    if found is not None:
        return found
    idx = by_page.get(page, [])
    first = next((i for i in idx if not lines[i].footer), -1)
    return (first, first) if first >= 0 else (-1, -1)


def find_heading(
    lines: list[Line],
    by_page: dict[int, list[int]],
    pages: tuple[int, ...],
    number: str,
    title: str,
) -> tuple[int, int] | None:
    want = norm(title)[:24]
    for p in pages:
        for i in by_page.get(p, []):
            ln = lines[i]
            if ln.footer:
                continue
            parsed = parse_number(ln.text)
            if (
                parsed is not None
                and parsed[0] == number
                and (not want or want[:12] in norm(ln.text) or not parsed[1])
            ):
                return i, continuation(lines, i, ln)
            if want and len(want) >= 6 and norm(ln.text).startswith(want):
                return i, continuation(lines, i, ln)
    return None
