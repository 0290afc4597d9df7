"""Tagged PDFs with /ActualText, written as raw PDF syntax (no producer library involved).

FirstAgenda's referater (ABCpdf) are tagged: every paragraph is a ``/P`` structure element whose
``/K`` lists several marked-content ids and which carries the whole paragraph as
``/ActualText``. MuPDF looks each marked-content sequence's MCID up in the ``/ParentTree`` (under
the page's ``/StructParents`` key) and honours the ``/ActualText`` of the element it finds
there -- once per sequence, so a paragraph drawn as N sequences comes out up to N times, each
copy squeezed into the place of that sequence's glyphs. Poppler (``pdftotext``) only honours
``/ActualText`` in a ``/Span`` property list in the content stream and shows the glyphs, once.

What repeats the paragraph, measured with PyMuPDF/MuPDF 1.28.2 on :data:`PARAGRAPH` (six lines,
one sequence each); ``test_pdf_actualtext`` guards the first case:

* ``/ActualText`` on the ``/StructElem``, ``/K [0 1 2 3 4 5]`` (integer MCIDs, as ABCpdf writes
  them), ``/ParentTree`` mapping every MCID of the page to that element: five copies of the
  paragraph, plus the last line once (a sequence whose glyphs end the ActualText keeps them).
  Drawn as ABCpdf's clipped copies instead (one sequence per clipped copy of the whole block),
  MuPDF's clipping cuts the copies down to fragments of the paragraph.
* ``/ActualText`` in each sequence's own property list (``/P <</MCID n /ActualText …>> BDC``):
  the same five copies in MuPDF, while poppler ignores ActualText on a ``/P`` sequence.
* ``/K`` as marked-content reference dictionaries (``<< /Type /MCR /MCID n >>``) with the
  ActualText on the element: no repetition -- MuPDF prints the glyphs once.

``TEXT_IGNORE_ACTUALTEXT`` removes the repetition, except when a ``/Span`` ActualText starts
inside a sequence whose element has one (:class:`Marked` or :class:`Glyph` runs in a ``struct``
paragraph): MuPDF then spills the element's ActualText, squeezed to no width, at that point.

Ligature and symbol glyphs come from a Type 3 font without ``/ToUnicode`` whose glyph names mean
nothing (``lig1``, ``sym1``), so the glyph's character is unknown: MuPDF gives U+FFFD, poppler
the raw code (0x80 upwards: C1 control characters, nothing visible). A ``/Span <</ActualText
(…)>> BDC … EMC`` around it gives the characters to both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PAGE_W, PAGE_H = 595.0, 842.0
FONT_SIZE = 11.0
LEADING = 14.0
LEFT = 72.0
TOP = 90.0  # baseline of the first line, top-left coordinates

ActualTextOn = Literal["struct", "bdc", "none"]
Kids = Literal["ints", "mcr"]


@dataclass(frozen=True)
class Glyph:
    """One glyph of the Type 3 font, with the ActualText a ``/Span`` gives it (None: none)."""

    name: str
    actual_text: str | None


# Ligature and symbol glyphs of the Type 3 font: name -> advance width (1/1000 em).
GLYPHS: dict[str, int] = {"lig1": 556, "lig2": 556, "sym1": 600, "sym2": 600}


@dataclass(frozen=True)
class Marked:
    """Helvetica text with an ActualText of its own (``/Span <</ActualText …>> BDC``)."""

    text: str
    actual_text: str


Run = str | Glyph | Marked
Line = Sequence[Run]

PARAGRAPH: list[str] = [
    "Økonomiudvalget indstiller, at byrådet godkender, at der",
    "gives en anlægsbevilling på 2,5 mio. kr. til renovering af",
    "Ærøvej og stien ved Åbyhøj, og at udgiften finansieres af",
    "kassebeholdningen. Sagen blev behandlet på mødet i",
    "Teknisk Udvalg, som anbefaler indstillingen med få",
    "ændringer vedrørende tidsplanen for anlægsarbejdet.",
]
"""Six lines of one paragraph; the ActualText is these joined by spaces."""


def line_text(line: Line) -> str:
    """The line as a reader takes it: ActualText where a run has one, else its characters."""
    return "".join(r if isinstance(r, str) else (r.actual_text or "") for r in line)


def paragraph_text(lines: Sequence[Line]) -> str:
    """The paragraph as its ActualText gives it: its lines joined by a space."""
    return " ".join(line_text(line) for line in lines)


# --- PDF syntax -------------------------------------------------------------------------


def _literal(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252) for the Helvetica font: æøå are single bytes."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_string(text: str) -> bytes:
    """A PDF text string: UTF-16BE with byte order mark, written as a hex string."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


