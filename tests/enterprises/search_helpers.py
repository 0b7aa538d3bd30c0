"""Building enterprises at known points for the search tests."""

import itertools
from typing import Any

from httpx import AsyncClient

from tests.conftest import enterprise_body

API = "/api/v1/enterprises"
BUCHAREST = (26.1025, 44.4268)
CHISINAU = (28.8638, 47.0105)
KYIV = (30.5234, 50.4501)
LVIV = (24.0297, 49.8397)
ODESA = (30.7233, 46.4825)
_numbers = itertools.count(1)


async def make(client: AsyncClient, headers: dict[str, str], name: str, point: tuple[float, float],
               country: str = "RO", **fields: Any) -> dict[str, Any]:
    """An enterprise created through the API (so every trigger runs), returned as the API shows it."""
    body = enterprise_body(name=name, country=country, location={"type": "Point", "coordinates": list(point)},
                           registration_code=f"SRCH{next(_numbers):06d}", **{"locality": None, **fields})
    response = await client.post(API, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def ids(client: AsyncClient, **params: Any) -> list[int]:
    response = await client.get(API, params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]
