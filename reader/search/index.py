"""The on-disk Whoosh index: its schema, where it lives, and how it is opened safely.

The index is a cache of the library: it can always be rebuilt from ``page_texts``. It lives in
``search/`` in the data dir as *generations*, each a complete Whoosh index in its own folder
(``search/gen-7``). ``search/CURRENT`` names the one searches read; it is replaced atomically,
so a reader sees the old generation or the new one, never a half-built or emptied index. A
rebuild fills a new generation, named by ``search/NEXT`` while it is being built, and makes it
current only once it has caught up with the library; a rebuild killed on the way leaves the
current generation untouched and is resumed from its own change-log cursor. Day-to-day
updates go into the current generation, whose Whoosh commits are atomic in the same way.

Any sign of damage (a missing, truncated or garbled file, an unknown format) makes
``open_index`` raise :class:`IndexDamaged`; the indexer then builds a new generation.
"""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
from pathlib import Path
from typing import Any

from reader.errors import IndexDamaged as IndexDamaged
from reader.fsutil import write_atomic
from reader.i18n import say
from reader.paths import DataPaths
from reader.search import lemmas
from reader.search._whoosh import fields as wfields
from reader.search._whoosh import filestore
from reader.search._whoosh import formats as wformats
from reader.search._whoosh import index as whoosh_index
from reader.search.analysis import DanishAnalyzer

log = logging.getLogger(__name__)

# Bump when the schema or the analysis changes: an index of another format is rebuilt. The
# lemma tables decide the keys in ``forms``, so another simplemma version rebuilds it too.
FORMAT = f"moedemappe-search-5+simplemma-{lemmas.version()}"
INDEX_DIR = "search"
LOCK_FILE = "search.lock"
CURRENT = "CURRENT"  # names the generation searches read
NEXT = "NEXT"  # names the generation a rebuild is filling
_FORMAT_FILE = "FORMAT"
_GENERATION = re.compile(r"^gen-(\d+)$")


def search_root(paths: DataPaths) -> Path:
    return paths.root / INDEX_DIR


def lock_path(paths: DataPaths) -> Path:
    return paths.root / LOCK_FILE


def _pointer(paths: DataPaths, name: str) -> Path | None:
    """The generation folder a pointer file names, or None if there is no valid pointer."""
    try:
        text = (search_root(paths) / name).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return search_root(paths) / text if _GENERATION.match(text) else None


def current_dir(paths: DataPaths) -> Path | None:
    """The folder of the generation searches read, or None before the first is complete."""
    return _pointer(paths, CURRENT)


def next_dir(paths: DataPaths) -> Path | None:
    """The folder of the generation an unfinished rebuild is filling, if any."""
    folder = _pointer(paths, NEXT)
    return None if folder is None or folder == current_dir(paths) else folder


def index_dir(paths: DataPaths) -> Path:
    """The current generation's folder; the search root while there is none."""
    return current_dir(paths) or search_root(paths)


def _write_pointer(paths: DataPaths, name: str, folder: Path) -> None:
    write_atomic(search_root(paths) / name, folder.name + "\n")


def new_generation(paths: DataPaths) -> tuple[Path, Any]:
    """An empty index in a new generation folder, named by ``NEXT``. Call with the writer
    lock held."""
    root = search_root(paths)
    root.mkdir(parents=True, exist_ok=True)
    names = [e.name for e in root.iterdir()]
    names += [f.name for f in (_pointer(paths, CURRENT), _pointer(paths, NEXT)) if f is not None]
    numbers = [int(m.group(1)) for name in names if (m := _GENERATION.match(name))]
    folder = root / f"gen-{max(numbers, default=0) + 1}"
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), make_schema())
    write_atomic(folder / _FORMAT_FILE, FORMAT + "\n")
    _write_pointer(paths, NEXT, folder)
    return folder, ix


def make_current(paths: DataPaths, folder: Path) -> None:
    """Switch searches to the generation in ``folder`` (atomic), and forget the rebuild."""
    _write_pointer(paths, CURRENT, folder)
    with contextlib.suppress(FileNotFoundError):
        (search_root(paths) / NEXT).unlink()


def adopt_single_folder(paths: DataPaths) -> bool:
    """Make an index of the single-folder layout earlier versions wrote (the index files in
    ``search/`` itself) the first generation, so that an upgrade does not rebuild it.

    Call with the writer lock held. The files are moved with ``FORMAT`` last and the pointer
    written after, so a kill midway is finished by the next call.
    """
    root = search_root(paths)
    if current_dir(paths) is not None or not _has_format(root):
        return False
    folder = root / "gen-0"
    folder.mkdir(exist_ok=True)
    files = [e for e in root.iterdir() if e.is_file() and e.name not in (CURRENT, NEXT)]
    for entry in sorted(files, key=lambda e: e.name == _FORMAT_FILE):
        entry.replace(folder / entry.name)
    _write_pointer(paths, CURRENT, folder)
    log.info("moved the search index into %s", folder)
    return True


