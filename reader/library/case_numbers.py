"""Case numbers (sagsnumre), one key per number whatever way it was written.

Every case system numbers its own way: KL and many municipalities ``SAG-2025-01103`` or
``EMN-2025-003383``, Acadre journal numbers ``12/27845``, eDoc ``2012-28504``, the KLE-based
``27.69.48-P20-3-24``, the Thurgau Grosser Rat ``20/BS 48/457``, Austrian and German file
numbers ``FD-Buch-14-2022/003``. A key keeps the scheme it was read as (``esdh:``,
``journal:``, ...), so that two schemes never collide, and drops what varies between two
printings of one number: case, spaces, dashes, leading zeros. Pure functions, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# how each scheme is recognised once spaces around separators are gone, and its key made
_DASH = "[-\u2010\u2011\u2012\u2013\u2014]"
_ESDH = re.compile(rf"^([A-ZÆØÅ]{{2,5}}){_DASH}?(\d{{4}}){_DASH}(\d{{2,}})$", re.IGNORECASE)
_KLE = re.compile(
    rf"^(\d{{2}})\.(\d{{2}})\.(\d{{2}}){_DASH}([A-ZÆØÅ])(\d{{2}}){_DASH}(\d+){_DASH}(\d{{2}})$",
    re.IGNORECASE,
)
_REGISTRY = re.compile(r"^(\d{1,2})/([A-Z]{2,4})(\d{1,4})/(\d{1,5})$", re.IGNORECASE)
_JOURNAL = re.compile(r"^(\d{2}|(?:19|20)\d{2})/(\d{3,7})$")
_YEAR_SERIAL = re.compile(rf"^((?:19|20)\d{{2}}){_DASH}(\d{{3,7}})$")
_FILE = re.compile(
    rf"^[A-ZÄÖÜ][A-ZÄÖÜ]{{0,5}}(?:{_DASH}[A-Z0-9ÄÖÜ.]{{1,9}}){{1,5}}{_DASH}(?:19|20)\d{{2}}"
    r"(?:/\d{1,4})?$",
    re.IGNORECASE,
)
# A label in front of a number ("Sagsnr.: ", "J.nr. ", "Az.: "), dropped before reading it.
_LABEL = re.compile(
    r"^(?:sags?\s*nr\.?|sagsnummer|journal\s*nr\.?|j\.\s*nr\.?|az\.|aktenzeichen|"
    r"geschäftszahl)(?:\s*:\s*|\s+)",
    re.IGNORECASE,
)
_AROUND_SEPARATORS = re.compile(rf"\s*([/.]|{_DASH})\s*")
_LEADING_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")
_OFFICER = re.compile(r"\s+[a-zæøå]{2,5}$")  # "SAG-2025-01103 ascm": the case officer

SCHEMES = ("esdh", "kle", "registry", "journal", "year", "file", "number")


@dataclass(frozen=True)
class CaseKey:
    """One case number: ``key`` is what items are linked by, ``label`` how it was printed.

    ``broad`` is set by the reads (never here) for a number that several items of one meeting
    carry: a file the secretariat keeps for the meeting's business (KKR files every item of a
    year under one ``SAG-`` number), which names no single case.
    """

    key: str  # "esdh:SAG-2025-1103"
    scheme: str  # one of SCHEMES
    label: str  # "SAG-2025-01103"
    broad: bool = False

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "scheme": self.scheme, "label": self.label, "broad": self.broad}


def case_key(text: str) -> CaseKey | None:
    """The key of a case number as printed or typed, or of a key itself (what
    :func:`parse_case_query` returns); a number in no known scheme still gets one (scheme
    ``number``), text without a digit none."""
    scheme, colon, rest = text.strip().partition(":")
    if colon and scheme in SCHEMES and rest and any(c.isdigit() for c in rest):
        return CaseKey(text.strip(), scheme, rest)
    label = " ".join(text.split()).strip(" .,;:()[]")
    found = _recognised(label)
    if found is not None:
        return found
    bare = _LABEL.sub("", label)
    if not any(c.isdigit() for c in bare):
        return None
    squeezed = _LEADING_ZEROS.sub("", "".join(bare.split())).casefold()
    return CaseKey(f"number:{squeezed}", "number", label)


def parse_case_query(text: str) -> str | None:
    """The key, if a search box's text is a case number in a known scheme, else None.

    Stricter than :func:`case_key`: "2025", "§ 17" or "budget 2025-2026" are searches, not
    case numbers. A label in front ("sagsnr. 12/27845") is allowed.
    """
    found = _recognised(" ".join(text.split()).strip(" .,;:()[]"))
    return found.key if found is not None else None


def _recognised(label: str) -> CaseKey | None:
    if not label or len(label) > 60:
        return None
    bare = _LABEL.sub("", label) or label
    candidates = [bare]
    officer = _OFFICER.search(bare)
    if officer is not None:
        candidates.append(bare[: officer.start()])  # the officer's initials after the number
    for candidate in candidates:
        tight = _AROUND_SEPARATORS.sub(r"\1", candidate)
        found = _scheme_key(tight, candidate)
        if found is not None:
            return CaseKey(found[1], found[0], label)
    return None


def _scheme_key(tight: str, spaced: str) -> tuple[str, str] | None:
    """(scheme, key) of a number whose separators have no spaces around them."""
    if m := _ESDH.match(tight):
        return "esdh", f"esdh:{m[1].upper()}-{m[2]}-{int(m[3])}"
    if m := _KLE.match(tight):
        return "kle", f"kle:{m[1]}.{m[2]}.{m[3]}-{m[4].upper()}{m[5]}-{int(m[6])}-{m[7]}"
    if m := _REGISTRY.match("".join(tight.split())):
        return "registry", f"registry:{int(m[1])}/{m[2].upper()} {int(m[3])}/{int(m[4])}"
    if " " in tight:
        # "SAG 2025 01103": spaces where the dashes were, for the dashed schemes only
        dashed = "-".join(spaced.split())
        if dashed != tight:
            return _scheme_key(_AROUND_SEPARATORS.sub(r"\1", dashed), dashed)
        return None
    if m := _JOURNAL.match(tight):
        return "journal", f"journal:{int(m[1][-2:]):02d}/{int(m[2])}"
    if m := _YEAR_SERIAL.match(tight):
        serial = m[2]
        if len(serial) == 4 and serial[:2] in ("19", "20") and int(serial) > int(m[1]):
            return None  # "2024-2025": a period, not a case
        return "year", f"year:{m[1]}-{int(serial)}"
    if _FILE.match(tight):
        return "file", "file:" + _file_parts(tight)
    return None


def _file_parts(tight: str) -> str:
    """``FD-Buch-14-2022/003`` -> ``fd-buch-14-2022/3``: each part without case or zeros."""
    head, _, serial = tight.partition("/")
    parts = [str(int(p)) if p.isdigit() else p.casefold() for p in re.split(_DASH, head)]
    return "-".join(parts) + (f"/{int(serial)}" if serial else "")


def item_case_keys(cases: list[str], case: str | None = None) -> list[CaseKey]:
    """The keys of an item's case numbers (``cases``, or the single ``case`` of old rows),
    each once, in order."""
    out: list[CaseKey] = []
    seen: set[str] = set()
    for text in cases or ([case] if case else []):
        found = case_key(str(text))
        if found is not None and found.key not in seen:
            seen.add(found.key)
            out.append(found)
    return out
