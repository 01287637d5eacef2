"""Links between footnote markers in the body and the sentences that carry them."""
from __future__ import annotations

import bisect
import re
import unicodedata

from extractors import rules
from extractors.records import CitationMention, Document, Marker, Sentence

# A year as cited: "2003", "2003a"
CITED_YEAR = r"(?P<year>(?:1[5-9]|20)\d{2})[a-z]?(?!\s*[–-]\s*\d)"  # not a span of years: "(1755–1815)"
# "(Smith 2003)", "(Smith and Jones, 2005, p. 4; Lee et al. 2010)": one part of a parenthetical citation
PARENTHETICAL_PART = re.compile(
    rf"(?P<name>[A-Z][\w'’-]+)(?:\s+(?:et\s+al\.?|and\s+[A-Z][\w'’-]+|&\s+[A-Z][\w'’-]+))?,?\s+{CITED_YEAR}")
# "Smith (2003) argued", "Lee et al. (2010)"
NARRATIVE = re.compile(rf"(?P<name>[A-Z][\w'’-]+)(?:\s+et\s+al\.?|\s+and\s+[A-Z][\w'’-]+)?\s+\({CITED_YEAR}[^)]*\)")
PARENTHETICAL = re.compile(r"\(([^()]*?(?:1[5-9]|20)\d{2}[^()]*)\)")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# The first author's surname: the first capitalised word that is not an initial
# ("R. Holmvik. 2005." -> Holmvik, "Strand, A. and" -> Strand, "van Dorn H" -> Dorn)
FIRST_SURNAME = re.compile(r"(?:[A-Z]\.\s*|[A-Z]\.?-[A-Z]\.\s*|(?:van|von|de|der|da|di|le|la)\s+)*(?P<name>[A-Z][\w'’-]+)")


def _entry_keys(document: Document) -> dict[tuple[str, str], int]:
    """(first author's surname, year) -> number, for reference entries written author first.

    Entries of a bibliography come first; notes serve where the document has none."""
    entries = [n for n in document.footnotes if n.zone == "bibliography"] or list(document.footnotes)
    keys: dict[tuple[str, str], int] = {}
    for note in entries:
        name = FIRST_SURNAME.match(note.text.lstrip())
        year = re.search(r"\b((?:1[5-9]|20)\d{2})[a-z]?\b", note.text)
        if name and year:
            keys.setdefault((_fold(name.group("name")), year.group(1)), note.number)
    return keys


def citation_call_spans(text: str) -> list[tuple[int, int]]:
    """Where author-date calls stand ("(Harris, 1985)", "Smith et al. (1999)"), matched to an entry
    or not: the years in them are the cited works' dates, not the narrative's."""
    spans = [m.span() for m in PARENTHETICAL.finditer(text)
             if any(_is_call(found := PARENTHETICAL_PART.search(part)) and _opens_part(part, found)
                    for part in m.group(1).split(";"))]
    spans.extend(m.span() for m in NARRATIVE.finditer(text) if _is_call(m))
    return spans


#: What may stand before the name in a part of a parenthetical call: "(see Smith 1999)".
CALL_CUE = re.compile(r"^\s*(?:(?:see|cf\.|e\.g\.,?|i\.e\.,?|also|for\s+example,?|as\s+in)\s+)*$", re.I)


def _opens_part(part: str, match: re.Match) -> bool:
    """The name opens the part, or follows a cue: "(reciting the Creed of Pius IV, 1565)" is prose."""
    return bool(CALL_CUE.match(part[:match.start()]))


def _is_call(match: re.Match | None) -> bool:
    """A name and a year, and the name is no month or season ("(from March 1998)" is a date)."""
    return bool(match) and match.group("name").casefold().rstrip(".") not in NOT_NAMES


#: Capitalised words before a year that are no author's name: months and seasons.
NOT_NAMES = frozenset(rules.values("months")) | {"spring", "summer", "autumn", "fall", "winter", "since",
                                                 "until", "in", "from", "by", "before", "after", "during"}


def author_date_markers(document: Document) -> list[Marker]:
    """Author-date citations in the body ("(Smith 2003)", "Smith (2003)") as markers of the
    reference entry with that first author's surname and year."""
    keys = _entry_keys(document)
    if not keys:
        return []
    body_end = min((f.start for f in document.footnotes), default=len(document.text))
    text = document.text[:body_end]
    markers: list[Marker] = []
    for parenthetical in PARENTHETICAL.finditer(text):
        for part in re.split(r";", parenthetical.group(1)):
            match = PARENTHETICAL_PART.search(part)
            if match and (number := keys.get((_fold(match.group("name")), match.group("year")))):
                markers.append(Marker(number, parenthetical.end(), document.page_at(parenthetical.end()) or 1))
    for match in NARRATIVE.finditer(text):
        if number := keys.get((_fold(match.group("name")), match.group("year"))):
            markers.append(Marker(number, match.end(), document.page_at(match.end()) or 1))
    return sorted(set(markers), key=lambda m: m.position)


def extract_citation_mentions(document: Document, sentences: list[Sentence]) -> list[CitationMention]:
    """One row per footnote marker: the body sentence it stands in, and the page it is printed on.

    A marker sits right after the sentence it supports ("... in the harbour.¹"), so
    a marker exactly at a sentence's end belongs to that sentence, not the next.
    Markers whose number has no footnote are kept out (nothing to link to).
    """
    body = [s for s in sentences if s.part != "footnote"]
    ends = [s.end for s in body]
    numbers = {f.number for f in document.footnotes}
    mentions: list[CitationMention] = []
    for marker in sorted(document.markers + tuple(author_date_markers(document)), key=lambda m: m.position):
        if marker.number not in numbers:
            continue
        k = bisect.bisect_left(ends, marker.position)
        if k == len(body):
            k -= 1
        if k < 0:
            continue
        sentence = body[k]
        mentions.append(CitationMention(marker.number, sentence.sentence_id, marker.page, marker.position))
    return mentions
