"""A dated table of exchange rates, and amounts converted with it.

The table is a committed file (api/money/data/rates.json): the National Bank of Moldova's official
rates of the Moldovan leu, which cover all four currencies the platform meets (MDL, RON, UAH, EUR) in
one publication. `semap rates refresh --source URL-or-file` rewrites it from the bank's XML; nothing is
downloaded at run time, and a match always states the table's date it converted with.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from defusedxml import ElementTree

CURRENCIES = ("EUR", "RON", "MDL", "UAH")
DEFAULT_TABLE = Path(__file__).parent / "data" / "rates.json"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class RateTable:
    """Units of the base currency for one unit of each currency, on one date."""

    on: date
    base: str
    source: str
    per_unit: dict[str, Decimal]

    def to_eur(self, amount: Decimal, currency: str) -> Decimal:
        """The amount in EUR, to the cent (KeyError for a currency the table lacks)."""
        return (amount * self.per_unit[currency] / self.per_unit["EUR"]).quantize(CENT, ROUND_HALF_UP)


def read(path: Path) -> RateTable:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return RateTable(on=date.fromisoformat(raw["date"]), base=raw["base"], source=raw["source"],
                     per_unit={code: Decimal(value) for code, value in raw["rates"].items()})


@cache
def default_table() -> RateTable:
    return read(DEFAULT_TABLE)


def parse_bnm_xml(document: bytes, *, source: str) -> RateTable:
    """The bank's `<ValCurs Date="dd.mm.yyyy">` list of `<Valute>` (CharCode, Nominal, Value in MDL)."""
    root = ElementTree.fromstring(document)
    on = datetime.strptime(root.attrib["Date"], "%d.%m.%Y").date()
    per_unit = {"MDL": Decimal(1)}
    for valute in root.iter("Valute"):
        code = (valute.findtext("CharCode") or "").strip()
        if code in CURRENCIES:
            value = Decimal((valute.findtext("Value") or "").replace(",", "."))
            per_unit[code] = value / Decimal((valute.findtext("Nominal") or "1").strip())
    missing = [code for code in CURRENCIES if code not in per_unit]
    if missing:
        raise ValueError(f"the rates of {', '.join(missing)} are missing from {source}")
    return RateTable(on=on, base="MDL", source=source, per_unit=per_unit)


def write(table: RateTable, path: Path, *, licence: str) -> None:
    document = {"date": table.on.isoformat(), "base": table.base, "source": table.source, "licence": licence,
                "rates": {code: str(table.per_unit[code].normalize()) for code in ("MDL", "EUR", "RON", "UAH")}}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
