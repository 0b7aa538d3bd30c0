"""One version check for every write to an existing row: the ETag of the last read, or a 412."""

from typing import Any

from httpx import AsyncClient

BASE = "/api/v1/enterprises"


async def test_a_stale_etag_is_a_412_naming_the_current_one(client: AsyncClient, enterprise: dict[str, Any],
                                                            admin_headers: dict[str, str]) -> None:
    current = (await client.get(f"{BASE}/{enterprise['id']}")).headers["ETag"]
    assert current == f'"{enterprise["id"]}.{enterprise["version"]}"'

    stale = await client.patch(f"{BASE}/{enterprise['id']}", json={"employees_total": 3},
                               headers={**admin_headers, "If-Match": f'"{enterprise["id"]}.0"'})

    assert stale.status_code == 412
    assert stale.json()["current_etag"] == current and "enterprise changed" in stale.json()["detail"]


async def test_a_weakened_etag_or_a_list_containing_the_current_one_passes(
        client: AsyncClient, enterprise: dict[str, Any], admin_headers: dict[str, str]) -> None:
    current = (await client.get(f"{BASE}/{enterprise['id']}")).headers["ETag"]

    weak = await client.patch(f"{BASE}/{enterprise['id']}", json={"employees_total": 30},
                              headers={**admin_headers, "If-Match": f"W/{current}"})
    listed = await client.patch(f"{BASE}/{enterprise['id']}", json={"employees_total": 40},
                                headers={**admin_headers, "If-Match": f'"0.0", {weak.headers["ETag"]}'})

    assert weak.status_code == 200 and listed.status_code == 200
    assert listed.headers["ETag"] == f'"{enterprise["id"]}.{enterprise["version"] + 2}"'


async def test_an_offering_and_a_delete_use_the_same_check(client: AsyncClient, enterprise: dict[str, Any],
                                                           admin_headers: dict[str, str]) -> None:
    url = f"{BASE}/{enterprise['id']}/offerings"
    offering = (await client.post(url, json={"title": "Catering"}, headers=admin_headers)).json()

    stale = await client.delete(f"{url}/{offering['id']}", headers={**admin_headers, "If-Match": '"1.99"'})

    assert stale.status_code == 412 and "offering changed" in stale.json()["detail"]
    assert (await client.get(f"{url}/{offering['id']}")).status_code == 200
