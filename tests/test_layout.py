"""The document model of a text file: body, footnotes, markers, headers, italics, pages."""
from __future__ import annotations

import pytest

from extractors.document import build_document
from extractors.document.text import split_paragraphs
from tests.textgen import HEADER, SALT_ROADS


@pytest.fixture(scope="module")
def salt_roads():
    return build_document(split_paragraphs(SALT_ROADS), "salt-roads.txt", "text")


def body_text(document) -> str:
    return " ".join(document.text[b.start:b.end] for b in document.blocks if b.part == "body")


def test_title_is_first_heading_of_front_matter(salt_roads):
    assert salt_roads.title == "The Salt Roads of the Northern Marches"


def test_footnotes_are_numbered_in_order_with_their_pages(salt_roads):
    assert [(f.number, f.page) for f in salt_roads.footnotes] == [(1, 1), (2, 1), (3, 2), (4, 3)]


def test_footnote_continued_after_page_break_is_rejoined_with_its_url(salt_roads):
    second = salt_roads.footnotes[1]
    assert second.text.endswith("(Accessed on May 1, 2020).")
    assert "https://example.org/articles/roads-of-salt-and-tolls.html" in second.text


def test_running_header_repeated_at_page_starts_is_dropped(salt_roads):
    assert "Northern Marches" not in salt_roads.text.replace(salt_roads.title, "")
    assert HEADER not in salt_roads.text


def test_body_paragraph_cut_by_page_break_is_rejoined(salt_roads):
    assert "crossed the high pass in spring and returned in autumn." in body_text(salt_roads)


def test_no_footnote_text_in_body_and_no_body_text_in_footnotes(salt_roads):
    body = body_text(salt_roads)
    for phrase in ("Harbor Press", "Accessed on", "ibid", "Fjord"):
        assert phrase not in body
    notes = " ".join(f.text for f in salt_roads.footnotes)
    for phrase in ("toll houses", "caravan", "returned in autumn"):
        assert phrase not in notes


def test_markers_are_removed_and_their_positions_kept(salt_roads):
    text = salt_roads.text
    assert [m.number for m in salt_roads.markers] == [1, 2, 3, 4]
    first = salt_roads.markers[0]
    assert text[first.position - 5:first.position] == "1820."
    assert not any(ch in text[:salt_roads.footnotes[0].start] for ch in "¹²³⁴")


def test_superscript_after_a_digit_is_an_exponent_not_a_marker(salt_roads):
    assert "10⁵ acres" in salt_roads.text


def test_italics_are_spans_without_asterisks(salt_roads):
    italics = [salt_roads.text[s.start:s.end] for s in salt_roads.italics]
    assert "Great Salt Road" in italics
    assert "Salt and Empire" in italics
    assert "*" not in salt_roads.text


def test_caption_is_its_own_part(salt_roads):
    captions = [salt_roads.text[b.start:b.end] for b in salt_roads.blocks if b.part == "caption"]
    assert captions == ["Figure 1. A toll house on the northern road (author's photo, 2015)"]


def test_numbered_heading_is_a_body_heading(salt_roads):
    headings = [salt_roads.text[b.start:b.end] for b in salt_roads.blocks if b.is_heading]
    assert "2. The Toll Houses" in headings
    assert "1. Introduction" in headings


def test_markers_carry_the_page_they_are_printed_on(salt_roads):
    assert [(m.number, m.page) for m in salt_roads.markers] == [(1, 1), (2, 2), (3, 2), (4, 3)]


def test_source_offsets_point_back_into_the_file(salt_roads):
    text = salt_roads.text
    start = text.index("Merchants from Varna")
    source_start = salt_roads.source_offsets[start]
    assert SALT_ROADS[source_start:source_start + 20] == "Merchants from Varna"


def test_text_without_footnotes_is_one_page_of_body():
    document = build_document(split_paragraphs("A plain note.\n\nAnother paragraph."), "plain.txt", "text")
    assert document.footnotes == () and document.markers == ()
    assert [b.part for b in document.blocks] == ["body", "body"]


