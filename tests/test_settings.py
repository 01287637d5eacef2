"""Configuration: defaults < marginalia.toml < environment < command line, bad values named."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.settings import Settings, SettingsError, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No MARGINALIA_ variable of the machine leaks into these tests."""
    import os

    for name in list(os.environ):
        if name.startswith("MARGINALIA_"):
            monkeypatch.delenv(name)


def test_defaults():
    settings = load_settings(config_file=Path("/nonexistent.toml"))
    assert settings == Settings()
    assert settings.raw_dir == Path("raw") and settings.warehouse == Path("warehouse/warehouse.duckdb")
    assert settings.schedule_cron == "*/15 * * * *"


def test_precedence_file_then_environment_then_command_line(tmp_path, monkeypatch):
    config = tmp_path / "marginalia.toml"
    config.write_text('[marginalia]\nraw_dir = "from-file"\nschedule_cron = "0 * * * *"\nmax_text_mb = 5\n')
    monkeypatch.setenv("MARGINALIA_RAW_DIR", "from-env")
    settings = load_settings(config_file=config)
    assert (settings.raw_dir, settings.schedule_cron, settings.max_text_mb) == (Path("from-env"), "0 * * * *", 5.0)
    assert settings.max_text_bytes == 5 * 1024 * 1024
    settings = load_settings(config_file=config, raw_dir="from-cli")
    assert settings.raw_dir == Path("from-cli")


BAD = [
    # (case id, environment, words the error must hold)
    ("cron_with_four_fields", {"MARGINALIA_SCHEDULE_CRON": "*/15 * * *"}, "schedule_cron"),
    ("negative_size", {"MARGINALIA_MAX_TEXT_MB": "-1"}, "max_text_mb"),
    ("size_not_a_number", {"MARGINALIA_MAX_TEXT_MB": "lots"}, "max_text_mb"),
    ("unknown_task_runner", {"MARGINALIA_TASK_RUNNER": "spark"}, "'local' or 'dask'"),
    ("fractional_workers", {"MARGINALIA_DASK_WORKERS": "1.5"}, "dask_workers"),
    ("negative_wait", {"MARGINALIA_LOCK_WAIT_SECONDS": "-3"}, "lock_wait_seconds"),
    ("wait_not_a_number", {"MARGINALIA_LOCK_WAIT_SECONDS": "nan"}, "lock_wait_seconds from MARGINALIA_LOCK_WAIT_SECONDS"),
    ("workers_not_a_number", {"MARGINALIA_DASK_WORKERS": "nan"}, "dask_workers from MARGINALIA_DASK_WORKERS"),
    ("local_workers_not_a_number", {"MARGINALIA_WORKERS": "nan"}, "workers from MARGINALIA_WORKERS"),
    ("negative_local_workers", {"MARGINALIA_WORKERS": "-2"}, "workers from MARGINALIA_WORKERS"),
    ("time_budget_not_a_number", {"MARGINALIA_DOC_TIME_BUDGET_SECONDS": "nan"}, "doc_time_budget_seconds"),
    ("negative_memory_budget", {"MARGINALIA_DOC_MEMORY_BUDGET_MB": "-1"}, "doc_memory_budget_mb"),
]


def test_budgets_of_zero_mean_no_limit(monkeypatch):
    monkeypatch.setenv("MARGINALIA_DOC_TIME_BUDGET_SECONDS", "0")
    settings = load_settings(config_file=Path("/nonexistent.toml"))
    assert settings.budgets == {"doc_time_budget_seconds": None, "doc_memory_budget_mb": 2048.0}


@pytest.mark.parametrize("case, environ, words", BAD, ids=[b[0] for b in BAD])
def test_bad_values_are_named(case, environ, words, monkeypatch):
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=words):
        load_settings(config_file=Path("/nonexistent.toml"))


def test_unknown_key_in_file_lists_the_valid_ones(tmp_path):
    config = tmp_path / "marginalia.toml"
    config.write_text("[marginalia]\nraw_folder = 'x'\n")
    with pytest.raises(SettingsError, match="unknown setting 'raw_folder'.*raw_dir"):
        load_settings(config_file=config)


def test_configuration_file_that_is_a_folder_or_not_utf8_is_named(tmp_path):
    with pytest.raises(SettingsError, match="is a folder"):
        load_settings(config_file=tmp_path)
    config = tmp_path / "marginalia.toml"
    config.write_bytes(b"raw_dir = '\xff'\n")
    with pytest.raises(SettingsError, match="not UTF-8"):
        load_settings(config_file=config)


def test_warehouse_that_is_a_folder_is_refused(tmp_path):
    with pytest.raises(SettingsError, match="is a folder"):
        load_settings(config_file=Path("/nonexistent.toml"), warehouse=str(tmp_path))


def test_cli_reports_configuration_errors_with_exit_code_2(capsys, monkeypatch):
    from flows.cli import main

    monkeypatch.setenv("MARGINALIA_SCHEDULE_CRON", "bad")
    assert main(["schema"]) == 2
    assert "schedule_cron" in capsys.readouterr().err
