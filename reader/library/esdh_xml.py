"""Reading an ESDH publication's XML safely, and the small readers every system's XML needs.

Its own module because it is the part hostile input meets first: no DTDs or entities, a size
cap, the encoding its header declares, XML 1.0's forbidden characters read as spaces. The
eDoc, SBSYS and Acadre readers all take their text, attributes and dates through here.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any
from xml.parsers import expat

from reader.errors import PackageError
from reader.i18n import say
from reader.library.package import Member

MAX_XML_BYTES = 32 * 1024 * 1024

_DATE_FORMATS = (
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d-%m-%Y",
    "%Y-%m-%d",
)


# -- reading XML safely --------------------------------------------------------------------


def _too_large(origin: str, size: int) -> str:
    return say(
        f"{origin}: for stor til en dagsordensbeskrivelse ({size} byte)",
        f"{origin}: too large for an agenda description ({size} bytes)",
    )


def parse_xml(data: bytes, origin: str) -> ET.Element:
    """Parse an ESDH XML file, refusing DTDs and entities (no expansion, no external fetch).

    The text is decoded as its header declares (UTF-8 with or without a BOM, UTF-16,
    windows-1252, ISO-8859-1, …). Control characters that XML 1.0 forbids, which eDoc
    writes as ``&#xC;`` for a page break, are read as spaces (the portals strip them too).
    """
    if len(data) > MAX_XML_BYTES:
        raise PackageError(_too_large(origin, len(data)))
    text = _decode(data, origin)
    text = _FORBIDDEN_REF.sub(_forbidden_ref, text)
    text = _FORBIDDEN_CHAR.sub(" ", text)
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def refuse(*_: object) -> Any:
        raise PackageError(
            say(
                f"{origin}: afvist, den erklærer en DTD eller entiteter",
                f"{origin}: refused, it declares a DTD or entities",
            )
        )

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise PackageError(
            say(f"{origin}: ikke gyldig XML ({exc})", f"{origin}: not well-formed XML ({exc})")
        ) from exc
    root: ET.Element = builder.close()
    return root


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_FORBIDDEN_REF = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")
_FORBIDDEN_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _decode(data: bytes, origin: str) -> str:
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        if data.startswith((b"<\x00", b"\x00<")):
            encoding = "utf-16-le" if data[0] == ord("<") else "utf-16-be"
        else:
            declared = _DECLARED.match(data.lstrip()[:200])
            encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise PackageError(
            say(
                f"{origin}: ukendt tegnkodning {encoding!r}",
                f"{origin}: unknown text encoding {encoding!r}",
            )
        ) from exc
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise PackageError(
            say(
                f"{origin}: ikke gyldig {encoding}-tekst (byte {exc.start} kan ikke læses)",
                f"{origin}: not valid {encoding} text (byte {exc.start} cannot be read)",
            )
        ) from exc


def _forbidden_ref(match: re.Match[str]) -> str:
    ref = match.group(1)
    code = int(ref[1:], 16) if ref[0] == "x" else int(ref)
    allowed = (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )
    return match.group(0) if allowed else " "


def load_xml(member: Member) -> ET.Element:
    if member.size is not None and member.size > MAX_XML_BYTES:
        raise PackageError(_too_large(member.origin, member.size))
    return parse_xml(member.read(), member.origin)


# -- small helpers ---------------------------------------------------------------------------


def text_of(element: ET.Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return clean(found.text or "") if found is not None else ""


def attr_of(element: ET.Element | None, name: str) -> str:
    return (element.get(name) or "").strip() if element is not None else ""


def clean(text: str) -> str:
    return " ".join(text.split())


def date_of(text: str) -> str | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).isoformat(timespec="seconds")
        except ValueError:
            continue
    return None
