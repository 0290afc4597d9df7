"""Whoosh, imported once and quietly, and typed as ``Any`` for strict mypy.

Whoosh 2.7 predates Python 3.8's warnings about invalid escapes and ``is`` with literals; its
modules compile with those warnings on first use, which a user would see on stderr. Every
module the search code reaches, including those Whoosh imports lazily, is imported here.

One fix is made here too: a segment's files are parts of one memory-mapped file, each opened
as a ``BufferFile`` that wraps the mapping in a ``BytesIO`` -- which copies it. Opening a
100,000-page index read its term indexes and posting files (340 MB) into the app's memory:
500 MB resident before the first query. The files are read through the mapping instead.
"""

from __future__ import annotations

import warnings
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    import whoosh.analysis as _analysis
    import whoosh.automata.fsa
    import whoosh.automata.lev
    import whoosh.codec.whoosh3
    import whoosh.collectors
    import whoosh.fields as _fields
    import whoosh.filedb.compound
    import whoosh.filedb.filestore as _filestore
    import whoosh.filedb.structfile
    import whoosh.formats as _formats
    import whoosh.highlight
    import whoosh.index as _index
    import whoosh.lang as _lang
    import whoosh.lang.snowball
    import whoosh.matching
    import whoosh.query as _query
    import whoosh.reading
    import whoosh.scoring
    import whoosh.searching
    import whoosh.sorting
    import whoosh.util.filelock
    import whoosh.util.times
    import whoosh.writing


class _MappedFile:
    """A read-only file over a buffer, for ``BufferFile``: reads copy only what they read."""

    __slots__ = ("_buf", "_pos")

    def __init__(self, buf: Any) -> None:
        self._buf = memoryview(buf)
        self._pos = 0

    def read(self, n: int | None = -1) -> bytes:
        pos = self._pos
        end = len(self._buf) if n is None or n < 0 else min(len(self._buf), pos + n)
        self._pos = max(pos, end)
        return bytes(self._buf[pos:end])

    def readline(self, limit: int | None = -1) -> bytes:
        size = len(self._buf)
        stop = size if limit is None or limit < 0 else min(size, self._pos + limit)
        start = end = self._pos
        while end < stop:  # a line is short (a pickle's module or name): look a bit at a time
            chunk = bytes(self._buf[end : min(stop, end + 256)])
            found = chunk.find(b"\n")
            if found >= 0:
                end += found + 1
                break
            end += len(chunk)
        self._pos = end
        return bytes(self._buf[start:end])

    def __iter__(self) -> Any:
        while line := self.readline():
            yield line

    def seek(self, pos: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._buf))[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._buf.release()


def _buffer_file_init(self: Any, buf: Any, name: Any = None, onclose: Any = None) -> None:
    self._buf = buf
    self._name = name
    self.file = _MappedFile(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


whoosh.filedb.structfile.BufferFile.__init__ = _buffer_file_init

analysis: Any = _analysis
fields: Any = _fields
filestore: Any = _filestore
formats: Any = _formats
index: Any = _index
lang: Any = _lang
matching: Any = whoosh.matching
query: Any = _query
collectors: Any = whoosh.collectors
times: Any = whoosh.util.times
