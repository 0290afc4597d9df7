"""Syncing from an OParl server built from tests/data/oparl (spec examples, Amtzell data)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from reader.library import Library
from reader.sync.runner import add_source, sync_sources
from tests.support.consistency import assert_consistent
from tests.support.oparl_fixtures import OparlSite
from tests.support.sync_server import Server, serve

FAST = {"backoff": 0.01, "timeout": 2.0}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[OparlSite]:
    for server in serve():
        yield OparlSite(server, tmp_path)


def _by_start(lib: Library) -> dict[str, int]:
    return {str(m.start): m.id for m in lib.meetings()}


def test_oparl_first_sync_brings_meetings_items_and_files(
    library: Library, site: OparlSite
) -> None:
    add_source(library, "amtzell", site.server.url("/oparl/"), "oparl")
    [report] = sync_sources(library, engine_options=FAST).sources
    assert not report.fatal
    assert (report.new, report.changed, report.removed) == (4, 0, 0)
    # what the server could not give is reported, not fatal: a stray string in the meeting
    # list, a consultation the spec example points to that does not exist
    assert any("har intet id" in e for e in report.errors)
    assert any("consultation/1034" in e for e in report.errors)
    meetings = {m.start: m for m in library.meetings()}
    gr = meetings["2019-02-18T19:00:00"]
    assert (gr.body, gr.title, gr.location) == (
        "Gemeinderat",
        "Gemeinderat",
        "Amtzell, Sitzungssaal des Rathauses",
    )
    [item] = library.items(gr.id)
    assert (item.number, item.case) == ("4", "002/2019")
    assert item.title.startswith("@mtzell digital")
    assert sorted((d.title, d.item_number) for d in gr.documents) == [
        ("Digitalisierungsstrategie Amtzell", "4"),
        ("Vorlage", "4"),
    ]
    # the spec's example meeting: the organisation's name as body, its invitation an agenda
    # whose structure the PDF gives; the one file reused four times is stored once
    ex = meetings["2013-01-04T08:00:00"]
    assert ex.body == "Finanzausschuss" and ex.title == "4. Sitzung des Finanzausschusses"
    assert [(d.kind, d.title) for d in ex.documents] == [("agenda", "Einladung")]
    assert [i.number for i in library.items(ex.id)] == ["1", "1.1", "2", "2.1", "2.2"]
    assert_consistent(library)


def test_oparl_incremental_sync_uses_modified_since_and_honours_deleted(
    library: Library, site: OparlSite
) -> None:
    server: Server = site.server
    add_source(library, "amtzell", server.url("/oparl/"), "oparl")
    sync_sources(library, engine_options=FAST)
    before = _by_start(library)
    files = server.file_gets()
    mark = len(server.hits)
    [quiet] = sync_sources(library, engine_options=FAST).sources
    assert (quiet.new, quiet.changed, quiet.removed) == (0, 0, 0)
    assert server.file_gets() == files  # a second sync downloads no file
    lists = [h for h in server.hits[mark:] if "/meetings/" in h.path]
    assert lists and all("modified_since" in parse_qs(urlsplit(h.path).query) for h in lists)
    assert [h.status for h in server.hits[mark:] if h.path in ("/oparl/", "/oparl/bodies")] == [
        304,
        304,
    ]

    site.update()  # meine-stadt-transparent's "after": 55 deleted, 25 new, 40 has a new item
    [report] = sync_sources(library, engine_options=FAST).sources
    assert report.removed == 1
    assert [e for e in report.errors if "har intet id" not in e] == []  # only the stray string
    assert report.new == 1  # the new item's paper file; meeting 25 has no files yet
    after = {m.start: m for m in library.meetings()}
    deleted = after["2019-02-18T19:00:00"]
    assert deleted.removed and deleted.id == before["2019-02-18T19:00:00"]
    assert len(deleted.documents) == 2  # kept, with whatever the user wrote on them
    assert after["2017-11-27T18:30:00"].removed is False  # the new meeting, items only
    changed = after["2018-07-02T19:00:00"]
    assert [i.number for i in library.items(changed.id)] == ["3", "7"]
    assert {(d.title, d.item_number, d.version) for d in changed.documents} == {
        ("Vorlage", "3", 1),
        ("Vorlage", "7", 1),
    }
    assert_consistent(library)


def test_oparl_meeting_list_that_fails_midway_removes_nothing(
    library: Library, site: OparlSite
) -> None:
    server = site.server
    add_source(library, "amtzell", server.url("/oparl/"), "oparl")
    sync_sources(library, engine_options=FAST)
    # forget the cursor: a full listing again, whose second page the server cannot give
    library.conn.execute("UPDATE sync_state SET cursor = NULL")
    original = server.routes["/oparl/body/0/meetings/"]

    def broken(handler):  # type: ignore[no-untyped-def]
        if "page=1" in handler.path:
            from tests.support.sync_server import Reply

            return Reply(404, b"gone")
        return original(handler)  # type: ignore[operator]

    server.routes["/oparl/body/0/meetings/"] = broken
    [report] = sync_sources(library, engine_options=FAST).sources
    assert report.removed == 0 and not report.fatal
    assert not any(m.removed for m in library.meetings())
    state = library.conn.execute("SELECT cursor FROM sync_state").fetchone()
    assert state["cursor"] is None  # not advanced: the next sync lists everything again


def test_unreachable_oparl_system_fails_the_source(library: Library, tmp_path: Path) -> None:
    for server in serve():
        server.json("/oparl/", ["not", "a", "system"])
        add_source(library, "kaputt", server.url("/oparl/"), "oparl")
        [report] = sync_sources(library, engine_options=FAST).sources
        assert report.fatal and "System" in report.errors[0]
