"""``moedemappe --self-test``: does this installation work? Checked on a throw-away library.

A bundle can build and still miss a module that is imported late, a data file or a Qt
plugin; a member's machine can lack a library the bundle expects. The self-test runs the real
parts the way the app does -- the demo library imported into a temporary data dir, a page
rendered by a render worker process, the search index on disk, a note sealed and read back,
an annotation stored and reloaded, a PDF imported -- one step after the other, each with a
line saying what it checked (``reader.cli.selftest`` prints them). The window's own steps
(Qt, drawing, the main window) come from ``ui.selftest``.

Nothing of the member's is touched: the data dir is a new temporary folder (removed after a
pass, kept after a failure so its log can be read), and the keychain is one that lives in
this process's memory, installed before anything asks keyring for one.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

from reader.demo import DEMO_DIR, demo_packages
from reader.errors import MoedemappeError, StepFailed
from reader.i18n import plural, say
from reader.library import Library
from reader.library.importer import import_paths
from reader.logs import setup_logging
from reader.notes.annotation_store import AnnotationStore
from reader.notes.models import AnnotationView
from reader.notes.note_store import NoteStore
from reader.notes.text import find_tolerant, load_version_text
from reader.paths import ENV_DATA_DIR, DataPaths
from reader.render import RenderFailure, RenderPool, Tile, TileRequest
from reader.search.results import Filters
from reader.search.searcher import Searcher
from reader.vault import ENV_PASSPHRASE, open_vault

log = logging.getLogger(__name__)

RENDER_TIMEOUT_S = 60.0  # a cold worker on a slow disk; a healthy one answers in a second
SEARCH_WORD = "Prøvehøring"  # in the PDF the import step makes, and in no demo document


class MemoryKeychain(KeyringBackend):
    """A keychain in this process's memory: the self-test's, so the member's is never asked.

    The vault takes it as it would an OS keychain (it keeps what it is given, it is no
    plain file); it is gone when the process ends, with the temporary library it unlocks.
    """

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}

    @properties.classproperty
    def priority(cls) -> float:
        """Never chosen by keyring: the self-test installs it by hand."""
        return -1.0

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(f"no {username} in {service}")


@dataclass
class RenderedPage:
    """A page as a worker rendered it: RGB888 rows of ``stride`` bytes, at ``scale``."""

    document_id: int
    page: int
    scale: float
    width: int
    height: int
    stride: int
    pixels: bytes


@dataclass
class SelfTest:
    """What the steps share: the temporary library and what earlier steps made in it."""

    root: Path
    keychain: MemoryKeychain
    demo_meetings: list[int] = field(default_factory=list)
    document_id: int = 0  # the demo document the later steps work on
    page: int = 1  # 1-based, the page of its first item
    quote: str = ""  # the first item's title, as it stands on that page
    rendered: RenderedPage | None = None
    annotations: list[AnnotationView] = field(default_factory=list)
    meetings: int = 0  # meetings listed once every step that adds one has run

    @property
    def paths(self) -> DataPaths:
        return DataPaths(self.root / "data")

    def library(self) -> Library:
        return Library(self.paths)


Step = tuple[str, Callable[[SelfTest], str]]  # a name for the report, and the check


@dataclass(frozen=True)
class StepResult:
    """One step done: what it checked, or what went wrong."""

    name: str
    detail: str
    seconds: float
    failed: bool = False


@dataclass(frozen=True)
class Outcome:
    passed: bool
    steps: int  # run, the failed one included
    seconds: float
    root: Path  # the temporary folder: removed if passed, kept (with the log) if not
    failed: str | None = None  # the step that failed


def installation() -> str:
    """What is being tested: the bundle's executable, or the Python running the source."""
    if getattr(sys, "frozen", False):
        return sys.executable
    return f"Python {sys.version.split()[0]}"


def run_self_test(steps: Sequence[Step], on_step: Callable[[StepResult], None]) -> Outcome:
    """Run ``steps`` in order on a new temporary library, each reported to ``on_step`` as it
    ends; stop at the first that fails."""
    started = time.perf_counter()
    test = _prepare()
    for n, (name, check) in enumerate(steps, start=1):
        t0 = time.perf_counter()
        try:
            detail = check(test)
        except BaseException as exc:  # a failing step is the report's subject, whatever it is
            log.error("self-test step %s failed\n%s", name, traceback.format_exc())
            on_step(StepResult(name, _describe(exc), time.perf_counter() - t0, failed=True))
            return Outcome(False, n, time.perf_counter() - started, test.root, name)
        on_step(StepResult(name, detail, time.perf_counter() - t0))
    shutil.rmtree(test.root, ignore_errors=True)
    return Outcome(True, len(steps), time.perf_counter() - started, test.root)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, MoedemappeError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _prepare() -> SelfTest:
    """A fresh data dir and the in-memory keychain, before anything asks for either."""
    root = Path(tempfile.mkdtemp(prefix="moedemappe-selftest-"))
    keychain = MemoryKeychain()
    keyring.set_keyring(keychain)
    os.environ[ENV_DATA_DIR] = str(root / "data")  # whatever asks for the default
    os.environ.pop(ENV_PASSPHRASE, None)  # the member's passphrase is not the test's
    test = SelfTest(root, keychain)
    test.paths.ensure()
    setup_logging(test.paths)
    return test


