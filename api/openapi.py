"""The OpenAPI document, told truthfully: which problems each operation can answer, who may call it, which
headers it needs, all derived in one place from what the route depends on rather than written per route.

- A dependency marked with `api.errors.raises` (token, role, If-Match, rate limit, database session…) adds
  its statuses to every operation that uses it, directly or through another dependency.
- A JSON body adds 400 (unreadable), 413 and 422; any parameter adds 422; a path parameter adds 404 (the
  thing it names may not exist); the shared `cursor` parameter adds 400 (a cursor this API did not issue).
- Statuses a route declares itself (`responses=`, for what only its service raises) keep their description
  and example.

Each of them is `application/problem+json` with the one `Problem` schema, in place of FastAPI's own 422
shape, which this API never sends. If-Match is required where its absence is a 428, and operations that take
a token but do not need one say so (`security: [{}, {"bearer": []}]`).
"""

from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts

from api.auth.dependencies import bearer_scheme, current_token
from api.errors import PROBLEM_MEDIA_TYPE, PROBLEM_STATUSES, Problem, problem_example

PROBLEM_REF = "#/components/schemas/Problem"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# FastAPI's validation-error shape: replaced by Problem everywhere, so its schemas go too.
FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")


def _dependencies(dependant: Dependant) -> Iterator[Dependant]:
    for sub in dependant.dependencies:
        yield sub
        yield from _dependencies(sub)


def route_problems(route: RouteContext) -> set[int]:
    """The problem statuses this route can answer, from what it depends on and what it takes."""
    every = [route.dependant, *_dependencies(route.dependant)]
    statuses: set[int] = set().union(*(getattr(d.call, "__problems__", frozenset()) for d in every))
    if route.body_field is not None:
        statuses |= {400, 413, 422}  # 400: a body that cannot be read at all (not UTF-8 JSON)
    if any(d.path_params for d in every):
        statuses |= {404, 422}
    if any(d.query_params or d.header_params or d.cookie_params for d in every):
        statuses.add(422)
    if any(param.alias == "cursor" for d in every for param in d.query_params):
        statuses.add(400)
    if not (route.methods or set()) & BODY_METHODS:
        statuses -= {413, 415}  # the body checks (size, JSON only) concern requests that carry one
    return statuses


def _precondition_headers(route: RouteContext) -> set[str]:
    """Headers whose absence is a 428 (If-Match): the header parameters of a dependency marked with 428."""
    return {param.alias.lower() for dependency in _dependencies(route.dependant)
            if 428 in getattr(dependency.call, "__problems__", frozenset())
            for param in dependency.header_params}


def _response_name(status: int) -> str:
    """The shared response of a status in components/responses, named after its code (`NotFound`)."""
    return "".join(part.capitalize() for part in problem_example(status)[1]["code"].split("_"))


_HEADERS = {
    401: {"WWW-Authenticate": {"description": "`Bearer realm=\"semap\"`", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconds until the limit's window ends.", "schema": {"type": "integer"}}},
    503: {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}},
}


def _shared_response(status: int) -> dict[str, Any]:
    description, example = problem_example(status)
    response: dict[str, Any] = {"description": description, "content": {
        PROBLEM_MEDIA_TYPE: {"schema": {"$ref": PROBLEM_REF}, "example": example}}}
    if status in _HEADERS:
        response["headers"] = _HEADERS[status]
    return response


def _problem_response(status: int, declared: dict[str, Any] | None) -> dict[str, Any]:
    """A reference to the status's shared response, or the route's own description and example on the schema."""
    declared = declared or {}
    own = declared.get("content", {}).get(PROBLEM_MEDIA_TYPE, {})
    shared = _shared_response(status)
    generic = {None, shared["description"], HTTPStatus(status).phrase}
    if declared.get("description") in generic and not own and "headers" not in declared:
        return {"$ref": f"#/components/responses/{_response_name(status)}"}
    content: dict[str, Any] = {"schema": {"$ref": PROBLEM_REF}}
    if "example" in own or "examples" in own:
        content |= {key: own[key] for key in ("example", "examples") if key in own}
    else:
        content["example"] = shared["content"][PROBLEM_MEDIA_TYPE]["example"]
    response = {"description": declared.get("description") or shared["description"],
                "content": {PROBLEM_MEDIA_TYPE: content}}
    headers = declared.get("headers", shared.get("headers"))
    return response | ({"headers": headers} if headers else {})


def _is_problem(response: dict[str, Any]) -> bool:
    """A declared error response that is (or may become) a problem: no content, problem+json, or FastAPI's 422."""
    content = response.get("content")
    if not content:
        return True
    if PROBLEM_MEDIA_TYPE in content:
        return True
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1] in FASTAPI_VALIDATION_SCHEMAS


