"""The document model: from a file to one clean text with its pages, blocks, notes and markers.

Floors, lowest first (each imports only from floors below it):

* ``errors``, ``conventions``: what every reader shares;
* ``text`` (text files) and ``pdf`` (PDF glyphs -> rows -> columns -> paragraphs): readers;
* ``layout``: what each paragraph is (running head, note, heading, caption, body);
* ``build``: the :class:`~extractors.records.Document`;
* ``markers``: which body sentence each marker or in-text call belongs to (after NLP).
"""
from extractors.document.build import build_document, read_document, read_paragraphs, unrecognised_note_signs
from extractors.document.errors import ReadError
from extractors.document.text import SUPPORTED_EXTENSIONS, source_format

__all__ = ["build_document", "read_document", "read_paragraphs", "ReadError", "SUPPORTED_EXTENSIONS", "source_format",
           "unrecognised_note_signs"]
