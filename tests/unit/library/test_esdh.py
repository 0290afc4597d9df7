"""ESDH publications (eDoc, SBSYS, Acadre) import with exactly the items their XML gives.

The eDoc and SBSYS descriptions are real (``tests/data/esdh``); the PDFs beside them are small
stand-ins made here under the names the XML gives. The Acadre publication is built here from
what OS2dagsorden's Acadre importer reads (see ``tests/data/esdh/SOURCES.md``).
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from reader.errors import PackageError
from reader.library import Library
from reader.library.esdh_xml import parse_xml
from reader.library.importer import ImportReport, import_paths
from reader.sync.runner import add_source, sync_sources
from tests.support.compose import ComposeGroup, ComposeItem, ComposeMeeting, compose_pdf_with_layout
from tests.support.consistency import assert_consistent
from tests.support.library_fixtures import agenda_pdf, plain_pdf

DATA = Path(__file__).resolve().parents[2] / "data" / "esdh"

# What eDocAgendaPublishing.xml says, read by hand: number, title, case (from "Sagsnr.:").
EDOC_ITEMS = [
    ("1", "Meddelelser", "2011-29298"),
    ("2", "Bygningsvedligeholdelse 2013 - anlægsbevilling", "2012-28504"),
    ("3", "Kvalitetsstandarder for stof- og alkoholbehandling 2012-2013", "2012-31114"),
    ("4", "Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013", "2012-31673"),
    ("5", "KL's opfølgningsproces vedrørende det nære sundhedsvæsen", "2011-29939"),
    (
        "6",
        "Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre",
        "2012-21786",
    ),
    ("7", "Etablering af aktivitetscenter på Solvej 6 i Ballerup", "2012-28505"),
    ("8", "Evaluering af rygestopkurser", "2010-3082"),
]
EDOC_MINUTES = "1552814.PDF"
EDOC_ITEM_PDFS = {
    "1": "1552824.PDF",
    "2": "1552823.PDF",
    "3": "1552822.PDF",
    "4": "1552826.PDF",
    "5": "1552821.PDF",
    "6": "1552819.PDF",
    "7": "1552817.PDF",
    "8": "1552816.PDF",
}
EDOC_ATTACHMENTS = {  # file: (item, title)
    "1548227.PDF": (
        "1",
        "Redegørelse fra Træning og Aktivitet vedrørende Seniorrådets høringssvar",
    ),
    "1546399.PDF": ("1", "Hvordan udvikler vi det nære sundhedsvæsen sammen?"),
    "1546728.PDF": ("1", "Forebyggelse af ulighed i sundhedsvæsenet"),
    "1537646.PDF": ("2", "Bygningsliste og prioriteringssystem"),
    "1546743.PDF": ("3", "Kvalitetsstandarder for stof- og alkoholbehandling 2013"),
    "1548285.PDF": ("4", "Forslag til takstreduktion aflastningstilbuddet Torvevej 2013"),
    "1548343.PDF": ("5", "KL's proces vedrørende det nære sundhedsvæsen"),
    "1543229.PDF": ("5", "Det nære sundhedsvæsen - KL"),
    "1548303.PDF": ("6", "Prioritering af midler til kronikerindsatser"),
    "1533095.PDF": ("7", "Aktivitetscenter Solvej 6 - Projektbeskrivelse"),
}

SBSYS_32_ITEMS = [
    ("1", "Meddelelser"),
    ("2", "Oplæg til standard it-arbejdsplads for Kommunalbestyrelsens medlemmer i 2014-2018"),
    ("3", "Indførelse af systemet SAPA (Sagsoverblik/Partskontakt)"),
    ("4", "Regler for indkøb af it-udstyr"),
    ("5", "Status på eDagsorden"),
]
SBSYS_553_ITEMS = [
    ("1", "2. behandling af forslag til styrelsesvedtægt – nedsættelse af stående udvalg"),
    ("2", "Anvendelse af beløb til hospitalsudstyr og patientnære arealer"),
    ("3", "Særpublikation og konference om infrastruktur og vækst"),
    (
        "4",
        "Anmodning fra Hans Toft (C) om offentliggørelse af beslutning truffet af Movias "
        "bestyrelse",
    ),
]
SBSYS_553_ENCLOSURE_ITEMS = {**dict.fromkeys(range(1, 7), "1"), 7: "2", 8: "3", 9: "3"}
SBSYS_553_ENCLOSURE_ITEMS |= dict.fromkeys(range(10, 15), "4")


# -- building publications --------------------------------------------------------------------


def edoc_folder(root: Path, xml: bytes | None = None) -> dict[str, int]:
    """The eDoc publication with stand-in PDFs; returns the page each item starts on.

    The minutes PDF shortens the titles, leaves out case numbers and has a ninth item the
    XML does not: the XML must win on all three.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "eDocAgendaPublishing.xml").write_bytes(
        xml if xml is not None else (DATA / "eDocAgendaPublishing.xml").read_bytes()
    )
    items = [
        ComposeItem(
            n,
            title[:24],
            sections=[("Sagsfremstilling", f"Sagen om {title}. " * 30), ("Beslutning", "Ja.")],
        )
        for n, title, _ in EDOC_ITEMS
    ]
    items.append(ComposeItem("9", "Eventuelt", sections=[("Beslutning", "Intet.")]))
    layout = compose_pdf_with_layout(
        ComposeMeeting(
            body="Sundheds- og Forebyggelsesudvalget",
            title="Referat",
            kind="minutes",
            start=datetime(2012, 12, 4, 13, 0),
            location="Ballerup Rådhus",
            groups=[ComposeGroup("", "", items)],
        ),
        root / EDOC_MINUTES,
        style="firstagenda",
    )
    for number, name in EDOC_ITEM_PDFS.items():
        plain_pdf(root / name, f"Punkt {number} alene", "side 2")
    for name, (_, title) in EDOC_ATTACHMENTS.items():
        plain_pdf(root / name, f"Bilag {title}")
    # the share also holds copies under readable names, which the XML does not name
    shutil.copy(root / EDOC_MINUTES, root / "Sundheds- og Forebyggelsesudvalget.pdf")
    return {n: place.page for n, place in ((k[1:], v) for k, v in layout.headings.items())}


