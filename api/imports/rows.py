"""One row of a file: cleaned, checked with the API's own schema, placed, and made ready to stage."""

import json
import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from text_unidecode import unidecode

from api.enterprises.schemas import EnterpriseCreate
from api.geo.towns import Town
from api.imports import geocode
from api.imports.columns import BY_NAME, LANGUAGES, LIST_COLUMNS
from api.imports.readers import ROW_PROBLEM
from api.spreadsheets import restore

MODEL_FIELDS = [name for name, column in BY_NAME.items()
                if column.imported and name not in ("external_id", "region", "lat", "lon")
                and not name.startswith("description_")]
PLACEHOLDER_POINT = (24.97, 45.94)
_LIST_SPLIT = re.compile(r"[;,|]")
# Registration codes compared for "looks like": letters and digits only, without a country prefix.
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_COUNTRY_PREFIX = re.compile(r"^(RO|MD|UA)")
REG_NORM_SQL = (r"regexp_replace(regexp_replace(upper({0}), '[^A-Z0-9]', '', 'g'), '^(RO|MD|UA)', '')")


@dataclass
class Problem:
    row: int
    column: str
    value: str | None
    message: str
    code: str = "invalid"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def slug_stem(name: str) -> str:
    """The name in ASCII, lower case, words joined by hyphens (python-slugify's rules, at a tenth of its cost)."""
    stem = _NOT_SLUG.sub("-", unidecode(name).lower()).strip("-")[:100].rstrip("-")
    return stem or "organisation"


def normalised_registration_code(code: str | None) -> str | None:
    if not code:
        return None
    return _COUNTRY_PREFIX.sub("", _NOT_ALNUM.sub("", code.upper())) or None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a spreadsheet's 2016.0 is the year 2016
    # An export's neutralised formula text ('=x, '+40 …) reads back as what was stored.
    text = restore(str(value).strip())
    return text or None


def _list(value: Any) -> list[str] | None:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = _text(value)
    return None if text is None else [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]


def _has_nul(value: Any) -> bool:
    # PostgreSQL text cannot hold NUL (a GeoJSON file can: "\u0000").
    return any(isinstance(v, str) and "\x00" in v for v in (value if isinstance(value, list) else [value]))


def _shown(value: Any) -> str | None:
    return None if value is None else (json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value))


class RowConverter:
    """Turns file rows into staged records and problems; knows which rows to create despite duplicates."""

    def __init__(self, columns: list[str], confirmed: set[int] | None, confirm_all: bool) -> None:
        self.columns = set(columns)
        self.confirmed = confirmed or set()
        self.confirm_all = confirm_all

    def convert(self, line: int, raw: dict[str, Any]) -> tuple[tuple[Any, ...] | None, list[Problem]]:
        problems: list[Problem] = []
        if ROW_PROBLEM in raw:
            problems.append(Problem(line, "", None, str(raw[ROW_PROBLEM])))
        problems.extend(Problem(line, column, str(_shown(value)).replace("\x00", "\\0"), "holds a NUL character")
                        for column, value in raw.items() if _has_nul(value))
        payload = self._payload(raw)
        external_id = _text(raw.get("external_id"))
        if external_id is not None and len(external_id) > 120:
            problems.append(Problem(line, "external_id", external_id, "at most 120 characters"))
        has_coords, location_problem = self._locate(line, raw, payload, problems)
        try:
            model = EnterpriseCreate.model_validate(payload)
        except ValidationError as exc:
            problems.extend(self._problems(line, raw, exc))
            return None, problems
        if problems:
            return None, problems
        return self._record(line, model, external_id, has_coords, location_problem), []

    def _payload(self, raw: dict[str, Any]) -> dict[str, Any]:
        payload: dict[str, Any] = {}
        for name in MODEL_FIELDS:
            if name in raw:
                value = _list(raw[name]) if name in LIST_COLUMNS else _text(raw[name])
                if value is not None:
                    payload[name] = value
        description = {lang: text for lang in LANGUAGES if (text := _text(raw.get(f"description_{lang}")))}
        if description:
            payload["description"] = description
        return payload

    @staticmethod
    def _locate(line: int, raw: dict[str, Any], payload: dict[str, Any],
                problems: list[Problem]) -> tuple[bool, str | None]:
        """Coordinates from lat/lon, else the town's; a placeholder point while the row's fate is unknown."""
        lat, lon = _text(raw.get("lat")), _text(raw.get("lon"))
        if lat is not None or lon is not None:
            if lat is None or lon is None:
                missing = "lat" if lat is None else "lon"
                problems.append(Problem(line, missing, None, "give both lat and lon, or neither"))
                return False, None
            try:
                payload["location"] = {"type": "Point", "coordinates": [float(lon), float(lat)]}
            except ValueError:
                column, value = ("lat", lat) if not _is_number(lat) else ("lon", lon)
                problems.append(Problem(line, column, value, "not a number (use a dot for decimals)"))
            return True, None
        # A placeholder on land (central Romania) so that the row validates; an unplaced row is never stored.
        payload["location"] = {"type": "Point", "coordinates": list(PLACEHOLDER_POINT)}
        locality, country = payload.get("locality"), payload.get("country")
        if locality is None or country is None:
            return False, "no lat/lon and no locality to place the row by"
        found = geocode.place(locality, country, _text(raw.get("region")))
        if isinstance(found, Town):
            payload["location"] = {"type": "Point", "coordinates": [found.lon, found.lat]}
            return False, None
        return False, found

    @staticmethod
    def _problems(line: int, raw: dict[str, Any], exc: ValidationError) -> list[Problem]:
        problems = []
        for error in exc.errors():
            loc = error.get("loc", ())
            field = str(loc[0]) if loc else ""
            if field == "location":
                message = str(error.get("msg", "")).removeprefix("Value error, ")
                column = "lon" if message.startswith("longitude") else "lat"
            elif field == "description" and len(loc) > 1:
                column = f"description_{loc[1]}"
            elif not field and "employees_vulnerable" in str(error.get("msg", "")):
                column = "employees_vulnerable"
            else:
                column = field
            message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
            problems.append(Problem(line, column, _shown(raw.get(column)), message))
        return problems

    def _record(self, line: int, model: EnterpriseCreate, external_id: str | None, has_coords: bool,
                location_problem: str | None) -> tuple[Any, ...]:
        lon, lat = model.location.coordinates[0], model.location.coordinates[1]
        return (
            line, external_id, model.kind.value, model.name, slug_stem(model.name), model.legal_form,
            model.registration_code,
            normalised_registration_code(model.registration_code), model.country, model.locality, model.address,
            float(lon), float(lat), has_coords, location_problem, model.email, model.phone,
            str(model.website) if model.website else None, model.contact_person, model.languages,
            json.dumps(model.description, ensure_ascii=False), model.founded_year, model.employees_total,
            model.employees_vulnerable, model.annual_turnover_eur, model.impact_areas, model.beneficiary_groups,
            model.sectors, model.certifications, model.service_radius_km, list(model.service_countries),
            model.status.value, model.verified,
            self.confirm_all or line in self.confirmed,
        )


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
