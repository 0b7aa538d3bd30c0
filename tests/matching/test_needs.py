"""What a need may say: validation, towns, stored matches, OCDS tenders, limits, the OpenAPI document."""

from httpx import AsyncClient
from openapi_spec_validator import validate
from sqlalchemy.ext.asyncio import AsyncSession

from api.main import create_app
from tests.conftest import count_rows
from tests.matching.helpers import caterer, ids, need


async def test_unknown_codes_are_422_naming_them_and_store_nothing(client: AsyncClient, session: AsyncSession) -> None:
    before = await count_rows(session, "matches")
    for body, named in [(need(cpv_codes=["55520000", "12345678"]), "12345678"),
                        (need(certifications=["iso_0000"]), "iso_0000"),
                        (need(impacts=["world_peace"]), "world_peace"),
                        (need(beneficiaries=["aliens"]), "aliens")]:
        response = await client.post("/api/v1/matches", json=body)
        assert response.status_code == 422, response.text
        assert named in response.json()["detail"]
    for body in [need(cpv_codes=[], keywords=[]), need(location={"type": "Point", "coordinates": [27.6, 47.1]}),
                 need(town=None), need(limit=101), need(weights={"distance": 11}), need(deadline="2001-01-01"),
                 need(town=None, location={"type": "Point", "coordinates": [47.1, 97.6]}),
                 need(weights={"category": 0, "distance": 0, "profile": 0, "impact": 0, "capacity": 0})]:
        response = await client.post("/api/v1/matches", json=body)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
    assert await count_rows(session, "matches") == before


async def test_ambiguous_town_lists_candidates_until_region_settles_it(client: AsyncClient) -> None:
    response = await client.post("/api/v1/matches", json=need(town={"name": "Victoria"}))
    assert response.status_code == 422
    regions = {c["region"] for c in response.json()["candidates"]}
    assert {"RO-BV", "RO-IS"} <= regions and "RO-IS" in response.json()["detail"]
    settled = await client.post("/api/v1/matches", json=need(town={"name": "Victoria", "region": "RO-IS"}))
    assert settled.status_code == 201, settled.text
    assert settled.json()["location"]["region_code"] == "RO-IS"
    unknown = await client.post("/api/v1/matches", json=need(town={"name": "Atlantis"}))
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["pointer"] == "/town/name"
    # Typed like Pydantic's errors, so that the SPA words it in its reader's language.
    assert unknown.json()["errors"][0]["type"] == "town_unknown"
    assert unknown.json()["errors"][0]["ctx"] == {"name": "Atlantis"}


async def test_the_town_field_takes_exonyms_and_spellings_in_four_scripts(client: AsyncClient) -> None:
    for typed, town, region in [("Bucharest", "București", "RO-B"), ("Бухарест", "București", "RO-B"),
                                ("Jassy", "Iași", "RO-IS"), ("Kishinev", "Chișinău", "MD-CU"),
                                ("Кишинёв", "Chișinău", "MD-CU"),
                                ("Kiev", "Kyiv", "UA-30"), ("Київ", "Kyiv", "UA-30"), ("Odessa", "Odesa", "UA-51"),
                                ("Харьков", "Kharkiv", "UA-63"), ("Бельцы", "Bălți", "MD-BA")]:
        response = await client.post("/api/v1/matches", json=need(town={"name": typed}, countries=[]))
        assert response.status_code == 201, (typed, response.text)
        location = response.json()["location"]
        assert (location["town"], location["region_code"]) == (town, region), typed


async def test_a_point_resolves_its_country_and_region(client: AsyncClient) -> None:
    body = need(town=None, location={"type": "Point", "coordinates": [27.6, 47.16]})
    match = (await client.post("/api/v1/matches", json=body)).json()
    assert (match["location"]["country"], match["location"]["region_code"]) == ("RO", "RO-IS")


async def test_stored_match_reads_back_the_same(client: AsyncClient, admin_headers: dict) -> None:
    await caterer(client, admin_headers, "Iași", 31)
    created = await client.post("/api/v1/matches", json=need(keywords=["catering"]))
    assert created.status_code == 201
    assert created.headers["location"] == f"/api/v1/matches/{created.json()['id']}"
    read = await client.get(created.headers["location"])
    assert read.status_code == 200
    assert read.json() == created.json()
    missing = await client.get("/api/v1/matches/00000000-0000-4000-8000-000000000000")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert (await client.get("/api/v1/matches/1")).status_code == 422