def sbsys_folder(
    root: Path, xml_name: str, enclosures: list[int], xml: bytes | None = None
) -> Path:
    """An SBSYS publication folder (``PublicationN/``) with the given enclosure numbers."""
    folder = root / Path(xml_name).stem
    (folder / "Enclosures").mkdir(parents=True, exist_ok=True)
    (folder / xml_name).write_bytes(xml if xml is not None else (DATA / xml_name).read_bytes())
    for n in enclosures:
        plain_pdf(folder / "Enclosures" / f"{n}.pdf", f"Bilag nummer {n}")
    return folder


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, path.relative_to(folder.parent).as_posix())
    return target


def _field(name: str, value: str) -> str:
    return f'<field name="{name}">{value}</field>'


def _enclosure(sysid: str, name: str, file_name: str, access: str) -> str:
    fields = _field("sysid", sysid) + _field("name", name) + _field("access", access)
    fields += _field("filename", file_name) + _field("EnclosureFileType", "." + file_name[-3:])
    return f'<table name="enclosure"><fields>{fields}</fields></table>'


def _acadre_item(sort: str, name: str, case: str, access: str, enclosures: str) -> str:
    accessname = "Åben" if access == "1" else "Lukket"
    fields = _field("name", name) + _field("access", access) + _field("caseno", case)
    fields += _field("accessname", accessname)
    return (
        f'<table name="agendaitemparents"><fields>{_field("sort", sort)}</fields>'
        f'<table name="agendaitem"><fields>{fields}</fields>{enclosures}</table></table>'
    )


