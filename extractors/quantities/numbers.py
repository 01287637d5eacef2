"""Numbers as written (digits, words, scales, ranges), their units and qualifiers ("about",
"more than"): what a figure says by itself."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
import math
import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from extractors import rules


RULES_DIR = rules.RULES_DIR


NUMBER_WORDS = rules.values("number_words")


SCALES = rules.values("number_scales")


ORDINAL = re.compile(r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                     r"eleventh|twelfth|\w+teenth|\w+ieth|hundredth|thousandth|millionth)$", re.I)


DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


RANGE_TOKEN = re.compile(r"^(?P<a>\d[\d,]*(?:\.\d+)?)[-–](?P<b>\d[\d,]*(?:\.\d+)?)$")


#: Words before a number that bound it, longest first: "more than 320,000", "no more than 5".
QUALIFIERS = tuple(sorted(rules.values("qualifiers").items(), key=lambda item: -len(item[0])))


# "a quarter of a century", "half a century", "a decade and a half" (first two only)
FRACTION_PERIOD = re.compile(r"\b(?:(?P<a>a|one)\s+)?(?P<fraction>quarter|half|third)\s+(?:of\s+)?a\s+"
                             r"(?P<period>century|decade)\b", re.I)


FRACTIONS = {"quarter": 0.25, "half": 0.5, "third": 1 / 3}


PERIOD_YEARS = {"century": 100, "decade": 10}


@dataclass(frozen=True)
class Unit:
    word: str
    unit: str | None
    kind: str
    symbol: bool = False
    exact_case: bool = False  # "pc" is a parsec, "PC" a computer


@lru_cache(maxsize=1)
def load_units() -> tuple[Unit, ...]:
    """The unit table (rules/units.jsonl), loaded once."""
    return tuple(Unit(row["word"], row.get("unit"), row["kind"], bool(row.get("symbol")), bool(row.get("exact_case")))
                 for row in rules.rows("units.jsonl", ("word", "kind")))


@lru_cache(maxsize=1)
def units_by_word() -> dict[str, Unit]:
    return {u.word.lower(): u for u in load_units() if not u.symbol}


@lru_cache(maxsize=1)
def unit_symbols() -> dict[str, Unit]:
    return {u.word: u for u in load_units() if u.symbol}


def number_value(words: list[str]) -> float | None:
    """Value of a run of number tokens: ["One", "hundred", "thirteen"] -> 113, ["7", "million"] -> 7e6."""
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        w = word.lower().replace("-", " ")
        if " " in w and all(p in NUMBER_WORDS for p in w.split()):  # "twenty-one"
            current += sum(NUMBER_WORDS[p] for p in w.split())
            seen = True
        elif DIGITS.match(word):
            current += float(word.replace(",", ""))
            seen = True
        elif w in NUMBER_WORDS:
            current += NUMBER_WORDS[w]
            seen = True
        elif w == "a" and not seen:
            current = 1
        elif w in SCALES:
            current = (current or 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = 0
            seen = True
        elif w == "and":
            continue
        else:
            return None
    value = total + current
    return value if seen and math.isfinite(value) else None


def is_number_token(token: Token) -> bool:
    """A cardinal in digits ("4,500", "3.5", "12-15") or in words ("ninety", "forty-two",
    "million"); never an ordinal. (Ordered so that most tokens, words that name no number, cost
    two set lookups: both digit patterns need a leading digit.)"""
    text = token.text
    lower = text.lower()
    if lower in NUMBER_WORDS or lower in SCALES or ("-" in lower and all(p in NUMBER_WORDS for p in lower.split("-"))):
        return not ORDINAL.match(lower)
    if not text[:1].isdigit():
        return False
    return not ORDINAL.match(lower) and (DIGITS.match(text) is not None or RANGE_TOKEN.match(text) is not None)


# All qualifier phrases in one pattern, longest first, anchored at the end of the text before a number
QUALIFIER_AT_END = re.compile(r"(?:^|\W)(?P<phrase>" + "|".join(re.escape(p) for p, _ in QUALIFIERS)
                              + r")\s+(?:only\s+)?$")


QUALIFIER_NAMES = dict(QUALIFIERS)


def leading_qualifier(span_text_before: str) -> tuple[str, int]:
    """(qualifier, how many characters of the text before it belong to the quantity)."""
    lowered = span_text_before.lower()
    match = QUALIFIER_AT_END.search(lowered)
    if match:
        return QUALIFIER_NAMES[match.group("phrase")], len(lowered) - match.start("phrase")
    if re.search(r"(?:^|\W)only\s+$", lowered):
        return "exact", len("only ") + (1 if lowered.endswith("  ") else 0)
    return "exact", 0


def unit_of(token) -> Unit | None:
    """The unit a word names, its case respected where the table says so ("pc" a parsec, "PC" a computer)."""
    unit = units_by_word().get(token.lower_)
    return unit if unit is not None and (not unit.exact_case or token.text == unit.word) else None


def past_restatement(doc, index: int, end: int) -> int:
    """Past a number restated in digits, where legal and official writing puts it: "six (6) weeks"."""
    if index + 2 < end and doc[index].text == "(" and doc[index + 1].like_num and doc[index + 2].text == ")":
        return index + 3
    return index


def unit_after(sentence: SpacySpan, index: int) -> tuple[Unit | None, int]:
    """A unit word right after the number (one or two tokens), and the index past it."""
    units = units_by_word()
    if index < sentence.end:
        two = (sentence.doc[index].lower_ + " " + sentence.doc[index + 1].lower_) if index + 1 < sentence.end else ""
        if two in units:
            return units[two], index + 2
        unit = unit_of(sentence.doc[index])
        if unit is not None:
            if unit.kind == "duration" and index + 1 < sentence.end and sentence.doc[index + 1].lower_ == "old":
                return Unit(unit.word, "year", "age"), index + 2
            return unit, index + 1
    return None, index
