"""Read a PDF from its characters, so that font size and baseline tell what text is.

pdfplumber gives every glyph with its size, font and box. From those we find,
without any list of known markers:

* body size: the most common glyph size in the document;
* footnote markers: digits much smaller than their row that sit above its
  baseline (or stand alone in a row of their own, when the call wrapped);
* the footnote area: the trailing rows of a page set in the footnote size
  (the most common smaller size near the foot of pages);
* running headers, footers and page numbers: rows at the top or bottom edge
  that repeat across pages with digits counted as equal, or are bare numbers;
* headings: rows set larger than the body or wholly in bold;
* italics: glyphs from an italic or oblique font;
* two columns: an empty band in the middle of a page that most body rows
  leave blank (a gutter); each band between full-width rows is then read
  left column first, then right, and each column may end in footnotes;
* ligatures ("ﬁ") as their letters.

The output is :class:`RawParagraph` rows in the shared conventions
(superscript digits for markers, ``*`` around italics), so the layout pass that
serves text files serves PDFs too. Each page is parsed once.
"""
from __future__ import annotations

import bisect
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from pdfminer.layout import LTChar, LTContainer

from extractors.document.conventions import CAPTION, TERMINAL, TO_SUPERSCRIPT, header_key, join_lines
from extractors.document.errors import ReadError
from extractors.records import MARK_CLOSE, MARK_OPEN, RawParagraph, mark
from extractors.rules import words

#: Tolerances, in one place, each relative to a glyph or body size where the page allows:
#: two glyphs stand on one baseline when their bottoms differ by less than this share of their size;
SAME_BASELINE = 0.35
#: a small glyph is raised (a superscript call) when its bottom is this share of the body size above the line;
RAISED = 0.15
#: two sizes (points) closer than this are the same type size;
SAME_SIZE = 0.3
#: a row is set smaller than the body below this share of the body size;
SMALLER_THAN_BODY = 0.95
#: a gap wider than this share of the glyph size is a space between words (PDFs that draw no space glyphs) ...
WORD_GAP = 0.2
#: ... though a justified row whose word gaps are narrow reads its spaces from its own gaps: wider
#: than this share of its median gap (italic corrections, "P(", are narrower than a row's spaces),
#: never narrower than the floor, and only where the row has enough gaps to tell;
ROW_WORD_GAP_SHARE = 0.5
ROW_WORD_GAP_FLOOR = 0.12
ROW_WORD_GAPS_NEEDED = 3
#: ... or, where the PDF draws space glyphs and other gaps are kerning, this share;
WORD_GAP_WITH_SPACE_GLYPHS = 0.6
#: a line spacing of this many typical line gaps starts a new paragraph (leading: size x this);
PARAGRAPH_GAP = 1.45
LEADING = 1.3
#: an entry's continuation lines are indented by at least this share of the type size (hanging indent);
HANGING_INDENT = 0.6
#: an unlabelled caption starts within this many body sizes of its picture; pictures are at least
#: this many points wide and high (smaller ones are ornaments).
CAPTION_REACH = 3.0
PICTURE_MIN_SIZE = 40.0
#: Symbols that mark notes ("∗", "†"): in the body a call, at the start of a note its label.
NOTE_SYMBOLS = frozenset("*∗†‡")  # not "§" or "¶": sections and paragraphs in legal text
#: Glyphs smaller than this share of the body size are candidate superscripts.
SUPERSCRIPT_SIZE_RATIO = 0.75
#: A heading is set at least this much larger than the body.
HEADING_SIZE_RATIO = 1.1
#: Rows within this share of the page height from the top or bottom are edge rows.
EDGE_SHARE = 0.09
#: Small text at a page foot where more than this share of the tokens hold no word is a table.
TABLE_SHARE = 0.7
#: A footnote separator is a thin rule at least this wide (points) ...
RULE_MIN_WIDTH = 30.0
#: ... drawn below this share of the page height.
SEPARATOR_LOWEST = 0.4
#: Glyphs on one baseline further apart than this many glyph sizes are two printed rows
#: (a margin note beside a line of text, two columns sharing a baseline).
ROW_SPLIT_GAP = 2.5
#: A row ending this many body sizes before the text block (or starting after it) is in the margin.
MARGIN_CLEARANCE = 0.5
#: An edge of the text block is shared by at least this share of a page's longer rows.
MARGIN_EDGE_SHARE = 0.15
#: ... by rows at least this share of the printed width wide (a margin column's rows are narrow).
MARGIN_COLUMN_SHARE = 0.3

# The number that opens a footnote row: "12. ", "12 ", "12) ", or superscript "¹²"
FOOTNOTE_START = re.compile(r"^(?P<number>\d{1,4})(?:[.)]\s*|\s+)(?=\S)")
SUPERSCRIPT_START = re.compile(r"^(?P<number>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})\s*")


@dataclass(frozen=True, slots=True)
class Glyph:
    """One printed character: what it reads as, its font and size, and its box (points, from
    the page's top-left); ``index`` numbers it in the document (source offsets point to it)."""

    text: str
    fontname: str
    size: float
    x0: float
    x1: float
    top: float
    bottom: float
    index: int
    upright: bool = True


