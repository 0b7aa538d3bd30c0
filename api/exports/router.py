"""HTTP for exports: the directory as CSV, GeoJSON, JSON-LD (ESSGlobal) or XLSX, streamed."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from api.auth.dependencies import OptionalToken, is_admin
from api.database_errors import is_unavailable, unavailable_response
from api.db import read_database
from api.enterprises.filters import EnterpriseFiltersDep
from api.exports.service import MEDIA_TYPES, ExportFormat, export_stream
from api.urls import public_base_url

router = APIRouter(prefix="/api/v1/exports", tags=["exports"])

FILTERS_NOTE = ("Takes the same filters as GET /api/v1/enterprises. Published enterprises; admin tokens may "
                "ask for other statuses and also get e-mail and contact person.")


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
                  "description": f"The enterprises as {export_format.value}, streamed."}}


@router.get("/enterprises.csv", response_class=StreamingResponse, summary="Export enterprises as CSV",
            description=FILTERS_NOTE + " Columns are those of the import template, so the file re-imports.",
            responses=_responses(ExportFormat.csv))
async def export_enterprises_csv(
    request: Request, token: OptionalToken, filters: EnterpriseFiltersDep,
    bom: Annotated[bool, Query(description="Start with a UTF-8 BOM, for Excel.")] = False,
) -> StreamingResponse:
    return _download(request, ExportFormat.csv, filters, is_admin(token), bom)


@router.get("/enterprises.geojson", response_class=StreamingResponse, summary="Export enterprises as GeoJSON",
            description=FILTERS_NOTE, responses=_responses(ExportFormat.geojson))
async def export_enterprises_geojson(request: Request, token: OptionalToken,
                                     filters: EnterpriseFiltersDep) -> StreamingResponse:
    return _download(request, ExportFormat.geojson, filters, is_admin(token))


@router.get("/enterprises.jsonld", response_class=StreamingResponse,
            summary="Export enterprises as JSON-LD (ESSGlobal vocabulary)",
            description=FILTERS_NOTE + " Each enterprise is an essglobal:SSEInitiative.",
            responses=_responses(ExportFormat.jsonld))
async def export_enterprises_jsonld(request: Request, token: OptionalToken,
                                    filters: EnterpriseFiltersDep) -> StreamingResponse:
    return _download(request, ExportFormat.jsonld, filters, is_admin(token))


@router.get("/enterprises.xlsx", response_class=StreamingResponse, summary="Export enterprises as XLSX",
            description=FILTERS_NOTE, responses=_responses(ExportFormat.xlsx))
async def export_enterprises_xlsx(request: Request, token: OptionalToken,
                                  filters: EnterpriseFiltersDep) -> StreamingResponse:
    return _download(request, ExportFormat.xlsx, filters, is_admin(token))