# -- the steps ---------------------------------------------------------------------------


def check_demo(test: SelfTest) -> str:
    """The bundled demo library imports into an empty library, as on a first start."""
    packages = demo_packages() if DEMO_DIR.is_dir() else []
    if not packages:
        raise StepFailed(say(f"ingen demo-pakker i {DEMO_DIR}", f"no demo packages in {DEMO_DIR}"))
    from reader.followers import catch_up

    with test.library() as lib:
        report = import_paths(lib, packages)
        if report.errors:
            raise StepFailed("; ".join(report.errors))
        follow = catch_up(lib)
        if follow.index_error is not None:
            raise follow.index_error
        test.demo_meetings = sorted(report.meetings)
        items = [it for m in test.demo_meetings for it in lib.items(m)]
        first = next((it for it in items if it.document_id and it.page_start), None)
        if len(test.demo_meetings) != len(packages) or first is None:
            raise StepFailed(
                say(
                    f"{len(packages)} pakker gav {len(test.demo_meetings)} møder og "
                    f"{len(items)} punkter",
                    f"{len(packages)} packages gave {len(test.demo_meetings)} meetings and "
                    f"{len(items)} items",
                )
            )
        assert first.document_id is not None and first.page_start is not None
        test.document_id, test.page, test.quote = first.document_id, first.page_start, first.title
        test.meetings = len(lib.meetings())
        documents = len(report.documents)
    return say(
        f"{len(test.demo_meetings)} møder, {len(items)} punkter, {documents} dokumenter "
        f"importeret i {test.paths.root}",
        f"{len(test.demo_meetings)} meetings, {len(items)} items, {documents} documents "
        f"imported into {test.paths.root}",
    )


def check_render(test: SelfTest) -> str:
    """A worker process starts (in a bundle: the app as its own worker) and renders a page."""
    with test.library() as lib:
        doc = lib.document(test.document_id)
        path = lib.blob_path(doc.sha256)
    done = threading.Event()
    got: list[Tile | RenderFailure] = []

    def on_tile(tile: Tile) -> None:
        got.append(
            Tile(tile.request, tile.width, tile.height, tile.stride, memoryview(bytes(tile.data)))
        )
        done.set()

    def on_failure(failure: RenderFailure) -> None:
        got.append(failure)
        done.set()

    pool = RenderPool(1, on_tile=on_tile, on_failure=on_failure)
    scale = 1.0
    try:
        pool.want("self-test", [TileRequest(path, test.page - 1, scale)])
        if not done.wait(RENDER_TIMEOUT_S):
            raise StepFailed(
                say(
                    f"ingen side fra render-processen efter {RENDER_TIMEOUT_S:.0f} s",
                    f"no page from the render worker after {RENDER_TIMEOUT_S:.0f} s",
                )
            )
        pids = pool.worker_pids()
    finally:
        pool.close()
    result = got[0]
    if isinstance(result, RenderFailure):
        raise StepFailed(
            say(
                f"render-processen kunne ikke vise side {test.page} ({result.reason}: "
                f"{result.message})",
                f"the render worker could not render page {test.page} ({result.reason}: "
                f"{result.message})",
            )
        )
    pixels = bytes(result.data)
    ink = _dark_pixels(pixels, result.width, result.height, result.stride)
    if ink < 200:
        raise StepFailed(
            say(
                f"side {test.page} blev tom ({ink} mørke punkter)",
                f"page {test.page} came out blank ({ink} dark pixels)",
            )
        )
    test.rendered = RenderedPage(
        test.document_id, test.page, scale, result.width, result.height, result.stride, pixels
    )
    worker = f"pid {pids[0]}" if pids else "?"
    return say(
        f"side {test.page} af dokument {test.document_id}, {result.width}x{result.height} px, "
        f"tegnet af render-processen ({worker})",
        f"page {test.page} of document {test.document_id}, {result.width}x{result.height} px, "
        f"rendered by a worker process ({worker})",
    )


