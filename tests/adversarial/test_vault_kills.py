"""kill -9 during key changes: every note stays readable, one keychain entry per vault.

A subprocess (``tests.support.vault_churn``) rotates the key, changes the passphrase, makes a
new recovery key or sets up new vaults in a loop; the test kills it after a random short
delay, then opens the vault the ways its mode allows (a recovery key: exactly one of the
two it alternates between), reads every note and counts the vault's keychain entries in
the tests' file keychain, which persists across processes as an OS keychain does.

Modes: keychain only (a working keychain, no passphrase), passphrase only (no keychain)
and both. Without a keychain the right number of entries is 0, with one it is 1.
"""

from __future__ import annotations

import contextlib
import functools
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import keyring.backends.fail
import pytest

from reader.errors import WrongPassphrase
from reader.library import Library
from reader.notes.annotation_store import AnnotationStore
from reader.notes.models import NoteView
from reader.notes.note_store import NoteStore
from reader.paths import DataPaths
from reader.vault import Vault, crypto, open_vault, set_recovery_key
from reader.vault.keychain import SERVICE
from tests.adversarial.conftest import Tally
from tests.support.file_keychain import FileKeychain, keychain_env, read_entries
from tests.support.notes_fixtures import clean_env, library_with_agenda
from tests.support.vault_churn import PASSPHRASES, RECOVERY_KEYS

pytestmark = [pytest.mark.adversarial, pytest.mark.subprocess]

ROOT = Path(__file__).resolve().parents[2]
MODES = ("keychain", "passphrase", "both")
OPERATIONS = ("rotate", "set-passphrase", "setup", "recovery-key")
FAST_KILLS = 5
SLOW_KILLS = 50


@pytest.fixture(autouse=True)
def _no_env_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE", raising=False)


@functools.cache
def _scrypt_seconds() -> float:
    """How long one passphrase derivation takes on this machine, now."""
    started = time.perf_counter()
    crypto.derive_key(PASSPHRASES[0], crypto.new_kdf_params())
    return time.perf_counter() - started


@dataclass
class Run:
    """What a kill loop did: kills, changes completed, and kills that left work half done
    (an extra keychain entry, or a setup without its keys) which opening then cleaned up."""

    kills: int = 0
    completed: int = 0
    half_done: int = 0
    notes_read: int = 0


class Case:
    def __init__(self, tmp_path: Path, operation: str, mode: str) -> None:
        self.operation, self.mode = operation, mode
        self.keychain_file = tmp_path / "keychain.json"
        self.data = tmp_path / "data"
        self.env = {**clean_env(), "PYTHONPATH": str(ROOT)}
        if mode == "passphrase":
            self.env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        else:
            self.env.update(keychain_env(self.keychain_file))
        if mode != "keychain":
            self.env["MOEDEMAPPE_PASSPHRASE"] = PASSPHRASES[0]

    @property
    def longest(self) -> float:
        """The longest wait before a kill: a few key changes, whose time is mostly scrypt's
        when a passphrase is involved (twice per rotation: check the old, derive the new)."""
        if self.mode == "keychain" and self.operation in ("rotate", "setup"):
            return 0.15
        return max(0.3, 3 * _scrypt_seconds() * (2 if self.operation == "rotate" else 1))

    @property
    def with_keychain(self) -> bool:
        return self.mode != "passphrase"

    def backend(self) -> FileKeychain | keyring.backends.fail.Keyring:
        if self.with_keychain:
            return FileKeychain(self.keychain_file)
        return keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]

    def entries(self) -> list[str]:
        return sorted(read_entries(self.keychain_file).get(SERVICE, {}))

    def open(self, lib: Library, *, create: bool = False) -> Vault:
        """Open as the app would (resuming a setup a kill interrupted), and check that every
        way the vault is protected opens it: the keychain, and exactly one passphrase."""
        if self.with_keychain:
            phrase = PASSPHRASES[0] if self.mode == "both" else ""
            vault = open_vault(lib, backend=self.backend(), passphrase=phrase, create=create)
            assert vault.unlocked_by == "keychain"
        else:
            vault = self._one_passphrase_opens(lib, create)
        wraps = {r[0] for r in lib.conn.execute("SELECT slot FROM vault_wraps")}
        assert ("keychain" in wraps) == self.with_keychain
        if self.mode != "keychain":
            assert "passphrase" in wraps
        elif self.operation != "set-passphrase":
            assert "passphrase" not in wraps
        if self.with_keychain and "passphrase" in wraps:
            self._one_passphrase_opens(lib, False)
        if self.operation == "recovery-key":
            self._one_recovery_key_opens(lib)
        return vault

    def _one_recovery_key_opens(self, lib: Library) -> None:
        """The old key or the new one, never neither or both: one row, one transaction."""
        opened: list[str] = []
        for key in RECOVERY_KEYS:
            fail = keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]
            with contextlib.suppress(WrongPassphrase):
                opened.append(open_vault(lib, backend=fail, passphrase=key).unlocked_by)
        assert opened == ["recovery"]

    def _one_passphrase_opens(self, lib: Library, create: bool) -> Vault:
        opened: list[Vault] = []
        phrases = PASSPHRASES if self.operation == "set-passphrase" else PASSPHRASES[:1]
        for phrase in phrases:
            fail = keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]
            with contextlib.suppress(WrongPassphrase):  # any other error fails the test
                opened.append(open_vault(lib, backend=fail, passphrase=phrase, create=create))
        assert [v.unlocked_by for v in opened] == ["passphrase"]
        return opened[0]


