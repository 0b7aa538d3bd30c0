"""/docs: Swagger UI for the OpenAPI document, from assets installed with the package, under a strict policy.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script, which forces a policy
allowing inline and any HTTPS scripts. Here the bundle and its stylesheet come from the `fastapi-offline`
wheel (Swagger UI 5, which reads OpenAPI 3.1), and the start-up code is a script of this origin, so the
page's Content-Security-Policy allows scripts from 'self' only (api/middleware.py DOCS_CSP).
"""

import html
from importlib.resources import files

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_PATH = "/docs"
ASSETS = files("fastapi_offline") / "static"

# Started from a file, not inline: the policy has no 'unsafe-inline' and no hash to keep in step.
START_SCRIPT = """\
window.ui = SwaggerUIBundle({
  url: document.getElementById('swagger-ui').dataset.openapi,
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  layout: 'BaseLayout',
});
"""

router = APIRouter(include_in_schema=False)


@router.get(DOCS_PATH, response_class=HTMLResponse)
async def swagger_ui(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "").rstrip("/")
    title = html.escape(request.app.title)
    return HTMLResponse(f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="{root}{DOCS_PATH}/static/swagger-ui.css">
<link rel="icon" type="image/png" href="{root}{DOCS_PATH}/static/favicon.png">
</head>
<body>
<div id="swagger-ui" data-openapi="{root}{request.app.openapi_url}"></div>
<script src="{root}{DOCS_PATH}/static/swagger-ui-bundle.js"></script>
<script src="{root}{DOCS_PATH}/start.js"></script>
</body>
</html>
""")


@router.get(f"{DOCS_PATH}/start.js")
async def swagger_ui_start() -> Response:
    return Response(START_SCRIPT, media_type="text/javascript", headers={"Cache-Control": "no-cache"})


def install_docs(app: FastAPI) -> None:
    """Serve /docs and its assets; create the app with docs_url=None and redoc_url=None."""
    app.include_router(router)
    app.mount(f"{DOCS_PATH}/static", StaticFiles(directory=str(ASSETS)), name="docs-assets")
