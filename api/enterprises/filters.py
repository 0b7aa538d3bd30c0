"""The enterprise list's filters, shared by every view of the directory (list, GeoJSON, CSV, tiles, OGC).

Stable names for reuse: `EnterpriseFilters` (what was asked), `enterprise_filters` (the FastAPI
dependency that reads and validates it from the query string) and `apply_filters(query, filters,
*, staff)` (adds the WHERE clauses to any select over `organisations`).
"""

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Query
from pydantic import StringConstraints
from sqlalchemy import ColumnElement, Float, Text, and_, bindparam, cast, exists, func, literal, or_, select, true
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by, array

from api.db import AnySelect
from api.enterprises.models import Offering, OperatingStatus, Organisation, OrganisationKind, OrganisationStatus
from api.enterprises.schemas import Country
from api.enterprises.text import Words, matches_query
from api.errors import InvalidInput, raises
from api.geo.params import BBox, BoundPoint, Point, as_geography, parse_bbox
from api.members.models import Cluster, Membership, MembershipStatus
from api.taxonomies import catalog

MAX_RADIUS_KM = 2000.0
# Geodesic distance on WGS 84 and great-circle distance on PostGIS's mean sphere differ by < 0.6 %.
SPHERE_MARGIN = 0.01
RegionCode = Annotated[str, Query(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")]
ClusterSlug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=120)]


@dataclass
class EnterpriseFilters:
    """What a list asks for; several values of one filter are OR'ed, different filters AND'ed.

    `sector_prefixes` and `cpv_prefixes` are code prefixes (NACE "56" matches "56.21"; CPV
    "15000000" matches "15100000"); `point` alone filters nothing (it is the origin of
    `distance_km` and of sort=distance), with `radius_km` it keeps what lies within. `words` is what
    `q`'s words are in the names' vocabulary (`api.enterprises.text.read_words`), read before a relevance page.
    """

    country: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    verified: bool | None = None
    claimed: bool | None = None
    operating_status: list[str] = field(default_factory=list)
    sector_prefixes: list[str] = field(default_factory=list)
    impact: list[str] = field(default_factory=list)
    certification: list[str] = field(default_factory=list)
    cpv_prefixes: list[str] = field(default_factory=list)
    bbox: BBox | None = None
    point: Point | None = None
    radius_km: float | None = None
    q: str | None = None
    cluster: list[str] = field(default_factory=list)
    words: Words | None = None


def _checked(list_name: str, values: list[str], pointer: str) -> list[str]:
    unknown = catalog.unknown(list_name, values)
    if unknown:
        raise InvalidInput(f"unknown {list_name} code(s): {', '.join(unknown)}; "
                           f"see GET /api/v1/taxonomies/{list_name}", pointer=pointer)
    return list(dict.fromkeys(values))


def sector_prefixes(values: list[str]) -> list[str]:
    """NACE codes as prefixes; a section letter stands for its divisions."""
    prefixes: list[str] = []
    for code in _checked("nace", values, "/query/sector"):
        if code.isalpha():
            prefixes += [item["code"] for item in catalog.load("nace")["items"]
                         if item["level"] == "division" and item["section"] == code]
        else:
            prefixes.append(code)
    return prefixes


def cpv_prefixes(values: list[str]) -> list[str]:
    """A CPV code of the catalogue, or 2-8 digits of one, as the prefix its significant digits make."""
    known = catalog.codes("cpv")
    prefixes = []
    for value in values:
        if "-" in value:  # the check-digit form names one code exactly: its check digit must be right
            try:
                value = catalog.parse_cpv(value)
            except ValueError as exc:
                raise InvalidInput(str(exc), pointer="/query/cpv") from exc
        digits = value
        padded = digits.ljust(8, "0")
        if not re.fullmatch(r"[0-9]{2,8}", digits) or padded[:2].ljust(8, "0") not in known:
            raise InvalidInput(f"unknown cpv code: {value}; see GET /api/v1/taxonomies/cpv", pointer="/query/cpv")
        prefixes.append(padded.rstrip("0").ljust(2, "0"))
    return list(dict.fromkeys(prefixes))


def _point(lat: float | None, lon: float | None, radius_km: float | None) -> Point | None:
    if (lat is None) != (lon is None):
        raise InvalidInput("lat and lon go together.", pointer="/query/lat" if lat is None else "/query/lon")
    if lat is None or lon is None:
        if radius_km is not None:
            raise InvalidInput("radius_km needs lat and lon.", pointer="/query/radius_km")
        return None
    return Point(lon=lon, lat=lat)


