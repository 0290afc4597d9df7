"""Where :mod:`reader.followers` finds the annotation anchors' follower; the notes commands
are in :mod:`reader.cli.notes`."""

from reader.cli.notes import after_import

__all__ = ["after_import"]
