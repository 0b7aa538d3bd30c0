"""The write policy on every path: members and editors propose trust fields, imports obey the same table."""

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service as auth_service
from api.auth.models import Role
from api.writes import policy
from tests.imports.helpers import csv_bytes, row, upload

BASE = "/api/v1/enterprises"
QUEUE = "/api/v1/admin/submissions"
TRUST = {"certifications": ["ro_social_insertion_mark"], "kind": "company", "registration_code": "RO11111111",
         "slug": "a-trusted-name"}


@pytest.fixture
async def member_headers(session: AsyncSession, enterprise: dict[str, Any]) -> dict[str, str]:
    _, plaintext = await auth_service.create_token(session, name="member of the bakery", role=Role.member,
                                                   organisation_id=enterprise["id"])
    await session.commit()
    return {"Authorization": f"Bearer {plaintext}"}


async def _patch(client: AsyncClient, enterprise: dict[str, Any], body: dict[str, Any],
                 headers: dict[str, str]) -> Any:
    etag = (await client.get(f"{BASE}/{enterprise['id']}", headers=headers)).headers["ETag"]
    return await client.patch(f"{BASE}/{enterprise['id']}", json=body, headers={**headers, "If-Match": etag})


async def _stored(session: AsyncSession, org_id: int) -> dict[str, Any]:
    found = await session.execute(text(
        "SELECT reserved_contract_eligible, certifications::text[] AS certifications, kind, registration_code, slug, "
        "email, employees_total FROM organisations WHERE id = :id"), {"id": org_id})
    return dict(found.mappings().one())


@pytest.mark.parametrize("name", sorted(TRUST))
async def test_a_member_cannot_grant_itself_trust(client: AsyncClient, enterprise: dict[str, Any],
                                                  member_headers: dict[str, str], session: AsyncSession,
                                                  name: str) -> None:
    before = await _stored(session, enterprise["id"])

    response = await _patch(client, enterprise, {name: TRUST[name], "employees_total": 12}, member_headers)

    assert response.status_code == 200, response.text
    assert response.json()["proposal"]["fields"] == [name]
    after = await _stored(session, enterprise["id"])
    assert after == {**before, "employees_total": 12}
    proposal = await session.execute(
        text("SELECT payload, proposed_by_token_id, status FROM submissions WHERE id = :id"),
        {"id": response.json()["proposal"]["submission_id"]})
    payload, token_id, status = proposal.one()
    assert payload == {name: TRUST[name]} and token_id is not None and status == "pending"


async def test_a_members_proposal_needs_an_admin_to_take_effect(
        client: AsyncClient, enterprise: dict[str, Any], member_headers: dict[str, str],
        editor_headers: dict[str, str], admin_headers: dict[str, str], session: AsyncSession) -> None:
    proposed = (await _patch(client, enterprise, {"kind": "company", "certifications":
                                                  ["ro_social_insertion_mark"]}, member_headers)).json()["proposal"]
    url = f"{QUEUE}/{proposed['submission_id']}"
    shown = (await client.get(url, headers=editor_headers)).json()
    assert {c["field"]: c["needs_admin"] for c in shown["changes"]} == {"kind": True, "certifications": True}

    assert (await client.post(f"{url}/approve", headers=editor_headers)).status_code == 403
    assert (await _stored(session, enterprise["id"]))["kind"] == "social_enterprise"
    assert (await client.post(f"{url}/approve", headers=admin_headers)).status_code == 200

    stored = await _stored(session, enterprise["id"])
    assert stored["kind"] == "company" and stored["certifications"] == ["ro_social_insertion_mark"]


async def test_a_form_that_resends_unchanged_trust_fields_proposes_nothing(
        client: AsyncClient, enterprise: dict[str, Any], member_headers: dict[str, str]) -> None:
    same = {"kind": enterprise["kind"], "slug": enterprise["slug"], "certifications": enterprise["certifications"],
            "registration_code": enterprise["registration_code"], "email": "private@example.org",
            "reserved_contract_eligible": False, "employees_total": 11}

    response = await _patch(client, enterprise, same, member_headers)

    assert response.status_code == 200 and response.json()["proposal"] is None
    assert response.json()["employees_total"] == 11


async def test_a_member_may_not_touch_moderation_fields(client: AsyncClient, enterprise: dict[str, Any],
                                                        member_headers: dict[str, str],
                                                        session: AsyncSession) -> None:
    response = await _patch(client, enterprise, {"verified": True, "employees_total": 3}, member_headers)

    assert response.status_code == 403 and response.json()["fields"] == ["verified"]
    assert (await _stored(session, enterprise["id"]))["employees_total"] == 10


