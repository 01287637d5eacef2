"""Conventions every reader and the layout pass share: how markers, notes, URLs,
sentence ends and running heads look in text.

This is the ground floor of :mod:`extractors.document`: ``text``, ``pdf``,
``layout`` and ``build`` import from here and never from each other, so data
flows one way (file -> paragraphs -> laid-out paragraphs -> Document).
"""
from __future__ import annotations

import re
import unicodedata

from extractors import rules


SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# A line that opens a footnote: superscript number, e.g. "¹² Tanaka, Hiro ...".
FOOTNOTE_LINE = re.compile(rf"^\s*[{SUPERSCRIPT_DIGITS}]+\s")
# The heading of a back-matter list of notes or references, alone on its line: "Notes", "References", "5. Bibliography"
REFERENCE_SECTION = re.compile(r"^\s*(?:\d{1,2}\.?\s+)?(?:Notes|Endnotes|End\s+Notes|References|Bibliography|"
                               r"Works\s+Cited|Literature\s+Cited|Reference\s+List|Sources)\s*:?\s*$", re.I)
# The heading of a section of notes collected at the end of a chapter or the document, alone
# on its line: "Notes", "NOTES TO VOL. III", "Notes to Chapter 3", "Endnotes", "FOOTNOTES"
NOTES_HEADING = re.compile(r"^\s*(?:\d{1,2}\.?\s+)?(?:Notes|End\s*notes|Foot\s*notes)(?:\s+(?:to|on|for)\s+\S.{0,60})?"
                           r"\s*[.:]?\s*$", re.I)
# A line of a table of contents: a title, then a run of spaces or dot leaders and a page number
TOC_LINE = re.compile(r"^\s*\S.*?\S(?:\s{3,}|\s*(?:\.\s*){3,})(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.I)
#: A contents line is short; the cap also keeps TOC_LINE's lazy scan off long lines of dots.
TOC_LINE_MAX = 160


def is_toc_line(line: str) -> bool:
    """'Preface ...... 1', 'Chapter II    45': an entry of a table of contents."""
    return len(line) <= TOC_LINE_MAX and TOC_LINE.match(line) is not None
# A line that opens an entry of a numbered list: "[12] Smith ...", "12. Smith ...", "12) Smith ..."
LIST_ENTRY_LINE = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s+\S")

# A bracketed call of numbered entries or notes: "[12]", "[17,23]", "[3, 5-7]"
BRACKET_CALL = re.compile(r"\[(?P<numbers>\d{1,4}(?:\s*[-–,]\s*\d{1,4})*)\]")

# e.g. "Figure 1. Tombstones ...", "Table 2: Troops by year", "Fig. 3 Map"
CAPTION = re.compile(rf"^{rules.alternation('caption_labels')}\s*(?:[A-Z]\.?)?\d+(?:\.\d+)*[A-Za-z]?"
                     r"\s*[.:\-–—]?\s", re.I)

# e.g. "12", "- 12 -", "Page 12", "12 / 20", "xiv"
PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:/|of)\s*\d{1,4})?\W*$", re.I)

# Sentence-final punctuation, optionally followed by closing quotes or brackets
# and footnote markers: "... in the harbour.¹", "... a rumor.)", "... 'the war.'"
TERMINAL = re.compile(rf"[.!?…:;][\"'”’»)\]*]*[{SUPERSCRIPT_DIGITS}]*\s*$")

# Two sentences in one line: prose, not a title or byline ("... in 1871. Its ledgers")
SENTENCE_BOUNDARY = re.compile(r"[a-z\d]{2}[.!?][" + SUPERSCRIPT_DIGITS + r"]*\s+[A-Z]")

# The end of a footnote that is a URL, closed or not: "... <https://example.org/a-b>"
URL_AT_END = re.compile(r"(?:<?https?://|www\.)\S*>?\s*$")
# The start of a paragraph that is the rest of a URL: "2019/05/harbour-history-1871.html (Accessed ..."
URL_PATH_START = re.compile(r"^[\w%~]+(?:[-./?=&#%~+,][\w%~]*)*[-./?=&#][\w%~]*(?:>|\s|$)")


def header_key(text: str) -> str:
    """Digits counted as equal, case and spacing ignored: '2. Salt Roads' ~ '14. Salt roads'."""
    text = re.sub(r"[\d" + SUPERSCRIPT_DIGITS + r"]+", "#", text.casefold())
    return re.sub(r"\s+", " ", text).strip(" *")


URL_TAIL = re.compile(r"(?:<?https?://|www\.)\S*$")


