"""Analyst commands: data dictionary in sync, read-only queries in every format, reports, exports."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from warehouse import analyst
from warehouse.loader import Warehouse

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def empty_warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    Warehouse(path).close()
    return path


def test_every_table_view_and_column_has_a_comment(empty_warehouse):
    con = duckdb.connect(str(empty_warehouse), read_only=True)
    entries = analyst.data_dictionary(con)
    assert {"documents", "sentences", "citations", "works", "timeline", "conflicting_figures"} <= {e["name"] for e in entries}
    undocumented = [(e["name"], c["name"]) for e in entries for c in e["columns"] if not c["comment"]]
    assert undocumented == []
    assert [e["name"] for e in entries if not e["comment"]] == []


def test_docs_schema_md_is_in_sync(empty_warehouse):
    con = duckdb.connect(str(empty_warehouse), read_only=True)
    expected = analyst.dictionary_markdown(analyst.data_dictionary(con))
    assert (ROOT / "docs" / "schema.md").read_text().strip() == expected.strip(), \
        "docs/schema.md is stale: run `marginalia schema --markdown > docs/schema.md`"


def test_query_formats(empty_warehouse, tmp_path, capsys):
    sql = "SELECT 1 AS one, 'a' AS letter"
    assert main(["query", sql, "--format", "json", "--warehouse", str(empty_warehouse)]) == 0
    assert json.loads(capsys.readouterr().out) == [{"one": 1, "letter": "a"}]
    assert main(["query", sql, "--format", "csv", "--warehouse", str(empty_warehouse)]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["one,letter", "1,a"]
    out = tmp_path / "q.parquet"
    assert main(["query", sql, "--format", "parquet", "--output", str(out), "--warehouse", str(empty_warehouse)]) == 0
    assert duckdb.sql(f"SELECT * FROM '{out}'").fetchall() == [(1, "a")]


def test_query_is_read_only(empty_warehouse, capsys):
    code = main(["query", "DELETE FROM documents", "--warehouse", str(empty_warehouse)])
    assert code == 2 and "read-only" in capsys.readouterr().err.lower()


def test_query_without_warehouse_says_what_to_do(tmp_path, capsys):
    assert main(["query", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    assert "marginalia ingest" in capsys.readouterr().err


def test_published_copy_is_what_readers_open(empty_warehouse):
    writer = Warehouse(empty_warehouse)
    writer.con.execute("INSERT INTO runs (run_id, started_at, status) VALUES ('r1', now(), 'running')")
    published = writer.publish()
    writer.con.execute("INSERT INTO runs (run_id, started_at, status) VALUES ('r2', now(), 'running')")
    reader = analyst.connect_for_reading(empty_warehouse)  # works while the writer is open
    assert published == analyst.published_path(empty_warehouse)
    assert reader.execute("SELECT run_id FROM runs").fetchall() == [("r1",)]
    reader.close()
    writer.close()
