"""Real keyring backends and vaults for the notes tests.

The happy path uses the tests' file keychain (``tests.support.file_keychain``): a real backend
with real storage, outside the data dir, shared by every process given its file. Refusals
use keyring's own null and fail backends, and a locked keychain is a real backend whose
calls raise ``KeyringLocked``.
"""

from __future__ import annotations

import os
from pathlib import Path

import keyring.errors

from reader.library import Library
from reader.library.importer import import_paths
from tests.support.file_keychain import FileKeychain, keychain_env
from tests.support.library_fixtures import agenda_pdf

PASSPHRASE = "korrekt hest batteri hæfteklamme"


def file_keyring(path: Path) -> FileKeychain:
    """A keyring that really stores secrets, in ``path`` (not the user's keychain)."""
    return FileKeychain(path)


class LockedKeyring(FileKeychain):
    """A keychain that exists but is locked: every access raises ``KeyringLocked``."""

    def __init__(self) -> None:
        super().__init__(os.devnull)  # never read: it is locked

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the keychain is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("the keychain is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("the keychain is locked")


def keyring_env(tmp_path: Path, backend: str | None = None) -> dict[str, str]:
    """Environment for a CLI subprocess: the tests' file keychain in ``tmp_path``, or
    another backend by name; whatever it writes stays in ``tmp_path``."""
    chosen = (
        keychain_env(tmp_path / "keychain.json")
        if backend is None
        else {"PYTHON_KEYRING_BACKEND": backend}
    )
    return {
        **chosen,
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "HOME": str(tmp_path / "home"),
    }


def library_with_agenda(lib: Library, tmp_path: Path, extra: str = "") -> tuple[int, int]:
    """Import the small agenda; returns (meeting id, document id)."""
    pdf = agenda_pdf(tmp_path / f"in-{len(extra)}" / "dagsorden.pdf", extra=extra)
    report = import_paths(lib, [pdf])
    assert report.errors == []
    [meeting] = lib.meetings()
    return meeting.id, meeting.documents[0].id


def all_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def contains(path: Path, needle: str) -> bool:
    data = path.read_bytes()
    return any(needle.encode(enc) in data for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def clean_env() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MOEDEMAPPE_PASS", "MOEDEMAPPE_TEST_KEYCHAIN"))
    }
