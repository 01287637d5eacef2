"""Soak: one run over good and hostile documents mixed; nothing lost, time and memory bounded.

    python benchmarks/soak.py [N] [--keep DIR]

Builds N documents (default 200): about half ordinary articles (tests/textgen.py
variants), the rest hostile: long runs of one character class, a 900 KB single
line, a list of thousands of numbers, empty and binary files, a PDF whose stream
inflates to 2 GiB, a PDF whose text is drawn as paths. Runs the real
``marginalia ingest`` once with the default budgets and prints: every file
accounted for (a current document or an ingest_errors row), the error rows by
stage and limit, the wall time, the slowest document and the peak resident
memory of the largest process of the run.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import duckdb  # noqa: E402

from flowrun import ingest, last_run  # noqa: E402
from tests.textgen import SALT_ROADS  # noqa: E402
from tests.test_hostile import ADVERSARIAL_UNITS, bomb_pdf, one_page_pdf  # noqa: E402


def hostile(raw: Path, k: int, rng: random.Random) -> None:
    kind = k % 8
    if kind == 0:
        (raw / f"bomb-{k}.pdf").write_bytes(b"")
        bomb_pdf(raw / f"bomb-{k}.pdf")
    elif kind == 1:
        outlines = b"".join(b"%d 700 m %d 710 %d 720 %d 700 c S\n" % (x, x + 2, x + 4, x + 6)
                            for x in range(50, 550, 8))
        one_page_pdf(raw / f"outlines-{k}.pdf", zlib.compress(outlines))
    elif kind == 2:
        (raw / f"one-line-{k}.txt").write_text("word " * 180_000, encoding="utf-8")
    elif kind == 3:
        (raw / f"numbers-{k}.txt").write_text(
            "The values were " + ", ".join(str(rng.randrange(100)) for _ in range(20_000)) + ".\n", encoding="utf-8")
    elif kind == 4:
        (raw / f"empty-{k}.txt").write_bytes(b"")
    elif kind == 5:
        (raw / f"binary-{k}.txt").write_bytes(os.urandom(4096))
    else:
        unit = ADVERSARIAL_UNITS[k % len(ADVERSARIAL_UNITS)]
        (raw / f"run-{k}.txt").write_text("Start. " + unit * (60_000 // len(unit)) + " End.\n", encoding="utf-8")


def build(raw: Path, n: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    raw.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        if k % 2 == 0:
            (raw / f"article-{k}.txt").write_text(SALT_ROADS.replace("1820", str(1700 + k)), encoding="utf-8")
        else:
            hostile(raw, k // 2, rng)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=200)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="marginalia-soak-"))
    raw, db = work / "raw", work / "w.duckdb"
    if not raw.exists():
        build(raw, args.n)
    files = sorted(p.name for p in raw.iterdir())
    process = ingest(raw, db, work / "ingest.log")
    run = last_run(db)
    con = duckdb.connect(str(db), read_only=True)
    loaded = {r[0] for r in con.execute("SELECT source_path FROM documents WHERE status = 'current'").fetchall()}
    errors = con.execute("SELECT source_path, stage, error_type, message FROM ingest_errors").fetchall()
    con.close()
    failed = {r[0] for r in errors}
    lost = [f for f in files if f not in loaded and f not in failed]
    print(f"{len(files)} files: {len(loaded)} loaded, {len(failed)} with an error row, {len(lost)} lost {lost[:5]}")
    kinds: dict[str, int] = {}
    for _, stage, error_type, message in errors:
        key = f"{stage}/{error_type}: {message[:70]}"
        kinds[key] = kinds.get(key, 0) + 1
    for key, count in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {count:4d}  {key}")
    print(f"exit code {process.exit_code}; wall {process.wall_seconds:.1f} s (flow body {run.flow_seconds:.1f} s); "
          f"peak memory of the largest process {process.peak_mb:.0f} MB")
    print(f"(work folder: {work})")
    return 0 if not lost else 1


if __name__ == "__main__":
    sys.exit(main())
