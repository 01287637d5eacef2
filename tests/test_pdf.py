"""The document model of a PDF: markers from glyph size and baseline, footnote area, headers."""
from __future__ import annotations

import pytest

from extractors.document import read_document
from extractors.document import ReadError
from tests.conftest import SAMPLE_PDF
from tests.pdfgen import PageSpec, make_pdf

RUNNING = "Journal of Imaginary History 12 (2020)"


@pytest.fixture(scope="module")
def typeset_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "harbour.pdf"
    make_pdf(path, [
        PageSpec(header=RUNNING, number=1, heading="The Harbour Ledgers",
                 body=["The harbour opened in 1871 and grew for fifty years.^1 Its ledgers",
                       "survive in the city archive, in *Port Records* volumes.", "",
                       "The dock workers struck twice before 1900.^2 The second strike"],
                 notes=["1. R. Vale, Harbours of the North, (Bergen: Tide Press, 1990), p. 4.",
                        "2. S. Moss, \"Strikes,\" Labour Review, Vol. 2, No. 1 (1977), pp. 10-",
                        ]),
        PageSpec(header=RUNNING, number=2,
                 body=["lasted nine weeks.^3 Wages rose afterwards."],
                 notes=["19 (Norwegian).",
                        "3. ibid., p. 12."]),
    ])
    return path


@pytest.fixture(scope="module")
def typeset(typeset_path):
    return read_document(typeset_path)


GLYPH_FIELDS = ("text", "fontname", "size", "x0", "x1", "top", "bottom")


@pytest.mark.parametrize("which", ["generated", "sample"])
def test_glyphs_equal_pdfplumber_chars(which, typeset_path):
    """The fast glyph walk must see exactly what ``page.chars`` sees, in the same order."""
    import pdfplumber

    from extractors.document.pdf.glyphs import page_glyphs

    path = typeset_path if which == "generated" else SAMPLE_PDF
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            expected = [{k: c[k] for k in GLYPH_FIELDS} for c in page.chars]
            got = page_glyphs(page, 100)
            assert [c.index for c in got] == list(range(100, 100 + len(expected)))
            assert [{k: getattr(c, k) for k in GLYPH_FIELDS} for c in got] == expected


def test_pdf_title_from_larger_font(typeset):
    assert typeset.title == "The Harbour Ledgers"


def test_pdf_page_count(typeset):
    assert typeset.n_pages == 2


def test_pdf_markers_found_from_size_and_baseline(typeset):
    assert [(m.number, m.page) for m in typeset.markers] == [(1, 1), (2, 1), (3, 2)]
    first = typeset.markers[0]
    assert typeset.text[first.position - 6:first.position] == "years."


def test_pdf_footnotes_from_footnote_area_with_continuation(typeset):
    assert [(f.number, f.page) for f in typeset.footnotes] == [(1, 1), (2, 1), (3, 2)]
    assert typeset.footnotes[1].text.endswith("pp. 10-19 (Norwegian).")


def test_pdf_running_header_and_page_numbers_dropped(typeset):
    assert "Imaginary History" not in typeset.text
    body = " ".join(typeset.text[b.start:b.end] for b in typeset.blocks if b.part == "body")
    assert body.split()[-1] == "afterwards."


def test_pdf_cut_paragraph_rejoined_across_pages(typeset):
    assert "The second strike lasted nine weeks." in typeset.text


def test_pdf_italic_font_becomes_italic_span(typeset):
    assert [typeset.text[s.start:s.end] for s in typeset.italics] == ["Port Records"]


def test_sample_pdf_has_119_footnotes_and_markers(sample_pdf_document):
    assert [f.number for f in sample_pdf_document.footnotes] == list(range(1, 120))
    assert sorted({m.number for m in sample_pdf_document.markers}) == list(range(1, 120))
    assert sample_pdf_document.n_pages == 20


BAD_PDFS = [
    # (case id, bytes, words the message must contain)
    ("truncated", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "damaged"),
    ("not_a_pdf", b"hello, I am plain text with a .pdf name", "damaged"),
]


@pytest.mark.parametrize("case, data, words", BAD_PDFS, ids=[c[0] for c in BAD_PDFS])
def test_bad_pdf_gives_clear_error(case, data, words, tmp_path):
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(data)
    with pytest.raises(ReadError) as error:
        read_document(path)
    assert words in str(error.value)
    assert error.value.stage == "pdf"


def test_image_only_pdf_says_no_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(ReadError, match="no text layer"):
        read_document(path)


def test_encrypted_pdf_asks_for_password(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "Secret text")
    c.showPage()
    c.save()
    with pytest.raises(ReadError, match="encrypted"):
        read_document(path)


