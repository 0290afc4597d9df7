"""Bring what follows the library's change log up to date: the search index, then anchors.

The library knows nothing of search or notes. Whatever changes it (import, sync) calls
:func:`catch_up` once its transaction has committed. Each follower keeps its own cursor in
the library, so a failure here loses nothing: the work stays pending for the next run.
"""

from __future__ import annotations

from reader.library import Library
from reader.notes.commands import after_import as carry_over_annotations
from reader.search.commands import after_import as update_search_index


def catch_up(lib: Library, quiet: bool = False) -> None:
    update_search_index(lib, quiet=quiet)
    carry_over_annotations(lib, quiet=quiet)