def acadre_share(root: Path) -> Path:
    """An Acadre publication as ``XML_42.xml`` beside ``Files_42_9001/``.

    Built from what OS2dagsorden's Acadre importer reads: ``producedAgenda`` entries in
    ``XML_N.xml`` (only a published one counts; ``filesfolder`` and ``xmlfilename`` lead to
    the agenda's own XML), in which ``agendaitemparents`` hold the items (number in
    ``sort``) and their ``enclosure`` tables; a file is found as ``<name before the first
    dot>.PDF``, else under its own name, and regardless of case. The agenda XML is in
    windows-1252, as its header says; the example's layout names one file by its title.
    """
    root.mkdir(parents=True, exist_ok=True)
    produced = (
        '<table name="producedAgenda">'
        '<fields><field sysid="5834"/><field xmlFusionID="8999"/><field xmlfilename="8999.xml"/>'
        '<field docfilename="8998.docx"/><field type="1"/><field access="Åben"/>'
        '<field publish="0"/></fields>'
        '<fields><field sysid="5835"/><field xmlFusionID="9000"/><field xmlfilename="9000.xml"/>'
        '<field docID="9001"/><field docfilename="9001.docx"/><field type="2"/>'
        '<field comment="Referat ØU"/><field access="Åben"/><field publish="1"/>'
        '<field filesfolder="Files_42_9001"/></fields></table>'
    )
    (root / "XML_42.xml").write_text(
        '<root><org>Acadre Produktion</org><table name="agenda"><fields><field name="Referat"/>'
        f'<field sysid="42"/></fields></table>{produced}</root>',
        encoding="utf-8",
    )
    files = root / "Files_42_9001"
    files.mkdir()
    items = _acadre_item(
        "715",
        "Kulturkommune 2017 – politiske fokusområder",
        "12/27845",
        "1",
        _enclosure("27901", "Opsamlingsnotat. Temamøde", "3525829E1.DOCX", "1")
        + _enclosure("27903", "Arbejdsoplæg", "3629343E3.DOCX", "1"),
    )
    items += _acadre_item(
        "716", "Salg af grund", "13/1002", "2", _enclosure("27950", "Bud", "3700001E1.PDF", "2")
    )
    items += _acadre_item(
        "717",
        "Politik for kultur og fritid",
        "09/7328",
        "1",
        _enclosure(
            "27902", "Politik for Kultur og Fritid - Lokalt engagement", "2531342E2.DOC", "1"
        ),
    )
    meeting = (
        _field("sysid", "1721")
        + _field("name", "Ordinært møde – marts")
        + _field("date", "2025-03-12 16:00")
        + _field("finish", "2025-03-12 18:00")
        + _field("location", "Rådhuset, mødelokale 2")
    )
    agenda = (
        '<?xml version="1.0" encoding="windows-1252"?>\r\n<root><table name="agenda"><fields>'
        f"{_field('sysid', '42')}{_field('name', 'Referat')}</fields>"
        f'<table name="committee"><fields>{_field("sysid", "57")}'
        f"{_field('name', 'Økonomiudvalget')}</fields></table></table>"
        f'<table name="meeting"><fields>{meeting}</fields></table>{items}</root>'
    )
    (files / "9000.XML").write_bytes(agenda.encode("windows-1252"))
    compose_pdf_with_layout(
        ComposeMeeting(
            body="Økonomiudvalget",
            title="Referat",
            kind="minutes",
            start=datetime(2025, 3, 12, 16, 0),
            location="Rådhuset, mødelokale 2",
            groups=[
                ComposeGroup(
                    "",
                    "",
                    [
                        ComposeItem("715", "Kulturkommune 2017", sections=[("Beslutning", "Ja.")]),
                        ComposeItem("717", "Kulturpolitik", sections=[("Beslutning", "Ja.")]),
                    ],
                )
            ],
        ),
        files / "9001.pdf",
        style="firstagenda",
    )
    (files / "9001.docx").write_bytes(b"PK\x03\x04 word")
    plain_pdf(files / "3525829E1.PDF", "Opsamlingsnotat")
    (files / "3629343E3.DOCX").write_bytes(b"PK\x03\x04 word")
    plain_pdf(files / "Politik for Kultur og Fritid - Lokalt engagement.pdf", "Kulturpolitik")
    return root


