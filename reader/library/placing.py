"""Which documents of an import make which meeting, and what each is called.

A checked PDF (``Doc``) carries its analysis and what a manifest says about it; from those,
these rules group documents into meetings, pick each meeting's lead document, and give each
document its kind, key and title. They sit apart from the importer's database writes so
that the rules deciding where a council member finds a document read on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from reader.library.package import Member
from reader.pdf.document import PdfAnalysis
from reader.pdf.model import MeetingInfo


@dataclass
class Doc:
    """A PDF that passed the checks, with where it belongs."""

    member: Member
    sha256: str
    size: int
    analysis: PdfAnalysis
    spec: dict[str, Any] = field(default_factory=dict)  # from a manifest, if any

    @property
    def info(self) -> MeetingInfo:
        return self.analysis.structure.meeting

    @property
    def is_main(self) -> bool:
        """An agenda or minutes, as opposed to an attachment."""
        kind = self.spec.get("kind")
        if kind:
            return kind in ("agenda", "minutes")
        return self.info.start is not None and bool(self.analysis.structure.items)


def doc_key(doc: Doc) -> str:
    """What identifies a document within its meeting: its manifest id, else its file name."""
    if doc.spec.get("id"):
        return f"id:{doc.spec['id']}"
    return f"file:{PurePosixPath(doc.member.name).name}"


def group(
    docs: list[Doc], manifest: dict[str, Any] | None
) -> list[tuple[dict[str, Any], list[Doc]]]:
    """Which documents belong to which meeting.

    With a manifest, it says so. Without one, each agenda or minutes makes a meeting
    (agenda and minutes of the same body and day share one), and the remaining PDFs are
    attachments of the first meeting; with no agenda at all, each PDF stands alone.
    """
    if manifest is not None:
        meeting = dict(manifest.get("meeting") or {})
        if "items" in manifest:
            meeting["items"] = manifest["items"]
            meeting["items_authoritative"] = manifest.get("items_authoritative") is True
        body = manifest.get("body")
        if isinstance(body, dict):
            body = body.get("name")
        if body:
            meeting["body"] = body
        return [(meeting, docs)]
    mains = [d for d in docs if d.is_main]
    if not mains:
        return [({}, [d]) for d in docs]
    groups: dict[tuple[str | None, str], list[Doc]] = {}
    for doc in mains:
        start = doc.info.start
        groups.setdefault((doc.info.body, start.date().isoformat() if start else ""), []).append(
            doc
        )
    result: list[tuple[dict[str, Any], list[Doc]]] = [({}, g) for g in groups.values()]
    result[0][1].extend(d for d in docs if not d.is_main)
    return result


def lead_of(mains: list[Doc]) -> Doc:
    """The document whose structure the meeting shows: the minutes once there are any."""
    minutes = [d for d in mains if doc_kind(d) == "minutes"]
    return (minutes or mains)[-1]


def doc_kind(doc: Doc) -> str:
    kind = doc.spec.get("kind")
    if kind in ("agenda", "minutes", "attachment"):
        return str(kind)
    if doc.is_main:
        return doc.info.kind or "agenda"
    return "attachment"


def title_from_name(name: str) -> str:
    stem = PurePosixPath(name).stem
    return re.sub(r"[_]+", " ", stem).strip() or name


def clean(text: str) -> str:
    return " ".join(str(text).split())


def meeting_title(body: str, kind: str, start: str | None) -> str:
    what = "Referat" if kind == "minutes" else "Dagsorden"
    if start:
        day = datetime.fromisoformat(start).strftime("%d-%m-%Y")
        return f"{what} – {body} {day}"
    return f"{what} – {body}"
