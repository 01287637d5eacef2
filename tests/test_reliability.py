"""Reliability: every kind of bad input, a killed run, two concurrent runs."""
from __future__ import annotations

import codecs
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.cli import main
from tests.conftest import ROOT, SAMPLE_PDF, SAMPLE_TEXT, copy_sample
from tests.textgen import SALT_ROADS
from tests.warehouse_helpers import assert_no_rows_of, doc_id_of, query

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
ZERO_PAGE_PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n"
                 b"<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def thousand_footnotes() -> str:
    body = " ".join(f"Claim {n} is made here.{str(n).translate(SUPERSCRIPT)}" for n in range(1, 1001))
    notes = "\n".join(f"{str(n).translate(SUPERSCRIPT)} Author {n}, *Book {n}*, (City: Press, 1990), p. {n}."
                      for n in range(1, 1001))
    return f"A Long Note Trail\n\n{body}\n\n{notes}\n"


def write_pdf(path: Path, encrypted: bool = False, image_only: bool = False) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0) if encrypted else None)
    if image_only:
        c.rect(100, 100, 300, 300, fill=1)
    else:
        c.drawString(100, 700, "Secret text.")
    c.showPage()
    c.save()


#: file name -> (stage of its ingest_errors row, words its message must hold)
BAD_FILES = {
    "empty.txt": ("read", "empty"),
    "junk.txt": ("decode", "binary"),
    "invalid-utf8.txt": ("decode", "invalid UTF-8"),
    "encrypted.pdf": ("pdf", "encrypted"),
    "truncated.pdf": ("pdf", "damaged or truncated"),
    "scan.pdf": ("pdf", "no text layer"),
    "zero-pages.pdf": ("pdf", "no pages"),
    "huge.txt": ("read", "MB limit"),
}


