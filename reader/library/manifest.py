"""The package manifest (``manifest.json``), checked field by field before anything is stored.

A manifest comes from whoever made the package, so it is read as hostile: its nesting is
bounded before JSON parsing (which recurses), every field the importer uses is checked for
its type and length, dates must parse, and files and ids may not repeat. A wrong value is
a one-line message naming the field (``manifest.json: documents[2].title must be text``),
never an internal error half-way through an import. Fields this version does not know are
left alone, for later versions.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from reader.errors import PackageError
from reader.i18n import say

FORMAT = "moedemappe-package"
VERSION = 1
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 16  # the schema needs 3 levels; the rest is room for later fields
MAX_DOCUMENTS = 5_000
MAX_ITEMS = 2_000
MAX_TEXT = 2_000  # characters in a title, place, name or id
MAX_PATH = 1_000  # characters in a file's path inside the package
DOCUMENT_KINDS = ("agenda", "minutes", "attachment")
MEETING_KINDS = ("agenda", "minutes")

_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def parse_manifest(data: bytes, origin: str) -> dict[str, Any]:
    """Parse and check a manifest file; ``origin`` names it in messages."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise PackageError(
            say(
                f"{origin}: manifestet er for stort ({len(data)} byte; højst {MAX_MANIFEST_BYTES})",
                f"{origin}: the manifest is too large ({len(data)} bytes; at most "
                f"{MAX_MANIFEST_BYTES})",
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackageError(
            say(
                f"{origin}: manifestet er ikke UTF-8-tekst (byte {exc.start} er ikke)",
                f"{origin}: the manifest is not UTF-8 text (byte {exc.start} is not)",
            )
        ) from exc
    _check_depth(text, origin)
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PackageError(
            say(
                f"{origin}: manifestet er ikke gyldig JSON ({exc.msg} i linje {exc.lineno}, "
                f"kolonne {exc.colno})",
                f"{origin}: the manifest is not valid JSON ({exc.msg} at line {exc.lineno}, "
                f"column {exc.colno})",
            )
        ) from exc
    except ValueError as exc:  # a number too long to convert
        raise PackageError(
            say(
                f"{origin}: manifestet er ikke gyldig JSON ({exc})",
                f"{origin}: the manifest is not valid JSON ({exc})",
            )
        ) from exc
    return check_manifest(manifest, origin)


def _check_depth(text: str, origin: str) -> None:
    """Refuse deep nesting before ``json.loads`` recurses into it (strings are skipped)."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise PackageError(
                    say(
                        f"{origin}: manifestet er indlejret for dybt (mere end {MAX_DEPTH} "
                        "niveauer)",
                        f"{origin}: the manifest is nested too deeply (more than {MAX_DEPTH} "
                        "levels)",
                    )
                )
        elif token in "]}":
            depth -= 1


def check_manifest(manifest: Any, origin: str) -> dict[str, Any]:
    """Check a parsed manifest (or one built in code from remote data) and return it."""
    if not isinstance(manifest, dict):
        raise PackageError(
            say(
                f"{origin}: manifestet skal være et JSON-objekt",
                f"{origin}: the manifest must be a JSON object",
            )
        )
    check = _Checker(origin)
    fmt = manifest.get("format")
    if fmt is not None and fmt != FORMAT:
        raise check.error(
            "format",
            say(
                f"skal være {FORMAT!r}, ikke {_short(fmt)}",
                f"must be {FORMAT!r}, not {_short(fmt)}",
            ),
        )
    version = manifest.get("version")
    if version is not None and (not _is_int(version) or version != VERSION):
        raise check.error(
            "version",
            say(
                f"{_short(version)} understøttes ikke (kun {VERSION})",
                f"{_short(version)} is not supported (only {VERSION})",
            ),
        )

    body = manifest.get("body")
    if isinstance(body, dict):
        check.text(body, "name", "body")
    elif body is not None:
        check.text(manifest, "body")

    meeting = check.object(manifest, "meeting")
    if meeting is not None:
        check.key(meeting, "id", "meeting")
        check.text(meeting, "title", "meeting")
        check.text(meeting, "location", "meeting")
        check.when(meeting, "start", "meeting")
        check.when(meeting, "end", "meeting")
        check.choice(meeting, "kind", MEETING_KINDS, "meeting")

    for at, item in check.objects(manifest, "items", MAX_ITEMS):
        check.key(item, "number", at)
        check.text(item, "title", at)
        check.text(item, "case", at)
        check.key(item, "group", at)
        check.flag(item, "closed", at)
        check.flag(item, "is_group", at)

    if not isinstance(manifest.get("documents"), list):
        raise check.error(
            "documents",
            say(
                "skal være en liste over pakkens dokumenter",
                "must be a list of the package's documents",
            ),
        )
    files: set[str] = set()
    ids: set[str] = set()
    for at, doc in check.objects(manifest, "documents", MAX_DOCUMENTS):
        file = doc.get("file")
        if not isinstance(file, str) or not file.strip():
            raise check.error(
                f"{at}.file", say("skal nævne en fil i pakken", "must name a file in the package")
            )
        if len(file) > MAX_PATH:
            raise check.error(f"{at}.file", _too_long(MAX_PATH))
        if file in files:
            raise check.error(f"{at}.file", _repeats(file))
        files.add(file)
        key = check.key(doc, "id", at)
        if key is not None:
            if key in ids:
                raise check.error(f"{at}.id", _repeats(doc["id"]))
            ids.add(key)
        check.choice(doc, "kind", DOCUMENT_KINDS, at)
        check.key(doc, "item", at)
        check.text(doc, "title", at)
    return manifest


class _Checker:
    """Field checks that name the field (``documents[2].title``) in their one-line message."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def error(self, field: str, problem: str) -> PackageError:
        return PackageError(f"{self.origin}: {field} {problem}")

    def text(self, obj: dict[str, Any], name: str, parent: str = "") -> None:
        """Absent, null or text of a bounded length."""
        value = obj.get(name)
        if value is None:
            return
        field = _field(parent, name)
        if not isinstance(value, str):
            raise self.error(field, say("skal være tekst", "must be text"))
        if len(value) > MAX_TEXT:
            raise self.error(field, _too_long(MAX_TEXT))

    def key(self, obj: dict[str, Any], name: str, parent: str) -> str | None:
        """An id or number: absent, null, text or a whole number; returned as text."""
        value = obj.get(name)
        if value is None:
            return None
        field = _field(parent, name)
        if not isinstance(value, str) and not _is_int(value):
            raise self.error(
                field, say("skal være tekst eller et helt tal", "must be text or a whole number")
            )
        text = str(value)
        if not text.strip():
            raise self.error(field, say("må ikke være tom", "must not be empty"))
        if len(text) > MAX_TEXT:
            raise self.error(field, _too_long(MAX_TEXT))
        return text

    def when(self, obj: dict[str, Any], name: str, parent: str) -> None:
        value = obj.get(name)
        if value is None:
            return
        self.text(obj, name, parent)
        try:
            datetime.fromisoformat(value.strip())
        except ValueError:
            raise self.error(
                _field(parent, name),
                say(
                    f"skal være en dato og et klokkeslæt som 2027-01-14T09:30:00, ikke "
                    f"{_short(value)}",
                    f"must be a date and time like 2027-01-14T09:30:00, not {_short(value)}",
                ),
            ) from None

    def choice(self, obj: dict[str, Any], name: str, allowed: tuple[str, ...], parent: str) -> None:
        value = obj.get(name)
        if value is not None and value not in allowed:
            raise self.error(
                _field(parent, name),
                say(
                    f"skal være en af {', '.join(allowed)}, ikke {_short(value)}",
                    f"must be one of {', '.join(allowed)}, not {_short(value)}",
                ),
            )

    def flag(self, obj: dict[str, Any], name: str, parent: str) -> None:
        value = obj.get(name)
        if value is not None and not isinstance(value, bool):
            raise self.error(
                _field(parent, name), say("skal være true eller false", "must be true or false")
            )

    def object(self, obj: dict[str, Any], name: str) -> dict[str, Any] | None:
        value = obj.get(name)
        if value is not None and not isinstance(value, dict):
            raise self.error(name, say("skal være et objekt", "must be an object"))
        return value

    def objects(
        self, obj: dict[str, Any], name: str, limit: int
    ) -> list[tuple[str, dict[str, Any]]]:
        """A list of objects, each with its place (``items[3]``) for messages."""
        value = obj.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(name, say("skal være en liste", "must be a list"))
        if len(value) > limit:
            raise self.error(
                name,
                say(
                    f"har {len(value)} elementer (højst {limit})",
                    f"has {len(value)} entries (at most {limit})",
                ),
            )
        result: list[tuple[str, dict[str, Any]]] = []
        for n, entry in enumerate(value):
            if not isinstance(entry, dict):
                raise self.error(f"{name}[{n}]", say("skal være et objekt", "must be an object"))
            result.append((f"{name}[{n}]", entry))
        return result


def _field(parent: str, name: str) -> str:
    return f"{parent}.{name}" if parent else name


def _too_long(limit: int) -> str:
    return say(f"er for lang (højst {limit} tegn)", f"is too long (at most {limit} characters)")


def _repeats(value: Any) -> str:
    return say(f"gentager {_short(value)}", f"repeats {_short(value)}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _short(value: Any) -> str:
    """A value for a message: its JSON type if it is large, else its repr, on one line."""
    if isinstance(value, dict | list):
        return (
            say("et objekt", "an object") if isinstance(value, dict) else say("en liste", "a list")
        )
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
