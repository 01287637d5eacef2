"""Legal citations in the body text and in notes, found with eyecite (Free Law Project) and its
reporters database, plus codes cited by name and courts' rules, which eyecite does not read.

Court opinions and legal scholarship cite in the running text as much as in notes:
"Lund v. Harbour Ferry Co., 702 F.3d 211, 215 (9th Cir. 2012)", "42 U.S.C. §
1983", "Id. at 216". eyecite knows the reporters and their editions, which no
rule table here could keep up with. Each citation becomes a
:class:`~extractors.records.Reference` with its note's number (``footnote_number``
0 in the body) and the sentence it stands in; kinds are case, statute and regulation;
title = case name, container = reporter, volume, pages = first page and
pinpoint, court and year. "Id." and short forms are found first and resolved
to the full citation before them (they share its work id).
"""
from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re

from extractors import rules
from extractors.records import Document, Reference, Sentence
from extractors.rules.patterns import LEGAL_CITATION, with_first_character_lookahead


#: ``footnote_number`` of a citation in the body: no note has number 0, so joins on notes leave it out.
BODY = 0

#: What any legal citation eyecite reads shows: a reporter citation, a section sign, "v." between
#: parties, "Id." or a code. Text without one is not handed to eyecite, whose tokenizer costs
#: more than all the other reference parsing of a document.
LEGAL_HINTS = (LEGAL_CITATION, *map(with_first_character_lookahead, (
    re.compile("§"), re.compile(r"\bv\.\s+[A-Z]"), re.compile(r"\b[Ii]d\."), re.compile(r"\bU\.\s?S\.\s?C\."),
    re.compile(r"\bC\.F\.R\."))))


def shows_a_legal_citation(text: str) -> bool:
    """Whether any of :data:`LEGAL_HINTS` is in the text (each searched alone: one alternation
    of them all scans four times slower)."""
    return any(hint.search(text) for hint in LEGAL_HINTS)


#: Reporters of codes and registers: the citation is a statute or a regulation, not a case.
REGULATION_REPORTERS = frozenset({"C.F.R.", "Fed. Reg."})


#: A state's or a nation's code cited by its name and section, which eyecite's tables miss:
#: "TEX. INS. CODE § 4001.003(1)(B)", "Cal. Civ. Proc. Code § 335.1", "N.Y. Gen. Bus. Law § 349".
NAMED_CODE = re.compile(r"(?P<code>(?:[A-Z][A-Za-z]*\.?\s+){1,6}(?:CODE|Code|LAW|Law|STAT\.|Stat\.)"
                        r"(?:\s+(?:ANN\.|Ann\.))?)"
                        r"\s*§§?\s*(?P<section>\d[\w.:-]*(?:\([\w]{1,4}\))*)")
#: A court's own rules: "5th Circuit Rule 47.5.4", "5th Cir. R. 28.2", "Fed. R. Civ. P. 56(a)", "Fed. R. Evid. 403".
COURT_RULE = re.compile(r"(?:\d{1,2}(?:st|nd|rd|th)\s+Cir(?:cuit|\.)\s+R(?:ule|\.)"
                        r"|Fed\.\s+R\.\s+(?:Civ\.\s+P|Crim\.\s+P|"
                        r"App\.\s+P|Evid|Bankr\.\s+P)\.)\s*\d[\d.]*\d?(?:\([\w]{1,4}\))*")
#: Signals and words that open a citation sentence, before a case's name.
SIGNALS = frozenset({"See", "see", "See,", "Cf.", "cf.", "But", "But,", "Accord", "accord", "Compare", "E.g.,", "e.g.,",
                     "also", "Also", "generally", "with", "and"})
#: Where a court's rule may be cited: "Rule", "R.".
RULE_HINT = re.compile(r"\bR(?:ule|\.)")
#: One word and the space after it, to step past words before a code's name.
LEADING_WORD = re.compile(r"(\S+)\s+")
#: Words that open a sentence before a code's name, not part of it.
LEADING_WORDS = SIGNALS | {"Under", "under", "Pursuant", "pursuant", "In", "The", "By", "Per", "Section", "Also", "to"}
#: Lower-case words inside case names: "First Am. Title Co. of El Paso", "In re Estate of Lee".
CASE_NAME_WORDS = frozenset({"of", "the", "and", "&", "for", "ex", "rel.", "re", "de", "du", "la", "in", "on", "to"})


