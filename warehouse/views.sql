-- Views analysts query. CREATE OR REPLACE: re-run at every connection that writes.

CREATE OR REPLACE VIEW current_documents AS
SELECT * FROM documents WHERE status = 'current';
COMMENT ON VIEW current_documents IS 'Documents whose file is still in raw/.';

CREATE OR REPLACE VIEW footnote_support AS
SELECT m.doc_id, m.footnote_number, f.text AS footnote_text, m.sentence_id, s.page,
       s.text AS sentence_text
FROM citation_mentions m
JOIN footnotes f ON f.doc_id = m.doc_id AND f.number = m.footnote_number
JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_id = m.sentence_id;
COMMENT ON VIEW footnote_support IS 'The body sentences each footnote supports (through its markers).';

CREATE OR REPLACE VIEW timeline AS
SELECT d.doc_id, d.start_date, d.end_date, d.precision, d.approx, d.inferred_year,
       d.text AS date_text, s.sentence_id, s.page, s.text AS sentence_text,
       (SELECT list(DISTINCT m.footnote_number ORDER BY m.footnote_number)
          FROM citation_mentions m
         WHERE m.doc_id = d.doc_id AND m.sentence_id = d.sentence_id) AS footnotes
FROM dates d
JOIN sentences s ON s.doc_id = d.doc_id AND s.sentence_id = d.sentence_id
WHERE d.part = 'body'
ORDER BY d.start_date, d.end_date, d.doc_id, s.sentence_id;
COMMENT ON VIEW timeline IS 'Each dated body sentence with its period, page and the footnotes cited in it, in date order.';

CREATE OR REPLACE VIEW works AS
SELECT c.work_id,
       arg_min(c.kind, c.short_form OR c.ibid) AS kind,
       arg_min(c.authors, c.short_form OR c.ibid) AS authors,
       arg_min(c.title, c.short_form OR c.ibid) AS title,
       arg_min(c.container, c.short_form OR c.ibid) AS container,
       arg_min(c.pub_date, c.short_form OR c.ibid) AS pub_date,
       count(*) AS n_citations,
       count(DISTINCT c.doc_id) AS n_documents
FROM citations c
JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'current'
WHERE c.work_id IS NOT NULL
GROUP BY c.work_id;
COMMENT ON VIEW works IS 'One row per distinct cited work across current documents; fields from its full reference, n_citations counts repeats too.';

CREATE OR REPLACE VIEW citation_graph AS
SELECT c.doc_id, d.title AS document_title, c.work_id, w.title AS work_title, w.container AS work_container,
       count(*) AS n_citations
FROM citations c
JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'current'
JOIN works w ON w.work_id = c.work_id
GROUP BY ALL;
COMMENT ON VIEW citation_graph IS 'Document -> cited work edges, with how often the document cites it.';
