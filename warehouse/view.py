"""One document as the warehouse sees it, as a self-contained HTML page (no network, no script).

Analysts check an extraction by looking at the page: the body sentences in
reading order with page breaks marked, every note call a link to its note,
each note with the references parsed from it (ibid. and short forms shown with
the note they resolve to), reference-list entries, and every body date,
figure and entity highlighted by kind with its normalised value on hover.
Sentences that no note backs are marked, and so is text that looks like a
leaked running head or page number.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict

import duckdb

STYLE = """
body{font:16px/1.55 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem} .meta{color:#666;font-size:.85rem}
.page{border-top:1px dashed #bbb;color:#999;font:.75rem sans-serif;margin:1rem 0 .5rem}
.heading{font-weight:bold;font-size:1.1rem;margin-top:1.2rem}
mark{border-radius:3px;padding:0 2px} mark[data-kind=date]{background:#d7ecff}
mark[data-kind=quantity]{background:#ffe7c2} mark[data-kind=entity]{background:#e3f5d8}
.unsupported{border-bottom:1px dotted #c33} .leak{background:#fdd} mark.conflict{outline:2px solid #d33}
sup a{text-decoration:none;color:#a33} .notes{font-size:.9rem;border-top:2px solid #ccc;margin-top:2rem}
.note{margin:.4rem 0} .note:target{background:#fff6c8} .ref{margin:.1rem 0 .1rem 1.5rem;color:#345;font-size:.8rem}
.legend span{margin-right:1rem}
"""

# Text that looks like a running head or a page number left in the body: "12", "Page 3", "ISSN ..."
LEAK_LIKE = re.compile(r"^\W*(?:page\s+)?\d{1,4}\W*$|\bISSN\b|\bDOI\b\s*10\.|^\W*[A-Z][A-Z .,&:]{12,}$", re.I)


def _esc(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def find_document(con: duckdb.DuckDBPyConnection, doc: str) -> tuple[str, str, str | None, str]:
    """(doc_id, source_path, title, clean_text) of a document named by doc_id, path or file name."""
    row = con.execute(
        "SELECT doc_id, source_path, title, clean_text FROM documents WHERE doc_id = $d OR source_path = $d "
        "OR regexp_extract(source_path, '[^/]+$') = $d ORDER BY status = 'current' DESC LIMIT 1", {"d": doc}).fetchone()
    if row is None:
        raise LookupError(f"no document {doc!r} in the warehouse; `marginalia query \"SELECT doc_id, "
                          "source_path FROM documents\"` lists them")
    return row


def render(con: duckdb.DuckDBPyConnection, doc: str) -> str:
    """The HTML page of one document (see the module docstring)."""
    doc_id, source_path, title, clean_text = find_document(con, doc)
    sentences = con.execute(
        "SELECT sentence_id, page, start_char, end_char, text FROM sentences WHERE doc_id = ? AND part = 'body' "
        "ORDER BY sentence_id", [doc_id]).fetchall()
    headings = {r[0] for r in con.execute(
        "SELECT s.sentence_id FROM sentences s WHERE s.doc_id = ? AND s.part = 'body' AND length(s.text) < 160 "
        "AND NOT regexp_matches(s.text, '[.!?:;]$')", [doc_id]).fetchall()}
    notes = con.execute("SELECT number, coalesce(label, cast(number AS VARCHAR)), coalesce(zone, 'footnote'), text "
                        "FROM footnotes WHERE doc_id = ? ORDER BY number", [doc_id]).fetchall()
    label_of = {number: label for number, label, _, _ in notes}
    calls = defaultdict(list)
    for number, sentence_id, position in con.execute(
            "SELECT footnote_number, sentence_id, marker_char FROM citation_mentions WHERE doc_id = ? "
            "ORDER BY marker_char", [doc_id]).fetchall():
        calls[sentence_id].append((position, number))
    spans = defaultdict(list)  # sentence_id -> (start, end, kind, hover)
    for sentence_id, start, end, start_date, end_date, precision in con.execute(
            "SELECT sentence_id, start_char, end_char, start_date, end_date, precision FROM dates "
            "WHERE doc_id = ? AND part = 'body'", [doc_id]).fetchall():
        spans[sentence_id].append((start, end, "date", f"{start_date} .. {end_date} ({precision})"))
    figures = con.execute(
        "SELECT sentence_id, start_char, end_char, value, value_max, unit, subject, qualifier, text FROM quantities "
        "WHERE doc_id = ? AND part = 'body'", [doc_id]).fetchall()
    for sentence_id, start, end, name, label in con.execute(
            "SELECT m.sentence_id, m.start_char, m.end_char, e.name, e.label FROM entity_mentions m "
            "JOIN entities e USING (doc_id, entity_id) WHERE m.doc_id = ? AND m.part = 'body'", [doc_id]).fetchall():
        spans[sentence_id].append((start, end, "entity", f"{name} ({label})"))
    backed = {r[0] for r in con.execute("SELECT sentence_id FROM sentence_support WHERE doc_id = ? AND support <> 'none'",
                                        [doc_id]).fetchall()}
    # figures another sentence counts differently: marked, with the rival figure on hover
    rivals: dict[tuple[int, str], str] = {}
    for sentence_a, figure_a, sentence_b, figure_b in con.execute(
            "SELECT sentence_a, figure_a, sentence_b, figure_b FROM conflicting_figures WHERE doc_a = ? AND doc_b = ?",
            [doc_id, doc_id]).fetchall():
        rivals[(sentence_a, figure_a)] = f"sentence {sentence_b} says {figure_b}"
        rivals[(sentence_b, figure_b)] = f"sentence {sentence_a} says {figure_a}"
    for sentence_id, start, end, value, value_max, unit, subject, qualifier, text in figures:
        shown = f"{value:g}" + (f"-{value_max:g}" if value_max is not None else "")
        hover = f"{qualifier} {shown} {unit or ''} {subject or ''}".strip()
        rival = rivals.get((sentence_id, text))
        spans[sentence_id].append((start, end, "quantity", f"{hover}; in conflict: {rival}" if rival else hover))
    out = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_esc(title or source_path)}</title>"
           f"<style>{STYLE}</style></head><body>",
           f"<h1>{_esc(title or source_path)}</h1><p class='meta'>{_esc(source_path)} ({_esc(doc_id)})</p>",
           "<p class='legend'><span><mark data-kind='legend-date' style='background:#d7ecff'>date</mark></span>"
           "<span><mark data-kind='legend-quantity' style='background:#ffe7c2'>figure</mark></span>"
           "<span><mark data-kind='legend-entity' style='background:#e3f5d8'>name</mark></span>"
           "<span class='unsupported'>no note backs it</span> <span class='leak'>looks like a leak</span> "
           "<mark class='conflict' style='background:#ffe7c2'>figure another sentence counts differently</mark></p>"]
    page = None
    previous_end = None
    out.append("<p>")
    for sentence_id, sentence_page, start, end, text in sentences:
        if sentence_page != page:
            out.append(f"</p><div class='page'>page {_esc(sentence_page)}</div><p>")
            page = sentence_page
        elif previous_end is not None and "\n\n" in (clean_text or "")[previous_end:start]:
            out.append("</p><p>")
        previous_end = end
        body = _marked(text, start, spans.get(sentence_id, []), calls.get(sentence_id, []), label_of)
        classes = ["sentence"]
        if sentence_id in headings:
            classes.append("heading")
        if sentence_id not in backed and spans.get(sentence_id):
            classes.append("unsupported")
        if LEAK_LIKE.search(text):
            classes.append("leak")
        out.append(f"<span class='{' '.join(classes)}' id='s-{sentence_id}'>{body}</span> ")
    out.append("</p>")
    out.append(_notes(con, doc_id, notes))
    out.append("</body></html>")
    return "".join(out)


def _marked(text: str, start: int, spans: list, calls: list, label_of: dict) -> str:
    """The sentence with its marks (dates and figures first, then names that do not overlap them)
    and its note calls as links."""
    chosen: list[tuple[int, int, str, str]] = []
    for span in sorted(spans, key=lambda s: (s[2] == "entity", s[0], -s[1])):
        a, b = max(span[0] - start, 0), min(span[1] - start, len(text))
        if a >= b:
            continue
        clashes = [(c, d) for c, d, _, _ in chosen if a < d and c < b]
        if clashes and span[2] == "entity":
            continue  # a name under a date or figure is not marked twice
        for c, d in clashes:  # a date or figure is always marked: nested where it lies inside another
            if not (c <= a and b <= d) and a < d:
                a = max(a, d)
        if a < b:
            chosen.append((a, b, span[2], span[3]))
    inserts: list[tuple[int, int, str]] = []  # (position, order, html)
    for a, b, kind, hover in chosen:
        conflict = ' class="conflict"' if "; in conflict: " in hover else ""
        inserts.append((a, 1, f'<mark data-kind="{kind}"{conflict} title="{_esc(hover)}">'))
        inserts.append((b, 0, "</mark>"))
    for position, number in calls:
        at = min(max(position - start, 0), len(text))
        inserts.append((at, 2, f'<sup><a href="#note-{number}">{_esc(label_of.get(number, number))}</a></sup>'))
    out, cursor = [], 0
    for position, _, piece in sorted(inserts, key=lambda i: (i[0], i[1])):
        out.append(_esc(text[cursor:position]))
        out.append(piece)
        cursor = position
    out.append(_esc(text[cursor:]))
    return "".join(out)


def _notes(con: duckdb.DuckDBPyConnection, doc_id: str, notes: list) -> str:
    references = defaultdict(list)
    for row in con.execute(
            "SELECT footnote_number, kind, authors, title, container, pub_date, pages, ibid, short_form, resolves_to "
            "FROM citations WHERE doc_id = ? ORDER BY footnote_number, position", [doc_id]).fetchall():
        references[row[0]].append(row[1:])
    called_by = defaultdict(list)
    for number, sentence_id in con.execute("SELECT footnote_number, sentence_id FROM citation_mentions WHERE doc_id = ?",
                                           [doc_id]).fetchall():
        called_by[number].append(sentence_id)
    out = ["<section class='notes'><h2>Notes and references</h2>"]
    zone_names = {"footnote": "Footnotes", "endnote": "Endnotes", "bibliography": "Reference list"}
    current_zone = None
    for number, label, zone, text in notes:
        if zone != current_zone:
            out.append(f"<h3>{zone_names.get(zone, zone)}</h3>")
            current_zone = zone
        back = " ".join(f"<a href='#s-{s}'>&#8617;</a>" for s in called_by.get(number, [])[:5])
        out.append(f'<div class="note" id="note-{number}"><b>{_esc(label)}</b> {_esc(text)} {back}')
        for kind, authors, title, container, pub_date, pages, ibid, short_form, resolves_to in references.get(number, []):
            if ibid or short_form:
                what = "ibid." if ibid else "short form"
                out.append(f"<div class='ref'>{what} of <a href='#note-{_esc(resolves_to)}'>note "
                           f"{_esc(resolves_to)}</a>{', p. ' + _esc(pages) if pages else ''}</div>")
                continue
            fields = [("kind", kind), ("authors", "; ".join(authors or [])), ("title", title),
                      ("in", container), ("date", pub_date), ("pages", pages)]
            out.append("<div class='ref'>" + ", ".join(f"{name}: <i>{_esc(value)}</i>" for name, value in fields
                                                       if value) + "</div>")
        out.append("</div>")
    out.append("</section>")
    return "".join(out)
