"""The one download engine every sync adapter shares.

``Engine`` is the transport (HTTP with its limits, watchdog and retries: ``transport``) with
resumable, verified file downloads (``downloads``) and the JSON documents the adapters read,
which this module adds: conditional requests, size and nesting caps, and parsing without
recursion on hostile input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from reader.errors import NetworkError as NetworkError
from reader.errors import SyncError as SyncError
from reader.i18n import say
from reader.logs import redact_userinfo as redact
from reader.sync.downloads import Downloads, Validators, validators_of
from reader.sync.transport import http_url, status_message

FetchError = NetworkError  # the name it had before reader.errors

MAX_JSON_BYTES = 64 * 1024 * 1024
# OParl's deepest real nesting (list page > meeting > agenda item > consultation > paper >
# file) is about a dozen levels; Python's parsers and our fingerprints recurse per level
MAX_JSON_DEPTH = 64


@dataclass(frozen=True)
class JsonResponse:
    data: Any  # None when not_modified
    body: bytes
    validators: Validators
    not_modified: bool
    url: str


# -- JSON without recursion on hostile input -------------------------------------------------


def json_too_deep(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether lists and objects in ``value`` nest deeper than ``limit``: a walk, no recursion."""
    level: list[Any] = [value]  # the containers at one depth: one pass per level
    for _depth in range(limit):
        below: list[Any] = []
        for node in level:
            for child in node.values() if isinstance(node, dict) else node:
                if isinstance(child, dict | list):
                    below.append(child)
        if not below:
            return False
        level = below
    return True


def parse_json(body: bytes, shown: str) -> Any:
    """The JSON value of ``body``; NetworkError naming ``shown`` if it is not JSON or too deep.

    The C parser guards its own recursion (``RecursionError``, at Python's limit); what it
    returns is then walked without recursion, so that nothing nested deeper than
    ``MAX_JSON_DEPTH`` reaches code that recurses per level (fingerprints, the importer).
    """
    too_deep = say(
        f"{shown}: JSON'en er indlejret mere end {MAX_JSON_DEPTH} niveauer; afvist",
        f"{shown}: the JSON is nested more than {MAX_JSON_DEPTH} levels deep; refused",
    )
    try:
        value = json.loads(body)
    except RecursionError:
        raise NetworkError(too_deep) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NetworkError(
            say(
                f"{shown}: svaret er ikke gyldig JSON ({exc})",
                f"{shown}: the answer is not valid JSON ({exc})",
            )
        ) from exc
    if isinstance(value, dict | list) and json_too_deep(value):
        raise NetworkError(too_deep)
    return value


class Engine(Downloads):
    """HTTP for one source's sync: the transport's limits, downloads, and JSON documents."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ------------------------------------------------------------------------

    def get_json(
        self,
        url: str,
        params: dict[str, str] | None = None,
        validators: Validators | None = None,
    ) -> JsonResponse:
        """GET a JSON document; a 304 answer comes back as ``not_modified`` with no data."""
        target = http_url(url)
        if params:
            target = target.copy_merge_params(params)
        shown = redact(str(target))
        headers = {"Accept": "application/json"}
        if validators:
            headers.update(validators.headers())

        def attempt() -> JsonResponse:
            with self._open(target, headers) as response:
                if response.status_code == 304:
                    return JsonResponse(None, b"", validators or Validators(), True, url)
                if response.status_code != 200:
                    raise NetworkError(status_message(shown, response.status_code))
                body = self._read_all(response, MAX_JSON_BYTES, shown)
                found = validators_of(response)
                final = str(response.url)
            return JsonResponse(parse_json(body, shown), body, found, False, final)

        return self._retrying(shown, attempt)

    def get_text(self, url: str) -> int:
        """GET a page only for what it sets (a session cookie); returns the status."""
        target = http_url(url)
        shown = redact(url)

        def attempt() -> int:
            with self._open(target, {}) as response:
                if response.status_code >= 400:
                    raise NetworkError(status_message(shown, response.status_code))
                self._read_all(response, MAX_JSON_BYTES, shown)
                return int(response.status_code)

        return self._retrying(shown, attempt)
