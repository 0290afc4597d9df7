"""Measure the change set between a 300-page agenda and its re-issue: is what it reports what
was edited, and how long does it take.

Usage: ``python bench/diff.py [--copies N] [--edits N] [--seed N]``

Builds the ~300-page agenda of ``bench/anchor.py`` (the KKR seed's items repeated), then a
re-issue with ``--edits`` edits scattered over as many items (a word replaced, a sentence
inserted, a sentence deleted, a paragraph inserted, in turn), one item of about a page
inserted (every later page moves and the rest of its group reflows), one item renumbered,
and another printing date in every page's footer. Both are imported and the change set is
computed from the library (cold: nothing kept yet).

Precision: the share of reported changes that belong to an edit (a change in an item nobody
edited, as where only reflow happened, counts against it). Recall: the share of edits with a
change reporting them (the new words for an insertion or replacement, the old words for a
deletion, the item for the inserted and the renumbered one). Targets >= 0.95 each.

Time, as a ratio to extracting both versions' visible text from their PDFs (what importing
them costs at the least), in the same run: the change set computed from the stored texts and
outlines (target <= 1.5x); then read back from the library, as the reader does after; and,
for versions imported before outlines were kept, with both outlines read from the PDFs first.
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf

from reader.diff import Change, ChangeSet, document_changes
from reader.library import Library
from reader.library.importer import import_paths
from reader.paths import DataPaths
from reader.pdf.text import page_text
from tests.support.agenda_fixtures import long_meeting
from tests.support.compose import ComposeItem, ComposeMeeting, compose_pdf

PRECISION_TARGET = 0.95
RECALL_TARGET = 0.95
RATIO_TARGET = 1.5
_SENTENCE = re.compile(r"(?<=[.!?]) (?=[A-ZÆØÅ])")


@dataclass(frozen=True)
class Edit:
    kind: str  # "word", "sentence+", "sentence-", "paragraph+", "item+", "renumber"
    item: str  # the item's number in the re-issue
    mark: str  # words the change must report (new words; old words for a deletion)
    old_item: str | None = None

    def reported_by(self, c: Change) -> bool:
        if self.kind == "item+":
            return c.scope == "item" and c.kind == "added" and c.item == self.item
        if self.kind == "renumber":
            return c.scope == "number" and c.item == self.item and c.old_item == self.old_item
        if c.scope != "text" or c.item != self.item:
            return False
        text = c.old_text if self.kind == "sentence-" else c.new_text
        return self.mark in " ".join(text.split())


def _paragraphs(it: ComposeItem) -> list[tuple[int, int, str]]:
    """(section, paragraph, text) of the item's plain paragraphs with two sentences or more."""
    out: list[tuple[int, int, str]] = []
    for s, (_name, text) in enumerate(it.sections):
        for p, para in enumerate(text.split("\n\n")):
            if not para.startswith("**") and len(_SENTENCE.split(para)) >= 2:
                out.append((s, p, para))
    return out


def _set(it: ComposeItem, s: int, p: int, para: str) -> None:
    name, text = it.sections[s]
    paras = text.split("\n\n")
    paras[p] = para
    it.sections[s] = (name, "\n\n".join(paras))


