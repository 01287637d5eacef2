"""Footnote references: split each footnote into references and commentary, then parse fields.

Find first, resolve later: this module finds references and parses what each
one says by itself (ibid. and short forms are only *marked* here);
:mod:`extractors.resolve` links repeats to the footnote holding the full
reference and assigns work ids.

The parser works from the typography the document model preserves: quoted
titles ("..." or “...”) are articles and chapters, italic spans are books,
journals and newspapers, "(Place: Publisher, Year)" is an imprint, a trailing
"(Korean)" is the language. Original-language titles are the parenthetical in
another script that follows or ends a title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.dates import iso_to_precision, periods_in
from extractors.rules.patterns import (IMPRINT_PARENTHETICAL, LANGUAGE_TAG, MONTH_FIRST_LANGUAGES, is_original_script,
                                 reference_features)
from extractors import reference_tagger
from extractors.records import Document, Reference, Span

# ---------------------------------------------------------------- patterns

# "ibid.", "Ibid., p. 56", "id.", "ibidem"
IBID = re.compile(r"^\s*(?:ibid(?:em)?|id)\b\.?", re.I)
# "p. 381", "pp.27-36", "pp. 514-517", Russian "с. 98, с.481", German "S. 12"
PAGES = re.compile(
    r"(?<![\w])(?:pp?|с|S)\.\s*(?P<pages>\d+[a-z]?(?:\s*[-–—]\s*\d+)?(?:\s*,\s*(?:(?:pp?|с|S)\.\s*)?\d+(?:\s*[-–—]\s*\d+)?)*)")
# "Vol. 31", "vol. 73", "Volume 105", "Vol.13"
VOLUME = re.compile(r"\b(?:[Vv]ol(?:ume)?s?\.?|[Tt]ập|[Tt]ap\.|Bd\.|[Tt]om)\s*(?P<volume>\d+[A-Za-z]?)")
# "No. 1", "No.10", "Issue 1", "#2", "no. 4", "№ 3"
ISSUE = re.compile(r"(?:\b(?:[Nn]o|[Nn]r|[Ii]ssue)\.?\s*|#\s*|№\s*)(?P<issue>\d+)")
# "4(1)": volume 4, issue 1 (a journal's compact form)
VOLUME_ISSUE = re.compile(r"(?<![\w(])(?P<volume>\d{1,4})\s*\((?P<issue>\d{1,4})\)")
# "<http://example.org/a>", "https://example.org", "www.example.org/x"
URL = re.compile(r"<?(?P<url>(?:https?://|www\.)[^\s<]+)")
# "(Accessed on December 10, 2012)", "accessed 3 March 2024", "Retrieved May 1, 2020"
ACCESSED = re.compile(r"\(?\s*(?:[Aa]ccessed|[Rr]etrieved|[Vv]iewed|[Cc]onsulted)(?:\s+on)?:?\s*(?P<date>[^()]*?\d{4})\s*\)?")
# editor marks after or around names: "ed.", "eds.", "(ed.)", "(eds)"
EDITOR = re.compile(r"\s*\(?\b[Ee]ds?\.?\)?\s*$")
# "translated by A and B", "trans. A"
TRANSLATED = re.compile(r"\b(?:translated\s+by|trans\.|tr\.)\s+(?P<names>[^(),;]+)")
# words that make a medium a film
FILM_WORDS = re.compile(r"\b(?:[Ff]ilm|[Mm]ovie|[Dd]ocumentary|[Vv]ideo|[Ss]tudio)\b")
TIMECODE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
# containers that are collections of one author's or many authors' texts (chapters live in them)
COLLECTED_WORKS = re.compile(r"\b(?:Works|Writings|Papers|Collected|Selected|Proceedings|Anthology|Reader|Handbook)\b")
# containers and titles that are archives, online projects or institutions, not periodicals
ARCHIVE_WORDS = re.compile(r"\b(?:Archive|Archives|Project|Collection|Repository|Library|Museum|Center|Centre|Institute|Database)\b")
DOCUMENT_WORDS = re.compile(r"\b(?:Protocol|Memorandum|Telegram|Letter|Cable|Minutes|Record of|Report on|Decree|Dossier)\b", re.I)
# Prose: four lower-case words in a row outside titles ("have been changed by the author")
PROSE_RUN = re.compile(r"(?:\b[a-z][a-z']+\b[\s,]+){3}\b[a-z][a-z']+\b")
# Abbreviations after which ". X" does not end a sentence
ABBREVIATIONS = re.compile(r"(?:\b(?:p|pp|Vol|vol|No|no|ed|eds|trans|tr|Jr|Sr|Dr|Mr|Mrs|St|Inc|Co|Ltd|cf|ca|c|[A-Z])|\.[A-Z])$")

QUOTES = {'"': '"', "“": "”", "«": "»", "„": "“"}


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    text: str


def _protected(text: str, italics: list[Span]) -> list[bool]:
    """Which characters sit inside quotes, brackets or italics (never split there)."""
    inside = [False] * len(text)
    depth = 0
    quote: str | None = None
    for i, ch in enumerate(text):
        if quote:
            inside[i] = True
            if ch == QUOTES[quote] and (quote != '"' or i + 1 == len(text) or not text[i + 1].isalnum()):
                quote = None
            continue
        if ch in QUOTES and (ch != '"' or i == 0 or not text[i - 1].isalnum()):
            quote = ch
            inside[i] = True
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
            inside[i] = True
            continue
        inside[i] = depth > 0
    for span in italics:
        for i in range(max(0, span.start), min(len(text), span.end)):
            inside[i] = True
    return inside


def _split(text: str, start: int, end: int, inside: list[bool], boundary: re.Pattern) -> list[tuple[int, int]]:
    out = []
    cursor = start
    for match in boundary.finditer(text, start, end):
        if inside[match.start()]:
            continue
        if boundary is SENTENCE_END and ABBREVIATIONS.search(text[cursor:match.start()]):
            continue
        out.append((cursor, match.start() + (1 if boundary is SENTENCE_END else 0)))
        cursor = match.end()
    out.append((cursor, end))
    return [(a, b) for a, b in out if text[a:b].strip(" .;,")]


SEMICOLON = re.compile(r";")
SENTENCE_END = re.compile(r"\.\s+(?=[A-Z\[(\"“])")


def _is_prose(text: str, inside: list[bool], offset: int) -> bool:
    outside = "".join(ch if not inside[offset + i] else " " for i, ch in enumerate(text))
    return bool(PROSE_RUN.search(outside))


def split_footnote(text: str, italics: list[Span]) -> tuple[list[_Piece], list[_Piece]]:
    """(references, commentary) of one footnote.

    References are separated by top-level semicolons (never inside quotes,
    brackets or italics); within each, sentences after the first that read as
    prose are commentary, and a parenthesised reference inside commentary
    ("... (Author, Title, pp. 85-94).") is a reference too.
    """
    inside = _protected(text, italics)
    # Italics do not protect semicolons: a title almost never holds one, and a
    # run of italics across several references is broken markup.
    references: list[_Piece] = []
    commentary: list[_Piece] = []
    for chunk_start, chunk_end in _split(text, 0, len(text), _protected(text, []), SEMICOLON):
        sentences = _split(text, chunk_start, chunk_end, inside, SENTENCE_END)
        for k, (a, b) in enumerate(sentences):
            piece = text[a:b]
            has_marks = any(inside[i] for i in range(a, b)) or reference_features(piece) > 0
            if IBID.match(piece):
                references.append(_Piece(a, b, piece))
            elif _is_prose(piece, inside, a) and not _strong_reference(piece, italics, a, b):
                commentary.append(_Piece(a, b, piece))
                references.extend(_parenthesised_references(text, a, b, italics))
            elif k == 0 or has_marks:
                references.append(_Piece(a, b, piece))
            else:
                commentary.append(_Piece(a, b, piece))
    return references, commentary


def _strong_reference(piece: str, italics: list[Span], start: int, end: int) -> bool:
    """Reference features outside parentheses (a reference cited in passing does not count)."""
    bare = re.sub(r"\([^()]*\)", lambda m: m.group() if _is_imprint_or_tag(m.group()) else " " * len(m.group()),
                  piece)
    italic_outside = any(start <= s.start < end and bare[s.start - start] != " " for s in italics)
    if italic_outside and reference_features(bare) >= 1:
        return True
    return reference_features(bare) >= 2


def _is_imprint_or_tag(parenthetical: str) -> bool:
    """'(Madrid: Editorial Sal, 1999)' or '(Korean)': features of the reference itself, not a citation in passing."""
    return bool(LANGUAGE_TAG.fullmatch(parenthetical) or IMPRINT_PARENTHETICAL.fullmatch(parenthetical))


def _parenthesised_references(text: str, start: int, end: int, italics: list[Span]) -> list[_Piece]:
    out = []
    for match in re.finditer(r"\(([^()]+)\)", text[start:end]):
        inner = match.group(1)
        a = start + match.start(1)
        if "," in inner and (reference_features(inner) >= 1 or any(a <= s.start < a + len(inner) for s in italics)) \
                and not LANGUAGE_TAG.fullmatch(match.group(0)):
            out.append(_Piece(a, a + len(inner), inner))
    return out


# ---------------------------------------------------------------- fields


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


def _clean(value: str | None) -> str | None:
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
    text = text.strip().rstrip(",;: ")
    editors = bool(EDITOR.search(text)) or bool(re.search(r"\(\s*eds?\.?\s*\)", author_text))
    text = EDITOR.sub("", text).strip(" ,.")
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
    return tuple(n for n in names if n), editors


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


IMPRINT = re.compile(r"\((?P<inner>[^()]*?(?:\([^()]*\)[^()]*?)*)\)")


def _imprint(text: str, masked: list[bool]) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(place, publisher, span of the year part) from "(Place: Publisher, Year)"."""
    for match in IMPRINT.finditer(text):
        if masked[match.start()]:
            continue
        inner = match.group("inner")
        if ":" not in inner or not re.search(r"\d{4}\)?\s*$", inner):
            continue
        place, rest = inner.split(":", 1)
        if len(place.split()) > 5 or not place.strip():
            continue
        publisher, _, _ = rest.rpartition(",")
        if not publisher.strip():
            continue
        return _clean(place), _clean(publisher), (match.start(), match.end())
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
    url = _url(url_match.group("url")) if url_match else None
    if url_match:
        spans_to_mask.append((url_match.start(), url_match.end()))
    accessed = None
    accessed_match = ACCESSED.search(text)
    if accessed_match:
        found = periods_in(accessed_match.group("date"), day_first)
        accessed = found[0][1].start.isoformat() if found else None
        spans_to_mask.append((accessed_match.start(), accessed_match.end()))

    quote = _first_quote(text)
    italic_spans = sorted((_clip_italic(text, s) for s in italics if 0 <= s.start < len(text)),
                          key=lambda s: s.start)
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
    masked = _mask(len(text), spans_to_mask)
    place, publisher, imprint_span = _imprint(text, masked)
    rest_text = _masked_text(text, masked)
    pages_match = PAGES.search(rest_text) or _bare_pinpoint(rest_text)
    volume_match = VOLUME.search(rest_text)
    issue_match = ISSUE.search(rest_text)
    compact = VOLUME_ISSUE.search(rest_text[after_title:]) if not (volume_match or issue_match) else None
    volume = volume_match.group("volume") if volume_match else (compact.group("volume") if compact else None)
    issue = issue_match.group("issue") if issue_match else (compact.group("issue") if compact else None)
    date_text = rest_text
    if pages_match:
        date_text = date_text[:pages_match.start()] + " " * (pages_match.end() - pages_match.start()) + date_text[pages_match.end():]
    periods = periods_in(date_text, day_first)
    pub_date = None
    if periods:
        order = ("day", "month", "season", "year", "decade", "century")
        best = min(periods, key=lambda cp: (order.index(cp[1].precision), cp[0].start))
        pub_date = iso_to_precision(best[1])
    authors, editors = split_authors(author_text)
    translators = tuple(n.strip() for n in re.split(r"\s+and\s+|,\s*", m.group("names")) if n.strip()) \
        if (m := TRANSLATED.search(text)) else ()

    if shape == "plain":
        title, container, authors = _plain_fields(text, masked, authors)
    kind, rule = _kind(shape, text, title, container, authors, publisher, volume, issue, pub_date, url,
                       bool(pages_match))
    if kind == "newspaper" and shape == "italic" and not container:
        container, title, title_original = title, None, None
    if shape == "italic" and kind in ("book", "other") and not publisher:
        publisher = _plain_container(text, after_title)  # "*Title*, United Nations, (2016)"
    if kind == "article" and shape == "italic" and not container and not publisher:
        container, title = title, None  # "Wire Service, *Weekly Digest*, No. 10": the italic is the periodical
    return Reference(**base, kind=kind, authors=authors, editors=editors, translators=translators,
                     title=_clean(title), title_original=_clean(title_original), container=_clean(container),
                     volume=volume, issue=issue, publisher=publisher, place=place, pub_date=pub_date,
                     pages=_pages(pages_match), url=url, accessed=accessed, language=language, rule=rule)


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
    name = match.group("name").strip()
    if not name or not name[0].isupper() or re.match(r"(?:Vol|No|pp?\.|Issue|[A-Z][a-z]+\s+\d)", name) \
            or periods_in(name) or re.search(r"\d", name):
        return None
    return name


