"""How fast the case view of an item opens in a library of 1,000 meetings.

Usage: ``python bench/cases.py [--meetings N] [--items N] [--seed N]``

The library: ``--meetings`` meetings of six bodies (three committees, Økonomiudvalget, the
council and KKR) over eight years, each with three standing items and ten to fourteen cases.
A case travels: a committee, then Økonomiudvalget, then the council, and a third of them come
back a year later; its number is printed in varying ways (``EMN-2025-000841``,
``EMN-2025-841``, ``12/27845``), a fifth have none and are found by title only, and KKR files
all of a year's items under one ``SAG-`` number, as it does. Half the meetings are minutes,
with a ``Beslutning`` under every item. Items are written as an import writes them
(``replace_items``) and the case index by the importer's hook (``index_meeting``); the
migration's backfill of the same library is timed too.

Then, in a fresh connection, ``case_history`` (the case view: numbers, linked items with
decisions, and the title candidates) for ``--items`` random items: p50, p95 and max against
the 50 ms target; the typed-number lookup (``case_entries``); and, as the baseline measured in
the same run, the same linked items found without the index (every item's case numbers read
and compared), which is what the index saves. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.library import Library
from reader.library.case_index import index_meeting
from reader.library.cases import case_entries, case_history
from reader.library.items import replace_items
from reader.paths import DataPaths
from reader.pdf.model import ParsedItem, SectionMark

TARGET_MS = 50.0

COMMITTEES = ("Teknik- og Miljøudvalget", "Børne- og Skoleudvalget", "Social- og Sundhedsudvalget")
OEU, COUNCIL, KKR = "Økonomiudvalget", "Byrådet", "KKR Hovedstaden"
BODIES = (*COMMITTEES, OEU, COUNCIL, KKR)
STANDING = ("Godkendelse af dagsorden", "Meddelelser", "Eventuelt")

TOPICS = (
    "lokalplan",
    "trafiksikkerhedsplan",
    "skolestruktur",
    "daginstitution",
    "plejecenter",
    "cykelsti",
    "klimatilpasning",
    "kloakering",
    "budgetopfølgning",
    "anlægsbevilling",
    "udbud af rengøring",
    "boligsocial helhedsplan",
    "sundhedspolitik",
    "ældrepolitik",
    "affaldsplan",
    "vandløbsregulativ",
    "fritidspolitik",
    "kulturhus",
    "idrætshal",
    "byfornyelse",
    "erhvervsfremme",
    "beskæftigelsesplan",
    "handicappolitik",
    "digitaliseringsstrategi",
    "spildevandsplan",
    "kollektiv trafik",
    "busbetjening",
    "skoledistrikter",
    "madservice",
    "rehabilitering",
)
# Place and project names: 300 of them, so that a name is in a few percent of the meetings,
# as real names are, while the topics above recur everywhere.
_STEMS = """Ege Sol Bøge Linde Rose Hav Skov Mølle Kirke Strand Fjord Eng Bakke Toft Vester Holm
Lunde Hede Aske Birke"""
_ENDS = "vang haven gården parken vej høj bo dal lund toften marken bjerg holm næs sted"
PLACES = tuple(f"{a}{b}" for a in _STEMS.split() for b in _ENDS.split())
STEPS = (
    "Forslag til {t}",
    "Endelig vedtagelse af {t}",
    "{t} - godkendelse",
    "{t} - høringssvar",
    "{t} - status",
    "Orientering om {t}",
)
DECISIONS = (
    "Indstillingen blev godkendt.",
    "Anbefales over for Byrådet.",
    "Udvalget tog orienteringen til efterretning.",
    "Sagen blev udsat til næste møde.",
    "Godkendt med den bemærkning, at forvaltningen vender tilbage med en økonomisk vurdering.",
)
FILLER = (
    "Forvaltningen har udarbejdet et oplæg, der beskriver de økonomiske og faglige "
    "konsekvenser. Sagen har været drøftet med de berørte parter, og der er enighed om "
    "den videre proces."
)


@dataclass
class Case:
    title: str
    number: str | None
    printings: tuple[str, ...]
    kkr: bool


@dataclass
class Slot:
    """One item to place at a meeting: its case and the step the case is at."""

    case: Case
    step: int


@dataclass
class Meeting:
    body: str
    start: datetime
    minutes: bool
    slots: list[Slot] = field(default_factory=list)


def plan(meetings: int, rng: random.Random) -> list[Meeting]:
    """The meetings, and which case each takes up when, in date order."""
    start = datetime(2018, 1, 8, 16, 0)
    days = 8 * 365
    out = [
        Meeting(BODIES[i % len(BODIES)], start + timedelta(days=i * days // meetings), False)
        for i in range(meetings)
    ]
    for m in out:
        m.minutes = rng.random() < 0.5
    by_body: dict[str, list[int]] = {}
    for i, m in enumerate(out):
        by_body.setdefault(m.body, []).append(i)
    serial = 0
    want = sum(rng.randint(10, 14) for _ in out)
    placed = 0
    while placed < want:
        serial += 1
        topic = rng.choice(TOPICS)
        title = f"{topic.capitalize()} for {rng.choice(PLACES)}"
        if rng.random() < 0.3:
            title += f" nr. {rng.randint(100, 999)}"
        year = rng.randint(2018, 2025)
        kkr = rng.random() < 0.12
        if kkr:
            route = [KKR]
            number: str | None = None  # KKR files a year's items under one number
            printings: tuple[str, ...] = ()
        else:
            route = [rng.choice(COMMITTEES), OEU, COUNCIL][: rng.randint(1, 3)]
            if rng.random() < 1 / 3:
                route.append(route[0])  # back a year later
            kind = rng.random()
            if kind < 0.2:
                number, printings = None, ()
            elif kind < 0.6:
                n = rng.randint(1, 999999)
                number = f"EMN-{year}-{n:06d}"
                printings = (number, f"EMN-{year}-{n}")
            else:
                number = f"{year % 100:02d}/{rng.randint(1000, 99999)}"
                printings = (number,)
        case = Case(title, number, printings, kkr)
        first = rng.randrange(len(out))
        when = first
        for step, body in enumerate(route):
            later = [i for i in by_body[body] if i >= when]
            if not later:
                break
            gap = 30 if step < len(route) - 1 or len(route) < 4 else 365
            target = out[when].start + timedelta(days=gap * rng.uniform(0.3, 1.0))
            when = next((i for i in later if out[i].start >= target), later[-1])
            out[when].slots.append(Slot(case, step))
            placed += 1
    return out


def build(
    root: Path, meetings: list[Meeting], rng: random.Random
) -> tuple[float, int, dict[int, int]]:
    """Write the library; returns the seconds spent in the case index hook, the number of
    items, and which case (by ``id``) each item of a case is."""
    indexing = 0.0
    items_written = 0
    truth: dict[int, int] = {}
    with Library(DataPaths(root)) as lib:
        conn = lib.conn
        body_ids: dict[str, int] = {}
        for name in BODIES:
            body_ids[name] = int(
                conn.execute("INSERT INTO bodies (name) VALUES (?)", (name,)).lastrowid or 0
            )
        with lib.transaction():
            for n, m in enumerate(meetings):
                kind = "minutes" if m.minutes else "agenda"
                mid = int(
                    conn.execute(
                        """INSERT INTO meetings (body_id, key, title, kind, start, created)
                           VALUES (?, ?, ?, ?, ?, 'x')""",
                        (
                            body_ids[m.body],
                            f"bench:{n}",
                            f"{'Referat' if m.minutes else 'Dagsorden'} - {m.body}",
                            kind,
                            m.start.isoformat(),
                        ),
                    ).lastrowid
                    or 0
                )
                parsed, pages = _items(m, rng)
                did = int(
                    conn.execute(
                        """INSERT INTO documents (meeting_id, key, kind, title, file_name,
                           created) VALUES (?, 'file:m.pdf', ?, 'M', 'm.pdf', 'x')""",
                        (mid, kind),
                    ).lastrowid
                    or 0
                )
                vid = int(
                    conn.execute(
                        """INSERT INTO document_versions (document_id, number, sha256, size,
                           pages, origin, imported) VALUES (?, 1, ?, 0, ?, 'bench', 'x')""",
                        (did, f"{n:064x}", len(pages)),
                    ).lastrowid
                    or 0
                )
                conn.executemany(
                    "INSERT INTO page_texts (version_id, page, text) VALUES (?, ?, ?)",
                    [(vid, i + 1, t) for i, t in enumerate(pages)],
                )
                replace_items(conn, mid, parsed, did, vid)
                items_written += len(parsed)
                cases = {str(i + 3): id(slot.case) for i, slot in enumerate(m.slots)}
                for item_id, number in conn.execute(
                    "SELECT id, number FROM agenda_items WHERE meeting_id = ?", (mid,)
                ):
                    if number in cases:
                        truth[int(item_id)] = cases[number]
                t = time.perf_counter()
                index_meeting(conn, mid)
                indexing += time.perf_counter() - t
    return indexing, items_written, truth


def _items(m: Meeting, rng: random.Random) -> tuple[list[ParsedItem], list[str]]:
    """The meeting's items and one page of text per item, with section marks placed."""
    items: list[ParsedItem] = []
    pages: list[str] = ["Forside"]
    entries: list[tuple[str, Case | None, int]] = [(t, None, 0) for t in STANDING[:2]]
    entries += [(s.case.title, s.case, s.step) for s in m.slots]
    entries.append((STANDING[2], None, 0))
    for n, (title, case, step) in enumerate(entries, 1):
        if case is not None:
            title = rng.choice(STEPS).format(t=case.title) if step else case.title
        printed = rng.choice(case.printings) if case is not None and case.printings else None
        if case is not None and case.kkr:
            printed = f"SAG-{m.start.year}-01103"  # the year's file, whatever the case
        page = len(pages) + 1
        lines = [f"Punkt {n}: {title}"]
        if printed:
            lines.append(printed)
        marks: list[SectionMark] = []
        sections = ["Resume", "Indstilling"] + (["Beslutning"] if m.minutes else [])
        for name in sections:
            offset = sum(len(ln) + 1 for ln in lines)
            marks.append(SectionMark(name, page, 100.0 + 40 * len(marks), offset))
            lines.append(name)
            if name == "Beslutning":
                lines.append(rng.choice(DECISIONS))
            else:
                lines.append(FILLER)
        lines.append(f"{m.body} - {m.start:%d-%m-%Y} Side {page}")
        pages.append("\n".join(lines))
        items.append(
            ParsedItem(
                number=str(n),
                title=title,
                case=printed,
                cases=[printed] if printed else [],
                page_start=page,
                page_end=page,
                sections=sections,
                y=60.0,
                offset=0,
                section_marks=marks,
            )
        )
    return items, pages


