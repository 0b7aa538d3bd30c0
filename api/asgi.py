"""The ASGI application uvicorn workers import."""

import gc

from api.main import create_app

app = create_app()

# Tails under load: everything imported so far (FastAPI, SQLAlchemy, the app's routes and schemas, a few
# hundred thousand objects) lives as long as the worker. Frozen, the collector stops walking it on every
# full collection, and a higher first threshold makes collections rarer; a request's garbage is mostly
# freed by reference counting anyway. Measured by `make bench` (goal 4, docs/performance.md).
gc.collect()
gc.freeze()
gc.set_threshold(50_000, 20, 100)
