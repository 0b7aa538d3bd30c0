"""`semap rates refresh`: rewrite the committed rate table from the National Bank of Moldova's XML."""

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import httpx
import typer

from api.money import rates

app = typer.Typer(help="The exchange-rate table the match converts RON, MDL and UAH to EUR with.", no_args_is_help=True)

LICENCE = "Official exchange rates published by the National Bank of Moldova (public information)"
EXAMPLE_URL = "https://www.bnm.md/en/official_exchange_rates?get_xml=1&date=05.12.2026"


@app.command()
def refresh(source: Annotated[str, typer.Option(help=f"A URL (e.g. {EXAMPLE_URL}) or a saved XML file.")],
            output: Annotated[Path, typer.Option(help="The table to write.")] = rates.DEFAULT_TABLE) -> None:
    """Read the bank's official rates of one day and write them as the table (commit the file after)."""
    if source.startswith(("https://", "http://")):
        response = httpx.get(source, timeout=30, follow_redirects=True)
        response.raise_for_status()
        document = response.content
    else:
        document = Path(source).read_bytes()
    try:
        table = rates.parse_bnm_xml(document, source=f"National Bank of Moldova, official exchange rates: {source}")
    except (ValueError, KeyError) as exc:
        typer.echo(f"Not a rate list: {exc}", err=True)
        raise typer.Exit(1) from exc
    rates.write(table, output, licence=LICENCE)
    typer.echo(f"{output}: rates of {table.on.isoformat()} (1 EUR = {table.per_unit['EUR']} MDL)")


@app.command()
def show() -> None:
    """Print the table in use."""
    table = rates.default_table()
    typer.echo(f"{table.on.isoformat()} ({table.source})")
    for code in rates.CURRENCIES:
        typer.echo(f"1 {code} = {table.to_eur(Decimal(1), code)} EUR")
