"""A keychain for tests, in one JSON file: the OS keychain's stand-in across processes.

A subprocess uses it with ``PYTHON_KEYRING_BACKEND=tests.support.file_keychain.FileKeychain`` and
``MOEDEMAPPE_TEST_KEYCHAIN_FILE=<path>`` (the repository root on ``sys.path``). It keeps
secrets in a plain file, so the vault refuses it, as it refuses keyrings.alt's files,
unless ``MOEDEMAPPE_TEST_KEYCHAIN`` names this class: ``keychain_env`` sets all three.

Like a real keychain, a write is whole or not at all (a temp file renamed over the old
one) and writers take turns (a lock file), so a process killed mid-write leaves the old
or the new contents and never a torn file.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

ENV_FILE = "MOEDEMAPPE_TEST_KEYCHAIN_FILE"
NAME = "tests.support.file_keychain.FileKeychain"


class FileKeychain(KeyringBackend):
    plain_file = True  # what the vault's keychain check looks for

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.path = Path(path if path is not None else os.environ[ENV_FILE])

    @properties.classproperty
    def priority(cls) -> float:
        """Only ever chosen by name, and only where a test gave it a file."""
        if ENV_FILE not in os.environ:
            raise RuntimeError(f"{NAME} needs {ENV_FILE}")
        return -1

    @contextlib.contextmanager
    def _locked(self) -> Iterator[dict[str, dict[str, str]]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(f"{self.path}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield read_entries(self.path)

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh)
        os.replace(tmp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return read_entries(self.path).get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._locked() as data:
            data.setdefault(service, {})[username] = password
            self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        with self._locked() as data:
            if username not in data.get(service, {}):
                raise PasswordDeleteError(f"no {username} in {service}")
            del data[service][username]
            self._save(data)


def read_entries(path: Path) -> dict[str, dict[str, str]]:
    """Every entry in the file: {service: {user name: secret}}."""
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return {}
    assert isinstance(data, dict)
    return data


def keychain_env(path: Path) -> dict[str, str]:
    """Environment for a subprocess whose keychain is the file ``path``."""
    return {
        "PYTHON_KEYRING_BACKEND": NAME,
        "MOEDEMAPPE_TEST_KEYCHAIN": NAME,
        ENV_FILE: str(path),
    }
