"""Quantities: every figure with its value, range, unit, kind, qualifier and what it counts.

Numbers are found on spaCy tokens (digits, number words, "7 million",
"One hundred thirteen"), then qualified from the words before them ("more
than", "nearly", "up to"), given a unit and kind from ``rules/units.jsonl``,
and a subject from the dependency parse: the noun the number modifies, the
noun after a unit ("442 tons *of products*"), the predicate of "2 were
soldiers", the noun of "the number of deaths", or, for "Ten of them" and bare
figures, the phrase they refer back to.

Left out on purpose: years and other date parts (anything inside a date
span), ordinals, identifiers ("Resolution 1718", "MIG-21F", "Unit 731"),
volume, issue and page numbers (references are skipped whole), clock times,
enumerations like "(1)", and incidental counts of abstract nouns ("in two
respects", "three levels"), which say nothing an analyst would chart.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from extractors import rules
from extractors.nlp import ParsedBlock
from extractors.records import Document, QuantityRecord, Sentence, SpanSet

RULES_DIR = rules.RULES_DIR

NUMBER_WORDS = rules.values("number_words")
SCALES = rules.values("number_scales")
ORDINAL = re.compile(r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                     r"eleventh|twelfth|\w+teenth|\w+ieth|hundredth|thousandth|millionth)$", re.I)
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
RANGE_TOKEN = re.compile(r"^(?P<a>\d[\d,]*(?:\.\d+)?)[-–](?P<b>\d[\d,]*(?:\.\d+)?)$")

#: Words before a number that bound it, longest first: "more than 320,000", "no more than 5".
QUALIFIERS = tuple(sorted(rules.values("qualifiers").items(), key=lambda item: -len(item[0])))

IDENTIFIER_NOUNS = rules.words("identifier_nouns")

IDENTIFIER_WORDS = frozenset(w.rstrip(".") for w in IDENTIFIER_NOUNS)

INCIDENTAL_NOUNS = rules.words("incidental_nouns")
DEFINITE = rules.words("definite_determiners")

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


@lru_cache(maxsize=1)
def load_units() -> tuple[Unit, ...]:
    """The unit table (rules/units.jsonl), loaded once."""
    return tuple(Unit(row["word"], row.get("unit"), row["kind"], bool(row.get("symbol")))
                 for row in rules.rows("units.jsonl", ("word", "kind")))


@lru_cache(maxsize=1)
def _units_by_word() -> dict[str, Unit]:
    return {u.word.lower(): u for u in load_units() if not u.symbol}


@lru_cache(maxsize=1)
def _symbols() -> dict[str, Unit]:
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


def _is_number_token(token: Token) -> bool:
    text = token.text.lower()
    if ORDINAL.match(text):
        return False
    if DIGITS.match(token.text) or RANGE_TOKEN.match(token.text):
        return True
    return text in NUMBER_WORDS or text in SCALES or (
        "-" in text and all(p in NUMBER_WORDS for p in text.split("-")))


# All qualifier phrases in one pattern, longest first, anchored at the end of the text before a number
QUALIFIER_AT_END = re.compile(r"(?:^|\W)(?P<phrase>" + "|".join(re.escape(p) for p, _ in QUALIFIERS)
                              + r")\s+(?:only\s+)?$")
QUALIFIER_NAMES = dict(QUALIFIERS)


def _qualifier(span_text_before: str) -> tuple[str, int]:
    """(qualifier, how many characters of the text before it belong to the quantity)."""
    lowered = span_text_before.lower()
    match = QUALIFIER_AT_END.search(lowered)
    if match:
        return QUALIFIER_NAMES[match.group("phrase")], len(lowered) - match.start("phrase")
    if re.search(r"(?:^|\W)only\s+$", lowered):
        return "exact", len("only ") + (1 if lowered.endswith("  ") else 0)
    return "exact", 0


COUNT_NOUNS = rules.words("count_nouns")


def _phrase(noun: Token) -> str:
    """The noun, with nouns joined to it by 'and' ('officers and soldiers')."""
    if noun.lower_ in COUNT_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                if objects:
                    noun = objects[0]
    units = _units_by_word()
    words = [noun.text.lower()]
    for conj in noun.conjuncts:
        if conj.i > noun.i and conj.pos_ in ("NOUN", "PROPN") and conj.lower_ not in units:
            words.append(conj.text.lower())
    return " and ".join(words)


def _number_of(sentence: SpacySpan) -> Token | None:
    """The X of 'the number of X' in a sentence, if any."""
    for token in sentence:
        if token.lower_ == "number" and token.i + 1 < sentence.end:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and objects[0].pos_ in ("NOUN", "PROPN", "ADJ"):
                        return objects[0]
    return None


def _main_subject(sentence: SpacySpan) -> Token | None:
    """The noun subject of the sentence's main clause (pronouns and numbers do not count)."""
    for token in sentence:
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN") and not token.like_num \
                and token.is_alpha:
            if token.lower_ == "number":
                inner = _number_of(sentence)
                return inner or token
            return token
    return None


