"""The cluster's story as the demo tells it: its dates, its networks and partner, its members' yearly reports.

The dates and ties are those the cluster publishes (a programme since 2019, a cluster since 2020, on the
ECCP since the end of 2021; ADV Romania in RISE, RISE the only Romanian member of ENSIE, ADV Romania in
Diesis since 2022; AFIN IFN founded by most members). The yearly figures are invented, grow towards
the members' current profile figures, and are marked verified up to the last full year.
"""

import random
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

FIRST_REPORT_YEAR = 2020
LAST_REPORT_YEAR = 2025

CLUSTER: dict[str, Any] = {
    "name": "Accelerator of Social Enterprises",
    "countries": ["RO", "MD"],
    "programme_since": date(2019, 1, 1),
    "founded_on": date(2020, 1, 15),
    "eccp_registered_on": date(2021, 12, 1),
    "eccp_url": "https://reporting.clustercollaboration.eu/",
    "description": {
        "en": "A programme since 2019 and a cluster since 2020, run by ADV Romania: social enterprises, "
              "authorities and schools of Romania and the Republic of Moldova that want to be a voice and an "
              "example of the social and economic impact social enterprises have. (Demo data.)",
        "ro": "Program din 2019 și cluster din 2020, coordonat de ADV Romania: întreprinderi sociale, autorități "
              "și școli din România și Republica Moldova care vor să fie o voce și un exemplu al impactului "
              "social și economic al întreprinderilor sociale. (Date demonstrative.)",
        "uk": "Програма з 2019 року і кластер з 2020 року, який координує ADV Romania: соціальні підприємства, "
              "органи влади та навчальні заклади Румунії та Республіки Молдова, які хочуть бути голосом і "
              "прикладом соціального та економічного впливу соціальних підприємств. (Демонстраційні дані.)",
        "ru": "Программа с 2019 года и кластер с 2020 года под руководством ADV Romania: социальные предприятия, "
              "органы власти и учебные заведения Румынии и Республики Молдова, которые хотят быть голосом и "
              "примером социального и экономического влияния социальных предприятий. (Демонстрационные данные.)",
    },
    "linked_organisations": [
        {"name": "AFIN IFN SA", "relation": "financing_partner", "url": None, "since": None, "note": {
            "en": "Founded by most of the cluster's members: the first non-bank lender with Romanian capital "
                  "for social enterprises.",
            "ro": "Fondată de majoritatea membrilor clusterului: prima instituție financiară nebancară cu capital "
                  "românesc pentru întreprinderile sociale.",
            "uk": "Заснована більшістю членів кластера: перша небанківська фінансова установа з румунським "
                  "капіталом для соціальних підприємств.",
            "ru": "Основана большинством членов кластера: первая небанковская финансовая организация с румынским "
                  "капиталом для социальных предприятий."}},
        {"name": "RISE", "relation": "network", "url": None, "since": None, "note": {
            "en": "The Romanian network of work-integration social enterprises; ADV Romania is a member.",
            "ro": "Rețeaua română a întreprinderilor sociale de inserție; ADV Romania este membră.",
            "uk": "Румунська мережа соціальних підприємств трудової інтеграції; ADV Romania є її членом.",
            "ru": "Румынская сеть социальных предприятий трудовой интеграции; ADV Romania — её член."}},
        {"name": "ENSIE", "relation": "network", "url": "https://www.ensie.org/", "since": None, "note": {
            "en": "The European Network of Social Integration Enterprises; RISE is its only Romanian member.",
            "ro": "Rețeaua europeană a întreprinderilor sociale de inserție; RISE este singurul membru din România.",
            "uk": "Європейська мережа підприємств соціальної інтеграції; RISE — її єдиний член із Румунії.",
            "ru": "Европейская сеть предприятий социальной интеграции; RISE — её единственный член из Румынии."}},
        {"name": "Diesis Network", "relation": "network", "url": "https://www.diesis.coop/", "since": 2022, "note": {
            "en": "A European network supporting the social economy; ADV Romania has been a member since 2022.",
            "ro": "Rețea europeană de sprijin pentru economia socială; ADV Romania este membră din 2022.",
            "uk": "Європейська мережа підтримки соціальної економіки; ADV Romania — її член з 2022 року.",
            "ru": "Европейская сеть поддержки социальной экономики; ADV Romania — её член с 2022 года."}},
    ],
}


def _split(total: int, groups: tuple[str, ...]) -> dict[str, int]:
    """The vulnerable employees over the enterprise's groups, the first group taking the remainder."""
    if not groups or total == 0:
        return {}
    share = total // len(groups)
    counts = {group: share for group in groups}
    counts[groups[0]] += total - share * len(groups)
    return {group: n for group, n in counts.items() if n}


def impact_reports(rng: random.Random, org: dict[str, Any], joined: date,
                   groups: tuple[str, ...]) -> list[dict[str, Any]]:
    """One report per year of membership, growing towards the current profile figures (last year equal)."""
    verified_at = datetime(LAST_REPORT_YEAR + 1, 3, 31, tzinfo=UTC)
    reports = []
    for year in range(max(joined.year, FIRST_REPORT_YEAR), LAST_REPORT_YEAR + 1):
        scale = 1.0 if year == LAST_REPORT_YEAR else max(0.3, 1 - 0.09 * (LAST_REPORT_YEAR - year)
                                                         + rng.uniform(-0.04, 0.04))
        report: dict[str, Any] = {"year": year, "status": "verified", "verified_at": verified_at}
        if org["kind"] in ("public_authority", "educational_institution"):
            # People reached by its social programmes, or students trained: no staff, no turnover.
            report["beneficiaries"] = int(rng.randint(150, 1200) * scale)
        else:
            staff = max(1, round(org["employees_total"] * scale))
            vulnerable = min(staff, round(org["employees_vulnerable"] * scale))
            contracts = rng.randint(0, 4) if org.get("reserved_contract_eligible") else 0
            report.update(
                employees_total=staff, employees_vulnerable=vulnerable, vulnerable_by_group=_split(vulnerable, groups),
                beneficiaries=staff * rng.randint(3, 15),
                turnover_eur=(org["annual_turnover_eur"] * Decimal(str(round(scale, 3)))).quantize(Decimal("1")),
                public_contracts_won=contracts,
                public_contracts_eur=Decimal(contracts * rng.randint(5, 40) * 1000) if contracts else None,
                environment={"waste_diverted_t": round(rng.uniform(0.5, 20), 1)} if rng.random() < 0.3 else {})
        reports.append(report)
    return reports
