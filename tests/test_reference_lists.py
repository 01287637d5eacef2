"""Other ways documents cite: numbered reference lists, endnotes, author-date bibliographies."""
from __future__ import annotations

import pytest

from extractors.citations import extract_references
from extractors.document import build_document
from extractors.document.markers import extract_citation_mentions
from extractors.nlp import parse_blocks, sentences
from extractors.document.text import split_paragraphs

NUMBERED_LIST = """Salt Trade in the North

The salt trade grew after 1820 [1]. Later work disagreed [2, 3].

References

[1] A. Smith, *Salt and Empire*, (London: Harbor Press,
1999).
[2] B. Jones, "Roads," *Journal of Trade*, Vol. 3 (1988), pp. 1-20.
[3] C. Brown, *The End of the Road*, (Oslo: Fjord, 2005).
"""

ENDNOTES = """Harbour Lights

The harbour opened in 1871.¹ Its ledgers survive.²

Notes

1. R. Vale, *Harbours of the North*, (Bergen: Tide Press, 1990), p. 4.
2. S. Moss, "Strikes," *Labour Review*, Vol. 2, No. 1 (1977), pp. 10-19.
"""

AUTHOR_DATE = """Roads and Tolls

Toll income doubled in a decade (Smith 1999). Jones (1988) argued the opposite, and others
agreed (Brown and Lee, 2005, p. 7; Smith 1999).

Bibliography

Jones, B. 1988. "Roads." *Journal of Trade* 3: 1-20.

Smith, A. 1999. *Salt and Empire*. London: Harbor Press.

Brown, C., and D. Lee. 2005. *The End of the Road*. Oslo: Fjord.
"""


def mentions_of(text: str, nlp):
    document = build_document(split_paragraphs(text), "t.txt", "text")
    sents = sentences(document, parse_blocks(document, nlp))
    by_id = {s.sentence_id: s.text for s in sents}
    return document, [(m.footnote_number, by_id[m.sentence_id]) for m in extract_citation_mentions(document, sents)]


def test_numbered_reference_list_entries_become_numbered_footnotes(nlp):
    document, mentions = mentions_of(NUMBERED_LIST, nlp)
    assert [(f.number, f.text[:8]) for f in document.footnotes] == [(1, "A. Smith"), (2, "B. Jones"), (3, "C. Brown")]
    assert document.footnotes[0].text.endswith("(London: Harbor Press, 1999).")
    # a call of an entry is printed text, like "(Smith 1999)": it stays in its sentence
    assert mentions == [(1, "The salt trade grew after 1820 [1]."), (2, "Later work disagreed [2, 3]."),
                        (3, "Later work disagreed [2, 3].")]
    assert [m.position for m in document.markers] == [document.text.index(" [1]")] + [document.text.index(" [2, 3]")] * 2


def test_numbered_entries_parse_as_references(nlp):
    document, _ = mentions_of(NUMBERED_LIST, nlp)
    references, kinds = extract_references(document)
    assert [(r.footnote_number, r.title, r.pub_date) for r in references] == [
        (1, "Salt and Empire", "1999"), (2, "Roads", "1988"), (3, "The End of the Road", "2005")]
    assert set(kinds.values()) == {"citation"}


def test_endnotes_under_notes_heading(nlp):
    document, mentions = mentions_of(ENDNOTES, nlp)
    assert [f.number for f in document.footnotes] == [1, 2]
    assert mentions == [(1, "The harbour opened in 1871."), (2, "Its ledgers survive.")]


def test_author_date_citations_link_to_bibliography_entries(nlp):
    document, mentions = mentions_of(AUTHOR_DATE, nlp)
    assert [(f.number, f.text.split(",")[0]) for f in document.footnotes] == [(1, "Jones"), (2, "Smith"), (3, "Brown")]
    assert sorted(set(mentions)) == sorted({
        (2, "Toll income doubled in a decade (Smith 1999)."),
        (1, "Jones (1988) argued the opposite, and others agreed (Brown and Lee, 2005, p. 7; Smith 1999)."),
        (3, "Jones (1988) argued the opposite, and others agreed (Brown and Lee, 2005, p. 7; Smith 1999)."),
        (2, "Jones (1988) argued the opposite, and others agreed (Brown and Lee, 2005, p. 7; Smith 1999).")})


@pytest.mark.parametrize("heading", ["References", "Bibliography", "Works Cited", "5. Notes", "ENDNOTES"])
def test_reference_section_headings(heading, nlp):
    text = NUMBERED_LIST.replace("References", heading)
    document, _ = mentions_of(text, nlp)
    assert [f.number for f in document.footnotes] == [1, 2, 3]


