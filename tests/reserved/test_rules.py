"""Reserved contracts by law: the rules country by country, evidence that members propose and admins verify."""

from datetime import date, timedelta
from decimal import Decimal

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import Role
from api.reserved import rules
from tests.conftest import _token_headers, count_rows, enterprise_body

EVIDENCE = {"legal_basis": "ro_social_insertion", "share_disadvantaged_pct": "35.5", "attestation_number": "AJ-77/2024",
            "issuer": "AJOFM Cluj", "issued_on": "2024-03-01", "expires_on": "2027-03-01"}


def test_romania_reserves_for_protected_units_and_insertion_enterprises_at_30_percent() -> None:
    codes = {basis.code for basis in rules.bases_for_buyer("RO")}
    assert codes == {"ro_protected_unit", "ro_social_insertion"}
    insertion = rules.BASES["ro_social_insertion"]
    assert "98/2016" in insertion.law and "219/2015" in insertion.law
    assert "448/2006" in rules.BASES["ro_protected_unit"].law
    assert rules.qualifies(insertion, supplier_country="RO", share_pct=Decimal(30))
    assert not rules.qualifies(insertion, supplier_country="RO", share_pct=Decimal("29.99"))
    # A Romanian authorisation is issued in Romania: a Moldovan enterprise does not hold one.
    assert not rules.qualifies(insertion, supplier_country="MD", share_pct=Decimal(90))


def test_moldova_and_ukraine_have_no_modelled_rule_and_say_why() -> None:
    assert rules.bases_for_buyer("MD") == () and rules.RULES["MD"].status == rules.RuleStatus.unconfirmed
    assert "131/2015" in rules.RULES["MD"].law
    assert rules.bases_for_buyer("UA") == () and rules.RULES["UA"].status == rules.RuleStatus.none_found
    assert "922-VIII" in rules.RULES["UA"].law
    assert rules.bases_for_buyer(None) == ()


async def test_rules_endpoint_lists_every_country(client: AsyncClient) -> None:
    response = await client.get("/api/v1/reserved-contracts/rules")
    assert response.status_code == 200
    by_country = {rule["country"]: rule for rule in response.json()}
    assert by_country["RO"]["status"] == "modelled" and len(by_country["RO"]["bases"]) == 2
    assert by_country["RO"]["bases"][0]["min_share_pct"] in ("30", 30, 30.0)
    assert set(by_country["RO"]["bases"][0]["title"]) == {"ro", "en", "uk", "ru"}
    assert by_country["MD"]["bases"] == [] and by_country["UA"]["status"] == "none_found"


async def test_member_proposes_and_only_an_admin_verifies(client: AsyncClient, session: AsyncSession,
                                                         admin_headers: dict, editor_headers: dict,
                                                         enterprise: dict) -> None:
    member = await _token_headers(session, Role.member, enterprise["id"])
    proposed = await client.post(f"/api/v1/enterprises/{enterprise['id']}/reserved-eligibilities", json=EVIDENCE,
                                 headers=member)
    assert proposed.status_code == 201, proposed.text
    assert proposed.json()["status"] == "proposed" and proposed.json()["in_force"] is False
    decision = f"/api/v1/reserved-eligibilities/{proposed.json()['id']}/decision"
    etag = proposed.headers["etag"]
    for headers in (member, editor_headers):
        refused = await client.post(decision, json={"status": "verified"}, headers={**headers, "If-Match": etag})
        assert refused.status_code == 403
    stale = await client.post(decision, json={"status": "verified"}, headers={**admin_headers, "If-Match": '"1.99"'})
    assert stale.status_code == 412
    verified = await client.post(decision, json={"status": "verified", "note": "Register checked."},
                                 headers={**admin_headers, "If-Match": etag})
    assert verified.status_code == 200, verified.text
    assert verified.json()["status"] == "verified" and verified.json()["in_force"] is True
    listed = (await client.get(f"/api/v1/enterprises/{enterprise['id']}/reserved-eligibilities")).json()
    assert [e["status"] for e in listed] == ["verified"]


async def test_another_organisations_member_cannot_propose(client: AsyncClient, session: AsyncSession,
                                                           admin_headers: dict, enterprise: dict) -> None:
    other = await client.post("/api/v1/enterprises", headers=admin_headers, json=enterprise_body(
        name="Alta Brutărie", registration_code="RO99999902"))
    stranger = await _token_headers(session, Role.member, other.json()["id"])
    before = await count_rows(session, "reserved_eligibilities")
    refused = await client.post(f"/api/v1/enterprises/{enterprise['id']}/reserved-eligibilities", json=EVIDENCE,
                                headers=stranger)
    assert refused.status_code == 403
    assert await count_rows(session, "reserved_eligibilities") == before


