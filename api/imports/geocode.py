"""Placing rows without coordinates at their town, from the bundled GeoNames towns."""

from collections import defaultdict
from functools import cache

from api.geo.towns import Town, all_towns

# Romanian names are written with cedillas as often as with commas below.
_CEDILLAS = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})


def _key(name: str) -> str:
    return " ".join(name.translate(_CEDILLAS).casefold().split())


@cache
def _index() -> dict[tuple[str, str], tuple[Town, ...]]:
    index: dict[tuple[str, str], list[Town]] = defaultdict(list)
    for town in all_towns():
        for name in {_key(town.name), _key(town.ascii_name)}:
            index[(town.country, name)].append(town)
    return {key: tuple(towns) for key, towns in index.items()}


def place(locality: str, country: str, region: str | None) -> Town | str:
    """The one town of that name (in the region, when given), or why there is not exactly one."""
    towns = _index().get((country, _key(locality)), ())
    if region:
        towns = tuple(t for t in towns if t.admin1 == region.strip().upper())
    where = f"{region.strip().upper()}, {country}" if region else country
    if not towns:
        return (f"no town named {locality!r} in {where} among the bundled towns; "
                "give lat and lon, or check the spelling")
    if len(towns) > 1:
        regions = ", ".join(sorted({t.admin1 or "?" for t in towns}))
        return (f"{len(towns)} towns are named {locality!r} in {where} (regions {regions}); "
                "give the region column, or lat and lon")
    return towns[0]
