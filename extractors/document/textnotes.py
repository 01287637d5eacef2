"""Notes in text files: one small reader per convention, one matcher of calls to notes.

Each reader (:class:`NoteReader`) finds the note *definitions* of its
convention and the *calls* that may point to them:

* ``pandoc``: ``[^id]`` calls, ``[^id]: text`` definitions with indented continuation paragraphs;
* ``bracket_block``: ``[Footnote 12: ...]`` blocks (bracket-balanced, over several paragraphs),
  or paragraphs opening with ``[12]``, called by ``[12]`` glued to the word or punctuation before it;
* ``endnote_section``: entries ``12.``, ``12 (p. 4).--``, ``[12]`` or ``¹²`` under a heading such as
  "Notes", "NOTES TO VOL. III", "Endnotes", called by glued ``[12]`` or superscript digits.

Find first, resolve later: :func:`read_conventions` asks each reader, then
matches calls to definitions by label (a call needs a matching note: a
bracketed page number, an editorial bracket or a cross-reference to another
letter has none and stays text), in order, each note claimed once; calls of
notes placed after each section (letters, chapters) are matched to the next
block of notes. Where numbering restarts, labels are qualified with the
section's own number ("12:3") or, lacking one, the block's ordinal. Matched
calls become in-band marks (:func:`extractors.records.mark`) and definitions
become paragraphs with ``note_label`` and ``note_zone`` set. Bare bracketed
numbers that no note claims and that run in increasing order through the
text are printed page numbers of an older edition and are dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable

from extractors.document.conventions import FROM_SUPERSCRIPT, NOTES_HEADING, REFERENCE_SECTION, SUPERSCRIPT_DIGITS
from extractors.records import NoteZone, RawParagraph, mark


@dataclass(frozen=True)
class NoteDefinition:
    """A note as a reader found it: paragraphs ``first``..``last``, text after ``cut`` chars of the
    first paragraph and before ``trim`` chars at the end of the last."""

    first: int
    last: int
    label: str
    cut: int
    trim: int
    zone: NoteZone
    convention: str
    #: Explicit note syntax ("[Footnote 3: ...") is a note even when no call is found.
    explicit: bool = True


@dataclass(frozen=True)
class Call:
    """A place in a paragraph that may call a note: ``text[start:end]`` is the mark as printed."""

    paragraph: int
    start: int
    end: int
    label: str


class NoteReader:
    """One note convention: where its notes are and what may call them."""

    name: str = ""
    #: Calls are matched to the first block of notes after them ("after") or anywhere ("global").
    scope: str = "after"

    def definitions(self, paragraphs: list[RawParagraph]) -> list[NoteDefinition]:
        raise NotImplementedError

    def calls(self, paragraphs: list[RawParagraph], skip: set[int]) -> list[Call]:
        raise NotImplementedError


def _calls(pattern: re.Pattern, paragraphs: list[RawParagraph], skip: set[int],
           label=lambda m: m.group("label")) -> list[Call]:
    return [Call(i, m.start(), m.end(), label(m)) for i, p in enumerate(paragraphs) if i not in skip
            for m in pattern.finditer(p.text)]


def _scan(paragraphs: list[RawParagraph], opening: re.Pattern, read) -> list[NoteDefinition]:
    """Walk the paragraphs; where ``opening`` matches one, ``read(i, match)`` gives the note it
    opens and the last paragraph the note takes, and the walk goes on after that paragraph."""
    found: list[NoteDefinition] = []
    i = 0
    while i < len(paragraphs):
        match = opening.match(paragraphs[i].text)
        if not match:
            i += 1
            continue
        definition, last = read(i, match)
        found.append(definition)
        i = last + 1
    return found


# ---------------------------------------------------------------- readers

PANDOC_CALL = re.compile(r"\[\^(?P<label>[^\]\s^]{1,40})\](?!:)")
PANDOC_DEFINITION = re.compile(r"^\[\^(?P<label>[^\]\s^]{1,40})\]:\s*")


class PandocNotes(NoteReader):
    """Pandoc / GitHub Markdown: ``text.[^3]`` and ``[^3]: Note`` (continuations indented)."""

    name = "pandoc"
    scope = "global"

    def definitions(self, paragraphs):
        def read(i: int, match: re.Match) -> tuple[NoteDefinition, int]:
            last = i
            while last + 1 < len(paragraphs) and paragraphs[last + 1].indent >= 2 \
                    and not PANDOC_DEFINITION.match(paragraphs[last + 1].text):
                last += 1
            return NoteDefinition(i, last, match.group("label"), match.end(), 0, "endnote", self.name), last

        return _scan(paragraphs, PANDOC_DEFINITION, read)

    def calls(self, paragraphs, skip):
        return _calls(PANDOC_CALL, paragraphs, skip)


# "[12]" glued to the word or closing punctuation before it: "plate.[1]", "Potter[1]", "Sunday,[4]"
GLUED_BRACKET_CALL = re.compile(r"(?<=[\w.,;:!?'\"”’)\]])\[(?P<label>\d{1,3})\]")
# "[Footnote 12: ...", "[Note 3: ...", "[12] ..." opening a paragraph
BRACKET_BLOCK_OPEN = re.compile(r"^\[(?:(?P<word>Footnote|Note|Fn\.?)\s*(?P<label>[\w*†‡§]{1,4})\s*:|"
                                r"(?P<bare>\d{1,3})\]\s)\s*", re.I)


class BracketBlockNotes(NoteReader):
    """E-text notes: ``[Footnote 1: ...]`` blocks (or paragraphs opening ``[1] ``) placed after the
    passage whose ``[1]`` calls them; numbering often restarts in each letter or chapter."""

    name = "bracket_block"

    def definitions(self, paragraphs):
        def read(i: int, match: re.Match) -> tuple[NoteDefinition, int]:
            if match.group("bare"):
                return NoteDefinition(i, i, match.group("bare"), match.end(), 0, "footnote", self.name,
                                      explicit=False), i
            depth, last = 0, i
            for j in range(i, len(paragraphs)):  # the block ends where its bracket closes
                depth += paragraphs[j].text.count("[") - paragraphs[j].text.count("]")
                last = j
                if depth <= 0:
                    break
            closing = paragraphs[last].text.rstrip()
            trim = len(paragraphs[last].text) - len(closing) + (1 if closing.endswith("]") else 0)
            return NoteDefinition(i, last, match.group("label"), match.end(), trim, "footnote", self.name), last

        return [d for d in _scan(paragraphs, BRACKET_BLOCK_OPEN, read) if d.label]

    def calls(self, paragraphs, skip):
        return _calls(GLUED_BRACKET_CALL, paragraphs, skip)


# The label opening an entry of a notes section: "12. ", "12 (p. 4).--", "[12] ", "¹² "
ENDNOTE_OPEN = re.compile(rf"^(?:\[(?P<bracketed>\d{{1,3}})\]|(?P<plain>\d{{1,3}})(?=[.)\s])\.?\)?|"
                          rf"(?P<superscript>[{SUPERSCRIPT_DIGITS}]{{1,3}}))\s*")
# A superscript call: "... in the harbour.¹²"
SUPERSCRIPT_CALL = re.compile(rf"(?<=\S)(?P<label>[{SUPERSCRIPT_DIGITS}]{{1,3}})")


class EndnoteSection(NoteReader):
    """Notes collected under a "Notes" heading at the end of a chapter or the document."""

    name = "endnote_section"

    def definitions(self, paragraphs):
        found: list[NoteDefinition] = []
        in_section = False
        previous: int | None = None
        for i, paragraph in enumerate(paragraphs):
            text = paragraph.text
            if NOTES_HEADING.match(text):
                in_section, previous = True, None
                continue
            if not in_section:
                continue
            match = ENDNOTE_OPEN.match(text)
            number = None
            if match:
                raw = match.group("bracketed") or match.group("plain") or match.group("superscript")
                number = int(raw.translate(FROM_SUPERSCRIPT))
            expected = previous is None or number in (previous + 1, 1)
            if number is not None and expected and len(text) > match.end():
                found.append(NoteDefinition(i, i, str(number), match.end(), 0, "endnote", self.name))
                previous = number
            elif found and previous is not None and found[-1].last == i - 1 and paragraph.zone is None:
                last = found[-1]  # a note of several paragraphs
                found[-1] = replace(last, last=i)
        return found

    def calls(self, paragraphs, skip):
        bracketed = _calls(GLUED_BRACKET_CALL, paragraphs, skip)
        superscript = _calls(SUPERSCRIPT_CALL, paragraphs, skip,
                             label=lambda m: m.group("label").translate(FROM_SUPERSCRIPT))
        return bracketed + superscript


READERS: tuple[NoteReader, ...] = (PandocNotes(), EndnoteSection(), BracketBlockNotes())

# ---------------------------------------------------------------- matching


def _match(reader: NoteReader, definitions: list[NoteDefinition], calls: list[Call]) -> dict[Call, int]:
    """Call -> index of the definition it calls; every note is claimed at most once, in order."""
    matched: dict[Call, int] = {}
    claimed: set[int] = set()
    if reader.scope == "global":
        first_of = {}
        for k, d in enumerate(definitions):
            first_of.setdefault(d.label, k)
        for call in calls:
            k = first_of.get(call.label)
            if k is not None and k not in claimed and call.paragraph < definitions[k].first:
                matched[call] = k
                claimed.add(k)
        return matched
    # notes placed after the passage that calls them: a call goes to the first block of notes
    # after it; within that block, to the first unclaimed note with its label
    blocks = _blocks(definitions)
    for call in sorted(calls, key=lambda c: (c.paragraph, c.start)):
        block = next((b for b in blocks if definitions[b[0]].first > call.paragraph), None)
        if block is None:
            continue
        k = next((k for k in block if definitions[k].label == call.label and k not in claimed), None)
        if k is not None:
            matched[call] = k
            claimed.add(k)
    return matched


def _blocks(definitions: list[NoteDefinition]) -> list[list[int]]:
    """Runs of definitions with no other paragraph between them."""
    blocks: list[list[int]] = []
    for k, d in enumerate(definitions):
        if blocks and definitions[blocks[-1][-1]].last + 1 >= d.first:
            blocks[-1].append(k)
        else:
            blocks.append([k])
    return blocks


# A paragraph that is a section's own number: "219.", "No. 12", "LETTER 4", "CHAPTER XII." (a mark may follow)
SECTION_NUMBER = re.compile(r"^(?:(?:No|Letter|Chapter|Part|Book)\.?\s+)?(?P<number>\d{1,4}|[IVXLC]{1,7})\.?\s*"
                            r"(?:\[[^\]]*\])?\s*$", re.I)


def _qualified_labels(definitions: list[NoteDefinition], paragraphs: list[RawParagraph]) -> list[str]:
    """Labels as printed, qualified by section ("12:3") where the same label comes back."""
    labels = [d.label for d in definitions]
    if len(set(labels)) == len(labels):
        return labels
    out = []
    for ordinal, block in enumerate(_blocks(definitions), 1):
        start = definitions[block[0]].first
        previous_end = definitions[block[0] - 1].last if block[0] else -1
        section = None
        for i in range(start - 1, previous_end, -1):
            match = SECTION_NUMBER.match(paragraphs[i].text.strip())
            if match:
                section = match.group("number")
                break
        for k in block:
            out.append(f"{section or ordinal}:{definitions[k].label}")
    return out


# A bare bracketed number standing alone in the text: "going to Rouen, [4] Father"
BARE_BRACKET_NUMBER = re.compile(r"(?:\s|(?<=[-—]))\[\d{1,4}\](?=\s|$)|^\[\d{1,4}\]\s")


def _page_numbers_of_an_older_edition(paragraphs: list[RawParagraph]) -> list[RawParagraph]:
    """Drop bare bracketed numbers that run in increasing order through the text (pages of the
    original edition printed inline); an isolated "[337]" (a cross-reference) stays."""
    if any(REFERENCE_SECTION.match(p.text) for p in paragraphs):
        return paragraphs  # "[12]" calls a numbered reference list there
    found = [(i, m) for i, p in enumerate(paragraphs) if p.note_label is None
             for m in BARE_BRACKET_NUMBER.finditer(p.text)]
    numbers = [int(m.group().strip(" []")) for _, m in found]
    rising = sum(1 for a, b in zip(numbers, numbers[1:]) if 0 < b - a <= 3)
    if len(numbers) < 5 or rising < 0.6 * (len(numbers) - 1):
        return paragraphs
    from extractors.document.markup import substitute

    out = list(paragraphs)
    for i in sorted({i for i, _ in found}):
        out[i] = substitute(out[i], BARE_BRACKET_NUMBER, None)
    return out


def _rewrite(paragraph: RawParagraph, edits: Iterable[tuple[int, int, str]]) -> RawParagraph:
    """Replace spans by text (marks); the new characters carry the offset of the span's start."""
    text, offsets = paragraph.text, list(paragraph.offsets)
    for start, end, new in sorted(edits, reverse=True):
        origin = offsets[start] if start < len(offsets) else -1
        text = text[:start] + new + text[end:]
        offsets[start:end] = [origin] * len(new)
    return replace(paragraph, text=text, offsets=tuple(offsets))


