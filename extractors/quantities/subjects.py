"""What a figure counts or measures: the noun it modifies, or the sentence's subject, from
the dependency parse."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from extractors import rules
from extractors.quantities.numbers import Unit, is_number_token, units_by_word


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
class SubjectContext:
    """What a bare figure can refer back to: subjects seen earlier in the text."""

    previous_sentence: SpacySpan | None = None
    last_subject: str | None = None


def figure_subject(tokens: list[Token], unit: Unit | None, sentence: SpacySpan, context: SubjectContext,
             found_in_sentence: list[str]) -> str | None:
    head = tokens[-1]
    while head.dep_ in ("compound", "quantmod", "nummod") and is_number_token(head.head) and head.head != head:
        head = head.head
    units = units_by_word()
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


def subject_lemma(subject: str | None, sentence: SpacySpan) -> str | None:
    if not subject:
        return None
    lemmas = {t.lower_: t.lemma_.lower() for t in sentence}
    return " and ".join(lemmas.get(word, word) for word in subject.split(" and "))


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
