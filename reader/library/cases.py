"""Following a case (sag) across meetings and bodies: the reads the case view and the command
line share.

A case travels: a committee discusses it, KKR recommends, the council decides, it comes back a
year later. Items are the same case when they carry the same case number (read by
``case_numbers``, indexed by ``case_index``); each comes with the decision the minutes record
on it. Items without a shared number but with a similar title in the same bodies are offered
apart, as *possibly the same case*: never merged into the case, so that a guess never passes
for what the documents say.

Public API (all reads; ``lib`` is an open :class:`~reader.library.Library`)::

    case_history(lib, item_id)   -> CaseHistory   the case view of an item
    case_entries(lib, text)      -> CaseEntries   the items of a typed case number (or key)
    parse_case_query(text)       -> str | None    is a search box's text a case number?
    item_entry(lib, item_id)     -> CaseEntry     one item as the case view shows it

Entries come in date order (meetings without a date last). Meetings the member removed from
the lists are left out, except the item asked about.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.errors import NotFoundError, UsageError
from reader.i18n import say
from reader.library.case_numbers import CaseKey, case_key, parse_case_query

if TYPE_CHECKING:
    from reader.library.store import Library

__all__ = [
    "CaseEntries",
    "CaseEntry",
    "CaseHistory",
    "CaseKey",
    "Decision",
    "PossiblySame",
    "case_entries",
    "case_history",
    "item_entry",
    "parse_case_query",
]

BROAD_ITEMS = 3  # items of one meeting under one number make it the meeting's file, no case
CANDIDATES = 10  # how many "possibly the same case" an item gets at most
SIMILAR = 0.75  # how alike two titles must be (see ``_possibly_same``), 0-1
COMMON_SHARE = 0.2  # a word in this share of the bodies' meetings tells nothing ...
COMMON_MIN = 5  # ... once it is in at least this many ("dagsorden", "meddelelser")
POOL = 200  # titles scored at most per item: those sharing the most telling words


@dataclass(frozen=True)
class Decision:
    """What the minutes record as decided on an item, and where to read it."""

    text: str
    heading: str  # "Beslutning", "Beslutning i Byrådet den 12.03.2025"
    document_id: int | None
    page: int | None  # 1-based page of the heading

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "heading": self.heading,
            "document": self.document_id,
            "page": self.page,
        }


@dataclass(frozen=True)
class CaseEntry:
    """One agenda item in a case's history: where and when it was dealt with, and the result.

    ``document_id`` and ``page`` open the item (its own document, else where its decision
    stands); ``decision`` is None where no minutes record one (yet).
    """

    item_id: int
    meeting_id: int
    meeting_title: str
    body: str
    body_id: int
    start: str | None  # ISO date and time of the meeting, as the member sees it
    number: str  # "3.4"
    title: str
    cases: tuple[str, ...]  # the item's case numbers as printed
    document_id: int | None
    page: int | None
    decision: Decision | None
    position: int = 0  # its place in the meeting's agenda, for items of one meeting

    @property
    def date(self) -> str | None:
        return self.start[:10] if self.start else None

    def to_json(self) -> dict[str, object]:
        return {
            "meeting": self.meeting_id,
            "meeting_title": self.meeting_title,
            "body": self.body,
            "date": self.date,
            "start": self.start,
            "item_id": self.item_id,
            "item": self.number,
            "title": self.title,
            "cases": list(self.cases),
            "decision": self.decision.text if self.decision else None,
            "decision_heading": self.decision.heading if self.decision else None,
            "decision_document": self.decision.document_id if self.decision else None,
            "decision_page": self.decision.page if self.decision else None,
            "document": self.document_id,
            "page": self.page,
        }


@dataclass(frozen=True)
class PossiblySame:
    """An item whose title is like the one asked about, in the same bodies, with no case
    number in common: shown as *possibly the same case*, never part of the case."""

    entry: CaseEntry
    score: float  # 0-1: how much of both titles' words they share, rare words weighing more
    shared: tuple[str, ...]  # those words, stemmed

    def to_json(self) -> dict[str, object]:
        return {
            **self.entry.to_json(),
            "score": round(self.score, 3),
            "shared_words": list(self.shared),
        }


@dataclass(frozen=True)
class CaseHistory:
    """The case view of one item.

    ``cases`` are its case numbers; ``entries`` every item sharing one of them that is not
    ``broad`` (the item itself included), in date order; ``possibly_same`` the items with a
    similar title in the bodies the case went through, best first.
    """

    item: CaseEntry
    cases: tuple[CaseKey, ...]
    entries: tuple[CaseEntry, ...]
    possibly_same: tuple[PossiblySame, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "item": self.item.to_json(),
            "cases": [c.to_json() for c in self.cases],
            "items": [e.to_json() for e in self.entries],
            "possibly_same": [c.to_json() for c in self.possibly_same],
        }


@dataclass(frozen=True)
class CaseEntries:
    """What a typed case number finds: its key and its items in date order (none if no
    item carries it)."""

    query: str
    case: CaseKey
    entries: tuple[CaseEntry, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "case": self.case.label,
            "key": self.case.key,
            "scheme": self.case.scheme,
            "broad": self.case.broad,
            "items": [e.to_json() for e in self.entries],
        }


# -- reads -----------------------------------------------------------------------------------

_ENTRY_SELECT = """
    SELECT i.id, i.meeting_id, i.number, i.title, i.cases, i.case_number, i.document_id,
           i.page_start, i.position, mv.title AS meeting_title, mv.start, mv.body_id,
           mv.hidden, b.name AS body, d.text AS decision, d.heading,
           d.document_id AS decision_document, d.page AS decision_page
    FROM agenda_items i
    JOIN meeting_view mv ON mv.id = i.meeting_id
    JOIN bodies b ON b.id = mv.body_id
    LEFT JOIN item_decisions d ON d.item_id = i.id
