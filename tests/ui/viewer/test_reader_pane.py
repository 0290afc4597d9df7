"""The reader with real PDFs and real render workers: scrolling, zoom, find, marks,
selection, history, state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support.reader_pdfs import LEADING, LINE_TOP, line_text, make_text_pdf
from tests.support.reader_view import mouse, open_and_wait, wait_drawn, wheel
from ui.viewer.layout import MARGIN, READING_LINE
from ui.viewer.pane import ReaderPane
from ui.viewer.view import PAGE, PERCENT, WIDTH


def test_page_down_and_wheel_scroll_continuously_into_the_next_page(
    qtbot: QtBot, pane: ReaderPane, text_pdf: Path
) -> None:
    open_and_wait(qtbot, pane, text_pdf)
    view = pane.view
    bar = view.verticalScrollBar()
    assert pane.position()[0] == 0
    seen_both = False
    values = [bar.value()]
    while pane.position()[0] == 0:
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        values.append(bar.value())
        assert values[-1] > values[-2]  # always moves on, never jumps to a page's top
        first, second = view.page_rect_in_view(0), view.page_rect_in_view(1)
        seen_both |= first.bottom() > 0 and second.top() < view.viewport().height()
    assert seen_both  # the end of page 1 and the start of page 2 were on screen together
    assert pane.position()[1] < view.viewport().height() / view.zoom()
    wait_drawn(qtbot, pane)

    view.go_to(0, 0.0, record=False)
    start = bar.value()
    center = view.viewport().rect().center()
    while pane.position()[0] == 0:
        wheel(view.viewport(), center, -120)
        assert bar.value() > start
        start = bar.value()
    assert pane.position() == (1, pane.position()[1])


def test_page_up_from_the_top_of_page_7_shows_the_bottom_of_page_6(
    qtbot: QtBot, pane: ReaderPane, text_pdf: Path
) -> None:
    open_and_wait(qtbot, pane, text_pdf, page=6)
    view = pane.view
    assert view.page_rect_in_view(6).top() == MARGIN // 2  # the page's top edge in view
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    bottom = view.page_rect_in_view(5).bottom()
    assert 0 < bottom < view.viewport().height()
    assert pane.position()[0] == 5
    wait_drawn(qtbot, pane)
    image = view.viewport().grab().toImage()
    # the last line of page 6 is drawn (dark pixels of its text), not a blank page
    y = view.viewport_point(5, 60, LINE_TOP + 39 * LEADING - 4).y()
    row = [image.pixelColor(x, y).lightness() for x in range(view.page_rect_in_view(5).left(), 500)]
    assert min(row) < 128


def test_position_changed_follows_scrolling(qtbot: QtBot, pane: ReaderPane, text_pdf: Path) -> None:
    open_and_wait(qtbot, pane, text_pdf)
    got: list[tuple[int, float]] = []
    pane.position_changed.connect(lambda page, y: got.append((page, y)))
    for _ in range(40):
        qtbot.keyClick(pane.view, Qt.Key.Key_Down)
    assert len(got) == 40
    assert got == sorted(got)  # (page, y) only grows while scrolling down
    assert got[-1][0] == 1 and got[0][0] == 0
    page, y = pane.position()
    point = pane.view.viewport_point(page, 0, y)
    assert abs(point.y() - READING_LINE) <= 1
    assert pane.page_field.text() == str(page + 1)


def test_zoom_modes(qtbot: QtBot, pane: ReaderPane, text_pdf: Path) -> None:
    open_and_wait(qtbot, pane, text_pdf)
    view = pane.view
    assert view.zoom_mode() == WIDTH
    width = view.viewport().width()
    assert abs(view.page_rect_in_view(0).width() - (width - 2 * MARGIN)) <= 1
    assert view.page_rect_in_view(9).width() > width  # the landscape page is not shrunk

    pane.zoom_combo.activated.emit(1)  # Hele siden
    assert view.zoom_mode() == PAGE
    rect = view.page_rect_in_view(pane.position()[0])
    assert rect.top() >= 0 and rect.bottom() <= view.viewport().height()
    assert pane.zoom_combo.currentText() == "Hele siden"

    pane.zoom_combo.activated.emit(pane.zoom_combo.findData(200))
    assert view.zoom_mode() == PERCENT and view.zoom() == 2.0
    assert view.page_rect_in_view(0).width() == 1190
    wait_drawn(qtbot, pane)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == 1.75 and pane.zoom_combo.currentText() == "175 %"
    view.resize(view.width() - 100, view.height())  # a percentage stays when the view narrows
    assert view.zoom() == 1.75
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_mode() == WIDTH


def test_ctrl_wheel_zooms_around_the_pointer(
    qtbot: QtBot, pane: ReaderPane, text_pdf: Path
) -> None:
    open_and_wait(qtbot, pane, text_pdf, page=3)
    view = pane.view
    pointer = QPoint(200, 300)
    sx, sy = view.horizontalScrollBar().value(), view.verticalScrollBar().value()
    page, px, py = view.layout_.to_page(pointer.x() + sx, pointer.y() + sy)
    for _ in range(3):
        wheel(view.viewport(), pointer, 120, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_mode() == PERCENT and view.zoom() > 1.2
    after = view.viewport_point(page, px, py)
    assert abs(after.x() - pointer.x()) <= 2 and abs(after.y() - pointer.y()) <= 2
    wait_drawn(qtbot, pane)  # tiles for the new scale arrive


def test_find_marks_every_match_and_counts(qtbot: QtBot, pane: ReaderPane, text_pdf: Path) -> None:
    open_and_wait(qtbot, pane, text_pdf, page=2)
    qtbot.keyClick(pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = pane.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "LINJE12 budget")  # case and spaces do not matter
    qtbot.waitUntil(bar.finished, timeout=30_000)
    # the current match is the first from where the reader was (page 3), counted from the start
    qtbot.waitUntil(lambda: bar.count_label.text() == "3 af 12", timeout=30_000)
    assert bar.matches()[bar.current()].page == 2
    assert 2 in pane.view._find and len(pane.view._find[2]) == 1
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count_label.text() == "4 af 12" and pane.position()[0] == 3
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count_label.text() == "5 af 12"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "4 af 12"
    for _ in range(3):
        qtbot.keyClick(pane.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "1 af 12"
    qtbot.keyClick(pane.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "12 af 12"  # round the start to the end
    match = bar.matches()[bar.current()]
    assert match.page == 11
    text = line_text(11, 11)
    assert text.lower().startswith("side12 linje12 budget")
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and pane.view._find == {}
    assert pane.view.history.can_back()  # the hits were jumps: Back returns
    bar.open_bar()
    qtbot.keyClicks(bar.field, "findes ikke")
    qtbot.waitUntil(lambda: bar.count_label.text() == "Ingen fund", timeout=30_000)


def test_a_search_hit_has_its_words_marked(qtbot: QtBot, pane: ReaderPane, text_pdf: Path) -> None:
    open_and_wait(qtbot, pane, text_pdf, page=4)
    pane.mark_terms(4, "sundhedsreform skole")
    qtbot.waitUntil(lambda: bool(pane.view.term_marks()), timeout=30_000)
    marks = pane.view.term_marks()[4]
    text = pane.view.page_text(4)
    assert text is not None
    assert len(marks) == 2 * 40  # both words on each of the 40 lines
    words = {text.text[text.index_at((r[0] + r[2]) / 2, (r[1] + r[3]) / 2) or 0] for r in marks}
    assert words <= set("sundhedsreformenskolerne")
    pane.clear_terms()
    assert pane.view.term_marks() == {}


def test_select_with_the_mouse_and_keyboard_and_copy(
    qtbot: QtBot, pane: ReaderPane, text_pdf: Path
) -> None:
    open_and_wait(qtbot, pane, text_pdf)
    view = pane.view
    vp = view.viewport()
    line1, line2 = LINE_TOP - 4, LINE_TOP + LEADING - 4
    start = view.viewport_point(0, 49, line1)
    end = view.viewport_point(0, 500, line2)
    mouse(vp, QEvent.Type.MouseButtonPress, start)
    mouse(vp, QEvent.Type.MouseMove, view.viewport_point(0, 200, line1))
    mouse(vp, QEvent.Type.MouseMove, end)
    mouse(vp, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    qtbot.waitUntil(view.has_selection, timeout=30_000)
    copied: list[str] = []
    view.copy(copied.append)
    expected = line_text(0, 0) + "\n" + line_text(0, 1)
    assert copied == [expected]
    assert QGuiApplication.clipboard().text() == expected

    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    view.copy(copied.append)
    assert copied[-1] == expected[:-1]

    mouse(vp, QEvent.Type.MouseButtonDblClick, view.viewport_point(0, 60, line2))
    qtbot.waitUntil(lambda: view.has_selection() and len(copied) == 2, timeout=5000)
    view.copy(copied.append)
    assert copied[-1] == "Side1"
    mouse(vp, QEvent.Type.MouseButtonPress, view.viewport_point(0, 60, line2))  # a third click
    mouse(vp, QEvent.Type.MouseButtonRelease, view.viewport_point(0, 60, line2))
    view.copy(copied.append)
    assert copied[-1] == line_text(0, 1)  # the whole line

    qtbot.wait(QApplication.doubleClickInterval() + 50)  # so the next press is a new click
    mouse(vp, QEvent.Type.MouseButtonPress, start)
    mouse(vp, QEvent.Type.MouseButtonRelease, start)
    shift = Qt.KeyboardModifier.ShiftModifier
    third = view.viewport_point(0, 500, LINE_TOP + 2 * LEADING - 4)
    mouse(vp, QEvent.Type.MouseButtonPress, third, modifiers=shift)  # Shift+click extends
    mouse(vp, QEvent.Type.MouseButtonRelease, third, modifiers=shift)
    view.copy(copied.append)
    assert copied[-1] == "\n".join(line_text(0, n) for n in range(3))

    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    whole = QGuiApplication.clipboard().text()
    assert whole.startswith(line_text(0, 0)) and whole.endswith(line_text(0, 39))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.has_selection()


def test_go_to_page_bookmarks_back_and_forward(
    qtbot: QtBot, pane: ReaderPane, text_pdf: Path
) -> None:
    open_and_wait(qtbot, pane, text_pdf)
    assert pane.page_count_label.text() == "af 12"
    qtbot.keyClick(pane.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert pane.page_field.hasFocus()
    qtbot.keyClicks(pane.page_field, "8")
    qtbot.keyClick(pane.page_field, Qt.Key.Key_Return)
    assert pane.position()[0] == 7 and pane.view.hasFocus()
    assert pane.back_button.isEnabled() and not pane.forward_button.isEnabled()

    qtbot.keyClick(pane.view, Qt.Key.Key_F4)
    assert pane.sidebar.isVisible() and pane.sidebar_button.isChecked()
    qtbot.waitUntil(lambda: 7 in pane.sidebar.thumbnails.icon_pages(), timeout=30_000)
    bookmarks = pane.sidebar.bookmarks
    child = bookmarks.topLevelItem(1).child(0)  # "Underafsnit 2.1": page 11, 300 pt down
    bookmarks.itemActivated.emit(child, 0)
    page, y = pane.position()
    assert page == 10 and abs(y - 300) < 2

    qtbot.keyClick(pane.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert pane.position()[0] == 7
    qtbot.keyClick(pane.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert pane.position()[0] == 0
    assert not pane.back_button.isEnabled()
    pane.forward_button.click()
    assert pane.position()[0] == 7
    scrolled = pane.view.verticalScrollBar().value()
    qtbot.keyClick(pane.view, Qt.Key.Key_PageDown)  # scrolling is no jump
    assert pane.view.verticalScrollBar().value() > scrolled
    pane.back_button.click()
    assert pane.position()[0] == 0

    qtbot.keyClick(pane.view, Qt.Key.Key_F4)
    assert not pane.sidebar.isVisible()


def test_state_round_trip(qtbot: QtBot, pane: ReaderPane, client: object, text_pdf: Path) -> None:
    open_and_wait(qtbot, pane, text_pdf)
    pane.view.set_zoom(1.5)
    pane.set_sidebar_visible(True)
    pane.dark_button.click()
    state = pane.state()
    other = ReaderPane(pane.client)
    qtbot.addWidget(other)
    other.resize(800, 600)
    other.show()
    other.restore_state("not json")
    other.restore_state("[1, 2]")
    assert other.view.zoom_mode() == WIDTH
    other.restore_state(state)
    assert other.view.zoom_mode() == PERCENT and other.view.zoom() == 1.5
    assert other.sidebar.isVisible() and other.view.inverted()
    assert other.state() == state
    other.restore_state(state.replace('"percent"', '"width"'))
    assert other.view.zoom_mode() == WIDTH


def test_dark_pages_are_drawn_inverted(qtbot: QtBot, pane: ReaderPane, text_pdf: Path) -> None:
    open_and_wait(qtbot, pane, text_pdf)
    view = pane.view
    paper = view.viewport_point(0, 500, LINE_TOP + 2)  # right of the text, on paper
    assert view.viewport().grab().toImage().pixelColor(paper).lightness() > 200
    pane.dark_button.click()
    assert view.viewport().grab().toImage().pixelColor(paper).lightness() < 60


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, pane: ReaderPane, text_pdf: Path
) -> None:
    open_and_wait(qtbot, pane, text_pdf)
    pane.set_sidebar_visible(True)
    pane.find_bar.open_bar()
    unnamed = [
        f"{type(w).__name__}:{w.objectName()}"
        for w in pane.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.accessibleName()
    ]
    assert unnamed == []


def test_the_tiles_come_from_the_workers_at_the_screen_scale(
    qtbot: QtBot, pane: ReaderPane, text_pdf: Path
) -> None:
    open_and_wait(qtbot, pane, text_pdf)
    view = pane.view
    scale = view.zoom() * view.devicePixelRatioF()
    tile = pane.client.close_enough(text_pdf, 0, scale)
    assert tile is not None
    assert abs(tile.image.width() - view.page_rect_in_view(0).width()) <= 1
    # a zoom high enough for tiles: only those on screen are asked for
    view.set_zoom(5.0)
    wait_drawn(qtbot, pane)
    regions = [k.region for k in pane.client.cache if k.region is not None]
    assert regions and all(r[2] <= 1024 and r[3] <= 1024 for r in regions)


def test_showing_the_open_document_is_a_jump_and_step_turns_pages(
    qtbot: QtBot, pane: ReaderPane, text_pdf: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, pane, text_pdf)
    pane.show_document(text_pdf, 5, 100.0)  # the same document: no reopening
    page, y = pane.position()
    assert page == 5 and abs(y - 100) < 2 and pane.view.history.can_back()
    pane.step(2)
    assert pane.position()[0] == 7
    pane.step(-100)
    assert pane.position()[0] == 0
    other = make_text_pdf(tmp_path / "bilag.pdf", 3, outline=False)
    with qtbot.waitSignal(pane.document_opened, timeout=30_000):
        pane.show_document(other, 2)
    assert pane.view.page_count == 3 and pane.position()[0] == 2
    assert not pane.sidebar.bookmarks.topLevelItemCount()
