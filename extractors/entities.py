"""Named entities: the statistical model plus genre rules, gathered under one canonical name each.

Three stages, kept apart:

1. ``marginalia_entity_rules``, a spaCy component (patterns are data in
   ``rules/entity_patterns.jsonl``, loaded at initialise) finds what the
   model misses in historical writing about East Asia: family names in
   capitals ("CHOI Man-sik"), Vietnamese names, military units, places and
   organisations named by a generic head word ("... Province", "... Party of
   ..."). It writes ``doc.spans["marginalia_rules"]`` and merges into
   ``doc.ents`` through an explicit overlap filter (rules win, longest first,
   but a Vietnamese-name rule never overrides the model's place).
2. :func:`clean_mentions` drops what is not a named entity of interest: spans
   in italics (titles of works), events ("... War"), role phrases, single
   generic words, and text in non-Latin scripts; it strips "the" and
   possessives and splits "North and South Ruritania" into both.
3. :func:`canonicalise` merges mentions per document: same key (case,
   hyphens, accents), acronyms defined in the text ("Farmers' Union of Ruritania
   (FUR)", "...: ROR") or matching initials, and later short forms of a
   person's name when unambiguous ("Trần Quốc Vượng" / "Vượng").

No gazetteer: general patterns, general word lists and the text's own definitions.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from extractors import rules
from extractors.nlp import ParsedBlock
from extractors.rules.patterns import VIETNAMESE_LETTERS, is_non_latin_script
from extractors.records import Document, EntityMention, EntityRecord, Mention, Sentence, SpanSet

RULES_PATH = rules.RULES_DIR / "entity_patterns.jsonl"
SPANS_KEY = "marginalia_rules"
LABELS_OF_INTEREST = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "MILITARY_UNIT"}

EVENT_HEADS = rules.words("event_heads")
ROLE_HEADS = rules.words("role_heads")
GENERIC_WORDS = rules.words("generic_words")
DIRECTIONS = ("North", "South", "East", "West")
# "state-run", "privately-owned": attributes, not names
ATTRIBUTIVE_WORD = re.compile(r"-(?:run|based|owned|led|backed|funded|controlled|made)$")
# Official names of states: "People's Democratic Republic of Ruritania", "Kingdom of Borduria", "Republic of Ruritania"
STATE_NAME = re.compile(r"\b(?:Democratic Republic|People's Republic|Republic of|Kingdom of|Federation of|"
                        r"Socialist Republic|Federal Republic)\b|\bRepublic$")
#: Words showing a parenthetical gives another official name of the same state.
OFFICIAL_NAME_WORDS = re.compile(r"\b(?:Republic|Kingdom|Democratic|People's|Federation|Union|State of|Commonwealth)\b")
ACRONYM = re.compile(r"^[A-Z][A-Z&/.]{1,9}$")


@dataclass(frozen=True)
class EntityPattern:
    id: str
    label: str
    regex: re.Pattern
    requires_vietnamese: bool
    extend: str | None
    row: dict  # the row as written in the rules file (saved again by to_disk)


def load_patterns(path: Path | None = None) -> list[EntityPattern]:
    """The entity rules: the shipped table, or a saved one (``EntityRules.from_disk``)."""
    rows = rules.rows(RULES_PATH.name, ("id", "label", "pattern")) if path is None else \
        [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [EntityPattern(r["id"], r["label"], re.compile(r["pattern"]), r.get("requires") == "vietnamese_letters",
                          r.get("extend"), r) for r in rows]


_CAPS_RUN = r"(?:[A-Z][\w'’.-]*(?:\s+(?:and|of|the)(?=\s+[A-Z]))?\s*)+"
# One step of a name's tail after its head word: " of the People's Navy of Ruritania", " for Unification", " in Japan"
TAIL_STEP = re.compile(rf"\s+(?P<word>of|for|in)\s+(?P<the>the\s+)?{_CAPS_RUN}")
# A person's name in capitals: "... Commission in the CHOI Man-sik era" does not continue the name
CAPS_PERSON = re.compile(r"\b[A-Z]{2,}\s+[A-Z][a-z]+-[a-z]+")


def extend_tail(text: str, start: int, end: int, mode: str) -> int:
    """Extend a rule match over its tail, as the pattern's ``extend`` mode allows.

    "of": "... of the People's Navy of Ruritania"; "of_or_in_the": also "... in the Great
    Northern War"; "of_for_in": also "... for Unification", and "... in Japan" once the
    name is a formal one with "of" (so "Harbour News in North Ruritania" stays "Harbour News").
    """
    while True:
        step = TAIL_STEP.match(text, end)
        if not step or CAPS_PERSON.search(step.group()):
            return end
        word = step.group("word")
        if word == "for" and mode != "of_for_in":
            return end
        if word == "in" and (mode == "of" or (mode == "of_or_in_the" and not step.group("the"))
                             or (mode == "of_for_in" and " of " not in text[start:end])):
            return end
        end = step.end()
        while text[end - 1].isspace():
            end -= 1


# Words that end a prefix which is not part of a name: "state-run", "privately-owned"
ATTRIBUTIVE_PREFIX = re.compile(r"^.*?\b[\w]+-(?:run|based|owned|led|backed|funded|controlled|made)\s+")

@Language.factory("marginalia_entity_rules", default_config={"spans_key": SPANS_KEY},
                  assigns=["doc.ents", "doc.spans"], requires=["doc.ents"])
def make_entity_rules(nlp: Language, name: str, spans_key: str) -> "EntityRules":
    """Registered with spaCy through the ``spacy_factories`` entry point (pyproject.toml)."""
    return EntityRules(name, spans_key)


class EntityRules:
    """Genre rules as a spaCy component: find spans, then write them and merge into doc.ents.

    Patterns are data (``rules/entity_patterns.jsonl``), supplied at :meth:`initialize`
    and saved with the pipeline by :meth:`to_disk` / read back by :meth:`from_disk`.
    """

    def __init__(self, name: str, spans_key: str):
        self.name = name
        self.spans_key = spans_key
        self.patterns: list[EntityPattern] = []

    def initialize(self, get_examples=None, *, nlp=None, patterns: list[EntityPattern] | None = None) -> None:
        self.patterns = patterns if patterns is not None else load_patterns()

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "patterns.jsonl").write_text(RULES_PATH.read_text(encoding="utf-8") if not self.patterns else
                                            "".join(json.dumps(p.row, ensure_ascii=False) + "\n" for p in self.patterns),
                                            encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> "EntityRules":
        self.patterns = load_patterns(Path(path) / "patterns.jsonl")
        return self

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[SpacySpan]:
        text = doc.text
        spans: list[SpacySpan] = []
        for pattern in self.patterns:
            for found in pattern.regex.finditer(text):
                start, end = found.start(), found.end()
                if pattern.requires_vietnamese and not any(ch in VIETNAMESE_LETTERS for ch in found.group()):
                    continue
                if pattern.extend:
                    end = extend_tail(text, start, end, pattern.extend)
                start, end = _trim(text, start, end)
                span = doc.char_span(start, end, label=pattern.label, alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
        return spans

    def set_annotations(self, doc: Doc, spans: list[SpacySpan]) -> None:
        doc.spans[self.spans_key] = spans
        doc.ents = prioritise_rules(list(doc.ents), spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep a rule match inside one sentence and off attributive prefixes, 'the' and possessors."""
    matched = text[start:end]
    boundary = list(re.finditer(r"[a-z\d]\.\s+(?=[A-Z])", matched))
    if boundary:
        start += boundary[-1].end()  # "the capital. The Harbour Defence Group"
    prefix = ATTRIBUTIVE_PREFIX.match(text[start:end])
    if prefix:
        start += prefix.end()  # "state-run Harbour Museum"
    possessor = re.match(r"[A-Z][A-Z.]+['’]s\s+(?=[A-Z])", text[start:end])
    if possessor:
        start += possessor.end()  # "ROR's Ministry of ..."
    if text[start:start + 4] in ("The ", "the "):
        start += 4
    while end > start and text[end - 1] in " ,.'’":
        end -= 1
    return start, end