"""


def item_entry(lib: Library, item_id: int) -> CaseEntry:
    """One item as the case view shows it; raises ``NotFoundError`` for an unknown id."""
    rows = lib.conn.execute(_ENTRY_SELECT + " WHERE i.id = ?", (item_id,)).fetchall()
    if not rows:
        raise NotFoundError(
            say(
                f"der er intet dagsordenspunkt med id {item_id}",
                f"no agenda item with id {item_id}",
            )
        )
    return _entry(rows[0])


def case_history(lib: Library, item_id: int, *, candidates: int = CANDIDATES) -> CaseHistory:
    """The case view of an item: its case numbers, the items of the same case in date order
    with their decisions, and up to ``candidates`` items possibly of the same case.

    Raises ``NotFoundError`` for an unknown item. Reads indexes only, so it stays fast in a
    library of thousands of meetings (see ``bench/cases.py``).
    """
    conn = lib.conn
    item = item_entry(lib, item_id)
    keys = _item_keys(conn, item)
    linked = [k.key for k in keys if not k.broad]
    entries = _entries(conn, linked, keep=item_id) if linked else [item]
    if all(e.item_id != item_id for e in entries):
        entries = _ordered([*entries, item])
    possibly: list[PossiblySame] = []
    if candidates > 0:
        bodies = {e.body_id for e in entries} | {item.body_id}
        possibly = _possibly_same(conn, item, {e.item_id for e in entries}, bodies, candidates)
    return CaseHistory(item, tuple(keys), tuple(entries), tuple(possibly))


def case_entries(lib: Library, text: str) -> CaseEntries:
    """The items that carry a case number typed in any of its printings ("SAG-2025-1103",
    "sag 2025 01103") or given as the key ``parse_case_query`` returned, in date order; none
    if no item does.

    Raises ``UsageError`` if ``text`` holds no number at all.
    """
    found = case_key(text)
    if found is None:
        raise UsageError(
            say(
                f"{text.strip()!r} er ikke et sagsnummer",
                f"{text.strip()!r} is not a case number",
            )
        )
    conn = lib.conn
    labels = Counter(
        str(r[0]) for r in conn.execute("SELECT label FROM item_cases WHERE key = ?", (found.key,))
    )
    label = labels.most_common(1)[0][0] if labels else found.label
    broad = _broad(conn, [found.key])
    case = CaseKey(found.key, found.scheme, label, found.key in broad)
    return CaseEntries(text, case, tuple(_entries(conn, [found.key])))


def _item_keys(conn: sqlite3.Connection, item: CaseEntry) -> list[CaseKey]:
    """The item's case numbers, in the order it prints them."""
    rows = conn.execute(
        "SELECT key, label FROM item_cases WHERE item_id = ?", (item.item_id,)
    ).fetchall()
    broad = _broad(conn, [str(r[0]) for r in rows])
    keys = [
        CaseKey(str(key), str(key).split(":", 1)[0], str(label), str(key) in broad)
        for key, label in rows
    ]
    order = {label: i for i, label in enumerate(item.cases)}
    return sorted(keys, key=lambda k: order.get(k.label, len(order)))


