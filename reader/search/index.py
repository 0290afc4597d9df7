"""The on-disk Whoosh index: its schema, where it lives, and how it is opened safely.

The index is a cache of the library: it can always be rebuilt from ``page_texts``. So any
sign of damage (a missing, truncated or garbled file, an unknown format) makes ``open_index``
start an empty index, and the indexer then fills it from the library's change log.
"""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
from pathlib import Path
from typing import Any

from reader.paths import DataPaths
from reader.search._whoosh import fields as wfields
from reader.search._whoosh import filestore
from reader.search._whoosh import formats as wformats
from reader.search._whoosh import index as whoosh_index
from reader.search.analysis import DanishAnalyzer

log = logging.getLogger(__name__)

# Bump when the schema or the analysis changes: an index of another format is rebuilt.
FORMAT = "moedemappe-search-4"
INDEX_DIR = "search"
LOCK_FILE = "search.lock"
_FORMAT_FILE = "FORMAT"


class IndexDamaged(Exception):
    """The index cannot be read; the caller rebuilds it."""


def index_dir(paths: DataPaths) -> Path:
    return paths.root / INDEX_DIR


def lock_path(paths: DataPaths) -> Path:
    return paths.root / LOCK_FILE


def _terms_field(morph: bool, scorable: bool) -> Any:
    """A field of pre-analysed terms with frequencies but no positions."""
    return wfields.FieldType(
        wformats.Frequency(), DanishAnalyzer(morph=morph), scorable=scorable, stored=False
    )


def make_schema() -> Any:
    """One Whoosh document per page of a current document version.

    ``text`` holds stems with positions (phrases) and stores the page text for snippets;
    ``rev`` long stems reversed (compound search). There is no field of unstemmed words:
    it would double the postings, which dominate indexing time; prefixes and spelling
    suggestions work on the stems (see ``query.py``). The meeting, item and section fields
    filter; ``info`` stores what a hit shows, including where on the page each item and
    section begins.
    """
    return wfields.Schema(
        key=wfields.ID(unique=True, stored=True),
        doc=wfields.ID(stored=True),
        meeting=wfields.ID,
        body=wfields.ID,
        date=wfields.DATETIME(sortable=True),  # a column: date filters read it directly
        kind=wfields.ID,
        item=wfields.KEYWORD,
        section=wfields.KEYWORD(commas=True, lowercase=True),
        closed=wfields.ID,
        text=wfields.TEXT(analyzer=DanishAnalyzer(), phrase=True, stored=True),
        rev=_terms_field(morph=True, scorable=True),
        info=wfields.STORED,
    )


class NoTempFilesRamStorage(filestore.RamStorage):  # type: ignore[misc]
    """A RamStorage whose writers keep their scratch files in memory too.

    Whoosh's RamStorage puts a writer's temporary posting runs in the system temp directory,
    which would put note text on disk.
    """

    def temp_storage(self, name: str | None = None) -> Any:
        return filestore.RamStorage()


def storage(paths: DataPaths) -> Any:
    return filestore.FileStorage(str(index_dir(paths)))


def is_current(paths: DataPaths) -> bool:
    """Whether the directory holds an index of our format (not whether it is intact)."""
    folder = index_dir(paths)
    try:
        fmt = (folder / _FORMAT_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return fmt == FORMAT


def create_index(paths: DataPaths) -> Any:
    """A new, empty index in place of whatever was there. Call with the writer lock held."""
    folder = index_dir(paths)
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(folder), make_schema())
    tmp = folder / (_FORMAT_FILE + ".part")
    tmp.write_text(FORMAT + "\n", encoding="utf-8")
    tmp.replace(folder / _FORMAT_FILE)
    return ix


def open_index(paths: DataPaths) -> Any:
    """Open the index for reading; raises ``IndexDamaged`` if it is missing or unreadable."""
    if not is_current(paths):
        raise IndexDamaged("no index of the current format")
    try:
        if not whoosh_index.exists_in(str(index_dir(paths))):
            raise IndexDamaged("no index files")
        ix = whoosh_index.open_dir(str(index_dir(paths)))
        check(ix)
    except IndexDamaged:
        raise
    except Exception as exc:
        raise IndexDamaged(f"{type(exc).__name__}: {exc}") from exc
    return ix


def check(ix: Any) -> None:
    """Open every segment and read from each of its files, so damage shows now, not mid-query.

    Reading the last stored document, the term index and a posting list of every field
    touches the segment's stored fields, term dictionary and postings.
    """
    try:
        with ix.reader() as reader:
            for sub, _base in reader.leaf_readers():
                n = sub.doc_count_all()
                if n:
                    sub.stored_fields(n - 1)
                for field in ("doc", "text"):
                    for term in sub.lexicon(field):
                        sub.postings(field, term).all_ids()
                        break
    except Exception as exc:
        raise IndexDamaged(f"{type(exc).__name__}: {exc}") from exc


# Whoosh writes a TOC or segment file under a temporary name (``_MAIN_26.toc.1795394373.55``)
# and renames it; a writer killed in between leaves the temporary one.
_TEMP_RE = re.compile(r"^.+\.(?:toc|seg)\.[0-9][0-9.]*$")


def clean_orphans(paths: DataPaths, ix: Any) -> int:
    """Remove files no live segment owns: left by a writer killed before its commit.

    Call with the writer lock held; Whoosh itself only cleans up after a successful commit.
    """
    folder = index_dir(paths)
    toc = ix._read_toc()
    live = {s.segment_id() for s in toc.segments}
    toc_re = whoosh_index.TOC._pattern(ix.indexname)
    seg_re = whoosh_index.TOC._segment_pattern(ix.indexname)
    removed = 0
    for entry in folder.iterdir():
        name = entry.name
        orphan = False
        if entry.is_dir() and name.endswith(".tmp"):
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
            continue
        if (m := toc_re.match(name)) is not None:
            orphan = int(m.group(1)) != toc.generation
        elif (m := seg_re.match(name)) is not None:
            orphan = m.group(1) not in live
        elif name.endswith(".part") or _TEMP_RE.match(name):
            orphan = True
        if orphan:
            with contextlib.suppress(OSError):  # another reader may still hold it (Windows)
                entry.unlink()
                removed += 1
    if removed:
        log.info("removed %d orphan search index files", removed)
    return removed
