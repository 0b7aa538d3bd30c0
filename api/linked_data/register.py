"""Registering the published profiles with a Murmurations index, which then fetches and validates each one."""

from dataclasses import dataclass, field

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.enterprises.models import Organisation, OrganisationStatus


@dataclass
class RegisterReport:
    registered: dict[str, str] = field(default_factory=dict)  # profile URL -> the index's node id
    failed: dict[str, str] = field(default_factory=dict)  # profile URL -> why


def profile_url(base_url: str, slug: str) -> str:
    return f"{base_url}/api/v1/enterprises/{slug}/murmurations.json"


async def register_profiles(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> RegisterReport:
    """POST every published enterprise's profile URL to `{MURMURATIONS_INDEX_URL}/nodes`.

    The index fetches the profile from PUBLIC_BASE_URL, so that must be the deployment's public address.
    Registering again is harmless: the index keeps one node per profile URL and refetches it.
    """
    base = settings.public_base_url.rstrip("/")
    if not base:
        raise ValueError("PUBLIC_BASE_URL is not set: the index could not fetch the profiles.")
    async with sessionmaker() as session:
        slugs = (await session.scalars(select(Organisation.slug).where(
            Organisation.status == OrganisationStatus.published.value).order_by(Organisation.id))).all()
    report = RegisterReport()
    endpoint = f"{settings.murmurations_index_url.rstrip('/')}/nodes"
    async with httpx.AsyncClient(timeout=30) as client:
        for slug in slugs:
            url = profile_url(base, slug)
            try:
                response = await client.post(endpoint, json={"profile_url": url})
            except httpx.HTTPError as exc:
                report.failed[url] = f"{type(exc).__name__}: {exc}"
                continue
            if response.is_success:
                report.registered[url] = str(response.json().get("data", {}).get("node_id", ""))
            else:
                report.failed[url] = f"HTTP {response.status_code}: {response.text[:300]}"
    return report
