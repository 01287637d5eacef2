"""The ingest flow: discover files in raw/, decide what changed, extract, load, report.

Kept thin on purpose: every decision about text lives in ``extractors``, every
SQL statement in ``warehouse``. Tasks are named for their verb; only I/O
(discovery) is retried, because a file that fails to parse fails the same way
every time.
"""
from __future__ import annotations

import contextlib
import itertools
import signal
import threading
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from extractors import PIPELINE_VERSION
from extractors.nlp import ModelNotFound, load_model, model_identity
from extractors.records import ModelInfo
from extractors.pipeline import ExtractedDocument, StageError, extract_document
from extractors.document import ReadError, unrecognised_note_signs
from flows.sources import SourceFile, find_sources, sha256_of
from flows.workers import BudgetExceeded, Budgets, ExtractionPool, WorkerStartError, default_workers, open_pool
from warehouse.loader import KnownDocument, Warehouse, utcnow
from warehouse.lock import writer_lock
from warehouse.rows import document_tables


#: Set by a signal handler (Ctrl-C, SIGTERM): the run stops after the document in hand. The
#: handler also raises KeyboardInterrupt, but code in between (DuckDB, a Prefect task) may turn
#: that into an ordinary error; this flag makes sure the run still stops.
STOP_REQUESTED = threading.Event()


def _stop_if_requested() -> None:
    if STOP_REQUESTED.is_set():
        raise KeyboardInterrupt("stop requested")


@contextlib.contextmanager
def stop_on_signals():
    """Ctrl-C and SIGTERM (a scheduler, ``kill``) stop the run cleanly: the document in hand is
    abandoned, the run recorded as interrupted, the workers stopped, the lock released.

    Installed inside the flow, over the handler Prefect set (which ends the process on SIGTERM
    before anything is cleaned up) and restored after; a signal the process was started
    ignoring (nohup, a background job) stays ignored."""
    previous = {}

    def interrupt(signum, frame):
        STOP_REQUESTED.set()
        raise KeyboardInterrupt(f"signal {signum}")

    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            current = signal.getsignal(signum)
            if current is not signal.SIG_IGN:
                previous[signum] = current
                signal.signal(signum, interrupt)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        STOP_REQUESTED.clear()


@dataclass
class Action:
    """What the run does with one file: new, changed, unchanged, renamed or known_failure."""

    source: SourceFile
    verdict: str
    doc_id: str | None = None
    sha256: str | None = None
    touch: bool = False  # the documents row needs its path, size or mtime updated


@dataclass
class RunSummary:
    run_id: str
    counts: Counter = field(default_factory=Counter)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, stage, message)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def add_time(self, stage: str, seconds: float) -> None:
        self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds

    @property
    def ok(self) -> bool:
        return not self.failures

    def render(self) -> str:
        c = self.counts
        lines = [f"run {self.run_id}: {c['seen']} seen, {c['new']} new, {c['changed']} changed, "
                 f"{c['unchanged']} unchanged, {c['renamed']} renamed, {c['removed']} removed, {c['failed']} failed"]
        if c["new"] + c["changed"] == 0 and not self.failures:
            lines.append("nothing to load: every document is up to date")
        if self.stage_seconds:
            lines.append("time per stage: " + ", ".join(f"{k} {v:.2f}s" for k, v in self.stage_seconds.items()))
        for notice in self.skipped:
            lines.append(f"skipped: {notice}")
        for path, stage, message in self.failures:
            lines.append(f"FAILED {path} [{stage}]: {message}")
        for warning in self.warnings:
            lines.append(f"WARNING {warning}")
        return "\n".join(lines)


@task(retries=2, retry_delay_seconds=1, cache_policy=NONE)
def discover(raw_dir: Path, follow_outside_links: bool = False) -> tuple[list[SourceFile], list[str]]:
    """Supported files under raw/ and notices of what was passed over (see :func:`find_sources`)."""
    return find_sources(raw_dir, follow_outside_links)


