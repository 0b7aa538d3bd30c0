"""Code lists as API documents: labels, hierarchy, list-specific attributes, and their ETags."""

import hashlib
import json
from functools import cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import NotFound
from api.service_requests import catalogue
from api.taxonomies import catalog
from api.taxonomies.schemas import TaxonomySummary

LANGUAGES = ("ro", "en", "uk", "ru")
TITLES = {"services": "Support services of the cluster"}
# Fields every item carries that are not list-specific attributes.
COMMON_FIELDS = {"code", "parent", "level", *(f"label_{lang}" for lang in LANGUAGES)}
RENAMED_ATTRIBUTES = {"check": "check_digit"}


def names() -> tuple[str, ...]:
    return (*catalog.NAMES, "services")


def _cpv_nace_sections() -> dict[str, list[str]]:
    return {item["cpv"]: item["nace_sections"] for item in catalog.load_mapping("cpv_nace")["items"]}


def _item(raw: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    attributes = {RENAMED_ATTRIBUTES.get(key, key): value for key, value in raw.items() if key not in COMMON_FIELDS}
    return {"code": raw["code"], "label": {lang: raw.get(f"label_{lang}") for lang in LANGUAGES},
            "level": raw.get("level"), "parent": raw.get("parent"), "children": [],
            "attributes": attributes | extra, "items": None}


def build(name: str, raw_items: list[dict[str, Any]], header: dict[str, Any], *, tree: bool) -> dict[str, Any]:
    """The list's document: flat with parent/children codes, or nested from the top when `tree`."""
    sections = _cpv_nace_sections() if name == "cpv" else {}
    items = [_item(raw, {"nace_sections": sections[raw["code"]]} if raw["code"] in sections else {})
             for raw in raw_items]
    by_code = {item["code"]: item for item in items}
    for item in items:
        parent = by_code.get(item["parent"]) if item["parent"] else None
        if parent is not None:
            parent["children"].append(item["code"])
    top = items
    if tree:
        for item in items:
            item["items"] = [by_code[code] for code in item["children"]]
        top = [item for item in items if item["parent"] not in by_code]
    return {"name": name, "title": header.get("name") or TITLES.get(name, name), "source": header.get("source"),
            "licence": header.get("licence"), "count": len(items), "tree": tree, "items": top}


def encode(document: dict[str, Any]) -> tuple[bytes, str]:
    """The JSON bytes and a strong ETag over them."""
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


@cache
def bundled(name: str, tree: bool) -> tuple[bytes, str]:
    """A bundled list, encoded once per process: the files ship with the code and never change under it."""
    if name not in catalog.NAMES:
        raise NotFound(f"No taxonomy {name!r}; known: {', '.join(names())}.")
    data = catalog.load(name)
    return encode(build(name, data["items"], data, tree=tree))


def summaries() -> list[TaxonomySummary]:
    return [TaxonomySummary(name=name, title=catalog.load(name)["name"], count=len(catalog.load(name)["items"]),
                            url=f"/api/v1/taxonomies/{name}") for name in catalog.NAMES]


def _service_item(service: Any) -> dict[str, Any]:
    raw = {"code": service.code, **{f"label_{lang}": service.names.get(lang) for lang in LANGUAGES}}
    return _item(raw, {"descriptions": service.descriptions})


async def services(session: AsyncSession, *, tree: bool) -> dict[str, Any]:
    """The cluster's support services (the service-request catalogue, retired ones left out)."""
    listed = await catalogue.list_services(session, include_retired=False)
    header = {"name": TITLES["services"], "source": "The cluster's catalogue (GET /api/v1/services)",
              "licence": "Same licence as this repository"}
    document = build("services", [], header, tree=tree)
    document["items"] = [_service_item(service) for service in listed]
    document["count"] = len(listed)
    return document


async def services_summary(session: AsyncSession) -> TaxonomySummary:
    count = len(await catalogue.list_services(session, include_retired=False))
    return TaxonomySummary(name="services", title=TITLES["services"], count=count, url="/api/v1/taxonomies/services")
