"""Plain views of decrypted notes and annotations, for the CLI, the UI and the exports."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

from reader.errors import NoteInputError as NoteInputError
from reader.i18n import say
from reader.notes.colors import DEFAULT_COLORS as DEFAULT_COLORS

TEXT_KINDS = ("highlight", "underline", "strikeout")
SHAPE_KINDS = ("ink", "sticky", "textbox", "rectangle")
KINDS = TEXT_KINDS + SHAPE_KINDS
Kind = Literal["highlight", "underline", "strikeout", "ink", "sticky", "textbox", "rectangle"]


# Colours by name, as the user may give them (Danish or English).
PALETTE: dict[str, str] = {
    "gul": "#ffd400",
    "yellow": "#ffd400",
    "grøn": "#2e7d32",
    "green": "#2e7d32",
    "rød": "#d32f2f",
    "red": "#d32f2f",
    "blå": "#1565c0",
    "blue": "#1565c0",
    "orange": "#ffb300",
    "lilla": "#7b1fa2",
    "purple": "#7b1fa2",
    "grå": "#757575",
    "gray": "#757575",
    "grey": "#757575",
}
LINK_SCHEMES = ("http", "https", "mailto")

Rect = tuple[float, float, float, float]
Point = tuple[float, float]


def color_value(color: str) -> str:
    """``#rgb``, ``#rrggbb`` or a palette name as ``#rrggbb``; NoteInputError otherwise."""
    text = color.strip().lower()
    if text in PALETTE:
        return PALETTE[text]
    if m := re.fullmatch(r"#([0-9a-f]{3})", text):
        return "#" + "".join(c * 2 for c in m.group(1))
    if re.fullmatch(r"#[0-9a-f]{6}", text):
        return text
    names = ", ".join(sorted(PALETTE))
    raise NoteInputError(
        say(
            f"{color!r} er ikke en farve: brug #rgb, #rrggbb eller en af {names}",
            f"{color!r} is not a colour: use #rgb, #rrggbb or one of {names}",
        )
    )


def stored_color(color: object, kind: str) -> str:
    """A stored colour as ``#rrggbb``: one saved before colours were checked, if it is not
    valid, becomes the kind's default rather than reach a PDF or a style sheet."""
    try:
        return color_value(color) if isinstance(color, str) else DEFAULT_COLORS[kind]
    except NoteInputError:
        return DEFAULT_COLORS[kind]


# Where light Markdown (and the HTML it allows) puts a link target.
_LINK_TARGETS = (
    re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]*)"),  # [text](target) and ![alt](target)
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>"),  # <scheme:...>
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE),  # [ref]: target
    re.compile(r"(?:href|src|action|formaction)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE),
)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def bad_links(text: str) -> list[str]:
    """Link targets in ``text`` whose scheme is not http, https or mailto.

    A renderer decodes character references and drops control characters and spaces in a
    target (``java&#x09;script&#58;`` is ``javascript:``), so the target is read the same
    way before its scheme is checked. Targets without a scheme (relative) are harmless.
    """
    found: list[str] = []
    for pattern in _LINK_TARGETS:
        for m in pattern.finditer(text):
            target = _INVISIBLE.sub("", html.unescape(m.group(1).strip("<>")))
            scheme = _SCHEME.match(target)
            if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
                found.append(m.group(1))
    return found


def check_links(what: str, text: str | None) -> None:
    """Refuse text with a link another program would follow somewhere unsafe."""
    if not text:
        return
    if bad := bad_links(text):
        raise NoteInputError(
            say(
                f"{what} har et link til {bad[0]!r}: kun http-, https- og mailto-links er tilladt",
                f"{what} has a link to {bad[0]!r}: only http, https and mailto links are allowed",
            )
        )


@dataclass(frozen=True)
class NoteView:
    """A decrypted note. ``item_number`` and ``page`` say what it is about, if not the meeting."""

    id: str
    meeting_id: int
    item_number: str | None
    document_id: int | None
    page: int | None
    text: str
    created: str
    updated: str

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "meeting": self.meeting_id,
            "item": self.item_number,
            "document": self.document_id,
            "page": self.page,
            "text": self.text,
            "created": self.created,
            "updated": self.updated,
        }


