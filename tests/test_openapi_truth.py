"""What the OpenAPI document promises (issue 13, items 8 and 9), and the headers and /docs page that go with it.

The document is checked against the routes as they behave: each problem status is problem+json with the one
Problem schema, the bearer scheme is declared, If-Match is required where its absence is a 428, and the
non-JSON answers carry their media types and schemas. `make fuzz` checks the same promises over HTTP for
every operation; these tests pin the rules that derive them.
"""

import re
from typing import Any

from httpx import ASGITransport, AsyncClient
from openapi_spec_validator import validate

PROBLEM_MEDIA_TYPE = "application/problem+json"


async def _document(client: AsyncClient) -> dict[str, Any]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{method.upper()} {path}": operation for path, item in document["paths"].items()
            for method, operation in item.items()}


async def test_the_document_is_valid_and_every_error_is_one_problem_schema(client: AsyncClient) -> None:
    document = await _document(client)
    validate(document)
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert {"type", "title", "status", "detail", "code"} <= set(schemas["Problem"]["required"])
    shared = document["components"]["responses"]
    for name, operation in _operations(document).items():
        for status, response in operation["responses"].items():
            if int(status) < 400 or name == "GET /readyz":
                continue
            if "$ref" in response:  # the status's shared response: NotFound, Unauthorized…
                response = shared[response["$ref"].rsplit("/", 1)[-1]]
            content = response["content"]
            assert list(content) == [PROBLEM_MEDIA_TYPE], f"{name} {status}: {list(content)}"
            assert content[PROBLEM_MEDIA_TYPE]["schema"] == {"$ref": "#/components/schemas/Problem"}
            assert content[PROBLEM_MEDIA_TYPE]["example"]["status"] == int(status), f"{name} {status}"


async def test_problems_are_derived_from_what_each_route_depends_on(client: AsyncClient) -> None:
    operations = _operations(await _document(client))

    def statuses(name: str) -> set[int]:
        return {int(code) for code in operations[name]["responses"] if int(code) >= 400}

    # Anonymous read with an optional token, filters, a cursor and a database session.
    assert statuses("GET /api/v1/enterprises") == {400, 401, 422, 503}
    # A conditional write by an editor: token, role, If-Match, JSON body, path, database, a taken slug.
    assert statuses("PATCH /api/v1/enterprises/{key}") == {400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 503}
    # Rate-limited and open to anyone.
    assert {429, 401, 413, 422} <= statuses("POST /api/v1/matches")
    assert 403 not in statuses("POST /api/v1/matches")
    # No body, no 413 or 415; no database, no 503.
    assert not {413, 415} & statuses("GET /api/v1/members")
    assert 503 not in statuses("GET /api/v1/embeds/snippet")
    assert statuses("GET /healthz") == set()


async def test_bearer_scheme_and_if_match_are_declared(client: AsyncClient) -> None:
    document = await _document(client)
    assert document["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer",
        "description": "A token from `semap token create` or POST /api/v1/admin/tokens."}
    operations = _operations(document)
    assert operations["POST /api/v1/enterprises"]["security"] == [{"bearer": []}]
    # A token is optional here (staff see more): anonymous is one of the alternatives.
    assert operations["GET /api/v1/enterprises"]["security"] == [{}, {"bearer": []}]
    assert "security" not in operations["GET /api/v1/taxonomies"]
    for name in ("PATCH /api/v1/enterprises/{key}", "PATCH /api/v1/members/{membership_id}",
                 "POST /api/v1/service-requests/{request_id}/transitions"):
        header = next(p for p in operations[name]["parameters"] if p["name"].lower() == "if-match")
        assert header["required"] is True and header["in"] == "header", name
        assert operations[name]["responses"]["428"] == {"$ref": "#/components/responses/PreconditionRequired"}
    # Archiving takes If-Match when the caller has one, and works without.
    archive = operations["DELETE /api/v1/enterprises/{key}"]
    assert not next(p for p in archive["parameters"] if p["name"].lower() == "if-match").get("required")
    assert "428" not in archive["responses"]


async def test_geojson_jsonld_and_files_have_their_media_types_and_schemas(client: AsyncClient) -> None:
    operations = _operations(await _document(client))

    def content(name: str) -> dict[str, Any]:
        return operations[name]["responses"]["200"]["content"]

    geojson = {"$ref": "#/components/schemas/GeoJSON"}
    assert content("GET /api/v1/exports/enterprises.geojson") == {"application/geo+json": {"schema": geojson}}
    assert content("GET /api/v1/enterprises")["application/geo+json"]["schema"] == geojson
    assert content("GET /ogc/collections/{collection_id}/items")["application/geo+json"]["schema"] == geojson
    jsonld = {"$ref": "#/components/schemas/JsonLdDocument"}
    assert content("GET /api/v1/exports/enterprises.jsonld")["application/ld+json"]["schema"] == jsonld
    assert content("GET /api/v1/enterprises/{key}")["application/ld+json"]["schema"] == jsonld
    assert content("GET /api/v1/exports/enterprises.csv")["text/csv"]["schema"]["type"] == "string"
    xlsx = content("GET /api/v1/exports/enterprises.xlsx")
    assert xlsx["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]["schema"]["format"] == "binary"


async def test_anonymous_write_without_if_match_is_401_not_428(client: AsyncClient, enterprise: dict) -> None:
    response = await client.patch(f"/api/v1/enterprises/{enterprise['id']}", json={"employees_total": 12})
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_a_token_without_if_match_is_still_asked_for_it(client: AsyncClient, enterprise: dict,
                                                             admin_headers: dict) -> None:
    response = await client.patch(f"/api/v1/enterprises/{enterprise['id']}", json={"employees_total": 12},
                                  headers=admin_headers)
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"


async def test_a_non_bearer_authorization_header_is_still_401(client: AsyncClient) -> None:
    for header in ("Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "semap_x"):
        response = await client.get("/api/v1/me", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.json()["code"] == "unauthorized"


async def test_docs_load_swagger_ui_from_the_package_under_a_strict_policy(client: AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)  # type: ignore[union-attr]
    assert script_src.strip() == "'self'"
    assert "https:" not in policy and "cdn" not in page.text.lower()
    # No inline script: every <script> has a src on this origin.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.S)
    assert scripts and all('src="/docs/' in attributes and not body.strip() for attributes, body in scripts)
    for src in re.findall(r'(?:src|href)="(/docs/[^"]+)"', page.text):
        asset = await client.get(src)
        assert asset.status_code == 200 and asset.content, src
    bundle = await client.get("/docs/static/swagger-ui-bundle.js")
    assert b"SwaggerUIBundle" in bundle.content
    start = await client.get("/docs/start.js")
    assert start.headers["content-type"].startswith("text/javascript") and "validatorUrl: null" in start.text
    assert (await client.get("/redoc")).status_code == 404


async def test_hsts_is_sent_over_https_only(app: Any) -> None:
    for scheme, expected in (("https", "max-age=31536000"), ("http", None)):
        async with AsyncClient(transport=ASGITransport(app=app), base_url=f"{scheme}://test") as client:
            response = await client.get("/healthz")
        assert response.headers.get("strict-transport-security") == expected, scheme