def reissue(
    v1: ComposeMeeting, edits: int, rng: random.Random
) -> tuple[ComposeMeeting, list[Edit]]:
    """The re-issue and the edits made in it."""
    v2 = copy.deepcopy(v1)
    v2.printed = datetime(2025, 4, 14, 8, 0)  # printed again three days later
    truth: list[Edit] = []
    # one item renumbered: the last of a group gets the next free number
    group = v2.groups[len(v2.groups) // 2]
    last = group.items[-1]
    major, minor = last.number.split(".")
    renumbered = f"{major}.{int(minor) + 1}"
    truth.append(Edit("renumber", renumbered, "", old_item=last.number))
    last.number = renumbered
    candidates = [it for g in v2.groups for it in g.items if it is not last and _paragraphs(it)]
    # one page inserted: a new item of about a page early on, so that every later page moves
    words = "Ny sag om fælles indkøb af el til de kommunale bygninger i hele kredsen. "
    page = "\n\n".join(words * 4 for _ in range(9))
    new = ComposeItem("1.90", "Ny sag om fælles indkøb af el")
    new.sections = [("Sagsfremstilling", page)]
    v2.groups[0].items.insert(2, new)
    truth.append(Edit("item+", "1.90", ""))
    for n, it in enumerate(rng.sample(candidates, edits)):
        s, p, para = rng.choice(_paragraphs(it))
        sentences = _SENTENCE.split(para)
        k = rng.randrange(len(sentences))
        kind = ("word", "sentence+", "sentence-", "paragraph+")[n % 4]
        if kind == "word":
            words_in = [w for w in sentences[k].split() if w.isalpha() and len(w) >= 5]
            if not words_in:
                kind = "sentence+"
            else:
                word = rng.choice(words_in)
                sentences[k] = sentences[k].replace(word, f"ændringsord{n}", 1)
                _set(it, s, p, " ".join(sentences))
                truth.append(Edit(kind, it.number, f"ændringsord{n}"))
                continue
        if kind == "sentence+":
            sentences.insert(k, f"Der er tilføjet en sætning med nummer {n} her.")
            _set(it, s, p, " ".join(sentences))
            truth.append(Edit(kind, it.number, f"sætning med nummer {n} her."))
        elif kind == "sentence-":
            gone = sentences.pop(k)
            _set(it, s, p, " ".join(sentences))
            truth.append(Edit(kind, it.number, " ".join(gone.split())))
        else:
            _set(it, s, p, f"{para}\n\nTilføjet afsnit nr. {n} om en ny betingelse for aftalen.")
            truth.append(Edit(kind, it.number, f"Tilføjet afsnit nr. {n} om"))
    return v2, truth


def extract(path: Path) -> list[str]:
    """Every page's visible text, as the import extracts it."""
    doc: Any = pymupdf.open(path)
    try:
        return [page_text(doc.load_page(n)) for n in range(doc.page_count)]
    finally:
        doc.close()


def score(changes: ChangeSet, truth: list[Edit]) -> tuple[float, float, list[Change], list[Edit]]:
    found = [c for c in changes.changes if any(e.reported_by(c) for e in truth)]
    missed = [e for e in truth if not any(e.reported_by(c) for c in changes.changes)]
    wrong = [c for c in changes.changes if c not in found]
    precision = len(found) / len(changes.changes) if changes.changes else 1.0
    recall = 1 - len(missed) / len(truth)
    return precision, recall, wrong, missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=11, help="times the seed items repeat")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print where the time goes")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        v1 = long_meeting(args.copies)
        v2, truth = reissue(v1, args.edits, rng)
        paths = []
        for name, meeting in (("v1", v1), ("v2", v2)):
            (root / name).mkdir()
            paths.append(compose_pdf(meeting, root / name / "dagsorden.pdf", toc=False))

        t0 = time.perf_counter()
        for path in paths:
            extract(path)
        baseline = time.perf_counter() - t0

        lib = Library(DataPaths(root / "data"))
        for path in paths:
            import_paths(lib, [path])
        doc = lib.meetings()[0].documents[0]
        t0 = time.perf_counter()
        if "--profile" in sys.argv:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            changes = prof.runcall(document_changes, lib, doc.id)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        else:
            changes = document_changes(lib, doc.id)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = document_changes(lib, doc.id)
        kept = time.perf_counter() - t0
        assert again.cached and again.changes == changes.changes

        # versions stored before outlines were kept: read from their PDFs on first compare
        lib.conn.execute("DELETE FROM version_changes")
        lib.conn.execute("UPDATE document_versions SET outline = NULL")
        t0 = time.perf_counter()
        legacy = document_changes(lib, doc.id)
        reparse = time.perf_counter() - t0
        assert legacy.changes == changes.changes
        pages = (lib.versions(doc.id)[0]["pages"], lib.versions(doc.id)[-1]["pages"])
        lib.close()

    precision, recall, wrong, missed = score(changes, truth)
    for c in wrong:
        print(
            f"not an edit: {c.kind} {c.scope} {c.item} {c.old_text[:60]!r} -> {c.new_text[:60]!r}"
        )
    for e in missed:
        print(f"missed: {e}")
    ratio = cold / baseline
    print(f"document: {pages[0]} pages -> {pages[1]} pages; {len(truth)} edits")
    print(f"reported: {len(changes.changes)} changes, {len(changes.moved_pages)} pages only moved")
    print(f"precision {precision:.3f}, recall {recall:.3f}; targets >= {PRECISION_TARGET}")
    print(f"baseline (extract both versions' text):      {baseline * 1000:8.1f} ms")
    print(f"change set from the library (cold):          {cold * 1000:8.1f} ms  {ratio:.2f}x")
    print(f"change set read back (kept):                 {kept * 1000:8.1f} ms")
    print(
        f"with both outlines read from the PDFs first: {reparse * 1000:8.1f} ms  "
        f"{reparse / baseline:.2f}x"
    )
    met = precision >= PRECISION_TARGET and recall >= RECALL_TARGET and ratio <= RATIO_TARGET
    print("met" if met else "MISSED")
    print(
        json.dumps(
            {
                "pages_before": pages[0],
                "pages_after": pages[1],
                "edits": len(truth),
                "changes": len(changes.changes),
                "moved_pages": len(changes.moved_pages),
                "precision": round(precision, 3),
                "recall": round(recall, 3),
                "false_changes": len(wrong),
                "missed_edits": len(missed),
                "baseline_ms": round(baseline * 1000, 1),
                "diff_ms": round(cold * 1000, 1),
                "diff_ratio": round(ratio, 2),
                "cached_ms": round(kept * 1000, 2),
                "diff_with_reparse_ms": round(reparse * 1000, 1),
                "diff_with_reparse_ratio": round(reparse / baseline, 2),
                "met": met,
            }
        )
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
