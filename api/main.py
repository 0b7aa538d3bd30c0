"""The application factory: routers, middleware, problem handlers and the SPA."""

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.middleware.gzip import GZipMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from api import (
    apidocs,
    health,
    models,  # noqa: F401 - every table in the metadata, so foreign keys resolve
)
from api.audit.router import router as audit_router
from api.auth.router import me_router
from api.auth.router import router as tokens_router
from api.caching import PublicCacheMiddleware
from api.claims.router import router as claims_router
from api.clusters.router import router as cluster_page_router
from api.config import Settings, get_settings
from api.database_errors import install_database_problem_handlers
from api.db import ReadDatabase, ReadDatabases, create_engine, create_sessionmaker
from api.downloads.router import FILES_PATH as DOWNLOADS_PATH
from api.downloads.router import router as downloads_router
from api.downloads.router import static_files as downloads_files
from api.duplicates.router import hints_router as similar_enterprises_router
from api.duplicates.router import router as duplicates_router
from api.embeds.router import admin_router as embeds_admin_router
from api.embeds.router import router as embed_router
from api.enterprises.router import router as enterprises_router
from api.errors import install_problem_handlers, problem_for_http_error
from api.exports.router import router as exports_router
from api.freshness.router import router as freshness_router
from api.funding.router import router as funding_router
from api.geo.router import router as regions_router
from api.history.router import router as history_router
from api.impact.router import router as impact_router
from api.imports.router import router as imports_router
from api.inquiries.router import router as inquiries_router
from api.linked_data.router import router as linked_data_router
from api.matching.router import router as matches_router
from api.members.router import clusters_router
from api.members.router import router as members_router
from api.middleware import BodySizeLimitMiddleware, NulCharacterMiddleware, SecurityHeadersMiddleware
from api.observability import metrics
from api.observability.logs import configure_logging
from api.observability.requests import RequestObserver
from api.observability.router import router as metrics_router
from api.ogc.router import router as ogc_router
from api.openapi import install_openapi
from api.outbox.router import router as outbox_router
from api.outcomes.router import router as outcomes_router
from api.reserved.router import router as reserved_router
from api.saved_needs.router import router as saved_needs_router
from api.service_requests.catalogue_router import router as support_services_router
from api.service_requests.router import router as service_requests_router
from api.share.pages import with_share_tags
from api.share.router import router as share_router
from api.spa_routes import is_client_route
from api.static_files import IMMUTABLE, REVALIDATE, PrecompressedFiles, file_response
from api.stats.router import router as stats_router
from api.submissions.router import router as submissions_router
from api.subscriptions.router import router as subscriptions_router
from api.taxonomies.router import router as taxonomies_router
from api.tenders.router import router as tenders_router
from api.tiles.router import router as tiles_router
from api.webhooks.router import router as webhooks_router
from api.worker.status import heartbeat_age_seconds

API_DESCRIPTION = """
Social enterprises of Romania, the Republic of Moldova and Ukraine, on a map, for buyers,
procurement tools, the cluster's members and its managers.

Errors are RFC 9457 problem details (`application/problem+json`). Writes need
`Authorization: Bearer <token>`; changes to existing rows need `If-Match` with the ETag of a GET.
"""


def operation_id(route: APIRoute) -> str:
    """listEnterprises, not list_enterprises_api_v1_enterprises_get: generated clients show these."""
    head, *rest = route.name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _index_html(index: Path, settings: Settings) -> str:
    """The SPA's page, with the deployment's privacy contact and base map (if any) in meta tags the SPA
    reads at start."""
    page = index.read_text(encoding="utf-8")
    meta = f'<meta name="semap-privacy-email" content="{html.escape(settings.privacy_email)}">'
    if settings.basemap_style_url is not None:
        meta += (f'<meta name="semap-basemap-style" content="{html.escape(str(settings.basemap_style_url))}">'
                 f'<meta name="semap-basemap-attribution" content="{html.escape(settings.basemap_attribution)}">')
    return page.replace("</head>", meta + "</head>", 1)


