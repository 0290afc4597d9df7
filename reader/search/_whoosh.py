"""Whoosh, imported once and quietly, and typed as ``Any`` for strict mypy.

Whoosh 2.7 predates Python 3.8's warnings about invalid escapes and ``is`` with literals; its
modules compile with those warnings on first use, which a user would see on stderr. Every
module the search code reaches, including those Whoosh imports lazily, is imported here.
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
