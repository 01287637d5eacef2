"""Peak memory of an ingest at two corpus sizes, and the no-op rerun of the larger, in one run.

    python benchmarks/memory_scaling.py [--small 200] [--large 1000] [--fraction 0.1] [--pdf-share 0.1]

The flow streams: one document is read, parsed, extracted and loaded before the
next is read, so peak memory should not grow with the number of documents. Each
ingest runs in its own process (``marginalia ingest``, Prefect included); its
peak resident size comes from ``wait4``. Afterwards the larger corpus is
ingested again unchanged: the whole process is the no-op time (an unchanged folder is
answered before Prefect starts).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import build  # noqa: E402
from flowrun import ingest, last_run  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--pdf-share", type=float, default=0.1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build corpora and warehouses here instead of a temp dir")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="marginalia-memory-"))
    peaks = {}
    for n in (args.small, args.large):
        raw = work / f"raw-{n}"
        if not raw.exists():
            build(raw, n, args.pdf_share, args.fraction)
        process = ingest(raw, work / f"w-{n}.duckdb", work / f"ingest-{n}.log", {"MARGINALIA_WORKERS": str(args.workers)})
        run = last_run(work / f"w-{n}.duckdb")
        peaks[n] = process.peak_mb
        print(f"{n:5d} documents: peak memory {process.peak_mb:6.0f} MB, flow {run.flow_seconds:7.1f} s, "
              f"process {process.wall_seconds:7.1f} s, {run.new} new, {run.failed} failed, exit code {process.exit_code}; "
              f"peak by role (MB): {process.peak_mb_by_role}")
    print(f"peak memory ratio {args.large} / {args.small} documents: {peaks[args.large] / peaks[args.small]:.2f}")
    process = ingest(work / f"raw-{args.large}", work / f"w-{args.large}.duckdb", work / "noop.log")
    if "nothing to load" in (work / "noop.log").read_text():  # answered before any flow started: no run row
        print(f"no-op rerun of {args.large} documents: process {process.wall_seconds:.2f} s (nothing changed: answered "
              f"before any flow started), peak memory {process.peak_mb:.0f} MB, exit code {process.exit_code}")
    else:
        run = last_run(work / f"w-{args.large}.duckdb")
        print(f"no-op rerun of {args.large} documents: flow body {run.flow_seconds:.2f} s ({run.unchanged} unchanged, "
              f"{run.new} new), process {process.wall_seconds:.1f} s including Prefect start-up, "
              f"peak memory {process.peak_mb:.0f} MB")
    print(f"(work folder: {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
