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

The package: ``numbers`` (value, range, unit, qualifier), ``skips`` (what is not a quantity)
and ``subjects`` (what it counts); this module walks each sentence and returns the records.
"""
from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX, LENGTH, LOWER
from spacy.strings import hash_string

from extractors import rules
from extractors.document.conventions import FROM_SUPERSCRIPT
from extractors.nlp import ParsedBlock
from extractors.quantities.numbers import (
    DIGITS, RULES_DIR, Unit, FRACTIONS, FRACTION_PERIOD, NUMBER_WORDS, PERIOD_YEARS, RANGE_TOKEN, SCALES,
    is_number_token, leading_qualifier, load_units, number_value, past_restatement, unit_after, unit_symbols,
)
from extractors.quantities.skips import is_bare_label, is_incidental, is_not_a_quantity, states_an_amount
from extractors.quantities.subjects import (SubjectContext, figure_subject, governing_verb, noun_phrase_end,
                                            subject_lemma)
from extractors.records import Document, QuantityRecord, Sentence, SpanSet
from extractors.rules.patterns import phrases_before_parentheses

__all__ = ["RULES_DIR", "extract_quantities", "load_units", "number_value"]


def extract_quantities(document: Document, parsed: list[ParsedBlock], sentences: list[Sentence],
                       excluded: list[tuple[int, int]]) -> list[QuantityRecord]:
    """Figures in body, caption and footnote prose (``excluded`` spans: dates and references)."""
    symbols = unit_symbols()
    by_block = {p.block.start: p for p in parsed}
    records: list[QuantityRecord] = []
    context = SubjectContext(definitions=symbol_definitions(document.text))
    excluded = SpanSet(excluded)
    candidates: dict[int, list[int]] = {}  # per block, read when a sentence of it first needs them
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
        # the gate reads the document's text (the Doc's blanks reference calls; its text is built
        # token by token): more digits, never fewer
        if _may_state_a_number(document.text[block.start + span.start_char:block.start + span.end_char]):
            if block.start not in candidates:
                candidates[block.start] = _possible_starts(item.doc, document.text[block.start:block.end])
            records.extend(_sentence_quantities(document, sentence, span, candidates[block.start], block.start,
                                                excluded, symbols, context, found_subjects))
        context.previous_sentence = span
        if found_subjects:
            context.last_subject = found_subjects[-1]
    return records


#: Every figure starts at a digit, a number word or a scale ("a dozen"), or is a fraction of a
#: period ("a quarter of a century"): a sentence containing none of them, not even inside a word,
#: is not walked token by token. (The words are searched in the lower-cased text, as the walk
#: compares them: a case-free alternation scans eight times slower.)
DIGIT = re.compile(r"\d")
NUMBER_WORD = re.compile("|".join(sorted(map(re.escape, {*NUMBER_WORDS, *SCALES}), key=len, reverse=True)))


def _may_state_a_number(text: str) -> bool:
    return DIGIT.search(text) is not None or NUMBER_WORD.search(text.lower()) is not None \
        or FRACTION_PERIOD.search(text) is not None


#: spaCy's hashes of the lower-case words a figure can start with: number words, scales, and
#: "a" ("a dozen").
_STARTING_WORDS = frozenset(hash_string(w) for w in (*NUMBER_WORDS, *SCALES, "a"))


def _possible_starts(doc, text: str) -> list[int]:
    """Indices of the doc's tokens a figure could start at, ascending: "a", a number word or
    scale, a token opening with a digit or holding a hyphen ("forty-two"). Any other token is
    no number (:func:`is_number_token`), so the walk skips it without reading it; the test reads
    spaCy's arrays (hashes and offsets), not tokens. ``text``: the doc's text as the document
    has it (reference calls not blanked: a digit more only adds a candidate)."""
    if len(doc) == 0:
        return []
    starts, lengths, lowers = doc.to_array([IDX, LENGTH, LOWER]).T.tolist()
    return [k for k, (start, length, lower) in enumerate(zip(starts, lengths, lowers))
            if lower in _STARTING_WORDS or text[start].isdigit() or "-" in text[start:start + length]]


def _sentence_quantities(document, sentence, span, candidates, offset, excluded, symbols, context, found_subjects):
    """The figures of one sentence; ``candidates``: the tokens of its doc a figure could start at."""
    doc = span.doc
    out: list[QuantityRecord] = []
    i = span.start
    span_text = span.text  # built token by token: read once
    fraction = FRACTION_PERIOD.search(span_text)
    while i < span.end:
        next_candidate = bisect.bisect_left(candidates, i)
        if next_candidate == len(candidates) or candidates[next_candidate] >= span.end:
            break
        i = candidates[next_candidate]
        token = doc[i]
        a_scale = token.lower_ == "a" and i + 1 < span.end and doc[i + 1].lower_ in SCALES  # "a dozen"
        if not a_scale and (not is_number_token(token) or token.lower_ in SCALES):
            i += 1
            continue
        j = i + 2 if a_scale else i + 1
        while j < span.end and (is_number_token(doc[j]) or (doc[j].lower_ == "and" and j + 1 < span.end
                                                            and doc[j + 1].lower_ in NUMBER_WORDS
                                                            and doc[j - 1].lower_ in SCALES)
                                or _compound_hyphen(doc, j, span.end)):
            if RANGE_TOKEN.match(doc[j].text) or (DIGITS.match(doc[j].text) and DIGITS.match(doc[j - 1].text)):
                break
            j += 1
        tokens = list(doc[i:j])
        start_char = offset + tokens[0].idx
        end_char = offset + tokens[-1].idx + len(tokens[-1].text)
        i = j
        if excluded.overlaps(start_char, end_char) or is_not_a_quantity(tokens, doc, span):
            continue
        range_match = RANGE_TOKEN.match(tokens[0].text) if len(tokens) == 1 else None
        if range_match:
            value = float(range_match.group("a").replace(",", ""))
            value_max = float(range_match.group("b").replace(",", ""))
            if value_max <= value:
                continue  # "a 9-5 view", "won 3-2": not a range of values
        else:
            value = number_value([t.text for t in tokens])
            value_max = None
        if value is None:
            continue
        power = POWER_OF_TEN.fullmatch(doc[j + 1].text) if j + 1 < span.end and doc[j].text in ("×", "x", "·") else None
        if power is not None and value_max is None:  # "11.44 × 10⁹": scientific notation
            exponent = int((power.group("sup") or "").translate(FROM_SUPERSCRIPT).replace("⁻", "-")
                           or power.group("caret"))
            value = float(f"{value!r}e{exponent}")  # exact in decimal: 4.98e5, not 4.98 * 100000
            tokens = list(doc[tokens[0].i:j + 2])
            end_char = offset + tokens[-1].idx + len(tokens[-1].text)
            j = i = j + 2
        # a range: "150 to 384", "between 10 and 20"
        between = tokens[0].i > span.start and doc[tokens[0].i - 1].lower_ in ("between", "from")
        if j + 1 < span.end and (doc[j].lower_ in ("to", "-", "–") or (between and doc[j].lower_ == "and")) \
                and is_number_token(doc[j + 1]) \
                and not excluded.overlaps(offset + doc[j + 1].idx, offset + doc[j + 1].idx + 1):
            k = j + 1
            while k < span.end and is_number_token(doc[k]):
                k += 1
            upper = number_value([t.text for t in doc[j + 1:k]])
            if upper is not None and upper <= value and doc[j].lower_ in ("-", "–"):
                i = k
                continue  # "a 9-5 view", "won 3-2": not a range of values
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
        after_unit, after_index = unit_after(span, past_restatement(doc, tokens[-1].i + 1, span.end))
        if after_unit is None and power is not None and after_index < span.end \
                and doc[after_index].text.rstrip(".") in SCIENTIFIC_YEARS:
            after_unit, after_index = Unit("y", "year", "duration"), after_index + 1  # "4.98 × 10⁵ y"
        if unit is None and after_unit is not None:
            unit = after_unit
            end_char = offset + doc[after_index - 1].idx + len(doc[after_index - 1].text.rstrip("."))
        restated = _restated_measure(document.text, start_char, out) if unit is None else None
        if restated is not None:  # "19 years old (21 by another count)": the same measure again
            unit = restated
        if is_incidental(tokens, doc, span) or (unit is None and is_bare_label(tokens, doc, span)):
            continue
        text_before = document.text[max(sentence.start, start_char - 30):start_char]
        qualifier, lead = leading_qualifier(text_before)
        start_char -= lead
        kind = unit.kind if unit else "count"
        subject = figure_subject(tokens, unit, span, context, found_subjects)
        if subject and unit is not None and unit.unit and subject.lower().rstrip(".") in (unit.word.lower(), unit.unit.lower()):
            subject = None  # "100 Mpc" measures something; the unit is not it
        if unit is not None or subject is None:  # what a measure measures, from the words before it
            symbol = FORMULA_TERM.search(text_before)
            compared = COMPARED.search(text_before)
            if symbol:  # "tLS = 4.98 × 10⁵ y": the term, by its definition where the text gives one
                subject = context.definitions.get(symbol.group("symbol"), symbol.group("symbol"))
            elif compared and compared.group("noun").lower() not in FUNCTION_WORDS:
                subject = compared.group("noun").lower()  # "on scales larger than 100 Mpc"
        if subject is not None and not any(ch.isalpha() for ch in subject):
            subject = None
        if subject and kind == "count":
            found_subjects.append(subject)
        noun_end = noun_phrase_end(tokens, doc, span)
        if unit is None and noun_end is None and value_max is None and qualifier == "exact" \
                and not states_an_amount(tokens, span):
            continue
        if noun_end and unit is None:
            end_char = max(end_char, offset + noun_end.idx + len(noun_end.text))
        out.append(QuantityRecord(start_char, end_char, document.text[start_char:end_char], sentence.sentence_id,
                                  sentence.part, sentence.page, value, value_max, unit.unit if unit else None, kind,
                                  subject, subject_lemma(subject, span), qualifier, "number" if not unit else f"unit:{kind}",
                                  governing_verb(tokens[-1])))
    for money in POUNDS_SHILLINGS_PENCE.finditer(span_text):
        start_char, end_char = sentence.start + money.start(), sentence.start + money.end()
        if excluded.overlaps(start_char, end_char) or any(q.start < end_char and start_char < q.end for q in out):
            continue
        pounds = float((money.group("l") or "0").replace(",", ""))
        value = pounds + int(money.group("s") or money.group("s2") or 0) / 20 + int(money.group("d") or money.group("d2") or 0) / 240
        qualifier, lead = leading_qualifier(document.text[max(sentence.start, start_char - 30):start_char])
        out.append(QuantityRecord(start_char - lead, end_char, document.text[start_char - lead:end_char],
                                  sentence.sentence_id, sentence.part, sentence.page, round(value, 6), None,
                                  "GBP", "money", None, None, qualifier, "pounds, shillings and pence"))
    if fraction:
        start_char = sentence.start + fraction.start()
        end_char = sentence.start + fraction.end()
        if not excluded.overlaps(start_char, end_char):
            value = FRACTIONS[fraction.group("fraction").lower()] * PERIOD_YEARS[fraction.group("period").lower()]
            qualifier, lead = leading_qualifier(document.text[max(sentence.start, start_char - 30):start_char])
            out.append(QuantityRecord(start_char - lead, end_char, document.text[start_char - lead:end_char],
                                      sentence.sentence_id, sentence.part, sentence.page, round(value, 6), None,
                                      "year", "duration", "time", "time", qualifier, "fraction of a period"))
    return out


#: Pre-decimal British money written the old way: "26l. sterling", "3l. 5s. 6d.", "5s. 6d."
#: (pounds, shillings, pence; the value in pounds). "l." with its stop after digits, not "of":
#: "5l. of water" is litres.
POUNDS_SHILLINGS_PENCE = re.compile(
    r"(?<![\w.])(?:(?P<l>\d{1,3}(?:,\d{3})*)\s?l\.(?!\s+of\b)(?:\s*(?P<s>\d{1,2})\s?s\.)?(?:\s*(?P<d>\d{1,2})\s?d\.)?"
    r"(?:\s+sterling)?|(?P<s2>\d{1,2})\s?s\.\s*(?P<d2>\d{1,2})\s?d\.)")


#: A term of a formula right before its value: "H0 = 70 km s−1", "tLS = 4.98 × 10⁵ y".
FORMULA_TERM = re.compile(r"(?<![\w])(?P<symbol>[^\W\d_][\w′']{0,5})\s*[=≈]\s*$")
#: A noun compared with a measure: "scales (which are) larger than 100 Mpc", "ships longer than 40 m".
COMPARED = re.compile(r"\b(?!(?:are|is|were|was|be|been|which|that)\b)(?P<noun>[A-Za-z][a-z-]+)\s+"
                      r"(?:(?:which|that)\s+)?(?:(?:are|is|were|was|be)\s+)?(?:larger|smaller|greater|longer|shorter|higher|lower|bigger|"
                      r"wider|heavier|lighter|older|younger|more|less)\s+than\s*$")
FUNCTION_WORDS = rules.words("function_words")
#: A symbol defined in running text: "the last scattering instant (tLS)".
SYMBOL_DEFINITION = re.compile(r"\b(?:[Tt]he\s+)?(?P<phrase>(?:[a-z][a-z-]+\s+){0,3}[a-z][a-z-]+)\s+\((?P<symbol>[^\W\d_][\w′']{0,5})\)")
SYMBOL_IN_PARENTHESES = re.compile(r"\([^\W\d_][\w′']{0,5}\)")


def symbol_definitions(text: str) -> dict[str, str]:
    """Symbols the document defines in parentheses after a noun phrase, first definition kept."""
    found: dict[str, str] = {}
    for match in phrases_before_parentheses(SYMBOL_DEFINITION, SYMBOL_IN_PARENTHESES, text):
        if any(ch.isupper() or ch.isdigit() for ch in match.group("symbol")[1:]) or len(match.group("symbol")) <= 2:
            found.setdefault(match.group("symbol"), match.group("phrase"))
    return found


#: Tens and units of a number written in words: "sixty-five" is one number, not a range.
TENS = frozenset(w for w, v in NUMBER_WORDS.items() if 20 <= v <= 90 and v % 10 == 0)
UNITS = frozenset(w for w, v in NUMBER_WORDS.items() if 1 <= v <= 9)


def _compound_hyphen(doc, j: int, end: int) -> bool:
    """The hyphen of "thirty-five" when the tokenizer splits it: part of the number."""
    return doc[j].text == "-" and 0 < j and j + 1 < end and doc[j - 1].lower_ in TENS and doc[j + 1].lower_ in UNITS


#: A power of ten in scientific notation: "10⁹", "10⁻³", "10^9".
POWER_OF_TEN = re.compile(r"10(?:(?P<sup>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|\^(?P<caret>-?\d{1,3}))")
#: Years as the sciences abbreviate them after a number in scientific notation.
SCIENTIFIC_YEARS = frozenset({"y", "yr", "yrs"})


def _restated_measure(text: str, start: int, found: list[QuantityRecord]) -> Unit | None:
    """The unit of the measure a bare number restates inside the parenthesis that follows it:
    "was 19 years old (by another reckoning, 21)", "ran 40 km (some say 45)"."""
    if not found or found[-1].unit is None:
        return None
    between = text[found[-1].end:start]
    if not between.lstrip().startswith("(") or ")" in between or len(between) > 60:
        return None
    previous = found[-1]
    return Unit(word=previous.unit, unit=previous.unit, kind=previous.kind)