def join_lines(lines: list[tuple[str, int]]) -> tuple[str, tuple[int, ...]]:
    """Join wrapped lines into one string, keeping a source offset per character.

    A line ending inside a URL, or after a hyphen, is joined without a space.
    """
    text = ""
    offsets: list[int] = []
    for line, start in lines:
        if text:
            if text.endswith(" "):
                pass  # the line kept its own trailing space (PDF space glyph)
            elif _is_wide(text.rstrip("*")[-1:]) and _is_wide(line.lstrip("*")[:1]):
                pass  # CJK text wraps anywhere and takes no space at the break
            elif URL_TAIL.search(text[-300:]) and not text.endswith(">") and not line.startswith("("):
                pass  # e.g. "<https://example.org/a-long-" + "path.html>"
            elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and splits_word(text, line):
                # "organi-" + "sation" or "RNA-" + "based": a soft hyphen for now; the document
                # builder decides from the document's own words which it is (:func:`hyphen_joins`)
                text = text[:-1] + SOFT_HYPHEN
            elif text.endswith("-") and len(text) > 1 and text[-2].isalnum():
                pass  # "Sino-" + "Soviet", "pp. 10-" + "19": the hyphen stays
            elif text[-1:] in "–—" and len(text) > 1 and text[-2].isalnum() and line[:1].isalnum():
                pass  # an unspaced dash at the line end: "Navarro–" + "Frenk", "observations—" + "reproduce"
            else:
                text += " "
                offsets.append(-1)
        text += line
        offsets.extend(range(start, start + len(line)))
    return text, tuple(offsets)


def splits_word(before: str, after: str) -> bool:
    """Could the hyphen ending ``before`` split a word that ``after`` ends ("organi-" + "sation",
    "SO-" + "LUTION" in a capitals heading)? Not before a capital ("Sino-" + "Soviet")."""
    return after[:1].islower() or (before[-2:-1].isupper() and after[:2].isupper() and after[:2].isalpha())


#: A line-end hyphen whose fate is not decided yet (same length as "-", so offsets hold).
SOFT_HYPHEN = "\u00ad"
# A word, with its hyphens (soft or printed): "well-founded", "dou\u00adbled"
WORD = re.compile(r"[^\W\d_]+(?:[-\u00ad][^\W\d_]+)*")


def document_vocabulary(texts) -> tuple[set[str], set[str], bool]:
    """(words, hyphenated compounds, prints hyphenated names) of what the document prints whole,
    lower-case; words split at a line end or a page break are left out (they are what is being
    decided). The
    third: the document prints several capitalised compounds whose second part is no word of its
    own ("Il-sung", "Jae-hyun"): romanised given names, which a line end must not join."""
    words: set[str] = set()
    compounds: set[str] = set()
    standalone: set[str] = set()  # words printed on their own, not only inside a compound
    capitalised: set[tuple[str, str]] = set()
    for text in texts:
        for match in WORD.finditer(text):
            token = match.group()
            if SOFT_HYPHEN in token:
                continue
            if (match.start() == 0 and token[:1].islower()) or text.startswith("-", match.end()):
                continue  # a fragment a page break may have cut: "fers over ..." after "... of-"
            if "-" in token:
                compounds.add(token.casefold())
                words.update(token.casefold().split("-"))
                left, _, right = token.partition("-")
                if left[:1].isupper() and left[1:].islower() and right.islower() and "-" not in right:
                    capitalised.add((left, right))
            else:
                words.add(token.casefold())
                standalone.add(token.casefold())
    names = {pair for pair in capitalised if pair[1] not in standalone or len(pair[1]) <= 2}
    return words, compounds, len(names) >= HYPHENATED_NAMES_NEEDED


#: Distinct capitalised compounds with a second part that is no word ("Il-sung") that make a
#: document one that hyphenates given names.
HYPHENATED_NAMES_NEEDED = 3


def hyphen_joins(left: str, right: str, words: set[str], compounds: set[str],
                  hyphenated_names: bool = False) -> bool:
    """Is a line-end hyphen between ``left`` and ``right`` a typesetter's word split ("har-bour")
    rather than a compound's hyphen ("RNA-based", "hand-drawn")? Decided by the document's own
    words: the joined word printed elsewhere joins; the compound printed elsewhere, a single letter
    or capitals before the hyphen, a capitalised word before a word (or in a document that prints
    hyphenated given names), or two parts that are both words, keep the hyphen."""
    joined, compound = (left + right).casefold(), f"{left}-{right}".casefold()
    if joined in words:
        return True
    if compound in compounds or len(left) == 1 or left.isupper():
        return False
    if left[:1].isupper():  # "Greno-ble" is a split name, "Markov-based" a compound; in a
        # document that prints romanised given names ("Il-sung"), "Jae-" + "gyong" is one too
        return not hyphenated_names and right.casefold() not in words
    return not (left.casefold() in words and right.casefold() in words and len(right) > 2)


def _is_wide(ch: str) -> bool:
    """East Asian wide characters (Hangul, kana, CJK ideographs)."""
    return bool(ch) and unicodedata.east_asian_width(ch) in ("W", "F") and ch.isalnum()
