"""What Acadre's ``XML_N.xml`` and its agenda XML mean, as ``os2web_acadre_esdh`` reads them.

One module per case system, so that each system's element names sit together and a change to
one cannot touch the others.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath
from typing import Any

from reader.errors import PackageError
from reader.i18n import say
from reader.library.esdh_build import Builder, not_in_package
from reader.library.esdh_xml import date_of, load_xml, text_of


def read_acadre(root: ET.Element, build: Builder) -> tuple[str, dict[str, Any]] | None:
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
        raise PackageError(not_in_package(build.xml.origin, missing))
    build.owned.add(found)
    agenda = load_xml(build.files.xml[found])
    kind = "minutes" if chosen.get("type") == "2" else "agenda"

    def field(table: str, name: str) -> str:
        return text_of(agenda, f".//table[@name='{table}']/fields/field[@name='{name}']")

    title = field("meeting", "name")
    location = field("meeting", "location") or re.sub(
        r"\s*<br\s*/?>\s*", ", ", field("meeting", "address"), flags=re.IGNORECASE
    )
    meeting: dict[str, Any] = {
        "id": f"acadre:{field('meeting', 'sysid') or chosen.get('sysid', '')}",
        "title": title or None,
        "start": date_of(field("meeting", "date")),
        "end": date_of(field("meeting", "finish")),
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
        access = text_of(entry, "fields/field[@name='accessname']")
        closed = (
            access.casefold() != "åben"
            if access
            else text_of(entry, "fields/field[@name='access']") not in ("", "1")
        )
        number = build.item(
            text_of(parent, "fields/field[@name='sort']"),
            text_of(entry, "fields/field[@name='name']"),
            text_of(entry, "fields/field[@name='caseno']"),
            closed,
        )
        for enclosure in entry.findall("table[@name='enclosure']"):
            file_name = text_of(enclosure, "fields/field[@name='filename']")
            if not file_name:
                continue
            enclosure_title = text_of(enclosure, "fields/field[@name='name']")
            refs = [f"{folder}/{_stem(file_name)}.pdf", f"{folder}/{file_name}"]
            refs += _named(folder, enclosure_title, file_name)
            public = text_of(enclosure, "fields/field[@name='access']") == "1"
            sysid = text_of(enclosure, "fields/field[@name='sysid']")
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
