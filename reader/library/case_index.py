"""The case index: what links agenda items across meetings, kept beside the items.

For every item, written in the transaction that writes the meeting (and built for existing
libraries by the migration that added it):

- ``item_cases``: the keys of its case numbers (``case_numbers``), so that the items of one
  case are found through an index, not by reading every item;
- ``item_words``: the words of its title, stemmed, so that items with a similar title are
  found the same way;
- ``item_decisions``: what the minutes say was decided on it, read from the text of its
  decision section (``Beslutning``): in the document its items were parsed from, or else in
  a minutes document of the same meeting whose item matches it by number and title.

Never imports the PDF code: the window reads these tables without loading PyMuPDF.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader.library.case_numbers import item_case_keys

MAX_DECISION_CHARS = 4000  # a decision longer than this is cut (with …); the PDF has it all
MAX_DECISION_PAGES = 4  # how far a decision may run when nothing after it is known
RUNNING_TOP, RUNNING_BOTTOM = 5, 3  # how many lines a running head or foot may have
TITLE_MATCH = 0.6  # how alike an agenda item's and a minutes item's titles must be

# Words that say nothing about what an item is about: Danish, German and English function
# words, and the months (dates in titles tell one budget follow-up from the next, not a case).
_STOP_WORDS = """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om
    vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv
    her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end
    dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis din
    nogle hos blive mange ad bliver hendes været jer sådan pr ved samt vedr vedrørende mv mm
    nr jf bl ang angående iht ift inkl evt ca kr mio mia
    der die das und oder von zu im des dem den ein eine einer eines mit für auf am an bei aus
    nach über vom zum zur gemäß betreffend bzw sowie als wie the of and to in on at by with a
    an re
    januar februar marts april maj juni juli august september oktober november december
    jänner märz mai dezember
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"\w+")


@functools.cache
def _stemmer() -> Callable[[list[str]], list[str]]:
    import Stemmer  # PyStemmer: C, fast; loaded only when titles are read

    stem: Callable[[list[str]], list[str]] = Stemmer.Stemmer("danish").stemWords
    return stem


def title_words(title: str) -> list[str]:
    """The words an item's title is about, stemmed, each once, in order.

    Function words and months go; so do numbers of one or two digits (days, ordinals),
    while longer ones stay: ``312`` names a local plan, ``2026`` a budget year.
    """
    kept: list[str] = []
    for word in _WORD.findall(title.casefold().replace("_", " ")):
        if word in STOP_WORDS or len(word) < 2:
            continue
        if word.isdigit() and len(word) < 3:
            continue
        kept.append(word)
    letters = [w for w in kept if not w.isdigit()]
    stems = dict(zip(letters, _stemmer()(letters), strict=True))
    out: list[str] = []
    for word in kept:
        stem = stems.get(word, word)
        if stem not in out:
            out.append(stem)
    return out


# -- decisions ------------------------------------------------------------------------------

