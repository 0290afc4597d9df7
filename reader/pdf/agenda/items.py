"""What each item holds: its title, case numbers, sections and attachments, and where they are."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from reader.pdf.agenda.headings import (
    Heading,
    find_case,
    find_cases,
    is_case_line,
    parse_number,
    section_name,
)
from reader.pdf.agenda.lines import Line, join
from reader.pdf.agenda.vocab import (
    ATTACHMENT_SECTIONS,
    CASE_RES,
    CLOSED_LINE,
    SECTION_STARTS,
    decision_heading,
)
from reader.pdf.model import ParsedItem, SectionMark

_CLOSED_PREFIX = re.compile(
    r"^(?:\(lukket\)|lukket(?:\s+punkt|\s+sag)?\s*[:\-\u2013])\s*", re.IGNORECASE
)
_CLOSED_SUFFIX = re.compile(
    r"\s*(?:\(lukket(?: punkt)?\)|[-\u2013]\s*lukket punkt|\(nicht öffentlich\)|"
    r"\(nichtöffentlich\))$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[•·▪◦‣●○■□\-\u2013—*]\s*|\./\.\s*)")
_ATT_NUM = re.compile(
    r"^(?:(?:bilag|anlage|beilage|attachment|appendix)\s*)?\d{1,3}\s*[.):\-\u2013]\s*"
    r"|^(?:bilag|anlage|beilage|attachment|appendix)\s+\d{1,3}\s+",
    re.IGNORECASE,
)
# A document number leading an entry: "2012-200782 - Bygningsliste", "SAG-2025-01103 Notat".
_DOC_ID = re.compile(r"^(?:\d{4}[-\u2013]\d{3,}|[A-ZÆØÅ]{2,5}-\d{4}-\d{2,})\b")
_SUB_ITEM = re.compile(r"^[a-zæøå][.)]\s")
_NO_ATTACHMENTS = re.compile(r"^(?:ingen|der er ingen|keine|none)(?: bilag| anlagen)?\.?$", re.I)
# What a decision, a vote or a signature says: never the name of an attachment.
_NOT_ATTACHMENT = re.compile(
    r"^(?:taget til efterretning|godkendt|indstillingen (?:blev )?godkendt|anbefales|tiltrådt|"
    r"vedtaget|oversendes|udsat|genehmigt|beschlossen|zur kenntnis genommen|einstimmig|"
    r"følgende deltog ikke|beslutningen træffes af|afbud|fraværende)\b"
    r"|^(?:hr\.|fr\.|herr|frau)\s"
    r"|\([A-ZÆØÅ]{1,2}\)\s*(?:[-–,]|$)",
    re.IGNORECASE,
)
_RUN_TOGETHER = re.compile(r"\s(?=(?:bilag|anlage|beilage)\s+\d{1,3}\s*[:.]\s)", re.IGNORECASE)

# Typography of section headings: size, bold, and whether italic/underline must match too.
Style = tuple[float, bool, bool, bool, bool]


def build(
    heads: list[Heading],
    lines: list[Line],
    style: Style | None,
    heights: list[float],
) -> list[ParsedItem]:
    """Items in agenda order; each one's content runs to the next heading in the text."""
    order = sorted(
        (h for h in heads if not h.listed_only), key=lambda h: (h.page, max(h.index, -1))
    )
    stop_of: dict[int, int] = {}
    for k, h in enumerate(order):
        if k + 1 < len(order):
            nxt = order[k + 1]
            stop = nxt.index
            if stop < 0:
                stop = next((i for i, ln in enumerate(lines) if ln.page >= nxt.page), len(lines))
        else:
            stop = len(lines)
        stop_of[id(h)] = stop
    result: list[ParsedItem] = []
    group_of: dict[str, ParsedItem] = {}
    last_page = max(ln.page for ln in lines)
    for h in heads:
        start = h.end if h.end >= 0 else 0
        stop = stop_of.get(id(h), start)
        content = [ln for ln in lines[start : max(start, stop)] if not ln.footer]
        title, closed, cases = clean_title(h.title)
        item = ParsedItem(h.number, title, is_group=h.role == "group", closed=closed or h.closed)
        item.cases = cases + [c for c in h.cases if c not in cases]
        item.page_start = h.page + 1
        item.page_end = min(max([h.page] + [ln.page for ln in content]) + 1, last_page + 1)
        if h.index >= 0 and not h.listed_only:
            item.y = round(lines[h.index].y0, 2)
        if h.role == "group":
            group_of[h.number] = item
        else:
            prefix = h.number.split(".")[0] if "." in h.number else None
            grp = group_of.get(prefix) if prefix else None
            if grp is not None:
                item.group = grp.number
                grp.page_end = max(grp.page_end, item.page_end)
            if not h.listed_only:
                fill(item, content, style)
            if not item.cases and h.index > 0:
                item.cases = case_above(lines, h.index)
        item.case = item.cases[0] if item.cases else None
        result.append(item)
    return result


