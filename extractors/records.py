"""Typed, frozen records shared by the readers, the layout pass and the extractors.

Every record that points into a document carries ``start``/``end`` character
offsets into :attr:`Document.text` (the clean text), so any extracted row can be
traced back to the exact place it came from.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from array import array
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

#: Where a sentence or span sits: running prose and headings, a note, or a figure/table caption.
Part = Literal["body", "footnote", "caption", "front", "figure"]
#: What the layout pass decided a paragraph is.
Zone = Literal["body", "footnote", "footnote_continuation", "header", "caption", "heading", "front", "title", "figure"]
#: How precise a date is (GOLD_FORMAT): the span of its normalised period.
Precision = Literal["day", "month", "season", "year", "decade", "century"]
#: How a figure is bounded by the words before it ("more than 300", "about 12").
Qualifier = Literal["exact", "approx", "more_than", "less_than", "at_least", "at_most", "up_to"]
#: What a figure measures.
QuantityKind = Literal["count", "money", "length", "mass", "area", "volume", "duration", "age", "percent",
                       "frequency", "other"]
#: What a parsed reference cites.
ReferenceKind = Literal["book", "chapter", "article", "newspaper", "web", "archival", "film", "conference",
                        "report", "thesis", "case", "statute", "regulation", "other"]
#: Whether a footnote cites a work or only comments.
FootnoteKind = Literal["citation", "note"]
#: Where a note is printed: at the foot of its page, collected at the end of a chapter or
#: the document, or an entry of a reference list (contract v2, ``footnotes.zone``).
NoteZone = Literal["footnote", "endnote", "bibliography"]

#: In-band marker a reader leaves where a note call stood: MARK_OPEN + label + MARK_CLOSE.
#: Private-use characters never occur in real text, so every joining and splitting pass
#: carries calls along with their offsets; the builder turns them into :class:`Marker` rows.
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"


#: One in-band mark, label included.
MARK = re.compile(re.escape(MARK_OPEN) + "[^" + re.escape(MARK_CLOSE) + "]*" + re.escape(MARK_CLOSE))


def without_marks(text: str) -> str:
    """The text with its in-band note calls taken out: "Title\ue000∗\ue001" -> "Title"."""
    return MARK.sub("", text)


def mark(label: str) -> str:
    """The in-band form of a note call with this label."""
    return f"{MARK_OPEN}{label}{MARK_CLOSE}"


@dataclass(frozen=True)
class RawParagraph:
    """One paragraph as a reader found it, before layout decisions.

    ``text`` uses two in-band conventions shared by all readers: footnote
    markers as Unicode superscript digits and italic runs wrapped in ``*``.
    ``zone`` is set when the reader knows it from geometry (PDF), else None and
    the layout pass infers it. ``offsets`` maps each character of ``text`` to
    its offset in the source (-1 for characters the reader inserted).
    """

    text: str
    page: int
    offsets: tuple[int, ...]
    zone: Zone | None = None
    page_break_before: bool = False
    #: Leading spaces of the paragraph's first line (text files): continuation paragraphs
    #: of a Markdown note are indented, hanging-indent lists are not.
    indent: int = 0
    #: Set when the paragraph opens a note: its label as printed (qualified "12:3" where
    #: numbering restarts) and where it is printed. ``text`` then starts after the label.
    note_label: str | None = None
    note_zone: NoteZone | None = None
    #: The reader or convention that found the note ("pandoc", "endnote_section", ...).
    convention: str | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A run of clean text with one role: a body paragraph, heading, caption or footnote."""

    start: int
    end: int
    part: Part
    page: int
    is_heading: bool = False
    footnote_number: int | None = None


@dataclass(frozen=True)
class Footnote:
    """A note or reference-list entry: ``number`` is its order in the document, ``label``
    the mark as printed (qualified by its section where numbering restarts)."""

    number: int
    start: int
    end: int
    page: int
    text: str
    label: str = ""
    zone: NoteZone = "footnote"


@dataclass(frozen=True)
class Marker:
    """A footnote call in the body: ``position`` is where it stood in the clean text."""

    number: int
    position: int
    page: int
    label: str = ""


class SpanSet:
    """Half-open character spans that answer "does this overlap any of them?" by bisection.

    Extractors skip what another extractor already claimed (a date inside a
    reference, a figure inside a date); asking a plain list for every token
    made that quadratic in the size of the document. Spans may nest or overlap.
    """

    def __init__(self, spans=()):
        ordered = sorted((a, b) for a, b in spans if a < b)
        self._spans = ordered
        self._starts = [a for a, _ in ordered]
        self._reach: list[int] = []  # furthest end among the spans up to each one
        for _, end in ordered:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span shares a character with ``[start, end)``."""
        k = bisect.bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that share a character with ``[start, end)``, latest start first: walks back
        from the last span starting before ``end`` only while one can still reach ``start``."""
        found = []
        k = bisect.bisect_left(self._starts, end) - 1
        while k >= 0 and self._reach[k] > start:
            if self._spans[k][1] > start:
                found.append(self._spans[k])
            k -= 1
        return found

    def covers(self, offset: int) -> bool:
        """True when some span holds the character at ``offset``."""
        k = bisect.bisect_right(self._starts, offset)
        return k > 0 and self._reach[k - 1] > offset


