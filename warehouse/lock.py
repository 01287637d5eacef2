"""One writer at a time: a portable lock file beside the warehouse (``filelock``).

DuckDB itself refuses a second writing process with an error mid-run; taking
our own lock first lets a second ``marginalia ingest`` wait politely or exit
with a clear message before it touches anything. The lock is one object per
warehouse in this process (``is_singleton``), so the CLI can take it before
starting Prefect and the flow (also run by a served deployment) can enter it
again without a second lock at the OS level.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout


class WarehouseBusy(RuntimeError):
    """Another process holds the writer lock for longer than the caller wanted to wait."""


def lock_path(warehouse: Path) -> Path:
    return Path(str(warehouse) + ".lock")


@contextlib.contextmanager
def writer_lock(warehouse: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the writer lock of ``warehouse`` for the duration of the block (re-entrant per process).

    Raises:
        WarehouseBusy: another process holds it for longer than ``wait_seconds``.
    """
    path = lock_path(Path(warehouse))
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path.resolve()), is_singleton=True)
    try:
        lock.acquire(timeout=max(wait_seconds, 0.0), poll_interval=0.2)
    except Timeout:
        raise WarehouseBusy(f"another ingest is writing to {warehouse}; try again when it finishes, "
                            "or pass --wait SECONDS") from None
    try:
        yield
    finally:
        lock.release()
