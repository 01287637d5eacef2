"""Mentions cleaned: what the model or the rules found, trimmed to the name, with events, roles,
generic words, fragments and titles of works left out."""
from __future__ import annotations

import re

from extractors import rules
from extractors.entities.canonical import coarse_label
from extractors.records import Mention, SpanSet
from extractors.rules.patterns import is_non_latin_script, phrases_before_parentheses


LABELS_OF_INTEREST = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "MILITARY_UNIT"}


EVENT_HEADS = rules.words("event_heads")


ROLE_HEADS = rules.words("role_heads")


GENERIC_WORDS = rules.words("generic_words")


DIRECTIONS = ("North", "South", "East", "West")
# "North and South Ruritania": both are mentioned
COORDINATED_DIRECTIONS = re.compile(rf"^({'|'.join(DIRECTIONS)}) and ({'|'.join(DIRECTIONS)}) (\S.*)$")


# "state-run", "privately-owned": attributes, not names
ATTRIBUTIVE_WORD = re.compile(rf"-{rules.alternation('attributive_participles')}$")


# Official names of states: "People's Democratic Republic of Ruritania", "Kingdom of Borduria", "Republic of Ruritania"
STATE_NAME = re.compile(rf"\b{rules.alternation('state_name_phrases')}\b|\bRepublic$")


# A trailing possessive or run of spaces: "Ruritania's" -> "Ruritania"
TRAILING_POSSESSIVE = re.compile(r"(?:['’]s?|\s+)$")
# An acronym's possessive before a name: "ROR's Ministry" (not "People's Army")
ACRONYM_POSSESSOR = re.compile(r"[A-Z][A-Z.]+['’]s\s+(?=[A-Z])")
# "Feitelson et al.": the first author of a cited work
ET_AL = re.compile(r"^(.+?)\s+et\s+al\b\.?$")
# "Lon Tarn regime": named after a person
NAMED_REGIME = re.compile(r"^(.+?)\s+(?:regime|era|administration|government|cabinet)$")
NON_WORD_CHARACTER = re.compile(r"\W")
# "Ruritania-Borduria": two places
HYPHENATED_PLACES = re.compile(r"[A-Z][\w.]*-[A-Z][\w ]*")
# A fragment: "North and", "Democratic Republic of"
ENDS_IN_A_FUNCTION_WORD = re.compile(r"\b(?:and|of|the|to|in|for|by|with|on|at)$")


def _strip(text: str, start: int) -> tuple[str, int]:
    """Drop a leading 'the' and a trailing possessive or punctuation, keeping offsets right."""
    if text.lower().startswith("the "):
        text, start = text[4:], start + 4
    text = TRAILING_POSSESSIVE.sub("", text)
    return text.strip(" ,.;:"), start


