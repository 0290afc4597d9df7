"""Write the fixture meetings through PDF producers other than MuPDF's Story.

Real agendas come from Word, LibreOffice, ABCpdf (FirstAgenda) and the municipal ESDH systems,
each with its own way of drawing text: word-by-word runs, subset TrueType fonts with custom
encodings, tables for the item number, underlined headings, running headers, repeated clipped
copies of a page. The parser must read the same structure from all of them, so these builders
render one :class:`~tests.support.compose.ComposeMeeting` several ways and report the truth
(page of every heading and of the last line under it) where the producer lets us know it.
"""

from __future__ import annotations

import html
import io
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pymupdf

from tests.support.compose import ComposeItem, ComposeMeeting, danish_date, rendered_sections

_mu: Any = pymupdf

Style = Literal["kkr", "firstagenda"]
SectionLook = Literal["bold", "underline", "bolditalic"]


@dataclass
class Produced:
    """A written PDF and, when known, each heading's page range (``g3``/``i3.4`` -> pages)."""

    path: Path
    page_count: int
    pages: dict[str, tuple[int, int]] = field(default_factory=dict)


def items_of(meeting: ComposeMeeting) -> list[ComposeItem]:
    return [it for g in meeting.groups for it in g.items]


def fa_heading(item: ComposeItem) -> str:
    """``Punkt 3: Lukket: Salg af ejendom``, as FirstAgenda prints an item."""
    prefix = "Lukket: " if item.closed and item.closed_marker == "prefix" else ""
    return f"Punkt {item.number}: {prefix}{item.title}"


def kind_word(meeting: ComposeMeeting) -> str:
    return "Referat" if meeting.kind == "minutes" else "Dagsorden"


def running_header(meeting: ComposeMeeting) -> str:
    """``Økonomiudvalget – Dagsorden – 12. marts 2025``: the header ESDH exports repeat."""
    return f"{meeting.body} – {kind_word(meeting)} – {danish_date(meeting.start)}"


def front_lines(meeting: ComposeMeeting, style: Style) -> list[tuple[str, str]]:
    """Front page as (role, text): ``big`` for title lines, ``front`` for the rest."""
    out: list[tuple[str, str]] = []
    if style == "kkr":
        out += [("big", meeting.body), ("big", kind_word(meeting).upper())]
        out += [("front", f"Dato: {meeting.start:%d-%m-%Y %H:%M}")]
        out += [("front", f"Sted: {meeting.location}")]
        if meeting.members:
            out.append(("front", "Medlemmer:"))
    else:
        if meeting.organisation:
            out.append(("front", meeting.organisation))
        out += [("big", meeting.body), ("big", kind_word(meeting))]
        when = f"{danish_date(meeting.start)} kl. {meeting.start:%H:%M}"
        out.append(("front", f"Mødedato: {when}"))
        if meeting.end:
            out.append(("front", f"Sluttidspunkt: {meeting.end:%H:%M}"))
        out.append(("front", f"Mødested: {meeting.location}"))
        if meeting.members:
            out.append(("front", "Medlemmer"))
    out += [("front", m) for m in meeting.members]
    return out


def paragraphs(text: str) -> list[tuple[bool, str]]:
    """(is_subheading, text) per paragraph; ``**x**`` marks a bold in-body subheading."""
    out: list[tuple[bool, str]] = []
    for para in (p.strip() for p in text.split("\n\n")):
        if para.startswith("**") and para.endswith("**") and len(para) > 4:
            out.append((True, para[2:-2]))
        elif para:
            out.append((False, " ".join(para.split())))
    return out


def item_blocks(item: ComposeItem, style: Style) -> list[tuple[str, str]]:
    """What is printed under an item heading, in order, as (role, text).

    Roles: ``case``, ``closed`` (a ``Lukket punkt`` line), ``section``, ``attachment``,
    ``sub`` (bold subheading) and ``para``.
    """
    out: list[tuple[str, str]] = []
    if item.case:
        case = item.case + (f" {item.officer}" if item.officer and style == "kkr" else "")
        out.append(("case", case))
    if item.closed and item.closed_marker == "line":
        out.append(("closed", "Lukket punkt"))
    texts = dict(item.sections)
    for name in rendered_sections(item):
        out.append(("section", name))
        if name.lower().startswith("bilag"):
            for n, att in enumerate(item.attachments, 1):
                out.append(("attachment", f"{n}. {att}" if style == "firstagenda" else att))
        for sub, para in paragraphs(texts.get(name, "")):
            out.append(("sub" if sub else "para", para))
    return out


