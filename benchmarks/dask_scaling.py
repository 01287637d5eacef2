"""Scale-out: the same flow on a local Dask cluster with 1 and with 2 workers, side by side.

    python benchmarks/dask_scaling.py N [--fraction 0.25]

Both runs read the same generated corpus into fresh warehouses; the script
prints each run's flow time and process time, the speed-up, and whether the two
warehouses hold the same rows (documents, sentences, citations, dates,
quantities, entities).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import duckdb  # noqa: E402

from corpus import build  # noqa: E402
from flowrun import ingest, last_run  # noqa: E402

TABLES = {
    "sentences": "SELECT d.source_path, s.sentence_id, s.text FROM sentences s JOIN documents d USING (doc_id)",
    "citations": "SELECT d.source_path, c.footnote_number, c.position, c.title, c.work_id FROM citations c JOIN documents d USING (doc_id)",
    "dates": "SELECT d.source_path, x.start_char, x.start_date, x.end_date FROM dates x JOIN documents d USING (doc_id)",
    "quantities": "SELECT d.source_path, q.start_char, q.value, q.subject FROM quantities q JOIN documents d USING (doc_id)",
    "entities": "SELECT d.source_path, e.entity_key, e.n_mentions FROM entities e JOIN documents d USING (doc_id)",
}


def run(raw: Path, db: Path, workers: int) -> tuple[float, float]:
    """(flow seconds, process seconds) of one ingest on a local Dask cluster of ``workers``."""
    process = ingest(raw, db, db.with_suffix(".log"),
                     {"MARGINALIA_TASK_RUNNER": "dask", "MARGINALIA_DASK_WORKERS": str(workers)})
    return last_run(db).flow_seconds, process.wall_seconds


def rows(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    out = {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in TABLES.items()}
    con.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--fraction", type=float, default=0.25)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="marginalia-dask-"))
    raw = work / "raw"
    build(raw, args.n, pdf_share=0.0, fraction=args.fraction)
    one_flow, one_wall = run(raw, work / "one.duckdb", 1)
    two_flow, two_wall = run(raw, work / "two.duckdb", 2)
    same = rows(work / "one.duckdb") == rows(work / "two.duckdb")
    print(f"corpus: {args.n} text documents (fraction {args.fraction} of the sample each)")
    print(f"1 worker : flow {one_flow:7.1f} s   process {one_wall:7.1f} s")
    print(f"2 workers: flow {two_flow:7.1f} s   process {two_wall:7.1f} s")
    print(f"speed-up (flow): {one_flow / two_flow:.2f}x   (process): {one_wall / two_wall:.2f}x")
    print(f"same rows in both warehouses: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
