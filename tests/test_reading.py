"""Decoding and paragraph splitting of text files."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from extractors.document import ReadError
from extractors.document.text import decode_text, split_paragraphs

DECODE_CASES = [
    # (case id, bytes, expected text)
    ("utf8", "Café in Hà Nội".encode("utf-8"), "Café in Hà Nội"),
    ("utf8_with_bom", codecs.BOM_UTF8 + "Seoul".encode("utf-8"), "Seoul"),
    ("utf16_le_bom", codecs.BOM_UTF16_LE + "Đà Nẵng, 1965".encode("utf-16-le"), "Đà Nẵng, 1965"),
    ("utf16_be_bom", codecs.BOM_UTF16_BE + "평양 1966".encode("utf-16-be"), "평양 1966"),
    ("cp1252_smart_quotes", "“Quoted” – price €5".encode("cp1252"), "“Quoted” – price €5"),
]


@pytest.mark.parametrize("case, data, expected", DECODE_CASES, ids=[c[0] for c in DECODE_CASES])
def test_decode_text_accepts(case, data, expected):
    assert decode_text(data) == expected


REFUSE_CASES = [
    # (case id, bytes, words the message must contain)
    ("empty", b"", "empty"),
    ("only_whitespace", b"  \n\n ", "empty"),
    ("binary_with_nul", b"\x00\x01\x02binary\x00" * 20, "binary"),
    ("control_characters", bytes(range(1, 9)) * 50, "binary"),
]


@pytest.mark.parametrize("case, data, words", REFUSE_CASES, ids=[c[0] for c in REFUSE_CASES])
def test_decode_text_refuses_with_clear_message(case, data, words):
    with pytest.raises(ReadError) as error:
        decode_text(data)
    assert words in str(error.value)


def test_split_paragraphs_starts_footnote_on_its_own_line_without_blank_line():
    paragraphs = split_paragraphs("Body text ends here.\n\n¹ First note.\n² Second note.\n")
    assert [p.text for p in paragraphs] == ["Body text ends here.", "¹ First note.", "² Second note."]


def test_split_paragraphs_joins_wrapped_lines_and_keeps_source_offsets():
    text = "A line that wraps\nonto the next.\n\nSecond paragraph."
    first, second = split_paragraphs(text)
    assert first.text == "A line that wraps onto the next."
    assert text[first.offsets[-1]] == "."
    assert text[second.offsets[0]:second.offsets[0] + 6] == "Second"


def test_split_paragraphs_form_feed_is_a_page_break():
    paragraphs = split_paragraphs("Page one text.\fPage two text.")
    assert [(p.text, p.page) for p in paragraphs] == [("Page one text.", 1), ("Page two text.", 2)]


def test_wrapped_url_is_joined_without_space():
    (paragraph,) = split_paragraphs("See <https://example.org/a-\nlong-path.html> for more.")
    assert "<https://example.org/a-long-path.html>" in paragraph.text


def test_nfc_normalisation_of_decomposed_text(tmp_path):
    from extractors.document.text import read_text_paragraphs

    path = tmp_path / "decomposed.txt"
    path.write_text(unicodedata.normalize("NFD", "Nguyễn Văn Quyền wrote this."), encoding="utf-8")
    (paragraph,) = read_text_paragraphs(path)
    assert paragraph.text == unicodedata.normalize("NFC", "Nguyễn Văn Quyền wrote this.")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding):
    text = "A Title\n\nThe harbour opened in 1871 and closed in 1990.\n"
    assert decode_text(text.encode(encoding)) == text
