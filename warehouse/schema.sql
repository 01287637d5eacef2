-- Marginalia warehouse schema. Every statement is idempotent (IF NOT EXISTS),
-- so it runs at every connection that writes. New columns go at the END of a
-- table (ALTER TABLE ... ADD COLUMN IF NOT EXISTS) so old warehouses upgrade.
-- Every row that comes from a document carries doc_id and run_id (the run that
-- loaded it); offsets (start_char, end_char) point into documents' clean text.

CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,
    raw_dir VARCHAR,
    n_seen INTEGER,
    n_new INTEGER,
    n_changed INTEGER,
    n_unchanged INTEGER,
    n_renamed INTEGER,
    n_removed INTEGER,
    n_failed INTEGER,
    pipeline_version VARCHAR,
    model_name VARCHAR,
    model_version VARCHAR,
    stage_seconds JSON
);
COMMENT ON TABLE runs IS 'One row per ingest run: when it ran, what it found in raw/, and how long each stage took.';
COMMENT ON COLUMN runs.run_id IS 'Identifier of the run; every loaded row points to the run that loaded it.';
COMMENT ON COLUMN runs.status IS '''running'', ''succeeded'', ''partial'' (some documents failed), ''failed'' or ''interrupted'' (stopped by Ctrl-C, a signal or a crash; every document it loaded is whole).';
COMMENT ON COLUMN runs.n_seen IS 'Supported files found in raw/.';
COMMENT ON COLUMN runs.n_new IS 'Documents loaded for the first time.';
COMMENT ON COLUMN runs.n_changed IS 'Documents whose content changed and were replaced.';
COMMENT ON COLUMN runs.n_unchanged IS 'Documents skipped because hash and pipeline version were unchanged.';
COMMENT ON COLUMN runs.n_renamed IS 'Documents recognised by content hash under a new file name.';
COMMENT ON COLUMN runs.n_removed IS 'Documents whose file left raw/ and were marked removed.';
COMMENT ON COLUMN runs.n_failed IS 'Files that failed; see ingest_errors.';
COMMENT ON COLUMN runs.stage_seconds IS 'Seconds spent per stage, as JSON: discover, read (decoding, PDF glyphs), layout, nlp (spaCy), references (parsing notes and reference lists, legal citations), extract (the other extractors), load, publish.';

CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    source_path VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    title VARCHAR,
    n_pages INTEGER,
    n_chars INTEGER,
    sha256 VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    model_name VARCHAR,
    model_version VARCHAR,
    status VARCHAR NOT NULL,
    removed_at TIMESTAMP,
    size_bytes BIGINT,
    mtime DOUBLE,
    clean_text VARCHAR,
    run_id VARCHAR
);
COMMENT ON TABLE documents IS 'One row per source document ever ingested; status tells whether its file is still in raw/.';
COMMENT ON COLUMN documents.doc_id IS 'Stable identifier, kept across edits and renames of the file.';
COMMENT ON COLUMN documents.source_path IS 'Path of the file relative to the raw folder.';
COMMENT ON COLUMN documents.format IS '''text'' or ''pdf''.';
COMMENT ON COLUMN documents.title IS 'Title from the front matter (first heading).';
COMMENT ON COLUMN documents.n_pages IS 'Pages in the PDF; NULL for text files.';
COMMENT ON COLUMN documents.n_chars IS 'Length of the clean text (body and footnotes).';
COMMENT ON COLUMN documents.sha256 IS 'SHA-256 of the file bytes: the content hash that decides re-extraction.';
COMMENT ON COLUMN documents.pipeline_version IS 'Version of the extraction code that produced the rows.';
COMMENT ON COLUMN documents.model_name IS 'spaCy model package used.';
COMMENT ON COLUMN documents.model_version IS 'Version of the spaCy model.';
COMMENT ON COLUMN documents.status IS '''current'' while the file is in raw/, ''removed'' once it is gone (rows are kept).';
ALTER TABLE documents ADD COLUMN IF NOT EXISTS conventions VARCHAR[];
ALTER TABLE documents ADD COLUMN IF NOT EXISTS fingerprint BIGINT[];
ALTER TABLE documents ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR;
COMMENT ON COLUMN documents.fingerprint IS 'Bottom-k MinHash of the clean text''s word 5-grams (the 64 smallest 63-bit hashes): near-identical texts share most of them.';
COMMENT ON COLUMN documents.duplicate_of IS 'The doc_id of an earlier current document with near-identical text (a text and a PDF of one article, a second copy), else NULL; corpus-wide views count a work once by leaving duplicates out.';
COMMENT ON COLUMN documents.conventions IS 'Note and reference conventions recognised in the document (superscript, pandoc, bracket_block, endnote_section, reference_list_numbered, reference_list_unnumbered); empty when none were.';
COMMENT ON COLUMN documents.clean_text IS 'The clean text all offsets point into: body then footnotes, markers and running headers removed.';

CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR NOT NULL,
    sentence_id INTEGER NOT NULL,
    part VARCHAR NOT NULL,
    page INTEGER,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    footnote_number INTEGER,
    source_start INTEGER,
    run_id VARCHAR
);
COMMENT ON TABLE sentences IS 'Every sentence of every document, body and footnotes, in reading order.';
COMMENT ON COLUMN sentences.sentence_id IS '1-based position of the sentence in the document.';
COMMENT ON COLUMN sentences.part IS '''body'' (headings, prose; a text file''s title), ''footnote'', ''caption'' (figure and table captions), ''figure'' (text printed inside a PDF''s figure or table: labels, cells, pseudocode) or ''front'' (a PDF''s first-page title block: masthead, title, addresses, e-mails, stamps; the title is also documents.title; bylines and affiliations stay ''body'').';
COMMENT ON COLUMN sentences.page IS 'Page the sentence starts on (PDF pages; for text, pages inferred from footnote blocks).';
COMMENT ON COLUMN sentences.start_char IS 'Offset of the first character in documents.clean_text.';
COMMENT ON COLUMN sentences.end_char IS 'Offset just past the last character in documents.clean_text.';
COMMENT ON COLUMN sentences.footnote_number IS 'For footnote sentences, the footnote they belong to.';
ALTER TABLE sentences ADD COLUMN IF NOT EXISTS paragraph_id INTEGER;
ALTER TABLE sentences ADD COLUMN IF NOT EXISTS is_heading BOOLEAN;
COMMENT ON COLUMN sentences.paragraph_id IS 'The paragraph (or heading, caption, note) the sentence belongs to, numbered in document order.';
COMMENT ON COLUMN sentences.is_heading IS 'True for a title or heading (one sentence whatever the parser thinks).';
COMMENT ON COLUMN sentences.source_start IS 'Offset of the first character in the source file (text files: decoded, NFC); NULL where unknown.';

