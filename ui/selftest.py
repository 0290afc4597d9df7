"""The window's part of ``moedemappe --self-test``: Qt, its plugins and translations, the
annotations drawn on the page a worker rendered, and the main window on the test library.

Headless: the offscreen platform unless ``QT_QPA_PLATFORM`` names another, so nothing shows
on the member's screen. PySide6 is imported by the steps, not by this module, so that the
core's steps run (and fail) first.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import StepFailed
from reader.i18n import say
from reader.selftest import SelfTest, Step

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

WINDOW_TIMEOUT_S = 60.0

# The platform plugin a desktop session needs, besides the offscreen one the test runs on
DESKTOP_PLUGINS = {
    "linux": ("libqxcb.so",),
    "win32": ("qwindows.dll",),
    "darwin": ("libqcocoa.dylib",),
}


def _application() -> QApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        # Qt's warnings go to the test library's log, not between the report's lines (the
        # offscreen platform warns about window hints it cannot pass on)
        qInstallMessageHandler(_to_log)
        app = QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    return app


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    log.info("Qt (%s): %s", kind.name, message)


def check_qt(test: SelfTest) -> str:
    """Qt starts; the desktop's platform plugin and the app's translations are there."""
    app = _application()
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    from ui.app import I18N_DIR

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None and not plugins.resolve().is_relative_to(Path(bundle).resolve()):
        raise StepFailed(
            say(
                f"Qt leder efter sine plugins uden for programmet: {plugins}",
                f"Qt looks for its plugins outside the bundle: {plugins}",
            )
        )
    wanted = next((v for k, v in DESKTOP_PLUGINS.items() if sys.platform.startswith(k)), ())
    missing = [name for name in wanted if not (plugins / name).is_file()]
    if missing:
        raise StepFailed(
            say(
                f"Qt-platformen {', '.join(missing)} mangler i {plugins}",
                f"the Qt platform plugin {', '.join(missing)} is missing from {plugins}",
            )
        )
    qt_words = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator(app).load("qtbase_da", qt_words):  # Qt's own dialogs, in Danish
        raise StepFailed(
            say(
                f"Qts danske oversættelse mangler i {qt_words}",
                f"Qt's Danish is missing from {qt_words}",
            )
        )
    translator = QTranslator(app)
    if not translator.load("moedemappe_en", str(I18N_DIR)):
        raise StepFailed(
            say(f"ingen engelsk oversættelse i {I18N_DIR}", f"no English translation in {I18N_DIR}")
        )
    app.installTranslator(translator)
    try:
        english = QCoreApplication.translate("MainWindow", "Møder")
    finally:
        app.removeTranslator(translator)
    if english != "Meetings":
        raise StepFailed(say(f"oversættelsen gav {english!r}", f"the translation gave {english!r}"))
    platform = app.platformName()
    return say(
        f"Qt {QLibraryInfo.version().toString()} på {platform!r}, {', '.join(wanted)} til stede, "
        f"engelsk oversættelse indlæst ('Møder' -> {english!r})",
        f"Qt {QLibraryInfo.version().toString()} on {platform!r}, {', '.join(wanted)} present, "
        f"English translation loaded ('Møder' -> {english!r})",
    )


def check_drawing(test: SelfTest) -> str:
    """The reloaded annotations are drawn over the page the worker rendered, as the reader
    draws them: the highlight tints the page under it, the stroke marks it."""
    _application()
    from PySide6.QtGui import QColor, QImage, QPainter

    from ui.annotation_paint import Shape, paint_annotations

    page = test.rendered
    if page is None or len(test.annotations) != 2:
        raise StepFailed(
            say("ingen side og markeringer at tegne", "no page and annotations to draw")
        )
    image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    before = image.copy()
    shapes = [Shape(v.kind, v.color, v.rects, v.ink, v.text or "") for v in test.annotations]
    painter = QPainter(image)
    try:
        paint_annotations(painter, shapes, page.scale)
    finally:
        painter.end()
    highlight, ink = test.annotations

    def changed(x: float, y: float) -> bool:
        px, py = int(x * page.scale), int(y * page.scale)
        return QColor(image.pixel(px, py)) != QColor(before.pixel(px, py))

    x0, y0, x1, _ = highlight.rects[0]
    # points along the highlight's top edge (above the glyphs: black stays black when
    # tinted), and the stroke's middle point
    tinted = any(changed(x0 + (x1 - x0) * f, y0 + 1) for f in (0.1, 0.3, 0.5, 0.7, 0.9))
    mx, my = ink.ink[0][1]
    stroked = changed(mx, my)
    if not (tinted and stroked):
        what = [w for w, ok in (("highlight", tinted), ("ink", stroked)) if not ok]
        raise StepFailed(say(f"ikke tegnet: {', '.join(what)}", f"not drawn: {', '.join(what)}"))
    return say(
        f"fremhævning og frihåndsstreg tegnet på side {page.page} ({page.width}x{page.height} px)",
        f"highlight and ink drawn on page {page.page} ({page.width}x{page.height} px)",
    )


def check_window(test: SelfTest) -> str:
    """The main window opens on the test library: every meeting listed, the notes unlocked
    from the (test) keychain. Then it closes as the app does on quit."""
    app = _application()
    from PySide6.QtCore import QEventLoop

    from ui.app import create_window, tear_down

    started = time.perf_counter()
    window = create_window(test.paths, app)
    window.show()
    listed = None
    deadline = started + WINDOW_TIMEOUT_S
    try:
        while time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if listed is None and window.meeting_list.count() == test.meetings:
                listed = time.perf_counter() - started
            if listed is not None and window.notes_area.vault is not None:
                break
            time.sleep(0.01)
        shown = window.meeting_list.count()
        unlocked = window.notes_area.vault is not None
    finally:
        settings = window.settings
        code = tear_down(app, window, 0, own_app=False)
        settings.sync()  # now, not when Python frees it, after the test library is gone
    if listed is None or not unlocked or code != 0:
        raise StepFailed(
            say(
                f"vinduet viste {shown} af {test.meetings} møder, noter "
                f"{'låst op' if unlocked else 'låste'} efter {WINDOW_TIMEOUT_S:.0f} s",
                f"the window listed {shown} of {test.meetings} meetings, notes "
                f"{'unlocked' if unlocked else 'locked'} after {WINDOW_TIMEOUT_S:.0f} s",
            )
        )
    return say(
        f"hovedvinduet vist med {shown} møder efter {listed:.2f} s, noterne låst op, lukket",
        f"main window shown with {shown} meetings listed after {listed:.2f} s, notes unlocked, "
        "closed",
    )


QT_STEPS: tuple[Step, ...] = (
    ("qt", check_qt),
    ("drawing", check_drawing),
    ("window", check_window),
)
