"""The language a member chose, for every word the core says: Danish, or English.

The command line takes it from ``MOEDEMAPPE_LANG`` (``en`` for English); the window sets it
from its settings when it starts, so an error raised in the core reads in the window's
language. Words are written in place as a Danish and an English pair, which keeps each
message and its translation together where it is raised.
"""

from __future__ import annotations

import os

ENV_LANG = "MOEDEMAPPE_LANG"
_chosen: str | None = None


def language() -> str:
    """``"da"`` or ``"en"``: what the window set, else ``MOEDEMAPPE_LANG``, else Danish."""
    if _chosen is not None:
        return _chosen
    return "en" if os.environ.get(ENV_LANG, "").lower().startswith("en") else "da"


def set_language(lang: str | None) -> None:
    """Choose the language for this process (None: back to ``MOEDEMAPPE_LANG``)."""
    global _chosen
    _chosen = None if lang is None else ("en" if lang.lower().startswith("en") else "da")


def say(da: str, en: str) -> str:
    """The Danish or the English words, by the language chosen."""
    return en if language() == "en" else da


def plural(
    n: int, da_one: str, da_many: str, en_one: str, en_many: str, *, lang: str | None = None
) -> str:
    """``n`` and the noun in the right number: "1 side", "3 sider", "1 page", "3 pages".

    ``lang`` overrides the chosen language, for callers asked for a given one.
    """
    one = n == 1
    english = (lang or language()) == "en"
    noun = (en_one if one else en_many) if english else (da_one if one else da_many)
    return f"{n} {noun}"
