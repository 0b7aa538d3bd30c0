"""Settings, read once from the environment or `.env` (pydantic-settings)."""

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, HttpUrl, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
# A list of origins, "https://a.org,https://b.org" in the environment: NoDecode hands that text to the
# validator below instead of pydantic-settings' JSON decoding (which would refuse it).
CommaList = Annotated[list[str], NoDecode]
Origins = CommaList
# Where `semap mailcatcher` listens by default: development sends there unless SMTP_PORT says otherwise.
DEVELOPMENT_SMTP_PORT = 1025


class Settings(BaseSettings):
    # An empty variable counts as unset (docker-compose passes optional ones as "").
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True)

    environment: Literal["development", "production"] = Field(
        default="development", description="production requires PUBLIC_BASE_URL (links in e-mails).")
    database_url: str = Field(
        default="postgresql+asyncpg://postgres@127.0.0.1:5432/semap",
        description="SQLAlchemy async URL of the PostgreSQL + PostGIS database.",
    )
    database_read_url: CommaList = Field(default_factory=list, description="Read replicas for public reads, "
                                         "comma-separated; empty: every read goes to DATABASE_URL.")
    database_pgbouncer: bool = Field(default=False, description="The database URLs point at PgBouncer in "
                                     "transaction mode: no prepared-statement cache, no autocommit reads.")
    db_pool_size: int = Field(default=5, ge=1, le=100)
    db_max_overflow: int = Field(default=5, ge=0, le=100)
    # With the database down or unreachable, a request gives up after these and answers 503, never hangs.
    db_connect_timeout_seconds: float = Field(default=5.0, gt=0, le=120, description="Opening a connection.")
    db_pool_timeout_seconds: float = Field(default=10.0, gt=0, le=300, description="Waiting for a free connection.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    public_base_url: str = Field(default="", description="Absolute URL the site is reached at (links in e-mails); "
                                 "required in production, http://HOST:PORT in development when unset.")
    cors_origins: Origins = Field(default_factory=list, description="Origins allowed by CORS.")
    forwarded_allow_ips: CommaList = Field(default_factory=list, description="Addresses or networks of the "
                                         "reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are "
                                         "believed; empty: none, the peer's address is the client's.")
    redis_url: str | None = Field(default=None, description="Shared rate-limit counters when set.")
    rate_limit_prefix: str = Field(default="semap:rl:", description="Prefix of the rate-limit keys in Redis.")
    rate_limit_submissions_per_hour: int = Field(default=10, ge=1, description="Public submissions per client.")
    rate_limit_inquiries_per_hour: int = Field(default=20, ge=1, description="Buyer inquiries per client.")
    rate_limit_match_per_minute: int = Field(default=30, ge=1, description="Buyer-match runs per client.")
    rate_limit_full_exports_per_hour: int = Field(default=3, ge=1, description="Anonymous exports of the whole "
                                                  "directory per client while no prebuilt file exists.")
    rate_limit_integration_multiplier: int = Field(default=10, ge=1, description="Integration tokens' factor.")
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="Largest JSON request body.")
    max_upload_bytes: int = Field(default=50 * 1_048_576, ge=1024, description="Largest upload.")
    import_max_rows: int = Field(default=100_000, ge=1, description="Rows one import takes (413 beyond).")
    import_max_unpacked_bytes: int = Field(default=256 * 1_048_576, ge=1_048_576,
                                           description="What an XLSX may unpack to (413 beyond).")
    frontend_dist: Path = Field(default=REPO_ROOT / "frontend" / "dist")
    # An online base map for a production deployment: the SPA draws it under its own layers.
    basemap_style_url: HttpUrl | None = Field(default=None, description="MapLibre style JSON of a base map; "
                                              "unset: the offline base map bundled with the SPA.")
    basemap_attribution: str = Field(default="", max_length=300, description="Credit shown under the map.")
    basemap_origins: Origins = Field(default_factory=list, description="Other origins the style loads tiles, "
                                       "glyphs or sprites from (the style's own origin is always allowed).")
    log_level: str = "info"
    # E-mail: the worker (`semap worker`) delivers the outbox through this SMTP server.
    smtp_host: str = Field(default="127.0.0.1", description="SMTP server the outbox delivers through.")
    smtp_port: int = Field(default=25, ge=1, le=65535, description="25; in development, unset means 1025: "
                           "the mail catcher `make run` starts (semap mailcatcher).")
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = Field(default=False, description="Upgrade the connection with STARTTLS.")
    smtp_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    privacy_email: str = Field(default="privacy@semap.dev", description="Where people ask for their personal "
                               "data to be erased (told in e-mails that hold it).")
    mail_from: str = Field(default="Social Enterprise Map <no-reply@semap.dev>")
    outbox_max_attempts: int = Field(default=8, ge=1, le=100, description="Then a message is marked failed.")
    outbox_backoff_seconds: int = Field(default=60, ge=1, description="First retry delay; doubles each time.")
    # The worker (`semap worker`): how often it looks for due mail and beats, and what it expires.
    worker_jobs: Origins = Field(default_factory=list, description="Names of the jobs this worker runs "
                                 "(comma-separated); empty: all of them.")
    worker_poll_seconds: float = Field(default=1.0, gt=0, le=60, description="Pause between outbox passes.")
    worker_heartbeat_seconds: float = Field(default=10.0, gt=0, le=300)
    worker_schedule_check_seconds: float = Field(default=30.0, gt=0, le=3600,
                                                 description="How often a worker asks whether a job is due.")
    tender_feed_urls: CommaList = Field(default_factory=list, description="OCDS release or record package URLs "
                                        "the worker imports every 6 hours (comma-separated); none by default.")
    match_retention_days: int = Field(default=365, ge=1, description="Stored buyer matches are deleted after.")
    outbox_retention_days: int = Field(default=90, ge=1, description="Sent e-mails are deleted after.")
    submitter_retention_days: int = Field(default=365, ge=1, description="A submitter's name and e-mail are "
                                          "erased this long after the submission's decision.")
    link_retention_days: int = Field(default=30, ge=1, description="Expired one-time links are deleted after.")
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

    tile_cache_seconds: int = Field(default=3600, ge=1, description="How long an encoded tile stays "
                                    "in the cache (Redis, else this process) for the version of the cells under it.")
    tile_cache_prefix: str = Field(default="semap:tile:", description="Prefix of the tile cache's keys in Redis.")
    public_max_age_seconds: int = Field(default=60, ge=0, description="Cache-Control max-age of public "
                                        "reads (lists, OGC, tiles), for browsers and CDNs.")

    @model_validator(mode="after")
    def links_need_a_base_outside_development(self) -> "Settings":
        # Without it every e-mailed link would point at 127.0.0.1: refuse to start instead.
        if self.environment == "production" and not self.public_base_url:
            raise ValueError("PUBLIC_BASE_URL is required when ENVIRONMENT=production (links in e-mails)")
        if self.public_base_url and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", self.public_base_url):
            raise ValueError(f"PUBLIC_BASE_URL must be an absolute http(s) URL: {self.public_base_url!r}")
        return self

    @model_validator(mode="after")
    def development_mail_goes_to_the_catcher(self) -> "Settings":
        if self.environment == "development" and "smtp_port" not in self.model_fields_set:
            self.smtp_port = DEVELOPMENT_SMTP_PORT
        return self

    @property
    def base_url(self) -> str:
        """Where links in e-mails point: PUBLIC_BASE_URL, or this server itself in development."""
        return (self.public_base_url or f"http://{self.host}:{self.port}").rstrip("/")

    def absolute_url(self, path: str) -> str:
        """The one way to build a link for an e-mail: `settings.absolute_url("/member")`."""
        return f"{self.base_url}/{path.lstrip('/')}"

    @field_validator("cors_origins", "basemap_origins", "worker_jobs", "tender_feed_urls", "database_read_url",
                     "forwarded_allow_ips", mode="before")
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