def _dark_pixels(pixels: bytes, width: int, height: int, stride: int) -> int:
    """How many pixels of an RGB888 image are dark (text, rules): a blank page has none."""
    count = 0
    for y in range(0, height, 2):  # every other row and column is enough to tell
        row = pixels[y * stride : y * stride + width * 3]
        count += sum(1 for x in range(0, width * 3, 6) if row[x] < 128)
    return count


def check_search(test: SelfTest) -> str:
    """The Whoosh index on disk, built by the demo's import, finds the first item's title
    as a phrase, on its page."""
    phrase = f'"{test.quote}"'
    result = Searcher(test.paths).search(phrase, Filters(), 20)
    hit = next(
        (h for h in result.hits if h.document == test.document_id and h.page == test.page), None
    )
    if result.index != "ready" or hit is None:
        raise StepFailed(
            say(
                f"søgningen efter {phrase} fandt ikke side {test.page} (indeks: {result.index})",
                f"searching for {phrase} did not find page {test.page} (index: {result.index})",
            )
        )
    pages = plural(result.total, "side", "sider", "page", "pages")
    return say(
        f"{phrase} fundet på {pages}, heriblandt punkt {hit.item} på side {hit.page}",
        f"{phrase} found on {pages}, among them item {hit.item} on page {hit.page}",
    )


def check_notes(test: SelfTest) -> str:
    """A note is sealed with a key kept in the (test) keychain and read back after the
    library was closed and opened again; its words are nowhere in the database files."""
    secret = f"Selvtest-note {os.getpid()} {time.time_ns()}: hemmelig"
    meeting = test.demo_meetings[0]
    with test.library() as lib:
        note = NoteStore(lib, open_vault(lib, backend=test.keychain)).add(meeting, secret)
    if not test.keychain.entries:
        raise StepFailed(say("nøglen kom ikke i nøgleringen", "no key went into the keychain"))
    with test.library() as lib:
        back = NoteStore(lib, open_vault(lib, backend=test.keychain, create=False)).get(note.id)
    if back.text != secret:
        raise StepFailed(say("noten kom anderledes tilbage", "the note came back changed"))
    database = test.paths.database
    for path in (database, database.with_name(database.name + "-wal")):
        if path.exists() and secret.encode() in path.read_bytes():
            raise StepFailed(
                say(
                    f"noten står ukrypteret i {path.name}",
                    f"the note is in {path.name} unencrypted",
                )
            )
    return say(
        "en note krypteret, nøglen i test-nøgleringen, læst igen efter genåbning; "
        "ikke i databasen i klartekst",
        "a note encrypted with its key in the test keychain, read back after reopening; "
        "not in the database in plaintext",
    )


def check_annotation(test: SelfTest) -> str:
    """A highlight on the first item's title and a drawn ink stroke are stored and come
    back, placed, after the library was closed and opened again."""
    stroke = [(60.0, 40.0), (140.0, 60.0), (220.0, 40.0)]
    with test.library() as lib:
        store = AnnotationStore(lib, open_vault(lib, backend=test.keychain, create=False))
        doc = lib.document(test.document_id)
        text = load_version_text(lib.conn, doc.version_id).pages[test.page - 1]
        if find_tolerant(text, test.quote) is None:
            raise StepFailed(
                say(
                    f"punktets titel {test.quote!r} står ikke på side {test.page}",
                    f"the item's title {test.quote!r} is not on page {test.page}",
                )
            )
        made = [
            store.annotate_quote(test.document_id, test.page, test.quote, color="yellow"),
            store.add_shape(test.document_id, test.page, "ink", ink=[stroke], color="red"),
        ]
    with test.library() as lib:
        store = AnnotationStore(lib, open_vault(lib, backend=test.keychain, create=False))
        views, unreadable = store.read(test.document_id)
    by_id = {v.id: v for v in views}
    back = [by_id.get(m.id) for m in made]
    if unreadable or any(v is None or v.page != test.page for v in back):
        raise StepFailed(
            say(
                "markeringerne kom ikke rigtigt tilbage efter genåbning",
                "the annotations did not come back right after reopening",
            )
        )
    highlight, ink = back
    assert highlight is not None and ink is not None
    if not highlight.rects or highlight.quote != made[0].quote or ink.ink != made[1].ink:
        raise StepFailed(
            say("markeringerne kom anderledes tilbage", "the annotations came back changed")
        )
    test.annotations = [highlight, ink]
    return say(
        f"fremhævning af {test.quote!r} og en frihåndsstreg på side {test.page}, "
        "genindlæst efter genåbning",
        f"a highlight of {test.quote!r} and a drawn ink stroke on page {test.page}, "
        "reloaded after reopening",
    )


