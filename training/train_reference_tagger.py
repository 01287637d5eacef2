"""Rebuild the reference-field tagger (extractors/rules/reference_tagger.crfsuite) from public data.

    python training/train_reference_tagger.py --anystyle /path/to/inukshuk+anystyle/repo

The data is anystyle's labelled references (repository inukshuk/anystyle,
BSD-2-Clause, files res/parser/core.xml and res/parser/gold.xml), read from a
git snapshot of that repository at the commit recorded below; it is not
vendored here. Every reference is split into whitespace tokens, each labelled
with the field it belongs to. A held-out tenth of gold.xml (chosen by a hash
of the reference text, so the split is stable) is never trained on; the
script prints per-field F1 on it and writes training/reference_tagger.json
with the provenance and the figures.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.citations.tagger import MODEL_PATH, features  # noqa: E402

FILES = ("res/parser/core.xml", "res/parser/gold.xml")
#: anystyle's labels folded into the fields Marginalia keeps (others keep their own name)
LABELS = {"citation-number": "number", "collection-title": "container-title", "director": "author",
          "producer": "author", "medium": "note", "source": "note", "isbn": "note", "scripts": "note"}


def sequences(xml: str) -> list[tuple[str, list[str], list[str]]]:
    """(reference text, tokens, labels) per labelled reference."""
    out = []
    for sequence in ET.fromstring(xml).iter("sequence"):
        words, labels, parts = [], [], []
        for field in sequence:
            text = " ".join((field.text or "").split())
            if not text:
                continue
            label = LABELS.get(field.tag, field.tag)
            for word in text.split():
                words.append(word)
                labels.append(label)
            parts.append(text)
        if words:
            out.append((" ".join(parts), words, labels))
    return out


def held_out(text: str) -> bool:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 10 == 0


def field_f1(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, float]:
    """Per-field F1 over fields (a field = a maximal run of one label; right only if its span matches)."""
    def runs(labels):
        out, start = set(), 0
        for i in range(1, len(labels) + 1):
            if i == len(labels) or labels[i] != labels[start]:
                out.add((labels[start], start, i))
                start = i
        return out
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted):
        gr, pr = runs(g), runs(p)
        for label, *_ in gr & pr:
            tp[label] += 1
        for label, *_ in pr - gr:
            fp[label] += 1
        for label, *_ in gr - pr:
            fn[label] += 1
    scores = {}
    for label in sorted(set(tp) | set(fn)):
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        scores[label] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return scores


def main() -> int:
    import pycrfsuite

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anystyle", required=True, type=Path, help="a git snapshot of inukshuk/anystyle")
    args = parser.parse_args()
    commit = subprocess.run(["git", "-C", str(args.anystyle), "rev-parse", "HEAD"], capture_output=True,
                            text=True, check=True).stdout.strip()
    labelled = []
    for path in FILES:
        xml = subprocess.run(["git", "-C", str(args.anystyle), "show", f"HEAD:{path}"], capture_output=True,
                             text=True, check=True).stdout
        labelled.extend((path, text, words, labels) for text, words, labels in sequences(xml))
    # the held-out tenth of gold.xml; the same reference text anywhere else is never trained on
    test_texts = {" ".join(words) for path, text, words, _ in labelled if path.endswith("gold.xml") and held_out(text)}
    test = [(words, labels) for path, text, words, labels in labelled
            if path.endswith("gold.xml") and held_out(text)]
    train = [(words, labels) for _, _, words, labels in labelled if " ".join(words) not in test_texts]
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, labels in train:
        trainer.append(features(words), labels)
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True})
    trainer.train(str(MODEL_PATH))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    predicted = [tagger.tag(features(words)) for words, _ in test]
    scores = field_f1([labels for _, labels in test], predicted)
    token_accuracy = sum(p == g for (_, gold), pred in zip(test, predicted) for p, g in zip(pred, gold)) / max(
        1, sum(len(gold) for _, gold in test))
    report = {"repository": "inukshuk/anystyle", "commit": commit, "paths": list(FILES), "licence": "BSD-2-Clause",
              "trained_on": len(train), "held_out": len(test), "token_accuracy": round(token_accuracy, 4),
              "field_f1": scores, "model": str(MODEL_PATH.relative_to(ROOT)),
              "model_bytes": MODEL_PATH.stat().st_size}
    (ROOT / "training" / "reference_tagger.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
