"""``vault status|set-passphrase|rotate``: what protects the notes, and changing it."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TextIO

from reader.cliutil import Handler, Subparsers, dump_json
from reader.errors import VaultError
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


def register(sub: Subparsers) -> dict[str, Handler]:
    p = sub.add_parser("vault", help="the keys that protect notes and annotations")
    actions = p.add_subparsers(dest="vault_command", metavar="ACTION", required=True)
    a = actions.add_parser("status", help="what protects the vault; whether the keychain has it")
    a.add_argument("--json", action="store_true")
    actions.add_parser(
        "set-passphrase",
        help=f"set or change the recovery passphrase (new one from ${ENV_NEW_PASSPHRASE}, "
        "or asked for)",
    )
    actions.add_parser("rotate", help="new wrapping keys for the vault's data key")
    return {"vault": cmd_vault}


def _new_passphrase() -> str:
    new = os.environ.get(ENV_NEW_PASSPHRASE)
    if new:
        return new
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\n")
        if not line:
            raise VaultError(f"no new passphrase given (set {ENV_NEW_PASSPHRASE})")
        return line
    first = getpass.getpass("Ny adgangsfrase: ")
    if getpass.getpass("Gentag adgangsfrasen: ") != first:
        raise VaultError("the two passphrases differ; nothing was changed")
    return first


def cmd_vault(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    if args.vault_command == "status":
        status = vault_status(lib)
        if args.json:
            dump_json(status.to_json(), out)
        elif not status.exists:
            print("no vault yet: it is created with the first note or annotation", file=out)
        else:
            print(f"vault {status.vault_id}", file=out)
            print(f"keychain:   {status.keychain} ({status.backend})", file=out)
            print(f"passphrase: {'set' if status.passphrase else 'not set'}", file=out)
            print(f"notes: {status.notes}, annotations: {status.annotations}", file=out)
        return 0
    if args.vault_command == "set-passphrase":
        new = _new_passphrase()
        if len(new) < MIN_PASSPHRASE:
            raise VaultError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
        existed = vault_exists(lib)
        # a new vault is wrapped by the keychain too, if there is one; set_passphrase then
        # makes sure of the passphrase even if another process set the vault up meanwhile
        vault = open_vault(lib) if existed else open_vault(lib, passphrase=new)
        set_passphrase(lib, vault, new)
        print(
            "the passphrase is set" if existed else "vault created; the passphrase is set", file=out
        )
        return 0
    vault = open_vault(lib)
    done = rotate(lib, vault)
    print(f"re-wrapped the vault's key: {', '.join(done)}", file=out)
    return 0