@pytest.fixture(scope="module")
def two_columns(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "two-columns.pdf"
    left = ["The ferry service began in 1902", "with two boats and a crew of", "nine.^1 It ran every morning.", "",
            "Fares doubled after the war, and", "the town council paid for a new", "landing stage in the spring."]
    right = ["Traffic fell when the bridge", "opened in 1961.^2 The last boat", "sailed in the autumn of 1963.", "",
             "The landing stage is now a", "museum of river trade and", "keeps the old timetables."]
    make_pdf(path, [
        PageSpec(header=RUNNING, number=1, heading="Ferries", body=left, right=right,
                 notes=["1. T. Lund, River Crossings of the Valley, (Oslo: Ferje Press, 1988), p. 17.",
                        "2. Council minutes, 14 May 1961, in the county archive, box 12, folder 3."]),
        PageSpec(header=RUNNING, number=2, body=["Its archive holds letters", "from the ferrymen and their", "families, and the logbooks of"],
                 right=["the boats. A model of the first", "boat stands by the door, next", "to the old ticket office bell."]),
    ])
    return read_document(path)


def test_two_column_page_reads_left_column_before_right(two_columns):
    text = two_columns.text
    assert "with two boats and a crew of nine." in text  # rows of one column are never merged with the other
    assert "Traffic fell when the bridge opened in 1961" in text
    assert "landing stage in the spring.\n\nTraffic fell when the bridge" in text  # a column ending a sentence


def test_paragraph_cut_at_the_column_foot_continues_in_the_next_column(two_columns):
    assert "the logbooks of the boats. A model" in two_columns.text


def test_two_column_page_keeps_its_footnotes_and_calls(two_columns):
    assert [f.number for f in two_columns.footnotes] == [1, 2]
    assert two_columns.footnotes[0].text.startswith("T. Lund, River Crossings")
    assert sorted(m.number for m in two_columns.markers) == [1, 2]
    assert "River Crossings" not in two_columns.text[:two_columns.footnotes[0].start]


def test_single_column_page_with_short_lines_is_not_split(typeset):
    assert "The harbour opened in 1871 and grew for fifty years." in typeset.text


@pytest.mark.parametrize("glyph, letters", [("ﬁ", "fi"), ("ﬂ", "fl"), ("ﬃ", "ffi"), ("ﬀ", "ff"), ("a", "a"), ("é", "é")])
def test_ligature_glyph_reads_as_its_letters(glyph, letters):
    from extractors.document.pdf import glyph_text

    assert glyph_text(glyph) == letters


def test_footnotes_at_the_foot_of_each_column_are_read_in_order(tmp_path):
    """A full-width title, then two columns that each end in their own footnotes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "column-notes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(72, 760, "Salt Roads and River Ferries of the Northern Valley")
    columns = [
        (72, ["Salt came down the valley on", "carts until 1880, when the", "first ferry took over the trade.",
              "The carters moved north."], "1", "1. A. Berg, Salt Roads, (Bergen: Fjell, 1979)."),
        (312, ["Ferries carried salt for forty", "years and then closed in", "1921, when the railway came.",
               "The quays were sold."], "2", "2. K. Moe, Quays, (Oslo: Elv, 1991), p. 8."),
    ]
    for x, lines, call, note in columns:
        y = 700
        for k, line in enumerate(lines):
            c.setFont("Helvetica", 11)
            c.drawString(x, y, line)
            if k == 2:
                c.setFont("Helvetica", 6)
                c.drawString(x + c.stringWidth(line, "Helvetica", 11), y + 4, call)
            y -= 15
        c.setFont("Helvetica", 8)
        c.drawString(x, 90, note)
    c.showPage()
    c.save()
    document = read_document(path)
    assert document.title == "Salt Roads and River Ferries of the Northern Valley"
    assert [f.number for f in document.footnotes] == [1, 2]
    assert document.footnotes[1].text == "K. Moe, Quays, (Oslo: Elv, 1991), p. 8."
    body = document.text[:document.footnotes[0].start]
    assert "Berg" not in body and "Quays," not in body
    assert body.index("The carters moved north.") < body.index("Ferries carried salt")
    assert sorted(m.number for m in document.markers) == [1, 2]


@pytest.mark.parametrize("glyphs, text", [
    ([("G", 0, 6), ("o", 6, 11), ("(cid:2)", 12, 15), ("l", 12, 15), ("a", 15, 20)], "Gola"),
    ([("c", 0, 5), ("(cid:13)", 6, 14), ("2", 15, 20)], "c\ufffd2"),
], ids=["mark_drawn_over_a_letter_is_left_out", "unmapped_glyph_on_its_own_is_a_replacement_character"])
def test_glyphs_with_no_character(glyphs, text):
    from extractors.document.pdf.glyphs import Glyph, _unmapped_glyphs

    read = _unmapped_glyphs([Glyph(t, "F", 10, x0, x1, 0, 10, k) for k, (t, x0, x1) in enumerate(glyphs)])
    assert "".join(g.text for g in read) == text


@pytest.mark.parametrize("seed", range(5))
def test_row_gap_by_bisection_equals_the_walk_along_the_row(seed):
    """The gap from a glyph to a row's nearest glyph, found by bisection over sorted edges, is the
    one found by looking at every glyph of the row (overlaps, touching edges and rows grown
    glyph by glyph included)."""
    import random

    from extractors.document.pdf.glyphs import Glyph
    from extractors.document.pdf.rows import _RowEdges

    rng = random.Random(seed)

    def glyph(x0: float, width: float) -> Glyph:
        return Glyph("a", "F", 10.0, x0, x0 + width, 0.0, 10.0, 0)

    rows = [[(glyph(rng.choice([rng.uniform(0, 500), float(rng.randrange(0, 500, 5))]), rng.choice([0.0, 2.5, 5.0])),
              False) for _ in range(rng.randrange(1, 30))] for _ in range(6)]
    edges = _RowEdges(rows)
    for _ in range(300):
        probe = glyph(float(rng.randrange(0, 500, 5)) if rng.random() < 0.3 else rng.uniform(0, 500),
                      rng.choice([0.0, 2.5, 5.0]))
        for k, row in enumerate(rows):
            walked = min(max(g.x0 - probe.x1, probe.x0 - g.x1, 0.0) for g, _ in row)
            assert edges.gap(k, probe) == pytest.approx(walked, abs=1e-9)
        if rng.random() < 0.2:
            k = rng.randrange(len(rows))
            rows[k].append((probe, False))
            edges.add(k, probe)
