"""Find first: cut a note into its references and its commentary, never inside a quoted or
italic title or a parenthesised imprint."""
from __future__ import annotations

from dataclasses import dataclass
import re

from extractors.citations.patterns import ABBREVIATIONS, IBID, PROSE_RUN, QUOTES
from extractors.records import Span
from extractors.rules.patterns import IMPRINT_PARENTHETICAL, LANGUAGE_TAG, reference_features


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    text: str


def _protected(text: str, italics: list[Span]) -> list[bool]:
    """Which characters sit inside quotes, brackets or italics (never split there)."""
    inside = [False] * len(text)
    depth = 0
    quote: str | None = None
    for i, ch in enumerate(text):
        if quote:
            inside[i] = True
            if ch == QUOTES[quote] and (quote != '"' or i + 1 == len(text) or not text[i + 1].isalnum()):
                quote = None
            continue
        if ch in QUOTES and (ch != '"' or i == 0 or not text[i - 1].isalnum()):
            quote = ch
            inside[i] = True
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
            inside[i] = True
            continue
        inside[i] = depth > 0
    for span in italics:
        for i in range(max(0, span.start), min(len(text), span.end)):
            inside[i] = True
    return inside


def _split(text: str, start: int, end: int, inside: list[bool], boundary: re.Pattern) -> list[tuple[int, int]]:
    out = []
    cursor = start
    for match in boundary.finditer(text, start, end):
        if inside[match.start()]:
            continue
        if boundary is SENTENCE_END and ABBREVIATIONS.search(text[cursor:match.start()]):
            continue
        out.append((cursor, match.start() + (1 if boundary is SENTENCE_END else 0)))
        cursor = match.end()
    out.append((cursor, end))
    return [(a, b) for a, b in out if text[a:b].strip(" .;,")]


SEMICOLON = re.compile(r";")


SENTENCE_END = re.compile(r"\.\s+(?=[A-Z\[(\"“])")


def _is_prose(text: str, inside: list[bool], offset: int) -> bool:
    outside = "".join(ch if not inside[offset + i] else " " for i, ch in enumerate(text))
    return bool(PROSE_RUN.search(outside))


def split_footnote(text: str, italics: list[Span]) -> tuple[list[_Piece], list[_Piece]]:
    """(references, commentary) of one footnote.

    References are separated by top-level semicolons (never inside quotes,
    brackets or italics); within each, sentences after the first that read as
    prose are commentary, and a parenthesised reference inside commentary
    ("... (Author, Title, pp. 85-94).") is a reference too.
    """
    inside = _protected(text, italics)
    # Italics do not protect semicolons: a title almost never holds one, and a
    # run of italics across several references is broken markup.
    references: list[_Piece] = []
    commentary: list[_Piece] = []
    for chunk_start, chunk_end in _split(text, 0, len(text), _protected(text, []), SEMICOLON):
        sentences = _split(text, chunk_start, chunk_end, inside, SENTENCE_END)
        for k, (a, b) in enumerate(sentences):
            piece = text[a:b]
            has_marks = any(inside[i] for i in range(a, b)) or reference_features(piece) > 0
            if IBID.match(piece):
                references.append(_Piece(a, b, piece))
            elif _is_prose(piece, inside, a) and not _strong_reference(piece, italics, a, b):
                commentary.append(_Piece(a, b, piece))
                references.extend(_parenthesised_references(text, a, b, italics))
            elif k == 0 or has_marks:
                references.append(_Piece(a, b, piece))
            else:
                commentary.append(_Piece(a, b, piece))
    return references, commentary


def _strong_reference(piece: str, italics: list[Span], start: int, end: int) -> bool:
    """Reference features outside parentheses (a reference cited in passing does not count)."""
    bare = re.sub(r"\([^()]*\)", lambda m: m.group() if _is_imprint_or_tag(m.group()) else " " * len(m.group()),
                  piece)
    italic_outside = any(start <= s.start < end and bare[s.start - start] != " " for s in italics)
    if italic_outside and reference_features(bare) >= 1:
        return True
    return reference_features(bare) >= 2


def _is_imprint_or_tag(parenthetical: str) -> bool:
    """'(Madrid: Editorial Sal, 1999)' or '(Korean)': features of the reference itself, not a citation in passing."""
    return bool(LANGUAGE_TAG.fullmatch(parenthetical) or IMPRINT_PARENTHETICAL.fullmatch(parenthetical))


def _parenthesised_references(text: str, start: int, end: int, italics: list[Span]) -> list[_Piece]:
    out = []
    for match in re.finditer(r"\(([^()]+)\)", text[start:end]):
        inner = match.group(1)
        a = start + match.start(1)
        if "," in inner and (reference_features(inner) >= 1 or any(a <= s.start < a + len(inner) for s in italics)) \
                and not LANGUAGE_TAG.fullmatch(match.group(0)):
            out.append(_Piece(a, a + len(inner), inner))
    return out
