"""Every route of the procurement and funding domains shows a client an example of what it sends and gets."""

from typing import Any

from api.main import create_app

# Issue 17's domains: reserved contracts, offerings, the tender radar, saved needs, outcomes, funding calls.
PREFIXES = ("/api/v1/reserved-contracts", "/api/v1/reserved-eligibilities", "/api/v1/enterprises/{key}/reserved",
            "/api/v1/enterprises/{key}/offerings", "/api/v1/tenders", "/api/v1/saved-needs",
            "/api/v1/inquiries/{inquiry_id}/outcome", "/api/v1/funding-calls", "/api/v1/matches")


def _has_example(content: dict[str, Any], schemas: dict[str, Any]) -> bool:
    if "example" in content or "examples" in content:
        return True
    schema = content.get("schema", {})
    schema = schema.get("items", schema)  # a list answers with examples of its items
    ref = schema.get("$ref", "")
    return bool(schema.get("examples") or schemas.get(ref.rsplit("/", 1)[-1], {}).get("examples"))


def test_every_request_and_answer_of_these_routes_has_an_example() -> None:
    document = create_app().openapi()
    schemas = document["components"]["schemas"]
    missing, seen = [], 0
    for path, operations in document["paths"].items():
        if not path.startswith(PREFIXES):
            continue
        for operation in operations.values():
            seen += 1
            bodies = [("request", operation.get("requestBody", {}))]
            bodies += [(status, r) for status, r in operation["responses"].items() if status.startswith("2")]
            for where, body in bodies:
                for media_type, content in body.get("content", {}).items():
                    if not _has_example(content, schemas):
                        missing.append((operation["operationId"], where, media_type))
    assert seen >= 20
    assert missing == []
