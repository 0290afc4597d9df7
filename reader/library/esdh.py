"""ESDH publications: a meeting as a Danish case system publishes it, an XML file beside PDFs.

eDoc writes ``eDocAgendaPublishing.xml``, SBSYS ``PublicationN.xml`` with ``Enclosures/``,
Acadre ``XML_N.xml`` with a ``Files_N_…/`` folder holding the agenda's own XML. Agenda portals
(OS2dagsorden's importers ``os2web_edoc_esdh``, ``os2web_sbsys_esdh``, ``os2web_acadre_esdh``)
import exactly what that XML says, and so does this module: it turns a publication into the
package manifest the importer understands, with the XML's items marked authoritative, so the
meeting gets exactly those items (numbers, titles, case numbers, closed flags) and every PDF
goes where the XML puts it. Which element means what follows those importers.

A folder (a publication share) may hold many publications: each becomes a package of its
own, and a publication that cannot be read costs only itself.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any
from xml.parsers import expat

from reader.errors import PackageError
from reader.i18n import say
from reader.library.package import Member, Package

MAX_XML_BYTES = 32 * 1024 * 1024

_EDOC = re.compile(r"edocagendapublishing\.xml", re.IGNORECASE)
_SBSYS = re.compile(r"publication\d+\.xml", re.IGNORECASE)
_ACADRE = re.compile(r"xml_(\d+)\.xml", re.IGNORECASE)
_PUBLIC = "skal publicere"  # eDoc's PublishingType of a public document ("SKAL PUBLICERES")
_CASE_IN_TEXT = re.compile(r"Sagsnr\.?\s*:\s*(\S+)")
_DATE_FORMATS = (
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d-%m-%Y",
    "%Y-%m-%d",
)


def is_publication_name(name: str) -> bool:
    base = PurePosixPath(name).name
    return any(p.fullmatch(base) for p in (_EDOC, _SBSYS, _ACADRE))


def split_publications(package: Package) -> tuple[list[Package], list[str]]:
    """The packages an input holds: one per ESDH publication, one for the PDFs outside them.

    Returns them with the errors of the publications that could not be read; the PDFs of
    such a publication are imported neither with it nor as loose files.
    """
    if package.manifest is not None or not any(is_publication_name(x.name) for x in package.xml):
        loose = replace(package, skipped=package.skipped + [x.name for x in package.xml], xml=[])
        return [loose], []
    files = _Files(package)
    scopes: list[str] = []
    found: list[_Publication] = []
    errors: list[str] = []
    unread: dict[str, str] = {}  # publication-named XML not imported, and why
    for xml in sorted(package.xml, key=lambda m: _natural(m.name)):
        if not is_publication_name(xml.name):
            continue
        try:
            publication = _read(xml, files)
        except PackageError as exc:
            errors.append(str(exc))
            scopes.extend(_scopes(xml.name, files, set()))
            continue
        if isinstance(publication, str):
            unread[xml.name] = publication
            continue
        scopes.extend(publication.scopes)
        found.append(publication)

    def owner(name: str) -> str | None:
        inside = [s for s in scopes if name.startswith(s)]
        return max(inside, key=len) if inside else None

    claimed = {n for p in found for n in (*p.files, *p.owned, p.xml)}
    mentioned = {n for p in found for n in p.mentioned}
    packages: list[Package] = []
    for publication in sorted(found, key=lambda p: (p.minutes, _natural(p.xml))):
        mine = set(publication.scopes)
        skipped = publication.skipped + [
            say(
                f"{name} (ikke nævnt i {PurePosixPath(publication.xml).name})",
                f"{name} (not named in {PurePosixPath(publication.xml).name})",
            )
            for name in files.pdfs
            if owner(name) in mine and name not in claimed
        ]
        skipped += [
            name
            for name in files.xml
            if owner(name) in mine and name not in claimed and name not in unread
        ]
        members = [files.pdfs[name] for name in publication.files]
        packages.append(Package(package.source, members, publication.manifest, skipped))
    rest = [m for m in package.members if owner(m.name) is None]
    others = [s for s in package.skipped if s not in mentioned]
    others += [n for n in files.xml if owner(n) is None and n not in claimed and n not in unread]
    others += [f"{name} ({why})" for name, why in unread.items()]
    if rest or not packages:
        packages.append(Package(package.source, rest, None, others))
    else:
        packages[0].skipped[:0] = others
    return packages, errors


# -- reading XML safely --------------------------------------------------------------------


def _too_large(origin: str, size: int) -> str:
    return say(
        f"{origin}: for stor til en dagsordensbeskrivelse ({size} byte)",
        f"{origin}: too large for an agenda description ({size} bytes)",
    )


def _not_in_package(origin: str, missing: str) -> str:
    return say(
        f"{origin}: nævner {missing!r}, som ikke er i pakken",
        f"{origin}: names {missing!r}, which is not in the package",
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


def _load(member: Member) -> ET.Element:
    if member.size is not None and member.size > MAX_XML_BYTES:
        raise PackageError(_too_large(member.origin, member.size))
    return parse_xml(member.read(), member.origin)


# -- the files of a package ----------------------------------------------------------------


class _Files:
    """A package's files by name, also found regardless of case, as the portals find them."""

    def __init__(self, package: Package) -> None:
        self.pdfs = {m.name: m for m in package.members}
        self.xml = {m.name: m for m in package.xml}
        self.all = [*self.pdfs, *self.xml, *package.skipped]
        self._folded: dict[str, str] = {}
        for name in self.all:
            self._folded.setdefault(name.casefold(), name)

    def find(self, name: str) -> str | None:
        return name if name in self.pdfs or name in self.xml else self._folded.get(name.casefold())


