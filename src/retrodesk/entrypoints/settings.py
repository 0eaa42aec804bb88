"""Settings read from the environment (`RETRODESK_…`) or `.env`; built by entry points only."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["PLACEHOLDER_SECRET", "Settings"]

PLACEHOLDER_SECRET = "change-me"  # noqa: S105 - the value refused outside development


class Settings(BaseSettings):
    """Where the database and the loaded rule tables are, and the web app's secret."""

    model_config = SettingsConfigDict(env_prefix="RETRODESK_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///retrodesk.db"
    rules_dir: Path = Path("retrodesk-rules")
    secret_key: SecretStr = SecretStr(PLACEHOLDER_SECRET)
    environment: Literal["development", "test", "production"] = "development"

    @model_validator(mode="after")
    def _no_placeholder_secret(self) -> Self:
        if self.environment != "development" and (
                self.secret_key.get_secret_value() == PLACEHOLDER_SECRET):
            raise ValueError("set RETRODESK_SECRET_KEY outside development")
        return self
