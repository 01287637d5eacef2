"""Build the :class:`Document` model: one clean text with body, footnotes, markers and italics.

The clean text is what every extractor and the NLP model sees: footnote
markers are removed (their positions kept as :class:`Marker` records), italic
asterisks are removed (their spans kept, because italics are titles of works),
and running headers never enter it. ``source_offsets`` maps every clean
character back to the source file, so a span can always be found again.
"""
from __future__ import annotations

import bisect
import functools
import re
from array import array
from dataclasses import replace
from pathlib import Path

from extractors.document.conventions import (BRACKET_CALL, FROM_SUPERSCRIPT, SOFT_HYPHEN, SUPERSCRIPT_DIGITS, URL_AT_END,
                                             URL_PATH_START, document_vocabulary, hyphen_joins, join_lines,
                                             splits_word)
from extractors.document.errors import ReadError
from extractors.document.layout import LaidOut, classify
from extractors.document.text import MAX_TEXT_BYTES, read_text_paragraphs, source_format
from extractors.records import (MARK_CLOSE, MARK_OPEN, Block, Document, Footnote, Marker, RawParagraph, Span, page_of,
                                without_marks)

# A run of superscript digits: a footnote call in the body ("... in the harbour.¹²")
MARKER_RUN = re.compile(rf"[{SUPERSCRIPT_DIGITS}]+")

# A bracketed call to a numbered reference list: "[12]", "[3, 4]", "[5-7]", with the space before it
BRACKET_MARKER = re.compile(r"\s?" + BRACKET_CALL.pattern)

# The number that opens a footnote: "¹² Tanaka, Hiro ..."
FOOTNOTE_NUMBER = re.compile(rf"^\s*(?P<number>[{SUPERSCRIPT_DIGITS}]+)\s*")

# An italic run as readers write it: "*Salt and Empire*" (no space inside the asterisks)
ITALIC_RUN = re.compile(r"(?<!\ue000)\*(?=[^\s*])(?P<inner>[^*\n]*?[^\s*\ue000])\*")

BLOCK_SEPARATOR = "\n\n"


@functools.lru_cache(maxsize=4)
def _special_characters(take_markers: bool, known_numbers: bool) -> re.Pattern:
    """The characters :meth:`_TextBuilder.add_paragraph` must look at one by one; the rest it copies
    in runs. Markers: superscript digits, and a bracket call ("[12]", " [3, 4]") when the document
    has numbered entries."""
    alternatives = [re.escape(SOFT_HYPHEN), re.escape(MARK_OPEN)]
    if take_markers:
        alternatives.append(f"[{SUPERSCRIPT_DIGITS}]")
        if known_numbers:
            alternatives.append(r" (?=\[)|\[")
    return re.compile("|".join(alternatives))