async def test_an_editor_proposes_contact_and_trust_changes_and_writes_the_rest(
        client: AsyncClient, enterprise: dict[str, Any], editor_headers: dict[str, str],
        session: AsyncSession) -> None:
    response = await _patch(client, enterprise, {"email": "editor@example.org", "kind": "ngo", "verified": True,
                                                 "employees_total": 20}, editor_headers)

    assert response.status_code == 200, response.text
    assert response.json()["proposal"]["fields"] == ["email", "kind"]
    assert response.json()["verified"] is True and response.json()["employees_total"] == 20
    stored = await _stored(session, enterprise["id"])
    assert (stored["email"], stored["kind"]) == ("private@example.org", "social_enterprise")


async def test_an_admin_writes_every_field_directly(client: AsyncClient, enterprise: dict[str, Any],
                                                    admin_headers: dict[str, str], session: AsyncSession) -> None:
    response = await _patch(client, enterprise, TRUST, admin_headers)

    assert response.status_code == 200 and response.json()["proposal"] is None
    stored = await _stored(session, enterprise["id"])
    assert {k: stored[k] for k in TRUST} == TRUST


async def test_an_editors_import_cannot_change_trust_fields_of_an_existing_organisation(
        client: AsyncClient, enterprise: dict[str, Any], editor_headers: dict[str, str],
        admin_headers: dict[str, str], session: AsyncSession) -> None:
    header = ["name", "country", "registration_code", "locality", "lat", "lon", "employees_total", "certifications",
              "email"]
    changed = row(name=enterprise["name"], registration_code="RO99999901", certifications="ro_social_insertion_mark",
                  email="import@attacker.example", employees_total="30")
    data = csv_bytes([changed], header=header)

    refused = await client.post("/api/v1/admin/imports", files=upload(data), headers=editor_headers)

    assert refused.status_code == 422, refused.text
    problems = {(p["column"], p["code"]) for p in refused.json()["report"]["problems"]}
    assert problems == {("certifications", "needs_admin"), ("email", "needs_admin")}
    assert (await _stored(session, enterprise["id"]))["employees_total"] == 10
    written = await client.post("/api/v1/admin/imports", files=upload(data), headers=admin_headers)
    assert written.status_code == 200 and written.json()["updated"] == 1
    stored = await _stored(session, enterprise["id"])
    assert (stored["email"], stored["certifications"]) == ("import@attacker.example", ["ro_social_insertion_mark"])
    # The import path tells the previous contact too, like every path that changes the e-mail.
    assert await session.scalar(text("SELECT count(*) FROM outbox_messages WHERE to_address = 'private@example.org' "
                                     "AND subject LIKE 'The contact e-mail of %'")) == 1


async def test_an_editors_import_may_create_organisations_and_change_profiles(
        client: AsyncClient, enterprise: dict[str, Any], editor_headers: dict[str, str],
        session: AsyncSession) -> None:
    header = ["name", "country", "registration_code", "locality", "lat", "lon", "employees_total", "email"]
    data = csv_bytes([row(name=enterprise["name"], registration_code="RO99999901", email="private@example.org",
                          employees_total="30"),
                      row(name="Cooperativa Nouă", registration_code="RO70000099", email="new@example.org")],
                     header=header)

    response = await client.post("/api/v1/admin/imports", files=upload(data), headers=editor_headers)

    assert response.status_code == 200, response.text
    assert (response.json()["created"], response.json()["updated"]) == (1, 1)
    assert (await _stored(session, enterprise["id"]))["employees_total"] == 30


def test_the_policy_table_reads_as_the_issue_asks() -> None:
    member, editor, admin = policy.Writer.member, policy.Writer.editor, policy.Writer.admin
    for name in ("email", "contact_person", "registration_code", "certifications", "kind", "slug"):
        assert policy.decide(member, name) == policy.Decision.propose
        assert policy.decide(editor, name) == policy.Decision.propose
        assert policy.decide(admin, name) == policy.Decision.direct
        assert policy.decide(policy.Writer.public, name) == policy.Decision.propose
    assert policy.decide(member, "employees_total") == policy.Decision.direct
    assert policy.decide(member, "verified") == policy.Decision.refuse
    assert policy.decide(policy.Writer.integration, "name") == policy.Decision.refuse
    assert {policy.decide(writer, "reserved_contract_eligible", existing=existing)
            for writer in policy.Writer for existing in (True, False)} == {policy.Decision.refuse}


async def test_a_members_second_proposal_joins_its_pending_one(client: AsyncClient, enterprise: dict[str, Any],
                                                               member_headers: dict[str, str],
                                                               session: AsyncSession) -> None:
    first = (await _patch(client, enterprise, {"kind": "ngo"}, member_headers)).json()["proposal"]
    second = (await _patch(client, enterprise, {"kind": "company", "slug": "another-name"},
                           member_headers)).json()["proposal"]

    assert first["submission_id"] == second["submission_id"]
    payload = await session.scalar(text("SELECT payload FROM submissions WHERE id = :id"),
                                   {"id": first["submission_id"]})
    assert payload == {"kind": "company", "slug": "another-name"}
