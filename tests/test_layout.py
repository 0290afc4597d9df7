"""The suite's own layout: test modules share code only through ``tests/support``, every
folder is a package, and every module path a subprocess is started with still exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DOTTED = re.compile(r"^tests(\.[A-Za-z_]\w*)+$")


def _sources() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "data" not in p.relative_to(TESTS).parts)


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _imported(source: str, module: str) -> set[str]:
    """Every module ``source`` (the text of ``module``) imports, relative imports resolved,
    ``from m import n`` as both ``m`` and ``m.n`` (``n`` may be a module)."""
    package = module.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parts = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join([*parts, node.module] if node.module else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _is_test_module(name: str) -> bool:
    parts = name.split(".")
    return parts[0] == "tests" and parts[-1].startswith("test_")


def _exists(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def test_the_import_walk_sees_every_form_of_import() -> None:
    """The check below would pass on any tree if the walk missed a form of import."""
    source = (
        "import tests.unit.cli_probe.test_a\n"
        "from tests.unit.sync import test_sync_feed\n"
        "from .test_import import helper\n"
        "from . import test_esdh\n"
        "def f() -> None:\n"
        "    from ..notes.test_notes import vault\n"
    )
    found = {n for n in _imported(source, "tests.unit.library.probe") if _is_test_module(n)}
    assert found == {
        "tests.unit.cli_probe.test_a",
        "tests.unit.sync.test_sync_feed",
        "tests.unit.library.test_import",
        "tests.unit.library.test_esdh",
        "tests.unit.notes.test_notes",
    }


def test_no_module_of_the_suite_imports_a_test_module() -> None:
    found = {
        str(path.relative_to(ROOT)): sorted(
            n
            for n in _imported(path.read_text(encoding="utf-8"), _module_of(path))
            if _is_test_module(n)
        )
        for path in _sources()
    }
    assert {path: names for path, names in found.items() if names} == {}


def test_every_folder_of_the_suite_is_a_package() -> None:
    folders = {path.parent for path in _sources()}
    assert sorted(str(f) for f in folders if not (f / "__init__.py").is_file()) == []


def test_every_module_path_named_in_a_string_exists() -> None:
    """``python -m tests.x`` and ``PYTHON_KEYRING_BACKEND=tests.x.Class`` name modules by
    string; a move that forgets one fails only in the subprocess, far from the cause."""
    named: dict[str, list[str]] = {}
    for path in _sources():
        if path == Path(__file__).resolve():
            continue  # its probes name modules that do not exist on purpose
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for word in re.findall(r"tests(?:\.[A-Za-z_]\w*)+", node.value):
                    if DOTTED.match(word):
                        named.setdefault(word, []).append(str(path.relative_to(ROOT)))
    assert "tests.support.file_keychain.FileKeychain" in named  # the walk does see them
    missing = {
        word: where
        for word, where in named.items()
        if not (_exists(word) or _exists(word.rsplit(".", 1)[0]))
    }
    assert missing == {}