def case_name(text: str, citation_start: int) -> str | None:
    """The case name printed before a reporter citation, read from the text: eyecite's guess cuts
    names at abbreviations ("Innova Hosp. San Antonio, L.P." -> "San Antonio, L.P.")."""
    window = text[max(0, citation_start - 300):citation_start]
    versus = window.rfind(" v. ")
    if versus < 0:
        return None
    tail = window[versus:].rstrip(" ,")
    words = window[:versus].split(" ")
    k = len(words)
    while k > 0:
        word = words[k - 1]
        if not word or word in SIGNALS or ";" in word or word.endswith((")", ":")):
            break
        if word[:1].islower() and word not in CASE_NAME_WORDS:
            break
        if k >= 2 and word[:1].isupper() and words[k - 2].endswith(".") and words[k - 2][:-1].islower() \
                and words[k - 2][:-1] not in CASE_NAME_WORDS:
            k -= 1  # "de novo. Innova ...": the sentence before ended
            break
        k -= 1
    name = (" ".join(words[k:]) + tail).strip(" ,")
    return name if name and name[0].isupper() and len(name) < 250 else None


def _work_id(key: str) -> str:
    return "w_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def extract_legal_citations(document: Document, sentences: list[Sentence]) -> list[Reference]:
    """Case, statute and regulation citations in the body and in footnotes, in order, with their
    sentence. Body citations have ``footnote_number`` 0; a note's carry its number (court
    opinions cite in their notes as in their text). Reference-list entries are left to the
    tagger. eyecite reads the whole text once: one call per note cost more than the rest of
    reference parsing together."""
    body_end = min((f.start for f in document.footnotes), default=len(document.text))
    zones = [(0, body_end, BODY)] + sorted((f.start, f.end, f.number) for f in document.footnotes
                                           if f.zone != "bibliography")
    zone_starts = [z[0] for z in zones]
    ordered = sorted(sentences, key=lambda s: s.start)
    sentence_starts = [s.start for s in ordered]
    text = document.text
    out: list[Reference] = []
    last_full: Reference | None = None
    for citation in _eyecite(text) if shows_a_legal_citation(text) else []:
        start, end = citation.span()
        z = bisect.bisect_right(zone_starts, start) - 1
        if z < 0 or start >= zones[z][1]:
            continue  # in a reference-list entry
        k = bisect.bisect_right(sentence_starts, start) - 1
        groups, meta = citation.groups, citation.metadata
        base = dict(footnote_number=zones[z][2], position=len(out) + 1, start=start, end=end,
                    raw_text=citation.matched_text(), sentence_id=ordered[k].sentence_id if k >= 0 else None,
                    rule="eyecite")
        from eyecite.models import FullCaseCitation, FullLawCitation, IdCitation, ShortCaseCitation, SupraCitation

        if isinstance(citation, FullCaseCitation):
            parties = case_name(text, start) or " v. ".join(p for p in (meta.plaintiff, meta.defendant) if p)
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
    for begin, stop, number in zones:
        out.extend(_named_laws(text, begin, stop, ordered, sentence_starts, len(out), number))
    return out


def _eyecite(text: str) -> list:
    """eyecite's citations, imported only for text that shows a legal citation (its import alone
    takes half a second)."""
    from eyecite import get_citations

    return get_citations(text)


def _named_laws(text: str, begin: int, stop: int, sentences: list[Sentence], starts: list[int], before: int,
                footnote_number: int) -> list[Reference]:
    """Codes cited by name and section, and courts' rules, which eyecite does not read, in
    ``text[begin:stop]`` (offsets in ``text``; ``starts`` are the sentences' starts)."""
    out: list[Reference] = []
    found = []
    if text.find("§", begin, stop) >= 0:
        found += [(m, "statute") for m in NAMED_CODE.finditer(text, begin, stop)]
    if RULE_HINT.search(text, begin, stop):
        found += [(m, "other") for m in COURT_RULE.finditer(text, begin, stop)]
    for match, kind in sorted(found, key=lambda pair: pair[0].start()):
        first = match.start()
        while (lead := LEADING_WORD.match(text, first, match.end())) and lead.group(1).strip(",") in LEADING_WORDS:
            first = lead.end()  # "Under TEX. INS. CODE § 4001.003": the code starts at its name
        k = bisect.bisect_right(starts, first) - 1
        cited = text[first:match.end()].rstrip(".")
        code = text[first:match.end("code")].strip() if kind == "statute" else None
        section = match.group("section") if kind == "statute" else None
        out.append(Reference(footnote_number=footnote_number, position=before + len(out) + 1, start=first,
                             end=first + len(cited), raw_text=cited,
                             sentence_id=sentences[k].sentence_id if k >= 0 else None, rule="named law",
                             kind=kind, title=cited, container=code, pages=section,
                             work_id=_work_id(f"law|{cited.upper()}")))
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
