"""Recognising a source's kind, testing its connection, and telling offline apart, against
real servers on 127.0.0.1; and editing a source."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.i18n import set_language
from reader.library import Library
from reader.sync.feed import publish
from reader.sync.probe import guess_kind, probe, reachable
from reader.sync.runner import add_source, edit_source, list_sources
from reader.sync.source import Source
from tests.support.feeds import make_source, serve_feed
from tests.support.oparl_fixtures import OparlSite
from tests.support.sync_server import Reply, Server, serve


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends


def test_the_kind_is_recognised_from_the_address_where_it_says(tmp_path: Path) -> None:
    assert guess_kind("https://dagsorden.firstagenda.com/kommune") == "firstagenda"
    assert guess_kind("https://example.dk/udvalg/moedemappe-feed.json") == "feed"
    assert guess_kind("https://ris.example.dk/oparl/v1/system") == "oparl"
    assert guess_kind(str(tmp_path)) == "folder"
    assert guess_kind(str(tmp_path / "missing")) is None
    assert guess_kind("https://example.dk/moeder/") is None  # only the server can tell
    assert guess_kind("") is None


def test_probe_finds_a_feed_and_an_oparl_server_by_their_answers(
    server: Server, tmp_path: Path
) -> None:
    publish(make_source(tmp_path), tmp_path / "out")
    feed_url = serve_feed(server, tmp_path / "out")
    OparlSite(server, tmp_path / "oparl")
    found = probe(feed_url)
    assert (found.ok, found.kind) == (True, "feed")
    assert "2 møder" in found.message
    oparl = probe(server.url("/oparl/"))
    assert (oparl.ok, oparl.kind) == (True, "oparl")
    nothing = probe(server.url("/nothing/"))
    assert not nothing.ok and nothing.kind is None and not nothing.offline
    assert "hverken" in nothing.message


def test_probe_sends_the_typed_credentials_and_says_when_they_are_refused(
    server: Server,
) -> None:
    def guarded(handler: object) -> Reply:
        auth = getattr(handler, "headers", {}).get("Authorization")
        if auth != "Bearer hemmelig":
            return Reply(401, b"no")
        return Reply(200, b'{"format": "moedemappe-feed", "version": 1, "meetings": []}')

    server.routes["/privat/moedemappe-feed.json"] = guarded
    refused = probe(server.url("/privat/"), "feed", token="forkert")
    assert not refused.ok and refused.denied and "HTTP 401" in refused.message
    set_language("en")
    accepted = probe(server.url("/privat/"), "feed", token="hemmelig")
    assert accepted.ok and "0 meetings" in accepted.message


def test_an_unreachable_host_is_offline_not_a_failure_of_the_source() -> None:
    url = f"http://127.0.0.1:{closed_port()}/oparl/"
    result = probe(url, timeout=2.0)
    assert result.offline and not result.ok
    assert not reachable([url], timeout=1.0)
    assert reachable([], timeout=1.0)  # nothing remote: nothing to be offline from


def test_a_folder_is_tested_for_what_it_holds(tmp_path: Path) -> None:
    empty = tmp_path / "tom"
    empty.mkdir()
    assert not probe(str(empty)).ok
    make_source(tmp_path / "usb")
    found = probe(str(tmp_path / "usb" / "src"))
    assert found.ok and found.kind == "folder" and "4 filer" in found.message


def test_editing_a_source_moves_it_and_starts_its_sync_afresh(
    library: Library, tmp_path: Path
) -> None:
    add_source(library, "kkr", "https://a.example.dk/feed/", "feed")
    library.conn.execute("UPDATE sync_state SET cursor = 'x'")
    library.conn.commit()
    moved: Source = edit_source(library, "kkr", url="https://b.example.dk/oparl/", kind="oparl")
    assert (moved.url, moved.kind) == ("https://b.example.dk/oparl/", "oparl")
    cursor = library.conn.execute("SELECT cursor FROM sync_state").fetchone()[0]
    assert cursor is None
    folder = tmp_path / "drev"
    folder.mkdir()
    edit_source(library, "kkr", url=str(folder), kind="folder")
    [source] = list_sources(library)
    assert (source.kind, source.url) == ("folder", str(folder.resolve()))