async def test_keywords_alone_find_by_text(client: AsyncClient, admin_headers: dict) -> None:
    org = await caterer(client, admin_headers, "Iași", 32, name="Plăcintăria Bunicii Iași")
    match = (await client.post("/api/v1/matches", json=need(cpv_codes=[], keywords=["placintaria"]))).json()
    assert ids(match)[0] == org["id"]
    category = match["results"][0]["reasons"][0]
    assert category["value"] == 1.0 and "placintaria" in category["sentence"]


async def test_an_ocds_tender_is_a_need(client: AsyncClient, admin_headers: dict, integration_headers: dict) -> None:
    org = await caterer(client, admin_headers, "Iași", 33)
    tender = {"tender": {
        "title": "Conference catering", "items": [{
            "id": "1", "classification": {"scheme": "CPV", "id": "55523100-3"}, "quantity": 200,
            "deliveryLocation": {"geometry": {"type": "Point", "coordinates": [27.6, 47.16]}}}],
        "value": {"amount": 5000, "currency": "EUR"}, "tenderPeriod": {"endDate": "2099-01-31T12:00:00Z"}},
        "options": {"max_distance_km": 100, "countries": ["RO"]}}
    response = await client.post("/api/v1/matches/ocds", json=tender, headers=integration_headers)
    assert response.status_code == 201, response.text
    match = response.json()
    assert match["source"] == "ocds" and match["need"]["tender"]["items"][0]["quantity"] == 200
    assert org["id"] in ids(match)
    assert all(r["distance_km"] <= 100 for r in match["results"])
    by_address = {"tender": {"items": [{"classification": {"scheme": "CPV", "id": "55520000"},
                                        "deliveryAddress": {"locality": "Iași", "countryName": "Romania"}}]}}
    assert (await client.post("/api/v1/matches/ocds", json=by_address)).status_code == 201
    for bad, pointer in [({"tender": {**tender["tender"], "value": {"amount": 1, "currency": "USD"}}},
                          "/tender/value/currency"),
                         ({"tender": {"items": [{"classification": {"scheme": "CPV", "id": "55520000"}}]}},
                          "/tender/items"),
                         ({"tender": {"items": [{"classification": {"scheme": "CPV", "id": "99999999"},
                                                 "deliveryAddress": {"locality": "Iași"}}]}},
                          "/tender/items/0/classification/id")]:
        refused = await client.post("/api/v1/matches/ocds", json=bad)
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["pointer"] == pointer


async def test_anonymous_matching_is_rate_limited_and_integration_gets_more(
        app: object, client: AsyncClient, integration_headers: dict) -> None:
    app.state.settings = app.state.settings.model_copy(update={"rate_limit_match_per_minute": 2})  # type: ignore[attr-defined]
    statuses = [(await client.post("/api/v1/matches", json=need())).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    refused = await client.post("/api/v1/matches", json=need())
    assert int(refused.headers["retry-after"]) >= 1
    assert (await client.post("/api/v1/matches", json=need(), headers=integration_headers)).status_code == 201


def test_openapi_document_validates_and_has_examples() -> None:
    document = create_app().openapi()
    validate(document)
    schemas = document["components"]["schemas"]
    for name in ("MatchNeed", "MatchOut", "OcdsNeed", "InquiryCreate", "InquirySent", "InquiryOut", "InquiryPage",
                 "InquiryPatch", "InquiryStats", "Taxonomy", "TaxonomyIndex"):
        assert schemas[name].get("examples"), name
    ours = [op for path, ops in document["paths"].items() for op in ops.values()
            if path.startswith(("/api/v1/matches", "/api/v1/inquiries", "/api/v1/taxonomies"))]
    for op in ours:
        for status, response in op["responses"].items():
            for media_type, content in response.get("content", {}).items():
                ref = content.get("schema", {}).get("$ref", "")
                has_example = "example" in content or schemas.get(ref.rsplit("/", 1)[-1], {}).get("examples")
                assert has_example, (op["operationId"], status, media_type)
    operations = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert {"createMatch", "createMatchFromOcds", "getMatch", "createInquiry", "listInquiries", "getInquiry",
            "updateInquiry", "getInquiryStats", "listTaxonomies", "getTaxonomy"} <= operations
