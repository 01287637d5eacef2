"""Parse one reference-list entry from the fields the learned tagger gives it (any of many
styles: author-date, numbered, ACM, APA, ...)."""
from __future__ import annotations

import re

from extractors import rules
from extractors.citations import tagger as reference_tagger
from extractors.citations.notes import clean_field, normalised_url
from extractors.citations.patterns import CONFERENCE, ET_AL, INITIALS
from extractors.dates import iso_to_precision, most_precise, periods_in
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
    publisher = cleaned(first("publisher"))
    place = cleaned(first("location"))
    if not container and fields.get("editor") and re.match(r"\s*[Ii]n\b", fields["editor"][0]):
        # '"Chapter", in Lee, S. (Ed.), Book, Press, Place': the book holds the chapter
        book = EDITED_BOOK.search(re.sub(r",?\s*(?:pp?\.|pages)\s*[\d–—−-]+\.?\s*$", "", text))
        if book is not None:  # the rule reads this stretch more reliably than the tagger
            container = cleaned(book.group("book"))
            publisher = cleaned(book.group("publisher"))
            place = cleaned(book.group("place")) if book.group("place") else place
        elif len(fields.get("title", [])) > 1:
            container = cleaned(fields["title"][1])
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
    pub_date = iso_to_precision(most_precise(periods)[1]) if periods else (year.group() if year else None)
    url = first("url")
    doi = first("doi")
    if not publisher and title and (last := PUBLISHER_AT_END.search(title)):
        title, publisher = cleaned(title[:last.start()]), cleaned(last.group("publisher"))
    if publisher and not place and (split := PUBLISHER_THEN_PLACE.fullmatch(publisher)):
        publisher, place = cleaned(split.group("publisher")), cleaned(split.group("place"))
    genre = " ".join(fields.get("genre", []) + fields.get("note", []))
    if re.search(r"thesis|dissertation", genre + " " + (publisher or ""), re.I):
        kind = "thesis"
    elif re.search(r"\breport\b", genre, re.I):
        kind = "report"
    elif container and volume and issue and not publisher:
        kind = "article"  # "Proceedings of the IEEE, 77(2):257-286": a journal, whatever its name
    elif re.match(r"\s*In\b", first("journal", "container-title") or "") \
            and not (volume or issue or fields.get("editor") or publisher):
        kind = "conference"  # "In ISMIS, pages 755-764": an event's proceedings, not a journal
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
    elif authors and title:
        kind = "book"  # "Lee, A. 1999. A Title.": a work standing alone
    else:
        kind = "other"
    if title and not container and (chapter := CHAPTER_OF_BOOK.match(title)):
        container, title, kind = chapter.group("book"), chapter.group("chapter"), "chapter"  # "Handbook, chapter X"
    if kind == "conference" and container and (event_year := re.search(
            re.escape(container) + r"[’']?\s*((?:19|20)\d{2})\b", text)):
        container = f"{container} {event_year.group(1)}"  # "In Procs. of ACL 2005": the event's name holds its year
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


#: "Handbook of Scheduling, chapter Scheduling Parallel Tasks": a book, then the chapter cited in it.
CHAPTER_OF_BOOK = re.compile(r"(?P<book>[^,]{3,150}),\s+(?:chapter|ch\.)\s+(?P<chapter>[A-Z].{2,200})$")
#: A publisher the tagger left at the end of a title (author-date styles that print "Title,
#: Publisher, Place"): the last comma chunk, holding a publisher's word.
PUBLISHER_AT_END = re.compile(rf",\s*(?P<publisher>[A-Z][^,]*\b{rules.alternation('publisher_words')}(?![\w-])[^,]*?)"
                              r"\s*,?\s*$")
#: What follows the editors in "in Lee, S. (Ed.), Book Title, Tide Press, Bergen": the book, its
#: publisher (known by a publisher's word) and place.
EDITED_BOOK = re.compile(rf"\((?:[Ee]ds?|[Hh]rsg|[Hh]g)\.?\),?\s*(?P<book>.+?),\s*"
                         rf"(?P<publisher>[A-Z][^,]*\b{rules.alternation('publisher_words')}(?![\w-])[^,]*)"
                         r"(?:,\s*(?P<place>[A-Z][^,]*(?:,\s*[A-Z]{2})?))?\s*,?\s*$")
