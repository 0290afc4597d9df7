"""Small widget makers shared by the window's parts."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget


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