def _note_paragraph(paragraphs: list[RawParagraph], d: NoteDefinition, label: str) -> RawParagraph:
    """The definition's paragraphs as one note paragraph, its label markup cut off."""
    pieces = paragraphs[d.first:d.last + 1]
    text_parts, offsets = [], []
    for k, p in enumerate(pieces):
        a = d.cut if k == 0 else 0
        b = len(p.text) - (d.trim if k == len(pieces) - 1 else 0)
        if text_parts:
            text_parts.append(" ")
            offsets.append(-1)
        text_parts.append(p.text[a:b])
        offsets.extend(p.offsets[a:b])
    text = "".join(text_parts).strip()
    lead = len("".join(text_parts)) - len("".join(text_parts).lstrip())
    offsets = offsets[lead:lead + len(text)]
    return replace(pieces[0], text=text, offsets=tuple(offsets), zone="footnote", note_label=label,
                   note_zone=d.zone, indent=0, convention=d.convention)


def read_conventions(paragraphs: list[RawParagraph]) -> list[RawParagraph]:
    """Notes and their calls in every convention found (see the module docstring)."""
    for reader in READERS:
        taken = {i for i, p in enumerate(paragraphs) if p.note_label is not None}
        definitions = [d for d in reader.definitions(paragraphs)
                       if not taken.intersection(range(d.first, d.last + 1))]
        if not definitions:
            continue
        inside = {i for d in definitions for i in range(d.first, d.last + 1)}
        calls = reader.calls(paragraphs, inside | taken)
        matched = _match(reader, definitions, calls)
        used = set(matched.values())
        keep = [k for k, d in enumerate(definitions) if d.explicit or k in used]
        if not keep:
            continue
        kept = [definitions[k] for k in keep]
        labels = dict(zip(keep, _qualified_labels(kept, paragraphs)))
        edits: dict[int, list[tuple[int, int, str]]] = {}
        for call, k in matched.items():
            if k in labels:
                edits.setdefault(call.paragraph, []).append((call.start, call.end, mark(labels[k])))
        rebuilt: list[RawParagraph] = []
        starts = {definitions[k].first: k for k in keep}
        skip_until = -1
        for i, paragraph in enumerate(paragraphs):
            if i <= skip_until:
                continue
            if i in starts:
                k = starts[i]
                rebuilt.append(_note_paragraph(paragraphs, definitions[k], labels[k]))
                skip_until = definitions[k].last
                continue
            rebuilt.append(_rewrite(paragraph, edits[i]) if i in edits else paragraph)
        paragraphs = rebuilt
    return _page_numbers_of_an_older_edition(paragraphs)


def conventions_of(paragraphs: list[RawParagraph]) -> list[str]:
    """The note conventions recognised in these paragraphs, most used first."""
    counts = Counter(p.convention for p in paragraphs if p.convention)
    return [name for name, _ in counts.most_common()]
