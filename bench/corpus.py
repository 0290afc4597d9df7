"""How well the import reads real agendas and minutes that other producers made.

Usage: ``python bench/corpus.py [CORPUS] [--only NAME] [-v] [--json-only]``

``CORPUS`` is a folder with ``truth.json`` (see its ``README.md``); by default the first
``shared/corpus`` beside the repository root or one of its parents. Each document is imported
into a fresh temporary library, and what the library stored is compared with the truth:

- *facts*: body, kind, date, time and place of the meeting (a truth field that is null is not
  counted); texts are compared casefolded with whitespace collapsed;
- *items*: found by number, title, first page, invented numbers, case numbers;
- *attachments*: entries stored under each item that name one of its truth identifiers (right),
  that name none (junk), and truth identifiers that no entry names (missing);
- *text*: word-level similarity of every stored page to ``pdftotext``'s text of that page, and
  passages the stored text repeats more often than ``pdftotext`` (8-word shingles that occur at
  least twice in the stored page and more often than in ``pdftotext``'s), and characters the
  extraction could not map to text (U+FFFD);
- *search*: each truth query's first hit must be the truth item, on a page that shows the
  truth pattern;
- *seconds*: the import's wall time.

ESDH publications in ``CORPUS/esdh`` (folders holding an XML, and zips) are imported too, and
what came in is counted. The last line printed is one JSON object with the totals.
Exit status: 0, or 2 when the corpus folder or its ``truth.json`` is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.library import Library  # noqa: E402
from reader.library.importer import UNKNOWN_BODY, import_paths  # noqa: E402
from reader.paths import DataPaths  # noqa: E402
from reader.search import Searcher, update_index  # noqa: E402

T = TypeVar("T")
SHINGLE = 8
UNKNOWN_CHAR = "\ufffd"  # what extraction gives for a glyph it cannot map to text
PDFTOTEXT_TIMEOUT = 120.0
SEARCH_LIMIT = 10
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_WORD = re.compile(r"\w+")
_TRAILING = re.compile(r"[\s.,:;!?\-–—]+$")


# -- normalising ----------------------------------------------------------------------------


def norm(text: str | None) -> str:
    """Casefolded, NFKC, dashes unified, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    return " ".join(_DASHES.sub("-", text).casefold().split())


def norm_title(text: str | None) -> str:
    return _TRAILING.sub("", norm(text))


def norm_number(text: str | None) -> str:
    return norm(text).rstrip(".")


