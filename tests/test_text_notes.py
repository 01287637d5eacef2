"""Notes in text files, one table per convention (all texts invented here).

Each case pins what the reader must find: the notes (label as printed, zone,
first words) and which words each call sits after, so a call is linked to
the right note and nothing that merely looks like a call is taken for one.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import build_document
from extractors.document.text import read_text_paragraphs

PANDOC = """% The Mill at Harrow Ford
% A. N. Author
% May 3, 2019

<div class="note">Read at the county meeting; see <a href="http://example.org/x">the slides</a>.</div>

The mill burned in 1851.[^1] Its owner rebuilt it
within a year, and the new wheel turned by 1853.[^2]

[^1]: R. Miller, *Fire on the Ford* (Leeds: Brook Press, 1990), 12.

[^2]: Parish register, 1853. A later hand adds a note
    in the margin.

    The register is kept at <http://example.org/register>.
"""

BRACKET_BLOCKS = """*** START OF THIS PROJECT GUTENBERG EBOOK MILL LETTERS ***

Produced by A Volunteer and the Online Proofreading Team.



CONTENTS

  THE FIRST LETTER                                       1

12.

TO THE MILLER.

I send the plans of the wheel.[1] The old stones [the upper pair] are cracked,
and the clerk[2] will write. See letter [9] for the price.

[Footnote 1: The plans are lost [see the register]. They were
drawn in 1850.

A copy was made in 1852.]

[Footnote 2: The clerk was the miller's cousin.]

13.[1]

TO THE CLERK.

The stones came on Monday.

[Footnote 1: This letter is undated.]

End of the Project Gutenberg EBook of Mill Letters
"""

ENDNOTES = """THE ABBOTS OF HARROW

The abbey held the ford,[1] and [7] the monks kept the mill [8] until the
river moved.[2] The new channel [9] cut the meadow in two,--[10] and the
abbot sold the land.[3] A later survey [11] confirms it.

NOTES TO CHAPTER II

(_Numbers in parentheses are pages of the text_.)

1 (p. 7).--The ford is named in a charter of 1199.

2 (p. 8).--The river moved in the flood of 1348.

The flood is also in the chronicle.

3 (p. 10).--The sale is recorded in the abbey rolls.
"""


def read(tmp_path: Path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return build_document(read_text_paragraphs(path), name, "text")


def calls(document) -> list[tuple[str, str]]:
    """(label, the ten characters before the call)."""
    by_number = {f.number: f.label for f in document.footnotes}
    return [(by_number[m.number], document.text[max(0, m.position - 10):m.position]) for m in document.markers]


def body(document) -> str:
    return document.text[:document.footnotes[0].start] if document.footnotes else document.text


# (case id, text, notes as (label, zone, first words, last words), calls as (label, words before it))
CASES = [
    ("pandoc_definitions_with_indented_continuations", PANDOC,
     [("1", "endnote", "R. Miller, Fire on the Ford", "Brook Press, 1990), 12."),
      ("2", "endnote", "Parish register, 1853.", "http://example.org/register.")],
     [("1", "d in 1851."), ("2", "d by 1853.")]),
    ("bracket_blocks_numbered_per_letter", BRACKET_BLOCKS,
     [("12:1", "footnote", "The plans are lost [see the register].", "A copy was made in 1852."),
      ("12:2", "footnote", "The clerk was the miller's cousin.", "cousin."),
      ("13:1", "footnote", "This letter is undated.", "undated.")],
     [("12:1", "the wheel."), ("12:2", " the clerk"), ("13:1", "13.")]),
    ("endnote_section_with_page_locators", ENDNOTES,
     [("1", "endnote", "(p. 7).--The ford", "charter of 1199."),
      ("2", "endnote", "(p. 8).--The river moved", "also in the chronicle."),
      ("3", "endnote", "(p. 10).--The sale", "abbey rolls.")],
     [("1", " the ford,"), ("2", "ver moved."), ("3", " the land.")]),
]


@pytest.mark.parametrize("case, text, notes, expected_calls", CASES, ids=[c[0] for c in CASES])
def test_notes_and_their_calls(case, text, notes, expected_calls, tmp_path):
    document = read(tmp_path, text)
    found = [(f.label, f.zone, f.text) for f in document.footnotes]
    assert [(label, zone) for label, zone, _ in found] == [(label, zone) for label, zone, _, _ in notes]
    for (_, _, text_found), (_, _, first, last) in zip(found, notes):
        assert text_found.startswith(first) and text_found.endswith(last), text_found
    assert [f.number for f in document.footnotes] == list(range(1, len(notes) + 1))
    found_calls = calls(document)  # "13:1" is called from the letter's number itself ("13.[1]")
    assert len(found_calls) == len(expected_calls)
    for (label, before), (expected_label, words) in zip(found_calls, expected_calls):
        assert label == expected_label and before.endswith(words), (label, before)


def test_notes_never_reach_the_body(tmp_path):
    for text in (PANDOC, BRACKET_BLOCKS, ENDNOTES):
        document = read(tmp_path, text)
        for note in document.footnotes:
            assert note.text[:25] not in body(document)
        assert "[^" not in body(document) and "[Footnote" not in body(document)


def test_markup_and_wrappers_are_not_text(tmp_path):
    pandoc = read(tmp_path, PANDOC)
    assert pandoc.title == "The Mill at Harrow Ford"
    assert "Read at the county meeting; see the slides." in body(pandoc)
    assert "<div" not in pandoc.text and "href" not in pandoc.text and "%" not in body(pandoc)
    letters = read(tmp_path, BRACKET_BLOCKS)
    assert "GUTENBERG" not in letters.text.upper() and "Produced by" not in letters.text
    assert "THE FIRST LETTER" not in letters.text  # a table-of-contents line with its page number


def test_editorial_brackets_and_cross_references_stay_text(tmp_path):
    text = body(read(tmp_path, BRACKET_BLOCKS))
    assert "The old stones [the upper pair] are cracked" in text
    assert "See letter [9] for the price." in text


def test_inline_page_numbers_of_an_older_edition_are_dropped(tmp_path):
    text = body(read(tmp_path, ENDNOTES))
    assert "the monks kept the mill until the river moved." in text
    assert "The new channel cut the meadow in two,-- and the abbot sold the land." in text
    assert "[7]" not in text and "[11]" not in text


def test_conventions_are_recorded(tmp_path):
    assert read(tmp_path, PANDOC).conventions == ("pandoc",)
    assert read(tmp_path, BRACKET_BLOCKS).conventions == ("bracket_block",)
    assert read(tmp_path, ENDNOTES).conventions == ("endnote_section",)


# (case id, text with notes in a form no reader knows, or none, and whether the run should warn)
SIGNS = [
    ("calls_whose_notes_are_missing", "A Title\n\nThe mill burned.\u00b9 It was rebuilt.\u00b2 The wheel turned.\u00b3\n", True),
    ("plain_prose", "A Title\n\nThe mill burned in 1851 and was rebuilt within a year.\n", False),
]


@pytest.mark.parametrize("case, text, warns", SIGNS, ids=[s[0] for s in SIGNS])
def test_notes_that_were_not_recognised_are_reported(case, text, warns, tmp_path):
    from extractors.document import unrecognised_note_signs

    document = read(tmp_path, text)
    assert document.footnotes == ()
    assert (unrecognised_note_signs(document) is not None) is warns