@task(cache_policy=NONE)
def plan(sources: list[SourceFile], known: list[KnownDocument], warehouse: Warehouse, model: ModelInfo,
         force: frozenset[str] = frozenset(), retry_failed: bool = False) -> tuple[list[Action], list[str]]:
    """Decide per file from size and mtime first, then the content hash; find renames and removals.

    Unchanged files with the same size and mtime are never read, so a no-op run
    over a large corpus costs one stat per file. A document is unchanged only for
    the same content, pipeline version and model (name and version): changing the
    model extracts again. ``force`` names source paths to extract again anyway
    ("*" for all); ``retry_failed`` tries files whose content failed before.
    """
    by_path = {k.source_path: k for k in known}
    present = {s.source_path for s in sources}
    # documents whose file is gone can be the old name of a renamed file
    orphans_by_hash = {k.sha256: k for k in known if k.source_path not in present}
    actions: list[Action] = []
    claimed: set[str] = set()
    model_key = f"{model.name}=={model.version}"

    def same_extraction(old: KnownDocument) -> bool:
        return old.pipeline_version == PIPELINE_VERSION and (old.model_name, old.model_version) in (
            (model.name, model.version), (None, None))

    for source in sources:
        old = by_path.get(source.source_path)
        forced = "*" in force or source.source_path in force
        if (old and same_extraction(old) and old.status == "current" and not forced
                and old.size_bytes == source.size_bytes and old.mtime == source.mtime):
            actions.append(Action(source, "unchanged", old.doc_id, old.sha256))
            continue
        try:
            digest = sha256_of(source.path)
        except OSError:
            continue  # gone (or unreadable) since discovery: the next run will see it again
        if old and old.sha256 == digest and same_extraction(old) and not forced:
            actions.append(Action(source, "unchanged", old.doc_id, digest, touch=True))
        elif old:
            actions.append(Action(source, "changed", old.doc_id, digest))
        elif digest in orphans_by_hash and orphans_by_hash[digest].doc_id not in claimed:
            moved = orphans_by_hash[digest]
            claimed.add(moved.doc_id)
            verdict = "renamed" if same_extraction(moved) and not forced else "changed"
            actions.append(Action(source, verdict, moved.doc_id, digest, touch=True))
        elif not retry_failed and not forced and warehouse.has_error(source.source_path, digest, PIPELINE_VERSION,
                                                                     model_key):
            actions.append(Action(source, "known_failure", None, digest))
        else:
            actions.append(Action(source, "new", None, digest))
    removed = [k.doc_id for k in known if k.status == "current" and k.source_path not in present
               and k.doc_id not in claimed]
    return actions, removed


def _is_transient(outcome) -> bool:
    """Whether an extraction may pass on a second try: an OS-level read error (a file still being
    copied in, a network mount hiccup). A file that does not parse fails the same way again."""
    return isinstance(outcome, OSError) and not isinstance(outcome, (ReadError, StageError))


def _transient_io_error(task, task_run, state) -> bool:
    """Prefect's retry condition for the Dask runner's ``extract`` task (see :func:`_is_transient`)."""
    try:
        state.result()
    except Exception as exc:
        return _is_transient(exc)
    return False


#: Further tries of an extraction that failed with a transient error, and the pause before each.
TRANSIENT_RETRIES = 2
RETRY_DELAY_SECONDS = 2.0


@task(cache_policy=NONE, retries=2, retry_delay_seconds=2, retry_condition_fn=_transient_io_error)
def extract(source: SourceFile, model_name: str, max_text_bytes: int) -> ExtractedDocument:
    """Read the file and run every extractor in this process (the Dask runner's task)."""
    return extract_document(source.path, source.source_path, load_model(model_name or None), max_text_bytes)


def load_document(warehouse: Warehouse, action: Action, extracted: ExtractedDocument, run_id: str) -> str:
    """Replace the document's rows in one transaction; returns its doc_id."""
    doc_id = action.doc_id or warehouse.new_doc_id(action.source.source_path)
    document = extracted.document
    row = dict(doc_id=doc_id, source_path=action.source.source_path, format=document.format,
               title=document.title, n_pages=document.n_pages, n_chars=len(document.text),
               sha256=action.sha256, ingested_at=utcnow(), pipeline_version=PIPELINE_VERSION,
               model_name=extracted.model.name, model_version=extracted.model.version, status="current",
               removed_at=None, size_bytes=action.source.size_bytes, mtime=action.source.mtime,
               clean_text=document.text, run_id=run_id, conventions=list(document.conventions),
               fingerprint=list(extracted.fingerprint))
    warehouse.replace_document(row, document_tables(doc_id, run_id, extracted), fresh=action.doc_id is None)
    return doc_id


