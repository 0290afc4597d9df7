"""Carrying annotations over to a re-issued version of their document.

For a text annotation, from the best earlier anchor (the newest version where it was
placed), in order of evidence:

1. **Position**: where its lines went. Lines that occur once in each version are matched,
   and each match is extended over the identical lines around it, so pages inserted before
   or items moved elsewhere still map. The mapped range must hold the same text and at least
   half of the 32-character context.
2. **Quote**, scored as the Hypothesis client scores it (quote, prefix, suffix, position;
   contexts compared by edit distance, so an edited word costs a little, not everything).
   Words that occur once in the old version and once in the new are the same passage, and
   are placed there whatever now surrounds them. Words that occur several times go to the
   place whose context (nearness to where they were expected breaking ties) clearly fits
   best, and only if no other old occurrence of the words fits that place as well: the copy
   a user marked may be the one that was deleted. Text that occurs several times with
   equal context (boilerplate like "Det indstilles, at ...") is never guessed at.
3. **Approximate**: only if the exact text is gone. The old context is looked for around
   where the quote was; the text between is taken if it is close enough to the old quote
   (an edited sentence).

Anything else becomes an orphan: kept with its quote, shown, never silently placed. Ink and
shapes follow their page when a page of the new version has the same text (page numbers
aside). Rectangles are copied when the page's text up to the quote is unchanged; otherwise
they are measured on the new PDF when the page is first shown or exported
(:func:`measure_pending`), so a re-issue of a long document is carried over quickly.
"""

from __future__ import annotations

import bisect
import difflib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from reader.library.store import Library
from reader.notes.models import TEXT_KINDS, Anchor
from reader.notes.records import StoredAnnotation, anchor_record, load_annotations, write_anchor
from reader.notes.text import VersionText, load_version_text, normalise_page
from reader.pdf.geometry import PdfFile, page_geometry
from reader.vault import Vault

log = logging.getLogger(__name__)

CONSUMER = "anchors"
MIN_CONTEXT = 0.5  # share of prefix+suffix that must still surround a quote found again
FUZZY_MIN = 0.75  # similarity an edited quote must keep (difflib ratio)
MIN_UNIQUE_LINE = 12  # shorter lines ("Bilag", "Økonomi") are not trusted as unique anchors
MAX_OCCURRENCES = 500
MIN_UNIQUE_QUOTE = 8  # a shorter quote is placed on its own words only with its context
# How a place is scored, as the Hypothesis client weighs it (match-quote.js).
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2
POSITION_SCALE = 2000  # characters from the expected place at which nearness counts nothing
POSITION_BONUS = 0.1  # nearness, against the context's similarity, when choosing a place
CONTEXT_EVIDENCE = 0.6  # context similarity a repeated quote's chosen place must keep
EVIDENCE_MARGIN = 0.1  # by how much it must beat every other place

VaultSource = Vault | Callable[[], Vault]
Progress = Callable[[int, int, str], None]


# -- line mapping ------------------------------------------------------------------------


class LineMap:
    """Maps offsets of an old version's text to a new version's via identical lines."""

    def __init__(self, old: VersionText, new: VersionText) -> None:
        self.old_lines, self.old_starts = _lines(old.text)
        self.new_lines, self.new_starts = _lines(new.text)
        self.to_new: list[int] = [-1] * len(self.old_lines)
        count_old: dict[str, int] = {}
        where_new: dict[str, int] = {}
        count_new: dict[str, int] = {}
        for line in self.old_lines:
            count_old[line] = count_old.get(line, 0) + 1
        for j, line in enumerate(self.new_lines):
            count_new[line] = count_new.get(line, 0) + 1
            where_new[line] = j
        anchors = [
            (i, where_new[line])
            for i, line in enumerate(self.old_lines)
            if len(line) >= MIN_UNIQUE_LINE and count_old[line] == 1 and count_new.get(line) == 1
        ]
        taken = [False] * len(self.new_lines)
        for i, j in anchors:
            self.to_new[i] = j
            taken[j] = True
        for i, j in anchors:  # grow each match over identical neighbours, both ways
            for step in (1, -1):
                a, b = i + step, j + step
                while (
                    0 <= a < len(self.old_lines)
                    and 0 <= b < len(self.new_lines)
                    and self.to_new[a] < 0
                    and not taken[b]
                    and self.old_lines[a] == self.new_lines[b]
                ):
                    self.to_new[a] = b
                    taken[b] = True
                    a += step
                    b += step

    def map(self, offset: int) -> int | None:
        """The new offset of the old character at ``offset``, if its line was matched."""
        i = bisect.bisect_right(self.old_starts, offset) - 1
        if i < 0 or self.to_new[i] < 0:
            return None
        return self.new_starts[self.to_new[i]] + offset - self.old_starts[i]

    def estimate(self, offset: int) -> int:
        """Where ``offset`` would be in the new text, from the nearest matched line before it."""
        i = bisect.bisect_right(self.old_starts, offset) - 1
        while i >= 0 and self.to_new[i] < 0:
            i -= 1
        if i < 0:
            return offset
        return self.new_starts[self.to_new[i]] + offset - self.old_starts[i]


