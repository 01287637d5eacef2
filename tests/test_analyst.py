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


# ---------------------------------------------------------------- the read-only query surface

REFUSED = [
    # (case id, SQL an attacker or a careless analyst might run)
    ("copy_to_a_file", "COPY (SELECT 1) TO '{tmp}/x.csv'"),
    ("attach_read_write", "ATTACH '{db}' AS w (READ_WRITE)"),
    ("attach_then_delete", "ATTACH '{db}' AS w (READ_WRITE); DELETE FROM w.documents"),
    ("read_text_of_an_outside_file", "SELECT * FROM read_text('/etc/hostname')"),
    ("read_csv_of_an_outside_file", "SELECT * FROM read_csv('/etc/hostname')"),
    ("install_extension", "INSTALL fts"),
    ("load_extension", "LOAD fts"),
    ("set_external_access", "SET enable_external_access = true"),
    ("delete", "DELETE FROM documents"),
]


@pytest.mark.parametrize("case, sql", REFUSED, ids=[r[0] for r in REFUSED])
def test_query_surface_refuses_writes_and_file_access(case, sql, empty_warehouse, tmp_path, capsys):
    before = empty_warehouse.read_bytes()
    code = main(["query", sql.format(tmp=tmp_path, db=empty_warehouse), "--warehouse", str(empty_warehouse)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("marginalia: ") and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()
    assert empty_warehouse.read_bytes() == before


def test_query_reads_sql_from_stdin_and_writes_csv(empty_warehouse, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT 1 AS a"))
    assert main(["query", "-", "--format", "csv", "--warehouse", str(empty_warehouse)]) == 0
    assert capsys.readouterr().out.split() == ["a", "1"]


def test_query_output_file_for_every_format_keeps_lists(empty_warehouse, tmp_path, capsys):
    sql = "SELECT ['Smith, A.', 'Lee, B.'] AS authors"
    for fmt in ("csv", "json", "parquet", "table"):
        out = tmp_path / f"q.{fmt}"
        assert main(["query", sql, "--format", fmt, "--output", str(out), "--warehouse", str(empty_warehouse)]) == 0
        assert out.exists()
    assert duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path / 'q.parquet'}')").fetchall() == [(["Smith, A.", "Lee, B."],)]
    assert json.loads((tmp_path / "q.json").read_text()) == [{"authors": ["Smith, A.", "Lee, B."]}]
    assert duckdb.sql(f"SELECT authors FROM read_csv('{tmp_path / 'q.csv'}')").fetchall()[0][0].count("Smith, A.") == 1


def test_query_table_is_full_width(empty_warehouse, capsys):
    long = "x" * 120
    assert main(["query", f"SELECT '{long}' AS wide", "--warehouse", str(empty_warehouse)]) == 0
    assert long in capsys.readouterr().out


def test_schema_never_creates_a_warehouse(tmp_path, capsys):
    missing = tmp_path / "none.duckdb"
    assert main(["schema", "--warehouse", str(missing)]) == 0
    assert "footnotes (table)" in capsys.readouterr().out
    assert not missing.exists() and not (tmp_path / "published").exists()


def test_export_refuses_a_folder_with_files_and_writes_views_too(empty_warehouse, tmp_path, capsys):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    assert main(["export", "--parquet", str(folder), "--warehouse", str(empty_warehouse)]) == 2
    assert (folder / "keep.txt").read_text() == "mine"
    fresh = tmp_path / "fresh"
    assert main(["export", "--parquet", str(fresh), "--warehouse", str(empty_warehouse)]) == 0
    assert (fresh / "works.parquet").exists() and (fresh / "documents.parquet").exists()


def test_the_duckdb_command_line_opens_the_published_warehouse(empty_warehouse):
    """The README's DuckDB CLI (pip install duckdb-cli) reads the file: it is written in a storage
    format that CLI knows. Skipped where the CLI is not installed."""
    import shutil
    import subprocess
    import sys

    beside = Path(sys.executable).parent / "duckdb"  # installed into the venv by the dev extras
    cli = str(beside) if beside.exists() else shutil.which("duckdb")
    if cli is None:
        pytest.skip("the duckdb command line is not installed (pip install duckdb-cli)")
    result = subprocess.run([cli, "-readonly", str(empty_warehouse), "-c", "SELECT count(*) FROM documents"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "0" in result.stdout
