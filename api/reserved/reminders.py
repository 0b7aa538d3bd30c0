"""A daily worker job: tell an organisation, once, that its verified reserved-contract evidence expires soon,
and clear the eligibility flag of organisations whose evidence has lapsed.

The match needs no job (it compares `expires_on` with the day of the query); the flag the profile shows
(`reserved_contract_eligible`) is kept by `sync_eligibility`, here for the evidence that expired overnight.
The reminder gives the organisation time to send a renewed attestation before the match stops listing it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.mail.language import of_organisation
from api.outbox import service as outbox
from api.reserved.rules import BASES
from api.reserved.service import sync_eligibility

REMIND_BEFORE = timedelta(days=30)

# Claimed row by row (SKIP LOCKED), so two workers never remind twice.
DUE_SQL = text("""
SELECT e.id, e.legal_basis, e.attestation_number, e.expires_on, o.name, o.email, o.languages, o.country
FROM reserved_eligibilities e JOIN organisations o ON o.id = e.organisation_id
WHERE e.status = 'verified' AND e.reminded_at IS NULL AND o.email IS NOT NULL
  AND e.expires_on >= CAST(:today AS date) AND e.expires_on <= CAST(:until AS date)
ORDER BY e.expires_on, e.id
LIMIT :batch
FOR UPDATE OF e SKIP LOCKED
""")
MARK_SQL = text("UPDATE reserved_eligibilities SET reminded_at = :now WHERE id = :id")


@dataclass
class ExpiryReport:
    reminded: int = 0
    lapsed: int = 0

    def __str__(self) -> str:
        return (f"{self.reminded} reserved-contract evidence expiry reminder(s) queued, "
                f"{self.lapsed} organisation(s) no longer eligible")


async def remind_expiring(session: AsyncSession, *, now: datetime, base_url: str, batch: int = 1000) -> ExpiryReport:
    report = ExpiryReport()
    today = now.date()
    rows = (await session.execute(DUE_SQL, {"today": today, "until": today + REMIND_BEFORE,
                                            "batch": batch})).mappings().all()
    for row in rows:
        await outbox.enqueue(session, to=row["email"], template="reserved_expiry",
                             language=of_organisation(row["languages"], row["country"]),
                             context={"enterprise_name": row["name"], "law": BASES[row["legal_basis"]].law,
                                      "attestation_number": row["attestation_number"],
                                      "expires_on": row["expires_on"].isoformat(),
                                      "link": f"{base_url.rstrip('/')}/member"},
                             dedupe_key=f"reserved-expiry:{row['id']}")
        await session.execute(MARK_SQL, {"now": now, "id": row["id"]})
        report.reminded += 1
    return report


async def run_expiry_reminders(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
                               now: datetime) -> ExpiryReport:
    async with sessionmaker() as session, session.begin():
        report = await remind_expiring(session, now=now, base_url=settings.public_base_url)
        report.lapsed = await sync_eligibility(session, today=now.date())
        return report
