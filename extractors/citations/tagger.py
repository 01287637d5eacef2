"""A learned reference-field tagger: a CRF over the tokens of one reference.

Rules read one style well (the Chicago notes they were written from) and
collapse on the rest: initials first or last, the year after the authors or at
the end, "24(6):1313-1331", "In Proc. of ...". GROBID, CERMINE and anystyle
all tag the tokens of a reference with a sequence model trained on labelled
references; this is the same idea, small: a linear-chain CRF (CRFsuite) over
whitespace tokens with word, shape, punctuation, position and dictionary
features, trained on anystyle's public labelled references
(``training/train_reference_tagger.py`` rebuilds it and records where the data
came from). The model file ships in ``extractors/rules/`` and is loaded once
per process.

:func:`tag` finds the fields (labels such as author, date, title, journal,
container-title, volume, pages, publisher, location, url, doi); parsing them
into a :class:`~extractors.records.Reference` is the caller's work.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
import re

from extractors import rules


MODEL_PATH = rules.RULES_DIR / "reference_tagger.crfsuite"

TOKEN = re.compile(r"\S+")
MONTHS = frozenset(m.rstrip(".") for m in rules.values("months"))
# Words that announce a field: "pp.", "vol.", "In", "eds.", "Proceedings" ...
CUE_WORDS = {
    "pp": "pages", "p": "pages", "pages": "pages", "vol": "volume", "volume": "volume", "no": "issue",
    "issue": "issue", "in": "in", "ed": "editor", "eds": "editor", "editor": "editor", "editors": "editor",
    "edited": "editor", "trans": "translator", "translated": "translator", "proceedings": "proceedings",
    "proc": "proceedings", "procs": "proceedings", "conference": "proceedings", "workshop": "proceedings",
    "symposium": "proceedings", "journal": "journal", "review": "journal", "transactions": "journal",
    "press": "publisher", "university": "publisher", "publishing": "publisher", "publishers": "publisher",
    "verlag": "publisher", "thesis": "thesis", "dissertation": "thesis", "report": "report",
    "retrieved": "url", "available": "url", "accessed": "url", "et": "etal", "al": "etal", "and": "and",
}


@dataclass(frozen=True)
class TaggedToken:
    text: str
    start: int
    end: int
    label: str


def tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]", "X", word)
    shape = re.sub(r"[a-z]", "x", shape)
    shape = re.sub(r"\d", "d", shape)
    return re.sub(r"(.)\1{2,}", r"\1\1", shape)


def _token_features(word: str) -> dict[str, object]:
    core = word.strip(".,;:()[]\"'“”‘’«»")
    lower = core.casefold()
    features: dict[str, object] = {
        "w": lower[:20], "shape": _shape(word)[:8], "p3": lower[:3], "s3": lower[-3:],
        "first": word[:1] if not word[:1].isalnum() else "a", "last": word[-1:] if not word[-1:].isalnum() else "a",
        "cap": core[:1].isupper(), "caps": core.isupper() and len(core) > 1, "digit": core.isdigit(),
        "year": bool(re.fullmatch(r"\(?(1[5-9]|20)\d{2}[a-z]?\)?[.,;:]?", word)),
        "initial": bool(re.fullmatch(r"(?:[A-Z]\.){1,3}-?(?:[A-Z]\.)?,?", word)),
        "range": bool(re.search(r"\d\s*[-–—−]\s*\d", word)), "volissue": bool(re.search(r"\d+\(\d+", word)),
        "url": bool(re.match(r"(?:https?://|www\.|doi:|10\.\d{4})", word, re.I)),
        "month": lower[:3] in MONTHS or lower in MONTHS, "quote": bool(re.search(r"[\"“”«»]", word)),
    }
    cue = CUE_WORDS.get(lower)
    if cue:
        features["cue"] = cue
    return features


def features(words: list[str]) -> list[list[str]]:
    """CRFsuite features for each token: its own, its neighbours' (+-2) and its position."""
    own = [_token_features(w) for w in words]
    n = len(words)
    out = []
    for i, f in enumerate(own):
        items = [f"{k}={v}" for k, v in f.items()]
        items.append(f"pos={min(int(10 * i / max(n, 1)), 9)}")
        items.append(f"bos={i == 0}")
        items.append(f"eos={i == n - 1}")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                g = own[j]
                items.extend(f"{offset}:{k}={g[k]}" for k in ("w", "shape", "last", "cap", "year", "initial")
                             if k in g)
                if "cue" in g:
                    items.append(f"{offset}:cue={g['cue']}")
            else:
                items.append(f"{offset}:none")
        out.append(items)
    return out


@lru_cache(maxsize=1)
def _tagger():
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger


def available() -> bool:
    """Is the trained model shipped (it is; the rules take over where it is not)?"""
    return MODEL_PATH.exists()


def tag(text: str) -> list[TaggedToken]:
    """The tokens of one reference with their field labels."""
    found = tokens(text)
    if not found:
        return []
    labels = _tagger().tag(features([w for w, _, _ in found]))
    return [TaggedToken(w, a, b, label) for (w, a, b), label in zip(found, labels)]


def segments(tagged: list[TaggedToken], text: str) -> list[tuple[str, str]]:
    """Runs of tokens with one label: (label, the text they span), in order."""
    out: list[tuple[str, int, int]] = []
    for token in tagged:
        if out and out[-1][0] == token.label:
            out[-1] = (token.label, out[-1][1], token.end)
        else:
            out.append((token.label, token.start, token.end))
    return [(label, text[a:b]) for label, a, b in out]
