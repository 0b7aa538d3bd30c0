"""The hand-written OCDS fixtures, with their deadlines moved to the future so that their lots are open."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

FIXTURES = Path(__file__).parent / "fixtures"
# The valid packages ship with the demo data (api/seed/procurement.py); the broken one is the tests' own.
PACKAGES = Path(__file__).parents[2] / "api" / "seed" / "data" / "ocds"
SCHEMAS = Path(__file__).parent / "ocds_schema"


def fixture(name: str) -> dict[str, Any]:
    path = FIXTURES / name if (FIXTURES / name).exists() else PACKAGES / name
    return json.loads(path.read_text(encoding="utf-8"))


def releases_of(package: dict[str, Any]) -> list[dict[str, Any]]:
    if "releases" in package:
        return package["releases"]
    return [record["compiledRelease"] for record in package["records"]]


def open_package(name: str, *, days: int = 30, **changes: Any) -> bytes:
    """The fixture with every tender deadline `days` from now (a test run in 2028 still finds it open)."""
    package = fixture(name)
    for release in releases_of(package):
        period = release["tender"].setdefault("tenderPeriod", {})
        period["endDate"] = (datetime.now(UTC) + timedelta(days=days)).isoformat()
        release["tender"].update(changes)
    return json.dumps(package).encode()


def schema_validator(name: str) -> Draft4Validator:
    """The OCDS 1.1.5 package schema, its $refs to the release schema resolved from the committed files."""
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"], Resource(contents=schema, specification=DRAFT4)))
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return Draft4Validator(schema, registry=Registry().with_resources(resources),
                           format_checker=Draft4Validator.FORMAT_CHECKER)
