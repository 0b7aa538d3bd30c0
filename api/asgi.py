"""The ASGI application uvicorn workers import."""

from api.main import create_app

app = create_app()