def norm_case(text: str | None) -> str:
    return "".join(norm(text).split())


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def has_phrase(haystack: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``haystack`` as whole words."""
    return bool(phrase) and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", haystack) is not None


# -- the truth ------------------------------------------------------------------------------


def optional_str(value: object) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class TruthItem:
    number: str
    page: int | None
    title: str | None
    cases: list[str] | None


@dataclass(frozen=True)
class TruthQuery:
    query: str
    item: str | None  # None: the best hit is outside any item
    pattern: str


@dataclass(frozen=True)
class Truth:
    name: str
    file: str
    kind: str | None
    body: str | None
    date: str | None
    time: str | None
    location: str | None
    items: list[TruthItem]
    attachments: dict[str, list[str]] | None
    queries: list[TruthQuery]

    @staticmethod
    def load(name: str, raw: dict[str, Any]) -> Truth:
        return Truth(
            name=name,
            file=str(raw.get("file") or f"pdf/{name}.pdf"),
            kind=raw.get("kind"),
            body=raw.get("body"),
            date=raw.get("date"),
            time=raw.get("time"),
            location=raw.get("location"),
            items=[
                TruthItem(
                    str(i["number"]),
                    None if i.get("page") is None else int(i["page"]),
                    i.get("title"),
                    None if i.get("cases") is None else [str(c) for c in i["cases"]],
                )
                for i in raw.get("items") or []
            ],
            attachments=None
            if raw.get("attachments") is None
            else {norm_number(k): [str(x) for x in v or []] for k, v in raw["attachments"].items()},
            queries=[
                TruthQuery(str(q["query"]), optional_str(q.get("item")), str(q["pattern"]))
                for q in raw.get("queries") or []
            ],
        )


# -- what the library stored ----------------------------------------------------------------


@dataclass(frozen=True)
class StoredItem:
    number: str
    title: str
    is_group: bool
    page: int | None
    cases: list[str]
    attachments: list[str]


@dataclass(frozen=True)
class Stored:
    body: str
    kind: str
    start: str | None
    location: str | None
    items: list[StoredItem]
    pages: list[str]  # the imported document's page texts, page 1 first


def stored_for(lib: Library, file_name: str) -> Stored | None:
    """The meeting the imported file went into, with its items and the file's page texts.

    The document is found by its file name, else it is the library's first one.
    """
    row = lib.conn.execute(
        """SELECT d.meeting_id, max(v.id) AS version_id FROM documents d
           JOIN document_versions v ON v.document_id = d.id
           GROUP BY d.id ORDER BY d.file_name != ?, d.id LIMIT 1""",
        (file_name,),
    ).fetchone()
    if row is None:
        return None
    meeting = lib.meeting(int(row["meeting_id"]))
    pages = [
        str(r["text"])
        for r in lib.conn.execute(
            "SELECT text FROM page_texts WHERE version_id = ? ORDER BY page",
            (row["version_id"],),
        )
    ]
    return Stored(
        body=meeting.body,
        kind=meeting.kind,
        start=meeting.start,
        location=meeting.location,
        items=stored_items(lib, meeting.id),
        pages=pages,
    )


def stored_items(lib: Library, meeting_id: int) -> list[StoredItem]:
    columns = {r["name"] for r in lib.conn.execute("PRAGMA table_info(agenda_items)")}
    items: list[StoredItem] = []
    for r in lib.conn.execute(
        "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position", (meeting_id,)
    ):
        cases = [r["case_number"]] if r["case_number"] else []
        if "cases" in columns and r["cases"]:
            cases += [str(c) for c in json.loads(r["cases"]) if c]
        items.append(
            StoredItem(
                number=str(r["number"]),
                title=str(r["title"]),
                is_group=bool(r["is_group"]),
                page=r["page_start"],
                cases=cases,
                attachments=[str(a) for a in json.loads(r["attachments"] or "[]")],
            )
        )
    return items


# -- scores ---------------------------------------------------------------------------------


@dataclass
class Score:
    """Counts for one document, or the sum over several."""

    documents: int = 0
    failed: int = 0
    facts_right: int = 0
    facts_stated: int = 0
    items_true: int = 0
    items_found: int = 0
    titles_right: int = 0
    titles_stated: int = 0
    pages_right: int = 0
    pages_stated: int = 0
    items_invented: int = 0
    cases_true: int = 0
    cases_right: int = 0
    attachments_true: int = 0
    attachments_right: int = 0
    attachments_junk: int = 0
    attachments_missing: int = 0
    text_pages: int = 0
    text_similarity_sum: float = 0.0  # sum of per-document averages
    text_documents: int = 0
    dup_pages: int = 0
    dup_shingles: int = 0
    unknown_chars: int = 0
    queries: int = 0
    queries_right: int = 0
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def totals(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("text_similarity_sum", "text_documents")
        }
        out["seconds"] = round(self.seconds, 3)
        out["text_similarity"] = round(ratio(self.text_similarity_sum, self.text_documents), 4)
        out["facts_ratio"] = round(ratio(self.facts_right, self.facts_stated), 4)
        out["items_ratio"] = round(ratio(self.items_found, self.items_true), 4)
        out["titles_ratio"] = round(ratio(self.titles_right, self.titles_stated), 4)
        out["pages_ratio"] = round(ratio(self.pages_right, self.pages_stated), 4)
        out["cases_ratio"] = round(ratio(self.cases_right, self.cases_true), 4)
        found = self.attachments_true - self.attachments_missing
        out["attachments_ratio"] = round(ratio(found, self.attachments_true), 4)
        out["search_ratio"] = round(ratio(self.queries_right, self.queries), 4)
        return out


def ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def expected_counts(truth: Truth) -> Score:
    """The denominators, which a document counts in full even when its import fails."""
    s = Score(documents=1)
    s.facts_stated = sum(
        v is not None for v in (truth.body, truth.kind, truth.date, truth.time, truth.location)
    )
    s.items_true = len(truth.items)
    s.titles_stated = sum(i.title is not None for i in truth.items)
    s.pages_stated = sum(i.page is not None for i in truth.items)
    s.cases_true = sum(len(i.cases or []) for i in truth.items)
    s.attachments_true = sum(len(v) for v in (truth.attachments or {}).values())
    s.attachments_missing = s.attachments_true
    s.queries = len(truth.queries)
    return s


class Report:
    """Lines for one document: always the summary, the details only when verbose."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self.lines: list[str] = []

    def say(self, line: str) -> None:
        self.lines.append(line)

    def detail(self, line: str) -> None:
        if self.verbose:
            self.lines.append(line)


def score_facts(truth: Truth, got: Stored, s: Score, out: Report) -> None:
    start = got.start or ""
    body = "" if got.body == UNKNOWN_BODY else norm(got.body)
    place = norm(got.location)
    checks: list[tuple[str, str | None, str | None, bool]] = []
    if truth.body is not None:
        want = norm(truth.body)
        checks.append(("body", truth.body, got.body, body == want or has_phrase(body, want)))
    if truth.kind is not None:
        checks.append(("kind", truth.kind, got.kind, got.kind == truth.kind))
    if truth.date is not None:
        checks.append(("date", truth.date, start[:10] or None, start[:10] == truth.date))
    if truth.time is not None:
        checks.append(("time", truth.time, start[11:16] or None, start[11:16] == truth.time))
    if truth.location is not None:
        want = norm(truth.location)
        ok = bool(place) and (want in place or place in want)
        checks.append(("place", truth.location, got.location, ok))
    s.facts_right = sum(ok for *_, ok in checks)
    out.say(f"  facts {s.facts_right}/{s.facts_stated}")
    for name, want_s, got_s, ok in checks:
        if not ok:
            out.detail(f"    {name}: expected {want_s!r}, got {got_s!r}")


def comparable_items(truth: Truth, got: Stored) -> dict[str, StoredItem]:
    """Stored items by number: every non-group item, and groups the truth lists."""
    listed = {norm_number(i.number) for i in truth.items}
    out: dict[str, StoredItem] = {}
    for it in got.items:
        number = norm_number(it.number)
        if (not it.is_group or number in listed) and number not in out:
            out[number] = it
    return out


def score_items(truth: Truth, got: Stored, s: Score, out: Report) -> None:
    by_number = comparable_items(truth, got)
    listed = {norm_number(i.number) for i in truth.items}
    invented = [n for n in by_number if n not in listed]
    s.items_invented = len(invented)
    for want in truth.items:
        it = by_number.get(norm_number(want.number))
        if it is None:
            out.detail(f"    item {want.number}: missing (true: {want.title!r} p. {want.page})")
            continue
        s.items_found += 1
        title_ok = want.title is not None and norm_title(it.title) == norm_title(want.title)
        s.titles_right += title_ok
        page_ok = want.page is not None and it.page == want.page
        s.pages_right += page_ok
        have = {norm_case(c) for c in it.cases}
        want_cases = want.cases or []
        cases_ok = sum(norm_case(c) in have for c in want_cases)
        s.cases_right += cases_ok
        if want.title is not None and not title_ok:
            out.say(f"    title {want.number}: got {it.title!r}, true {want.title!r}")
        wrong = [
            *([] if want.page is None or page_ok else [f"page {it.page} (true {want.page})"]),
            *([] if cases_ok == len(want_cases) else [f"cases {it.cases} (true {want_cases})"]),
        ]
        fine = "right" if title_ok or want.title is None else "right but the title"
        out.detail(f"    item {want.number}: {', '.join(wrong) or fine}")
    for n in invented:
        out.detail(f"    invented item {by_number[n].number}: {by_number[n].title!r}")
    for it in got.items:
        if it.is_group and norm_number(it.number) not in listed:
            out.detail(f"    group (not in the truth, not counted) {it.number}: {it.title!r}")
    out.say(
        f"  items found {s.items_found}/{s.items_true}, titles {s.titles_right}/{s.titles_stated}, "
        f"pages {s.pages_right}/{s.pages_stated}, invented {s.items_invented}, "
        f"cases {s.cases_right}/{s.cases_true}"
    )


def score_attachments(truth: Truth, got: Stored, s: Score, out: Report) -> None:
    if truth.attachments is None:
        out.say("  attachments: not stated in the truth, not measured")
        return
    found: set[tuple[str, str]] = set()
    for number, it in comparable_items(truth, got).items():
        wanted = truth.attachments.get(number, [])
        for entry in it.attachments:
            hits = [w for w in wanted if norm(w) in norm(entry)]
            if hits:
                s.attachments_right += 1
                found.update((number, w) for w in hits)
            else:
                s.attachments_junk += 1
                out.detail(f"    junk attachment under {it.number}: {entry!r}")
    s.attachments_missing = 0
    for number, wanted in truth.attachments.items():
        for w in wanted:
            if (number, w) not in found:
                s.attachments_missing += 1
                out.detail(f"    missing attachment under {number}: {w}")
    out.say(
        f"  attachments right {s.attachments_right} (of {s.attachments_true} true), "
        f"junk {s.attachments_junk}, missing {s.attachments_missing}"
    )


def pdftotext_pages(pdf: Path) -> list[str] | None:
    """Poppler's text of each page, or None when ``pdftotext`` is not there or fails."""
    if shutil.which("pdftotext") is None:
        return None
    try:
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            check=False,
            timeout=PDFTOTEXT_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def similarity(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def shingles(tokens: list[str]) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def excess_shingles(stored: list[str], reference: list[str]) -> int:
    """Repeats of 8-word passages in the stored page that the reference does not repeat."""
    ref = shingles(reference)
    return sum(n - max(ref[sh], 1) for sh, n in shingles(stored).items() if n > max(ref[sh], 1))


def score_text(pdf: Path, got: Stored, s: Score, out: Report) -> None:
    reference = pdftotext_pages(pdf)
    if reference is None:
        out.say("  text: pdftotext unavailable or failed, not measured")
        return
    sims: list[float] = []
    for page in range(max(len(reference), len(got.pages))):
        mine = words(got.pages[page]) if page < len(got.pages) else []
        theirs = words(reference[page]) if page < len(reference) else []
        sims.append(similarity(mine, theirs))
        extra = excess_shingles(mine, theirs)
        if extra:
            s.dup_pages += 1
            s.dup_shingles += extra
        if sims[-1] < 0.95 or extra:
            out.detail(f"    page {page + 1}: similarity {sims[-1]:.3f}, repeated shingles {extra}")
    s.text_pages = len(sims)
    s.unknown_chars = sum(page.count(UNKNOWN_CHAR) for page in got.pages)
    if sims:
        s.text_similarity_sum = sum(sims) / len(sims)
        s.text_documents = 1
    out.say(
        f"  text similarity {s.text_similarity_sum:.3f} over {s.text_pages} pages, "
        f"pages with repeats {s.dup_pages}, repeated shingles {s.dup_shingles}, "
        f"unknown characters {s.unknown_chars}"
    )


def score_search(lib: Library, truth: Truth, s: Score, out: Report) -> None:
    if not truth.queries:
        return
    update_index(lib)
    searcher = Searcher(lib.paths)
    try:
        for q in truth.queries:
            result = searcher.search(q.query, limit=SEARCH_LIMIT)
            top = result.hits[0] if result.hits else None
            shown = ""
            if top is not None and top.document is not None and top.page is not None:
                shown = lib.page_text(top.document, top.page)
            ok = (
                top is not None
                and norm_number(top.item) == norm_number(q.item)
                and q.pattern.casefold() in shown.casefold()
            )
            s.queries_right += ok
            if not ok:
                where = f"item {top.item} {top.item_title!r} p. {top.page}" if top else "no hit"
                out.say(f"    query {q.query!r}: top hit {where} (true item {q.item})")
    finally:
        searcher.forget()
    out.say(f"  search {s.queries_right}/{s.queries}")


# -- running --------------------------------------------------------------------------------


@contextmanager
def fresh_library() -> Iterator[Library]:
    with tempfile.TemporaryDirectory(prefix="moedemappe-corpus-") as tmp:
        lib = Library(DataPaths(Path(tmp)))
        try:
            yield lib
        finally:
            lib.close()


def measure(corpus: Path, truth: Truth, verbose: bool) -> tuple[Score, list[str]]:
    """Import one document and score it.

    Whatever fails scores zero and says so in one line, and the other parts are still
    measured: the parser being wrong about one document must not hide the rest.
    """
    s = expected_counts(truth)
    out = Report(verbose)
    pdf = corpus / truth.file
    out.say(f"{truth.name} ({truth.kind}, {pdf.name})")
    with fresh_library() as lib:
        got = guarded("import", s, out, lambda: import_one(lib, pdf, s, out))
        if got is None:
            return s, out.lines
        guarded("facts", s, out, lambda: score_facts(truth, got, s, out))
        guarded("items", s, out, lambda: score_items(truth, got, s, out))
        guarded("attachments", s, out, lambda: score_attachments(truth, got, s, out))
        guarded("text", s, out, lambda: score_text(pdf, got, s, out))
        guarded("search", s, out, lambda: score_search(lib, truth, s, out))
    return s, out.lines


def import_one(lib: Library, pdf: Path, s: Score, out: Report) -> Stored | None:
    t0 = time.perf_counter()
    report = import_paths(lib, [pdf])
    s.seconds = time.perf_counter() - t0
    out.say(f"  import {s.seconds:.2f} s")
    for err in report.errors:
        out.say(f"  import error: {err}")
    got = stored_for(lib, pdf.name)
    if got is None:
        s.failed = 1
        out.say("  FAILED: nothing was stored")
    return got


def guarded(part: str, s: Score, out: Report, run: Callable[[], T]) -> T | None:
    try:
        return run()
    except Exception as exc:
        s.failed = 1
        out.say(f"  {part} FAILED: {type(exc).__name__}: {exc}")
        out.detail(traceback.format_exc().rstrip())
        return None


def esdh_packages(corpus: Path) -> list[Path]:
    """Folders under ``esdh/`` that hold an XML description, and zips."""
    root = corpus / "esdh"
    if not root.is_dir():
        return []
    folders = {p.parent for p in root.rglob("*") if p.suffix.lower() == ".xml" and p.is_file()}
    zips = {p for p in root.rglob("*") if p.suffix.lower() == ".zip" and p.is_file()}
    return sorted(folders | zips)


def measure_esdh(package: Path, root: Path) -> tuple[bool, dict[str, int], list[str]]:
    """Import one publication: whether it came in, the counts, and what to print.

    It came in when the import raised nothing, read its XML description (did not skip it) and
    gave at least one meeting; an importer that does not know the format reads the PDFs alone.
    """
    lines: list[str] = []
    name = package.relative_to(root).as_posix()
    counts = {"meetings": 0, "items": 0, "documents": 0}
    try:
        with fresh_library() as lib:
            t0 = time.perf_counter()
            report = import_paths(lib, [package])
            seconds = time.perf_counter() - t0
            meetings = lib.meetings()
            counts["meetings"] = len(meetings)
            counts["items"] = lib.counts()["agenda_items"]
            counts["documents"] = lib.counts()["documents"]
            lines.append(
                f"esdh {name}: {counts['meetings']} meetings, {counts['items']} items, "
                f"{counts['documents']} documents, {len(report.errors)} errors ({seconds:.2f} s)"
            )
            for m in meetings:
                lines.append(
                    f"  {m.body} | {m.kind} | {m.start} | {m.location} | "
                    f"{len(lib.items(m.id))} items, {len(m.documents)} documents"
                )
            lines.extend(f"  import error: {e}" for e in report.errors)
            unread = [x for x in report.skipped if x.lower().endswith(".xml")]
            lines.extend(f"  skipped: {x}" for x in unread)
            came_in = not unread and bool(meetings)
    except Exception as exc:
        lines.append(f"esdh {name}: FAILED: {type(exc).__name__}: {exc}")
        return False, counts, lines
    return came_in, counts, lines


def default_corpus() -> Path:
    """``shared/corpus`` beside the repository root, or beside one of its parents (worktrees)."""
    for folder in REPO.parents:
        candidate = folder / "shared" / "corpus"
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared" / "corpus"


def load_truths(truth_file: Path) -> tuple[list[Truth], list[str]]:
    """The documents ``truth.json`` describes, and a line for each entry it could not read."""
    raw = json.loads(truth_file.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError("expected an object of documents by name")
    truths: list[Truth] = []
    problems: list[str] = []
    for name, entry in raw.items():
        try:
            truths.append(Truth.load(name, entry))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(f"{name}: truth entry not understood ({type(exc).__name__}: {exc})")
    return truths, problems


def chosen(only: str | None, *names: str) -> bool:
    return only is None or only in names


def run_documents(
    corpus: Path, truths: list[Truth], args: argparse.Namespace, emit: Callable[[str], None]
) -> Score:
    total = Score()
    for truth in truths:
        if not chosen(args.only, truth.name, Path(truth.file).name, Path(truth.file).stem):
            continue
        s, lines = measure(corpus, truth, args.verbose)
        total.add(s)
        for line in lines:
            emit(line)
    return total


def run_esdh(corpus: Path, only: str | None, emit: Callable[[str], None]) -> dict[str, int]:
    totals = dict.fromkeys(
        ("esdh_packages", "esdh_imported", "esdh_meetings", "esdh_items", "esdh_documents"), 0
    )
    root = corpus / "esdh"
    for package in esdh_packages(corpus):
        if not chosen(only, package.name, package.relative_to(root).as_posix()):
            continue
        came_in, counts, lines = measure_esdh(package, root)
        totals["esdh_packages"] += 1
        totals["esdh_imported"] += came_in
        for key, n in counts.items():
            totals[f"esdh_{key}"] += n
        for line in lines:
            emit(line)
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, help="corpus folder (with truth.json)")
    ap.add_argument(
        "--only", metavar="NAME", help="one document (truth key or file name) or ESDH package"
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="print every mismatch")
    ap.add_argument("--json-only", action="store_true", help="print only the totals")
    args = ap.parse_args(argv)
    corpus = (args.corpus or default_corpus()).resolve()
    truth_file = corpus / "truth.json"
    try:
        truths, problems = load_truths(truth_file)
    except (OSError, ValueError) as exc:
        print(f"corpus: cannot read {truth_file}: {exc}", file=sys.stderr)
        return 2
    emit: Callable[[str], None] = (lambda line: None) if args.json_only else print
    for problem in problems:
        emit(problem)
    total = run_documents(corpus, truths, args, emit)
    esdh = run_esdh(corpus, args.only, emit)
    if args.only is not None and total.documents == 0 and esdh["esdh_packages"] == 0:
        emit(f"no document or ESDH package named {args.only!r} in {corpus}")
    print(json.dumps(total.totals() | esdh, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
