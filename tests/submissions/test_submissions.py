"""Public submissions: pending until a moderator decides, rate-limited, with a honeypot."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import count_rows, enterprise_body

API = "/api/v1/submissions"
ADMIN = "/api/v1/admin/submissions"


def proposal(**overrides: Any) -> dict[str, Any]:
    body = {"kind": "new", "enterprise": enterprise_body(name="Atelierul Propus", registration_code="RO77"),
            "submitter_name": "Ioana Popescu", "submitter_email": "ioana@example.org",
            "message": "We would like to be on the map."}
    return body | overrides


async def _queue(client: AsyncClient, headers: dict, **params: Any) -> list[dict]:
    response = await client.get(ADMIN, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_submission_is_stored_pending_and_not_published(client: AsyncClient, admin_headers: dict,
                                                              session: AsyncSession) -> None:
    organisations = await count_rows(session, "organisations")
    response = await client.post(API, json=proposal())
    assert response.status_code == 202
    assert response.json()["status"] == "received" and "ioana" not in response.text
    assert await count_rows(session, "organisations") == organisations
    queued = await _queue(client, admin_headers)
    assert len(queued) == 1 and queued[0]["status"] == "pending"
    assert queued[0]["submitter_email"] == "ioana@example.org"  # admins see it
    assert "status" not in queued[0]["payload"] and "verified" not in queued[0]["payload"]
    search = (await client.get("/api/v1/enterprises", params={"limit": 200, "country": "RO"})).json()
    assert "Atelierul Propus" not in {item["name"] for item in search["items"]}


async def test_editors_moderate_without_seeing_private_data(client: AsyncClient, editor_headers: dict) -> None:
    await client.post(API, json=proposal())
    queued = await _queue(client, editor_headers)
    assert queued[0]["submitter_email"] is None
    assert "email" not in queued[0]["payload"] and "contact_person" not in queued[0]["payload"]
    assert queued[0]["submitter_name"] == "Ioana Popescu"


async def test_public_and_integration_cannot_read_the_queue(client: AsyncClient, integration_headers: dict) -> None:
    assert (await client.get(ADMIN)).status_code == 401
    assert (await client.get(ADMIN, headers=integration_headers)).status_code == 403


async def test_honeypot_answers_202_and_stores_nothing(client: AsyncClient, session: AsyncSession) -> None:
    response = await client.post(API, json=proposal(website_url2="http://spam.example"))
    assert response.status_code == 202
    assert response.json() == (await client.post(API, json=proposal())).json()  # indistinguishable
    assert await count_rows(session, "submissions") == 1


async def test_bad_submissions_are_422_and_store_nothing(client: AsyncClient, session: AsyncSession) -> None:
    bad = [proposal(submitter_email="not-an-email"), proposal(kind="correction"),
           proposal(enterprise=enterprise_body(location={"type": "Point", "coordinates": [200, 46]})),
           {"kind": "correction", "organisation": "x", "changes": {"verified": True},
            "submitter_name": "Ana", "submitter_email": "ana@example.org"},
           proposal(extra_field=1)]
    for body in bad:
        response = await client.post(API, json=body)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
    unknown = await client.post(API, json={"kind": "correction", "organisation": "no-such-org",
                                           "changes": {"employees_total": 3}, "submitter_name": "Ana",
                                           "submitter_email": "ana@example.org"})
    assert unknown.status_code == 404
    assert await count_rows(session, "submissions") == 0


async def test_submissions_are_rate_limited_per_address(app: Any, client: AsyncClient) -> None:
    app.state.settings = app.state.settings.model_copy(update={"rate_limit_submissions_per_hour": 2})
    codes = [(await client.post(API, json=proposal())).status_code for _ in range(3)]
    assert codes == [202, 202, 429]
    refused = await client.post(API, json=proposal())
    assert int(refused.headers["retry-after"]) > 0 and refused.json()["code"] == "rate_limited"


async def test_approving_a_new_enterprise_publishes_it_with_audit(client: AsyncClient, editor_headers: dict,
                                                                 session: AsyncSession) -> None:
    await client.post(API, json=proposal())
    submission = (await _queue(client, editor_headers))[0]
    response = await client.post(f"{ADMIN}/{submission['id']}/approve", headers=editor_headers)
    assert response.status_code == 200, response.text
    decided = response.json()
    assert decided["status"] == "approved" and decided["organisation_id"] is not None
    published = (await client.get(f"/api/v1/enterprises/{decided['organisation_id']}")).json()
    assert published["name"] == "Atelierul Propus" and published["status"] == "published"
    assert published["verified"] is False and published["email"] is None
    actions = (await session.execute(text(
        "SELECT entity, action FROM audit_log WHERE entity IN ('submission', 'organisation') "
        "ORDER BY id DESC LIMIT 2"))).all()
    assert set(actions) == {("submission", "approved"), ("organisation", "create")}
    again = await client.post(f"{ADMIN}/{submission['id']}/approve", headers=editor_headers)
    assert again.status_code == 409 and again.json()["code"] == "transition_not_allowed"


async def test_a_moderator_moves_the_point_before_approving(client: AsyncClient, editor_headers: dict,
                                                            session: AsyncSession) -> None:
    await client.post(API, json=proposal(enterprise=enterprise_body(name="Atelierul Mutat", registration_code="RO78")))
    submission = next(s for s in await _queue(client, editor_headers) if s["payload"]["name"] == "Atelierul Mutat")
    url = f"{ADMIN}/{submission['id']}/approve"
    out_of_range = await client.post(url, json={"location": {"type": "Point", "coordinates": [23.6, 123.5]}},
                                     headers=editor_headers)
    assert out_of_range.status_code == 422 and out_of_range.json()["errors"][0]["pointer"].startswith("/location")
    assert (await client.post(url, json={"place": "x"}, headers=editor_headers)).status_code == 422
    moved = {"type": "Point", "coordinates": [23.5901, 46.7693]}
    response = await client.post(url, json={"location": moved}, headers=editor_headers)
    assert response.status_code == 200, response.text
    assert response.json()["payload"]["location"] == moved  # the stored proposal records what was approved
    published = (await client.get(f"/api/v1/enterprises/{response.json()['organisation_id']}")).json()
    assert published["location"]["coordinates"] == moved["coordinates"]
    audited = (await session.execute(text(
        "SELECT changes FROM audit_log WHERE entity = 'submission' AND entity_id = :id AND action = 'approved'"),
        {"id": str(submission["id"])})).scalar_one()
    assert audited["location"] == {"before": submission["payload"]["location"], "after": moved}


async def test_approving_a_correction_updates_the_organisation(client: AsyncClient, admin_headers: dict,
                                                              enterprise: dict) -> None:
    body = {"kind": "correction", "organisation": enterprise["slug"], "changes": {"employees_total": 25},
            "submitter_name": "Ana Pop", "submitter_email": "ana@example.org"}
    assert (await client.post(API, json=body)).status_code == 202
    submission = (await _queue(client, admin_headers))[0]
    assert submission["organisation_id"] == enterprise["id"] and submission["payload"] == {"employees_total": 25}
    assert (await client.get(f"/api/v1/enterprises/{enterprise['id']}")).json()["employees_total"] == 10
    approved = await client.post(f"{ADMIN}/{submission['id']}/approve", headers=admin_headers)
    assert approved.status_code == 200
    after = (await client.get(f"/api/v1/enterprises/{enterprise['id']}")).json()
    assert after["employees_total"] == 25 and after["version"] == enterprise["version"] + 1


async def test_failed_approval_leaves_the_submission_pending(client: AsyncClient, admin_headers: dict,
                                                            enterprise: dict, session: AsyncSession) -> None:
    # The proposed registration code is taken by now: the approval is a conflict and changes nothing.
    clash = proposal(enterprise=enterprise_body(name="Alt Nume", registration_code=enterprise["registration_code"]))
    await client.post(API, json=clash)
    submission = (await _queue(client, admin_headers))[0]
    organisations = await count_rows(session, "organisations")
    response = await client.post(f"{ADMIN}/{submission['id']}/approve", headers=admin_headers)
    assert response.status_code == 409
    assert await count_rows(session, "organisations") == organisations
    assert (await _queue(client, admin_headers))[0]["status"] == "pending"


async def test_rejecting_needs_a_reason_and_is_final(client: AsyncClient, admin_headers: dict) -> None:
    await client.post(API, json=proposal())
    submission = (await _queue(client, admin_headers))[0]
    url = f"{ADMIN}/{submission['id']}/reject"
    assert (await client.post(url, json={}, headers=admin_headers)).status_code == 422
    rejected = await client.post(url, json={"reason": "Not a social enterprise."}, headers=admin_headers)
    assert rejected.status_code == 200 and rejected.json()["decision_reason"] == "Not a social enterprise."
    assert await _queue(client, admin_headers) == []
    assert [s["id"] for s in await _queue(client, admin_headers, status="rejected")] == [submission["id"]]
    approve = await client.post(f"{ADMIN}/{submission['id']}/approve", headers=admin_headers)
    assert approve.status_code == 409
    assert (await client.get(f"{ADMIN}/999999", headers=admin_headers)).status_code == 404
