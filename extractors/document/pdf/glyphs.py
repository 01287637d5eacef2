"""Glyphs as the PDF draws them: what each reads as, its font, size and box, and the page's
pictures and thin rules; ligatures and spacing accents read as the letters they stand for."""
from __future__ import annotations

import functools
import re

from dataclasses import dataclass, replace
import unicodedata

from extractors.document.errors import ReadError
from extractors.document.pdf.tolerances import ACCENT_OVERLAP, PICTURE_MIN_SIZE, RULE_MIN_WIDTH


#: Symbols that mark notes ("∗", "†"): in the body a call, at the start of a note its label.
NOTE_SYMBOLS = frozenset("*∗†‡")  # not "§" or "¶": sections and paragraphs in legal text


@dataclass(frozen=True, slots=True)
class Glyph:
    """One printed character: what it reads as, its font and size, and its box (points, from
    the page's top-left); ``index`` numbers it in the document (source offsets point to it)."""

    text: str
    fontname: str
    size: float
    x0: float
    x1: float
    top: float
    bottom: float
    index: int
    upright: bool = True


def is_italic(fontname: str) -> bool:
    name = fontname.lower()
    return "italic" in name or "oblique" in name


def is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return "bold" in name or "black" in name or "heavy" in name


#: Typographic ligatures PDFs draw as one glyph ("ﬁrst"): read as their letters, so
#: words match and search finds them.
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def glyph_text(text: str) -> str:
    """The letters a glyph stands for (a ligature becomes its letters; offsets repeat per letter)."""
    return text.translate(LIGATURES)


def page_glyphs(page, base: int) -> list[Glyph]:
    """The page's characters with only the fields read here, numbered from ``base``.

    Same glyphs, boxes and order as pdfplumber's ``page.chars`` (a test pins
    it), taken straight from pdfminer's interpreter (:func:`_glyph_collector_class`):
    building ``page.chars`` resolves colours and a dozen other attributes per
    glyph, and even pdfminer's own character objects cost a third of the
    reading time. The page's layout (its pictures and rules, without the
    characters) stays on the page for :func:`picture_boxes` and
    :func:`horizontal_rules`. Ligatures are read as their letters.
    """
    from pdfminer.pdfinterp import PDFPageInterpreter

    height = float(page.height)
    top_offset = float(page.mediabox[1])
    collector = _glyph_collector_class()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, collector).process_page(page.page_obj)
    if not hasattr(page, "_layout"):
        page._layout = collector.get_result()  # pdfplumber's cache: pictures, rules, curves (no characters)
    out = [Glyph(glyph_text(text), fontname, size, x0, x1, height - y1 + top_offset, height - y0 + top_offset,
                 base + k, upright)
           for k, (text, fontname, size, x0, y0, x1, y1, upright) in enumerate(collector.glyphs)]
    return _unmapped_glyphs(out) if any(UNMAPPED.fullmatch(g.text) for g in out) else out


@functools.cache
def _glyph_collector_class():
    """pdfplumber's page aggregator, but characters become plain tuples, not layout objects (built
    on first use: importing this module does not import pdfplumber)."""
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class GlyphCollector(PDFPageAggregatorWithMarkedContent):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.glyphs: list[tuple] = []

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
            """What ``pdfminer.layout.LTChar`` computes of a character: its text, font, size, box
            and whether it stands upright (the same arithmetic, in the same order)."""
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            advance = font.char_width(cid) * fontsize * scaling
            vertical = font.is_vertical()
            if vertical:
                vx, vy = font.char_disp(cid)
                vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
                vy = (1000 - vy) * fontsize * 0.001
                box = (-vx, vy + rise + advance, -vx + fontsize, vy + rise)
            else:
                descent = font.get_descent() * fontsize
                box = (0, descent + rise, advance, descent + rise + fontsize)
            a, b, c, d, e, f = matrix
            # pdfminer's apply_matrix_rect, inlined: the same products and sums in the same order
            bx0, by0, bx1, by1 = box
            left1, bottom1 = a * bx0 + c * by0 + e, b * bx0 + d * by0 + f
            right1, bottom2 = a * bx1 + c * by0 + e, b * bx1 + d * by0 + f
            right2, top1 = a * bx1 + c * by1 + e, b * bx1 + d * by1 + f
            left2, top2 = a * bx0 + c * by1 + e, b * bx0 + d * by1 + f
            x0, y0 = min(left1, left2, right1, right2), min(bottom1, bottom2, top1, top2)
            x1, y1 = max(left1, left2, right1, right2), max(bottom1, bottom2, top1, top2)
            if x1 < x0:
                x0, x1 = x1, x0
            if y1 < y0:
                y0, y1 = y1, y0
            fontname = font.fontname
            if isinstance(fontname, bytes):
                fontname = fontname.decode("utf-8", "replace")
            self.glyphs.append((text, fontname, x1 - x0 if vertical else y1 - y0, x0, y0, x1, y1,
                                a * d * scaling > 0 and b * c <= 0))
            return advance

    return GlyphCollector


