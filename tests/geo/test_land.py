"""A point in the sea, or outside Romania, Moldova and Ukraine, is refused on every path that writes a location:
the API, the members' area, public submissions and imports, each with a 422 (or a row problem) naming it."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import Role
from api.geo.land import on_land
from api.geo.towns import all_towns
from tests.conftest import count_rows, enterprise_body
from tests.factories import make_member, make_organisation, make_token
from tests.imports.helpers import csv_bytes, row, upload

IN_THE_SEA = {"type": "Point", "coordinates": [28.85, 44.17]}  # the Black Sea, 15 km off Constanța
IN_PARIS = {"type": "Point", "coordinates": [2.35, 48.85]}


def _names_location(response: Any) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [error["pointer"] for error in problem["errors"]] == ["/location"]
    assert "sea or outside Romania, Moldova and Ukraine" in problem["errors"][0]["message"]


def test_every_bundled_town_is_on_land_and_the_open_sea_is_not() -> None:
    assert [t.name for t in all_towns() if not on_land(t.lon, t.lat)] == []
    assert on_land(28.70, 44.17)  # 3 km off Constanța's shore: within the coastal tolerance
    assert not on_land(28.85, 44.17) and not on_land(31.0, 43.5) and not on_land(0.0, 0.0)


@pytest.mark.parametrize("location", [IN_THE_SEA, IN_PARIS], ids=["sea", "paris"])
async def test_create_refuses_a_point_off_land_and_writes_nothing(client: AsyncClient, session: AsyncSession,
                                                                   admin_headers: dict[str, str],
                                                                   location: dict[str, Any]) -> None:
    before = await count_rows(session, "organisations")
    response = await client.post("/api/v1/enterprises", json=enterprise_body(location=location),
                                 headers=admin_headers)
    _names_location(response)
    assert await count_rows(session, "organisations") == before


async def test_a_town_on_the_danube_bank_is_accepted(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    # Liubcova lies 2.7 km outside the simplified outline: the farthest of the bundled towns.
    body = enterprise_body(locality="Liubcova", location={"type": "Point", "coordinates": [21.89559, 44.65885]})
    response = await client.post("/api/v1/enterprises", json=body, headers=admin_headers)
    assert response.status_code == 201, response.text
    assert response.json()["region_code"] == "RO-CS"


async def test_members_area_cannot_move_its_pin_into_the_sea(client: AsyncClient, session: AsyncSession) -> None:
    member = await make_member(session)
    _, headers = await make_token(session, Role.member, member.organisation_id)
    path = f"/api/v1/enterprises/{member.organisation_id}"
    etag = (await client.get(path, headers=headers)).headers["etag"]
    response = await client.patch(path, json={"location": IN_THE_SEA}, headers={**headers, "If-Match": etag})
    _names_location(response)
    stored = await session.scalar(text("SELECT ST_X(location) FROM organisations WHERE id = :id"),
                                  {"id": member.organisation_id})
    assert stored == pytest.approx(23.6236)


async def test_staff_patch_refuses_the_sea(client: AsyncClient, session: AsyncSession,
                                           admin_headers: dict[str, str]) -> None:
    organisation = await make_organisation(session)
    await session.commit()
    path = f"/api/v1/enterprises/{organisation.id}"
    etag = (await client.get(path)).headers["etag"]
    response = await client.patch(path, json={"location": IN_THE_SEA}, headers={**admin_headers, "If-Match": etag})
    _names_location(response)


async def test_a_public_submission_in_the_sea_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    before = await count_rows(session, "submissions")
    response = await client.post("/api/v1/submissions", json={
        "kind": "new", "enterprise": enterprise_body(location=IN_THE_SEA), "submitter_name": "Ioana Popescu",
        "submitter_email": "ioana@example.org"})
    assert response.status_code == 422, response.text
    assert [error["pointer"] for error in response.json()["errors"]] == ["/enterprise/location"]
    assert await count_rows(session, "submissions") == before


async def test_an_import_row_in_the_sea_is_a_problem_of_its_own(client: AsyncClient, session: AsyncSession,
                                                                admin_headers: dict[str, str]) -> None:
    before = await count_rows(session, "organisations")
    data = csv_bytes([row(registration_code="RO70000091"),
                      row(registration_code="RO70000092", lat="44.17", lon="28.85")])
    response = await client.post("/api/v1/admin/imports", files=upload(data), headers=admin_headers)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "import_rejected"
    problems = response.json()["report"]["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(3, "lat")]
    assert "in the sea" in problems[0]["message"]
    assert await count_rows(session, "organisations") == before


async def test_an_import_row_placed_by_its_town_still_imports(client: AsyncClient, session: AsyncSession,
                                                              admin_headers: dict[str, str]) -> None:
    # No coordinates: the row is placed at its town; the placeholder it validates with is on land.
    data = csv_bytes([row(registration_code="RO70000093", lat="", lon="", locality="Sibiu")])
    response = await client.post("/api/v1/admin/imports", files=upload(data), headers=admin_headers)
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1
