# syntax=docker/dockerfile:1
# Three stages: Node builds the SPA (precompressed), a slim Python runtime runs the API, the worker and
# the migrations as a non-root user, and Caddy serves the SPA's hashed files and proxies the rest.
# Everything is installed here, at build time: a container installs nothing when it starts.
#   docker build --target runtime -t semap .      docker build --target proxy -t semap-proxy .

FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
# The build derives the SPA's code lists and place names from the API's data files.
COPY api/taxonomies/data /src/api/taxonomies/data
COPY api/geo/data /src/api/geo/data
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app
# pg_dump and pg_restore for `semap backup` and `semap restore` (PostgreSQL 15, as the database).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
# Exactly the pinned versions, each checked against its hash (make lock writes the file).
COPY requirements.lock /tmp/requirements.lock
RUN python -m venv /opt/venv \
    && pip install --require-hashes --no-deps -r /tmp/requirements.lock \
    && rm /tmp/requirements.lock
WORKDIR /app
COPY alembic.ini ./
COPY migrations/ migrations/
COPY api/ api/
COPY --from=spa /src/frontend/dist frontend/dist
# The `semap` command from the source tree (the package is not installed: its data and the migrations
# are read beside it).
RUN printf '#!/bin/sh\nexec python -m api.cli "$@"\n' > /usr/local/bin/semap \
    && chmod 0755 /usr/local/bin/semap \
    && python -m compileall -q api migrations \
    && useradd --system --uid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin semap \
    && install -d -o semap -g semap /var/lib/semap/downloads
USER semap
# With several workers `semap serve` keeps their shared metrics in a fresh directory under /tmp.
ENV HOST=0.0.0.0 \
    PORT=8000 \
    WORKERS=4
EXPOSE 8000
CMD ["semap", "serve"]

FROM caddy:2.8-alpine AS proxy
COPY deploy/Caddyfile /etc/caddy/Caddyfile
COPY --from=spa /src/frontend/dist /srv/spa
