"""Reference parsing grows linearly with a note's length, whatever the note repeats.

A hostile or odd note (thousands of "cf. A," signals, quoted titles before parentheses, runs of
capitalised words, "A to B," letters) must cost time in proportion to its length. For each
pattern this prints the time for a note of 200 and of 800 repeats, side by side in one run,
and their ratio: about 4 is linear, about 16 would be quadratic.

    .venv/bin/python benchmarks/linear_references.py
"""
from __future__ import annotations

import time

from extractors.citations import extract_references
from extractors.citations.legal import extract_legal_citations
from extractors.document import build_document
from extractors.document.text import split_paragraphs

REPEATED = {
    "place-year parentheses": "he said (Madrid, 1999) and ",
    "quoted title before a parenthesis": '"Sketch," (Mag., p. 2), and ',
    "capitalised words": "Ann Bo Cy Dee ",
    "letters A to B": "Ann Lee to Tom Hale, ",
    "signals and abbreviations": "see Ann, cf. Bo, ",
    "lone asterisks": "*Ab ",
    "volumes and pages": "vol. ii. 23 ",
    "code names": "TEX. INS. CODE ",
    "hereafter short titles": "(hereafter, Ab) ",
}


def seconds(note: str) -> float:
    document = build_document(split_paragraphs("Body.¹\n\n¹ " + note + "\n"), "note.txt", "text")
    started = time.perf_counter()
    extract_references(document)
    extract_legal_citations(document, [])
    return time.perf_counter() - started


def main() -> None:
    print(f"{'repeated pattern':36} {'200x':>8} {'800x':>8} {'ratio':>6}")
    for name, unit in REPEATED.items():
        small, large = seconds(unit * 200), seconds(unit * 800)
        print(f"{name:36} {small:8.3f} {large:8.3f} {large / max(small, 1e-6):6.1f}")


if __name__ == "__main__":
    main()
