-- Views analysts query. CREATE OR REPLACE: re-run at every connection that writes.

CREATE OR REPLACE VIEW current_documents AS
SELECT * FROM documents WHERE status = 'current';
COMMENT ON VIEW current_documents IS 'Documents whose file is still in raw/ (second copies of a work included: see documents.duplicate_of; the corpus-wide views count each work once).';

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
),
nearest AS (
    -- per body sentence: the first sentence with a call at or after it, and the last one before it,
    -- in the same paragraph
    SELECT s.doc_id, s.sentence_id, s.paragraph_id,
           (SELECT min(c.sentence_id) FROM calls c WHERE c.doc_id = s.doc_id AND c.paragraph_id = s.paragraph_id
                                                      AND c.sentence_id >= s.sentence_id) AS next_call,
           (SELECT max(c.sentence_id) FROM calls c WHERE c.doc_id = s.doc_id AND c.paragraph_id = s.paragraph_id
                                                      AND c.sentence_id < s.sentence_id) AS previous_call
    FROM sentences s
    WHERE s.part = 'body' AND NOT coalesce(s.is_heading, false)
)
SELECT n.doc_id, n.sentence_id, n.paragraph_id,
       CASE WHEN n.next_call = n.sentence_id THEN 'sentence'
            WHEN n.next_call IS NOT NULL THEN 'paragraph'
            WHEN n.previous_call IS NOT NULL THEN 'preceding'
            ELSE 'none' END AS support,
       coalesce((SELECT list(DISTINCT c.footnote_number ORDER BY c.footnote_number) FROM calls c
                  WHERE c.doc_id = n.doc_id AND c.sentence_id = coalesce(n.next_call, n.previous_call)),
                []) AS notes
FROM nearest n;
COMMENT ON VIEW sentence_support IS 'For every body sentence, what backs it: ''sentence'' (a note call in it), ''paragraph'' (a call later in the same paragraph, the usual scholarly convention: the notes of the next call), ''preceding'' (no call after it in its paragraph, but one before: the sentence goes on from a cited one; weaker) or ''none''; notes lists the footnote numbers.';

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
COMMENT ON VIEW claims IS 'One row per body sentence that states something (names an entity, a date or a figure), with them and the notes that back it: support = sentence, paragraph, preceding or none. "Which claims have no source?": WHERE support = ''none''.';

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
JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'current' AND d.duplicate_of IS NULL
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
       q.subject, q.subject_lemma, q.qualifier, q.predicate, s.text AS sentence_text,
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

CREATE OR REPLACE MACRO figure_modifiers(figure) AS
    -- the capitalised words of a figure's text that say whose or which ("40 French grenadiers"),
    -- number words left out
    list_sort(list_distinct(list_filter(regexp_extract_all(figure, '[A-Z][A-Za-z.\-]*'),
        lambda w: lower(w) NOT IN ('one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
                                   'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen',
                                   'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy',
                                   'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion', 'dozen', 'a', 'an',
                                   'some', 'about', 'nearly', 'almost', 'over', 'more', 'less', 'only', 'the'))));

CREATE OR REPLACE VIEW conflicting_figures AS
WITH f AS (
    SELECT g.*, figure_modifiers(g.figure) AS modifiers,
           -- "9 of them", "of the 40": a part of a figure given before, not a rival count
           regexp_matches(g.sentence_text, '(^|\W)' || regexp_escape(g.figure) || '\s+of\s+(them|these|those|whom|the)\b')
               OR regexp_matches(g.sentence_text, '(?i)\bof\s+the\s+' || regexp_escape(g.figure) || '\b')
               -- "not 30, but 40": a figure the sentence rejects
               OR regexp_matches(g.sentence_text, '(?i)\bnot\s+' || regexp_escape(g.figure) || '\b') AS set_aside,
           -- the sentence whose dates set the figure's time: its own, else the last dated one before
           -- it in its paragraph ("by the end of 1790 ... 20 ships were sunk")
           (SELECT max(x.sentence_id) FROM dates x JOIN sentences xs ON xs.doc_id = x.doc_id
                                                     AND xs.sentence_id = x.sentence_id
             WHERE x.doc_id = g.doc_id AND x.part = 'body' AND xs.paragraph_id = s.paragraph_id
               AND x.sentence_id <= g.sentence_id) AS dated_by
    FROM figures g
    JOIN documents d ON d.doc_id = g.doc_id AND d.duplicate_of IS NULL
    JOIN sentences s ON s.doc_id = g.doc_id AND s.sentence_id = g.sentence_id
    WHERE g.subject_lemma IS NOT NULL AND g.subject_lemma NOT IN ('time', 'distance', 'times')
      AND g.value_max IS NULL
),
sentence_dates AS (
    SELECT doc_id, sentence_id, start_date, end_date FROM dates WHERE part = 'body'
)
SELECT a.kind, a.subject_lemma AS subject, coalesce(a.predicate, b.predicate) AS predicate,
       a.doc_id AS doc_a, a.sentence_id AS sentence_a, a.page AS page_a, a.figure AS figure_a, a.value AS value_a,
       a.backing_notes AS notes_a, a.sentence_text AS sentence_text_a,
       b.doc_id AS doc_b, b.sentence_id AS sentence_b, b.page AS page_b, b.figure AS figure_b, b.value AS value_b,
       b.backing_notes AS notes_b, b.sentence_text AS sentence_text_b,
       greatest(a.value, b.value) / nullif(least(a.value, b.value), 0) AS ratio