def _extracted(work: list[Action], spacy_model: str, parallel: bool, max_text_bytes: int,
               workers: int, budgets: Budgets):
    """(action, outcome) of each extraction: an :class:`ExtractedDocument` or the exception.

    Locally, a pool of ``workers`` processes extracts while this process loads: a few documents
    per worker are in flight, and results are taken in document order (memory stays bounded by
    the window, not by the corpus). A document is not a Prefect task here: a task run cost the
    API server about 60 ms of CPU, more than loading a small document, on the cores the workers
    need; the run's record keeps the time of every stage. With a parallel task runner (Dask),
    every extraction is a task submitted at once and results are taken as they complete;
    loading stays here, a single writer.
    """
    if not parallel:
        if not work:
            return
        with open_pool(min(workers, len(work)), spacy_model, max_text_bytes, budgets) as pool:
            yield from _pooled(work, pool, workers)
        return
    from prefect.futures import as_completed

    futures = {extract.submit(action.source, spacy_model, max_text_bytes): action for action in work}
    for future in as_completed(list(futures)):
        future.wait()
        try:
            outcome = future.state.result(raise_on_failure=False)
        except Exception as exc:  # a task that never ran (a lost worker): that document failed
            outcome = StageError("extract", f"the extraction task did not finish: {exc}")
        yield futures.pop(future), outcome


def _pooled(work: list[Action], pool: ExtractionPool, workers: int):
    """The pool's outcomes in document order, a transient failure tried again (see the caller)."""
    def submit(action: Action):
        return pool.submit(action.source.path, action.source.source_path)

    pending = iter(work)
    window: deque = deque((action, submit(action))
                          for action in itertools.islice(pending, IN_FLIGHT_PER_WORKER * workers))
    while window:
        action, future = window.popleft()
        outcome = _outcome_of(future)
        for following in itertools.islice(pending, 1):
            window.append((following, submit(following)))
        for _ in range(TRANSIENT_RETRIES):
            if not _is_transient(outcome):
                break
            time.sleep(RETRY_DELAY_SECONDS)
            outcome = _outcome_of(submit(action))
        yield action, outcome


def _outcome_of(future):
    """The future's result, or its exception as a value."""
    error = future.exception()
    return error if error is not None else future.result()


#: Documents handed to the pool per worker ahead of the one being loaded: enough to keep every
#: worker busy while this process loads, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 2


def _failure(exc: BaseException) -> tuple[str, str, str, str]:
    """(stage, error type, message, class): 'content' when the same bytes would fail the same way,
    'environment' when the cause may be gone next time (a model, the disk, a vanished file)."""
    if isinstance(exc, ReadError):
        cause = exc.__cause__ or exc.__context__
        environment = isinstance(cause, OSError) and not isinstance(cause, UnicodeError)
        return exc.stage, type(exc).__name__, str(exc), "environment" if environment else "content"
    if isinstance(exc, (StageError, BudgetExceeded)):
        return exc.stage, type(exc).__name__, str(exc), "content"
    if isinstance(exc, (OSError, ModelNotFound, MemoryError, WorkerStartError)):
        return "extract", type(exc).__name__, f"{exc}", "environment"
    return "extract", type(exc).__name__, f"unexpected error: {exc}", "content"


