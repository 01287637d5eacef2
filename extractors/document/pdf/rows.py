"""Glyphs into printed rows: one baseline, word spaces recovered from the gaps, raised digits and
note symbols read as calls, italics marked."""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, replace
import re
import statistics

from extractors.document.conventions import TO_SUPERSCRIPT
from extractors.document.pdf.glyphs import Glyph, NOTE_SYMBOLS, compose_accents, is_bold, is_italic
from extractors.document.pdf.tolerances import (
    RAISED, ROW_SPLIT_GAP, ROW_WORD_GAPS_NEEDED, ROW_WORD_GAP_FLOOR, ROW_WORD_GAP_SHARE,
    SAME_BASELINE, SUPERSCRIPT_SIZE_RATIO, WORD_GAP, WORD_GAP_WITH_SPACE_GLYPHS,
)
from extractors.records import MARK_CLOSE, MARK_OPEN, mark


@dataclass(frozen=True, slots=True)
class Row:
    """One printed line: its glyphs left to right, and what they say about it. Built once; a call
    that belongs at its end gives a new row (:func:`_with_appended`)."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    italic: bool
    text: str = ""
    offsets: tuple[int, ...] = ()
    #: Glyphs read into another (a spacing accent composed with its letter): not in ``offsets``,
    #: still the row's when its glyphs are regrouped (columns).
    absorbed: tuple[int, ...] = ()


def document_body_size(page_chars: list[list[Glyph]], heights: list[float]) -> float:
    """The body size: most common glyph size in the middle band of the pages.

    Counting only the middle band keeps footnotes (at the foot) and headers
    out of the vote, which matters for short documents with long notes.
    """
    def vote(band: bool) -> Counter:
        return Counter(round(c.size * 2) / 2 for chars, height in zip(page_chars, heights) for c in chars
                       if c.text.strip() and (not band or 0.1 * height < c.top < 0.65 * height))
    sizes = vote(True) or vote(False)
    return sizes.most_common(1)[0][0]


def _median_bottom(glyphs: list[Glyph]) -> float:
    """``statistics.median`` of the glyphs' bottoms, the same arithmetic (asked once per glyph)."""
    bottoms = sorted(g.bottom for g in glyphs)
    middle = len(bottoms) // 2
    return bottoms[middle] if len(bottoms) % 2 else (bottoms[middle - 1] + bottoms[middle]) / 2


def build_rows(chars: list[Glyph], page: int, body_size: float) -> list[Row]:
    """Group glyphs into printed rows; small raised digits become superscript markers."""
    glyphs = [c for c in chars if c.text.strip()]
    n_spaces = len(chars) - len(glyphs)
    space_gap = WORD_GAP_WITH_SPACE_GLYPHS if n_spaces > 0.05 * max(len(chars), 1) else WORD_GAP
    spaces = [c for c in chars if c.text == " "]
    normal = [c for c in glyphs if c.size >= SUPERSCRIPT_SIZE_RATIO * body_size or not c.text.isdigit()]
    small = [c for c in glyphs if c.size < SUPERSCRIPT_SIZE_RATIO * body_size and c.text.isdigit()]
    clusters: list[list[Glyph]] = []
    for c in sorted(normal, key=lambda c: (c.bottom, c.x0)):
        if clusters and abs(c.bottom - _median_bottom(clusters[-1][-5:])) <= SAME_BASELINE * c.size:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    clusters = [piece for cluster in clusters for piece in _split_at_wide_gaps(cluster, small)]
    rows_glyphs = [[(c, False) for c in cluster] for cluster in clusters]
    orphan_runs: list[list[Glyph]] = []
    bounds = [(min(x.top for x in cluster), max(x.bottom for x in cluster)) for cluster in clusters]
    edges = _RowEdges(rows_glyphs)

    def nearest(candidates: list[int], c: Glyph) -> int | None:
        """Of the rows on this glyph's line, the one whose nearest glyph stands closest to it."""
        return min(candidates, key=lambda k: edges.gap(k, c), default=None)

    for c in sorted(small, key=lambda c: c.x0):  # left to right: a run of digits follows its first
        centre = (c.top + c.bottom) / 2
        home = nearest([k for k, (top, bottom) in enumerate(bounds) if top - 1 <= centre <= bottom + 1], c)
        if home is None:
            if orphan_runs and abs(orphan_runs[-1][-1].top - c.top) < 1 and c.x0 - orphan_runs[-1][-1].x1 < 2:
                orphan_runs[-1].append(c)
            else:
                orphan_runs.append([c])
            continue
        baseline = statistics.median(x.bottom for x in clusters[home])
        raised = c.bottom < baseline - RAISED * body_size
        rows_glyphs[home].append((c, raised))
        edges.add(home, c)
    baselines = sorted((cluster[0].bottom, k) for k, cluster in enumerate(clusters))
    for c in spaces:  # explicit space glyphs go to the row whose baseline they share, and stand in
        reach = SAME_BASELINE * max(c.size, 1)
        near = baselines[bisect.bisect_left(baselines, (c.bottom - reach - 1e-6,)):
                         bisect.bisect_right(baselines, (c.bottom + reach + 1e-6, len(clusters)))]
        k = nearest(sorted(k for bottom, k in near if abs(c.bottom - bottom) <= reach), c)
        if k is not None:
            rows_glyphs[k].append((c, False))
            edges.add(k, c)
    rows = [_make_row(page, glyphs, space_gap) for glyphs in rows_glyphs]
    for run in orphan_runs:  # a call that wrapped onto a row of its own belongs to the row above
        above = [k for k, r in enumerate(rows) if r.bottom <= run[0].top + 1]
        digits = "".join(c.text for c in run).translate(TO_SUPERSCRIPT)
        if above:
            k = max(above, key=lambda k: rows[k].bottom)
            rows[k] = _with_appended(rows[k], digits, (c.index for c in run))
    rows = _attach_raised_marks(rows)
    rows.sort(key=lambda r: r.top)
    return rows


