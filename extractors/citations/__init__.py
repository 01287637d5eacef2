"""References in notes and reference lists: split each note into references and commentary, then parse fields.

Find first, resolve later: this module finds references and parses what each
one says by itself (ibid. and short forms are only *marked* here);
``resolve`` links repeats to the footnote holding the full
reference and assigns work ids.

The parser works from the typography the document model preserves: quoted
titles ("..." or “...”) are articles and chapters, italic spans are books,
journals and newspapers, "(Place: Publisher, Year)" is an imprint, a trailing
"(Korean)" is the language. Original-language titles are the parenthetical in
another script that follows or ends a title.
The package: ``find`` (a note's references), ``notes`` (parse a note's reference by
typography), ``entries`` (parse a reference-list entry from the learned ``tagger``'s fields),
``patterns`` (shared), ``legal`` (cases, statutes and regulations in running text, with
eyecite) and ``resolve`` (ibid. and short forms to their full reference, work ids).
"""
from __future__ import annotations

from dataclasses import replace

from extractors.citations import tagger
from extractors.citations.entries import entry_works, parse_compact_article, parse_tagged_reference, tagged_authors
from extractors.citations.find import split_footnote
from extractors.citations.notes import parse_reference, split_authors
from extractors.records import Document, Reference, Span

__all__ = ["extract_references", "parse_reference", "parse_tagged_reference", "split_authors", "split_footnote",
           "tagged_authors", "with_legal_citations"]


def extract_references(document: Document) -> tuple[list[Reference], dict[int, str]]:
    """Parse every footnote; returns the references and each footnote's kind ('citation' or 'note').

    Left out on purpose: resolving ibid. and short forms (see :mod:`extractors.citations.resolve`).
    """
    references: list[Reference] = []
    kinds: dict[int, str] = {}
    for footnote in document.footnotes:
        italics = [Span(s.start - footnote.start, s.end - footnote.start) for s in document.italics
                   if footnote.start <= s.start < footnote.end]
        text = document.text[footnote.start:footnote.end]
        if footnote.zone == "bibliography" and tagger.available():
            # an entry of a reference list is one reference in any of many styles: the learned
            # tagger reads those; the rules stay for notes (Chicago full and short forms, ibid.)
            for position, (a, b) in enumerate(entry_works(text), 1):
                work = text[a:b]
                references.append(parse_compact_article(work, footnote.number, position, footnote.start + a)
                                  or replace(parse_tagged_reference(work, footnote.number, footnote.start + a),
                                             position=position))
            kinds[footnote.number] = "citation"
            continue
        pieces, _ = split_footnote(text, italics)
        found = []
        for position, piece in enumerate(pieces, 1):
            local = [Span(s.start - piece.start, s.end - piece.start) for s in italics
                     if piece.start <= s.start < piece.end]
            found.append(parse_reference(piece.text, local, footnote.number, position,
                                         footnote.start + piece.start))
        kinds[footnote.number] = "citation" if found else "note"
        references.extend(found)
    return references, kinds


def with_legal_citations(references: list[Reference], legal: list[Reference],
                         kinds: dict[int, str]) -> list[Reference]:
    """The notes' references with the legal citations found in the same notes and in the body.

    Where eyecite (or the code and court-rule patterns) reads a citation inside a note, it
    wins over the note parser's reading of the same words, which knows no reporters; the
    note's other references stay. Positions are renumbered in text order within each note,
    and a note holding a legal citation is a citation note.
    """
    taken: dict[int, list[tuple[int, int]]] = {}
    for citation in legal:
        taken.setdefault(citation.footnote_number, []).append((citation.start, citation.end))
        if citation.footnote_number:
            kinds[citation.footnote_number] = "citation"
    kept = [r for r in references
            if not any(r.start < b and a < r.end for a, b in taken.get(r.footnote_number, []))]
    merged = sorted(kept + legal, key=lambda r: (r.footnote_number, r.start, r.position))
    out: list[Reference] = []
    for reference in merged:
        position = out[-1].position + 1 if out and out[-1].footnote_number == reference.footnote_number else 1
        out.append(replace(reference, position=position))
    return out
