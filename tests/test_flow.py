"""The ingest flow end to end: real Prefect (test harness), real spaCy, real DuckDB."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from flows.cli import main
from tests.conftest import SAMPLE_PDF, SAMPLE_TEXT, copy_sample
from tests.textgen import SALT_ROADS
from tests.warehouse_helpers import (assert_no_rows_of, assert_table_counts, doc_id_of, query,
                                     table_counts)

pytestmark = pytest.mark.usefixtures("prefect_harness")

SHORT_ARTICLE = "A Short Article\n\nThe archive opened in 1950.¹ It closed in 1990.\n\n¹ D. Lee, *Archives*, (Rome: Arco, 2001), p. 2.\n"


def ingest(raw: Path, db: Path) -> int:
    return main(["ingest", "--raw", str(raw), "--warehouse", str(db)])


def raw_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    """A raw/ folder under ``tmp_path`` holding ``files`` (name -> UTF-8 text)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in files.items():
        (raw / name).write_text(text, encoding="utf-8")
    return raw


def test_nothing_to_do_is_told_without_starting_prefect(tmp_path, monkeypatch):
    import contextlib
    import io

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert ingest(raw, db) == 0
    import flows.ingest

    def no_flow(*args, **kwargs):
        raise AssertionError("the flow must not start when nothing changed")

    monkeypatch.setattr(flows.ingest, "ingest", no_flow)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert ingest(raw, db) == 0
    assert "nothing to load: every document is up to date (1 documents" in out.getvalue()
    (raw / "b.txt").write_text(SHORT_ARTICLE.replace("1950", "1951"), encoding="utf-8")
    with pytest.raises(AssertionError, match="must not start"):
        ingest(raw, db)  # a new file: the flow is needed


@pytest.fixture(scope="module")
def samples_warehouse(tmp_path_factory, prefect_harness):
    """Both samples ingested once, then a second run over the same files."""
    folder = tmp_path_factory.mktemp("samples")
    raw = folder / "raw"
    raw.mkdir()
    copy_sample(raw, SAMPLE_TEXT)
    copy_sample(raw, SAMPLE_PDF)
    db = folder / "warehouse.duckdb"
    first = ingest(raw, db)
    before = {p: table_counts(db, doc_id_of(db, p)) for p in (SAMPLE_TEXT.name, SAMPLE_PDF.name)}
    second = ingest(raw, db)
    return db, first, second, before


def test_samples_load_with_all_footnotes_and_marker_links(samples_warehouse):
    db, first, _, _ = samples_warehouse
    assert first == 0
    for name in (SAMPLE_TEXT.name, SAMPLE_PDF.name):
        doc_id = doc_id_of(db, name)
        numbers = [r[0] for r in query(db, "SELECT number FROM footnotes WHERE doc_id = ? ORDER BY number", [doc_id])]
        assert numbers == list(range(1, 120))
        linked = query(db, "SELECT count(DISTINCT footnote_number) FROM citation_mentions WHERE doc_id = ?", [doc_id])
        assert linked[0][0] == 119


def test_documents_row_records_format_pages_model_and_version(samples_warehouse):
    db = samples_warehouse[0]
    rows = query(db, "SELECT source_path, format, n_pages, model_name, model_version, pipeline_version, status "
                     "FROM documents ORDER BY source_path")
    assert [(r[0], r[1], r[2], r[6]) for r in rows] == [
        (SAMPLE_PDF.name, "pdf", 20, "current"), (SAMPLE_TEXT.name, "text", None, "current")]
    assert all(r[3].startswith("en_core_web_sm") and r[4] and r[5] for r in rows)


def test_second_run_over_unchanged_files_loads_nothing(samples_warehouse):
    """Decided from stats before Prefect starts: the CLI says so and records no run."""
    db, _, second, before = samples_warehouse
    assert second == 0
    runs = query(db, "SELECT n_new, n_changed, n_unchanged FROM runs ORDER BY started_at")
    assert runs == [(2, 0, 0)]
    after = {p: table_counts(db, doc_id_of(db, p)) for p in before}
    assert after == before
    loaded_by = query(db, "SELECT DISTINCT run_id FROM sentences")
    assert len(loaded_by) == 1, "the second run must not have re-loaded any rows"


