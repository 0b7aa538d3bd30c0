"""Statistics of a cluster's members and of the whole directory."""

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from pydantic.config import JsonDict

EXAMPLE: JsonDict = {
    "cluster": "accelerator-of-social-enterprises",
    "members": {"organisations": 60, "by_kind": {"social_enterprise": 47, "public_authority": 7},
                "by_country": {"RO": 45, "MD": 15}, "by_region": {"RO-IS": 6}, "employees_total": 319,
                "employees_vulnerable": 170, "turnover_eur_total": "3000000.00",
                "by_impact_area": {"work_integration": 30}, "by_nace_section": {"C": 12, "I": 8},
                "by_role": {"member": 50, "founding_member": 9, "coordinator": 1},
                "joined_per_year": {"2016": 4, "2017": 6}},
    "directory": None, "sections": {},
}


class Figures(BaseModel):
    organisations: int
    by_kind: dict[str, int]
    by_country: dict[str, int]
    by_region: dict[str, int] = Field(description="ISO 3166-2 units; `unknown` for points outside every unit.")
    employees_total: int = Field(description="Cumulated employment.")
    employees_vulnerable: int = Field(description="Employees from vulnerable groups.")
    turnover_eur_total: Decimal = Field(description="Sum of the annual turnovers, in EUR.")
    by_impact_area: dict[str, int] = Field(description="Organisations per impact area (one may have several).")
    by_nace_section: dict[str, int] = Field(description="Organisations per NACE Rev.2 section letter.")


class MemberFigures(Figures):
    by_role: dict[str, int]
    joined_per_year: dict[str, int] = Field(description="Memberships by the year they began, ended ones included.")


class Stats(BaseModel):
    model_config = {"json_schema_extra": {"examples": [EXAMPLE]}}

    cluster: str | None = Field(description="The cluster's slug; null for the whole platform.")
    members: MemberFigures = Field(description="Organisations with an open membership.")
    directory: Figures | None = Field(description="Every published organisation on the map (platform stats only).")
    sections: dict[str, Any] = Field(default_factory=dict,
                                     description="For admins and editors: service_requests (both) and "
                                                 "inquiries (platform only).")
