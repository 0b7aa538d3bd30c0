# Social Enterprise Map - developer entry points.
#
#   make run    install what is missing, migrate, seed demo data, then the server on $(HOST):$(PORT),
#               the worker and a mail catcher (http://$(HOST):$(MAIL_HTTP_PORT)); Ctrl-C stops all three
#   make test   lint + docs links + mypy + backend tests + API fuzzing + frontend tests (what CI runs: .ci/run)
#
# System packages come from scripts/ensure-system.sh (apt-get, as root or via sudo),
# the database from scripts/ensure-db.sh (DATABASE_URL, 127.0.0.1:5432, a Debian
# cluster, or a project-local cluster in .data/pg - see that script).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# Each recipe runs in one shell, so it stops at its first failing command.
.ONESHELL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Directory of this Makefile: recipes cd there, so `make -f path/to/Makefile` works too.
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

PY ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
# make run's mail catcher: its web page and the SMTP port the worker delivers to.
MAIL_HTTP_PORT ?= 8025
MAIL_SMTP_PORT ?= 1025
DB_NAME ?= semap
TEST_DB_NAME ?= semap_test
BENCH_DB_NAME ?= semap_bench
# The fuzzer writes through the API: its own database, recreated for each run.
FUZZ_DB_NAME ?= $(TEST_DB_NAME)_fuzz
PYTEST_ARGS ?=
# pytest-xdist workers for the backend suite, each on its own database ($(TEST_DB_NAME)_gw0, _gw1…);
# one file per worker at a time, so a module's servers and clusters start once. 0 runs in one process.
PYTEST_WORKERS ?= 2
BENCH_ARGS ?=
# Directories ruff checks (those that do not exist yet are skipped).
LINT_PATHS ?= api tests migrations scripts bench

.PHONY: help venv system system-browser frontend run test fuzz bench lint lock clean

help:
	@echo "make run     - set everything up, migrate, seed demo data; server, worker and mail catcher (Ctrl-C stops all)"
	echo "make test    - ruff + pytest + fuzz (+ frontend tests); PYTEST_ARGS='...' is passed to pytest"
	echo "make fuzz    - schemathesis over HTTP, anonymous and admin (FUZZ_MAX_EXAMPLES, default 10)"
	echo "make bench   - run the benchmarks (BENCH_ARGS='...')"
	echo "make lint    - ruff check and mypy"
	echo "make lock    - pin the runtime dependencies with hashes (requirements.lock, for the Docker image)"
	echo "make venv | system | frontend | clean"

# Python virtualenv; (re)installs the project only when pyproject.toml changed.
venv:
	@cd "$(ROOT)"
	if [[ -e "$(VENV)" ]] && ! "$(VENV)/bin/python" -m pip --version >/dev/null 2>&1; then
	  echo "[venv] $(VENV) is broken; re-creating it" >&2
	  rm -rf -- "$(VENV)"
	fi
	if [[ ! -e "$(VENV)" ]]; then
	  echo "[venv] creating $(VENV) with $(PY)" >&2
	  $(PY) -m venv "$(VENV)"
	fi
	if [[ ! -f "$(VENV)/.installed" || pyproject.toml -nt "$(VENV)/.installed" ]]; then
	  echo "[venv] installing the project and dev dependencies" >&2
	  "$(VENV)/bin/python" -m pip install --disable-pip-version-check -q -e '.[dev]'
	  touch "$(VENV)/.installed"
	fi

system:
	@cd "$(ROOT)"
	bash scripts/ensure-system.sh

system-browser:
	@cd "$(ROOT)"
	bash scripts/ensure-system.sh --browser

