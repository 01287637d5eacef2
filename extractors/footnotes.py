"""Links between footnote markers in the body and the sentences that carry them."""
from __future__ import annotations

import bisect

from extractors.records import CitationMention, Document, Sentence


def extract_citation_mentions(document: Document, sentences: list[Sentence]) -> list[CitationMention]:
    """One row per footnote marker: the body sentence it stands in, and the page it is printed on.

    A marker sits right after the sentence it supports ("... in Vietnam.¹"), so
    a marker exactly at a sentence's end belongs to that sentence, not the next.
    Markers whose number has no footnote are kept out (nothing to link to).
    """
    body = [s for s in sentences if s.part != "footnote"]
    ends = [s.end for s in body]
    numbers = {f.number for f in document.footnotes}
    mentions: list[CitationMention] = []
    for marker in document.markers:
        if marker.number not in numbers:
            continue
        k = bisect.bisect_left(ends, marker.position)
        if k == len(body):
            k -= 1
        if k < 0:
            continue
        sentence = body[k]
        mentions.append(CitationMention(marker.number, sentence.sentence_id, marker.page, marker.position))
    return mentions
