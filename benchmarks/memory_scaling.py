"""Peak memory of an ingest at two corpus sizes, and the no-op rerun of the larger, in one run.

    python benchmarks/memory_scaling.py [--small 200] [--large 1000] [--fraction 0.1] [--pdf-share 0.1]

The flow streams: one document is read, parsed, extracted and loaded before the
next is read, so peak memory should not grow with the number of documents. Each
ingest runs in its own process (``marginalia ingest``, Prefect included); its
peak resident size comes from ``wait4``. Afterwards the larger corpus is
ingested again unchanged: the flow body of that run is the no-op time (Prefect's
start-up is printed apart).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import duckdb  # noqa: E402

from corpus import build  # noqa: E402


def ingest(raw: Path, db: Path, log: Path) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one ``marginalia ingest`` process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_LOGGING_LEVEL="WARNING")
    started = time.perf_counter()
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", "--raw", str(raw),
                                    "--warehouse", str(db)], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode


def last_run(db: Path) -> tuple[float, int, int, int]:
    """(flow seconds, new, unchanged, failed) of the latest run."""
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute("SELECT epoch(finished_at) - epoch(started_at), n_new, n_unchanged, n_failed FROM runs "
                      "ORDER BY started_at DESC LIMIT 1").fetchone()
    con.close()
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--pdf-share", type=float, default=0.1)
    parser.add_argument("--keep", type=Path, help="build corpora and warehouses here instead of a temp dir")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="marginalia-memory-"))
    results = {}
    for n in (args.small, args.large):
        raw = work / f"raw-{n}"
        if not raw.exists():
            build(raw, n, args.pdf_share, args.fraction)
        wall, peak, code = ingest(raw, work / f"w-{n}.duckdb", work / f"ingest-{n}.log")
        flow, new, _, failed = last_run(work / f"w-{n}.duckdb")
        results[n] = peak
        print(f"{n:5d} documents: peak memory {peak:6.0f} MB, flow {flow:7.1f} s, process {wall:7.1f} s, "
              f"{new} new, {failed} failed, exit code {code}")
    print(f"peak memory ratio {args.large} / {args.small} documents: {results[args.large] / results[args.small]:.2f}")
    wall, peak, code = ingest(work / f"raw-{args.large}", work / f"w-{args.large}.duckdb", work / "noop.log")
    flow, new, unchanged, failed = last_run(work / f"w-{args.large}.duckdb")
    print(f"no-op rerun of {args.large} documents: flow body {flow:.2f} s ({unchanged} unchanged, {new} new), "
          f"process {wall:.1f} s including Prefect start-up, peak memory {peak:.0f} MB")
    print(f"(work folder: {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