class _Writer:
    """Objects numbered in the order they are reserved; ``bytes()`` gives the whole file."""

    def __init__(self) -> None:
        self.objects: list[bytes | None] = []

    def reserve(self) -> int:
        self.objects.append(None)
        return len(self.objects)

    def put(self, num: int, body: bytes) -> int:
        self.objects[num - 1] = body
        return num

    def add(self, body: bytes) -> int:
        return self.put(self.reserve(), body)

    def stream(self, data: bytes, extra: bytes = b"") -> int:
        return self.add(b"<< %s /Length %d >>\nstream\n%s\nendstream" % (extra, len(data), data))

    def build(self, root: int) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets: list[int] = []
        for num, body in enumerate(self.objects, 1):
            assert body is not None, f"object {num} reserved but never written"
            offsets.append(len(out))
            out += b"%d 0 obj\n%s\nendobj\n" % (num, body)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
        out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
        out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(offsets) + 1,
            root,
            xref,
        )
        return bytes(out)


def _fonts(w: _Writer) -> bytes:
    """Helvetica (WinAnsi) as /F1 and the Type 3 glyph font, without ToUnicode, as /F2."""
    helv = w.add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    procs = []
    for name, width in GLYPHS.items():
        # A filled box as the glyph's picture: visible ink, no character.
        proc = w.stream(b"%d 0 40 0 %d 700 d1 40 0 %d 700 re f" % (width, width - 40, width - 80))
        procs.append(b"/%s %d 0 R" % (name.encode(), proc))
    names = b" ".join(b"/" + n.encode() for n in GLYPHS)
    widths = b" ".join(b"%d" % wd for wd in GLYPHS.values())
    t3 = w.add(
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000]"
        b" /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << %s >>"
        b" /Encoding << /Type /Encoding /Differences [128 %s] >>"
        b" /FirstChar 128 /LastChar %d /Widths [%s] /Resources << >> >>"
        % (b" ".join(procs), names, 127 + len(GLYPHS), widths)
    )
    return b"<< /Font << /F1 %d 0 R /F2 %d 0 R >> >>" % (helv, t3)


def _glyph_code(name: str) -> bytes:
    return b"<%02X>" % (128 + list(GLYPHS).index(name))


def _line_ops(line: Line, x: float, y_top: float) -> bytes:
    """``BT … ET`` drawing one line at baseline ``y_top`` (top-left coordinates)."""
    ops = [b"BT /F1 %g Tf %g %g Td" % (FONT_SIZE, x, PAGE_H - y_top)]
    for run in line:
        if isinstance(run, str):
            ops.append(b"/F1 %g Tf %s Tj" % (FONT_SIZE, _literal(run)))
            continue
        if isinstance(run, Marked):
            show = b"/F1 %g Tf %s Tj" % (FONT_SIZE, _literal(run.text))
        else:
            show = b"/F2 %g Tf %s Tj" % (FONT_SIZE, _glyph_code(run.name))
        if run.actual_text is None:
            ops.append(show)
        else:
            ops.append(
                b"/Span << /ActualText %s >> BDC %s EMC" % (text_string(run.actual_text), show)
            )
    ops.append(b"ET")
    return b" ".join(ops)


@dataclass(frozen=True)
class Paragraph:
    """Lines drawn one marked-content sequence each (or, ``clipped``, one per clipped copy).

    ``actual_text``: where the paragraph's ActualText goes -- on the structure element
    (``struct``), on each sequence's property list (``bdc``), or nowhere (``none``).
    ``tagged=False`` draws the lines outside any structure.
    """

    lines: Sequence[Line]
    actual_text: ActualTextOn = "struct"
    kids: Kids = "ints"
    clipped: bool = False
    tagged: bool = True
    top: float = TOP


