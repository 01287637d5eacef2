"""A PDF's compressed streams measured before anything parses them: the inflate cap.

pdfminer inflates a Flate stream whole, in memory. A 2 MB file can hold a stream
that inflates to gigabytes (a "zip bomb"), and the reader would take that memory
before a single character is laid out. Each stream is inflated here piece by
piece, keeping nothing but the count, and a stream that grows past the cap
stops the read with a clear error. Image streams are not counted: the reader
never decodes their pixels.
"""
from __future__ import annotations

import re
import zlib
from pathlib import Path

from extractors.document.errors import ReadError

#: No text-bearing stream of a real document inflates to this much (a dense page's
#: content stream is well under 1 MB; an embedded font a few MB).
MAX_STREAM_INFLATED_BYTES = 256 * 2**20
#: The whole document's text-bearing streams together.
MAX_TOTAL_INFLATED_BYTES = 1024 * 2**20
#: Bytes of a stream's dictionary looked at before its ``stream`` keyword.
DICTIONARY_REACH = 2048

STREAM_START = re.compile(rb"stream\r?\n")
IMAGE = re.compile(rb"/Subtype\s*/Image")
FLATE = re.compile(rb"/FlateDecode|/Fl\b")
INFLATE_PIECE = 4 * 2**20


def check_inflated_sizes(path: Path, per_stream: int = MAX_STREAM_INFLATED_BYTES,
                         total: int = MAX_TOTAL_INFLATED_BYTES) -> int:
    """The inflated size of the PDF's Flate streams that are not images; raises past a cap.

    Raises:
        ReadError: a stream (or all of them) would inflate past the cap.
    """
    data = path.read_bytes()
    grand_total = 0
    for match in STREAM_START.finditer(data):
        if data[max(0, match.start() - 3):match.start()] == b"end":
            continue  # the "stream" of "endstream"
        dictionary = data[max(0, match.start() - DICTIONARY_REACH):match.start()]
        dictionary = dictionary[dictionary.rfind(b"obj") + 1:] if b"obj" in dictionary else dictionary
        if not FLATE.search(dictionary) or IMAGE.search(dictionary):
            continue
        end = data.find(b"endstream", match.end())
        size = _inflated_size(data, match.end(), end if end >= 0 else len(data), per_stream + 1)
        if size > per_stream:
            raise ReadError(f"a compressed stream of the PDF inflates to more than {per_stream // 2**20} MB "
                            "(a decompression bomb, or a damaged file); it was not read", "pdf")
        grand_total += size
        if grand_total > total:
            raise ReadError(f"the PDF's compressed streams inflate to more than {total // 2**20} MB together; "
                            "it was not read", "pdf")
    return grand_total


def _inflated_size(data: bytes, start: int, end: int, stop_after: int) -> int:
    """Bytes the zlib data in ``data[start:end]`` inflates to, counted without keeping them,
    stopping once past ``stop_after``; 0 for data that is not zlib."""
    inflater = zlib.decompressobj()
    size = 0
    pending = memoryview(data)[start:end]
    try:
        while size <= stop_after and not inflater.eof:
            piece = inflater.decompress(pending, INFLATE_PIECE)
            size += len(piece)
            pending = inflater.unconsumed_tail
            if not piece and not pending:
                break  # all read and nothing held back: the data ended without its end mark
    except zlib.error:
        return size  # damaged or not zlib: pdfminer will say so, or read what it can
    return size
