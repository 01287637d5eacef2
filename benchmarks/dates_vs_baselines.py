"""Dates: Marginalia vs dateparser.search_dates vs datefinder on the same body text, side by side.

    python benchmarks/dates_vs_baselines.py

Every system reads the same clean body paragraphs; predictions are matched to
the gold exactly as score.py does (by start and end date). The baselines give
points, so a point counts when it equals a gold period's start and end.
"""
from __future__ import annotations

import datetime as dt
import warnings
from collections import Counter

from common import SAMPLE, body_paragraphs, gold, load_score, table, timed

warnings.filterwarnings("ignore")


def f1(score, rows, gold_items):
    opt = [score.norm(o["text"]) for o in gold_items.get("optional", [])]
    gold_values = {(i["start"], i["end"]) for i in gold_items["items"]}
    rows = [r for r in rows if (r[1], r[2]) in gold_values or not score.is_optional(r[0], opt)]
    g = Counter((i["start"], i["end"]) for i in gold_items["items"])
    p = Counter((r[1], r[2]) for r in rows)
    return score.prf(sum((g & p).values()), sum(p.values()), sum(g.values()))


def main() -> None:
    import datefinder
    from dateparser.search import search_dates

    from extractors.dates import extract_dates
    from extractors.document import read_document
    from extractors.nlp import load_model, parse_blocks, sentences

    score = load_score()
    gold_dates = gold("dates")
    document = read_document(SAMPLE)
    paragraphs = body_paragraphs(document)
    nlp = load_model()
    parsed = parse_blocks(document, nlp)
    sents = sentences(document, parsed)
    seconds: dict[str, float] = {}
    with timed(seconds, "marginalia"):
        ours = [(d.text, d.start_date.isoformat(), d.end_date.isoformat())
                for d in extract_dates(document, sents) if d.part == "body"]
    with timed(seconds, "dateparser.search_dates"):
        found = []
        for paragraph in paragraphs:
            for text, value in search_dates(paragraph, languages=["en"]) or []:
                found.append((text, value.date().isoformat(), value.date().isoformat()))
        dateparser_rows = found
    with timed(seconds, "datefinder"):
        found = []
        for paragraph in paragraphs:
            for value, text in datefinder.find_dates(paragraph, source=True):
                if isinstance(value, dt.datetime):
                    found.append((text, value.date().isoformat(), value.date().isoformat()))
        datefinder_rows = found
    rows = []
    for name, predicted in (("marginalia", ours), ("dateparser.search_dates", dateparser_rows),
                            ("datefinder", datefinder_rows)):
        result = f1(score, predicted, gold_dates)
        rows.append({"system": name, "precision": result["precision"], "recall": result["recall"],
                     "f1": result["f1"], "seconds": f"{seconds[name]:.2f}",
                     "vs_marginalia_time": f"{seconds[name] / seconds['marginalia']:.1f}x"})
    print("Dates on the sample's body text (score.py matching: start and end date)")
    print(table(rows, ["system", "precision", "recall", "f1", "seconds", "vs_marginalia_time"]))
    print("(marginalia's time excludes the spaCy parse it shares with the other extractors)")


if __name__ == "__main__":
    main()
