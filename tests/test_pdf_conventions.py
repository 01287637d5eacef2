"""PDF conventions beyond numbered footnotes (all PDFs generated here, all text invented).

Pinned: a symbol note and its call, a notice printed below a note that is no
note, reference lists cut into entries by label or by hanging indent (ended by
a section title), a table-of-contents line that names the list, margin text
beside the text block, and text that is not upright.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.document import read_document

WIDTH, HEIGHT = A4

PROSE = ["The harbour ledgers survive from 1871 onwards and record every cargo",
         "that came through the north gate, with its weight and its owner, and",
         "they were kept by the same family of clerks for three generations, who",
         "wrote in a careful hand and rarely crossed anything out of the books."]


def _text(c: canvas.Canvas, x: float, y: float, text: str, size: float, font: str = "Helvetica") -> None:
    c.setFont(font, size)
    c.drawString(x, y, text)


def _page_of_prose(c: canvas.Canvas, y: float, lines: list[str] = PROSE) -> float:
    for line in lines:
        _text(c, 72, y, line, 11)
        y -= 15
    return y - 8


def symbol_note_and_lists(path: Path, numbered: bool) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    _text(c, 72, HEIGHT - 80, "The Harbour Ledgers", 16, "Helvetica-Bold")
    _text(c, 72 + c.stringWidth("The Harbour Ledgers", "Helvetica-Bold", 16) + 2, HEIGHT - 74, "*", 9)
    _text(c, 72, HEIGHT - 110, "Contents", 11, "Helvetica-Bold")
    _text(c, 72, HEIGHT - 125, "References", 11)
    _text(c, 480, HEIGHT - 125, "2", 11)
    y = _page_of_prose(c, HEIGHT - 160)
    y = _page_of_prose(c, y)
    _text(c, 20, HEIGHT - 300, "ER 29", 9)  # margin text beside the block, on a body line's baseline
    c.saveState()
    c.translate(560, 300)
    c.rotate(90)
    _text(c, 0, 0, "JOURNAL OF HARBOURS 12 (2020) 3", 9)  # vertical margin id
    c.restoreState()
    _text(c, 72, 110, "*", 6)
    _text(c, 76, 106, "Supported by a grant from the Harbour Trust.", 8)
    _text(c, 72, 80, "Permission to copy this article is granted for teaching.", 7)
    _text(c, 72, 71, "Copyright 2020 The Harbour Society.", 7)
    c.showPage()
    y = _page_of_prose(c, HEIGHT - 80, PROSE[:2])
    _text(c, 72, y - 10, "References", 12, "Helvetica-Bold")
    y -= 35
    entries = [["Abel, R. (1990), Ledgers of the North, Tide Press,", "Bergen."],
               ["Moss, S. (1977), \u201cStrikes at the gate\u201d, Labour Review,", "Vol. 2 No. 1, pp. 10-19."],
               ["Vale, T. (2001), The Clerks, Fjord, Oslo."]]
    for k, entry in enumerate(entries, 1):
        for i, line in enumerate(entry):
            label = f"[{k}] " if numbered and i == 0 else ""
            x = 72 if i == 0 or numbered else 84
            _text(c, x if not (numbered and i) else 90, y, label + line, 9)
            y -= 11
    _text(c, 72, y - 8, "Notes on contributors", 9)
    _text(c, 72, y - 20, "R. Abel teaches at the Harbour College.", 9)
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module", params=["hanging_indent", "numbered"])
def document(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / f"{request.param}.pdf"
    return request.param, read_document(symbol_note_and_lists(path, request.param == "numbered"))


def test_symbol_note_is_read_with_its_call(document):
    _, doc = document
    notes = [f for f in doc.footnotes if f.zone == "footnote"]
    assert [(f.label, f.text) for f in notes] == [("*", "Supported by a grant from the Harbour Trust.")]
    calls = [m for m in doc.markers if m.number == notes[0].number]
    assert len(calls) == 1 and doc.text[:calls[0].position].endswith("The Harbour Ledgers")


def test_a_notice_below_a_note_is_neither_note_nor_body(document):
    _, doc = document
    assert "Permission to copy" not in doc.text and "Copyright 2020" not in doc.text


def test_reference_list_entries(document):
    kind, doc = document
    entries = [f for f in doc.footnotes if f.zone == "bibliography"]
    assert [f.label for f in entries] == ["1", "2", "3"]
    assert entries[0].text == "Abel, R. (1990), Ledgers of the North, Tide Press, Bergen."
    assert entries[1].text.endswith("Vol. 2 No. 1, pp. 10-19.")
    assert "Notes on contributors" not in entries[2].text  # a section title ends the list
    assert "R. Abel teaches at the Harbour College." in doc.text[:entries[0].start]
    assert doc.conventions[0] == ("reference_list_numbered" if kind == "numbered" else "reference_list_unnumbered")


def test_margin_text_and_vertical_ids_are_not_body(document):
    _, doc = document
    assert "ER 29" not in doc.text and "JOURNAL OF HARBOURS" not in doc.text
    assert "record every cargo that came through the north gate" in doc.text


def test_an_unlabelled_caption_under_a_picture_is_not_prose(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    picture = Image.new("RGB", (300, 200), (90, 120, 150))
    path = tmp_path / "plate.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = _page_of_prose(c, HEIGHT - 80)
    c.drawImage(ImageReader(picture), 72, y - 200, width=300, height=200)
    _text(c, 72, y - 215, "The north gate in 1890, from the river (photograph in the town archive)", 9,
          "Helvetica-Bold")
    _page_of_prose(c, y - 250)
    c.showPage()
    c.save()
    document = read_document(path)
    captions = [document.text[b.start:b.end] for b in document.blocks if b.part == "caption"]
    assert captions == ["The north gate in 1890, from the river (photograph in the town archive)"]
    body = " ".join(document.text[b.start:b.end] for b in document.blocks if b.part == "body")
    assert "north gate in 1890" not in body and "record every cargo" in body


@contextmanager
def _one_page(path: Path):
    """A one-page A4 PDF at ``path``: draw on the canvas inside the block."""
    c = canvas.Canvas(str(path), pagesize=A4)
    yield c
    c.showPage()
    c.save()


def _parts(document) -> dict[str, str]:
    """The document's clean text by part, blocks joined with " | "."""
    parts: dict[str, list[str]] = {}
    for b in document.blocks:
        parts.setdefault(b.part, []).append(document.text[b.start:b.end])
    return {part: " | ".join(texts) for part, texts in parts.items()}