def _broad(conn: sqlite3.Connection, keys: list[str]) -> set[str]:
    """The keys that several items of one meeting carry: a meeting's file, not a case."""
    if not keys:
        return set()
    marks = ",".join("?" * len(keys))
    return {
        str(r[0])
        for r in conn.execute(
            f"""SELECT key FROM item_cases WHERE key IN ({marks})
                GROUP BY key, meeting_id HAVING count(*) >= ?""",
            (*keys, BROAD_ITEMS),
        )
    }


def _entries(conn: sqlite3.Connection, keys: list[str], keep: int | None = None) -> list[CaseEntry]:
    """The items carrying any of ``keys``, in date order, without hidden meetings (but
    ``keep``)."""
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        _ENTRY_SELECT + f" WHERE i.id IN (SELECT item_id FROM item_cases WHERE key IN ({marks}))",
        keys,
    ).fetchall()
    return _ordered(_entry(r) for r in rows if not r["hidden"] or r["id"] == keep)


def _ordered(entries: Iterable[CaseEntry]) -> list[CaseEntry]:
    return sorted(entries, key=lambda e: (e.start is None, e.start or "", e.meeting_id, e.position))


def _labels(cases: str | None, case: str | None) -> list[str]:
    listed = [str(c) for c in json.loads(cases or "[]")]
    return listed or ([case] if case else [])


def _entry(r: sqlite3.Row) -> CaseEntry:
    decision = None
    if r["decision"] is not None:
        decision = Decision(
            str(r["decision"]), str(r["heading"]), r["decision_document"], r["decision_page"]
        )
    document, page = r["document_id"], r["page_start"]
    if document is None and decision is not None:
        document, page = decision.document_id, decision.page
    return CaseEntry(
        item_id=int(r["id"]),
        meeting_id=int(r["meeting_id"]),
        meeting_title=str(r["meeting_title"]),
        body=str(r["body"]),
        body_id=int(r["body_id"]),
        start=r["start"],
        number=str(r["number"]),
        title=str(r["title"]),
        cases=tuple(_labels(r["cases"], r["case_number"])),
        document_id=document,
        page=page if document is not None else None,
        decision=decision,
        position=int(r["position"]),
    )


# -- possibly the same case ------------------------------------------------------------------


