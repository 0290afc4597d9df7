"""The facts a document opens with, read without loading its pages: sizes as shown and the
bookmarks with their places, the same as PyMuPDF's page objects give them, turned pages too."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from reader.pdf import pages


def _turned(path: Path) -> Path:
    doc = pymupdf.open()
    for rotation in (0, 90, 180, 270):
        page = doc.new_page(width=400, height=600)
        page.insert_text((50, 300), f"Side drejet {rotation}")
        page.set_rotation(rotation)
    to = pymupdf.Point(50, 250)
    toc = [
        [1, f"Side {i + 1}", i + 1, {"kind": pymupdf.LINK_GOTO, "to": to, "page": i}]
        for i in range(4)
    ]
    toc.insert(2, [2, "Underpunkt", 2, {"kind": pymupdf.LINK_GOTO, "to": to, "page": 1}])
    toc.append([2, "Hele siden", 2, {"kind": pymupdf.LINK_GOTO, "page": 1}])
    doc.set_toc(toc)
    doc.save(path)
    return path


def _as_pymupdf_says(doc: pymupdf.Document) -> list[tuple[int, str, int, float | None]]:
    out = []
    for level, title, number, dest in doc.get_toc(simple=False):
        page = doc[number - 1]
        y = None
        if dest.get("to") is not None:
            y = (pymupdf.Point(dest["to"]) * page.rotation_matrix).y
            y = max(0.0, min(float(y), page.rect.height))
        out.append((level, title, number - 1, y))
    return out


def test_sizes_and_bookmarks_match_what_pages_say(tmp_path: Path) -> None:
    doc = pymupdf.open(_turned(tmp_path / "drejet.pdf"))
    count, sizes, outline = pages.document_info(doc)
    assert count == 4
    assert sizes == [(p.rect.width, p.rect.height) for p in doc]
    assert sizes[1] == (600.0, 400.0)
    expected = _as_pymupdf_says(doc)
    assert [(lv, t, p) for lv, t, p, _y in outline] == [(lv, t, p) for lv, t, p, _y in expected]
    for (_l, title, _p, y), (_l2, _t2, _p2, want) in zip(outline, expected, strict=True):
        assert y is not None and want is not None, title
        assert abs(y - want) < 0.01, title
    # the places differ by the turn of their page: the same point, four heights
    assert len({round(y or 0) for _l, _t, _p, y in outline[:5]}) > 2


def test_a_document_without_bookmarks_or_not_a_pdf(tmp_path: Path) -> None:
    doc = pymupdf.open()
    doc.new_page(width=300, height=300)
    doc.save(tmp_path / "plain.pdf")
    assert pages.document_info(pymupdf.open(tmp_path / "plain.pdf")) == (1, [(300.0, 300.0)], [])
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 20, 10), False)
    pix.save(tmp_path / "billede.png")
    count, sizes, outline = pages.document_info(pymupdf.open(tmp_path / "billede.png"))
    assert count == 1 and len(sizes) == 1 and outline == []
