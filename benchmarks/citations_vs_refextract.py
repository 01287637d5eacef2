"""Citations: Marginalia vs refextract on the same footnote texts, side by side.

    python benchmarks/citations_vs_refextract.py

Both read the footnotes of the sample (as the document model gives them);
each system's references are aligned with the gold in order, per footnote, and
compared field by field with score.py's compare_ref (field micro F1).
"""
from __future__ import annotations

import warnings

from common import SAMPLE, gold, load_score, table, timed

warnings.filterwarnings("ignore")


def refextract_fields(found: dict) -> dict:
    """refextract's dict of lists, mapped to the yardstick's field names."""
    first = lambda key: (found.get(key) or [None])[0]  # noqa: E731
    pages = first("page")
    return {"kind": None, "authors": found.get("author"), "title": first("title"),
            "container": first("journal_title"), "volume": first("journal_volume"),
            "issue": None, "publisher": first("publisher"), "place": None, "date": first("year"),
            "pages": pages, "url": first("url"), "accessed": None, "language": None, "title_original": None,
            "ibid": False, "short_form": False, "resolves_to": None}


def micro(score, predicted: dict, gold_notes: dict) -> dict:
    counts: dict = {}
    for number, note in gold_notes.items():
        mine = predicted.get(number, [])
        for k in range(max(len(note["refs"]), len(mine))):
            score.compare_ref(note["refs"][k] if k < len(note["refs"]) else None,
                              mine[k] if k < len(mine) else None, counts)
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    return score.prf(tp, tp + fp, tp + fn)


def main() -> None:
    from refextract import extract_references_from_string

    from extractors.citations import extract_references
    from extractors.document import read_document
    from extractors.citations.resolve import resolve_references

    score = load_score()
    gold_notes = {n["number"]: n for n in gold("citations")["footnotes"]}
    document = read_document(SAMPLE)
    seconds: dict[str, float] = {}
    with timed(seconds, "marginalia"):
        references, _ = extract_references(document)
        references = resolve_references(references)
    ours: dict = {}
    for r in references:
        ours.setdefault(r.footnote_number, []).append(
            {"kind": r.kind, "authors": list(r.authors) or None, "title": r.title, "title_original": r.title_original,
             "container": r.container, "volume": r.volume, "issue": r.issue, "publisher": r.publisher,
             "place": r.place, "date": r.pub_date, "pages": r.pages, "url": r.url, "accessed": r.accessed,
             "language": r.language, "ibid": r.ibid, "short_form": r.short_form, "resolves_to": r.resolves_to})
    with timed(seconds, "refextract"):
        theirs: dict = {}
        for footnote in document.footnotes:
            for found in extract_references_from_string(footnote.text):
                theirs.setdefault(footnote.number, []).append(refextract_fields(found))
    rows = []
    for name, predicted in (("marginalia", ours), ("refextract", theirs)):
        result = micro(score, predicted, gold_notes)
        rows.append({"system": name, "precision": result["precision"], "recall": result["recall"],
                     "field_micro_f1": result["f1"], "seconds": f"{seconds[name]:.2f}"})
    print("Citations on the sample's 119 footnotes (score.py compare_ref, field micro F1)")
    print(table(rows, ["system", "precision", "recall", "field_micro_f1", "seconds"]))


if __name__ == "__main__":
    main()
