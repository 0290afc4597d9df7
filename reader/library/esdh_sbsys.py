"""What SBSYS's ``PublicationN.xml`` means, as OS2dagsorden's ``os2web_sbsys_esdh`` reads it.

One module per case system, so that each system's element names sit together and a change to
one cannot touch the others.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import PurePosixPath
from typing import Any

from reader.errors import PackageError
from reader.i18n import say
from reader.library.esdh_build import Builder
from reader.library.esdh_xml import attr_of, date_of, text_of


def read_sbsys(root: ET.Element, build: Builder) -> tuple[str, dict[str, Any]]:
    agendas = root.findall("Agendas/Agenda")
    if not agendas:
        raise PackageError(
            say(
                f"{build.xml.origin}: udgivelsen indeholder ingen dagsorden",
                f"{build.xml.origin}: the publication holds no agenda",
            )
        )
    first = agendas[0]
    committee = text_of(first, "Committee/Name")
    name = text_of(first, "Name")
    kind = "minutes" if text_of(root, "PublicationTypeAsValue") == "2" else "agenda"
    meeting_id = attr_of(first.find("Meeting"), "ID") or first.get("ID", "")
    meeting: dict[str, Any] = {
        "id": f"sbsys:{meeting_id}",
        "title": name if name and name != committee else None,
        "start": date_of(text_of(first, "Meeting/When")),
        "end": date_of(text_of(first, "Meeting/Until")),
        "location": text_of(first, "Meeting/Where") or None,
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
            closed = text_of(entry, "IsPublic").casefold() != "true"
            case = text_of(entry, "ItemCaseNumber") or text_of(entry, "Case/Number")
            title = text_of(entry, "Caption")
            number = build.item(text_of(entry, "Number"), title, case, closed)
            key = f"sbsys:item:{entry.get('ID') or number}"
            build.item_pdf(text_of(entry, "PDFDocument"), key, number, title, closed)
            for enclosure in entry.findall("Enclosures/Enclosure"):
                relative = text_of(enclosure, "InstantiationFilePathRelative")
                file_name = text_of(enclosure, "InstantiationFileName")
                if not relative and not file_name:
                    continue
                protected = text_of(enclosure, "IsProtected").casefold() == "true"
                build.document(
                    [build.path(relative or f"Enclosures/{file_name}")],
                    key=f"sbsys:enclosure:{enclosure.get('ID') or relative or file_name}",
                    kind="attachment",
                    title=text_of(enclosure, "Name"),
                    item=number,
                    required=not (closed or protected),
                )
    return committee, meeting
