"""Find the meeting, its groups and its items in an agenda or minutes PDF.

Producers differ (KL's Word templates, FirstAgenda, municipal ESDH systems), so the parser
fits the shape every Danish agenda shares rather than one file: numbered headings set apart
by weight or size, a case number near each heading, a fixed-ish vocabulary of section headings
and a list of attachments under ``Bilag``. Bookmarks, when the producer wrote them, name the
headings; the layout still supplies case numbers, sections, attachments and page ranges.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pymupdf

from reader.pdf.model import AgendaStructure, MeetingInfo, ParsedItem, TextLine
from reader.pdf.text import join_lines, visible_lines

_mu: Any = pymupdf  # PyMuPDF is only partly annotated
# En dashes are deliberate below: Danish documents use them as separators.

# --- vocabulary ------------------------------------------------------------------------------

_SECTION_NAMES = {
    s.casefold()
    for s in (
        "Baggrund",
        "Indstilling",
        "Sagsfremstilling",
        "Sagsbeskrivelse",
        "Sagen",
        "Beskrivelse",
        "Økonomi",
        "Bilag",
        "Bilagsfortegnelse",
        "Beslutning",
        "Beslutninger",
        "Resume",
        "Resumé",
        "Sagsresume",
        "Sagsresumé",
        "Sagsforløb",
        "Lovgrundlag",
        "Retsgrundlag",
        "Lovgivning",
        "Vurdering",
        "Høring",
        "Høringssvar",
        "Kommunikation",
        "Tidsplan",
        "Videre proces",
        "Proces",
        "Formål",
        "Konsekvenser",
        "Historik",
        "Tidligere beslutninger",
        "Politisk behandling",
        "Supplerende sagsfremstilling",
        "Fraværende",
        "Afbud",
        "Bemærkninger",
        "Økonomiske konsekvenser",
        "Bevillingsmæssige konsekvenser",
        "Miljøvurdering",
        "Borgerinddragelse",
        "Indstillinger",
        "Administrationens indstilling",
        "Forvaltningens indstilling",
        "Direktionens indstilling",
        "Administrationens vurdering",
        "Forvaltningens vurdering",
    )
}
# First words that start a section heading such as "Beslutning i Økonomiudvalget den 12-03-2025".
_SECTION_STARTS = {
    "baggrund",
    "indstilling",
    "beslutning",
    "sagsfremstilling",
    "økonomi",
    "økonomiske",
    "bilag",
    "resume",
    "resumé",
    "høring",
    "tidsplan",
    "vurdering",
    "lovgrundlag",
}

_MONTHS = {
    "januar": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "marts": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# --- patterns --------------------------------------------------------------------------------

_WORD_NUM = re.compile(
    r"^(?:punkt|pkt\.?|dagsordenspunkt|sag\s*nr\.?|sag)\s*(\d{1,3}(?:\.\d{1,3})?)\s*"
    r"(?:[.:)\-\u2013]\s*|\s+|$)(.*)$",
    re.IGNORECASE,
)
_SUB_NUM = re.compile(r"^(\d{1,3})\.(\d{1,3})\.?(?:\s+|$)(.*)$")
_TOP_NUM = re.compile(r"^(\d{1,3})(?:[.)]\s*|\s+)(\S.*)?$")
_BARE_NUM = re.compile(
    r"^(?:(?:punkt|pkt\.?|dagsordenspunkt|sag\s*nr\.?|sag)\s*)?\d{1,3}(?:\.\d{1,3})?[.:)]?$",
    re.IGNORECASE,
)
_BARE_FIRST = frozenset("0123456789pPdDsS")  # what a _BARE_NUM match can start with
_DATE_START = re.compile(rf"^({_MONTH_RE})\b\.?\s*\d{{2,4}}", re.IGNORECASE)
_LEADER = re.compile(r"(?:\s*(?:\.\s*){3,}|\s*…{2,}|\t+|\s{3,})\s*\d{1,4}\s*$")
_CASE_RES = (
    re.compile(r"\b[A-ZÆØÅ]{2,5}-\d{4}-\d{2,}\b"),
    re.compile(r"\b\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2}\b"),
    re.compile(
        r"(?:sags?\s*nr\.?|sagsnummer|journal\s*nr\.?|j\.\s*nr\.?)\s*:?\s*([\w./-]*\d[\w./-]*)",
        re.IGNORECASE,
    ),
)
_CLOSED_PREFIX = re.compile(
    r"^(?:\(lukket\)|lukket(?:\s+punkt|\s+sag)?\s*[:\-\u2013])\s*", re.IGNORECASE
)
_CLOSED_SUFFIX = re.compile(
    r"\s*(?:\(lukket(?: punkt)?\)|[-\u2013]\s*lukket punkt)$", re.IGNORECASE
)
_CLOSED_LINE = re.compile(r"^(?:lukket(?:\s+punkt|\s+sag)?|punktet er lukket)\.?$", re.IGNORECASE)
_FOOTER_RE = re.compile(
    r"^(?:(?:side|page|s\.)\s*\|?\s*\d+(?:\s*(?:af|/|of)\s*\d+)?|\d{1,4}|[-\u2013]\s*\d+\s*[-\u2013]"
    r"|\d+\s*(?:af|/)\s*\d+)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[•·▪◦‣●○■□\-\u2013—*]\s*|\./\.\s*)")
_ATT_NUM = re.compile(
    r"^(?:bilag\s*)?\d{1,3}\s*[.):\-\u2013]\s*|^bilag\s+\d{1,3}\s+", re.IGNORECASE
)
_BODY_RE = re.compile(
    r"(KKR\s+[A-ZÆØÅ][a-zæøå]+|Kommunalbestyrelsen|Borgerrepræsentationen|Byrådet|"
    r"Regionsrådet|Magistraten|Forretningsudvalget|Kommunalbestyrelse|"
    r"Udvalget for [A-ZÆØÅ][\wæøå,\- ]*[\wæøå]|"
    r"(?:[A-ZÆØÅ][a-zæøå]+-\s+og\s+)?[A-ZÆØÅ][a-zæøå\-]*udvalg(?:et)?\b)"
)
_KIND_RE = re.compile(
    r"^(?:(?:åbent?|lukket)\s+)?(dagsorden|referat|mødereferat|beslutningsprotokol|protokol)\b",
    re.IGNORECASE,
)
_LOC_RE = re.compile(r"^(mødested|sted|mødelokale|lokale|adresse)\s*:?\s*(.*)$", re.IGNORECASE)
_DATE_LABEL = re.compile(
    r"^(?:møde)?(?:dato(?:\s+og\s+tid)?|tid|tidspunkt|mødetidspunkt|afholdt)\s*:\s*(.*)$"
    r"|^(?:møde)?dato\s+(.*)$",
    re.IGNORECASE,
)
_START_LABEL = re.compile(
    r"^(?:starttidspunkt|mødestart|start|mødetid|tidspunkt|kl\.)\s*:?\s*(.*)$", re.IGNORECASE
)
_END_LABEL = re.compile(r"^(?:sluttidspunkt|mødeslut|slut)\s*:?\s*(.*)$", re.IGNORECASE)
_NUM_DATE = re.compile(r"(?<!\d)(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_TXT_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s*({_MONTH_RE})\.?\s+(\d{{4}})", re.IGNORECASE)
_TIME_RANGE = re.compile(
    r"(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?!\d)"
    r"(?:\s*(?:-|\u2013|til)\s*(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?!\d))?"
)
_TIME_HOUR = re.compile(r"kl\.?\s*(\d{1,2})(?![\d:.])", re.IGNORECASE)


@dataclass(slots=True)
class _Line:
    """A visible line with its place in the document and whether it is page furniture."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    page: int  # 0-based
    footer: bool = False
    italic: bool = False  # only read back when section headings need it (see _marked_style)
    under: bool = False


