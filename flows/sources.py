"""The files of a run: what is in raw/, and whether anything changed since the warehouse last saw it.

Kept apart from the Prefect flow and light to import, so the command line can
decide before starting anything heavy: when no file is new, changed or gone,
``marginalia ingest`` says so and exits without starting Prefect.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from extractors import PIPELINE_VERSION
from extractors.document import source_format


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source_path: str  # relative to raw/, with forward slashes
    size_bytes: int
    mtime: float


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def find_sources(raw_dir: Path, follow_outside_links: bool = False) -> tuple[list[SourceFile], list[str]]:
    """Supported files under raw/, and notices of what was passed over and why.

    A link that points outside raw/ is skipped unless allowed (a link to /etc/passwd is
    never a source someone dropped in); a file name that is not valid UTF-8 is loaded
    under a safe form of its name; a file that vanishes while being looked at is left
    for the next run.
    """
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"the raw folder {raw_dir} does not exist")
    root = raw_dir.resolve()
    found: list[SourceFile] = []
    skipped: list[str] = []
    for path in sorted(raw_dir.rglob("*")):
        relative = safe_name(path.relative_to(raw_dir).as_posix())
        try:
            if path.name.startswith(".") or not path.is_file():
                continue
            if path.is_symlink() and not follow_outside_links and not path.resolve().is_relative_to(root):
                skipped.append(f"{relative} (a link to a file outside the raw folder; "
                               "set MARGINALIA_FOLLOW_OUTSIDE_LINKS=true to read it)")
                continue
            if source_format(path) is None:
                skipped.append(f"{relative} (unsupported file type)")
                continue
            stat = path.stat()
        except OSError:
            continue  # gone or unreadable while looking: the next run sees it again
        found.append(SourceFile(path, relative, stat.st_size, stat.st_mtime))
    return found, skipped


def safe_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True)
class Freshness:
    """What the warehouse already holds of raw/, decided from stats alone."""

    sources: int  # supported files in raw/
    stale: int  # files that are not a current document of the same size, mtime, pipeline and model
    gone: int  # current documents whose file is not in raw/

    @property
    def up_to_date(self) -> bool:
        return self.stale == 0 and self.gone == 0


def freshness(raw_dir: Path, warehouse: Path, model_name: str, model_version: str,
              follow_outside_links: bool = False) -> Freshness | None:
    """How raw/ compares with the warehouse's current documents (a file is fresh when it is a
    current document with the same size, mtime, pipeline and model); None when the warehouse
    cannot tell (missing, unreadable). Reads no file's content: one stat per file."""
    import duckdb

    if not warehouse.exists():
        return None
    sources, _ = find_sources(raw_dir, follow_outside_links)
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return None
    try:
        known = {row[0]: row[1:] for row in con.execute(
            "SELECT source_path, size_bytes, mtime, pipeline_version, model_name, model_version FROM documents "
            "WHERE status = 'current'").fetchall()}
    except duckdb.Error:
        return None
    finally:
        con.close()
    fresh = sum(known.get(source.source_path) == (source.size_bytes, source.mtime, PIPELINE_VERSION, model_name,
                                                  model_version) for source in sources)
    present = {source.source_path for source in sources}
    return Freshness(len(sources), len(sources) - fresh, sum(path not in present for path in known))