def clean_mentions(raw: list[Mention], italics: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    italics_over = SpanSet(italics)  # italic runs are never empty (a run holds a letter)
    for m in raw:
        if m.label not in LABELS_OF_INTEREST:
            continue
        overlapping = italics_over.overlapping(m.start, m.end)
        if overlapping and not (coarse_label(m.label) == "ORG" and any(
                m.start <= a + 4 and b <= m.end for a, b in overlapping)):
            continue  # italics are titles of works; only a whole italic name of an organisation (*BBC*) stays
        text, start = _strip(m.text.split("(")[0], m.start)
        possessor = ACRONYM_POSSESSOR.match(text)  # "ROR's Ministry", not "People's Army"
        if possessor and m.label in ("ORG", "FAC", "MILITARY_UNIT"):
            text, start = text[possessor.end():], start + possessor.end()
        if not text or is_non_latin_script(text) or not (text[0].isupper() or text[0].isdigit()):
            continue
        cited = ET_AL.match(text)
        if cited and m.label in ("ORG", "PERSON", "NORP", "GPE"):
            text = cited.group(1)  # "Feitelson et al.": the first author of a cited work
            m = Mention(m.start, m.end, m.text, "PERSON", m.sentence_id, m.part)
        regime = NAMED_REGIME.match(text)
        if regime and m.label in ("ORG", "PERSON") and len(regime.group(1).split()) >= 2:
            text = regime.group(1)  # "Lon Tarn regime": the person it is named after
            m = Mention(m.start, m.end, m.text, "PERSON", m.sentence_id, m.part)
        words = text.split()
        last = NON_WORD_CHARACTER.sub("", words[-1]).lower()
        if ATTRIBUTIVE_WORD.search(words[-1]):
            continue  # "state-run": an attribute, not a name
        if coarse_label(m.label) == "PLACE" and HYPHENATED_PLACES.fullmatch(text):
            first, second = text.split("-", 1)  # "Ruritania-Borduria": two places
            out.append(Mention(start, start + len(first), first, m.label, m.sentence_id, m.part))
            out.append(Mention(start + len(first) + 1, start + len(text), second, m.label, m.sentence_id, m.part))
            continue
        if m.label == "ORG" and STATE_NAME.search(text) and not ORG_HEAD.search(text):
            m = Mention(m.start, m.end, m.text, "GPE", m.sentence_id, m.part)  # "Lao People's Democratic Republic"
        if last in EVENT_HEADS or last in ROLE_HEADS:
            continue
        if len(words) == 1 and last in GENERIC_WORDS:
            continue
        if ENDS_IN_A_FUNCTION_WORD.search(text) or text.endswith("-"):
            continue  # a fragment: "North and", "Democratic Republic of"
        if m.label in ("ORG", "FAC", "MILITARY_UNIT"):
            out.extend(_nested_organisations(text, start, m))
        coordinated = COORDINATED_DIRECTIONS.match(text)
        if coordinated:  # "North and South Ruritania": both are mentioned
            first, second, head = coordinated.groups()
            out.append(Mention(start, start + len(first), f"{first} {head}", m.label, m.sentence_id, m.part))
            second_start = start + text.index(second, len(first))
            out.append(Mention(second_start, start + len(text), f"{second} {head}", m.label, m.sentence_id, m.part))
            continue
        out.append(Mention(start, start + len(text), text, m.label, m.sentence_id, m.part))
    return out


# The head words that make the tail of "X of the Y" an organisation of its own
ORG_HEAD = re.compile(rf"\b{rules.alternation('org_heads')}\b")


def _nested_organisations(text: str, start: int, m: Mention) -> list[Mention]:
    """'Executive Board of the National Farmers' Council' also mentions the Council."""
    out = []
    for match in re.finditer(r"\s+of\s+(?:the\s+)?", text):
        inner = text[match.end():]
        if ORG_HEAD.search(inner) and inner[:1].isupper() and len(inner.split()) >= 2:
            out.append(Mention(start + match.end(), start + len(text), inner, "ORG", m.sentence_id, m.part))
            break
    return out


# A name of short capitalised syllables ("Van Minh Tam"), as Vietnamese names are written without marks
SYLLABIC_NAME = re.compile(r"^[A-Z][a-z]{0,5}(?:\s+[A-Z][a-z]{0,5}){1,3}$")


FUNCTION_WORDS = rules.words("function_words")


SYLLABLE_BEFORE = re.compile(r"(?:^|(?<=[\s.!?]))([A-Z][a-z]{1,3})\s$")


def extend_syllabic_name(text: str, start: int, name: str) -> tuple[int, str]:
    """'Le Van Minh Tam': the model drops a family name that reads as an English word."""
    if SYLLABIC_NAME.match(name):
        before = SYLLABLE_BEFORE.search(text[max(0, start - 6):start])
        if before and before.group(1).lower() not in FUNCTION_WORDS:
            syllable = before.group(1)
            return start - len(syllable) - 1, f"{syllable} {name}"
    return start, name


#: An acronym defined right after a phrase of common words: "work-family conflict (WFC)".
TERM_DEFINITION = re.compile(r"(?P<phrase>(?:\b[a-z][\w-]*\s+){0,6}[a-z][\w-]*)\s*\((?P<acronym>[A-Z]{2,8})s?\)")
ACRONYM_IN_PARENTHESES = re.compile(r"\((?P<acronym>[A-Z]{2,8})s?\)")


def term_acronyms(text: str) -> frozenset[str]:
    """Acronyms the text defines as a term of common words ("cosmic microwave background (CMB)",
    "multivariate analysis of variance (MANOVA)"): the name of a concept, not of an organisation.
    The acronym's letters stand in order in the phrase's last words, the first one opening them."""
    terms = set()
    for found in phrases_before_parentheses(TERM_DEFINITION, ACRONYM_IN_PARENTHESES, text):
        words = found.group("phrase").split()
        acronym = found.group("acronym").lower()
        for k in range(len(words) - 1, -1, -1):
            tail = " ".join(words[k:]).lower()
            if tail[0] == acronym[0] and _in_order(acronym, tail):
                terms.add(found.group("acronym"))
                break
    return frozenset(terms)


def _in_order(letters: str, text: str) -> bool:
    position = 0
    for letter in letters:
        position = text.find(letter, position) + 1
        if position == 0:
            return False
    return True