@dataclass
class _Publication:
    xml: str
    manifest: dict[str, Any]
    files: list[str]  # the PDFs its documents are, by their names in the package
    owned: set[str]  # other XML it reads (Acadre's agenda XML)
    scopes: list[str]  # folders ("" is the package's root) whose files are its own
    skipped: list[str]
    mentioned: set[str]  # skipped entries it has said why for
    minutes: bool


@dataclass
class _Builder:
    """Collects one publication's items and documents as the manifest wants them."""

    xml: Member
    files: _Files
    items: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    mentioned: set[str] = field(default_factory=set)
    owned: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)

    @property
    def base(self) -> str:
        return _parent(self.xml.name)

    def path(self, ref: str) -> str:
        """The package name of a file the XML names relative to itself; never outside it."""
        norm = ref.strip().replace("\\", "/")
        parts = PurePosixPath(norm).parts
        if (
            norm.startswith("/")
            or re.match(r"[A-Za-z]:", norm)
            or ".." in parts
            or "\x00" in norm
            or not parts
        ):
            raise PackageError(
                say(
                    f"{self.xml.origin}: filen {norm!r}, den nævner, ligger uden for pakken",
                    f"{self.xml.origin}: the file {norm!r} it names is outside the package",
                )
            )
        return self.base + "/".join(p for p in parts if p != ".")

    def item(self, number: str, title: str, case: str, closed: bool) -> str:
        number = _clean(number) or str(len(self.items) + 1)
        if any(it["number"] == number for it in self.items):
            raise PackageError(
                say(
                    f"{self.xml.origin}: to dagsordenspunkter har nummer {number}",
                    f"{self.xml.origin}: two agenda items are numbered {number}",
                )
            )
        self.items.append(
            {
                "number": number,
                "title": _clean(title) or f"Punkt {number}",
                "case": _clean(case) or None,
                "closed": closed,
            }
        )
        return number

    def document(
        self,
        refs: list[str],
        *,
        key: str,
        kind: str,
        title: str,
        item: str | None = None,
        required: bool = True,
    ) -> None:
        """The first PDF of ``refs`` (package names) in the package, as a document.

        A file a public item needs and the package lacks is an error: the publication is
        incomplete (still being copied, say), and importing it half would mislead. A file
        that is there but not a PDF (a Word original) is noted as skipped.
        """
        found = [n for n in map(self.files.find, refs) if n is not None]
        pdf = next((n for n in found if n in self.files.pdfs), None)
        if pdf is not None:
            if all(d["file"] != pdf for d in self.documents):
                if any(d["id"] == key for d in self.documents):
                    key = f"{key}:{pdf}"  # one key is one document, and its versions
                doc = {"file": pdf, "id": key, "kind": kind}
                doc["title"] = _clean(title) or PurePosixPath(pdf).stem
                if item is not None:
                    doc["item"] = item
                self.documents.append(doc)
        elif found:
            self.skipped.append(say(f"{found[0]} (ikke en PDF)", f"{found[0]} (not a PDF)"))
            self.mentioned.add(found[0])
        elif required:
            missing = refs[0][len(self.base) :]
            raise PackageError(_not_in_package(self.xml.origin, missing))