def check_import(test: SelfTest) -> str:
    """A PDF made here (no manifest, as a member's download) becomes a meeting with items,
    and search finds its words."""
    folder = test.root / "import"
    folder.mkdir()
    pdf = folder / "dagsorden-selvtest.pdf"
    pdf.write_bytes(agenda_pdf())
    from reader.followers import catch_up

    with test.library() as lib:
        report = import_paths(lib, [pdf])
        if report.errors or len(report.meetings) != 1:
            raise StepFailed("; ".join(report.errors) or say("intet møde", "no meeting"))
        follow = catch_up(lib)
        if follow.index_error is not None:
            raise follow.index_error
        (meeting_id,) = report.meetings
        meeting = lib.meeting(meeting_id)
        items = lib.items(meeting_id)
        test.meetings = len(lib.meetings())
    if len(items) < 2:
        raise StepFailed(
            say(
                f"{len(items)} punkter fundet i {pdf.name}",
                f"{len(items)} items found in {pdf.name}",
            )
        )
    result = Searcher(test.paths).search(SEARCH_WORD, Filters(), 5)
    if not any(h.meeting == meeting_id for h in result.hits):
        raise StepFailed(
            say(
                f"søgningen fandt ikke {SEARCH_WORD!r} i det importerede dokument",
                f"search did not find {SEARCH_WORD!r} in the imported document",
            )
        )
    n = plural(len(items), "punkt", "punkter", "item", "items")
    return say(
        f"{pdf.name} blev til mødet {meeting.title!r} ({meeting.body}, {n}), fundet af søgningen",
        f"{pdf.name} became the meeting {meeting.title!r} ({meeting.body}, {n}), found by search",
    )


def check_tls(test: SelfTest) -> str:
    """Sync's HTTPS: httpx loads and trusts the CA certificates it carries (certifi's, which
    a bundle must ship as a data file). No network is used."""
    import httpx

    context = httpx.create_ssl_context(verify=True, trust_env=False)
    authorities = int(context.cert_store_stats().get("x509_ca", 0))
    if authorities < 50:
        raise StepFailed(
            say(
                f"kun {authorities} rodcertifikater til HTTPS",
                f"only {authorities} root certificates for HTTPS",
            )
        )
    return say(
        f"httpx {httpx.__version__}, {authorities} rodcertifikater til synkroniseringens HTTPS",
        f"httpx {httpx.__version__}, {authorities} root certificates for sync's HTTPS",
    )


STEPS: tuple[Step, ...] = (
    ("demo", check_demo),
    ("render", check_render),
    ("search", check_search),
    ("notes", check_notes),
    ("annotation", check_annotation),
    ("import", check_import),
    ("tls", check_tls),
)


# -- a PDF to import ---------------------------------------------------------------------

_AGENDA_LINES: tuple[tuple[str, float, str], ...] = (
    # font (F1 regular, F2 bold), size, text
    ("F2", 18, "Dagsorden"),
    ("F2", 13, "Selvtestudvalget"),
    ("F1", 10, "Mødedato: 3. marts 2027 kl. 16.00"),
    ("F1", 10, "Mødested: Rådhuset, mødelokale 1"),
    ("F2", 12, "1. Godkendelse af dagsorden"),
    ("F1", 10, "Indstilling"),
    ("F1", 10, "Det indstilles, at dagsordenen godkendes."),
    ("F2", 12, f"2. {SEARCH_WORD} om cykelstier"),
    ("F1", 10, "Sagsnr.: SAG-2027-00042"),
    ("F1", 10, "Baggrund"),
    ("F1", 10, f"Udvalget orienteres om {SEARCH_WORD.lower()}en om nye cykelstier ved skolerne."),
)


def agenda_pdf() -> bytes:
    """A one-page agenda written by hand (standard fonts, WinAnsi text): the self-test
    needs no PDF library of its own, and the parser sees what a producer would write."""
    ops = [b"BT"]
    y = 780.0
    for font, size, text in _AGENDA_LINES:
        y -= size * 1.2 + (14 if font == "F2" and size == 12 else 4)
        escaped = text.encode("cp1252").replace(b"\\", b"\\\\")
        escaped = escaped.replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"/%s %g Tf 1 0 0 1 56 %.1f Tm (%s) Tj" % (font.encode(), size, y, escaped))
    ops.append(b"ET")
    content = b"\n".join(ops)
    font = "<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        font.format("Helvetica").encode("ascii"),
        font.format("Helvetica-Bold").encode("ascii"),
        b"<< /Title (Dagsorden - Selvtestudvalget) /Producer (Moedemappe self-test) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe6\xf8\xe5\xc6\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
