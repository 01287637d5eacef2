"""Loading into DuckDB: schema, runs, per-document replace in one transaction, errors.

Design (after dlt's DuckDB destination): DDL lives in ``schema.sql`` and
``views.sql``; each document's rows are replaced with one delete-insert
transaction from Arrow tables (``INSERT INTO t BY NAME``), so a reader or a
crash never sees half a document; every row carries the ``run_id`` of the run
that loaded it; database errors are mapped to :class:`WarehouseError` in one place.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb
import pyarrow as pa

from extractors.fingerprint import resemblance

#: Estimated resemblance from which a document is a second copy of an earlier one: a text and
#: its typeset PDF measure 0.6 to 0.9 (line breaks, hyphens, running heads); different works
#: almost 0.
DUPLICATE_RESEMBLANCE = 0.5

SCHEMA_SQL = Path(__file__).with_name("schema.sql")
VIEWS_SQL = Path(__file__).with_name("views.sql")
COMMENTS_SQL = Path(__file__).with_name("comments.sql")

#: Columns that mean the same in every table and view, described once.
COMMON_COLUMN_COMMENTS = {
    "doc_id": "The document (documents.doc_id).",
    "run_id": "The run that loaded the row (runs.run_id).",
    "sentence_id": "The sentence (sentences.sentence_id) the row sits in.",
    "part": "'body', 'footnote', 'caption', 'front' (a PDF's title block) or 'figure' (text inside a figure or table).",
    "text": "The text of the span or sentence, as in the clean text.",
    "start_char": "Offset of the first character in documents.clean_text.",
    "end_char": "Offset just past the last character in documents.clean_text.",
    "page": "Page number (PDF pages; for text, inferred from footnote blocks).",
    "footnote_number": "The note (footnotes.number: its order in the document).",
    "entity_id": "The entity (entities.entity_id).",
    "entity_key": "Cross-document entity key (label and normalised name).",
    "label": "Entity label (PERSON, ORG, GPE, LOC, FAC, NORP, MILITARY_UNIT, ...).",
    "name": "Canonical name of the entity.",
    "n_mentions": "Number of mentions.",
    "kind": "Kind of the row (see the table's own documentation).",
    "value": "The number.", "value_max": "Upper bound of a range, else NULL.",
    "unit": "Unit (ISO currency, SI-style symbol) or NULL for counts.",
    "subject": "What the figure counts or measures.", "subject_lemma": "The subject lemmatised.",
    "predicate": "Lemma of the verb the figure belongs to.",
    "qualifier": "exact, approx, more_than, less_than, at_least, at_most or up_to.",
    "precision": "day, month, season, year, decade or century.",
    "approx": "True for vague bounds.", "inferred_year": "True when the year came from the narrative.",
    "start_date": "First day of the period.", "end_date": "Last day of the period.",
    "work_id": "The cited work (works.work_id).", "authors": "Author names.", "title": "Title.",
    "container": "Journal, newspaper, website or collection.", "pub_date": "Publication date, ISO to the precision given.",
    "rule": "Name of the rule that produced the row.", "sha256": "SHA-256 of the file bytes.",
    "source_path": "Path relative to the raw folder.",
    "support": "What backs the sentence: 'sentence' (a note call in it), 'paragraph' (a call later in its paragraph) or 'none'.",
    "notes": "The footnote numbers that back the sentence (sentence_support).",
    "backing_notes": "The footnote numbers that back the sentence, by sentence or paragraph (sentence_support).",
    "entities": "Canonical names of the entities named in the sentence.",
    "dates": "The dates stated in the sentence, as written.",
    "figures": "The figures stated in the sentence, as written.",
    "pub_year": "Year of publication as a number (from pub_date), for ranges and sorting.",
    "language": "Language of the reference (its trailing language tag, else English).",
}

#: A new warehouse is written in the storage format of this DuckDB release, so that the DuckDB
#: command line installable here (``pip install duckdb-cli``, 1.5) opens it, not only DuckDB 2.
STORAGE_COMPATIBILITY = "v1.4.0"

#: Tables holding rows of one document (deleted and re-inserted together).
DOCUMENT_TABLES = ("sentences", "footnotes", "citation_mentions", "entities", "entity_mentions",
                   "entity_aliases", "dates", "quantities", "citations")


class WarehouseError(RuntimeError):
    """A database problem, in words that say what to do."""


def _map_error(exc: duckdb.Error, path: str) -> WarehouseError:
    text = str(exc)
    if "lock" in text.lower():
        return WarehouseError(f"the warehouse {path} is in use by another process "
                              "(another ingest, or an open connection); wait for it or close it")
    if isinstance(exc, duckdb.IOException):
        return WarehouseError(f"cannot open the warehouse {path}: {text.splitlines()[0]}")
    return WarehouseError(f"database error in {path}: {text.splitlines()[0]}")


@dataclass(frozen=True)
class KnownDocument:
    doc_id: str
    source_path: str
    sha256: str
    size_bytes: int | None
    mtime: float | None
    pipeline_version: str
    status: str
    model_name: str | None = None
    model_version: str | None = None


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables, views and their documentation (idempotent: run at every writing connection)."""
    con.execute(SCHEMA_SQL.read_text())
    con.execute(VIEWS_SQL.read_text())
    con.execute(COMMENTS_SQL.read_text())
    _comment_common_columns(con)


