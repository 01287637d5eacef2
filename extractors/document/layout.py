"""Layout clean-up: decide what each raw paragraph is, from evidence in the document.

Readers hand over paragraphs; this pass decides which are running headers,
footers or page numbers (repetition at page starts and ends, digits counted as
equal, in the spirit of refextract's ``get_number_header_lines``), which are
footnotes and footnote continuations, which are headings and captions, and
which body paragraphs were cut by a page break and must be re-joined.

Nothing is edited in place: each decision yields a new :class:`LaidOut`
paragraph that keeps its source offsets.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from extractors.document.conventions import (CAPTION, FOOTNOTE_LINE, PAGE_NUMBER, REFERENCE_SECTION, SENTENCE_BOUNDARY,
                                             SUPERSCRIPT_DIGITS, TERMINAL, URL_AT_END, URL_PATH_START,
                                             URL_TAIL, header_key)
from extractors.rules.patterns import reference_features
from extractors.records import RawParagraph, Zone

# e.g. "1. Introduction", "2.3 Methods", "(1) Early factors", "IV. Conclusion", "A. Sources"
NUMBERED_HEADING = re.compile(
    r"""^(?:
        \d{1,2}(?:\.\d{1,2})*\.?      # 1.  2.3  4.1.2
      | \(\d{1,2}\)                   # (1)
      | [IVXLC]{1,6}\.                # IV.
      | [A-H]\.                       # A.
    )\s+\S""",
    re.X,
)

HEADING_MAX_CHARS = 160
FRONT_MATTER_MAX_CHARS = 200


@dataclass(frozen=True)
class LaidOut:
    """A paragraph with its decided role. ``pieces`` are paragraphs merged into it."""

    zone: Zone
    pieces: tuple[RawParagraph, ...]

    @property
    def page(self) -> int:
        return self.pieces[0].page

    @property
    def text(self) -> str:
        return self.pieces[0].text if len(self.pieces) == 1 else " ".join(p.text for p in self.pieces)


def is_terminal(text: str) -> bool:
    """Does the paragraph end like a finished sentence (so it was not cut by a page break)?"""
    stripped = text.rstrip()
    if TERMINAL.search(stripped):
        return True
    core = stripped.rstrip(SUPERSCRIPT_DIGITS + "*")
    # "... (Korean)" ends a footnote; balanced brackets mean nothing is left open
    return core.endswith((")", "]", ">")) and _brackets_balanced(core)


def _bracket_depths(text: str) -> tuple[int, int]:
    """(final depth, lowest depth reached) of round, square and angle brackets."""
    depth = lowest = 0
    for ch in text:
        if ch in "([<":
            depth += 1
        elif ch in ")]>":
            depth -= 1
            lowest = min(lowest, depth)
    return depth, lowest


def _brackets_balanced(text: str) -> bool:
    return _bracket_depths(text)[0] <= 0


def _opens_bracket(text: str) -> bool:
    return not _brackets_balanced(text) or bool(URL_TAIL.search(text[-300:]) and not text.rstrip().endswith(">"))


def classify(paragraphs: list[RawParagraph], notes_decided: bool = False) -> list[LaidOut]:
    """Run every layout decision in order and return the laid-out paragraphs."""
    paragraphs = _infer_pages(paragraphs)
    paragraphs = _number_reference_list(paragraphs)
    zones: list[Zone | None] = [p.zone for p in paragraphs]
    for i, p in enumerate(paragraphs):
        if zones[i] is None and (FOOTNOTE_LINE.match(p.text) or p.note_label is not None):
            zones[i] = "footnote"
    _mark_running_headers(paragraphs, zones)
    if not notes_decided:
        # readers that know where notes are (PDF geometry) have decided; else footnotes cut by a
        # page break (text with interleaved superscript notes) are found here
        _mark_footnote_continuations(paragraphs, zones)
    _mark_captions_and_headings(paragraphs, zones)
    for i, zone in enumerate(zones):
        if zone is None:
            zones[i] = "body"
    return _join_cut_paragraphs(paragraphs, zones, only_across_breaks=not notes_decided)


def _infer_pages(paragraphs: list[RawParagraph]) -> list[RawParagraph]:
    """Pages for text that carries no form feeds: a page ends after its footnote block."""
    if any(p.page_break_before or p.page != 1 for p in paragraphs):
        return paragraphs
    out = []
    page = 1
    previous_was_footnote = False
    for p in paragraphs:
        is_footnote = p.note_label is None and (p.zone == "footnote" or bool(FOOTNOTE_LINE.match(p.text)))
        if previous_was_footnote and not is_footnote:
            page += 1
            out.append(replace(p, page=page, page_break_before=True))
        else:
            out.append(replace(p, page=page) if p.page != page else p)
        previous_was_footnote = is_footnote
    return out


# The number opening a list entry: "[12] ", "12. ", "12) "
LIST_NUMBER = re.compile(r"^\s*(?:\[(?P<bracketed>\d{1,4})\]|(?P<plain>\d{1,4})[.)])\s+")


def _number_reference_list(paragraphs: list[RawParagraph]) -> list[RawParagraph]:
    """Entries under a closing "Notes"/"References"/"Bibliography" heading become footnotes.

    Numbered entries ("[12] ...", "12. ...") keep their number; an unnumbered
    list (author-date bibliographies) is numbered in order, after the
    document's own footnotes so that numbers never collide. The entries are
    rewritten in the superscript convention, so the rest of the layout treats
    them like any footnote.
    """
    if any(p.note_zone == "bibliography" for p in paragraphs):
        return paragraphs  # the reader has cut the list into entries already
    headings = [i for i, p in enumerate(paragraphs) if REFERENCE_SECTION.match(p.text) and p.zone != "footnote"
                and p.note_label is None]
    if not headings:
        return paragraphs
    start = headings[-1] + 1
    entries = [i for i in range(start, len(paragraphs)) if paragraphs[i].zone in (None, "body")
               and not FOOTNOTE_LINE.match(paragraphs[i].text) and paragraphs[i].note_label is None]
    if len(entries) < 2:
        return paragraphs
    numbered = [LIST_NUMBER.match(paragraphs[i].text) for i in entries]
    out = list(paragraphs)
    if sum(1 for m in numbered if m) >= len(entries) / 2:
        for i, match in zip(entries, numbered):
            if match:
                number = match.group("bracketed") or match.group("plain")
                out[i] = _as_entry(paragraphs[i], number, match.end(), "reference_list_numbered")
            # an unnumbered paragraph inside a numbered list continues the entry before it
    else:
        for k, i in enumerate(entries, 1):  # unnumbered: the label is the entry's position
            out[i] = _as_entry(paragraphs[i], str(k), 0, "reference_list_unnumbered")
    return out


def _as_entry(paragraph: RawParagraph, label: str, cut: int, convention: str) -> RawParagraph:
    """A reference-list entry: a note in the bibliography zone, its printed number cut off."""
    return replace(paragraph, text=paragraph.text[cut:], offsets=paragraph.offsets[cut:], zone="footnote",
                   note_label=label, note_zone="bibliography", convention=convention)


def _page_edges(paragraphs: list[RawParagraph], zones: list[Zone | None]) -> list[int]:
    """Indexes of the first and last non-footnote paragraph of every page."""
    by_page: dict[int, list[int]] = {}
    for i, p in enumerate(paragraphs):
        if zones[i] not in ("footnote", "footnote_continuation"):
            by_page.setdefault(p.page, []).append(i)
    edges: list[int] = []
    for indexes in by_page.values():
        edges.append(indexes[0])
        if len(indexes) > 1:
            edges.append(indexes[-1])
    return edges


def _mark_running_headers(paragraphs: list[RawParagraph], zones: list[Zone | None]) -> None:
    """Headers, footers and page numbers: short lines repeated at page edges, or bare numbers there."""
    n_pages = len({p.page for p in paragraphs})
    if n_pages < 2:
        return
    edges = [i for i in _page_edges(paragraphs, zones) if zones[i] in (None, "header")]
    counts = Counter(header_key(paragraphs[i].text) for i in edges
                     if len(paragraphs[i].text) <= FRONT_MATTER_MAX_CHARS)
    for i in edges:
        text = paragraphs[i].text
        key = header_key(text)
        repeated = counts[key] >= 2 and len(text) <= FRONT_MATTER_MAX_CHARS
        if repeated or PAGE_NUMBER.match(text):
            zones[i] = "header"


def _mark_footnote_continuations(paragraphs: list[RawParagraph], zones: list[Zone | None]) -> None:
    """A footnote cut by a page break resumes on the next page, before that page's footnotes.

    When a footnote is left open (no closing punctuation, an unclosed bracket,
    or a URL at its very end), its rest is looked for among the unclassified
    paragraphs of the following page(s) up to the next footnote: first one
    that reads like a reference (publisher, pages, language tag, URL), else the
    paragraph right above the next footnote when it does not start like a new
    sentence or closes the bracket the footnote left open.
    """
    last_footnote: int | None = None
    for i, p in enumerate(paragraphs):
        if zones[i] not in ("footnote", "footnote_continuation"):
            continue
        if zones[i] == "footnote" and last_footnote is not None:
            previous = paragraphs[last_footnote].text
            candidates = [j for j in range(last_footnote + 1, i)
                          if zones[j] is None and paragraphs[j].page > paragraphs[last_footnote].page]
            chosen = _choose_continuation(previous, candidates, paragraphs, i)
            if chosen is not None:
                zones[chosen] = "footnote_continuation"
        last_footnote = i


def _choose_continuation(previous: str, candidates: list[int], paragraphs: list[RawParagraph],
                         next_footnote: int) -> int | None:
    if not candidates:
        return None
    right_above = candidates[-1] if candidates[-1] == next_footnote - 1 else None
    if right_above is not None and URL_AT_END.search(previous) and URL_PATH_START.match(paragraphs[right_above].text):
        return right_above  # "<https://example.org/a-long->" + "path-rest.html (Accessed ...)"
    if is_terminal(previous) and not _opens_bracket(previous):
        return None
    for j in candidates:
        if reference_features(paragraphs[j].text) >= 2:
            return j
    if right_above is not None and _continues(previous, paragraphs[right_above].text):
        return right_above
    return None


def _continues(previous: str, candidate: str) -> bool:
    if is_terminal(previous) and not _opens_bracket(previous):
        return False
    first = candidate.lstrip("*\"'“‘(")[:1]
    if not first or not first.isupper():
        return True
    return _opens_bracket(previous) and _closes(candidate)


def _closes(candidate: str) -> bool:
    """Does the paragraph close a bracket it never opened (the rest of a cut footnote)?"""
    return _bracket_depths(candidate)[1] < 0


def _mark_captions_and_headings(paragraphs: list[RawParagraph], zones: list[Zone | None]) -> None:
    """Captions by their label; headings by numbering, or short lines of front matter."""
    in_front_matter = True
    for i, p in enumerate(paragraphs):
        if zones[i] is not None:
            if zones[i] == "body":
                in_front_matter = False
            continue
        text = p.text.strip()
        if CAPTION.match(text):
            zones[i] = "caption"
        elif NUMBERED_HEADING.match(text) and len(text) <= HEADING_MAX_CHARS and not text.endswith((",", ";")) \
                and not re.search(rf"[{SUPERSCRIPT_DIGITS}]", text) and text.count(". ") <= 1:
            zones[i] = "heading"
            in_front_matter = False
        elif in_front_matter and len(text) <= FRONT_MATTER_MAX_CHARS and not is_terminal(text) \
                and not SENTENCE_BOUNDARY.search(text):
            zones[i] = "heading"
        else:
            in_front_matter = False


def _join_cut_paragraphs(paragraphs: list[RawParagraph], zones: list[Zone | None],
                         only_across_breaks: bool = False) -> list[LaidOut]:
    """Merge a body paragraph left open by a page break (or a column break) with the next one.

    Footnotes, headers and captions between the two halves are kept in order
    after the merged paragraph; footnote continuations join their footnote.
    ``only_across_breaks`` (text files): two paragraphs the author separated by a
    blank line stay apart ("Dear Sir,--" above a letter); only a page break or
    something printed between them (notes, a running head) cuts a paragraph.
    """
    out: list[LaidOut] = []
    open_body: int | None = None  # index in ``out`` of a body paragraph awaiting its rest
    last_footnote: int | None = None
    interrupted = False  # something other than body stood since the open paragraph
    for p, zone in zip(paragraphs, zones):
        if only_across_breaks and zone == "body" and open_body is not None \
                and not (interrupted or p.page_break_before):
            open_body = None
        interrupted = interrupted or zone != "body"
        if zone == "header":
            continue
        if zone == "footnote_continuation":
            if last_footnote is not None and p.page - out[last_footnote].pieces[-1].page <= 1:
                item = out[last_footnote]
                out[last_footnote] = LaidOut("footnote", item.pieces + (p,))
            elif last_footnote is None and not only_across_breaks:
                pass  # small text at a page foot with no note before it: a notice or a figure's labels
            else:
                out.append(LaidOut("body", (p,)))
            continue
        if zone == "body" and open_body is not None:
            item = out[open_body]
            out[open_body] = LaidOut("body", item.pieces + (p,))
            interrupted = False
            if is_terminal(p.text):
                open_body = None
            continue
        out.append(LaidOut(zone, (p,)))
        if zone == "footnote":
            last_footnote = len(out) - 1
        elif zone == "body":
            open_body = None if is_terminal(p.text) else len(out) - 1
            interrupted = False
        elif zone == "heading":
            open_body = None
    return out