_DECISION_NAME = re.compile(
    r"^(?:[\wæøå][\wæøå\-–, ]{0,90}?(?:s|es)\s+)?"
    r"(?:beslutning(?:er)?|beschluss|beschlüsse|beschlussfassung|abstimmungsergebnis|"
    r"decision|resolution)\b",
)
_ITEM_REF = re.compile(r"^(?:punkt|pkt\.?|top)\s*\d{1,3}\.?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def is_decision(section: str) -> bool:
    """Whether a section heading opens a decision: ``Beslutning``, ``Beslutninger``,
    ``Beslutning i Byrådet den 12.03.2025``, ``Sundheds- og Forebyggelsesudvalgets beslutning
    den 04.12.2012``, ``Beschluss``; not ``Beslutningskompetence`` nor ``Beschlussvorschlag``
    (who decides, what is proposed)."""
    return _DECISION_NAME.match(" ".join(section.casefold().split()).rstrip(":")) is not None


@dataclass(frozen=True)
class Placed:
    """An item as one document version places it: where it and its sections begin."""

    number: str
    title: str
    page: int | None
    offset: int | None
    sections: tuple[tuple[str, int, int | None], ...]  # (name, 1-based page, offset)


@dataclass(frozen=True)
class FoundDecision:
    """A decision as the minutes state it, and where: the version, its document, the page."""

    text: str
    heading: str  # the section's heading: "Beslutning", "Beslutning i Byrådet den …"
    version_id: int
    document_id: int
    page: int


def _placed_from_rows(rows: Iterable[sqlite3.Row]) -> list[Placed]:
    return [
        Placed(
            str(r["number"]),
            str(r["title"]),
            r["page_start"],
            r["offset_start"],
            tuple((str(m[0]), int(m[1]), m[3]) for m in json.loads(r["section_marks"] or "[]")),
        )
        for r in rows
    ]


def _placed_from_outline(raw: str) -> list[Placed]:
    """A version's stored outline (``items.outline_json``), read without the PDF code."""
    out: list[Placed] = []
    for number, title, _group, page, offset, sections in json.loads(raw):
        out.append(
            Placed(
                str(number),
                str(title),
                int(page),
                offset,
                tuple((str(n), int(p), o) for n, p, o in sections),
            )
        )
    return out


def _decisions_in(
    conn: sqlite3.Connection, version_id: int, placed: list[Placed]
) -> dict[str, FoundDecision]:
    """The decision of each item of one version that has a decision section, by number."""
    order = sorted(
        (p.page, p.offset) for p in placed if p.page is not None and p.offset is not None
    )
    found: dict[str, FoundDecision] = {}
    texts = _PageTexts(conn, version_id)
    row = conn.execute(
        "SELECT document_id FROM document_versions WHERE id = ?", (version_id,)
    ).fetchone()
    if row is None:
        return found
    document_id = int(row[0])
    for item in placed:
        marks = sorted(
            (page, offset, name) for name, page, offset in item.sections if offset is not None
        )
        parts: list[tuple[str, str, int]] = []
        for i, (page, offset, name) in enumerate(marks):
            if not is_decision(name):
                continue
            end = marks[i + 1][:2] if i + 1 < len(marks) else _next_start(order, (page, offset))
            text = texts.between((page, offset), end, name)
            if text:
                parts.append((name, text, page))
        if not parts:
            continue
        if len(parts) == 1:
            text = parts[0][1]
        else:
            text = "\n\n".join(f"{name}\n{body}" for name, body, _ in parts)
        if len(text) > MAX_DECISION_CHARS:
            text = text[: MAX_DECISION_CHARS - 1].rstrip() + "…"
        found[item.number] = FoundDecision(text, parts[0][0], version_id, document_id, parts[0][2])
    return found


def _next_start(order: list[tuple[int, int]], after: tuple[int, int]) -> tuple[int, int] | None:
    return next((s for s in order if s > after), None)


class _PageTexts:
    """The stored text of a version's pages, read once each, without running heads and feet:
    a line at the top or bottom of a page that, digits aside, stands at the same place on a
    page next to it (``Frederiksberg Kommune``), at the bottom only with a digit (``KKR
    Hovedstaden | 11-04-2025 SIDE | 8``): a decision ending two pages alike ("Indstillingen
    blev godkendt.") has none, and stays."""

    def __init__(self, conn: sqlite3.Connection, version_id: int) -> None:
        self.conn = conn
        self.version_id = version_id
        self.pages: dict[int, list[str]] = {}

    def lines(self, page: int) -> list[str] | None:
        if page not in self.pages:
            lo, hi = max(1, page - 1), page + MAX_DECISION_PAGES + 1
            for r in self.conn.execute(
                "SELECT page, text FROM page_texts WHERE version_id = ? AND page BETWEEN ? AND ?",
                (self.version_id, lo, hi),
            ):
                self.pages.setdefault(int(r[0]), str(r[1]).splitlines(keepends=True))
        return self.pages.get(page)

    def _shapes(self, page: int) -> list[str]:
        return [_shape(ln) for ln in self.lines(page) or () if ln.strip()]

    def running(self, page: int) -> set[int]:
        """Indexes (in ``lines(page)``) of the page's running lines."""
        lines = self.lines(page) or []
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        shapes = [_shape(lines[i]) for i in filled]
        near = [self._shapes(p) for p in (page - 1, page + 1) if p >= 1]
        out: set[int] = set()
        for places in (range(RUNNING_TOP), range(-1, -RUNNING_BOTTOM - 1, -1)):
            for k in places:
                if len(shapes) < RUNNING_TOP + RUNNING_BOTTOM or (k < 0 and "#" not in shapes[k]):
                    break
                if not any(len(other) > abs(k) and other[k] == shapes[k] for other in near):
                    break
                out.add(filled[k])
        return out

    def between(self, start: tuple[int, int], end: tuple[int, int] | None, heading: str) -> str:
        """The text from a section heading (left out) to ``end`` (or as far as it may run)."""
        page, offset = start
        last = page + MAX_DECISION_PAGES - 1
        if end is not None:
            last = min(last, end[0] if end[1] > 0 else end[0] - 1)
        kept: list[str] = []
        for p in range(page, last + 1):
            lines = self.lines(p)
            if lines is None:
                break
            a = offset if p == page else 0
            b = end[1] if end is not None and p == end[0] else sum(map(len, lines))
            running = self.running(p)
            pos = 0
            for i, ln in enumerate(lines):
                ls, le = pos, pos + len(ln)
                pos = le
                if le <= a or ls >= b or i in running:
                    continue
                kept.append(ln[max(a, ls) - ls : min(b, le) - ls].strip())
        return _without_heading(kept, heading)


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


def _without_heading(lines: list[str], heading: str) -> str:
    while lines and not lines[0]:
        lines.pop(0)
    if lines:
        first = " ".join(lines[0].split())
        name = " ".join(heading.split())
        if first.casefold().startswith(name.casefold()):
            rest = first[len(name) :].strip(" :–-")
            lines[0] = "" if not rest or _ITEM_REF.match(rest) else rest
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _fold(title: str) -> str:
    return " ".join(_WORD.findall(title.casefold()))


def _number(number: str) -> str:
    return ".".join(str(int(p)) if p.isdigit() else p for p in number.strip(" .").split("."))


def _match(item_number: str, title: str, placed: list[Placed]) -> Placed | None:
    """The minutes item that records this agenda item: the same number and a similar title,
    else the only one with the same title (numbers can move between agenda and minutes)."""
    folded = _fold(title)
    same_number = [p for p in placed if _number(p.number) == _number(item_number)]
    for p in same_number:
        other = _fold(p.title)
        alike = difflib.SequenceMatcher(None, folded, other).ratio() >= TITLE_MATCH
        if alike or (folded and (folded in other or other in folded)):
            return p
    same_title = [p for p in placed if _fold(p.title) == folded and folded]
    return same_title[0] if len(same_title) == 1 else None


def meeting_decisions(conn: sqlite3.Connection, meeting_id: int) -> dict[int, FoundDecision]:
    """The decision on each item of a meeting that has one, by item id."""
    rows = conn.execute(
        """SELECT id, number, title, version_id, page_start, offset_start, section_marks
           FROM agenda_items WHERE meeting_id = ? ORDER BY position""",
        (meeting_id,),
    ).fetchall()
    out: dict[int, FoundDecision] = {}
    by_version: dict[int, list[sqlite3.Row]] = {}
    for r in rows:
        if r["version_id"] is not None:
            by_version.setdefault(int(r["version_id"]), []).append(r)
    for version_id, own in by_version.items():
        if not any(is_decision(m[0]) for r in own for m in json.loads(r["section_marks"])):
            continue
        found = _decisions_in(conn, version_id, _placed_from_rows(own))
        for r in own:
            if r["number"] in found:
                out[int(r["id"])] = found[r["number"]]
    if len(out) == len(rows):
        return out
    for version_id, outline in conn.execute(
        """SELECT v.id, v.outline FROM documents d
           JOIN document_versions v ON v.document_id = d.id
                AND v.number = (SELECT max(number) FROM document_versions
                                WHERE document_id = d.id)
           WHERE d.meeting_id = ? AND d.kind = 'minutes' AND v.outline IS NOT NULL
           ORDER BY d.removed, d.id DESC""",
        (meeting_id,),
    ).fetchall():
        if version_id in by_version:
            continue  # the items were read from it: done above
        placed = _placed_from_outline(outline)
        if not any(is_decision(s[0]) for p in placed for s in p.sections):
            continue
        found = _decisions_in(conn, int(version_id), placed)
        for r in rows:
            if int(r["id"]) in out:
                continue
            match = _match(str(r["number"]), str(r["title"]), placed)
            if match is not None and match.number in found:
                out[int(r["id"])] = found[match.number]
    return out


# -- writing the index ----------------------------------------------------------------------


def index_meeting(conn: sqlite3.Connection, meeting_id: int) -> None:
    """Write the case index of one meeting's items anew; call in the transaction that wrote
    them (the importer does, for every meeting an import or a sync touched)."""
    for table in ("item_cases", "item_words", "item_decisions"):
        conn.execute(f"DELETE FROM {table} WHERE meeting_id = ?", (meeting_id,))
    rows = conn.execute(
        """SELECT id, number, title, is_group, group_number, case_number, cases
           FROM agenda_items WHERE meeting_id = ?""",
        (meeting_id,),
    ).fetchall()
    parents = {r["group_number"] for r in rows if r["group_number"]}
    cases: list[tuple[str, int, int, str]] = []
    words: list[tuple[str, int, int]] = []
    for r in rows:
        item_id = int(r["id"])
        for key in item_case_keys(json.loads(r["cases"] or "[]"), r["case_number"]):
            cases.append((key.key, item_id, meeting_id, key.label))
        if r["is_group"] and r["number"] in parents:
            continue  # a heading over items, not an item of its own
        words.extend((w, item_id, meeting_id) for w in title_words(str(r["title"])))
    conn.executemany(
        "INSERT OR IGNORE INTO item_cases (key, item_id, meeting_id, label) VALUES (?, ?, ?, ?)",
        cases,
    )
    conn.executemany(
        "INSERT OR IGNORE INTO item_words (word, item_id, meeting_id) VALUES (?, ?, ?)", words
    )
    decisions = meeting_decisions(conn, meeting_id)
    conn.executemany(
        """INSERT INTO item_decisions (item_id, meeting_id, text, heading, document_id,
               version_id, page) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [
            (item_id, meeting_id, d.text, d.heading, d.document_id, d.version_id, d.page)
            for item_id, d in decisions.items()
        ],
    )


def reindex_all(conn: sqlite3.Connection) -> None:
    """The case index of every meeting; the migration that adds it runs this."""
    for (meeting_id,) in conn.execute("SELECT id FROM meetings ORDER BY id").fetchall():
        index_meeting(conn, int(meeting_id))
