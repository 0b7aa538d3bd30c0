"""The bundled code lists (CPV, NACE, impact areas, …), loaded once per process."""

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
NAMES = ("cpv", "nace", "impacts", "beneficiaries", "certifications", "sdgs")
MAPPINGS = ("cpv_nace",)


@cache
def load(name: str) -> dict[str, Any]:
    if name not in NAMES:
        raise KeyError(name)
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


@cache
def load_mapping(name: str) -> dict[str, Any]:
    """A table between two lists (cpv_nace: CPV division → NACE sections)."""
    if name not in MAPPINGS:
        raise KeyError(name)
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


@cache
def codes(name: str) -> frozenset[str]:
    return frozenset(item["code"] for item in load(name)["items"])


def unknown(name: str, values: list[str]) -> list[str]:
    """The values that are not codes of the list, in the order given."""
    known = codes(name)
    return [value for value in values if value not in known]


@cache
def nace_divisions_of_sections(sections: frozenset[str]) -> tuple[str, ...]:
    """The two-digit NACE divisions that belong to the given sections (A…U)."""
    return tuple(sorted(item["code"] for item in load("nace")["items"]
                        if item["level"] == "division" and item["section"] in sections))


@cache
def nace_sections_for_cpv_division(division: str) -> frozenset[str]:
    """NACE sections whose activities supply a CPV division ("55" → {"I"}), from cpv_nace.json."""
    for item in load_mapping("cpv_nace")["items"]:
        if item["code"] == division:
            return frozenset(item["nace_sections"])
    return frozenset()
