"""Errors a user can meet. Each carries a one-line message meant to be shown as is."""

from __future__ import annotations


class MoedemappeError(Exception):
    """Base for errors with a message fit for a user; anything else is a bug."""


class LibraryError(MoedemappeError):
    """The library database or file store cannot be used."""


class NotFoundError(MoedemappeError):
    """A meeting, document or page asked for does not exist."""


class PdfError(MoedemappeError):
    """A file is not a readable PDF (damaged, encrypted, empty, not a PDF)."""


class PackageError(MoedemappeError):
    """A package (zip or folder) is unsafe or malformed."""


class VaultError(MoedemappeError):
    """The notes vault cannot be opened or used: no key, a wrong passphrase, a locked keychain."""


class TamperedError(VaultError):
    """Stored encrypted data does not decrypt: changed on disk or moved onto another record."""


class AnchorError(MoedemappeError):
    """A quote cannot be found where the user asked to annotate it."""
