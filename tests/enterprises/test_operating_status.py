"""An organisation's operating status: written like any profile field, shown on the entry, filtered in lists."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import Role
from tests.conftest import enterprise_body
from tests.factories import make_member, make_organisation, make_token


async def test_a_new_entry_is_active_unless_it_says_otherwise(client: AsyncClient,
                                                              admin_headers: dict[str, str]) -> None:
    active = await client.post("/api/v1/enterprises", json=enterprise_body(), headers=admin_headers)
    relocated = await client.post("/api/v1/enterprises", headers=admin_headers, json=enterprise_body(
        name="Пекарня «Добро» Мелітополь", registration_code="40000001", country="UA", locality="Мелітополь",
        location={"type": "Point", "coordinates": [35.3653, 46.8489]}, operating_status="relocated"))
    assert (active.status_code, relocated.status_code) == (201, 201), relocated.text
    assert active.json()["operating_status"] == "active"
    shown = await client.get(f"/api/v1/enterprises/{relocated.json()['slug']}")
    assert shown.json()["operating_status"] == "relocated" and shown.json()["region_code"] == "UA-23"


async def test_the_list_filters_by_operating_status(client: AsyncClient, session: AsyncSession) -> None:
    suspended = await make_organisation(session, name="Atelierul Suspendat", operating_status="suspended")
    active = await make_organisation(session, name="Atelierul Activ")
    await session.commit()
    found = await client.get("/api/v1/enterprises",
                             params={"operating_status": "suspended", "q": "Atelierul", "limit": 200})
    assert found.status_code == 200, found.text
    ids = {item["id"] for item in found.json()["items"]}
    assert suspended.id in ids and active.id not in ids
    assert {item["operating_status"] for item in found.json()["items"]} == {"suspended"}
    both = await client.get("/api/v1/enterprises", params=[("operating_status", "suspended"),
                                                            ("operating_status", "active"), ("q", "Atelierul")])
    assert {suspended.id, active.id} <= {item["id"] for item in both.json()["items"]}


async def test_an_unknown_operating_status_is_a_422_naming_it(client: AsyncClient) -> None:
    response = await client.get("/api/v1/enterprises", params={"operating_status": "closed"})
    assert response.status_code == 422
    assert [error["pointer"] for error in response.json()["errors"]] == ["/query/operating_status/0"]


async def test_the_members_area_sets_its_own_operating_status(client: AsyncClient, session: AsyncSession) -> None:
    member = await make_member(session)
    _, headers = await make_token(session, Role.member, member.organisation_id)
    path = f"/api/v1/enterprises/{member.organisation_id}"
    etag = (await client.get(path, headers=headers)).headers["etag"]
    response = await client.patch(path, json={"operating_status": "suspended"}, headers={**headers, "If-Match": etag})
    assert response.status_code == 200, response.text
    assert response.json()["operating_status"] == "suspended" and response.json()["proposal"] is None
    cleared = await client.patch(path, json={"operating_status": None},
                                 headers={**headers, "If-Match": response.headers["etag"]})
    assert cleared.status_code == 422
