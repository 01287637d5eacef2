"""Dates: one row per phenomenon, on invented sentences, negatives included."""
from __future__ import annotations

import datetime as dt

import pytest

from extractors.dates import extract_dates
from extractors.document import build_document
from extractors.nlp import parse_blocks, sentences
from extractors.document.text import split_paragraphs


def dates_in(text: str, nlp) -> list[tuple[str, str, str, str]]:
    document = build_document(split_paragraphs(text), "t.txt", "text")
    found = extract_dates(document, sentences(document, parse_blocks(document, nlp)))
    return [(d.text, d.start_date.isoformat(), d.end_date.isoformat(), d.precision) for d in found]


D = dt.date
# (case id, text, expected [(text, start, end, precision)])
CASES = [
    ("full_date", "The treaty was signed on March 3, 1921.", [("March 3, 1921", "1921-03-03", "1921-03-03", "day")]),
    ("day_month_year", "The ship sank on 14 April 1912.", [("14 April 1912", "1912-04-14", "1912-04-14", "day")]),
    ("abbreviated_month", "He wrote on Sept. 9, 1950 to the council.", [("Sept. 9, 1950", "1950-09-09", "1950-09-09", "day")]),
    ("month_year", "The mill closed in October 1931.", [("October 1931", "1931-10-01", "1931-10-31", "month")]),
    ("plain_year", "The bridge opened in 1889.", [("1889", "1889-01-01", "1889-12-31", "year")]),
    ("season", "The survey ran in Fall 1974.", [("Fall 1974", "1974-09-01", "1974-11-30", "season")]),
    ("decade", "Trade grew in the 1920s.", [("the 1920s", "1920-01-01", "1929-12-31", "decade")]),
    ("early_decade", "Prices fell in the early 1990s.", [("the early 1990s", "1990-01-01", "1993-12-31", "decade")]),
    ("mid_decade", "Exports peaked in the mid-1970s.", [("the mid-1970s", "1974-01-01", "1976-12-31", "decade")]),
    ("late_decade", "The port silted up in the late 1840s.", [("the late 1840s", "1847-01-01", "1849-12-31", "decade")]),
    ("century", "Salt was taxed in the 18th century.", [("the 18th century", "1700-01-01", "1799-12-31", "century")]),
    ("early_year", "The army withdrew in early 1952.", [("early 1952", "1952-01-01", "1952-04-30", "year")]),
    ("around_year", "The school was founded around 1905.", [("around 1905", "1905-01-01", "1905-12-31", "year")]),
    ("month_year_range", "The blockade lasted from March 1940 to May 1941.",
     [("from March 1940 to May 1941", "1940-03-01", "1941-05-31", "month")]),
    ("day_range_same_month", "The congress met from May 3 to 7, 1922.", [("from May 3 to 7, 1922", "1922-05-03", "1922-05-07", "day")]),
    ("day_range_hyphen", "The fair ran June 10-14, 1936.", [("June 10-14, 1936", "1936-06-10", "1936-06-14", "day")]),
    ("day_range_across_months", "Talks ran between April 28 and May 2, 1945.",
     [("between April 28 and May 2, 1945", "1945-04-28", "1945-05-02", "day")]),
    ("full_date_range", "He served between May 1, 1950 and June 30, 1953.",
     [("between May 1, 1950 and June 30, 1953", "1950-05-01", "1953-06-30", "day")]),
    ("year_range_hyphen", "The famine of 1845-1849 changed the island.", [("1845-1849", "1845-01-01", "1849-12-31", "year")]),
    ("year_range_words", "Between 1901 and 1910 the town doubled.", [("Between 1901 and 1910", "1901-01-01", "1910-12-31", "year")]),
    ("year_to_early_year", "Fighting went on from 1914 to early 1916.",
     [("from 1914 to early 1916", "1914-01-01", "1916-04-30", "year")]),
    ("inferred_year_day", "The envoy left on May 2, 1947. He returned on July 9.",
     [("May 2, 1947", "1947-05-02", "1947-05-02", "day"), ("July 9", "1947-07-09", "1947-07-09", "day")]),
    ("inferred_year_month", "The strike began in 1926. In November, it ended.",
     [("1926", "1926-01-01", "1926-12-31", "year"), ("November", "1926-11-01", "1926-11-30", "month")]),
    ("inferred_year_past_perfect", "On January 9, 1920, the court heard that the fire had started on December 30.",
     [("January 9, 1920", "1920-01-09", "1920-01-09", "day"), ("December 30", "1919-12-30", "1919-12-30", "day")]),
    ("no_anchor_no_guess", "He arrived on July 9 and left soon after.", []),
    ("numeric_day_first_unambiguous", "The letter is dated 25/04/1961.", [("25/04/1961", "1961-04-25", "1961-04-25", "day")]),
    ("iso_date", "The file was updated 2019-03-02.", [("2019-03-02", "2019-03-02", "2019-03-02", "day")]),
    ("day_of_month_range_takes_the_narrative_year", "In 1701 we sailed. We stayed from the 14th of June to the 3rd of July.",
     [("1701", "1701-01-01", "1701-12-31", "year"),
      ("from the 14th of June to the 3rd of July", "1701-06-14", "1701-07-03", "day")]),
    ("holiday_with_its_year", "The port fell on New Year's Day, 1863.",
     [("New Year's Day, 1863", "1863-01-01", "1863-01-01", "day")]),
    ("holiday_in_the_narrative_year", "In 1840 the mill opened. On Christmas Eve it burned.",
     [("1840", "1840-01-01", "1840-12-31", "year"), ("Christmas Eve", "1840-12-24", "1840-12-24", "day")]),
    ("season_of_the_narrative_year", "In the spring of 1863 he fled. By the summer he was caught.",
     [("spring of 1863", "1863-03-01", "1863-05-31", "season"), ("summer", "1863-06-01", "1863-08-31", "season")]),
    ("that_month_of_the_narrative_year", "In 1865 the war ended. He wrote to his wife that October.",
     [("1865", "1865-01-01", "1865-12-31", "year"), ("October", "1865-10-01", "1865-10-31", "month")]),
    ("month_abbreviation_without_stop_before_a_year", "The paper appeared in Nov 2000 at the meeting.",
     [("Nov 2000", "2000-11-01", "2000-11-30", "month")]),
    ("an_editors_guess_inside_a_date_line_and_a_letter_looked_back_to",
     "Bergen, April [March?] 30, 1819.\n\nI am only now able to answer your letter of December 18th.",
     [("April [March?] 30, 1819", "1819-04-30", "1819-04-30", "day"),
      ("December 18th", "1818-12-18", "1818-12-18", "day")]),
    # negatives
    ("a_round_thousand_that_lost_its_noun_is_not_a_year", "From here to you it is 1000.", []),
    ("ordinal_is_not_a_date", "The line ran along the 38th parallel.", []),
    ("unit_ordinal_is_not_a_date", "The 112th Regiment held the ridge.", []),
    ("clock_time_is_not_a_date", "The film runs from 13:57 to 15:08 in that scene.", []),
    ("age_is_not_a_date", "The youngest was 19 years old.", []),
    ("duration_is_not_a_date", "The siege lasted six weeks and 54 years passed.", []),
    ("anniversary_is_not_a_date", "They marked the 60th anniversary with a parade.", []),
    ("resolution_number_is_not_a_year", "Resolution 1718 was adopted unanimously.", []),
    ("issue_number_is_not_a_date", "See Vol. 12, No. 4 of the review.", []),
    ("count_is_not_a_year", "About 2000 troops crossed the river.", []),
    ("thousands_separator_is_not_a_year", "More than 1,100 men were lost.", []),
]


