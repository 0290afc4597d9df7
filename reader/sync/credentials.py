"""A source's user name and password or token, kept in the OS keychain only.

Never in the library database, a config file or the log. The keychain is chosen and
checked by the vault's rules (``reader.vault.keychain``): every write is read back (keyring's
null backend forgets silently), and a plaintext file (keyrings.alt's, which keyring falls
back on when no OS keychain runs) is not a keychain.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
import keyring.errors

from reader.errors import SyncError, VaultError
from reader.i18n import say
from reader.vault.keychain import no_keychain, put_secret, safe_keychain

log = logging.getLogger(__name__)

SERVICE = "moedemappe-sync"


@dataclass(frozen=True)
class Credentials:
    """Sent only to ``origin`` (scheme, host, port): never to a redirect elsewhere."""

    origin: tuple[str, str, int | None]
    header: str


def origin_of(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


def split_userinfo(url: str) -> tuple[str, str | None, str | None]:
    """``url`` without a user name and password in it, and those two (None if absent)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, colon, password = userinfo.partition(":")
    clean = urlunsplit(parts._replace(netloc=host))
    return clean, unquote(user), unquote(password) if colon else None


def store(
    name: str, *, token: str | None = None, user: str | None = None, password: str | None = None
) -> None:
    secret = json.dumps({"token": token, "user": user, "password": password})
    backend = safe_keychain()
    try:
        put_secret(backend, SERVICE, name, secret)
    except VaultError as exc:
        reason = (
            say(
                "der er ingen nøglering i styresystemet (en almindelig fil bruges ikke til "
                "adgangskoder)",
                "no OS keychain is available (a plain file is not used for passwords)",
            )
            if no_keychain(backend)
            else str(exc)
        )
        raise SyncError(
            say(
                f"kan ikke gemme adgangskoden eller tokenet til {name!r} sikkert: {reason}; "
                "intet blev gemt",
                f"cannot keep the password or token of {name!r} safely: {reason}; "
                "nothing was saved",
            )
        ) from None


def delete(name: str) -> None:
    try:
        safe_keychain().delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass  # there was none
    except Exception as exc:  # no keychain: then nothing was stored there either
        log.info("could not remove the credentials of %s from the keychain: %s", name, exc)


def load(name: str, url: str) -> Credentials | None:
    """The Authorization header for the source, scoped to its URL's origin."""
    backend = safe_keychain()
    if no_keychain(backend):
        return None  # no keychain: none could be stored, ``store`` refuses
    try:
        raw = backend.get_password(SERVICE, name)
    except Exception as exc:  # a locked keychain, D-Bus trouble: sync without
        log.warning("cannot read the credentials of %s from the keychain: %s", name, exc)
        return None
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    origin = origin_of(httpx.URL(url))
    if data.get("token"):
        return Credentials(origin, f"Bearer {data['token']}")
    if data.get("user") is not None and data.get("password") is not None:
        pair = f"{data['user']}:{data['password']}".encode()
        return Credentials(origin, "Basic " + base64.b64encode(pair).decode("ascii"))
    return None