def test_sample_text_has_119_footnotes_and_markers(sample_text_document):
    assert [f.number for f in sample_text_document.footnotes] == list(range(1, 120))
    assert sorted({m.number for m in sample_text_document.markers}) == list(range(1, 120))


@pytest.mark.parametrize("sample", ["sample_text_document", "sample_pdf_document"])
def test_sample_body_has_no_running_header_or_footnote_text(sample, request):
    document = request.getfixturevalue(sample)
    body_blocks = [document.text[b.start:b.end] for b in document.blocks if b.part == "body"]
    title = document.title
    # the running header repeats the title; it may appear once, as the title itself (a PDF's
    # title block is its own part, 'front')
    printed = [document.text[b.start:b.end] for b in document.blocks if b.part in ("body", "front")]
    assert sum(block.count(title) for block in printed) == 1
    body = " ".join(body_blocks)
    for footnote_only in ("Accessed on", "(Korean)", "(Japanese)", "pp."):
        assert footnote_only not in body


@pytest.mark.parametrize("left, right, words, compounds, names, joins", [
    ("organi", "sation", {"organisation"}, set(), False, True),
    ("hand", "drawn", {"hand", "drawn"}, {"hand-drawn"}, False, False),
    ("RNA", "based", {"based"}, set(), False, False),
    ("Tarra", "gona", {"the"}, set(), False, True),
    ("Min", "seok", {"the"}, set(), True, False),
    ("Markov", "based", {"based"}, set(), False, False),
    ("self", "made", {"self", "made"}, set(), False, False),
    ("SO", "LUTION", {"solution"}, set(), False, True),
    ("dou", "bled", {"the"}, set(), False, True),
], ids=["joined_word_printed_elsewhere", "compound_printed_elsewhere", "capitals_prefix_keeps",
        "name_split_at_line_end", "given_name_where_the_document_hyphenates_names",
        "capitalised_word_before_a_word_keeps", "two_words_keep", "capitals_heading_split", "unknown_split_joins"])
def test_line_end_hyphen_is_repaired_only_where_the_joined_form_is_a_word(left, right, words, compounds, names, joins):
    from extractors.document.conventions import hyphen_joins
    assert hyphen_joins(left, right, words, compounds, names) is joins


@pytest.mark.parametrize("text, hyphenated_names", [
    ("Kim Il-sung met Pak Sin-jae and Ri Yong-ho in the port.", True),
    ("Kim Il-sung met the Harbour-master at the Custom-house; the master kept the house.", False),
    ("The Anglo-French treaty and the Post-war years.", False),
], ids=["three_given_names", "one_name_and_compounds_of_words", "compounds_of_words"])
def test_a_document_that_prints_hyphenated_given_names_is_recognised(text, hyphenated_names):
    from extractors.document.conventions import document_vocabulary
    assert document_vocabulary([text])[2] is hyphenated_names


@pytest.mark.parametrize("before, after, splits", [
    ("organi-", "sation of", True),
    ("SO-", "LUTION", True),
    ("Sino-", "Soviet", False),
    ("pp. 10-", "19", False),
], ids=["lower_case_continuation", "capitals_heading", "capitalised_continuation", "number_range"])
def test_which_line_end_hyphens_may_split_a_word(before, after, splits):
    from extractors.document.conventions import splits_word
    assert splits_word(before, after) is splits


@pytest.mark.parametrize("lines, joined", [
    (["the Navarro–", "Frenk–White profile"], "the Navarro–Frenk–White profile"),
    (["explain observations—", "reproduce them"], "explain observations—reproduce them"),
    (["a spaced dash –", "then more"], "a spaced dash – then more"),
    (["pages 10-", "19 of it"], "pages 10-19 of it"),
    (["Sino-", "Soviet talks"], "Sino-Soviet talks"),
], ids=["unspaced_en_dash", "unspaced_em_dash", "spaced_dash_keeps_its_space", "number_range", "capitalised_compound"])
def test_wrapped_lines_join_without_a_space_after_an_unspaced_dash(lines, joined):
    from extractors.document.conventions import join_lines
    assert join_lines([(line, 0) for line in lines])[0] == joined
