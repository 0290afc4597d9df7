"""Small widget makers shared by the window's parts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QToolButton, QWidget


def tool_button(
    parent: QWidget, name: str, text: str, accessible: str, tip: str, *, raised: bool = False
) -> QToolButton:
    """A tool button a screen reader can name and a test can find; flat (auto-raise) as in a
    tool bar unless ``raised``."""
    button = QToolButton(parent)
    button.setObjectName(name)
    button.setText(text)
    button.setAccessibleName(accessible)
    button.setToolTip(tip)
    button.setAutoRaise(not raised)
    return button


def confirm_removal(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    buttons: tuple[str, str],
    then: Callable[[], object],
) -> QMessageBox:
    """Ask (window-modal, not blocking the event loop) before removing something; ``then``
    runs only on the removal button (``buttons``: its words and the cancel's, translated)."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName(name)
    yes = box.addButton(buttons[0], QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(buttons[1], QMessageBox.ButtonRole.RejectRole)
    box.finished.connect(lambda _r: then() if box.clickedButton() is yes else None)
    box.open()
    return box
