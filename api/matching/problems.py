"""Problem-detail examples for the OpenAPI document of buyer-match, inquiries and taxonomies.

The examples are built by `api.errors.problem`, so their type, code and title are the API's own.
"""

from api.errors import problem

INVALID_NEED = problem(
    422, "Several towns are named 'Victoria': Victoria (RO-BV), Victoria (RO-IS); add town.country or town.region.",
    "Invalid need: an unknown code (named), an ambiguous town (candidates listed)…",
    errors=[{"pointer": "/town", "message": "Several towns are named 'Victoria' …"}],
    candidates=[{"name": "Victoria", "country": "RO", "region": "RO-IS", "population": 4305,
                 "location": {"type": "Point", "coordinates": [27.0833, 47.2833]}}])
RATE_LIMITED = problem(429, "At most 30 requests per 60 s for match; retry in 12 s.",
                       "Too many requests; retry after the Retry-After seconds.", retry_after=12)
NO_MATCH = problem(404, "No match 6f1c8f8e-2b1a-4b7e-9c0e-3d8a4c1b2a10.", "No such match.")
NO_INQUIRY = problem(404, "No inquiry 7.", "No such inquiry (or not yours).")
INVALID_INQUIRY = problem(422, "Enterprise 42 is not among the results of match 6f1c8f8e-2b1a-4b7e-9c0e-3d8a4c1b2a10.",
                          "Unknown enterprise or match, or a bad field.",
                          errors=[{"pointer": "/enterprise_id", "message": "Enterprise 42 is not among the results …"}])
UNAUTHORIZED = problem(401, "This operation needs a bearer token.", "No or an invalid bearer token.")
FORBIDDEN = problem(403, "Inquiries are for the enterprise they were sent to (its member token) and admins.",
                    "The token's role may not read inquiries.")
STALE = problem(412, "The inquiry changed since you read it; GET it again and retry.",
                "If-Match does not match the current ETag.", current_etag='"7.2"')
NO_TAXONOMY = problem(404, "No taxonomy 'colours'; known: cpv, nace, impacts, beneficiaries, certifications, sdgs, "
                      "services.", "No such code list.")
BAD_PARAMETER = problem(422, "path/inquiry_id: Input should be a valid integer",
                        "A path or query parameter is not valid.",
                        errors=[{"pointer": "/path/inquiry_id", "message": "Input should be a valid integer"}])