def _comment_common_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Describe shared columns once, wherever they appear; a view's column inherits its table's comment."""
    missing = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal "
        "AND (comment IS NULL OR comment = '')").fetchall()
    described = dict(con.execute(
        "SELECT column_name, any_value(comment) FROM duckdb_columns() WHERE schema_name = 'main' "
        "AND comment IS NOT NULL AND comment <> '' GROUP BY column_name").fetchall())
    for table, column in missing:
        comment = COMMON_COLUMN_COMMENTS.get(column) or described.get(column)  # a view inherits its table's
        if comment:
            comment = comment.replace("'", "''")
            con.execute(f'COMMENT ON COLUMN "{table}"."{column}" IS \'{comment}\'')


class Warehouse:
    """A writable connection to the warehouse file, with the schema ensured."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
            apply_schema(self.con)
        except duckdb.Error as exc:
            raise _map_error(exc, self.path) from None

    def close(self) -> None:
        self.con.close()


    def publish(self) -> Path:
        """Refresh the read-only copy analysts query (consistent: between document transactions)."""
        from warehouse.publish import publish

        return publish(self.con, Path(self.path))

    def __enter__(self) -> "Warehouse":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Commit on success, roll back on any error (and map database errors)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise _map_error(exc, self.path) from None
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    # -------------------------------------------------------------- runs

    def start_run(self, run_id: str, raw_dir: str, pipeline_version: str) -> None:
        """Record a new run; a run still 'running' is a run that died with its process (we hold the
        writer lock, so none is alive): it is closed as 'interrupted'."""
        with self.transaction() as con:
            con.execute("UPDATE runs SET status = 'interrupted', finished_at = coalesce(finished_at, ?) "
                        "WHERE status = 'running'", [utcnow()])
            con.execute("INSERT INTO runs (run_id, started_at, status, raw_dir, pipeline_version) "
                        "VALUES (?, ?, 'running', ?, ?)", [run_id, utcnow(), raw_dir, pipeline_version])

    def finish_run(self, run_id: str, status: str, counts: dict[str, int], stage_seconds: dict[str, float],
                   model_name: str | None, model_version: str | None) -> None:
        with self.transaction() as con:
            con.execute(
                "UPDATE runs SET finished_at = ?, status = ?, n_seen = ?, n_new = ?, n_changed = ?, "
                "n_unchanged = ?, n_renamed = ?, n_removed = ?, n_failed = ?, model_name = ?, "
                "model_version = ?, stage_seconds = ? WHERE run_id = ?",
                [utcnow(), status, counts.get("seen", 0), counts.get("new", 0), counts.get("changed", 0),
                 counts.get("unchanged", 0), counts.get("renamed", 0), counts.get("removed", 0),
                 counts.get("failed", 0), model_name, model_version,
                 json.dumps({k: round(v, 3) for k, v in stage_seconds.items()}), run_id])

    # -------------------------------------------------------------- state

    def known_documents(self) -> list[KnownDocument]:
        rows = self.con.execute(
            "SELECT doc_id, source_path, sha256, size_bytes, mtime, pipeline_version, status, model_name, "
            "model_version FROM documents").fetchall()
        return [KnownDocument(*row) for row in rows]

    def has_error(self, source_path: str, sha256: str, pipeline_version: str, model: str) -> bool:
        """Did these exact bytes already fail for a reason in their content, with this pipeline and
        model? (A failure of the environment: a missing model, a full disk, a file that vanished,
        an interrupted run, is tried again on the next run.)"""
        return self.con.execute(
            "SELECT count(*) FROM ingest_errors WHERE source_path = ? AND sha256 = ? AND pipeline_version = ? "
            "AND coalesce(error_class, 'content') = 'content' AND coalesce(model, ?) = ?",
            [source_path, sha256, pipeline_version, model, model]).fetchone()[0] > 0

    def new_doc_id(self, source_path: str) -> str:
        """A readable, stable id from the file's path at first sight ('reports/a b.pdf' -> 'reports-a-b-pdf')."""
        base = re.sub(r"[^\w]+", "-", source_path.casefold()).strip("-") or "document"
        taken = {row[0] for row in self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id = ? OR doc_id LIKE ?", [base, base + "-%"]).fetchall()}
        doc_id, k = base, 2
        while doc_id in taken:
            doc_id, k = f"{base}-{k}", k + 1
        return doc_id

    # -------------------------------------------------------------- loading

    def replace_document(self, document_row: dict, tables: dict[str, pa.Table], fresh: bool = False) -> None:
        """Replace every row of one document in a single transaction.

        ``fresh`` says the document has never been loaded: there is nothing to
        delete, and skipping nine table scans per new document keeps loading
        a large corpus linear.
        """
        doc_id = document_row["doc_id"]
        with self.transaction() as con:
            if not fresh:
                for name in DOCUMENT_TABLES:
                    con.execute(f"DELETE FROM {name} WHERE doc_id = ?", [doc_id])
                con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])
            # DuckDB reads each Arrow table from the local variable ``incoming`` (a replacement
            # scan): a third cheaper per table than registering and unregistering a view
            incoming = pa.Table.from_pylist([document_row])
            con.execute("INSERT INTO documents BY NAME SELECT * FROM incoming")
            for name, incoming in tables.items():  # noqa: B007 - read by the SQL below
                if name not in DOCUMENT_TABLES:
                    raise ValueError(f"unknown table {name!r}; expected one of {', '.join(DOCUMENT_TABLES)}")
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
            self._mark_duplicate(con, doc_id, document_row.get("fingerprint") or [])

    def _mark_duplicate(self, con, doc_id: str, fingerprint: list[int]) -> None:
        """Point ``duplicate_of`` at an earlier current document with near-identical text, if any.

        DuckDB narrows the candidates to the sketch sharing most hashes; the estimate decides."""
        if not fingerprint:
            return
        best = con.execute(
            "SELECT doc_id, fingerprint FROM documents WHERE status = 'current' AND doc_id <> ? "
            "AND duplicate_of IS NULL AND fingerprint IS NOT NULL "
            "ORDER BY len(list_intersect(fingerprint, ?::BIGINT[])) DESC, ingested_at, doc_id LIMIT 1",
            [doc_id, fingerprint]).fetchone()
        if best and resemblance(fingerprint, best[1]) >= DUPLICATE_RESEMBLANCE:
            con.execute("UPDATE documents SET duplicate_of = ? WHERE doc_id = ?", [best[0], doc_id])

    def touch_document(self, doc_id: str, source_path: str, size_bytes: int, mtime: float) -> None:
        """An unchanged or renamed document: new path, size and mtime, and current again."""
        with self.transaction() as con:
            con.execute("UPDATE documents SET source_path = ?, size_bytes = ?, mtime = ?, status = 'current', "
                        "removed_at = NULL WHERE doc_id = ?", [source_path, size_bytes, mtime, doc_id])

    def mark_removed(self, doc_ids: list[str]) -> None:
        if not doc_ids:
            return
        with self.transaction() as con:
            marks = ", ".join("?" for _ in doc_ids)
            con.execute(f"UPDATE documents SET status = 'removed', removed_at = ? WHERE doc_id IN ({marks})",
                        [utcnow(), *doc_ids])
            # a copy of a removed document stands for the work now
            con.execute(f"UPDATE documents SET duplicate_of = NULL WHERE duplicate_of IN ({marks})", doc_ids)

    def record_error(self, run_id: str, source_path: str, sha256: str | None, stage: str, error_type: str,
                     message: str, pipeline_version: str, error_class: str = "content", model: str | None = None) -> None:
        with self.transaction() as con:
            con.execute("INSERT INTO ingest_errors (run_id, source_path, sha256, stage, error_type, message, "
                        "occurred_at, pipeline_version, error_class, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [run_id, source_path, sha256, stage, error_type, message, utcnow(), pipeline_version,
                         error_class, model])

    def table_counts(self, doc_id: str | None = None) -> dict[str, int]:
        """Row counts per table, for one document or all (used by tests and reports)."""
        counts = {}
        for name in ("documents",) + DOCUMENT_TABLES:
            if doc_id is None:
                counts[name] = self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            else:
                counts[name] = self.con.execute(f"SELECT count(*) FROM {name} WHERE doc_id = ?", [doc_id]).fetchone()[0]
        return counts