def _lines(text: str) -> tuple[list[str], list[int]]:
    lines = text.split("\n")
    starts: list[int] = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return lines, starts


# -- text anchors --------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """What we know of a text annotation on an earlier version."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """Share of the old prefix and suffix still found right before and after ``[start, end)``."""
    total = len(prefix) + len(suffix)
    if total == 0:
        return 1.0
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    n = 0
    while n < len(before) and before[-1 - n] == prefix[-1 - n]:
        n += 1
    m = 0
    while m < len(after) and after[m] == suffix[m]:
        m += 1
    return (n + m) / total


def min_errors(pattern: str, text: str) -> int:
    """Fewest edits that turn ``pattern`` into some substring of ``text`` (Myers' bit-vector
    search), so a context with a word inserted or changed still counts as mostly kept."""
    m = len(pattern)
    if m == 0:
        return 0
    peq: dict[str, int] = {}
    for i, c in enumerate(pattern):
        peq[c] = peq.get(c, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    best = m
    for c in text:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = (ph << 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        if score < best:
            best = score
    return best


def similarity(pattern: str, text: str) -> float:
    """Hypothesis' ``textMatchScore``: 1 - edits / length of the best approximate match."""
    if not pattern:
        return 1.0
    if not text:
        return 0.0
    return 1.0 - min_errors(pattern, text) / len(pattern)


@dataclass(frozen=True)
class Match:
    """One place the quote could go, scored the way the Hypothesis client scores it."""

    start: int
    end: int
    quote: float  # 1 - edits / quote length
    prefix: float
    suffix: float
    position: float  # 1 near where the quote is expected, falling to 0 at POSITION_SCALE

    @property
    def context(self) -> float:
        return (self.prefix + self.suffix) / 2

    @property
    def evidence(self) -> float:
        """Context, with nearness to the expected place as a small bonus (a tie-breaker)."""
        return self.context + POSITION_BONUS * self.position

    @property
    def score(self) -> float:
        raw = (
            QUOTE_WEIGHT * self.quote
            + PREFIX_WEIGHT * self.prefix
            + SUFFIX_WEIGHT * self.suffix
            + POSITION_WEIGHT * self.position
        )
        return raw / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)


def score_match(
    text: str, start: int, end: int, prefix: str, suffix: str, expected: int, quote: float = 1.0
) -> Match:
    """Quote, prefix, suffix and position of ``[start, end)`` in ``text`` against a source.

    The text compared with a context is a little longer than it, so an inserted word does
    not push the context's far end out of view.
    """
    slack = len(prefix) // 4 + 2
    before = text[max(0, start - len(prefix) - slack) : start]
    after = text[end : end + len(suffix) + len(suffix) // 4 + 2]
    p = 1.0 if context_score(text, start, end, prefix, "") == 1.0 else similarity(prefix, before)
    s = 1.0 if context_score(text, start, end, "", suffix) == 1.0 else similarity(suffix, after)
    position = max(0.0, 1.0 - abs(start - expected) / POSITION_SCALE)
    return Match(start, end, quote, p, s, position)


def _occurrences(text: str, exact: str) -> list[int]:
    out: list[int] = []
    at = text.find(exact)
    while at >= 0 and len(out) < MAX_OCCURRENCES:
        out.append(at)
        at = text.find(exact, at + 1)
    return out


def anchor_text(
    src: Source, new: VersionText, lines: LineMap, old: VersionText | None = None
) -> tuple[str, int, int, float] | None:
    """(method, start, end, score) of the quote on the new version, or None for an orphan.

    ``old`` is the version ``src`` is on; without it the quote is taken to occur there once.
    """
    text = new.text
    n = len(src.exact)
    if n == 0:
        return None
    mapped = lines.map(src.start)
    expected = mapped if mapped is not None else lines.estimate(src.start)
    for cand in (mapped, src.start):
        if cand is not None and text[cand : cand + n] == src.exact:
            score = context_score(text, cand, cand + n, src.prefix, src.suffix)
            if score >= MIN_CONTEXT:
                m = score_match(text, cand, cand + n, src.prefix, src.suffix, expected)
                return "position", cand, cand + n, m.score
    occurrences = _occurrences(text, src.exact)
    if not occurrences:
        return _fuzzy(src, new, lines)
    olds = [src.start] if old is None else _occurrences(old.text, src.exact)
    if len(occurrences) == 1 and len(olds) == 1 and len(src.exact.strip()) >= MIN_UNIQUE_QUOTE:
        # the same words once before and once now: the same passage, whatever surrounds it
        o = occurrences[0]
        m = score_match(text, o, o + n, src.prefix, src.suffix, expected)
        return "quote", o, o + n, m.score
    matches = sorted(
        (score_match(text, o, o + n, src.prefix, src.suffix, expected) for o in occurrences),
        key=lambda m: m.evidence,
        reverse=True,
    )
    best = matches[0]
    runner_up = matches[1].evidence if len(matches) > 1 else 0.0
    if best.context < CONTEXT_EVIDENCE or best.evidence - runner_up < EVIDENCE_MARGIN:
        return None  # present, but where the user meant it cannot be told
    if old is not None and not _claims(src, old, olds, new, lines, best):
        return None  # another occurrence of the old version fits that place better
    return "quote", best.start, best.end, best.score


def _claims(
    src: Source, old: VersionText, olds: list[int], new: VersionText, lines: LineMap, best: Match
) -> bool:
    """Whether, of the quote's occurrences in the old version, ``src`` fits ``best`` clearly
    best: when the copy the user marked was deleted, another copy's place is not taken."""
    n = len(src.exact)
    for o in olds:
        if o == src.start:
            continue
        prefix, suffix = old.context(o, o + n)
        other = score_match(new.text, best.start, best.end, prefix, suffix, lines.estimate(o))
        if other.evidence > best.evidence - EVIDENCE_MARGIN:
            return False
    return True


def _fuzzy(src: Source, new: VersionText, lines: LineMap) -> tuple[str, int, int, float] | None:
    """The edited quote between its old prefix and suffix, near where it was."""
    text = new.text
    n = len(src.exact)
    expected = lines.estimate(src.start)
    lo, hi = max(0, expected - 20 * n - 2000), min(len(text), expected + 20 * n + 2000)
    prefix = src.prefix[-16:]
    suffix = src.suffix[:16]
    best: tuple[float, int, int] | None = None
    second = 0.0
    for p_end in _ends_of(text, prefix, lo, hi):
        for s_start in _starts_of(text, suffix, p_end, min(hi, p_end + 2 * n + 16)):
            cand = text[p_end:s_start]
            a, b = (
                p_end + len(cand) - len(cand.lstrip()),
                s_start - (len(cand) - len(cand.rstrip())),
            )
            if b <= a:
                continue
            ratio = difflib.SequenceMatcher(None, src.exact, text[a:b], autojunk=False).ratio()
            if best is None or ratio > best[0]:
                second = best[0] if best else 0.0
                best = (ratio, a, b)
            elif ratio > second:
                second = ratio
            break  # the nearest suffix after this prefix
    if best is None or best[0] < FUZZY_MIN or second >= best[0] - 0.05:
        return None
    return "fuzzy", best[1], best[2], best[0]


def _ends_of(text: str, needle: str, lo: int, hi: int) -> list[int]:
    if not needle:
        return [lo]
    out: list[int] = []
    at = text.find(needle, lo, hi)
    while at >= 0:
        out.append(at + len(needle))
        at = text.find(needle, at + 1, hi)
    return out


def _starts_of(text: str, needle: str, lo: int, hi: int) -> list[int]:
    if not needle:
        return [hi]
    out: list[int] = []
    at = text.find(needle, lo, hi + len(needle))
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1, hi + len(needle))
    return out


def follow_page(old: VersionText, new: VersionText, page: int, lines: LineMap) -> int | None:
    """The new page with the old page's text (page numbers aside), if there is exactly one
    such page or one nearest to where the old page's lines went."""
    key = normalise_page(old.pages[page - 1])
    if not key.strip():
        return None
    same = [i + 1 for i, p in enumerate(new.pages) if normalise_page(p) == key]
    if len(same) == 1:
        return same[0]
    if not same:
        return None
    expected = new.page_of(lines.estimate(old.page_start(page)))
    same.sort(key=lambda p: abs(p - expected))
    return same[0] if abs(same[0] - expected) < abs(same[1] - expected) else None


# -- documents -------------------------------------------------------------------------------


class _Texts:
    """Version texts loaded once per run."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.cache: dict[int, VersionText] = {}

    def get(self, version_id: int) -> VersionText:
        if version_id not in self.cache:
            self.cache[version_id] = load_version_text(self.lib.conn, version_id)
        return self.cache[version_id]


def _source_anchor(stored: StoredAnnotation, numbers: dict[int, int], target: int) -> Anchor | None:
    """The annotation's anchor on the newest version before ``target`` where it was placed."""
    placed = [
        a
        for v, a in stored.anchors.items()
        if a.status == "anchored" and v != target and numbers.get(v, 0) < numbers.get(target, 0)
    ]
    if not placed:
        placed = [a for v, a in stored.anchors.items() if a.status == "anchored" and v != target]
    if not placed:
        return None
    return max(placed, key=lambda a: numbers.get(a.version_id, 0))


def reanchor_document(
    lib: Library, vault: Vault, document_id: int, version_id: int, texts: _Texts | None = None
) -> tuple[int, int]:
    """Anchor every annotation of the document that has no anchor on ``version_id`` yet.

    All new anchors are written in one transaction; returns (anchored, orphaned).
    """
    texts = texts or _Texts(lib)
    todo = [s for s in load_annotations(lib, vault, document_id)[0] if version_id not in s.anchors]
    if not todo:
        return 0, 0
    numbers = {int(v["id"]): int(v["number"]) for v in lib.versions(document_id)}
    new = texts.get(version_id)
    maps: dict[int, LineMap] = {}
    results: list[tuple[StoredAnnotation, Anchor]] = []
    for stored in todo:
        src = _source_anchor(stored, numbers, version_id)
        if src is None or src.page is None:
            results.append((stored, _orphan(version_id)))
            continue
        old = texts.get(src.version_id)
        if src.version_id not in maps:
            maps[src.version_id] = LineMap(old, new)
        lines = maps[src.version_id]
        if stored.kind in TEXT_KINDS and src.start is not None and src.end is not None:
            exact = old.text[src.start : src.end]
            prefix, suffix = old.context(src.start, src.end)
            found = anchor_text(Source(src.start, src.end, exact, prefix, suffix), new, lines, old)
            if found is None:
                results.append((stored, _orphan(version_id)))
                continue
            method, start, end, score = found
            page = new.page_of(start)
            anchor = Anchor(
                version_id, "anchored", page, [], start, end, new.text[start:end], method, score
            )
            rects = _carried_rects(old, new, src, anchor)
            anchor = _with_rects(anchor, rects or [], measured=rects is not None)
            results.append((stored, anchor))
        else:
            moved = follow_page(old, new, src.page, lines)
            if moved is None:
                results.append((stored, _orphan(version_id)))
            else:
                results.append((stored, Anchor(version_id, "anchored", moved, [], method="page")))
    sealed = [
        (s.id, a, *vault.seal("anchor", anchor_record(s.id, version_id), a.payload()))
        for s, a in results
    ]
    with lib.transaction() as conn:
        for ann_id, anchor, nonce, ct in sealed:
            write_anchor(conn, ann_id, anchor, nonce, ct)
    orphans = sum(1 for _, a in results if a.status == "orphan")
    log.info(
        "re-anchored %d annotations of document %d on version %d: %d orphaned",
        len(results),
        document_id,
        version_id,
        orphans,
    )
    return len(results) - orphans, orphans


def _orphan(version_id: int) -> Anchor:
    return Anchor(version_id, "orphan", method="none", score=0.0)


def _with_rects(
    anchor: Anchor, rects: list[tuple[float, float, float, float]], measured: bool = True
) -> Anchor:
    return Anchor(
        anchor.version_id,
        anchor.status,
        anchor.page,
        rects,
        anchor.start,
        anchor.end,
        anchor.exact,
        anchor.method,
        anchor.score,
        measured,
    )


def _carried_rects(
    old: VersionText, new: VersionText, src: Anchor, anchor: Anchor
) -> list[tuple[float, float, float, float]] | None:
    """The old rectangles, if the page reads the same up to the quote's end (same layout)."""
    if src.start is None or src.end is None or anchor.start is None or anchor.page is None:
        return None
    if not src.rects or src.page is None:
        return None
    old_page, new_page = old.pages[src.page - 1], new.pages[anchor.page - 1]
    old_local = src.end - old.page_start(src.page)
    new_local = (anchor.end or 0) - new.page_start(anchor.page)
    if old_local != new_local or old_page[:old_local] != new_page[:new_local]:
        return None
    if normalise_page(old_page) != normalise_page(new_page):
        return None
    return list(src.rects)


def measure_pending(
    lib: Library, vault: Vault, document_id: int, version_id: int, pages: set[int] | None = None
) -> int:
    """Measure the rectangles of anchors re-anchored onto a changed layout, and keep them.

    Re-anchoring only places text; where a page's layout changed, rectangles are measured
    here, when a page is first shown or exported (``pages`` limits the work to those).
    Returns how many anchors were measured.
    """
    todo = [
        (s, a)
        for s in load_annotations(lib, vault, document_id)[0]
        if (a := s.anchors.get(version_id)) is not None
        and a.status == "anchored"
        and not a.measured
        and a.page is not None
        and (pages is None or a.page in pages)
    ]
    if not todo:
        return 0
    new = load_version_text(lib.conn, version_id)
    row = lib.conn.execute(
        "SELECT sha256 FROM document_versions WHERE id = ?", (version_id,)
    ).fetchone()
    path = lib.blob_path(row["sha256"])
    done: list[tuple[str, Anchor]] = []
    with PdfFile(path) as pdf:
        for stored, anchor in sorted(todo, key=lambda t: t[1].page or 0):
            page = anchor.page
            assert page is not None and anchor.start is not None and anchor.end is not None
            geometry = page_geometry(path, page, new.pages[page - 1], pdf)
            base = new.page_start(page)
            end = min(anchor.end, new.page_end(page))
            rects = geometry.rects(anchor.start - base, end - base)
            done.append((stored.id, _with_rects(anchor, rects)))
    sealed = [
        (ann_id, a, *vault.seal("anchor", anchor_record(ann_id, version_id), a.payload()))
        for ann_id, a in done
    ]
    with lib.transaction() as conn:
        for ann_id, anchor, nonce, ct in sealed:
            write_anchor(conn, ann_id, anchor, nonce, ct)
    return len(done)


def _has_annotations(lib: Library, document_id: int) -> bool:
    row = lib.conn.execute(
        "SELECT 1 FROM annotations WHERE document_id = ? LIMIT 1", (document_id,)
    ).fetchone()
    return row is not None


def reanchor_pending(
    lib: Library,
    vault: VaultSource,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[int, int]:
    """Follow the library's change log: re-anchor annotations onto each new version.

    ``vault`` may be a callable that opens it, so a library without annotations never asks
    the keychain. The cursor advances only after the anchors are committed: a crash or a
    locked vault (VaultError propagates) leaves the work pending for the next run.
    Returns (anchored, orphaned) over all documents.
    """
    progress = progress or (lambda done, total, what: None)
    cancelled = cancelled or (lambda: False)
    texts = _Texts(lib)
    opened: Vault | None = vault if isinstance(vault, Vault) else None
    total_anchored = total_orphans = 0
    seq = lib.cursor(CONSUMER)
    last = lib.last_event()
    while True:
        events = lib.events_since(seq)
        if not events:
            break
        done_seq = seq
        for event in events:
            if cancelled():
                break
            if event["kind"] == "version" and event["version_id"] is not None:
                document_id = int(event["document_id"])
                if _has_annotations(lib, document_id):
                    if opened is None:
                        assert callable(vault)
                        opened = vault()
                    progress(event["seq"] - seq, max(1, last - seq), f"document {document_id}")
                    a, o = reanchor_document(
                        lib, opened, document_id, int(event["version_id"]), texts
                    )
                    total_anchored += a
                    total_orphans += o
            done_seq = int(event["seq"])
        if done_seq > seq:
            lib.set_cursor(CONSUMER, done_seq)
            seq = done_seq
        if cancelled():
            break
    return total_anchored, total_orphans
