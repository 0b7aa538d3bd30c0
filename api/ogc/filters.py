"""What an items request may filter on: `datetime` (Part 1 Core) and the queryables (Part 3), as query parameters.

The queryables are the directory's facets under the names the features' properties carry, so that a
client (GDAL, QGIS) that filters on a property sends it as a parameter of the same name. An unknown
value is a 400 problem naming the parameter, as OGC API Features asks for bad parameters.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_

from api.enterprises.filters import EnterpriseFilters
from api.enterprises.models import Organisation, OrganisationKind
from api.errors import BadRequest
from api.taxonomies import catalog

COUNTRIES = ("RO", "MD", "UA")


@dataclass(frozen=True)
class Queryable:
    """A property a client may filter items on: its JSON Schema and how a value becomes a filter."""

    name: str
    title: str
    schema: dict[str, Any]
    description: str


def _codes(list_name: str) -> list[str]:
    return sorted(catalog.codes(list_name))


def enterprise_queryables() -> list[Queryable]:
    return [
        Queryable("country", "Country", {"type": "string", "enum": list(COUNTRIES)}, "ISO 3166-1 alpha-2."),
        Queryable("region_code", "Region", {"type": "string", "pattern": "^[A-Z]{2}-[A-Z0-9]{1,3}$"},
                  "ISO 3166-2 code of the county, raion or oblast (RO-CJ)."),
        Queryable("kind", "Kind of organisation", {"type": "string", "enum": [k.value for k in OrganisationKind]},
                  "Social enterprise, NGO, public authority, school…"),
        Queryable("sectors", "Sector (NACE Rev.2)", {"type": "string"},
                  "A NACE Rev.2 code or prefix (56 matches 56.21) or a section letter (I); the feature "
                  "matches when one of its sectors does."),
        Queryable("impact_areas", "Impact area", {"type": "string", "enum": _codes("impacts")},
                  "The feature matches when it has this impact area."),
        Queryable("certifications", "Certification", {"type": "string", "enum": _codes("certifications")},
                  "The feature matches when it holds this certification."),
        Queryable("verified", "Verified by the cluster", {"type": "boolean"}, "true or false."),
        Queryable("updated_at", "Last update", {"type": "string", "format": "date-time"},
                  "Filtered with the `datetime` parameter (an instant or an interval)."),
    ]


REGION_QUERYABLES = [Queryable("country", "Country", {"type": "string", "enum": list(COUNTRIES)},
                               "ISO 3166-1 alpha-2.")]
# Parameters that filter by property, per collection (updated_at is reached through `datetime`).
PROPERTY_PARAMETERS = {"enterprises": ("country", "region_code", "kind", "sectors", "impact_areas",
                                       "certifications", "verified"),
                       "regions": ("country",)}


def _values(params: list[tuple[str, str]], name: str) -> list[str]:
    # Repeated parameters and comma-separated values both OR (country=RO,MD).
    return [v.strip() for key, raw in params if key == name for v in raw.split(",") if v.strip()]


def _check(name: str, values: list[str], allowed: set[str]) -> list[str]:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise BadRequest(f"Unknown {name} value(s): {', '.join(unknown)}; see the collection's queryables.",
                         pointer=f"/query/{name}")
    return list(dict.fromkeys(values))


def _sector_prefixes(values: list[str]) -> list[str]:
    nace = catalog.load("nace")["items"]
    _check("sectors", values, {item["code"] for item in nace})
    prefixes: list[str] = []
    for code in values:
        if code.isalpha():
            prefixes += [i["code"] for i in nace if i["level"] == "division" and i["section"] == code]
        else:
            prefixes.append(code)
    return prefixes


def _verified(values: list[str]) -> bool | None:
    if not values:
        return None
    if len(set(values)) > 1 or values[0] not in ("true", "false"):
        raise BadRequest("verified is true or false.", pointer="/query/verified")
    return values[0] == "true"


def enterprise_filters(params: list[tuple[str, str]]) -> EnterpriseFilters:
    """The property filters of an items request over enterprises (published ones only, as always)."""
    region = _values(params, "region_code")
    for code in region:
        if not (len(code) <= 6 and code[:2] in COUNTRIES and code[2:3] == "-"):
            raise BadRequest(f"region_code {code!r} is not an ISO 3166-2 code of RO, MD or UA.",
                             pointer="/query/region_code")
    return EnterpriseFilters(
        country=_check("country", _values(params, "country"), set(COUNTRIES)),
        region=region,
        kind=_check("kind", _values(params, "kind"), {k.value for k in OrganisationKind}),
        sector_prefixes=_sector_prefixes(_values(params, "sectors")),
        impact=_check("impact_areas", _values(params, "impact_areas"), set(catalog.codes("impacts"))),
        certification=_check("certifications", _values(params, "certifications"),
                             set(catalog.codes("certifications"))),
        verified=_verified(_values(params, "verified")))


def region_countries(params: list[tuple[str, str]]) -> list[str]:
    return _check("country", _values(params, "country"), set(COUNTRIES))


@dataclass(frozen=True)
class Interval:
    """A half-open [start, end) range of instants; None is an open end."""

    start: datetime | None
    end: datetime | None

    def clause(self, column: Any) -> ColumnElement[bool]:
        parts = []
        if self.start is not None:
            parts.append(column >= self.start)
        if self.end is not None:
            parts.append(column < self.end)
        return and_(*parts)


def _instant(text: str) -> tuple[datetime, datetime]:
    """[first, after-last) instants of a date (its whole day) or of an RFC 3339 date-time (that instant)."""
    try:
        if "T" not in text.upper():
            day = date.fromisoformat(text)
            first = datetime.combine(day, time(), tzinfo=UTC)
            return first, first + timedelta(days=1)
        moment = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadRequest(f"datetime {text!r} is neither a date (2026-05-01) nor an RFC 3339 date-time "
                         "(2026-05-01T10:00:00Z).", pointer="/query/datetime") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment, moment + timedelta(microseconds=1)


def parse_datetime(raw: str | None) -> Interval | None:
    """OGC API Features `datetime`: an instant, or `start/end` with `..` (or nothing) for an open end."""
    if raw is None:
        return None
    if "/" not in raw:
        return Interval(*_instant(raw))
    head, _, tail = raw.partition("/")
    if head in ("", "..") and tail in ("", ".."):
        raise BadRequest("datetime: an interval needs at least one end (../2026-05-01 or 2026-01-01/..).",
                         pointer="/query/datetime")
    start: datetime | None = None if head in ("", "..") else _instant(head)[0]
    end: datetime | None = None if tail in ("", "..") else _instant(tail)[1]
    if start is not None and end is not None and start >= end:
        raise BadRequest("datetime: the interval ends before it starts.", pointer="/query/datetime")
    return Interval(start, end)


def updated_within(interval: Interval) -> ColumnElement[bool]:
    return interval.clause(Organisation.updated_at)