# Typography of section headings: size, bold, and whether italic/underline must match too.
_Style = tuple[float, bool, bool, bool, bool]


@dataclass
class _Heading:
    role: str  # "group" or "item"
    number: str
    title: str
    index: int  # line index of the heading in the flat line list (-1: top of page)
    end: int  # first line index after the heading block
    page: int  # 0-based
    closed: bool = False
    score: int = 0
    children: list[ParsedItem] = field(default_factory=list)


# --- entry point -----------------------------------------------------------------------------


def parse_agenda(
    doc: pymupdf.Document, pages: list[list[TextLine]] | None = None
) -> AgendaStructure:
    """Meeting info and the flat list of groups and items of ``doc``; never raises on odd input.

    ``pages`` are the visible lines per page when the caller has them already, so a document
    is extracted once.
    """
    d: Any = doc
    try:
        lines, heights = _collect(d, pages)
    except Exception:
        return AgendaStructure(MeetingInfo(), [])
    if not lines:
        return AgendaStructure(MeetingInfo(), [])
    body_size = _body_size(lines)
    _mark_footers(lines, heights)
    meeting = _meeting_info(lines)
    heads: list[_Heading] | None = None
    try:
        heads = _from_bookmarks(d.get_toc(simple=True), lines, body_size)
    except Exception:
        heads = None
    from_bookmarks = bool(heads)
    if not heads:
        heads = _from_layout(lines, body_size)
    style = _section_style(lines, body_size)
    if style is None:
        try:
            style = _marked_style(d, lines)
        except Exception:
            style = None
    items = _build(heads, lines, body_size, style)
    return AgendaStructure(meeting, items, from_bookmarks)