CREATE TABLE IF NOT EXISTS footnotes (
    doc_id VARCHAR NOT NULL,
    number INTEGER NOT NULL,
    page INTEGER,
    kind VARCHAR,
    text VARCHAR NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    run_id VARCHAR
);
COMMENT ON TABLE footnotes IS 'Footnotes and endnotes (and numbered reference-list entries), re-joined across page breaks.';
COMMENT ON COLUMN footnotes.number IS '1-based order of the note (or reference-list entry) in the document; citation_mentions and citations point to it.';
COMMENT ON COLUMN footnotes.page IS 'Page where the footnote starts.';
COMMENT ON COLUMN footnotes.kind IS '''citation'' (cites at least one work) or ''note'' (prose only); NULL until citations are parsed.';
COMMENT ON COLUMN footnotes.text IS 'Footnote text without its number, italics asterisks removed.';
ALTER TABLE footnotes ADD COLUMN IF NOT EXISTS label VARCHAR;
ALTER TABLE footnotes ADD COLUMN IF NOT EXISTS zone VARCHAR;
COMMENT ON COLUMN footnotes.label IS 'The mark as printed: ''1'', ''*'', ''†'', ''a'', the entry number of a numbered list or the position in an unnumbered one; qualified by its section (''12:3'') where numbering restarts.';
COMMENT ON COLUMN footnotes.zone IS '''footnote'' (at the foot of a page or after its passage), ''endnote'' (collected at the end of a chapter or the document) or ''bibliography'' (an entry of a reference list).';

