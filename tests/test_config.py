"""Settings: defaults of SPEC §2, environment overrides, and a clear message for a bad value."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

from executor_balancer.config import IN_MEMORY_SQLITE, Settings, describe_error


def make(**env: str) -> Settings:
    return Settings(_env_file=None, **env)  # type: ignore[arg-type]


def test_defaults_follow_the_spec(monkeypatch):
    for name in ("HOST", "PORT", "DATABASE_URL", "USE_DATABASE", "REDIS_URL", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    settings = make()
    assert settings.host == "0.0.0.0"
    assert settings.port == 8006
    assert settings.database_url == "sqlite:///./executor_balancer.db"
    assert settings.use_database is True
    assert settings.redis_url is None
    assert settings.log_level == "INFO"
    assert settings.prometheus_enabled is True


def test_environment_overrides(monkeypatch):
    monkeypatch.setenv("PORT", "9100")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    settings = make()
    assert settings.port == 9100
    assert settings.log_level == "DEBUG"
    assert settings.effective_database_url == "postgresql+psycopg://u@h/db"


def test_use_database_false_means_in_memory(monkeypatch):
    monkeypatch.setenv("USE_DATABASE", "false")
    assert make().effective_database_url == IN_MEMORY_SQLITE


@pytest.mark.parametrize(
    ("name", "value"),
    [("PORT", "eighty"), ("PORT", "70000"), ("USE_DATABASE", "maybe"),
     ("LOG_LEVEL", "LOUD"), ("DATABASE_URL", "mysql://x"), ("SKILL_MATCH", "some")],
)
def test_bad_value_names_the_setting(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        make()
    assert name in describe_error(caught.value)


def test_cli_refuses_bad_settings_with_a_clear_message():
    result = subprocess.run(
        [sys.executable, "-m", "executor_balancer", "migrate"],
        env={"PORT": "not-a-port", "PATH": ""}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "PORT" in result.stderr
