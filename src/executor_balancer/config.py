"""The one Settings object: environment variables (and an optional .env), validated at start."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from executor_balancer.domain import AutoStrategy

IN_MEMORY_SQLITE = "sqlite://"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    host: str = "0.0.0.0"
    port: int = Field(8006, ge=1, le=65535)
    database_url: str = "sqlite:///./executor_balancer.db"
    use_database: bool = True
    redis_url: str | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    prometheus_enabled: bool = True
    load_sample_data: bool = False

    default_strategy: AutoStrategy = AutoStrategy.best_match
    skill_match: Literal["all", "any"] = "all"
    auth_enabled: bool = True
    admin_token: SecretStr | None = None
    secret_key: SecretStr | None = None
    cors_origins: str = ""
    metrics_token: SecretStr | None = None
    max_body_bytes: int = Field(1_048_576, ge=1024, le=100 * 1_048_576)
    session_max_age_seconds: int = Field(14 * 24 * 3600, ge=60)

    dispatch_sweep_seconds: float = Field(5.0, gt=0, le=3600)
    ws_heartbeat_seconds: float = Field(15.0, gt=0, le=3600)
    weight_role: float = Field(0.20, ge=0, le=10)
    weight_skills: float = Field(0.25, ge=0, le=10)
    weight_language: float = Field(0.05, ge=0, le=10)
    weight_timezone: float = Field(0.05, ge=0, le=10)
    weight_load: float = Field(0.15, ge=0, le=10)
    weight_success_rate: float = Field(0.10, ge=0, le=10)
    weight_experience: float = Field(0.10, ge=0, le=10)
    weight_weight: float = Field(0.10, ge=0, le=10)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("redis_url", "admin_token", "secret_key", "metrics_token", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:", "postgres:")):
            raise ValueError("must be sqlite:///path or postgresql://user@host/db")
        return value

    @property
    def effective_database_url(self) -> str:
        """USE_DATABASE=false means an in-memory database that vanishes on exit."""
        if not self.use_database:
            return IN_MEMORY_SQLITE
        url = self.database_url
        if url.startswith("postgres://"):
            url = "postgresql://" + url.removeprefix("postgres://")
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    @property
    def is_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")


def describe_error(error: ValidationError) -> str:
    """One line per bad setting, naming the environment variable."""
    lines = []
    for item in error.errors():
        name = str(item["loc"][0]).upper() if item["loc"] else "settings"
        shown = "***" if name.endswith(("TOKEN", "KEY")) else repr(item.get("input"))
        lines.append(f"{name}: {item['msg']} (got {shown})")
    return "invalid settings:\n  " + "\n  ".join(lines)


@lru_cache
def get_settings() -> Settings:
    return Settings()
