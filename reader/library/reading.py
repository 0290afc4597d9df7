"""Which agenda item a reading position belongs to.

The window follows the reader: as a member scrolls, the agenda selects the item being read
and the notes pane writes to it. Items know where their heading stands (page, y), so the
item being read is the last one whose heading is at or above the reading line.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.library.store import DocumentRow, ItemRow


def item_at(
    items: Sequence[ItemRow],
    document: DocumentRow | None,
    page: int,
    y: float,
) -> ItemRow | None:
    """The item read at ``y`` points down 0-based ``page`` of ``document``, or None before
    the first item (the meeting's front matter).

    An attachment belongs to its item wherever one reads in it. In an agenda or minutes,
    items without a known page (listed in a contents but never dealt with) are skipped,
    and a heading without a known y counts as standing at the top of its page.
    """
    if document is None:
        return None
    if document.kind == "attachment":
        if document.item_number is None:
            return None
        return next((it for it in items if it.number == document.item_number), None)
    here = (page, y)
    best: ItemRow | None = None
    best_key: tuple[int, float] | None = None
    for it in items:
        if it.document_id != document.id or it.page_start is None:
            continue
        key = (it.page_start - 1, it.y or 0.0)
        # the later item in agenda order wins a tie (a group heading and its first item)
        if key <= here and (best_key is None or key >= best_key):
            best, best_key = it, key
    return best
