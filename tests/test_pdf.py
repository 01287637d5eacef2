"""The document model of a PDF: markers from glyph size and baseline, footnote area, headers."""
from __future__ import annotations

import pytest

from extractors.document import read_document
from extractors.reading import ReadError
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

    from extractors.pdf import _glyphs

    path = typeset_path if which == "generated" else SAMPLE_PDF
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            expected = [{k: c[k] for k in GLYPH_FIELDS} for c in page.chars]
            got = _glyphs(page, 100)
            assert [c["index"] for c in got] == list(range(100, 100 + len(expected)))
            assert [{k: c[k] for k in GLYPH_FIELDS} for c in got] == expected


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
