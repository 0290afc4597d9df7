"""The continuous view's geometry: page rectangles, visible pages, positions, zoom, tiles."""

from __future__ import annotations

import pytest

from ui.viewer.layout import (
    GAP,
    MARGIN,
    PAGE_PIXEL_BUDGET,
    READING_LINE,
    TILE,
    History,
    Layout,
    fit_page_zoom,
    fit_width_zoom,
    line_at,
    needs_tiles,
    page_pixels,
    selection_ranges,
    step_zoom,
    tile_regions,
    word_at,
    zoom_scroll,
)

A4 = (595.0, 842.0)
LANDSCAPE = (842.0, 595.0)


def test_pages_stand_top_to_bottom_centred_with_a_gap() -> None:
    lay = Layout([A4, LANDSCAPE, A4], 1.0, 500)
    r0, r1, r2 = (lay.rect(i) for i in range(3))
    assert (r0.y, r0.height) == (MARGIN, 842)
    assert r1.y == r0.bottom + GAP and r2.y == r1.bottom + GAP
    assert lay.content_width == 842 + 2 * MARGIN
    assert r1.x == MARGIN and r0.x == MARGIN  # the view is narrower than either
    wide = Layout([A4, LANDSCAPE], 1.0, 700)
    assert wide.rect(0).x == (700 - 595) // 2 and wide.rect(1).x == MARGIN
    assert lay.content_height == r2.bottom + MARGIN


def test_page_at_and_visible_pages() -> None:
    lay = Layout([A4] * 10, 0.5, 400)
    h = lay.rect(0).height
    assert lay.page_at(0) == 0
    assert lay.page_at(lay.rect(3).y + 5) == 3
    assert lay.page_at(lay.rect(3).bottom + 1) == 4  # in the gap: the page below
    assert lay.page_at(10**9) == 9
    assert list(lay.visible(lay.rect(2).y + 1, h)) == [2]
    assert list(lay.visible(lay.rect(2).y + 1, h + GAP)) == [2, 3]
    assert list(lay.visible(lay.rect(2).bottom + 1, GAP - 2)) == [3]
    assert list(lay.visible(0, 10**9)) == list(range(10))
    assert list(Layout([], 1.0, 100).visible(0, 100)) == []


def test_position_round_trips_through_scroll_for() -> None:
    lay = Layout([A4] * 20, 1.3, 900)
    for page, y in [(1, 0.0), (5, 100.0), (19, 800.0), (7, 421.5)]:
        scroll = lay.scroll_for(page, y)
        got_page, got_y = lay.position(scroll)
        assert got_page == page and got_y == pytest.approx(y, abs=1 / 1.3)
    # no y: the page's top edge just in view
    assert lay.rect(4).y - lay.scroll_for(4, None) == GAP / 2
    assert lay.position(lay.scroll_for(4, None))[0] == 4
    assert READING_LINE > GAP


def test_fit_width_uses_the_usual_width_and_fit_page_the_whole_page() -> None:
    sizes = [A4, A4, LANDSCAPE, A4]
    assert fit_width_zoom(sizes, 615) == pytest.approx((615 - 2 * MARGIN) / 595)
    z = fit_page_zoom(A4, 1000, 600)
    assert z == pytest.approx((600 - 2 * MARGIN) / 842)
    lay = Layout([A4], z, 1000)
    assert lay.rect(0).height <= 600 - 2 * MARGIN + 1


def test_zoom_keeps_the_point_under_the_pointer() -> None:
    sizes = [A4] * 30
    old = Layout(sizes, 1.0, 800)
    scroll = (0.0, old.rect(12).y + 300.0)
    anchor = (350.0, 200.0)
    page, px, py = old.to_page(scroll[0] + anchor[0], scroll[1] + anchor[1])
    for zoom in (2.0, 0.5, 3.7):
        new = Layout(sizes, zoom, 800)
        sx, sy = zoom_scroll(old, new, scroll, anchor)
        p2, x2, y2 = new.to_page(sx + anchor[0], sy + anchor[1])
        assert p2 == page
        assert y2 == pytest.approx(py, abs=1.0 / zoom + 0.01)
        if new.content_width > 800:  # scrolled sideways only when the page is wider
            assert x2 == pytest.approx(px, abs=1.0 / zoom + 0.01)


def test_zoom_steps() -> None:
    assert step_zoom(1.0, 1) == 1.1 and step_zoom(1.0, -1) == 0.9
    assert step_zoom(1.05, 1) == 1.1 and step_zoom(1.05, -1) == 1.0
    assert step_zoom(4.0, 1) == 5.0
    assert step_zoom(0.5, -1) == 0.4


def test_whole_pages_up_to_the_budget_then_a_grid_of_visible_tiles() -> None:
    assert not needs_tiles(A4, 2.0)
    assert needs_tiles(A4, 4.0)
    w, h = page_pixels(A4, 4.0)
    assert w * h > PAGE_PIXEL_BUDGET
    grid = tile_regions(A4, 4.0)
    assert sum(r[2] * r[3] for r in grid) == w * h
    assert all(r[2] <= TILE and r[3] <= TILE for r in grid)
    seen = tile_regions(A4, 4.0, (TILE + 10, 10, 100, TILE))
    assert seen == [(TILE, 0, TILE, TILE), (TILE, TILE, TILE, TILE)]


def test_history_goes_back_and_forward_through_jumps() -> None:
    h = History()
    assert h.back((0, 0.0)) is None
    h.record((0, 10.0))
    h.record((5, 0.0))
    assert h.back((9, 0.0)) == (5, 0.0)
    assert h.back((5, 0.0)) == (0, 10.0)
    assert not h.can_back() and h.can_forward()
    assert h.forward((0, 10.0)) == (5, 0.0)
    h.record((5, 0.0))  # a new jump drops what was ahead
    assert not h.can_forward()


def test_selection_ranges_across_pages() -> None:
    lengths = {2: 100, 3: 50, 4: 80}
    assert selection_ranges((2, 90), (4, 10), lengths) == {2: (90, 100), 3: (0, 50), 4: (0, 10)}
    assert selection_ranges((4, 10), (2, 90), lengths) == {2: (90, 100), 3: (0, 50), 4: (0, 10)}
    assert selection_ranges((3, 5), (3, 5), lengths) == {}
    assert selection_ranges((2, 0), (4, 0), {2: 10}) == {2: (0, 10)}


def test_word_and_line_around_a_character() -> None:
    text = "Budget 2025-28 vedtaget.\nNæste linje her"
    assert text[slice(*word_at(text, 2))] == "Budget"
    assert text[slice(*word_at(text, 9))] == "2025-28"
    assert text[slice(*word_at(text, 6))] == " "
    assert text[slice(*line_at(text, 3))] == "Budget 2025-28 vedtaget."
    assert text[slice(*line_at(text, 30))] == "Næste linje her"
