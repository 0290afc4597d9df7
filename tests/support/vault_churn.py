"""Processes that change the vault's keys as fast as they can, for the kill -9 tests.

``python -m tests.support.vault_churn serve`` imports everything once and prints ``SERVING``; then,
for each line ``OPERATION DATA [TEMPLATE MEETING]`` on stdin, it forks a worker, prints
``PID <pid>``, and when the worker is gone ``EXIT <wait status>``. The test kills the
worker, a real process, with SIGKILL; forking spares each kill Python's start-up.

A worker takes its keychain and ``MOEDEMAPPE_PASSPHRASE`` (the mode under test) from the
environment, prints ``READY`` once the vault is open, then ``OK <n> ...`` after each
completed change, forever:

- ``rotate``: rotates DATA's vault;
- ``set-passphrase``: sets the passphrase to PASSPHRASES[1], [0], [1], ...;
- ``recovery-key``: sets the recovery key to RECOVERY_KEYS[1], [0], [1], ...;
- ``setup``: in DATA/lib-0, lib-1, ...: copies the TEMPLATE library in, creates its vault
  and adds one note to MEETING (``OK <n> <vault id> <note id>``).
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import traceback
from pathlib import Path

from reader.errors import VaultError
from reader.library import Library
from reader.notes.note_store import NoteStore
from reader.paths import DataPaths
from reader.vault import Vault, open_vault, rotate, set_passphrase, set_recovery_key

PASSPHRASES = ("første frase til natten", "anden frase til morgenen")
# Fixed, so that the test knows which keys may open the vault without the worker telling it.
RECOVERY_KEYS = (
    "U9BTP-JMZ9Y-B2HFY-9WQSM-B9BA9-8MGBC-WRNF2-DK7TC",
    "MZNPC-BAGPQ-XVAN3-QVEY4-REPW3-KVAQE-7QVSU-FW53X",
)


def say(line: str) -> None:
    """One line in one write: server and worker share the pipe, and a write of a short line
    to a pipe is never interleaved with another."""
    os.write(1, f"{line}\n".encode())


def _open(lib: Library) -> Vault:
    """Open with the keychain or whichever of the two passphrases is current."""
    if os.environ.get("MOEDEMAPPE_PASSPHRASE") is None:
        return open_vault(lib, create=False)
    try:
        return open_vault(lib, create=False, passphrase=PASSPHRASES[0])
    except VaultError:
        return open_vault(lib, create=False, passphrase=PASSPHRASES[1])


def churn(operation: str, data: Path) -> None:
    with Library(DataPaths(data)) as lib:
        vault = _open(lib)
        say("READY")
        for n in itertools.count(1):
            if operation == "rotate":
                rotate(lib, vault)
            elif operation == "recovery-key":
                set_recovery_key(lib, vault, RECOVERY_KEYS[n % 2])
            else:
                set_passphrase(lib, vault, PASSPHRASES[n % 2])
            say(f"OK {n}")


def setup(base: Path, template: Path, meeting: int) -> None:
    say("READY")
    for n in itertools.count():
        data = base / f"lib-{n}"
        if data.exists():
            continue
        data.mkdir(parents=True)
        part = data / "library.sqlite3.part"
        shutil.copyfile(template, part)
        part.rename(data / "library.sqlite3")  # a library is there whole or not at all
        with Library(DataPaths(data)) as lib:
            vault = open_vault(lib)
            note = NoteStore(lib, vault).add(meeting, f"note {n}")
        say(f"OK {n} {vault.vault_id} {note.id}")


def work(args: list[str]) -> None:
    if args[0] == "setup":
        setup(Path(args[1]), Path(args[2]), int(args[3]))
    else:
        churn(args[0], Path(args[1]))


def serve() -> None:
    say("SERVING")
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                work(line.split())
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)  # a worker never returns into the server's loop
        say(f"PID {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"EXIT {status}")


if __name__ == "__main__":
    serve()
