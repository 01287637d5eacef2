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

CREATE OR REPLACE VIEW sentence_support AS
WITH calls AS (
    SELECT m.doc_id, m.sentence_id, s.paragraph_id, m.footnote_number
    FROM citation_mentions m JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_id = m.sentence_id
)
SELECT s.doc_id, s.sentence_id, s.paragraph_id,
       CASE WHEN EXISTS (SELECT 1 FROM calls c WHERE c.doc_id = s.doc_id AND c.sentence_id = s.sentence_id)
                 THEN 'sentence'
            WHEN EXISTS (SELECT 1 FROM calls c WHERE c.doc_id = s.doc_id AND c.paragraph_id = s.paragraph_id
                           AND c.sentence_id > s.sentence_id) THEN 'paragraph'
            ELSE 'none' END AS support,
       coalesce((SELECT list(DISTINCT c.footnote_number ORDER BY c.footnote_number) FROM calls c
                  WHERE c.doc_id = s.doc_id AND c.sentence_id = s.sentence_id),
                (SELECT list(DISTINCT c.footnote_number ORDER BY c.footnote_number) FROM calls c
                  WHERE c.doc_id = s.doc_id AND c.paragraph_id = s.paragraph_id
                    AND c.sentence_id = (SELECT min(c2.sentence_id) FROM calls c2 WHERE c2.doc_id = s.doc_id
                                          AND c2.paragraph_id = s.paragraph_id AND c2.sentence_id > s.sentence_id)),
                []) AS notes
FROM sentences s
WHERE s.part = 'body' AND NOT coalesce(s.is_heading, false);
COMMENT ON VIEW sentence_support IS 'For every body sentence, what backs it: ''sentence'' (a note call in it), ''paragraph'' (a call later in the same paragraph, the usual scholarly convention: the notes of the next call) or ''none''; notes lists the footnote numbers.';

CREATE OR REPLACE VIEW claims AS
SELECT s.doc_id, s.sentence_id, s.paragraph_id, s.page, s.text AS sentence_text, p.support, p.notes,
       (SELECT list(DISTINCT e.name) FROM entity_mentions m JOIN entities e ON e.doc_id = m.doc_id AND e.entity_id = m.entity_id
         WHERE m.doc_id = s.doc_id AND m.sentence_id = s.sentence_id) AS entities,
       (SELECT list(d.text ORDER BY d.start_char) FROM dates d WHERE d.doc_id = s.doc_id AND d.sentence_id = s.sentence_id) AS dates,
       (SELECT list(q.text ORDER BY q.start_char) FROM quantities q WHERE q.doc_id = s.doc_id AND q.sentence_id = s.sentence_id) AS figures
FROM sentences s
JOIN sentence_support p ON p.doc_id = s.doc_id AND p.sentence_id = s.sentence_id
WHERE EXISTS (SELECT 1 FROM entity_mentions m WHERE m.doc_id = s.doc_id AND m.sentence_id = s.sentence_id)
   OR EXISTS (SELECT 1 FROM dates d WHERE d.doc_id = s.doc_id AND d.sentence_id = s.sentence_id)
   OR EXISTS (SELECT 1 FROM quantities q WHERE q.doc_id = s.doc_id AND q.sentence_id = s.sentence_id);
COMMENT ON VIEW claims IS 'One row per body sentence that states something (names an entity, a date or a figure), with them and the notes that back it: support = sentence, paragraph or none. "Which claims have no source?": WHERE support = ''none''.';

CREATE OR REPLACE VIEW timeline AS
SELECT d.doc_id, d.start_date, d.end_date, d.precision, d.approx, d.inferred_year,
       d.text AS date_text, s.sentence_id, s.page, s.text AS sentence_text,
       (SELECT list(DISTINCT m.footnote_number ORDER BY m.footnote_number)
          FROM citation_mentions m
         WHERE m.doc_id = d.doc_id AND m.sentence_id = d.sentence_id) AS footnotes,
       (SELECT p.support FROM sentence_support p WHERE p.doc_id = d.doc_id AND p.sentence_id = d.sentence_id) AS support,
       (SELECT p.notes FROM sentence_support p WHERE p.doc_id = d.doc_id AND p.sentence_id = d.sentence_id) AS backing_notes
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
       count(DISTINCT c.doc_id) AS n_documents,
       arg_min(c.language, c.short_form OR c.ibid) AS language,
       TRY_CAST(regexp_extract(arg_min(c.pub_date, c.short_form OR c.ibid), '^(\d{4})', 1) AS INTEGER) AS pub_year
FROM citations c
JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'current'
WHERE c.work_id IS NOT NULL
GROUP BY c.work_id;
COMMENT ON VIEW works IS 'One row per distinct cited work across current documents; fields from its full reference (ibid. and short forms inherit its language), n_citations counts repeats too.';

CREATE OR REPLACE VIEW citation_graph AS
SELECT c.doc_id, d.title AS document_title, c.work_id, w.title AS work_title, w.container AS work_container,
       count(*) AS n_citations
FROM citations c
JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'current'
JOIN works w ON w.work_id = c.work_id
GROUP BY ALL;
COMMENT ON VIEW citation_graph IS 'Document -> cited work edges, with how often the document cites it.';

