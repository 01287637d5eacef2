"""``marginalia ui``: a small read-only web app on the published warehouse.

Pages: ``/`` (documents with their counts and a timeline of dated claims, drawn as
server-side SVG), ``/documents/<doc_id>`` (the reader view of :mod:`warehouse.view`),
``/search?q=`` (sentences, notes and references holding the words, highlighted),
``/works`` and ``/entities`` (the corpus's cited works and named people, places and
organisations, each linked to where it is cited or named).

Every request opens the sealed read-only connection of :mod:`warehouse.analyst`, so
the app sees each new publish, can write nothing and reads no other file. No
script, no network: plain HTML with inline CSS.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from warehouse.analyst import connect_for_reading
from warehouse.view import render

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:1.5rem auto;padding:0 1rem;color:#222}
nav a{margin-right:1rem} table{border-collapse:collapse;width:100%} td,th{padding:.25rem .5rem;text-align:left;
border-bottom:1px solid #eee;vertical-align:top} th{font-size:.8rem;color:#555} .num{text-align:right}
mark{background:#fff0a8} .muted{color:#888;font-size:.85rem} form{margin:1rem 0}
input[type=search]{width:24rem;padding:.3rem} svg text{font:10px sans-serif;fill:#555}
"""
#: The per-document counts of the list page: (alias, table, filter), in column order.
COUNTED = [("n_sentences", "sentences", "WHERE part = 'body'"), ("n_notes", "footnotes", ""),
           ("n_references", "citations", ""), ("n_dates", "dates", ""), ("n_figures", "quantities", ""),
           ("n_entities", "entities", "")]
#: Rows a list page shows at most (a search or a corpus can be large).
PAGE_ROWS = 200


