"""Parse one reference-list entry from the fields the learned tagger gives it (any of many
styles: author-date, numbered, ACM, APA, ...)."""
from __future__ import annotations

import re

from extractors.citations import tagger as reference_tagger
from extractors.citations.notes import clean_field, normalised_url
from extractors.citations.patterns import CONFERENCE, ET_AL, INITIALS
from extractors.dates import iso_to_precision, periods_in
from extractors.records import Reference


def tagged_authors(text: str) -> tuple[str, ...]:
    """Names from an author field in any common order: "Smith, A., Jones, B. and Lee, C.",
    "A. Smith, B. Jones, and C. Lee", "Ehlers J, Geren P and Sachs R K", "Perlmutter S et al"."""
    text = ET_AL.sub("", text).strip(" .,;:()")
    text = re.sub(r"\s*\((?:eds?|Hg|Hrsg)\.?\)", "", text)
    names: list[str] = []
    for part in re.split(r",?\s+(?:and|&)\s+|;\s*", text):
        pieces = [p.strip(" .") for p in part.split(",") if p.strip(" .")]
        k = 0
        while k < len(pieces):
            piece = pieces[k]
            if k + 1 < len(pieces) and INITIALS.match(pieces[k + 1]) and not INITIALS.match(piece) \
                    and len(piece.split()) == 1:
                names.append(f"{piece}, {pieces[k + 1]}")  # "Smith, A."
                k += 2
                continue
            names.append(piece)
            k += 1
    return tuple(n for n in names if re.search(r"[^\W\d_]{2}", n))


def parse_tagged_reference(text: str, footnote_number: int, start: int) -> Reference:
    """One reference-list entry parsed from the tagger's fields (see :mod:`extractors.citations.tagger`)."""
    fields: dict[str, list[str]] = {}
    for label, value in reference_tagger.segments(reference_tagger.tag(text), text):
        fields.setdefault(label, []).append(value)

    def first(*labels: str) -> str | None:
        for label in labels:
            if fields.get(label):
                return fields[label][0]
        return None

    def cleaned(value: str | None) -> str | None:
        if value is None:
            return None
        value = re.sub(r"^(?:In|in)\s*:?\s+", "", value.strip())
        for _ in range(2):  # '“Title”,' -> 'Title'
            value = (clean_field(value) or "").strip("\"“”‘’«»'()[]")
        return value or None

    authors = tagged_authors(first("author") or "")
    title = cleaned(first("title"))
    container = cleaned(first("journal", "container-title"))
    volume_text = " ".join(fields.get("volume", []))
    pages_text = " ".join(fields.get("pages", []))
    compact = re.search(r"(?P<volume>\d+)\s*(?:\((?P<issue>[\w–—−-]+)\))?\s*:\s*(?P<pages>\d+(?:\s*[-–—−]\s*\d+)?)",
                        volume_text + " " + pages_text)  # "13(4-5):361-372"
    volume = re.search(r"\d+", volume_text)
    issue = re.search(r"(?:\(|\b(?:No|no|Issue)\.?\s*)(?P<issue>\d+(?:[-–]\d+)?)", volume_text + " " + pages_text)
    pages = re.search(r"\d+[a-z]?(?:\s*[-–—−]+\s*\d+)?", pages_text.split(":")[-1]) if pages_text else None
    date_text = " ".join(fields.get("date", []))
    periods = periods_in(date_text)
    year = re.search(r"(?:1[5-9]|20)\d{2}", date_text)
    pub_date = iso_to_precision(min(periods, key=lambda cp: cp[0].start)[1]) if periods else (
        year.group() if year else None)
    url = first("url")
    doi = first("doi")
    publisher = cleaned(first("publisher"))
    place = cleaned(first("location"))
    genre = " ".join(fields.get("genre", []) + fields.get("note", []))
    if re.search(r"thesis|dissertation", genre + " " + (publisher or ""), re.I):
        kind = "thesis"
    elif re.search(r"\breport\b", genre, re.I):
        kind = "report"
    elif fields.get("journal"):
        kind = "article"
    elif container and CONFERENCE.search(container):
        kind = "conference"
    elif container and (fields.get("editor") or publisher):
        kind = "chapter"
    elif container and (volume or pages):
        kind = "article"
    elif publisher or place:
        kind = "book"
    elif url:
        kind = "web"
    else:
        kind = "other"
    if kind == "thesis" and not publisher:
        publisher = cleaned(re.sub(r".*(?:thesis|dissertation)[,.]?\s*", "", genre, flags=re.I)) or None
    return Reference(
        footnote_number=footnote_number, position=1, start=start, end=start + len(text), raw_text=text.strip(),
        kind=kind, authors=authors, editors=bool(fields.get("editor")) and not authors, title=title,
        container=container, volume=(compact.group("volume") if compact else volume.group() if volume else None),
        issue=re.sub(r"[–—−]", "-", compact.group("issue") if compact and compact.group("issue") else
                     issue.group("issue")) if (compact and compact.group("issue")) or issue else None,
        publisher=publisher, place=place, pub_date=pub_date,
        pages=(re.sub(r"\s*[-–—−]+\s*", "-", compact.group("pages")) if compact else
               re.sub(r"\s*[-–—−]+\s*", "-", pages.group()) if pages else None),
        url=normalised_url(url) if url else (f"https://doi.org/{doi.strip(' .')}" if doi else None),
        rule="learned tagger")
