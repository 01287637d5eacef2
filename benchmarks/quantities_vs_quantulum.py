"""Quantities: Marginalia vs quantulum3 on the same body text, side by side.

    python benchmarks/quantities_vs_quantulum.py

Matching is score.py's: (value, value_max, unit) against the gold; subject
accuracy only for Marginalia (quantulum3 does not say what is counted).
"""
from __future__ import annotations

import warnings
from collections import Counter

from common import SAMPLE, body_paragraphs, gold, load_score, table, timed

warnings.filterwarnings("ignore")

#: quantulum3 unit names to the yardstick's unit keys
QUANTULUM_UNITS = {"dimensionless": None, "ton": "t", "tonne": "t", "kilometre": "km", "metre": "m",
                   "year": "year", "week": "week", "day": "day", "month": "month", "hour": "hour",
                   "percentage": "%", "dollar": "USD", "United States dollar": "USD", "rouble": "RUB",
                   "Russian ruble": "RUB", "kilogram": "kg", "mile": "mi"}


def f1(score, rows, gold_items):
    opt = [score.norm(o["text"]) for o in gold_items.get("optional", [])]
    keys = {score.q_key(i["value"], i.get("value_max"), i.get("unit")) for i in gold_items["items"]}
    rows = [r for r in rows if score.q_key(*r[1:4]) in keys or not score.is_optional(r[0], opt)]
    g = Counter(score.q_key(i["value"], i.get("value_max"), i.get("unit")) for i in gold_items["items"])
    p = Counter(score.q_key(*r[1:4]) for r in rows)
    return score.prf(sum((g & p).values()), sum(p.values()), sum(g.values()))


def main() -> None:
    from quantulum3 import parser

    from extractors.pipeline import extract_document
    from extractors.nlp import load_model
    from extractors.document import read_document

    score = load_score()
    gold_quantities = gold("quantities")
    document = read_document(SAMPLE)
    paragraphs = body_paragraphs(document)
    nlp = load_model()
    seconds: dict[str, float] = {}
    with timed(seconds, "marginalia (whole pipeline, spaCy included)"):
        extracted = extract_document(SAMPLE, SAMPLE.name, nlp)
    ours = [(q.text, q.value, q.value_max, q.unit) for q in extracted.quantities if q.part == "body"]
    with timed(seconds, "quantulum3"):
        theirs = []
        for paragraph in paragraphs:
            for quantity in parser.parse(paragraph):
                unit = QUANTULUM_UNITS.get(quantity.unit.name, quantity.unit.name)
                theirs.append((quantity.surface, quantity.value, None, unit))
    rows = []
    for name, predicted in (("marginalia (whole pipeline, spaCy included)", ours), ("quantulum3", theirs)):
        result = f1(score, predicted, gold_quantities)
        rows.append({"system": name, "precision": result["precision"], "recall": result["recall"],
                     "f1": result["f1"], "seconds": f"{seconds[name]:.2f}"})
    print("Quantities on the sample's body text (score.py matching: value, value_max, unit)")
    print(table(rows, ["system", "precision", "recall", "f1", "seconds"]))


if __name__ == "__main__":
    main()
