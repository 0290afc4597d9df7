"""Where :mod:`reader.followers` finds the search index's follower; the search commands
are in :mod:`reader.cli.search`."""

from reader.cli.search import after_import

__all__ = ["after_import"]
