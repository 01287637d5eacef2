"""Markup that is not text: e-book wrappers, Markdown and HTML, reduced to what a reader sees.

Two passes, both keeping source offsets true:

* :func:`blank_wrappers` works on the whole decoded text and blanks (same
  length, so offsets do not move) what is never part of the work: the Project
  Gutenberg licence header and footer outside the START/END lines with the
  producers' credit and transcriber's note, a Pandoc ``%`` title block's
  percent signs (each line becomes its own paragraph), YAML front matter
  except its title.
* :func:`clean_paragraphs` works on paragraphs and rewrites markup into text:
  HTML tags are dropped (their text kept), Markdown links become their text,
  autolinks their URL, ``#`` headings headings, ``_italic_`` the shared
  ``*italic*`` convention, ``=bold=`` plain, and whole-paragraph placeholders
  (``[Illustration: ...]``) are captions, not prose.
"""
from __future__ import annotations

import re
from dataclasses import replace

from extractors.records import RawParagraph

# "*** START OF THIS PROJECT GUTENBERG EBOOK X ***", "***START OF THE PROJECT GUTENBERG EBOOK"
GUTENBERG_START = re.compile(r"^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK.*$", re.M | re.I)
# "*** END OF THIS PROJECT GUTENBERG EBOOK", "End of Project Gutenberg's X", "End of the Project Gutenberg EBook"
GUTENBERG_END = re.compile(r"^(?:\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG|End of (?:the )?Project Gutenberg)",
                           re.M | re.I)
# The producers' credit and a transcriber's note right after the START line, up to a wide gap
GUTENBERG_CREDITS = re.compile(r"\s*(?:(?:Produced by|E-?text prepared by|Transcriber'?s? [Nn]otes?)\b"
                               r".*?(?:\n[ \t\r]*){3,}\s*)+", re.S)
# A Pandoc title block: up to three lines opening the file with "% "
PANDOC_TITLE_LINE = re.compile(r"\A(?:%[^\n]*\n){1,3}")
# YAML front matter: "---" ... "---" (or "...") at the very start
YAML_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)


def _blank(text: str, start: int, end: int) -> str:
    """Spaces over ``text[start:end]``, newlines kept: the same length, so offsets do not move."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def blank_wrappers(text: str) -> str:
    """Blank what wraps a work without being part of it (see the module docstring)."""
    start = GUTENBERG_START.search(text)
    if start:
        text = _blank(text, 0, start.end())
        credits = GUTENBERG_CREDITS.match(text, start.end())
        if credits:
            text = _blank(text, credits.start(), credits.end())
        end = GUTENBERG_END.search(text, start.end())
        if end:
            text = _blank(text, end.start(), len(text))
    title_block = PANDOC_TITLE_LINE.match(text)
    if title_block:
        # "% Title" -> "\n Title": each line of the block becomes a paragraph of its own
        block = title_block.group()
        text = re.sub(r"^% ?", lambda m: "\n" + " " * (len(m.group()) - 1), block, flags=re.M) + text[len(block):]
    front = YAML_FRONT_MATTER.match(text)
    if front:
        kept = re.search(r"^title:\s*(?P<title>.+)$", front.group("body"), re.M)
        blanked = _blank(text, 0, front.end())
        if kept:
            a, b = front.start("body") + kept.start("title"), front.start("body") + kept.end("title")
            blanked = blanked[:a] + text[a:b].strip("'\"").ljust(b - a) + blanked[b:]
            blanked = blanked[:a] + "\n" + blanked[a + 1:] if a and blanked[a - 1] != "\n" else blanked
        text = blanked
    return text


# ---------------------------------------------------------------- paragraph markup


def substitute(paragraph: RawParagraph, pattern: re.Pattern, keep: str | None) -> RawParagraph:
    """Replace each match by its group ``keep`` (None: by nothing), keeping every offset true."""
    text, offsets = paragraph.text, paragraph.offsets
    out: list[str] = []
    out_offsets: list[int] = []
    cursor = 0
    for match in pattern.finditer(text):
        out.append(text[cursor:match.start()])
        out_offsets.extend(offsets[cursor:match.start()])
        if keep is not None and match.group(keep) is not None:
            a, b = match.span(keep)
            out.append(text[a:b])
            out_offsets.extend(offsets[a:b])
        cursor = match.end()
    if not out:
        return paragraph
    out.append(text[cursor:])
    out_offsets.extend(offsets[cursor:])
    return replace(paragraph, text="".join(out), offsets=tuple(out_offsets))


# <a href="...">text</a>, <div class="x">, </div>, <br/>, <!-- comments -->
HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][\w-]*(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>",
                      re.S)
# [link text](http://example.org/x "title")
MARKDOWN_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]]+)\]\((?P<url>[^()\s]+)(?:\s+\"[^\"]*\")?\)")
# ![alt](image.png): an image, not text
MARKDOWN_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
# <http://example.org/x>: an autolink reads as its URL
AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp)://[^\s<>]+)>")
# "# Heading", "### 2.1 Methods"
ATX_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
# _italic words_ (Gutenberg, Markdown): no space inside the underscores
UNDERSCORE_ITALIC = re.compile(r"(?<![\w_])_(?=[^\s_])(?P<inner>[^_\n]*?[^\s_])_(?![\w_])")
# =bold words= (Gutenberg): the equals signs are markup
EQUALS_BOLD = re.compile(r"(?<![\w=])=(?P<inner>[A-Za-z][^=\n]*?[^\s=])=(?![\w=])")
# A paragraph that is only a placeholder for a picture or printed music: "[Illustration: X]"
PLACEHOLDER = re.compile(r"^\[(?:Illustration|Decoration|Music|Image|Figure|Picture)\b[^\]]*\]\s*$", re.I)


def clean_paragraphs(paragraphs: list[RawParagraph]) -> list[RawParagraph]:
    """Markup reduced to text in every paragraph (see the module docstring)."""
    out = []
    for paragraph in paragraphs:
        if PLACEHOLDER.match(paragraph.text):
            out.append(replace(paragraph, zone="caption"))
            continue
        heading = ATX_HEADING.match(paragraph.text)
        if heading:
            paragraph = replace(substitute(paragraph, ATX_HEADING, "text"), zone="heading")
        for pattern, keep in ((HTML_TAG, None), (MARKDOWN_IMAGE, None), (MARKDOWN_LINK, "text"), (AUTOLINK, "url"),
                              (EQUALS_BOLD, "inner")):
            paragraph = substitute(paragraph, pattern, keep)
        if "_" in paragraph.text:
            text = UNDERSCORE_ITALIC.sub(lambda m: "*" + m.group("inner") + "*", paragraph.text)
            paragraph = replace(paragraph, text=text)  # same length: offsets unchanged
        if paragraph.text.strip():
            out.append(paragraph)
    return out
