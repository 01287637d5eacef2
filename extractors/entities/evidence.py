"""Labels decided by evidence inside the document, where the small statistical model guesses.

The model reads one sentence at a time; the document knows more. A name that
the reference list gives as an author, or that stands right before a call of
a reference ("Wiltshire [25]", "(Presser, 2003)"), is a person; so is a name
after an honorific ("Pope Pius IX", "Madame Hébert"). A name that ends in a
discipline's concept word ("Hidden Markov Model") is not a named entity of
interest; one that ends in a law's word ("Texas Insurance Code") is a law. A
single word that also opens the name of a company in the same document
("Dearborn" beside "Dearborn National Life Insurance Company") is that
organisation's short name. Dotted initials the document never spells out
("Y.R.H.", "C.M.") are forms of address or abbreviations of units, not
organisations; neither is a form of address ("Y.R. Highness"), a single
abstract noun ("Reconstruction") or a name right before a lower-case noun of
models and systems ("the CMB data", "an NFW profile"). A single capitalised
word met once that the text otherwise writes in lower case ("Freedom",
"freedom"), or a one-word "person" the text writes in lower case and never
gives a first name ("Gang", "gang scheduling"), is a word, not a name.

Every rule looks only at this document; nothing here names a particular one.
"""
from __future__ import annotations

from collections import Counter
import re

from extractors import rules
from extractors.entities.mentions import ORG_HEAD
from extractors.records import Mention, SpanSet

HONORIFICS = rules.words("honorifics")
CONCEPT_HEADS = rules.words("concept_heads")
LAW_HEADS = rules.words("law_heads")
COMPANY_SUFFIXES = rules.words("company_suffixes")
BENCH_ROLE = re.compile(rf",\s*{rules.alternation('bench_roles')}\s*$")
#: A call of a reference right after a name: "Wiltshire [25]", "Ellis and Stoeger [8]", "Lee et al. [3]".
CALL_AFTER = re.compile(r"\s*(?:et\s+al\.?\s*)?\[\d")
#: An author-date call around a name: "(Presser, 2003)", "(Lee and Moe 1999)".
YEAR_AFTER = re.compile(r",?\s*(?:et\s+al\.?,?\s*)?(?:1[5-9]|20)\d{2}[a-z]?\b")
DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}[A-Z]\.?")  # "Y.R.H.", "C.M" (its last stop stripped)
FORMS_OF_ADDRESS = rules.words("forms_of_address")
#: A lower-case noun right after a name that makes it a model's, system's or method's name.
NAMED_THING = re.compile(rf"\s+(?:{rules.alternation('named_thing_nouns')})\b")
#: Endings of abstract nouns: a single capitalised one ("Reconstruction", "Freedom") names an era
#: or an idea, not an organisation.
ABSTRACT_NOUN = re.compile(r"[a-z](?:tion|sion|ism|ment|ity|ance|ence|dom|ship|ness|hood)$")
#: Lower-case particles that belong inside names: "Pere de Nouë", "C.M. von Weber".
NAME_PARTICLES = rules.words("name_particles")
#: Lower-case words that belong inside names of organisations and places: "Association of Korean
#: Residents in Japan", "Bank for International Settlements".
NAME_JOINERS = NAME_PARTICLES | {"of", "the", "and", "for", "in", "on", "at", "upon", "under", "to"}
#: A surname shorter than this ("Li", "Wu") matches too many words to be evidence on its own.
SURNAME_MIN_LENGTH = 3


