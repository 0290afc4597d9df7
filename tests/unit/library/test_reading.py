"""The item being read follows the reading position, page and height both."""

from __future__ import annotations

from reader.library.reading import item_at
from reader.library.store import DocumentRow, ItemRow


def _doc(doc_id: int, kind: str = "agenda", item: str | None = None) -> DocumentRow:
    return DocumentRow(doc_id, 1, item, kind, "t", "f.pdf", 1, doc_id, "0" * 64, 10)


def _item(
    number: str, page: int | None, y: float | None, doc: int = 1, group: bool = False
) -> ItemRow:
    return ItemRow(
        id=hash(number) & 0xFFFF,
        number=number,
        title=f"Punkt {number}",
        is_group=group,
        group=None,
        case=None,
        closed=False,
        document_id=doc,
        page_start=page,
        page_end=page,
        sections=[],
        attachments=[],
        y=y,
    )


ITEMS = [
    _item("1", 2, 100.0),
    _item("2", 2, 500.0),
    _item("3", None, None),  # listed, never dealt with
    _item("4", 4, None),
    _item("5", 4, 300.0),
    _item("9", 1, 50.0, doc=2),  # another document's item
]


def test_the_last_heading_above_the_reading_line_wins() -> None:
    agenda = _doc(1)
    assert item_at(ITEMS, agenda, 0, 400.0) is None  # front matter
    assert item_at(ITEMS, agenda, 1, 99.0) is None
    assert item_at(ITEMS, agenda, 1, 100.0).number == "1"  # type: ignore[union-attr]
    assert item_at(ITEMS, agenda, 1, 499.0).number == "1"  # type: ignore[union-attr]
    assert item_at(ITEMS, agenda, 1, 501.0).number == "2"  # type: ignore[union-attr]
    assert item_at(ITEMS, agenda, 2, 10.0).number == "2"  # type: ignore[union-attr]
    assert item_at(ITEMS, agenda, 3, 0.0).number == "4"  # type: ignore[union-attr]
    assert item_at(ITEMS, agenda, 3, 299.0).number == "4"  # type: ignore[union-attr]
    assert item_at(ITEMS, agenda, 9, 0.0).number == "5"  # type: ignore[union-attr]


def test_an_attachment_belongs_to_its_item_throughout() -> None:
    bilag = _doc(7, kind="attachment", item="2")
    assert item_at(ITEMS, bilag, 0, 0.0).number == "2"  # type: ignore[union-attr]
    assert item_at(ITEMS, bilag, 30, 700.0).number == "2"  # type: ignore[union-attr]
    assert item_at(ITEMS, _doc(8, kind="attachment"), 0, 0.0) is None
    assert item_at(ITEMS, None, 0, 0.0) is None


def test_a_group_heading_gives_way_to_its_first_item_on_the_same_line() -> None:
    items = [_item("2", 3, 200.0, group=True), _item("2.1", 3, 200.0)]
    assert item_at(items, _doc(1), 2, 250.0).number == "2.1"  # type: ignore[union-attr]
