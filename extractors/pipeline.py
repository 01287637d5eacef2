"""One call from a file to every record the warehouse stores about it (pure: no I/O but reading)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from extractors.citations import extract_references, with_legal_citations
from extractors.dates import extract_dates
from extractors.document import build_document, read_paragraphs
from extractors.document.markers import citation_call_spans, extract_citation_mentions
from extractors.rules.patterns import LEGAL_CITATION
from extractors.document.text import MAX_TEXT_BYTES
from extractors.citations.legal import case_parties, extract_legal_citations
from extractors.entities import extract_entities
from extractors.fingerprint import text_fingerprint
from extractors.nlp import model_info, parse_blocks, sentences
from extractors.quantities import extract_quantities
from extractors.records import (CitationMention, DateRecord, Document, EntityMention, EntityRecord, ModelInfo,
                                QuantityRecord, Reference, Sentence)
from extractors.citations.resolve import resolve_references


@dataclass(frozen=True)
class ExtractedDocument:
    """Everything extracted from one document, ready to load."""

    document: Document
    sentences: tuple[Sentence, ...]
    citation_mentions: tuple[CitationMention, ...]
    dates: tuple[DateRecord, ...]
    references: tuple[Reference, ...]
    quantities: tuple[QuantityRecord, ...]
    entities: tuple[EntityRecord, ...]
    entity_mentions: tuple[EntityMention, ...]
    footnote_kinds: dict[int, str]
    model: ModelInfo
    seconds: dict[str, float] = field(default_factory=dict)
    fingerprint: tuple[int, ...] = ()  # see extractors.fingerprint: finds a second copy of one work


#: Legal citations name parties (companies, people, states) that are mentions in their own right.
LEGAL_KINDS = ("case", "statute", "regulation")


class StageError(Exception):
    """An extraction failure tagged with the stage it happened in."""

    def __init__(self, stage: str, message: str):
        super().__init__(message)
        self.stage = stage

    def __reduce__(self):  # keeps the stage when the error crosses from a worker process
        return type(self), (self.stage, str(self))


def extract_document(path: Path, source_path: str, nlp: Language,
                     max_text_bytes: int = MAX_TEXT_BYTES) -> ExtractedDocument:
    """Read, lay out, parse and run every extractor over one file.

    Raises:
        ReadError: the file cannot be read (its stage says where).
        StageError: an extractor failed on this document.
    """
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    paragraphs, fmt, n_pages = read_paragraphs(path, max_text_bytes)
    seconds["read"] = time.perf_counter() - started
    started = time.perf_counter()
    document = build_document(paragraphs, source_path, fmt, n_pages)
    seconds["layout"] = time.perf_counter() - started
    started = time.perf_counter()
    try:
        parsed = parse_blocks(document, nlp)
        sents = sentences(document, parsed)
    except Exception as exc:  # the model failing on one document must not stop the run
        raise StageError("nlp", f"spaCy failed on this document: {type(exc).__name__}: {exc}") from exc
    seconds["nlp"] = time.perf_counter() - started
    started = time.perf_counter()
    try:
        mentions = extract_citation_mentions(document, sents)
        # citation calls and legal citations: their numbers are years of works, volumes and pages
        cited = citation_call_spans(document.text) + [m.span() for m in LEGAL_CITATION.finditer(document.text)]
        dates = extract_dates(document, sents, excluded=cited)
        parsing_started = time.perf_counter()  # reference parsing is timed apart: its share of a run is watched
        references, footnote_kinds = extract_references(document)
        references = with_legal_citations(resolve_references(references), extract_legal_citations(document, sents),
                                          footnote_kinds)
        seconds["references"] = time.perf_counter() - parsing_started
        excluded = [(d.start, d.end) for d in dates] + [(r.start, r.end) for r in references] + cited
        quantities = extract_quantities(document, parsed, sents, excluded)
        # an author in a reference is a field of the cited work; a party in a cited case is a mention
        entities, entity_mentions = extract_entities(document, parsed, sents, [(r.start, r.end) for r in references
                                                                               if r.kind not in LEGAL_KINDS],
                                                     known=case_parties(document, references),
                                                     cited_authors=[a for r in references if r.kind not in LEGAL_KINDS
                                                                    for a in r.authors])
    except Exception as exc:
        raise StageError("extract", f"an extractor failed: {type(exc).__name__}: {exc}") from exc
    seconds["extract"] = time.perf_counter() - started - seconds.get("references", 0.0)
    return ExtractedDocument(document, tuple(sents), tuple(mentions), tuple(dates), tuple(references),
                             tuple(quantities), tuple(entities), tuple(entity_mentions), footnote_kinds, model_info(nlp), seconds,
                             text_fingerprint(document.text))
