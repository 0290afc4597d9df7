"""A process that autosaves notes as fast as it can, for the kill -9 test.

``python -m tests.support.notes_saver DATA_DIR MEETING_ID SEED`` prints
``ACK <note id> s<seed>-v<n>`` after each committed save: a new note, or a new text for
one it made earlier.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from reader.library import Library
from reader.notes.note_store import NoteStore
from reader.paths import DataPaths
from reader.vault import open_vault


def main() -> None:
    data_dir, meeting, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    with Library(DataPaths(data_dir)) as lib:
        store = NoteStore(lib, open_vault(lib, create=False))
        mine: list[str] = []
        n = 0
        while True:
            n += 1
            tag = f"s{seed}-v{n}"
            text = f"{tag} " + "x" * rng.randint(0, 4000)
            if mine and rng.random() < 0.7:
                note = store.save(rng.choice(mine), text)
            else:
                note = store.add(meeting, text, item_number=rng.choice([None, "2.1"]))
                mine.append(note.id)
            print(f"ACK {note.id} {tag}", flush=True)


if __name__ == "__main__":
    main()