# --- lines -----------------------------------------------------------------------------------


def _collect(d: Any, pages: list[list[TextLine]] | None) -> tuple[list[_Line], list[float]]:
    lines: list[_Line] = []
    heights: list[float] = []
    for page in d:
        heights.append(float(page.rect.height))
        index = int(page.number or 0)
        raw: list[TextLine] = pages[index] if pages is not None else visible_lines(page)
        lines.extend(_merge_columns(raw, index))
    return lines, heights


def _merge_columns(raw: list[TextLine], page: int) -> list[_Line]:
    """Join a bare number (``4``, ``3.4.``, ``Punkt 4``) with the title beside it.

    Tables put the number in its own cell; when the cells' baselines differ, the number is a
    line of its own. Bare numbers are rare, so the pairing pass runs only when there is one.
    """
    out: list[_Line] = []
    bare: list[int] = []
    for t in raw:
        text = t.text.strip()
        if not text:
            continue
        x0, y0, x1, y1 = t.bbox
        if len(text) <= 30 and text[0] in _BARE_FIRST and _BARE_NUM.match(text):
            bare.append(len(out))
        out.append(_Line(text, x0, y0, x1, y1, t.size, t.bold, page))
    if not bare:
        return out
    used: set[int] = set()
    joined: dict[int, _Line] = {}
    for i in bare:
        if i in used:
            continue
        ln = out[i]
        best: int | None = None
        for j, other in enumerate(out):
            if j == i or j in used or other.x0 < ln.x1 - 1:
                continue
            h = min(ln.y1 - ln.y0, other.y1 - other.y0) or 1.0
            if abs((ln.y0 + ln.y1) / 2 - (other.y0 + other.y1) / 2) > 0.5 * h:
                continue
            if best is None or other.x0 < out[best].x0:
                best = j
        if best is not None:
            o = out[best]
            used.add(best)
            joined[i] = _Line(
                f"{ln.text} {o.text}",
                ln.x0,
                min(ln.y0, o.y0),
                o.x1,
                max(ln.y1, o.y1),
                max(ln.size, o.size),
                o.bold,
                page,
            )
    return [joined.get(i, ln) for i, ln in enumerate(out) if i not in used]


def _body_size(lines: list[_Line]) -> float:
    """The dominant body font size, weighted by characters."""
    counts: dict[float, int] = {}
    for ln in lines:
        key = round(ln.size * 2) / 2
        counts[key] = counts.get(key, 0) + len(ln.text)
    return max(counts, key=counts.__getitem__) if counts else 10.0


def _mark_footers(lines: list[_Line], heights: list[float]) -> None:
    """Flag running headers/footers: page-number patterns or text repeated in the margins."""
    npages = len(heights)
    zone: list[int] = []
    for i, ln in enumerate(lines):
        h = heights[ln.page] if ln.page < len(heights) else 842.0
        if ln.y1 <= 0.1 * h or ln.y0 >= 0.9 * h:
            zone.append(i)
    keys: dict[int, str] = {}
    pages_by_key: dict[str, set[int]] = {}
    for i in zone:
        ln = lines[i]
        if _FOOTER_RE.match(ln.text):
            ln.footer = True
            continue
        key = re.sub(r"\d+", "#", re.sub(r"\s+", " ", ln.text.casefold()))
        keys[i] = key
        pages_by_key.setdefault(key, set()).add(ln.page)
    need = max(2, int(0.3 * npages + 0.999))
    for i, key in keys.items():
        ln = lines[i]
        if npages < 2 or len(pages_by_key[key]) < need:
            continue
        if _section_name(ln.text) is not None or _parse_number(ln.text) is not None:
            continue
        ln.footer = True


