"""Hostile documents and faults: a document never stops the run, a signal ends it cleanly.

Every input here is made in the test: long runs of one character class, a PDF whose
stream inflates to 2 GiB, a PDF whose text is drawn as paths.
"""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import time
import zlib
from pathlib import Path

import pytest

from extractors.document import ReadError, read_paragraphs
from flows.workers import BudgetExceeded, Budgets, ExtractionPool
from tests.test_reliability import cli, environment, make_raw, thousand_footnotes, wait_for
from tests.warehouse_helpers import query
from tests.conftest import ROOT

# ---------------------------------------------------------------- linear time

#: Units that, repeated into one long paragraph, once made an extractor quadratic (or the
#: tokenizer: a run with no space), and a few of every other class for company.
ADVERSARIAL_UNITS = [
    "Alpha Beta ", "1, ", "12 and ", ".", "(", "=", "“", "_", "pp. 1-9; ", "Ibid. ", "Smith and Jones ",
    "1999a, ", "the 1950s ", "3,500 tons ", "A. B. C. ", "U.S.C. ", "ISBN ", "Jan. ", "AB ", "May 1, ",
    "(Smith 1999; ", "eds. ", "accessed ", "~",
]
ADVERSARIAL_CHARS = 12_000
#: Seconds the rules may take on ADVERSARIAL_CHARS characters (about 80 µs a character; the
#: quadratic cases took 3 to 13 s, the linear ones take under 0.3 s here).
RULES_SECONDS = 1.0


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS)
def test_rules_read_a_long_run_of_one_pattern_in_linear_time(unit, nlp):
    from extractors.citations import extract_references
    from extractors.dates import extract_dates
    from extractors.document import build_document
    from extractors.document.markers import extract_citation_mentions
    from extractors.document.text import split_paragraphs
    from extractors.entities import extract_entities
    from extractors.nlp import parse_blocks, sentences
    from extractors.quantities import extract_quantities

    text = "Start. " + unit * (ADVERSARIAL_CHARS // len(unit)) + " End."
    started = time.perf_counter()
    document = build_document(split_paragraphs(text), "run.txt", "text")
    layout = time.perf_counter() - started
    parsed = parse_blocks(document, nlp)
    started = time.perf_counter()
    sents = sentences(document, parsed)
    dates = extract_dates(document, sents)
    extract_references(document)
    extract_quantities(document, parsed, sents, [(d.start, d.end) for d in dates])
    extract_entities(document, parsed, sents)
    extract_citation_mentions(document, sents)
    rules = layout + time.perf_counter() - started
    assert rules < RULES_SECONDS, f"{unit!r} x {ADVERSARIAL_CHARS // len(unit)}: rules took {rules:.2f} s"
    assert "".join(p.doc.text for p in parsed) == "".join(document.text[b.start:b.end] for b in document.blocks)


def test_a_paragraph_without_breaks_is_parsed_in_pieces_that_keep_every_offset(nlp):
    from extractors.document import build_document
    from extractors.document.text import split_paragraphs
    from extractors.nlp import MAX_PARSE_CHARS, parse_blocks, sentences

    text = "The harbour of Varna opened in 1871 and grew. " * (3 * MAX_PARSE_CHARS // 46) + "(" * 500 + " end."
    document = build_document(split_paragraphs(text), "long.txt", "text")
    parsed = parse_blocks(document, nlp)
    assert len(parsed) == 1 and parsed[0].doc.text == document.text[parsed[0].block.start:parsed[0].block.end]
    sents = sentences(document, parsed)
    assert sum(1 for s in sents if s.text == "The harbour of Varna opened in 1871 and grew.") >= 3 * MAX_PARSE_CHARS // 46 - 3


# ---------------------------------------------------------------- budgets


def test_a_document_over_its_time_budget_is_stopped_and_the_pool_goes_on(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_text(thousand_footnotes(), encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text("A Title\n\nThe harbour opened in 1871.\n", encoding="utf-8")
    with ExtractionPool(1, "", 20 * 2**20, Budgets(seconds=0.5, memory_mb=None)) as pool:
        stopped = pool.submit(slow, "slow.txt")
        with pytest.raises(BudgetExceeded, match="0.5 s budget") as caught:
            stopped.result(timeout=300)
        assert caught.value.limit == "time"
        loaded = pool.submit(short, "short.txt").result(timeout=300)  # a fresh worker took over
    assert [d.text for d in loaded.dates] == ["1871"]


def test_a_document_over_its_memory_budget_is_stopped_with_the_limit_named(tmp_path):
    text = tmp_path / "any.txt"
    text.write_text(thousand_footnotes(), encoding="utf-8")  # seconds of work: the budget is checked meanwhile
    with ExtractionPool(1, "", 20 * 2**20, Budgets(seconds=None, memory_mb=1)) as pool:
        with pytest.raises(BudgetExceeded, match="1 MB budget") as caught:
            pool.submit(text, "any.txt").result(timeout=300)
    assert caught.value.limit == "memory"


def test_a_read_error_keeps_its_stage_across_the_process_boundary(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with ExtractionPool(1, "", 20 * 2**20) as pool:
        with pytest.raises(ReadError) as caught:
            pool.submit(empty, "empty.txt").result(timeout=300)
    assert caught.value.stage == "read"


def test_a_worker_starts_with_one_blas_thread_and_the_parent_environment_is_left_as_it_was(monkeypatch):
    """OpenBLAS's thread pool slows the parser (see WORKER_ENVIRONMENT); a value the user set wins."""
    import psutil

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with ExtractionPool(1, "", 20 * 2**20) as pool:
        worker_environment = psutil.Process(pool._workers[0].process.pid).environ()
    assert worker_environment["OPENBLAS_NUM_THREADS"] == "1"
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    with ExtractionPool(1, "", 20 * 2**20) as pool:
        assert psutil.Process(pool._workers[0].process.pid).environ()["OPENBLAS_NUM_THREADS"] == "3"


# ---------------------------------------------------------------- hostile PDFs


def one_page_pdf(path: Path, content: bytes, filtered: bool = True) -> None:
    """A one-page PDF whose page content is ``content`` (Flate-compressed when ``filtered``), with
    Helvetica as font /F1."""
    dictionary = b"<< /Length %d%s >>" % (len(content), b" /Filter /FlateDecode" if filtered else b"")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               dictionary + b"\nstream\n" + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def bomb_pdf(path: Path, inflated: int = 2 * 2**30) -> None:
    """A page whose content stream is ~2 MB compressed and ``inflated`` bytes inflated."""
    piece = b"0" * 2**24
    count = inflated // len(piece)
    # raw deflate: after a full flush the compressor forgets what it saw, so every piece but the
    # last compresses to the same bytes; compress it once and repeat it, then wrap the blocks in
    # zlib's header and the checksum of the whole (so the stream is valid to its last byte)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    middle = compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(piece) + compressor.flush()
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(piece, checksum)
    stream = b"\x78\xda" + middle * (count - 1) + tail + checksum.to_bytes(4, "big")
    one_page_pdf(path, stream)


def test_a_pdf_that_inflates_to_2_gib_is_refused_with_memory_to_spare(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    bomb_pdf(raw / "bomb.pdf")
    assert (raw / "bomb.pdf").stat().st_size < 3 * 2**20
    db = tmp_path / "w.duckdb"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(cli("ingest", "--raw", str(raw), "--warehouse", str(db)), cwd=ROOT,
                          env=environment(tmp_path), capture_output=True, text=True, timeout=300)
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]
    [(stage, message)] = query(db, "SELECT stage, message FROM ingest_errors")
    assert stage == "pdf" and "decompression bomb" in message
    assert peak_mb < 1536, f"peak resident memory of a process of the run: {peak_mb:.0f} MB"


def test_a_pdf_drawing_its_text_as_paths_is_named_as_such(tmp_path):
    outlines = b"".join(b"%d 700 m %d 710 %d 720 %d 700 c S\n" % (x, x + 2, x + 4, x + 6) for x in range(50, 550, 8))
    one_page_pdf(tmp_path / "outlined.pdf", zlib.compress(outlines))
    with pytest.raises(ReadError, match="vector outlines"):
        read_paragraphs(tmp_path / "outlined.pdf")


def test_a_page_of_a_quarter_million_tiny_glyphs_is_refused_before_layout(tmp_path):
    from extractors.document.pdf import MAX_PAGE_GLYPHS

    rows = b"\n".join(b"1 0 0 1 10 %.2f Tm (%s) Tj" % (780 - k * 3, b"ab" * 500) for k in range(250))
    one_page_pdf(tmp_path / "glyphs.pdf", zlib.compress(b"BT /F1 0.5 Tf\n" + rows + b"\nET"))
    with pytest.raises(ReadError, match=f"250,000 characters, more than the {MAX_PAGE_GLYPHS:,}"):
        read_paragraphs(tmp_path / "glyphs.pdf")


# ---------------------------------------------------------------- signals and a dead server


def _reset_sigint() -> None:  # a test runner in the background may start us with SIGINT ignored
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_stops_the_run_within_seconds_and_the_next_ingest_starts_at_once(stop, tmp_path):
    raw = make_raw(tmp_path, 10)
    db = tmp_path / "w.duckdb"
    log = tmp_path / "run.log"
    with open(log, "w") as out:
        process = subprocess.Popen(cli("ingest", "--raw", str(raw), "--warehouse", str(db), "--workers", "1"),
                                   cwd=ROOT, env=environment(tmp_path), stdout=out, stderr=subprocess.STDOUT,
                                   preexec_fn=_reset_sigint)
        wait_for(lambda: "[1/11]" in log.read_text(), 240, "the first document to load")
        sent = time.monotonic()
        process.send_signal(stop)
        process.wait(60)
        took = time.monotonic() - sent
    assert took < 10, f"stopping took {took:.1f} s"
    assert process.returncode == 130, log.read_text()[-2000:]
    assert "interrupted" in log.read_text()
    assert query(db, "SELECT status FROM runs") == [("interrupted",)]
    loaded = query(db, "SELECT count(*) FROM documents")[0][0]
    assert 1 <= loaded < 11
    if stop == signal.SIGINT:  # the lock is free: the next run starts and finishes the rest
        finished = subprocess.run(cli("ingest", "--raw", str(raw), "--warehouse", str(db)), cwd=ROOT,
                                  env=environment(tmp_path), capture_output=True, text=True, timeout=400)
        assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-2000:]
        assert query(db, "SELECT count(*) FROM documents WHERE status = 'current'") == [(11,)]
        assert sorted(query(db, "SELECT status FROM runs")) == [("interrupted",), ("succeeded",)]


def test_a_dead_prefect_server_fails_the_run_in_seconds(tmp_path):
    raw = make_raw(tmp_path, 1)
    env = environment(tmp_path)
    env["PREFECT_API_URL"] = "http://127.0.0.1:9/api"  # the discard port: nothing answers
    started = time.monotonic()
    done = subprocess.run(cli("ingest", "--raw", str(raw), "--warehouse", str(tmp_path / "w.duckdb")), cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "does not answer" in done.stderr and "PREFECT_API_URL" in done.stderr
    assert time.monotonic() - started < 30
