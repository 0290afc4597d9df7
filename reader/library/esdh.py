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

This module recognises publications and splits an input into them; reading the XML safely
(``esdh_xml``), collecting a manifest (``esdh_build``) and what each system's XML means
(``esdh_edoc``, ``esdh_sbsys``, ``esdh_acadre``) live in modules of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from reader.errors import PackageError
from reader.i18n import say
from reader.library.esdh_acadre import read_acadre
from reader.library.esdh_build import Builder, Files, folder_of
from reader.library.esdh_edoc import read_edoc
from reader.library.esdh_sbsys import read_sbsys
from reader.library.esdh_xml import load_xml
from reader.library.package import Member, Package

_EDOC = re.compile(r"edocagendapublishing\.xml", re.IGNORECASE)
_SBSYS = re.compile(r"publication\d+\.xml", re.IGNORECASE)
_ACADRE = re.compile(r"xml_(\d+)\.xml", re.IGNORECASE)


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
    files = Files(package)
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


def _read(xml: Member, files: Files) -> _Publication | str:
    """The publication an XML file describes, or why it is not one to import."""
    root = load_xml(xml)
    name = PurePosixPath(xml.name).name
    build = Builder(xml, files)
    if _EDOC.fullmatch(name) and root.tag == "Meeting":
        system, body, meeting = "eDoc", *read_edoc(root, build)
    elif _SBSYS.fullmatch(name) and root.tag == "Publication":
        system, body, meeting = "SBSYS", *read_sbsys(root, build)
    elif _ACADRE.fullmatch(name) and root.find("table[@name='producedAgenda']") is not None:
        found = read_acadre(root, build)
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


def _scopes(name: str, files: Files, used: set[str]) -> list[str]:
    """The folders a publication owns: its own, or for Acadre its ``Files_N_…`` folders."""
    parent = folder_of(name)
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


def _natural(name: str) -> list[Any]:
    """Sort key that puts Publication9 before Publication10."""
    return [
        (0, int(t), "") if t.isdigit() else (1, 0, t.casefold()) for t in re.split(r"(\d+)", name)
    ]