def backfill(root: Path) -> float:
    """The library as before the case index, then opened: the migration builds it."""
    with Library(DataPaths(root)) as lib:
        for table in ("item_cases", "item_words", "item_decisions"):
            lib.conn.execute(f"DROP TABLE {table}")
        lib.conn.execute("PRAGMA user_version = 8")
    t = time.perf_counter()
    with Library(DataPaths(root)):
        pass
    return time.perf_counter() - t


def _title_quality(lib: Library, truth: dict[int, int]) -> dict[str, int]:
    """For items of cases without a number, where titles are all there is to go by: of the
    candidates offered, how many are the same case (and how many others have the very same
    title, which the generator repeats); of the case's other items in the same body, how many
    are offered (found) and how many not (missed)."""
    numberless = {
        int(r[0])
        for r in lib.conn.execute(
            "SELECT id FROM agenda_items WHERE cases = '[]' AND case_number IS NULL"
        )
    }
    by_case: dict[int, list[int]] = {}
    for item_id, case in truth.items():
        if item_id in numberless:
            by_case.setdefault(case, []).append(item_id)
    body = {
        int(r[0]): int(r[1])
        for r in lib.conn.execute(
            "SELECT i.id, mv.body_id FROM agenda_items i "
            "JOIN meeting_view mv ON mv.id = i.meeting_id"
        )
    }
    out = {"found": 0, "missed": 0, "offered": 0, "right": 0, "same_title": 0}
    for items in list(by_case.values())[:300]:
        for item_id in items:
            history = case_history(lib, item_id)
            offered = {c.entry.item_id for c in history.possibly_same}
            out["offered"] += len(offered)
            for c in history.possibly_same:
                if truth.get(c.entry.item_id) == truth[item_id]:
                    out["right"] += 1
                elif c.entry.title == history.item.title:
                    out["same_title"] += 1
            same = {o for o in items if o != item_id and body[o] == body[item_id]}
            out["found"] += len(same & offered)
            out["missed"] += len(same - offered)
    return out


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p95": round(p95 * 1000, 2),
        "max": round(ordered[-1] * 1000, 2),
    }