def read_filters(
    country: Annotated[list[Country], Query(description="RO, MD or UA; repeat to OR.")] = [],  # noqa: B006
    region: Annotated[list[RegionCode], Query(description="ISO 3166-2 unit, e.g. RO-CJ.")] = [],  # noqa: B006
    kind: Annotated[list[OrganisationKind], Query()] = [],  # noqa: B006
    status_: Annotated[list[OrganisationStatus], Query(alias="status", description="Staff only.")] = [],  # noqa: B006
    verified: bool | None = None,
    claimed: Annotated[bool | None, Query(description="true: entries their organisation has claimed.")] = None,
    operating_status: Annotated[list[OperatingStatus], Query(description="active, relocated or suspended; "
                                                             "repeat to OR.")] = [],  # noqa: B006
    sector: Annotated[list[str], Query(description="NACE Rev.2 code prefix (56 matches 56.21) "
                                                   "or section letter.")] = [],  # noqa: B006
    impact: Annotated[list[str], Query(description="Impact area code, e.g. work_integration.")] = [],  # noqa: B006
    certification: Annotated[list[str], Query(description="Certification code.")] = [],  # noqa: B006
    cpv: Annotated[list[str], Query(description="CPV code or its leading digits, over the offerings "
                                                "(15 or 15000000 match 15100000).")] = [],  # noqa: B006
    bbox: Annotated[str | None, Query(description="minLon,minLat,maxLon,maxLat (WGS 84).",
                                      examples=["25.9,44.3,26.3,44.6"])] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90, description="Latitude of the point (WGS 84).")] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180, description="Longitude of the point.")] = None,
    radius_km: Annotated[float | None, Query(gt=0, le=MAX_RADIUS_KM,
                                             description="Geodesic radius around lat/lon, in km.")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="Text search: names, "
                                   "descriptions, offerings; any case, diacritics or script.")] = None,
    cluster: Annotated[list[ClusterSlug], Query(description="A cluster's slug: its active members only.")] = [],  # noqa: B006
) -> EnterpriseFilters:
    """The list's filters from the query string, validated against the code lists (422 names the value)."""
    query_text = q.strip() if q else None
    return EnterpriseFilters(
        country=list(country), region=list(region), kind=[k.value for k in kind],
        status=[s.value for s in status_], verified=verified, claimed=claimed,
        operating_status=[s.value for s in operating_status], sector_prefixes=sector_prefixes(sector),
        impact=_checked("impacts", impact, "/query/impact"),
        certification=_checked("certifications", certification, "/query/certification"),
        cpv_prefixes=cpv_prefixes(cpv), bbox=parse_bbox(bbox), point=_point(lat, lon, radius_km),
        radius_km=radius_km, q=query_text or None, cluster=list(dict.fromkeys(cluster)),
    )


@raises(400)  # a malformed bbox
@functools.wraps(read_filters)  # FastAPI reads the query parameters from read_filters' signature
async def enterprise_filters(**params: Any) -> EnterpriseFilters:
    """read_filters as a dependency. Async though it awaits nothing: FastAPI runs a plain function in a worker
    thread, a hand-off that costs more than the whole check."""
    return read_filters(**params)


EnterpriseFiltersDep = Annotated[EnterpriseFilters, Depends(enterprise_filters)]


def _prefix_patterns(prefixes: list[str]) -> ColumnElement[Any]:
    # LIKE patterns from validated codes (digits and dots only), passed as one bound array.
    return array([literal(p + "%") for p in prefixes])


def _structured(filters: EnterpriseFilters) -> list[ColumnElement[bool]]:
    org = Organisation
    clauses: list[ColumnElement[bool]] = []
    if filters.country:
        clauses.append(org.country.in_(filters.country))
    if filters.region:
        clauses.append(org.region_code.in_(filters.region))
    if filters.kind:
        clauses.append(org.kind.in_(filters.kind))
    if filters.verified is not None:
        clauses.append(org.verified.is_(filters.verified))
    if filters.claimed is not None:
        clauses.append(org.claimed_at.is_not(None) if filters.claimed else org.claimed_at.is_(None))
    if filters.operating_status:
        clauses.append(org.operating_status.in_(filters.operating_status))
    if filters.impact:
        clauses.append(org.impact_areas.op("&&")(array(filters.impact)))
    if filters.certification:
        clauses.append(org.certifications.op("&&")(array(filters.certification)))
    if filters.cluster:
        clauses.append(exists(select(1).select_from(Membership).join(Cluster, Cluster.id == Membership.cluster_id)
                              .where(_active_membership(), Cluster.slug.in_(filters.cluster))))
    if filters.sector_prefixes:
        # The divisions (two digits) first: the GIN index on (country, divisions) answers that part.
        divisions = sorted({prefix[:2] for prefix in filters.sector_prefixes})
        wanted = cast(array([literal(d) for d in divisions]), ARRAY(Text))
        clauses.append(func.semap_nace_divisions(org.sectors, type_=ARRAY(Text)).op("&&")(wanted))
        sector = func.unnest(org.sectors).table_valued("code").render_derived(name="sector")
        clauses.append(exists(select(1).select_from(sector).where(
            sector.c.code.like(func.any(_prefix_patterns(filters.sector_prefixes))))))
    if filters.cpv_prefixes:
        code = func.unnest(Offering.cpv_codes).table_valued("code").render_derived(name="cpv")
        clauses.append(exists(select(1).select_from(Offering).join(code, true()).where(
            Offering.organisation_id == org.id,
            code.c.code.like(func.any(_prefix_patterns(filters.cpv_prefixes))))))
    return clauses