def _read(xml: Member, files: _Files) -> _Publication | str:
    """The publication an XML file describes, or why it is not one to import."""
    root = _load(xml)
    name = PurePosixPath(xml.name).name
    build = _Builder(xml, files)
    if _EDOC.fullmatch(name) and root.tag == "Meeting":
        system, body, meeting = "eDoc", *_edoc(root, build)
    elif _SBSYS.fullmatch(name) and root.tag == "Publication":
        system, body, meeting = "SBSYS", *_sbsys(root, build)
    elif _ACADRE.fullmatch(name) and root.find("table[@name='producedAgenda']") is not None:
        found = _acadre(root, build)
        if found is None:
            return say("intet i den er offentliggjort", "nothing in it is published")
        system, body, meeting = "Acadre", *found
    else:
        return say("ikke en dagsordensudgivelse", "not an agenda publication")
    build.items.sort(key=lambda it: _natural(it["number"]))  # eDoc lists them out of order
    manifest: dict[str, Any] = {
        "format": "esdh-publication",
        "system": system,
        "meeting": meeting,
        "items_authoritative": True,
        "items": build.items,
        "documents": build.documents,
    }
    if body:
        manifest["body"] = {"name": body}
    return _Publication(
        xml.name,
        manifest,
        [d["file"] for d in build.documents],
        build.owned,
        _scopes(xml.name, files, build.folders),
        build.skipped,
        build.mentioned,
        meeting.get("kind") == "minutes",
    )


def _scopes(name: str, files: _Files, used: set[str]) -> list[str]:
    """The folders a publication owns: its own, or for Acadre its ``Files_N_…`` folders."""
    parent = _parent(name)
    acadre = _ACADRE.fullmatch(PurePosixPath(name).name)
    if acadre is None:
        return [parent]
    prefix = f"{parent}files_{acadre.group(1)}_".casefold()
    folders = {
        n[: n.index("/", len(parent)) + 1]
        for n in files.all
        if n.casefold().startswith(prefix) and "/" in n[len(parent) :]
    }
    return sorted(folders | used)


# -- eDoc ------------------------------------------------------------------------------------


def _edoc(root: ET.Element, build: _Builder) -> tuple[str, dict[str, Any]]:
    committee = _text(root, "Committee")
    start = _date(_text(root, "MeetingDate"))
    kind = "minutes" if "referat" in _text(root, "MeetingState").casefold() else "agenda"
    has_main = False
    for agenda in root.findall("MeetingAgendaTypes/MeetingAgendaType"):
        agenda_type = _text(agenda, "AgendaType")
        closed_agenda = "lukket" in agenda_type.casefold()
        pdf = _text(agenda, "PDFDocument")
        if pdf and not closed_agenda and not has_main:
            key = f"edoc:{kind}:{agenda_type}"
            build.document([build.path(pdf)], key=key, kind=kind, title=committee)
            has_main = True
        elif pdf:
            build.document(
                [build.path(pdf)],
                key=f"edoc:{kind}:{agenda_type}",
                kind="attachment",
                title=agenda_type,
                required=not closed_agenda,
            )
        for entry in agenda.findall("MeetingAgendaItems/MeetingAgendaItem"):
            doc = entry.find("Document")
            title = (
                _text(doc, "NeutralTitle")
                or _text(doc, "Title")
                or _text(doc, "AgendaItems/AgendaItem/Name")
            )
            closed = closed_agenda or _PUBLIC not in _text(doc, "PublishingType").casefold()
            case = (
                _text(doc, "CaseLogicIdentifier")
                or _text(doc, "Case/CaseLogicIdentifier")
                or _case_in(entry.findtext("FullText") or "")
            )
            number = build.item(_text(entry, "AgendaItemNumber"), title, case, closed)
            pdf = _text(entry, "PDFDocument")
            if pdf:
                build.document(
                    [build.path(pdf)],
                    key=f"edoc:item:{_attr(doc, 'documentid') or pdf}",
                    kind="attachment",
                    title=f"Punkt {number}: {_clean(title)}",
                    item=number,
                    required=not closed,
                )
            for attachment in doc.findall("Attachments/Attachment") if doc is not None else []:
                pdf = _text(attachment, "PDFDocument")
                if not pdf:
                    continue
                public = _PUBLIC in _text(attachment, "PublishingType").casefold()
                build.document(
                    [build.path(pdf)],
                    key=f"edoc:attachment:{_attr(attachment, 'attachmentid') or pdf}",
                    kind="attachment",
                    title=_text(attachment, "NeutralTitle") or _text(attachment, "Title"),
                    item=number,
                    required=public and not closed,
                )
    meeting: dict[str, Any] = {"id": f"edoc:{committee}:{start}", "start": start, "kind": kind}
    return committee, meeting


