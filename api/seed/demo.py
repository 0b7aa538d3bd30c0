"""`semap seed demo`: the cluster's 60 members and 400 more enterprises, deterministically.

Every name is invented and every row carries is_demo; places are real towns from the bundled
GeoNames list. The members' employees add up to 319 and their turnovers to EUR 3,000,000, the
figures of the cluster this product was born in.
"""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from slugify import slugify
from sqlalchemy import select

from api.config import Settings
from api.db import create_engine, create_sessionmaker
from api.enterprises.models import Offering, Organisation
from api.geo.land import on_land
from api.geo.towns import Town, all_towns, find
from api.impact.models import ImpactReport
from api.members.models import Cluster, Membership
from api.reserved.models import ReservedEligibility
from api.seed import story
from api.seed.archetypes import ARCHETYPES, Archetype
from api.seed.procurement import load_procurement
from api.seed.reserved import evidence_for
from api.taxonomies import catalog

CLUSTER_SLUG = "accelerator-of-social-enterprises"
MEMBER_EMPLOYEES = 319
MEMBER_TURNOVER_EUR = 3_000_000
SEED = 2026

MEMBER_TOWNS = {
    "RO": ["Iași", "Cluj-Napoca", "București", "Bacău", "Timișoara", "Brașov", "Suceava", "Botoșani",
           "Vaslui", "Piatra Neamț", "Galați", "Constanța", "Oradea", "Sibiu", "Craiova"],
    "MD": ["Chișinău", "Bălți", "Cahul", "Orhei", "Ungheni", "Soroca", "Comrat"],
}
# (kind, count, country split RO/MD)
MEMBER_KINDS = [("social_enterprise", 47), ("public_authority", 7), ("educational_institution", 4)]
GRANTEES_2019 = 42
GRANTEE_NOTE = {"ro": "Beneficiar al programului Acceleratorului din 2019.",
                "en": "A grantee of the Accelerator programme of 2019."}
# Units under occupation or outside the government's control, wholly or in part (Crimea, Sevastopol, Donetsk,
# Luhansk, Zaporizhzhia, Kherson; the left bank of the Dniester): no ordinary demo entry is placed there.
# The only entries there are OCCUPIED_ENTRIES, each marked with its operating status.
UNCONTROLLED_REGIONS = {"UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65", "MD-SN"}
MORE_ENTERPRISES = {"RO": 200, "MD": 60, "UA": 136}


@dataclass(frozen=True)
class OccupiedEntry:
    """An enterprise of a territory under occupation: its entry keeps the town it had to leave or stop in."""

    town: str
    archetype: str
    operating_status: str
    note_uk: str
    note_en: str


OCCUPIED_ENTRIES = (
    OccupiedEntry("Mariupol", "textiles", "relocated", "Переїхала до Львова у 2022 році.",
                  "Relocated to Lviv in 2022."),
    OccupiedEntry("Melitopol", "bakery", "relocated", "Переїхала до Запоріжжя у 2022 році.",
                  "Relocated to Zaporizhzhia in 2022."),
    OccupiedEntry("Nova Kakhovka", "farming", "suspended", "Діяльність призупинена з 2022 року.",
                  "Suspended since 2022."),
    OccupiedEntry("Simferopol", "crafts", "suspended", "Діяльність призупинена з 2014 року.",
                  "Suspended since 2014."),
)
CERTIFICATION = {"RO": "ro_social_enterprise_attestation", "MD": "md_social_enterprise_status",
                 "UA": "ua_social_enterprise"}
INSERTION_MARK = {"RO": "ro_social_insertion_mark", "MD": "md_social_insertion_enterprise"}
DIALLING_CODE = {"RO": 40, "MD": 373, "UA": 380}
LEGAL_FORMS = {"RO": ["SRL", "Asociație", "Fundație", "Cooperativă"], "MD": ["SRL", "Asociație Obștească"],
               "UA": ["ТОВ", "ГО", "Кооператив"]}


@dataclass
class Plan:
    organisation: dict[str, Any]
    archetype: Archetype | None
    member_role: str | None = None
    joined: date | None = None