def _paragraph_ops(para: Paragraph, first_mcid: int) -> tuple[list[bytes], int]:
    """Marked-content sequences drawing the paragraph; returns them and the MCIDs used."""
    body = [_line_ops(line, LEFT, para.top + i * LEADING) for i, line in enumerate(para.lines)]
    if para.clipped:
        # ABCpdf: the whole block once per line, each copy clipped to that line's strip.
        block = b"\n".join(body)
        parts = []
        for i in range(len(para.lines)):
            strip_top = para.top + i * LEADING - 0.75 * LEADING
            y = PAGE_H - (strip_top + LEADING)
            parts.append(b"q 0 %g %g %g re W n\n%s\nQ" % (y, PAGE_W, LEADING, block))
        body = parts
    if not para.tagged:
        return body, 0
    whole = text_string(paragraph_text(para.lines))
    out = []
    for i, ops in enumerate(body):
        props = b"<< /MCID %d" % (first_mcid + i)
        if para.actual_text == "bdc":
            props += b" /ActualText " + whole
        out.append(b"/P %s >> BDC\n%s\nEMC" % (props, ops))
    return out, len(body)


def write_tagged_pdf(path: Path, pages: Sequence[Sequence[Paragraph]], lang: str = "da-DK") -> Path:
    """A tagged PDF (``/MarkInfo``, ``/StructTreeRoot``, ``/ParentTree``) of the paragraphs.

    Each tagged paragraph becomes one ``/P`` structure element under a ``/Document`` element;
    its ``/K`` holds the MCIDs of its sequences, as integers or as MCR dictionaries.
    """
    w = _Writer()
    catalog, pages_num, root, doc_elem, parent_tree = (w.reserve() for _ in range(5))
    resources = w.add(_fonts(w))
    page_nums: list[int] = []
    elements: list[int] = []
    nums: list[bytes] = []
    for key, paragraphs in enumerate(pages):
        page_num = w.reserve()
        page_nums.append(page_num)
        content: list[bytes] = []
        mcid_owner: list[int] = []
        for para in paragraphs:
            ops, used = _paragraph_ops(para, len(mcid_owner))
            content.extend(ops)
            if not used:
                continue
            elem = w.reserve()
            elements.append(elem)
            mcids = range(len(mcid_owner), len(mcid_owner) + used)
            mcid_owner.extend([elem] * used)
            if para.kids == "ints":
                kids = b" ".join(b"%d" % m for m in mcids)
            else:
                kids = b" ".join(
                    b"<< /Type /MCR /MCID %d /Pg %d 0 R >>" % (m, page_num) for m in mcids
                )
            actual = b""
            if para.actual_text == "struct":
                actual = b" /ActualText " + text_string(paragraph_text(para.lines))
            w.put(
                elem,
                b"<< /Type /StructElem /S /P /P %d 0 R /Pg %d 0 R /K [%s]%s >>"
                % (doc_elem, page_num, kids, actual),
            )
        contents = w.stream(b"\n".join(content))
        w.put(
            page_num,
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Resources %d 0 R"
            b" /Contents %d 0 R /StructParents %d >>"
            % (pages_num, PAGE_W, PAGE_H, resources, contents, key),
        )
        owners = b" ".join(b"%d 0 R" % e for e in mcid_owner)
        nums.append(b"%d [%s]" % (key, owners))
    w.put(
        catalog,
        b"<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /MarkInfo << /Marked true >>"
        b" /Lang %s >>" % (pages_num, root, _literal(lang)),
    )
    kids_refs = b" ".join(b"%d 0 R" % p for p in page_nums)
    w.put(pages_num, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids_refs, len(page_nums)))
    w.put(
        root,
        b"<< /Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d >>"
        % (doc_elem, parent_tree, len(page_nums)),
    )
    elem_refs = b" ".join(b"%d 0 R" % e for e in elements)
    w.put(doc_elem, b"<< /Type /StructElem /S /Document /P %d 0 R /K [%s] >>" % (root, elem_refs))
    w.put(parent_tree, b"<< /Nums [%s] >>" % b" ".join(nums))
    path.write_bytes(w.build(catalog))
    return path