# -- reading what was imported ---------------------------------------------------------------


def _items(lib: Library, meeting_id: int) -> list[tuple[str, str, str | None, bool]]:
    return [(it.number, it.title, it.case, it.closed) for it in lib.items(meeting_id)]


def _attachments(lib: Library, meeting_id: int) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for doc in lib.meeting(meeting_id).documents:
        if doc.kind == "attachment":
            found.setdefault(doc.item_number or "", set()).add(doc.title)
    return found


def _only_meeting(lib: Library, report: ImportReport) -> int:
    assert report.errors == []
    [meeting] = lib.meetings()
    return meeting.id


def _empty(lib: Library) -> bool:
    counts = lib.counts()
    return counts["meetings"] == counts["documents"] == 0 and not any(lib.paths.files.rglob("*"))


# -- eDoc --------------------------------------------------------------------------------------


def test_edoc_folder_imports_exactly_the_items_of_its_xml(library: Library, tmp_path: Path) -> None:
    pages = edoc_folder(tmp_path / "04-12-2012 13:00:00")
    report = import_paths(library, [tmp_path / "04-12-2012 13:00:00"])
    meeting_id = _only_meeting(library, report)
    meeting = library.meeting(meeting_id)
    assert (meeting.body, meeting.kind, meeting.start) == (
        "Sundheds- og Forebyggelsesudvalget",
        "minutes",
        "2012-12-04T13:00:00",
    )
    assert meeting.title == "Referat – Sundheds- og Forebyggelsesudvalget 04-12-2012"
    assert _items(library, meeting_id) == [(n, t, c, False) for n, t, c in EDOC_ITEMS]
    [minutes] = [d for d in meeting.documents if d.kind == "minutes"]
    assert minutes.file_name == EDOC_MINUTES
    for it in library.items(meeting_id):  # placed in the minutes where its parse found them
        assert (it.document_id, it.page_start) == (minutes.id, pages[it.number])
    expected: dict[str, set[str]] = {}
    for number, title in EDOC_ATTACHMENTS.values():
        expected.setdefault(number, set()).add(title)
    for number, title, _ in EDOC_ITEMS:
        expected.setdefault(number, set()).add(f"Punkt {number}: {title}")
    assert _attachments(library, meeting_id) == expected
    assert any("Sundheds- og Forebyggelsesudvalget.pdf (ikke nævnt i" in s for s in report.skipped)
    assert not any(s.endswith("eDocAgendaPublishing.xml") for s in report.skipped)
    assert report.new_documents == 1 + len(EDOC_ITEM_PDFS) + len(EDOC_ATTACHMENTS)
    assert_consistent(library)


def test_reimporting_a_publication_changes_nothing(library: Library, tmp_path: Path) -> None:
    edoc_folder(tmp_path / "edoc")
    sbsys = zip_folder(sbsys_folder(tmp_path, "Publication32.xml", [1]), tmp_path / "p32.zip")
    import_paths(library, [tmp_path / "edoc", sbsys])
    before = (library.counts(), library.last_event(), [m.to_json() for m in library.meetings()])
    items = {m.id: library.items(m.id) for m in library.meetings()}
    again = import_paths(library, [tmp_path / "edoc", sbsys])
    assert (again.new_documents, again.new_versions, again.errors) == (0, 0, [])
    assert again.unchanged == 1 + len(EDOC_ITEM_PDFS) + len(EDOC_ATTACHMENTS) + 1
    assert (library.counts(), library.last_event(), [m.to_json() for m in library.meetings()]) == (
        before
    )
    assert {m.id: library.items(m.id) for m in library.meetings()} == items
    assert_consistent(library)