def _join(parts: list[str]) -> str:
    """Rejoin wrapped lines into one string; ``join_lines`` undoes line-end hyphenation."""
    return re.sub(r"\s+", " ", join_lines([p.strip() for p in parts if p.strip()])).strip()


# --- headings --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _parse_number(text: str) -> tuple[str, str] | None:
    """``(number, rest)`` when ``text`` starts like an agenda heading, else None."""
    text = text.strip()
    m = _WORD_NUM.match(text)
    if m:
        return m.group(1), m.group(2).strip()
    m = _SUB_NUM.match(text)
    if m:
        rest = m.group(3).strip()
        if rest and not rest[:1].isalpha() and rest[:1] not in "\"'«„(":
            return None
        return f"{int(m.group(1))}.{int(m.group(2))}", rest
    m = _TOP_NUM.match(text)
    if m:
        rest = (m.group(2) or "").strip()
        if rest and (not rest[:1].isalpha() or _DATE_START.match(rest)):
            return None
        if not rest and not text.endswith("."):
            return None
        return str(int(m.group(1))), rest
    return None


def _strip_leader(title: str) -> tuple[str, bool]:
    m = _LEADER.search(title)
    return (title[: m.start()].rstrip(" .…"), True) if m else (title, False)


def _emph(ln: _Line, body: float) -> bool:
    return ln.bold or ln.size >= body * 1.12


def _continuation(lines: list[_Line], i: int, first: _Line) -> int:
    """Index after the heading's wrapped title lines (same style, close below)."""
    j = i + 1
    prev = first
    while j < len(lines) and j <= i + 3:
        ln = lines[j]
        if ln.footer:
            j += 1
            continue
        gap = ln.y0 - prev.y1
        if (
            ln.page != first.page
            or ln.bold != first.bold
            or abs(ln.size - first.size) > 0.6
            or gap > 0.9 * max(prev.y1 - prev.y0, 1.0)
            or gap < -0.5 * max(prev.y1 - prev.y0, 1.0)
            or ln.x0 < first.x0 - 2
            or _parse_number(ln.text) is not None
            or _find_case(ln.text) is not None
            or _section_name(ln.text) is not None
            or _CLOSED_LINE.match(ln.text)
        ):
            break
        prev = ln
        j += 1
    return j


def _from_layout(lines: list[_Line], body: float) -> list[_Heading]:
    cands: list[_Heading] = []
    for i, ln in enumerate(lines):
        if ln.footer or len(ln.text) > 250 or not _emph(ln, body):
            continue
        parsed = _parse_number(ln.text)
        if parsed is None:
            continue
        number, rest = parsed
        rest, _toc = _strip_leader(rest)
        end = _continuation(lines, i, ln)
        parts = [rest] if rest else []
        parts += [lines[k].text for k in range(i + 1, end) if not lines[k].footer]
        if not parts:  # "Punkt 4" alone: the title is the next emphasised line
            nxt = next(
                (k for k in range(i + 1, min(i + 3, len(lines))) if not lines[k].footer), None
            )
            if nxt is None or not _emph(lines[nxt], body) or _find_case(lines[nxt].text):
                continue
            parts = [lines[nxt].text]
            end = _continuation(lines, nxt, lines[nxt])
        title = _strip_leader(_join(parts))[0]
        role = "item" if "." in number else "top"
        cands.append(_Heading(role, number, title, i, end, ln.page))
    if not cands:
        return []
    grouped = any(c.role == "item" for c in cands)
    for c in cands:
        if c.role == "top":
            c.role = "group" if grouped else "item"
    for k, c in enumerate(cands):
        stop = cands[k + 1].index if k + 1 < len(cands) else len(lines)
        c.score = _content_score(lines, c.end, stop)
        nxt_c = cands[k + 1] if k + 1 < len(cands) else None
        if c.role == "group" and nxt_c and nxt_c.number.split(".")[0] == c.number:
            c.score += 4 if nxt_c.role == "item" else 0
    best: dict[tuple[str, str], _Heading] = {}
    for c in cands:
        key = (c.role, c.number)
        if key not in best or c.score >= best[key].score:
            best[key] = c
    kept = sorted(best.values(), key=lambda h: h.index)
    return _increasing(kept)