def _case_in(full_text: str) -> str:
    """eDoc names an item's case only in its text: ``Sagsnr.: 2012-28504``."""
    found = _CASE_IN_TEXT.search(full_text)
    return found.group(1) if found else ""


# -- SBSYS -----------------------------------------------------------------------------------


def _sbsys(root: ET.Element, build: _Builder) -> tuple[str, dict[str, Any]]:
    agendas = root.findall("Agendas/Agenda")
    if not agendas:
        raise PackageError(
            say(
                f"{build.xml.origin}: udgivelsen indeholder ingen dagsorden",
                f"{build.xml.origin}: the publication holds no agenda",
            )
        )
    first = agendas[0]
    committee = _text(first, "Committee/Name")
    name = _text(first, "Name")
    kind = "minutes" if _text(root, "PublicationTypeAsValue") == "2" else "agenda"
    meeting_id = _attr(first.find("Meeting"), "ID") or first.get("ID", "")
    meeting: dict[str, Any] = {
        "id": f"sbsys:{meeting_id}",
        "title": name if name and name != committee else None,
        "start": _date(_text(first, "Meeting/When")),
        "end": _date(_text(first, "Meeting/Until")),
        "location": _text(first, "Meeting/Where") or None,
        "kind": kind,
    }
    # the whole agenda as one PDF is not named in the XML; the portals look for it by name
    stem = PurePosixPath(build.xml.name)
    build.document(
        [build.path(f"{stem.stem}.pdf"), build.path(f"{stem.parent.name or stem.stem}.pdf")],
        key=f"sbsys:{kind}:{first.get('ID', '')}",
        kind=kind,
        title=name or committee,
        required=False,
    )
    for agenda in agendas:
        for entry in agenda.findall("Items/Item"):
            closed = _text(entry, "IsPublic").casefold() != "true"
            case = _text(entry, "ItemCaseNumber") or _text(entry, "Case/Number")
            title = _text(entry, "Caption")
            number = build.item(_text(entry, "Number"), title, case, closed)
            pdf = _text(entry, "PDFDocument")
            if pdf:
                build.document(
                    [build.path(pdf)],
                    key=f"sbsys:item:{entry.get('ID') or number}",
                    kind="attachment",
                    title=f"Punkt {number}: {_clean(title)}",
                    item=number,
                    required=not closed,
                )
            for enclosure in entry.findall("Enclosures/Enclosure"):
                relative = _text(enclosure, "InstantiationFilePathRelative")
                file_name = _text(enclosure, "InstantiationFileName")
                if not relative and not file_name:
                    continue
                protected = _text(enclosure, "IsProtected").casefold() == "true"
                build.document(
                    [build.path(relative or f"Enclosures/{file_name}")],
                    key=f"sbsys:enclosure:{enclosure.get('ID') or relative or file_name}",
                    kind="attachment",
                    title=_text(enclosure, "Name"),
                    item=number,
                    required=not (closed or protected),
                )
    return committee, meeting


# -- Acadre ----------------------------------------------------------------------------------