def prioritise_rules(model: list[SpacySpan], rules: list[SpacySpan]) -> list[SpacySpan]:
    """Rules win over overlapping model entities, except that a Vietnamese-name rule
    (PERSON) does not override the model's place for the same words."""
    kept_rules = []
    for rule in rules:
        clash = [m for m in model if m.start < rule.end and rule.start < m.end]
        if rule.label_ == "PERSON" and any(m.label_ in ("GPE", "LOC", "FAC") for m in clash) \
                and not re.search(r"[A-Z]{2,}", rule.text):
            continue
        kept_rules.append(rule)
    rules = _longest_first(kept_rules)
    taken = [(r.start, r.end) for r in rules]
    model = [m for m in model if not any(a < m.end and m.start < b for a, b in taken)]
    return sorted(rules + model, key=lambda s: s.start)


def _longest_first(spans: list[SpacySpan]) -> list[SpacySpan]:
    """Non-overlapping spans, longest first (spaCy's ``filter_spans``: among equals the earlier wins)."""
    return filter_spans(spans)


# ---------------------------------------------------------------- mentions


def _strip(text: str, start: int) -> tuple[str, int]:
    """Drop a leading 'the' and a trailing possessive or punctuation, keeping offsets right."""
    if text.lower().startswith("the "):
        text, start = text[4:], start + 4
    text = re.sub(r"(?:['’]s?|\s+)$", "", text)
    return text.strip(" ,.;:"), start


