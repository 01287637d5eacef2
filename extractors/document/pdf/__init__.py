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

The package, in the order a page is read: ``glyphs`` (what the PDF draws) -> ``rows`` (printed
lines) -> ``page`` (margins, running heads, page numbers, columns) -> ``notes`` (the note area),
``references`` (reference lists) and ``blocks`` (paragraphs, headings, captions, figure text,
the title block); ``tolerances`` holds every threshold; this module runs a page through them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from extractors.document.errors import ReadError
from extractors.document.pdf.blocks import body_opening, body_paragraphs, front_paragraphs, split_figure_text
from extractors.document.pdf.glyphs import Glyph, glyph_text, horizontal_rules, page_glyphs, pdf_error, picture_boxes
from extractors.document.pdf.notes import (
    below_separator, find_footnote_size, footnote_paragraphs, split_footnote_area,
)
from extractors.document.pdf.page import column_streams, drop_margin_rows, find_edge_rows, typical_line_gap
from extractors.document.pdf.references import ReferenceList, reference_heading
from extractors.document.pdf.streams import check_inflated_sizes
from extractors.document.pdf.rows import Row, build_rows, document_body_size
from extractors.records import RawParagraph

__all__ = ["glyph_text", "page_glyphs", "read_pdf_paragraphs"]

#: Characters one page may draw before the reader refuses it: a dense page of small print holds
#: some 10,000; a page of a million tiny glyphs is an attack on the layout, not a document.
MAX_PAGE_GLYPHS = 200_000


def read_pdf_paragraphs(path: Path) -> tuple[list[RawParagraph], int]:
    """Paragraphs of a PDF and its page count.

    Raises:
        ReadError: encrypted, corrupt, empty or image-only PDFs, with a message
            saying what the person can do about it.
    """
    import pdfplumber

    check_inflated_sizes(path)  # before pdfminer inflates anything whole
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many unrelated types for bad files
        raise pdf_error(exc) from None
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise pdf_error(exc) from None
        if not pages:
            raise ReadError("the PDF has no pages", "pdf")
        page_chars: list[list[Glyph]] = []
        heights: list[float] = []
        widths: list[float] = []
        base = 0
        drawn = Counter()  # what pages without text draw instead: images or vector paths
        try:
            page_rules: list[list[tuple[float, float, float]]] = []
            page_pictures: list[list[tuple[float, float, float, float]]] = []
            for page in pages:
                chars = page_glyphs(page, base)
                if len(chars) > MAX_PAGE_GLYPHS:
                    raise ReadError(f"page {len(page_chars) + 1} draws {len(chars):,} characters, more than the "
                                    f"{MAX_PAGE_GLYPHS:,} any printed page holds; the PDF was not laid out", "pdf")
                base += len(chars)
                page_chars.append(chars)
                page_rules.append(horizontal_rules(page))
                page_pictures.append(picture_boxes(page))
                if not chars:
                    drawn["images"] += len(page.images)
                    drawn["paths"] += len(page.curves) + len(page.rects)
                heights.append(float(page.height))
                widths.append(float(page.width))
                page.close()
        except ReadError:
            raise
        except Exception as exc:
            raise pdf_error(exc) from None
        n_pages = len(pages)
    if not any(c.text.strip() for chars in page_chars for c in chars):
        if drawn["paths"] > drawn["images"]:
            raise ReadError("no text layer: the PDF draws its text as vector outlines (paths), not characters; "
                            "export it again with text kept, or run OCR on it first", "pdf")
        raise ReadError("no text layer: the PDF holds only images (OCR is not supported)", "pdf")
    return _paragraphs_from_chars(page_chars, heights, widths, page_rules, page_pictures), n_pages


def _paragraphs_from_chars(page_chars: list[list[Glyph]], heights: list[float], widths: list[float],
                           page_rules: list[list[tuple[float, float, float]]] | None = None,
                           page_pictures: list[list[tuple[float, float, float, float]]] | None = None
                           ) -> list[RawParagraph]:
    # text that is not upright (a vertical margin id, rotated axis labels) is never prose
    page_chars = [[c for c in chars if c.upright] for chars in page_chars]
    body_size = document_body_size(page_chars, heights)
    printed_rows = [build_rows(chars, page_no + 1, body_size) for page_no, chars in enumerate(page_chars)]
    list_heading = reference_heading(printed_rows)  # before margins go: a contents line's page number counts
    pages_rows = [drop_margin_rows(rows, body_size) for rows in printed_rows]
    edge_rows = find_edge_rows(pages_rows, heights)
    footnote_size = find_footnote_size(pages_rows, heights, body_size, edge_rows)
    line_gap = typical_line_gap(pages_rows, body_size)
    paragraphs: list[RawParagraph] = []
    last_footnote: int | None = None
    references = ReferenceList(list_heading)
    for page_no, rows in enumerate(pages_rows):
        content = [r for r in rows if id(r) not in edge_rows]
        streams = column_streams(content, page_chars[page_no], page_no + 1, widths[page_no], body_size)
        body: list[Row] = []
        figure: list[Row] = []  # text drawn inside a figure or a table
        notes: list[Row] = []
        ruled = False
        rules_here = page_rules[page_no] if page_rules else []
        for stream in streams:
            stream = references.take(stream, body_size)  # rows of a reference list go there
            below = below_separator(stream, rules_here, heights[page_no], body_size)
            if below is not None:  # a separator rule above smaller text: the note area, whatever its size
                stream_body, stream_notes = stream[:below], stream[below:]
                ruled = True
            else:
                # with columns, only rows in the lower half of the page can be a column's footnote area
                lowest = 0.5 * heights[page_no] if len(streams) > 1 else 0.0
                stream_body, stream_notes = split_footnote_area(stream, footnote_size, body_size, lowest)
            stream_body, stream_figure = split_figure_text(stream_body, body_size, line_gap)
            body.extend(stream_body)
            figure.extend(stream_figure)
            notes.extend(stream_notes)
        pictures = page_pictures[page_no] if page_pictures else []
        if page_no == 0:  # a first page opens with a title block: masthead, title, authors, affiliations
            opening = body_opening(body, body_size, line_gap)
            # the block is what stands above the body's opening row, in any column ("Author 3"
            # printed beside "Author 1" is read after the first column)
            above = {id(r) for k, r in enumerate(body) if k < opening or (opening and r.bottom <= body[opening].top)}
            paragraphs.extend(front_paragraphs([r for r in body if id(r) in above], body_size, line_gap))
            body = [r for r in body if id(r) not in above]
        paragraphs.extend(body_paragraphs(body, body_size, line_gap, pictures))
        paragraphs.extend(replace(p, zone="figure") for p in body_paragraphs(figure, body_size, line_gap))
        note_paragraphs, last_footnote = footnote_paragraphs(notes, last_footnote, ruled)
        paragraphs.extend(note_paragraphs)
    paragraphs.extend(references.entries(line_gap))
    return paragraphs
