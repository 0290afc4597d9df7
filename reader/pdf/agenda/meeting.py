"""The meeting a document belongs to: kind, body, date, time and place, from its first pages.

Read by the document's own structure, not from a list of known bodies: the title line (kind
word, body, date), labelled fields ("Dato:", "Ort:", "Beginn:") and prose ("tirsdag den 4.
december 2012, kl. 13:00 i Mødecenter C …"). Every date is a candidate and the one that reads
most like the meeting's wins, so the date on a letter of invitation does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from reader.pdf.agenda.lines import Line
from reader.pdf.agenda.vocab import (
    AGENDA_WORDS,
    BODY_IN_PROSE,
    BODY_NOUN,
    DATE_LABEL,
    EMBEDDED_LABEL,
    EN_DATE,
    END_LABEL,
    ISO_DATE,
    KIND_LINE,
    LETTER_DATE,
    MINUTES_WORDS,
    MONTHS,
    NUM_DATE,
    PERSON_WORDS,
    PLACE_LABEL,
    PLACE_PROSE,
    START_LABEL,
    TIME_HOUR,
    TIME_RANGE,
    TXT_DATE,
    WEEKDAY,
    decision_heading,
)
from reader.pdf.model import MeetingInfo, MeetingKind

FIRST_PAGES = 2  # the meeting is stated on the first pages, or not at all
_DECISION_BODY = re.compile(
    r"^(?P<body>.+?)s\s+beslutning\s+(?:den|d\.)\s+(?P<date>\S+)", re.IGNORECASE
)


@dataclass
class Row:
    """Lines of a first page that share a baseline, joined left to right (label, value)."""

    text: str
    size: float
    bold: bool
    page: int
    y0: float
    y1: float
    x0: float
    index: int  # position among the rows
    pos: int  # position among its page's rows


@dataclass
class _DateCandidate:
    day: datetime
    rest: str  # the row's text after the date
    row: int
    score: int


def rows(lines: list[Line]) -> list[Row]:
    """Lines of the first pages joined along their baseline (label left, value right)."""
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        if ln.page >= FIRST_PAGES:
            break
        by_page.setdefault(ln.page, []).append(ln)
    groups: list[list[Line]] = []
    for page in sorted(by_page):
        row: list[Line] = []
        for ln in sorted(by_page[page], key=lambda ln: (round(ln.y0), ln.x0)):
            if row:
                h = min(ln.y1 - ln.y0, row[0].y1 - row[0].y0) or 1.0
                same = abs((ln.y0 + ln.y1) / 2 - (row[0].y0 + row[0].y1) / 2) <= 0.5 * h
                if same and ln.x0 >= row[-1].x1 - 1:
                    row.append(ln)
                    continue
                groups.append(row)
            row = [ln]
        if row:
            groups.append(row)
    out: list[Row] = []
    per_page: dict[int, int] = {}
    for row in groups:
        page = row[0].page
        out.append(
            Row(
                " ".join(r.text for r in row),
                max(r.size for r in row),
                all(r.bold for r in row),
                page,
                min(r.y0 for r in row),
                max(r.y1 for r in row),
                row[0].x0,
                len(out),
                per_page.get(page, 0),
            )
        )
        per_page[page] = per_page.get(page, 0) + 1
    return out


def date_in(text: str) -> tuple[datetime | None, str, int]:
    """The first date in ``text``, the text after it, and where it starts (-1: none)."""
    found: list[tuple[int, int, datetime]] = []
    for rx, order in ((ISO_DATE, "ymd"), (NUM_DATE, "dmy"), (TXT_DATE, "dMy"), (EN_DATE, "Mdy")):
        for m in rx.finditer(text):
            a, b, c = m.group(1), m.group(2), m.group(3)
            try:
                if order == "ymd":
                    dt = datetime(int(a), int(b), int(c))
                elif order == "dmy":
                    year = int(c) + (2000 if len(c) == 2 else 0)
                    dt = datetime(year, int(b), int(a))
                elif order == "dMy":
                    dt = datetime(int(c), MONTHS[b.casefold()], int(a))
                else:
                    dt = datetime(int(c), MONTHS[a.casefold()], int(b))
            except (ValueError, KeyError):
                continue
            if 1990 <= dt.year <= 2100:
                found.append((m.start(), m.end(), dt))
                break
    if not found:
        return None, text, -1
    start, end, dt = min(found, key=lambda f: f[0])
    return dt, text[end:], start


def times_in(
    text: str, loose: bool = False
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Start and end time in ``text``. ``loose``: a bare "13.30" counts (labelled values);
    otherwise a time needs "kl.", "Uhr", "um" or a colon, so "1.316.000 kr." is no time."""
    for m in TIME_RANGE.finditer(text):
        whole = m.group(0)
        marked = (
            ":" in whole
            or m.group(3) is not None
            or re.match(r"\s*(?:kl|um|at)\b", whole, re.IGNORECASE) is not None
        )
        if not (marked or loose):
            continue
        start = (int(m.group(1)), int(m.group(2)))
        end = (int(m.group(4)), int(m.group(5))) if m.group(4) else None
        if start[0] >= 24 or start[1] >= 60:
            continue
        if end is not None and (end[0] >= 24 or end[1] >= 60):
            end = None
        return start, end
    m2 = TIME_HOUR.search(text)
    if m2:
        hour = int(m2.group(1) or m2.group(2))
        if hour < 24:
            return (hour, 0), None
    return None, None