def _content_score(lines: list[_Line], start: int, stop: int) -> int:
    body = [ln for ln in lines[start:stop] if not ln.footer]
    if not body:
        return 0
    score = 1
    if any(_find_case(ln.text) for ln in body[:4]):
        score += 4
    if any(_section_name(ln.text) is not None for ln in body):
        score += 2
    return score


def _key(h: _Heading) -> tuple[int, int]:
    nums = [int(n) for n in h.number.split(".")]
    return (nums[0], nums[1] if len(nums) > 1 else 0)


def _increasing(heads: list[_Heading]) -> list[_Heading]:
    """Longest run of headings whose numbers increase in document order (drops strays)."""
    n = len(heads)
    if n < 2:
        return heads
    best = [h.score + 1 for h in heads]
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if _key(heads[j]) < _key(heads[i]) and best[j] + heads[i].score + 1 > best[i]:
                best[i] = best[j] + heads[i].score + 1
                prev[i] = j
    i = max(range(n), key=lambda k: best[k])
    out: list[_Heading] = []
    while i >= 0:
        out.append(heads[i])
        i = prev[i]
    return out[::-1]


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-zæøåäöü]+", "", text.casefold())


def _from_bookmarks(toc: list[Any], lines: list[_Line], body: float) -> list[_Heading] | None:
    """Headings named by the outline; None when it does not look like an agenda outline."""
    entries: list[tuple[int, str, str, int]] = []
    levels_all: Counter[int] = Counter()
    for entry in toc:
        level, title, page = int(entry[0]), str(entry[1]).strip(), int(entry[2])
        levels_all[level] += 1
        parsed = _parse_number(title)
        if parsed is None or page < 1:
            continue
        entries.append((level, parsed[0], parsed[1], page - 1))
    if not entries:
        return None
    used_levels = {e[0] for e in entries}
    if len(entries) < 0.5 * sum(levels_all[lv] for lv in used_levels):
        return None
    grouped = any("." in e[1] for e in entries)
    heads: list[_Heading] = []
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        by_page.setdefault(ln.page, []).append(i)
    for _level, number, title, page in entries:
        role = "item" if "." in number or not grouped else "group"
        index, end = _locate(lines, by_page, page, number, title)
        if index >= 0:
            page = lines[index].page
        heads.append(_Heading(role, number, _strip_leader(title)[0], index, end, page))
    heads.sort(key=lambda h: (h.page, h.index))
    return heads


def _locate(
    lines: list[_Line], by_page: dict[int, list[int]], page: int, number: str, title: str
) -> tuple[int, int]:
    """The heading line for a bookmark on its page (or the next), and the index after it."""
    want = _norm(title)[:24]
    for p in (page, page + 1):
        for i in by_page.get(p, []):
            ln = lines[i]
            if ln.footer:
                continue
            parsed = _parse_number(ln.text)
            if (
                parsed is not None
                and parsed[0] == number
                and (not want or want[:12] in _norm(ln.text) or not parsed[1])
            ):
                return i, _continuation(lines, i, ln)
            if want and len(want) >= 6 and _norm(ln.text).startswith(want):
                return i, _continuation(lines, i, ln)
    idx = by_page.get(page, [])
    first = next((i for i in idx if not lines[i].footer), -1)
    return (first, first) if first >= 0 else (-1, -1)


# --- items -----------------------------------------------------------------------------------


def _find_case(text: str) -> str | None:
    for rx in _CASE_RES:
        m = rx.search(text)
        if m:
            return m.group(m.lastindex or 0)
    return None


@functools.lru_cache(maxsize=8192)
def _section_name(text: str) -> str | None:
    """The section name if ``text`` is a known section heading (trailing colon allowed)."""
    t = text.strip().rstrip(":").strip()
    if not t or len(t) > 80:
        return None
    return t if t.casefold() in _SECTION_NAMES else None


