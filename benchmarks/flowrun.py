"""Running the real ``marginalia ingest`` from a benchmark: one process per run, its peak memory, its record."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class IngestProcess:
    wall_seconds: float  # the whole process, Prefect start-up included
    peak_mb: float  # peak resident size of the largest process of the ingest (wait4)
    exit_code: int
    peak_mb_by_role: dict = field(default_factory=dict)  # sampled every 0.2 s: ingest, worker, prefect server


def _role(process) -> str:
    command = " ".join(process.cmdline())
    if "spawn_main" in command:
        return "worker"
    if "uvicorn" in command or ("prefect" in command and "server" in command):
        return "prefect server"
    return "ingest" if "flows.cli" in command else "other"


def _sample_peaks(pid: int, peaks: dict, done: threading.Event) -> None:
    """Largest resident size seen per role of the ingest's process tree, until ``done``."""
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not done.is_set():
        try:
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        for process in processes:
            try:
                role, rss = _role(process), process.memory_info().rss / 2**20
            except psutil.Error:
                continue
            peaks[role] = max(peaks.get(role, 0.0), rss)
        done.wait(0.2)


def ingest(raw: Path, db: Path, log: Path, extra_env: dict[str, str] | None = None) -> IngestProcess:
    """Run ``marginalia ingest`` in its own process, output to ``log``; say so when it fails."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_LOGGING_LEVEL="WARNING", **(extra_env or {}))
    started = time.perf_counter()
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", "--raw", str(raw),
                                    "--warehouse", str(db)], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        peaks: dict[str, float] = {}
        done = threading.Event()
        sampler = threading.Thread(target=_sample_peaks, args=(process.pid, peaks, done), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        sampler.join()
    result = IngestProcess(time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status),
                           {role: round(mb) for role, mb in sorted(peaks.items())})
    if result.exit_code != 0:
        print(f"ingest exited with {result.exit_code}; the end of {log}:\n" + log.read_text()[-3000:])
    return result


@dataclass(frozen=True)
class RunRecord:
    flow_seconds: float  # the flow body, from the runs table
    stages: dict[str, float]
    new: int
    unchanged: int
    failed: int


def last_run(db: Path) -> RunRecord:
    """The latest row of ``runs``."""
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute("SELECT epoch(finished_at) - epoch(started_at), stage_seconds, n_new, n_unchanged, n_failed "
                      "FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    con.close()
    return RunRecord(row[0], json.loads(row[1] or "{}"), row[2], row[3], row[4])
