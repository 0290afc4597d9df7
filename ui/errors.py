"""Telling the user that something went wrong: the one place an exception becomes words."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.errors import MoedemappeError

log = logging.getLogger(__name__)


def show_error(parent: QWidget, exc: BaseException) -> None:
    """Show what went wrong in a message over ``parent``'s window, without blocking.

    A ``MoedemappeError`` carries a message meant for the user; anything else is a bug,
    logged with its traceback and shown only as an unexpected error. A message still on
    screen is replaced, not stacked.
    """
    if isinstance(exc, MoedemappeError):
        text = str(exc)
    else:
        log.error("unexpected error shown to the user", exc_info=exc)
        text = QCoreApplication.translate("errors", "Der opstod en uventet fejl")
    window = parent.window()
    box = window.findChild(QMessageBox, "errorMessage")
    if box is None:
        box = QMessageBox(window)
        box.setObjectName("errorMessage")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("errors", "Mødemappe"))
    box.setText(text)
    box.open()
