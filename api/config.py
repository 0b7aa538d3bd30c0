"""Settings, read once from the environment or `.env` (pydantic-settings)."""

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, HttpUrl, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
# A list of origins, "https://a.org,https://b.org" in the environment: NoDecode hands that text to the
# validator below instead of pydantic-settings' JSON decoding (which would refuse it).
Origins = Annotated[list[str], NoDecode]


class Settings(BaseSettings):
    # An empty variable counts as unset (docker-compose passes optional ones as "").
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True)

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
    cors_origins: Origins = Field(default_factory=list, description="Origins allowed by CORS.")
    redis_url: str | None = Field(default=None, description="Shared rate-limit counters when set.")
    rate_limit_prefix: str = Field(default="semap:rl:", description="Prefix of the rate-limit keys in Redis.")
    rate_limit_submissions_per_hour: int = Field(default=10, ge=1, description="Public submissions per client.")
    rate_limit_inquiries_per_hour: int = Field(default=20, ge=1, description="Buyer inquiries per client.")
    rate_limit_match_per_minute: int = Field(default=30, ge=1, description="Buyer-match runs per client.")
    rate_limit_integration_multiplier: int = Field(default=10, ge=1, description="Integration tokens' factor.")
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="Largest JSON request body.")
    max_upload_bytes: int = Field(default=50 * 1_048_576, ge=1024, description="Largest upload.")
    frontend_dist: Path = Field(default=REPO_ROOT / "frontend" / "dist")
    # An online base map for a production deployment: the SPA draws it under its own layers.
    basemap_style_url: HttpUrl | None = Field(default=None, description="MapLibre style JSON of a base map; "
                                              "unset: the offline base map bundled with the SPA.")
    basemap_attribution: str = Field(default="", max_length=300, description="Credit shown under the map.")
    basemap_origins: Origins = Field(default_factory=list, description="Other origins the style loads tiles, "
                                       "glyphs or sprites from (the style's own origin is always allowed).")
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
    # Open data: the downloads' directory (served at /downloads/), the Murmurations index, webhooks.
    downloads_dir: Path = Field(default=REPO_ROOT / ".data" / "downloads",
                                description="Where `semap downloads build` writes the open-data files.")
    murmurations_index_url: str = Field(default="https://index.murmurations.network/v2",
                                        description="The Murmurations index `semap murmurations register` posts to.")
    webhooks_allow_loopback_http: bool = Field(default=False, description="Accept http://127.0.0.1 webhook "
                                               "URLs (development and tests only); otherwise HTTPS only.")
    webhook_max_attempts: int = Field(default=8, ge=1, le=50, description="Then a delivery is marked failed.")
    webhook_backoff_seconds: int = Field(default=30, ge=1, description="First retry delay; doubles each time.")
    webhook_disable_after_failures: int = Field(default=15, ge=1, description="Consecutive failed attempts "
                                                "after which a subscription is disabled.")
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=120)

    @field_validator("cors_origins", "basemap_origins", mode="before")
    @classmethod
    def split_origins(cls, value: object) -> object:
        # Accept "https://a.org,https://b.org" from the environment as well as a JSON list.
        if isinstance(value, str):
            if value.strip().startswith("["):
                return json.loads(value)
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("basemap_origins")
    @classmethod
    def plain_origins(cls, value: list[str]) -> list[str]:
        # They go into the Content-Security-Policy: scheme and host only, nothing that could end a directive.
        for origin in value:
            if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?", origin):
                raise ValueError(f"not an origin like https://tiles.example.org: {origin!r}")
        return value

    @property
    def basemap_csp_origins(self) -> list[str]:
        """Origins the browser may fetch the base map from: the style's, and any configured."""
        if self.basemap_style_url is None:
            return []
        style = urlsplit(str(self.basemap_style_url))
        own = f"{style.scheme}://{style.hostname}" + (f":{style.port}" if style.port else "")  # never user:password@
        return list(dict.fromkeys([own, *self.basemap_origins]))

    @property
    def sync_database_url(self) -> str:
        """The same database for libpq tools (psql, pg_dump) and Alembic's offline mode."""
        return self.database_url.replace("postgresql+asyncpg://", "postgresql://", 1)


@lru_cache
def get_settings() -> Settings:
    return Settings()
