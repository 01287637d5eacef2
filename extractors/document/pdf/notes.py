"""The note area at a page's foot (under a separator rule, or set smaller than the body) and the
notes in it, with their labels (numbers, symbols, letters)."""
from __future__ import annotations

from collections import Counter
import re

from extractors.document.conventions import CAPTION, join_lines
from extractors.document.pdf.blocks import merge_italic_joins, row_offsets
from extractors.document.pdf.rows import LABEL_ONLY, Row
from extractors.document.pdf.tolerances import SAME_SIZE, SEPARATOR_LOWEST, SMALLER_THAN_BODY, TABLE_SHARE
from extractors.records import MARK_CLOSE, MARK_OPEN, RawParagraph


# The number that opens a footnote row: "12. ", "12 ", "12) ", or superscript "¹²"
FOOTNOTE_START = re.compile(r"^(?P<number>\d{1,4})(?:[.)]\s*|\s+)(?=\S)")


SUPERSCRIPT_START = re.compile(r"^(?P<number>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})\s*")


def find_footnote_size(pages_rows: list[list[Row]], heights: list[float], body_size: float, edge: set[int]) -> float | None:
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


def below_separator(rows: list[Row], rules: list[tuple[float, float, float]], height: float,
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


def split_footnote_area(rows: list[Row], footnote_size: float | None, body_size: float,
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


def footnote_paragraphs(rows: list[Row], last_number: int | None,
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
        text = merge_italic_joins(text)
        offsets = row_offsets(current, text)
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