@pytest.fixture(scope="module")
def bad_input_run(tmp_path_factory, prefect_harness):
    folder = tmp_path_factory.mktemp("bad")
    raw = folder / "raw"
    raw.mkdir()
    copy_sample(raw, SAMPLE_TEXT)
    copy_sample(raw, SAMPLE_PDF)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "junk.txt").write_bytes(os.urandom(2048).replace(b"\n", b"\x00") + b"\x00" * 64)
    (raw / "invalid-utf8.txt").write_bytes("Café ünïcode text. ".encode() + b"\xff\xfe\xc3( more text")
    (raw / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Nguyễn wrote in 1965.\n".encode("utf-16-le"))
    (raw / "cp1252.txt").write_bytes("“Smart quotes” – a café in 1971.\n".encode("cp1252"))
    write_pdf(raw / "encrypted.pdf", encrypted=True)
    (raw / "truncated.pdf").write_bytes(SAMPLE_PDF.read_bytes()[:5000])
    write_pdf(raw / "scan.pdf", image_only=True)
    (raw / "zero-pages.pdf").write_bytes(ZERO_PAGE_PDF)
    with open(raw / "huge.txt", "wb") as handle:  # 50 MB, refused by size before it is read
        handle.write(b"word " * (10 * 1024 * 1024))
    (raw / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    (raw / "salt roads ü (final).txt").write_text(SALT_ROADS, encoding="utf-8")
    (raw / "linked.txt").symlink_to(raw / "salt roads ü (final).txt")
    (raw / "no-footnotes.txt").write_text("A Plain Note\n\nNothing is cited here in 1999.\n", encoding="utf-8")
    (raw / "thousand.txt").write_text(thousand_footnotes(), encoding="utf-8")
    db = folder / "w.duckdb"
    first = main(["ingest", "--raw", str(raw), "--warehouse", str(db)])
    errors_after_first = query(db, "SELECT source_path, stage, message FROM ingest_errors ORDER BY source_path")
    second = main(["ingest", "--raw", str(raw), "--warehouse", str(db)])
    return db, first, second, errors_after_first


def test_bad_files_each_give_one_clear_error_row(bad_input_run):
    db, first, _, errors = bad_input_run
    assert first == 1
    assert sorted(e[0] for e in errors) == sorted(BAD_FILES)
    for path, stage, message in errors:
        expected_stage, words = BAD_FILES[path]
        assert (stage, words in message) == (expected_stage, True), (path, stage, message)
        assert_no_rows_of(db, path)


def test_good_files_load_next_to_bad_ones(bad_input_run):
    db = bad_input_run[0]
    for name in (SAMPLE_TEXT.name, SAMPLE_PDF.name):
        assert query(db, "SELECT count(*) FROM footnotes WHERE doc_id = ?", [doc_id_of(db, name)])[0][0] == 119
    assert query(db, "SELECT text FROM sentences WHERE doc_id = ?", [doc_id_of(db, "utf16.txt")]) == \
        [("Nguyễn wrote in 1965.",)]
    assert query(db, "SELECT text FROM sentences WHERE doc_id = ?", [doc_id_of(db, "cp1252.txt")]) == \
        [("“Smart quotes” – a café in 1971.",)]
    for name in ("salt roads ü (final).txt", "linked.txt", "no-footnotes.txt"):
        doc_id_of(db, name)
    assert query(db, "SELECT count(*), count(DISTINCT number) FROM footnotes WHERE doc_id = ?",
                 [doc_id_of(db, "thousand.txt")]) == [(1000, 1000)]
    assert query(db, "SELECT count(DISTINCT footnote_number) FROM citation_mentions WHERE doc_id = ?",
                 [doc_id_of(db, "thousand.txt")]) == [(1000,)]
    assert_no_rows_of(db, "notes.docx")


def test_rerun_adds_no_duplicate_error_rows(bad_input_run):
    db, _, second, errors = bad_input_run
    assert second == 1, "unchanged bad files still fail the run"
    assert query(db, "SELECT source_path, stage, message FROM ingest_errors ORDER BY source_path") == errors
    assert query(db, "SELECT n_new, n_failed FROM runs ORDER BY started_at")[-1] == (0, len(BAD_FILES))


# ---------------------------------------------------------------- processes

def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "flows.cli", *args]


def environment(tmp_path: Path) -> dict:
    env = dict(os.environ)
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PYTHONPATH=str(ROOT))
    env.pop("PREFECT_API_URL", None)
    return env


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def make_raw(tmp_path: Path, copies: int) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for k in range(copies):
        (raw / f"article-{k}.txt").write_text(SALT_ROADS.replace("1820", str(1820 + k)), encoding="utf-8")
    copy_sample(raw, SAMPLE_TEXT)
    return raw


def test_killed_run_leaves_whole_documents_and_the_next_run_completes(tmp_path):
    raw = make_raw(tmp_path, 6)
    db = tmp_path / "w.duckdb"
    log = tmp_path / "run.log"
    with open(log, "w") as out:
        process = subprocess.Popen(cli("ingest", "--raw", str(raw), "--warehouse", str(db)), cwd=ROOT,
                                   env=environment(tmp_path), stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        wait_for(lambda: "[2/7]" in log.read_text(), 240, "the second document to load")
        os.killpg(process.pid, signal.SIGKILL)  # the run and its temporary Prefect server, mid-flight
        process.wait(30)
    loaded = query(db, "SELECT doc_id, source_path FROM documents")
    assert 2 <= len(loaded) < 7
    for doc_id, path in loaded:  # every document present is whole: its footnotes match its source
        expected = 119 if path == SAMPLE_TEXT.name else 4
        assert query(db, "SELECT count(*) FROM footnotes WHERE doc_id = ?", [doc_id])[0][0] == expected
    finished = subprocess.run(cli("ingest", "--raw", str(raw), "--warehouse", str(db)), cwd=ROOT,
                              env=environment(tmp_path), capture_output=True, text=True, timeout=400)
    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-2000:]
    assert query(db, "SELECT count(*) FROM documents WHERE status = 'current'") == [(7,)]