def _possibly_same(
    conn: sqlite3.Connection,
    item: CaseEntry,
    linked: set[int],
    bodies: set[int],
    limit: int,
) -> list[PossiblySame]:
    """Items of other meetings of ``bodies`` whose titles say much the same.

    Only titles sharing a telling word are looked at: a word is telling unless a good share
    of the bodies' meetings has it (``dagsorden``, ``meddelelser``: standing items get no
    candidates). Each word weighs by how rare it is among all items' titles; the score is the
    mean of how much of both titles the shared words make (Dice) and how much of the shorter
    one (overlap): a title that adds a step to the other ("... - endelig godkendelse") scores
    high, two that share only a place name do not. They must share a word, not only numbers
    ("327" names no case).
    """
    words = [
        str(r[0])
        for r in conn.execute("SELECT word FROM item_words WHERE item_id = ?", (item.item_id,))
    ]
    if not words:
        return []
    body_marks = ",".join("?" * len(bodies))
    in_bodies = f"""JOIN meeting_view mv ON mv.id = w.meeting_id
                    WHERE mv.body_id IN ({body_marks}) AND NOT mv.hidden"""
    meetings = int(
        conn.execute(
            f"SELECT count(*) FROM meeting_view WHERE body_id IN ({body_marks}) AND NOT hidden",
            sorted(bodies),
        ).fetchone()[0]
    )
    marks = ",".join("?" * len(words))
    spread = {
        str(w): int(n)
        for w, n in conn.execute(
            f"""SELECT w.word, count(DISTINCT w.meeting_id) FROM item_words w {in_bodies}
                AND w.word IN ({marks}) GROUP BY w.word""",
            (*sorted(bodies), *words),
        )
    }
    common_at = max(COMMON_MIN, COMMON_SHARE * meetings)
    telling = {w for w in words if spread.get(w, 0) < common_at}
    if not telling:
        return []
    holders: dict[int, set[str]] = {}
    marks = ",".join("?" * len(telling))
    for other, word in conn.execute(
        f"""SELECT w.item_id, w.word FROM item_words w {in_bodies}
            AND w.word IN ({marks}) AND w.meeting_id != ?""",
        (*sorted(bodies), *sorted(telling), item.meeting_id),
    ):
        if int(other) not in linked:
            holders.setdefault(int(other), set()).add(str(word))
    pool = sorted(((len(ws), other) for other, ws in holders.items()), reverse=True)[:POOL]
    if not pool:
        return []
    ids = [other for _, other in pool]
    theirs: dict[int, set[str]] = {}
    marks = ",".join("?" * len(ids))
    for other, word in conn.execute(
        f"SELECT item_id, word FROM item_words WHERE item_id IN ({marks})", ids
    ):
        theirs.setdefault(int(other), set()).add(str(word))
    weight = _rarity(conn, set(words).union(*theirs.values()))
    mine = set(words)
    own = sum(weight[w] for w in mine)
    scored: list[tuple[float, int, tuple[str, ...]]] = []
    for other in ids:
        their = theirs.get(other, set())
        shared = mine & their
        if all(w.isdigit() for w in shared & telling):
            continue
        common_weight = sum(weight[w] for w in shared)
        other_weight = sum(weight[w] for w in their)
        dice = 2 * common_weight / (own + other_weight)
        overlap = common_weight / min(own, other_weight)
        score = (dice + overlap) / 2
        if score >= SIMILAR:
            scored.append((score, other, tuple(w for w in words if w in shared)))
    if not scored:
        return []
    marks = ",".join("?" * len(scored))
    found = {
        int(r["id"]): _entry(r)
        for r in conn.execute(_ENTRY_SELECT + f" WHERE i.id IN ({marks})", [s[1] for s in scored])
    }
    ranked = sorted(
        (PossiblySame(found[other], score, shared) for score, other, shared in scored),
        key=lambda c: (-c.score, c.entry.start is None, _desc(c.entry.start or "")),
    )
    return ranked[:limit]


def _rarity(conn: sqlite3.Connection, words: set[str]) -> dict[str, float]:
    """How much each word tells: the log of how rare it is among all items' titles."""
    items = max(1, int(conn.execute("SELECT count(*) FROM agenda_items").fetchone()[0]))
    listed = sorted(words)
    marks = ",".join("?" * len(listed))
    counts = {
        str(w): int(n)
        for w, n in conn.execute(
            f"SELECT word, count(*) FROM item_words WHERE word IN ({marks}) GROUP BY word",
            listed,
        )
    }
    return {w: math.log((items + 1) / (counts.get(w, 0) + 1)) + 0.1 for w in listed}


def _desc(text: str) -> tuple[int, ...]:
    """A key that sorts ISO times latest first."""
    return tuple(-ord(c) for c in text)