def _section_like(text: str) -> str | None:
    """A longer heading opening with a section word (``Beslutning i Økonomiudvalget ...``)."""
    t = text.strip().rstrip(":").strip()
    first = t.split(" ", 1)[0].casefold().rstrip(":")
    if first in _SECTION_STARTS and " " in t and not t.endswith((".", ",", ";")) and len(t) <= 70:
        return t
    return None


def _clean_title(title: str) -> tuple[str, bool, str | None]:
    """Title without closed markers or an inline case number; whether it was marked closed."""
    closed = False
    case = None
    for rx in _CASE_RES:
        m0 = rx.search(title)
        if m0:
            case = m0.group(m0.lastindex or 0)
            title = f"{title[: m0.start()]} {title[m0.end() :]}"
            title = re.sub(r"[(\[]\s*[)\]]", " ", title).strip(" -\u2013|,")
            break
    m = _CLOSED_PREFIX.match(title)
    if m:
        closed, title = True, title[m.end() :]
    m2 = _CLOSED_SUFFIX.search(title)
    if m2:
        closed, title = True, title[: m2.start()]
    return title.strip(), closed, case


def _section_style(lines: list[_Line], body: float) -> _Style | None:
    """Typography of known section headings, if size or weight sets them apart from body text."""
    styles: Counter[tuple[float, bool]] = Counter()
    for ln in lines:
        if not ln.footer and _section_name(ln.text) is not None:
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


def _marked_style(d: Any, lines: list[_Line]) -> _Style | None:
    """Section headings set at body size and weight, told apart by italics or an underline.

    Word templates and ESDH exports often underline section headings or set them bold-italic
    while bold body-size subheadings sit in the text. The visible lines carry only size and
    weight, so this reads italics and underline rules back from the pages, for heading-shaped
    lines only; it runs only when size and weight do not set section headings apart.
    """
    known = [i for i, ln in enumerate(lines) if not ln.footer and _section_name(ln.text)]
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


def _read_marks(page: Any, lines: list[_Line]) -> None:
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


def _same_look(ln: _Line, style: _Style) -> bool:
    if abs(ln.size - style[0]) > 0.3 or ln.bold != style[1]:
        return False
    return not style[4] or (ln.italic == style[2] and ln.under == style[3])


def _is_unknown_heading(ln: _Line, style: _Style | None, nxt: _Line | None) -> bool:
    if style is None or not _same_look(ln, style) or not _heading_shape(ln.text):
        return False
    if nxt is None:
        return True
    same = nxt.bold == ln.bold and abs(nxt.size - ln.size) < 0.3
    return not (same and (not style[4] or (nxt.italic, nxt.under) == (ln.italic, ln.under)))


def _may_open_section(ln: _Line, style: _Style | None) -> bool:
    """Whether a line opening with a section word (``Beslutning i ...``) may be a heading."""
    if style is None:
        return ln.bold
    if style[4]:
        return _same_look(ln, style)
    return ln.bold and abs(ln.size - style[0]) <= 0.3


def _attachments(block: list[_Line]) -> list[str]:
    """Names listed under ``Bilag``; unmarked lines continue a marked one when markers are used."""
    marked = [bool(_BULLET.match(ln.text) or _ATT_NUM.match(ln.text)) for ln in block]
    use_markers = any(marked)
    out: list[list[str]] = []
    for ln, mark in zip(block, marked, strict=True):
        text = ln.text.strip()
        if not text or re.match(r"^(ingen|der er ingen)( bilag)?\.?$", text, re.IGNORECASE):
            continue
        name = _ATT_NUM.sub("", _BULLET.sub("", text)).strip()
        if not name:
            continue
        if out and ((use_markers and not mark) or out[-1][-1].endswith(("-", "\u00ad"))):
            out[-1].append(name)
        else:
            out.append([name])
    return [_join(parts) for parts in out]