def cited_surnames(authors: list[str]) -> frozenset[str]:
    """Surnames of the authors the document's references give, in any order they are printed:
    "Presser, H.", "Ellis G F R", "H. Casanova", "Richard H. Clarke"."""
    found = set()
    for author in authors:
        words = [w for w in re.split(r"[\s,]+", author.strip()) if w]
        if not words or len(words) > 5 or any(w[:1].islower() and w not in NAME_PARTICLES for w in words) \
                or ORG_HEAD.search(author) or any(ch.isdigit() for ch in author):
            continue  # a corporate author ("Institute of History of Ruritania") names no person
        if "," in author:
            surname = author.split(",")[0].split()[-1]
        elif len(words) > 1 and all(re.fullmatch(r"[A-Z]{1,2}\.?|[A-Z]\.-?[A-Z]\.", w) for w in words[1:]):
            surname = next((w for w in words if w.lower() not in NAME_PARTICLES), words[0])  # "Ellis G F R"
        else:
            surname = words[-1]
        surname = surname.strip(".")
        if len(surname) >= SURNAME_MIN_LENGTH and surname[:1].isupper() and not surname.isupper():
            found.add(surname)
    return frozenset(found)


def lower_case_words(text: str) -> Counter:
    """How often each word appears written in lower case (not as a name)."""
    return Counter(re.findall(r"(?<![\w-])[a-z][a-z'-]+(?![\w-])", text))


def trim_mention(mention: Mention, lower_words: Counter) -> Mention | None:
    """The name without what the model ran on into: "Tadoussac, & qui" -> "Tadoussac", "Pere de
    Nouë qui s'y" -> "Pere de Nouë", "Y.R.H. As" -> "Y.R.H." (a capitalised common word after an
    abbreviation opens the next sentence)."""
    words = list(re.finditer(r"\S+", mention.text))
    keep = len(words)
    for k, word in enumerate(words[1:], 1):
        bare = word.group().strip(",;:")
        following = words[k + 1].group() if k + 1 < len(words) else ""
        if (word.group() == "&" and following[:1].islower()) or (
                bare[:1].islower() and bare.lower() not in NAME_JOINERS and following[:1].islower()):
            # "Tadoussac, & qui", "Pere de Nouë qui s'y": the sentence goes on; "Korean peninsula" ends
            keep = k
            break
        previous = words[k - 1].group()
        if previous.endswith(".") and bare[:1].isupper() and lower_words[bare.lower()] > 0 \
                and bare.lower() not in NAME_PARTICLES:
            keep = k
            break
    if keep == len(words):
        return mention
    text = mention.text[:words[keep - 1].end()].rstrip(" ,;:&")
    return Mention(mention.start, mention.start + len(text), text, mention.label, mention.sentence_id, mention.part) \
        if text else None


def relabel(mentions: list[Mention], text: str, surnames: frozenset[str],
            lower_words: Counter | None = None) -> list[Mention]:
    """Each mention with the label the document's own evidence gives it, or left out
    (``lower_words``: :func:`lower_case_words` of ``text``, when the caller has it)."""
    lower_words = lower_case_words(text) if lower_words is None else lower_words
    company_first_words = {m.text.split()[0] for m in mentions if m.label == "ORG" and len(m.text.split()) >= 2
                           and m.text.split()[-1] in COMPANY_SUFFIXES}
    defined = set(re.findall(r"\(((?:[A-Z]\.){2,4})\)", text))
    counts = Counter(m.text for m in mentions)
    things = {m.text for m in mentions if m.label in ("ORG", "PERSON") and NAMED_THING.match(text, m.end)}
    places = _named_as_places(mentions, text)
    surnames_with_given_names = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1}
    out: list[Mention] = []
    for mention in mentions:
        trimmed = trim_mention(mention, lower_words)
        if trimmed is None:
            continue
        mention = trimmed
        words = mention.text.split()
        label = mention.label
        bench = BENCH_ROLE.search(mention.text)
        if bench:  # "Dennis, Circuit Judges"
            name = mention.text[:bench.start()]
            mention = Mention(mention.start, mention.start + len(name), name, "PERSON", mention.sentence_id, mention.part)
            words, label = name.split(), "PERSON"
        if words[-1] in CONCEPT_HEADS and label in ("PERSON", "ORG", "NORP"):
            continue  # "Hidden Markov Model"
        if words[-1] in FORMS_OF_ADDRESS or mention.text in things:
            continue  # "Y.R. Highness"; "the CMB data", "an NFW profile": a thing's name
        if len(words) == 1 and label == "ORG" and ABSTRACT_NOUN.search(words[0]) and not words[0].isupper():
            continue  # "Reconstruction", "Freedom": an era, an idea
        if len(words) == 1 and label == "PERSON" and lower_words[words[0].lower()] >= 2 \
                and words[0] not in surnames_with_given_names:
            continue  # "Gang" beside "gang scheduling", never with a given name: a word
        if words[-1] in LAW_HEADS and label in ("ORG", "PERSON", "GPE"):
            label = "LAW"
        elif DOTTED_INITIALS.fullmatch(mention.text) and label == "ORG" and mention.text not in defined:
            continue  # "Y.R.H.", "C.M.": a form of address, a currency standard
        elif len(words) > 1 and words[0] in HONORIFICS:
            label = "PERSON"
        elif label != "PERSON" and _named_as_author(mention, text, surnames):
            label = "PERSON"
        elif label == "ORG" and mention.text in places:
            label = "GPE"  # "arrived at Tadoussac", "sailed from Tadoussac": a place the text goes to
        elif len(words) == 1 and label in ("GPE", "LOC", "PERSON", "NORP") and words[0] in company_first_words:
            label = "ORG"  # "Dearborn" beside "Dearborn National Life Insurance Company"
        elif len(words) == 1 and label == "ORG" and counts[mention.text] == 1 and lower_words[words[0].lower()] >= 2:
            continue  # "Freedom" once, "freedom" throughout: a word
        out.append(mention if label == mention.label else
                   Mention(mention.start, mention.end, mention.text, label, mention.sentence_id, mention.part))
    return out