CREATE TABLE IF NOT EXISTS citation_mentions (
    doc_id VARCHAR NOT NULL,
    footnote_number INTEGER NOT NULL,
    sentence_id INTEGER NOT NULL,
    page INTEGER,
    marker_char INTEGER,
    run_id VARCHAR
);
COMMENT ON TABLE citation_mentions IS 'Where each footnote is called: the body sentence holding its marker.';
COMMENT ON COLUMN citation_mentions.page IS 'Page the marker is printed on.';
COMMENT ON COLUMN citation_mentions.marker_char IS 'Offset in clean_text where the (removed) marker stood.';

CREATE TABLE IF NOT EXISTS entities (
    doc_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    n_mentions INTEGER NOT NULL,
    entity_key VARCHAR,
    run_id VARCHAR
);
COMMENT ON TABLE entities IS 'Named entities per document under their canonical (fullest) name.';
COMMENT ON COLUMN entities.label IS 'OntoNotes label (PERSON, ORG, GPE, LOC, FAC, ...) or one the pipeline adds (MILITARY_UNIT).';
COMMENT ON COLUMN entities.entity_key IS 'Cross-document key: the same person in two documents shares it.';

CREATE TABLE IF NOT EXISTS entity_mentions (
    doc_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    sentence_id INTEGER,
    part VARCHAR,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    run_id VARCHAR
);
COMMENT ON TABLE entity_mentions IS 'Every surface mention of an entity, with its sentence and offsets.';

CREATE TABLE IF NOT EXISTS dates (
    doc_id VARCHAR NOT NULL,
    sentence_id INTEGER,
    part VARCHAR,
    text VARCHAR NOT NULL,
    start_date DATE,
    end_date DATE,
    precision VARCHAR,
    approx BOOLEAN,
    inferred_year BOOLEAN,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    rule VARCHAR,
    run_id VARCHAR
);
COMMENT ON TABLE dates IS 'Temporal expressions normalised to a start date, an end date and a precision.';
COMMENT ON COLUMN dates.precision IS 'day, month, season, year, decade or century.';
COMMENT ON COLUMN dates.approx IS 'True for vague bounds: around 1960, early 1969, the late 1950s.';
COMMENT ON COLUMN dates.inferred_year IS 'True when the year was taken from the narrative ("On July 31" after "1964").';
COMMENT ON COLUMN dates.rule IS 'Name of the rule that found the expression.';

CREATE TABLE IF NOT EXISTS quantities (
    doc_id VARCHAR NOT NULL,
    sentence_id INTEGER,
    part VARCHAR,
    text VARCHAR NOT NULL,
    value DOUBLE,
    value_max DOUBLE,
    unit VARCHAR,
    kind VARCHAR,
    subject VARCHAR,
    qualifier VARCHAR,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    rule VARCHAR,
    run_id VARCHAR,
    subject_lemma VARCHAR
);
COMMENT ON TABLE quantities IS 'Figures with their value, unit, kind, qualifier and the thing they count or measure.';
COMMENT ON COLUMN quantities.value_max IS 'Upper bound of a range ("150 to 384"); NULL for a single value.';
COMMENT ON COLUMN quantities.unit IS 'ISO currency for money, SI-style symbol for measures, NULL for counts.';
COMMENT ON COLUMN quantities.kind IS 'count, money, length, mass, area, volume, duration, age, percent, frequency or other.';
COMMENT ON COLUMN quantities.subject IS 'Head noun of what is counted or measured, lower-case.';
COMMENT ON COLUMN quantities.subject_lemma IS 'The subject lemmatised ("soldier"), for comparing figures across sentences and documents.';
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS predicate VARCHAR;
COMMENT ON COLUMN quantities.predicate IS 'Lemma of the verb the figure belongs to ("30 ships were sunk": sink), NULL where none is near; figures of one subject under different verbs count different events.';
COMMENT ON COLUMN quantities.qualifier IS 'exact, approx, more_than, less_than, at_least, at_most or up_to.';

