"""Where Mødemappe keeps its data. Everything it writes goes below one directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import appdirs

from reader.fsutil import private_dir, private_file

APP_NAME = "moedemappe"
ENV_DATA_DIR = "MOEDEMAPPE_DATA_DIR"


def default_data_dir() -> Path:
    """The per-user data directory, unless the environment overrides it."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(appdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    """The layout of a data directory; created lazily by the library."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "library.sqlite3"

    @property
    def files(self) -> Path:
        return self.root / "files"

    @property
    def tmp(self) -> Path:
        """Scratch space on the same file system, so renames into place are atomic."""
        return self.root / "tmp"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings(self) -> Path:
        return self.root / "settings.ini"

    def ensure(self) -> None:
        """Create the layout for its user alone: folders 0700, the database 0600.

        The database file is made (empty: SQLite takes that for a new database) before
        SQLite opens it, because SQLite gives its -wal and -shm files the database's mode.
        An existing data dir of the user's, and its database files, lose any group and
        other access they had; a folder that holds no library yet (``--data-dir ~``) keeps
        its mode, since everything Mødemappe puts in it is private anyway.
        """
        if not self.root.exists() or self.database.exists():
            private_dir(self.root)
        for d in (self.files, self.tmp, self.logs):
            private_dir(d)
        private_file(self.database)
        for suffix in ("-wal", "-shm", "-journal"):
            extra = self.database.with_name(self.database.name + suffix)
            if extra.exists():
                private_file(extra)


def resolve(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    return DataPaths(Path(data_dir).expanduser() if data_dir else default_data_dir())
