"""The bundled code lists (CPV, NACE, impact areas, …), loaded once per process."""

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
NAMES = ("cpv", "nace", "impacts", "beneficiaries", "certifications", "sdgs")


@cache
def load(name: str) -> dict[str, Any]:
    if name not in NAMES:
        raise KeyError(name)
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


@cache
def codes(name: str) -> frozenset[str]:
    return frozenset(item["code"] for item in load(name)["items"])


def unknown(name: str, values: list[str]) -> list[str]:
    """The values that are not codes of the list, in the order given."""
    known = codes(name)
    return [value for value in values if value not in known]