CREATE TABLE IF NOT EXISTS citations (
    doc_id VARCHAR NOT NULL,
    footnote_number INTEGER NOT NULL,
    position INTEGER NOT NULL,
    kind VARCHAR,
    authors VARCHAR[],
    title VARCHAR,
    title_original VARCHAR,
    container VARCHAR,
    volume VARCHAR,
    issue VARCHAR,
    publisher VARCHAR,
    place VARCHAR,
    pub_date VARCHAR,
    pages VARCHAR,
    url VARCHAR,
    accessed DATE,
    language VARCHAR,
    ibid BOOLEAN,
    short_form BOOLEAN,
    resolves_to INTEGER,
    work_id VARCHAR,
    raw_text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    editors BOOLEAN,
    run_id VARCHAR
);
COMMENT ON TABLE citations IS 'Every reference in every footnote, parsed into fields; repeats (ibid., short forms) resolved.';
COMMENT ON COLUMN citations.position IS '1-based order of the reference within its footnote.';
COMMENT ON COLUMN citations.kind IS 'book, chapter, article, newspaper, web, archival, film or other.';
COMMENT ON COLUMN citations.title_original IS 'Original-language title given in parentheses (Hangul, kana/kanji, Chinese, Cyrillic, Vietnamese).';
COMMENT ON COLUMN citations.container IS 'Journal, newspaper, website, series or collected works.';
COMMENT ON COLUMN citations.pub_date IS 'Publication date, ISO-8601 to the precision given (2003, 2003-02, 1966-12-22).';
COMMENT ON COLUMN citations.accessed IS 'Access date of an online source.';
COMMENT ON COLUMN citations.language IS 'Language tag given after the reference, else English.';
COMMENT ON COLUMN citations.resolves_to IS 'For ibid. and short forms: the footnote holding the full reference.';
COMMENT ON COLUMN citations.work_id IS 'The cited work (see the works view); repeats share the full reference''s work_id.';
COMMENT ON COLUMN citations.raw_text IS 'The reference as it stands in the footnote.';
COMMENT ON COLUMN citations.editors IS 'True when the authors are editors (ed./eds.).';
ALTER TABLE citations ADD COLUMN IF NOT EXISTS sentence_id INTEGER;
ALTER TABLE citations ADD COLUMN IF NOT EXISTS court VARCHAR;
COMMENT ON COLUMN citations.footnote_number IS 'footnotes.number of the note or reference-list entry; 0 for a citation in the body (legal citations: no note has number 0), which has sentence_id instead.';
COMMENT ON COLUMN citations.sentence_id IS 'For a citation standing in the body text (a case, statute or regulation): the sentence (sentences.sentence_id).';
COMMENT ON COLUMN citations.court IS 'For a case: the court, from the citation''s parenthetical (eyecite''s court id, e.g. ca9).';

CREATE TABLE IF NOT EXISTS entity_aliases (
    alias VARCHAR NOT NULL,
    entity_key VARCHAR NOT NULL,
    label VARCHAR,
    doc_id VARCHAR NOT NULL,
    run_id VARCHAR
);
COMMENT ON TABLE entity_aliases IS 'Every surface form seen for an entity, mapped to its cross-document entity_key.';

CREATE TABLE IF NOT EXISTS ingest_errors (
    run_id VARCHAR NOT NULL,
    source_path VARCHAR NOT NULL,
    sha256 VARCHAR,
    stage VARCHAR NOT NULL,
    error_type VARCHAR,
    message VARCHAR NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    pipeline_version VARCHAR
);
COMMENT ON TABLE ingest_errors IS 'Files that could not be ingested: which file, at what stage, and why, in words a person can act on.';
COMMENT ON COLUMN ingest_errors.stage IS 'discover, read, decode, pdf, layout, nlp, extract or load.';
ALTER TABLE ingest_errors ADD COLUMN IF NOT EXISTS error_class VARCHAR;
ALTER TABLE ingest_errors ADD COLUMN IF NOT EXISTS model VARCHAR;
COMMENT ON COLUMN ingest_errors.error_class IS '''content'' (the same bytes fail the same way: skipped until they change) or ''environment'' (model, disk, permissions, a missing file, an interrupted run: tried again on the next run).';
COMMENT ON COLUMN ingest_errors.model IS 'spaCy model and version the run used (package==version).';
