"""Shared fixtures: one Prefect test harness per session, the real spaCy model, sample paths."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# the model in this process parses as the workers do (flows.workers.WORKER_ENVIRONMENT); set
# before numpy loads
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

SAMPLE_TEXT = ROOT / "raw" / "north-korea-vietnam-war.txt"
SAMPLE_PDF = ROOT / "raw" / "north-korea-vietnam-war-typeset.pdf"


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the whole session (starting one costs about 10 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def nlp():
    from extractors.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def sample_text_document():
    from extractors.document import read_document

    return read_document(SAMPLE_TEXT)


@pytest.fixture(scope="session")
def sample_pdf_document():
    from extractors.document import read_document

    return read_document(SAMPLE_PDF)


@pytest.fixture()
def raw_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


def copy_sample(raw: Path, sample: Path, name: str | None = None) -> Path:
    target = raw / (name or sample.name)
    shutil.copy(sample, target)
    return target
