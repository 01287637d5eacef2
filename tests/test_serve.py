"""A real Prefect server, the served deployment, a run triggered through the API, a new document loaded."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.textgen import SALT_ROADS
from tests.warehouse_helpers import query

PREFECT = shutil.which("prefect", path=str(Path(sys.executable).parent)) or "prefect"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


@pytest.fixture()
def prefect_server(tmp_path):
    port = free_port()
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_UI_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    try:
        wait_for(lambda: urllib.request.urlopen(f"{url}/health", timeout=2).status == 200, 120, "the Prefect server")
        yield url, env
    finally:
        stop(server)
        log.close()


def test_served_deployment_loads_a_new_document_when_triggered(prefect_server, tmp_path):
    url, env = prefect_server
    env = dict(env, PREFECT_API_URL=url, PYTHONPATH=str(ROOT), PREFECT_RUNNER_POLL_FREQUENCY="2")
    raw = tmp_path / "raw"
    raw.mkdir()
    db = tmp_path / "w.duckdb"
    log = open(tmp_path / "serve.log", "w")
    serve = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--raw", str(raw), "--warehouse", str(db),
                              "--cron", "0 3 1 1 *"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True)
    try:
        listed = lambda: b"marginalia" in subprocess.run(  # noqa: E731
            [PREFECT, "deployment", "ls"], env=env, capture_output=True, timeout=60).stdout
        wait_for(listed, 120, "the deployment to be served")
        (raw / "new-article.txt").write_text(SALT_ROADS, encoding="utf-8")
        triggered = subprocess.run([PREFECT, "deployment", "run", "marginalia-ingest/marginalia"], env=env,
                                   capture_output=True, text=True, timeout=60)
        assert triggered.returncode == 0, triggered.stdout + triggered.stderr
        published = db.parent / "published" / db.name
        wait_for(lambda: query(published, "SELECT source_path FROM documents") == [("new-article.txt",)], 300,
                 "the triggered run to load the new document")
        schedules = subprocess.run([PREFECT, "deployment", "inspect", "marginalia-ingest/marginalia"], env=env,
                                   capture_output=True, text=True, timeout=60).stdout
        assert "0 3 1 1 *" in schedules
    finally:
        stop(serve)
        log.close()
    assert query(published, "SELECT count(*) FROM footnotes") == [(4,)]
