"""The command table: each command declared once, the library opened only by commands that
need it, and human output in the language the member chose."""

from __future__ import annotations

import argparse
import ast
import inspect
import io
import json
from pathlib import Path

import pytest

import main as entry_point
from reader.cli import COMMANDS, build_parser, main
from reader.cli.common import Command, Group
from tests.support.library_fixtures import agenda_pdf


def _leaves() -> list[tuple[str, Command]]:
    out: list[tuple[str, Command]] = []
    for entry in COMMANDS:
        if isinstance(entry, Group):
            out += [(f"{entry.name} {a.name}", a) for a in entry.actions]
        else:
            out.append((entry.name, entry))
    return out


def _choices(parser: argparse.ArgumentParser) -> list[str]:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


def test_every_command_has_help_and_a_handler_that_takes_what_it_declares() -> None:
    leaves = _leaves()
    assert len(leaves) >= 20
    for name, command in leaves:
        assert command.help.strip(), name
        params = list(inspect.signature(command.handler).parameters)
        # a library handler takes (lib, args, out); one that needs none, (args, out)
        assert len(params) == (3 if command.needs_library else 2), name
    assert {name for name, c in leaves if not c.needs_library} == {"publish"}


def test_names_are_unique_and_the_parser_is_built_from_the_table() -> None:
    names = [entry.name for entry in COMMANDS]
    assert len(names) == len(set(names))
    parser = build_parser()
    assert _choices(parser) == names
    for entry in COMMANDS:
        if isinstance(entry, Group):
            actions = [a.name for a in entry.actions]
            assert len(actions) == len(set(actions)), entry.name
            assert _choices(_choices_parser(parser, entry.name)) == actions


def _choices_parser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    found: argparse.ArgumentParser = sub.choices[name]
    return found


@pytest.mark.parametrize("args", [["--help"], ["publish", "--help"], ["sources", "add", "--help"]])
def test_help_creates_no_library(
    tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "default-data"  # MOEDEMAPPE_DATA_DIR, set for every test
    with pytest.raises(SystemExit) as done:
        entry_point.main(args)
    assert done.value.code == 0 and "usage: moedemappe" in capsys.readouterr().out
    assert not data.exists()


def test_publish_and_usage_errors_create_no_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    src = tmp_path / "src"
    agenda_pdf(src / "dagsorden.pdf")
    out = io.StringIO()
    code = main(
        ["--data-dir", str(data), "publish", str(src), str(tmp_path / "feed"), "--json"], out
    )
    assert code == 0 and json.loads(out.getvalue())["meetings"] == 1
    assert Path(json.loads(out.getvalue())["manifest"]).is_file()
    for args, message in (
        (["search", "budget", "--limit", "-1"], "--limit"),
        (
            [
                "sources",
                "add",
                "x",
                "https://e.invalid/",
                "--kind",
                "feed",
                "--user",
                "u",
                "--token-stdin",
            ],
            "--token-stdin",
        ),
    ):
        assert main(["--data-dir", str(data), *args], io.StringIO()) == 1
        assert message in capsys.readouterr().err
    assert not data.exists()
    assert main(["--data-dir", str(data), "meetings"], io.StringIO()) == 0
    assert (data / "library.sqlite3").is_file()  # a command that needs it opens it


def _run(data: Path, *args: str) -> str:
    out = io.StringIO()
    assert main(["--data-dir", str(data), *args], out) == 0
    return out.getvalue()


def test_human_output_is_danish_or_english_never_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    pdf = str(agenda_pdf(tmp_path / "a" / "dagsorden.pdf"))
    assert _run(data, "import", pdf) == "1 nyt dokument, 0 nye versioner, 0 uændrede, 0 fejlede\n"
    assert _run(data, "import", pdf) == "0 nye dokumenter, 0 nye versioner, 1 uændret, 0 fejlede\n"
    assert _run(data, "vault", "status").startswith("ingen noteboks endnu")
    danish_json = _run(data, "meetings", "--json")
    monkeypatch.setenv("MOEDEMAPPE_LANG", "en")
    assert _run(data, "import", pdf) == "0 new documents, 0 new versions, 1 unchanged, 0 failed\n"
    assert _run(data, "vault", "status").startswith("no vault yet")
    assert _run(data, "meetings", "--json") == danish_json


READER = Path(__file__).resolve().parents[2] / "reader"


def _writes_to_terminal(tree: ast.AST) -> list[int]:
    """Lines that call print() or use sys.stdout/sys.stderr, outside a ``__main__`` block."""
    found: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            node.body = []  # a script's own output is its business
    for node in ast.walk(tree):
        name = ast.unparse(node) if isinstance(node, (ast.Name, ast.Attribute)) else ""
        if name in ("print", "sys.stdout", "sys.stderr"):
            found.append(node.lineno)
    return found


def test_only_the_command_line_writes_to_the_terminal() -> None:
    sample = (
        "import sys\nif __name__ == '__main__':\n    print(0)\nprint(1)\nsys.stderr.write('')\n"
    )
    assert _writes_to_terminal(ast.parse(sample)) == [4, 5]
    offenders = {
        str(path.relative_to(READER)): lines
        for path in sorted(READER.rglob("*.py"))
        if READER / "cli" not in path.parents
        and (lines := _writes_to_terminal(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}