def _esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _page(title: str, body: str) -> HTMLResponse:
    nav = ("<nav><a href='/'>Documents</a><a href='/works'>Works</a><a href='/entities'>Entities</a>"
           "<form action='/search' style='display:inline'><input type='search' name='q' placeholder='Search "
           "sentences, notes, references'> <button>Search</button></form></nav>")
    return HTMLResponse(f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_esc(title)}</title>"
                        f"<style>{STYLE}</style></head><body>{nav}<h1>{_esc(title)}</h1>{body}</body></html>")


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """An HTML table; cells are HTML already (escape before)."""
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def timeline_svg(counts: list[tuple[int, int]], width: int = 900, height: int = 160) -> str:
    """Dated claims per year as bars (server-side SVG); ``counts`` is (year, n) in year order."""
    if not counts:
        return "<p class='muted'>No dated claims yet.</p>"
    first, last = counts[0][0], counts[-1][0]
    span = max(1, last - first + 1)
    tallest = max(n for _, n in counts)
    bar = width / span
    bars = []
    for year, n in counts:
        h = (height - 20) * n / tallest
        x = (year - first) * bar
        bars.append(f"<rect x='{x:.1f}' y='{height - 20 - h:.1f}' width='{max(bar - 1, 1):.1f}' height='{h:.1f}' "
                    f"fill='#4a7bb7'><title>{year}: {n} dated claims</title></rect>")
    step = max(1, span // 10)
    labels = "".join(f"<text x='{(year - first) * bar:.1f}' y='{height - 5}'>{year}</text>"
                     for year in range(first, last + 1, step))
    return (f"<svg role='img' aria-label='dated claims per year' width='{width}' height='{height}' "
            f"viewBox='0 0 {width} {height}'>{''.join(bars)}{labels}</svg>")


def _highlight(text: str, words: list[str]) -> str:
    """``text`` escaped, with every occurrence of the searched words in <mark>."""
    if not words:
        return _esc(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.I)
    out, at = [], 0
    for match in pattern.finditer(text):
        out.append(_esc(text[at:match.start()]) + f"<mark>{_esc(match.group())}</mark>")
        at = match.end()
    return "".join(out) + _esc(text[at:])


#: Places a list page links to per row (the rest are counted).
PLACES_SHOWN = 6


def _where(places: list[str]) -> str:
    """Links to "doc_id#kind-N" places, in document and number order: each document once by name,
    then its further places by number (second copies of a work are left out, as in the counts)."""
    places = sorted(places, key=lambda p: (p.split("#")[0], int(p.rsplit("-", 1)[1])))
    out, seen = [], {}
    for place in places[:PLACES_SHOWN]:
        doc_id, anchor = place.split("#", 1)
        seen[doc_id] = seen.get(doc_id, 0) + 1
        label = doc_id if seen[doc_id] == 1 else anchor.split("-", 1)[1]
        out.append(f"<a href='/documents/{_esc(doc_id)}#{_esc(anchor)}'>{_esc(label)}</a>")
    more = len(places) - PLACES_SHOWN
    return " ".join(out) + (f" <span class='muted'>and {more} more</span>" if more > 0 else "")


def create_app(warehouse: Path) -> Starlette:
    """The app over ``warehouse`` (its published copy when there is one)."""

    def read(sql: str, params: list | None = None) -> list[tuple]:
        con = connect_for_reading(warehouse)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def documents(request: Request) -> HTMLResponse:
        # one grouped count per table, not six lookups per document
        joins = " ".join(f"LEFT JOIN (SELECT doc_id, count(*) AS n FROM {table} {where} GROUP BY doc_id) AS {alias} "
                         "USING (doc_id)" for alias, table, where in COUNTED)
        rows = read(f"""
            SELECT d.doc_id, d.source_path, d.title, d.format, d.n_pages, d.duplicate_of,
                   {", ".join(f"coalesce({alias}.n, 0)" for alias, _, _ in COUNTED)}
            FROM documents d {joins}
            WHERE d.status = 'current' ORDER BY d.source_path""")
        table = _table(["document", "format", "pages", "sentences", "notes", "references", "dates", "figures",
                        "entities"],
                       [[f"<a href='/documents/{_esc(r[0])}'>{_esc(r[2] or r[1])}</a><br><span class='muted'>"
                         f"{_esc(r[1])}{' · copy of ' + _esc(r[5]) if r[5] else ''}</span>", _esc(r[3]),
                         _esc(r[4] or ""), *(f"<span class='num'>{n}</span>" for n in r[6:])] for r in rows])
        years = read("""
            SELECT year(t.start_date) AS y, count(*) FROM timeline t
            JOIN documents d ON d.doc_id = t.doc_id AND d.status = 'current' AND d.duplicate_of IS NULL
            WHERE t.start_date IS NOT NULL GROUP BY y ORDER BY y""")
        return _page("Documents", f"<h2>Dated claims per year</h2>{timeline_svg(years)}"
                                  f"<h2>{len(rows)} documents</h2>{table}")

    def document(request: Request) -> HTMLResponse:
        con = connect_for_reading(warehouse)
        try:
            page = render(con, request.path_params["doc_id"])
        except LookupError as exc:
            return HTMLResponse(_page("Not found", f"<p>{_esc(exc)}</p>").body, status_code=404)
        finally:
            con.close()
        nav = "<p><a href='/'>&larr; Documents</a> · <a href='/works'>Works</a> · <a href='/entities'>Entities</a></p>"
        return HTMLResponse(page.replace("<body>", "<body>" + nav, 1))

    def search(request: Request) -> HTMLResponse:
        q = request.query_params.get("q", "").strip()
        words = [w for w in re.split(r"\s+", q) if w][:8]
        if not words:
            return _page("Search", "<p>Type words to find the sentences, notes and references that hold them.</p>")
        params = {f"w{i}": w.lower() for i, w in enumerate(words)}

        def holds(column: str) -> str:  # every word, any case
            return " AND ".join(f"contains(lower({column}), ${name})" for name in params)

        found = read(f"""
            SELECT 'sentence', s.doc_id, d.source_path, s.sentence_id, s.page, s.text FROM sentences s
              JOIN documents d ON d.doc_id = s.doc_id AND d.status = 'current'
             WHERE s.part = 'body' AND {holds('s.text')}
            UNION ALL
            SELECT 'note', f.doc_id, d.source_path, f.number, f.page, f.text FROM footnotes f
              JOIN documents d ON d.doc_id = f.doc_id AND d.status = 'current'
             WHERE {holds('f.text')}
            UNION ALL
            SELECT 'reference', c.doc_id, d.source_path, c.footnote_number, NULL, c.raw_text FROM citations c
              JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'current'
             WHERE {holds('c.raw_text')}
            ORDER BY 1 DESC, 3, 4 LIMIT {PAGE_ROWS}""", params)
        rows = []
        for kind, doc_id, path, number, page, text in found:
            anchor = f"s-{number}" if kind == "sentence" else f"note-{number}"
            rows.append([_esc(kind), f"<a href='/documents/{_esc(doc_id)}#{anchor}'>{_esc(path)}</a>"
                         f"<br><span class='muted'>{'page ' + _esc(page) if page else ''}</span>",
                         _highlight(text, words)])
        return _page(f"Search: {q}", f"<p>{len(found)} found{' (first ' + str(PAGE_ROWS) + ')' if len(found) >= PAGE_ROWS else ''}</p>"
                                     + _table(["kind", "where", "text"], rows))

    def works(request: Request) -> HTMLResponse:
        found = read(f"""
            SELECT coalesce(w.title, w.container) AS work, w.kind, array_to_string(w.authors, '; '),
                   w.pub_year, w.language, w.n_citations,
                   list(DISTINCT c.doc_id || '#note-' || c.footnote_number)
            FROM works w
            JOIN citations c ON c.work_id = w.work_id AND c.footnote_number IS NOT NULL
            JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'current' AND d.duplicate_of IS NULL
            GROUP BY ALL ORDER BY w.n_citations DESC, work LIMIT {PAGE_ROWS}""")
        rows = [[_esc(r[0]), _esc(r[1]), _esc(r[2]), _esc(r[3]), _esc(r[4]), f"<span class='num'>{r[5]}</span>",
                 _where(r[6])] for r in found]
        return _page("Works", _table(["work", "kind", "authors", "year", "language", "citations", "cited in"], rows))

    def entities(request: Request) -> HTMLResponse:
        found = read(f"""
            SELECT c.name, c.label, c.n_mentions, c.n_documents,
                   list(DISTINCT m.doc_id || '#s-' || m.sentence_id)
            FROM corpus_entities c
            JOIN entities e ON e.entity_key = c.entity_key
            JOIN entity_mentions m ON m.doc_id = e.doc_id AND m.entity_id = e.entity_id AND m.sentence_id IS NOT NULL
            JOIN documents d ON d.doc_id = m.doc_id AND d.status = 'current' AND d.duplicate_of IS NULL
            GROUP BY ALL ORDER BY c.n_mentions DESC, c.name LIMIT {PAGE_ROWS}""")
        rows = [[f"<a href='/search?q={_esc(r[0])}'>{_esc(r[0])}</a>", _esc(r[1]), f"<span class='num'>{r[2]}</span>",
                 _where(r[4])] for r in found]
        return _page("Entities", _table(["name", "label", "mentions", "named in"], rows))

    return Starlette(routes=[Route("/", documents), Route("/documents/{doc_id:path}", document),
                             Route("/search", search), Route("/works", works), Route("/entities", entities)])


def serve(warehouse: Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve the app until Ctrl-C (uvicorn stops cleanly on it)."""
    import uvicorn

    connect_for_reading(warehouse).close()  # no warehouse: say so before listening
    print(f"marginalia ui on http://{host}:{port}/ (Ctrl-C stops it)")
    uvicorn.run(create_app(warehouse), host=host, port=port, log_level="warning")