class _RowEdges:
    """Each row's glyph edges, kept sorted: the gap from a glyph to a row's nearest glyph is two
    bisections instead of a walk along the row (a page's thousands of space glyphs each looked
    at every glyph of their row)."""

    def __init__(self, rows_glyphs: list[list[tuple[Glyph, bool]]]):
        self._lefts = [sorted(g.x0 for g, _ in row) for row in rows_glyphs]
        self._rights = [sorted(g.x1 for g, _ in row) for row in rows_glyphs]

    def add(self, k: int, glyph: Glyph) -> None:
        bisect.insort(self._lefts[k], glyph.x0)
        bisect.insort(self._rights[k], glyph.x1)

    def gap(self, k: int, c: Glyph) -> float:
        """min over the row's glyphs g of max(g.x0 - c.x1, c.x0 - g.x1, 0): 0 when one overlaps."""
        lefts, rights = self._lefts[k], self._rights[k]
        after = bisect.bisect_left(lefts, c.x1)  # lefts[after:] start at or beyond c's right edge
        before = bisect.bisect_right(rights, c.x0)  # rights[:before] end at or before c's left edge
        if (len(lefts) - after) + before < len(lefts):
            return 0.0  # a glyph neither wholly right nor wholly left of c overlaps it
        gaps = ([lefts[after] - c.x1] if after < len(lefts) else []) + ([c.x0 - rights[before - 1]] if before else [])
        return max(min(gaps), 0.0) if gaps else float("inf")


def _attach_raised_marks(rows: list[Row]) -> list[Row]:
    """A note symbol raised above the end of a line ("Ledgers ∗") forms a row of its own; it
    belongs at the end of the line it stands beside (a label before a note's text stays)."""
    marks = [r for r in rows if LABEL_ONLY.fullmatch(r.text.strip())]
    if not marks:
        return rows
    kept = [r for r in rows if r not in marks]
    for mark_row in marks:
        beside = [k for k, r in enumerate(kept) if r.top - r.size <= mark_row.bottom <= r.bottom + 1
                  and r.x1 - 2 <= mark_row.x0 <= r.x1 + 2 * r.size]
        if beside:
            k = min(beside, key=lambda k: mark_row.x0 - kept[k].x1)
            label = mark_row.text.strip()
            kept[k] = _with_appended(kept[k], label, mark_row.offsets[:len(label)])
        else:
            kept.append(mark_row)
    return kept


def _split_at_wide_gaps(cluster: list[Glyph], small: list[Glyph]) -> list[list[Glyph]]:
    """One baseline, several printed rows: split where glyphs stand :data:`ROW_SPLIT_GAP` sizes apart
    and no small glyph (a digit set smaller, a superscript) stands between them."""
    ordered = sorted(cluster, key=lambda c: c.x0)
    pieces = [[ordered[0]]]
    reach = ordered[0].x1
    top = min(c.top for c in cluster) - 1
    bottom = max(c.bottom for c in cluster) + 1
    for c in ordered[1:]:
        gap = c.x0 - reach
        previous = pieces[-1][-1]
        other_type = abs(c.size - previous.size) > 1.0 and gap > 0.8 * min(c.size, previous.size)
        if other_type or (gap > ROW_SPLIT_GAP * max(c.size, 1.0) and not any(
                reach - 1 <= s.x0 <= c.x0 + 1 and top <= (s.top + s.bottom) / 2 <= bottom for s in small)):
            pieces.append([c])
        else:
            pieces[-1].append(c)
        reach = max(reach, c.x1)
    return pieces


