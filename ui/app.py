"""Starting the desktop app: translations, settings in the data dir, the demo library."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reader.i18n import ENV_LANG, set_language
from reader.logs import setup_logging
from reader.paths import DataPaths, resolve
from ui import tasks
from ui.reading_state import ReadingState
from ui.snapshot import FirstRead

if TYPE_CHECKING:
    from ui.main_window import MainWindow

I18N_DIR = Path(__file__).resolve().parents[1] / "resources" / "i18n"
ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
log = logging.getLogger(__name__)


def language(settings: QSettings) -> str:
    """Danish unless the user chose English (environment, then settings)."""
    chosen = os.environ.get(ENV_LANG) or str(settings.value("language", "da"))
    return "en" if chosen.lower().startswith("en") else "da"


def install_translations(app: QApplication, lang: str) -> list[QTranslator]:
    """Source strings are Danish; English comes from resources/i18n/moedemappe_en.qm. The
    core's words (its errors, its reports) follow the same choice."""
    set_language(lang)
    translators: list[QTranslator] = []
    QLocale.setDefault(
        QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Danish)
    )
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{lang}", qt_dir)]
    if lang == "en":
        candidates.append(("moedemappe_en", str(I18N_DIR)))
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def settings_for(paths: DataPaths) -> QSettings:
    """Settings live in the data dir, like everything else Mødemappe writes."""
    paths.ensure()
    return QSettings(str(paths.settings), QSettings.Format.IniFormat)


def create_window(paths: DataPaths, app: QApplication) -> MainWindow:
    settings = settings_for(paths)
    app.setProperty("moedemappe_translators", install_translations(app, language(settings)))
    # The library worker reads what the window shows while the window's modules load and its
    # widgets are built: the read is mostly SQLite, which lets the UI thread run meanwhile.
    first_read = FirstRead.start(paths, ReadingState(settings).last()[0], app)
    from ui.main_window import MainWindow

    window = MainWindow(paths, settings, first_read)
    # a turn of the event loop later: the first list is painted before anything else starts
    window.first_listed.connect(lambda: QTimer.singleShot(0, window, lambda: _settle(window)))
    return window


def _settle(window: MainWindow) -> None:
    """What follows once the member sees the library: housekeeping on the library worker
    (which would otherwise hold the GIL while the first list is filled), opening the notes,
    the demo library on a first start, and whatever a closed or killed run left pending."""
    from reader.demo import demo_packages

    window.ops.op(window, lambda lib, _task: lib.collect_garbage()).failure(
        lambda exc: log.warning("stored files not collected: %s", exc)
    ).run_in_background()  # a folder scan: not on the UI thread
    window.notes_area.try_unlock()
    if window.first_start:
        window.start_import(
            demo_packages(), window.tr("Indlæser demo-biblioteket…"), select_imported=False
        )
    else:
        window.catch_up()
    window.sync.sync_now(automatic=True)  # behind the catch-up; no sources: nothing shown


def freeze_start_up() -> None:
    """Take what start-up made (modules, classes, the widgets' wrappers: most of the
    process's objects, and there to stay) out of Python's garbage collection: a full
    collection while reading would otherwise go through all of them on the UI thread."""
    gc.freeze()


def no_display() -> bool:
    """On Linux without X11 or Wayland, Qt would abort with a core dump; say so instead."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def run_app(data_dir: str | None = None) -> int:
    if no_display():
        print(
            "moedemappe: no display to open the window on; "
            "use a command for headless work (moedemappe --help)",
            file=sys.stderr,
        )
        return 1
    paths = resolve(data_dir)
    paths.ensure()
    setup_logging(paths)
    existing = QApplication.instance()
    app = existing or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Mødemappe")
    app.setApplicationDisplayName("Mødemappe")
    app.setOrganizationName("Mødemappe")
    app.setDesktopFileName("dk.moedemappe.Moedemappe")
    icon = QIcon()  # the title bar's and taskbar's (a desktop session may use its theme's)
    for png in sorted(ICON_DIR.glob("moedemappe-*.png")):
        icon.addFile(str(png))
    app.setWindowIcon(icon)
    window = create_window(paths, app)
    # once, when the member sees the library (not in create_window: a process that makes
    # windows again and again, as the tests do, would keep their garbage for ever)
    window.first_listed.connect(
        lambda: QTimer.singleShot(0, freeze_start_up), Qt.ConnectionType.SingleShotConnection
    )
    window.show()
    code = int(app.exec())
    return tear_down(app, window, code, own_app=existing is None)


def tear_down(app: QApplication, window: MainWindow, code: int, *, own_app: bool) -> int:
    """Take the app apart in order, while Python is whole: workers, window, application.

    Left to the interpreter's exit, Qt objects and Python objects would be freed in no
    particular order, with workers perhaps still running Python code.
    """
    window.close()  # saves and stops the workers, unless quitting already closed it
    stopped = tasks.shutdown()  # and what a timer started after the window closed
    shiboken6.delete(window)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # deleteLater's
    if own_app:
        app.shutdown()
    if not stopped:
        # A worker stuck in a call it cannot leave (a keychain prompt, a hung disk) would
        # run Python code while the interpreter is being taken apart. Library writes are
        # transactions and files are written atomically, so ending here loses nothing.
        log.error("exiting without waiting for background work")
        logging.shutdown()
        os._exit(code)
    return code