def _plain_fields(text: str, masked: list[bool], authors: tuple[str, ...]):
    """No quotes, no italics: 'Morning Post, June 2, 1950' or 'Author, Title, p. 5'."""
    chunks = [c.strip() for c in re.split(r",\s*", _masked_text(text, masked)) if c.strip()]
    if not chunks:
        return None, None, ()
    if len(chunks) > 1 and periods_in(chunks[1] + (", " + chunks[2] if len(chunks) > 2 else "")) \
            and not periods_in(chunks[0]):
        return None, chunks[0], ()  # a periodical followed by its date
    if len(chunks) >= 2 and not PAGES.match(chunks[1]):
        names, _ = split_authors(chunks[0])
        return chunks[1], None, names
    return chunks[0], None, ()


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
        if authors and (volume or issue) and not publisher:
            return "article", "italic periodical with issue"
        if DOCUMENT_WORDS.search(title or "") or (title or "").startswith("Report"):
            return "other", "italic report"
        return "book", "italic title"
    if container and full_day:
        return "newspaper", "plain periodical with a day"
    if url:
        return "web", "plain with url"
    return "other", "plain"


# A pinpoint printed without "p.": ", 31." or ": 112-138" closing a reference (Chicago)
BARE_PINPOINT = re.compile(r"(?:,|:)\s*(?P<pages>\d{1,4}[a-z]?(?:\s*[-–—−]\s*\d{1,4})?"
                           r"(?:\s*,\s*\d{1,4}(?:\s*[-–—−]\s*\d{1,4})?)*)\s*[.;]?\s*$")


