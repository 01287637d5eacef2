"""Find first: cut a note into its references and its commentary, never inside a quoted or
italic title or a parenthesised imprint."""
from __future__ import annotations

from dataclasses import dataclass
import re

from extractors.citations.notes import name_before_title
from extractors.citations.patterns import ABBREVIATIONS, IBID, NOTE_LOCATOR, PLAIN_IMPRINT, PROSE_RUN, QUOTES
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
        # windows, not slices from the cursor: a run of "cf. A, cf. B, ..." must not cost the square of its length
        if boundary is SENTENCE_END and (ABBREVIATIONS.search(text, max(cursor, match.start() - ABBREVIATION_REACH),
                                                              match.start())
                                         or PLAIN_IMPRINT.match(text, match.start(), end)):
            continue  # "*Title*. Vienna: Haslinger.": the imprint belongs to the title before it
        out.append((cursor, match.start() + (1 if boundary is SENTENCE_END else 0)))
        cursor = match.end()
    out.append((cursor, end))
    return [(a, b) for a, b in out if text[a:b].strip(" .;,")]


#: How far back from a full stop an abbreviation can start ("Messrs.", "U.S.C."), from a
#: parenthesis a citing name ("Laverdière gives ("), and a quoted title before it.
ABBREVIATION_REACH = 12
NAME_REACH = 80
QUOTED_TITLE_REACH = 240


#: A top-level semicolon separates references, but not a title's "; or, the Subtitle".
SEMICOLON = re.compile(r";(?!\s*or\b)")


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
    locator = NOTE_LOCATOR.match(text)
    if locator:  # "(p. 11).--": the page this note annotates, not part of what it cites
        commentary.append(_Piece(0, locator.end(), text[:locator.end()]))
    for chunk_start, chunk_end in _split(text, locator.end() if locator else 0, len(text),
                                         _protected(text, []), SEMICOLON):
        sentences = _split(text, chunk_start, chunk_end, inside, SENTENCE_END)
        for k, (a, b) in enumerate(sentences):
            piece = text[a:b]
            has_marks = any(inside[i] for i in range(a, b)) or reference_features(piece) > 0
            if IBID.match(piece):
                references.append(_Piece(a, b, piece))
            elif _is_prose(piece, inside, a) and not _strong_reference(piece, italics, a, b) \
                    and not (k == 0 and NAME_THEN_IMPRINT.match(piece)):
                commentary.append(_Piece(a, b, piece))
                found = _parenthesised_references(text, a, b, italics)
                references.extend(found)
                references.extend(_works_cited_in_prose(text, a, b, italics, found))
            elif _is_prose(piece, inside, a) and len(works := _works_named_in_prose(text, a, b, italics)) > 1:
                # "Cartier (*Récit*, fol. 12) describes ... Packard, in *Coast* (1891), p. 443,
                # mentions ...": a commentary sentence that names several works by their authors
                commentary.append(_Piece(a, b, piece))
                references.extend(works)
            elif k == 0 or has_marks:
                references.append(_unbracketed(text, a, b))
            else:
                commentary.append(_Piece(a, b, piece))
    return references, commentary


#: A reference whose title lost its typography: "Ana Ruiz, Salt and power in the north (Madrid:
#: Sal, 1999)": a name and a comma, then an imprint; its title's lower-case words are not prose.
NAME_THEN_IMPRINT = re.compile(r"\s*[A-Z][^,()]{1,60},\s.*\([^():]{2,60}:\s*[^()]+?,\s*[^(),]*\d{4}\)", re.S)


def _works_named_in_prose(text: str, start: int, end: int, italics: list[Span]) -> list[_Piece]:
    """The works a prose sentence names with their authors: parenthesised references that open
    with a title after a name ("Cartier (*Récit*, fol. 12)") and titles after a citing name
    ("Packard, in *Coast*"), in order."""
    found = [piece for piece in _parenthesised_references(text, start, end, italics)
             if text[piece.start:piece.start + 1].isupper() and "(" in piece.text]
    return sorted(found + _works_cited_in_prose(text, start, end, italics, found), key=lambda p: p.start)


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
            opens_with_title = any(s.start == a for s in italics) or inner.lstrip()[:1] in "\"“"
            paren = start + match.start()
            cited_by = CITED_BY.search(text, max(start, paren - NAME_REACH), paren) if opens_with_title else None
            titled = QUOTED_BEFORE.search(text, max(start, paren - QUOTED_TITLE_REACH), paren)
            if cited_by is not None:  # "Margry says (*Navig.*, p. 3)": the piece opens with the name
                out.append(_Piece(cited_by.start(), a + len(inner), text[cited_by.start():a + len(inner)]))
            elif titled is not None:  # '"Sketch of the Hurons," (*Hist. Mag.*, vol. v), J. G. Shea'
                author = AUTHOR_AFTER.match(text, start + match.end(), end)
                stop = author.end("name") if author else a + len(inner) + 1
                out.append(_Piece(titled.start(), stop, text[titled.start():stop]))
            else:
                out.append(_Piece(a, a + len(inner), inner))
    return out


