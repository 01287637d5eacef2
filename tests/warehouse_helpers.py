"""Named assertions over a warehouse file that report expected versus actual."""
from __future__ import annotations

from pathlib import Path

import duckdb


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def doc_id_of(db: Path, source_path: str) -> str:
    rows = query(db, "SELECT doc_id FROM documents WHERE source_path = ?", [source_path])
    assert len(rows) == 1, f"expected one document at {source_path!r}, found {rows}"
    return rows[0][0]


def table_counts(db: Path, doc_id: str) -> dict[str, int]:
    tables = ("sentences", "footnotes", "citation_mentions", "dates", "quantities", "entities",
              "entity_mentions", "citations")
    return {t: query(db, f"SELECT count(*) FROM {t} WHERE doc_id = ?", [doc_id])[0][0] for t in tables}


def assert_table_counts(db: Path, doc_id: str, expected: dict[str, int]) -> None:
    actual = {k: v for k, v in table_counts(db, doc_id).items() if k in expected}
    assert actual == expected, f"row counts for {doc_id}: expected {expected}, got {actual}"


def assert_no_rows_of(db: Path, source_path: str) -> None:
    """A failed file leaves nothing behind outside ingest_errors."""
    assert query(db, "SELECT count(*) FROM documents WHERE source_path = ?", [source_path])[0][0] == 0
