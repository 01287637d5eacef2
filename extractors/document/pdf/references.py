"""Reference lists: found by their heading, in any column, and cut into entries by label, hanging
indent or gap, never by paragraph alone."""
from __future__ import annotations

import re

from extractors import rules
from extractors.document.conventions import join_lines
from extractors.document.pdf.blocks import merge_italic_joins, row_offsets
from extractors.document.pdf.rows import Row
from extractors.document.pdf.tolerances import HANGING_INDENT, HEADING_SIZE_RATIO, PARAGRAPH_GAP
from extractors.records import RawParagraph


# The heading of a reference list in a PDF: "References", "6. REFERENCES", "Bibliography", "Further reading"
REFERENCE_HEADING = re.compile(rf"^\W{{0,2}}(?:\d{{1,2}}\.?\s*|[IVX]{{1,4}}\.\s*)?{rules.alternation('reference_list_headings')}"
                               r"\W{0,2}$", re.I)


# The label opening an entry of a numbered list: "[12] ", "12. ", "12 "
ENTRY_LABEL = re.compile(r"^\[(?P<bracketed>\d{1,4})\]\s*|^(?P<plain>\d{1,3})\.?\s+(?=\S)")


class ReferenceList:
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
            text = merge_italic_joins(text)
            offsets = row_offsets(group, text)
            label = str(position)
            if numbered and (match := ENTRY_LABEL.match(text)):
                label = match.group("bracketed") or match.group("plain")
                text, offsets = text[match.end():], offsets[match.end():]
            out.append(RawParagraph(text, group[0].page, offsets, "footnote", note_label=label,
                                    note_zone="bibliography",
                                    convention="reference_list_numbered" if numbered else "reference_list_unnumbered"))
        return out


def reference_heading(pages_rows: list[list[Row]]) -> Row | None:
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
