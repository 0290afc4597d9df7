"""Each annotation kind's colour until the member picks one: apart from ``models`` so that the
reader's tools can show them at start-up without loading the notes' models (their regular
expressions and HTML tables)."""

from __future__ import annotations

DEFAULT_COLORS: dict[str, str] = {
    "highlight": "#ffd400",
    "underline": "#2e7d32",
    "strikeout": "#d32f2f",
    "ink": "#d32f2f",
    "sticky": "#ffb300",
    "textbox": "#1565c0",
    "rectangle": "#d32f2f",
}