def clean_mentions(raw: list[Mention], italics: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    for m in raw:
        if m.label not in LABELS_OF_INTEREST:
            continue
        overlapping = [(a, b) for a, b in italics if a < m.end and m.start < b]
        if overlapping and not (coarse_label(m.label) == "ORG" and any(
                m.start <= a + 4 and b <= m.end for a, b in overlapping)):
            continue  # italics are titles of works; only a whole italic name of an organisation (*BBC*) stays
        text, start = _strip(m.text.split("(")[0], m.start)
        possessor = re.match(r"[A-Z][A-Z.]+['’]s\s+(?=[A-Z])", text)  # "ROR's Ministry", not "People's Army"
        if possessor and m.label in ("ORG", "FAC", "MILITARY_UNIT"):
            text, start = text[possessor.end():], start + possessor.end()
        if not text or is_non_latin_script(text) or not (text[0].isupper() or text[0].isdigit()):
            continue
        cited = re.match(r"^(.+?)\s+et\s+al\b\.?$", text)
        if cited and m.label in ("ORG", "PERSON", "NORP", "GPE"):
            text = cited.group(1)  # "Feitelson et al.": the first author of a cited work
            m = Mention(m.start, m.end, m.text, "PERSON", m.sentence_id, m.part)
        regime = re.match(r"^(.+?)\s+(?:regime|era|administration|government|cabinet)$", text)
        if regime and m.label in ("ORG", "PERSON") and len(regime.group(1).split()) >= 2:
            text = regime.group(1)  # "Lon Tarn regime": the person it is named after
            m = Mention(m.start, m.end, m.text, "PERSON", m.sentence_id, m.part)
        words = text.split()
        last = re.sub(r"\W", "", words[-1]).lower()
        if ATTRIBUTIVE_WORD.search(words[-1]):
            continue  # "state-run": an attribute, not a name
        if coarse_label(m.label) == "PLACE" and re.fullmatch(r"[A-Z][\w.]*-[A-Z][\w ]*", text):
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
        if re.search(r"\b(?:and|of|the|to|in|for|by|with|on|at)$", text) or text.endswith("-"):
            continue  # a fragment: "North and", "Democratic Republic of"
        if m.label in ("ORG", "FAC", "MILITARY_UNIT"):
            out.extend(_nested_organisations(text, start, m))
        coordinated = re.match(rf"^({'|'.join(DIRECTIONS)}) and ({'|'.join(DIRECTIONS)}) (\S.*)$", text)
        if coordinated:  # "North and South Ruritania": both are mentioned
            first, second, head = coordinated.groups()
            out.append(Mention(start, start + len(first), f"{first} {head}", m.label, m.sentence_id, m.part))
            second_start = start + text.index(second, len(first))
            out.append(Mention(second_start, start + len(text), f"{second} {head}", m.label, m.sentence_id, m.part))
            continue
        out.append(Mention(start, start + len(text), text, m.label, m.sentence_id, m.part))
    return out


# The head words that make the tail of "X of the Y" an organisation of its own
ORG_HEAD = re.compile(r"\b(?:University|Institute|Academy|Party|Committee|Ministry|Council|Assembly|Commission|"
                      r"Bureau|Agency|Association|Front|Army|Navy|Air Force|Division|Regiment)\b")


def _nested_organisations(text: str, start: int, m: Mention) -> list[Mention]:
    """'Executive Board of the National Farmers' Council' also mentions the Council."""
    out = []
    for match in re.finditer(r"\s+of\s+(?:the\s+)?", text):
        inner = text[match.end():]
        if ORG_HEAD.search(inner) and inner[:1].isupper() and len(inner.split()) >= 2:
            out.append(Mention(start + match.end(), start + len(text), inner, "ORG", m.sentence_id, m.part))
            break
    return out


# ---------------------------------------------------------------- canonical names


def entity_key(text: str) -> str:
    """Case, accents, hyphens, spaces, 'the' and possessives do not count: SONG Min-ho = Song Min Ho."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[\W_]+", "", text)


def coarse_label(label: str) -> str:
    if label in ("GPE", "LOC", "FAC"):
        return "PLACE"
    if label in ("ORG",) or label.endswith("_UNIT"):
        return "ORG"
    return label


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'’]*", name) if w[0].isupper())


def _definitions(text: str) -> list[tuple[str, str]]:
    """Pairs the text defines as the same thing: 'Long Name (LN)', 'Long Name: LN', 'A (B: C)'."""
    pairs = []
    for match in re.finditer(r"([A-Z][\w'’.-]*(?:\s+(?:of|the|and|for|[A-Z][\w'’.-]*))*)\s*\(([^()]{2,80})\)", text):
        outer, inner = match.group(1), match.group(2)
        for piece in re.split(r":\s*", inner):
            pairs.append((outer.strip(), piece.strip()))
        if ":" in inner:
            left, right = inner.split(":", 1)
            pairs.append((left.strip(), right.strip()))
    for match in re.finditer(r"([A-Z][\w'’.-]*(?:\s+(?:of|the|and|[A-Z][\w'’.-]*))+):\s*([A-Z]{2,8})\b", text):
        pairs.append((match.group(1).strip(), match.group(2)))
    return pairs


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def canonicalise(mentions: list[Mention], text: str) -> tuple[list[EntityRecord], list[EntityMention]]:
    """Merge mentions into entities: same key, defined acronyms and aliases, initials, short person names."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        key = entity_key(m.text)
        if key:
            by_key[key].append(m)
    labels = {k: Counter(coarse_label(m.label) for m in ms).most_common(1)[0][0] for k, ms in by_key.items()}
    union = _Union()
    forced: dict[str, str] = {}  # group root -> coarse label the text's own definitions impose
    for key in by_key:
        union.find(key)
    # 1. the text's own definitions: "Farmers' Union of Ruritania (FUR)", "Republic (Y: Z)"
    for outer, inner in _definitions(text):
        a, b = _longest_known_suffix(outer, by_key), entity_key(inner)
        if a and b in by_key and a != b and (ACRONYM.match(inner) or _official_name(outer, inner, labels, a)):
            union.union(a, b)
            forced[union.find(a)] = labels[a]
    # 2. acronyms whose letters are the initials of a known long name: "NLFSV"
    long_names = {k: ms[0].text for k, ms in by_key.items() if len(ms[0].text.split()) >= 2}
    for key, ms in by_key.items():
        surface = ms[0].text
        if ACRONYM.match(surface) and union.find(key) == key:
            letters = re.sub(r"[^A-Z]", "", surface)
            matches = [k for k, name in long_names.items() if _initials(name) == letters]
            if len(matches) == 1:
                union.union(matches[0], key)
    # 3. a person's short name: a single word that is part of exactly one longer person name
    persons = {k: ms for k, ms in by_key.items() if labels[k] == "PERSON"}
    place_heads = {entity_key(ms[0].text.split()[-1]) for k, ms in by_key.items()
                   if labels[k] == "PLACE" and len(ms[0].text.split()) > 1}
    for key, ms in by_key.items():
        surface = ms[0].text
        if len(surface.split()) != 1 or ACRONYM.match(surface):
            continue
        if labels[key] != "PERSON" and entity_key(surface) in place_heads:
            continue  # "Ruritania" ends "North Ruritania": a place name, not a person's short name
        owners = {union.find(k) for k, other in persons.items() if k != key and len(other[0].text.split()) > 1
                  and entity_key(surface) in {entity_key(w) for w in re.split(r"[\s-]+", other[0].text)}}
        if len(owners) == 1:
            owner = owners.pop()
            union.union(owner, key)
            forced[owner] = "PERSON"
    groups: dict[str, list[str]] = defaultdict(list)
    for key in by_key:
        groups[union.find(key)].append(key)
    entities: list[EntityRecord] = []
    out_mentions: list[EntityMention] = []
    for root, keys in groups.items():
        members = [m for k in keys for m in by_key[k]]
        forced_label = next((forced[union.find(k)] for k in keys if union.find(k) in forced), None)
        coarse = forced_label or Counter(coarse_label(x.label) for x in members).most_common(1)[0][0]
        candidates = [m.label for m in members if coarse_label(m.label) == coarse]
        label = Counter(candidates).most_common(1)[0][0] if candidates else {"PLACE": "GPE"}.get(coarse, coarse)
        name = _canonical_name(members)
        key = f"{coarse_label(label)}:{entity_key(name)}"
        entity_id = "e_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        aliases = tuple(sorted({m.text for m in members}))
        entities.append(EntityRecord(entity_id, key, name, label, len(members), aliases))
        out_mentions.extend(EntityMention(entity_id, m.sentence_id, m.part, m.text, m.start, m.end) for m in members)
    return entities, sorted(out_mentions, key=lambda m: m.start)


def _longest_known_suffix(outer: str, by_key: dict) -> str | None:
    """The known entity a definition's left side ends with: 'Ruritania, the Farmers' Union of Ruritania' -> that union."""
    words = outer.split()
    for i in range(len(words)):
        key = entity_key(" ".join(words[i:]))
        if key in by_key:
            return key
    return None


def _official_name(outer: str, inner: str, labels: dict, a: str) -> bool:
    """'Laos (Lao People's Democratic Republic)': a state and its official name, whatever the model called it."""
    return labels.get(a) == "PLACE" and bool(OFFICIAL_NAME_WORDS.search(inner))


def _canonical_name(members: list[Mention]) -> str:
    """The fullest well-formed surface form: most words, then title case over capitals, then most frequent."""
    counts = Counter(m.text for m in members)

    def rank(text: str):
        words = text.split()
        acronym = bool(ACRONYM.match(text))
        shouting = sum(1 for w in words if len(w) > 1 and w.isupper())
        return (not acronym, len(words), -shouting, counts[text], len(text))

    return max(counts, key=rank)


# ---------------------------------------------------------------- public


def extract_entities(document: Document, parsed: list[ParsedBlock], sentences: list[Sentence],
                     excluded: list[tuple[int, int]] = ()) -> tuple[list[EntityRecord], list[EntityMention]]:
    """Entities and their mentions in body text, captions and footnote commentary.

    ``excluded`` spans (references inside footnotes) are skipped: an author in
    a citation is a cited work's field, not a mention. The title block is
    skipped too: it names the article's subject, not an occurrence.
    """
    starts = [s.start for s in sentences]
    excluded = SpanSet(excluded)
    raw: list[Mention] = []
    title_block = next((b for b in document.blocks
                        if document.title and document.text[b.start:b.end].startswith(document.title)), None) \
        or next((b for b in document.blocks if b.is_heading), None)
    for item in parsed:
        block = item.block
        if block is title_block:
            continue
        for ent in item.doc.ents:
            start, end = block.start + ent.start_char, block.start + ent.end_char
            if excluded.covers(start):
                continue
            text = ent.text
            if ent.label_ == "PERSON":
                start, text = _extend_syllabic_name(document.text, start, text)
            raw.append(Mention(start, end, text, ent.label_, _sentence_id(sentences, starts, start), block.part))
    italics = [(s.start, s.end) for s in document.italics]
    mentions = clean_mentions(raw, italics)
    entities, linked = canonicalise(mentions, document.text)
    return _with_original_script_forms(entities, linked, document.text), linked


# "Haruki Tanabe(田辺春樹)", "Petrov (Петров)": a name followed by its original-script form
ORIGINAL_FORM = re.compile(r"\s?\((?P<form>[^()]{1,60})\)")


def _with_original_script_forms(entities: list[EntityRecord], mentions: list[EntityMention],
                                text: str) -> list[EntityRecord]:
    """Keep a non-Latin form the text pairs with a mention as an alias of that entity.

    The form itself is never read by the English model; it is attached where the
    text puts it right after the name.
    """
    forms: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        paired = ORIGINAL_FORM.match(text, m.end)
        if paired and is_non_latin_script(paired.group("form")):
            forms[m.entity_id].add(paired.group("form").strip())
    if not forms:
        return entities
    return [EntityRecord(e.entity_id, e.entity_key, e.name, e.label, e.n_mentions,
                         tuple(sorted(set(e.aliases) | forms[e.entity_id]))) if e.entity_id in forms else e
            for e in entities]


# A name of short capitalised syllables ("Van Minh Tam"), as Vietnamese names are written without marks
SYLLABIC_NAME = re.compile(r"^[A-Z][a-z]{0,5}(?:\s+[A-Z][a-z]{0,5}){1,3}$")
FUNCTION_WORDS = rules.words("function_words")
SYLLABLE_BEFORE = re.compile(r"(?:^|(?<=[\s.!?]))([A-Z][a-z]{1,3})\s$")


def _extend_syllabic_name(text: str, start: int, name: str) -> tuple[int, str]:
    """'Le Van Minh Tam': the model drops a family name that reads as an English word."""
    if SYLLABIC_NAME.match(name):
        before = SYLLABLE_BEFORE.search(text[max(0, start - 6):start])
        if before and before.group(1).lower() not in FUNCTION_WORDS:
            syllable = before.group(1)
            return start - len(syllable) - 1, f"{syllable} {name}"
    return start, name


def _sentence_id(sentences: list[Sentence], starts: list[int], position: int) -> int | None:
    k = bisect.bisect_right(starts, position) - 1
    return sentences[k].sentence_id if k >= 0 else None