@pytest.mark.parametrize("body, sentence", [
    ("The harbour was studied by Lind [2], and later by Berg.", "The harbour was studied by Lind [2], and later by Berg."),
    ("The trade grew after 1820 [1]. It fell after 1850.", "The trade grew after 1820 [1]."),
    ("The quay was rebuilt twice [1, 2]. Nobody asked why.", "The quay was rebuilt twice [1, 2]."),
], ids=["call_inside_a_sentence", "call_before_the_full_stop", "two_calls_before_the_full_stop"])
def test_a_reference_call_stays_in_its_sentence(nlp, body, sentence):
    text = f"Harbours\n\n{body}\n\nReferences\n\n[1] A. Lind, *Quays*, (Oslo: Fjord, 1999).\n\n[2] B. Berg, *Gates*, (Bergen: Tide, 2001).\n"
    document = build_document(split_paragraphs(text), "t.txt", "text")
    assert sentence in [s.text for s in sentences(document, parse_blocks(document, nlp))]


@pytest.mark.parametrize("entry, works", [
    ("Lind A B et al, 1997 Harb. J. 483 565 [SPIRES] Berg C, 1998 Harb. J. Suppl. 116 1009 [SPIRES]",
     [(("Lind A B",), "1997", "Harb. J.", "483", "565"), (("Berg C",), "1998", "Harb. J. Suppl.", "116", "1009")]),
    ("Moe K, Dahl P and Vik R K, 1968 J. Quay Stud. 9 1344",
     [(("Moe K", "Dahl P", "Vik R K"), "1968", "J. Quay Stud.", "9", "1344")]),
    ("Sand H, 2006 Rev. Port. D 73 083519", [(("Sand H",), "2006", "Rev. Port. D", "73", "083519")]),
    ("van Berg H and Lind G F R, 1998 Class. Harb. Stud. 15 3545",
     [(("van Berg H", "Lind G F R"), "1998", "Class. Harb. Stud.", "15", "3545")]),
    ("Moe S, 2006 J. Harb. Quay Phys. JHQP11(2006)003", [(("Moe S",), "2006", "J. Harb. Quay Phys.", "11", "003")]),
    ("Dahl G, 1933 Ann. Soc. Harb. A 53 51 (1997 Gen. Harb. 29 641 (reprinted)) Vik R C, 1934 Proc. Harb. 20 169",
     [(("Dahl G",), "1933", "Ann. Soc. Harb. A", "53", "51"), (("Vik R C",), "1934", "Proc. Harb.", "20", "169")]),
], ids=["two_works_in_one_entry", "three_authors", "article_number_as_page", "surname_particle",
        "journal_code_volume_year_article", "second_work_after_a_reprint_note"])
def test_compact_physics_style_entries_are_articles(entry, works):
    from extractors.citations.entries import entry_works, parse_compact_article

    parsed = [parse_compact_article(entry[a:b], 1, k, 0) for k, (a, b) in enumerate(entry_works(entry), 1)]
    assert [(r.authors, r.pub_date, r.container, r.volume, r.pages) for r in parsed] == works
    assert all(r.kind == "article" for r in parsed)


def test_an_entry_in_another_style_is_not_read_as_compact():
    from extractors.citations.entries import entry_works, parse_compact_article

    entry = "Lind, A. (1999). Quays and gates. Journal of Harbours, 4(2), 10-20."
    assert entry_works(entry) == [(0, len(entry))] and parse_compact_article(entry, 1, 1, 0) is None


@pytest.mark.parametrize("body, sentence", [
    ("The claim was heard by Dr. Lind in the spring. Nobody came.", "The claim was heard by Dr. Lind in the spring."),
    ("See Lund v. Berg, 556 U.S. 662, 678 (2009). The rule holds.", "See Lund v. Berg, 556 U.S. 662, 678 (2009)."),
    ("The list is in No. 4 of the series. It is short.", "The list is in No. 4 of the series."),
    ("I duly received the 26l. sterling for the copies. Thanks.", "I duly received the 26l. sterling for the copies."),
    ("The bill came to 3l. 5s. 6d. in all. It was paid.", "The bill came to 3l. 5s. 6d. in all."),
], ids=["title_before_a_name", "reporter_before_its_page", "number_after_no", "lower_case_after_a_stop",
        "pounds_shillings_pence"])
def test_an_abbreviation_does_not_end_a_sentence(nlp, body, sentence):
    document = build_document(split_paragraphs(f"Harbours\n\n{body}\n"), "t.txt", "text")
    assert sentence in [s.text for s in sentences(document, parse_blocks(document, nlp))]
