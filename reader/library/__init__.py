"""The local library: one SQLite file plus content-addressed PDF files."""

from reader.library.store import Library

__all__ = ["Library"]
