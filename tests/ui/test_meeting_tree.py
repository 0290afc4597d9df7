"""The meeting list's badge column: sized from its distinct texts, as wide as Qt's
ResizeToContents would make it, after a fill and after new counts."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from reader.library.news import Badges, BodyGroup
from reader.library.rows import MeetingRow
from ui.meeting_tree import MeetingTree, Words


def _words() -> Words:
    def badge(b: Badges) -> tuple[str, str]:
        short = " · ".join(
            f"{n} {w}" for n, w in ((b.new, "nye"), (b.changed, "ændr."), (b.unread, "ulæst")) if n
        )
        return short, short

    return Words(
        when=lambda iso: iso or "",
        no_date="Uden dato",
        upcoming="Kommende",
        past="Tidligere",
        demo="demo",
        badge=badge,
        removed="fjernet",
    )


def _meeting(mid: int, body_id: int) -> MeetingRow:
    return MeetingRow(
        mid, f"Udvalg {body_id}", f"Møde {mid}", "agenda", None, None, None, False, body_id=body_id
    )


def _resize_to_contents(tree: MeetingTree) -> int:
    header = tree.header()
    fitted = header.sectionSize(1)
    header.setResizeContentsPrecision(-1)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    tree.doItemsLayout()
    qt = header.sectionSize(1)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(1, fitted)
    return qt


def test_the_badge_column_is_as_wide_as_its_widest_badge(qtbot: QtBot) -> None:
    tree = MeetingTree()
    qtbot.addWidget(tree)
    tree.resize(400, 300)
    tree.show()
    groups = [
        BodyGroup(b, f"Udvalg {b}", [], [_meeting(b * 100 + i, b) for i in range(40)], Badges())
        for b in (1, 2)
    ]
    counts = {m.id: Badges(unread=m.id % 3) for g in groups for m in g.past}
    counts[205] = Badges(new=12, changed=3, unread=45)  # far down the list
    tree.fill(groups, counts, _words(), demo=set(), notes=set())
    assert tree.header().sectionSize(1) == _resize_to_contents(tree)
    tree.set_badges({}, {}, _words(), removed=set())  # no badges: the header's own hint
    assert tree.header().sectionSize(1) == _resize_to_contents(tree)
    tree.set_badges({1: Badges(unread=80)}, counts, _words(), removed=set())
    assert tree.header().sectionSize(1) == _resize_to_contents(tree)
    assert tree.header().sectionSize(1) > 60
