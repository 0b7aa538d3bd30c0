"""The SPA's files: precompressed by Accept-Encoding, hashed ones immutable, the rest revalidated."""

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

from api.config import Settings
from api.main import create_app

SCRIPT = b"console.log('semap');\n" * 200


@pytest.fixture
async def spa(settings: Settings, tmp_path: Path) -> AsyncIterator[AsyncClient]:
    (tmp_path / "assets").mkdir()
    (tmp_path / "vendor").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><html><head></head><body></body></html>")
    for path in (tmp_path / "assets" / "index-AbC123.js", tmp_path / "vendor" / "worker.mjs"):
        path.write_bytes(SCRIPT)
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(SCRIPT))
        path.with_name(path.name + ".br").write_bytes(b"brotli bytes stand-in")
    app = create_app(settings.model_copy(update={"frontend_dist": tmp_path}))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        yield client


async def test_hashed_assets_are_immutable_and_sent_as_brotli_when_accepted(spa: AsyncClient) -> None:
    response = await spa.get("/assets/index-AbC123.js", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["content-encoding"] == "br" and response.headers["vary"] == "Accept-Encoding"
    assert response.headers["content-type"].startswith("text/javascript")
    assert int(response.headers["content-length"]) == len(b"brotli bytes stand-in")


async def test_gzip_is_the_fallback_and_identity_gets_the_file(spa: AsyncClient) -> None:
    gzipped = await spa.get("/assets/index-AbC123.js", headers={"Accept-Encoding": "gzip, br;q=0"})
    assert gzipped.headers["content-encoding"] == "gzip" and gzipped.content == SCRIPT
    plain = await spa.get("/assets/index-AbC123.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == SCRIPT
    assert gzipped.headers["etag"] != plain.headers["etag"]  # one validator per representation


async def test_a_current_copy_gets_304(spa: AsyncClient) -> None:
    first = await spa.get("/assets/index-AbC123.js", headers={"Accept-Encoding": "br"})
    again = await spa.get("/assets/index-AbC123.js", headers={"Accept-Encoding": "br",
                                                              "If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


async def test_unhashed_files_are_precompressed_but_revalidated(spa: AsyncClient) -> None:
    response = await spa.get("/vendor/worker.mjs", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.content == SCRIPT
    assert response.headers["content-encoding"] == "gzip" and response.headers["cache-control"] == "no-cache"
    page = await spa.get("/map/somewhere")
    assert page.headers["cache-control"] == "no-cache" and page.text.startswith("<!doctype html>")
