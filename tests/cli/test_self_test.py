"""``moedemappe --self-test``: every step on a throw-away library, none of the member's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.render.protocol import FAULTS_ENV
from tests.support.cli import cli
from tests.support.file_keychain import keychain_env

pytestmark = pytest.mark.subprocess

STEPS = [
    "demo",
    "render",
    "search",
    "notes",
    "annotation",
    "import",
    "tls",
    "qt",
    "drawing",
    "window",
]


def _env(tmp_path: Path) -> dict[str, str]:
    """The member's own data dir, keychain and passphrase, which the self-test must leave
    alone, and a temp folder of the test's own to see what it leaves behind."""
    (tmp_path / "tmp").mkdir()
    return {
        "MOEDEMAPPE_LANG": "en",
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(tmp_path / "tmp"),
        "MOEDEMAPPE_DATA_DIR": str(tmp_path / "member-data"),
        "MOEDEMAPPE_PASSPHRASE": "the member's own passphrase",
        **keychain_env(tmp_path / "member-keychain.json"),
    }


def test_every_step_passes_and_is_named(tmp_path: Path) -> None:
    done = cli("--self-test", env=_env(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Mødemappe ") and "self-test" in lines[0]
    assert [re.match(r"ok   (\w+): ", line).group(1) for line in lines[1:-1]] == STEPS  # type: ignore[union-attr]
    assert re.fullmatch(r"self-test passed: 10 steps in [\d.]+ s", lines[-1])
    assert "rendered by a worker process (pid " in done.stdout
    assert "main window shown with 3 meetings listed" in done.stdout
    assert done.stderr == ""
    # nothing of the member's touched; the temporary library is gone
    assert not (tmp_path / "member-data").exists()
    assert not (tmp_path / "member-keychain.json").exists()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_failing_step_is_named_and_ends_the_test(tmp_path: Path) -> None:
    """A worker that crashes on the page (a real crash, of the real worker process)."""
    done = cli("--self-test", env={**_env(tmp_path), FAULTS_ENV: "crash@1"})
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[1].startswith("ok   demo: ")
    assert lines[2].startswith("FAIL render: the render worker could not render page 2 (crashed")
    assert "self-test failed at step 'render'" in lines[3]
    assert len(lines) == 4  # no later step ran
    kept = list((tmp_path / "tmp").iterdir())  # kept for its log
    assert len(kept) == 1 and str(kept[0]) in lines[3]
    assert (
        "self-test step render failed"
        in (kept[0] / "data" / "logs").joinpath("moedemappe.log").read_text()
    )
    assert not (tmp_path / "member-data").exists()


def test_in_danish_by_default(tmp_path: Path) -> None:
    env = {k: v for k, v in _env(tmp_path).items() if k != "MOEDEMAPPE_LANG"}
    done = cli("--self-test", env={**env, FAULTS_ENV: "crash@1", "MOEDEMAPPE_LANG": "da"})
    assert done.returncode == 1
    assert "FAIL render: render-processen kunne ikke vise side 2" in done.stdout
    assert "selvtesten fejlede ved trinnet 'render'" in done.stdout
