"""An OParl 1.1 server built from tests/data/oparl: the spec's examples and the
meine-stadt-transparent before/after data of Amtzell, with ids rewritten to the test server.

The Amtzell data (meetings, agenda items, papers, files) is turned into what a real server
returns: full-URL ids, agenda items embedded in meetings, papers reached through
consultations, paginated lists with ``links.next``, ``modified_since`` filtering and
``deleted: true`` for meetings deleted since. Meetings are served at their ids too, and
papers have a list of their own (``modified_since`` as well).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.library_fixtures import agenda_pdf, plain_pdf
from tests.support.sync_server import Handler, Reply, Server

OPARL = Path(__file__).resolve().parents[1] / "data" / "oparl"
EXAMPLE = "https://oparl.example.org"
MST = "https://www.ris-amtzell.de"
T = "https://schema.oparl.org/1.1/"


def _rewrite(obj: Any, base: str) -> Any:
    return json.loads(json.dumps(obj).replace(EXAMPLE, base))


class OparlSite:
    """The server's state; ``update()`` switches from the old to the new Amtzell data."""

    def __init__(self, server: Server, tmp: Path) -> None:
        self.server = server
        self.tmp = tmp
        self.base = server.url("/oparl")
        self.meetings: dict[str, dict[str, Any]] = {}
        self.papers: dict[str, dict[str, Any]] = {}
        self.deleted: dict[str, str] = {}  # id -> when
        self.live = False
        self.page_size = 1
        system = _rewrite(json.loads((OPARL / "examples/System-01.json").read_text()), self.base)
        system["id"] = self.base + "/"
        system["body"] = self.base + "/bodies"
        body = _rewrite(json.loads((OPARL / "examples/Body-01.json").read_text()), self.base)
        body["system"] = system["id"]
        self.body = body
        server.json("/oparl/", system)
        server.json("/oparl/bodies", {"data": [body], "links": {}, "pagination": {}})
        server.json(
            "/oparl/body/0/organizations/",
            {
                "data": [
                    {
                        "id": f"{self.base}/organization/1",
                        "type": T + "Organization",
                        "name": "Gemeinderat",
                    },
                    {
                        "id": f"{self.base}/organization/34",
                        "type": T + "Organization",
                        "name": "Finanzausschuss",
                    },
                    "vendor junk",
                ],
                "links": {},
            },
        )
        server.routes["/oparl/body/0/meetings/"] = self._meeting_list
        server.routes["/oparl/body/0/papers/"] = self._paper_list
        self._example_meeting()
        self.load(json.loads((OPARL / "meine-stadt-transparent/amtzell_old.json").read_text()))
        self.live = True

    def tick(self) -> str:
        """When an object changes: long ago while the site is set up, now after that."""
        if not self.live:
            return "2019-06-01T00:00:00+02:00"
        return datetime.now(UTC).isoformat()

    # -- files -------------------------------------------------------------------------

    def pdf_file(self, fid: str, pdf: Path, name: str) -> dict[str, Any]:
        data = pdf.read_bytes()
        path = f"/oparl/files/{fid}.pdf"
        self.server.routes[path] = data
        return {
            "id": f"{self.base}/files/{fid}",
            "type": T + "File",
            "name": name,
            "fileName": f"{fid}.pdf",
            "mimeType": "application/pdf",
            "size": len(data),
            "sha1Checksum": hashlib.sha1(data).hexdigest(),
            "accessUrl": self.server.url(path),
            "modified": "2019-01-01T00:00:00+01:00",
        }

    def _example_meeting(self) -> None:
        """The spec's Meeting-01, with one real agenda PDF behind its (reused) file id."""
        meeting = _rewrite(json.loads((OPARL / "examples/Meeting-01.json").read_text()), self.base)
        pdf = agenda_pdf(self.tmp / "oparl" / "einladung.pdf", day=4)
        real = self.pdf_file("57739", pdf, "Einladung")
        for key in ("invitation", "resultsProtocol", "verbatimProtocol"):
            meeting[key] = {
                **meeting[key],
                **{k: real[k] for k in ("sha1Checksum", "size")},
                "accessUrl": real["accessUrl"],
                "downloadUrl": real["accessUrl"],
            }
        meeting["auxiliaryFile"] = [
            {
                **f,
                "sha1Checksum": real["sha1Checksum"],
                "size": real["size"],
                "accessUrl": real["accessUrl"],
                "downloadUrl": real["accessUrl"],
            }
            for f in meeting["auxiliaryFile"]
        ]
        del meeting["resultsProtocol"]  # still to come: an agenda, not minutes
        meeting["modified"] = self.tick()
        self.meetings[meeting["id"]] = meeting

    def load(self, mst: dict[str, Any]) -> None:
        """Meetings, agenda items, papers and files from meine-stadt-transparent data."""
        files_by_paper: dict[int, list[dict[str, Any]]] = {}
        for f in mst["files"]:
            pdf = self.tmp / "oparl" / f"{f['original_id']}.pdf"
            if not pdf.exists():  # the same file in the old and new data: the same bytes
                plain_pdf(pdf, f["name"], f"Datei {f['original_id']}")
            files_by_paper.setdefault(f["paper_original_id"], []).append(
                self.pdf_file(str(f["original_id"]), pdf, f["name"])
            )
        for p in mst["papers"]:
            pid = p["original_id"]
            files = files_by_paper.get(pid, [])
            paper = {
                "id": f"{self.base}/paper/{pid}",
                "type": T + "Paper",
                "name": p["name"],
                "reference": p["reference"],
                "paperType": p["paper_type"],
                "mainFile": files[0] if files else None,
                "auxiliaryFile": files[1:],
            }
            paper = {k: v for k, v in paper.items() if v}
            old_paper = self.papers.get(paper["id"])
            if old_paper is None or {k: v for k, v in old_paper.items() if k != "modified"} != (
                paper
            ):
                paper["modified"] = self.tick()
                self.papers[paper["id"]] = paper
            self._serve_paper(paper["id"])
            self.server.json(
                f"/oparl/consultation/{pid}",
                {
                    "id": f"{self.base}/consultation/{pid}",
                    "type": T + "Consultation",
                    "paper": paper["id"],
                },
            )
        listed = set()
        for m in mst["meetings"]:
            mid = f"{self.base}/meeting/{m['original_id']}"
            listed.add(mid)
            items = [
                {
                    "id": f"{self.base}/agendaitem/{a['original_id']}",
                    "type": T + "AgendaItem",
                    "meeting": mid,
                    "number": a["key"],
                    "order": a["position"],
                    "name": a["name"],
                    "public": True,
                    "consultation": f"{self.base}/consultation/{a['paper_original_id']}",
                    "result": a["result"],
                }
                for a in mst["agenda_items"]
                if a["meeting_id"] == m["original_id"]
            ]
            meeting = {
                "id": mid,
                "type": T + "Meeting",
                "name": m["name"],
                "start": m["start"],
                "end": m["end"],
                "cancelled": m["cancelled"],
                "location": {
                    "id": f"{mid}/location",
                    "type": T + "Location",
                    "description": m["location"],
                },
                "organization": [f"{self.base}/organization/1"],
                "agendaItem": items,
            }
            old = self.meetings.get(mid)
            if old is None or {k: v for k, v in old.items() if k != "modified"} != meeting:
                meeting["modified"] = self.tick()
                self.meetings[mid] = meeting
        for mid in [m for m in self.meetings if "/meeting/281" not in m and m not in listed]:
            del self.meetings[mid]
            self.deleted[mid] = self.tick()
        for mid in [*self.meetings, *self.deleted]:
            self.server.routes[urlsplit(mid).path] = self._meeting_route(mid)

    def _serve_paper(self, paper_id: str) -> None:
        self.server.json(urlsplit(paper_id).path, self.papers[paper_id])

    def add_paper_file(self, pid: str, pdf: Path, name: str) -> None:
        """A new file for a paper, and nothing else: its meetings' ``modified`` stays."""
        paper = self.papers[f"{self.base}/paper/{pid}"]
        fid = f"{pid}-{len(paper.get('auxiliaryFile', [])) + 1}"
        paper.setdefault("auxiliaryFile", []).append(self.pdf_file(fid, pdf, name))
        paper["modified"] = self.tick()
        self._serve_paper(paper["id"])

    def drop_paper_files(self, pid: str) -> None:
        """The paper's auxiliary files withdrawn (the paper modified, its meetings not)."""
        paper = self.papers[f"{self.base}/paper/{pid}"]
        paper["auxiliaryFile"] = []
        paper["modified"] = self.tick()
        self._serve_paper(paper["id"])

    def _meeting_route(self, mid: str) -> Any:
        def route(handler: Handler) -> Reply:
            if mid in self.meetings:
                data: dict[str, Any] = self.meetings[mid]
            elif mid in self.deleted:
                data = {"id": mid, "type": T + "Meeting", "deleted": True}
            else:
                return Reply(404, b"not found")
            body = json.dumps(data).encode()
            return Reply(200, body, {"Content-Type": "application/json"})

        return route

    def update(self) -> None:
        self.load(json.loads((OPARL / "meine-stadt-transparent/amtzell_new.json").read_text()))

    def _paper_list(self, handler: Handler) -> Reply:
        query = parse_qs(urlsplit(handler.path).query)
        since = query.get("modified_since", [""])[0]
        after = datetime.fromisoformat(since) if since else None
        objects = [
            p
            for p in self.papers.values()
            if after is None or datetime.fromisoformat(p["modified"]) > after
        ]
        body = json.dumps({"data": objects, "links": {}, "pagination": {}}).encode()
        return Reply(200, body, {"Content-Type": "application/json"})

    # -- the paginated meeting list -------------------------------------------------------

    def _meeting_list(self, handler: Handler) -> Reply:
        query = parse_qs(urlsplit(handler.path).query)
        since = query.get("modified_since", [""])[0]
        page = int(query.get("page", ["0"])[0])
        after = datetime.fromisoformat(since) if since else None
        objects: list[Any] = [
            m
            for m in self.meetings.values()
            if after is None or datetime.fromisoformat(m["modified"]) > after
        ]
        objects += [
            {"id": mid, "type": T + "Meeting", "deleted": True, "modified": when}
            for mid, when in self.deleted.items()
            if after is not None and datetime.fromisoformat(when) > after
        ]
        objects.append("a vendor's stray string")  # real servers send odd things
        chunk = objects[page * self.page_size : (page + 1) * self.page_size]
        links: dict[str, str] = {}
        if (page + 1) * self.page_size < len(objects):
            nxt = f"{self.base}/body/0/meetings/?page={page + 1}"
            if since:
                nxt += f"&modified_since={since.replace('+', '%2B')}"
            links["next"] = nxt
        body = json.dumps({"data": chunk, "links": links, "pagination": {}}).encode()
        return Reply(200, body, {"Content-Type": "application/json"})