def clean_title(title: str) -> tuple[str, bool, list[str]]:
    """Title without closed markers or case numbers; whether it was marked closed; the cases."""
    closed = False
    cases = find_cases(title)
    for rx in CASE_RES:
        for m in list(rx.finditer(title))[::-1]:
            title = f"{title[: m.start()]} {title[m.end() :]}"
    title = re.sub(r"[(\[]\s*[)\]]", " ", title)
    title = re.sub(r"\s+miterledigt:?\s*$", "", title.strip(), flags=re.IGNORECASE)
    title = " ".join(title.split()).strip(" -\u2013|,;")
    prefix = _CLOSED_PREFIX.match(title)
    if prefix:
        closed, title = True, title[prefix.end() :]
    m2 = _CLOSED_SUFFIX.search(title)
    if m2:
        closed, title = True, title[: m2.start()]
    return title.strip(), closed, cases


def case_above(lines: list[Line], index: int) -> list[str]:
    """A case number printed just above the heading (some producers put it there)."""
    head, above = lines[index], lines[index - 1]
    close = -0.5 * head.height <= head.y0 - above.y1 <= 1.5 * head.height
    if above.page != head.page or above.footer or not close or len(above.text) > 60:
        return []
    return find_cases(above.text)


def fill(item: ParsedItem, content: list[Line], style: Style | None) -> None:
    """Case numbers, closed marker, sections and attachments from the lines under a heading."""
    first_section = next(
        (i for i, ln in enumerate(content) if section_name(ln.text) is not None), len(content)
    )
    for ln in content[: min(first_section, 4)]:
        if is_case_line(ln.text):
            item.cases.extend(c for c in find_cases(ln.text) if c not in item.cases)
        if CLOSED_LINE.match(ln.text.strip()):
            item.closed = True
    bilag: list[Line] | None = None
    last = len(content) - 1
    for i, ln in enumerate(content):
        name = section_heading(ln, style, content[i + 1] if i < last else None, i)
        if name is not None:
            if bilag is not None:
                item.attachments.extend(attachments(bilag))
            if not item.sections or item.sections[-1] != name:
                item.sections.append(name)
            item.section_marks.append(SectionMark(name, ln.page + 1, round(ln.y0, 2)))
            bilag = [] if name.casefold().split()[0] in ATTACHMENT_SECTIONS else None
            continue
        if bilag is not None:
            bilag.append(ln)
    if bilag is not None:
        item.attachments.extend(attachments(bilag))


def section_heading(ln: Line, style: Style | None, nxt: Line | None, i: int) -> str | None:
    """The section a line opens, if it is a section heading."""
    text = ln.text
    if len(text) > 110 or (text[-1:] == "." and text[-2:-1].isalpha()):
        return None  # body text: too long for a heading, or a sentence
    name = section_name(text)
    if name is not None:
        return name
    text = text.strip()
    decision = decision_heading(text)
    if decision is not None:
        return decision
    if style is not None and i >= 1 and _is_unknown_heading(ln, style, nxt):
        return text.rstrip(":").strip()
    if _may_open_section(ln, style):
        return _section_like(text)
    return None


def _section_like(text: str) -> str | None:
    """A longer heading opening with a section word (``Beslutning i Økonomiudvalget ...``)."""
    t = text.strip().rstrip(":").strip()
    first = t.split(" ", 1)[0].casefold().rstrip(":")
    if first in SECTION_STARTS and " " in t and not t.endswith((".", ",", ";")) and len(t) <= 70:
        return t
    return None


def section_style(lines: list[Line], body: float) -> Style | None:
    """Typography of known section headings, if size or weight sets them apart from body text."""
    styles: Counter[tuple[float, bool]] = Counter()
    for ln in lines:
        if not ln.footer and section_name(ln.text) is not None:
            styles[(round(ln.size, 1), ln.bold)] += 1
    if not styles:
        return None
    size, bold = styles.most_common(1)[0][0]
    if size >= body * 1.05 and (bold or size >= body * 1.15):
        return (size, bold, False, False, False)
    return None


def _heading_shape(text: str) -> bool:
    """Short, capitalised and unpunctuated: how a heading reads, whatever its typography."""
    t = text.strip()
    return (
        len(t) <= 60 and len(t.split()) <= 8 and not t.endswith((".", ",", ";")) and t[:1].isupper()
    )


def marked_style(d: Any, lines: list[Line]) -> Style | None:
    """Section headings set at body size and weight, told apart by italics or an underline.

    Word templates and ESDH exports often underline section headings or set them bold-italic
    while bold body-size subheadings sit in the text. The visible lines carry only size and
    weight, so this reads italics and underline rules back from the pages, for heading-shaped
    lines only; it runs only when size and weight do not set section headings apart.
    """
    known = [i for i, ln in enumerate(lines) if not ln.footer and section_name(ln.text)]
    if len(known) < 2:
        return None
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if not ln.footer and _heading_shape(ln.text):
            by_page.setdefault(ln.page, []).append(i)
    for pno, idx in by_page.items():
        _read_marks(d[pno], [lines[i] for i in idx])
    looks: Counter[tuple[float, bool, bool, bool]] = Counter(
        (round(lines[i].size, 1), lines[i].bold, lines[i].italic, lines[i].under) for i in known
    )
    (size, bold, italic, under), count = looks.most_common(1)[0]
    if (italic or under) and count >= 0.6 * len(known):
        return (size, bold, italic, under, True)
    return None


