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
3. :mod:`evidence` relabels by what the document itself shows (cited authors and names before
   reference calls are persons, honorifics make persons, concept and law words, short names of
   organisations), trims run-on spans and adds cited authors the model missed.
4. :func:`canonicalise` merges mentions per document: same key (case,
   hyphens, accents), acronyms defined in the text ("Farmers' Union of Ruritania
   (FUR)", "...: ROR") or matching initials, and later short forms of a
   person's name when unambiguous ("Trần Quốc Vượng" / "Vượng").

No gazetteer: general patterns, general word lists and the text's own definitions.

The package: ``component`` (the rules beside the model), ``mentions`` (found spans cleaned)
and ``canonical`` (mentions grouped into entities); this module runs them over a parsed document.
"""
from __future__ import annotations

import bisect

from extractors.entities.canonical import canonicalise, entity_key, with_original_script_forms
from extractors.entities.component import RULES_PATH, load_patterns, make_entity_rules
from extractors.entities.evidence import cited_surnames, lower_case_words, relabel, surname_mentions
from extractors.entities.mentions import clean_mentions, extend_syllabic_name, term_acronyms
from extractors.nlp import ParsedBlock
from extractors.records import Document, EntityMention, EntityRecord, Mention, Sentence, SpanSet

__all__ = ["RULES_PATH", "Mention", "canonicalise", "clean_mentions", "entity_key", "extract_entities",
           "load_patterns", "make_entity_rules"]


def extract_entities(document: Document, parsed: list[ParsedBlock], sentences: list[Sentence],
                     excluded: list[tuple[int, int]] = (), known: list[tuple[int, int, str, str]] = (),
                     cited_authors: list[str] = ()) -> tuple[list[EntityRecord], list[EntityMention]]:
    """Entities and their mentions in body text, captions and footnote commentary.

    ``excluded`` spans (references inside footnotes) are skipped: an author in
    a citation is a cited work's field, not a mention. The title block is
    skipped too: it names the article's subject, not an occurrence. ``known``
    mentions (start, end, name, label) come from another extractor (the companies
    that are parties to a cited case) and are kept as given. ``cited_authors`` (the
    authors the document's references give) are evidence that a name is a person's.
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
                start, text = extend_syllabic_name(document.text, start, text)
            raw.append(Mention(start, end, text, ent.label_, _sentence_id(sentences, starts, start), block.part))
    italics = [(s.start, s.end) for s in document.italics]
    # found by another extractor (parties to a cited case): kept as found, though a case name is italic
    terms = term_acronyms(document.text)  # "work-family conflict (WFC)": a concept, not an organisation
    surnames = cited_surnames(list(cited_authors))
    lower_words = lower_case_words(document.text)
    found = relabel([m for m in clean_mentions(raw, italics) if m.text not in terms], document.text, surnames,
                    lower_words)
    found += surname_mentions(document.text, sentences, surnames, SpanSet([(m.start, m.end) for m in raw]), excluded,
                              lower_words)
    mentions = found + [Mention(start, end, name, label, _sentence_id(sentences, starts, start), "body")
                        for start, end, name, label in known]
    entities, linked = canonicalise(mentions, document.text)
    return with_original_script_forms(entities, linked, document.text), linked


def _sentence_id(sentences: list[Sentence], starts: list[int], position: int) -> int | None:
    k = bisect.bisect_right(starts, position) - 1
    return sentences[k].sentence_id if k >= 0 else None