class _TextBuilder:
    """Accumulates clean text with its source offsets, page starts, markers and italics."""

    def __init__(self, known_numbers: frozenset[int] = frozenset(),
                 vocabulary: tuple[set[str], set[str], bool] = (set(), set(), False),
                 keep_bracket_calls: bool = False) -> None:
        self.known_numbers = known_numbers  # entry numbers a bracketed call "[12]" may point to
        # a call of a reference-list entry is printed text, as "(Smith 1999)" is: it stays; a
        # bracketed call of a note is a mark, as a superscript is: it goes
        self.keep_bracket_calls = keep_bracket_calls
        self.vocabulary = vocabulary  # the document's own words, compounds, hyphenated names (line-end hyphens)
        self.parts: list[str] = []
        self.length = 0
        self.offsets = array("l")
        self.page_starts: list[tuple[int, int]] = []
        self.markers: list[tuple[str, int, str]] = []  # (label, position, what it calls: "note" or "entry")
        self.italics: list[Span] = []

    def set_page(self, page: int) -> None:
        if not self.page_starts or self.page_starts[-1][1] != page:
            if self.page_starts and self.page_starts[-1][0] == self.length:
                self.page_starts[-1] = (self.length, page)
            else:
                self.page_starts.append((self.length, page))

    def add_raw(self, text: str, offsets: tuple[int, ...] | list[int]) -> None:
        self.parts.append(text)
        self.length += len(text)
        self.offsets.extend(offsets)

    def add_paragraph(self, text: str, offsets: tuple[int, ...], take_markers: bool) -> None:
        """Append one reader paragraph, stripping markers and italic asterisks."""
        opening_at = {m.start(): m.end() - 1 for m in ITALIC_RUN.finditer(text)}
        closing_positions = set(opening_at.values())
        out: list[str] = []
        out_offsets: list[int] = []
        italic_open: int | None = None
        stops = sorted(set(opening_at) | closing_positions)  # italic marks, in order
        special = _special_characters(take_markers, bool(self.known_numbers))
        i = 0
        while i < len(text):
            ch = text[i]
            if i not in opening_at and i not in closing_positions and not special.match(text, i):
                # a run of ordinary characters up to the next one that needs a look: copied at once
                found = special.search(text, i)
                end = found.start() if found else len(text)
                k = bisect.bisect_right(stops, i)
                if k < len(stops):
                    end = min(end, stops[k])
                out.extend(text[i:end])
                out_offsets.extend(offsets[i:end])
                if end > len(offsets):
                    out_offsets.extend([-1] * (end - max(i, len(offsets))))
                i = end
                continue
            if i in opening_at:
                italic_open = self.length + len(out)
                i += 1
                continue
            if i in closing_positions:
                if italic_open is not None:
                    self.italics.append(Span(italic_open, self.length + len(out)))
                italic_open = None
                i += 1
                continue
            if ch == SOFT_HYPHEN:  # a line-end hyphen: a word split, or a compound's hyphen
                left = re.search(r"[^\W\d_]+$", "".join(out[-40:]))
                right = re.match(r"[^\W\d_]+", text[i + 1:i + 41])
                if not (left and right and hyphen_joins(left.group(), right.group(), *self.vocabulary)):
                    out.append("-")
                    out_offsets.append(offsets[i] if i < len(offsets) else -1)
                i += 1
                continue
            if ch == MARK_OPEN:  # a call a reader recognised: "\ue00012:3\ue001"
                close = text.find(MARK_CLOSE, i)
                if close != -1:
                    if take_markers:
                        self.markers.append((text[i + 1:close], self.length + len(out), "note"))
                    i = close + 1
                    continue
            if take_markers and ch in "[ " and self.known_numbers:
                bracket = BRACKET_MARKER.match(text, i)
                numbers = _expand(bracket.group("numbers")) if bracket else []
                if numbers and all(n in self.known_numbers for n in numbers):
                    for number in numbers:  # "[2, 3]": one call per reference
                        self.markers.append((str(number), self.length + len(out), "entry"))
                    if self.keep_bracket_calls:  # printed like "(Smith 1999)": part of the sentence
                        out.extend(text[i:bracket.end()])
                        out_offsets.extend(offsets[k] if k < len(offsets) else -1 for k in range(i, bracket.end()))
                    i = bracket.end()
                    continue
            if take_markers and ch in SUPERSCRIPT_DIGITS:
                match = MARKER_RUN.match(text, i)
                previous = text[i - 1] if i else " "
                if not previous.isdigit():
                    self.markers.append((match.group().translate(FROM_SUPERSCRIPT), self.length + len(out), "note"))
                    i = match.end()
                    continue
            out.append(ch)
            out_offsets.append(offsets[i] if i < len(offsets) else -1)
            i += 1
        self.add_raw("".join(out), out_offsets)

    def separator(self, sep: str) -> None:
        if self.length:
            self.add_raw(sep, [-1] * len(sep))

    def drop_last(self) -> None:
        last = self.parts[-1][:-1]
        self.parts[-1] = last
        self.length -= 1
        self.offsets.pop()

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def tail(self, n: int = 300) -> str:
        """The last ``n`` characters, without joining the whole text."""
        out = ""
        for part in reversed(self.parts):
            out = part + out
            if len(out) >= n:
                break
        return out[-n:]


def _expand(numbers: str) -> list[int]:
    """'2, 3' -> [2, 3]; '5-7' -> [5, 6, 7] (ranges of at most 50)."""
    out: list[int] = []
    for part in re.split(r"\s*,\s*", numbers):
        bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part) if x]
        if len(bounds) == 2 and 0 < bounds[1] - bounds[0] <= 50:
            out.extend(range(bounds[0], bounds[1] + 1))
        else:
            out.extend(bounds[:1])
    return out


