"""Build ``tests/data/word_forms/da_nouns.tsv``: Danish nouns of the seed and corpus texts with
their forms, for the recall test and the bench.

Usage: ``python bench/word_forms.py [SEEDS] [CORPUS]`` (defaults ``../shared/seeds`` and
``../shared/corpus``). A noun is a word of those texts whose lemma simplemma's Danish table
knows and whose table lists a definite singular (``-en``/``-et``/``-n``/``-t``) beside a
plural (``-er``/``-r``/``-e``/unchanged) and its definite form (``-erne``/``-rne``/
``-ene``/``-ne``); every form written is one the table gives for that lemma, and the
genitive is the definite singular with ``-s``. At least two of the five forms occur in the
texts, one of them a definite one (which keeps out words such as ``over`` or ``høj`` that
the table also lists as nouns).
The nouns are taken by how often their forms occur in the texts, the most frequent first.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf

from reader.search.analysis import TOKEN_RE, detect_language, normalise
from reader.search.lemmas import table

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "word_forms" / "da_nouns.tsv"
DEFINITE = ("en", "et", "n", "t")
PLURAL = ("er", "r", "e", "")
EXCLUDE = {"voks"}  # read by hand: "voksen" (adult) and "vokser" (grows) are other words
PLURAL_DEFINITE = {"er": ("erne",), "r": ("rne",), "e": ("ene",), "": ("ene",)}


def texts(seeds: Path, corpus: Path) -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    pdfs = sorted(corpus.rglob("*.pdf")) + sorted(corpus.rglob("*.PDF"))
    for pdf in pdfs:
        with pymupdf.open(pdf) as doc:
            text = "\n".join(page.get_text() for page in doc)
        if detect_language(text) == "da":
            out.append(text)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seeds", nargs="?", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--nouns", type=int, default=240)
    args = ap.parse_args(argv)
    counts: collections.Counter[str] = collections.Counter()
    for text in texts(args.seeds, args.corpus):
        for m in TOKEN_RE.finditer(text):
            word = normalise(m.group())
            if word.isalpha() and len(word) >= 3:
                counts[word] += 1
    words = table("da")
    forms: dict[str, set[str]] = collections.defaultdict(set)
    for form, lemma in words.items():  # the table's forms, by lemma
        if form.isalpha() and form.islower() and lemma.isalpha():
            forms[lemma].add(form)
    used: collections.Counter[str] = collections.Counter()
    for word, n in counts.items():
        lemma = words.get(word)
        if lemma is not None:
            used[lemma] += n
    rows = []
    for lemma, _n in used.most_common():
        if not re.fullmatch(r"[a-zæøå]{3,}", lemma) or lemma in EXCLUDE:
            continue
        known = forms.get(lemma, set()) | {lemma}
        definite = [lemma + e for e in DEFINITE if lemma + e in known]
        plural = [(e, lemma + e) for e in PLURAL if e and lemma + e in known]
        if not definite or not plural:
            continue
        e, pl = plural[0]
        endings = ("ne",) if lemma.endswith("er") and e == "e" else PLURAL_DEFINITE[e]
        pl_def = [lemma + d for d in endings if lemma + d in known]  # borgerne, dagene
        if not pl_def:
            continue
        genitive = definite[0] + "s"
        if genitive not in known:
            continue
        row = (lemma, definite[0], pl, pl_def[0], genitive)
        if sum(1 for form in row if counts[form]) < 2 or not any(counts[f] for f in row[1::2]):
            continue  # the texts use the word as a noun: two forms, one of them definite
        rows.append(row)
        if len(rows) >= args.nouns:
            break
    lines = [
        "# Danish nouns of the seed texts (tests/data/seeds) and the real agendas and minutes",
        "# (tests/data/corpus, tests/data/esdh): singular, definite, plural, definite",
        "# plural, genitive. Forms as simplemma's Danish table (MIT) gives them; built by",
        "# bench/word_forms.py, the most frequent nouns first.",
        "singular\tdefinite\tplural\tplural_definite\tgenitive",
    ]
    lines += ["\t".join(r) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} nouns written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