def _read_marks(page: Any, lines: list[Line]) -> None:
    """Set ``italic`` (every span italic) and ``under`` (a rule under the text) on ``lines``."""
    spans: list[tuple[float, float, float, bool]] = []  # x0, x1, y centre, italic
    for block in page.get_text("dict", flags=0)["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                if span["text"].strip():
                    x0, y0, x1, y1 = span["bbox"]
                    font = span["font"].lower()
                    italic = bool(span["flags"] & 2) or "italic" in font or "oblique" in font
                    spans.append((x0, x1, (y0 + y1) / 2, italic))
    rules: list[tuple[float, float, float]] = []  # x0, x1, y
    for path in page.get_cdrawings():
        x0, y0, x1, y1 = path["rect"]
        if y1 - y0 <= 3 and x1 - x0 >= 4:
            rules.append((x0, x1, (y0 + y1) / 2))
    for ln in lines:
        inside = [s[3] for s in spans if ln.y0 <= s[2] <= ln.y1 and s[0] < ln.x1 and s[1] > ln.x0]
        ln.italic = bool(inside) and all(inside)
        h = ln.y1 - ln.y0
        width = ln.x1 - ln.x0
        ln.under = any(
            ln.y0 + 0.5 * h <= y <= ln.y1 + 0.4 * h
            and min(x1, ln.x1) - max(x0, ln.x0) >= 0.8 * width
            for x0, x1, y in rules
        )


def _same_look(ln: Line, style: Style) -> bool:
    if abs(ln.size - style[0]) > 0.3 or ln.bold != style[1]:
        return False
    return not style[4] or (ln.italic == style[2] and ln.under == style[3])


def _is_unknown_heading(ln: Line, style: Style, nxt: Line | None) -> bool:
    if not _same_look(ln, style) or not _heading_shape(ln.text):
        return False
    if nxt is None:
        return True
    same = nxt.bold == ln.bold and abs(nxt.size - ln.size) < 0.3
    return not (same and (not style[4] or (nxt.italic, nxt.under) == (ln.italic, ln.under)))


def _may_open_section(ln: Line, style: Style | None) -> bool:
    """Whether a line opening with a section word (``Beslutning i ...``) may be a heading."""
    if style is None:
        return ln.bold
    if style[4]:
        return _same_look(ln, style)
    return ln.bold and abs(ln.size - style[0]) <= 0.3


def attachments(block: list[Line]) -> list[str]:
    """One entry per listed document under an attachments heading, nothing else.

    The list ends where its layout ends: a line further left than the list, a wide gap, a
    sub-item ("c. …"), or words that decide or sign rather than name a document. Unmarked
    lines continue the entry above them only when they sit right under it.
    """
    lines = [ln for ln in block if ln.text.strip()]
    if not lines:
        return []
    marked = [_is_marked(ln.text) for ln in lines]
    use_markers = any(marked)
    left = lines[0].x0
    out: list[list[str]] = []
    prev: Line | None = None
    for ln, mark in zip(lines, marked, strict=True):
        text = ln.text.strip()
        if _NO_ATTACHMENTS.match(text):
            break
        if ln.x0 < left - 2 or _SUB_ITEM.match(text) or _NOT_ATTACHMENT.search(text):
            break
        if prev is not None:
            gap = ln.y0 - prev.y1 if ln.page == prev.page else 0.0
            if gap > 1.2 * ln.height:
                break
        if parse_number(text) is not None and not mark:
            break
        name = _ATT_NUM.sub("", _BULLET.sub("", text)).strip() if not _DOC_ID.match(text) else text
        if not name:
            prev = ln
            continue
        continues = out and ((use_markers and not mark) or out[-1][-1].endswith(("-", "\u00ad")))
        if continues and prev is not None and ln.x0 >= prev.x0 - 2:
            out[-1].append(name)
        elif use_markers and not mark and not out:
            break  # text before the first marked entry: not a list
        else:
            out.append([name])
        prev = ln
    entries: list[str] = []
    for parts in out:
        for piece in _RUN_TOGETHER.split(join(parts)):
            piece = _ATT_NUM.sub("", piece.strip()).strip()
            if piece and not _NOT_ATTACHMENT.search(piece):
                entries.append(piece)
    return entries


def _is_marked(text: str) -> bool:
    return bool(_BULLET.match(text) or _ATT_NUM.match(text) or _DOC_ID.match(text))


def has_decision(items: list[ParsedItem]) -> bool:
    """Whether any item records a decision: then the document is minutes."""
    return any(decision_heading(s) for it in items for s in it.sections)


__all__ = [
    "Style",
    "build",
    "case_above",
    "clean_title",
    "find_case",
    "has_decision",
    "marked_style",
    "section_style",
]