def meeting_info(lines: list[Line]) -> MeetingInfo:
    """What the first pages (and, failing those, the decisions) say about the meeting."""
    info = MeetingInfo()
    table = rows(lines)
    texts = [r.text.strip() for r in table]
    info.kind = _kind(table)
    body_row, info.body = _body(table)
    day, rest, row_index = _date(table, body_row)
    start_t, end_t = _times(table, texts, row_index if row_index >= 0 else -2 - row_index, rest)
    if day is None or info.body is None or info.kind is None:
        # no title block (an item exported on its own): the decision names body and day
        for ln in lines:
            if not decision_heading(ln.text):
                continue
            m = _DECISION_BODY.match(ln.text.strip())
            if m is None:
                continue
            if info.body is None or info.kind is None:
                info.body = _nominative(m.group("body"))
            if day is None:
                day = date_in(m.group("date"))[0]
            break
    if day is not None:
        info.start = _at(day, start_t)
        if end_t is not None:
            info.end = _at(day, end_t)
    info.location = _place(table, texts, row_index)
    info.title = meeting_title(info)
    return info


def meeting_title(info: MeetingInfo) -> str | None:
    """ "Referat – Økonomiudvalget 12-03-2025", from what is known."""
    parts = [
        {"agenda": "Dagsorden", "minutes": "Referat"}.get(info.kind or "", ""),
        info.body or "",
    ]
    head = " – ".join(p for p in parts if p)
    if not head:
        return None
    return f"{head} {info.start:%d-%m-%Y}" if info.start else head


def _kind(table: list[Row]) -> MeetingKind | None:
    """The kind word of the title: the largest line that opens with one (not a "Label:")."""
    best: tuple[float, MeetingKind] | None = None
    for r in table:
        text = r.text.strip()
        m = KIND_LINE.match(text)
        if m is None or len(text) > 90:
            continue
        word = m.group(1).casefold()
        kind: MeetingKind | None = (
            "agenda" if word in AGENDA_WORDS else "minutes" if word in MINUTES_WORDS else None
        )
        if kind is None:
            continue
        weight = r.size + (2 if r.bold else 0)
        if best is None or weight > best[0]:
            best = (weight, kind)
    return best[1] if best else None


def _body(table: list[Row]) -> tuple[int, str | None]:
    """The body's name: a short title-block line ending in a body noun, or named in a
    "Sitzung des …"/"Mødet i …" line, or between the kind word and the date of the title."""
    cands: list[tuple[float, int, str]] = []
    for r in table:
        text = r.text.strip()
        if text.endswith(":") or PERSON_WORDS.search(text):
            continue  # "Stadtrat:" heads a list of who attended
        for name, bonus in _body_names(text):
            if bonus <= 1.0 and r.pos > 15:
                continue  # a bare name counts only in the title block
            score = r.size + (2 if r.bold else 0) + bonus - 0.02 * r.index
            if r.page > 0:
                score -= 4
            cands.append((score, r.index, name))
    if not cands:
        return -1, None
    score, index, name = max(cands)
    return index, name


