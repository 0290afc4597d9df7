"""Real keyring backends and vaults for the notes tests.

The happy path uses keyrings.alt's PlaintextKeyring writing to a temporary file: a real
backend with real storage, outside the data dir. Refusals use keyring's own null and fail
backends, and a locked keychain is a real backend whose calls raise ``KeyringLocked``.
"""

from __future__ import annotations

import os
from pathlib import Path

import keyring.errors
from keyrings.alt.file import PlaintextKeyring

from reader.library import Library
from reader.library.importer import import_paths
from tests.library_fixtures import agenda_pdf

PASSPHRASE = "korrekt hest batteri hæfteklamme"


def file_keyring(path: Path) -> PlaintextKeyring:
    """A keyring that really stores secrets, in ``path`` (not the user's keychain)."""
    kr = PlaintextKeyring()
    kr.file_path = str(path)  # type: ignore[misc]
    return kr


class LockedKeyring(PlaintextKeyring):
    """A keychain that exists but is locked: every access raises ``KeyringLocked``."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the keychain is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("the keychain is locked")


def keyring_env(
    tmp_path: Path, backend: str = "keyrings.alt.file.PlaintextKeyring"
) -> dict[str, str]:
    """Environment for a CLI subprocess: a chosen backend whose files stay in ``tmp_path``."""
    return {
        "PYTHON_KEYRING_BACKEND": backend,
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
    return {k: v for k, v in os.environ.items() if not k.startswith("MOEDEMAPPE_PASS")}
