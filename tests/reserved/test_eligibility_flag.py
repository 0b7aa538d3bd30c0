"""The profile's `reserved_contract_eligible` follows verified evidence in force; nobody writes it directly."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.reserved.reminders import run_expiry_reminders
from tests.conftest import enterprise_body
from tests.imports.helpers import csv_bytes, row, upload
from tests.reserved.test_rules import EVIDENCE

BASE = "/api/v1/enterprises"


async def _flag(session: AsyncSession, org_id: int) -> bool:
    return bool(await session.scalar(text("SELECT reserved_contract_eligible FROM organisations WHERE id = :id"),
                                     {"id": org_id}))


async def _evidence(client: AsyncClient, admin_headers: dict[str, str], org_id: int, *, decision: str,
                    expires_on: str = "2099-01-01") -> dict[str, Any]:
    proposed = await client.post(f"{BASE}/{org_id}/reserved-eligibilities", headers=admin_headers,
                                 json={**EVIDENCE, "expires_on": expires_on})
    assert proposed.status_code == 201, proposed.text
    decided = await client.post(f"/api/v1/reserved-eligibilities/{proposed.json()['id']}/decision",
                                json={"status": decision},
                                headers={**admin_headers, "If-Match": proposed.headers["etag"]})
    assert decided.status_code == 200, decided.text
    return decided.json()


async def test_not_even_an_admin_writes_the_flag(client: AsyncClient, session: AsyncSession,
                                                 admin_headers: dict[str, str], enterprise: dict[str, Any]) -> None:
    etag = (await client.get(f"{BASE}/{enterprise['id']}")).headers["ETag"]
    refused = await client.patch(f"{BASE}/{enterprise['id']}", headers={**admin_headers, "If-Match": etag},
                                 json={"reserved_contract_eligible": True, "employees_total": 40})

    assert refused.status_code == 403
    assert refused.json()["fields"] == ["reserved_contract_eligible"]
    assert "reserved-eligibilities" in refused.json()["detail"]
    assert not await _flag(session, enterprise["id"])
    assert (await client.get(f"{BASE}/{enterprise['id']}")).json()["employees_total"] == 10

    created = await client.post(BASE, headers=admin_headers, json=enterprise_body(
        name="Atelier Declarat", registration_code="RO70000123", reserved_contract_eligible=True))
    assert created.status_code == 403 and created.json()["fields"] == ["reserved_contract_eligible"]
    unflagged = await client.post(BASE, headers=admin_headers, json=enterprise_body(
        name="Atelier Nedeclarat", registration_code="RO70000124", reserved_contract_eligible=False))
    assert unflagged.status_code == 201, unflagged.text


async def test_verified_evidence_sets_it_and_a_new_etag_shows_the_change(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str], enterprise: dict[str, Any]) -> None:
    before = (await client.get(f"{BASE}/{enterprise['id']}")).headers["ETag"]

    await _evidence(client, admin_headers, enterprise["id"], decision="rejected")
    assert not await _flag(session, enterprise["id"])
    await _evidence(client, admin_headers, enterprise["id"], decision="verified")

    shown = await client.get(f"{BASE}/{enterprise['id']}")
    assert shown.json()["reserved_contract_eligible"] is True
    assert shown.headers["ETag"] != before


async def test_the_daily_job_clears_it_when_the_evidence_lapses(
        client: AsyncClient, session: AsyncSession, admin_headers: dict[str, str], enterprise: dict[str, Any],
        sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    expires = date.today() + timedelta(days=3)
    await _evidence(client, admin_headers, enterprise["id"], decision="verified", expires_on=expires.isoformat())
    assert await _flag(session, enterprise["id"])

    still = await run_expiry_reminders(sessionmaker, settings, datetime.now(UTC))
    assert still.lapsed == 0
    after_expiry = datetime.combine(expires + timedelta(days=1), datetime.min.time(), UTC)
    lapsed = await run_expiry_reminders(sessionmaker, settings, after_expiry)

    assert lapsed.lapsed == 1
    assert not await _flag(session, enterprise["id"])
    assert (await client.get(f"{BASE}/{enterprise['id']}")).json()["reserved_contract_eligible"] is False


async def test_an_import_does_not_set_it(client: AsyncClient, session: AsyncSession,
                                         admin_headers: dict[str, str]) -> None:
    header = ["name", "country", "registration_code", "locality", "lat", "lon", "reserved_contract_eligible"]
    data = csv_bytes([row(name="Cooperativa Importată", registration_code="RO70000125",
                          reserved_contract_eligible="true")], header=header)

    response = await client.post("/api/v1/admin/imports", files=upload(data), headers=admin_headers)

    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1
    assert "column 'reserved_contract_eligible' is written by exports and ignored by imports" in \
        response.json()["warnings"]
    org_id = await session.scalar(text("SELECT id FROM organisations WHERE registration_code = 'RO70000125'"))
    assert not await _flag(session, org_id)