@pytest.mark.parametrize("case, text, expected", CASES, ids=[c[0] for c in CASES])
def test_dates(case, text, expected, nlp):
    assert dates_in(text, nlp) == expected


def test_approx_flags(nlp):
    document = build_document(split_paragraphs("Around 1960 it began; in the late 1950s it was planned; "
                                               "it ended on May 2, 1970."), "t.txt", "text")
    found = extract_dates(document, sentences(document, parse_blocks(document, nlp)))
    assert [(d.text, d.approx) for d in found] == [("Around 1960", True), ("the late 1950s", True),
                                                  ("May 2, 1970", False)]


def test_footnote_numeric_date_follows_its_language_tag(nlp):
    text = ("The paper reported it.¹\n\n"
            "¹ T. Nguyen, \"Harbour\", *Daily*, 02/03/2019 (Vietnamese); J. Smith, *Post*, 04/05/2018.\n")
    document = build_document(split_paragraphs(text), "t.txt", "text")
    found = [d for d in extract_dates(document, sentences(document, parse_blocks(document, nlp)))
             if d.part == "footnote"]
    assert found[0].start_date == D(2019, 3, 2)  # day-first: a Vietnamese reference
    assert all(d.part == "footnote" for d in found)


# (case id, text, dates expected as (start, end)): cases the letters and articles of other kinds print
MORE_DATES = [
    ("day_of_month_year_from_the_letter", "Bergen, May 2, 1851. I received your letter of the 3d Oct. and another on the 14th of March.",
     [("1851-05-02", "1851-05-02"), ("1850-10-03", "1850-10-03"), ("1851-03-14", "1851-03-14")]),
    ("month_of_year", "The ferry opened in April of 1861.", [("1861-04-01", "1861-04-30")]),
    ("decade_to_decade", "Tolls rose from the 1920s through 1940s.", [("1920-01-01", "1949-12-31")]),
    ("year_in_an_author_date_call_is_not_a_date", "Others disagree (Moss, 1977; Vale et al., 1990).", []),
    ("year_in_a_legal_citation_is_not_a_date", "See Lund v. Berg, 702 F.3d 211, 215 (9th Cir. 2012).", []),
    ("month_before_a_year_in_parentheses_is_a_date", "The survey (from March 1998) was used.",
     [("1998-03-01", "1998-03-31")]),
    ("life_dates_after_a_name_are_dates", "The pilot Anders Lind (1801–1870) built the quay.",
     [("1801-01-01", "1870-12-31")]),
    ("a_year_in_parenthetical_prose_is_a_date", "The clerks swore the oath (reading the charter of King Olav, 1620).",
     [("1620-01-01", "1620-12-31")]),
    ("a_call_after_a_cue_is_a_call", "Others disagree (see Moss, 1977).", []),
    ("a_letter_answered_was_written_before", "Bergen, February 2, 1851. I answer your letter of December 18th.",
     [("1851-02-02", "1851-02-02"), ("1850-12-18", "1850-12-18")]),
    ("a_sum_counted_in_coins_is_no_year", "He still owed the clerk 2000 florins for the ledgers.", []),
    ("a_year_before_a_plural_noun_is_a_year", "In 1865 troops came to the harbour.", [("1865-01-01", "1865-12-31")]),
    ("last_day_of_a_month", "The ledger closed on the last day of December, 1817.", [("1817-12-31", "1817-12-31")]),
    ("last_after_a_date_looks_back", "Bergen, March 4, 1851. I wrote to you on the 10th of December last.",
     [("1851-03-04", "1851-03-04"), ("1850-12-10", "1850-12-10")]),
]