#: "Wiley, Chichester", "Jossey-Bass, San Francisco, CA": a publisher, then its town (and state).
PUBLISHER_THEN_PLACE = re.compile(r"(?P<publisher>[^,]+),\s*(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
                                  r"(?:,\s*[A-Z]{2}\.?)?)\s*\.?")


#: An author as the compact physics style prints one: surname, then initials without stops
#: ("Sachs R K", "Grøn Ø").
COMPACT_AUTHOR = r"(?:(?:van|von|de|der|den|du|da|di|del|la|le)\s+)*[^\W\d_][\w'’-]*(?:\s+[^\W\d_a-z]{1,2}){1,3}"
#: "Ehlers J, Geren P and Sachs R K, 1968 J. Math. Phys. 9 1344": authors, year, journal
#: abbreviation, volume and first page with no other punctuation (IOP and similar journals).
COMPACT_ARTICLE = re.compile(
    rf"(?P<authors>{COMPACT_AUTHOR}(?:\s+et\s+al)?(?:(?:,\s+|\s+and\s+){COMPACT_AUTHOR}(?:\s+et\s+al)?)*),?\s+"
    r"(?P<year>(?:1[6-9]|20)\d{2})[a-z]?\s+"
    r"(?P<journal>(?:[A-Z][\w.&]*\.?\s+)*?[A-Z][\w.&]*\.?(?:\s+[A-Z])?)\s+"
    r"(?:(?P<volume>[A-Z]?\d{1,5})\s+(?P<pages>[A-Z]?\d{1,7})|[A-Z]{2,6}(?P<issue_volume>\d{1,3})\((?:1[6-9]|20)\d{2}\)"
    r"(?P<article>\d{1,7}))(?![\w.-])")  # "... Phys. 9 1344", "... Phys. JCAP11(2006)003"
#: Link labels a PDF prints after an entry: "[SPIRES]", "[arXiv:0803.0732]", "[CrossRef]".
LINK_LABEL = re.compile(r"\s*\[(?:SPIRES|CrossRef|PubMed|Google Scholar|ADS|INSPIRE|arXiv:[^\]]+)\]", re.I)
#: Where a second work starts inside one entry: its authors and year, after the first work's end.
NEXT_WORK = re.compile(rf"(?<=[\d\])])\s+(?={COMPACT_AUTHOR}(?:\s+et\s+al)?(?:,\s+|\s+and\s+)"
                       rf"(?:{COMPACT_AUTHOR}[^,]*?,\s+)*?(?:1[6-9]|20)\d{{2}}[a-z]?\s)")


def entry_works(text: str) -> list[tuple[int, int]]:
    """The works one reference-list entry holds ("[6] A ..., 1998 ... 67 [SPIRES] B ..., 2000 ...
    63"), as (start, end) in ``text``; one span when it holds one."""
    cuts = [0] + [m.end() for m in NEXT_WORK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def parse_compact_article(text: str, footnote_number: int, position: int, start: int) -> Reference | None:
    """An article in the compact physics style, or None when the entry is not one."""
    found = COMPACT_ARTICLE.match(LINK_LABEL.sub("", text).strip())
    if found is None:
        return None
    authors = tuple(re.sub(r"\s+et\s+al$", "", name.strip())
                    for name in re.split(r",\s+|\s+and\s+", found.group("authors")) if name.strip())
    return Reference(footnote_number=footnote_number, position=position, start=start, end=start + len(text),
                     raw_text=text.strip(), kind="article", authors=authors, container=found.group("journal").strip(),
                     volume=found.group("volume") or found.group("issue_volume"),
                     pages=found.group("pages") or found.group("article"), pub_date=found.group("year"),
                     language="English", rule="compact physics style")
