"""Configuration: one pydantic-settings class, read from the environment and .env."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/coach.db"
DEFAULT_DATABASE_TIMEOUT_SECONDS = 5.0
SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
# What Telegram accepts as a webhook's secret_token.
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class Settings(BaseSettings):
    """Everything an operator can set; see .env.example for each field."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = DEFAULT_DATABASE_URL
    database_timeout_seconds: float = Field(default=DEFAULT_DATABASE_TIMEOUT_SECONDS, gt=0, le=120)
    log_level: str = "INFO"
    send_rate_per_second: float = Field(default=30, gt=0, le=1000)
    reminder_grace_hours: float = Field(default=2, ge=0, le=72)
    # A claim is renewed every third of this, so a few seconds is still safe; the process tests
    # use 3 s to see a killed sender's reminders taken over without a long wait.
    claim_timeout_seconds: int = Field(default=300, ge=3)
    scheduler_tick_seconds: float = Field(default=5, gt=0, le=300)
    retention_months: int = Field(default=24, ge=1, le=240)
    log_format: Literal["text", "json"] = "text"
    # Production mode (`glute-coach run --webhook`); see README "Running in production".
    webhook_url: str | None = None
    webhook_secret_token: SecretStr | None = None
    webhook_max_connections: int = Field(default=40, ge=1, le=100)
    listen_address: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    monitor_port: int | None = Field(default=None, ge=1, le=65535)
    # The send budget shared by every process: in Redis when set, else in PostgreSQL.
    redis_url: str | None = None

    @field_validator(
        "telegram_bot_token",
        "webhook_url",
        "webhook_secret_token",
        "monitor_port",
        "redis_url",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # BotFather tokens are "<bot id>:<secret>"; catching a pasted typo here beats a 401 later.
        if value is not None:
            bot_id, _, secret = value.get_secret_value().partition(":")
            if not bot_id.isdigit() or not secret:
                raise ValueError("expected the form 123456:ABC... from @BotFather")
        return value

    @field_validator("telegram_api_base_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("webhook_secret_token")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not SECRET_TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError("1-256 characters, only A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://", "redis+unix://")):
            raise ValueError("must start with redis://, rediss:// or redis+unix://")
        return value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_format(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        try:
            driver = make_url(value).drivername
        except ArgumentError as exc:
            raise ValueError(f"not a database URL ({exc})") from None
        if driver == "postgresql":
            raise ValueError("use postgresql+asyncpg://user:pass@host/db")
        if driver not in SUPPORTED_DRIVERS:
            raise ValueError(f"driver {driver!r} is not one of {', '.join(SUPPORTED_DRIVERS)}")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level


class SettingsError(SystemExit):
    """Exit with one line that names the bad setting."""


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning a validation error into a one-line exit naming the setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise SettingsError(f"Invalid setting {name}: {first['msg']}") from None

