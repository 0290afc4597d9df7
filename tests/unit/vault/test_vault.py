"""The vault: encryption round trips, tampering, and keychains that do not keep keys."""

from __future__ import annotations

from pathlib import Path

import keyring.backends.fail
import keyring.backends.null
import pytest

from reader.errors import (
    KeychainLocked,
    KeychainMissing,
    KeyDamaged,
    KeyMissing,
    NoVault,
    PassphraseMissing,
    PassphraseTooShort,
    TamperedError,
    VaultDamaged,
    VaultError,
    VaultLocked,
    WrongPassphrase,
)
from reader.library import Library
from reader.notes.annotation_store import AnnotationStore
from reader.notes.models import Unreadable
from reader.notes.note_store import NoteStore
from reader.vault import open_vault, rotate, set_passphrase, vault_exists, vault_status
from tests.support.file_keychain import NAME as FILE_KEYCHAIN
from tests.support.file_keychain import FileKeychain, read_entries
from tests.support.notes_fixtures import (
    PASSPHRASE,
    LockedKeyring,
    file_keyring,
    library_with_agenda,
)


@pytest.fixture(autouse=True)
def _no_env_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE", raising=False)


def _wraps(lib: Library) -> list[tuple[object, ...]]:
    return [tuple(r) for r in lib.conn.execute("SELECT * FROM vault_wraps ORDER BY slot")]


def test_round_trip_with_a_real_keychain(library: Library, tmp_path: Path) -> None:
    kr = file_keyring(tmp_path / "kr.cfg")
    meeting, _ = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=kr)
    assert vault.unlocked_by == "keychain"
    note = NoteStore(library, vault).add(meeting, "Spørg om budgettet — æøå ✓")
    # a new process: only the keychain and the database
    again = open_vault(library, backend=file_keyring(tmp_path / "kr.cfg"))
    assert NoteStore(library, again).get(note.id).text == "Spørg om budgettet — æøå ✓"
    status = vault_status(library, backend=kr)
    assert (status.exists, status.keychain, status.passphrase, status.notes) == (
        True,
        "ok",
        False,
        1,
    )


def test_every_seal_uses_a_fresh_nonce(library: Library, tmp_path: Path) -> None:
    vault = open_vault(library, backend=file_keyring(tmp_path / "kr.cfg"))
    a = vault.seal("note", "x", {"text": "samme"})
    b = vault.seal("note", "x", {"text": "samme"})
    assert a[0] != b[0] and a[1] != b[1]
    assert vault.unseal("note", "x", *a) == vault.unseal("note", "x", *b) == {"text": "samme"}


def test_tampering_and_swapping_records_are_detected(library: Library, tmp_path: Path) -> None:
    meeting, doc = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=file_keyring(tmp_path / "kr.cfg"))
    notes = NoteStore(library, vault)
    first = notes.add(meeting, "første")
    second = notes.add(meeting, "anden")
    ann = AnnotationStore(library, vault).annotate_quote(doc, 4, "TeleHjerte har kørt")
    conn = library.conn
    # swap: the first note's ciphertext and nonce onto the second note
    row = conn.execute("SELECT nonce, ciphertext FROM notes WHERE id = ?", (first.id,)).fetchone()
    conn.execute(
        "UPDATE notes SET nonce = ?, ciphertext = ? WHERE id = ?",
        (row["nonce"], row["ciphertext"], second.id),
    )
    with pytest.raises(TamperedError, match=f"noten {second.id} kan ikke dekrypteres"):
        notes.get(second.id)
    assert notes.get(first.id).text == "første"
    # a flipped bit in an annotation
    ct = bytearray(
        conn.execute("SELECT ciphertext FROM annotations WHERE id = ?", (ann.id,)).fetchone()[0]
    )
    ct[5] ^= 1
    conn.execute("UPDATE annotations SET ciphertext = ? WHERE id = ?", (bytes(ct), ann.id))
    with pytest.raises(TamperedError, match=f"markeringen {ann.id} kan ikke dekrypteres"):
        AnnotationStore(library, vault).load_one(ann.id)
    views, [bad] = AnnotationStore(library, vault).read(doc)
    assert views == [] and (bad.id, bad.kind, bad.record) == (ann.id, "highlight", "annotation")
    # the rest of the meeting's notes are still listed, the swapped one marked unreadable
    listing = {n.id: n for n in notes.listing(meeting)}
    assert isinstance(listing[second.id], Unreadable) and listing[first.id].text == "første"
    # an anchor moved to another version id is refused too
    with pytest.raises(TamperedError):
        vault.unseal("anchor", f"{ann.id}@999", *vault.seal("anchor", f"{ann.id}@1", {}))