def _build(
    heads: list[_Heading], lines: list[_Line], body: float, style: _Style | None
) -> list[ParsedItem]:
    result: list[ParsedItem] = []
    group_of: dict[str, ParsedItem] = {}
    current: ParsedItem | None = None
    last_page = max(ln.page for ln in lines)
    for k, h in enumerate(heads):
        start = h.end if h.end >= 0 else 0
        stop = heads[k + 1].index if k + 1 < len(heads) else len(lines)
        if k + 1 < len(heads) and stop < 0:
            stop = next(
                (i for i, ln in enumerate(lines) if ln.page >= heads[k + 1].page), len(lines)
            )
        content = [ln for ln in lines[start : max(start, stop)] if not ln.footer]
        title, closed, case = _clean_title(h.title)
        item = ParsedItem(h.number, title, is_group=h.role == "group", case=case, closed=closed)
        item.page_start = h.page + 1
        item.page_end = max([h.page] + [ln.page for ln in content]) + 1
        item.page_end = min(item.page_end, last_page + 1)
        if h.role == "group":
            group_of[h.number] = item
            current = item
        else:
            prefix = h.number.split(".")[0] if "." in h.number else None
            grp = group_of.get(prefix) if prefix else None
            if grp is not None:
                item.group = grp.number
                grp.page_end = max(grp.page_end, item.page_end)
            elif current is not None and prefix is None:
                current = None
            _fill(item, content, style)
            if item.case is None and h.index > 0:
                item.case = _case_above(lines, h.index)
        result.append(item)
    return result


def _case_above(lines: list[_Line], index: int) -> str | None:
    """A case number printed just above the heading (some producers put it there)."""
    head, above = lines[index], lines[index - 1]
    height = max(head.y1 - head.y0, 1.0)
    close = -0.5 * height <= head.y0 - above.y1 <= 1.5 * height
    if above.page != head.page or above.footer or not close or len(above.text) > 60:
        return None
    return _find_case(above.text)


def _fill(item: ParsedItem, content: list[_Line], style: _Style | None) -> None:
    """Case, closed marker, sections and attachments from the lines under an item heading."""
    first_section = next(
        (i for i, ln in enumerate(content) if _section_name(ln.text) is not None), len(content)
    )
    for ln in content[: min(first_section, 4)]:
        if item.case is None:
            item.case = _find_case(ln.text)
        if _CLOSED_LINE.match(ln.text.strip()):
            item.closed = True
    bilag: list[_Line] | None = None
    last = len(content) - 1
    for i, ln in enumerate(content):
        name = _section_name(ln.text)
        if (
            name is None
            and style is not None
            and i >= 1
            and _is_unknown_heading(ln, style, content[i + 1] if i < last else None)
        ):
            name = ln.text.strip().rstrip(":").strip()
        if name is None and _may_open_section(ln, style):
            name = _section_like(ln.text)
        if name is not None:
            if bilag is not None:
                item.attachments.extend(_attachments(bilag))
            item.sections.append(name)
            bilag = [] if name.casefold().startswith("bilag") else None
            continue
        if bilag is not None:
            bilag.append(ln)
    if bilag is not None:
        item.attachments.extend(_attachments(bilag))


# --- meeting ---------------------------------------------------------------------------------


def _rows(lines: list[_Line]) -> list[tuple[str, float]]:
    """Lines of the first pages joined along their baseline (label left, value right)."""
    out: list[tuple[str, float]] = []
    by_page: dict[int, list[_Line]] = {}
    for ln in lines:
        if ln.page > 1:
            break
        by_page.setdefault(ln.page, []).append(ln)
    for page in sorted(by_page):
        pending = sorted(by_page[page], key=lambda ln: (round(ln.y0), ln.x0))
        row: list[_Line] = []
        for ln in pending:
            if row:
                h = min(ln.y1 - ln.y0, row[0].y1 - row[0].y0) or 1.0
                same = abs((ln.y0 + ln.y1) / 2 - (row[0].y0 + row[0].y1) / 2) <= 0.5 * h
                if same and ln.x0 >= row[-1].x1 - 1:
                    row.append(ln)
                    continue
                out.append((" ".join(r.text for r in row), max(r.size for r in row)))
            row = [ln]
        if row:
            out.append((" ".join(r.text for r in row), max(r.size for r in row)))
    return out


