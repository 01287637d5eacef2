"""Parse one reference found in a note by its typography: quoted titles are articles and
chapters, italics are books and periodicals, "(Place: Publisher, Year)" is an imprint, a
parenthetical in another script is the original title."""
from __future__ import annotations

import re

from extractors import rules
from extractors.citations.patterns import (
    ACCESSED, ARCHIVE_WORDS, BARE_PINPOINT, COLLECTED_WORKS, DOCUMENT_WORDS, EDITOR, ET_AL, FILM_WORDS, HEREAFTER,
    IBID, IMPRINT, ISSUE, LETTER, NEWSPAPER_TITLE, PAGES, PERIODICAL_TITLE, PLACE_YEAR, PLAIN_IMPRINT, QUOTES, SIGNAL,
    THESIS, TIMECODE, TRANSLATED, URL, VOLUME, VOLUME_BEFORE_DATE, VOLUME_ISSUE, VOLUME_PINPOINT, VOLUME_THEN_PAGES,
)
from extractors.dates import iso_to_precision, most_precise, periods_in
from extractors.records import Reference, Span
from extractors.rules.patterns import LANGUAGE_TAG, MONTH_FIRST_LANGUAGES, is_original_script


def _split_original(title: str) -> tuple[str, str | None]:
    """'Harbour (항구)' -> ('Harbour', '항구'); a trailing parenthetical in another script."""
    title = title.strip().rstrip(",.").strip()
    if not title.endswith(")"):
        return title, None
    depth = 0
    for i in range(len(title) - 1, -1, -1):
        if title[i] == ")":
            depth += 1
        elif title[i] == "(":
            depth -= 1
            if depth == 0:
                inner = title[i + 1:-1].strip()
                if is_original_script(inner):
                    return title[:i].strip().rstrip(","), inner
                return title, None
    return title, None


def clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+", " ", value).strip(" ,.;:")
    return value or None


def split_authors(author_text: str) -> tuple[tuple[str, ...], bool]:
    """Names before the title, and whether they are editors.

    "KIM Ho-jin and LEE Mi-ra" gives two names; "Tanaka, Hiro" is one name
    written surname first; "A. Smith, B. Jones" gives two.
    """
    text = re.sub(r"\([^()]*\)", lambda m: "" if is_original_script(m.group()) or "ed" in m.group() else m.group(),
                  author_text)
    text = text.replace("*", " ").replace("_", " ").strip().rstrip(",;: ")  # markup that lost its pair
    editors = bool(EDITOR.search(text)) or bool(re.search(r"\(\s*eds?\.?\s*\)", author_text))
    text = EDITOR.sub("", ET_AL.sub("", text)).strip(" ,.")
    text = re.sub(r"\s+", " ", text)
    if not text:
        return (), editors
    names: list[str] = []
    for part in re.split(r"\s+(?:and|&)\s+|;\s*", text):
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) == 2 and (len(pieces[0].split()) == 1 or len(pieces[1].split()) == 1):
            names.append(f"{pieces[0]}, {pieces[1]}")  # "Tanaka, Hiro", "I.P., Petrov"
        else:
            names.extend(pieces)
    names = [_without_lead_in(n) for n in names]
    return tuple(POSSESSIVE.sub("", n) for n in names if n), editors


#: Lower-case words that open a name ("van der Berg", "de la Cruz") rather than lead into it.
NAME_PARTICLES = rules.words("name_particles")


def _without_lead_in(name: str) -> str:
    """"mentioned by Champlain" -> "Champlain": commentary words before a name are not part of it."""
    words = name.split()
    k = 0
    while k < len(words) - 1 and words[k][:1].islower() and words[k] not in NAME_PARTICLES:
        k += 1
    return " ".join(words[k:]) if k and words[k][:1].isupper() else name


#: "Brown's" cites Brown's work: the name is Brown.
POSSESSIVE = re.compile(r"['’]s$")


def after_signal(author_text: str) -> str:
    """The words after the last citation signal: "For more on this, see Ana Ruiz, " -> "Ana Ruiz, "."""
    last = None
    for last in SIGNAL.finditer(author_text):
        pass
    return author_text[last.end():] if last else author_text


