"""Records to Arrow tables, one per warehouse table, for bulk ``INSERT ... BY NAME``."""
from __future__ import annotations

from typing import Any, Iterable

import pyarrow as pa

from extractors.pipeline import ExtractedDocument


def _table(rows: Iterable[dict[str, Any]]) -> pa.Table | None:
    rows = list(rows)
    return pa.Table.from_pylist(rows) if rows else None


def document_tables(doc_id: str, run_id: str, extracted: ExtractedDocument) -> dict[str, pa.Table]:
    """The per-document tables (everything but the documents row), empty ones left out."""
    document = extracted.document
    offsets = document.source_offsets
    tables = {
        "sentences": _table(
            dict(doc_id=doc_id, sentence_id=s.sentence_id, part=s.part, page=s.page,
                 start_char=s.start, end_char=s.end, text=s.text, footnote_number=s.footnote_number,
                 source_start=_source_offset(offsets, s.start), run_id=run_id, paragraph_id=s.paragraph_id,
                 is_heading=s.is_heading)
            for s in extracted.sentences),
        "footnotes": _table(
            dict(doc_id=doc_id, number=f.number, page=f.page, kind=extracted.footnote_kinds.get(f.number), text=f.text,
                 start_char=f.start, end_char=f.end, run_id=run_id, label=f.label, zone=f.zone)
            for f in document.footnotes),
        "citation_mentions": _table(
            dict(doc_id=doc_id, footnote_number=m.footnote_number, sentence_id=m.sentence_id,
                 page=m.page, marker_char=m.position, run_id=run_id)
            for m in extracted.citation_mentions),
        "dates": _table(
            dict(doc_id=doc_id, sentence_id=d.sentence_id, part=d.part, text=d.text, start_date=d.start_date,
                 end_date=d.end_date, precision=d.precision, approx=d.approx, inferred_year=d.inferred_year,
                 start_char=d.start, end_char=d.end, rule=d.rule, run_id=run_id)
            for d in extracted.dates),
        "citations": _table(
            dict(doc_id=doc_id, footnote_number=r.footnote_number, position=r.position, kind=r.kind,
                 authors=list(r.authors) or None, title=r.title, title_original=r.title_original,
                 container=r.container, volume=r.volume, issue=r.issue, publisher=r.publisher, place=r.place,
                 pub_date=r.pub_date, pages=r.pages, url=r.url, accessed=r.accessed, language=r.language,
                 ibid=r.ibid, short_form=r.short_form, resolves_to=r.resolves_to, work_id=r.work_id,
                 raw_text=r.raw_text, start_char=r.start, end_char=r.end, editors=r.editors, run_id=run_id,
                 sentence_id=r.sentence_id, court=r.court)
            for r in extracted.references),
        "quantities": _table(
            dict(doc_id=doc_id, sentence_id=q.sentence_id, part=q.part, text=q.text, value=q.value,
                 value_max=q.value_max, unit=q.unit, kind=q.kind, subject=q.subject, subject_lemma=q.subject_lemma,
                 qualifier=q.qualifier, start_char=q.start, end_char=q.end, rule=q.rule, run_id=run_id,
                 predicate=q.predicate)
            for q in extracted.quantities),
        "entities": _table(
            dict(doc_id=doc_id, entity_id=e.entity_id, name=e.name, label=e.label, n_mentions=e.n_mentions,
                 entity_key=e.entity_key, run_id=run_id)
            for e in extracted.entities),
        "entity_mentions": _table(
            dict(doc_id=doc_id, entity_id=m.entity_id, sentence_id=m.sentence_id, part=m.part, text=m.text,
                 start_char=m.start, end_char=m.end, run_id=run_id)
            for m in extracted.entity_mentions),
        "entity_aliases": _table(
            dict(alias=alias, entity_key=e.entity_key, label=e.label, doc_id=doc_id, run_id=run_id)
            for e in extracted.entities for alias in e.aliases),
    }
    return {name: table for name, table in tables.items() if table is not None}


def _source_offset(offsets, index: int) -> int | None:
    if index < len(offsets) and offsets[index] >= 0:
        return int(offsets[index])
    return None