def test_body_sentences_hold_no_footnote_or_header_text(samples_warehouse):
    db = samples_warehouse[0]
    leaks = query(db, "SELECT text FROM sentences WHERE part = 'body' AND (text LIKE '%Accessed on%' "
                      "OR text LIKE '%(Korean)%' OR regexp_matches(text, '[¹²³⁴⁵⁶⁷⁸⁹⁰]'))")
    assert leaks == []


def test_editing_one_file_replaces_only_that_documents_rows(raw_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    (raw_dir / "salt.txt").write_text(SALT_ROADS, encoding="utf-8")
    (raw_dir / "short.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    assert ingest(raw_dir, db) == 0
    salt, short = doc_id_of(db, "salt.txt"), doc_id_of(db, "short.txt")
    salt_run = query(db, "SELECT DISTINCT run_id FROM sentences WHERE doc_id = ?", [salt])
    (raw_dir / "short.txt").write_text(SHORT_ARTICLE.replace("1990", "1995") + "\nA new closing line.\n",
                                       encoding="utf-8")
    assert ingest(raw_dir, db) == 0
    assert doc_id_of(db, "short.txt") == short, "an edited file keeps its doc_id"
    assert query(db, "SELECT DISTINCT run_id FROM sentences WHERE doc_id = ?", [salt]) == salt_run
    texts = [r[0] for r in query(db, "SELECT text FROM sentences WHERE doc_id = ? ORDER BY sentence_id", [short])]
    assert "It closed in 1995." in texts and "It closed in 1990." not in texts
    assert query(db, "SELECT n_new, n_changed, n_unchanged FROM runs ORDER BY started_at")[-1] == (0, 1, 1)


def test_removed_file_is_marked_removed_and_renamed_file_keeps_its_doc(raw_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    (raw_dir / "salt.txt").write_text(SALT_ROADS, encoding="utf-8")
    (raw_dir / "short.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    assert ingest(raw_dir, db) == 0
    salt, short = doc_id_of(db, "salt.txt"), doc_id_of(db, "short.txt")
    (raw_dir / "short.txt").unlink()
    shutil.move(raw_dir / "salt.txt", raw_dir / "salt roads (final).txt")
    assert ingest(raw_dir, db) == 0
    assert query(db, "SELECT status FROM documents WHERE doc_id = ?", [short]) == [("removed",)]
    assert doc_id_of(db, "salt roads (final).txt") == salt
    assert query(db, "SELECT n_renamed, n_removed, n_new FROM runs ORDER BY started_at")[-1] == (1, 1, 0)
    assert_table_counts(db, short, {"footnotes": 1})  # removed, not silently deleted


def test_corrupt_pdf_is_one_error_row_and_the_others_load(raw_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    (raw_dir / "short.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    (raw_dir / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    (raw_dir / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    assert ingest(raw_dir, db) == 1
    errors = query(db, "SELECT source_path, stage, message FROM ingest_errors")
    assert len(errors) == 1
    assert errors[0][:2] == ("broken.pdf", "pdf") and "damaged" in errors[0][2]
    assert_no_rows_of(db, "broken.pdf")
    assert_no_rows_of(db, "notes.docx")
    assert_table_counts(db, doc_id_of(db, "short.txt"), {"footnotes": 1, "citation_mentions": 1})
    assert ingest(raw_dir, db) == 1, "the bad file still fails"
    assert len(query(db, "SELECT * FROM ingest_errors")) == 1, "no duplicate error row for an unchanged bad file"


def test_report_and_export_on_samples(samples_warehouse, tmp_path, capsys):
    db = samples_warehouse[0]
    assert main(["report", SAMPLE_TEXT.name, "--warehouse", str(db)]) == 0
    out = capsys.readouterr().out
    for section in ("-- counts", "-- most cited works", "-- most mentioned people", "-- time span",
                    "-- figures in conflict"):
        assert section in out
    assert main(["export", "--parquet", str(tmp_path / "export"), "--warehouse", str(db)]) == 0
    partitions = sorted(p.name for p in (tmp_path / "export" / "sentences").iterdir())
    assert partitions == ["doc_id=north-korea-vietnam-war-txt", "doc_id=north-korea-vietnam-war-typeset-pdf"]


#: Two accounts of one siege: the garrison's losses disagree (40 against 55); every other pair of
#: figures here is a trap a historian would not call a disagreement.
RIVAL_ACCOUNTS = """The Siege of Varna

The first report said that 40 soldiers were killed at the ford.¹ Of the 40, 9 were officers.

A later count said that 55 soldiers were killed at the ford.² The roll gives not 30, but 55 dead.

By 1790 the fleet had sunk 20 ships.³ By 1795 the fleet had sunk 35 ships.

The squadron captured 12 ships in the bay. The squadron burnt 16 ships in the bay.

The siege cost 300 French horses in the winter. It cost 450 British horses in the winter.

The garrison counted more than 60 wounded. A surgeon counted 75 wounded.

¹ A. Smith, *The River War* (London: Harbor Press, 1999), p. 12.

² B. Jones, *Counting the Dead* (Paris: Arco, 2004), p. 7.

³ C. Brown, *Fleets* (Rome: Arco, 2001), p. 3.
"""


def test_conflicting_figures_are_rival_counts_of_one_thing(tmp_path):
    raw = raw_folder(tmp_path, {"siege.txt": RIVAL_ACCOUNTS})
    db = tmp_path / "w.duckdb"
    assert ingest(raw, db) == 0
    rows = query(db, "SELECT subject, value_a, value_b, notes_a, notes_b FROM conflicting_figures")
    assert rows == [("soldier", 40.0, 55.0, [1], [2])]


def test_a_second_copy_of_a_work_is_flagged_and_counted_once(tmp_path):
    rewrapped = RIVAL_ACCOUNTS.replace("were killed at", "were killed\nat").replace("fleet had", "fleet\nhad")
    raw = raw_folder(tmp_path, {"siege.txt": RIVAL_ACCOUNTS, "siege-copy.txt": rewrapped, "other.txt": SALT_ROADS})
    db = tmp_path / "w.duckdb"
    assert ingest(raw, db) == 0
    flagged = dict(query(db, "SELECT source_path, duplicate_of FROM documents"))
    assert flagged == {"other.txt": None, "siege-copy.txt": None, "siege.txt": doc_id_of(db, "siege-copy.txt")}
    assert query(db, "SELECT max(n_documents) FROM corpus_entities WHERE name = 'Varna'") == [(1,)]
    assert len(query(db, "SELECT * FROM conflicting_figures")) == 1  # not once per copy
    (raw / "siege-copy.txt").unlink()
    assert ingest(raw, db) == 0  # the copy left: the other stands for the work again
    assert dict(query(db, "SELECT source_path, duplicate_of FROM documents WHERE status = 'current'")) == {
        "other.txt": None, "siege.txt": None}


def cookbook_queries() -> list[str]:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- cookbook -->", 1)[1].split("<!-- /cookbook -->", 1)[0]
    sql = block.split("```sql", 1)[1].split("```", 1)[0]
    return [q.strip() for q in re.split(r"\n(?=-- \d+\. )", sql) if q.strip()]


def test_every_cookbook_query_answers_on_the_samples(samples_warehouse):
    """The README's ten research questions run as written and each returns rows on the samples."""
    db = samples_warehouse[0]
    queries = cookbook_queries()
    assert [q.split(".", 1)[0] for q in queries] == [f"-- {n}" for n in range(1, 11)]
    empty = [q.splitlines()[0] for q in queries if not query(db, q)]
    assert empty == []


SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").exists(), reason="the shared yardstick is not beside this clone")
@pytest.mark.parametrize("doc", [SAMPLE_TEXT.stem, SAMPLE_PDF.name])
def test_yardstick_bars_on_the_samples(samples_warehouse, doc, tmp_path):
    """The issues' bars, measured by the shared score.py, as a regression guard."""
    import json
    import subprocess
    import sys

    out = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(SHARED_EVAL / "score.py"), "--db", str(samples_warehouse[0]), "--gold",
                    str(SHARED_EVAL / "gold" / SAMPLE_TEXT.stem), "--doc", doc, "--json", str(out)],
                   check=True, capture_output=True)
    scores = json.loads(out.read_text())
    citations = scores["citations"]
    assert citations["footnotes"]["f1"] == 1.0
    assert citations["mention_links"]["recall"] >= 0.98
    pdf = doc.endswith(".pdf")
    assert scores["dates"]["f1"] >= (0.92 if pdf else 0.95)
    assert scores["quantities"]["f1"] >= (0.90 if pdf else 0.92)
    assert citations["fields_micro"]["f1"] >= (0.90 if pdf else 0.93)
    assert scores["entities"]["ALL"]["f1"] >= (0.88 if pdf else 0.90)
    if not pdf:
        assert scores["quantities"]["subject_accuracy"] >= 0.90
        assert citations["ref_count_exact"] >= 0.95
        assert citations["fields"]["resolves_to"] >= 0.90 and citations["fields"]["title_original"] >= 0.90
        entities = scores["entities"]
        assert entities["PERSON"]["f1"] >= 0.95 and entities["ORG"]["f1"] >= 0.85 and entities["PLACE"]["f1"] >= 0.88


@pytest.mark.parametrize("error, retried", [
    (OSError("stale file handle"), True),
    (__import__("extractors.document", fromlist=["ReadError"]).ReadError("the file is empty"), False),
    (ValueError("a bug"), False),
], ids=["os_error_is_retried", "unreadable_file_is_not", "other_error_is_not"])
def test_only_transient_io_errors_are_retried(error, retried):
    from prefect.states import Failed

    from flows.ingest import _transient_io_error

    assert _transient_io_error(None, None, Failed(data=error)) is retried


def test_dask_task_runner_loads_the_same_rows_as_the_local_one(tmp_path):
    """Extraction on a local Dask cluster (2 worker processes), loading by the flow alone."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    raw = tmp_path / "raw"
    raw.mkdir()
    for k in range(2):
        (raw / f"a{k}.txt").write_text(SALT_ROADS.replace("1820", str(1820 + k)), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PREFECT_HOME=str(tmp_path / "prefect"),
               MARGINALIA_TASK_RUNNER="dask", MARGINALIA_DASK_WORKERS="2")
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", "--raw", str(raw), "--warehouse",
                           str(tmp_path / "dask.duckdb")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=400)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert ingest(raw, tmp_path / "local.duckdb") == 0
    sql = ("SELECT d.source_path, s.sentence_id, s.text FROM sentences s JOIN documents d USING (doc_id) "
           "ORDER BY 1, 2")
    assert query(tmp_path / "dask.duckdb", sql) == query(tmp_path / "local.duckdb", sql)
    sql = "SELECT d.source_path, c.position, c.title, c.work_id FROM citations c JOIN documents d USING (doc_id) ORDER BY 1, 2"
    assert query(tmp_path / "dask.duckdb", sql) == query(tmp_path / "local.duckdb", sql)


def test_a_failure_of_the_environment_is_retried_and_content_failures_wait_for_retry_failed(tmp_path, capsys):
    """A damaged file fails for its content (skipped until it changes or --retry-failed);
    a bad model name fails before anything starts and leaves no 'failed before' mark."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    (raw / "empty.txt").write_text("   \n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert main(["ingest", "--raw", str(raw), "--warehouse", str(db), "--model", "no_such_model_pkg"]) == 2
    assert "no_such_model_pkg" in capsys.readouterr().err
    assert not db.exists()
    assert ingest(raw, db) == 1  # the empty file fails for its content
    assert ingest(raw, db) == 1
    assert "--retry-failed" in capsys.readouterr().out
    assert query(db, "SELECT count(*), min(error_class) FROM ingest_errors") == [(1, "content")]
    assert main(["ingest", "--raw", str(raw), "--warehouse", str(db), "--retry-failed"]) == 1
    assert query(db, "SELECT count(*) FROM ingest_errors") == [(2,)]  # tried again, failed again


def test_force_and_a_changed_model_extract_again(tmp_path):
    raw = raw_folder(tmp_path, {"good.txt": SHORT_ARTICLE})
    db = tmp_path / "w.duckdb"
    assert ingest(raw, db) == 0
    first_run = query(db, "SELECT run_id FROM documents")[0][0]
    assert ingest(raw, db) == 0
    assert query(db, "SELECT run_id FROM documents")[0][0] == first_run  # unchanged: not loaded again
    assert main(["ingest", "--raw", str(raw), "--warehouse", str(db), "--force", "good.txt"]) == 0
    forced_run = query(db, "SELECT run_id FROM documents")[0][0]
    assert forced_run != first_run
    from warehouse.loader import Warehouse

    with Warehouse(db) as warehouse:  # as if an older model had extracted it
        warehouse.con.execute("UPDATE documents SET model_version = '0.0.1'")
    assert ingest(raw, db) == 0
    assert query(db, "SELECT run_id FROM documents")[0][0] != forced_run


def test_view_shows_every_note_call_date_and_figure_of_the_sample(samples_warehouse, tmp_path):
    """marginalia view: one self-contained page; every note has its anchor and every call links to it."""
    db = samples_warehouse[0]
    out = tmp_path / "sample.html"
    assert main(["view", SAMPLE_TEXT.name, "--out", str(out), "--warehouse", str(db)]) == 0
    page = out.read_text(encoding="utf-8")
    doc_id = doc_id_of(db, SAMPLE_TEXT.name)
    count = lambda sql: query(db, sql, [doc_id])[0][0]  # noqa: E731
    assert page.count('id="note-') == count("SELECT count(*) FROM footnotes WHERE doc_id = ?") == 119
    assert page.count('href="#note-') >= count("SELECT count(*) FROM citation_mentions WHERE doc_id = ?")
    assert page.count('<mark data-kind="date"') == count("SELECT count(*) FROM dates WHERE doc_id = ? AND part = 'body'")
    assert page.count('<mark data-kind="quantity"') == count(
        "SELECT count(*) FROM quantities WHERE doc_id = ? AND part = 'body'")
    import re

    assert not re.search(r"(?:src=|<link href=)[\"']https?://", page)  # self-contained
    assert main(["view", "no-such-document", "--out", str(out), "--warehouse", str(db)]) == 2


def test_claims_carry_their_support(samples_warehouse):
    """'sentence' = a call in it, 'paragraph' = a call later in its paragraph, 'preceding' = only
    an earlier one, else 'none'."""
    db = samples_warehouse[0]
    doc_id = doc_id_of(db, SAMPLE_TEXT.name)
    supports = dict(query(db, "SELECT support, count(*) FROM claims WHERE doc_id = ? GROUP BY ALL", [doc_id]))
    assert set(supports) == {"sentence", "paragraph", "preceding", "none"}
    assert supports["none"] / sum(supports.values()) < 0.30
    wrong = query(db, """
        SELECT count(*) FROM claims c WHERE c.doc_id = ? AND NOT CASE c.support
          WHEN 'sentence' THEN EXISTS (SELECT 1 FROM citation_mentions m WHERE m.doc_id = c.doc_id
                                       AND m.sentence_id = c.sentence_id)
          WHEN 'paragraph' THEN EXISTS (SELECT 1 FROM citation_mentions m JOIN sentences s USING (doc_id, sentence_id)
                                        WHERE m.doc_id = c.doc_id AND s.paragraph_id = c.paragraph_id
                                        AND s.sentence_id > c.sentence_id) AND len(c.notes) > 0
          WHEN 'preceding' THEN EXISTS (SELECT 1 FROM citation_mentions m JOIN sentences s USING (doc_id, sentence_id)
                                        WHERE m.doc_id = c.doc_id AND s.paragraph_id = c.paragraph_id
                                        AND s.sentence_id < c.sentence_id) AND len(c.notes) > 0
                                AND NOT EXISTS (SELECT 1 FROM citation_mentions m JOIN sentences s USING (doc_id, sentence_id)
                                        WHERE m.doc_id = c.doc_id AND s.paragraph_id = c.paragraph_id
                                        AND s.sentence_id >= c.sentence_id)
          ELSE NOT EXISTS (SELECT 1 FROM citation_mentions m JOIN sentences s USING (doc_id, sentence_id)
                           WHERE m.doc_id = c.doc_id AND s.paragraph_id = c.paragraph_id) END""", [doc_id])
    assert wrong == [(0,)]
    assert query(db, "SELECT count(*) FROM figures WHERE doc_id = ? AND support IS NULL", [doc_id]) == [(0,)]


def test_local_run_records_stages_not_a_task_run_per_document(samples_warehouse):
    """Documents are extracted by the worker pool and loaded directly: the flow's only task runs
    are discovery and the plan (a task run per document cost the API server more CPU than
    loading a small document), and the run's record still has the time of every stage."""
    import json

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    db = samples_warehouse[0]
    with get_client(sync_client=True) as client:
        flow_run = next(run for run in client.read_flow_runs(limit=200)
                        if run.parameters.get("warehouse_path") == str(db))
        task_runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run.id])))
    assert sorted(run.task_key.split("-")[0] for run in task_runs) == ["discover", "plan"]
    stages = json.loads(query(db, "SELECT stage_seconds FROM runs")[0][0])
    assert {"read", "layout", "nlp", "references", "extract", "load"} <= set(stages)
    assert all(seconds > 0 for name, seconds in stages.items() if name in ("read", "nlp", "load"))


