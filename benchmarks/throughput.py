"""End-to-end throughput against the NLP ceiling, per-stage time, peak memory, and a no-op rerun.

    python benchmarks/throughput.py N [--pdf-share 0.1] [--fraction 1.0] [--keep DIR]

Measured side by side in one run: the real flow (``marginalia ingest`` in a
subprocess, Prefect included) over N generated documents, then bare
``nlp.pipe`` over the very same clean text with the same model and components
(the ceiling; measured again after the ingests, the faster counts), then a second
ingest over the unchanged files (the no-op rerun). Words are counted the same way
for both rates: the clean text's blocks split at spaces.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import duckdb  # noqa: E402

from corpus import build  # noqa: E402
from flowrun import ingest, last_run  # noqa: E402


def corpus_size(db: Path) -> tuple[int, int]:
    """(words, pages) of everything loaded: words as the ceiling counts them, pages printed or inferred."""
    con = duckdb.connect(str(db), read_only=True)
    pages = con.execute("SELECT sum(coalesce(n_pages, (SELECT max(page) FROM sentences s WHERE s.doc_id = d.doc_id))) "
                        "FROM documents d").fetchone()[0]
    con.close()
    return sum(len(t.split(" ")) for t in _blocks(db)), pages


def _blocks(db: Path) -> list[str]:
    """The clean text's blocks, as the ceiling reads them (words of both rates are counted on these)."""
    con = duckdb.connect(str(db), read_only=True)
    texts = [t for (text,) in con.execute("SELECT clean_text FROM documents").fetchall()
             for t in text.split("\n\n") if t.strip()]
    con.close()
    return texts


def bare_nlp_pipe(db: Path) -> tuple[float, int]:
    """The ceiling: the same model and components over the same clean-text blocks, nothing else,
    in a fresh process that parses as a worker does: one thread (one OpenBLAS thread, no DuckDB
    query: measured, a second thread in a process makes the parser 12% slower)."""
    texts = _blocks(db)
    words = sum(len(t.split(" ")) for t in texts)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(texts, handle)
    env = dict(os.environ, OPENBLAS_NUM_THREADS=os.environ.get("OPENBLAS_NUM_THREADS", "1"))
    try:
        done = subprocess.run([sys.executable, __file__, "--parse-blocks", handle.name], env=env, cwd=ROOT,
                              capture_output=True, text=True, check=True)
    finally:
        os.unlink(handle.name)
    return float(done.stdout.split()[-1]), words


def _parse_blocks(path: str) -> None:
    """The ceiling's own process: parse the blocks in ``path``, print the seconds."""
    from extractors.nlp import load_model

    with open(path) as handle:
        texts = json.load(handle)
    nlp = load_model()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    print(f"{time.perf_counter() - started:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--pdf-share", type=float, default=0.1)
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker counts to run side by side (default 1 2)")
    parser.add_argument("--keep", type=Path, help="build the corpus and warehouse here instead of a temp dir")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="marginalia-bench-"))
    raw, db = work / "raw", work / "w.duckdb"
    if not raw.exists():
        build(raw, args.n, args.pdf_share, args.fraction)
    bare_seconds = bare_words = None
    rates: dict[int, float] = {}
    for workers in args.workers:
        db = work / f"w{workers}.duckdb"
        first_process = ingest(raw, db, work / f"ingest-{workers}.log", {"MARGINALIA_WORKERS": str(workers)})
        first = last_run(db)
        words, pages = corpus_size(db)
        if bare_seconds is None:
            bare_seconds, bare_words = bare_nlp_pipe(db)
            bare_rate = bare_words / bare_seconds
            print(f"corpus: {args.n} documents ({args.pdf_share:.0%} PDF, fraction {args.fraction}), "
                  f"{words:,} words, {pages:,} pages")
            print(f"bare nlp.pipe, one fresh single-threaded process (ceiling per core): {bare_seconds:8.1f} s  "
                  f"{bare_rate:8.0f} words/s")
        e2e_rate = words / first.flow_seconds
        rates[workers] = e2e_rate
        print(f"--- {workers} worker(s): exit code {first_process.exit_code}, {first.failed} failed")
        print(f"end to end (flow body):   {first.flow_seconds:8.1f} s  {e2e_rate:8.0f} words/s  "
              f"{pages / first.flow_seconds:6.2f} pages/s")
        print(f"end to end (process):     {first_process.wall_seconds:8.1f} s  (Prefect start-up included)")
        print(f"ratio end-to-end / one bare nlp.pipe process: {e2e_rate / bare_rate:.2f} "
              f"({e2e_rate / bare_rate / workers:.2f} per worker)")
        print("time per stage (summed over workers): " + ", ".join(f"{k} {v:.1f}s" for k, v in first.stages.items()))
        print(f"peak memory of the largest process of the ingest: {first_process.peak_mb:.0f} MB "
              f"(by role: {first_process.peak_mb_by_role})")
    # noise only ever slows a measurement down: the ceiling is the faster of two, one before and
    # one after the ingests (the first ran between the first and second ingest)
    again_seconds, _ = bare_nlp_pipe(db)
    print(f"bare nlp.pipe measured again after the ingests: {again_seconds:.1f} s "
          f"({bare_words / again_seconds:.0f} words/s); the ceiling below is the faster of the two")
    ceiling = bare_words / min(bare_seconds, again_seconds)
    for workers, rate in rates.items():
        print(f"{workers} worker(s): {rate:.0f} words/s = {rate / ceiling:.2f} of the ceiling "
              f"({rate / ceiling / workers:.2f} per worker)")
    noop_process = ingest(raw, db, work / "noop.log")
    noop = last_run(db)
    # an unchanged folder is answered before any flow starts and records no run
    noop_skipped = "nothing to load" in (work / "noop.log").read_text()
    if noop_skipped:
        print(f"no-op rerun: process {noop_process.wall_seconds:.1f} s (nothing changed: answered before any flow "
              f"started, no run recorded)")
    else:
        print(f"no-op rerun: flow body {noop.flow_seconds:.2f} s, process {noop_process.wall_seconds:.1f} s, "
              f"{noop.unchanged} unchanged, {noop.new} new")
    print(f"(work folder: {work})")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--parse-blocks"]:
        _parse_blocks(sys.argv[2])
        sys.exit(0)
    sys.exit(main())
