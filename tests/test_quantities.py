"""Quantities: one row per phenomenon, on invented sentences, negatives included."""
from __future__ import annotations

import json

import pytest

from extractors.dates import extract_dates
from extractors.document import build_document
from extractors.nlp import parse_blocks, sentences
from extractors.quantities import RULES_DIR, extract_quantities, load_units, number_value
from extractors.document.text import split_paragraphs


def quantities_in(text: str, nlp):
    document = build_document(split_paragraphs(text), "t.txt", "text")
    parsed = parse_blocks(document, nlp)
    sents = sentences(document, parsed)
    dates = extract_dates(document, sents)
    return extract_quantities(document, parsed, sents, [(d.start, d.end) for d in dates])


# (case id, text, expected [(value, value_max, unit, kind, qualifier, subject)])
CASES = [
    ("digits_with_thousands", "The army sent 6,359 engineers north.", [(6359, None, None, "count", "exact", "engineers")]),
    ("more_than", "More than 1,200 sailors were lost.", [(1200, None, None, "count", "more_than", "sailors")]),
    ("approx_nearly", "Nearly 150 nurses arrived.", [(150, None, None, "count", "approx", "nurses")]),
    ("approx_some", "The journey took some 54 years.", [(54, None, "year", "duration", "approx", "time")]),
    ("at_least", "At least 30 boats sank.", [(30, None, None, "count", "at_least", "boats")]),
    ("up_to", "Up to 400 workers joined.", [(400, None, None, "count", "up_to", "workers")]),
    ("range_with_to", "The garrison held approximately 150 to 384 soldiers.",
     [(150, 384, None, "count", "approx", "soldiers")]),
    ("number_words", "One hundred thirteen miners returned.", [(113, None, None, "count", "exact", "miners")]),
    ("word_number_with_scale", "They shipped one million blankets.", [(1_000_000, None, None, "count", "exact", "blankets")]),
    ("digits_with_scale_and_currency", "The bridge cost US$7 million to build.",
     [(7_000_000, None, "USD", "money", "exact", "bridge")]),
    ("currency_word", "The loan was worth 120,000 rubles.", [(120_000, None, "RUB", "money", "exact", "loan")]),
    ("mass_with_of", "They delivered 442 tons of grain.", [(442, None, "t", "mass", "exact", "grain")]),
    ("length", "The camp lay about 60 km north of the city.", [(60, None, "km", "length", "approx", "distance")]),
    ("duration_weeks", "The ships had been seen six weeks earlier.", [(6, None, "week", "duration", "exact", "time")]),
    ("age", "The youngest sailor was 17 years old.", [(17, None, "year", "age", "exact", None)]),
    ("percent", "Turnout reached 85% in the north.", [(85, None, "%", "percent", "exact", None)]),
    ("frequency", "The envoy visited the capital 12 times.", [(12, None, None, "frequency", "exact", "times")]),
    ("model_name_is_not_the_count", "The squadron flew 12 MIG-21F fighters.", [(12, None, None, "count", "exact", "fighters")]),
    ("predicate_gives_subject", "Of the 9 survivors, 4 were nurses.",
     [(9, None, None, "count", "exact", "survivors"), (4, None, None, "count", "exact", "nurses")]),
    ("number_of_gives_subject", "The number of victims is not 40, but 45.",
     [(40, None, None, "count", "exact", "victims"), (45, None, None, "count", "exact", "victims")]),
    ("of_them_refers_back", "The crews flew 300 missions. The pilots were brave. Ten of them were killed.",
     [(300, None, None, "count", "exact", "missions"), (10, None, None, "count", "exact", "pilots")]),
    ("a_dozen", "A dozen guards stood at the gate.", [(12, None, None, "count", "exact", "guards")]),
    ("partitive_of", "The captain sold a hundred of his barrels.", [(100, None, None, "count", "exact", "barrels")]),
    ("share_of_a_whole", "Only 24 per cent of the harbour workers signed.",
     [(24, None, "%", "percent", "exact", "harbour workers")]),
    ("noun_past_a_participle", "Lind took about two dozen enslaved people north.",
     [(24, None, None, "count", "approx", "people")]),
    ("amount_in_what", "Each clerk received $500 in harbour bonds.",
     [(500, None, "USD", "money", "exact", "harbour bonds")]),
    ("in_the_amount_of", "She bought ferry insurance in the amount of $2,000 for her son.",
     [(2000, None, "USD", "money", "exact", "ferry insurance")]),
    ("paid_for_the_object", "The town offered to settle the claim for $300 in May.",
     [(300, None, "USD", "money", "exact", "claim")]),
    ("kind_of_thing_named_by_compounds", "The firm bought a 40 ton steam crane.",
     [(40, None, "t", "mass", "exact", "steam crane")]),
    ("quarter_of_a_century", "The feud lasted more than a quarter of a century.",
     [(25, None, "year", "duration", "more_than", "time")]),
    # negatives
    ("year_is_not_a_quantity", "The treaty of 1921 ended the war.", []),
    ("date_parts_are_not_quantities", "He left on March 3, 1921.", []),
    ("ordinal_is_not_a_quantity", "The 203rd Regiment held the 38th parallel.", []),
    ("identifier_is_not_a_quantity", "Resolution 1718 was adopted.", []),
    ("unit_number_is_not_a_quantity", "Unit 731 was disbanded.", []),
    ("enumeration_is_not_a_quantity", "We look at (1) trade and (2) war.", []),
    ("a_measure_restated_in_parentheses", "The youngest sailor was 17 years old (by the old count, 18 that spring).",
     [(17, None, "year", "age", "exact", "age"), (18, None, "year", "age", "exact", "age")]),
    ("scientific_notation_in_years", "The gate is about 4.98 × 10⁵ y old by that reckoning.",
     [(498000, None, "year", "duration", "approx", "time")]),
    ("scientific_notation_counted", "The harbour held 2 × 10³ crates of salt.",
     [(2000, None, None, "count", "exact", "crates")]),
    ("a_name_with_a_number_is_a_label", "He wrote Tract 90 in that year.", []),
    ("a_rank_is_not_a_count", "The ledger was ranked 151 in the list.", []),
    ("a_term_of_a_formula_is_not_a_count", "For the gates we take q = 4, and the rest follows.", []),
    ("a_formula_with_what_it_counts_is_a_count", "The model has T = 20 states.",
     [(20, None, None, "count", "exact", "states")]),
    ("clock_time_is_not_a_quantity", "The clip runs from 13:57 to 15:08.", []),
    ("pronoun_one_is_not_a_count", "One of the causes was the weather.", []),
    ("incidental_abstract_count", "The reform failed in two respects.", []),
    ("anaphoric_definite_count", "Relations between the two countries improved.", []),
    ("a_letters_number_is_not_a_figure", "To the Same 218.", []),
    ("a_table_row_is_not_figures", "Harbour Quay Average 0.400 0.742 0.605 0.710", []),
    ("a_bare_number_after_a_preposition_of_place_is_not_a_figure",
     "We will meet at seven near the old harbour gate.", []),
    ("a_bare_number_that_is_the_subject_counts", "Of the respondents, seven noted that the nights were long.",
     [(7, None, None, "count", "exact", "respondents")]),
    ("a_bare_number_after_reduced_to_counts", "The number of clerks in the port had been reduced to 185 that winter.",
     [(185, None, None, "count", "exact", "clerks")]),
    ("a_term_of_a_formula_named_by_its_definition",
     "The last quay instant (tLQ) is set when tLQ = 4.98 × 10⁵ y in every run.",
     [(498000, None, "year", "duration", "exact", "last quay instant")]),
    ("a_measure_compared_with_a_noun", "Tides on scales which are larger than 100 Mpc are ignored here.",
     [(100, None, "Mpc", "length", "exact", "scales")]),
    ("a_possessive_count_is_a_count", "She fled to the river with her two children.",
     [(2, None, None, "count", "exact", "children")]),
    ("an_upper_case_abbreviation_is_not_a_lower_case_unit", "They used a 225 PC machine for the runs.",
     [(225, None, None, "count", "exact", "pc machine")]),
    ("every_member_of_a_list_of_labels_is_a_label", "The values for models 3 and 4 respectively are large.", []),
    ("every_member_of_a_list_of_formula_terms_is_a_term", "We take d = 6 and 5 for the last runs of the gates.", []),
    ("a_file_number_with_slashes_is_not_a_figure", "The grant 621/E-78/SN-0068/2007 paid for the work.", []),
    ("a_leaked_note_number_at_a_line_start_is_not_a_figure", "8 As can be seen, in this case the tide is high.", []),
    ("a_descending_pair_is_not_a_range", "The focus is on a traditional 9-5 view of employment.", []),
    ("between_x_and_y_is_a_range", "Each site had between 170 and 210 shift workers in all.",
     [(170, 210, None, "count", "exact", "shift workers")]),
    ("a_ratio_around_its_value", "All the other rules have an average harbour ratio around 1.5.",
     [(1.5, None, None, "count", "approx", "harbour ratio")]),
    ("a_reduction_by_a_share", "The method reduces the tally error by 39% on average.",
     [(39, None, "%", "percent", "exact", "tally error")]),
    ("a_mean_age_is_the_subjects_age", "Participants were all sailors, with a mean age of 41.33 years.",
     [(41.33, None, "year", "duration", "exact", "participants")]),
    ("a_figure_in_apposition_counts_the_noun_before", "The guild listed thousands of members each decade, nearly 4,000 across the period.",
     [(4000, None, None, "count", "approx", "members")]),
    ("a_measure_of_a_noun_before_of", "We crossed a forest of more than 800 leagues in the winter.",
     [(800, None, "league", "length", "more_than", "forest")]),
    ("a_hyphenated_number_word_with_a_scale", "The corpus held about sixty-five million tokens in all.",
     [(65_000_000, None, None, "count", "approx", "tokens")]),
    ("a_hyphenated_number_word_is_not_a_range", "He wrote thirty-five variations on the theme.",
     [(35, None, None, "count", "exact", "variations")]),
    ("a_number_restated_in_digits_keeps_its_unit", "There is a waiting period of approximately six (6) weeks here.",
     [(6, None, "week", "duration", "approx", "period")]),
    ("historic_money_with_its_owner", "I have incurred a debt of 200 to 300 florins for the rooms.",
     [(200, 300, "florin", "money", "exact", "debt")]),
    ("pounds_shillings_and_pence", "The bill came to 3l. 5s. 6d. in all.",
     [(3.275, None, "GBP", "money", "exact", None)]),
    ("litres_are_not_pounds", "Pour 5l. of water into the tank.", []),
    ("a_partitive_count", "The levy took many men, including two of the miller's sons.",
     [(2, None, None, "count", "exact", "sons")]),
]