def heading_blocks(meeting: ComposeMeeting, style: Style) -> list[tuple[str, str, str, str]]:
    """Every heading in order as (key, role, number, title); roles ``group`` and ``item``."""
    out: list[tuple[str, str, str, str]] = []
    for group in meeting.groups:
        if style == "kkr":
            out.append((f"g{group.number}", "group", group.number, group.title))
        for it in group.items:
            title = it.title if style == "kkr" else fa_heading(it)[len(f"Punkt {it.number}: ") :]
            out.append((f"i{it.number}", "item", it.number, title))
    return out


def heading_text(style: Style, role: str, number: str, title: str) -> str:
    if style == "firstagenda":
        return f"Punkt {number}: {title}"
    return f"{number}. {title}"


# --- reportlab -------------------------------------------------------------------------------


def _register_fonts() -> dict[str, str]:
    """Vera (shipped with reportlab) embedded as TrueType subsets, as Word embeds its fonts."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = {"regular": "Vera", "bold": "VeraBd", "italic": "VeraIt", "bolditalic": "VeraBI"}
    for name in names.values():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, f"{name}.ttf"))
    addMapping("Vera", 0, 0, "Vera")
    addMapping("Vera", 1, 0, "VeraBd")
    addMapping("Vera", 0, 1, "VeraIt")
    addMapping("Vera", 1, 1, "VeraBI")
    return names


def build_reportlab(
    meeting: ComposeMeeting,
    path: Path,
    *,
    style: Style = "kkr",
    bookmarks: bool = False,
    number_column: bool = False,
    section_look: SectionLook = "bold",
    running: bool = False,
    front_table: bool = False,
) -> Produced:
    """The meeting as a Word-like document laid out by reportlab's platypus.

    Justified body text, bold headings, footers drawn in ``onPage``. ``number_column`` puts
    the item number in its own table cell left of the title (as ESDH exports do);
    ``section_look`` sets section headings bold, or underlined / bold-italic at body size;
    ``running`` adds the header ``Body – Dagsorden – date`` and a ``Side n af N`` footer;
    ``front_table`` prints the meeting facts as a label/value table.
    """
    total = 0
    data = b""
    produced: dict[str, tuple[int, int]] = {}
    for _ in range(2):  # the second pass knows the page count for "Side n af N"
        data, produced, pages = _reportlab_pass(
            meeting, style, bookmarks, number_column, section_look, running, front_table, total
        )
        if pages == total:
            break
        total = pages
    path.write_bytes(data)
    return Produced(path, total, produced)


def _reportlab_pass(
    meeting: ComposeMeeting,
    style: Style,
    bookmarks: bool,
    number_column: bool,
    section_look: SectionLook,
    running: bool,
    front_table: bool,
    total: int,
) -> tuple[bytes, dict[str, tuple[int, int]], int]:
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        BaseDocTemplate,
        Flowable,
        Frame,
        PageBreak,
        PageTemplate,
        Paragraph,
        Table,
        TableStyle,
    )

    fonts = _register_fonts()
    base = ParagraphStyle("base", fontName=fonts["regular"], fontSize=10, leading=13)
    body = ParagraphStyle("body", base, alignment=TA_JUSTIFY, spaceAfter=6)
    left = ParagraphStyle("left", base, alignment=TA_LEFT, spaceAfter=2)
    case = ParagraphStyle("case", base, fontSize=9, leading=11, spaceAfter=6)
    big = ParagraphStyle("big", base, fontName=fonts["bold"], fontSize=22, leading=28)
    front = ParagraphStyle("front", base, fontSize=11, leading=15)
    h1 = ParagraphStyle(
        "h1", base, fontName=fonts["bold"], fontSize=15, leading=19, spaceBefore=14, spaceAfter=8
    )
    h2 = ParagraphStyle(
        "h2", base, fontName=fonts["bold"], fontSize=13, leading=16, spaceBefore=12, spaceAfter=3
    )
    sub = ParagraphStyle("sub", body, fontName=fonts["bold"])
    if section_look == "bold":
        h3 = ParagraphStyle("h3", base, fontName=fonts["bold"], fontSize=11, leading=14)
    elif section_look == "bolditalic":
        h3 = ParagraphStyle("h3", base, fontName=fonts["bolditalic"])
    else:
        h3 = ParagraphStyle("h3", base)
    h3.spaceBefore, h3.spaceAfter = 8, 3

    def esc(text: str) -> str:
        return html.escape(text, quote=False)

    def section_para(name: str) -> Paragraph:
        return Paragraph(f"<u>{esc(name)}</u>" if section_look == "underline" else esc(name), h3)

    pw, ph = A4
    margin_x, margin_top, margin_bottom = 72.0, 70.0, 65.0
    frame = Frame(margin_x, margin_bottom, pw - 2 * margin_x, ph - margin_top - margin_bottom)

    def decorate(canvas: Any, doc: Any) -> None:
        num = canvas.getPageNumber()
        if num == 1:
            return
        canvas.saveState()
        canvas.setFont(fonts["regular"], 8)
        if running:
            canvas.drawString(margin_x, ph - 40, running_header(meeting))
            canvas.drawRightString(pw - margin_x, 36, f"Side {num} af {total or num}")
        elif style == "kkr":
            canvas.drawString(margin_x, 36, f"{meeting.body}  | {meeting.start:%d-%m-%Y}")
            canvas.drawRightString(pw - margin_x, 36, f"SIDE  |  {num}")
        else:
            left_text = f"{meeting.body} - {kind_word(meeting)} - {danish_date(meeting.start)}"
            canvas.drawString(margin_x, 36, left_text)
            canvas.drawRightString(pw - margin_x, 36, f"Side {num} af {total or num}")
        canvas.restoreState()

    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    current: list[str] = []

    class Doc(BaseDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: Any) -> None:
            key = getattr(flowable, "mm_key", None)
            if key is not None:
                starts[key] = self.page
                current[:] = [key]
                if bookmarks:
                    self.canv.bookmarkPage(key)
                    level = 1 if key.startswith("i") and style == "kkr" else 0
                    self.canv.addOutlineEntry(flowable.mm_title, key, level=level)
            elif current and isinstance(flowable, (Paragraph, Table)):
                ends[current[0]] = self.page

    story: list[Flowable] = []
    front_rows = front_lines(meeting, style)
    facts = [t for r, t in front_rows if r == "front" and ":" in t and not t.endswith(":")]
    for role, text in front_rows:
        if not (front_table and text in facts):
            story.append(Paragraph(esc(text), big if role == "big" else front))
        elif text == facts[0]:
            label_w = 110
            rows = [
                [
                    Paragraph(esc(f.split(":", 1)[0] + ":"), front),
                    Paragraph(esc(f.split(":", 1)[1]), front),
                ]
                for f in facts
            ]
            table = Table(rows, colWidths=[label_w, pw - 2 * margin_x - label_w])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
    story.append(PageBreak())

    def heading(key: str, level: str, number: str, title: str) -> Flowable:
        st = h1 if level == "group" or style == "firstagenda" else h2
        text = heading_text(style, level, number, title)
        flow: Any
        if number_column:
            label = f"Punkt {number}" if style == "firstagenda" else f"{number}."
            width = 90 if style == "firstagenda" else 48
            flow = Table(
                [[Paragraph(esc(label), st), Paragraph(esc(title), st)]],
                colWidths=[width, pw - 2 * margin_x - width],
            )
            pad = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            flow.setStyle(TableStyle(pad))
            flow.spaceBefore, flow.spaceAfter = st.spaceBefore, st.spaceAfter
        else:
            flow = Paragraph(esc(text), st)
        flow.mm_key = key
        flow.mm_title = text
        flow.keepWithNext = True
        return flow

    items = {f"i{it.number}": it for it in items_of(meeting)}
    group_text = {f"g{g.number}": g.text for g in meeting.groups}
    for key, level, number, title in heading_blocks(meeting, style):
        story.append(heading(key, level, number, title))
        if level == "group":
            story += [Paragraph(esc(p), body) for _, p in paragraphs(group_text[key])]
            continue
        for role, text in item_blocks(items[key], style):
            if role == "section":
                story.append(section_para(text))
            elif role in ("case", "closed"):
                story.append(Paragraph(esc(text), case))
            elif role == "attachment":
                story.append(Paragraph(esc(text), left))
            else:
                story.append(Paragraph(esc(text), sub if role == "sub" else body))

    buf = io.BytesIO()
    doc = Doc(
        buf,
        pagesize=A4,
        title=f"{kind_word(meeting)} - {meeting.body}",
        author="Mødemappe tests",
        pageTemplates=[PageTemplate("p", [frame], onPage=decorate)],
    )
    if bookmarks:
        doc.showOutline = 1
    doc.build(story)
    pages = doc.page
    return buf.getvalue(), _ranges(meeting, style, starts, ends), pages


def _ranges(
    meeting: ComposeMeeting, style: Style, starts: dict[str, int], ends: dict[str, int]
) -> dict[str, tuple[int, int]]:
    """Page ranges from where headings and the last flowable under each were drawn."""
    out = {k: (s, max(s, ends.get(k, s))) for k, s in starts.items()}
    if style == "kkr":
        for group in meeting.groups:
            key = f"g{group.number}"
            members = [out[f"i{it.number}"][1] for it in group.items]
            out[key] = (out[key][0], max([out[key][1], *members]))
    return out


# --- LibreOffice -----------------------------------------------------------------------------


def soffice() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


_FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="DejaVu Sans" fo:font-size="10pt" fo:language="da"
   fo:country="DK"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="justify" fo:margin-top="0cm"
   fo:margin-bottom="0.2cm" fo:line-height="125%"/>
 </style:style>
 <style:style style:name="List_20_line" style:display-name="List line" style:family="paragraph"
  style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.08cm"/>
 </style:style>
 <style:style style:name="Case" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="9pt"/>
 </style:style>
 <style:style style:name="Front" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.12cm"/>
  <style:text-properties fo:font-size="11pt"/>
 </style:style>
 <style:style style:name="Big" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.3cm"/>
  <style:text-properties fo:font-size="22pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Sub" style:family="paragraph" style:parent-style-name="Text_20_body">
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:keep-with-next="always"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:parent-style-name="Heading" style:default-outline-level="1">
  <style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.3cm"/>
  <style:text-properties fo:font-size="15pt"/>
 </style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
  style:parent-style-name="Heading" style:default-outline-level="2">
  <style:paragraph-properties fo:margin-top="0.45cm" fo:margin-bottom="0.1cm"/>
  <style:text-properties fo:font-size="13pt"/>
 </style:style>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph"
  style:parent-style-name="Heading" style:default-outline-level="3">
  <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.1cm"/>
  <style:text-properties fo:font-size="11pt"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties>
   <style:tab-stops><style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops>
  </style:paragraph-properties>
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="PB" style:family="paragraph" style:parent-style-name="Heading_20_1">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2cm" fo:margin-bottom="1.2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  <style:footer-style><style:header-footer-properties fo:min-height="0.8cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:footer><text:p text:style-name="Footer">__FOOTER__</text:p></style:footer>
  <style:footer-first><text:p text:style-name="Footer"/></style:footer-first>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""


def fodt(meeting: ComposeMeeting, style: Style) -> str:
    """The meeting as a flat ODF text document with Heading 1/2/3 paragraph styles.

    KKR: groups are Heading 1 (each on a new page), items Heading 2; FirstAgenda: items are
    Heading 1. Section headings are Heading 3, so LibreOffice's bookmarks hold them too.
    """

    def esc(text: str) -> str:
        return html.escape(text, quote=False)

    def p(style_name: str, text: str) -> str:
        return f'<text:p text:style-name="{style_name}">{esc(text)}</text:p>'

    def h(style_name: str, level: int, text: str) -> str:
        return (
            f'<text:h text:style-name="{style_name}" text:outline-level="{level}">'
            f"{esc(text)}</text:h>"
        )

    if style == "kkr":
        footer = f"{esc(meeting.body)} | {meeting.start:%d-%m-%Y}<text:tab/>SIDE | "
    else:
        footer = f"{esc(running_header(meeting))}<text:tab/>Side "
    footer += '<text:page-number text:select-page="current"/>'
    parts = [_FODT_HEAD.replace("__FOOTER__", footer)]
    for role, text in front_lines(meeting, style):
        parts.append(p("Big" if role == "big" else "Front", text))
    items = {f"i{it.number}": it for it in items_of(meeting)}
    group_text = {f"g{g.number}": g.text for g in meeting.groups}
    first = True
    for key, role, number, title in heading_blocks(meeting, style):
        text = heading_text(style, role, number, title)
        if role == "group" or style == "firstagenda":
            name = "PB" if first or style == "kkr" else "Heading_20_1"
            parts.append(h(name, 1, text))
        else:
            parts.append(h("Heading_20_2", 2, text))
        first = False
        if role == "group":
            parts += [p("Text_20_body", t) for _, t in paragraphs(group_text[key])]
            continue
        for brole, btext in item_blocks(items[key], style):
            if brole == "section":
                parts.append(h("Heading_20_3", 3, btext))
            elif brole in ("case", "closed"):
                parts.append(p("Case", btext))
            elif brole == "attachment":
                parts.append(p("List_20_line", btext))
            else:
                parts.append(p("Sub" if brole == "sub" else "Text_20_body", btext))
    parts.append("</office:text></office:body></office:document>\n")
    return "\n".join(parts)


def build_libreoffice(
    meeting: ComposeMeeting, path: Path, *, style: Style = "kkr", bookmarks: bool = True
) -> Produced:
    """Convert :func:`fodt` to PDF with ``soffice --headless`` (raises if it is missing)."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    options = {"ExportBookmarks": {"type": "boolean", "value": "true" if bookmarks else "false"}}
    target = "pdf:writer_pdf_Export:" + json.dumps(options)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{path.stem}.fodt"
        src.write_text(fodt(meeting, style), encoding="utf-8")
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copyfile(Path(tmp) / f"{path.stem}.pdf", path)
    doc: Any = _mu.open(path)
    try:
        return Produced(path, doc.page_count)
    finally:
        doc.close()


