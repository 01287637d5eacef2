"""Property tests: arbitrary text never breaks an extractor, and every record is well-formed."""
from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.citations import extract_references
from extractors.dates import extract_dates
from extractors.document import build_document
from extractors.entities import extract_entities
from extractors.document.markers import extract_citation_mentions
from extractors.nlp import parse_blocks, sentences
from extractors.quantities import extract_quantities
from extractors.document.text import split_paragraphs

# Text with the characters our rules care about over-represented: digits, superscripts,
# asterisks, brackets, quotes, months, newlines, other scripts.
PIECES = st.sampled_from([
    " ", "\n", "\n\n", "\f", "*", "¹", "²³", "[1]", "(", ")", '"', "“", "”", ";", ".", ",", "-", "–", ":",
    "1965", "12", "3,500", "one hundred", "May", "July 8 to 12, 1957", "the late 1950s", "p. 4", "pp. 1-9",
    "ibid.", "Vol. 2", "No. 3", "<https://example.org/a-", "b.html>", "(Korean)", "KIM Il-sung", "Nguyễn Văn",
    "Province", "Division", "References", "\n¹ ", "\n[2] ", "평양", "東京", "Москва", "US$", "km", "tons",
])
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join))

SETTINGS = settings(max_examples=int(__import__("os").environ.get("MARGINALIA_HYPOTHESIS_EXAMPLES", "80")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def run_all(text: str, nlp):
    document = build_document(split_paragraphs(text), "p.txt", "text")
    parsed = parse_blocks(document, nlp)
    sents = sentences(document, parsed)
    dates = extract_dates(document, sents)
    references, kinds = extract_references(document)
    quantities = extract_quantities(document, parsed, sents, [(d.start, d.end) for d in dates])
    entities, mentions = extract_entities(document, parsed, sents)
    links = extract_citation_mentions(document, sents)
    return document, sents, dates, references, kinds, quantities, entities, mentions, links


@SETTINGS
@given(text=TEXT)
def test_any_text_gives_well_formed_records(text, nlp):
    try:
        document, sents, dates, references, kinds, quantities, entities, mentions, links = run_all(text, nlp)
    except Exception as exc:  # the only acceptable failure: nothing readable in the text
        from extractors.document import ReadError

        assert isinstance(exc, ReadError), repr(exc)
        return
    n = len(document.text)
    for s in sents:
        assert 0 <= s.start < s.end <= n and document.text[s.start:s.end] == s.text
    for d in dates:
        assert 0 <= d.start < d.end <= n and document.text[d.start:d.end] == d.text
        assert d.start_date <= d.end_date
    for q in quantities:
        assert 0 <= q.start < q.end <= n and document.text[q.start:q.end] == q.text
        assert math.isfinite(q.value) and (q.value_max is None or (math.isfinite(q.value_max) and q.value <= q.value_max))
    for m in mentions:
        assert 0 <= m.start < m.end <= n
    for r in references:
        assert 0 <= r.start <= r.end <= n
    for f in document.footnotes:
        assert document.text[f.start:f.end] == f.text
    assert set(kinds) == {f.number for f in document.footnotes}
    assert {link.footnote_number for link in links} <= {f.number for f in document.footnotes}
    for marker in document.markers:
        assert 0 <= marker.position <= n
    for span in document.italics:
        assert 0 <= span.start <= span.end <= n


SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12)


@given(spans=SPANS, start=st.integers(0, 60), length=st.integers(1, 10))
def test_span_set_answers_like_a_scan_of_every_span(spans, start, length):
    """Bisection over nested and overlapping spans must agree with checking each span."""
    from extractors.records import SpanSet

    index = SpanSet(spans)
    end = start + length
    assert index.overlaps(start, end) == any(a < end and start < b for a, b in spans if a < b)
    assert index.covers(start) == any(a <= start < b for a, b in spans)
