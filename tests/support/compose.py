"""Write an agenda or minutes PDF from structured content.

Used by the tests (real PDFs in several producers' layouts, with a known truth to parse back)
and by the bundled demo library (so a new user has something to open offline). Layout is
done by MuPDF's HTML ``Story`` so the text is real, selectable, wrapped and, on request,
justified and hyphenated like the Word documents councils publish.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import pymupdf

# PyMuPDF is only partly annotated; calls go through an ``Any`` alias to keep mypy strict.
_mu: Any = pymupdf

Style = Literal["kkr", "firstagenda"]

_DA_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

_PAGE = pymupdf.paper_rect("a4")
_BODY_RECT: Any = _mu.Rect(70, 62, _PAGE.width - 70, _PAGE.height - 72)


@dataclass
class ComposeItem:
    """One agenda item; ``sections`` are (heading, text) with paragraphs split by blank lines.

    A paragraph written as ``**text**`` is set bold at body size (an in-body subheading, which
    the parser must not take for a section).
    """

    number: str
    title: str
    case: str | None = None
    closed: bool = False
    sections: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    officer: str | None = None  # case officer initials printed after the case number (KKR)
    closed_marker: Literal["prefix", "line"] = "prefix"  # "Lukket: Title" or "Lukket punkt"


@dataclass
class ComposeGroup:
    """A numbered group of items (KKR); the FirstAgenda style prints only its items."""

    number: str
    title: str
    items: list[ComposeItem] = field(default_factory=list)
    text: str = ""  # body text of a group without items ("5. Eventuelt")


@dataclass
class ComposeMeeting:
    body: str  # "KKR Hovedstaden", "Økonomiudvalget"
    title: str
    kind: Literal["agenda", "minutes"]
    start: datetime
    end: datetime | None = None
    location: str = ""
    members: list[str] = field(default_factory=list)
    groups: list[ComposeGroup] = field(default_factory=list)
    organisation: str | None = None  # municipality above the committee name (FirstAgenda)
    printed: datetime | None = None  # the date in the running footer, if not the meeting's


@dataclass(frozen=True)
class HeadingPlace:
    """Where a group or item heading was placed: 1-based page and top y."""

    page: int
    y0: float


@dataclass
class ComposedLayout:
    """The written file plus where each heading landed, keyed by ``g<number>``/``i<number>``."""

    path: Path
    page_count: int
    headings: dict[str, HeadingPlace]


def rendered_sections(item: ComposeItem) -> list[str]:
    """Section headings in the order they are printed (``Bilag`` is added for attachments)."""
    names = [name for name, _ in item.sections]
    if item.attachments and not any(n.lower().startswith("bilag") for n in names):
        at = next(
            (i for i, n in enumerate(names) if n.lower().startswith("beslutning")), len(names)
        )
        names.insert(at, "Bilag")
    return names


def compose_pdf(meeting: ComposeMeeting, path: Path | str, **options: Any) -> Path:
    """Write ``meeting`` as a PDF at ``path`` and return the path; the options are those of
    :func:`compose_pdf_with_layout`."""
    return compose_pdf_with_layout(meeting, path, **options).path


def compose_pdf_with_layout(
    meeting: ComposeMeeting,
    path: Path | str,
    *,
    style: Style = "kkr",
    bookmarks: bool = True,
    justified_hyphenated: bool = False,
    footers: bool = True,
    toc: bool = True,
) -> ComposedLayout:
    """Like :func:`compose_pdf`, also reporting heading positions (the truth tests compare to)."""
    css = _css(style, justified_hyphenated)

    def chunks_for(places: dict[str, HeadingPlace] | None) -> list[str]:
        if style == "kkr":
            return _kkr_chunks(meeting, places, toc, justified_hyphenated)
        return _fa_chunks(meeting, justified_hyphenated)

    data, places, pages = _layout(chunks_for(None), css)
    if style == "kkr" and toc:
        # The table of contents needs page numbers, known only after a first layout.
        data, places, pages = _layout(chunks_for(places), css)
    doc: Any = _mu.open("pdf", data)
    try:
        if footers:
            _add_footers(doc, meeting, style)
        if bookmarks:
            doc.set_toc(_bookmarks(meeting, style, places))
        out = Path(path)
        doc.save(str(out), garbage=3, deflate=True)
    finally:
        doc.close()
    return ComposedLayout(out, pages, places)


# --- HTML ------------------------------------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


_VOWELS = set("aeiouyæøåéAEIOUYÆØÅÉ")


def _soft_hyphens(text: str) -> str:
    """Allow breaks in long heading words, as Word's hyphenation does in justified minutes.

    MuPDF hyphenates paragraphs but not headings; a rough Danish syllable rule (break before a
    consonant that starts a syllable) is enough to make titles wrap mid-word like the real PDFs.
    """
    out: list[str] = []
    for word in text.split(" "):
        if len(word) < 10 or not word.isalpha():
            out.append(word)
            continue
        chars = list(word)
        pieces = [chars[0]]
        for i in range(1, len(chars)):
            c = chars[i]
            nxt = chars[i + 1] if i + 1 < len(chars) else ""
            starts = c not in _VOWELS and nxt in _VOWELS and 2 <= i <= len(chars) - 3
            if starts and (chars[i - 1] in _VOWELS or chars[i - 2] in _VOWELS):
                pieces.append("\u00ad")
            pieces.append(c)
        out.append("".join(pieces))
    return " ".join(out)


def _css(style: Style, justified: bool) -> str:
    family = "sans-serif" if style == "kkr" else "serif"
    flow = "text-align: justify; hyphens: auto;" if justified else "text-align: left;"
    return (
        f"body {{ font-family: {family}; font-size: 10pt; line-height: 1.3; }}"
        f"p {{ margin: 0 0 6pt 0; {flow} }}"
        f"h1, h2, h3 {{ font-weight: bold; margin: 0; {flow} }}"
        "h1 { font-size: 16pt; margin: 0 0 12pt 0; }"
        "h2 { font-size: 13pt; margin: 14pt 0 2pt 0; }"
        "h3 { font-size: 11pt; margin: 10pt 0 3pt 0; }"
        ".case { font-size: 9pt; margin: 0 0 6pt 0; }"
        ".front { font-size: 11pt; margin: 0 0 4pt 0; }"
        ".big { font-size: 24pt; font-weight: bold; margin: 0 0 10pt 0; }"
        ".toc { margin: 0 0 3pt 0; text-align: left; }"
        ".sub { font-weight: bold; }"
    )


def _paragraphs(text: str) -> str:
    out: list[str] = []
    for para in (p.strip() for p in text.split("\n\n")):
        if not para:
            continue
        if para.startswith("**") and para.endswith("**") and len(para) > 4:
            out.append(f'<p class="sub">{_esc(para[2:-2])}</p>')
        else:
            out.append("<p>" + "<br/>".join(_esc(ln) for ln in para.split("\n")) + "</p>")
    return "".join(out)


def _item_sections(item: ComposeItem, tag: str, numbered_bilag: bool) -> str:
    texts = dict(item.sections)
    parts: list[str] = []
    for name in rendered_sections(item):
        parts.append(f"<{tag}>{_esc(name)}</{tag}>")
        if name.lower().startswith("bilag") and item.attachments:
            for n, att in enumerate(item.attachments, 1):
                label = f"{n}. {att}" if numbered_bilag else att
                parts.append(f'<p style="text-align: left">{_esc(label)}</p>')
        parts.append(_paragraphs(texts.get(name, "")))
    return "".join(parts)


def _kkr_date(dt: datetime) -> str:
    return dt.strftime("%d-%m-%Y")


def _kkr_chunks(
    meeting: ComposeMeeting, places: dict[str, HeadingPlace] | None, toc: bool, hyph: bool
) -> list[str]:
    def title(text: str) -> str:
        return _esc(_soft_hyphens(text) if hyph else text)

    kind = "REFERAT" if meeting.kind == "minutes" else "DAGSORDEN"
    front = [
        f'<p class="big">{_esc(meeting.body)}</p>',
        f'<p class="big">{kind}</p>',
        f'<p class="front">Dato: {meeting.start:%d-%m-%Y %H:%M}</p>',
        f'<p class="front">Sted: {_esc(meeting.location)}</p>',
    ]
    if meeting.members:
        front.append('<p class="front" style="margin-top: 14pt">Medlemmer:</p>')
        front.extend(f'<p class="front">{_esc(m)}</p>' for m in meeting.members)
    chunks = ["".join(front)]
    if toc:
        lines = ["<h3>Indholdsfortegnelse</h3>"]
        for group in meeting.groups:
            page = places[f"g{group.number}"].page if places else 0
            lines.append(
                f'<p class="toc"><b>{_esc(group.number)}. {_esc(group.title)} '
                f"{'.' * 12} {page}</b></p>"
            )
            for item in group.items:
                page = places[f"i{item.number}"].page if places else 0
                lines.append(
                    f'<p class="toc">{_esc(item.number)}. {_esc(item.title)} {"." * 12} {page}</p>'
                )
        chunks.append("".join(lines))
    for group in meeting.groups:
        parts = [f'<h1 id="g{_esc(group.number)}">{_esc(group.number)}. {title(group.title)}</h1>']
        parts.append(_paragraphs(group.text))
        for item in group.items:
            parts.append(
                f'<h2 id="i{_esc(item.number)}">{_esc(item.number)}. {title(item.title)}</h2>'
            )
            if item.case:
                case = item.case + (f" {item.officer}" if item.officer else "")
                parts.append(f'<p class="case">{_esc(case)}</p>')
            parts.append(_item_sections(item, "h3", numbered_bilag=False))
        chunks.append("".join(parts))
    return chunks


def danish_date(dt: datetime) -> str:
    """``12. marts 2025``: the long date FirstAgenda prints."""
    return f"{dt.day}. {_DA_MONTHS[dt.month - 1]} {dt.year}"


def _fa_items(meeting: ComposeMeeting) -> list[ComposeItem]:
    return [item for group in meeting.groups for item in group.items]


def _fa_heading(item: ComposeItem, hyph: bool = False) -> str:
    prefix = "Lukket: " if item.closed and item.closed_marker == "prefix" else ""
    title = _soft_hyphens(item.title) if hyph else item.title
    return f"Punkt {item.number}: {prefix}{title}"


def _fa_chunks(meeting: ComposeMeeting, hyph: bool) -> list[str]:
    kind = "Referat" if meeting.kind == "minutes" else "Dagsorden"
    front: list[str] = []
    if meeting.organisation:
        front.append(f'<p class="front">{_esc(meeting.organisation)}</p>')
    front += [
        f'<p class="big">{_esc(meeting.body)}</p>',
        f'<p class="big" style="font-size: 18pt">{kind}</p>',
        f'<p class="front">Mødedato: {danish_date(meeting.start)} kl. {meeting.start:%H:%M}</p>',
    ]
    if meeting.end:
        front.append(f'<p class="front">Sluttidspunkt: {meeting.end:%H:%M}</p>')
    front.append(f'<p class="front">Mødested: {_esc(meeting.location)}</p>')
    if meeting.members:
        front.append('<p class="front" style="margin-top: 12pt">Medlemmer</p>')
        front.extend(f'<p class="front">{_esc(m)}</p>' for m in meeting.members)
    front.append('<p class="front" style="margin-top: 12pt">Indhold</p>')
    front.extend(f'<p class="toc"><b>{_esc(_fa_heading(it))}</b></p>' for it in _fa_items(meeting))
    chunks = ["".join(front)]
    for item in _fa_items(meeting):
        parts = [
            f'<h1 style="font-size: 14pt" id="i{_esc(item.number)}">'
            f"{_esc(_fa_heading(item, hyph))}</h1>"
        ]
        if item.case:
            parts.append(f'<p class="case">{_esc(item.case)}</p>')
        if item.closed and item.closed_marker == "line":
            parts.append('<p class="case">Lukket punkt</p>')
        parts.append(_item_sections(item, "h3", numbered_bilag=True))
        chunks.append("".join(parts))
    return chunks


# --- layout ----------------------------------------------------------------------------------


def _layout(chunks: list[str], css: str) -> tuple[bytes, dict[str, HeadingPlace], int]:
    """Place each chunk from a fresh page; returns the PDF bytes and heading positions."""
    buf = io.BytesIO()
    writer: Any = _mu.DocumentWriter(buf)
    places: dict[str, HeadingPlace] = {}
    page_no = 0

    def record(pos: Any) -> None:
        if pos.id and pos.open_close & 1 and pos.id not in places:
            places[str(pos.id)] = HeadingPlace(int(pos.page), float(pos.rect[1]))

    for chunk in chunks:
        story: Any = _mu.Story(html=f"<body>{chunk}</body>", user_css=css)
        more = 1
        while more:
            page_no += 1
            device: Any = writer.begin_page(_PAGE)
            more, _ = story.place(_BODY_RECT)
            story.element_positions(record, {"page": page_no})
            story.draw(device)
            writer.end_page()
    writer.close()
    return buf.getvalue(), places, page_no


def _add_footers(doc: Any, meeting: ComposeMeeting, style: Style) -> None:
    """Running footers (and a header for FirstAgenda) on every page after the front page."""
    total = doc.page_count
    dated = meeting.printed or meeting.start
    for page in doc.pages(1):
        num = (page.number or 0) + 1
        y = _PAGE.height - 36
        if style == "kkr":
            left = f"{meeting.body}  | {_kkr_date(dated)}"
            right = f"SIDE  |  {num}"
        else:
            kind = "Referat" if meeting.kind == "minutes" else "Dagsorden"
            left = f"{meeting.body} - {kind} - {danish_date(dated)}"
            right = f"Side {num} af {total}"
            if meeting.organisation:
                page.insert_text((_BODY_RECT.x0, 36), meeting.organisation, fontsize=8)
        page.insert_text((_BODY_RECT.x0, y), left, fontsize=8)
        width = pymupdf.get_text_length(right, fontsize=8)
        page.insert_text((_BODY_RECT.x1 - width, y), right, fontsize=8)


def _bookmarks(
    meeting: ComposeMeeting, style: Style, places: dict[str, HeadingPlace]
) -> list[list[Any]]:
    toc: list[list[Any]] = []
    for group in meeting.groups:
        if style == "kkr":
            toc.append([1, f"{group.number}. {group.title}", places[f"g{group.number}"].page])
        for item in group.items:
            if style == "kkr":
                toc.append([2, f"{item.number}. {item.title}", places[f"i{item.number}"].page])
            else:
                toc.append([1, _fa_heading(item), places[f"i{item.number}"].page])
    return toc
