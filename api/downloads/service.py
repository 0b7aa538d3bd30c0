"""The directory's open-data files: built by a job into a directory, served as static files.

Each build writes every file beside its final name and renames it into place (a reader never sees a
half-written file), then the manifest last: the manifest names only complete files. A build is
skipped when the organisations' data version (bumped by a trigger in every transaction that writes
`organisations`) is the one the manifest was built from.
"""

import asyncio
import hashlib
import json
import os
import subprocess
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.downloads.licence import LICENCE_ID, LICENCE_NAME, LICENCE_URL, attribution
from api.enterprises.filters import EnterpriseFilters
from api.exports import writers
from api.exports.service import row_chunks

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class FileFormat:
    name: str
    format: str
    media_type: str
    title: str


FILES = (
    FileFormat("enterprises.csv", "csv", "text/csv; charset=utf-8",
               "CSV (UTF-8 with BOM, one row per enterprise, the import template's columns)"),
    FileFormat("enterprises.geojson", "geojson", "application/geo+json", "GeoJSON (RFC 7946, WGS 84)"),
    FileFormat("enterprises.gpkg", "gpkg", "application/geopackage+sqlite3", "GeoPackage (OGC, for QGIS)"),
    FileFormat("enterprises.jsonld", "jsonld", "application/ld+json", "JSON-LD (ESSGlobal vocabulary)"),
    FileFormat("enterprises.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "XLSX (the CSV's columns; a new sheet after every 1,048,576 rows)"),
)


@dataclass(frozen=True)
class DownloadsBuild:
    """What a run did: `built` False when nothing had changed since the last build."""

    built: bool
    data_version: int
    files: list[dict[str, Any]]


def downloads_dir(settings: Settings) -> Path:
    return settings.downloads_dir.resolve()


def read_manifest(directory: Path) -> dict[str, Any] | None:
    try:
        manifest: dict[str, Any] = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        return manifest
    except (FileNotFoundError, json.JSONDecodeError):
        return None


async def _data_version(session: AsyncSession) -> int:
    return int(await session.scalar(text("SELECT version FROM data_versions WHERE name = 'organisations'")) or 0)


def prebuilt(settings: Settings, file_format: str) -> tuple[str, int] | None:
    """(file name, data version) of the last build's file in `file_format`, if there is one."""
    manifest = read_manifest(downloads_dir(settings)) or {}
    for item in manifest.get("files", []):
        if item["format"] == file_format and (downloads_dir(settings) / item["name"]).is_file():
            return item["name"], int(manifest.get("data_version", 0))
    return None


def _metadata(base_url: str, built_at: datetime) -> dict[str, str]:
    return {"license": LICENCE_URL, "license_name": LICENCE_NAME, "attribution": attribution(base_url),
            "source": base_url, "generated": built_at.isoformat()}


async def _with_header(stream: AsyncIterator[bytes], members: dict[str, Any]) -> AsyncIterator[bytes]:
    """Put `members` first into the JSON object the stream writes (its first byte is `{`)."""
    first = True
    async for block in stream:
        if first:
            head = json.dumps(members, ensure_ascii=False)[1:-1].encode()
            block = b"{" + head + b"," + block[1:]
            first = False
        yield block


def _chunks(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[list[dict[str, Any]]]:
    # Public data only: published enterprises without the personal fields (staff=False).
    return row_chunks(sessionmaker, EnterpriseFilters(), staff=False)


async def _write(path: Path, stream: AsyncIterator[bytes]) -> None:
    with path.open("wb") as handle:
        async for block in stream:
            handle.write(block)


def _geopackage(source: Path, target: Path, meta: dict[str, str]) -> None:
    """GDAL's ogr2ogr turns the GeoJSON into a GeoPackage, with the licence in its metadata."""
    description = f"Social enterprises of RO, MD and UA. Licence: {LICENCE_NAME} ({LICENCE_URL}). " \
                  f"Attribution: {meta['attribution']}."
    command = ["ogr2ogr", "-f", "GPKG", str(target), str(source), "-nln", "enterprises",
               "-lco", "IDENTIFIER=Social enterprises", "-lco", f"DESCRIPTION={description}",
               "-mo", f"LICENSE={LICENCE_URL}", "-mo", f"ATTRIBUTION={meta['attribution']}",
               "-mo", f"GENERATED={meta['generated']}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)  # noqa: S603
    if result.returncode != 0:
        raise RuntimeError(f"ogr2ogr failed: {result.stderr.strip()}")


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            sha.update(block)
    return sha.hexdigest()


async def _build_files(sessionmaker: async_sessionmaker[AsyncSession], work: Path, base_url: str,
                       built_at: datetime) -> None:
    meta = _metadata(base_url, built_at)
    await _write(work / "enterprises.csv", writers.csv_chunks(_chunks(sessionmaker), bom=True))
    await _write(work / "enterprises.geojson", _with_header(writers.geojson_chunks(_chunks(sessionmaker)), meta))
    jsonld_meta = {"@id": f"{base_url}/downloads/enterprises.jsonld", "dcterms:license": {"@id": LICENCE_URL},
                   "dcterms:rightsHolder": meta["attribution"], "dcterms:created": meta["generated"]}
    await _write(work / "enterprises.jsonld",
                 _with_header(writers.jsonld_chunks(_chunks(sessionmaker), base_url=base_url), jsonld_meta))
    await asyncio.to_thread(_geopackage, work / "enterprises.geojson", work / "enterprises.gpkg", meta)
    await _write(work / "enterprises.xlsx", writers.xlsx_chunks(_chunks(sessionmaker)))


async def rebuild_downloads(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings,
                            now: datetime) -> DownloadsBuild:
    """Write the directory's files if its data changed since the last build (a job for the worker)."""
    directory = downloads_dir(settings)
    directory.mkdir(parents=True, exist_ok=True)
    async with sessionmaker() as session:
        version = await _data_version(session)
    manifest = read_manifest(directory)
    if manifest and manifest.get("data_version") == version and all(
            (directory / item["name"]).is_file() for item in manifest["files"]):
        return DownloadsBuild(built=False, data_version=version, files=manifest["files"])
    base_url = settings.public_base_url.rstrip("/")
    with tempfile.TemporaryDirectory(dir=directory, prefix=".build-") as scratch:
        work = Path(scratch)
        await _build_files(sessionmaker, work, base_url, now)
        files = [{"name": f.name, "format": f.format, "media_type": f.media_type, "title": f.title,
                  "size": (work / f.name).stat().st_size, "sha256": await asyncio.to_thread(_digest, work / f.name),
                  "built_at": now.isoformat()} for f in FILES]
        for f in FILES:
            os.replace(work / f.name, directory / f.name)  # atomic within one file system
        document = {"data_version": version, "built_at": now.isoformat(), "licence": LICENCE_ID, "files": files}
        (work / MANIFEST).write_text(json.dumps(document, indent=1), encoding="utf-8")
        os.replace(work / MANIFEST, directory / MANIFEST)
    return DownloadsBuild(built=True, data_version=version, files=files)
