"""Rendering and reading pages in worker processes, so MuPDF never freezes or crashes the app."""

from reader.errors import RenderCrashed
from reader.render.cache import ByteLRU
from reader.render.pool import RenderPool
from reader.render.types import (
    DocumentInfo,
    FindMatch,
    OutlineEntry,
    PageText,
    Rect,
    RenderFailure,
    Tile,
    TileRequest,
)

__all__ = [
    "ByteLRU",
    "DocumentInfo",
    "FindMatch",
    "OutlineEntry",
    "PageText",
    "Rect",
    "RenderCrashed",
    "RenderFailure",
    "RenderPool",
    "Tile",
    "TileRequest",
]
