"""The learned reference tagger on entries of reference lists in several styles (all invented)."""
from __future__ import annotations

import pytest

from extractors.citations import parse_tagged_reference, tagged_authors

# (case id, entry as printed, expected fields)
ENTRIES = [
    ("acm_initials_first_volume_issue_pages",
     "H. Larsen, T. Berg, and K. Moe. Scheduling ferries on a tidal river. Journal of Harbour Studies, 12(3):101–119, May 1998.",
     dict(kind="article", authors=("H. Larsen", "T. Berg", "K. Moe"), title="Scheduling ferries on a tidal river",
          container="Journal of Harbour Studies", volume="12", issue="3", pages="101-119", pub_date="1998-05")),
    ("harvard_surname_first_year_in_parentheses",
     "Dahl, R. and Lunde, P. (2004), “Night shifts at the salt works”, Labour History Review, Vol. 19 No. 2, pp. 33-51.",
     dict(kind="article", authors=("Dahl, R", "Lunde, P"), title="Night shifts at the salt works",
          container="Labour History Review", volume="19", issue="2", pages="33-51", pub_date="2004")),
    ("acl_year_after_authors_conference",
     "M. Vik and S. Aas. 2006. Counting boats with language models. In Proceedings of the River Workshop, pages 10–18.",
     dict(kind="conference", authors=("M. Vik", "S. Aas"), pub_date="2006",
          container="Proceedings of the River Workshop", pages="10-18")),
    ("book_with_publisher_and_place",
     "Holm, K. (1999), The Clerks of the North Gate, Tide Press, Bergen.",
     dict(kind="book", authors=("Holm, K",), title="The Clerks of the North Gate", pub_date="1999")),
    ("publisher_then_place_split",
     "Moen, J. (1990), Ferries, Tolls and Family Life, Wiley, Chichester.",
     dict(kind="book", title="Ferries, Tolls and Family Life", publisher="Wiley", place="Chichester")),
    ("publisher_left_at_the_end_of_the_title",
     "Aas, H. (2003), Working Nights in a Harbour Town: Challenges for Families, Fjord Sage Foundation, Bergen, NO.",
     dict(title="Working Nights in a Harbour Town: Challenges for Families", publisher="Fjord Sage Foundation")),
    ("chapter_in_an_edited_book",
     "Lunde, S. (1992), “Introduction: the domain of harbour work”, in Lunde, S. (Ed.), Work, Tides, and Towns, "
     "Tide Press, Bergen, pp. 1-32.",
     dict(kind="chapter", title="Introduction: the domain of harbour work", container="Work, Tides, and Towns",
          publisher="Tide Press", place="Bergen")),
    ("event_proceedings_after_in",
     "R. Holm and O. Berg. 2006. Counting quays from the web. In QUAYS, pages 755–764.",
     dict(kind="conference", container="QUAYS", pages="755-764")),
    ("a_work_standing_alone_is_a_book",
     "C. D. Lind and H. Sand. 1999. Foundations of Harbour Management.",
     dict(kind="book", title="Foundations of Harbour Management", pub_date="1999")),
    ("an_events_name_keeps_its_year",
     "D. Vik, P. Lund, and E. H. Berg. 2005. Counting quays with hash functions. In Procs. of HARB 2005.",
     dict(kind="conference", container="Procs. of HARB 2005", pub_date="2005")),
    ("proceedings_with_volume_and_issue_is_a_journal",
     "L. R. Dahl. 1989. A tutorial on tide models. Proceedings of the Harbour Society, 77(2):257–286.",
     dict(kind="article", container="Proceedings of the Harbour Society", volume="77", issue="2", pages="257-286")),
    ("a_chapter_named_after_its_book",
     "P.-F. Lund, G. Berg, and D. Vik. Handbook of Harbours, chapter Scheduling Ferry Tasks - Approximation Rules. "
     "CRC Press, 2004. chapter 28 of this book.",
     dict(kind="chapter", container="Handbook of Harbours", title="Scheduling Ferry Tasks - Approximation Rules")),
    ("month_abbreviation_without_its_stop",
     "H. Vik and R. Dahl. The quay sweep template. In Proceedings of HarbourComputing 2000, Nov 2000.",
     dict(pub_date="2000-11")),
]


@pytest.mark.parametrize("case, text, expected", ENTRIES, ids=[e[0] for e in ENTRIES])
def test_reference_list_entry_fields(case, text, expected):
    reference = parse_tagged_reference(text, 1, 0)
    got = {field: getattr(reference, field) for field in expected}
    assert got == expected


# (author field as printed, names)
AUTHOR_FIELDS = [
    ("Smith, A., Jones, B. and Lee, C.", ("Smith, A", "Jones, B", "Lee, C")),
    ("A. Smith, B. Jones, and C. Lee.", ("A. Smith", "B. Jones", "C. Lee")),
    ("Ehlers J, Geren P and Sachs R K,", ("Ehlers J", "Geren P", "Sachs R K")),
    ("Perlmutter S et al,", ("Perlmutter S",)),
]


@pytest.mark.parametrize("text, names", AUTHOR_FIELDS, ids=[a[0] for a in AUTHOR_FIELDS])
def test_author_fields_in_every_order(text, names):
    assert tagged_authors(text) == names
