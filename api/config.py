"""Settings, read once from the environment or `.env` (pydantic-settings)."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(
        default="postgresql+asyncpg://postgres@127.0.0.1:5432/semap",
        description="SQLAlchemy async URL of the PostgreSQL + PostGIS database.",
    )
    db_pool_size: int = Field(default=5, ge=1, le=100)
    db_max_overflow: int = Field(default=5, ge=0, le=100)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    public_base_url: str = Field(default="", description="Absolute URL the API is reached at (links).")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS.")
    redis_url: str | None = Field(default=None, description="Shared rate-limit counters when set.")
    rate_limit_prefix: str = Field(default="semap:rl:", description="Prefix of the rate-limit keys in Redis.")
    rate_limit_submissions_per_hour: int = Field(default=10, ge=1, description="Public submissions per client.")
    rate_limit_inquiries_per_hour: int = Field(default=20, ge=1, description="Buyer inquiries per client.")
    rate_limit_match_per_minute: int = Field(default=30, ge=1, description="Buyer-match runs per client.")
    rate_limit_integration_multiplier: int = Field(default=10, ge=1, description="Integration tokens' factor.")
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="Largest JSON request body.")
    max_upload_bytes: int = Field(default=50 * 1_048_576, ge=1024, description="Largest upload.")
    frontend_dist: Path = Field(default=REPO_ROOT / "frontend" / "dist")
    log_level: str = "info"
    # E-mail: the outbox (`semap outbox send`) delivers through this SMTP server.
    smtp_host: str = Field(default="127.0.0.1", description="SMTP server the outbox delivers through.")
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = Field(default=False, description="Upgrade the connection with STARTTLS.")
    smtp_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    mail_from: str = Field(default="Social Enterprise Map <no-reply@semap.dev>")
    outbox_max_attempts: int = Field(default=8, ge=1, le=100, description="Then a message is marked failed.")
    outbox_backoff_seconds: int = Field(default=60, ge=1, description="First retry delay; doubles each time.")

    @field_validator("cors_origins", mode="before")
    @classmethod
    def split_origins(cls, value: object) -> object:
        # Accept "https://a.org,https://b.org" from the environment as well as a JSON list.
        if isinstance(value, str) and not value.strip().startswith("["):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @property
    def sync_database_url(self) -> str:
        """The same database for libpq tools (psql, pg_dump) and Alembic's offline mode."""
        return self.database_url.replace("postgresql+asyncpg://", "postgresql://", 1)


@lru_cache
def get_settings() -> Settings:
    return Settings()
