"""Legal citations in the body text, found with eyecite (Free Law Project) and its reporters database.

Court opinions and legal scholarship cite in the running text, not in notes:
"Lund v. Harbour Ferry Co., 702 F.3d 211, 215 (9th Cir. 2012)", "42 U.S.C. §
1983", "Id. at 216". eyecite knows the reporters and their editions, which no
rule table here could keep up with. Each citation becomes a
:class:`~extractors.records.Reference` with no note (``footnote_number`` is
0) and the sentence it stands in; kinds are case, statute and regulation;
title = case name, container = reporter, volume, pages = first page and
pinpoint, court and year. "Id." and short forms are found first and resolved
to the full citation before them (they share its work id).
"""
from __future__ import annotations

import bisect
import dataclasses
import hashlib

from extractors import rules
from extractors.records import Document, Reference, Sentence


#: ``footnote_number`` of a citation in the body: no note has number 0, so joins on notes leave it out.
BODY = 0

#: Reporters of codes and registers: the citation is a statute or a regulation, not a case.
REGULATION_REPORTERS = frozenset({"C.F.R.", "Fed. Reg."})


def _work_id(key: str) -> str:
    return "w_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def extract_legal_citations(document: Document, sentences: list[Sentence]) -> list[Reference]:
    """Case, statute and regulation citations in the body, in order, with their sentence."""
    from eyecite import get_citations
    from eyecite.models import FullCaseCitation, FullLawCitation, IdCitation, ShortCaseCitation, SupraCitation

    body_end = min((f.start for f in document.footnotes), default=len(document.text))
    text = document.text[:body_end]
    body = [s for s in sentences if s.part == "body"]
    starts = [s.start for s in body]
    out: list[Reference] = []
    last_full: Reference | None = None
    for position, citation in enumerate(get_citations(text), 1):
        start, end = citation.span()
        k = bisect.bisect_right(starts, start) - 1
        sentence_id = body[k].sentence_id if k >= 0 else None
        groups, meta = citation.groups, citation.metadata
        base = dict(footnote_number=BODY, position=position, start=start, end=end,
                    raw_text=citation.matched_text(), sentence_id=sentence_id, rule="eyecite")
        if isinstance(citation, FullCaseCitation):
            parties = " v. ".join(p for p in (meta.plaintiff, meta.defendant) if p)
            pages = groups.get("page") + (f", {meta.pin_cite.removeprefix('at ').strip(' ,')}" if meta.pin_cite else "")
            reference = Reference(**base, kind="case", title=parties or None, container=groups.get("reporter"),
                                  volume=groups.get("volume"), pages=pages, pub_date=meta.year, court=meta.court)
            reference = dataclasses.replace(reference, work_id=_work_id(
                f"case|{groups.get('volume')}|{groups.get('reporter')}|{groups.get('page')}"))
            last_full = reference
        elif isinstance(citation, FullLawCitation):
            reporter = groups.get("reporter") or ""
            kind = "regulation" if reporter in REGULATION_REPORTERS else "statute"
            volume = groups.get("title") or groups.get("chapter")
            reference = Reference(**base, kind=kind, title=citation.corrected_citation(), container=reporter or None,
                                  volume=volume, pages=groups.get("section"), pub_date=meta.year)
            reference = dataclasses.replace(reference, work_id=_work_id(f"law|{volume}|{reporter}|{groups.get('section')}"))
            last_full = reference
        elif isinstance(citation, (IdCitation, ShortCaseCitation, SupraCitation)) and last_full is not None:
            pin = (meta.pin_cite or "").removeprefix("at ").strip(" ,") or None
            reference = Reference(**base, kind=last_full.kind, title=last_full.title, container=last_full.container,
                                  volume=last_full.volume, pages=pin, ibid=isinstance(citation, IdCitation),
                                  short_form=not isinstance(citation, IdCitation), work_id=last_full.work_id)
        else:
            continue
        out.append(reference)
    return out


#: A party that ends in a company's suffix: "Harbour Ferry Co.", "Quay Holdings, LLC".
def _is_company(party: str) -> bool:
    last = party.replace(",", " ").split()[-1] if party.split() else ""
    return last in rules.words("company_suffixes")


def case_parties(document: Document, references: list[Reference]) -> list[tuple[int, int, str, str]]:
    """(start, end, name, label) of the companies that are parties to the cases cited in the body:
    mentions in their own right, which the model's NER rarely reads whole ("Lund Ferry Sys., Inc.")."""
    out: list[tuple[int, int, str, str]] = []
    for reference in references:
        if reference.kind != "case" or reference.short_form or reference.ibid or not reference.title:
            continue
        window_start = max(0, reference.start - 300)
        at = document.text.rfind(reference.title, window_start, reference.start + len(reference.title))
        if at < 0:
            continue
        offset = at
        for party in reference.title.split(" v. "):
            if _is_company(party):
                out.append((offset, offset + len(party), party, "ORG"))
            offset += len(party) + len(" v. ")
    return out
