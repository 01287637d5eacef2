"""Rule tables as data: every word list and pattern table the extractors use, loaded once.

Files here (each row carries a ``why``):

* ``words.jsonl``: ``{"table", "words": [...], "why"}``, word sets (several rows may fill one table);
* ``values.jsonl``: ``{"table", "values": {word: value}, "why"}``, word-to-value maps;
* ``units.jsonl``: one unit word per row (quantities);
* ``entity_patterns.jsonl``: spaCy entity rules (``extractors.entities``).

Code holds the mechanism, these files the words: to add a word, add it to its
row (or add a row with its own ``why``); ``tests/test_rules.py`` checks that
every row loads. :func:`fold` is the one accent- and case-folding used to
compare words and names.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent


class RuleError(ValueError):
    """A rule file that does not follow its format, naming the file, line and problem."""


def fold(text: str) -> str:
    """Case- and accent-folded form: 'Bắc Giang' -> 'bac giang', 'Đà' -> 'da', 'STRASSE' -> 'strasse'."""
    text = unicodedata.normalize("NFKD", (text or "").casefold().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=None)
def rows(file_name: str, required: tuple[str, ...] = ()) -> tuple[dict, ...]:
    """The rows of one JSONL rule file; every row must hold ``why`` and the ``required`` keys.

    Raises:
        RuleError: naming the file and line of a malformed row.
    """
    path = RULES_DIR / file_name
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RuleError(f"{path.name}:{number}: not valid JSON ({exc.msg})") from None
        missing = [key for key in ("why", *required) if not row.get(key) and row.get(key) != 0]
        if missing:
            raise RuleError(f"{path.name}:{number}: missing {', '.join(missing)}")
        out.append(row)
    return tuple(out)


@lru_cache(maxsize=None)
def words(table: str) -> frozenset[str]:
    """A word set from ``words.jsonl`` (all rows of that table together).

    Raises:
        RuleError: the table does not exist (the message lists the tables there are).
    """
    found = [row for row in rows("words.jsonl", ("table", "words")) if row["table"] == table]
    if not found:
        tables = sorted({row["table"] for row in rows("words.jsonl", ("table", "words"))})
        raise RuleError(f"no word table {table!r} in words.jsonl; tables: {', '.join(tables)}")
    return frozenset(word for row in found for word in row["words"])


@lru_cache(maxsize=None)
def values(table: str) -> dict:
    """A word-to-value map from ``values.jsonl`` (all rows of that table together)."""
    found = [row for row in rows("values.jsonl", ("table", "values")) if row["table"] == table]
    if not found:
        tables = sorted({row["table"] for row in rows("values.jsonl", ("table", "values"))})
        raise RuleError(f"no value table {table!r} in values.jsonl; tables: {', '.join(tables)}")
    merged: dict = {}
    for row in found:
        merged.update(row["values"])
    return merged


@lru_cache(maxsize=None)
def alternation(table: str) -> str:
    """A word table from ``words.jsonl`` as a regex group, longest first, each word escaped and its
    spaces matching any run of white space: ``(?:Works\\s+Cited|References)``. The pattern that
    uses it decides the flags and the boundaries."""
    ordered = sorted(words(table), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"
