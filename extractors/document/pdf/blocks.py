"""Body rows into paragraphs, and what is not prose: headings, captions, the text inside figures
and tables, and a first page's title block."""
from __future__ import annotations

from dataclasses import replace
import re

from extractors import rules
from extractors.document.conventions import CAPTION, TERMINAL, join_lines
from extractors.document.pdf.rows import Row
from extractors.document.pdf.tolerances import (
    CAPTION_REACH, FIGURE_FRAGMENT_WORDS, FIGURE_NUMBER_SHARE, HEADING_SIZE_RATIO, LEADING,
    PARAGRAPH_GAP, PROSE_ROW_CHARS, SAME_SIZE, SMALLER_THAN_BODY,
)
from extractors.records import RawParagraph, without_marks
from extractors.rules import words


def body_paragraphs(rows: list[Row], body_size: float, line_gap: float,
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
            paragraphs.append(RawParagraph(merge_italic_joins(text), group[0].page,
                                           row_offsets(group, text), zone))  # type: ignore[arg-type]
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


def split_figure_text(rows: list[Row], body_size: float, line_gap: float) -> tuple[list[Row], list[Row]]:
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
ABSTRACT_HEADING = re.compile(rf"^\W{{0,2}}{rules.alternation('abstract_headings')}(?:\W|$)", re.I)


#: A section heading that may stand right above the first prose ("1 Introduction", "I. BACKGROUND").
SECTION_OPENING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s+[A-Z]|^introduction\b", re.I)


def body_opening(rows: list[Row], body_size: float, line_gap: float) -> int:
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


def front_paragraphs(rows: list[Row], body_size: float, line_gap: float) -> list[RawParagraph]:
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
            paragraphs.extend(replace(p, zone=zones[k]) for p in body_paragraphs(run, body_size, line_gap))
            run = []
    return paragraphs


#: What marks a title-block row as furniture rather than byline or affiliation: a figure (postal
#: code, street number, date, identifier), an e-mail or a web address.
FRONT_FURNITURE = re.compile(r"\d|@|\bwww\.|https?:", re.I)


def _without_calls(text: str) -> str:
    """A row without its note calls (in-band marks, superscript digits): "Li Wei¹˒²" -> "Li Wei"."""
    return re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹˒]+", "", without_marks(text))


def row_offsets(rows: list[Row], text: str) -> tuple[int, ...]:
    """Source offsets for a joined paragraph: glyph indexes where they line up, else -1."""
    flat = [o for r in rows for o in r.offsets]
    if len(flat) >= len(text):
        return tuple(flat[: len(text)])
    return tuple(flat + [-1] * (len(text) - len(flat)))


def merge_italic_joins(text: str) -> str:
    """An italic title wrapped over two rows reads '*first* *second*'; make it one span."""
    return text.replace("* *", " ").replace("**", "")
