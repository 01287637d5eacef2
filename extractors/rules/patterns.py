"""Small rule tables shared by several extractors (data, with a word on why)."""
from __future__ import annotations

import bisect
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


#: A character no run of words and spaces holds: punctuation, brackets, symbols.
_NOT_WORDS_OR_SPACES = re.compile(r"[^\w\s-]")


def phrases_before_parentheses(pattern: re.Pattern, parenthesis: re.Pattern, text: str):
    """``pattern.finditer(text)``, the same matches, for a pattern that is a run of words,
    hyphens and spaces ending in a parenthesis ``parenthesis`` finds ("cosmic microwave
    background (CMB)"). Each parenthesis is found first and the pattern searched only in the
    run before it, back to the last other character: scanning every position of a long text
    with a pattern that opens with "up to six words" costs more than all the rest."""
    breaks = [m.start() for m in _NOT_WORDS_OR_SPACES.finditer(text)]
    for found in parenthesis.finditer(text):
        k = bisect.bisect_left(breaks, found.start())
        begin = breaks[k - 1] + 1 if k else 0
        match = pattern.search(text, begin, found.end())
        if match is not None:
            yield match


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
LEGAL_CITATION = re.compile(  # (the lookahead lets the scan skip to a digit or an "I": 40% faster)
    rf"(?=[\dI])(?:\b\d{{1,4}}\s+(?:{_alternatives('law_reporters')})\s+(?:at\s+)?\d{{1,6}}(?:\s*[-–]\s*\d{{1,6}})?"
    rf"(?:\s*,\s*\d{{1,6}}(?:\s*[-–]\s*\d{{1,6}})?)*(?:\s*\([^()]{{0,40}}?\d{{4}}\))?"
    rf"|\b\d{{1,3}}\s+(?:{_alternatives('law_codes')})\s*(?:§§?\s*)?[\w.()-]*\d[\w.()-]*"
    rf"|\bId\.\s+at\s+\d{{1,6}}(?:\s*[-–]\s*\d{{1,6}})?)")


def reference_features(text: str) -> int:
    """How many distinct reference features a piece of text shows (0 for ordinary prose)."""
    return sum(1 for feature in REFERENCE_FEATURES if feature.search(text))
