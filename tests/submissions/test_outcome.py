"""Submitters hear the moderator's decision by e-mail, in their language, through the outbox."""

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.outbox.models import OutboxMessage
from api.worker.expiry import expire
from tests.conftest import count_rows, enterprise_body
from tests.submissions.test_submissions import ADMIN, API, _queue, proposal


async def _mail_to(session: AsyncSession, address: str) -> list[OutboxMessage]:
    return list((await session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)
                                       .order_by(OutboxMessage.id))).all())


async def test_approval_is_told_in_the_submitters_language_with_a_link(client: AsyncClient, editor_headers: dict,
                                                                      session: AsyncSession) -> None:
    await client.post(API, json=proposal(submitter_email="olena@example.org", language="uk"))
    submission = (await _queue(client, editor_headers))[0]
    assert submission["language"] == "uk"
    assert await _mail_to(session, "olena@example.org") == []  # nothing before the decision
    approved = (await client.post(f"{ADMIN}/{submission['id']}/approve", headers=editor_headers)).json()
    [mail] = await _mail_to(session, "olena@example.org")
    slug = (await client.get(f"/api/v1/enterprises/{approved['organisation_id']}")).json()["slug"]
    assert mail.language == "uk" and mail.template == "submission_decided"
    assert mail.subject == "Atelierul Propus тепер на Мапі соціальних підприємств"
    assert f"/e/{slug}" in mail.body_text and "privacy@semap.dev" in mail.body_text
    assert mail.body_html is not None and f"/e/{slug}" in mail.body_html


async def test_rejection_of_a_correction_carries_the_reason(client: AsyncClient, admin_headers: dict,
                                                            enterprise: dict, session: AsyncSession) -> None:
    body = {"kind": "correction", "organisation": enterprise["slug"], "changes": {"employees_total": 25},
            "submitter_name": "Ana Pop", "submitter_email": "ana.outcome@example.org", "language": "ro"}
    assert (await client.post(API, json=body)).status_code == 202
    submission = (await _queue(client, admin_headers))[0]
    rejected = await client.post(f"{ADMIN}/{submission['id']}/reject", json={"reason": "Cifra nu se verifică."},
                                 headers=admin_headers)
    assert rejected.status_code == 200
    [mail] = await _mail_to(session, "ana.outcome@example.org")
    assert mail.subject == f"Corectura dumneavoastră pentru {enterprise['name']} nu a fost aplicată"
    assert "Motivul moderatorului: Cifra nu se verifică." in mail.body_text
    assert "/e/" not in mail.body_text  # nothing to look at


async def test_without_a_language_the_outcome_is_in_english(client: AsyncClient, admin_headers: dict,
                                                           session: AsyncSession) -> None:
    await client.post(API, json=proposal(submitter_email="nolang@example.org"))
    submission = (await _queue(client, admin_headers))[0]
    await client.post(f"{ADMIN}/{submission['id']}/reject", json={"reason": "Not social."}, headers=admin_headers)
    [mail] = await _mail_to(session, "nolang@example.org")
    assert mail.language == "en" and mail.subject == "Your proposal of Atelierul Propus was not published"


async def test_a_failed_approval_tells_nobody(client: AsyncClient, admin_headers: dict, enterprise: dict,
                                             session: AsyncSession) -> None:
    clash = proposal(enterprise=enterprise_body(name="Alt Nume", registration_code=enterprise["registration_code"]),
                     submitter_email="clash@example.org")
    await client.post(API, json=clash)
    submission = (await _queue(client, admin_headers))[0]
    assert (await client.post(f"{ADMIN}/{submission['id']}/approve", headers=admin_headers)).status_code == 409
    assert await _mail_to(session, "clash@example.org") == []


async def test_an_unknown_language_is_refused_and_nothing_stored(client: AsyncClient, session: AsyncSession) -> None:
    before = await count_rows(session, "submissions")
    response = await client.post(API, json=proposal(language="de"))
    assert response.status_code == 422 and response.json()["errors"][0]["pointer"] == "/language"
    assert await count_rows(session, "submissions") == before


async def test_submitters_are_erased_a_year_after_the_decision(
        session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    now = datetime.now(UTC)
    for email, decided in (("old.submitter@example.org", now - timedelta(days=400)),
                           ("recent.submitter@example.org", now - timedelta(days=10)),
                           ("pending.submitter@example.org", None)):
        await session.execute(text(
            "INSERT INTO submissions (kind, payload, submitter_name, submitter_email, status, decided_at) "
            "VALUES ('new', '{}', 'Somebody', :email, CASE WHEN CAST(:t AS timestamptz) IS NULL THEN 'pending' "
            "ELSE 'rejected' END, :t)"), {"email": email, "t": decided})
    await session.commit()
    report = await expire(sessionmaker, settings, now)
    assert report.deleted["submitters"] >= 1
    left = (await session.execute(text(
        "SELECT submitter_email FROM submissions WHERE submitter_email LIKE '%.submitter@example.org'"))).scalars()
    assert sorted(left) == ["pending.submitter@example.org", "recent.submitter@example.org"]
    assert await session.scalar(text("SELECT count(*) FROM submissions WHERE submitter_name = 'erased'")) >= 1
