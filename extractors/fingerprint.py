"""A document's text fingerprint: near-identical texts are found without comparing texts.

Bottom-k MinHash over word 5-grams: the ``k`` smallest 64-bit hashes of the
shingles. Two copies of one work (a text file and its typeset PDF, whose line
breaks, hyphens and running heads differ) share most shingles, so most of their
smallest hashes; different works share almost none. The estimate of their
resemblance (Jaccard) is the share of the k smallest hashes of the union that
both sketches hold.
"""
from __future__ import annotations

import hashlib
import heapq
import re

SKETCH_SIZE = 64
SHINGLE_WORDS = 5
WORD = re.compile(r"\w+")


def text_fingerprint(text: str, k: int = SKETCH_SIZE) -> tuple[int, ...]:
    """The ``k`` smallest hashes of the text's word 5-grams (case-folded), ascending."""
    words = WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:  # each run of five words, consecutive runs zipped from shifted lists
        shingles = set(map(" ".join, zip(*(words[shift:] for shift in range(SHINGLE_WORDS)))))
    blake2b = hashlib.blake2b
    # 63 bits: the sketch is stored as DuckDB BIGINT, signed
    hashes = [int.from_bytes(blake2b(s.encode(), digest_size=8).digest(), "big") >> 1 for s in shingles if s]
    return tuple(heapq.nsmallest(k, hashes))


def resemblance(a: tuple[int, ...] | list[int], b: tuple[int, ...] | list[int]) -> float:
    """Estimated Jaccard resemblance of the two texts behind two sketches (0..1)."""
    if not a or not b:
        return 0.0
    k = min(len(a), len(b))
    union_smallest = heapq.nsmallest(k, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for h in union_smallest if h in both) / k