@pytest.mark.parametrize(
    ("backend", "kind", "message"),
    [
        (keyring.backends.null.Keyring(), KeychainMissing, "gemmer ikke hemmeligheder"),
        (keyring.backends.fail.Keyring(), KeychainMissing, "der er ingen nøglering at bruge"),
        (LockedKeyring(), KeychainLocked, "nøgleringen er låst"),
    ],
    ids=["null", "fail", "locked"],
)
def test_a_keychain_that_keeps_nothing_is_refused(
    library: Library, backend: object, kind: type[VaultError], message: str
) -> None:
    with pytest.raises(kind, match=message) as err:
        open_vault(library, backend=backend)  # type: ignore[arg-type]
    assert "MOEDEMAPPE_PASSPHRASE" in str(err.value)
    assert not vault_exists(library)
    # the passphrase is the fallback: the vault is then passphrase-only
    vault = open_vault(library, backend=backend, passphrase=PASSPHRASE)  # type: ignore[arg-type]
    assert vault.unlocked_by == "passphrase"
    assert [r[0] for r in _wraps(library)] == ["passphrase"]


def test_missing_or_locked_keychain_entry_is_explained_and_nothing_changes(
    library: Library, tmp_path: Path
) -> None:
    meeting, _ = library_with_agenda(library, tmp_path)
    kr = file_keyring(tmp_path / "kr.cfg")
    vault = open_vault(library, backend=kr)
    note = NoteStore(library, vault).add(meeting, "hemmelig note")
    before = _wraps(library)
    kr.delete_password("moedemappe", vault.vault_id)
    with pytest.raises(VaultLocked, match="nøglen til dine noter mangler i nøgleringen") as err:
        open_vault(library, backend=kr)
    assert [type(c) for c in err.value.causes] == [KeyMissing, PassphraseMissing]
    with pytest.raises(VaultLocked, match="nøgleringen er låst") as err:
        open_vault(library, backend=LockedKeyring())
    assert isinstance(err.value.causes[0], KeychainLocked)
    assert vault_status(library, backend=kr).keychain == "missing"
    assert vault_status(library, backend=LockedKeyring()).keychain == "locked"
    assert _wraps(library) == before  # no new key was made over the lost one
    assert vault_exists(library)
    # a recovery passphrase set while it was open still opens it
    set_passphrase(library, vault, PASSPHRASE)
    reopened = open_vault(library, backend=kr, passphrase=PASSPHRASE)
    assert NoteStore(library, reopened).get(note.id).text == "hemmelig note"


def test_wrong_passphrase_is_refused_and_nothing_is_overwritten(
    library: Library, tmp_path: Path
) -> None:
    meeting, _ = library_with_agenda(library, tmp_path)
    fail = keyring.backends.fail.Keyring()
    vault = open_vault(library, backend=fail, passphrase=PASSPHRASE)
    note = NoteStore(library, vault).add(meeting, "min note")
    before = _wraps(library)
    notes_before = library.conn.execute("SELECT * FROM notes").fetchall()
    with pytest.raises(WrongPassphrase, match="adgangskoden til dine noter er forkert"):
        open_vault(library, backend=fail, passphrase="forkert")
    with pytest.raises(VaultLocked, match="ingen adgangskode givet") as err:
        open_vault(library, backend=fail)
    assert [type(c) for c in err.value.causes] == [PassphraseMissing]
    assert _wraps(library) == before
    assert [tuple(r) for r in library.conn.execute("SELECT * FROM notes")] == [
        tuple(r) for r in notes_before
    ]
    assert (
        NoteStore(library, open_vault(library, backend=fail, passphrase=PASSPHRASE))
        .get(note.id)
        .text
        == "min note"
    )