def _document_operation(operation: dict[str, Any], route: RouteContext) -> None:
    responses = operation.setdefault("responses", {})
    declared = {int(code) for code, response in responses.items()
                if code.isdigit() and int(code) >= 400 and _is_problem(response)}
    for status in sorted((route_problems(route) | declared) & PROBLEM_STATUSES):
        responses[str(status)] = _problem_response(status, responses.get(str(status)))
    operation["responses"] = dict(sorted(responses.items()))
    required = _precondition_headers(route)
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "header" and parameter["name"].lower() in required:
            parameter["required"] = True
    calls = {dependency.call for dependency in _dependencies(route.dependant)}
    if bearer_scheme in calls and current_token not in calls:
        operation["security"] = [{}, *operation.get("security", [])]


# What the non-JSON answers are, by media type, where a route gives no schema of its own: the GeoJSON of
# the lists, regions, exports and OGC items (RFC 7946), the JSON-LD of profiles and exports, the files.
_GEOMETRY = {"type": ["object", "null"], "required": ["type"], "properties": {
    "type": {"enum": ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                      "GeometryCollection"]},
    "coordinates": {"type": "array"}}}
MEDIA_SCHEMAS: dict[str, dict[str, Any]] = {
    "GeoJSONFeature": {"title": "GeoJSON Feature", "type": "object", "required": ["type", "geometry", "properties"],
                       "properties": {"type": {"const": "Feature"}, "id": {"type": ["string", "integer"]},
                                      "geometry": _GEOMETRY, "properties": {"type": ["object", "null"]}}},
    "GeoJSONFeatureCollection": {
        "title": "GeoJSON FeatureCollection", "type": "object", "required": ["type", "features"],
        "properties": {"type": {"const": "FeatureCollection"},
                       "features": {"type": "array", "items": {"$ref": "#/components/schemas/GeoJSONFeature"}}}},
    "GeoJSON": {"title": "GeoJSON (RFC 7946)", "oneOf": [{"$ref": "#/components/schemas/GeoJSONFeatureCollection"},
                                                         {"$ref": "#/components/schemas/GeoJSONFeature"}]},
    "JsonLdDocument": {"title": "JSON-LD document", "type": "object", "required": ["@context"],
                       "properties": {"@context": {"type": ["string", "object", "array"]},
                                      "@type": {"type": ["string", "array"]},
                                      "@graph": {"type": "array", "items": {"type": "object"}}}},
}
MEDIA_TYPE_SCHEMAS: dict[str, dict[str, Any]] = {
    "application/geo+json": {"$ref": "#/components/schemas/GeoJSON"},
    "application/ld+json": {"$ref": "#/components/schemas/JsonLdDocument"},
    "text/csv": {"type": "string", "description": "UTF-8 CSV with a header row."},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"type": "string", "format": "binary"},
    "application/vnd.mapbox-vector-tile": {"type": "string", "format": "binary"},
}


def _describe_media(operation: dict[str, Any]) -> None:
    for response in operation.get("responses", {}).values():
        for media_type, content in response.get("content", {}).items():
            schema = MEDIA_TYPE_SCHEMAS.get(media_type.split(";")[0])
            if schema is not None and content.get("schema") in (None, {}, {"type": "string"}, {"type": "object"}):
                content["schema"] = schema


def _add_schemas(document: dict[str, Any]) -> None:
    schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(schema.pop("$defs", {}))
    schemas["Problem"] = schema
    schemas.update(MEDIA_SCHEMAS)
    document["components"]["responses"] = {_response_name(status): _shared_response(status)
                                           for status in sorted(PROBLEM_STATUSES)}
    for name in FASTAPI_VALIDATION_SCHEMAS:
        schemas.pop(name, None)


def install_openapi(app: FastAPI) -> None:
    """Replace app.openapi with the derived document (built once, on the first request for it)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = FastAPI.openapi(app)
            # Route contexts: each route as included, with its routers' prefixes and dependencies.
            for route in iter_route_contexts(app.routes):
                if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
                    continue
                for method in route.methods or ():
                    operation = document["paths"].get(route.path_format, {}).get(method.lower())
                    if operation is not None:
                        _document_operation(operation, route)
                        _describe_media(operation)
            _add_schemas(document)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