@dataclass(frozen=True)
class Unreadable:
    """A note or annotation that cannot be decrypted, listed by id and what is wrong rather
    than hiding the rest. Only what its row holds in the clear is known about it."""

    record: Literal["note", "annotation"]
    id: str
    problem: str
    created: str
    updated: str
    meeting_id: int | None = None
    item_number: str | None = None
    document_id: int | None = None
    page: int | None = None
    kind: str | None = None  # an annotation's kind

    def to_json(self) -> dict[str, object]:
        if self.record == "note":
            return {
                "id": self.id,
                "meeting": self.meeting_id,
                "item": self.item_number,
                "document": self.document_id,
                "page": self.page,
                "text": None,
                "created": self.created,
                "updated": self.updated,
                "unreadable": self.problem,
            }
        return {
            "id": self.id,
            "kind": self.kind,
            "document": self.document_id,
            "page": None,
            "quote": None,
            "note": None,
            "status": "unreadable",
            "version": None,
            "created": self.created,
            "updated": self.updated,
            "unreadable": self.problem,
        }


@dataclass(frozen=True)
class Anchor:
    """Where an annotation is on one version, or ``orphan`` if it could not be placed."""

    version_id: int
    status: Literal["anchored", "orphan"]
    page: int | None = None
    rects: list[Rect] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    exact: str | None = None
    method: str = "original"  # original | position | quote | fuzzy | page | none
    score: float = 1.0
    measured: bool = True  # False: rectangles still to be measured on this version's PDF

    def payload(self) -> dict[str, object]:
        return {
            "page": self.page,
            "rects": [list(r) for r in self.rects],
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "method": self.method,
            "score": self.score,
            "measured": self.measured,
        }

    @classmethod
    def from_payload(cls, version_id: int, status: str, data: dict[str, object]) -> Anchor:
        rects = data.get("rects") or []
        assert isinstance(rects, list)
        start, end, page = data.get("start"), data.get("end"), data.get("page")
        exact, method, score = data.get("exact"), data.get("method"), data.get("score", 1.0)
        return cls(
            version_id=version_id,
            status="anchored" if status == "anchored" else "orphan",
            page=page if isinstance(page, int) else None,
            rects=[(float(r[0]), float(r[1]), float(r[2]), float(r[3])) for r in rects],
            start=start if isinstance(start, int) else None,
            end=end if isinstance(end, int) else None,
            exact=exact if isinstance(exact, str) else None,
            method=str(method or "none"),
            score=float(score) if isinstance(score, int | float) else 0.0,
            measured=data.get("measured", True) is not False,
        )


@dataclass(frozen=True)
class AnnotationView:
    """A decrypted annotation as it stands on one version of its document.

    ``quote``/``prefix``/``suffix``/``position`` are the selectors recorded when it was made
    (on ``origin_version``); ``anchor`` says where it is on ``version``.
    """

    id: str
    document_id: int
    kind: str
    color: str
    note: str | None
    text: str | None  # the text of a text box
    quote: str | None
    prefix: str | None
    suffix: str | None
    position: tuple[int, int] | None
    origin_page: int
    origin_rects: list[Rect]
    ink: list[list[Point]]
    origin_version: int  # version number it was made on
    version: int  # version number of ``anchor``
    anchor: Anchor | None  # None: not re-anchored onto this version yet
    created: str
    updated: str

    @property
    def status(self) -> str:
        return "pending" if self.anchor is None else self.anchor.status

    @property
    def page(self) -> int | None:
        return self.anchor.page if self.anchor and self.anchor.status == "anchored" else None

    @property
    def rects(self) -> list[Rect]:
        """Where to draw it on ``version``: the anchor's rectangles, or the shape's own."""
        if self.anchor is None or self.anchor.status != "anchored":
            return []
        return self.anchor.rects or self.origin_rects

    @property
    def changed(self) -> bool:
        """Placed on this version on words that differ from those marked (an edited
        sentence): ``quote`` was, ``anchor.exact`` is."""
        if self.anchor is None or self.anchor.status != "anchored" or self.quote is None:
            return False
        now = self.anchor.exact
        return now is not None and " ".join(now.split()) != " ".join(self.quote.split())

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "page": self.page,
            "quote": self.quote,
            "note": self.note,
            "status": self.status,
            "version": self.version,
            "color": self.color,
            "origin_version": self.origin_version,
            "origin_page": self.origin_page,
            "rects": [list(r) for r in self.rects],
            "method": self.anchor.method if self.anchor else None,
            "created": self.created,
            "updated": self.updated,
        }
