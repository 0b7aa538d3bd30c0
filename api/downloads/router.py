"""HTTP for open data: the list of downloadable files; the files themselves are static (see `static_files`)."""

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from api.downloads import service
from api.downloads.licence import LICENCE_ID, LICENCE_NAME, LICENCE_URL, attribution
from api.urls import public_base_url

router = APIRouter(prefix="/api/v1/downloads", tags=["open data"])
FILES_PATH = "/downloads"


class DownloadFile(BaseModel):
    name: str
    format: str
    media_type: str
    title: str
    size: int
    sha256: str
    built_at: str
    licence: str
    url: str


class Licence(BaseModel):
    id: str
    name: str
    url: str
    attribution: str


class Downloads(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "licence": {"id": LICENCE_ID, "name": LICENCE_NAME, "url": LICENCE_URL,
                    "attribution": "Social Enterprise Map contributors, licensed under CC BY 4.0 — https://map.example"},
        "built_at": "2026-12-05T03:00:00+00:00",
        "files": [{"name": "enterprises.csv", "format": "csv", "media_type": "text/csv; charset=utf-8",
                   "title": "CSV", "size": 182344,
                   "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                   "built_at": "2026-12-05T03:00:00+00:00", "licence": LICENCE_ID,
                   "url": "https://map.example/downloads/enterprises.csv"}]}]})

    licence: Licence
    built_at: str | None
    files: list[DownloadFile]


@router.get("", response_model=Downloads, summary="List the open-data downloads")
async def list_downloads(request: Request) -> Downloads:
    """The whole directory as CSV, GeoJSON, GeoPackage and JSON-LD: each file with its size, SHA-256 and
    build time, under CC BY 4.0. The files are rebuilt by a job after the data changes (`semap downloads
    build`); the list is empty until the first build."""
    settings = request.app.state.settings
    base = public_base_url(request)
    manifest = service.read_manifest(service.downloads_dir(settings)) or {}
    files = [DownloadFile(**item, licence=LICENCE_ID, url=f"{base}{FILES_PATH}/{item['name']}")
             for item in manifest.get("files", [])]
    return Downloads(licence=Licence(id=LICENCE_ID, name=LICENCE_NAME, url=LICENCE_URL, attribution=attribution(base)),
                     built_at=manifest.get("built_at"), files=files)


class _CachedFiles(StaticFiles):
    """Static files with a cache lifetime: a rebuild replaces them under the same names, and ETag /
    Last-Modified (set by Starlette) let a client revalidate cheaply."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if path.startswith(".") or path == service.MANIFEST:  # the build's scratch space and bookkeeping
            raise HTTPException(status_code=404)
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            response.headers["Cache-Control"] = "public, max-age=600"
        return response


def static_files(settings: Any) -> StaticFiles:
    return _CachedFiles(directory=service.downloads_dir(settings), check_dir=False)
