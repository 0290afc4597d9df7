"""Agendas and their re-issues for the change-set tests: real PDFs in the KKR layout (running
footer ``KKR Hovedstaden | date`` and ``SIDE | n``), imported into a real library."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.library import Library
from reader.library.importer import import_paths
from tests.support.agenda_fixtures import kkr_meeting
from tests.support.compose import ComposeItem, ComposeMeeting, compose_pdf

Edit = Callable[[ComposeMeeting], None]


def agenda() -> ComposeMeeting:
    """The KKR agenda (about 30 pages, groups of items, sections, footers)."""
    return kkr_meeting("agenda")


def item(meeting: ComposeMeeting, number: str) -> ComposeItem:
    return next(it for g in meeting.groups for it in g.items if it.number == number)


def reissued(
    edit: Edit, base: ComposeMeeting | None = None
) -> tuple[ComposeMeeting, ComposeMeeting]:
    """The agenda and a copy changed by ``edit``."""
    v1 = base or agenda()
    v2 = copy.deepcopy(v1)
    edit(v2)
    return v1, v2


def import_versions(lib: Library, tmp_path: Path, *meetings: ComposeMeeting, **options: Any) -> int:
    """Import each meeting as the next version of one agenda; returns the document id."""
    for n, meeting in enumerate(meetings, 1):
        folder = tmp_path / f"v{n}"
        folder.mkdir(parents=True, exist_ok=True)
        path = compose_pdf(meeting, folder / "dagsorden.pdf", toc=False, **options)
        report = import_paths(lib, [path])
        assert report.errors == []
    [meeting_row] = lib.meetings()
    return next(d.id for d in meeting_row.documents if d.kind != "attachment")


def page_slice(lib: Library, version_id: int, page: int, start: int, end: int) -> str:
    """What a version's stored page text holds at ``[start, end)``."""
    row = lib.conn.execute(
        "SELECT text FROM page_texts WHERE version_id = ? AND page = ?", (version_id, page)
    ).fetchone()
    return str(row["text"])[start:end]


def one_page_item(number: str) -> ComposeItem:
    """A new item of about one page of text."""
    words = "Ny sag om fælles indkøb af el til de kommunale bygninger i hele kredsen. "
    new = ComposeItem(number, "Ny sag om fælles indkøb af el")
    new.sections = [("Sagsfremstilling", "\n\n".join(words * 4 for _ in range(14)))]
    return new
