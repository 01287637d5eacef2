"""Numbers that are not quantities: identifiers ("Unit 203"), enumerations, clock times, calls of
references, incidental counts of abstract nouns ("in two ways")."""
from __future__ import annotations

import functools

import re

from spacy.tokens import Token

from extractors import rules
from extractors.quantities.numbers import NUMBER_WORDS, number_value


IDENTIFIER_NOUNS = rules.words("identifier_nouns")


IDENTIFIER_WORDS = frozenset(w.rstrip(".") for w in IDENTIFIER_NOUNS)


INCIDENTAL_NOUNS = rules.words("incidental_nouns")


DEFINITE = rules.words("definite_determiners")


def is_not_a_quantity(tokens: list[Token], doc, span) -> bool:
    """Identifiers, enumerations, clock times, and attached letters are not quantities."""
    first, last = tokens[0], tokens[-1]
    # the word before may stand in the sentence before: "Op. | 114" when the parser cut after "Op."
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < span.end else None
    if before is not None and before.text == "." and before.i > 0:
        before = doc[before.i - 1]  # "No. 3" tokenised as "No", ".", "3"
    if before is not None and before.lower_.rstrip(".") in IDENTIFIER_WORDS:
        return True  # "Resolution 2397", "Unit 203", "No. 4", "section 4.2", "model 12"
    lead = _before_coordination(first, span)
    if lead is not None and (lead.lower_.rstrip(".") in IDENTIFIER_WORDS or lead.text in FORMULA_SYMBOLS):
        return True  # "models 3 and 4", "d = 6 and 5": every member of the list is a label or a term
    if after is not None and after.text.startswith("/") and not last.whitespace_:
        return True  # "621/E-78/SN-0068/2007": a grant or file number
    if first.i == span.start and after is not None and after.text[:1].isupper() and after.is_stop \
            and first.text.isdigit():
        return True  # "8 As can be seen": a note's number leaked into the line, not a figure
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


#: Tokens a list of labels is followed back ("models 3, 4 and 5"): a list of labels is short, and
#: a bounded walk keeps a sentence of thousands of numbers linear.
LIST_REACH = 24


def _before_coordination(first: Token, span) -> Token | None:
    """The word before a list of numbers the number closes: "models 3 and 4" -> "models" for 4;
    None when the number does not follow another one."""
    k = first.i - 1
    crossed = False
    floor = max(span.start, first.i - LIST_REACH)
    while k > floor and span.doc[k].text in (",", "and", "or", "&"):
        k -= 1
        if k >= span.start and span.doc[k].like_num:
            crossed = True
            k -= 1
        else:
            return None
    return span.doc[k] if crossed and k >= span.start else None


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


def is_incidental(tokens: list[Token], doc, span) -> bool:
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


#: Symbols that make a number next to them a term of a formula, not a count: "q = 4", "n > 3".
FORMULA_SYMBOLS = frozenset("=<>±×÷^≈≤≥∼~+")
#: Verbs whose number is a position, not a count: "ranked 151", "placed 3".
POSITION_VERBS = frozenset({"ranked", "rank", "ranks", "placed", "numbered", "rated"})


def is_bare_label(tokens: list[Token], doc, span) -> bool:
    """A number in digits that counts nothing and labels something: after a capitalised name
    ("Tract 90", "Harbour 4"), after a verb of position ("ranked 151"), or beside a formula's
    symbols ("q = 4,"). Only where no noun or unit follows it ("4 ships", "T = 20 states" count)."""
    first, last = tokens[0], tokens[-1]
    if not all(t.text.replace(",", "").replace(".", "").isdigit() for t in tokens):
        return False
    after = doc[last.i + 1] if last.i + 1 < span.end else None
    before = doc[first.i - 1] if first.i > span.start else None
    if after is not None and after.pos_ in ("NOUN", "PROPN", "X"):
        return False  # "T = 20 states", "rs = 191 kpc": a value with what it counts or its unit
    if before is not None and before.text in FORMULA_SYMBOLS:
        return True
    if before is None:
        return False
    if before.text[:1].isupper() and before.pos_ in ("NOUN", "PROPN") and before.i > span.start \
            and before.ent_type_ not in ("DATE", "MONEY", "QUANTITY"):
        return True
    if before.lower_ in POSITION_VERBS:
        return True
    return after is not None and after.text in FORMULA_SYMBOLS


#: Roles in which a number standing alone is itself an argument of the clause: "seven noted
#: that ...", "had taken nine", "the ratio is 1.9", "between 80 and 110".
AMOUNT_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "conj"})
#: Prepositions whose object may be an amount: "a ratio of 2", "reduced to 185", "reported as 14".
AMOUNT_PREPOSITIONS = frozenset({"of", "to", "as"})
#: Prose has words: a line with fewer is a heading, a letter's number or a table row.
PROSE_MIN_WORDS = 5
#: A sentence with more numbers than this many per word is a table's row.
TABLE_NUMBER_SHARE = 1.0


@functools.lru_cache(maxsize=16)  # once per sentence, not once per figure in it
def _words_and_numbers(span) -> tuple[int, int]:
    return sum(1 for t in span if t.is_alpha), sum(1 for t in span if t.like_num and not t.is_alpha)


def states_an_amount(tokens: list[Token], span) -> bool:
    """Whether a bare number (no unit, no noun it counts, no "about" or range) states an amount.

    Such numbers are mostly labels: letter and table numbers ("To the Same 218."), cells of a
    table, terms of a formula, items of a list ("Models 1 and 2" aside, which the skips catch).
    One is kept where the clause uses it as an argument, in a sentence that reads as prose."""
    number = tokens[-1]
    partitive = any(child.lower_ == "of" and child.i > number.i for child in number.children)  # "two of his slaves"
    if number.dep_ not in AMOUNT_ROLES and not partitive \
            and not (number.dep_ == "pobj" and number.head.lower_ in AMOUNT_PREPOSITIONS):
        return False
    words, numbers = _words_and_numbers(span)
    return words >= PROSE_MIN_WORDS and numbers / words <= TABLE_NUMBER_SHARE