# The shortest degree of latitude (at the equator) and a degree of longitude at the equator, in metres.
METRES_PER_DEGREE_LAT = 110_574.0
METRES_PER_DEGREE_LON = 111_319.0


def radius_parameters(point: Point, radius_km: float) -> dict[str, float]:
    """The radius in metres, and the half-width and half-height in degrees of a lon/lat box that holds the
    circle (360 wide near a pole or across the antimeridian: no box then). Named parameters of a statement
    built once (api.enterprises.search)."""
    reach = radius_km * 1000.0 * (1 + SPHERE_MARGIN)
    half_height = reach / METRES_PER_DEGREE_LAT
    farthest = abs(point.lat) + half_height
    half_width = 360.0
    if farthest < 89.0:
        half_width = reach / (METRES_PER_DEGREE_LON * math.cos(math.radians(farthest)))
        if abs(point.lon) + half_width >= 180.0:
            half_width = 360.0
    return {"radius_m": radius_km * 1000.0, "radius_dlon": half_width, "radius_dlat": half_height}


def within_radius(point: Point, radius_km: float) -> ColumnElement[bool]:
    """Within `radius_km` on the WGS 84 spheroid, with the costly spheroid test only near the edge.

    Sphere and spheroid distances differ by less than SPHERE_MARGIN: what lies well inside on the
    sphere lies inside on the spheroid, so only the thin band around the circle needs the exact test
    (at 50 km around a city that saves tens of thousands of spheroid computations). The index finds the box
    around the circle, so a page by id walks the (location, id) index as a bbox's does.
    """
    geography, origin = as_geography(Organisation.location), point.geography()
    parameters = radius_parameters(point, radius_km)

    def value(name: str) -> Any:  # with a BoundPoint, a named parameter of a statement built once
        return bindparam(name, parameters[name], type_=Float) if isinstance(point, BoundPoint) else parameters[name]

    metres = value("radius_m")
    box = func.ST_Expand(point.geometry(), value("radius_dlon"), value("radius_dlat"))
    # _ST_DWithin: the distance test alone, without ST_DWithin's index condition on the geography, whose
    # estimate (a few hundred rows where there are tens of thousands) made the planner sort every match by id
    # rather than walk the box's index in id order and stop after a page.
    return and_(Organisation.location.op("&&")(box),
                func._ST_DWithin(geography, origin, metres * (1 + SPHERE_MARGIN), False),
                or_(func._ST_DWithin(geography, origin, metres * (1 - SPHERE_MARGIN), False),
                    func._ST_DWithin(geography, origin, metres, True)))


def _spatial(filters: EnterpriseFilters) -> list[ColumnElement[bool]]:
    org = Organisation
    clauses: list[ColumnElement[bool]] = []
    if filters.bbox is not None:
        clauses.append(filters.bbox.overlapped_by(org.location))
    if filters.point is not None and filters.radius_km is not None:
        clauses.append(within_radius(filters.point, filters.radius_km))
    return clauses


def _active_membership() -> ColumnElement[bool]:
    return and_(Membership.organisation_id == Organisation.id, Membership.left_on.is_(None),
                Membership.status == MembershipStatus.active.value)


def member_clusters() -> ColumnElement[Any]:
    """The slugs of the clusters the row's organisation is an active member of (its "cluster member" badge)."""
    slugs = (select(func.array_agg(aggregate_order_by(Cluster.slug, Cluster.slug)))
             .select_from(Membership).join(Cluster, Cluster.id == Membership.cluster_id)
             .where(_active_membership()).scalar_subquery())
    return func.coalesce(slugs, cast(array([]), ARRAY(Text)))


def is_cluster_member() -> ColumnElement[bool]:
    """The row's organisation is an active member of some cluster (the map marker's badge)."""
    return exists(select(1).select_from(Membership).where(_active_membership()))


def apply_filters(query: AnySelect, filters: EnterpriseFilters, *, staff: bool) -> AnySelect:
    """`query` (a select over organisations) narrowed to what `filters` ask and the caller may see.

    The public sees published organisations only; staff see published ones unless they ask for
    other statuses with `status`. With `q`, call `api.enterprises.text.prepare_text_search(session)`
    first in the same transaction, so that typo tolerance is the same everywhere.
    """
    org = Organisation
    if not staff or not filters.status:
        query = query.where(org.status == OrganisationStatus.published.value)
    else:
        query = query.where(org.status.in_(filters.status))
    clauses = _structured(filters) + _spatial(filters)
    if filters.q:
        clauses.append(matches_query(filters.q))
    return query.where(and_(*clauses)) if clauses else query

