"""The manifest one ESDH publication becomes, collected as its system's XML is read.

Shared by the eDoc, SBSYS and Acadre readers: the package's files found as the portals find
them (regardless of case), paths the XML names kept inside the package, items numbered once,
and a PDF a public item needs that the package lacks reported as an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from reader.errors import PackageError
from reader.i18n import say
from reader.library.esdh_xml import clean
from reader.library.package import Member, Package


def not_in_package(origin: str, missing: str) -> str:
    return say(
        f"{origin}: nævner {missing!r}, som ikke er i pakken",
        f"{origin}: names {missing!r}, which is not in the package",
    )


# -- the files of a package ----------------------------------------------------------------


class Files:
    """A package's files by name, also found regardless of case, as the portals find them."""

    def __init__(self, package: Package) -> None:
        self.pdfs = {m.name: m for m in package.members}
        self.xml = {m.name: m for m in package.xml}
        self.all = [*self.pdfs, *self.xml, *package.skipped]
        self._folded: dict[str, str] = {}
        for name in self.all:
            self._folded.setdefault(name.casefold(), name)

    def find(self, name: str) -> str | None:
        return name if name in self.pdfs or name in self.xml else self._folded.get(name.casefold())


@dataclass
class Builder:
    """Collects one publication's items and documents as the manifest wants them."""

    xml: Member
    files: Files
    items: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    mentioned: set[str] = field(default_factory=set)
    owned: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)

    @property
    def base(self) -> str:
        return folder_of(self.xml.name)

    def path(self, ref: str) -> str:
        """The package name of a file the XML names relative to itself; never outside it."""
        norm = ref.strip().replace("\\", "/")
        parts = PurePosixPath(norm).parts
        if (
            norm.startswith("/")
            or re.match(r"[A-Za-z]:", norm)
            or ".." in parts
            or "\x00" in norm
            or not parts
        ):
            raise PackageError(
                say(
                    f"{self.xml.origin}: filen {norm!r}, den nævner, ligger uden for pakken",
                    f"{self.xml.origin}: the file {norm!r} it names is outside the package",
                )
            )
        return self.base + "/".join(p for p in parts if p != ".")

    def item(self, number: str, title: str, case: str, closed: bool) -> str:
        number = clean(number) or str(len(self.items) + 1)
        if any(it["number"] == number for it in self.items):
            raise PackageError(
                say(
                    f"{self.xml.origin}: to dagsordenspunkter har nummer {number}",
                    f"{self.xml.origin}: two agenda items are numbered {number}",
                )
            )
        self.items.append(
            {
                "number": number,
                "title": clean(title) or f"Punkt {number}",
                "case": clean(case) or None,
                "closed": closed,
            }
        )
        return number

    def item_pdf(self, pdf: str, key: str, number: str, title: str, closed: bool) -> None:
        """An item's own PDF (the item as exported on its own), tied to its item; a closed
        item's may be missing."""
        if pdf:
            self.document(
                [self.path(pdf)],
                key=key,
                kind="attachment",
                title=f"Punkt {number}: {clean(title)}",
                item=number,
                required=not closed,
            )

    def document(
        self,
        refs: list[str],
        *,
        key: str,
        kind: str,
        title: str,
        item: str | None = None,
        required: bool = True,
    ) -> None:
        """The first PDF of ``refs`` (package names) in the package, as a document.

        A file a public item needs and the package lacks is an error: the publication is
        incomplete (still being copied, say), and importing it half would mislead. A file
        that is there but not a PDF (a Word original) is noted as skipped.
        """
        found = [n for n in map(self.files.find, refs) if n is not None]
        pdf = next((n for n in found if n in self.files.pdfs), None)
        if pdf is not None:
            if all(d["file"] != pdf for d in self.documents):
                if any(d["id"] == key for d in self.documents):
                    key = f"{key}:{pdf}"  # one key is one document, and its versions
                doc = {"file": pdf, "id": key, "kind": kind}
                doc["title"] = clean(title) or PurePosixPath(pdf).stem
                if item is not None:
                    doc["item"] = item
                self.documents.append(doc)
        elif found:
            self.skipped.append(say(f"{found[0]} (ikke en PDF)", f"{found[0]} (not a PDF)"))
            self.mentioned.add(found[0])
        elif required:
            missing = refs[0][len(self.base) :]
            raise PackageError(not_in_package(self.xml.origin, missing))


def folder_of(name: str) -> str:
    return name.rsplit("/", 1)[0] + "/" if "/" in name else ""