def _first_quote(text: str) -> tuple[int, int] | None:
    """Span of the first quoted title (content only), e.g. '"Title," Journal' -> Title,"""
    for match in re.finditer(r"[\"“«„]", text):
        opener = match.group()
        if opener == '"' and match.start() > 0 and text[match.start() - 1].isalnum():
            continue
        closer = QUOTES[opener]
        close = text.find(closer, match.end())
        while close != -1 and closer == '"' and close + 1 < len(text) and text[close + 1].isalnum():
            close = text.find(closer, close + 1)
        if close != -1:
            return match.end(), close
    return None


def _imprint(text: str, masked: list[bool]) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(place, publisher, span of the year part) from "(Place: Publisher, Year)"."""
    for match in IMPRINT.finditer(text):
        if masked[match.start()]:
            continue
        inner = match.group("inner")
        if ":" not in inner or not re.search(r"\d{4}\)?\s*$", inner):
            continue
        place, rest = inner.split(":", 1)
        place = place.rpartition(";")[2]  # "(1876; Jackson: Press, 1953)": a reprint; the first year is the original's
        if len(place.split()) > 5 or not place.strip():
            continue
        publisher, _, _ = rest.rpartition(",")
        if not publisher.strip():
            continue
        return clean_field(place), clean_field(publisher), (match.start(), match.end())
    return None, None, None


def _mask(length: int, spans: list[tuple[int, int]]) -> list[bool]:
    masked = [False] * length
    for a, b in spans:
        for i in range(max(0, a), min(length, b)):
            masked[i] = True
    return masked


def _masked_text(text: str, masked: list[bool]) -> str:
    return "".join(" " if m else ch for ch, m in zip(text, masked))


def parse_reference(text: str, italics: list[Span], footnote_number: int, position: int,
                    start: int, language_hint: str | None = None) -> Reference:
    """Parse one reference. ``italics`` are relative to ``text``; ``start`` is its offset in the document."""
    raw = text
    end = start + len(text)
    base = dict(footnote_number=footnote_number, position=position, start=start, end=end,
                raw_text=raw.strip())
    language_match = list(LANGUAGE_TAG.finditer(text))
    language = language_match[-1].group("language") if language_match else (language_hint or "English")
    ibid = IBID.match(text)
    if ibid:
        pages = PAGES.search(text)
        return Reference(**base, kind=None, ibid=True, pages=_pages(pages), language=language, rule="ibid")

    day_first = language not in MONTH_FIRST_LANGUAGES
    spans_to_mask: list[tuple[int, int]] = [(m.start(), m.end()) for m in language_match]
    url_match = URL.search(text)
    url = normalised_url(url_match.group("url")) if url_match else None
    if url_match:
        spans_to_mask.append((url_match.start(), url_match.end()))
    accessed = None
    accessed_match = ACCESSED.search(text)
    if accessed_match:
        found = periods_in(accessed_match.group("date"), day_first)
        accessed = found[0][1].start.isoformat() if found else None
        spans_to_mask.append((accessed_match.start(), accessed_match.end()))

    spans_to_mask.extend(m.span() for m in HEREAFTER.finditer(text))  # "(hereafter, Short Title)": see resolve
    quote = _first_quote(text)
    italics = list(italics) or _stray_asterisk_title(text)
    italic_spans = sorted((_clip_italic(text, s) for s in italics if 0 <= s.start < len(text)),
                          key=lambda s: s.start)
    if quote and is_quotation(_split_original(text[quote[0]:quote[1]])[0]):
        quote = None  # a passage quoted in a commentary note, not a title
    title = title_original = container = None
    author_text = ""
    after_title = 0
    shape = "plain"
    if quote and (not italic_spans or quote[0] < italic_spans[0].start or quote[0] > italic_spans[0].end):
        shape = "quoted"
        title, title_original = _split_original(text[quote[0]:quote[1]])
        author_text = text[:quote[0] - 1]
        after_title = quote[1] + 1
        spans_to_mask.append((quote[0] - 1, quote[1] + 1))
        later = [s for s in italic_spans if s.start >= after_title]
        if later:
            container, _ = _split_original(text[later[0].start:later[0].end])
            after = _following_original(text, later[0].end)
            spans_to_mask.append((later[0].start, later[0].end + (after[1] if after else 0)))
        else:
            container = _plain_container(text, after_title)
    elif italic_spans:
        first = italic_spans[0]
        shape = "italic"
        main, original = _split_original(text[first.start:first.end])
        following = _following_original(text, first.end)
        if following and not original:
            original = following[0]
        author_text = text[:first.start]
        after_title = first.end + (following[1] if following else 0)
        spans_to_mask.append((first.start, after_title))
        title, title_original = main, original
    thesis = THESIS.search(text)
    volume_pinpoint = VOLUME_PINPOINT.search(text)
    if volume_pinpoint and FILM_WORDS.search(text) and TIMECODE.search(text, volume_pinpoint.start()):
        volume_pinpoint = None  # "12:30" in a film reference is a time
    if volume_pinpoint:
        spans_to_mask.append((volume_pinpoint.start(), volume_pinpoint.end()))
    masked = _mask(len(text), spans_to_mask)
    place, publisher, imprint_span = _imprint(text, masked)
    if thesis and not publisher:
        publisher = clean_field(thesis.group("school"))
    if place is None and shape != "plain" and (plain_imprint := PLAIN_IMPRINT.match(text, after_title)):
        place, publisher = clean_field(plain_imprint.group("place")), clean_field(plain_imprint.group("publisher"))
    imprint_year = None
    if place is None and shape != "plain" and (place_year := PLACE_YEAR.match(text, after_title)):
        place = clean_field(place_year.group("place"))
        imprint_year = place_year.group("year")  # "*Conquest of Canada* (London, 1871)": the book's year
    rest_text = _masked_text(text, masked)
    pages_match = (PAGES.search(rest_text) or _bare_pinpoint(rest_text) or VOLUME_THEN_PAGES.search(rest_text)
                   or volume_pinpoint)
    volume = _volume(rest_text, after_title, volume_pinpoint)
    issue_match = ISSUE.search(rest_text)
    compact = VOLUME_ISSUE.search(rest_text[after_title:]) if not (volume or issue_match) else None
    volume = volume or (compact.group("volume") if compact else None)
    issue = issue_match.group("issue") if issue_match else (compact.group("issue") if compact else None)
    date_text = rest_text
    if pages_match:
        date_text = date_text[:pages_match.start()] + " " * (pages_match.end() - pages_match.start()) + date_text[pages_match.end():]
    periods = periods_in(date_text, day_first)
    pub_date = None
    if periods:
        best = most_precise(periods)
        if imprint_span and best[1].precision == "year":  # a book's date: its imprint's year, not a reprint's original
            best = max((cp for cp in periods if imprint_span[0] <= cp[0].start < imprint_span[1]
                        and cp[1].precision == "year"), key=lambda cp: cp[0].start, default=best)
        pub_date = imprint_year if imprint_year and best[1].precision == "year" else iso_to_precision(best[1])
    author_text = after_signal(author_text)
    cited_by = name_before_title(author_text)
    authors, editors = split_authors(cited_by if cited_by or is_prose(author_text) else author_text)
    translators = tuple(n.strip() for n in re.split(r"\s+and\s+|,\s*", m.group("names")) if n.strip()) \
        if (m := TRANSLATED.search(text)) else ()

    letter = LETTER.match(after_signal(text)) if shape == "plain" else None
    if letter:
        title = letter.string[letter.start("sender"):letter.end("recipient")]
        authors = (letter.group("sender"),)
        container = next((chunk for chunk in re.split(r",\s*", letter.group("rest"))
                          if ARCHIVE_WORDS.search(chunk) or re.search(r"\bPapers\b", chunk)), None)
    elif shape == "plain":
        title, container, authors = _plain_fields(text, masked, authors)
    kind, rule = _kind(shape, text, title, container, authors, publisher, volume, issue, pub_date, url,
                       bool(pages_match))
    if letter:
        kind, rule = "archival", "letter: sender to recipient, dated"
    if thesis:
        kind, rule = "thesis", "thesis: genre, school and year in parentheses"
    if shape == "italic" and kind == "book" and not publisher:
        held = [chunk for chunk in re.split(r",\s*", rest_text[after_title:]) if ARCHIVE_WORDS.search(chunk)]
        if held or re.search(r"\bmanuscripts?\b", text, re.I):
            kind, rule = "archival", "italic title held by an archive"  # "*Chronicle*, six manuscript volumes, Archives"
            publisher = clean_field(held[0]) if held else None
    if shape == "italic" and pub_date and len(pub_date) == 10 and not publisher \
            and re.fullmatch(r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)?", author_text.strip()):
        # "Austin *Tri-Weekly Gazette*, October 9, 1863": a town's paper on a day
        kind, rule, place, authors = "newspaper", "town before an italic paper with a day", author_text.strip(), ()
    if shape == "italic" and not publisher and not place and title and not container \
            and re.search(r"(?:^|\s)the\s*$", author_text) and not NEWSPAPER_TITLE.search(title):
        # "given in the *Cecilia*, 23-54", "in the *Harbour Papers*": a title read with "the" is a periodical's
        # or a collection's name, the container of what is cited
        kind, rule, container, title = "article", "italic name after 'the'", title, None
    if shape == "italic" and not publisher and not place and title and not container \
            and (NEWSPAPER_TITLE.search(title) or PERIODICAL_TITLE.search(title)):
        # "*Elegante Zeitung* of 1858", "in his *Blätter für Musik*": the italic names a periodical
        kind, rule = ("newspaper", "italic newspaper name") if NEWSPAPER_TITLE.search(title) \
            else ("article", "italic periodical name")
    if kind == "newspaper" and shape == "italic" and not container:
        container, title, title_original = title, None, None
    if shape == "italic" and kind in ("book", "other") and not publisher:
        publisher = _plain_container(text, after_title)  # "*Title*, United Nations, (2016)"
    if kind == "article" and shape == "italic" and not container and not publisher:
        container, title = title, None  # "Wire Service, *Weekly Digest*, No. 10": the italic is the periodical
    authors = tuple(a for a in authors if any(w[:1].isupper() and w not in NOT_NAME_WORDS for w in a.split()))
    if not authors and shape == "quoted" and (signed := SIGNED_AFTER.search(text)):
        authors = (signed.group("name"),)  # '"Sketch," (*Hist. Mag.*, vol. v), J. G. Shea'
        container = container or later_italic_container(text, italics, after_title)
    return Reference(**base, kind=kind, authors=authors, editors=editors, translators=translators,
                     title=clean_field(title), title_original=clean_field(title_original), container=clean_field(container),
                     volume=volume, issue=issue, publisher=publisher, place=place, pub_date=pub_date,
                     pages=_pages(pages_match), url=url, accessed=accessed, language=language, rule=rule)


#: An author's name after the closing parenthesis of the reference: "..., p. 262), J. G. Shea".
SIGNED_AFTER = re.compile(r"\),\s*(?P<name>(?:[A-Z]\.\s*){1,3}[A-Z][\w'’-]+)\s*[.;]?\s*$")


def later_italic_container(text: str, italics: list[Span], after: int) -> str | None:
    """The first italic span after a quoted title: the periodical that holds it."""
    later = sorted((s for s in italics if s.start >= after), key=lambda s: s.start)
    return clean_field(text[later[0].start:later[0].end]) if later else None


#: A quoted title is short (an academic one with its subtitle included); a quoted passage runs on.
QUOTED_TITLE_WORDS = 60
#: Lower-case words that make the text before a title commentary, not an author list.
PROSE_WORDS = 3
#: The name a commentary note cites a work by, right before the title: "given in Martin's",
#: "Cartier (", "Packard, in", "Margry says (", "Schindler, in his".
NAME_BEFORE_TITLE = re.compile(
    r"(?P<name>(?:(?:[A-Z][\w'’-]*\.?|de|van|von|la|le)\s+){0,3}[A-Z][\w'’-]+?)"
    r"(?:['’]s\s*(?:pamphlet|book|work|edition|essay|article|paper|letter)?,?|,?\s*\(|,?\s+(?:in|says|gives|states|relates|"
    r"mentions|writes|notes|tells|remarks|quotes)(?:\s+(?:it|this|so|that))?(?:\s+in)?(?:\s+(?:his|her|their|the))?"
    r"(?:\s+[A-Z][\w'’-]+)?"  # "relates in the Vienna *Zeitung*": the place the periodical is named after
    r"\s*\(?|,)\s*[\"“]?\s*$")


def is_quotation(quoted: str) -> bool:
    """A quoted passage rather than a quoted title: longer than any title (its original-script
    form left out)."""
    return len(quoted.split()) > QUOTED_TITLE_WORDS


#: Lower-case words an author list holds: "Lind and Berg", "ed. by", "van der Berg", "et al.",
#: and a corporate author's "Institute of History for the Study of the Sea".
AUTHOR_LIST_WORDS = frozenset({"and", "et", "al", "ed", "eds", "by", "with", "trans", "van", "von", "der", "de", "la",
                               "le", "du", "da", "di", "of", "the", "for", "on", "in"})  # "Institute of History"


def is_prose(text: str) -> bool:
    """Commentary rather than an author list: several lower-case words that no author list holds
    (the lower-case half of "Ho-jin" is part of a name)."""
    words = re.findall(r"(?<![\w'’-])[a-z][a-z'’]+(?![\w'’-])", text)
    return sum(1 for w in words if w not in AUTHOR_LIST_WORDS) >= PROSE_WORDS


#: Capitalised words that open a sentence or stand before a name, not part of it.
NOT_NAME_WORDS = frozenset({"In", "See", "Cf.", "The", "This", "That", "As", "And", "But", "Dr.", "Mr.", "Mrs.", "Prof.",
                            "Rev.", "Father", "Sir"})
#: "Mendelssohn thought so ... and mentions it in his": the work is the sentence subject's.
BY_PRONOUN = re.compile(r"\b(?:his|her|their)\s*$")
SENTENCE_SUBJECT = re.compile(r"(?:^|[.!?:]\s*[-–—]*\s*)(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\b(?=[^.!?]*$)")


def name_before_title(text: str) -> str:
    """The name commentary cites a work by, from the words before the title: "...given in
    Martin's" -> "Martin", "Margry says (" -> "Margry", "Mendelssohn ... mentions it in his" ->
    "Mendelssohn". Nothing for a plain author list ("J. Lind, ") or when no name is there."""
    found = NAME_BEFORE_TITLE.search(text)
    cue = found is not None and found.group().rstrip(' "“').rstrip() not in (found.group("name"), found.group("name") + ",")
    if found is not None and cue:
        words = [w for w in found.group("name").split() if w not in NOT_NAME_WORDS]
        return " ".join(words)
    if BY_PRONOUN.search(text):
        subject = SENTENCE_SUBJECT.search(text)
        if subject:
            return " ".join(w for w in subject.group("name").split() if w not in NOT_NAME_WORDS)
    return ""


def _stray_asterisk_title(text: str) -> list[Span]:
    """Markup that lost its closing asterisk ("Lee, *Salt and power, (Oslo: Fjord, 1990)"): the
    words after the lone asterisk are the italic title (clipped at the imprint by the caller)."""
    star = re.search(r"(?<![*\w])\*(?=[A-Z])", text)
    if star is None or "*" in text[star.end():]:
        return []
    return [Span(star.end(), len(text))]


def _clip_italic(text: str, span: Span) -> Span:
    """Keep an italic span inside its reference and before any imprint: a title never holds one."""
    end = min(span.end, len(text))
    imprint = IMPRINT.search(text, span.start, end)
    while imprint and not (":" in imprint.group("inner") and re.search(r"\d{4}\)?\s*$", imprint.group("inner"))):
        imprint = IMPRINT.search(text, imprint.end(), end)
    if imprint:
        end = imprint.start()
    while end > span.start and text[end - 1] in " ,":
        end -= 1
    return Span(span.start, end)


def _following_original(text: str, end: int) -> tuple[str, int] | None:
    """An original-language title right after a title: '*Harbour* (항구)' -> ('항구', length)."""
    match = re.match(r"\s*\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)", text[end:])
    if match and is_original_script(match.group("inner")):
        return match.group("inner").strip(), match.end()
    return None


def _plain_container(text: str, after: int) -> str | None:
    """The plain words after a quoted title up to the next comma: a website or journal name."""
    match = re.match(r"\s*,?\s*(?P<name>[^,(<]{2,80}?)\s*(?:,|\(|<|$)", text[after:])
    if not match:
        return None
    printed = match.group("name").strip()
    if not printed or not printed[0].isupper() or re.match(r"(?:Vol|No|pp?\.|Issue|[A-Z][a-z]+\s+\d)", printed) \
            or periods_in(printed):
        return None
    name = re.sub(r"\s+\d{1,4}$", "", printed)  # "Western Quarterly 7": the journal, then its volume
    return None if re.search(r"\d", name) else name


def _plain_fields(text: str, masked: list[bool], authors: tuple[str, ...]):
    """No quotes, no italics: 'Morning Post, June 2, 1950' or 'Author, Title, p. 5'."""
    chunks = [c.strip() for c in re.split(r",\s*", _masked_text(text, masked)) if c.strip()]
    if not chunks:
        return None, None, ()
    dated = periods_in(chunks[1] + (", " + chunks[2] if len(chunks) > 2 else "")) if len(chunks) > 1 else []
    if dated and dated[0][0].start <= 1 and not periods_in(chunks[0]):
        return None, chunks[0], ()  # a periodical followed by its date
    if len(chunks) >= 2 and not PAGES.match(chunks[1]) and not _reads_as_title(chunks[0]):
        names, _ = split_authors(chunks[0])
        return chunks[1], None, names
    return chunks[0], None, ()


def _reads_as_title(chunk: str) -> bool:
    """A first chunk that is a title, not names: long, with lower-case words no name list holds
    ("Chronicle of the Missions Given by the Brothers of the Quay")."""
    words = chunk.split()
    return len(words) >= 6 and sum(1 for w in words if w[:1].islower() and w not in AUTHOR_LIST_WORDS) >= 1 \
        or sum(1 for w in words if w[:1].islower()) >= 3


def _kind(shape, text, title, container, authors, publisher, volume, issue, pub_date, url, has_pages):
    full_day = bool(pub_date and len(pub_date) == 10)
    if FILM_WORDS.search(text) and (TIMECODE.search(text) or "youtube" in (url or "")):
        return "film", "film: medium word and timecode"
    if shape == "quoted":
        if container and COLLECTED_WORKS.search(container):
            return "chapter", "quoted title in collected works"
        if DOCUMENT_WORDS.search(text):
            return "archival", "quoted document title"
        if container and (volume or issue) and not full_day and not url:
            return "article", "quoted title in a numbered periodical"
        if container and ARCHIVE_WORDS.search(container):
            if full_day or url:
                return "web", "quoted title on an institution's site"
            return "archival", "quoted title in an archive"
        if publisher and container:
            return "chapter", "quoted title, container and imprint"
        if container and (volume or issue) and not full_day:
            return "article", "quoted title in a numbered periodical"
        if container and full_day:
            return "newspaper", "quoted title in a dated periodical"
        if url:
            return "web", "quoted title online"
        if publisher:
            return "web" if url else "other", "quoted title with imprint"
        return "article", "quoted title"
    if shape == "italic":
        if not authors and full_day and not publisher:
            return "newspaper", "italic periodical with a day"
        if authors and (issue or (volume and volume.isdigit())) and not publisher:
            return "article", "italic periodical with issue"
        if DOCUMENT_WORDS.search(title or "") or (title or "").startswith("Report"):
            return "other", "italic report"
        return "book", "italic title"
    if container and full_day:
        return "newspaper", "plain periodical with a day"
    if url:
        return "web", "plain with url"
    if publisher and title:
        return "book", "plain title with an imprint"
    if ARCHIVE_WORDS.search(text) or re.search(r"\bmanuscripts?\b", text, re.I):
        return "archival", "plain, held by an archive"
    return "other", "plain"


def _volume(rest_text: str, after_title: int, volume_pinpoint: re.Match | None) -> str | None:
    """The volume: "vol. 4", the number between a journal and its date ("Review 19, no. 73
    (1894)"), or the one before a pinpoint ("2:207-211"). A year is never a volume."""
    marked = VOLUME.search(rest_text)
    if marked:
        return marked.group("volume")
    for match in VOLUME_BEFORE_DATE.finditer(rest_text, after_title):
        before = rest_text[max(0, match.start() - 8):match.start()]
        if not re.fullmatch(r"(?:1[5-9]|20)\d{2}", match.group("volume")) \
                and not re.search(r"(?:\b[Nn]os?|[Ii]ssue|pp?)\.?\s*$|[,:]\s*$", before):
            return match.group("volume")
    return volume_pinpoint.group("volume") if volume_pinpoint else None


def _bare_pinpoint(text: str) -> re.Match | None:
    """The closing page numbers of a reference, unless they are a year ("..., 1990.")."""
    match = BARE_PINPOINT.search(text.rstrip())
    if match and not re.fullmatch(r"(?:1[5-9]|20)\d{2}", match.group("pages").strip()):
        return match
    return None


def _pages(match: re.Match | None) -> str | None:
    if not match:
        return None
    pages = re.sub(r"(?:pp?|с|S|fols?)\.\s*", "", match.group("pages"))
    pages = re.sub(r"(?<=\d)n\.?\s?\d+", "", pages)  # "543n65": page 543, its note 65
    return re.sub(r"\s*[-–—−]\s*", "-", re.sub(r"\s*,\s*", ", ", pages)).strip()


def normalised_url(url: str) -> str:
    url = url.replace(">", "")  # ">" cannot be in a URL: a bracket put at a line or page edge
    return url.rstrip(".,;)")