#: A quoted title right before a parenthesised reference: '"Sketch of the Hurons," ('.
QUOTED_BEFORE = re.compile(r"[\"“][^\"“”]{3,200}[,.]?[\"”],?\s*$")
#: An author named after the parenthesis: "), J. G. Shea." (initials and a surname, then the end).
AUTHOR_AFTER = re.compile(r",\s*(?P<name>(?:[A-Z]\.\s*){1,3}[A-Z][\w'’-]+)\s*(?:[.;]|$)")


#: A reference set wholly in square brackets, with an editor's label before a colon:
#: "[Reprinted from: A. Lind, *Quays*, (Oslo: Fjord, 1990)]", "[Original edition: ...]".
BRACKETED_REFERENCE = re.compile(r"\s*\[(?:(?P<label>[A-Za-z][\w ]{0,30}?):\s*)?(?P<inner>[^\[\]]+)\]\s*\.?\s*$")


def _unbracketed(text: str, start: int, end: int) -> _Piece:
    """The piece, or the reference inside an editor's brackets (its label is not an author)."""
    found = BRACKETED_REFERENCE.fullmatch(text, start, end)
    if found is None or (found.group("label") and len(found.group("label").split()) > 4):
        return _Piece(start, end, text[start:end])
    return _Piece(found.start("inner"), found.end("inner"), found.group("inner"))


#: What may follow a work named in prose and belong to it: "(N. Y., 1891), p. 443", ", vol. i., pp. 142, 143".
AFTER_WORK = re.compile(r"(?:\s*\([^()]*\))?(?:,?\s*(?:vol\.\s*[ivxlc\d]+\.?,?\s*)?"
                        r"(?:pp?\.\s*[\divxlc][\d\s,–-]*|fol\.\s*\d+"
                        r"|(?<=[^\s,]),\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?=\s*[.;]|\s*$)))?", re.I)


def _works_cited_in_prose(text: str, start: int, end: int, italics: list[Span], found: list[_Piece]) -> list[_Piece]:
    """Works a commentary sentence names by their author: "given in Martin's *Bressani*, pp. 295,
    296", "mentions it in his *Letters*". Each is a piece from the sentence's start to the title and
    what follows it (a parenthesised imprint, pages); a title with no name before it is not one."""
    out: list[_Piece] = []
    for span in italics:
        if not start <= span.start < end or any(p.start <= span.start < p.end for p in found + out):
            continue
        after_work = max([p.end for p in found + out if p.end <= span.start], default=None)
        start = max(start, after_work or start)
        name = name_before_title(text[start:span.start])
        tail = AFTER_WORK.match(text, span.end, end)
        if not name and tail and re.search(r"\d", tail.group()):
            the = re.search(r"\bthe\s+$", text[start:span.start])  # kept: "the *Cecilia*" names a periodical
            first = start + the.start() if the else span.start
            out.append(_Piece(first, tail.end(), text[first:tail.end()]))  # "given in the *Cecilia*, 23-54"
            start = tail.end()
            continue
        if not name:
            continue
        if after_work is not None:  # "...(*Récit*, fol. 12) describes "..." Packard, in *Coast*": from the name
            start = max(start, text.rfind(name.split()[0], start, span.start))
        stop = tail.end() if tail else span.end
        out.append(_Piece(start, stop, text[start:stop]))
        start = stop  # the next work's name stands after this one
    return out


#: A name right before a parenthesised reference, with the verb that cites it: "Cartier (",
#: "Margry says (", "Laverdière gives (".
CITED_BY = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]+(?:\s+(?:says|gives|states|relates|writes|notes|remarks|tells|"
                      r"mentions|adds|describes))?\s*$")
