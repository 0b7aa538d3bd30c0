"""The code lists: labels in four languages, the hierarchy, cache headers."""

from httpx import AsyncClient


async def test_index_lists_every_code_list(client: AsyncClient) -> None:
    response = await client.get("/api/v1/taxonomies")
    assert response.status_code == 200
    listed = {t["name"]: t for t in response.json()["taxonomies"]}
    assert set(listed) == {"cpv", "nace", "impacts", "beneficiaries", "certifications", "sdgs", "units",
                           "services"}
    assert listed["sdgs"]["count"] == 17 and listed["services"]["count"] >= 6


async def test_cpv_has_labels_hierarchy_and_nace_sections(client: AsyncClient) -> None:
    response = await client.get("/api/v1/taxonomies/cpv")
    assert response.status_code == 200
    items = {item["code"]: item for item in response.json()["items"]}
    catering = items["55520000"]
    assert set(catering["label"]) == {"ro", "en", "uk", "ru"} and all(catering["label"].values())
    assert catering["parent"] == "55500000" and "55520000" in items["55500000"]["children"]
    assert "I" in items["55000000"]["attributes"]["nace_sections"]
    assert response.json()["count"] == len(items) == 9454
    school_meals = items["55523100"]
    assert school_meals["attributes"]["check_digit"] == "3" and school_meals["level"] == "subcategory"
    assert school_meals["parent"] == "55523000" and school_meals["label"]["uk"]


async def test_tree_nests_children_under_parents(client: AsyncClient) -> None:
    document = (await client.get("/api/v1/taxonomies/nace", params={"tree": "true"})).json()
    assert document["tree"] is True
    assert [item["code"] for item in document["items"]][:2] == ["A", "B"] and len(document["items"]) == 21
    food = next(item for item in document["items"] if item["code"] == "I")
    catering = next(item for item in food["items"] if item["code"] == "56")
    assert any(group["code"] == "56.2" for group in catering["items"])


async def test_etag_and_cache_control_and_304(client: AsyncClient) -> None:
    first = await client.get("/api/v1/taxonomies/impacts")
    assert first.headers["cache-control"].startswith("public")
    again = await client.get("/api/v1/taxonomies/impacts", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["etag"] == first.headers["etag"]
    impacts = first.json()["items"]
    assert impacts[0]["attributes"]["sdgs"] and impacts[0]["label"]["en"]


async def test_services_come_from_the_cluster_catalogue(client: AsyncClient) -> None:
    document = (await client.get("/api/v1/taxonomies/services")).json()
    codes = {item["code"] for item in document["items"]}
    assert "advisory" in codes and len(codes) >= 6
    assert all(item["label"]["ro"] and item["label"]["en"] for item in document["items"])


async def test_unknown_list_is_a_404_problem(client: AsyncClient) -> None:
    response = await client.get("/api/v1/taxonomies/colours")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "cpv" in response.json()["detail"]
