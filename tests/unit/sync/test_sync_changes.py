"""What a second sync tells the member, against real servers on 127.0.0.1: new and changed
documents, documents withdrawn upstream (marked, kept, and unmarked when they return),
OParl papers that change on their own, and the member's corrections kept across syncs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.followers import catch_up
from reader.library import Library
from reader.sync.feed import MANIFEST_NAME, publish
from reader.sync.report import SourceReport
from reader.sync.runner import add_source, sync_sources
from tests.support.consistency import assert_consistent
from tests.support.feeds import make_source, serve_feed
from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.oparl_fixtures import OparlSite
from tests.support.sync_server import Server, serve

FAST = {"backoff": 0.01, "timeout": 2.0, "retries": 2}
DAY3 = "2026-02-03T09:30:00"
DAY10 = "2026-02-10T09:30:00"


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


def sync(lib: Library) -> SourceReport:
    [report] = sync_sources(lib, engine_options=FAST).sources
    assert not report.fatal, report.errors
    return report


def republish(server: Server, src: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    publish(src, out)
    server.routes.clear()
    serve_feed(server, out)


def publishing(lib: Library, server: Server, tmp_path: Path) -> tuple[Path, Path]:
    """The test meetings published as a feed on ``server``, added as the library's source:
    the folder they are made in, and where they are published (``republish`` after edits)."""
    src = make_source(tmp_path)
    out = tmp_path / "out"
    republish(server, src, out)
    add_source(lib, "kkr", server.url("/feed/"), "feed")
    return src, out


def by_start(lib: Library, **kw: Any) -> dict[str, Any]:
    return {str(m.start): m for m in lib.meetings(**kw)}


def test_a_second_sync_counts_new_and_changed_and_the_news_lists_exactly_them(
    library: Library, server: Server, tmp_path: Path
) -> None:
    src, out = publishing(library, server, tmp_path)
    first = sync(library)
    assert (first.new, first.changed) == (4, 0)
    # after the first sync, all it brought is new; read one document of it
    assert {e.what for e in library.whats_new()} == {"new"} and len(library.whats_new()) == 4
    day3 = by_start(library)[DAY3]
    agenda3 = next(d for d in day3.documents if d.kind == "agenda")
    library.mark_read(agenda3.id)

    # the agenda of the 3rd re-issued, a new attachment on the 10th
    agenda_pdf(src / "m3" / "dagsorden.pdf", day=3, extra="Rettet efter udsendelse.")
    plain_pdf(src / "m10" / "Budget.pdf", "Budgetoverslag")
    republish(server, src, out)
    second = sync(library)
    assert (second.new, second.changed, second.removed_documents) == (1, 1, 0)
    news = library.whats_new()
    assert sorted((e.what, e.meeting.start, e.document.title) for e in news) == [
        ("new", DAY10, "Budgetoverslag"),
        ("updated", DAY3, agenda3.title),
    ]
    badges = library.badges()
    assert badges.documents[agenda3.id].changed  # read at version 1, now at version 2
    assert badges.meetings[day3.id].to_json() == {"new": 0, "changed": 1, "unread": 1}
    day10 = by_start(library)[DAY10]
    assert badges.meetings[day10.id].to_json() == {"new": 1, "changed": 0, "unread": 3}

    third = sync(library)  # nothing changed: nothing is new any more
    assert (third.new, third.changed, third.unchanged) == (0, 0, 2)
    assert library.whats_new() == []
    runs = library.conn.execute("SELECT new, changed FROM sync_runs ORDER BY id").fetchall()
    assert [tuple(r) for r in runs] == [(4, 0), (1, 1), (0, 0)]
    assert_consistent(library)


def test_a_document_withdrawn_upstream_is_marked_kept_and_unmarked_when_it_returns(
    library: Library, server: Server, tmp_path: Path
) -> None:
    src, out = publishing(library, server, tmp_path)
    sync(library)
    bilag = next(d for d in by_start(library)[DAY3].documents if d.kind == "attachment")
    files = sorted(library.paths.files.rglob("*.pdf"))

    saved = tmp_path / "saved.pdf"
    shutil.move(src / "m3" / "Evaluering af piloten.pdf", saved)
    republish(server, src, out)
    report = sync(library)
    assert (report.removed_documents, report.removed, report.new) == (1, 0, 0)
    meeting = by_start(library)[DAY3]
    assert not meeting.removed
    [gone] = [d for d in meeting.documents if d.id == bilag.id]
    assert gone.removed and gone.to_json()["removed"] is True
    assert all(not d.removed for d in meeting.documents if d.id != bilag.id)
    assert sorted(library.paths.files.rglob("*.pdf")) == files  # its file is kept
    assert library.page_text(bilag.id, 1).startswith("Evaluering")
    assert [(e.what, e.document.id) for e in library.whats_new()] == [("removed", bilag.id)]
    assert sync(library).removed_documents == 0  # marked once

    shutil.move(saved, src / "m3" / "Evaluering af piloten.pdf")
    republish(server, src, out)
    back = sync(library)
    assert (back.restored_documents, back.new, back.changed) == (1, 0, 0)
    assert not library.document(bilag.id).removed
    assert_consistent(library)


def test_a_meeting_read_in_part_marks_nothing_removed(
    library: Library, server: Server, tmp_path: Path
) -> None:
    _src, out = publishing(library, server, tmp_path)
    sync(library)
    # the attachment is still listed, but with an address that cannot be used, and the
    # meeting changed otherwise: its list of documents is not whole, so nothing is gone
    import json

    manifest = json.loads((out / MANIFEST_NAME).read_text())
    meeting = next(m for m in manifest["meetings"] if m["start"] == DAY3)
    attachment = next(d for d in meeting["documents"] if d["kind"] == "attachment")
    attachment["href"] = "../elsewhere.pdf"
    meeting["revision"] = "changed"
    server.json("/feed/" + MANIFEST_NAME, manifest)
    report = sync(library)
    assert report.failed == 1 and report.removed_documents == 0
    assert not any(d.removed for m in library.meetings() for d in m.documents)
    # a feed that cannot be fetched at all marks nothing either
    server.routes.clear()
    [failed] = sync_sources(library, engine_options=FAST).sources
    assert failed.fatal and failed.removed_documents == 0 and failed.removed == 0
    assert not any(d.removed or m.removed for m in library.meetings() for d in m.documents)


def test_corrections_and_removals_survive_resyncs(
    library: Library, server: Server, tmp_path: Path
) -> None:
    src, out = publishing(library, server, tmp_path)
    sync(library)
    day3, day10 = by_start(library)[DAY3], by_start(library)[DAY10]
    library.edit_meeting(day3.id, body="Regionsrådet", title="Rettet titel", kind="minutes")
    library.edit_meeting(day3.id, start="2026-02-04T13:00")
    library.remove_meeting(day10.id)
    catch_up(library)

    # both meetings change at the source, so both are imported again
    agenda_pdf(src / "m3" / "dagsorden.pdf", day=3, extra="Ny tekst 3.")
    agenda_pdf(src / "m10" / "dagsorden.pdf", day=10, extra="Ny tekst 10.")
    republish(server, src, out)
    report = sync(library)
    assert report.changed == 2
    [shown] = library.meetings()
    assert (shown.id, shown.body, shown.title, shown.kind, shown.start) == (
        day3.id,
        "Regionsrådet",
        "Rettet titel",
        "minutes",
        "2026-02-04T13:00:00",
    )
    assert set(shown.edited) == {"body", "kind", "title", "start"}
    hidden = library.meeting(day10.id)
    assert hidden.hidden and not hidden.removed
    assert [d.version for d in hidden.documents if d.kind == "agenda"] == [2]
    # a meeting gone from the source and back again stays as the member left it
    shutil.rmtree(src / "m10")
    republish(server, src, out)
    assert sync(library).removed == 1
    assert library.meetings() == [library.meeting(day3.id)]
    library.restore_meeting(day10.id)
    assert {m.id for m in library.meetings()} == {day3.id, day10.id}
    assert library.meeting(day10.id).removed  # withdrawn at the source: shown struck through
    assert_consistent(library)


# -- OParl: papers followed by their own ``modified`` -----------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Iterator[OparlSite]:
    for server in serve():
        yield OparlSite(server, tmp_path)


def test_a_paper_that_changes_alone_is_fetched_and_its_withdrawn_files_marked(
    library: Library, site: OparlSite, tmp_path: Path
) -> None:
    server = site.server
    add_source(library, "amtzell", server.url("/oparl/"), "oparl")
    sync(library)
    sync(library)  # incremental from here on
    meeting = by_start(library)["2019-02-18T19:00:00"]
    before = {d.title for d in meeting.documents}
    consulted = {  # the paper its item 4 consults, as the sync recorded it
        r["remote_id"].rsplit("/", 1)[1]
        for r in library.conn.execute(
            """SELECT sp.remote_id FROM sync_parts sp JOIN sync_meetings sm
               ON sm.remote_id = sp.meeting_remote_id WHERE sm.meeting_id = ?""",
            (meeting.id,),
        )
    }
    [paper] = consulted
    modified = {mid: m["modified"] for mid, m in site.meetings.items()}
    site.add_paper_file(paper, plain_pdf(tmp_path / "ny.pdf", "Ergänzungsvorlage"), "Ergänzung")
    assert {mid: m["modified"] for mid, m in site.meetings.items()} == modified
    files = server.file_gets()
    report = sync(library)
    assert (report.new, report.changed, report.removed_documents) == (1, 0, 0)
    assert server.file_gets() == files + 1  # the new file only
    meeting = library.meeting(meeting.id)
    assert {d.title for d in meeting.documents} == before | {"Ergänzung"}
    assert [e.document.title for e in library.whats_new()] == ["Ergänzung"]
    assert sync(library).new == 0  # once

    site.drop_paper_files(paper)  # its auxiliary files: the new one and one it had before
    report = sync(library)
    assert report.removed_documents == 2
    meeting = library.meeting(meeting.id)
    withdrawn = {d.title for d in meeting.documents if d.removed}
    assert "Ergänzung" in withdrawn and len(withdrawn) == 2 and len(meeting.documents) == 3
    assert_consistent(library)


# -- a folder ---------------------------------------------------------------------------------


def test_a_file_gone_from_a_folder_source_is_marked_and_unmarked_when_back(
    library: Library, tmp_path: Path
) -> None:
    src = make_source(tmp_path)
    add_source(library, "mappe", str(src / "m3"), "folder")
    first = sync(library)
    assert first.new == 2
    bilag = next(d for d in by_start(library)[DAY3].documents if d.kind == "attachment")
    saved = tmp_path / "saved.pdf"
    shutil.move(src / "m3" / "Evaluering af piloten.pdf", saved)
    report = sync(library)
    assert (report.removed_documents, report.new) == (1, 0)
    assert library.document(bilag.id).removed
    shutil.move(saved, src / "m3" / "Evaluering af piloten.pdf")
    back = sync(library)
    assert back.restored_documents == 1 and not library.document(bilag.id).removed