def _date_in(text: str) -> tuple[datetime | None, str]:
    """The first date in ``text`` and the text after it."""
    found: list[tuple[int, int, datetime]] = []
    for rx, order in ((_ISO_DATE, "ymd"), (_NUM_DATE, "dmy"), (_TXT_DATE, "dMy")):
        m = rx.search(text)
        if not m:
            continue
        a, b, c = m.group(1), m.group(2), m.group(3)
        try:
            if order == "ymd":
                dt = datetime(int(a), int(b), int(c))
            elif order == "dmy":
                year = int(c) + (2000 if len(c) == 2 else 0)
                dt = datetime(year, int(b), int(a))
            else:
                dt = datetime(int(c), _MONTHS[b.casefold()], int(a))
        except ValueError:
            continue
        found.append((m.start(), m.end(), dt))
    if not found:
        return None, text
    _start, end, dt = min(found, key=lambda f: f[0])
    return dt, text[end:]


def _times_in(text: str) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    m = _TIME_RANGE.search(text)
    if m:
        start = (int(m.group(1)), int(m.group(2)))
        end = (int(m.group(3)), int(m.group(4))) if m.group(3) else None
        ok = start[0] < 24 and start[1] < 60
        return (start if ok else None), (end if end and end[0] < 24 and end[1] < 60 else None)
    m2 = _TIME_HOUR.search(text)
    if m2 and int(m2.group(1)) < 24:
        return (int(m2.group(1)), 0), None
    return None, None


def _at(day: datetime, hm: tuple[int, int] | None) -> datetime:
    return day.replace(hour=hm[0], minute=hm[1]) if hm else day


def _meeting_info(lines: list[_Line]) -> MeetingInfo:
    info = MeetingInfo()
    rows = _rows(lines)
    texts = [r[0].strip() for r in rows]
    day: datetime | None = None
    start_t: tuple[int, int] | None = None
    end_t: tuple[int, int] | None = None
    for i, text in enumerate(texts):
        m = _DATE_LABEL.match(text)
        if not m or day is not None:
            continue
        value = (m.group(1) or m.group(2) or "").strip()
        if not value and i + 1 < len(texts):
            value = texts[i + 1]
        found, rest = _date_in(value)
        if found:
            day = found
            start_t, end_t = _times_in(rest)
    for i, text in enumerate(texts):
        for rx, is_start in ((_END_LABEL, False), (_START_LABEL, True)):
            m = rx.match(text)
            if not m:
                continue
            value = m.group(1).strip() or (texts[i + 1] if i + 1 < len(texts) else "")
            t0, t1 = _times_in(value)
            if is_start and start_t is None and t0:
                start_t, end_t = t0, end_t or t1
            elif not is_start and end_t is None and t0:
                end_t = t0
            break
    if day is None:
        for text in texts:
            if _TXT_DATE.search(text) or _NUM_DATE.search(text):
                day, rest = _date_in(text)
                if day is not None:
                    start_t = start_t or _times_in(rest)[0]
                    break
    if day is not None:
        info.start = _at(day, start_t)
        if end_t is not None:
            info.end = _at(day, end_t)
    places: dict[str, str] = {}
    for i, text in enumerate(texts):
        m = _LOC_RE.match(text)
        if not m or (":" not in text and not m.group(2)):
            continue
        value = m.group(2).strip() or (texts[i + 1] if i + 1 < len(texts) else "")
        places.setdefault(m.group(1).casefold(), value.strip())
    main = places.get("mødested") or places.get("sted") or places.get("adresse")
    room = places.get("lokale") or places.get("mødelokale")
    if main and room and room not in main:
        info.location = f"{main}, {room}"
    else:
        info.location = main or room or None
    kinds = sorted(
        ((size, t) for t, size in rows if len(t) <= 80 and _KIND_RE.match(t.strip())),
        key=lambda r: -r[0],
    )
    if kinds:
        word = _KIND_RE.match(kinds[0][1].strip())
        assert word is not None
        info.kind = "agenda" if word.group(1).casefold() == "dagsorden" else "minutes"
    bodies = sorted(
        (
            (size, i, m.group(1))
            for i, (t, size) in enumerate(rows)
            if not _LOC_RE.match(t) and (m := _BODY_RE.search(t))
        ),
        key=lambda r: (-r[0], r[1]),
    )
    if bodies:
        info.body = bodies[0][2].strip()
    parts = [
        {"agenda": "Dagsorden", "minutes": "Referat"}.get(info.kind or "", ""),
        info.body or "",
    ]
    head = " – ".join(p for p in parts if p)
    if head:
        info.title = f"{head} {info.start:%d-%m-%Y}" if info.start else head
    return info