def _body_names(text: str) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    label = re.match(
        r"^(?:udvalg|gremium|ausschuss|body|committee|organ|thema|emne)\s*:\s*(.+)$", text, re.I
    )
    if label:
        text = label.group(1)
    prose = BODY_IN_PROSE.search(text)
    if prose and prose.start() <= 12:  # "3. Sitzung des …", not "… decembermødet i …"
        name = next(g for g in prose.groups() if g)
        name = _nominative(re.sub(r"^\d+\.\s*", "", name).strip(" ,.:"))
        if _ends_in_body_noun(name):
            out.append((name, 3.0))
    # the title line itself: "REFERAT Aarhus Byråd d. 27-08-2025", "Dagsorden – Økonomiudvalget"
    m = KIND_LINE.match(text)
    if m and m.group(1).casefold() in AGENDA_WORDS | MINUTES_WORDS:
        after = text[m.end() :].strip(" –-:|")
        cut = re.split(r"\s+(?:d\.|den|vom|am|on|nr\.)\s|\s\d|,", after, maxsplit=1)[0]
        cut = cut.strip(" –-:|")
        if cut and _ends_in_body_noun(cut):
            out.append((_tidy_case(cut), 2.0))
    plain = _tidy_case(text.strip(" –-:|"))
    if (
        len(plain.split()) <= 7
        and not re.search(r"[.!?;]$|\d{3,}", plain)
        and _ends_in_body_noun(plain)
    ):
        out.append((_nominative(plain), 1.0))
    return out


def _ends_in_body_noun(name: str) -> bool:
    """ "Økonomiudvalget", "Grosser Rat", "Stadtteilbeirat Büchenbach": a body noun, followed by
    at most a place name."""
    words = name.split()
    if not words or len(words) > 8:
        return False
    for k in range(len(words) - 1, -1, -1):
        pair = " ".join(words[max(k - 1, 0) : k + 1])
        if BODY_NOUN.search(words[k]) or BODY_NOUN.search(pair):
            trailing = words[k + 1 :]
            return len(trailing) <= 2 and all(w[:1].isupper() for w in trailing)
    return False


def _nominative(name: str) -> str:
    """The name as a subject: "des Stadtteilbeirates Büchenbach" → "Stadtteilbeirat
    Büchenbach", "Sundheds- og Forebyggelsesudvalgets" → "Sundheds- og Forebyggelsesudvalget"."""
    words = re.sub(r"^(?:des|der|dem|den|the)\s+", "", name.strip(), flags=re.I).split()
    fixed: list[str] = []
    for w in words:
        low = w.casefold()
        if re.search(r"(?:rat|ausschuss|tag|senat)(?:es|s)$", low):
            w = re.sub(r"(?:es|s)$", "", w)
        elif re.search(r"(?:udvalg|råd|bestyrelse|repræsentation|magistrat)(?:et|en)s$", low):
            w = w[:-1]
        fixed.append(w)
    return " ".join(fixed)


def _tidy_case(text: str) -> str:
    """All-capitals names ("GEMEINDERAT") in the case a reader writes them."""
    if text.isupper() and len(text) > 3:
        return " ".join(w.capitalize() if len(w) > 3 else w for w in text.split())
    return text


def _date(table: list[Row], body_row: int) -> tuple[datetime | None, str, int]:
    """The meeting's day: labelled, with a weekday or a time, in the title, near the body."""
    cands: list[_DateCandidate] = []
    for r in table:
        text = r.text.strip()
        day, rest, at = date_in(text)
        if day is None:
            continue
        score = 0
        before = text[:at]
        label = DATE_LABEL.match(before.strip()) or DATE_LABEL.match(text)
        if label:
            score += 3
            if re.match(r"^datum\s*:", text, re.IGNORECASE):
                score -= 2  # a letterhead's "Datum:" is as often the letter's date
        if WEEKDAY.search(text):
            score += 3
        if times_in(rest)[0] is not None or times_in(before)[0] is not None:
            score += 3
        if KIND_LINE.match(text) and KIND_LINE.match(text).group(1).casefold() in (  # type: ignore[union-attr]
            AGENDA_WORDS | MINUTES_WORDS
        ):
            score += 3
        if re.search(r"\b(?:vom|den|d\.|am)\s*$", before, re.IGNORECASE):
            score += 1
        if LETTER_DATE.match(text) and not label:
            score -= 4
        if body_row >= 0 and abs(r.index - body_row) <= 3:
            score += 1
        score -= r.page
        cands.append(_DateCandidate(day, rest, r.index, score))
    if not cands:
        return None, "", -1
    best = max(cands, key=lambda c: (c.score, -c.row))
    # only a row that reads like the meeting's (weekday, time, label) may carry its place
    return best.day, best.rest, best.row if best.score >= 3 else -1 - best.row


