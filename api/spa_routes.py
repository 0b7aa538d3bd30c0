"""The SPA's client routes, read from the one list the SPA itself routes by (frontend/src/app/client-routes.json).

The server answers a path on this list with the app and any other with the app's not-found screen and a
404, so that a dead link is seen as one by people, crawlers and link checkers alike.
"""

import json
import re
from functools import cache
from pathlib import Path

from api.config import REPO_ROOT

ROUTES_FILE = REPO_ROOT / "frontend" / "src" / "app" / "client-routes.json"


@cache
def _patterns(path: Path = ROUTES_FILE) -> tuple[re.Pattern[str], ...]:
    routes = json.loads(path.read_text(encoding="utf-8"))["routes"]
    return tuple(re.compile(route["pattern"]) for route in routes)


def is_client_route(path: str) -> bool:
    """True when the SPA has a screen for the path (trailing slashes ignored, as the SPA does)."""
    path = path.rstrip("/") or "/"
    return any(pattern.match(path) for pattern in _patterns())