def test_a_closed_item_keeps_its_flag_and_needs_no_public_pdf(
    library: Library, tmp_path: Path
) -> None:
    xml = (DATA / "eDocAgendaPublishing.xml").read_bytes()
    at = xml.index(b'documentid="2003026400"')  # item 8's document
    at = xml.index(b"<PublishingType>SKAL PUBLICERES</PublishingType>", at)
    xml = xml[:at] + b"<PublishingType>PUBLICERES IKKE</PublishingType>" + xml[at + 48 :]
    edoc_folder(tmp_path / "edoc", xml)
    (tmp_path / "edoc" / EDOC_ITEM_PDFS["8"]).unlink()
    meeting_id = _only_meeting(library, import_paths(library, [tmp_path / "edoc"]))
    items = _items(library, meeting_id)
    assert [it[0] for it in items] == [n for n, _, _ in EDOC_ITEMS]
    assert [it[3] for it in items] == [False] * 7 + [True]
    assert "8" not in _attachments(library, meeting_id)


# -- SBSYS -------------------------------------------------------------------------------------


@pytest.mark.parametrize("packed", [True, False], ids=["zip", "folder"])
def test_sbsys_publication_imports_from_a_zip_or_a_folder(
    library: Library, tmp_path: Path, packed: bool
) -> None:
    folder = sbsys_folder(tmp_path / "share", "Publication32.xml", [1])
    source = zip_folder(folder, tmp_path / "Publication32.zip") if packed else folder
    meeting_id = _only_meeting(library, import_paths(library, [source]))
    meeting = library.meeting(meeting_id)
    assert (meeting.body, meeting.kind, meeting.start, meeting.end, meeting.location) == (
        "KMB IT-udvalget",
        "agenda",
        "2013-05-15T16:30:00",
        "2013-05-15T18:00:00",
        "Mødecenter A, Lokale 3 på Ballerup Rådhus",
    )
    assert meeting.title == "Dagsorden – KMB IT-udvalget 15-05-2013"
    assert _items(library, meeting_id) == [(n, t, None, False) for n, t in SBSYS_32_ITEMS]
    assert _attachments(library, meeting_id) == {
        "3": {"Brev fra KL til Kommunalbestyrelsen vedr Monopolbrud"}
    }
    assert all(it.page_start is None for it in library.items(meeting_id))  # no agenda PDF
    assert_consistent(library)


def test_sbsys_enclosures_go_to_the_items_the_xml_names(library: Library, tmp_path: Path) -> None:
    folder = sbsys_folder(tmp_path, "Publication553.xml", list(range(1, 15)))
    meeting_id = _only_meeting(library, import_paths(library, [folder]))
    meeting = library.meeting(meeting_id)
    assert (meeting.body, meeting.title, meeting.start, meeting.location) == (
        "FORRETNINGSUDVALGET",
        "Ekstraordinært forretningsudvalgsmøde",
        "2012-09-25T15:30:00",
        "H2",
    )
    assert _items(library, meeting_id) == [(n, t, None, False) for n, t in SBSYS_553_ITEMS]
    by_file = {d.file_name: d.item_number for d in meeting.documents}
    assert by_file == {f"{n}.pdf": item for n, item in SBSYS_553_ENCLOSURE_ITEMS.items()}
    titles = {d.file_name: d.title for d in meeting.documents}
    assert titles["12.pdf"].startswith("Ikke offentliggjort - Bilag 2 til sag nr. 3")


def test_the_minutes_publication_of_a_meeting_takes_over_from_its_agenda(
    library: Library, tmp_path: Path
) -> None:
    """SBSYS publishes the agenda and later the minutes of one meeting (same meeting ID)."""
    agenda = (DATA / "Publication32.xml").read_bytes()
    minutes = agenda.replace(
        b"<PublicationTypeAsValue><![CDATA[1]]>", b"<PublicationTypeAsValue><![CDATA[2]]>"
    ).replace(b"<![CDATA[Status p\xc3\xa5 eDagsorden]]>", b"<![CDATA[Status p\xc3\xa5 referatet]]>")
    assert minutes.count(b"referatet") == 1
    # whatever the numbers say, the minutes are read last
    sbsys_folder(tmp_path / "share", "Publication9.xml", [1], minutes)
    sbsys_folder(tmp_path / "share", "Publication40.xml", [1], agenda)
    meeting_id = _only_meeting(library, import_paths(library, [tmp_path / "share"]))
    assert library.meeting(meeting_id).kind == "minutes"
    titles = [t for _, t, _, _ in _items(library, meeting_id)]
    assert titles == [t for _, t in SBSYS_32_ITEMS[:4]] + ["Status på referatet"]