def _bare_pinpoint(text: str) -> re.Match | None:
    """The closing page numbers of a reference, unless they are a year ("..., 1990.")."""
    match = BARE_PINPOINT.search(text.rstrip())
    if match and not re.fullmatch(r"(?:1[5-9]|20)\d{2}", match.group("pages").strip()):
        return match
    return None


def _pages(match: re.Match | None) -> str | None:
    if not match:
        return None
    pages = re.sub(r"(?:pp?|с|S)\.\s*", "", match.group("pages"))
    return re.sub(r"\s*[-–—−]\s*", "-", re.sub(r"\s*,\s*", ", ", pages)).strip()


def _url(url: str) -> str:
    url = url.replace(">", "")  # ">" cannot be in a URL: a bracket put at a line or page edge
    return url.rstrip(".,;)")


# ---------------------------------------------------------------- learned fields

ET_AL = re.compile(r",?\s*\bet\.?\s+al\b\.?,?", re.I)
# An initials-only piece: "A.", "A. B.", "J.-M.", "R K", "M"
INITIALS = re.compile(r"^(?:[A-Z]\.?[\s-]*){1,4}$")
CONFERENCE = re.compile(r"\b(?:Proc(?:eedings|s)?\.?|Conference|Conf\.|Workshop|Symposium|Meeting|Congress)\b", re.I)


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
    """One reference-list entry parsed from the tagger's fields (see :mod:`extractors.reference_tagger`)."""
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
            value = (_clean(value) or "").strip("\"“”‘’«»'()[]")
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
        url=_url(url) if url else (f"https://doi.org/{doi.strip(' .')}" if doi else None),
        rule="learned tagger")


# ---------------------------------------------------------------- public


def extract_references(document: Document) -> tuple[list[Reference], dict[int, str]]:
    """Parse every footnote; returns the references and each footnote's kind ('citation' or 'note').

    Left out on purpose: resolving ibid. and short forms (see :mod:`extractors.resolve`).
    """
    references: list[Reference] = []
    kinds: dict[int, str] = {}
    for footnote in document.footnotes:
        italics = [Span(s.start - footnote.start, s.end - footnote.start) for s in document.italics
                   if footnote.start <= s.start < footnote.end]
        text = document.text[footnote.start:footnote.end]
        if footnote.zone == "bibliography" and reference_tagger.available():
            # an entry of a reference list is one reference in any of many styles: the learned
            # tagger reads those; the rules stay for notes (Chicago full and short forms, ibid.)
            references.append(parse_tagged_reference(text, footnote.number, footnote.start))
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
