"""What a figure counts or measures: the noun it modifies, or the sentence's subject, from
the dependency parse."""
from __future__ import annotations

import functools

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from extractors import rules
from extractors.quantities.numbers import Unit, is_number_token, past_restatement, unit_of, units_by_word


COUNT_NOUNS = rules.words("count_nouns")


def _phrase(noun: Token) -> str:
    """The noun, with nouns joined to it by 'and' ('officers and soldiers')."""
    if noun.lower_ in COUNT_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                if objects:
                    noun = objects[0]
    units = units_by_word()
    # with the nouns that name its kind: "life insurance coverage", "PC machine"
    compounds = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")
                 and unit_of(c) is None and not any(ch.isdigit() for ch in c.text)]  # not "MiG-21F"
    words = [" ".join([c.text.lower() for c in compounds] + [noun.text.lower()])]
    for conj in noun.conjuncts:
        if conj.i > noun.i and conj.pos_ in ("NOUN", "PROPN") and conj.lower_ not in units:
            words.append(conj.text.lower())
    return " and ".join(words)


#: Prepositions that join a measured noun to its value: "a ratio around 1.5", "an amplitude
#: around 11 × 10⁹ y", "temperatures above 30 degrees".
VALUE_PREPOSITIONS = frozenset({"around", "about", "near", "below", "above", "over", "under", "approximately"})