@dataclass
class Row:
    """One printed line: its glyphs left to right, and what they say about it."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    italic: bool
    text: str = ""
    offsets: list[int] = field(default_factory=list)
    only_small_digits: bool = False
    #: Glyphs read into another (a spacing accent composed with its letter): not in ``offsets``,
    #: still the row's when its glyphs are regrouped (columns).
    absorbed: tuple[int, ...] = ()


def _is_italic(fontname: str) -> bool:
    name = fontname.lower()
    return "italic" in name or "oblique" in name


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return "bold" in name or "black" in name or "heavy" in name


def read_pdf_paragraphs(path: Path) -> tuple[list[RawParagraph], int]:
    """Paragraphs of a PDF and its page count.

    Raises:
        ReadError: encrypted, corrupt, empty or image-only PDFs, with a message
            saying what the person can do about it.
    """
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many unrelated types for bad files
        raise _pdf_error(exc) from None
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise _pdf_error(exc) from None
        if not pages:
            raise ReadError("the PDF has no pages", "pdf")
        page_chars: list[list[Glyph]] = []
        heights: list[float] = []
        widths: list[float] = []
        base = 0
        try:
            page_rules: list[list[tuple[float, float, float]]] = []
            page_pictures: list[list[tuple[float, float, float, float]]] = []
            for page in pages:
                chars = _glyphs(page, base)
                base += len(chars)
                page_chars.append(chars)
                page_rules.append(_horizontal_rules(page))
                page_pictures.append(_pictures(page))
                heights.append(float(page.height))
                widths.append(float(page.width))
                page.close()
        except Exception as exc:
            raise _pdf_error(exc) from None
        n_pages = len(pages)
    if not any(c.text.strip() for chars in page_chars for c in chars):
        raise ReadError("no text layer: the PDF holds only images (OCR is not supported)", "pdf")
    return _paragraphs_from_chars(page_chars, heights, widths, page_rules, page_pictures), n_pages


#: Typographic ligatures PDFs draw as one glyph ("ﬁrst"): read as their letters, so
#: words match and search finds them.
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def glyph_text(text: str) -> str:
    """The letters a glyph stands for (a ligature becomes its letters; offsets repeat per letter)."""
    return text.translate(LIGATURES)


def _glyphs(page, base: int) -> list[Glyph]:
    """The page's characters with only the fields read here, numbered from ``base``.

    Same glyphs, boxes and order as pdfplumber's ``page.chars`` (a test pins
    it), taken straight from the page layout pdfplumber interprets: building
    ``page.chars`` resolves colours and a dozen other attributes per glyph
    and took about half the reading time. Ligatures are read as their letters.
    """
    height = float(page.height)
    top_offset = float(page.mediabox[1])
    out: list[Glyph] = []

    def walk(objects) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                fontname = obj.fontname
                if isinstance(fontname, bytes):
                    fontname = fontname.decode("utf-8", "replace")
                out.append(Glyph(glyph_text(obj.get_text()), fontname, obj.size, obj.x0, obj.x1,
                                 height - obj.y1 + top_offset, height - obj.y0 + top_offset, base + len(out),
                                 getattr(obj, "upright", True)))
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(page.layout)
    return out


def _pdf_error(exc: Exception) -> ReadError:
    causes = [exc, *[a for a in getattr(exc, "args", ()) if isinstance(a, BaseException)]]
    name = " ".join(type(e).__name__ for e in causes)
    text = " ".join(str(e) for e in causes).strip()
    if "Password" in name or "Encrypt" in name or "password" in text.lower():
        return ReadError("PDF is encrypted; give the password or an unlocked copy", "pdf")
    return ReadError(f"the PDF is damaged or truncated and cannot be parsed ({name}: {text[:120]})", "pdf")


def _pictures(page) -> list[tuple[float, float, float, float]]:
    """(x0, x1, top, bottom) of the images on the page (photographs, maps, scanned plates)."""
    from pdfminer.layout import LTFigure, LTImage

    height = float(page.height)
    top_offset = float(page.mediabox[1])
    found = []

    def walk(objects) -> None:
        for obj in objects:
            if isinstance(obj, LTImage) and obj.width > PICTURE_MIN_SIZE and obj.height > PICTURE_MIN_SIZE:
                found.append((obj.x0, obj.x1, height - obj.y1 + top_offset, height - obj.y0 + top_offset))
            elif isinstance(obj, LTFigure):
                walk(obj)

    walk(page.layout)
    return found


def _horizontal_rules(page) -> list[tuple[float, float, float]]:
    """(x0, x1, top) of the thin horizontal lines drawn on the page: a footnote separator is one."""
    from pdfminer.layout import LTLine, LTRect

    height = float(page.height)
    top_offset = float(page.mediabox[1])
    return [(obj.x0, obj.x1, height - obj.y1 + top_offset) for obj in page.layout
            if isinstance(obj, (LTLine, LTRect)) and obj.height <= 2.0 and obj.width >= RULE_MIN_WIDTH]


def _paragraphs_from_chars(page_chars: list[list[Glyph]], heights: list[float], widths: list[float],
                           page_rules: list[list[tuple[float, float, float]]] | None = None,
                           page_pictures: list[list[tuple[float, float, float, float]]] | None = None
                           ) -> list[RawParagraph]:
    # text that is not upright (a vertical margin id, rotated axis labels) is never prose
    page_chars = [[c for c in chars if c.upright] for chars in page_chars]
    body_size = _body_size(page_chars, heights)
    printed_rows = [_rows(chars, page_no + 1, body_size) for page_no, chars in enumerate(page_chars)]
    list_heading = _reference_heading(printed_rows)  # before margins go: a contents line's page number counts
    pages_rows = [_drop_margin_rows(rows, body_size) for rows in printed_rows]
    edge_rows = _edge_rows(pages_rows, heights)
    footnote_size = _footnote_size(pages_rows, heights, body_size, edge_rows)
    line_gap = _typical_line_gap(pages_rows, body_size)
    paragraphs: list[RawParagraph] = []
    last_footnote: int | None = None
    references = _ReferenceList(list_heading)
    for page_no, rows in enumerate(pages_rows):
        content = [r for r in rows if id(r) not in edge_rows]
        streams = _column_streams(content, page_chars[page_no], page_no + 1, widths[page_no], body_size)
        body: list[Row] = []
        figure: list[Row] = []  # text drawn inside a figure or a table
        notes: list[Row] = []
        ruled = False
        rules_here = page_rules[page_no] if page_rules else []
        for stream in streams:
            stream = references.take(stream, body_size)  # rows of a reference list go there
            below = _below_separator(stream, rules_here, heights[page_no], body_size)
            if below is not None:  # a separator rule above smaller text: the note area, whatever its size
                stream_body, stream_notes = stream[:below], stream[below:]
                ruled = True
            else:
                # with columns, only rows in the lower half of the page can be a column's footnote area
                lowest = 0.5 * heights[page_no] if len(streams) > 1 else 0.0
                stream_body, stream_notes = _split_footnote_area(stream, footnote_size, body_size, lowest)
            stream_body, stream_figure = _split_figure_text(stream_body, body_size, line_gap)
            body.extend(stream_body)
            figure.extend(stream_figure)
            notes.extend(stream_notes)
        pictures = page_pictures[page_no] if page_pictures else []
        if page_no == 0:  # a first page opens with a title block: masthead, title, authors, affiliations
            opening = _body_opening(body, body_size, line_gap)
            # the block is what stands above the body's opening row, in any column ("Author 3"
            # printed beside "Author 1" is read after the first column)
            above = {id(r) for k, r in enumerate(body) if k < opening or (opening and r.bottom <= body[opening].top)}
            paragraphs.extend(_front_paragraphs([r for r in body if id(r) in above], body_size, line_gap))
            body = [r for r in body if id(r) not in above]
        paragraphs.extend(_body_paragraphs(body, body_size, line_gap, pictures))
        paragraphs.extend(replace(p, zone="figure") for p in _body_paragraphs(figure, body_size, line_gap))
        note_paragraphs, last_footnote = _footnote_paragraphs(notes, last_footnote, ruled)
        paragraphs.extend(note_paragraphs)
    paragraphs.extend(references.entries(line_gap))
    return paragraphs


def _drop_margin_rows(rows: list[Row], body_size: float) -> list[Row]:
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


#: A gutter between two columns is at least this many body sizes wide ...
GUTTER_MIN_WIDTH = 0.8
#: ... lies in this middle share of the page width ...
GUTTER_BAND = (0.3, 0.7)
#: ... and at most this share of the page's rows print anything inside it.
GUTTER_MAX_CROSSING = 0.15


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


def _column_streams(rows: list[Row], chars: list[Glyph], page: int, width: float,
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
    left = _rows([c for c in rest if (c.x0 + c.x1) / 2 < middle], page, body_size)
    right = _rows([c for c in rest if (c.x0 + c.x1) / 2 >= middle], page, body_size)
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


def _body_size(page_chars: list[list[Glyph]], heights: list[float]) -> float:
    """The body size: most common glyph size in the middle band of the pages.

    Counting only the middle band keeps footnotes (at the foot) and headers
    out of the vote, which matters for short documents with long notes.
    """
    def vote(band: bool) -> Counter:
        return Counter(round(c.size * 2) / 2 for chars, height in zip(page_chars, heights) for c in chars
                       if c.text.strip() and (not band or 0.1 * height < c.top < 0.65 * height))
    sizes = vote(True) or vote(False)
    return sizes.most_common(1)[0][0]


def _rows(chars: list[Glyph], page: int, body_size: float) -> list[Row]:
    """Group glyphs into printed rows; small raised digits become superscript markers."""
    glyphs = [c for c in chars if c.text.strip()]
    n_spaces = len(chars) - len(glyphs)
    space_gap = WORD_GAP_WITH_SPACE_GLYPHS if n_spaces > 0.05 * max(len(chars), 1) else WORD_GAP
    spaces = [c for c in chars if c.text == " "]
    normal = [c for c in glyphs if c.size >= SUPERSCRIPT_SIZE_RATIO * body_size or not c.text.isdigit()]
    small = [c for c in glyphs if c.size < SUPERSCRIPT_SIZE_RATIO * body_size and c.text.isdigit()]
    clusters: list[list[Glyph]] = []
    for c in sorted(normal, key=lambda c: (c.bottom, c.x0)):
        if clusters and abs(c.bottom - statistics.median(x.bottom for x in clusters[-1][-5:])) <= SAME_BASELINE * c.size:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    clusters = [piece for cluster in clusters for piece in _split_at_wide_gaps(cluster, small)]
    rows_glyphs = [[(c, False) for c in cluster] for cluster in clusters]
    orphan_runs: list[list[Glyph]] = []
    bounds = [(min(x.top for x in cluster), max(x.bottom for x in cluster)) for cluster in clusters]
    def nearest(candidates: list[int], c: Glyph) -> int | None:
        """Of the rows on this glyph's line, the one whose nearest glyph stands closest to it."""
        return min(candidates, key=lambda k: min(max(g.x0 - c.x1, c.x0 - g.x1, 0.0)
                                                 for g, _ in rows_glyphs[k]), default=None)

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
    for c in spaces:  # explicit space glyphs go to the row whose baseline they share, and stand in
        k = nearest([k for k, cluster in enumerate(clusters)
                     if abs(c.bottom - cluster[0].bottom) <= SAME_BASELINE * max(c.size, 1)], c)
        if k is not None:
            rows_glyphs[k].append((c, False))
    rows = [_make_row(page, glyphs, space_gap) for glyphs in rows_glyphs]
    for run in orphan_runs:  # a call that wrapped onto a row of its own belongs to the row above
        above = [r for r in rows if r.bottom <= run[0].top + 1]
        digits = "".join(c.text for c in run).translate(TO_SUPERSCRIPT)
        if above:
            row = max(above, key=lambda r: r.bottom)
            row.text += digits
            row.offsets.extend(c.index for c in run)
    rows = _attach_raised_marks(rows)
    rows.sort(key=lambda r: r.top)
    return rows


