"""OpenStreetMap `opening_hours` validation, by opening-hours-py (bindings of the opening-hours Rust crate).

The maintained parser of the full grammar (the one OSM's own tools follow): `Mo-Fr 09:00-17:00`, comma
lists, several `;` rules, `off`, `PH off`, `24/7`, months and week numbers. The value is stored as the
client wrote it; only its syntax is checked.
"""

import opening_hours as parser


def validate(value: str) -> str:
    """The value when it parses; ValueError naming where it stops (a 422 at /opening_hours) otherwise."""
    try:
        parser.OpeningHours(value)
    except parser.ParserError as exc:  # type: ignore[attr-defined]  # exported, missing from the package's stubs
        where = str(exc).splitlines()
        expected = next((line.split("= ", 1)[1] for line in where if line.strip().startswith("= ")), "")
        column = next((line.split(":")[-1] for line in where if "-->" in line), "?")
        raise ValueError(f"not OpenStreetMap opening_hours syntax at column {column}"
                         + (f" ({expected})" if expected else "") + ", e.g. 'Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH off'"
                         ) from exc
    return value
