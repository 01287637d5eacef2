"""What a page prints around its text: margin columns, running heads and page numbers, and the
gutter between two columns that decides the reading order."""
from __future__ import annotations

import bisect
from collections import Counter
import re

from extractors.document.conventions import header_key
from extractors.document.pdf.glyphs import Glyph
from extractors.document.pdf.rows import Row, build_rows
from extractors.document.pdf.tolerances import (
    EDGE_SHARE, GUTTER_BAND, GUTTER_MAX_CROSSING, GUTTER_MIN_WIDTH, MARGIN_CLEARANCE,
    MARGIN_COLUMN_SHARE, MARGIN_EDGE_SHARE,
)


def drop_margin_rows(rows: list[Row], body_size: float) -> list[Row]:
    """Rows printed in a page's outer margin (running heads, page numbers and captions set
    beside the text block): entirely left of the text block's left edge, or right of its
    right edge. The edges are where most body-size rows of the page start and end."""
    prose = [r for r in rows if len(r.text) > 25]
    if len(prose) < 5:
        return rows
    # the left edges many rows share (one per column); the block ends where its rows end
    span = max(r.x1 for r in prose) - min(r.x0 for r in prose)

    def column_wide(x: int) -> bool:  # rows of a text column, not of a narrow margin column
        widths = sorted(r.x1 - r.x0 for r in prose if round(r.x0) == x)
        return widths[len(widths) // 2] >= MARGIN_COLUMN_SHARE * span

    starts = {x for x, n in Counter(round(r.x0) for r in prose).items()
              if n >= MARGIN_EDGE_SHARE * len(prose) and column_wide(x)}
    if not starts:
        return rows
    left = min(starts)
    right = max(r.x1 for r in prose if round(r.x0) in starts)
    margin = MARGIN_CLEARANCE * body_size
    return [r for r in rows if not (r.x1 < left - margin or r.x0 > right + margin)]


def _gutter(rows: list[Row], glyphs_of: dict[int, list[Glyph]], width: float,
            body_size: float) -> tuple[float, float] | None:
    """The empty vertical band between two text columns, or None for a single-column page.

    A page is read as two columns when some band in the middle of the page is
    crossed by at most a tenth of its rows (a title, a full-width note) while
    many rows print on each side of it. Every printed row votes (a column of
    references is set smaller than the body; notes and titles that span both
    columns are few). Word gaps in single-column prose do not line up over a body
    size, so such pages never have a gutter.
    """
    rows = printed = [r for r in rows if len(r.text) > 3]
    if len(rows) < 3:
        return None
    lo, hi = int(GUTTER_BAND[0] * width), int(GUTTER_BAND[1] * width)
    crossing = [0] * (hi - lo)
    row_glyphs = []
    for row in rows:
        glyphs = glyphs_of[id(row)]
        row_glyphs.append(glyphs)
        covered = set()
        for c in glyphs:
            covered.update(range(max(lo, int(c.x0)), min(hi, int(c.x1) + 1)))
        for x in covered:
            crossing[x - lo] += 1
    limit = GUTTER_MAX_CROSSING * len(rows)
    best: tuple[int, int] | None = None
    start = None
    for k, count in enumerate(crossing + [len(rows) + 1]):
        if count <= limit and start is None:
            start = k
        elif count > limit and start is not None:
            if best is None or k - start > best[1] - best[0]:
                best = (start, k)
            start = None
    if best is None or best[1] - best[0] < GUTTER_MIN_WIDTH * body_size:
        return None
    g0, g1 = lo + best[0], lo + best[1]
    sides = [glyphs_of[id(r)] for r in printed]
    left = sum(1 for glyphs in sides if any(c.x1 <= g0 for c in glyphs))
    right = sum(1 for glyphs in sides if any(c.x0 >= g1 for c in glyphs))
    if min(left, right) < 0.3 * len(sides):
        return None  # text on one side only: a narrow page or a ragged list, not columns
    return float(g0), float(g1)


def _spans_gutter(glyphs: list[Glyph], g0: float, g1: float, min_gap: float) -> bool:
    """Does this row run across the gutter (a title), rather than being two column rows that
    share a baseline (a note at the foot of each column)? Two rows leave a wide gap at the gutter."""
    if not any(c.x0 < g1 and c.x1 > g0 for c in glyphs):
        return False
    middle = (g0 + g1) / 2
    if not (any(c.x1 <= middle for c in glyphs) and any(c.x0 >= middle for c in glyphs)):
        return False  # a long line of one column that reaches into the gutter
    reach = None
    for c in sorted(glyphs, key=lambda c: c.x0):
        if reach is not None and c.x0 - reach >= min_gap and c.x0 > g0 and reach < g1:
            return False
        reach = c.x1 if reach is None else max(reach, c.x1)
    return True


def column_streams(rows: list[Row], chars: list[Glyph], page: int, width: float,
                    body_size: float) -> list[list[Row]]:
    """The page's rows in reading order, as streams: one for a single-column page;
    for two columns, the rows crossing the gutter (titles, full-width notes) cut the
    page into bands, and each band is read left column first, then right."""
    by_index = {c.index: c for c in chars}
    # the printed glyphs of each row (a row's offsets repeat an index for a ligature's letters)
    glyphs_of = {id(row): [by_index[i] for i in dict.fromkeys(row.offsets) if i >= 0 and by_index[i].text.strip()]
                 for row in rows}
    gutter = _gutter(rows, glyphs_of, width, body_size)
    if gutter is None:
        return [rows]
    g0, g1 = gutter
    spanning = [row for row in rows if _spans_gutter(glyphs_of[id(row)], g0, g1, GUTTER_MIN_WIDTH * body_size)]
    spanning_indexes = {i for row in spanning for i in (*row.offsets, *row.absorbed)}
    in_columns = {i for row in rows for i in (*row.offsets, *row.absorbed)} - spanning_indexes
    middle = (g0 + g1) / 2
    rest = [c for c in chars if c.index in in_columns]
    left = build_rows([c for c in rest if (c.x0 + c.x1) / 2 < middle], page, body_size)
    right = build_rows([c for c in rest if (c.x0 + c.x1) / 2 >= middle], page, body_size)
    cuts = [r.top for r in spanning]
    streams: list[list[Row]] = []
    full_width_open = False  # the last stream holds full-width rows: a following one joins it
    for band in range(len(spanning) + 1):
        for side in (left, right):
            column = [r for r in side if bisect.bisect_right(cuts, r.top) == band]
            if column:
                streams.append(column)
                full_width_open = False
        if band < len(spanning):
            if full_width_open:
                streams[-1].append(spanning[band])
            else:
                streams.append([spanning[band]])
                full_width_open = True
    return streams


#: A printed page number: "12", "- 12 -", "Page 12".
PAGE_NUMBER = re.compile(r"\W*(?:page\s+)?\d{1,4}\W*", re.I)


def find_edge_rows(pages_rows: list[list[Row]], heights: list[float]) -> set[int]:
    """Running headers, footers and page numbers: repeated or bare-number rows at page edges."""
    candidates: list[Row] = []
    edge: set[int] = set()
    for rows, height in zip(pages_rows, heights):
        if not rows:
            continue
        first, last = rows[0], max(rows, key=lambda r: r.bottom)
        for row in rows:
            if not (row.top < EDGE_SHARE * height or row.bottom > (1 - EDGE_SHARE) * height):
                continue
            # the first and last printed lines (one line may be several rows: "Title ... 12")
            if abs(row.top - first.top) <= 1.0 or abs(row.bottom - last.bottom) <= 1.0:
                candidates.append(row)
            # a page number alone on its line, also when a first page's imprint is printed below it
            elif PAGE_NUMBER.fullmatch(row.text) and not any(
                    other is not row and other.top < row.bottom and other.bottom > row.top for other in rows):
                edge.add(id(row))
    counts = Counter(header_key(r.text) for r in candidates)
    for row in candidates:
        if counts[header_key(row.text)] >= 2 or PAGE_NUMBER.fullmatch(row.text):
            edge.add(id(row))
    return edge


def typical_line_gap(pages_rows: list[list[Row]], body_size: float) -> float:
    gaps = [b.top - a.top for rows in pages_rows for a, b in zip(rows, rows[1:])
            if abs(a.size - body_size) < 0.3 and abs(b.size - body_size) < 0.3 and b.top > a.top]
    # the lower quartile: paragraph gaps are rarer than line gaps, but in a short
    # document they can be a third of all gaps and would drag a median up
    return sorted(gaps)[len(gaps) // 4] if gaps else body_size * 1.4