def _attach_raised_marks(rows: list[Row]) -> list[Row]:
    """A note symbol raised above the end of a line ("Ledgers ∗") forms a row of its own; it
    belongs at the end of the line it stands beside (a label before a note's text stays)."""
    marks = [r for r in rows if LABEL_ONLY.fullmatch(r.text.strip())]
    if not marks:
        return rows
    kept = [r for r in rows if r not in marks]
    for mark_row in marks:
        beside = [r for r in kept if r.top - r.size <= mark_row.bottom <= r.bottom + 1
                  and r.x1 - 2 <= mark_row.x0 <= r.x1 + 2 * r.size]
        if beside:
            line = min(beside, key=lambda r: mark_row.x0 - r.x1)
            line.text += mark_row.text.strip()
            line.offsets.extend(mark_row.offsets[:len(mark_row.text.strip())])
        else:
            kept.append(mark_row)
    return kept


# The heading of a reference list in a PDF: "References", "6. REFERENCES", "Bibliography", "Further reading"
REFERENCE_HEADING = re.compile(r"^\W{0,2}(?:\d{1,2}\.?\s*|[IVX]{1,4}\.\s*)?(?:References|Bibliography|Works\s+Cited|"
                               r"Literature\s+Cited|Reference\s+List|Further\s+reading|Sources)\W{0,2}$", re.I)