def _times(
    table: list[Row], texts: list[str], row_index: int, rest: str
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    start_t, end_t = times_in(rest) if row_index >= 0 else (None, None)
    if start_t is None and row_index >= 0:
        # "tirsdag den 4. december 2012," / "kl. 13:00" on the next line
        for k in (row_index + 1,):
            if k < len(texts) and len(texts[k]) <= 40:
                start_t, end_t = times_in(texts[k])
    for i, text in enumerate(texts):
        for part in _label_parts(text):
            for rx, is_start in ((END_LABEL, False), (START_LABEL, True)):
                m = rx.match(part)
                if not m:
                    continue
                value = part[m.end() :].strip(" :") or (texts[i + 1] if i + 1 < len(texts) else "")
                t0, t1 = times_in(value, loose=True)
                if is_start and start_t is None and t0:
                    start_t, end_t = t0, end_t or t1
                elif not is_start and end_t is None and t0:
                    end_t = t0
                break
    if start_t is None:
        # "Öffentliche Tagesordnung - 18:30 Uhr": a time on its own in the title block
        for text in texts[:12]:
            if len(text) <= 60 and re.search(r"\buhr\b|\bkl\.", text, re.IGNORECASE):
                start_t = times_in(text)[0]
                if start_t:
                    break
    return start_t, end_t


def _label_parts(text: str) -> list[str]:
    """A row split where another "Label:" begins ("Ort: Digital Ende: 20:30 Uhr")."""
    return [p.strip() for p in EMBEDDED_LABEL.split(text) if p.strip()]


def _place(table: list[Row], texts: list[str], date_row: int) -> str | None:
    places: dict[str, str] = {}
    for i, text in enumerate(texts):
        for part in _label_parts(text):
            m = PLACE_LABEL.match(part)
            if not m:
                continue
            value = m.group(2).strip(" :")
            if ":" not in part and not value:
                continue
            if not value and i + 1 < len(texts):
                value = texts[i + 1]
            if value and not re.match(r"^(?:og|and|und)\b", value, re.IGNORECASE):
                places.setdefault(m.group(1).casefold(), value.strip())
    main = next(
        (
            places[k]
            for k in (
                "mødested",
                "sted",
                "ort",
                "sitzungsort",
                "tagungsort",
                "location",
                "venue",
                "place",
                "adresse",
            )
            if k in places
        ),
        None,
    )
    room = next(
        (places[k] for k in ("lokale", "mødelokale", "raum", "sitzungssaal") if k in places), None
    )
    if main and room and room not in main:
        return f"{main}, {room}"
    if main or room:
        return main or room
    if date_row < 0:
        return None
    # prose next to the date: "… kl. 13:00" / "i Mødecenter C, Lokale 32 på Ballerup Rådhus"
    for k in range(date_row, min(date_row + 3, len(texts))):
        text = texts[k]
        if k == date_row:
            _, rest, _ = date_in(text)
            rest = TIME_RANGE.sub(" ", rest)
            rest = re.sub(r"\b(?:uhr|kl\.?)\b", " ", rest, flags=re.IGNORECASE)
            rest = re.sub(r"^[\W_]+", "", rest).strip(" ,–-")
            if len(rest) >= 4 and rest[:1].isupper():
                nxt = texts[k + 1] if k + 1 < len(texts) else ""
                if rest.endswith(",") or (nxt and re.match(r"^[A-ZÄÖÜÆØÅ][\wäöüß]+\s+\d", nxt)):
                    rest = f"{rest.rstrip(',')}, {nxt}" if nxt else rest
                return rest.strip(" ,")
            continue
        m = PLACE_PROSE.match(text)
        if m:
            return m.group("place").strip(" ,.")
    return None


def _at(day: datetime, hm: tuple[int, int] | None) -> datetime:
    return day.replace(hour=hm[0], minute=hm[1]) if hm else day
