"""A stored OCDS match is readable by anyone with its link: it must not keep the tender's contact data."""

import importlib.util
import json
import uuid
from pathlib import Path
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.matching.models import Match

CONTACT = {"name": "Ioana Achiziții", "email": "ioana.achizitii@primaria.example", "telephone": "+40 232 555 0101",
           "faxNumber": "+40 232 555 0102", "url": "https://primaria.example/achizitii"}
SECRETS = ("ioana", "555 01", "primaria.example")


def _tender_with_contacts() -> dict[str, Any]:
    return {"tender": {
        "title": "Conference catering", "contactPoint": CONTACT,
        "procuringEntity": {"id": "RO-CUI-4541580", "name": "Primăria Iași", "contactPoint": CONTACT},
        "items": [{"id": "1", "classification": {"scheme": "CPV", "id": "55520000-1"}, "quantity": 200,
                   "deliveryLocation": {"geometry": {"type": "Point", "coordinates": [27.6, 47.16]}},
                   "deliveryContact": CONTACT}],
        "value": {"amount": 5000, "currency": "EUR"}, "tenderPeriod": {"endDate": "2099-01-31T12:00:00Z"}},
        "options": {"max_distance_km": 150}}


def _leaks(document: object) -> list[str]:
    dumped = json.dumps(document, ensure_ascii=False).lower()
    return [secret for secret in SECRETS if secret in dumped]


async def test_contact_points_are_neither_stored_nor_served(client: AsyncClient, session: AsyncSession) -> None:
    created = await client.post("/api/v1/matches/ocds", json=_tender_with_contacts())
    assert created.status_code == 201, created.text
    assert _leaks(created.json()) == []
    # What the match read is still there, so the link shows the need as understood.
    tender = created.json()["need"]["tender"]
    assert tender["title"] == "Conference catering" and tender["items"][0]["quantity"] == 200
    assert tender["items"][0]["classification"]["id"] == "55520000-1"

    shared = await client.get(created.headers["Location"])  # anyone with the link, no token
    assert shared.status_code == 200 and _leaks(shared.json()) == []
    stored = await session.scalar(select(Match.need).where(Match.id == uuid.UUID(created.json()["id"])))
    assert _leaks(stored) == []


def _migration() -> Any:
    path = Path(__file__).resolve().parents[2] / "migrations" / "versions" / "0012_ocds_matches_without_contacts.py"
    spec = importlib.util.spec_from_file_location("migration_0012", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_the_migration_strips_contacts_that_earlier_versions_stored(session: AsyncSession) -> None:
    old = _tender_with_contacts()
    match_id = uuid.uuid4()
    session.add(Match(id=match_id, source="ocds", need=old, location={}, weights={}, results=[], result_count=0,
                      candidates_considered=0))
    plain = uuid.uuid4()  # a JSON need is left as it is
    session.add(Match(id=plain, source="api", need={"keywords": ["catering"], "note": CONTACT}, location={},
                      weights={}, results=[], result_count=0, candidates_considered=0))
    await session.flush()
    await session.execute(text(_migration().STRIP_UNREAD_TENDER_FIELDS))
    session.expire_all()
    need = await session.scalar(select(Match.need).where(Match.id == match_id))
    assert _leaks(need) == []
    assert set(need["tender"]) == {"title", "items", "value", "tenderPeriod"}
    assert set(need["tender"]["items"][0]) == {"classification", "quantity", "deliveryLocation"}
    assert need["options"] == {"max_distance_km": 150}
    untouched = await session.scalar(select(Match.need).where(Match.id == plain))
    assert untouched["note"] == CONTACT
