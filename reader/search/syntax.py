"""The query syntax a council member types, parsed into clauses.

Plain words must all match (in any form: ``reformen`` finds ``reform``, and as the end of a
compound, ``sundhedsreformen``); ``"ikke godkendt"`` is a phrase; ``a OR b``; ``-word`` or
``-"a phrase"`` excludes; ``prefix*`` matches the beginning of words. Parsing is apart from
the index: it reads only the text, so it stays small and is the same for every index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.search.limits import Limits, Notice


@dataclass(frozen=True)
class Clause:
    kind: str  # "word", "phrase" or "prefix"
    text: str
    negated: bool = False


_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORDLIKE = re.compile(r"\w")


def parse(querystring: str, max_words: int | None = None) -> list[list[Clause]]:
    """A conjunction of disjunctions: ``a b OR c -d`` is ``[[a], [b, c], [-d]]``."""
    return _parse(querystring, max_words)[0]


def _parse(querystring: str, max_words: int | None) -> tuple[list[list[Clause]], bool]:
    """The groups, and whether words past ``max_words`` were left out.

    One pass over the text, no recursion: the syntax has no nesting (a parenthesis is
    punctuation), so no query, however deep its brackets, can exhaust the stack.
    """
    groups: list[list[Clause]] = []
    join_next = False
    left = max_words
    for m in _PART.finditer(querystring):
        if m.group(3) is not None:
            raw = m.group(3)
            if raw in ("OR", "ELLER", "|"):
                join_next = bool(groups)
                continue
            if raw in ("AND", "OG", "&") or not _WORDLIKE.search(raw):
                continue  # punctuation alone finds nothing and costs no word
            negated = raw.startswith("-") and len(raw) > 1
            raw = raw[1:] if negated else raw
            raw = raw.lstrip("+")
            if raw.endswith("*") and len(raw.rstrip("*")) >= 2:
                clause = Clause("prefix", raw.rstrip("*"), negated)
            else:
                clause = Clause("word", raw.rstrip("*"), negated)
            size = 1
        else:
            words = [w for w in m.group(2).split() if _WORDLIKE.search(w)]
            size = len(words)
            if left is not None and size > left:
                words = words[:left]
            if not words:
                continue
            clause = Clause("phrase", " ".join(words), bool(m.group(1)))
        if left is not None:
            if left <= 0:
                return groups, True
            left -= size
        if join_next and not clause.negated and not groups[-1][0].negated:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next = False
        if left is not None and left < 0:
            return groups, True  # a phrase cut short
    return groups, False


def bounded_parse(querystring: str, limits: Limits) -> tuple[list[list[Clause]], list[Notice]]:
    """The query as parsed within ``limits``, and a notice for each bound it reached."""
    notices: list[Notice] = []
    if len(querystring) > limits.chars:
        querystring = querystring[: limits.chars]
        notices.append(Notice("query_chars", limits.chars))
    groups, cut = _parse(querystring, limits.words)
    if cut:
        notices.append(Notice("query_words", limits.words))
    return groups, notices


_LAST_WORD = re.compile(r'(?:^|\s)-?[^\s"*-][^\s"*]*$')


def as_typed(querystring: str) -> str:
    """The query while the member is still typing it: its last word, unless a space,
    a quote or a star ends it, is the beginning of a word (``praktikpl`` → ``praktikpl*``).
    A one-letter word is left as it is: a prefix that short would stand for too much."""
    m = _LAST_WORD.search(querystring)
    if m is None or querystring.count('"') % 2:
        return querystring
    word = m.group().strip().lstrip("-")
    if len(word) < 2 or word in ("OR", "ELLER", "AND", "OG") or not _WORDLIKE.search(word):
        return querystring
    return querystring + "*"
