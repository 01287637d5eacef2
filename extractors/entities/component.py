"""The spaCy component that adds the genre's entity rules (military units, ministries, titled
names) beside the model's NER, registered through the ``spacy_factories`` entry point."""
from __future__ import annotations

from dataclasses import dataclass
import json
from pathlib import Path
import re

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from extractors import rules
from extractors.rules.patterns import VIETNAMESE_LETTERS


RULES_PATH = rules.RULES_DIR / "entity_patterns.jsonl"


SPANS_KEY = "marginalia_rules"


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
ATTRIBUTIVE_PREFIX = re.compile(rf"^.*?\b[\w]+-{rules.alternation('attributive_participles')}\s+")


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