def _serve_spa(app: FastAPI, settings: Settings) -> None:
    """Serve the built SPA from what no route answers, so it never shadows an API route.

    Files of the build (worker, fonts, basemap) are served as they are; any other GET outside
    the API gets index.html, so a reload or a shared link shows the same view: with 200 for the
    SPA's client routes (api/spa_routes.py), with 404 for the rest and for an enterprise or cluster that is
    not there. The API keeps its problem+json 404.
    """
    dist = settings.frontend_dist.resolve()
    index = dist / "index.html"
    if not index.is_file():
        return
    # Vite names these by their content's hash: cached for a year, never revalidated.
    app.mount("/assets", PrecompressedFiles(directory=dist / "assets", cache_control=IMMUTABLE), name="assets")
    reserved = re.compile(r"^/(api|ogc|downloads|docs|redoc|openapi\.json|healthz|readyz|metrics)(/|$)")

    async def not_found(request: Request, exc: Exception) -> Response:
        path = request.url.path
        # index.html is missing while a new build replaces dist/: a plain 404 then, not a 500.
        if request.method not in ("GET", "HEAD") or reserved.match(path) or not index.is_file():
            return await problem_for_http_error(request, exc)
        candidate = (dist / path.lstrip("/")).resolve()
        if candidate.is_file() and dist in candidate.parents and candidate != index:
            return file_response(candidate, Headers(scope=request.scope), REVALIDATE)
        page, exists = await with_share_tags(request, _index_html(index, settings))
        # A path no screen serves, or a profile or cluster that is not there, gets the app's not-found
        # screen with a real 404.
        return HTMLResponse(page, headers={"Cache-Control": "no-cache"},
                            status_code=200 if is_client_route(path) and exists else 404)

    app.add_exception_handler(404, not_found)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings)
        replicas = [create_engine(settings, url, name="semap-api-read") for url in settings.database_read_url]
        app.state.engine = engine
        app.state.sessionmaker = create_sessionmaker(engine)
        app.state.read_databases = ReadDatabases(
            primary=ReadDatabase.of(engine, pgbouncer=settings.database_pgbouncer),
            replicas=[ReadDatabase.of(r, pgbouncer=settings.database_pgbouncer) for r in replicas])
        pools = [(engine, "primary"), *((replica, "replica") for replica in replicas)]
        for pool_engine, name in pools:
            metrics.instrument_pool(pool_engine, name)
        yield
        for pool_engine, name in pools:
            metrics.forget_pool(pool_engine, name)
            await pool_engine.dispose()
        for closing in ("tile_cache", "rate_limiter"):
            if getattr(app.state, closing, None) is not None:
                await getattr(app.state, closing).close()

    app = FastAPI(title="Social Enterprise Map API", version="1.0.0", description=API_DESCRIPTION,
                  lifespan=lifespan, generate_unique_id_function=operation_id,
                  docs_url=None, redoc_url=None)  # /docs is api/apidocs.py: no CDN, no inline script
    app.state.settings = settings
    # How old the worker's last heartbeat is, for /metrics (api/observability/metrics.py).
    app.state.worker_heartbeat_age = heartbeat_age_seconds
    configure_logging(settings.log_level)
    install_problem_handlers(app)
    install_database_problem_handlers(app)
    app.include_router(health.router)
    app.include_router(metrics_router)
    app.include_router(enterprises_router)
    app.include_router(support_services_router)
    app.include_router(service_requests_router)
    app.include_router(regions_router)
    app.include_router(tiles_router)
    app.include_router(ogc_router)
    app.include_router(clusters_router)
    app.include_router(cluster_page_router)
    app.include_router(impact_router)
    app.include_router(members_router)
    app.include_router(stats_router)
    app.include_router(submissions_router)
    app.include_router(tokens_router)
    app.include_router(me_router)
    app.include_router(audit_router)
    app.include_router(imports_router)
    app.include_router(exports_router)
    app.include_router(linked_data_router)
    app.include_router(taxonomies_router)
    app.include_router(matches_router)
    app.include_router(reserved_router)
    app.include_router(outcomes_router)
    app.include_router(inquiries_router)
    app.include_router(tenders_router)
    app.include_router(saved_needs_router)
    app.include_router(funding_router)
    app.include_router(history_router)
    app.include_router(duplicates_router)
    app.include_router(similar_enterprises_router)
    app.include_router(claims_router)
    app.include_router(freshness_router)
    app.include_router(subscriptions_router)
    app.include_router(embed_router)
    app.include_router(embeds_admin_router)
    app.include_router(outbox_router)
    app.include_router(downloads_router)
    app.include_router(share_router)
    app.include_router(webhooks_router)
    install_openapi(app)
    apidocs.install_docs(app)
    app.mount(DOWNLOADS_PATH, downloads_files(settings), name="downloads")
    _serve_spa(app, settings)

    # Inside the size limit: it reads JSON bodies whole, which the limit has bounded.
    app.add_middleware(NulCharacterMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_json_bytes=settings.max_body_bytes,
                       max_upload_bytes=settings.max_upload_bytes)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "PATCH", "DELETE"],
                           allow_headers=["Authorization", "Content-Type", "If-Match", "If-None-Match"],
                           expose_headers=["ETag", "Location", "Retry-After"])
    app.add_middleware(SecurityHeadersMiddleware, map_origins=settings.basemap_csp_origins)
    app.add_middleware(PublicCacheMiddleware, max_age=settings.public_max_age_seconds)
    # Level 5: most of level 9's saving at a fraction of its CPU; precompressed files pass untouched.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5, exclude_content_types=(
        "text/event-stream", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    app.add_middleware(RequestObserver)
    # Outermost: the client's address and scheme are settled before anything reads them. Only the
    # proxies in FORWARDED_ALLOW_IPS are believed; with none, X-Forwarded-* is ignored.
    if settings.forwarded_allow_ips:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.forwarded_allow_ips)
    return app
