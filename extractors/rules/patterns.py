"""Small rule tables shared by several extractors (data, with a word on why)."""
from __future__ import annotations

import bisect
import functools
import re

from extractors import rules

LANGUAGE_NAMES = rules.words("language_names")

# e.g. "(Korean)", "( Japanese )", "(in Russian)"
LANGUAGE_TAG = re.compile(r"\(\s*(?:in\s+)?(?P<language>" + "|".join(sorted(LANGUAGE_NAMES)) + r")\s*\)")

MONTH_FIRST_LANGUAGES = rules.words("month_first_languages")

# Letters only Vietnamese uses (with its tone marks); a Latin-script original title
# in Vietnamese is told from an English one by these.
VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
                         "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ")


def is_original_script(text: str) -> bool:
    """True for text in a script other than plain Latin: Hangul, kana, CJK, Cyrillic,
    Greek, Arabic, Thai..., or Vietnamese (by its own letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    foreign = sum(1 for ch in letters if ord(ch) > 0x24F or ch in VIETNAMESE_LETTERS)
    if any(ch in VIETNAMESE_LETTERS for ch in letters):
        return foreign >= 2 or foreign / len(letters) > 0.05
    return foreign / len(letters) > 0.5


def is_non_latin_script(text: str) -> bool:
    """True for text mostly in scripts other than Latin (Vietnamese counts as Latin):
    such spans are not read by an English model as English."""
    if text.isascii():
        return False  # every letter Latin
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if ord(ch) <= 0x24F or 0x1E00 <= ord(ch) <= 0x1EFF)
    return latin / len(letters) < 0.5


#: The characters of a run of words and spaces (as a class's members): anything else,
#: punctuation, brackets, symbols, ends the run.
WORDS_AND_SPACES = r"\w\s-"


@functools.lru_cache(maxsize=8)
def _outside(characters: str) -> re.Pattern:
    return re.compile(f"[^{characters}]")


def phrases_before_parentheses(pattern: re.Pattern, parenthesis: re.Pattern, text: str,
                               phrase_characters: str = WORDS_AND_SPACES):
    """``pattern.finditer(text)``, the same matches, for a pattern that is a run of
    ``phrase_characters`` (a class's members: words, hyphens and spaces by default) ending in a
    parenthesis ``parenthesis`` finds ("cosmic microwave background (CMB)"). Each parenthesis is
    found first and the pattern searched only in the run before it, back to the last other
    character: scanning every position of a long text with a pattern that opens with "up to six
    words" costs more than all the rest."""
    breaks = [m.start() for m in _outside(phrase_characters).finditer(text)]
    for found in parenthesis.finditer(text):
        k = bisect.bisect_left(breaks, found.start())
        begin = breaks[k - 1] + 1 if k else 0
        match = pattern.search(text, begin, found.end())
        if match is not None:
            yield match


def with_first_character_lookahead(pattern: re.Pattern) -> re.Pattern:
    """The same pattern (same matches, groups and flags) behind a lookahead of the characters a
    match can open with, when they can be told: Python's scanner then skips to such a character
    instead of trying the whole pattern at every position (a rule that opens with optional
    words, "between", "the early", is tried letter by letter otherwise; measured twice as fast).
    A pattern whose first character cannot be told (it may match the empty string, open with
    any character or a case-free letter outside ASCII) is returned as it is."""
    import re._parser as parser

    try:
        chars, nullable = _first_characters(parser.parse(pattern.pattern, pattern.flags).data,
                                             bool(pattern.flags & re.IGNORECASE))
    except _AnyCharacter:
        return pattern
    if nullable or not chars:
        return pattern
    lookahead = "".join(sorted(chars))
    return re.compile(f"(?=[{lookahead}])(?:{pattern.pattern})", pattern.flags)


class _AnyCharacter(Exception):
    """The first character of a match cannot be told (see :func:`with_first_character_lookahead`)."""


#: What a class of characters adds to a lookahead: its escape (every character it stands for).
_CATEGORY_ESCAPES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def _case_variants(code: int, ignore_case: bool) -> set[str]:
    """A literal character as a class member: escaped; both cases of a case-free ASCII letter,
    with the letters Python's case-free matching also takes for it ("ſ" for "s", "K" for "k")."""
    import re._casefix as casefix

    char = chr(code)
    if not ignore_case or not char.isalpha():
        if ignore_case and char.lower() != char.upper():
            raise _AnyCharacter
        return {re.escape(char)}
    if not char.isascii():
        raise _AnyCharacter
    lower = char.lower()
    variants = {lower, char.upper(), *(chr(c) for c in casefix._EXTRA_CASES.get(ord(lower), ()))}
    variants |= {"\u0130"} if lower == "i" else set()  # "İ": its simple lower case is "i"
    variants |= {"\u212a"} if lower == "k" else set()  # the Kelvin sign
    return {re.escape(v) for v in variants}


def _first_characters(items, ignore_case: bool) -> tuple[set[str], bool]:
    """(class members a match of the sequence ``items`` can open with, whether it can be empty)."""
    from re._constants import (ASSERT, ASSERT_NOT, AT, ATOMIC_GROUP, BRANCH, CATEGORY, IN, LITERAL,
                               MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, RANGE, SUBPATTERN)

    out: set[str] = set()
    for op, value in items:
        if op in (AT, ASSERT, ASSERT_NOT):
            continue  # zero width: the next item opens the match
        if op is LITERAL:
            return out | _case_variants(value, ignore_case), False
        if op is IN:
            for member_op, member in value:
                if member_op is LITERAL:
                    out |= _case_variants(member, ignore_case)
                elif member_op is RANGE and member[1] - member[0] < 128:
                    for code in range(member[0], member[1] + 1):
                        out |= _case_variants(code, ignore_case)
                elif member_op is CATEGORY and str(member) in _CATEGORY_ESCAPES:
                    out.add(_CATEGORY_ESCAPES[str(member)])
                else:
                    raise _AnyCharacter  # a negated class, a wide range
            return out, False
        if op is BRANCH:
            nullable = False
            for branch in value[1]:
                chars, empty = _first_characters(branch.data if hasattr(branch, "data") else branch, ignore_case)
                out |= chars
                nullable = nullable or empty
            if not nullable:
                return out, False
            continue
        if op is SUBPATTERN:
            _, add_flags, del_flags, inner = value
            case_free = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            chars, empty = _first_characters(inner.data, case_free)
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            low, _, inner = value
            chars, empty = _first_characters(inner.data, ignore_case)
            empty = empty or low == 0
        elif op is ATOMIC_GROUP:
            chars, empty = _first_characters(value.data, ignore_case)
        else:
            raise _AnyCharacter  # any character, a back reference, a conditional
        out |= chars
        if not empty:
            return out, False
    return out, True


# ---------------------------------------------------------------- what a reference looks like

# "(Madrid: Editorial Sal, 1999)", "(Москва: Наука, 1987)": an imprint
IMPRINT_PARENTHETICAL = re.compile(r"\([^():]{2,60}:\s*[^()]+?,\s*[^(),]*\d{4}\)")

#: Features that make text read like a reference rather than prose; each counts once.
REFERENCE_FEATURES = (
    IMPRINT_PARENTHETICAL,
    re.compile(r"(?<![\w])(?:pp?|с|S)\.\s*\d"),                                 # "pp. 58-67", "p.177", "с. 98"
    LANGUAGE_TAG,                                                                # "(Korean)"
    re.compile(r"\b(?:[Aa]ccessed|[Rr]etrieved)\b"),                             # "(Accessed on May 1, 2020)"
    re.compile(r"\b(?:[Vv]ol(?:ume)?|No|Issue)\.?\s*\d"),                         # "Vol. 12", "No. 1"
    re.compile(r"<?https?://|www\."),                                           # a URL
    re.compile(r"^[^,]{2,80},\s*(?:\d{1,2}\s+)?[A-Z][a-z]+\.?\s+\d{0,2},?\s*\d{4}"),  # "Daily Post, May 4, 1999"
    re.compile(r"[”\"],?\s*(?:[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4})"),  # '"Title," June 25, 2013'
)


def _alternatives(table: str) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s?") for word in sorted(rules.words(table), key=len, reverse=True))


# A case or statute cited in the text: "512 U.S. 301, 307 (1994)", "702 F.3d 211, 215 (9th Cir. 2012)",
# "512 U.S. at 307", "42 U.S.C. § 1983": its numbers are volumes, pages and sections
LEGAL_CITATION = with_first_character_lookahead(re.compile(
    rf"\b\d{{1,4}}\s+(?:{_alternatives('law_reporters')})\s+(?:at\s+)?\d{{1,6}}(?:\s*[-–]\s*\d{{1,6}})?"
    rf"(?:\s*,\s*\d{{1,6}}(?:\s*[-–]\s*\d{{1,6}})?)*(?:\s*\([^()]{{0,40}}?\d{{4}}\))?"
    rf"|\b\d{{1,3}}\s+(?:{_alternatives('law_codes')})\s*(?:§§?\s*)?[\w.()-]*\d[\w.()-]*"
    rf"|\bId\.\s+at\s+\d{{1,6}}(?:\s*[-–]\s*\d{{1,6}})?"))


def reference_features(text: str) -> int:
    """How many distinct reference features a piece of text shows (0 for ordinary prose)."""
    return sum(1 for feature in REFERENCE_FEATURES if feature.search(text))
