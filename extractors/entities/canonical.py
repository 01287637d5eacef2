"""Mentions grouped into entities: one key for case, accent and hyphen variants, acronyms and
short names joined to the full name, original-script forms kept as aliases."""
from __future__ import annotations

from collections import Counter, defaultdict
import functools
import hashlib
import re
import unicodedata

from extractors import rules
from extractors.records import EntityMention, EntityRecord, Mention
from extractors.rules.patterns import is_non_latin_script, phrases_before_parentheses


#: Words showing a parenthetical gives another official name of the same state.
OFFICIAL_NAME_WORDS = re.compile(rf"\b{rules.alternation('official_name_words')}\b")


ACRONYM = re.compile(r"^[A-Z][A-Z&/.]{1,9}$")


@functools.lru_cache(maxsize=1 << 16)
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


#: A name of up to twelve words before a parenthesis: "Long Name (LN)", "A (B: C)".
NAME_BEFORE_PARENTHESES = re.compile(r"([A-Z][\w'’.-]{0,40}(?:\s+(?:of|the|and|for|[A-Z][\w'’.-]{0,40})){0,12})"
                                     r"\s*\(([^()]{2,80})\)")
NAME_CHARACTERS = r"\w'’.\s-"
PARENTHESES = re.compile(r"\([^()]{2,80}\)")


def _definitions(text: str) -> list[tuple[str, str]]:
    """Pairs the text defines as the same thing: 'Long Name (LN)', 'Long Name: LN', 'A (B: C)'.

    A name is at most twelve words (of 40 characters): unbounded, a long run of capitalised words
    with no parenthesis after it is rescanned from every word, in time quadratic in the run."""
    pairs = []
    for match in phrases_before_parentheses(NAME_BEFORE_PARENTHESES, PARENTHESES, text, NAME_CHARACTERS):
        outer, inner = match.group(1), match.group(2)
        for piece in re.split(r":\s*", inner):
            pairs.append((outer.strip(), piece.strip()))
        if ":" in inner:
            left, right = inner.split(":", 1)
            pairs.append((left.strip(), right.strip()))
    for match in re.finditer(r"([A-Z][\w'’.-]{0,40}(?:\s+(?:of|the|and|[A-Z][\w'’.-]{0,40})){1,12}):\s*([A-Z]{2,8})\b", text):
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
    persons_with_word: dict[str, list[str]] = defaultdict(list)  # a word's key -> longer person names with it
    for k, other in persons.items():
        if len(other[0].text.split()) > 1:
            for word_key in dict.fromkeys(entity_key(w) for w in re.split(r"[\s-]+", other[0].text)):
                persons_with_word[word_key].append(k)
    for key, ms in by_key.items():
        surface = ms[0].text
        if len(surface.split()) != 1 or ACRONYM.match(surface):
            continue
        if labels[key] != "PERSON" and entity_key(surface) in place_heads:
            continue  # "Ruritania" ends "North Ruritania": a place name, not a person's short name
        owners = {union.find(k) for k in persons_with_word.get(entity_key(surface), ()) if k != key}
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


# "Haruki Tanabe(田辺春樹)", "Petrov (Петров)": a name followed by its original-script form
ORIGINAL_FORM = re.compile(r"\s?\((?P<form>[^()]{1,60})\)")


def with_original_script_forms(entities: list[EntityRecord], mentions: list[EntityMention],
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