#: What pdfminer prints for a glyph its font does not map to a character.
UNMAPPED = re.compile(r"\(cid:\d+\)")


def _unmapped_glyphs(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs with no character: one drawn over a neighbouring letter is a mark (the stroke of
    "ł", an accent) and is left out, so the word stays whole; any other is U+FFFD, so the text
    shows that something was there instead of "(cid:2)"."""
    out: list[Glyph] = []
    for k, glyph in enumerate(glyphs):
        if not UNMAPPED.fullmatch(glyph.text):
            out.append(glyph)
            continue
        width = max(glyph.x1 - glyph.x0, 0.01)
        neighbours = [g for g in glyphs[max(0, k - 1):k + 2] if g is not glyph and abs(g.top - glyph.top) < glyph.size]
        if any(min(g.x1, glyph.x1) - max(g.x0, glyph.x0) > width / 2 for g in neighbours):
            continue
        out.append(replace(glyph, text="\ufffd"))
    return out


def pdf_error(exc: Exception) -> ReadError:
    causes = [exc, *[a for a in getattr(exc, "args", ()) if isinstance(a, BaseException)]]
    name = " ".join(type(e).__name__ for e in causes)
    text = " ".join(str(e) for e in causes).strip()
    if "Password" in name or "Encrypt" in name or "password" in text.lower():
        return ReadError("PDF is encrypted; give the password or an unlocked copy", "pdf")
    return ReadError(f"the PDF is damaged or truncated and cannot be parsed ({name}: {text[:120]})", "pdf")


def picture_boxes(page) -> list[tuple[float, float, float, float]]:
    """(x0, x1, top, bottom) of the images on the page (photographs, maps, scanned plates)."""
    from pdfminer.layout import LTFigure, LTImage

    height = float(page.height)
    top_offset = float(page.mediabox[1])
    found = []

    def walk(objects) -> None:
        for obj in objects:
            if isinstance(obj, LTImage) and obj.width > PICTURE_MIN_SIZE and obj.height > PICTURE_MIN_SIZE:
                found.append((obj.x0, obj.x1, height - obj.y1 + top_offset, height - obj.y0 + top_offset))
            elif isinstance(obj, LTFigure):
                walk(obj)

    walk(page.layout)
    return found


def horizontal_rules(page) -> list[tuple[float, float, float]]:
    """(x0, x1, top) of the thin horizontal lines drawn on the page: a footnote separator is one."""
    from pdfminer.layout import LTLine, LTRect

    height = float(page.height)
    top_offset = float(page.mediabox[1])
    return [(obj.x0, obj.x1, height - obj.y1 + top_offset) for obj in page.layout
            if isinstance(obj, (LTLine, LTRect)) and obj.height <= 2.0 and obj.width >= RULE_MIN_WIDTH]


#: Spacing accents TeX and other typesetters draw as their own glyph over (or under) a letter,
#: as the combining mark they stand for: "Gre´gory" reads "Grégory", "Lemaˆıtre" "Lemaître".
SPACING_ACCENTS = {"´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "^": "\u0302", "¨": "\u0308", "˜": "\u0303",
                   "~": "\u0303", "¸": "\u0327", "˚": "\u030a", "ˇ": "\u030c", "¯": "\u0304", "˘": "\u0306",
                   "˙": "\u0307", "˝": "\u030b", "˛": "\u0328"}


#: Dotless letters an accent is set on ("ˆı"): the accented letter has the dot's place.
DOTLESS = {"ı": "i", "ȷ": "j"}


def compose_accents(glyphs: list[tuple[Glyph, bool]]) -> list[tuple[Glyph, bool]]:
    """Put each spacing accent on the letter it is drawn over, as one precomposed character."""
    if not any(g.text in SPACING_ACCENTS for g, _ in glyphs):
        return glyphs
    out = list(glyphs)
    k = 0
    while k < len(out):
        accent = out[k][0]
        if accent.text not in SPACING_ACCENTS:
            k += 1
            continue
        width = max(accent.x1 - accent.x0, 0.1)

        def overlap(j: int) -> float:
            if not 0 <= j < len(out) or not out[j][0].text.isalpha():
                return 0.0
            g = out[j][0]
            return max(0.0, min(g.x1, accent.x1) - max(g.x0, accent.x0)) / width

        j = max((k - 1, k + 1), key=overlap)
        if overlap(j) < ACCENT_OVERLAP:
            k += 1
            continue
        letter, raised = out[j]
        composed = unicodedata.normalize("NFC", DOTLESS.get(letter.text, letter.text) + SPACING_ACCENTS[accent.text])
        out[j] = (replace(letter, text=composed), raised) if len(composed) == 1 else out[j]
        if len(composed) == 1:
            del out[k]
            k = min(k, j)
        else:
            k += 1
    return out
