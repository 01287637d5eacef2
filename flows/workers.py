"""Extraction in worker processes: every core, one model per worker, a budget per document.

Why processes and not threads: spaCy and the extractors hold the GIL, so one
process uses one core; and a document that loops or swells (a hostile regex
case, a PDF that inflates to gigabytes) can only be stopped for certain by
stopping the process that reads it. Each worker loads the model once and
extracts one document at a time; the parent watches the clock and the worker's
resident memory, kills a worker that exceeds the budget, reports that document
as failed (naming the limit) and starts a fresh worker, so the run goes on.

The parent never loads the model and never parses: it hands out paths and
receives :class:`~extractors.pipeline.ExtractedDocument` records, which it loads
in document order (a single writer).
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_for
from pathlib import Path

import psutil

from extractors.pipeline import StageError

#: How often the parent looks at each busy worker's clock and memory.
POLL_SECONDS = 0.1


class BudgetExceeded(Exception):
    """A document took longer or more memory than its budget; ``limit`` is 'time' or 'memory'."""

    def __init__(self, limit: str, message: str):
        super().__init__(message)
        self.limit = limit
        self.stage = "extract"

    def __reduce__(self):
        return type(self), (self.limit, str(self))


class WorkerStartError(RuntimeError):
    """A worker could not start (the model did not load): nothing can be extracted this run."""


@dataclass(frozen=True)
class Budgets:
    """Per-document limits: wall seconds of extraction and resident memory of the worker (MB,
    the loaded model included). ``None`` turns a limit off."""

    seconds: float | None = 600.0
    memory_mb: float | None = 2048.0


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _worker_main(connection, model_name: str, max_text_bytes: int) -> None:
    """A worker's life: load the model, then extract the documents it is sent until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    from extractors.nlp import load_model
    from extractors.pipeline import extract_document

    try:
        nlp = load_model(model_name or None)
    except Exception as exc:  # noqa: BLE001 - told to the parent, which stops the run
        connection.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        path, source_path = job
        try:
            connection.send(("done", extract_document(Path(path), source_path, nlp, max_text_bytes)))
        except Exception as exc:  # noqa: BLE001 - every failure belongs to its document
            try:
                connection.send(("done", exc))
            except Exception:  # an exception that does not pickle: its words still travel
                connection.send(("done", StageError("extract", f"{type(exc).__name__}: {exc}")))


#: What a worker's environment adds to the parent's (a variable the user set is kept). OpenBLAS
#: starts a thread pool in every process it is loaded in, and a process with a second thread
#: parses slower: measured here, the model is 11-12% faster with one thread, one process alone
#: or two side by side (a DuckDB query, which also leaves threads behind, slows it as much;
#: the likely cause is that allocations then take a lock). numpy reads the variable once, when
#: it loads, so it must be in the environment the worker starts with.
WORKER_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1"}
_ENVIRONMENT_LOCK = threading.Lock()


@contextlib.contextmanager
def _worker_environment():
    """:data:`WORKER_ENVIRONMENT` in this process's environment while a worker is started (a
    spawned process inherits it), as it was afterwards."""
    with _ENVIRONMENT_LOCK:
        added = [name for name in WORKER_ENVIRONMENT if name not in os.environ]
        os.environ.update({name: WORKER_ENVIRONMENT[name] for name in added})
        try:
            yield
        finally:
            for name in added:
                os.environ.pop(name, None)


class _Worker:
    def __init__(self, context, model_name: str, max_text_bytes: int):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, model_name, max_text_bytes),
                                       name="marginalia-extract", daemon=True)
        with _worker_environment():
            self.process.start()
        child.close()
        self.ready = False
        self.job: tuple[Future, str, float] | None = None  # (future, source path, started)

    def assign(self, future: Future, path: str, source_path: str) -> None:
        self.connection.send((path, source_path))
        self.job = (future, source_path, time.monotonic())

    def resident_mb(self) -> float:
        try:
            return psutil.Process(self.process.pid).memory_info().rss / 2**20
        except psutil.Error:
            return 0.0

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