def _centred(c: canvas.Canvas, y: float, text: str, size: float, font: str = "Helvetica") -> None:
    _text(c, (WIDTH - c.stringWidth(text, font, size)) / 2, y, text, size, font)


@pytest.fixture(scope="module")
def title_block(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "title_block.pdf"
    with _one_page(path) as c:
        _centred(c, HEIGHT - 50, "Quarterly of Harbour Studies", 8)
        _centred(c, HEIGHT - 90, "Ledgers of the North Gate", 18, "Helvetica-Bold")
        _centred(c, HEIGHT - 120, "Ana Lind and Tomas Berg", 11)
        _centred(c, HEIGHT - 135, "Institute of Harbour History, Coastal University", 10)
        _centred(c, HEIGHT - 148, "12 Quay Road, 4021 Porthaven", 10)
        _centred(c, HEIGHT - 161, "ana.lind@example.org", 10)
        _text(c, 72, HEIGHT - 195, "Abstract", 11, "Helvetica-Bold")
        y = _page_of_prose(c, HEIGHT - 212)
        _page_of_prose(c, y)
        _centred(c, 60, "17", 10)  # the page number, with an imprint printed below it
        _centred(c, 45, "Printed for the members of the Harbour Society", 7)
    return read_document(path)


def test_title_block_furniture_is_front_and_byline_stays_in_body(title_block):
    parts = _parts(title_block)
    assert title_block.title == "Ledgers of the North Gate"
    assert parts["front"] == ("Quarterly of Harbour Studies | Ledgers of the North Gate | "
                              "12 Quay Road, 4021 Porthaven ana.lind@example.org")
    assert parts["body"].startswith("Ana Lind and Tomas Berg | Institute of Harbour History, Coastal University"
                                    " | Abstract | The harbour ledgers survive")


def test_page_number_above_a_first_page_imprint_is_not_body(title_block):
    assert "17" not in _parts(title_block)["body"]


def _spell(c: canvas.Canvas, x: float, y: float, words: list[str], size: float, gap: float,
           font: str = "Helvetica") -> float:
    """Draw words glyph by glyph with no space glyphs, ``gap`` (share of the size) between them."""
    c.setFont(font, size)
    for word in words:
        for ch in word:
            c.drawString(x, y, ch)
            x += c.stringWidth(ch, font, size)
        x += gap * size
    return x


@pytest.mark.parametrize("gap", [0.17, 0.3], ids=["narrow_justified_spaces", "ordinary_spaces"])
def test_words_are_spaced_where_the_text_layer_draws_no_spaces(tmp_path, gap):
    path = tmp_path / "spaceless.pdf"
    with _one_page(path) as c:
        y = HEIGHT - 80
        for line in PROSE:
            _spell(c, 72, y, line.split(), 11, gap)
            y -= 15
    assert " ".join(PROSE) in read_document(path).text


def test_an_italic_correction_is_not_a_space(tmp_path):
    path = tmp_path / "formula.pdf"
    with _one_page(path) as c:
        y = HEIGHT - 80
        for line in PROSE[:2]:
            _spell(c, 72, y, line.split(), 11, 0.35)
            y -= 15
        x = _spell(c, 72, y, "the ledgers give".split(), 11, 0.35)
        x = _spell(c, x, y, ["P"], 11, 0.14, "Helvetica-Oblique")
        _spell(c, x, y, "(t|g) for every gate and every year of the books.".split(), 11, 0.35)
    assert "the ledgers give P(t|g) for every gate" in read_document(path).text


def test_spacing_accents_are_composed_with_their_letter(tmp_path):
    path = tmp_path / "accents.pdf"
    with _one_page(path) as c:
        y = _page_of_prose(c, HEIGHT - 80)
        c.setFont("Helvetica", 11)
        x = 72
        for word, accent_after, accent in [("Gre", 3, "\u00b4"), ("gory and Franc", 14, "\u00b8"), ("ois wrote it.", 0, "")]:
            c.drawString(x, y, word)
            x += c.stringWidth(word, "Helvetica", 11)
            if accent:  # drawn over the letter before it, as TeX does
                letter = c.stringWidth(word[accent_after - 1], "Helvetica", 11)
                c.drawString(x - letter + (letter - c.stringWidth(accent, "Helvetica", 11)) / 2, y, accent)
    assert "Grégory and François wrote it." in read_document(path).text


def test_text_inside_a_figure_or_table_is_not_prose_and_does_not_cut_a_sentence(tmp_path):
    path = tmp_path / "floats.pdf"
    with _one_page(path) as c:
        y = _page_of_prose(c, HEIGHT - 80, PROSE[:3] + ["wrote in a careful hand, as the figure of the"]) + 8
        for label, x in (("North gate", 90), ("Quay", 200), ("Custom house", 300)):  # a drawing's labels
            _text(c, x, y - 20, label, 8, "Helvetica-Bold")
        _text(c, 72, y - 45, "Figure 1: The harbour in 1890, from the town plan.", 11)
        y = _page_of_prose(c, y - 70, ["harbour shows, and rarely crossed anything out of the books that they kept.",
                                       "The ledgers were then bound in leather by the clerks of the harbour and"])
        _text(c, 72, y, "Table 2: Cargoes by gate and year.", 11)
        for k, cells in enumerate((("Gate", "1871", "1872"), ("North", "410", "388"), ("South", "97", "120"))):
            for j, cell in enumerate(cells):
                _text(c, 90 + 90 * j, y - 20 - 13 * k, cell, 11)
        _page_of_prose(c, y - 75, ["stored in the loft of the custom house until the fire of the next winter."])

    parts = _parts(read_document(path))
    assert "the figure of the harbour shows, and rarely crossed anything out" in parts["body"]
    assert "bound in leather by the clerks of the harbour and stored in the loft" in parts["body"]
    assert parts["figure"] == "North gate Quay Custom house | Gate 1871 1872 North 410 388 South 97 120"
    assert parts["caption"] == "Figure 1: The harbour in 1890, from the town plan. | Table 2: Cargoes by gate and year."