# The label opening an entry of a numbered list: "[12] ", "12. ", "12 "
ENTRY_LABEL = re.compile(r"^\[(?P<bracketed>\d{1,4})\]\s*|^(?P<plain>\d{1,3})\.?\s+(?=\S)")


class _ReferenceList:
    """Collects the rows of a reference list (from its heading on, over columns and pages) and
    cuts them into entries: by label ("[12]", "12.") or, unnumbered, by hanging indent (an
    entry's first row starts left of its continuation rows) or, failing that, by vertical gap.
    A heading that is not a reference heading ("Notes on contributors", "Appendix") ends the list."""

    def __init__(self, heading: Row | None) -> None:
        # the glyphs of the row that opens the list (rows are rebuilt per column, glyphs stay)
        self.heading = frozenset(i for i in heading.offsets if i >= 0) if heading else frozenset()
        self.active = False
        self.rows: list[list[Row]] = []  # one list of rows per column stream

    def take(self, stream: list[Row], body_size: float) -> list[Row]:
        """The rows of ``stream`` that are not the list's (the heading itself stays in the body)."""
        kept: list[Row] = []
        column: list[Row] = []
        left = min((r.x0 for r in stream), default=0.0)
        for row in stream:
            text = row.text.strip("* ")
            opens = bool(self.heading) and any(i in self.heading for i in row.offsets[:3])
            if opens or (self.active and REFERENCE_HEADING.match(text)):
                if not self.active:
                    kept.append(row)  # the heading itself is the body's
                self.active = True
                continue
            if self.active and (_ends_list(row, body_size) or (
                    (column or self.rows) and row.x0 <= left + 1.0 and SECTION_TITLE.match(text))):
                self.active = False
            if self.active:
                column.append(row)
            else:
                kept.append(row)
        if column:
            self.rows.append(column)
        return kept

    def entries(self, line_gap: float) -> list[RawParagraph]:
        columns = [c for c in self.rows if c]
        if not columns:
            return []
        flat = [r for c in columns for r in c]
        numbered = sum(1 for r in flat if ENTRY_LABEL.match(r.text)) >= max(2, len(flat) // 8) \
            and bool(ENTRY_LABEL.match(flat[0].text))
        groups: list[list[Row]] = []
        for column in columns:
            left = min(r.x0 for r in column)
            hanging = any(r.x0 > left + HANGING_INDENT * r.size for r in column)
            for k, row in enumerate(column):
                if numbered:
                    starts = bool(ENTRY_LABEL.match(row.text))
                elif hanging:
                    starts = row.x0 <= left + HANGING_INDENT * row.size
                else:
                    starts = k == 0 and not groups or (k > 0 and row.top - column[k - 1].top > PARAGRAPH_GAP * line_gap)
                if starts or not groups:
                    groups.append([row])
                else:
                    groups[-1].append(row)
        out = []
        for position, group in enumerate(groups, 1):
            text, _ = join_lines([(r.text, 0) for r in group])
            text = _merge_italic_joins(text)
            offsets = _row_offsets(group, text)
            label = str(position)
            if numbered and (match := ENTRY_LABEL.match(text)):
                label = match.group("bracketed") or match.group("plain")
                text, offsets = text[match.end():], offsets[match.end():]
            out.append(RawParagraph(text, group[0].page, offsets, "footnote", note_label=label,
                                    note_zone="bibliography",
                                    convention="reference_list_numbered" if numbered else "reference_list_unnumbered"))
        return out


def _reference_heading(pages_rows: list[list[Row]]) -> Row | None:
    """The heading that opens the reference list: a row that reads "References" (or the like)
    with nothing else on its line; a table-of-contents line ("References  14") does not count."""
    for rows in pages_rows:
        for row in rows:
            if REFERENCE_HEADING.match(row.text.strip("* ")) and not any(
                    other is not row and abs(other.top - row.top) < 1.0 and other.x0 > row.x1
                    and re.fullmatch(r"\W*(?:\d{1,4}|[ivxlc]{1,6})\W*", other.text, re.I) for other in rows):
                return row
    return None


# A short title at the left edge: words, no digits, no closing punctuation ("Notes on contributors")
SECTION_TITLE = re.compile(r"^[A-Z][A-Za-z'’]*(?:\s+[A-Za-z'’]+){0,5}$")


def _ends_list(row: Row, body_size: float) -> bool:
    """A heading that is not part of a reference list: larger or bold, short, no entry label."""
    text = row.text.strip("* ")
    heading_like = (row.size >= HEADING_SIZE_RATIO * body_size or row.bold) and len(text) < 60
    return heading_like and not ENTRY_LABEL.match(text) and not re.search(r"\d{4}", text)


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
    glyphs.sort(key=lambda g: g[0].x0)
    drawn = glyphs
    glyphs = _compose_accents(glyphs)
    main = [c for c, raised in glyphs if not raised] or [glyphs[0][0]]
    size = Counter(round(c.size, 1) for c in main).most_common(1)[0][0]
    row = Row(page=page, top=min(c.top for c in main), bottom=max(c.bottom for c in main),
              x0=glyphs[0][0].x0, x1=glyphs[-1][0].x1, size=size,
              bold=all(_is_bold(c.fontname) for c in main),
              italic=all(_is_italic(c.fontname) for c in main))
    if space_gap == WORD_GAP:
        space_gap = _row_word_gap(main)
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
        italic = _is_italic(c.fontname) and not raised
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
    row.text = "".join(text)
    row.offsets = offsets
    if len(glyphs) < len(drawn):
        row.absorbed = tuple(sorted({c.index for c, _ in drawn} - {c.index for c, _ in glyphs}))
    return row


#: Spacing accents TeX and other typesetters draw as their own glyph over (or under) a letter,
#: as the combining mark they stand for: "Gre´gory" reads "Grégory", "Lemaˆıtre" "Lemaître".
SPACING_ACCENTS = {"´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "^": "\u0302", "¨": "\u0308", "˜": "\u0303",
                   "~": "\u0303", "¸": "\u0327", "˚": "\u030a", "ˇ": "\u030c", "¯": "\u0304", "˘": "\u0306",
                   "˙": "\u0307", "˝": "\u030b", "˛": "\u0328"}
#: Dotless letters an accent is set on ("ˆı"): the accented letter has the dot's place.
DOTLESS = {"ı": "i", "ȷ": "j"}
#: An accent belongs to a letter it overlaps by at least this share of its own width.
ACCENT_OVERLAP = 0.5


def _compose_accents(glyphs: list[tuple[Glyph, bool]]) -> list[tuple[Glyph, bool]]:
    """Put each spacing accent on the letter it is drawn over, as one precomposed character."""
    if not any(g.text in SPACING_ACCENTS for g, _ in glyphs):
        return glyphs
    out = list(glyphs)
    k = 0
    while k < len(out):
        accent = out[k][0]
        if accent.text not in SPACING_ACCENTS:
            k += 1
            continue
        width = max(accent.x1 - accent.x0, 0.1)

        def overlap(j: int) -> float:
            if not 0 <= j < len(out) or not out[j][0].text.isalpha():
                return 0.0
            g = out[j][0]
            return max(0.0, min(g.x1, accent.x1) - max(g.x0, accent.x0)) / width

        j = max((k - 1, k + 1), key=overlap)
        if overlap(j) < ACCENT_OVERLAP:
            k += 1
            continue
        letter, raised = out[j]
        composed = unicodedata.normalize("NFC", DOTLESS.get(letter.text, letter.text) + SPACING_ACCENTS[accent.text])
        out[j] = (replace(letter, text=composed), raised) if len(composed) == 1 else out[j]
        if len(composed) == 1:
            del out[k]
            k = min(k, j)
        else:
            k += 1
    return out


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


#: A printed page number: "12", "- 12 -", "Page 12".
PAGE_NUMBER = re.compile(r"\W*(?:page\s+)?\d{1,4}\W*", re.I)


def _edge_rows(pages_rows: list[list[Row]], heights: list[float]) -> set[int]:
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


def _footnote_size(pages_rows: list[list[Row]], heights: list[float], body_size: float, edge: set[int]) -> float | None:
    """The size footnotes are set in: the most common smaller size among rows ending a page."""
    sizes: Counter = Counter()
    for rows, height in zip(pages_rows, heights):
        content = [r for r in rows if id(r) not in edge]
        for row in reversed(content):
            if row.size >= SMALLER_THAN_BODY * body_size:
                break
            if row.bottom > 0.5 * height:
                sizes[row.size] += 1
    return sizes.most_common(1)[0][0] if sizes else None


def _typical_line_gap(pages_rows: list[list[Row]], body_size: float) -> float:
    gaps = [b.top - a.top for rows in pages_rows for a, b in zip(rows, rows[1:])
            if abs(a.size - body_size) < 0.3 and abs(b.size - body_size) < 0.3 and b.top > a.top]
    # the lower quartile: paragraph gaps are rarer than line gaps, but in a short
    # document they can be a third of all gaps and would drag a median up
    return sorted(gaps)[len(gaps) // 4] if gaps else body_size * 1.4


def _below_separator(rows: list[Row], rules: list[tuple[float, float, float]], height: float,
                     body_size: float) -> int | None:
    """Index of the first row under a footnote separator: a thin rule in the lower part of the page,
    over the rows' columns, with only text smaller than the body below it (a table's rules have
    body text below them)."""
    if not rows or not rules:
        return None
    left, right = min(r.x0 for r in rows), max(r.x1 for r in rows)
    for x0, x1, top in sorted(rules, key=lambda rule: -rule[2]):
        if top < SEPARATOR_LOWEST * height or x1 < left - 2 or x0 > right + 2:
            continue
        below = [k for k, r in enumerate(rows) if r.top >= top - 1]
        prose = below and sum(len(rows[k].text) for k in below) / len(below) >= 25  # not a plot's axis labels
        if prose and all(rows[k].size < SMALLER_THAN_BODY * body_size for k in below) and below == list(range(below[0], len(rows))):
            return below[0]
        return None
    return None


def _split_footnote_area(rows: list[Row], footnote_size: float | None, body_size: float,
                         lowest_top: float = 0.0) -> tuple[list[Row], list[Row]]:
    """(body, footnote area): the trailing rows set in the footnote size, below ``lowest_top``."""
    if footnote_size is None:
        return rows, []
    k = len(rows)
    while (k > 0 and abs(rows[k - 1].size - footnote_size) < SAME_SIZE and rows[k - 1].top >= lowest_top
           and not CAPTION.match(rows[k - 1].text.strip("*"))):
        k -= 1
        # a note's label raised onto a line of its own ("*" above "This opinion is ...") opens it
        while k > 0 and k < len(rows) and LABEL_ONLY.fullmatch(rows[k - 1].text.strip()):
            k -= 1
    # a symbol note set in the body size just above the note area ("∗ Supported by a grant ...")
    for j in range(k - 1, max(k - 5, 0) - 1, -1):
        if rows[j].top < lowest_top or (j + 1 < k and rows[j + 1].top - rows[j].bottom > 2 * body_size):
            break
        if SYMBOL_START.match(rows[j].text):
            k = j
            break
    return rows[:k], rows[k:]


# A row that is only a note label: a symbol's mark or superscript digits
LABEL_ONLY = re.compile(re.escape(MARK_OPEN) + r"[^" + re.escape(MARK_CLOSE) + r"]{1,3}" + re.escape(MARK_CLOSE)
                        + r"|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}")


def _body_paragraphs(rows: list[Row], body_size: float, line_gap: float,
                     pictures: list[tuple[float, float, float, float]] = ()) -> list[RawParagraph]:
    """Rows into paragraphs: a new one at a wide gap, a change of size, a heading or a caption.

    A caption is labelled ("Figure 3. ...") or, unlabelled, set apart from the body (another
    size, or bold or italic) right below or above a picture it stands under or over."""
    paragraphs: list[RawParagraph] = []
    group: list[Row] = []
    zone = None

    def beside_picture(row: Row) -> bool:
        set_apart = abs(row.size - body_size) >= SAME_SIZE or row.bold or row.italic
        return set_apart and any(
            row.x1 > x0 and row.x0 < x1 and (0 <= row.top - bottom <= CAPTION_REACH * body_size
                                             or 0 <= top - row.bottom <= CAPTION_REACH * body_size)
            for x0, x1, top, bottom in pictures)

    def zone_of(row: Row) -> str | None:
        if CAPTION.match(row.text.strip("*")) or beside_picture(row):
            return "caption"
        if row.size >= HEADING_SIZE_RATIO * body_size or (row.bold and len(row.text) < 160):
            return "heading"
        return None

    def flush() -> None:
        nonlocal group
        if group:
            text, offsets = join_lines([(r.text, 0) for r in group])
            paragraphs.append(RawParagraph(_merge_italic_joins(text), group[0].page,
                                           _row_offsets(group, text), zone))  # type: ignore[arg-type]
        group = []

    for row in rows:
        row_zone = zone_of(row)
        if group:
            previous = group[-1]
            gap = row.top - previous.top
            same_style = abs(row.size - previous.size) < SAME_SIZE and row.italic == previous.italic
            if zone == "caption" and row_zone is None and same_style and gap <= PARAGRAPH_GAP * previous.size * LEADING:
                row_zone = "caption"  # the second row of a caption
            same_kind = row_zone == zone and abs(row.size - previous.size) < SAME_SIZE
            wide_gap = gap > PARAGRAPH_GAP * max(line_gap, previous.size * LEADING)
            # back up the page: the next column. Its first row continues the paragraph unless the
            # last one ended a sentence (then a split costs nothing: sentences never cross blocks)
            next_column = gap < 0 and TERMINAL.search(previous.text) is not None
            if (row_zone == "caption" and zone != "caption") or not same_kind or wide_gap or next_column:
                flush()
        if not group:
            zone = row_zone
        group.append(row)
    flush()
    return paragraphs


#: A row of a figure or a table has at most this many words when it is set in the body size
#: and does not end a sentence ("N-GRAMS", "Job queue") ...
FIGURE_FRAGMENT_WORDS = 3
#: ... or at least this share of its words are numbers (a table's cells).
FIGURE_NUMBER_SHARE = 0.5


def _split_figure_text(rows: list[Row], body_size: float, line_gap: float) -> tuple[list[Row], list[Row]]:
    """(prose, figure text): the rows printed inside a figure or a table next to its labelled
    caption ("Figure 2: ...", "Table 1. ..."): the run of rows right above the caption, or right
    below the caption's last row, that are set smaller than the body, are short fragments, or
    are mostly numbers. Read as prose they would cut the sentence the figure interrupts."""
    figure: set[int] = set()
    for k, row in enumerate(rows):
        if not CAPTION.match(row.text.strip("*")):
            continue
        j = k - 1
        while j >= 0 and _figure_like(rows[j], body_size):
            figure.add(id(rows[j]))
            j -= 1
        end = k  # the caption's last row: same size, at the line spacing
        while end + 1 < len(rows) and abs(rows[end + 1].size - row.size) < SAME_SIZE \
                and 0 < rows[end + 1].top - rows[end].top <= PARAGRAPH_GAP * max(line_gap, row.size * LEADING) \
                and not TERMINAL.search(rows[end].text):
            end += 1
        j = end + 1
        while j < len(rows) and _figure_like(rows[j], body_size):
            figure.add(id(rows[j]))
            j += 1
    return [r for r in rows if id(r) not in figure], [r for r in rows if id(r) in figure]


def _figure_like(row: Row, body_size: float) -> bool:
    """Does the row read as a figure's label, a table's cells or pseudocode rather than prose?"""
    if CAPTION.match(row.text.strip("*")):
        return False
    if row.size < SMALLER_THAN_BODY * body_size:
        return True
    tokens = row.text.split()
    numbers = sum(1 for t in tokens if re.fullmatch(r"[(\[]?[-+−]?\d[\d.,%]*[)\]]?", t))
    return (len(tokens) <= FIGURE_FRAGMENT_WORDS and not TERMINAL.search(row.text)) \
        or (bool(tokens) and numbers / len(tokens) >= FIGURE_NUMBER_SHARE)


#: The heading that ends a first page's title block ("Abstract", "ABSTRACT", "Abstract. We ...").
ABSTRACT_HEADING = re.compile(r"^\W{0,2}(?:abstract|summary|synopsis)(?:\W|$)", re.I)
#: A section heading that may stand right above the first prose ("1 Introduction", "I. BACKGROUND").
SECTION_OPENING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s+[A-Z]|^introduction\b", re.I)
#: A row of running prose is at least this many characters long.
PROSE_ROW_CHARS = 40


def _body_opening(rows: list[Row], body_size: float, line_gap: float) -> int:
    """Index of the first-page row where the body opens, after the title block: an Abstract
    heading, or else the first two consecutive rows of running prose (body size, long, sharing a
    left or right edge: centred title-block lines share neither). 0 when neither is found: then
    nothing on the page is taken for front matter."""
    def prose(row: Row) -> bool:
        return abs(row.size - body_size) < SAME_SIZE and len(row.text) >= PROSE_ROW_CHARS and not row.bold

    for i, row in enumerate(rows):
        if ABSTRACT_HEADING.match(row.text.lstrip("*")):
            return i
        following = rows[i + 1] if i + 1 < len(rows) else None
        if following is not None and prose(row) and prose(following) \
                and 0 < following.top - row.top <= PARAGRAPH_GAP * max(line_gap, row.size * LEADING) \
                and (abs(row.x0 - following.x0) < 1.0 or abs(row.x1 - following.x1) < 1.0):
            return i - 1 if i and SECTION_OPENING.match(rows[i - 1].text.lstrip("*")) else i
    return 0


def _front_paragraphs(rows: list[Row], body_size: float, line_gap: float) -> list[RawParagraph]:
    """A first page's title block. The title (the largest type) is zone 'title'; the block's
    furniture is zone 'front': rows above the title (a masthead), rows with figures, e-mail or web
    addresses (postal addresses, dates received, identifiers) and an office's stamp ("Jane Roe" /
    "Clerk"). Bylines and affiliations stay in the body as headings: who wrote it, and where."""
    if not rows:
        return []
    largest = max(r.size for r in rows)
    titled = largest >= HEADING_SIZE_RATIO * body_size
    first_title = next((k for k, r in enumerate(rows) if r.size == largest), 0) if titled else 0
    offices = words("office_words")

    def office(k: int) -> bool:
        return k < len(rows) and rows[k].text.strip(" .,*").casefold() in offices

    def zone_of(k: int) -> str:
        row = rows[k]
        if titled and row.size == largest:
            return "title"
        furniture = k < first_title or FRONT_FURNITURE.search(_without_calls(row.text)) is not None
        return "front" if furniture or office(k) or office(k + 1) else "heading"

    zones = [zone_of(k) for k in range(len(rows))]
    paragraphs: list[RawParagraph] = []
    run: list[Row] = []
    for k, row in enumerate(rows):
        run.append(row)
        if k + 1 == len(rows) or zones[k + 1] != zones[k]:
            paragraphs.extend(replace(p, zone=zones[k]) for p in _body_paragraphs(run, body_size, line_gap))
            run = []
    return paragraphs


#: What marks a title-block row as furniture rather than byline or affiliation: a figure (postal
#: code, street number, date, identifier), an e-mail or a web address.
FRONT_FURNITURE = re.compile(r"\d|@|\bwww\.|https?:", re.I)


def _without_calls(text: str) -> str:
    """A row without its note calls (in-band marks, superscript digits): "Li Wei¹˒²" -> "Li Wei"."""
    return re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹˒]+", "", re.sub(re.escape(MARK_OPEN) + ".*?" + re.escape(MARK_CLOSE), "", text))


def _row_offsets(rows: list[Row], text: str) -> tuple[int, ...]:
    """Source offsets for a joined paragraph: glyph indexes where they line up, else -1."""
    flat = [o for r in rows for o in r.offsets]
    if len(flat) >= len(text):
        return tuple(flat[: len(text)])
    return tuple(flat + [-1] * (len(text) - len(flat)))


def _merge_italic_joins(text: str) -> str:
    """An italic title wrapped over two rows reads '*first* *second*'; make it one span."""
    return text.replace("* *", " ").replace("**", "")


def _footnote_paragraphs(rows: list[Row], last_number: int | None,
                         ruled: bool = False) -> tuple[list[RawParagraph], int | None]:
    """Footnote rows into notes: a row opens a new one when it starts with the next number in
    sequence or with a note symbol ("∗", "†"); rows before any label continue the last note of
    the previous page; under a separator rule, in a document with no note yet, they are a note of
    their own that prints no label (a funding line), known by its position."""
    paragraphs: list[RawParagraph] = []
    current: list[Row] = []
    label: str | None = None
    cut = 0

    def flush() -> None:
        if not current:
            return
        text, _ = join_lines([(r.text, 0) for r in current])
        text = _merge_italic_joins(text)
        offsets = _row_offsets(current, text)
        words = text.split()
        if len(words) > 12 and sum(1 for w in words if not re.search(r"[^\W\d_]{3}", w)) > TABLE_SHARE * len(words):
            return  # rows of a table set small at the page foot (figures and signs, few words), not a note
        if label is None:
            paragraphs.append(RawParagraph(text, current[0].page, offsets, "footnote_continuation"))
        else:
            start = cut + len(text[cut:]) - len(text[cut:].lstrip())  # a label on a line of its own
            paragraphs.append(RawParagraph(text[start:], current[0].page, offsets[start:], "footnote",
                                           note_label=label, note_zone="footnote", convention="pdf_page_foot"))

    notice = False  # rows of a printed notice (copyright, permissions) below a note: no note
    for row in rows:
        opened = _opens_footnote(row.text, last_number)
        if opened is None and ruled and not current and last_number is None and not paragraphs:
            opened = ("", 0)
        if opened is None and current and label is not None and abs(row.size - current[-1].size) >= 0.3 \
                and row.top - current[-1].bottom > 0.5 * row.size:
            flush()  # set apart from the note in another size, with no label
            current, notice = [], True
        if opened is None and notice:
            continue
        if opened is not None:
            notice = False
            flush()
            label, cut = opened
            if label.isdigit():
                last_number = int(label)
            elif last_number is None:
                last_number = 0  # a symbol note was seen: later unlabelled rows continue notes
            current = [row]
        else:
            current.append(row)
    flush()
    return paragraphs, last_number


# A note symbol opening a row: the in-band mark a symbol glyph became ("∗ Supported by a grant ...")
SYMBOL_START = re.compile(re.escape(MARK_OPEN) + r"(?P<symbol>[^" + re.escape(MARK_CLOSE) + r"]{1,3})"
                          + re.escape(MARK_CLOSE) + r"\s*")


def _opens_footnote(text: str, last_number: int | None) -> tuple[str, int] | None:
    """(label, characters to cut) when the row starts the note that comes next in sequence."""
    symbol = SYMBOL_START.match(text)
    if symbol:
        return symbol.group("symbol"), symbol.end()
    match = SUPERSCRIPT_START.match(text) or FOOTNOTE_START.match(text)
    if not match:
        return None
    number = int(match.group("number").translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
    expected_ok = last_number is None or last_number < number <= last_number + 2
    if not expected_ok:
        return None
    return str(number), match.end()
