"""Resolve repeats and identify works: the second pass over parsed references.

* "ibid." points to the previous footnote's last reference (or, when it is not
  the first reference of its footnote, to the reference before it);
* a short form (author + shortened title, no imprint, date or container)
  points to the most recent earlier full reference by the same author whose
  title it matches: a prefix of it, or most of its words, never position alone;
* every reference gets a work id, stable across documents: a hash of the
  normalised first author, title, container and date. Repeats share their
  full reference's work id.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import unicodedata

from extractors.citations.patterns import HEREAFTER
from extractors.records import Reference


#: Runs of what is not a letter or digit: one space in a folded text.
_NOT_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=1 << 14)
def _fold(text: str | None) -> str:
    """Case, accents and punctuation dropped (cached: resolving a short form folds every earlier
    full reference's authors again)."""
    text = unicodedata.normalize("NFKD", (text or "").casefold().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text).strip()


def _words(text: str | None) -> list[str]:
    return [w for w in _fold(text).split() if w not in {"the", "a", "an", "of", "and", "in", "on"}]


def _author_keys(authors: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for name in authors for w in _fold(name).split() if len(w) > 1)


def work_id(ref: Reference) -> str:
    """Stable id of the work a full reference cites (same inputs in any document, same id)."""
    first_author = _fold(ref.authors[0]) if ref.authors else ""
    date = (ref.pub_date or "") if (ref.kind == "newspaper" and not ref.title) else (ref.pub_date or "")[:4]
    key = "|".join([first_author, " ".join(_words(ref.title)), " ".join(_words(ref.container)), date])
    return "w_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def is_short_form_candidate(ref: Reference) -> bool:
    """Author and title, but nothing that only a full reference gives."""
    return bool(ref.authors and ref.title and not ref.ibid and not (
        ref.publisher or ref.place or ref.pub_date or ref.url or ref.volume or ref.issue
        or (ref.container and ref.kind != "article")))


def title_matches(short: str | None, full: str | None) -> bool:
    """A short title is a prefix of the full one, or most of its words are in it."""
    s, f = _words(short), _words(full)
    if not s or not f:
        return False
    if f[:len(s)] == s:
        return True
    return sum(1 for w in s if w in f) / len(s) >= 0.8


def resolve_references(references: list[Reference]) -> list[Reference]:
    """Mark ibid./short forms with resolves_to and give every reference its work_id."""
    out: list[Reference] = []
    by_footnote: dict[int, list[Reference]] = {}
    full: list[Reference] = []  # full references seen so far, in order
    aliases: dict[str, Reference] = {}  # "(hereafter, Mission Chronicles)" -> the full reference
    for ref in references:
        alias = aliases.get(" ".join(_words(ref.title))) if ref.title and not ref.ibid else None
        if alias is not None:
            ref = dataclasses.replace(ref, short_form=True, resolves_to=alias.footnote_number, work_id=alias.work_id,
                                      kind=alias.kind or ref.kind)
        elif ref.ibid:
            target = _ibid_target(ref, by_footnote)
            if target is not None:
                ref = dataclasses.replace(ref, resolves_to=target.footnote_number if ref.position == 1
                                          else ref.footnote_number, work_id=target.work_id,
                                          kind=target.kind)
        elif is_short_form_candidate(ref) and (antecedent := _antecedent(ref, full)) is not None:
            ref = dataclasses.replace(ref, short_form=True, resolves_to=antecedent.footnote_number,
                                      work_id=antecedent.work_id, kind=antecedent.kind or ref.kind)
        else:
            ref = dataclasses.replace(ref, work_id=work_id(ref))
            full.append(ref)
            for declared in HEREAFTER.finditer(ref.raw_text or ""):
                aliases[" ".join(_words(declared.group("alias")))] = ref
        by_footnote.setdefault(ref.footnote_number, []).append(ref)
        out.append(ref)
    return out


def _ibid_target(ref: Reference, by_footnote: dict[int, list[Reference]]) -> Reference | None:
    same = by_footnote.get(ref.footnote_number, [])
    if same:
        return same[-1]
    earlier = [n for n in by_footnote if n < ref.footnote_number and by_footnote[n]]
    return by_footnote[max(earlier)][-1] if earlier else None


def _antecedent(ref: Reference, full: list[Reference]) -> Reference | None:
    authors = _author_keys(ref.authors)
    for candidate in reversed(full):
        if candidate.footnote_number > ref.footnote_number:
            continue
        if authors & _author_keys(candidate.authors) and title_matches(ref.title, candidate.title):
            return candidate
    return None
