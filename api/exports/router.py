"""HTTP for exports: the directory as CSV, GeoJSON, JSON-LD (ESSGlobal) or XLSX, streamed."""

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from api.auth.dependencies import OptionalToken, is_admin
from api.database_errors import is_unavailable, unavailable_response
from api.db import read_database
from api.downloads.service import prebuilt
from api.enterprises.filters import EnterpriseFilters, EnterpriseFiltersDep
from api.errors import TooManyRequests, raises
from api.exports.service import MEDIA_TYPES, ExportFormat, export_stream
from api.ratelimit import caller_of, limiter_of
from api.urls import public_base_url

router = APIRouter(prefix="/api/v1/exports", tags=["exports"])

FILTERS_NOTE = ("Takes the same filters as GET /api/v1/enterprises. Published enterprises; admin tokens may "
                "ask for other statuses and also get e-mail and contact person. Without a token and without "
                "filters (the whole directory) the answer is a 303 to the prebuilt open-data file of the same "
                "rows (GET /api/v1/downloads), rebuilt by the worker after changes, its data version in the URL; "
                "until a first build, such exports are limited per client (429).")


def _is_whole_directory(filters: EnterpriseFilters) -> bool:
    return dataclasses.replace(filters, status=[]) == EnterpriseFilters()


def prebuilt_for_anonymous(export_format: ExportFormat) -> Callable[..., Awaitable[str | None]]:
    """A dependency: for an anonymous export of the whole directory, the prebuilt file's URL to redirect to,
    or, while there is none, a 429 past the caller's hourly allowance; None for any other export."""

    @raises(429)
    async def check(request: Request, token: OptionalToken, filters: EnterpriseFiltersDep) -> str | None:
        if token is not None or not _is_whole_directory(filters):
            return None
        found = prebuilt(request.app.state.settings, export_format.value)
        if found is not None:
            name, version = found
            return f"{public_base_url(request)}/downloads/{name}?version={version}"
        limiter = limiter_of(request)
        verdict = await limiter.hit("full_exports", caller_of(request, None))
        if not verdict.allowed:
            policy = limiter.policy_for("full_exports", None)
            raise TooManyRequests(f"At most {policy.limit} exports of the whole directory per hour without a token, "
                                  f"until the prebuilt files exist; retry in {verdict.retry_after} s.",
                                  retry_after=verdict.retry_after)
        return None

    return check


RedirectCsv = Annotated[str | None, Depends(prebuilt_for_anonymous(ExportFormat.csv))]
RedirectGeojson = Annotated[str | None, Depends(prebuilt_for_anonymous(ExportFormat.geojson))]
RedirectJsonld = Annotated[str | None, Depends(prebuilt_for_anonymous(ExportFormat.jsonld))]
RedirectXlsx = Annotated[str | None, Depends(prebuilt_for_anonymous(ExportFormat.xlsx))]


def _redirect(url: str) -> Response:
    return RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})


class PrefetchedStreamingResponse(StreamingResponse):
    """A stream that sends nothing until its first block is ready: a database that fails by then makes a
    503 problem (as on every other route), not a 200 whose download breaks off."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        blocks = aiter(self.body_iterator)
        try:
            first = await anext(blocks, b"")
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            await unavailable_response()(scope, receive, send)
            return

        async def replayed() -> AsyncIterator[str | bytes | memoryview]:
            yield first
            async for block in blocks:
                yield block

        self.body_iterator = replayed()
        await super().__call__(scope, receive, send)


def _download(request: Request, export_format: ExportFormat, filters: EnterpriseFiltersDep, staff: bool,
              bom: bool = False) -> StreamingResponse:
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    body = export_stream(export_format, read_database(request).transactional, filters, staff=staff,
                         base_url=public_base_url(request), bom=bom)
    return PrefetchedStreamingResponse(body, media_type=MEDIA_TYPES[export_format], headers={
        "Content-Disposition": f'attachment; filename="enterprises-{stamp}.{export_format.value}"',
        "Cache-Control": "no-store"})


def _responses(export_format: ExportFormat) -> dict[int | str, dict[str, object]]:
    return {200: {"content": {MEDIA_TYPES[export_format].split(";")[0]: {"schema": {"type": "string"}}},
                  "description": f"The enterprises as {export_format.value}, streamed."},
            303: {"description": "The whole directory, asked without a token: see Location, the prebuilt file."}}


@router.get("/enterprises.csv", response_class=StreamingResponse, summary="Export enterprises as CSV",
            description=FILTERS_NOTE + " Columns are those of the import template, so the file re-imports.",
            responses=_responses(ExportFormat.csv))
async def export_enterprises_csv(
    request: Request, token: OptionalToken, filters: EnterpriseFiltersDep,
    redirect: RedirectCsv,
    bom: Annotated[bool, Query(description="Start with a UTF-8 BOM, for Excel (the prebuilt file has one).")] = False,
) -> Response:
    if redirect:
        return _redirect(redirect)
    return _download(request, ExportFormat.csv, filters, is_admin(token), bom)


@router.get("/enterprises.geojson", response_class=StreamingResponse, summary="Export enterprises as GeoJSON",
            description=FILTERS_NOTE, responses=_responses(ExportFormat.geojson))
async def export_enterprises_geojson(request: Request, token: OptionalToken,
                                     filters: EnterpriseFiltersDep, redirect: RedirectGeojson) -> Response:
    if redirect:
        return _redirect(redirect)
    return _download(request, ExportFormat.geojson, filters, is_admin(token))


@router.get("/enterprises.jsonld", response_class=StreamingResponse,
            summary="Export enterprises as JSON-LD (ESSGlobal vocabulary)",
            description=FILTERS_NOTE + " Each enterprise is an essglobal:SSEInitiative.",
            responses=_responses(ExportFormat.jsonld))
async def export_enterprises_jsonld(request: Request, token: OptionalToken,
                                    filters: EnterpriseFiltersDep, redirect: RedirectJsonld) -> Response:
    if redirect:
        return _redirect(redirect)
    return _download(request, ExportFormat.jsonld, filters, is_admin(token))


@router.get("/enterprises.xlsx", response_class=StreamingResponse, summary="Export enterprises as XLSX",
            description=FILTERS_NOTE, responses=_responses(ExportFormat.xlsx))
async def export_enterprises_xlsx(request: Request, token: OptionalToken,
                                  filters: EnterpriseFiltersDep, redirect: RedirectXlsx) -> Response:
    if redirect:
        return _redirect(redirect)
    return _download(request, ExportFormat.xlsx, filters, is_admin(token))