@dataclass
class _Context:
    """What a bare figure can refer back to: subjects seen earlier in the text."""

    previous_sentence: SpacySpan | None = None
    last_subject: str | None = None


def _subject(tokens: list[Token], unit: Unit | None, sentence: SpacySpan, context: _Context,
             found_in_sentence: list[str]) -> str | None:
    head = tokens[-1]
    while head.dep_ in ("compound", "quantmod", "nummod") and _is_number_token(head.head) and head.head != head:
        head = head.head
    units = _units_by_word()
    target = head.head if head.dep_ in ("nummod", "quantmod", "compound") else None
    if unit is not None and unit.kind in ("age",):
        persons = [e for e in sentence.ents if e.label_ == "PERSON" and e.end <= tokens[0].i]
        return persons[-1].text.lower() if persons else "age"
    if target is not None and target.pos_ in ("NOUN", "PROPN") and target.lower_ not in units:
        return _phrase(target)
    if unit is not None:
        unit_token = next((t for t in sentence if t.i > tokens[-1].i and t.lower_ == unit.word.split()[0].lower()), None)
        if unit_token is not None:
            for child in unit_token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                    if objects:
                        return _phrase(objects[0])
        if unit.kind == "length":
            return "distance"
        if unit.kind == "duration":
            return "time"
        if unit.kind == "frequency":
            return "times"
        ancestor = head
        while ancestor.head != ancestor and ancestor.pos_ not in ("VERB", "AUX"):
            ancestor = ancestor.head
        subjects = [c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        if subjects:
            return _phrase(subjects[0])
        main = _main_subject(sentence)
        return _phrase(main) if main is not None else None
    # the number stands for the noun: "2 were soldiers", "were only two", "Ten of them"
    if head.dep_ in ("nsubj", "nsubjpass"):
        attributes = [c for c in head.head.children if c.dep_ in ("attr", "dobj") and c.pos_ in ("NOUN", "PROPN")]
        if attributes:
            return _phrase(attributes[0])
    if head.dep_ in ("attr", "acomp", "npadvmod", "dobj", "advmod") and head.head.pos_ in ("AUX", "VERB"):
        subjects = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        if subjects:
            return _phrase(subjects[0])
    refers_back = any(c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PRON" for g in c.children)
                      for c in head.children) or (head.head.lower_ == "of" and head.dep_ == "pobj")
    number_of = _number_of(sentence)
    if number_of is not None and not refers_back:
        return _phrase(number_of)
    if found_in_sentence and not refers_back:
        return found_in_sentence[-1]
    if refers_back and context.previous_sentence is not None:
        previous = _main_subject(context.previous_sentence)
        if previous is not None:
            return _phrase(previous)
        return context.last_subject
    main = _main_subject(sentence)
    if main is not None and main not in tokens:
        return _phrase(main)
    return context.last_subject


def _lemma(subject: str | None, sentence: SpacySpan) -> str | None:
    if not subject:
        return None
    lemmas = {t.lower_: t.lemma_.lower() for t in sentence}
    return " and ".join(lemmas.get(word, word) for word in subject.split(" and "))


def _unit_after(sentence: SpacySpan, index: int) -> tuple[Unit | None, int]:
    """A unit word right after the number (one or two tokens), and the index past it."""
    units = _units_by_word()
    if index < sentence.end:
        two = (sentence.doc[index].lower_ + " " + sentence.doc[index + 1].lower_) if index + 1 < sentence.end else ""
        if two in units:
            return units[two], index + 2
        word = sentence.doc[index].lower_
        if word in units:
            unit = units[word]
            if unit.kind == "duration" and index + 1 < sentence.end and sentence.doc[index + 1].lower_ == "old":
                return Unit(unit.word, "year", "age"), index + 2
            return unit, index + 1
    return None, index


def extract_quantities(document: Document, parsed: list[ParsedBlock], sentences: list[Sentence],
                       excluded: list[tuple[int, int]]) -> list[QuantityRecord]:
    """Figures in body, caption and footnote prose (``excluded`` spans: dates and references)."""
    symbols = _symbols()
    by_block = {p.block.start: p for p in parsed}
    records: list[QuantityRecord] = []
    context = _Context()
    excluded = SpanSet(excluded)
    for sentence in sentences:
        block = document.block_at(sentence.start)
        if block is None or block.is_heading:
            continue
        item = by_block.get(block.start)
        if item is None:
            continue
        span = item.doc.char_span(sentence.start - block.start, sentence.end - block.start, alignment_mode="expand")
        if span is None:
            continue
        found_subjects: list[str] = []
        records.extend(_sentence_quantities(document, sentence, span, block.start, excluded, symbols, context,
                                            found_subjects))
        context.previous_sentence = span
        if found_subjects:
            context.last_subject = found_subjects[-1]
    return records


def _sentence_quantities(document, sentence, span, offset, excluded, symbols, context, found_subjects):
    doc = span.doc
    out: list[QuantityRecord] = []
    i = span.start
    fraction = FRACTION_PERIOD.search(span.text)
    while i < span.end:
        token = doc[i]
        a_scale = token.lower_ == "a" and i + 1 < span.end and doc[i + 1].lower_ in SCALES  # "a dozen"
        if not a_scale and (not _is_number_token(token) or token.lower_ in SCALES):
            i += 1
            continue
        j = i + 2 if a_scale else i + 1
        while j < span.end and (_is_number_token(doc[j]) or (doc[j].lower_ == "and" and j + 1 < span.end
                                                            and doc[j + 1].lower_ in NUMBER_WORDS
                                                            and doc[j - 1].lower_ in SCALES)):
            if RANGE_TOKEN.match(doc[j].text) or (DIGITS.match(doc[j].text) and DIGITS.match(doc[j - 1].text)):
                break
            j += 1
        tokens = list(doc[i:j])
        start_char = offset + tokens[0].idx
        end_char = offset + tokens[-1].idx + len(tokens[-1].text)
        i = j
        if excluded.overlaps(start_char, end_char) or _skip(tokens, doc, span):
            continue
        range_match = RANGE_TOKEN.match(tokens[0].text) if len(tokens) == 1 else None
        if range_match:
            value = float(range_match.group("a").replace(",", ""))
            value_max = float(range_match.group("b").replace(",", ""))
        else:
            value = number_value([t.text for t in tokens])
            value_max = None
        if value is None:
            continue
        # a range: "150 to 384", "between 10 and 20"
        if j + 1 < span.end and doc[j].lower_ in ("to", "-", "–") and _is_number_token(doc[j + 1]) \
                and not excluded.overlaps(offset + doc[j + 1].idx, offset + doc[j + 1].idx + 1):
            k = j + 1
            while k < span.end and _is_number_token(doc[k]):
                k += 1
            upper = number_value([t.text for t in doc[j + 1:k]])
            if upper is not None and upper > value:
                value_max = upper
                tokens = list(doc[tokens[0].i:k])
                end_char = offset + tokens[-1].idx + len(tokens[-1].text)
                i = k
        # a currency symbol before: "US$7 million", "$5"
        unit = None
        previous = doc[tokens[0].i - 1] if tokens[0].i > span.start else None
        if previous is not None and previous.text in symbols:
            unit = symbols[previous.text]
            start_char = offset + previous.idx
        elif previous is not None and previous.text.endswith(tuple(symbols)) and previous.text[-1] in "$€£¥₩₫":
            unit = symbols.get(previous.text[-1])
            start_char = offset + previous.idx
        after_unit, after_index = _unit_after(span, tokens[-1].i + 1)
        if unit is None and after_unit is not None:
            unit = after_unit
            end_char = offset + doc[after_index - 1].idx + len(doc[after_index - 1].text)
        if _incidental(tokens, doc, span):
            continue
        text_before = document.text[max(sentence.start, start_char - 30):start_char]
        qualifier, lead = _qualifier(text_before)
        start_char -= lead
        kind = unit.kind if unit else "count"
        subject = _subject(tokens, unit, span, context, found_subjects)
        if subject is not None and not any(ch.isalpha() for ch in subject):
            subject = None
        if subject and kind == "count":
            found_subjects.append(subject)
        noun_end = _noun_phrase_end(tokens, doc, span)
        if noun_end and unit is None:
            end_char = max(end_char, offset + noun_end.idx + len(noun_end.text))
        out.append(QuantityRecord(start_char, end_char, document.text[start_char:end_char], sentence.sentence_id,
                                  sentence.part, sentence.page, value, value_max, unit.unit if unit else None, kind,
                                  subject, _lemma(subject, span), qualifier, "number" if not unit else f"unit:{kind}"))
    if fraction:
        start_char = sentence.start + fraction.start()
        end_char = sentence.start + fraction.end()
        if not excluded.overlaps(start_char, end_char):
            value = FRACTIONS[fraction.group("fraction").lower()] * PERIOD_YEARS[fraction.group("period").lower()]
            qualifier, lead = _qualifier(document.text[max(sentence.start, start_char - 30):start_char])
            out.append(QuantityRecord(start_char - lead, end_char, document.text[start_char - lead:end_char],
                                      sentence.sentence_id, sentence.part, sentence.page, round(value, 6), None,
                                      "year", "duration", "time", "time", qualifier, "fraction of a period"))
    return out


def _noun_phrase_end(tokens: list[Token], doc, span) -> Token | None:
    head = tokens[-1]
    if head.dep_ == "nummod" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        noun = head.head
        last = noun
        for conj in noun.conjuncts:
            if conj.i > last.i and conj.i - last.i <= 4:
                last = conj
        return last
    return None


def _skip(tokens: list[Token], doc, span) -> bool:
    """Identifiers, enumerations, clock times, and attached letters are not quantities."""
    first, last = tokens[0], tokens[-1]
    # the word before may stand in the sentence before: "Op. | 114" when the parser cut after "Op."
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < span.end else None
    if before is not None and before.text == "." and before.i > 0:
        before = doc[before.i - 1]  # "No. 3" tokenised as "No", ".", "3"
    if before is not None and before.lower_.rstrip(".") in IDENTIFIER_WORDS:
        return True  # "Resolution 2397", "Unit 203", "No. 4", "section 4.2", "model 12"
    if before is not None and before.text in ("[", ",") and after is not None and after.text in ("]", ",") \
            and re.fullmatch(r"\[[\d,\s–-]+\]", _bracketed(doc, first.i, span) or ""):
        return True  # "[14, 3]": a call of reference-list entries
    if before is not None and before.text == "(" and after is not None and after.text == ")" and len(tokens) == 1 \
            and len(first.text) <= 2:
        return True  # "(1) factors of the Cold War": an enumeration
    if after is not None and after.text in (":",) and last.i + 2 < span.end and doc[last.i + 2].text.isdigit():
        return True  # clock time 13:57
    if before is not None and before.text in ("-", "–") and before.i > span.start and doc[before.i - 1].text[-1:].isalpha():
        return True  # "MIG-21"
    if first.lower_ == "one" and len(tokens) == 1 and (after is None or after.lower_ in ("of", "another", "by", "another")
                                                       or first.dep_ not in ("nummod",)):
        return True  # "one of them", "one by one": a pronoun, not a count
    return False


def _bracketed(doc, index: int, span) -> str | None:
    """The square-bracketed group of tokens holding token ``index``, as text, if any."""
    start = index
    while start > span.start and doc[start].text != "[" and index - start < 12:
        start -= 1
    end = index
    while end < span.end - 1 and doc[end].text != "]" and end - index < 12:
        end += 1
    if doc[start].text == "[" and doc[end].text == "]":
        return doc[start:end + 1].text
    return None


def _incidental(tokens: list[Token], doc, span) -> bool:
    """Small word-numbers with abstract nouns or definite determiners ('the two countries')."""
    first, last = tokens[0], tokens[-1]
    if not all(t.lower_ in NUMBER_WORDS for t in tokens):
        return False
    value = number_value([t.text for t in tokens]) or 0
    if value > 10:
        return False
    head = last.head if last.dep_ == "nummod" else None
    if head is not None and head.lower_ in INCIDENTAL_NOUNS:
        return True
    before = doc[first.i - 1] if first.i > span.start else None
    return before is not None and before.lower_ in DEFINITE
