"""``vault status|set-passphrase|rotate``: what protects the notes, and changing it."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TextIO

from reader.cli.common import Command, CommandParser, Group, dump_json, no_arguments
from reader.errors import VaultError
from reader.i18n import say
from reader.library.store import Library
from reader.vault.keys import (
    MIN_PASSPHRASE,
    open_vault,
    rotate,
    set_passphrase,
    vault_exists,
    vault_status,
)

ENV_NEW_PASSPHRASE = "MOEDEMAPPE_NEW_PASSPHRASE"

# The status and slot words are codes in --json; in Danish output they are read as words.
_DANISH = {
    "ok": "ok",
    "missing": "mangler",
    "locked": "låst",
    "unavailable": "utilgængelig",
    "wrong": "forkert",
    "damaged": "beskadiget",
    "none": "ingen",
    "keychain": "nøglering",
    "passphrase": "adgangsfrase",
}


def _word(code: str) -> str:
    return say(_DANISH.get(code, code), code)


def _status_arguments(p: CommandParser) -> None:
    p.add_argument("--json", action="store_true")


def cmd_status(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    status = vault_status(lib)
    if args.json:
        dump_json(status.to_json(), out)
    elif not status.exists:
        print(
            say(
                "ingen noteboks endnu: den oprettes med den første note eller markering",
                "no vault yet: it is created with the first note or annotation",
            ),
            file=out,
        )
    else:
        passphrase = say("sat", "set") if status.passphrase else say("ikke sat", "not set")
        print(say(f"noteboks {status.vault_id}", f"vault {status.vault_id}"), file=out)
        print(
            say(
                f"nøglering:    {_word(status.keychain)} ({status.backend})",
                f"keychain:   {status.keychain} ({status.backend})",
            ),
            file=out,
        )
        print(say(f"adgangsfrase: {passphrase}", f"passphrase: {passphrase}"), file=out)
        recovery = say("sat", "set") if status.recovery else say("ikke sat", "not set")
        print(
            say(f"gendannelsesnøgle: {recovery}", f"recovery key: {recovery}"),
            file=out,
        )
        print(
            say(
                f"noter: {status.notes}, markeringer: {status.annotations}",
                f"notes: {status.notes}, annotations: {status.annotations}",
            ),
            file=out,
        )
    return 0


def _new_passphrase() -> str:
    new = os.environ.get(ENV_NEW_PASSPHRASE)
    if new:
        return new
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\n")
        if not line:
            raise VaultError(
                say(
                    f"ingen ny adgangsfrase givet (sæt {ENV_NEW_PASSPHRASE})",
                    f"no new passphrase given (set {ENV_NEW_PASSPHRASE})",
                )
            )
        return line
    first = getpass.getpass(say("Ny adgangsfrase: ", "New passphrase: "))
    if getpass.getpass(say("Gentag adgangsfrasen: ", "Repeat the passphrase: ")) != first:
        raise VaultError(
            say(
                "de to adgangsfraser er forskellige; intet blev ændret",
                "the two passphrases differ; nothing was changed",
            )
        )
    return first


def cmd_set_passphrase(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    new = _new_passphrase()
    if len(new) < MIN_PASSPHRASE:
        raise VaultError(
            say(
                f"adgangsfrasen skal have mindst {MIN_PASSPHRASE} tegn",
                f"the passphrase must have at least {MIN_PASSPHRASE} characters",
            )
        )
    existed = vault_exists(lib)
    # a new vault is wrapped by the keychain too, if there is one; set_passphrase then
    # makes sure of the passphrase even if another process set the vault up meanwhile
    vault = open_vault(lib) if existed else open_vault(lib, passphrase=new)
    set_passphrase(lib, vault, new)
    if existed:
        print(say("adgangsfrasen er sat", "the passphrase is set"), file=out)
    else:
        print(
            say(
                "noteboksen er oprettet; adgangsfrasen er sat",
                "vault created; the passphrase is set",
            ),
            file=out,
        )
    return 0


def cmd_rotate(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    done = ", ".join(_word(slot) for slot in rotate(lib, open_vault(lib)))
    print(
        say(
            f"noteboksens nøgle er pakket ind på ny: {done}",
            f"re-wrapped the vault's key: {done}",
        ),
        file=out,
    )
    return 0


COMMANDS = (
    Group(
        "vault",
        "the keys that protect notes and annotations",
        (
            Command(
                "status",
                "what protects the vault; whether the keychain has it",
                _status_arguments,
                cmd_status,
            ),
            Command(
                "set-passphrase",
                f"set or change the recovery passphrase (new one from ${ENV_NEW_PASSPHRASE}, "
                "or asked for)",
                no_arguments,
                cmd_set_passphrase,
            ),
            Command(
                "rotate",
                "new wrapping keys for the vault's data key",
                no_arguments,
                cmd_rotate,
            ),
        ),
    ),
)
