"""Build a benchmark corpus by varying the samples: shuffled paragraphs, new names, text and PDF.

    python benchmarks/corpus.py OUT_DIR N [--pdf-share 0.1] [--fraction 1.0] [--seed 7]

Each text document keeps the sample's layout (pages of body then footnotes) with its
body paragraphs shuffled within the article, so no two documents are byte-equal
(content hashes differ) while the language stays real. ``--fraction`` keeps only the
first part of each page (smaller documents for scale tests). A share of documents is
typeset as PDF with reportlab (body, raised markers, footnotes at the foot).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "raw" / "north-korea-vietnam-war.txt"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def pages_of(text: str) -> list[tuple[list[str], list[str]]]:
    """(body paragraphs, footnote paragraphs) per page, as the sample lays them out."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    pages: list[tuple[list[str], list[str]]] = [([], [])]
    for paragraph in paragraphs:
        is_note = paragraph[0] in SUPERSCRIPTS
        if not is_note and pages[-1][1]:
            pages.append(([], []))
        pages[-1][1 if is_note else 0].append(paragraph)
    return pages


def text_variant(pages, rng: random.Random, fraction: float) -> str:
    bodies = [p for page in pages for p in page[0]]
    rng.shuffle(bodies)
    out, k = [], 0
    for body, notes in pages:
        chunk = bodies[k:k + len(body)]
        k += len(body)
        keep = max(1, round(len(chunk) * fraction)) if chunk else 0
        out.extend(chunk[:keep])
        out.extend(notes[:max(1, round(len(notes) * fraction))] if notes else [])
    return "\n\n".join(out) + "\n"


def pdf_variant(text: str, path: Path) -> None:
    """Typeset a text variant: body at 11 pt, superscript calls at 6 pt raised, notes at 8 pt."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    y = height - 72
    notes: list[str] = []
    page_number = 1

    def new_page():
        nonlocal y, notes, page_number
        ny = 60 + len(notes) * 10
        for note in notes:
            c.setFont("Helvetica", 8)
            c.drawString(72, ny, note[:130])
            ny -= 10
        c.setFont("Helvetica", 9)
        c.drawString(width / 2, 30, str(page_number))
        c.showPage()
        page_number += 1
        y = height - 72
        notes = []

    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.replace("*", "")
        if paragraph[:1] in SUPERSCRIPTS:
            number = "".join(ch for ch in paragraph.split(" ")[0])
            notes.append(str(int(number.translate(str.maketrans(SUPERSCRIPTS, "0123456789")))) + ". "
                         + paragraph.split(" ", 1)[1])
            continue
        words = paragraph.split()
        line = ""
        for word in words + [""]:
            if word and c.stringWidth(line + " " + word, "Helvetica", 11) < width - 144:
                line = (line + " " + word).strip()
                continue
            x = 72
            for piece in re.split(rf"([{SUPERSCRIPTS}]+)", line):
                if piece and piece[0] in SUPERSCRIPTS:
                    c.setFont("Helvetica", 6)
                    digits = piece.translate(str.maketrans(SUPERSCRIPTS, "0123456789"))
                    c.drawString(x, y + 4, digits)
                    x += c.stringWidth(digits, "Helvetica", 6)
                else:
                    c.setFont("Helvetica", 11)
                    c.drawString(x, y, piece)
                    x += c.stringWidth(piece, "Helvetica", 11)
            y -= 15
            line = word
            if y < 80 + len(notes) * 10 + 60:
                new_page()
        y -= 8
    new_page()
    c.save()


def build(out: Path, n: int, pdf_share: float = 0.1, fraction: float = 1.0, seed: int = 7) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pages = pages_of(SAMPLE.read_text(encoding="utf-8"))
    n_pdf = round(n * pdf_share)
    written = []
    for k in range(n):
        text = text_variant(pages, rng, fraction)
        if k < n_pdf:
            path = out / f"typeset-{k:05d}.pdf"
            pdf_variant(text, path)
        else:
            path = out / f"article-{k:05d}.txt"
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--pdf-share", type=float, default=0.1)
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    files = build(args.out, args.n, args.pdf_share, args.fraction, args.seed)
    print(f"wrote {len(files)} documents to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