@pytest.mark.parametrize("case, text, expected", MORE_DATES, ids=[c[0] for c in MORE_DATES])
def test_more_dates(case, text, expected, nlp):
    from extractors.document.markers import citation_call_spans
    from extractors.rules.patterns import LEGAL_CITATION

    document = build_document(split_paragraphs("A Title\n\n" + text + "\n"), "t.txt", "text")
    sents = sentences(document, parse_blocks(document, nlp))
    cited = citation_call_spans(document.text) + [m.span() for m in LEGAL_CITATION.finditer(document.text)]
    found = [(d.start_date.isoformat(), d.end_date.isoformat()) for d in extract_dates(document, sents, excluded=cited)
             if d.part == "body"]
    assert found == expected


def test_a_year_stays_the_narrative_year_over_a_long_passage(nlp):
    filler = " ".join(f"The clerks counted barrels at gate {k}." for k in range(60))
    found = dates_in(f"In 1871 the harbour opened. {filler} On June 3rd the quay flooded.", nlp)
    assert ("June 3rd", "1871-06-03", "1871-06-03", "day") in found


def _all_date_texts() -> list[str]:
    return [case[1] for case in CASES] + [case[1] for case in MORE_DATES]


@pytest.mark.parametrize("rule", [name for name, _ in __import__("extractors.dates.find", fromlist=["x"]).COMPILED])
def test_a_rule_is_skipped_only_where_it_could_not_match(rule):
    """Each rule runs only on text holding the pieces it needs (a month, a year, a season, ...):
    every match of the rule, on every date sentence of this file, holds those pieces."""
    from extractors.dates.find import COMPILED, RULE_NEEDS, needed

    regex = dict(COMPILED)[rule]
    matched = 0
    for text in _all_date_texts():
        for match in regex.finditer(text):
            matched += 1
            for piece in RULE_NEEDS[rule]:
                assert needed(piece)(match.group()), (rule, piece, match.group())
    assert set(RULE_NEEDS) == {name for name, _ in COMPILED}
    if rule not in ("day_of_month_to_day_of_month", "iso_date", "numeric_date", "century", "edge_day_of_month"):
        assert matched, f"no sentence here exercises {rule}"


@pytest.mark.parametrize("case, text, found", [
    ("holiday_in_long_s", "On Chriſtmas Eve, 1801, the bells rang.", True),
    ("holiday_in_capitals", "ON CHRISTMAS DAY THE SHOPS CLOSED.", True),
    ("no_holiday", "The bells rang at noon.", False),
])
def test_holiday_gate_reads_case_folded_text(case, text, found):
    from extractors.dates.find import NEEDED_PIECES

    assert NEEDED_PIECES["holiday"](text) is found


@pytest.mark.parametrize("case, text, span, rule", [
    ("iso_date", "The decree of 2019-03-02 was signed.", "2019-03-02", "iso_date"),
    ("numeric_date", "The lease was filed on 02/03/2019 in town.", "02/03/2019", "numeric_date"),
    ("days_of_months", "They sailed from the 14th of June to the 3rd of July, 1701.",
     "from the 14th of June to the 3rd of July, 1701", "day_of_month_to_day_of_month"),
    ("edge_day", "It froze on the last day of December, 1817.", "the last day of December, 1817", "edge_day_of_month"),
    ("short_year_range", "The drought of 1965-68 ruined them.", "1965-68", "year_to_short_year"),
    ("day_range", "The fair ran July 8 to 12, 1957.", "July 8 to 12, 1957", "month_day_to_day_year"),
    ("month_ranges", "It lasted from June 1965 to July 1970.", "from June 1965 to July 1970", "month_year_to_month_year"),
])
def test_a_rule_with_a_needed_shape_still_finds_its_date(case, text, span, rule):
    """The rules gated by a shape (a range of days, a day before its month, an ISO or numeric
    form, two years) still find the dates that have it."""
    from extractors.dates.find import find_date_candidates

    found = [(text[c.start:c.end], c.rule) for c in find_date_candidates(text)]
    assert (span, rule) in found, found
