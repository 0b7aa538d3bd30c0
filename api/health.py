"""Liveness and readiness."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.database_errors import RETRY_AFTER_SECONDS
from api.migrate import current_revisions, head_revisions

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database answers and its schema is at the migrations' head",
            responses={503: {"description": "Not ready: the database is unreachable or not at the head.",
                             "content": {"application/json": {"schema": {"type": "object", "required": ["status"]}}}}})
async def readyz(request: Request) -> JSONResponse:
    try:
        async with request.app.state.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            current = await current_revisions(connection)
    except Exception:  # any failure to reach the database means not ready
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503,
                            headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    heads = head_revisions()
    if current != heads:
        return JSONResponse({"status": "unavailable", "database": "ok", "migrations": sorted(current),
                             "expected": sorted(heads)}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok", "migrations": sorted(current)})
