"""Light, dark or the system's colours for the window; pages keep their own colours unless the
reader inverts them.

Qt 6.8+ can ask the platform theme for a colour scheme; where the platform has no say (X11
without a desktop theme, the offscreen platform) the request changes nothing, so a dark
Fusion palette is set instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SYSTEM, LIGHT, DARK = "system", "light", "dark"
THEMES = (SYSTEM, LIGHT, DARK)

_platform_style: str | None = None  # the style the app started with, for going back
_own_palette = False  # the dark palette is ours, not the platform's


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication, theme: str) -> None:
    """Switch the whole app's colours; widgets repaint themselves."""
    global _platform_style, _own_palette
    if _platform_style is None:
        _platform_style = app.style().name()
    hints = QGuiApplication.styleHints()
    scheme = {LIGHT: Qt.ColorScheme.Light, DARK: Qt.ColorScheme.Dark}.get(theme)
    if scheme is None:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(scheme)
    if theme == DARK and not is_dark(app.palette()):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        _own_palette = True
    elif theme != DARK and _own_palette:
        app.setStyle(_platform_style)
        app.setPalette(app.style().standardPalette())
        _own_palette = False


def dark_palette() -> QPalette:
    """A dark palette with enough contrast for long reading (text at least 7:1 on windows)."""
    p = QPalette()
    window, base, text = QColor(37, 37, 40), QColor(28, 28, 30), QColor(230, 230, 230)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(44, 44, 48),
        QPalette.ColorRole.ToolTipBase: QColor(50, 50, 54),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(48, 48, 52),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 90, 90),
        QPalette.ColorRole.Link: QColor(110, 170, 255),
        QPalette.ColorRole.Highlight: QColor(52, 110, 200),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Mid: QColor(70, 70, 74),
        QPalette.ColorRole.Dark: QColor(20, 20, 22),
        QPalette.ColorRole.Light: QColor(80, 80, 84),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    grey = QColor(130, 130, 130)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, grey)
    return p
