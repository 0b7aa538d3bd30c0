"""GDAL reads the OGC collections (OAPIF driver) and a vector tile (MVT driver) from the running app."""

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from api.config import Settings

OGRINFO = "ogrinfo"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(engine: AsyncEngine, settings: Settings) -> Iterator[str]:
    """The real app in a uvicorn process on the test database (the demo data is committed there)."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": settings.database_url, "PUBLIC_BASE_URL": ""}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "uvicorn", "api.asgi:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310 - loopback
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the API did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


async def ogrinfo(*args: str) -> str:
    result = await asyncio.to_thread(subprocess.run, [OGRINFO, *args], capture_output=True, text=True,
                                     timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def download(url: str, target: Path) -> None:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
        target.write_bytes(response.read())


def feature_count(output: str) -> int:
    match = re.search(r"Feature Count: (\d+)", output)
    assert match, output
    return int(match.group(1))


async def test_ogrinfo_reads_the_enterprises_collection(server: str, engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        published = await connection.scalar(text("SELECT count(*) FROM organisations WHERE status = 'published'"))
    output = await ogrinfo("-ro", "-so", f"OAPIF:{server}/ogc", "enterprises")
    assert feature_count(output) == published
    assert "Geometry: Point" in output
    for field in ("name: String", "slug: String", "kind: String", "country: String", "verified: Integer(Boolean)"):
        assert field in output, field


async def test_ogrinfo_reads_the_regions_collection(server: str, engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        regions = await connection.scalar(text("SELECT count(*) FROM regions"))
    output = await ogrinfo("-ro", "-so", f"OAPIF:{server}/ogc", "regions")
    assert feature_count(output) == regions
    assert "Multi Polygon" in output
    assert "name_uk: String" in output


async def test_ogrinfo_lists_the_collections(server: str) -> None:
    output = await ogrinfo("-ro", "-q", f"OAPIF:{server}/ogc")
    assert "enterprises" in output and "regions" in output


async def test_gdal_reads_a_vector_tile(server: str, tmp_path: Path) -> None:
    # The MVT driver takes z/x/y from a path shaped like z/x/y.pbf.
    target = tmp_path / "6" / "36" / "22.pbf"
    target.parent.mkdir(parents=True)
    await asyncio.to_thread(download, f"{server}/api/v1/tiles/enterprises/6/36/22.mvt", target)
    output = await ogrinfo("-ro", "-al", "-so", str(target))
    assert "Layer name: clusters" in output
    assert feature_count(output) > 10
    assert "count: Integer" in output


async def test_ogr2ogr_with_a_filter_gets_the_right_count(server: str, engine: AsyncEngine, tmp_path: Path) -> None:
    """QGIS and ogr2ogr send an equality on a queryable to the server as a property filter."""
    async with engine.connect() as connection:
        moldovan = await connection.scalar(text(
            "SELECT count(*) FROM organisations WHERE status = 'published' AND country = 'MD'"))
    target = tmp_path / "md.geojson"
    result = await asyncio.to_thread(subprocess.run, [
        "ogr2ogr", "--debug", "on", "-f", "GeoJSON", str(target), f"OAPIF:{server}/ogc", "enterprises",
        "-where", "country = 'MD'"], capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    features = json.loads(target.read_text())["features"]
    assert len(features) == moldovan > 0
    assert {feature["properties"]["country"] for feature in features} == {"MD"}
    # The filter went to the server (GDAL logs the URLs it fetches), not only applied by GDAL afterwards.
    assert re.search(r"/ogc/collections/enterprises/items\?[^\s]*country=MD", result.stderr), result.stderr[-3000:]