def test_environment_passphrase_is_used(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOEDEMAPPE_PASSPHRASE", PASSPHRASE)
    vault = open_vault(library, backend=keyring.backends.fail.Keyring())
    assert vault.unlocked_by == "passphrase"
    monkeypatch.setenv("MOEDEMAPPE_PASSPHRASE", "noget andet")
    with pytest.raises(WrongPassphrase, match="adgangskoden til dine noter er forkert"):
        open_vault(library, backend=keyring.backends.fail.Keyring())


def test_changing_the_passphrase_rewraps_the_key_not_the_notes(
    library: Library, tmp_path: Path
) -> None:
    meeting, _ = library_with_agenda(library, tmp_path)
    fail = keyring.backends.fail.Keyring()
    vault = open_vault(library, backend=fail, passphrase=PASSPHRASE)
    NoteStore(library, vault).add(meeting, "uændret")
    notes_before = [tuple(r) for r in library.conn.execute("SELECT * FROM notes")]
    set_passphrase(library, vault, "en helt ny frase")
    assert [tuple(r) for r in library.conn.execute("SELECT * FROM notes")] == notes_before
    with pytest.raises(WrongPassphrase, match="adgangskoden til dine noter er forkert"):
        open_vault(library, backend=fail, passphrase=PASSPHRASE)
    again = open_vault(library, backend=fail, passphrase="en helt ny frase")
    assert [n.text for n in NoteStore(library, again).notes(meeting)] == ["uændret"]
    with pytest.raises(PassphraseTooShort, match="mindst 8 tegn"):
        set_passphrase(library, again, "kort")


def test_rotating_rewraps_and_retires_the_old_keychain_entry(
    library: Library, tmp_path: Path
) -> None:
    meeting, _ = library_with_agenda(library, tmp_path)
    kr = file_keyring(tmp_path / "kr.cfg")
    vault = open_vault(library, backend=kr, passphrase=PASSPHRASE)
    note = NoteStore(library, vault).add(meeting, "overlever rotation")
    notes_before = [tuple(r) for r in library.conn.execute("SELECT * FROM notes")]
    wraps_before = _wraps(library)
    assert kr.get_password("moedemappe", vault.vault_id) is not None
    assert rotate(library, vault, backend=kr, passphrase=PASSPHRASE) == ["keychain", "passphrase"]
    assert kr.get_password("moedemappe", vault.vault_id) is None  # the old entry is gone
    wraps_after = _wraps(library)
    assert all(a != b for a, b in zip(wraps_before, wraps_after, strict=True))
    assert [tuple(r) for r in library.conn.execute("SELECT * FROM notes")] == notes_before
    for opened in (
        open_vault(library, backend=kr),
        open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE),
    ):
        assert NoteStore(library, opened).get(note.id).text == "overlever rotation"
    # rotating with no keychain and no passphrase is refused, nothing changes
    with pytest.raises(KeychainMissing, match="kan ikke skifte nøglen til dine noter"):
        rotate(library, vault, backend=keyring.backends.null.Keyring(), passphrase=None)
    assert _wraps(library) == wraps_after


def test_a_key_from_another_library_does_not_open_this_one(
    library: Library, tmp_path: Path
) -> None:
    kr = file_keyring(tmp_path / "kr.cfg")
    vault = open_vault(library, backend=kr)
    other = open_vault(Library(library.paths.__class__(tmp_path / "other")), backend=kr)
    assert other.vault_id != vault.vault_id  # two data dirs never share a keychain entry
    secret = kr.get_password("moedemappe", other.vault_id)
    assert secret is not None
    kr.set_password("moedemappe", vault.vault_id, secret)
    with pytest.raises(
        VaultLocked, match="nøglen i nøgleringen hører ikke til dette bibliotek"
    ) as err:
        open_vault(library, backend=kr)
    assert isinstance(err.value.causes[0], KeyDamaged)
    assert vault_status(library, backend=kr).keychain == "wrong"


