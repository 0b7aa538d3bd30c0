"""Rows a test makes for itself: organisations, clusters, members, tokens and service requests.

Each factory writes through the test's session (so the rows vanish with the test's transaction), fills
every required field with a valid default, and takes keyword overrides for what the test is about. Names,
slugs, registration codes and e-mails carry a per-process counter, so two rows of one test never collide
and no test depends on what the demo data holds or how much of it there is.

Plain async functions rather than factory_boy: its SQLAlchemy support is synchronous, and these rows need
the async session the code under test uses (and the database's own triggers: region, search text).
"""

import itertools
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service as auth_service
from api.auth.models import ApiToken, Role
from api.enterprises.models import Organisation
from api.members.models import Cluster, Membership
from api.service_requests import service as service_requests
from api.service_requests.schemas import ServiceRequestCreate

_serial = itertools.count(1)

# Real places well inside their regions: (locality, lon, lat, region).
PLACES = {
    "RO": ("Cluj-Napoca", 23.6236, 46.7712, "RO-CJ"),
    "MD": ("Chișinău", 28.8638, 47.0105, "MD-CU"),
    "UA": ("Львів", 24.0297, 49.8397, "UA-46"),
}


def point(lon: float, lat: float) -> str:
    """A WGS 84 point as the Organisation.location column takes it."""
    return f"SRID=4326;POINT({lon} {lat})"


async def make_organisation(session: AsyncSession, **overrides: Any) -> Organisation:
    """A published social enterprise (a bakery in Cluj-Napoca unless `country` or fields say otherwise)."""
    n = next(_serial)
    country = overrides.get("country", "RO")
    locality, lon, lat, _ = PLACES[country]
    values: dict[str, Any] = {
        "kind": "social_enterprise", "name": f"Test Bakery {n}", "slug": f"test-bakery-{n}", "country": country,
        "locality": locality, "location": point(lon, lat), "registration_code": f"TEST{n:08d}",
        "email": f"bakery{n}@example.org", "employees_total": 10, "employees_vulnerable": 4,
        "annual_turnover_eur": Decimal("50000.00"), "impact_areas": ["work_integration"], "sectors": ["10.71"],
        "languages": ["ro", "en"], "description": {"en": "A bakery made by a test."}, "status": "published",
    }
    organisation = Organisation(**(values | overrides))
    session.add(organisation)
    await session.flush()
    await session.refresh(organisation)  # the region and timestamps come from the database
    return organisation


async def make_cluster(session: AsyncSession, **overrides: Any) -> Cluster:
    n = next(_serial)
    values: dict[str, Any] = {"slug": f"test-cluster-{n}", "name": f"Test Cluster {n}", "countries": ["RO", "MD"],
                              "description": {"en": "A cluster made by a test."}}
    cluster = Cluster(**(values | overrides))
    session.add(cluster)
    await session.flush()
    return cluster


async def make_member(session: AsyncSession, *, cluster: Cluster | None = None,
                      organisation: Organisation | None = None, role: str = "member",
                      joined_on: date = date(2021, 3, 1), **membership: Any) -> Membership:
    """An open membership of `organisation` (a new one by default) in `cluster` (a new one by default)."""
    cluster = cluster or await make_cluster(session)
    organisation = organisation or await make_organisation(session)
    row = Membership(cluster_id=cluster.id, organisation_id=organisation.id, role=role, joined_on=joined_on,
                     **membership)
    session.add(row)
    await session.flush()
    return row


async def make_token(session: AsyncSession, role: Role, organisation_id: int | None = None,
                     **options: Any) -> tuple[ApiToken, dict[str, str]]:
    """A stored token and the Authorization header that carries its plaintext (committed for the app to see)."""
    token, plaintext = await auth_service.create_token(
        session, name=f"test {role.value} {next(_serial)}", role=role, organisation_id=organisation_id, **options)
    await session.commit()
    return token, {"Authorization": f"Bearer {plaintext}"}


def service_request_body(**overrides: Any) -> dict[str, Any]:
    """A valid filing: help with a grant application."""
    body: dict[str, Any] = {
        "service": "funding_access", "title": "Grant for a second bakery oven",
        "description": "We want to apply to the regional programme and need help with the budget.",
        "preferred_from": "2026-03-01", "preferred_to": "2026-04-15",
        "contact": {"name": "Ana Pop", "email": "ana.pop@example.org", "phone": "+40 740 000 000"},
    }
    return body | overrides


async def make_service_request(session: AsyncSession, *, member: Membership | None = None,
                               token: ApiToken | None = None, **overrides: Any) -> Any:
    """A request filed by a member's token through the service (its event, audit entry and e-mails too)."""
    member = member or await make_member(session)
    if token is None:
        token, _ = await make_token(session, Role.member, member.organisation_id)
    data = ServiceRequestCreate.model_validate(service_request_body(**overrides))
    request = await service_requests.create(session, data, token)
    await session.commit()
    return request


class SmallCluster:
    """A cluster of five with known figures: an NGO coordinating since 2020, two social enterprises (RO, MD), a
    town hall and a school (no staff, no turnover). Employees 3 + 10 + 12 = 25, turnover EUR 150,000."""

    EMPLOYEES = 25
    TURNOVER_EUR = Decimal("150000")
    BY_COUNTRY: ClassVar[dict[str, int]] = {"RO": 3, "MD": 2}
    BY_KIND: ClassVar[dict[str, int]] = {"ngo": 1, "social_enterprise": 2, "public_authority": 1,
                                         "educational_institution": 1}

    def __init__(self, cluster: Cluster, members: dict[str, Organisation]) -> None:
        self.cluster = cluster
        self.slug = cluster.slug
        self.members = members


async def make_small_cluster(session: AsyncSession) -> SmallCluster:
    cluster = await make_cluster(session)
    members = {
        "coordinator": await make_organisation(session, kind="ngo", name=f"Asociația Test {cluster.id}",
                                               employees_total=3, employees_vulnerable=0,
                                               annual_turnover_eur=Decimal("20000"), sectors=["94.99"]),
        "bakery": await make_organisation(session),
        "workshop": await make_organisation(session, country="MD", employees_total=12, employees_vulnerable=7,
                                            annual_turnover_eur=Decimal("80000"), sectors=["14.13"]),
        "town_hall": await make_organisation(session, kind="public_authority", employees_total=0,
                                             employees_vulnerable=0, annual_turnover_eur=None, sectors=["84.11"],
                                             impact_areas=["local_development"]),
        "school": await make_organisation(session, kind="educational_institution", country="MD", employees_total=0,
                                          employees_vulnerable=0, annual_turnover_eur=None, sectors=["85.32"],
                                          impact_areas=["education"]),
    }
    joined = {"coordinator": date(2020, 1, 15), "bakery": date(2020, 6, 1), "workshop": date(2022, 3, 1),
              "town_hall": date(2023, 9, 1), "school": date(2024, 2, 1)}
    for key, organisation in members.items():
        await make_member(session, cluster=cluster, organisation=organisation, joined_on=joined[key],
                          role="coordinator" if key == "coordinator" else "member")
    await session.commit()
    return SmallCluster(cluster, members)