def _of_object(token: Token) -> Token | None:
    """The noun of an "of" phrase on ``token`` ("per cent of the population" -> population); not
    a pronoun ("ten of them" refers back)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objects:
                return objects[0]
    return None


def _owner_of_amount(number: Token, measured: bool = True) -> Token | None:
    """What an amount is of, from the words around it: "$50,000 in life insurance coverage",
    "life insurance amounts of $50,000", "insurance in the amount of $200,000" (the amount's owner),
    "settle her claim for $20,000" (what the verb's amount is paid for). A bare count
    (``measured`` False) takes only the "of" owner: "eight in dogfights" counts pilots, not fights."""
    if measured:  # "in" on the amount, or right after it where the parse hangs it on the verb
        following = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
        for child in [c for c in number.children if c.dep_ == "prep"] + ([following] if following is not None else []):
            if child.lower_ == "in" and child.dep_ == "prep":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                if objects and objects[0].lower_ not in COUNT_NOUNS and objects[0].ent_type_ not in ("DATE", "TIME", "GPE", "LOC"):
                    return objects[0]  # not "$300 in May", "$300 in Oslo"
    preposition = number.head if number.dep_ == "pobj" else None
    if preposition is None:
        return None
    owner = preposition.head
    if preposition.lower_ in VALUE_PREPOSITIONS and owner.pos_ in ("NOUN", "PROPN") and owner.lower_ not in COUNT_NOUNS \
            and owner.lower_ not in units_by_word():
        return owner  # "an average performance ratio around 1.5"
    if measured and (changed := _changed_by(number)) is not None:
        return changed  # "reduces the error by 39%"
    if preposition.lower_ == "of" and owner.pos_ in ("NOUN", "PROPN"):
        if owner.lower_ not in COUNT_NOUNS:
            return owner
        if measured and owner.dep_ == "pobj" and owner.head.lower_ == "in":
            return _object_of(owner.head.head)  # "insurance in the amount of $200,000"
        return owner if measured else None
    if measured and preposition.lower_ == "for" and owner.pos_ == "VERB":
        return _object_of(owner)
    return None


def _changed_by(measure: Token) -> Token | None:
    """What a verb changes by an amount: "reduces the error by 39%" -> error."""
    if measure.dep_ == "pobj" and measure.head.lower_ == "by" and measure.head.head.pos_ == "VERB":
        return _object_of(measure.head.head)
    return None


def _object_of(word: Token) -> Token | None:
    """A noun itself, or the direct object of a verb."""
    if word.pos_ in ("NOUN", "PROPN"):
        return word
    objects = [c for c in word.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
    return objects[0] if objects else None


#: Words that may stand between a number and the noun it counts ("two dozen enslaved people").
BETWEEN_NUMBER_AND_NOUN = ("ADJ", "NUM", "VERB", "ADV")


def _noun_after(number: Token, sentence: SpacySpan, unit_words: set[str]) -> Token | None:
    """The noun right after a number, past scale words, adjectives and participles, when the parse
    hangs the number elsewhere ("about two dozen enslaved people", where "enslaved" read as a verb)."""
    for token in sentence.doc[number.i + 1:min(sentence.end, number.i + 5)]:
        if token.pos_ in ("NOUN", "PROPN"):
            if token.lower_ in unit_words or token.lower_ in units_by_word():
                return None
            while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
                token = token.head  # "210 shift workers": the workers, of the shift kind
            return token
        if token.pos_ not in BETWEEN_NUMBER_AND_NOUN or (token.pos_ == "VERB" and token.tag_ not in ("VBN", "VBG", "VBD")):
            return None
    return None


@functools.lru_cache(maxsize=16)  # asked once per figure; a sentence of 3,000 figures must not rescan
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


@functools.lru_cache(maxsize=16)
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
class SubjectContext:
    """What a bare figure can refer back to: subjects seen earlier in the text."""

    previous_sentence: SpacySpan | None = None
    last_subject: str | None = None
    definitions: dict[str, str] = field(default_factory=dict)  # "tLS" -> "last scattering instant"


def figure_subject(tokens: list[Token], unit: Unit | None, sentence: SpacySpan, context: SubjectContext,
             found_in_sentence: list[str]) -> str | None:
    head = tokens[-1]
    while head.dep_ in ("compound", "quantmod", "nummod") and is_number_token(head.head) and head.head != head:
        head = head.head
    units = units_by_word()
    if unit is None and head.dep_ in ("nsubj", "nsubjpass") and not any(
            c.dep_ in ("attr", "dobj") and c.pos_ in ("NOUN", "PROPN") for c in head.head.children):
        group = next((c for c in head.head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < head.i), None)
        whole = next((c for c in group.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) \
            if group is not None else None
        if whole is not None:  # "Of the respondents, seven noted ...": seven respondents
            return _phrase(whole)
    target = head.head if head.dep_ in ("nummod", "quantmod", "compound") else None
    unit_words = set(unit.word.lower().split()) if unit is not None else set()
    if target is not None and target.lower_ in unit_words:
        target = None  # "24 per cent": the unit, not what is counted
    if target is None or target.pos_ not in ("NOUN", "PROPN"):
        target = _noun_after(tokens[-1], sentence, unit_words) or target
    if unit is not None and unit.kind in ("age",):
        persons = [e for e in sentence.ents if e.label_ == "PERSON" and e.end <= tokens[0].i]
        return persons[-1].text.lower() if persons else "age"
    if target is not None and target.pos_ in ("NOUN", "PROPN") and target.lower_ not in units:
        return _phrase(target)
    if unit is not None:
        # "24 per cent of the working population": what the unit is a share or a measure of
        reach = past_restatement(sentence.doc, tokens[-1].i + 1, sentence.end) + 2  # "six (6) weeks"
        unit_tokens = [t for t in sentence.doc[tokens[-1].i + 1:min(reach + 1, sentence.end)] if t.lower_ in unit_words]
        for unit_token in unit_tokens:
            partitive = _of_object(unit_token)
            if partitive is not None:
                return _phrase(partitive)
        for unit_token in unit_tokens:  # "a 40 ton steam crane": the measure names the thing's kind
            owner = unit_token.head
            if unit_token.dep_ in ("compound", "nmod", "amod", "nummod") and owner.pos_ in ("NOUN", "PROPN") \
                    and owner.i > unit_token.i and owner.lower_ not in unit_words and owner.lower_ not in units:
                return _phrase(owner)
        if any(t.lower_ == "age" for t in sentence.doc[max(sentence.start, tokens[0].i - 4):tokens[0].i]):
            main = _main_subject(sentence)  # "with a mean age of 41.33 years": the participants' age
            if main is not None:
                return _phrase(main)
        owner = _owner_of_amount(head) or next(
            (o for o in (_owner_of_amount(u, measured=False) or _changed_by(u) for u in unit_tokens) if o is not None), None)
        if owner is not None:
            return _phrase(owner)  # "a forest of more than 800 leagues", "a waiting period of six weeks"
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
    if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < head.i:
        return _phrase(head.head)  # "hundreds of converts each year, nearly 6,000 over the century"
    partitive = _of_object(head)  # "a hundred or more of their slaves"
    if partitive is not None:
        return _phrase(partitive)
    owner = _owner_of_amount(head, measured=False)  # "a population of 5,000"
    if owner is not None:
        return _phrase(owner)
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


def subject_lemma(subject: str | None, sentence: SpacySpan) -> str | None:
    if not subject:
        return None
    lemmas = _lemmas(sentence)
    return " and ".join(lemmas.get(word, word) for word in subject.split(" and "))


@functools.lru_cache(maxsize=16)  # once per sentence, not once per figure in it
def _lemmas(sentence: SpacySpan) -> dict[str, str]:
    return {t.lower_: t.lemma_.lower() for t in sentence}


def noun_phrase_end(tokens: list[Token], doc, span) -> Token | None:
    head = tokens[-1]
    if head.dep_ == "nummod" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        noun = head.head
        last = noun
        for conj in noun.conjuncts:
            if conj.i > last.i and conj.i - last.i <= 4:
                last = conj
        return last
    return None


#: Steps followed up the parse from a figure to its verb.
VERB_REACH = 6


def governing_verb(token: Token) -> str | None:
    """Lemma of the verb a figure belongs to, lower-case: "30 ships were sunk" -> "sink",
    "estimated at 400" -> "estimate", "these 55 were ..." -> "be". Two figures of one subject under
    different verbs (sunk, captured, burnt) count different events."""
    current = token
    for _ in range(VERB_REACH):
        if current.pos_ == "VERB" or (current.pos_ == "AUX" and current.dep_ == "ROOT"):
            return current.lemma_.lower()
        if current.head == current:  # the root
            return None
        current = current.head
    return None