def test_plain_file_keyrings_are_not_taken_for_a_keychain(
    monkeypatch: pytest.MonkeyPatch, library: Library, tmp_path: Path
) -> None:
    """keyrings.alt's plaintext file (keyring's fallback, or configured) and the tests' own
    file keychain would put the key outside the data dir in the clear: refused, chosen or
    not; the tests' keychain passes only where the test-only variable names it."""
    from keyrings.alt.file import PlaintextKeyring

    from reader.vault.keychain import ENV_TEST_KEYCHAIN, keychain_refusal
    from reader.vault.keychain import keychain_backend as _backend

    plain = PlaintextKeyring()
    plain.file_path = str(tmp_path / "plain.cfg")
    ours = FileKeychain(tmp_path / "kr.json")
    monkeypatch.delenv(ENV_TEST_KEYCHAIN, raising=False)
    for chosen in ("", "keyrings.alt.file.PlaintextKeyring"):
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", chosen)
        monkeypatch.setattr("keyring.get_keyring", lambda: plain)
        assert (
            keychain_refusal(plain)
            == "keyrings.alt.file.PlaintextKeyring gemmer hemmeligheder i en almindelig fil"
        )
        with pytest.raises(KeychainMissing, match="gemmer hemmeligheder i en almindelig fil"):
            open_vault(library)
    assert not (tmp_path / "plain.cfg").exists()
    monkeypatch.setattr("keyring.get_keyring", lambda: ours)
    assert keychain_refusal(keyring.backends.null.Keyring()) is not None
    assert keychain_refusal(ours) == f"{FILE_KEYCHAIN} gemmer hemmeligheder i en almindelig fil"
    with pytest.raises(KeychainMissing, match="almindelig fil"):
        open_vault(library)
    assert read_entries(tmp_path / "kr.json") == {} and not vault_exists(library)
    assert "bruges ikke: " in vault_status(library).backend
    monkeypatch.setenv(ENV_TEST_KEYCHAIN, FILE_KEYCHAIN)
    assert keychain_refusal(ours) is None and _backend(None) is ours
    assert open_vault(library).unlocked_by == "keychain"


def _entries(path: Path) -> list[str]:
    return sorted(read_entries(path).get("moedemappe", {}))


def test_keychain_entries_left_by_a_killed_change_are_removed_on_open(
    library: Library, tmp_path: Path
) -> None:
    """The two states a kill can leave: the next entry written but never committed, and the
    old entry still there after the commit; opening deletes what the library does not use."""
    kr = file_keyring(tmp_path / "kr.json")
    vault = open_vault(library, backend=kr)
    vid = vault.vault_id
    assert _entries(tmp_path / "kr.json") == [vid]
    # killed before the commit: generation 1 written, the library still at 0
    kr.set_password("moedemappe", f"{vid}.1", "AAAA")
    assert open_vault(library, backend=kr).unlocked_by == "keychain"
    assert _entries(tmp_path / "kr.json") == [vid]
    # killed after the commit: the library at 1, generation 0 not yet deleted
    secret = kr.get_password("moedemappe", vid)
    assert rotate(library, vault, backend=kr) == ["keychain"]
    assert _entries(tmp_path / "kr.json") == [f"{vid}.1"]
    kr.set_password("moedemappe", vid, secret or "")
    kr.set_password("moedemappe", f"{vid}.2", "AAAA")  # and a later one never committed
    kr.set_password("moedemappe", "another-vault", "AAAA")  # not ours: left alone
    assert open_vault(library, backend=kr).unlocked_by == "keychain"
    assert _entries(tmp_path / "kr.json") == sorted([f"{vid}.1", "another-vault"])
    for _ in range(3):
        rotate(library, vault, backend=kr)
    assert _entries(tmp_path / "kr.json") == sorted([f"{vid}.4", "another-vault"])