def _make_row(page: int, glyphs: list[tuple[Glyph, bool]], space_gap: float) -> Row:
    """One row's text. ``space_gap`` is the gap (share of the glyph size) read as a space:
    small when the PDF draws no space glyphs, large when it does (then gaps are kerning)."""
    drawn = sorted(glyphs, key=lambda g: g[0].x0)
    glyphs = compose_accents(drawn)
    main = [c for c, raised in glyphs if not raised] or [glyphs[0][0]]
    if space_gap == WORD_GAP:
        space_gap = _row_word_gap(main)
    text, offsets = _row_text(glyphs, space_gap)
    return Row(page=page, top=min(c.top for c in main), bottom=max(c.bottom for c in main),
               x0=glyphs[0][0].x0, x1=glyphs[-1][0].x1, size=Counter(round(c.size, 1) for c in main).most_common(1)[0][0],
               bold=all(is_bold(c.fontname) for c in main), italic=all(is_italic(c.fontname) for c in main),
               text=text, offsets=tuple(offsets),
               absorbed=tuple(sorted({c.index for c, _ in drawn} - {c.index for c, _ in glyphs})))


def _row_text(glyphs: list[tuple[Glyph, bool]], space_gap: float) -> tuple[str, list[int]]:
    """A row's text and each character's glyph index (-1 for what the reader inserts: word spaces,
    italic asterisks); raised digits as superscripts, note symbols as marks."""
    text: list[str] = []
    offsets: list[int] = []
    italic_open = False
    previous = None
    for c, raised in glyphs:
        if c.text == " ":
            if text and text[-1] != " ":
                text.append(" ")
                offsets.append(c.index)
            previous = c
            continue
        if previous is not None and not raised and text and text[-1] != " " \
                and c.x0 - previous.x1 > space_gap * min(c.size, previous.size):
            text.append(" ")
            offsets.append(-1)
        italic = is_italic(c.fontname) and not raised
        if italic and not italic_open:
            text.append("*")
            offsets.append(-1)
            italic_open = True
        elif not italic and italic_open and not raised:
            _close_italic(text, offsets)
            italic_open = False
        if c.text in NOTE_SYMBOLS:
            glyph = mark(c.text)  # "Harbours∗": a symbol calls (or, opening a note, labels) a note
        else:
            glyph = c.text.translate(TO_SUPERSCRIPT) if raised else c.text
        text.append(glyph)
        offsets.extend([c.index] * len(glyph))
        previous = c
    if italic_open:
        _close_italic(text, offsets)
    return "".join(text), offsets


def _with_appended(row: Row, text: str, offsets) -> Row:
    """The row with a call printed at its end ("...gate" + "¹²")."""
    return replace(row, text=row.text + text, offsets=row.offsets + tuple(offsets))


def _row_word_gap(glyphs: list[Glyph]) -> float:
    """The gap (share of the glyph size) read as a space in a row drawn without space glyphs."""
    gaps = sorted((b.x0 - a.x1) / min(a.size, b.size) for a, b in zip(glyphs, glyphs[1:]) if min(a.size, b.size) > 0)
    spaces = [g for g in gaps if g >= ROW_WORD_GAP_FLOOR]
    if len(spaces) < ROW_WORD_GAPS_NEEDED:
        return WORD_GAP
    return min(WORD_GAP, max(ROW_WORD_GAP_FLOOR, ROW_WORD_GAP_SHARE * spaces[len(spaces) // 2]))


def _close_italic(text: list[str], offsets: list[int]) -> None:
    """Close an italic run before any trailing space, so '*title* next' and not '*title *next'."""
    trailing = 0
    while text and text[-1] == " ":
        text.pop()
        offsets.pop()
        trailing += 1
    text.append("*")
    offsets.append(-1)
    text.extend([" "] * trailing)
    offsets.extend([-1] * trailing)


# A row that is only a note label: a symbol's mark or superscript digits
LABEL_ONLY = re.compile(re.escape(MARK_OPEN) + r"[^" + re.escape(MARK_CLOSE) + r"]{1,3}" + re.escape(MARK_CLOSE)
                        + r"|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}")