def _acadre(root: ET.Element, build: _Builder) -> tuple[str, dict[str, Any]] | None:
    """``XML_N.xml`` lists the agendas produced (dagsorden, referat) and where each one is.

    The portals import the published ones; of several, the minutes, else the latest.
    """
    produced = [_attributes(f) for f in root.findall("table[@name='producedAgenda']/fields")]
    published = [p for p in produced if p.get("publish") == "1" and p.get("filesfolder")]
    if not published:
        return None
    chosen = max(enumerate(published), key=lambda e: (e[1].get("type") == "2", e[0]))[1]
    folder = chosen["filesfolder"].strip().replace("\\", "/").rstrip("/")
    build.folders.add(build.path(folder) + "/")
    agenda_name = build.path(f"{folder}/{chosen.get('xmlfilename', '')}")
    found = build.files.find(agenda_name)
    if found is None or found not in build.files.xml:
        missing = agenda_name[len(build.base) :]
        raise PackageError(_not_in_package(build.xml.origin, missing))
    build.owned.add(found)
    agenda = _load(build.files.xml[found])
    kind = "minutes" if chosen.get("type") == "2" else "agenda"

    def field(table: str, name: str) -> str:
        return _text(agenda, f".//table[@name='{table}']/fields/field[@name='{name}']")

    title = field("meeting", "name")
    location = field("meeting", "location") or re.sub(
        r"\s*<br\s*/?>\s*", ", ", field("meeting", "address"), flags=re.IGNORECASE
    )
    meeting: dict[str, Any] = {
        "id": f"acadre:{field('meeting', 'sysid') or chosen.get('sysid', '')}",
        "title": title or None,
        "start": _date(field("meeting", "date")),
        "end": _date(field("meeting", "finish")),
        "location": location or None,
        "kind": kind,
    }
    doc_file = chosen.get("docfilename", "")
    refs = [f"{folder}/{_stem(doc_file)}.pdf", f"{folder}/{doc_file}"] if doc_file else []
    refs += _named(folder, title, doc_file)
    if not refs:
        raise PackageError(
            say(
                f"{build.xml.origin}: nævner ingen fil til selve dagsordenen",
                f"{build.xml.origin}: names no file for the agenda itself",
            )
        )
    build.document(
        [build.path(r) for r in refs],
        key=f"acadre:{kind}:{chosen.get('sysid') or doc_file}",
        kind=kind,
        title=title or chosen.get("comment", ""),
    )
    for parent in agenda.iter("table"):
        if parent.get("name") != "agendaitemparents":
            continue
        entry = parent.find("table[@name='agendaitem']")
        if entry is None:
            continue
        access = _text(entry, "fields/field[@name='accessname']")
        closed = (
            access.casefold() != "åben"
            if access
            else _text(entry, "fields/field[@name='access']") not in ("", "1")
        )
        number = build.item(
            _text(parent, "fields/field[@name='sort']"),
            _text(entry, "fields/field[@name='name']"),
            _text(entry, "fields/field[@name='caseno']"),
            closed,
        )
        for enclosure in entry.findall("table[@name='enclosure']"):
            file_name = _text(enclosure, "fields/field[@name='filename']")
            if not file_name:
                continue
            enclosure_title = _text(enclosure, "fields/field[@name='name']")
            refs = [f"{folder}/{_stem(file_name)}.pdf", f"{folder}/{file_name}"]
            refs += _named(folder, enclosure_title, file_name)
            public = _text(enclosure, "fields/field[@name='access']") == "1"
            sysid = _text(enclosure, "fields/field[@name='sysid']")
            build.document(
                [build.path(r) for r in refs],
                key=f"acadre:enclosure:{sysid or file_name}",
                kind="attachment",
                title=enclosure_title,
                item=number,
                required=public and not closed,
            )
    return field("committee", "name"), meeting


def _attributes(fields: ET.Element) -> dict[str, str]:
    """Acadre's ``<fields><field sysid="1"/><field publish="1"/>…`` as one mapping."""
    found: dict[str, str] = {}
    for f in fields.findall("field"):
        for key, value in f.attrib.items():
            found.setdefault(key, value.strip())
    return found


def _named(folder: str, title: str, file_name: str) -> list[str]:
    """A file named after its title, as in Acadre's own example; a title is not a path."""
    if not title or re.search(r"[/\\]", title):
        return []
    return [f"{folder}/{title}.pdf", f"{folder}/{title}{PurePosixPath(file_name).suffix}"]


def _stem(file_name: str) -> str:
    """``3525829E1.DOCX`` -> ``3525829E1``: the portals look for a PDF made from it by that name."""
    return file_name.split(".", 1)[0]


# -- small helpers ---------------------------------------------------------------------------


def _text(element: ET.Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return _clean(found.text or "") if found is not None else ""


def _attr(element: ET.Element | None, name: str) -> str:
    return (element.get(name) or "").strip() if element is not None else ""


def _clean(text: str) -> str:
    return " ".join(text.split())


def _date(text: str) -> str | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).isoformat(timespec="seconds")
        except ValueError:
            continue
    return None


def _parent(name: str) -> str:
    return name.rsplit("/", 1)[0] + "/" if "/" in name else ""


def _natural(name: str) -> list[Any]:
    """Sort key that puts Publication9 before Publication10."""
    return [
        (0, int(t), "") if t.isdigit() else (1, 0, t.casefold()) for t in re.split(r"(\d+)", name)
    ]