@pytest.mark.parametrize("case, text, expected", CASES, ids=[c[0] for c in CASES])
def test_quantities(case, text, expected, nlp):
    found = [(q.value, q.value_max, q.unit, q.kind, q.qualifier, q.subject) for q in quantities_in(text, nlp)]
    expected = [(float(v), None if m is None else float(m), u, k, qual, s) for v, m, u, k, qual, s in expected]
    if case == "age":
        found = [f[:5] + (None,) for f in found]  # subject of an age is the person, when the parser finds one
    if case == "percent":
        found = [f[:5] + (None,) for f in found]
    assert found == expected


def test_reference_spans_are_skipped(nlp):
    text = "A claim.¹\n\n¹ A. Smith, *Boats*, Vol. 3, No. 4, (London: Sea, 1999), pp. 10-12.\n"
    document = build_document(split_paragraphs(text), "t.txt", "text")
    parsed = parse_blocks(document, nlp)
    note = document.footnotes[0]
    assert extract_quantities(document, parsed, sentences(document, parsed), [(note.start, note.end)]) == []


@pytest.mark.parametrize("words, value", [
    (["One", "hundred", "thirteen"], 113), (["7", "million"], 7e6), (["twenty-one"], 21),
    (["a", "dozen"], 12), (["3,500"], 3500), (["two", "thousand", "and", "five"], 2005)],
    ids=["hundred_and_units", "digits_and_scale", "hyphenated", "a_dozen", "thousands", "thousand_and"])
