"""An admin merge moves every related row to the survivor and archives the merged entry, in one go."""

from typing import Any

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service as auth_service
from api.auth.models import Role
from tests.conftest import enterprise_body
from tests.factories import make_cluster

BASE = "/api/v1/enterprises"
MERGE = "/api/v1/admin/duplicates/merge"
RELATED = ("offerings", "memberships", "inquiries", "service_requests", "api_tokens", "revisions",
           "organisation_external_ids", "submissions", "claims", "service_request_collaborators")


async def _related_counts(session: AsyncSession, org_id: int) -> dict[str, int]:
    counts = {}
    for table in RELATED:
        counts[table] = int(await session.scalar(text(
            f"SELECT count(*) FROM {table} WHERE organisation_id = :id"), {"id": org_id}))  # noqa: S608
    return counts


async def _give_related_rows(session: AsyncSession, org_id: int) -> None:
    ids = {"org": org_id, "cluster": (await make_cluster(session)).id}
    statements = [
        "INSERT INTO offerings (organisation_id, title) VALUES (:org, 'Cozonac')",
        "INSERT INTO memberships (cluster_id, organisation_id, joined_on) "
        "SELECT id, :org, DATE '2020-01-01' FROM clusters WHERE id = :cluster",
        "INSERT INTO inquiries (organisation_id, buyer_name, buyer_email, message) "
        "VALUES (:org, 'Buyer', 'b@example.org', 'Need 100 loaves')",
        "INSERT INTO service_requests (organisation_id, service_id, title, description, contact_name, "
        "contact_email) SELECT :org, id, 'Advice', 'Need advice', 'Ana', 'a@example.org' "
        "FROM support_services ORDER BY id LIMIT 1",
        "INSERT INTO service_request_collaborators (request_id, organisation_id) "
        "SELECT id, :org FROM service_requests WHERE organisation_id = :org",
        "INSERT INTO organisation_external_ids (organisation_id, external_id) "
        "VALUES (:org, 'partner-' || CAST(:org AS bigint)::text)",
        "INSERT INTO submissions (kind, organisation_id, payload, submitter_name, submitter_email) "
        "VALUES ('correction', :org, '{\"employees_total\": 3}', 'S', 's@example.org')",
        "INSERT INTO claims (organisation_id, claimant_name, claimant_email, route) "
        "VALUES (:org, 'C', 'c@example.org', 'review')",
    ]
    for statement in statements:
        await session.execute(text(statement), ids)
    await auth_service.create_token(session, name="member of merged", role=Role.member, organisation_id=org_id)
    await session.commit()


async def test_a_merge_moves_every_related_row(client: AsyncClient, session: AsyncSession,
                                               admin_headers: dict[str, str], enterprise: dict[str, Any]) -> None:
    survivor = enterprise["id"]
    merged = (await client.post(BASE, json=enterprise_body(name="Brutaria Test Cluj", registration_code="RO1"),
                                headers=admin_headers)).json()["id"]
    await _give_related_rows(session, merged)
    moved_before = await _related_counts(session, merged)
    survivor_before = await _related_counts(session, survivor)
    assert all(moved_before[t] >= 1 for t in RELATED), moved_before

    response = await client.post(MERGE, json={"survivor": survivor, "merged": merged}, headers=admin_headers)

    assert response.status_code == 200, response.text
    assert await _related_counts(session, merged) == dict.fromkeys(RELATED, 0)
    survivor_after = await _related_counts(session, survivor)
    for table in RELATED:
        assert survivor_after[table] >= survivor_before[table] + moved_before[table], table
    state = (await session.execute(text("SELECT status, merged_into_id FROM organisations WHERE id = :id"),
                                   {"id": merged})).one()
    assert tuple(state) == ("archived", survivor)
    assert (await client.get(f"{BASE}/{merged}")).status_code == 404
    actions = [r["action"] for r in (await client.get(f"{BASE}/{survivor}/history", headers=admin_headers)).json()
               ["items"]]
    assert actions[:2] == ["merge", "merge"] and "create" in actions
    audit = await session.scalar(text("SELECT count(*) FROM audit_log WHERE entity = 'organisation' "
                                      "AND entity_id = :id AND action = 'merge'"), {"id": str(merged)})
    assert audit == 1


async def test_merge_refuses_bad_pairs_and_changes_nothing(client: AsyncClient, session: AsyncSession,
                                                           admin_headers: dict[str, str],
                                                           editor_headers: dict[str, str],
                                                           enterprise: dict[str, Any]) -> None:
    org = enterprise["id"]
    other = (await client.post(BASE, json=enterprise_body(name="Alt", registration_code="RO2"),
                               headers=admin_headers)).json()["id"]
    assert (await client.post(MERGE, json={"survivor": org, "merged": org}, headers=admin_headers)).status_code == 422
    assert (await client.post(MERGE, json={"survivor": org, "merged": 10**12},
                              headers=admin_headers)).status_code == 404
    assert (await client.post(MERGE, json={"survivor": org, "merged": other},
                              headers=editor_headers)).status_code == 403
    assert (await client.post(MERGE, json={"survivor": org, "merged": other}, headers=admin_headers)).status_code == 200
    again = await client.post(MERGE, json={"survivor": org, "merged": other}, headers=admin_headers)
    assert again.status_code == 409
    into_archived = await client.post(MERGE, json={"survivor": other, "merged": org}, headers=admin_headers)
    assert into_archived.status_code == 409
    status = await session.scalar(text("SELECT status FROM organisations WHERE id = :id"), {"id": org})
    assert status == "published"