def _glue(builder: "_TextBuilder", next_text: str) -> None:
    """Glue the next piece of a paragraph cut by a page break onto what is built so far."""
    tail = builder.tail()
    if URL_AT_END.search(tail) and URL_PATH_START.match(next_text):
        if tail.endswith(">"):
            builder.drop_last()  # a ">" put at the page edge by the extractor, not the author
        return  # a URL broken across the page break: no space
    if tail.endswith("-") and tail[-2:-1].isalpha() and splits_word(tail, next_text):
        left = re.search(r"[^\W\d_]+$", tail[:-1])
        right = re.match(r"[^\W\d_]+", next_text)
        if left and right and hyphen_joins(left.group(), right.group(), *builder.vocabulary):
            builder.drop_last()  # "of-" | page break | "fers": one word
        return
    joined, _ = join_lines([(tail, 0), (next_text, 0)])
    if joined[len(tail):len(tail) + 1] == " ":
        builder.add_raw(" ", [-1])  # otherwise the same rule as for wrapped lines: no space


def build_document(paragraphs: list[RawParagraph], source_path: str, fmt: str,
                   n_pages: int | None = None) -> Document:
    """Lay out reader paragraphs and assemble the clean text (body first, then footnotes)."""
    laid = classify(paragraphs, notes_decided=fmt == "pdf")
    if not any(item.zone in ("body", "heading", "caption", "footnote", "front", "title", "figure") for item in laid):
        raise ReadError("no text left after removing running headers and page numbers", "layout")
    notes = [(item, _note_label(item.pieces[0])) for item in laid if item.zone == "footnote"]
    notes = [(item, found) for item, found in notes if found is not None]
    entries = [label for item, (label, _, zone) in notes if zone == "bibliography"]
    # "[12]" calls a numbered reference list (else, in older documents, numbered notes)
    known = frozenset(int(label) for label in entries if label.isdigit()) or frozenset(
        int(label) for _, (label, _, _) in notes if label.isdigit())
    builder = _TextBuilder(known, document_vocabulary(p.text for p in paragraphs), keep_bracket_calls=bool(entries))
    blocks: list[Block] = []
    title = _title(laid)
    for item in laid:
        if item.zone == "footnote":
            continue
        part = {"caption": "caption", "front": "front", "title": "front", "figure": "figure"}.get(item.zone, "body")
        builder.separator(BLOCK_SEPARATOR)
        start = builder.length
        _add_pieces(builder, item, take_markers=True)
        blocks.append(Block(start, builder.length, part, item.page, is_heading=item.zone == "heading"))
    footnotes: list[Footnote] = []
    for number, (item, (label, cut, zone)) in enumerate(notes, 1):
        first = item.pieces[0]
        trimmed = replace(first, text=first.text[cut:], offsets=first.offsets[cut:])
        builder.separator(BLOCK_SEPARATOR)
        start = builder.length
        _add_pieces(builder, LaidOut("footnote", (trimmed,) + item.pieces[1:]), take_markers=False)
        end = builder.length
        blocks.append(Block(start, end, "footnote", first.page, footnote_number=number))
        footnotes.append(Footnote(number, start, end, first.page, "", label or str(number), zone))
    text = builder.text
    footnotes = [replace(f, text=text[f.start:f.end]) for f in footnotes]
    page_starts = tuple(builder.page_starts)
    markers = _resolve_markers(builder.markers, footnotes, page_starts)
    return Document(
        source_path=source_path,
        format=fmt,  # type: ignore[arg-type]
        title=title,
        text=text,
        blocks=tuple(blocks),
        footnotes=tuple(footnotes),
        markers=markers,
        italics=tuple(builder.italics),
        page_starts=page_starts,
        n_pages=n_pages if fmt == "pdf" else None,
        conventions=_conventions(notes),
        unmatched_calls=len(builder.markers) - len(markers),
        source_offsets=builder.offsets,
    )


# Signs that a document has notes or references: calls in any common form, or a heading
NOTE_SIGNS = (
    ("superscript calls", re.compile(rf"\w[.,;:)\]”’\"]?[{SUPERSCRIPT_DIGITS}]{{1,3}}(?:\s|$)")),
    ("Markdown note calls", re.compile(r"\[\^[^\]\s]{1,40}\]")),
    ("bracketed note blocks", re.compile(r"\[(?:Footnote|Note)\s+\w{1,4}\s*:", re.I)),
    ("bracketed calls", re.compile(r"\w[.,;:]?\[\d{1,3}\]")),
    ("a notes or references heading", re.compile(r"(?m)^(?:Notes|NOTES|Endnotes|ENDNOTES|Footnotes|FOOTNOTES|"
                                                 r"References|REFERENCES|Bibliography|BIBLIOGRAPHY)\s*$")),
)