def _without_index(lib: Library, keys: list[str]) -> list[int]:
    """The baseline: the items sharing a case key, found by reading every item's numbers."""
    from reader.library.case_numbers import item_case_keys

    wanted = set(keys)
    out = []
    for item_id, cases, case in lib.conn.execute("SELECT id, cases, case_number FROM agenda_items"):
        if any(k.key in wanted for k in item_case_keys(json.loads(cases), case)):
            out.append(int(item_id))
    return out


def measure(meetings: int, samples: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        t = time.perf_counter()
        planned = plan(meetings, rng)
        indexing, items, truth = build(root, planned, rng)
        built = time.perf_counter() - t
        print(
            f"library of {meetings} meetings and {items} items built in {built:.1f} s; "
            f"the case index hook took {indexing:.2f} s of it "
            f"({indexing / meetings * 1000:.2f} ms per meeting)"
        )
        migrated = backfill(root)
        print(f"migration backfill of the same library: {migrated:.2f} s")
        with Library(DataPaths(root)) as lib:
            counts = {
                t: int(lib.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("item_cases", "item_words", "item_decisions")
            }
            print(f"index rows: {counts}")
            ids = [
                int(r[0])
                for r in lib.conn.execute("SELECT id FROM agenda_items WHERE is_group = 0")
            ]
        picked = rng.sample(ids, min(samples, len(ids)))
        with Library(DataPaths(root)) as lib:
            t = time.perf_counter()
            first = case_history(lib, picked[0])
            cold = time.perf_counter() - t
            times: list[float] = []
            linked: list[int] = []
            candidates: list[int] = []
            for item_id in picked:
                t = time.perf_counter()
                history = case_history(lib, item_id)
                times.append(time.perf_counter() - t)
                linked.append(len(history.entries))
                candidates.append(len(history.possibly_same))
            quality = _title_quality(lib, truth)
            bare: list[float] = []
            for item_id in picked[:200]:
                t = time.perf_counter()
                case_history(lib, item_id, candidates=0)
                bare.append(time.perf_counter() - t)
            numbers = [
                str(r[0])
                for r in lib.conn.execute("SELECT DISTINCT label FROM item_cases ORDER BY key")
            ]
            typed: list[float] = []
            for number in rng.sample(numbers, min(200, len(numbers))):
                t = time.perf_counter()
                case_entries(lib, number)
                typed.append(time.perf_counter() - t)
            scans: list[float] = []
            indexed: list[float] = []
            for item_id in picked[:20]:
                keys = [k.key for k in case_history(lib, item_id, candidates=0).cases]
                if not keys:
                    continue
                t = time.perf_counter()
                _without_index(lib, keys)
                scans.append(time.perf_counter() - t)
                t = time.perf_counter()
                case_history(lib, item_id, candidates=0)
                indexed.append(time.perf_counter() - t)
        view = _ms(times)
        print(
            f"case_history, {len(times)} random items: p50 {view['p50']} ms, p95 {view['p95']} "
            f"ms, max {view['max']} ms (target <= {TARGET_MS:.0f} ms); first call "
            f"{cold * 1000:.1f} ms ({len(first.entries)} linked)"
        )
        print(
            f"  linked items per view: median {statistics.median(linked):.0f}, max "
            f"{max(linked)}; candidates: median {statistics.median(candidates):.0f}, max "
            f"{max(candidates)}"
        )
        q = quality
        precision = q["right"] / q["offered"] if q["offered"] else 0.0
        recall = q["found"] / (q["found"] + q["missed"]) if q["found"] + q["missed"] else 0.0
        print(
            f"  items without a case number: {q['offered']} candidates offered, {precision:.0%} "
            f"of the same case and {q['same_title']} more with the very same title; of such a "
            f"case's other items in the same body, {recall:.0%} offered "
            f"({q['found']} of {q['found'] + q['missed']})"
        )
        without = _ms(bare)
        print(f"case_history without candidates: p50 {without['p50']} ms, p95 {without['p95']} ms")
        lookup = _ms(typed)
        print(f"case_entries (typed number): p50 {lookup['p50']} ms, p95 {lookup['p95']} ms")
        ratio = statistics.median(scans) / statistics.median(indexed) if scans else 0.0
        print(
            f"baseline, the linked items found by reading every item: median "
            f"{statistics.median(scans) * 1000:.1f} ms, {ratio:.0f}x the indexed view"
        )
        return {
            "meetings": meetings,
            "items": items,
            "case_history_p50_ms": view["p50"],
            "case_history_p95_ms": view["p95"],
            "case_history_max_ms": view["max"],
            "case_history_first_ms": round(cold * 1000, 2),
            "without_candidates_p50_ms": without["p50"],
            "case_entries_p50_ms": lookup["p50"],
            "case_entries_p95_ms": lookup["p95"],
            "case_entries_max_ms": lookup["max"],
            "scan_baseline_ms": round(statistics.median(scans) * 1000, 2) if scans else None,
            "index_vs_scan_ratio": round(ratio, 1),
            "candidate_precision": round(precision, 3),
            "title_recall": round(recall, 3),
            "index_hook_ms_per_meeting": round(indexing / meetings * 1000, 2),
            "migration_backfill_s": round(migrated, 2),
            "target_ms": TARGET_MS,
            "within_target": view["max"] <= TARGET_MS,
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--items", type=int, default=1000, help="items whose view is timed")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(measure(args.meetings, args.items, args.seed)))


if __name__ == "__main__":
    main()
