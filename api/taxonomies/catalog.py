"""The bundled code lists (CPV, NACE, impact areas, …), loaded once per process."""

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
NAMES = ("cpv", "nace", "impacts", "beneficiaries", "certifications", "sdgs", "units")
MAPPINGS = ("cpv_nace",)


CPV_LEVELS = {2: "division", 3: "group", 4: "class", 5: "category"}


@cache
def load(name: str) -> dict[str, Any]:
    if name not in NAMES:
        raise KeyError(name)
    document: dict[str, Any] = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    if "rows" in document:  # a compact table (cpv.json: 9,454 rows), read into the items every list has
        columns, rows = document.pop("columns"), document.pop("rows")
        document["items"] = [dict(zip(columns, row, strict=True)) for row in rows]
    if name == "cpv":
        _cpv_hierarchy(document["items"])
    return document


def cpv_significant(code: str) -> str:
    """The digits of a CPV code that place it in the hierarchy: 55520000 → 5552; a division keeps two."""
    return code.rstrip("0").ljust(2, "0")


def _cpv_hierarchy(items: list[dict[str, Any]]) -> None:
    """Level and parent of each CPV code, from the prefix hierarchy (the parent is the nearest listed prefix)."""
    known = {item["code"] for item in items}
    for item in items:
        digits = len(cpv_significant(item["code"]))
        item["level"] = CPV_LEVELS.get(digits, "subcategory")
        item["parent"] = None
        for length in range(digits - 1, 1, -1):
            candidate = item["code"][:length].ljust(8, "0")
            if candidate in known:
                item["parent"] = candidate
                break


@cache
def cpv_check_digits() -> dict[str, str]:
    return {item["code"]: item["check"] for item in load("cpv")["items"]}


class CpvError(ValueError):
    """A CPV code that is malformed, unknown or has the wrong check digit; `kind` and `ctx` let a client word it."""

    def __init__(self, kind: str, message: str, **ctx: str) -> None:
        super().__init__(message)
        self.kind, self.ctx = kind, ctx


def parse_cpv(raw: str) -> str:
    """A CPV code as people write it (55520000 or 55520000-1) → its 8 digits; ValueError says what is wrong.

    The check digit, when given, must be the one CPV 2008 publishes for the code.
    """
    text = raw.strip()
    code, _, check = text.partition("-")
    if len(code) != 8 or not (code.isascii() and code.isdigit()) or (_ and not (len(check) == 1 and check.isdigit())):
        raise CpvError("cpv_format", f"{raw!r} is not a CPV code: write 8 digits, optionally with the check digit "
                       "(55520000 or 55520000-1)", value=raw)
    expected = cpv_check_digits().get(code)
    if expected is None:
        raise CpvError("cpv_unknown", f"unknown cpv code: {code}; see GET /api/v1/taxonomies/cpv", code=code)
    if _ and check != expected:
        raise CpvError("cpv_check_digit", f"wrong check digit in {text}: CPV 2008 gives {code}-{expected}",
                       value=text, expected=f"{code}-{expected}")
    return code


@cache
def load_mapping(name: str) -> dict[str, Any]:
    """A table between two lists (cpv_nace: CPV division → NACE sections)."""
    if name not in MAPPINGS:
        raise KeyError(name)
    mapping: dict[str, Any] = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return mapping


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
