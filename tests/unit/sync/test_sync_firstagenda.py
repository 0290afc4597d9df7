"""Syncing from a local server that imitates a FirstAgenda Publication site: an anonymous
cookie first, the committee list, each meeting's agenda JSON, and PDFs behind redirects to
short-lived signed URLs."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from reader.library import Library
from reader.sync.runner import add_source, sync_sources
from tests.support.consistency import assert_consistent
from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.sync_server import Handler, Reply, Server, file_reply, serve

FAST = {"backoff": 0.01, "timeout": 2.0}
COOKIE = "FirstAgendaAnonymous=7f1c"
M1 = "3f2b8a9e-1111-4c1e-9a7b-000000000001"
M2 = "3f2b8a9e-2222-4c1e-9a7b-000000000002"
SIGNED_FOR = 5.0  # seconds a signed URL is valid


class FirstAgendaSite:
    def __init__(self, server: Server, tmp: Path) -> None:
        self.server = server
        self.blobs: dict[str, bytes] = {}
        self.released = "2026-01-27T12:00:00+01:00"
        self.agenda_pdf = agenda_pdf(tmp / "fa" / "hel-dagsorden.pdf", day=3).read_bytes()
        self.blobs["sag-21"] = plain_pdf(tmp / "fa" / "sag.pdf", "Sagsfremstilling").read_bytes()
        self.blobs["bilag-21"] = plain_pdf(
            tmp / "fa" / "b.pdf", "Evaluering af piloten", "Side 2"
        ).read_bytes()
        self.blobs["bilag-m2"] = plain_pdf(tmp / "fa" / "m2.pdf", "Budgetbilag").read_bytes()
        self.blobs[f"agenda-{M1}"] = self.agenda_pdf
        server.routes["/"] = self._front
        server.routes["/api/agenda/udvalgsliste"] = self._api(self._udvalgsliste)
        server.routes[f"/api/agenda/dagsorden/{M1}"] = self._api(lambda: self._dagsorden(M1))
        server.routes[f"/api/agenda/dagsorden/{M2}"] = self._api(lambda: self._dagsorden(M2))
        for doc in ("sag-21", "bilag-21", "bilag-m2"):
            server.routes[f"/Vis/Pdf/bilag/{doc}"] = self._redirect(doc)
        server.routes[f"/Vis/Pdf/dagsorden/{M1}"] = self._redirect(f"agenda-{M1}")
        for name in self.blobs:
            server.routes[f"/blob/{name}.pdf"] = self._blob(name)

    def _front(self, handler: Handler) -> Reply:
        return Reply(200, b"<html>FirstAgenda</html>", {"Set-Cookie": f"{COOKIE}; Path=/"})

    def _api(self, build: Any) -> Any:
        def route(handler: Handler) -> Reply:
            if COOKIE not in (handler.headers.get("Cookie") or ""):
                return Reply(401, b"no session")
            return file_reply(handler, json.dumps(build(), ensure_ascii=False).encode())

        return route

    def _udvalgsliste(self) -> dict[str, Any]:
        return {
            "Udvalg": {
                "Aktuelle politiske udvalg": [
                    {
                        "Id": "c0ffee00-0000-0000-0000-000000000001",
                        "Navn": "Økonomiudvalget",
                        "Moeder": [
                            {
                                "Id": M1,
                                "Navn": "Dagsorden",
                                "Dato": "2026-02-03T09:30:00+01:00",
                                "MeetingBeginUtc": "2026-02-03T09:30:00+01:00",
                                "MeetingEndUtc": "2026-02-03T12:00:00+01:00",
                                "Sted": "Mødelokale 1, Rådhuset",
                                "ReleasedDate": self.released,
                            },
                            {
                                "Id": M2,
                                "Navn": "Referat",
                                "Dato": "2026-01-13T16:00:00+01:00",
                                "Sted": "Byrådssalen",
                                "ReleasedDate": "2026-01-14T08:00:00+01:00",
                            },
                        ],
                    }
                ],
                "Tidligere udvalg": [{"Id": "x", "Navn": "Gammelt udvalg", "Moeder": [{}]}],
            }
        }

    def _dagsorden(self, mid: str) -> dict[str, Any]:
        if mid == M2:
            punkter = [
                {
                    "Id": "p1",
                    "Nummer": "1",
                    "Navn": "Budget 2027",
                    "Bilag": [{"Id": "bilag-m2", "Navn": "Budgetbilag", "Order": 1}],
                },
                {"Id": "p2", "Nummer": "2", "Navn": "Personalesag", "Lukket": True},
            ]
        else:
            punkter = [
                {"Id": "p11", "Nummer": "1.1", "Navn": "Godkendelse af dagsorden"},
                {
                    "Id": "p21",
                    "Nummer": "2.1",
                    "Navn": "Telemedicin til borgere med hjertesvigt",
                    "Sagsnummer": "SAG-2026-00102",
                    "Felter": [
                        {
                            "Navn": "Sagsfremstilling",
                            "DocumentId": "sag-21",
                            "Html": "<p>TeleHjerte</p>",
                        }
                    ],
                    "Bilag": [{"Id": "bilag-21", "Navn": "Evaluering af piloten", "Order": 1}],
                },
            ]
        return {
            "Id": mid,
            "Udvalg": {"Id": "c0ffee00-0000-0000-0000-000000000001", "Navn": "Økonomiudvalget"},
            "Moede": {"Id": "00000000-0000-0000-0000-000000000000"},
            "Dagsordenpunkter": punkter,
        }

    def _redirect(self, name: str) -> Any:
        def route(handler: Handler) -> Reply:
            expires = int(time.time() + SIGNED_FOR)
            sig = hashlib.sha256(f"{name}{expires}".encode()).hexdigest()[:12]
            target = self.server.url(f"/blob/{name}.pdf?se={expires}&sig={sig}")
            return Reply(302, b"", {"Location": target})

        return route

    def _blob(self, name: str) -> Any:
        def route(handler: Handler) -> Reply:
            query = parse_qs(urlsplit(handler.path).query)
            expires = int(query.get("se", ["0"])[0])
            sig = hashlib.sha256(f"{name}{expires}".encode()).hexdigest()[:12]
            if query.get("sig", [""])[0] != sig or expires < time.time():
                return Reply(403, b"AuthenticationFailed")
            return file_reply(handler, self.blobs[name])

        return route


@pytest.fixture
def site(tmp_path: Path) -> Iterator[FirstAgendaSite]:
    for server in serve():
        yield FirstAgendaSite(server, tmp_path)


def test_firstagenda_sync_with_cookie_and_signed_urls(
    library: Library, site: FirstAgendaSite
) -> None:
    server = site.server
    add_source(library, "odder", server.url("/"), "firstagenda")
    [report] = sync_sources(library, engine_options=FAST).sources
    assert not report.fatal
    assert report.new == 4  # the whole agenda and two item PDFs; the minutes' one bilag
    assert report.errors == ["odder: et møde i Gammelt udvalg sprunget over: har intet id"]
    meetings = {m.start: m for m in library.meetings()}
    agenda = meetings["2026-02-03T09:30:00"]
    assert (agenda.body, agenda.location, agenda.end) == (
        "Økonomiudvalget",
        "Mødelokale 1, Rådhuset",
        "2026-02-03T12:00:00",
    )
    docs = {d.title: d for d in agenda.documents}
    assert docs["Dagsorden – Økonomiudvalget"].kind == "agenda"
    assert (docs["Evaluering af piloten"].item_number, docs["Sagsfremstilling"].item_number) == (
        "2.1",
        "2.1",
    )
    # the whole agenda PDF gives the structure
    assert [i.number for i in library.items(agenda.id)] == ["1", "1.1", "2", "2.1", "2.2"]
    minutes = meetings["2026-01-13T16:00:00"]
    assert minutes.kind == "minutes"
    # no whole-minutes PDF on this site (404, optional): the items come from the JSON
    items = library.items(minutes.id)
    assert [(i.number, i.title, i.closed, i.page_start) for i in items] == [
        ("1", "Budget 2027", False, None),
        ("2", "Personalesag", True, None),
    ]
    [bilag] = minutes.documents
    assert (bilag.title, bilag.item_number) == ("Budgetbilag", "1")
    assert_consistent(library)

    # nothing changed: two requests (cookie, list), no agenda and no file asked for
    mark = len(server.hits)
    [quiet] = sync_sources(library, engine_options=FAST).sources
    assert (quiet.new, quiet.changed) == (0, 0)
    assert [h.path for h in server.hits[mark:]] == ["/", "/api/agenda/udvalgsliste"]

    # re-released without changes: the agenda is read again, every PDF asked for
    # conditionally through a fresh signed URL, none sent again
    site.released = "2026-01-28T09:00:00+01:00"
    mark = len(server.hits)
    [again] = sync_sources(library, engine_options=FAST).sources
    assert (again.new, again.changed, again.failed) == (0, 0, 1)  # the stray meeting
    blobs = [h for h in server.hits[mark:] if h.path.startswith("/blob/")]
    assert len(blobs) == 3 and {h.status for h in blobs} == {304}


def test_firstagenda_changed_attachment_is_a_new_version(
    library: Library, site: FirstAgendaSite, tmp_path: Path
) -> None:
    add_source(library, "odder", site.server.url("/"), "firstagenda")
    sync_sources(library, engine_options=FAST)
    site.blobs["bilag-21"] = plain_pdf(tmp_path / "b2.pdf", "Evaluering, rettet").read_bytes()
    site.released = "2026-01-29T09:00:00+01:00"
    [report] = sync_sources(library, engine_options=FAST).sources
    assert (report.new, report.changed) == (0, 1)
    agenda = next(m for m in library.meetings() if m.kind == "agenda")
    bilag = next(d for d in agenda.documents if d.title == "Evaluering af piloten")
    assert [v["number"] for v in library.versions(bilag.id)] == [1, 2]
    assert library.page_text(bilag.id, 1) == "Evaluering, rettet"
    assert_consistent(library)


def test_firstagenda_without_a_session_fails_the_source(
    library: Library, site: FirstAgendaSite
) -> None:
    site.server.routes["/"] = lambda handler: Reply(200, b"no cookie here")
    add_source(library, "odder", site.server.url("/"), "firstagenda")
    [report] = sync_sources(library, engine_options=FAST).sources
    assert report.fatal and "adgang nægtet (401)" in report.errors[-1]
