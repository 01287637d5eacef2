"""Rule tables are data: every row of every rule file loads, says why it exists, and fires."""
from __future__ import annotations

import json
import re

import pytest

from extractors import rules
from extractors.entities import load_patterns

RULE_FILES = sorted(p.name for p in rules.RULES_DIR.glob("*.jsonl"))


@pytest.mark.parametrize("file_name", RULE_FILES)
def test_every_row_of_every_rule_file_loads_with_a_why(file_name):
    loaded = rules.rows(file_name)
    assert loaded, f"{file_name} is empty"
    assert all(len(row["why"].strip()) >= 3 for row in loaded)  # at least an example: "50%"


def test_a_row_without_why_is_refused_with_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "bad.jsonl").write_text(json.dumps({"table": "x", "words": ["a"]}) + "\n")
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.rows.cache_clear()
    try:
        with pytest.raises(rules.RuleError, match=r"bad.jsonl:1: missing why"):
            rules.rows("bad.jsonl")
    finally:
        rules.rows.cache_clear()


def test_unknown_table_names_the_tables_there_are():
    with pytest.raises(rules.RuleError, match="event_heads"):
        rules.words("no_such_table")


# (text, folded): one folding for names and words everywhere
FOLD_CASES = [
    ("Bắc Giang", "bac giang"),
    ("Đà Nẵng", "da nang"),
    ("STRASSE", "strasse"),
    ("Kœnig Brontë", "kœnig bronte"),
]


@pytest.mark.parametrize("text,folded", FOLD_CASES, ids=[c[0] for c in FOLD_CASES])
def test_fold_removes_case_and_accents(text, folded):
    assert rules.fold(text) == folded


def test_every_entity_pattern_compiles_and_fires_on_an_invented_example():
    examples = {
        "caps_family_name": "a talk by PARK Ji-hoon in May",
        "family_first_hyphenated": "as Song Min-ho wrote",
        "named_regime": "under the Lon Tarn regime",
        "place_generic_head": "in Ha Tinh Province",
        "place_dong_suffix": "in Sinchon-dong",
        "facility_generic_head": "at Harbour Air Base",
        "location_generic_head": "across the Korean Peninsula",
        "military_unit_ordinal": "the 512th Engineer Battalion",
        "military_unit_named": "the Red Fox Division",
        "org_generic_head": "the Central Committee of the Labour Party",
        "vietnamese_name": "said Trần Quốc Vượng",
    }
    patterns = load_patterns()
    assert {p.id for p in patterns} == set(examples)
    for pattern in patterns:
        assert pattern.regex.search(examples[pattern.id]), pattern.id


@pytest.mark.parametrize("table, text, matched", [
    ("reference_list_headings", "WORKS   CITED", "WORKS   CITED"),
    ("caption_labels", "Fig. 3 The gate", "Fig."),
    ("conference_words", "Proc. of the Harbour Workshop", "Proc."),
    ("org_heads", "the Air Force of Borduria", "Air Force"),
], ids=["spaces_match_any_white_space", "dots_are_literal", "longest_word_first", "two_word_head"])
def test_a_word_table_reads_as_a_regex_group(table, text, matched):
    import re

    found = re.search(rules.alternation(table), text, re.I)
    assert found is not None and found.group() == matched


# ---------------------------------------------------------------- a lookahead of first characters

LOOKAHEAD_TEXT = ("Between 1959 and 1965, about 2,000 men left; in ſpring ship KING sailed (circa 1870). "
                  "The early 1920s; İstanbul, ıdle. Mid-1980s [March?] 30, 1819 — 12/03/1901 and 1965-68.")


@pytest.mark.parametrize("case, pattern, flags", [
    ("optional_words_then_a_year", r"(?:(?P<q>(?i:around|about|circa))\s+|(?:early|mid-?)\s*)?(?<!\d)(?P<y>1\d{3})", 0),
    ("case_free_letters_with_their_unicode_partners", r"spring|king|idle", re.I),
    ("a_class_with_a_range_and_a_category", r"[a-c\d]+", 0),
    ("an_alternation_of_literals", r"Between|between|The", 0),
    ("a_boundary_and_a_lookbehind_first", r"\b(?<![,.])\d{2}\b", 0),
    ("a_possessive_repeat", r"(?:mid-)?+\d{4}s", 0),
])
def test_a_first_character_lookahead_keeps_every_match(case, pattern, flags):
    from extractors.rules.patterns import with_first_character_lookahead

    plain = re.compile(pattern, flags)
    fast = with_first_character_lookahead(plain)
    assert fast.pattern.startswith("(?=[")
    found = [(m.span(), m.groupdict()) for m in plain.finditer(LOOKAHEAD_TEXT)]
    assert found and [(m.span(), m.groupdict()) for m in fast.finditer(LOOKAHEAD_TEXT)] == found


@pytest.mark.parametrize("case, pattern, flags", [
    ("may_match_nothing", r"(?:early\s+)?", 0),
    ("opens_with_any_character", r".\d", 0),
    ("opens_with_a_negated_class", r"[^a-z]\d", 0),
    ("a_case_free_letter_outside_ascii", r"été", re.I),
])
def test_a_pattern_whose_first_character_cannot_be_told_is_kept_as_it_is(case, pattern, flags):
    from extractors.rules.patterns import with_first_character_lookahead

    plain = re.compile(pattern, flags)
    assert with_first_character_lookahead(plain) is plain


def test_every_character_case_free_matching_takes_for_an_ascii_letter_is_in_its_lookahead():
    """Python's case-free matching takes a few letters outside ASCII for ASCII ones (ſ, K, İ, ı):
    scanned over every code point, each one that matches a letter is in that letter's class."""
    import sys

    from extractors.rules.patterns import with_first_character_lookahead

    any_letter = re.compile("[a-z]", re.I)
    taken = [chr(c) for c in range(sys.maxunicode + 1) if any_letter.fullmatch(chr(c))]
    assert len(taken) > 52  # the partners exist
    for letter in "abcdefghijklmnopqrstuvwxyz":
        lookahead = re.compile(with_first_character_lookahead(re.compile(letter, re.I)).pattern[3:].split("]")[0] + "]")
        assert all(lookahead.fullmatch(ch) for ch in taken if re.fullmatch(letter, ch, re.I)), letter
