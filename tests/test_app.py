"""The application's shared behaviour: problems, limits, headers, health, OpenAPI."""

import json
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from api.db import SessionDep, create_sessionmaker
from tests.conftest import enterprise_body, wire_app


async def test_healthz_and_readyz(client: AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["database"] == "ok"


async def test_readyz_is_503_when_the_database_is_unreachable(app: Any, client: AsyncClient) -> None:
    from api.config import Settings
    from api.db import create_engine

    app.state.engine = create_engine(Settings(database_url="postgresql+asyncpg://postgres@127.0.0.1:1/none"))
    response = await client.get("/readyz")
    assert response.status_code == 503
    await app.state.engine.dispose()


async def test_non_json_body_is_415(client: AsyncClient, admin_headers: dict) -> None:
    response = await client.post("/api/v1/enterprises", content="name=x",
                                 headers={**admin_headers, "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"


async def test_oversized_body_is_413(client: AsyncClient, admin_headers: dict) -> None:
    body = enterprise_body(description={"ro": "x" * 2_000_000})
    response = await client.post("/api/v1/enterprises", json=body, headers=admin_headers)
    assert response.status_code == 413


async def test_malformed_json_is_422_problem(client: AsyncClient, admin_headers: dict) -> None:
    response = await client.post("/api/v1/enterprises", content=b"{not json",
                                 headers={**admin_headers, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["type"] == "https://semap.dev/problems/validation"


async def test_validation_errors_carry_their_type_and_limits(client: AsyncClient, admin_headers: dict) -> None:
    body = enterprise_body(name="x", employees_total=-1)
    del body["country"]
    response = await client.post("/api/v1/enterprises", json=body, headers=admin_headers)
    assert response.status_code == 422
    errors = {e["pointer"]: e for e in response.json()["errors"]}
    assert errors["/name"]["type"] == "string_too_short" and errors["/name"]["ctx"] == {"min_length": 2}
    assert errors["/employees_total"]["type"] == "greater_than_equal" and errors["/employees_total"]["ctx"] == {"ge": 0}
    assert errors["/country"]["type"] == "missing" and "ctx" not in errors["/country"]
    assert all(e["message"] for e in errors.values())


async def test_unexpected_error_is_a_500_problem_without_a_trace(app: Any, client: AsyncClient) -> None:
    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    response = await client.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "secret internals" not in response.text and "Traceback" not in response.text


async def test_a_failed_commit_is_an_error_response_and_writes_nothing(app: Any, client: AsyncClient,
                                                                       engine: AsyncEngine) -> None:
    # A deferred constraint fails only at COMMIT, after the endpoint returned: the response must
    # say so, not 200. This needs a real top-level commit, so it uses the engine, not the
    # rolled-back test transaction.
    async with engine.begin() as connection:
        await connection.execute(text("""
            CREATE TABLE commit_probe (id int PRIMARY KEY, ref int
                REFERENCES commit_probe (id) DEFERRABLE INITIALLY DEFERRED)"""))
    app.state.sessionmaker = create_sessionmaker(engine)

    @app.post("/probe")
    async def probe(db: SessionDep) -> dict[str, str]:
        await db.execute(text("INSERT INTO commit_probe VALUES (1, 42)"))
        return {"status": "written"}

    try:
        response = await client.post("/probe")
        assert response.status_code == 500
        async with engine.connect() as connection:
            assert await connection.scalar(text("SELECT count(*) FROM commit_probe")) == 0
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("DROP TABLE commit_probe"))


async def test_security_headers_are_set(client: AsyncClient) -> None:
    response = await client.get("/api/v1/enterprises", params={"limit": 1})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


async def test_cors_allows_only_configured_origins(settings: Any, engine: Any, sessionmaker: Any) -> None:
    from httpx import ASGITransport

    from api.main import create_app

    app = create_app(settings.model_copy(update={"cors_origins": ["https://partner.example"]}))
    app.state.engine, app.state.sessionmaker = engine, sessionmaker
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        allowed = await client.get("/healthz", headers={"Origin": "https://partner.example"})
        other = await client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://partner.example"
    assert "access-control-allow-origin" not in other.headers


async def test_openapi_has_readable_operation_ids_and_examples(client: AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    operations = {op["operationId"]: op for path in document["paths"].values() for op in path.values()}
    assert {"listEnterprises", "getEnterprise", "createEnterprise", "updateEnterprise"} <= set(operations)
    assert all(op.get("summary") for op in operations.values())
    schemas = document["components"]["schemas"]
    assert schemas["EnterpriseCreate"]["examples"]



def client_route_examples() -> list[str]:
    from api.spa_routes import ROUTES_FILE

    routes = json.loads(ROUTES_FILE.read_text(encoding="utf-8"))["routes"]
    return [example for route in routes for example in route["examples"]]


async def test_the_spa_is_served_without_shadowing_the_api(settings: Any, engine: Any, sessionmaker: Any,
                                                           tmp_path: Any) -> None:
    from httpx import ASGITransport

    from api.main import create_app

    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>SPA</title>")
    (tmp_path / "basemap.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    app = create_app(settings.model_copy(update={"frontend_dist": tmp_path}))
    wire_app(app, engine, sessionmaker)

    @app.get("/added-later")
    async def added_later() -> dict[str, str]:
        return {"route": "answered"}

    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        assert "<title>SPA</title>" in (await client.get("/")).text
        for screen in client_route_examples():
            answer = await client.get(screen)
            assert answer.status_code == 200, screen
        assert (await client.get("/e/brutaria-bunatatii-iasi/")).status_code == 200
        # A profile is the SPA's page too, with the enterprise's own title (tests/share).
        assert "Brutăria" in (await client.get("/e/brutaria-bunatatii-iasi")).text.split("</title>")[0]
        assert (await client.get("/basemap.geojson")).json()["type"] == "FeatureCollection"
        assert (await client.get("/added-later")).json() == {"route": "answered"}
        missing_api = await client.get("/api/v1/no-such-thing")
        assert missing_api.status_code == 404
        assert missing_api.headers["content-type"] == "application/problem+json"
        traversal = await client.get("/../../etc/passwd")
        assert traversal.status_code == 404 and traversal.text.startswith("<!doctype html>")
        for dead in ("/no-such-page", "/e/", "/e/Not_A_Slug", "/cluster/x/y", "/admin/nothing", "/favicon.png"):
            answer = await client.get(dead)
            assert answer.status_code == 404 and "<title>SPA</title>" in answer.text, dead
        (tmp_path / "index.html").unlink()  # a deploy replacing the build
        during_deploy = await client.get("/e/brutaria-bunatatii-iasi")
        assert during_deploy.status_code == 404
        assert during_deploy.headers["content-type"] == "application/problem+json"


async def test_a_configured_base_map_reaches_the_spa_and_its_policy(settings: Any, engine: Any, sessionmaker: Any,
                                                                    tmp_path: Any) -> None:
    from httpx import ASGITransport

    from api.main import create_app

    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><head><title>SPA</title></head>")
    configured = settings.model_copy(update={
        "frontend_dist": tmp_path, "basemap_style_url": "https://tiles.example.org/styles/liberty.json",
        "basemap_attribution": "© OpenStreetMap <contributors>", "basemap_origins": ["https://fonts.example.org"],
        "privacy_email": "dpo@example.org"})
    app = create_app(configured)
    wire_app(app, engine, sessionmaker)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        page = await client.get("/e/some-enterprise")
    assert '<meta name="semap-basemap-style" content="https://tiles.example.org/styles/liberty.json">' in page.text
    assert 'content="© OpenStreetMap &lt;contributors&gt;"' in page.text
    assert '<meta name="semap-privacy-email" content="dpo@example.org">' in page.text
    policy = page.headers["content-security-policy"]
    assert "connect-src 'self' https://tiles.example.org https://fonts.example.org;" in policy
    assert "img-src 'self' data: blob: https://tiles.example.org https://fonts.example.org;" in policy


def test_base_map_origins_must_be_plain_origins(settings: Any) -> None:
    from pydantic import ValidationError

    from api.config import Settings

    with pytest.raises(ValidationError):
        Settings(database_url=settings.database_url, basemap_origins=["https://x.org; script-src *"])


def test_origins_and_empty_variables_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from api.config import Settings

    monkeypatch.setenv("CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("BASEMAP_STYLE_URL", "")  # docker-compose passes an unset optional variable as ""
    monkeypatch.setenv("BASEMAP_ORIGINS", '["https://tiles.example"]')
    settings = Settings()
    assert settings.cors_origins == ["https://a.example", "https://b.example"]
    assert settings.basemap_style_url is None and settings.basemap_csp_origins == []
    assert settings.basemap_origins == ["https://tiles.example"]