class Churner:
    """The fork server of ``tests.support.vault_churn``: starts workers and reports their end."""

    def __init__(self, case: Case, tmp_path: Path) -> None:
        self.errors = tmp_path / "churn.err"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.vault_churn"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors.open("wb"),
            env=case.env,
            cwd=ROOT,
        )
        assert self._line() == b"SERVING\n"

    def _line(self) -> bytes:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            pytest.fail(f"the churn server ended: {self.errors.read_text()[-3000:]}")
        return line

    def run_and_kill(self, args: list[str], rng: random.Random, longest: float) -> list[str]:
        """Start a worker, kill it after a random delay once it is working; the lines it
        completed (a line torn by the kill acknowledges nothing)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write((" ".join(args) + "\n").encode())
        self.proc.stdin.flush()
        pid, ready, lines = 0, False, list[str]()
        while not (pid and ready):
            line = self._line()
            if line.startswith(b"PID "):
                pid = int(line.split()[1])
            elif line == b"READY\n":
                ready = True
            else:
                pytest.fail(f"the worker did not start: {line!r} {self.errors.read_text()[-3000:]}")
        time.sleep(rng.uniform(0, longest))
        os.kill(pid, signal.SIGKILL)
        while True:
            line = self._line()
            if b"EXIT " in line:  # the server's line; anything before it on the line is torn
                status = int(line[line.index(b"EXIT ") :].split()[1])
                assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                    self.errors.read_text()[-3000:]
                )
                return lines
            lines.append(line.decode())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _acks(lines: list[str]) -> list[list[str]]:
    return [parts for line in lines if (parts := line.split()) and parts[0] == "OK"]


def _notes_fixture(case: Case, tmp_path: Path) -> dict[str, str]:
    """A library with notes and an annotation, its vault set up in the case's mode."""
    with Library(DataPaths(case.data)) as lib:
        meeting, doc = library_with_agenda(lib, tmp_path)
        vault = open_vault(
            lib,
            backend=case.backend(),
            passphrase=PASSPHRASES[0] if case.mode != "keychain" else "",
        )
        if case.operation == "recovery-key":
            set_recovery_key(lib, vault, RECOVERY_KEYS[0])
        notes = NoteStore(lib, vault)
        texts = {notes.add(meeting, f"note {i} æøå").id: f"note {i} æøå" for i in range(3)}
        AnnotationStore(lib, vault).annotate_quote(doc, 4, "løsningen udbredes", note="enig")
    return texts


def _check_notes(lib: Library, vault: Vault, texts: dict[str, str]) -> int:
    listing = NoteStore(lib, vault).listing(None)
    assert {getattr(n, "id", None): getattr(n, "text", None) for n in listing} == texts
    [annotation] = AnnotationStore(lib, vault).load(1)
    assert annotation.data["note"] == "enig"
    return len(texts) + 1


