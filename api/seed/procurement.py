"""Demo tenders and funding calls, so that the radar, the members' area and the console show something.

The tenders are the hand-written OCDS packages in data/ocds/ (one per country, also the tests' fixtures),
imported through the radar's own import with their deadlines moved a few weeks ahead of the day the demo
is loaded and their ocids marked as demo; their open lots are matched against the demo enterprises.
"""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.funding.models import FundingCall
from api.tenders.service import import_package

PACKAGES = Path(__file__).parent / "data" / "ocds"
# Days until each package's deadline.
DEADLINES = {"ro-release-package.json": 24, "md-record-package.json": 17, "ua-release-package.json": 31}


def _demo_package(name: str, now: datetime) -> bytes:
    package: dict[str, Any] = json.loads((PACKAGES / name).read_text(encoding="utf-8"))
    releases = package["releases"] if "releases" in package else [r["compiledRelease"] for r in package["records"]]
    for release in releases:
        release["tender"]["tenderPeriod"]["endDate"] = (now + timedelta(days=DEADLINES[name])).isoformat()
    # Distinct from the tests' imports of the same files.
    return json.dumps(package, ensure_ascii=False).replace("ocds-semap0-", "ocds-semapdemo-").encode()


def _funding_calls(today: date) -> list[FundingCall]:
    return [
        FundingCall(title="Microcredite pentru întreprinderi sociale", funder="AFIN IFN", kind="loan",
                    summary="Împrumuturi de la 2.000 la 25.000 EUR pentru întreprinderi sociale și unități protejate, "
                            "cu garanții adaptate.", url="https://example.org/demo/afin-microcredite",
                    deadline=today + timedelta(days=90), amount_min=2000, amount_max=25000, currency="EUR",
                    countries=["RO"], kinds=["social_enterprise"], max_employees=249, status="published"),
        FundingCall(title="FSE+ — Economie socială: înființare și dezvoltare", funder="Programul Educație și Ocupare",
                    kind="esf_plus", summary="Granturi pentru crearea de locuri de muncă pentru persoane din grupuri "
                    "vulnerabile în întreprinderi sociale de inserție.", url="https://example.org/demo/peo-economie-sociala",
                    deadline=today + timedelta(days=45), amount_max=100000, currency="EUR", countries=["RO"],
                    impact_areas=["work_integration", "social_inclusion"], status="published"),
        FundingCall(title="Granturi mici pentru antreprenoriat social", funder="Fundația Est-Europeană (demo)",
                    kind="private_donor", summary="Granturi de până la 200.000 MDL pentru întreprinderi sociale din "
                    "Republica Moldova, pentru echipamente și instruire.", deadline=today + timedelta(days=60),
                    amount_max=200000, currency="MDL", countries=["MD"], status="published"),
        FundingCall(title="Гранти на відновлення для соціальних підприємств", funder="Фонд розвитку (demo)",
                    kind="grant", summary="Гранти до 800 000 грн для соціальних підприємств, що працевлаштовують "
                    "ветеранів і внутрішньо переміщених осіб.", deadline=today + timedelta(days=75),
                    amount_max=800000, currency="UAH", countries=["UA"], status="published"),
        FundingCall(title="Circular economy pilot grants (draft)", funder="Green Fund (demo)", kind="grant",
                    summary="A call being prepared: staff see it in the console, members do not yet.",
                    impact_areas=["green_circular_economy"], status="draft"),
    ]


async def load_procurement(session: AsyncSession, now: datetime | None = None) -> str:
    """Import the demo tenders (matched against the enterprises already flushed) and add the funding calls."""
    now = now or datetime.now(UTC)
    lots = 0
    for name in DEADLINES:
        lots += (await import_package(session, _demo_package(name, now), source=f"demo:{name}", now=now)).lots
    calls = _funding_calls(now.date())
    session.add_all(calls)
    await session.flush()
    return f"{len(DEADLINES)} tenders ({lots} lots) and {len(calls)} funding calls"