# -- Acadre ------------------------------------------------------------------------------------


def test_acadre_publication_imports_with_its_items_and_closed_flags(
    library: Library, tmp_path: Path
) -> None:
    report = import_paths(library, [acadre_share(tmp_path / "acadre")])
    meeting_id = _only_meeting(library, report)
    meeting = library.meeting(meeting_id)
    assert (meeting.body, meeting.title, meeting.kind, meeting.start, meeting.end) == (
        "Økonomiudvalget",
        "Ordinært møde – marts",
        "minutes",
        "2025-03-12T16:00:00",
        "2025-03-12T18:00:00",
    )
    assert meeting.location == "Rådhuset, mødelokale 2"
    assert _items(library, meeting_id) == [
        ("715", "Kulturkommune 2017 – politiske fokusområder", "12/27845", False),
        ("716", "Salg af grund", "13/1002", True),
        ("717", "Politik for kultur og fritid", "09/7328", False),
    ]
    assert _attachments(library, meeting_id) == {
        "715": {"Opsamlingsnotat. Temamøde"},
        "717": {"Politik for Kultur og Fritid - Lokalt engagement"},
    }
    [minutes] = [d for d in meeting.documents if d.kind == "minutes"]
    assert minutes.file_name == "9001.pdf"
    placed = {it.number: (it.document_id, it.page_start) for it in library.items(meeting_id)}
    assert placed["716"] == (None, None)  # closed, not in the public minutes
    assert placed["715"][0] == placed["717"][0] == minutes.id
    assert any("3629343E3.DOCX (ikke en PDF)" in s for s in report.skipped)
    assert_consistent(library)


# -- what must not import ----------------------------------------------------------------------


def _billion_laughs(root: Path) -> Path:
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    folder = root / "Publication1"
    folder.mkdir(parents=True)
    (folder / "Publication1.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE Publication [{lol}]><Publication>&lol9;</Publication>'
    )
    plain_pdf(folder / "Enclosures" / "1.pdf", "Bilag")
    return folder


def _malformed(root: Path) -> Path:
    edoc_folder(root / "edoc", (DATA / "eDocAgendaPublishing.xml").read_bytes()[:200_000])
    return root / "edoc"


def _missing_file(root: Path) -> Path:
    return sbsys_folder(root, "Publication553.xml", [1, 2, 14])  # as the real zip holds it


def _outside(root: Path) -> Path:
    xml = (
        (DATA / "Publication32.xml")
        .read_bytes()
        .replace(b"<![CDATA[Enclosures\\1.pdf]]>", b"<![CDATA[..\\secret.pdf]]>")
    )
    plain_pdf(root / "secret.pdf", "Ikke til import")
    return zip_folder(sbsys_folder(root / "pkg", "Publication32.xml", [1], xml), root / "p.zip")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_malformed, "eDocAgendaPublishing.xml: ikke gyldig XML"),
        (_billion_laughs, "Publication1.xml: afvist, den erklærer en DTD eller entiteter"),
        (_missing_file, "Publication553.xml: nævner 'Enclosures/3.pdf', som ikke er i"),
        (_outside, "Publication32.xml: filen '../secret.pdf', den nævner, ligger uden for"),
    ],
    ids=["malformed", "entity-bomb", "missing-file", "outside"],
)
def test_a_broken_publication_is_one_error_line_and_nothing_written(
    library: Library, tmp_path: Path, make: object, message: str
) -> None:
    assert callable(make)
    source = make(tmp_path)
    report = import_paths(library, [source])
    assert len(report.errors) == 1, report.errors
    [error] = report.errors
    assert message in error and "\n" not in error
    assert _empty(library)


