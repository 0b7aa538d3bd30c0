"""The embed renders in Debian's Chromium inside an iframe on another origin, and only there if allowed.

The API (with the test's database transaction) and a partner page serve on two local ports, so the
iframe is cross-origin. Chromium takes a screenshot of the partner page: the markers' colour shows when
the partner's origin is allowed, and not when it is not (the browser blocks the frame).
"""

import asyncio
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from httpx import AsyncClient
from PIL import Image
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from tests.outbox.smtp_server import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MARKER = (0xFF, 0x00, 0xAA)


class CountingApp:
    """Counts the requests that reach the API, by path."""

    def __init__(self, app: Any) -> None:
        self.app, self.paths = app, []  # type: ignore[var-annotated]

    async def __call__(self, scope: Any, receive: Callable[[], Awaitable[Any]], send: Any) -> None:
        if scope["type"] == "http":
            self.paths.append(scope["path"])
        await self.app(scope, receive, send)


async def _serve(app: Any, port: int) -> tuple[uvicorn.Server, asyncio.Task[None]]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    for _ in range(200):  # uvicorn has no started event; poll, bounded to 10 s
        if server.started:
            break
        await asyncio.sleep(0.05)
    assert server.started, f"the test server on port {port} did not start"
    return server, task


@pytest.fixture
async def servers(app: Any) -> AsyncIterator[dict[str, Any]]:
    api_port, partner_port = free_port(), free_port()
    counting = CountingApp(app)
    embed = f"http://127.0.0.1:{api_port}/embed?region=RO-CJ&color=%23ff00aa"

    async def partner_page(_: Any) -> HTMLResponse:
        return HTMLResponse(f'<!doctype html><body style="margin:0;background:#fff"><iframe src="{embed}" '
                            'width="780" height="560" style="border:0"></iframe></body>')

    running = [await _serve(counting, api_port),
               await _serve(Starlette(routes=[Route("/", partner_page)]), partner_port)]
    yield {"counting": counting, "partner": f"http://127.0.0.1:{partner_port}", "partner_port": partner_port}
    for server, task in running:
        server.should_exit = True
        await task


async def _screenshot(url: str) -> Image.Image:
    with tempfile.TemporaryDirectory() as profile:
        shot = Path(profile) / "shot.png"
        process = await asyncio.create_subprocess_exec(
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}/data",
            "--window-size=800,600", "--virtual-time-budget=5000", f"--screenshot={shot}", url,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        await asyncio.wait_for(process.wait(), timeout=90)
        assert shot.is_file(), "Chromium made no screenshot"
        return Image.open(shot).convert("RGB")


def _marker_pixels(image: Image.Image) -> int:
    data = image.tobytes()  # RGB triples, row by row
    return sum(1 for i in range(0, len(data), 3)
               if all(abs(data[i + c] - MARKER[c]) < 40 for c in range(3)))


def _distinct_colours(image: Image.Image) -> int:
    return len(image.getcolors(maxcolors=1_000_000) or [])


async def test_embed_renders_in_an_iframe_of_an_allowed_site(servers: dict[str, Any], client: AsyncClient,
                                                             admin_headers: dict[str, str],
                                                             enterprise: dict[str, Any]) -> None:
    origin = servers["partner"]
    assert (await client.post("/api/v1/admin/embed-sites", json={"origin": origin},
                              headers=admin_headers)).status_code == 201

    image = await _screenshot(origin + "/")

    assert servers["counting"].paths.count("/embed") == 1
    assert _distinct_colours(image) > 20  # not a blank page
    assert _marker_pixels(image) > 30  # the markers, in the preset colour


async def test_embed_is_blocked_in_an_iframe_of_a_site_not_allowed(servers: dict[str, Any], client: AsyncClient,
                                                                   admin_headers: dict[str, str],
                                                                   enterprise: dict[str, Any]) -> None:
    assert (await client.post("/api/v1/admin/embed-sites", json={"origin": "https://only-this.example.org"},
                              headers=admin_headers)).status_code == 201

    image = await _screenshot(servers["partner"] + "/")

    assert servers["counting"].paths.count("/embed") == 1  # fetched, then refused by the browser
    assert _marker_pixels(image) == 0
