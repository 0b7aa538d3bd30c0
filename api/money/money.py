"""Money as people write it: `{"amount": "25000", "currency": "RON"}`, or "25 000 RON", "€5,000", "12.500,50 MDL"."""

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

# What people write for each currency, folded to lower case. "lei" alone names both the Romanian and
# the Moldovan leu, so it is refused with a question rather than guessed.
AMBIGUOUS = {"lei", "leu"}
SYMBOLS = {"eur": "EUR", "€": "EUR", "euro": "EUR", "ron": "RON", "lei românești": "RON", "lei romanesti": "RON",
           "mdl": "MDL", "lei moldovenești": "MDL", "lei moldovenesti": "MDL", "uah": "UAH", "грн": "UAH",
           "₴": "UAH", "гривень": "UAH", "гривня": "UAH", "hrn": "UAH"}
_AMOUNT = re.compile(r"^\s*(?P<pre>[^\d\s.,-]+)?\s*(?P<number>\d[\d\s.,']*)\s*(?P<post>[^\d]+)?\s*$")


def parse_number(text: str) -> Decimal:
    """25 000 / 25,000.50 / 25.000,50 / 25000 → Decimal; the last separator followed by 1–2 digits is decimal."""
    digits = re.sub(r"[\s']", "", text)
    match = re.search(r"[.,](\d{1,2})$", digits)
    whole, fraction = (digits[: match.start()], match.group(1)) if match else (digits, "")
    whole = re.sub(r"[.,]", "", whole)
    try:
        return Decimal(f"{whole}.{fraction}" if fraction else whole)
    except InvalidOperation as exc:
        raise ValueError(f"{text!r} is not an amount") from exc


def parse_money(value: Any) -> Any:
    """A written amount with its currency → {"amount", "currency"}; objects pass through to validation."""
    if not isinstance(value, str):
        return value
    match = _AMOUNT.match(value)
    symbol = ((match.group("pre") or match.group("post") or "") if match else "").strip().casefold()
    # Typed errors with values, so that a client words them in its reader's language.
    if symbol in AMBIGUOUS:
        raise PydanticCustomError("money_ambiguous", "'lei' is both the Romanian and the Moldovan leu: write RON or "
                                  "MDL", {"value": value})
    if match is None or not symbol or SYMBOLS.get(symbol) is None:
        raise PydanticCustomError("money_format", "write an amount and its currency (EUR, RON, MDL or UAH), e.g. "
                                  "\"25 000 RON\"", {"value": value})
    try:
        amount = parse_number(match.group("number"))
    except ValueError as exc:
        raise PydanticCustomError("money_format", str(exc), {"value": value}) from exc
    return {"amount": amount, "currency": SYMBOLS[symbol]}


class MoneyValue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2)]
    currency: Annotated[str, BeforeValidator(lambda c: c.strip().upper() if isinstance(c, str) else c),
                        Field(pattern=r"^(EUR|RON|MDL|UAH)$", description="EUR, RON, MDL or UAH.")]


Money = Annotated[MoneyValue, BeforeValidator(parse_money),
                  Field(description='An amount and its currency: {"amount": "25000", "currency": "RON"} or as '
                                    'written, "25 000 RON", "€5,000", "12.500,50 MDL".',
                        examples=[{"amount": "25000", "currency": "RON"}, "25 000 RON"])]