# --- ABCpdf-like clipped copies --------------------------------------------------------------


def clip_copies(
    src: Path,
    dst: Path,
    *,
    band: float = 37.3,
    offset: float = 11.0,
    split_x: float | None = None,
    exact_copies: int = 1,
) -> Path:
    """Rewrite every page as ABCpdf does: the whole page drawn once per clip rectangle.

    The page is cut into horizontal bands ``band`` points high starting ``offset`` points
    below the top (so band edges run through text lines); with ``split_x`` each band is also
    cut into a left and a right part. ``exact_copies`` repeats each clipped copy unmoved.
    """
    doc: Any = _mu.open(src)
    try:
        for page in doc:
            page.clean_contents()
            body = page.read_contents()
            x0, y0, x1, y1 = page.mediabox
            rects: list[tuple[float, float, float, float]] = []
            top = y1 - offset
            rects_y = [(top, y1)]
            y = top
            while y > y0:
                rects_y.append((max(y0, y - band), y))
                y -= band
            for lo, hi in rects_y:
                cuts = [(x0, x1)] if split_x is None else [(x0, x0 + split_x), (x0 + split_x, x1)]
                rects += [(a, lo, b - a, hi - lo) for a, b in cuts]
            out: list[bytes] = []
            for rx, ry, rw, rh in rects:
                clip = f"q {rx:.2f} {ry:.2f} {rw:.2f} {rh:.2f} re W n\n".encode()
                out.append((clip + body + b"\nQ\n") * exact_copies)
            xrefs = page.get_contents()
            doc.update_stream(xrefs[0], b"".join(out))
        doc.save(str(dst), garbage=3, deflate=True)
    finally:
        doc.close()
    return dst
