"""Shared pieces of the side-by-side benchmarks: the sample, its gold, score.py's matching, timing."""
from __future__ import annotations

import importlib.util
import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "gold" / "north-korea-vietnam-war"
SAMPLE = ROOT / "raw" / "north-korea-vietnam-war.txt"


def load_score():
    """The shared score.py as a module, so every system is matched exactly as the yardstick does."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text())


def body_paragraphs(document) -> list[str]:
    """The clean body text every system reads: same paragraphs, markers and headers already gone."""
    return [document.text[b.start:b.end] for b in document.blocks if b.part == "body"]


@contextmanager
def timed(results: dict, name: str):
    started = time.perf_counter()
    yield
    results[name] = time.perf_counter() - started


def table(rows: list[dict], columns: list[str]) -> str:
    widths = {c: max(len(c), *(len(f"{r.get(c, '')}") for r in rows)) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines += ["  ".join(f"{r.get(c, '')}".ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)
