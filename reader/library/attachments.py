"""Which agenda item an attachment belongs to: named by a manifest, or matched by name.

Agenda PDFs list their attachments by title or document number, and files are named either
way ("2012-200782 - Bygningsliste …" and ``2012-200782.pdf``); the matching that tolerates
that lives here, apart from the importer's writes.
"""

from __future__ import annotations

import json
import re
import unicodedata

from reader.library.placing import Doc, title_from_name


def item_for(doc: Doc, items: dict[str, tuple[int, str]]) -> int | None:
    """The agenda item an attachment belongs to: named by the manifest, or listed by name."""
    number = doc.spec.get("item")
    if number is not None:
        found = items.get(str(number))
        return found[0] if found else None
    names = (doc.analysis.title or "", title_from_name(doc.member.name))
    candidates = {_norm(n) for n in names}
    candidates.discard("")
    ids = {_doc_id(n) for n in names}
    for item_id, attachments in items.values():
        for listed in json.loads(attachments):
            norm = _norm(listed)
            if norm and any(norm == c or norm in c or c in norm for c in candidates):
                return item_id
            listed_id = _doc_id(listed)
            if listed_id and listed_id in ids:
                return item_id  # "2012-200782 - Bygningsliste …" and 2012-200782.pdf
    return None


# A document number that leads an attachment entry or names its file ("2012-200782 - …").
_LISTED_ID = re.compile(r"^\s*(\d{4}[-–]\d{3,}|[a-zæøå]{2,5}-\d{4}-\d+)\b\s*[-–:]?\s*", re.I)


def _doc_id(text: str) -> str | None:
    m = _LISTED_ID.match(unicodedata.normalize("NFC", text))
    return m.group(1).replace("–", "-").casefold() if m else None


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"\.pdf$", "", text)
    text = _LISTED_ID.sub("", text)
    text = re.sub(r"^\s*((?:bilag|anlage|beilage)\s*)?[\d.]*\s*[-:–.]?\s*", "", text)
    return re.sub(r"[\W_]+", " ", text).strip()
