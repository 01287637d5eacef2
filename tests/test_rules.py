"""Rule tables are data: every row of every rule file loads, says why it exists, and fires."""
from __future__ import annotations

import json

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
