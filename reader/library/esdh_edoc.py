"""What eDoc's ``eDocAgendaPublishing.xml`` means, as OS2dagsorden's ``os2web_edoc_esdh`` reads it.

One module per case system, so that each system's element names sit together and a change to
one cannot touch the others.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from reader.library.esdh_build import Builder
from reader.library.esdh_xml import attr_of, date_of, text_of

_PUBLIC = "skal publicere"  # eDoc's PublishingType of a public document ("SKAL PUBLICERES")
_CASE_IN_TEXT = re.compile(r"Sagsnr\.?\s*:\s*(\S+)")


def read_edoc(root: ET.Element, build: Builder) -> tuple[str, dict[str, Any]]:
    committee = text_of(root, "Committee")
    start = date_of(text_of(root, "MeetingDate"))
    kind = "minutes" if "referat" in text_of(root, "MeetingState").casefold() else "agenda"
    has_main = False
    for agenda in root.findall("MeetingAgendaTypes/MeetingAgendaType"):
        agenda_type = text_of(agenda, "AgendaType")
        closed_agenda = "lukket" in agenda_type.casefold()
        pdf = text_of(agenda, "PDFDocument")
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
                text_of(doc, "NeutralTitle")
                or text_of(doc, "Title")
                or text_of(doc, "AgendaItems/AgendaItem/Name")
            )
            closed = closed_agenda or _PUBLIC not in text_of(doc, "PublishingType").casefold()
            case = (
                text_of(doc, "CaseLogicIdentifier")
                or text_of(doc, "Case/CaseLogicIdentifier")
                or _case_in(entry.findtext("FullText") or "")
            )
            number = build.item(text_of(entry, "AgendaItemNumber"), title, case, closed)
            pdf = text_of(entry, "PDFDocument")
            key = f"edoc:item:{attr_of(doc, 'documentid') or pdf}"
            build.item_pdf(pdf, key, number, title, closed)
            for attachment in doc.findall("Attachments/Attachment") if doc is not None else []:
                pdf = text_of(attachment, "PDFDocument")
                if not pdf:
                    continue
                public = _PUBLIC in text_of(attachment, "PublishingType").casefold()
                build.document(
                    [build.path(pdf)],
                    key=f"edoc:attachment:{attr_of(attachment, 'attachmentid') or pdf}",
                    kind="attachment",
                    title=text_of(attachment, "NeutralTitle") or text_of(attachment, "Title"),
                    item=number,
                    required=public and not closed,
                )
    meeting: dict[str, Any] = {"id": f"edoc:{committee}:{start}", "start": start, "kind": kind}
    return committee, meeting


def _case_in(full_text: str) -> str:
    """eDoc names an item's case only in its text: ``Sagsnr.: 2012-28504``."""
    found = _CASE_IN_TEXT.search(full_text)
    return found.group(1) if found else ""