def test_second_ingest_while_one_runs_exits_with_a_clear_message(tmp_path):
    raw = make_raw(tmp_path, 2)
    shutil.copy(SAMPLE_PDF, raw / SAMPLE_PDF.name)
    db = tmp_path / "w.duckdb"
    log = tmp_path / "first.log"
    with open(log, "w") as out:
        first = subprocess.Popen(cli("ingest", "--raw", str(raw), "--warehouse", str(db)), cwd=ROOT,
                                 env=environment(tmp_path), stdout=out, stderr=subprocess.STDOUT)
        # the lock is taken before Prefect starts, so once the flow has begun the lock is held
        wait_for(lambda: "marginalia-ingest" in log.read_text(), 120, "the first run's flow to begin")
        second = subprocess.run(cli("ingest", "--raw", str(raw), "--warehouse", str(db)), cwd=ROOT,
                                env=environment(tmp_path), capture_output=True, text=True, timeout=120)
        assert second.returncode == 3
        assert "another ingest is writing" in second.stderr
        first.wait(timeout=400)
    assert first.returncode == 0, log.read_text()[-2000:]
    assert query(db, "SELECT count(*) FROM documents") == [(4,)]


def test_reader_queries_in_a_loop_while_a_flow_loads(tmp_path):
    """Analysts read the published copy: no lock errors, and never half a document."""
    from warehouse.analyst import connect_for_reading, published_path

    raw = make_raw(tmp_path, 8)
    db = tmp_path / "w.duckdb"
    env = dict(environment(tmp_path), MARGINALIA_PUBLISH_EVERY_SECONDS="0")
    writer = subprocess.Popen(cli("ingest", "--raw", str(raw), "--warehouse", str(db)), cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    errors: list[str] = []
    seen_counts: set[int] = set()
    reads = 0
    while writer.poll() is None:
        if not published_path(db).exists():
            time.sleep(0.1)
            continue
        try:
            con = connect_for_reading(db)
            rows = con.execute("SELECT d.source_path, (SELECT count(*) FROM footnotes f WHERE f.doc_id = d.doc_id), "
                               "(SELECT count(*) FROM sentences s WHERE s.doc_id = d.doc_id) FROM documents d").fetchall()
            con.close()
        except Exception as exc:  # any lock or I/O error fails the test
            errors.append(repr(exc))
            continue
        reads += 1
        seen_counts.add(len(rows))
        time.sleep(0.05)  # a reader, not a busy loop competing with the writer for the CPU
        for path, footnotes, sentence_count in rows:
            expected = 119 if path == SAMPLE_TEXT.name else 4
            if footnotes != expected or sentence_count == 0:
                errors.append(f"half-loaded {path}: {footnotes} footnotes, {sentence_count} sentences")
    output = writer.stdout.read()
    assert writer.returncode == 0, output[-2000:]
    assert errors == []
    assert reads > 0 and max(seen_counts) <= 9
    assert len(seen_counts) >= 2, "the reader should have seen the warehouse grow during the run"


def test_links_outside_raw_are_skipped_and_odd_file_names_are_loaded(tmp_path, prefect_harness):
    import os

    raw = tmp_path / "raw"
    raw.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("A Title\n\nA secret outside the raw folder.\n", encoding="utf-8")
    (raw / "link.txt").symlink_to(outside)
    odd = os.fsencode(str(raw)) + b"/caf\xe9.txt"  # Latin-1 bytes: not a UTF-8 file name
    with open(odd, "wb") as handle:
        handle.write(b"A Title\n\nThe harbour opened in 1871.\n")
    db = tmp_path / "w.duckdb"
    assert main(["ingest", "--raw", str(raw), "--warehouse", str(db)]) == 0
    names = [r[0] for r in query(db, "SELECT source_path FROM documents")]
    assert names == ["caf\ufffd.txt"]
    published = db.parent / "published" / db.name
    assert published.stat().st_mode & 0o777 == db.stat().st_mode & 0o777
