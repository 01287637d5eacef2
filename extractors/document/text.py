"""Reading source files into raw paragraphs, with errors a person understands.

Text files are decoded (UTF-8, UTF-16 with a BOM, else cp1252), normalised to
NFC and cut into paragraphs at blank lines, at form feeds (explicit page
breaks) and before every line that opens with a superscript footnote number.
PDFs go through :mod:`extractors.pdf`. Both return :class:`RawParagraph` rows
in the same in-band conventions, so the layout pass is shared.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from extractors.document.conventions import (FOOTNOTE_LINE, LIST_ENTRY_LINE, NOTES_HEADING, REFERENCE_SECTION, is_toc_line,
                                             join_lines)
from extractors.document.markup import blank_wrappers, clean_paragraphs
from extractors.document.textnotes import read_conventions
from extractors.document.errors import ReadError
from extractors.records import RawParagraph

#: Extensions the pipeline reads; anything else in raw/ is skipped with a notice.
SUPPORTED_EXTENSIONS = {".txt": "text", ".text": "text", ".md": "text", ".pdf": "pdf"}

#: Larger text files are refused instead of exhausting memory (about 10 bytes of
#: working state per character during layout and NLP).
MAX_TEXT_BYTES = 20 * 1024 * 1024



# A well-formed UTF-8 multi-byte sequence (2-4 bytes); legacy cp1252 text almost never contains one
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")




def source_format(path: Path) -> str | None:
    """'text', 'pdf', or None for an extension the pipeline does not read."""
    return SUPPORTED_EXTENSIONS.get(path.suffix.lower())


#: Unicode's control characters (category Cc: U+0000-U+001F, U+007F-U+009F) but the line
#: breaks, tab and form feed that text files hold.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode_text(data: bytes) -> str:
    """Decode bytes the way people's files actually arrive.

    UTF-8 (with or without BOM) first, UTF-16 only with its BOM, then cp1252 for
    legacy Windows text. Binary junk (NUL bytes, or mostly control characters)
    is refused rather than loaded as gibberish.
    """
    if not data.strip():
        raise ReadError("the file is empty: there is no text to read", stage="read")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(f"invalid UTF-16 despite its byte-order mark: {exc.reason}", "decode") from None
    else:
        if b"\x00" in data[:65536]:
            text = _utf16_without_bom(data)
            if text is None:
                raise ReadError("the file holds binary data (NUL bytes), not text", "decode")
            return text
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as utf8_error:
            if UTF8_MULTIBYTE.search(data):
                # real UTF-8 sequences next to broken ones: a damaged UTF-8 file, not legacy text
                raise ReadError(f"invalid UTF-8 at byte {utf8_error.start} ({utf8_error.reason}); "
                                "the file looks like damaged UTF-8: re-save or re-export it as UTF-8",
                                "decode") from None
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise ReadError(
                    f"not valid UTF-8 (byte {utf8_error.start}: {utf8_error.reason}) "
                    "and not cp1252 either; save it as UTF-8", "decode") from None
    control = len(CONTROL_CHARACTER.findall(text, 0, 65536))
    if control > 0.05 * min(len(text), 65536):
        raise ReadError("the file holds binary data (control characters), not text", "decode")
    if not text.strip():
        raise ReadError("the file is empty: there is no text to read", "read")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without its byte-order mark: NUL in every other byte of mostly-ASCII text."""
    sample = data[:4096]
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if len(zeros) > 8 and zeros.count(0) > 0.8 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(f"the file looks like {encoding.upper()} without a byte-order mark but does not "
                                "decode as it; save it as UTF-8", "decode") from None
    return None


def read_text_paragraphs(path: Path, max_bytes: int = MAX_TEXT_BYTES) -> list[RawParagraph]:
    """Paragraphs of a text file with source offsets (into the NFC-normalised text)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(
            f"the text file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit; "
            "split it or raise MARGINALIA_MAX_TEXT_MB", "read")
    text = unicodedata.normalize("NFC", decode_text(path.read_bytes()))
    text = MARKDOWN_ESCAPE.sub(r"\1", text)
    return read_conventions(clean_paragraphs(split_paragraphs(blank_wrappers(text))))


# Text exported with Markdown conventions (``*italic*``) escapes literal
# punctuation: "US\$7 million", "\*not italic\*". A backslash before such
# a character is never meant to be read.
MARKDOWN_ESCAPE = re.compile(r"\\([$#_\[\]`])")


def split_paragraphs(text: str) -> list[RawParagraph]:
    """Cut text into paragraphs; lines inside a paragraph are joined by :func:`join_lines`.

    A form feed is an explicit page break; a line that opens with a superscript
    number always starts a new paragraph (footnotes often follow each other
    without a blank line), and so does a numbered entry ("[12] ...", "12. ...")
    once a "Notes"/"References"/"Bibliography" heading has been seen.
    """
    text = text.replace("\r\n", " \n").replace("\r", "\n")  # same length: offsets stay true
    paragraphs: list[RawParagraph] = []
    page = 1
    lines: list[tuple[str, int]] = []
    raw_lines: list[str] = []
    break_pending = False

    def flush() -> None:
        nonlocal lines, raw_lines, break_pending
        if lines:
            joined, offsets = join_lines(lines)
            if joined.strip():
                indent = len(raw_lines[0]) - len(raw_lines[0].lstrip(" \t"))
                # a table of contents ("Preface   1") is front matter, not prose
                zone = "header" if is_toc_line(raw_lines[-1]) else None
                paragraphs.append(RawParagraph(joined, page, offsets, zone=zone, page_break_before=break_pending,
                                               indent=indent))
                break_pending = False
        lines = []
        raw_lines = []

    offset = 0
    in_reference_section = False
    for raw_line in text.split("\n"):
        line_start = offset
        offset += len(raw_line) + 1
        pieces = raw_line.split("\f")
        for i, piece in enumerate(pieces):
            if i > 0:
                flush()
                page += 1
                break_pending = True
            piece_start = line_start + sum(len(p) + 1 for p in pieces[:i])
            if not piece.strip():
                flush()
                continue
            if REFERENCE_SECTION.match(piece) or NOTES_HEADING.match(piece):
                flush()  # the heading stands alone; entries below it start at their numbers
                in_reference_section = True
                lines.append((piece.strip(), piece_start + len(piece) - len(piece.lstrip())))
                raw_lines.append(piece)
                flush()
                continue
            if FOOTNOTE_LINE.match(piece) or (in_reference_section and LIST_ENTRY_LINE.match(piece)):
                flush()
            lead = len(piece) - len(piece.lstrip())
            lines.append((piece.strip(), piece_start + lead))
            raw_lines.append(piece)
    flush()
    return paragraphs