# Frontend: nothing to do until frontend/package.json exists.
frontend:
	@cd "$(ROOT)"
	[[ -f frontend/package.json ]] || exit 0
	cd frontend
	installed=0
	if [[ ! -f package-lock.json ]]; then
	  if [[ ! -d node_modules || package.json -nt node_modules/.package-lock.json ]]; then
	    echo "[frontend] npm install (no package-lock.json)" >&2
	    npm install --no-audit --no-fund
	    installed=1
	  fi
	elif [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
	  echo "[frontend] npm ci" >&2
	  npm ci --no-audit --no-fund
	  installed=1
	fi
	sources=()
	for p in src public index.html package.json package-lock.json vite.config.* tsconfig*.json; do
	  if [[ -e "$$p" ]]; then sources+=("$$p"); fi
	done
	if (( installed )) || [[ ! -f dist/index.html ]] \
	  || [[ -n "$$(find "$${sources[@]}" -newer dist/index.html -print -quit)" ]]; then
	  echo "[frontend] npm run build" >&2
	  npm run build
	fi

# Exports REDIS_URL only when REDIS_URL is unset and Redis answers.
define export_redis_url
if [[ -z "$${REDIS_URL:-}" ]] && [[ "$$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null || true)" == PONG ]]; then
  export REDIS_URL=redis://127.0.0.1:6379/0
fi
endef

# schemathesis against `semap serve` on a free port and a fresh FUZZ_DB_NAME (scripts/fuzz_api.py).
define run_fuzz
FUZZ_DATABASE_URL="$$(bash scripts/ensure-db.sh $(FUZZ_DB_NAME))"
FUZZ_DATABASE_URL="$$FUZZ_DATABASE_URL" "$(VENV)/bin/python" scripts/fuzz_api.py
endef

# ruff over the LINT_PATHS that exist.
# mypy over api/ (settings and the documented exceptions in pyproject.toml; docs/typing.md).
define run_mypy
"$(VENV)/bin/mypy"
endef

define run_ruff
lint_paths=()
for p in $(LINT_PATHS); do
  if [[ -e "$$p" ]]; then lint_paths+=("$$p"); fi
done
if (( $${#lint_paths[@]} )); then
  "$(VENV)/bin/ruff" check "$${lint_paths[@]}"
fi
endef

run: system venv frontend
	@cd "$(ROOT)"
	DATABASE_URL="$$(bash scripts/ensure-db.sh $(DB_NAME))"
	export DATABASE_URL
	$(export_redis_url)
	"$(VENV)/bin/semap" migrate
	"$(VENV)/bin/semap" seed demo
	"$(VENV)/bin/semap" token demo
	# The server, the worker and the mail catcher under one supervisor: it prints the catcher's URL.
	exec "$(VENV)/bin/semap" dev --host "$(HOST)" --port "$(PORT)" \
	  --mail-http-port "$(MAIL_HTTP_PORT)" --mail-smtp-port "$(MAIL_SMTP_PORT)"

test: system-browser venv frontend
	@cd "$(ROOT)"
	TEST_DATABASE_URL="$$(bash scripts/ensure-db.sh $(TEST_DB_NAME))"
	export TEST_DATABASE_URL
	$(run_ruff)
	"$(VENV)/bin/python" scripts/check_docs.py
	$(run_mypy)
	"$(VENV)/bin/pytest" -n "$(PYTEST_WORKERS)" --dist loadfile $(PYTEST_ARGS)
	$(run_fuzz)
	if [[ -f frontend/package.json ]]; then
	  cd frontend
	  npm test
	fi

bench: system venv
	@cd "$(ROOT)"
	BENCH_DATABASE_URL="$$(bash scripts/ensure-db.sh $(BENCH_DB_NAME))"
	export BENCH_DATABASE_URL
	"$(VENV)/bin/python" -m bench $(BENCH_ARGS)

fuzz: venv
	@cd "$(ROOT)"
	$(run_fuzz)

lint: venv
	@cd "$(ROOT)"
	$(run_ruff)
	$(run_mypy)

# The Docker image installs exactly these (pip --require-hashes); for Linux x86-64, Python 3.11.
lock: venv
	@cd "$(ROOT)"
	{ echo "# The runtime dependencies of pyproject.toml, pinned with their hashes for the Docker image"
	  echo "# (pip install --require-hashes -r requirements.lock). Regenerate after changing them: make lock."
	  "$(VENV)/bin/uv" pip compile pyproject.toml --generate-hashes --python-version 3.11 \
	    --python-platform x86_64-manylinux_2_28 --no-header -q; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

# Keeps .data (the local PostgreSQL cluster and its data).
clean:
	@cd "$(ROOT)"
	rm -rf -- "$(VENV)" frontend/node_modules frontend/dist .pytest_cache .ruff_cache *.egg-info
	find . -path ./.data -prune -o -path "./$(VENV)" -prune -o -path ./frontend/node_modules -prune \
	  -o -type d -name __pycache__ -prune -exec rm -rf {} +
