"""Every string the window shows in Danish has its English translation."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "moedemappe_en.ts"


def _translated() -> dict[str, str]:
    tree = ET.parse(TS)
    found: dict[str, str] = {}
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in {"unfinished", "vanished", "obsolete"}:
            continue
        found[source] = translation.text or ""
    return found


def _tr_literals() -> list[tuple[str, int, str]]:
    """``self.tr("…")`` / ``x.tr("…")`` calls with a literal first argument, from the source."""
    calls = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                calls.append((path.relative_to(ROOT).as_posix(), node.lineno, node.args[0].value))
    return calls


def test_every_window_string_has_a_finished_english_translation() -> None:
    translated = _translated()
    literals = _tr_literals()
    assert len(literals) > 200  # the scan sees the window's strings
    missing = [f"{f}:{line}: {text!r}" for f, line, text in literals if not translated.get(text)]
    assert missing == [], "run `make translations` and translate:\n" + "\n".join(missing)
