"""One writer at a time: an advisory lock file beside the warehouse.

DuckDB itself refuses a second writing process with an error mid-run; taking
our own lock first lets a second ``marginalia ingest`` wait politely or exit
with a clear message before it touches anything.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from typing import Iterator


class WarehouseBusy(RuntimeError):
    pass


#: Locks this process holds (path -> depth): re-entering is free, so the CLI can take the lock
#: before starting Prefect (failing fast) and the flow can take it again when run by a deployment.
_HELD: dict[str, int] = {}


@contextlib.contextmanager
def writer_lock(warehouse: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the writer lock of ``warehouse`` for the duration of the block (re-entrant per process).

    Raises:
        WarehouseBusy: another process holds it for longer than ``wait_seconds``.
    """
    lock_path = Path(str(warehouse) + ".lock")
    key = str(lock_path.resolve())
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise WarehouseBusy(
                        f"another ingest is writing to {warehouse} (process {holder}); "
                        "try again when it finishes, or pass --wait SECONDS") from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        _HELD[key] = 1
        try:
            yield
        finally:
            _HELD.pop(key, None)
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()