def _churn_kills(case: Case, tmp_path: Path, kills: int, seed: int) -> Run:
    texts = _notes_fixture(case, tmp_path)
    rng = random.Random(seed)
    run = Run()
    expected = 1 if case.with_keychain else 0
    churner = Churner(case, tmp_path)
    while run.kills < kills:
        lines = churner.run_and_kill([case.operation, str(case.data)], rng, case.longest)
        run.kills += 1
        run.completed += len(_acks(lines))
        if len(case.entries()) > expected:
            run.half_done += 1
        with Library(DataPaths(case.data)) as lib:
            vault = case.open(lib)
            run.notes_read += _check_notes(lib, vault, texts)
            mine = [e for e in case.entries() if e.startswith(vault.vault_id)]
            assert len(mine) == expected, mine
            assert case.entries() == mine  # nothing else in the keychain either
    churner.close()
    return run


def _setup_kills(case: Case, tmp_path: Path, kills: int, seed: int) -> Run:
    template = tmp_path / "template"
    with Library(DataPaths(template)) as lib:
        meeting, _ = library_with_agenda(lib, tmp_path)
    rng = random.Random(seed)
    run = Run()
    acked: dict[str, str] = {}  # library folder -> the note id its setup acknowledged
    vault_ids: dict[str, str] = {}  # library folder -> its vault, once checked
    expected = 1 if case.with_keychain else 0
    churner = Churner(case, tmp_path)
    args = ["setup", str(case.data), str(template / "library.sqlite3"), str(meeting)]
    while run.kills < kills:
        lines = churner.run_and_kill(args, rng, case.longest + 0.2)
        run.kills += 1
        for parts in _acks(lines):
            run.completed += 1
            acked[f"lib-{parts[1]}"] = parts[3]
        for folder in sorted(case.data.iterdir()):
            if folder.name in vault_ids or not (folder / "library.sqlite3").exists():
                continue  # checked after an earlier kill, or killed before the copy was whole
            with Library(DataPaths(folder)) as lib:
                started = lib.conn.execute("SELECT vault_id FROM vault").fetchone()
                done = lib.conn.execute("SELECT count(*) FROM vault_wraps").fetchone()[0]
                if started is not None and not done:
                    run.half_done += 1
                vault = case.open(lib, create=True)
                vault_ids[folder.name] = vault.vault_id
                notes = NoteStore(lib, vault)
                if folder.name in acked:
                    assert acked[folder.name] in {n.id for n in notes.listing(None)}
                else:  # killed before its note: a resumed setup must take notes as well
                    notes.add(meeting, "efter genoptagelsen")
                listing = notes.listing(None)
                assert all(isinstance(n, NoteView) for n in listing)  # none unreadable
                run.notes_read += len(listing)
        entries = case.entries()
        for vault_id in vault_ids.values():
            assert sum(e.startswith(vault_id) for e in entries) == expected, (vault_id, entries)
        assert len(entries) == expected * len(vault_ids), entries  # no orphans either
    churner.close()
    return run


def _kill_loop(tmp_path: Path, operation: str, mode: str, kills: int) -> Run:
    case = Case(tmp_path, operation, mode)
    seed = OPERATIONS.index(operation) * 10 + MODES.index(mode)
    if operation == "setup":
        run = _setup_kills(case, tmp_path, kills, seed)
    else:
        run = _churn_kills(case, tmp_path, kills, seed)
    print(f"\n{operation}/{mode}: {run}")
    assert run.kills == kills and run.notes_read > 0
    return run


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_key_changes_survive_kill_9(
    tmp_path: Path, operation: str, mode: str, hostile: Tally
) -> None:
    run = _kill_loop(tmp_path, operation, mode, FAST_KILLS)
    hostile.add(run.kills)  # each kill survived: the loop asserts every note read back


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_key_changes_survive_many_kill_9(
    tmp_path: Path, operation: str, mode: str, hostile: Tally
) -> None:
    run = _kill_loop(tmp_path, operation, mode, SLOW_KILLS)
    hostile.add(run.kills)
    assert run.completed > 0
    if mode == "keychain" and operation in ("rotate", "setup"):
        # the kills did land between writing a new entry and retiring the old one (where
        # scrypt takes most of the time, fewer do, and how many is left to chance)
        assert run.half_done > 0
