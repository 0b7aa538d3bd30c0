"""The enterprise list's output formats: JSON page, RFC 7946 GeoJSON and CSV."""

from enum import StrEnum
from typing import Any

from api.spreadsheets import csv_text

GEOJSON_MEDIA_TYPE = "application/geo+json"
CSV_MEDIA_TYPE = "text/csv"
DESCRIPTION_LANGUAGES = ("ro", "en", "uk", "ru")


class OutputFormat(StrEnum):
    json = "json"
    geojson = "geojson"
    csv = "csv"


def negotiate(asked: OutputFormat | None, accept: str | None) -> OutputFormat:
    """`format=` wins; otherwise the Accept header picks GeoJSON or CSV; JSON by default."""
    if asked is not None:
        return asked
    media_types = {part.split(";")[0].strip().lower() for part in (accept or "").split(",")}
    if GEOJSON_MEDIA_TYPE in media_types:
        return OutputFormat.geojson
    if CSV_MEDIA_TYPE in media_types:
        return OutputFormat.csv
    return OutputFormat.json


def feature_collection(features_json: str, *, next_cursor: str | None, total: int, exact: bool) -> bytes:
    """The database's feature array wrapped as a FeatureCollection, without parsing it again.

    `next_cursor`, `total` and `total_exact` are foreign members (RFC 7946 §6.1).
    """
    cursor = "null" if next_cursor is None else f'"{next_cursor}"'  # base64url: nothing to escape
    head = '{"type":"FeatureCollection","features":'
    tail = f',"next_cursor":{cursor},"total":{total},"total_exact":{"true" if exact else "false"}}}'
    return (head + features_json + tail).encode()


def json_page(items_json: str, *, total: int, exact: bool, limit: int, next_cursor: str | None) -> bytes:
    """EnterprisePage around the database's item array, without parsing it again."""
    cursor = "null" if next_cursor is None else f'"{next_cursor}"'  # base64url: nothing to escape
    return (f'{{"items":{items_json},"total":{total},"total_exact":{"true" if exact else "false"},'
            f'"limit":{limit},"next_cursor":{cursor}}}').encode()


def csv_columns(*, private: bool, with_distance: bool) -> list[str]:
    columns = ["id", "slug", "kind", "name", "legal_form", "registration_code", "country", "region_code",
               "locality", "address", "lon", "lat"]
    if with_distance:
        columns.append("distance_km")
    if private:
        columns += ["email", "contact_person"]
    columns += ["phone", "website", "languages", *(f"description_{lang}" for lang in DESCRIPTION_LANGUAGES),
                "founded_year", "employees_total", "employees_vulnerable", "annual_turnover_eur", "impact_areas",
                "beneficiary_groups", "sectors", "certifications", "service_radius_km", "service_countries",
                "reserved_contract_eligible", "status", "verified", "is_demo", "created_at", "updated_at",
                "version"]
    return columns


def csv_bytes(rows: list[dict[str, Any]], *, private: bool, with_distance: bool) -> bytes:
    """UTF-8 CSV with a header row; lists joined with ';'; descriptions one column per language; text that a
    spreadsheet would run as a formula neutralised (api.spreadsheets)."""
    columns = csv_columns(private=private, with_distance=with_distance)

    def values(row: dict[str, Any]) -> list[Any]:
        descriptions = row.get("description") or {}
        cells = {**row, **{f"description_{lang}": descriptions.get(lang) for lang in DESCRIPTION_LANGUAGES}}
        return [cells.get(name) for name in columns]

    return csv_text(columns, (values(row) for row in rows)).encode("utf-8")