def unrecognised_note_signs(document: Document) -> str | None:
    """When a document shows signs of notes or references but none were recognised, what the
    signs are (for the run report); None when notes were found or no sign is there."""
    if document.footnotes:
        return None
    found = [name for name, pattern in NOTE_SIGNS if len(pattern.findall(document.text)) >= 2
             or (name.startswith("a notes") and pattern.search(document.text))]
    if document.unmatched_calls >= 2:
        found.insert(0, f"{document.unmatched_calls} note calls with no note")
    return ", ".join(found) or None


def _conventions(notes) -> tuple[str, ...]:
    """How the notes were marked, most used first (a superscript-numbered note says "superscript")."""
    counts: dict[str, int] = {}
    for item, _ in notes:
        name = item.pieces[0].convention or "superscript"
        counts[name] = counts.get(name, 0) + 1
    return tuple(sorted(counts, key=lambda name: -counts[name]))


def _note_label(paragraph: RawParagraph) -> tuple[str, int, str] | None:
    """(label, characters to cut, zone) of a note paragraph: set by its reader, or the
    superscript number that opens it ("¹² Tanaka, ..."); None for a paragraph that is no note."""
    if paragraph.note_label is not None:  # an unlabelled note is known by its position (set later)
        return paragraph.note_label, 0, paragraph.note_zone or "footnote"
    match = FOOTNOTE_NUMBER.match(paragraph.text)
    if match:
        return match.group("number").translate(FROM_SUPERSCRIPT), match.end(), "footnote"
    return None


def _resolve_markers(found: list[tuple[str, int, str]], footnotes: list[Footnote],
                     page_starts: tuple[tuple[int, int], ...]) -> tuple[Marker, ...]:
    """Each call to the note it calls: same label, the right kind (a "[12]" call goes to reference
    entry 12, a superscript to note 12, never confused), printed on the marker's page or the first
    page after it (numbering may restart on every page). Calls with no such note are dropped."""
    by_label: dict[tuple[str, bool], list[Footnote]] = {}
    for note in footnotes:
        by_label.setdefault((note.label, note.zone == "bibliography"), []).append(note)
    markers = []
    for label, position, calls in found:
        page = page_of(page_starts, position) or 1
        candidates = by_label.get((label, calls == "entry")) or by_label.get((label, calls != "entry"), [])
        if not candidates:
            continue
        target = next((n for n in candidates if n.page >= page), candidates[-1]) if len(candidates) > 1 \
            else candidates[0]
        markers.append(Marker(target.number, position, page, label))
    return tuple(markers)


def _add_pieces(builder: _TextBuilder, item: LaidOut, take_markers: bool) -> None:
    for k, piece in enumerate(item.pieces):
        if k:
            _glue(builder, piece.text)
        builder.set_page(piece.page)
        builder.add_paragraph(piece.text, piece.offsets, take_markers)


def _title(laid: list[LaidOut]) -> str | None:
    """The title a reader marked (a PDF's largest type on its first page), else the first
    heading of the front matter; without asterisks or markers."""
    title = next((item for item in laid if item.zone == "title"), None)
    for item in laid:
        if title is None and item.zone == "heading":
            title = item
        if title is not None or item.zone == "body":
            break
    if title is None:
        return None
    return MARKER_RUN.sub("", without_marks(title.text).replace("*", "")).strip() or None  # "Title∗": a call


def read_paragraphs(path: Path, max_text_bytes: int = MAX_TEXT_BYTES) -> tuple[list[RawParagraph], str, int | None]:
    """The reading half of :func:`read_document`: raw paragraphs, format and page count.

    Kept apart so a run can time reading (decoding, PDF glyphs) and layout separately.
    """
    fmt = source_format(path)
    if fmt is None:
        raise ReadError(f"unsupported file type {path.suffix!r}", "discover")
    if fmt == "pdf":
        from extractors.document.pdf import read_pdf_paragraphs

        paragraphs, n_pages = read_pdf_paragraphs(path)
        return paragraphs, fmt, n_pages
    return read_text_paragraphs(path, max_text_bytes), fmt, None


def read_document(path: Path, source_path: str | None = None) -> Document:
    """Read a .txt or .pdf file into the document model.

    Raises:
        ReadError: with a stage ('read', 'decode', 'pdf', 'layout') and a message
            meant for the person who dropped the file.
    """
    paragraphs, fmt, n_pages = read_paragraphs(path)
    return build_document(paragraphs, source_path or path.name, fmt, n_pages)