def test_an_interrupted_first_setup_is_resumed_under_the_same_id(
    library: Library, tmp_path: Path
) -> None:
    kr = file_keyring(tmp_path / "kr.json")
    # what a kill between the two steps of a setup leaves: an id, an entry, no wraps
    library.conn.execute("INSERT INTO vault (id, vault_id, created) VALUES (1, 'abc123', 'x')")
    kr.set_password("moedemappe", "abc123", "AAAA")
    assert not vault_exists(library) and not vault_status(library, backend=kr).exists
    with pytest.raises(NoVault, match="der er endnu ingen krypterede noter"):
        open_vault(library, backend=kr, create=False)
    assert _entries(tmp_path / "kr.json") == []  # the half-made entry is gone already
    vault = open_vault(library, backend=kr)
    assert vault.vault_id == "abc123" and vault_exists(library)
    assert _entries(tmp_path / "kr.json") == ["abc123"]
    # a passphrase-only setup resumed the same way; a keychain entry is never left over
    other = Library(library.paths.__class__(tmp_path / "other"))
    other.conn.execute("INSERT INTO vault (id, vault_id, created) VALUES (1, 'def456', 'x')")
    kr.set_password("moedemappe", "def456", "AAAA")
    fail = keyring.backends.fail.Keyring()
    assert open_vault(other, backend=fail, passphrase=PASSPHRASE).vault_id == "def456"
    assert open_vault(other, backend=kr, passphrase=PASSPHRASE).unlocked_by == "passphrase"
    assert _entries(tmp_path / "kr.json") == ["abc123"]
    other.close()


def test_a_vault_whose_keys_are_gone_is_not_set_up_again(library: Library, tmp_path: Path) -> None:
    meeting, _ = library_with_agenda(library, tmp_path)
    vault = open_vault(library, backend=keyring.backends.fail.Keyring(), passphrase=PASSPHRASE)
    NoteStore(library, vault).add(meeting, "låst inde")
    library.conn.execute("DELETE FROM vault_wraps")
    with pytest.raises(VaultLocked, match="slet ingen nøgle") as err:
        open_vault(library, backend=file_keyring(tmp_path / "kr.json"), passphrase=PASSPHRASE)
    assert isinstance(err.value.causes[0], VaultDamaged)
    assert vault_exists(library) and _entries(tmp_path / "kr.json") == []


def test_rotating_with_the_wrong_passphrase_changes_nothing(
    library: Library, tmp_path: Path
) -> None:
    kr = file_keyring(tmp_path / "kr.json")
    vault = open_vault(library, backend=kr, passphrase=PASSPHRASE)
    before = _wraps(library)
    with pytest.raises(WrongPassphrase, match="adgangskoden til dine noter er forkert"):
        rotate(library, vault, backend=kr, passphrase="en anden frase")
    assert _wraps(library) == before and _entries(tmp_path / "kr.json") == [vault.vault_id]
    other = Library(library.paths.__class__(tmp_path / "other"))
    with pytest.raises(VaultError, match="hører ikke til dette bibliotek"):
        set_passphrase(other, vault, "en helt ny frase")
    other.close()


def test_opening_while_another_process_rotates_never_fails(
    library: Library, tmp_path: Path
) -> None:
    """A reader that read the old wrap just before a rotation deleted its entry reads the
    wraps again instead of reporting a missing key."""
    kr = file_keyring(tmp_path / "kr.json")
    vault = open_vault(library, backend=kr)
    rotator = Library(library.paths)
    stale_reads = 0

    class RotatesOnFirstRead(FileKeychain):
        def get_password(self, service: str, username: str) -> str | None:
            nonlocal stale_reads
            if stale_reads == 0:
                stale_reads += 1
                rotate(rotator, vault, backend=kr)  # between our read of the wrap and this
            return super().get_password(service, username)

    opened = open_vault(library, backend=RotatesOnFirstRead(tmp_path / "kr.json"))
    assert opened.unlocked_by == "keychain" and stale_reads == 1
    assert _entries(tmp_path / "kr.json") == [f"{vault.vault_id}.1"]
    rotator.close()