@flow(name="marginalia-ingest", log_prints=True)
def ingest(raw_dir: str = "raw", warehouse_path: str = "warehouse/warehouse.duckdb",
           spacy_model: str = "", lock_wait_seconds: float = 0.0,
           publish_every_seconds: float = 30.0, parallel: bool = False,
           max_text_bytes: int = 20 * 1024 * 1024, force: list[str] | None = None,
           retry_failed: bool = False, follow_outside_links: bool = False, workers: int = 0,
           doc_time_budget_seconds: float | None = 600.0, doc_memory_budget_mb: float | None = 2048.0) -> RunSummary:
    """Bring the warehouse up to date with raw/: load new and changed documents, mark removed ones.

    ``workers`` extraction processes (0: one per available core) each extract one document at a
    time within the per-document budgets (None: no limit)."""
    logger = get_run_logger()
    model_identity_ = model_identity(spacy_model or None)  # fails at once on a bad name
    run_id = utcnow().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    summary = RunSummary(run_id)
    raw = Path(raw_dir)
    with stop_on_signals(), writer_lock(Path(warehouse_path), lock_wait_seconds), \
            Warehouse(warehouse_path) as warehouse:
        warehouse.start_run(run_id, str(raw), PIPELINE_VERSION)
        started = time.perf_counter()
        sources, summary.skipped = discover(raw, follow_outside_links)
        for notice in summary.skipped:
            logger.info("skipping %s", notice)
        actions, removed = plan(sources, warehouse.known_documents(), warehouse, model_identity_,
                                frozenset(force or ()), retry_failed)
        summary.add_time("discover", time.perf_counter() - started)
        summary.counts["seen"] = len(sources)
        work = [a for a in actions if a.verdict in ("new", "changed")]
        workers = workers or default_workers()
        budgets = Budgets(doc_time_budget_seconds, doc_memory_budget_mb)
        for action in actions:
            if action.verdict in ("unchanged", "renamed"):
                summary.counts[action.verdict] += 1
                if action.touch:
                    warehouse.touch_document(action.doc_id, action.source.source_path,
                                             action.source.size_bytes, action.source.mtime)
            elif action.verdict == "known_failure":
                summary.counts["failed"] += 1
                summary.failures.append((action.source.source_path, "known",
                                         "failed before with the same content; see ingest_errors "
                                         "(marginalia ingest --retry-failed tries it again)"))
        try:
            model = _extract_and_load(warehouse, run_id, summary, work, spacy_model, parallel,
                                      max_text_bytes, workers, budgets, publish_every_seconds, model_identity_, logger)
        except BaseException:  # Ctrl-C, SIGTERM, a crash: what is loaded stays; the run says it stopped
            with contextlib.suppress(Exception):  # the first error is the one to report
                warehouse.finish_run(run_id, "interrupted", dict(summary.counts), summary.stage_seconds, None, None)
                warehouse.publish()
            raise
        warehouse.mark_removed(removed)
        summary.counts["removed"] = len(removed)
        status = "succeeded" if summary.ok else ("partial" if len(summary.failures) < len(sources) else "failed")
        warehouse.finish_run(run_id, status, dict(summary.counts), summary.stage_seconds,
                             model.name if model else None, model.version if model else None)
        warehouse.publish()
    logger.info(summary.render())
    return summary


def _extract_and_load(warehouse, run_id, summary, work, spacy_model, parallel, max_text_bytes, workers,
                      budgets, publish_every_seconds, model_identity_, logger) -> ModelInfo | None:
    """Extract the documents of the plan and load each as its result arrives; the model used."""
    model = None
    publish_due = time.monotonic() + publish_every_seconds
    extracted = _extracted(work, spacy_model, parallel, max_text_bytes, workers, budgets)
    for index, (action, result) in enumerate(extracted, 1):
        _stop_if_requested()
        source = action.source
        if isinstance(result, BaseException):
            stage, kind, message, error_class = _failure(result)
            warehouse.record_error(run_id, source.source_path, action.sha256, stage, kind, message,
                                   PIPELINE_VERSION, error_class, f"{model_identity_.name}=={model_identity_.version}")
            summary.counts["failed"] += 1
            summary.failures.append((source.source_path, stage, message))
            logger.warning("[%d/%d] %s failed at %s: %s", index, len(work), source.source_path, stage, message)
            continue
        for stage, seconds in result.seconds.items():
            summary.add_time(stage, seconds)
        model = result.model
        started = time.perf_counter()
        try:
            load_document(warehouse, action, result, run_id)
        except Exception as exc:  # this document rolled back (a disk that refuses every write stops the run below)
            _stop_if_requested()  # an interrupted load rolled back: the document is simply not loaded yet
            warehouse.record_error(run_id, source.source_path, action.sha256, "load", type(exc).__name__,
                                   str(exc), PIPELINE_VERSION, "environment")
            summary.counts["failed"] += 1
            summary.failures.append((source.source_path, "load", str(exc)))
            continue
        summary.add_time("load", time.perf_counter() - started)
        summary.counts[action.verdict] += 1
        signs = unrecognised_note_signs(result.document)
        if signs:  # never load notes silently as body text without saying so
            summary.warnings.append(f"{source.source_path}: no notes or references recognised, but it shows "
                                    f"{signs}; they are in the body text")
            logger.warning(summary.warnings[-1])
        if time.monotonic() >= publish_due:  # analysts see progress during long runs, whole documents only
            started = time.perf_counter()
            warehouse.publish()
            took = time.perf_counter() - started
            summary.add_time("publish", took)
            # a publish copies the whole file: a large warehouse is published less often, so
            # copying never costs more than about 5% of the run
            publish_due = time.monotonic() + max(publish_every_seconds, 20 * took)
        logger.info("[%d/%d] %s %s: %d sentences, %d footnotes (%.1fs)", index, len(work), action.verdict,
                    source.source_path, len(result.sentences), len(result.document.footnotes),
                    sum(result.seconds.values()))
    return model

