"""A source's user name and password or token, kept in the system keyring only.

Never in the library database or a config file. keyring's null backend stores nothing
and raises nothing, so every write is read back before it counts as stored.
"""

from __future__ import annotations

import base64
import json
import logging

import httpx
import keyring
import keyring.errors

from reader.sync.engine import Credentials, SyncError, origin_of

log = logging.getLogger(__name__)

SERVICE = "moedemappe-sync"


def store(
    name: str, *, token: str | None = None, user: str | None = None, password: str | None = None
) -> None:
    secret = json.dumps({"token": token, "user": user, "password": password})
    try:
        keyring.set_password(SERVICE, name, secret)
        stored = keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise SyncError(f"cannot store the password for {name!r} in the keyring ({exc})") from exc
    if stored != secret:
        raise SyncError(
            f"cannot store the password for {name!r}: no working keyring on this computer"
        )


def delete(name: str) -> None:
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass  # there was none
    except keyring.errors.KeyringError as exc:
        log.warning("could not remove the password of %s from the keyring: %s", name, exc)


def load(name: str, url: str) -> Credentials | None:
    """The Authorization header for the source, scoped to its URL's origin."""
    try:
        raw = keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        log.warning("keyring unavailable for %s: %s", name, exc)
        return None
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    origin = origin_of(httpx.URL(url))
    if data.get("token"):
        return Credentials(origin, f"Bearer {data['token']}")
    if data.get("user") is not None and data.get("password") is not None:
        pair = f"{data['user']}:{data['password']}".encode()
        return Credentials(origin, "Basic " + base64.b64encode(pair).decode("ascii"))
    return None
