"""Draw the app icon: PNGs at the usual sizes, a Windows .ico and a macOS .icns.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py

The icon is a meeting folder (a *mappe*) holding an agenda with a highlighted line, drawn
with QPainter at each size rather than scaled down, so the small sizes stay crisp (they draw
fewer lines). Writes ``resources/icons/moedemappe-SIZE.png`` (the window's icon, installed
into the hicolor theme on Linux) and ``packaging/icons/moedemappe.ico`` / ``.icns``. The
files are committed; run this again only when the drawing changes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath

sys.path.insert(0, str(Path(__file__).resolve().parent))
from packaging_info import ICON_SIZES, ROOT, icon_file, icon_png

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# macOS icon types holding PNG data, by pixel size (the 1024 one is 512 at 2x)
ICNS_TYPES = (
    (16, b"icp4"),
    (32, b"icp5"),
    (64, b"icp6"),
    (128, b"ic07"),
    (256, b"ic08"),
    (512, b"ic09"),
    (1024, b"ic10"),
)

BACK = QColor(28, 78, 140)
FRONT_TOP, FRONT_BOTTOM = QColor(58, 125, 200), QColor(38, 98, 172)
PAPER, INK, HIGHLIGHT = QColor(255, 255, 255), QColor(90, 100, 115), QColor(255, 206, 50)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64  # the drawing is made on a 64-unit grid
    small = size <= 24

    # the folder's back, with its tab
    back = QPainterPath()
    back.moveTo(4 * s, 14 * s)
    back.lineTo(4 * s, 10 * s)
    back.quadTo(4 * s, 7 * s, 7 * s, 7 * s)
    back.lineTo(22 * s, 7 * s)
    back.lineTo(27 * s, 12 * s)
    back.lineTo(57 * s, 12 * s)
    back.quadTo(60 * s, 12 * s, 60 * s, 15 * s)
    back.lineTo(60 * s, 52 * s)
    back.lineTo(4 * s, 52 * s)
    back.closeSubpath()
    p.fillPath(back, BACK)

    # the agenda, standing out of the folder
    sheet = QRectF(17 * s, 4 * s, 36 * s, 40 * s)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(0, 0, 0, 40))
    p.drawRoundedRect(sheet.translated(0.8 * s, 0.8 * s), 2 * s, 2 * s)
    p.setBrush(PAPER)
    p.drawRoundedRect(sheet, 2 * s, 2 * s)
    rows = (11.0, 19.0) if small else (10.0, 15.0, 20.0, 25.0)
    line = max(1.0, (3.2 if small else 2.4) * s)
    for i, y in enumerate(rows):
        if i == 1:
            p.fillRect(QRectF(20 * s, (y - 2.6) * s, 30 * s, 5.2 * s), HIGHLIGHT)
        width = 26 if i % 2 == 0 else 20
        p.fillRect(QRectF(22 * s, y * s - line / 2, width * s, line), INK)

    # the folder's front, slanted a little, over the sheet's lower half
    front = QPainterPath()
    front.moveTo(4 * s, 27 * s)
    front.lineTo(60 * s, 27 * s)
    front.lineTo(58 * s, 55 * s)
    front.quadTo(57.8 * s, 58 * s, 55 * s, 58 * s)
    front.lineTo(9 * s, 58 * s)
    front.quadTo(6.2 * s, 58 * s, 6 * s, 55 * s)
    front.closeSubpath()
    gradient = QLinearGradient(QPointF(0, 27 * s), QPointF(0, 58 * s))
    gradient.setColorAt(0, FRONT_TOP)
    gradient.setColorAt(1, FRONT_BOTTOM)
    p.fillPath(front, gradient)
    if not small:  # the folder's label
        p.setBrush(QColor(255, 255, 255, 210))
        p.drawRoundedRect(QRectF(24 * s, 37 * s, 16 * s, 8 * s), 1.5 * s, 1.5 * s)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An .ico of PNG images (Windows Vista and later read PNG entries)."""
    sizes = sorted(images)
    head = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(head) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = images[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return head + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    """An .icns of PNG images, as iconutil writes them."""
    body = b"".join(
        kind + struct.pack(">I", len(images[n]) + 8) + images[n] for n, kind in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pngs = {size: png_bytes(draw(size)) for size in {*ICON_SIZES, *ICO_SIZES, 1024}}
    for size in ICON_SIZES:
        target = icon_png(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    Path(icon_file(ROOT, "ico")).parent.mkdir(parents=True, exist_ok=True)
    Path(icon_file(ROOT, "ico")).write_bytes(ico({n: pngs[n] for n in ICO_SIZES}))
    Path(icon_file(ROOT, "icns")).write_bytes(icns(pngs))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