def test_number_value(words, value):
    assert number_value(words) == value


def test_unit_table_rows_are_valid():
    kinds = {"count", "money", "length", "mass", "area", "volume", "duration", "age", "percent", "frequency", "other"}
    rows = [json.loads(line) for line in (RULES_DIR / "units.jsonl").read_text().splitlines() if line.strip()]
    assert rows and len(rows) == len(load_units())
    for row in rows:
        assert set(row) <= {"word", "unit", "kind", "symbol", "exact_case", "why"}, row
        assert row["kind"] in kinds and row["why"], row
        if row["kind"] == "money":
            # an ISO 4217 code, or the lower-case name of a currency that has none ("florin", "ducat")
            assert row["unit"] and ((len(row["unit"]) == 3 and row["unit"].isupper()) or row["unit"].islower()), row


# (case id, text, values that must not come out as figures)
NOT_FIGURES = [
    ("identifier_nouns_in_any_case", "The results are in section 4.2 and model 12 of Op. 57.", {4.2, 12.0, 57.0}),
    ("volumes_and_pages_of_a_law_reporter", "See Lund v. Berg, 702 F.3d 211, 215 (9th Cir. 2012).", {702.0, 211.0, 215.0}),
    ("numbers_of_a_bracketed_call", "Others used the same network [14, 3].", {14.0, 3.0}),
]


@pytest.mark.parametrize("case, text, values", NOT_FIGURES, ids=[c[0] for c in NOT_FIGURES])
def test_numbers_that_are_not_figures(case, text, values, nlp):
    from extractors.rules.patterns import LEGAL_CITATION

    document = build_document(split_paragraphs("A Title\n\n" + text + "\n"), "t.txt", "text")
    parsed = parse_blocks(document, nlp)
    sents = sentences(document, parsed)
    excluded = [m.span() for m in LEGAL_CITATION.finditer(document.text)]
    found = {q.value for q in extract_quantities(document, parsed, sents, excluded)}
    assert not (found & values), found


@pytest.mark.parametrize("case, text, may", [
    ("digits", "The mill employed 40 hands.", True),
    ("number_word_in_capitals", "TWENTY carts arrived.", True),
    ("scale_after_a", "A dozen carts arrived.", True),
    ("hyphenated_number_words", "Twenty-five carts arrived.", True),
    ("arabic_indic_digits", "The mill employed ٤٠ hands.", True),
    ("fraction_of_a_period", "The feud lasted a quarter of a century.", True),
    ("no_number_at_all", "The carts arrived at dusk.", False),
])
def test_a_sentence_without_a_number_start_is_not_walked(case, text, may):
    from extractors.quantities import _may_state_a_number

    assert _may_state_a_number(text) is may