def page_of(page_starts: tuple[tuple[int, int], ...], offset: int) -> int | None:
    """Page of ``offset`` given page breaks recorded as (offset, page), in text order."""
    k = bisect.bisect_right(page_starts, (offset, float("inf"))) - 1
    return page_starts[k][1] if k >= 0 else None


@dataclass(frozen=True)
class Document:
    """The faithful model of one source document that every extractor reads.

    ``text`` holds the body (title, headings, paragraphs, captions) followed by
    the footnotes, each block separated by a blank line; markers, running
    headers, page numbers and italic asterisks are gone from it.
    """

    source_path: str
    format: Literal["text", "pdf"]
    title: str | None
    text: str
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    markers: tuple[Marker, ...]
    italics: tuple[Span, ...]
    page_starts: tuple[tuple[int, int], ...]
    n_pages: int | None
    #: Note and reference conventions recognised ("superscript", "pandoc", "reference_list_numbered", ...).
    conventions: tuple[str, ...] = ()
    #: Calls found in the body that no note answers (a sign of notes that were not recognised).
    unmatched_calls: int = 0
    source_offsets: array = field(default_factory=lambda: array("l"), repr=False, compare=False)

    def page_at(self, offset: int) -> int | None:
        """Page of the character at ``offset``."""
        return page_of(self.page_starts, offset)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``offset`` (blocks are in text order and do not overlap)."""
        k = bisect.bisect_right(self._block_starts, offset) - 1
        if k >= 0 and self.blocks[k].start <= offset < self.blocks[k].end:
            return self.blocks[k]
        return None


@dataclass(frozen=True)
class Sentence:
    sentence_id: int
    part: Part
    page: int | None
    start: int
    end: int
    text: str
    footnote_number: int | None = None
    #: The paragraph (block) the sentence belongs to, numbered in document order; notes are blocks too.
    paragraph_id: int | None = None
    is_heading: bool = False


@dataclass(frozen=True)
class CitationMention:
    """A body sentence that calls a footnote (through a marker)."""

    footnote_number: int
    sentence_id: int
    page: int | None
    position: int


@dataclass(frozen=True)
class Reference:
    """One reference parsed from a footnote (found first; ibid./short forms resolved later).

    ``start``/``end`` are offsets into the document's clean text; ``rule``
    names the kind decision that fired.
    """

    footnote_number: int  # 0: a citation in the body (legal citations), see sentence_id
    position: int
    start: int
    end: int
    raw_text: str
    kind: ReferenceKind | None
    authors: tuple[str, ...] = ()
    editors: bool = False
    translators: tuple[str, ...] = ()
    title: str | None = None
    title_original: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    publisher: str | None = None
    place: str | None = None
    pub_date: str | None = None
    pages: str | None = None
    url: str | None = None
    accessed: str | None = None
    language: str = "English"
    ibid: bool = False
    short_form: bool = False
    resolves_to: int | None = None
    work_id: str | None = None
    rule: str = ""
    #: For a citation in the body: the sentence it stands in (legal citations have no note).
    sentence_id: int | None = None
    court: str | None = None

# ---------------------------------------------------------------- extractor records


@dataclass(frozen=True)
class DateRecord:
    """A temporal expression normalised to a period; ``rule`` names the pattern that found it."""

    start: int
    end: int
    text: str
    sentence_id: int | None
    part: Part
    page: int | None
    start_date: dt.date
    end_date: dt.date
    precision: Precision
    approx: bool
    inferred_year: bool
    rule: str


@dataclass(frozen=True)
class QuantityRecord:
    """A figure with its value (range), unit, kind, qualifier and the thing it counts."""

    start: int
    end: int
    text: str
    sentence_id: int
    part: Part
    page: int | None
    value: float
    value_max: float | None
    unit: str | None
    kind: QuantityKind
    subject: str | None
    subject_lemma: str | None
    qualifier: Qualifier
    rule: str
    predicate: str | None = None  # lemma of the verb the figure belongs to: "were sunk" -> "sink"


@dataclass(frozen=True)
class Mention:
    """A span the NER or the entity rules found, before cleaning and merging."""

    start: int
    end: int
    text: str
    label: str
    sentence_id: int | None
    part: Part


@dataclass(frozen=True)
class EntityRecord:
    """One entity of a document under its canonical name, with every surface form as an alias."""

    entity_id: str
    entity_key: str
    name: str
    label: str
    n_mentions: int
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class EntityMention:
    """One mention of an entity, with its sentence and offsets."""

    entity_id: str
    sentence_id: int | None
    part: Part
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ModelInfo:
    """The spaCy package and version that parsed a document (recorded with every document)."""

    name: str
    version: str