class ExtractionPool:
    """``workers`` extraction processes fed from one queue; :meth:`submit` returns a Future.

    Use as a context manager: leaving it (normally, or by Ctrl-C) stops every worker.
    """

    def __init__(self, workers: int, model_name: str, max_text_bytes: int, budgets: Budgets = Budgets()):
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
        self._model_name = model_name
        self._max_text_bytes = max_text_bytes
        self.settings = (model_name, max_text_bytes)
        self.budgets = budgets
        self._jobs: queue.Queue = queue.Queue()
        self._stopping = threading.Event()
        self._fatal: str | None = None
        self._workers = [_Worker(self._context, model_name, max_text_bytes) for _ in range(max(1, workers))]
        self._thread = threading.Thread(target=self._dispatch, name="marginalia-dispatch", daemon=True)
        self._thread.start()

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def submit(self, path: Path | str, source_path: str) -> Future:
        future: Future = Future()
        if self._fatal:
            future.set_exception(WorkerStartError(self._fatal))
        else:
            self._jobs.put((future, str(path), source_path))
        return future

    def close(self) -> None:
        """Stop every worker now (a running extraction is abandoned) and fail what is queued."""
        self._stopping.set()
        self._thread.join(timeout=10)
        for worker in self._workers:
            if worker.job:
                _settle(worker.job[0], StageError("extract", "the run stopped"))
            worker.kill()
        self._drain(StageError("extract", "the run stopped before this document was extracted"))

    def _drain(self, error: BaseException) -> None:
        while True:
            try:
                future, _, _ = self._jobs.get_nowait()
            except queue.Empty:
                return
            _settle(future, error)

    def _replace(self, worker: _Worker, error: BaseException | None) -> None:
        """Fail the worker's document (if any), stop it and start a fresh one in its place."""
        if worker.job and error is not None:
            _settle(worker.job[0], error)
        worker.job = None
        worker.kill()
        if not self._stopping.is_set() and not self._fatal:
            self._workers[self._workers.index(worker)] = _Worker(self._context, self._model_name,
                                                                 self._max_text_bytes)

    def _dispatch(self) -> None:
        """The pool's one thread: hand out jobs, collect results, enforce the budgets."""
        while not self._stopping.is_set():
            for worker in self._workers:
                if worker.ready and worker.job is None:
                    try:
                        future, path, source_path = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if future.set_running_or_notify_cancel():
                        worker.assign(future, path, source_path)
            by_handle = {}
            for worker in self._workers:
                by_handle[worker.connection] = worker
                by_handle[worker.process.sentinel] = worker
            for handle in wait_for(list(by_handle), timeout=POLL_SECONDS):
                worker = by_handle[handle]
                if worker not in self._workers:
                    continue  # replaced while handling an earlier handle of this round
                if handle is worker.connection:
                    self._receive(worker)
                elif not worker.process.is_alive() and not worker.connection.poll():
                    code = worker.process.exitcode
                    self._replace(worker, StageError(
                        "extract", f"the worker extracting this document stopped (exit code {code}); "
                        "the document may crash the parser or need more memory than the machine has"))
            if self._fatal:
                self._drain(WorkerStartError(self._fatal))
                continue
            self._enforce_budgets()

    def _receive(self, worker: _Worker) -> None:
        try:
            kind, payload = worker.connection.recv()
        except (EOFError, OSError):
            return  # the sentinel tells the rest
        if kind == "ready":
            worker.ready = True
        elif kind == "fatal":
            self._fatal = f"a worker could not load the spaCy model: {payload}"
        elif worker.job:
            future = worker.job[0]
            worker.job = None
            _settle(future, payload)

    def _enforce_budgets(self) -> None:
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.job is None:
                continue
            seconds, memory = self.budgets.seconds, self.budgets.memory_mb
            if seconds is not None and now - worker.job[2] > seconds:
                self._replace(worker, BudgetExceeded(
                    "time", f"extraction took longer than the {seconds:g} s budget per document "
                    "(MARGINALIA_DOC_TIME_BUDGET_SECONDS) and was stopped"))
            elif memory is not None and (used := worker.resident_mb()) > memory:
                self._replace(worker, BudgetExceeded(
                    "memory", f"extraction used {used:.0f} MB, over the {memory:g} MB budget per document "
                    "(MARGINALIA_DOC_MEMORY_BUDGET_MB), and was stopped"))


#: Pools started ahead by :func:`prestarted`, waiting for the flow to take them.
_PRESTARTED: list[ExtractionPool] = []


@contextlib.contextmanager
def prestarted(workers: int, model_name: str, max_text_bytes: int):
    """Start the extraction pool now, so its workers load the model while the caller starts
    Prefect (both take seconds; on two or more cores they overlap). The first :func:`open_pool`
    of the same model takes it; leaving this block stops it if nothing took it."""
    pool = ExtractionPool(workers, model_name, max_text_bytes)
    _PRESTARTED.append(pool)
    try:
        yield pool
    finally:
        if pool in _PRESTARTED:
            _PRESTARTED.remove(pool)
            pool.close()


def open_pool(workers: int, model_name: str, max_text_bytes: int, budgets: Budgets = Budgets()) -> ExtractionPool:
    """A pool started ahead for the same model and size limit, or a new one; the caller closes it."""
    for pool in _PRESTARTED:
        if pool.settings == (model_name, max_text_bytes):
            _PRESTARTED.remove(pool)
            pool.budgets = budgets
            return pool
    return ExtractionPool(workers, model_name, max_text_bytes, budgets)


def _settle(future: Future, outcome) -> None:
    """Give a future its result or exception, once."""
    if future.done():
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