def _split_exactly(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to weights that add up to exactly total (largest remainders)."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _town(name: str, country: str) -> Town:
    matches = find(name, country)
    if not matches:
        raise LookupError(f"{name} ({country}) is not in the bundled towns")
    return matches[0]


def _jitter(rng: random.Random, town: Town, km: float = 2.0) -> str:
    # Within the town (at most `km` either way, and within its reach, api/geo/towns.py): apart on the map, yet
    # still in the town's region where the coarse boundaries need a per-town correction.
    km = min(km, town.radius_m / 1000 / 1.5)
    while True:  # a town on the Danube or the coast: draw again until the point is on land (api/geo/land.py)
        lat = town.lat + rng.uniform(-km, km) / 111.0
        lon = town.lon + rng.uniform(-km, km) / 78.0
        if on_land(lon, lat):
            break
    return f"SRID=4326;POINT({lon:.6f} {lat:.6f})"


def _codes(list_name: str, wanted: tuple[str, ...]) -> list[str]:
    known = catalog.codes(list_name)
    return [code for code in wanted if code in known]


def _cpv(wanted: tuple[str, ...]) -> list[str]:
    # Prefer the most specific code the bundled CPV list knows, else its division.
    known = catalog.codes("cpv")
    chosen = [code if code in known else code[:2] + "000000" for code in wanted]
    return [code for code in dict.fromkeys(chosen) if code in known]


def _registration_code(rng: random.Random, country: str) -> str:
    digits = {"RO": 8, "MD": 13, "UA": 8}[country]
    number = "".join(str(rng.randint(0, 9)) for _ in range(digits))
    return f"RO{number}" if country == "RO" else number


def _local_name(town: Town) -> str:
    return (town.name_in_cyrillic() or town.name) if town.country == "UA" else town.name


def _enterprise(rng: random.Random, town: Town, archetype: Archetype, name: str) -> dict[str, Any]:
    country = town.country
    ukrainian = country == "UA"
    certifications = [CERTIFICATION[country]] if rng.random() < 0.8 else []
    if country in INSERTION_MARK and "work_integration" in archetype.impacts and rng.random() < 0.35:
        certifications.append(INSERTION_MARK[country])
    description = ({"uk": archetype.description_uk, "en": archetype.description_en} if ukrainian
                   else {"ro": archetype.description_ro, "en": archetype.description_en})
    description = {lang: f"{text} (Date demonstrative.)" if lang == "ro" else
                   f"{text} (Демонстраційні дані.)" if lang == "uk" else f"{text} (Demo data.)"
                   for lang, text in description.items()}
    radius = rng.choice([None, 30, 50, 80, 150])
    return {
        "kind": "social_enterprise", "name": name, "country": country, "locality": _local_name(town),
        "location": _jitter(rng, town), "legal_form": rng.choice(LEGAL_FORMS[country]),
        "languages": ["uk", "en"] if ukrainian else ["ro", "en"], "description": description,
        "founded_year": rng.randint(2008, 2024),
        "impact_areas": _codes("impacts", archetype.impacts),
        "beneficiary_groups": _codes("beneficiaries", archetype.beneficiaries),
        "sectors": _codes("nace", archetype.nace), "certifications": _codes("certifications", tuple(certifications)),
        "service_radius_km": Decimal(radius) if radius else None,
        "service_countries": [] if radius else [country],
        "reserved_contract_eligible": False,  # set with its evidence: api/seed/reserved.py
        "website": f"https://example.org/demo/{slugify(name)}-{town.geonameid}",
        "phone": f"+{DIALLING_CODE[country]} {rng.randint(200, 999)} {rng.randint(100000, 999999)}",
        "email": f"contact+{town.geonameid}{rng.randint(10, 99)}@example.org",
        "status": "published", "verified": rng.random() < 0.6, "is_demo": True,
    }


def _member_plans(rng: random.Random) -> list[Plan]:
    """The 60 members: ADV Romania coordinating since 2020, 47 social enterprises (42 of them grantees
    of the 2019 programme, founding members in 2020), a Moldovan NGO that joined in 2024, 7 authorities
    and 4 schools. Only the enterprises and the two NGOs carry the 319 employees and EUR 3,000,000."""
    plans = [_ngo(rng, "Asociația ADV Romania", _town("București", "RO"), "coordinator", date(2020, 1, 15)),
             _ngo(rng, "Asociația Obștească Antreprenoriat Social Moldova", _town("Chișinău", "MD"), "member",
                  date(2024, 3, 1))]
    index = 0
    for kind, count in MEMBER_KINDS:
        for number in range(count):
            country = "MD" if index % 4 == 3 else "RO"
            town = _town(MEMBER_TOWNS[country][index % len(MEMBER_TOWNS[country])], country)
            index += 1
            if kind == "social_enterprise":
                archetype = ARCHETYPES[index % len(ARCHETYPES)]
                org = _enterprise(rng, town, archetype, f"{rng.choice(archetype.names_ro)} {town.name}")
                org["verified"] = True
                grantee = number < GRANTEES_2019
                if grantee:
                    org["description"] = {lang: f"{text} {GRANTEE_NOTE[lang]}"
                                          for lang, text in org["description"].items()}
                joined = date(2020 if grantee else rng.randint(2021, 2025), rng.randint(1, 12), 1)
                plans.append(Plan(org, archetype, "founding_member" if grantee else "member", joined))
            else:
                plans.append(Plan(_institution(rng, town, kind, index), None, "member",
                                  date(rng.randint(2021, 2025), rng.randint(1, 12), 1)))
    with_figures = [p for p in plans if p.organisation["kind"] in ("social_enterprise", "ngo")]
    employees = _split_exactly(MEMBER_EMPLOYEES, [rng.uniform(1, 4) for _ in with_figures])
    turnovers = _split_exactly(MEMBER_TURNOVER_EUR, [rng.uniform(1, 5) for _ in with_figures])
    for plan, staff, turnover in zip(with_figures, employees, turnovers, strict=True):
        plan.organisation["employees_total"] = staff
        vulnerable_share = 0.6 if plan.organisation["kind"] == "social_enterprise" else 0.2
        plan.organisation["employees_vulnerable"] = int(staff * vulnerable_share)
        plan.organisation["annual_turnover_eur"] = Decimal(turnover)
    return plans


def _ngo(rng: random.Random, name: str, town: Town, role: str, joined: date) -> Plan:
    org = _institution(rng, town, "ngo", 0)
    org.update(name=name, email=f"contact+{slugify(name)}@example.org",
               description={"ro": "Organizație neguvernamentală pentru economie socială. (Date demonstrative.)",
                            "en": "A non-governmental organisation for the social economy. (Demo data.)"})
    return Plan(org, None, role, joined)


def _institution(rng: random.Random, town: Town, kind: str, index: int) -> dict[str, Any]:
    # Authorities and schools join for partnership, not trade: no turnover and no staff figures.
    if kind == "public_authority":
        name, sectors = f"Primăria {town.name}", ["84.11"]
        impacts = ["local_development", "social_inclusion"]
    elif kind == "educational_institution":
        name, sectors = f"Colegiul de Economie Socială {town.name}", ["85.32"]
        impacts = ["education"]
    else:
        name, sectors = "Organizație de economie socială", ["94.99"]
        impacts = ["social_inclusion", "local_development"]
    return {
        "kind": kind, "name": name, "country": town.country, "locality": town.name,
        "location": _jitter(rng, town, km=0.5), "languages": ["ro", "en"],
        "description": {"ro": f"Membru al clusterului. (Date demonstrative, #{index}.)",
                        "en": f"A member of the cluster. (Demo data, #{index}.)"},
        "sectors": _codes("nace", tuple(sectors)), "impact_areas": _codes("impacts", tuple(impacts)),
        "status": "published", "verified": True, "is_demo": True,
        "website": f"https://example.org/demo/{slugify(name)}",
    }


def _more_plans(rng: random.Random) -> list[Plan]:
    plans = []
    for country, count in MORE_ENTERPRISES.items():
        towns = [t for t in all_towns() if t.country == country and t.population >= 2000
                 and t.admin1 not in UNCONTROLLED_REGIONS and (country != "UA" or t.name_in_cyrillic())]
        weights = [t.population ** 0.5 for t in towns]
        for town in rng.choices(towns, weights=weights, k=count):
            archetype = rng.choice(ARCHETYPES)
            # One script per name: a Ukrainian name takes the town's Cyrillic spelling.
            if country == "UA":
                name = f"{rng.choice(archetype.names_uk)} {town.name_in_cyrillic()}"
            else:
                name = f"{rng.choice(archetype.names_ro)} {town.name}"
            org = _enterprise(rng, town, archetype, name)
            staff = rng.randint(2, 25)
            org.update(employees_total=staff, employees_vulnerable=rng.randint(0, staff),
                       annual_turnover_eur=Decimal(rng.randint(10, 400) * 1000))
            plans.append(Plan(org, archetype))
    return plans


def _occupied_plans(rng: random.Random) -> list[Plan]:
    """The few entries in territories under occupation, each relocated or suspended, and saying so."""
    plans = []
    for entry in OCCUPIED_ENTRIES:
        town = _town(entry.town, "UA")
        archetype = next(a for a in ARCHETYPES if a.key == entry.archetype)
        org = _enterprise(rng, town, archetype, f"{archetype.names_uk[0]} {town.name_in_cyrillic()}")
        org["description"] = {"uk": f"{org['description']['uk']} {entry.note_uk}",
                              "en": f"{org['description']['en']} {entry.note_en}"}
        staff = rng.randint(2, 12)
        org.update(operating_status=entry.operating_status, employees_total=staff,
                   employees_vulnerable=rng.randint(0, staff), annual_turnover_eur=Decimal(rng.randint(5, 80) * 1000))
        plans.append(Plan(org, archetype))
    return plans


def _offerings(rng: random.Random, plan: Plan) -> list[dict[str, Any]]:
    archetype = plan.archetype
    if archetype is None:
        return []
    title = archetype.offering_uk if plan.organisation["country"] == "UA" else archetype.offering_ro
    low = rng.choice([1, 5, 10, 20])
    return [{"title": title, "description": archetype.offering_en, "cpv_codes": _cpv(archetype.cpv),
             "delivery_mode": rng.choice(["delivery", "pickup", "on_site"]), "lead_time_days": rng.randint(1, 21),
             "min_order_quantity": low, "max_order_quantity": low * rng.choice([10, 20, 50, 100]),
             "quantity_unit": archetype.unit, "min_order_value_eur": Decimal(rng.choice([0, 50, 100, 250]))}]


def _unique_slugs(plans: list[Plan]) -> None:
    seen: dict[str, int] = {}
    for plan in plans:
        stem = slugify(plan.organisation["name"], max_length=100, word_boundary=True)
        seen[stem] = seen.get(stem, 0) + 1
        plan.organisation["slug"] = stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"


def _unique_registration_codes(rng: random.Random, plans: list[Plan]) -> None:
    used: set[tuple[str, str]] = set()
    for plan in plans:
        country = plan.organisation["country"]
        code = _registration_code(rng, country)
        while (country, code) in used:
            code = _registration_code(rng, country)
        used.add((country, code))
        plan.organisation["registration_code"] = code


async def load_demo(settings: Settings) -> str:
    engine = create_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            if await session.scalar(select(Cluster.id).where(Cluster.slug == CLUSTER_SLUG)) is not None:
                return "demo data already loaded; nothing to do"
            rng = random.Random(SEED)
            members, more = _member_plans(rng), _more_plans(rng) + _occupied_plans(rng)
            plans = members + more
            _unique_slugs(plans)
            _unique_registration_codes(rng, plans)
            evidence = evidence_for([plan.organisation for plan in plans], date.today())
            cluster = Cluster(slug=CLUSTER_SLUG, **story.CLUSTER)
            session.add(cluster)
            organisations = [Organisation(**plan.organisation) for plan in plans]
            session.add_all(organisations)
            await session.flush()
            for plan, org, proof in zip(plans, organisations, evidence, strict=True):
                session.add_all(Offering(organisation_id=org.id, **o) for o in _offerings(rng, plan))
                if proof is not None:
                    session.add(ReservedEligibility(organisation_id=org.id, **proof))
                if plan.member_role is not None and plan.joined is not None:
                    session.add(Membership(cluster_id=cluster.id, organisation_id=org.id,
                                           role=plan.member_role, joined_on=plan.joined))
                    groups = plan.archetype.beneficiaries if plan.archetype else ()
                    session.add_all(ImpactReport(organisation_id=org.id, **report)
                                    for report in story.impact_reports(rng, plan.organisation, plan.joined, groups))
            await session.flush()
            procurement = await load_procurement(session)
            return f"loaded {len(members)} members and {len(more)} more enterprises; {procurement}"
    finally:
        await engine.dispose()