CREATE OR REPLACE VIEW figures AS
SELECT q.doc_id, q.sentence_id, s.page, q.text AS figure, q.value, q.value_max, q.unit, q.kind,
       q.subject, q.subject_lemma, q.qualifier, s.text AS sentence_text,
       (SELECT list(DISTINCT m.footnote_number ORDER BY m.footnote_number)
          FROM citation_mentions m
         WHERE m.doc_id = q.doc_id AND m.sentence_id = q.sentence_id) AS footnotes,
       (SELECT p.support FROM sentence_support p WHERE p.doc_id = q.doc_id AND p.sentence_id = q.sentence_id) AS support,
       (SELECT p.notes FROM sentence_support p WHERE p.doc_id = q.doc_id AND p.sentence_id = q.sentence_id) AS backing_notes
FROM quantities q
JOIN sentences s ON s.doc_id = q.doc_id AND s.sentence_id = q.sentence_id
JOIN documents d ON d.doc_id = q.doc_id AND d.status = 'current'
WHERE q.part = 'body';
COMMENT ON VIEW figures IS 'Each body figure with its sentence, page and the footnotes cited in that sentence.';

CREATE OR REPLACE VIEW conflicting_figures AS
SELECT a.kind, a.subject_lemma AS subject,
       a.doc_id AS doc_a, a.sentence_id AS sentence_a, a.page AS page_a, a.figure AS figure_a, a.value AS value_a,
       a.footnotes AS footnotes_a, a.sentence_text AS sentence_text_a,
       b.doc_id AS doc_b, b.sentence_id AS sentence_b, b.page AS page_b, b.figure AS figure_b, b.value AS value_b,
       b.footnotes AS footnotes_b, b.sentence_text AS sentence_text_b,
       greatest(a.value, b.value) / nullif(least(a.value, b.value), 0) AS ratio
FROM figures a
JOIN figures b
  ON a.kind = b.kind
 AND a.subject_lemma = b.subject_lemma
 AND coalesce(a.unit, '') = coalesce(b.unit, '')
 AND (a.doc_id < b.doc_id OR (a.doc_id = b.doc_id AND a.sentence_id < b.sentence_id))
 AND (a.value <> b.value OR coalesce(a.value_max, -1) <> coalesce(b.value_max, -1))
WHERE a.subject_lemma IS NOT NULL
  AND a.subject_lemma NOT IN ('time', 'distance', 'times');  -- defaults for measures, not things
COMMENT ON VIEW conflicting_figures IS 'Pairs of figures of the same kind about the same thing (subject lemma) whose values differ, across sentences or documents, each with its sources; the closest values (smallest ratio) are the likeliest disagreements.';

CREATE OR REPLACE VIEW entity_cooccurrence AS
WITH per_sentence AS (
    SELECT DISTINCT m.doc_id, m.sentence_id, e.entity_key, e.name, e.label
    FROM entity_mentions m
    JOIN entities e ON e.doc_id = m.doc_id AND e.entity_id = m.entity_id
    JOIN documents d ON d.doc_id = m.doc_id AND d.status = 'current'
    WHERE m.sentence_id IS NOT NULL
)
SELECT a.entity_key AS entity_a, any_value(a.name) AS name_a, any_value(a.label) AS label_a,
       b.entity_key AS entity_b, any_value(b.name) AS name_b, any_value(b.label) AS label_b,
       count(*) AS n_sentences,
       count(DISTINCT a.doc_id) AS n_documents,
       min(s.text) AS example_sentence
FROM per_sentence a
JOIN per_sentence b ON a.doc_id = b.doc_id AND a.sentence_id = b.sentence_id AND a.entity_key < b.entity_key
JOIN sentences s ON s.doc_id = a.doc_id AND s.sentence_id = a.sentence_id
GROUP BY a.entity_key, b.entity_key;
COMMENT ON VIEW entity_cooccurrence IS 'Pairs of entities named in the same sentence, with how often, in how many documents, and an example sentence.';

CREATE OR REPLACE VIEW document_entity_cooccurrence AS
WITH per_sentence AS (
    SELECT DISTINCT m.doc_id, m.sentence_id, e.entity_key, e.name, e.label
    FROM entity_mentions m
    JOIN entities e ON e.doc_id = m.doc_id AND e.entity_id = m.entity_id
    WHERE m.sentence_id IS NOT NULL
)
SELECT a.doc_id, a.entity_key AS entity_a, any_value(a.name) AS name_a, any_value(a.label) AS label_a,
       b.entity_key AS entity_b, any_value(b.name) AS name_b, any_value(b.label) AS label_b,
       count(*) AS n_sentences, min(s.text) AS example_sentence
FROM per_sentence a
JOIN per_sentence b ON a.doc_id = b.doc_id AND a.sentence_id = b.sentence_id AND a.entity_key < b.entity_key
JOIN sentences s ON s.doc_id = a.doc_id AND s.sentence_id = a.sentence_id
GROUP BY a.doc_id, a.entity_key, b.entity_key;
COMMENT ON VIEW document_entity_cooccurrence IS 'Pairs of entities named in the same sentence, per document (entity_cooccurrence adds them up across the corpus).';

CREATE OR REPLACE VIEW corpus_entities AS
SELECT e.entity_key, arg_max(e.name, length(e.name)) AS name, any_value(e.label) AS label,
       sum(e.n_mentions) AS n_mentions, count(DISTINCT e.doc_id) AS n_documents
FROM entities e
JOIN documents d ON d.doc_id = e.doc_id AND d.status = 'current'
GROUP BY e.entity_key;
COMMENT ON VIEW corpus_entities IS 'One row per entity across the corpus (by cross-document entity_key), with total mentions.';
