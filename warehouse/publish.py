"""The analysts' copy: published atomically between document transactions.

DuckDB lets only one process open a file that another process is writing,
even read-only, so the ingest flow writes ``warehouse.duckdb`` and, after each
consistent point (a committed document, then a checkpoint), atomically
replaces ``published/warehouse.duckdb`` with a copy. Readers open that copy
and never see a lock error or half a document.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import duckdb


def published_path(warehouse: Path) -> Path:
    return warehouse.parent / "published" / warehouse.name


def publish(con: duckdb.DuckDBPyConnection, warehouse: Path) -> Path:
    """Checkpoint the writer and atomically replace the published copy with the current file."""
    con.execute("CHECKPOINT")
    target = published_path(warehouse)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".publishing-", suffix=".duckdb", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(warehouse, temporary)
        shutil.copymode(warehouse, temporary)  # readable as the master is, not mkstemp's 0600
        os.replace(temporary, target)  # atomic: a reader opens the old copy or the new one, never a mix
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # no half-written copy is left behind
        raise OSError(f"could not publish the analysts' copy {target}: {exc.strerror or exc} "
                      "(is the disk full, or the folder read-only?); the warehouse itself is intact") from None
    return target