def test_one_broken_publication_in_a_share_costs_only_itself(
    library: Library, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    sbsys_folder(share, "Publication553.xml", [1, 2, 14])
    sbsys_folder(share, "Publication32.xml", [1])
    report = import_paths(library, [share])
    assert len(report.errors) == 1 and "Publication553.xml" in report.errors[0]
    [meeting] = library.meetings()
    assert meeting.body == "KMB IT-udvalget"
    assert {d.file_name for d in meeting.documents} == {"1.pdf"}  # not 553's enclosures


def test_xml_named_like_a_publication_but_not_one_leaves_the_pdfs_as_they_were(
    library: Library, tmp_path: Path
) -> None:
    agenda_pdf(tmp_path / "pkg" / "dagsorden.pdf")
    (tmp_path / "pkg" / "Publication7.xml").write_text("<Settings><Theme>dark</Theme></Settings>")
    report = import_paths(library, [tmp_path / "pkg"])
    meeting_id = _only_meeting(library, report)
    assert [it.number for it in library.items(meeting_id)] == ["1", "1.1", "2", "2.1", "2.2"]
    mentions = [s for s in report.skipped if "Publication7.xml" in s]
    assert [m.split(":", 1)[1] for m in mentions] == [
        "Publication7.xml (ikke en dagsordensudgivelse)"
    ]


# -- reading XML -------------------------------------------------------------------------------

_TEXT = "Kørsel og æbler, ÆØÅ"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "windows-1252", "iso-8859-1", "utf-16"])
def test_xml_is_read_in_the_encoding_its_header_declares(encoding: str) -> None:
    declared = {"utf-8-sig": "utf-8", "utf-16": "UTF-16"}.get(encoding, encoding)
    text = f'<?xml version="1.0" encoding="{declared}"?>\n<a>{_TEXT} &#xC;side 2</a>'
    assert parse_xml(text.encode(encoding), "a.xml").text == f"{_TEXT}  side 2"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('<?xml version="1.0"?><a>Kørsel</a>'.encode("windows-1252"), "ikke gyldig utf-8-tekst"),
        (b'<?xml version="1.0" encoding="x-klingon"?><a/>', "ukendt tegnkodning 'x-klingon'"),
        (b'<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>', "afvist, den erklærer en DTD"),
        (b"<a><b></a>", "ikke gyldig XML (mismatched tag: line 1, column 8)"),
    ],
)
def test_unreadable_xml_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(PackageError) as raised:
        parse_xml(data, "pub/Publication1.xml")
    assert str(raised.value).startswith(f"pub/Publication1.xml: {message}")


# -- a publication share as a folder source ----------------------------------------------------


def test_folder_source_syncs_a_publication_share_with_exactly_the_xml_items(
    library: Library, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    edoc_folder(share / "04-12-2012 13:00:00")
    sbsys_folder(share, "Publication32.xml", [1])
    acadre_share(share)
    agenda_pdf(share / "andet" / "dagsorden.pdf")  # a loose agenda beside the publications
    add_source(library, "esdh", str(share), "folder")
    [first] = sync_sources(library).sources
    assert (first.failed, first.errors, first.meetings) == (0, [], 4)
    by_body = {m.body: m.id for m in library.meetings()}
    assert _items(library, by_body["Sundheds- og Forebyggelsesudvalget"]) == [
        (n, t, c, False) for n, t, c in EDOC_ITEMS
    ]
    assert _items(library, by_body["KMB IT-udvalget"]) == [
        (n, t, None, False) for n, t in SBSYS_32_ITEMS
    ]
    assert [it[0] for it in _items(library, by_body["Økonomiudvalget"])] == ["715", "716", "717"]
    assert [it[0] for it in _items(library, by_body["KKR Testegnen"])] == [
        "1",
        "1.1",
        "2",
        "2.1",
        "2.2",
    ]
    assert all(m.removed is False for m in library.meetings())
    [second] = sync_sources(library).sources
    assert (second.new, second.changed, second.unchanged) == (0, 0, 1)
    assert_consistent(library)
