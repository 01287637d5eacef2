"""Make small typeset PDFs for tests: body, raised small footnote calls, footnotes at the foot.

Each page is described as data so a test states exactly what is printed where:
a running header, body lines (with ``^N`` for a superscript call), footnote
lines in a smaller size, and a page number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

BODY_SIZE = 11
NOTE_SIZE = 8
MARK_SIZE = 6
LEFT = 72


@dataclass
class PageSpec:
    body: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    header: str | None = None
    number: int | None = None
    heading: str | None = None
    #: Lines of a right-hand column: when given, ``body`` is the left column.
    right: list[str] = field(default_factory=list)


RIGHT_COLUMN = 312  # with A4's 595 pt width: columns 72-287 and 312-523, a 25 pt gutter


def _draw_line(c: canvas.Canvas, text: str, y: float, size: float, x: float = LEFT) -> None:
    """Draw one line; '^12' prints 12 as a small raised call, '*...*' in italics."""
    for piece in re.split(r"(\^\d+|\*[^*]+\*)", text):
        if not piece:
            continue
        if piece.startswith("^"):
            c.setFont("Helvetica", MARK_SIZE)
            c.drawString(x, y + size * 0.4, piece[1:])
            x += c.stringWidth(piece[1:], "Helvetica", MARK_SIZE)
        else:
            font = "Helvetica-Oblique" if piece.startswith("*") else "Helvetica"
            piece = piece.strip("*") if piece.startswith("*") else piece
            c.setFont(font, size)
            c.drawString(x, y, piece)
            x += c.stringWidth(piece, font, size)


def make_pdf(path: Path, pages: list[PageSpec]) -> Path:
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    for spec in pages:
        if spec.header:
            c.setFont("Helvetica-Oblique", 8)
            c.drawString(LEFT, height - 40, spec.header)
        y = height - 90
        if spec.heading:
            c.setFont("Helvetica-Bold", 15)
            c.drawString(LEFT, y, spec.heading)
            y -= 30
        top = y
        for column, x in ((spec.body, LEFT), (spec.right, RIGHT_COLUMN)):
            y = top
            for line in column:
                if line == "":
                    y -= BODY_SIZE * 0.9  # paragraph gap
                    continue
                _draw_line(c, line, y, BODY_SIZE, x)
                y -= BODY_SIZE * 1.4
        y = 60 + len(spec.notes) * NOTE_SIZE * 1.3
        for line in spec.notes:
            _draw_line(c, line, y, NOTE_SIZE)
            y -= NOTE_SIZE * 1.3
        if spec.number is not None:
            c.setFont("Helvetica", 9)
            c.drawString(width / 2, 30, str(spec.number))
        c.showPage()
    c.save()
    return path
