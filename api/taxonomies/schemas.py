"""Code lists as the API serves them: labels per language and the hierarchy."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Labels(BaseModel):
    ro: str | None
    en: str | None
    uk: str | None
    ru: str | None


class TaxonomyItem(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "code": "55500000", "label": {"ro": "Servicii de cantină și de catering", "en": "Canteen and catering services",
                                      "uk": "Послуги їдалень і кейтерингу", "ru": "Услуги столовых и кейтеринга"},
        "level": "group", "parent": "55000000", "children": ["55510000", "55520000", "55524000"],
        "attributes": {"check_digit": "2"}, "items": None,
    }]})

    code: str
    label: Labels
    level: str | None = Field(None, description="Level in the hierarchy, e.g. division or group.")
    parent: str | None = Field(None, description="Code of the parent item; null at the top.")
    children: list[str] = Field(default_factory=list, description="Codes of the direct children.")
    attributes: dict[str, Any] = Field(default_factory=dict,
                                       description="List-specific extras: related SDGs, country, NACE sections…")
    items: list["TaxonomyItem"] | None = Field(None, description="With tree=true: the children, nested.")


class Taxonomy(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "name": "impacts", "title": "Impact areas of social enterprises", "source": "Curated by the project",
        "licence": "Same licence as this repository", "count": 1, "tree": False,
        "items": [{"code": "work_integration", "label": {"ro": "Integrare prin muncă", "en": "Work integration",
                                                         "uk": "Інтеграція через працевлаштування",
                                                         "ru": "Интеграция через трудоустройство"},
                   "level": None, "parent": None, "children": [], "attributes": {"sdgs": [1, 8, 10]},
                   "items": None}],
    }]})

    name: str
    title: str
    source: str | None
    licence: str | None
    count: int = Field(description="Number of items in the whole list.")
    tree: bool = Field(description="True when `items` holds only the top level, children nested.")
    items: list[TaxonomyItem]


class TaxonomySummary(BaseModel):
    name: str
    title: str
    count: int
    url: str


class TaxonomyIndex(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"taxonomies": [
        {"name": "cpv", "title": "CPV 2008 (Common Procurement Vocabulary)", "count": 150,
         "url": "/api/v1/taxonomies/cpv"}]}]})

    taxonomies: list[TaxonomySummary]
