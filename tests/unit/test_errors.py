"""Every exception class of the core is defined in ``reader/errors.py``."""

from __future__ import annotations

import ast
import builtins
import importlib
from pathlib import Path

import reader
from reader import errors

READER = Path(reader.__file__).parent


def _exception_names() -> set[str]:
    """Names that stand for an exception class: Python's own and those of reader.errors."""
    names = {n for n, v in vars(builtins).items() if _is_exception(v)}
    return names | {n for n, v in vars(errors).items() if _is_exception(v)}


def _is_exception(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, BaseException)


def _base_name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _module_exceptions(path: Path) -> list[str]:
    name = ".".join(path.relative_to(READER.parent).with_suffix("").parts)
    module = importlib.import_module(name.removesuffix(".__init__"))
    return _defined_exceptions(path.read_text(encoding="utf-8"), vars(module))


def _defined_exceptions(source: str, namespace: dict[str, object]) -> list[str]:
    """Exception classes ``source`` defines: top-level ones by the class itself (found in
    ``namespace``, the module's), nested ones by their bases' names."""
    known = _exception_names()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        cls = namespace.get(node.name)
        if isinstance(cls, type) and cls.__module__ == namespace.get("__name__"):
            is_exception = _is_exception(cls)
        else:
            is_exception = any(_base_name(b) in known for b in node.bases)
        if is_exception:
            found.append(node.name)
    return found


def test_no_exception_class_is_defined_outside_reader_errors() -> None:
    elsewhere = [
        f"{rel}: {name}"
        for path in sorted(READER.rglob("*.py"))
        if (rel := path.relative_to(READER).as_posix()) != "errors.py"
        for name in _module_exceptions(path)
    ]
    assert elsewhere == []


def test_the_check_finds_exception_classes_and_only_those() -> None:
    source = (
        "import keyring.errors\n"
        "from reader.errors import SyncError\n\n\n"
        "class Top(keyring.errors.KeyringError):\n    pass\n\n\n"
        "class Plain:\n    pass\n\n\n"
        "def f() -> None:\n    class Inner(SyncError):\n        pass\n"
    )
    namespace: dict[str, object] = {"__name__": "probe"}
    exec(compile(source, "probe.py", "exec"), namespace)
    assert _defined_exceptions(source, namespace) == ["Top", "Inner"]


def test_user_errors_share_the_base_and_old_homes_still_export_them() -> None:
    from reader.library.importer import Cancelled
    from reader.notes.export import ExportError
    from reader.notes.models import NoteInputError
    from reader.search.index import IndexDamaged
    from reader.search.lock import IndexBusy
    from reader.sync.engine import FetchError, SyncError

    for cls in (Cancelled, ExportError, NoteInputError, IndexDamaged, IndexBusy, SyncError):
        assert getattr(errors, cls.__name__) is cls
        assert issubclass(cls, errors.MoedemappeError)
    assert FetchError is errors.NetworkError