#: Words before a name that make it a place the narrative moves to or from.
LOCATIVE_BEFORE = re.compile(r"\b(?:at|to|from|near|into|towards?|reached|left|leaving|reaching)\s+$", re.I)
#: Share of an organisation's mentions that must stand after such a word to make it a place.
LOCATIVE_SHARE = 0.6
#: ... and how many mentions that takes at least.
LOCATIVE_MIN_MENTIONS = 3


def _named_as_places(mentions: list[Mention], text: str) -> set[str]:
    """One-word "organisations" the text mostly goes to, from or stays at: places."""
    seen: dict[str, list[bool]] = {}
    for m in mentions:
        if m.label == "ORG" and len(m.text.split()) == 1 and not m.text.isupper():
            seen.setdefault(m.text, []).append(bool(LOCATIVE_BEFORE.search(text[max(0, m.start - 12):m.start])))
    return {name for name, flags in seen.items()
            if len(flags) >= LOCATIVE_MIN_MENTIONS and sum(flags) / len(flags) >= LOCATIVE_SHARE}


def _named_as_author(mention: Mention, text: str, surnames: frozenset[str]) -> bool:
    """A name the references give as an author, or one right before a call of a reference."""
    words = mention.text.split()
    if len(words) <= 3 and words[-1] in surnames:
        return True
    after = text[mention.end:mention.end + 12]
    return len(words) <= 3 and bool(CALL_AFTER.match(after) or (YEAR_AFTER.match(after) and text[mention.start - 1:mention.start] == "("))


def surname_mentions(text: str, sentences, surnames: frozenset[str], taken: SpanSet,
                     excluded: SpanSet, lower_words: Counter) -> list[Mention]:
    """Cited authors the model did not find in the running text: "Ellis and Stoeger [8]"."""
    usable = sorted(s for s in surnames if lower_words[s.lower()] == 0)
    if not usable:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in usable) + r")(?![\w-])")
    out = []
    for sentence in sentences:
        if sentence.part not in ("body", "caption"):
            continue
        for found in pattern.finditer(text, sentence.start, sentence.end):
            a, b = found.span()
            if excluded.covers(a) or taken.overlaps(a, b):
                continue
            out.append(Mention(a, b, found.group(), "PERSON", sentence.sentence_id, sentence.part))
    return out