def _terms_field(morph: bool, scorable: bool) -> Any:
    """A field of pre-analysed terms with frequencies but no positions."""
    return wfields.FieldType(
        wformats.Frequency(), DanishAnalyzer(morph=morph), scorable=scorable, stored=False
    )


def make_schema() -> Any:
    """One Whoosh document per page of a current document version.

    ``text`` holds stems with positions (phrases) and stores the page text for snippets;
    ``forms`` the keys (stems of lemmas) of the words whose key is not their stem, so that
    every form of a word is found; ``rev`` long stems and keys reversed (compound search);
    ``lang`` the document's language. There is no field of unstemmed words:
    it would double the postings, which dominate indexing time; prefixes and spelling
    suggestions work on the stems (see ``compiler.py`` and ``suggest.py``). The meeting,
    item and section fields filter; ``info`` stores what a hit shows, including where on
    the page each item and section begins.
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
        forms=_terms_field(morph=True, scorable=True),
        rev=_terms_field(morph=True, scorable=True),
        lang=wfields.ID,
        info=wfields.STORED,
    )


class NoTempFilesRamStorage(filestore.RamStorage):  # type: ignore[misc]
    """A RamStorage whose writers keep their scratch files in memory too.

    Whoosh's RamStorage puts a writer's temporary posting runs in the system temp directory,
    which would put note text on disk.
    """

    def temp_storage(self, name: str | None = None) -> Any:
        return filestore.RamStorage()


def _has_format(folder: Path) -> bool:
    """Whether ``folder`` holds an index of our format (not whether it is intact)."""
    try:
        fmt = (folder / _FORMAT_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return False
    return fmt == FORMAT


def unreadable(exc: Exception) -> IndexDamaged:
    """The index failed to read: named by what the reading library said."""
    said = f"{type(exc).__name__}: {exc}"
    return IndexDamaged(
        say(f"søgeindekset kan ikke læses ({said})", f"the search index cannot be read ({said})")
    )


def open_folder(folder: Path) -> Any:
    """Open the index in ``folder``; raises ``IndexDamaged`` if it is missing or unreadable."""
    if not _has_format(folder):
        raise IndexDamaged(
            say("der er intet søgeindeks i det nuværende format", "no index of the current format")
        )
    try:
        if not whoosh_index.exists_in(str(folder)):
            raise IndexDamaged(say("søgeindeksets filer mangler", "no index files"))
        ix = whoosh_index.open_dir(str(folder))
        check(ix)
    except IndexDamaged:
        raise
    except Exception as exc:
        raise unreadable(exc) from exc
    return ix


def open_index(paths: DataPaths) -> Any:
    """Open the current generation for reading; raises ``IndexDamaged`` if there is none or
    it cannot be read.

    A rebuild may make another generation current and remove this one between reading the
    pointer and opening its files: then the pointer has moved, and the new one is opened.
    """
    for _attempt in range(3):
        folder = current_dir(paths)
        if folder is None:
            raise IndexDamaged(say("der er endnu intet søgeindeks", "no search index yet"))
        try:
            return open_folder(folder)
        except IndexDamaged:
            if current_dir(paths) == folder:
                raise
    raise IndexDamaged(
        say("søgeindekset bliver ved med at ændre sig", "the search index keeps changing")
    )


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
        raise unreadable(exc) from exc


# Whoosh writes a TOC or segment file under a temporary name (``_MAIN_26.toc.1795394373.55``)
# and renames it; a writer killed in between leaves the temporary one.
_TEMP_RE = re.compile(r"^.+\.(?:toc|seg)\.[0-9][0-9.]*$")


def clean_orphans(folder: Path, ix: Any) -> int:
    """Remove files of ``folder``'s index that no live segment owns: left by a writer killed
    before its commit.

    Call with the writer lock held; Whoosh itself only cleans up after a successful commit.
    """
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


def clean_generations(paths: DataPaths) -> int:
    """Remove what is neither the current generation nor the one being built: generations a
    rebuild replaced, and the files of the single-folder layout of earlier versions.

    Call with the writer lock held. A process still reading a removed generation keeps its
    open files (POSIX); where it cannot be removed yet (Windows), the next call tries again.
    """
    root = search_root(paths)
    if not root.is_dir():
        return 0
    keep = {CURRENT, NEXT}
    keep.update(f.name for f in (current_dir(paths), next_dir(paths)) if f is not None)
    removed = 0
    for entry in root.iterdir():
        if entry.name in keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
        removed += 1
    if removed:
        log.info("removed %d old search index generations or files", removed)
    return removed