FROM f a
JOIN f b
  ON a.kind = b.kind
 AND a.subject_lemma = b.subject_lemma
 AND coalesce(a.unit, '') = coalesce(b.unit, '')
 AND (a.doc_id < b.doc_id OR (a.doc_id = b.doc_id AND a.sentence_id < b.sentence_id))
 AND a.value <> b.value
WHERE (a.predicate = b.predicate OR a.predicate IS NULL OR b.predicate IS NULL    -- the same event: sunk,
       OR a.predicate = 'be' OR b.predicate = 'be')                               -- not captured ("were" says nothing)
  AND (len(a.modifiers) = 0 OR len(b.modifiers) = 0 OR a.modifiers = b.modifiers)  -- whose: French, not British
  AND NOT a.set_aside AND NOT b.set_aside
  AND NOT (a.qualifier = 'more_than' AND b.value > a.value)        -- "more than 40" agrees with 55
  AND NOT (b.qualifier = 'more_than' AND a.value > b.value)
  -- a sentence that also states the other value restates or corrects it
  AND NOT EXISTS (SELECT 1 FROM quantities q WHERE q.doc_id = b.doc_id AND q.sentence_id = b.sentence_id AND q.value = a.value)
  AND NOT EXISTS (SELECT 1 FROM quantities q WHERE q.doc_id = a.doc_id AND q.sentence_id = a.sentence_id AND q.value = b.value)
  -- dated to different times: a count that changed, not a disagreement
  AND NOT (a.dated_by IS NOT NULL AND b.dated_by IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM sentence_dates x JOIN sentence_dates y
                             ON x.start_date <= y.end_date AND y.start_date <= x.end_date
                           WHERE x.doc_id = a.doc_id AND x.sentence_id = a.dated_by
                             AND y.doc_id = b.doc_id AND y.sentence_id = b.dated_by))
  AND greatest(a.value, b.value) / nullif(least(a.value, b.value), 0) < 5;  -- tenfold apart: other things
COMMENT ON VIEW conflicting_figures IS 'Pairs of figures that count the same thing differently: same kind, subject, unit and verb, compatible modifiers (whose, which), neither a part of the other nor set aside by its sentence ("not 30, but 40"), not bounds that agree ("more than 40"), not dated to different times, values within a factor of 5; each with both sentences and the notes that back them. Second copies of a work (documents.duplicate_of) are left out. Order by ratio: the closest values first.';

CREATE OR REPLACE VIEW entity_cooccurrence AS
WITH per_sentence AS (
    SELECT DISTINCT m.doc_id, m.sentence_id, e.entity_key, e.name, e.label
    FROM entity_mentions m
    JOIN entities e ON e.doc_id = m.doc_id AND e.entity_id = m.entity_id
    JOIN documents d ON d.doc_id = m.doc_id AND d.status = 'current' AND d.duplicate_of IS NULL
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
JOIN documents d ON d.doc_id = e.doc_id AND d.status = 'current' AND d.duplicate_of IS NULL
GROUP BY e.entity_key;
COMMENT ON VIEW corpus_entities IS 'One row per entity across the corpus (by cross-document entity_key), with total mentions.';
