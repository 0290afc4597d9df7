"""Attachments in a folder find the item that lists them, by title or by document number."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from reader.library import Library
from reader.library.importer import import_paths


def _write(path: Path, lines: list[tuple[float, str, float, bool]], title: str = "") -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for y, text, size, bold in lines:
        page.insert_text((60, y), text, fontsize=size, fontname="hebo" if bold else "helv")
    if title:
        doc.set_metadata({"title": title})
    doc.save(path)
    doc.close()


def test_attachments_link_to_the_item_that_lists_them(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "pakke"
    folder.mkdir()
    _write(
        folder / "dagsorden.pdf",
        [
            (80, "Dagsorden", 20, True),
            (100, "Sundheds- og Forebyggelsesudvalget", 14, True),
            (120, "Dato: 04.12.2012 kl. 13:00", 11, False),
            (200, "1. Meddelelser", 12, True),
            (220, "Ingen.", 11, False),
            (260, "2. Bygningsvedligeholdelse 2013", 12, True),
            (290, "Bilag", 11, True),
            (306, "2012-200782 - Bygningsliste og prioriteringssystem", 11, False),
            (360, "3. Rygestopkurser", 12, True),
            (390, "Bilag", 11, True),
            (406, "Bilag 1: Evaluering af rygestopkurser", 11, False),
        ],
    )
    _write(folder / "2012-200782.pdf", [(80, "Liste over bygninger", 11, False)])
    _write(
        folder / "evaluering.pdf",
        [(80, "Evaluering", 11, False)],
        title="Evaluering af rygestopkurser",
    )
    report = import_paths(library, [folder])
    assert not report.errors
    [meeting_id] = report.meetings
    by_file = {d.file_name: d.item_number for d in library.meeting(meeting_id).documents}
    assert by_file == {
        "dagsorden.pdf": None,
        "2012-200782.pdf": "2",
        "evaluering.pdf": "3",
    }