async def test_bad_evidence_is_422_and_nothing_is_stored(client: AsyncClient, session: AsyncSession,
                                                         admin_headers: dict) -> None:
    moldovan = await client.post("/api/v1/enterprises", headers=admin_headers, json=enterprise_body(
        name="Întreprindere din Chișinău", country="MD", locality="Chișinău", registration_code="1003600000001",
        location={"type": "Point", "coordinates": [28.86, 47.0]}))
    assert moldovan.status_code == 201, moldovan.text
    before = await count_rows(session, "reserved_eligibilities")
    url = f"/api/v1/enterprises/{moldovan.json()['id']}/reserved-eligibilities"
    wrong_country = await client.post(url, json=EVIDENCE, headers=admin_headers)
    assert wrong_country.status_code == 422 and wrong_country.json()["reason"] == "reserved.wrong_country"
    for bad in ({**EVIDENCE, "share_disadvantaged_pct": "101"}, {**EVIDENCE, "legal_basis": "md_anything"},
                {**EVIDENCE, "expires_on": "2024-01-01"}):
        assert (await client.post(url, json=bad, headers=admin_headers)).status_code == 422
    assert await count_rows(session, "reserved_eligibilities") == before


async def test_evidence_lapses_on_its_expiry_date_by_itself(client: AsyncClient, session: AsyncSession,
                                                            admin_headers: dict, enterprise: dict) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    proposed = await client.post(f"/api/v1/enterprises/{enterprise['id']}/reserved-eligibilities",
                                 headers=admin_headers,
                                 json={**EVIDENCE, "issued_on": "2020-01-01", "expires_on": yesterday})
    verified = await client.post(f"/api/v1/reserved-eligibilities/{proposed.json()['id']}/decision",
                                 json={"status": "verified"},
                                 headers={**admin_headers, "If-Match": proposed.headers["etag"]})
    assert verified.json()["status"] == "verified" and verified.json()["in_force"] is False


async def test_the_worker_reminds_once_before_evidence_expires(client: AsyncClient, session: AsyncSession,
                                                               admin_headers: dict, enterprise: dict) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import text

    from api.reserved.reminders import remind_expiring

    soon = (date.today() + timedelta(days=10)).isoformat()
    for expires_on, number in ((soon, "SOON-1"), ("2099-01-01", "LATER-1")):
        proposed = await client.post(f"/api/v1/enterprises/{enterprise['id']}/reserved-eligibilities",
                                     headers=admin_headers, json={**EVIDENCE, "attestation_number": number,
                                                                  "expires_on": expires_on})
        await client.post(f"/api/v1/reserved-eligibilities/{proposed.json()['id']}/decision",
                          json={"status": "verified"},
                          headers={**admin_headers, "If-Match": proposed.headers["etag"]})
    now = datetime.now(UTC)
    first = await remind_expiring(session, now=now, base_url="https://semap.example")
    again = await remind_expiring(session, now=now, base_url="https://semap.example")
    await session.commit()
    assert first.reminded >= 1 and again.reminded == 0
    mail = (await session.execute(text("SELECT subject, body_text FROM outbox_messages WHERE dedupe_key LIKE "
                                       "'reserved-expiry:%' AND body_text LIKE '%SOON-1%'"))).all()
    assert len(mail) == 1 and "SOON-1" in mail[0].body_text
    later = (await session.execute(text(
        "SELECT count(*) FROM outbox_messages WHERE body_text LIKE '%LATER-1%'"))).scalar()
    assert later == 0


async def test_admins_see_the_queue_of_proposed_evidence(client: AsyncClient, session: AsyncSession,
                                                         admin_headers: dict, editor_headers: dict,
                                                         enterprise: dict) -> None:
    member = await _token_headers(session, Role.member, enterprise["id"])
    proposed = await client.post(f"/api/v1/enterprises/{enterprise['id']}/reserved-eligibilities", json=EVIDENCE,
                                 headers=member)
    assert (await client.get("/api/v1/reserved-eligibilities", headers=editor_headers)).status_code == 403
    assert (await client.get("/api/v1/reserved-eligibilities")).status_code == 401
    queue = (await client.get("/api/v1/reserved-eligibilities", headers=admin_headers)).json()
    item = next(i for i in queue if i["id"] == proposed.json()["id"])
    assert item["enterprise"] == {"id": enterprise["id"], "name": enterprise["name"], "country": "RO"}
    await client.post(f"/api/v1/reserved-eligibilities/{item['id']}/decision", json={"status": "rejected"},
                      headers={**admin_headers, "If-Match": proposed.headers["etag"]})
    after = (await client.get("/api/v1/reserved-eligibilities", headers=admin_headers)).json()
    assert item["id"] not in [i["id"] for i in after]
