"""Every error a user can meet, and the few internal signals the core raises and catches.

An error a user can meet is a ``MoedemappeError`` with a one-line message, in the member's
language (``reader.i18n``), that names the file or object and what is wrong. Callers tell
cases apart by the class, never by the message: the words are for people and change with
the language. Modules that raised these before keep importing them, so ``from
reader.search.lock import IndexBusy`` and the like still work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.search.limits import Notice


class MoedemappeError(Exception):
    """Base for errors with a message fit for a user; anything else is a bug."""


class UsageError(MoedemappeError):
    """A command or request that parses but does not make sense."""


class Cancelled(MoedemappeError):
    """The user stopped an import or a sync; what was committed before stays."""


# -- the library -----------------------------------------------------------------------------


class LibraryError(MoedemappeError):
    """The library database or file store cannot be used."""


class NotFoundError(MoedemappeError):
    """A meeting, document or page asked for does not exist."""


class PdfError(MoedemappeError):
    """A file is not a readable PDF (damaged, encrypted, empty, not a PDF)."""


class PackageError(MoedemappeError):
    """A package (zip or folder) is unsafe or malformed."""


# -- search --------------------------------------------------------------------------------


class IndexBusy(MoedemappeError):
    """Another process kept the search index busy for longer than we were willing to wait."""


class IndexDamaged(MoedemappeError):
    """The search index is missing or cannot be read; the indexer builds it again."""


# -- sync ----------------------------------------------------------------------------------


class SyncError(MoedemappeError):
    """A source or one of its objects could not be synced; the message names which."""


class NetworkError(SyncError):
    """A request failed for good (after retries, or with an answer retrying cannot change)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status, when the server gave one


class Unresponsive(MoedemappeError):
    """The source stopped answering: the rest of its sync is given up until the next one.

    Not a ``SyncError``, so adapters that skip an object they cannot read do not swallow it.
    """


# -- notes and the vault ---------------------------------------------------------------------


class NoteInputError(MoedemappeError):
    """A colour, link or other value given for a note or annotation is not acceptable."""


class AnchorError(MoedemappeError):
    """A quote cannot be found where the user asked to annotate it."""


class ExportError(MoedemappeError):
    """An export cannot be written where the user asked."""


class VaultError(MoedemappeError):
    """The notes vault cannot be opened or used."""


class TamperedError(VaultError):
    """Stored encrypted data does not decrypt: changed on disk or moved onto another record."""


class VaultDamaged(VaultError):
    """A record of the vault's keys in the library cannot be read; nothing was changed."""


class NoVault(VaultError):
    """The library has no notes vault yet (and none was to be created)."""


class KeychainMissing(VaultError):
    """No usable keychain: none runs, keyring refuses, or the one found keeps no secrets."""


class KeychainLocked(VaultError):
    """The keychain is there but locked."""


class KeyMissing(VaultError):
    """The keychain works but does not hold the vault's key."""


class KeyDamaged(VaultError):
    """The keychain holds a key for the vault that is damaged or belongs to another library."""


class PassphraseMissing(VaultError):
    """The vault needs its passphrase and none was given."""


class WrongPassphrase(VaultError):
    """The passphrase given does not open the vault."""


class PassphraseTooShort(VaultError):
    """A new passphrase is shorter than the vault accepts."""


class VaultLocked(VaultError):
    """None of the vault's keys could be used; ``causes`` holds why, one error per key."""

    def __init__(self, message: str, causes: list[VaultError]) -> None:
        super().__init__(message)
        self.causes = causes


# -- internal signals: raised and caught inside the core, never shown ------------------------


class SearchStopped(Exception):
    """Raised inside a search when its time is up or its caller cancelled it."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(notice.code)
        self.notice = notice


class Transient(Exception):
    """A download failed in a way a retry may mend; the engine retries, or gives up."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class Unsupported(Exception):
    """A query shape the search engine's own evaluator does not handle; Whoosh's does."""


# -- the reader ------------------------------------------------------------------------------


class RenderCrashed(MoedemappeError):
    """A render worker died or hung on a request; the worker was restarted, the app goes on."""


# -- the self-test ---------------------------------------------------------------------------


class StepFailed(MoedemappeError):
    """A self-test check that ran and found something wrong (rather than an exception it
    hit)."""
