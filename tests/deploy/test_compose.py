"""docker-compose.yml, the Dockerfile and the lock file: valid and complete, without a Docker engine."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from api.config import REPO_ROOT

COMPOSE = REPO_ROOT / "docker-compose.yml"
LONG_RUNNING = ("db", "redis", "api", "worker", "proxy", "mailpit")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return YAML(typ="safe").load(COMPOSE.read_text())


def test_the_compose_file_follows_the_compose_specification() -> None:
    # check-jsonschema ships the Compose Specification's JSON schema (vendor.compose-spec).
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],  # noqa: S603
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_long_running_service_restarts_and_the_stateful_ones_report_health(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(LONG_RUNNING) <= set(services)
    for name in LONG_RUNNING:
        assert services[name]["restart"] == "unless-stopped", name
    for name in ("db", "redis", "api", "proxy", "mailpit"):
        assert services[name]["healthcheck"]["test"], name


def test_migrations_run_once_before_the_api_and_the_worker(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["migrate"]["command"] == ["semap", "migrate"] and services["migrate"]["restart"] == "no"
    for name in ("api", "worker"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert services["worker"]["command"] == ["semap", "worker"]
    assert services["api"]["command"] == ["semap", "serve"] and "WORKERS" in services["api"]["environment"]


def test_the_app_believes_only_the_proxy_and_knows_its_url_and_mail_server(compose: dict[str, Any]) -> None:
    services = compose["services"]
    proxy_address = services["proxy"]["networks"]["default"]["ipv4_address"]
    for name in ("api", "worker", "migrate"):
        environment = services[name]["environment"]
        assert environment["FORWARDED_ALLOW_IPS"] == proxy_address
        assert environment["PUBLIC_BASE_URL"].startswith("${PUBLIC_BASE_URL:?")
        assert {"SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_STARTTLS"} <= set(environment)


def test_the_api_serves_the_open_data_files_the_worker_builds(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name in ("api", "worker"):
        directory = services[name]["environment"]["DOWNLOADS_DIR"]
        assert f"downloads:{directory}" in services[name]["volumes"], name
    assert "downloads" in compose["volumes"]
    assert "install -d -o semap -g semap /var/lib/semap/downloads" in (REPO_ROOT / "Dockerfile").read_text()


def test_nothing_is_installed_at_start_and_mailpit_is_for_development(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        assert "pip" not in " ".join(map(str, service.get("command", []))), name
        assert "volumes" not in service or all("/app" not in str(v) for v in service["volumes"]), name
    assert services["mailpit"]["profiles"] == ["dev"]
    assert services["api"]["build"]["target"] == "runtime" and services["proxy"]["build"]["target"] == "proxy"


def test_the_dockerfile_builds_the_spa_with_node_and_runs_as_a_non_root_user_from_the_lock() -> None:
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+) AS (\w+)$", dockerfile, flags=re.MULTILINE)
    assert [stage for _, stage in stages] == ["spa", "runtime", "proxy"]
    assert stages[0][0].startswith("node:") and "slim" in stages[1][0]
    runtime = dockerfile.split(" AS runtime")[1].split(" AS proxy")[0]
    assert "pip install --require-hashes --no-deps -r /tmp/requirements.lock" in runtime
    assert re.search(r"^USER semap$", runtime, flags=re.MULTILINE) and "COPY --from=spa" in runtime
    assert "COPY deploy/Caddyfile /etc/caddy/Caddyfile" in dockerfile


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_lock_pins_every_runtime_dependency_with_hashes() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    lock = (REPO_ROOT / "requirements.lock").read_text()
    pinned = dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+) \\$", lock, flags=re.MULTILINE))
    for requirement in project["dependencies"]:
        assert _name(requirement) in pinned, f"{requirement} is not in requirements.lock: run make lock"
    blocks = re.split(r"^(?=[a-z0-9])", lock, flags=re.MULTILINE)
    assert all("--hash=sha256:" in block for block in blocks if "==" in block)
    assert {"uvloop", "httptools"} <= set(pinned)  # uvicorn[standard]'s extras