def test_freshness_counts_stale_files_and_gone_documents_from_stats(samples_warehouse, tmp_path):
    from extractors.nlp import model_identity
    from flows.sources import Freshness, freshness

    model = model_identity()
    db = samples_warehouse[0]
    assert freshness(db.parent / "raw", db, model.name, model.version) == Freshness(2, 0, 0)
    assert freshness(db.parent / "raw", db, model.name, "0.0.0") == Freshness(2, 2, 0)  # another model: all stale
    assert freshness(db.parent / "raw", tmp_path / "none.duckdb", model.name, model.version) is None
    raw = tmp_path / "raw"  # a copy of the folder: one file edited, one gone, one new
    shutil.copytree(db.parent / "raw", raw)
    (raw / SAMPLE_TEXT.name).write_text("Another text.\n", encoding="utf-8")
    (raw / SAMPLE_PDF.name).unlink()
    (raw / "new.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    state = freshness(raw, db, model.name, model.version)
    assert state == Freshness(2, 2, 1) and not state.up_to_date


def test_a_pool_started_ahead_is_taken_by_the_run_with_the_same_model(tmp_path):
    from flows.workers import Budgets, open_pool, prestarted

    with prestarted(1, "", 20 * 2**20) as ahead:
        other = open_pool(1, "", 10 * 2**20)  # another size limit: a pool of its own
        try:
            assert other is not ahead
        finally:
            other.close()
        taken = open_pool(1, "", 20 * 2**20, Budgets(seconds=30.0, memory_mb=None))
        assert taken is ahead and taken.budgets == Budgets(seconds=30.0, memory_mb=None)
        with taken:
            (tmp_path / "a.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
            extracted = taken.submit(tmp_path / "a.txt", "a.txt").result(timeout=120)
        assert extracted.document.footnotes[0].number == 1
        fresh = open_pool(1, "", 20 * 2**20)
        fresh.close()
        assert fresh is not ahead  # taken once only
