"""Fuzz the API over real HTTP with schemathesis, anonymously and as an admin (`make fuzz`, part of `make test`).

A dedicated database (FUZZ_DATABASE_URL) is recreated, migrated and loaded with the demo data; `semap serve`
answers on a free port; schemathesis then runs every operation of /openapi.json twice, without a token and
with an admin token, and fails on any 5xx, any response that breaks its documented schema, and any status
code or content type the document does not list. Seeded and deterministic, bounded by FUZZ_MAX_EXAMPLES.
The server's log and the reports (JUnit, and the run's counts) go to FUZZ_REPORT_DIR.
"""

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from api import migrate
from api.auth.cli import create_token
from api.auth.models import Role
from api.config import Settings
from api.seed.demo import load_demo

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
# High enough that the fuzzer reaches the handlers behind the limits; 429 itself is documented and tested.
GENEROUS_LIMITS = {"RATE_LIMIT_SUBMISSIONS_PER_HOUR": "1000000", "RATE_LIMIT_INQUIRIES_PER_HOUR": "1000000",
                   "RATE_LIMIT_MATCH_PER_MINUTE": "1000000"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def prepare(settings: Settings) -> str:
    """A fresh database with the demo data, and an admin token for the authenticated run."""
    await migrate.recreate_database(settings.database_url)
    await migrate.upgrade_async(settings.database_url)
    await load_demo(settings)
    return await create_token(settings, name="schemathesis", role=Role.admin, organisation_id=None,
                              expires_at=datetime.now(UTC) + timedelta(hours=2))


def wait_until_ready(base: str, server: subprocess.Popen[bytes], seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"[fuzz] the API exited with {server.returncode}; see its log")
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:  # noqa: S310 - our own server
                if response.status == 200:
                    return
        except OSError:
            pass  # not listening yet
        time.sleep(0.25)
    raise SystemExit(f"[fuzz] the API did not answer {base}/readyz within {seconds} s")


def schemathesis(base: str, name: str, report_dir: Path, headers: list[str]) -> tuple[int, str]:
    """Run schemathesis once; returns its exit code and its output."""
    command = [str(BIN / "st"), "run", f"{base}/openapi.json", "--checks", CHECKS,
               "--max-examples", os.environ.get("FUZZ_MAX_EXAMPLES", "10"),
               "--generation-deterministic", "--phases", os.environ.get("FUZZ_PHASES", "examples,coverage,fuzzing"),
               # One worker: hypothesis's source inspection is not thread-safe on Python 3.11 (an internal
               # error under --workers 2), and the server has the other core.
               "--workers", "1", "--request-timeout", "60",
               # Authorization comes from -H only: the anonymous run sends none, the admin run the admin's.
               "--generation-with-security-parameters", "false",
               "--suppress-health-check", "all", "--no-color",
               "--report", "junit", "--report-junit-path", str(report_dir / f"{name}.xml"), *headers]
    print(f"[fuzz] schemathesis, {name}", file=sys.stderr, flush=True)
    started = time.monotonic()
    # In the report directory: schemathesis keeps its crash files under ./.schemathesis.
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=report_dir)  # noqa: S603
    output = result.stdout + result.stderr
    (report_dir / f"{name}.log").write_text(output, encoding="utf-8")
    # Lines cut short: an internal error may quote whole source files; the log keeps everything.
    print("\n".join(line[:400] for line in output.splitlines()), flush=True)
    print(f"[fuzz] {name}: exit {result.returncode} after {time.monotonic() - started:.0f} s", file=sys.stderr)
    return result.returncode, output


def main() -> int:
    database_url = os.environ["FUZZ_DATABASE_URL"]
    report_dir = Path(os.environ.get("FUZZ_REPORT_DIR", ROOT / "fuzz-report"))
    report_dir.mkdir(parents=True, exist_ok=True)
    token = asyncio.run(prepare(Settings(database_url=database_url, redis_url=None)))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env |= {"DATABASE_URL": database_url, "LOG_LEVEL": "warning", **GENEROUS_LIMITS}
    with (report_dir / "server.log").open("wb") as log:
        server = subprocess.Popen([str(BIN / "semap"), "serve", "--host", "127.0.0.1", "--port", str(port)],  # noqa: S603
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_ready(base, server)
            runs = {"anonymous": schemathesis(base, "anonymous", report_dir, []),
                    "admin": schemathesis(base, "admin", report_dir, ["-H", f"Authorization: Bearer {token}"])}
        finally:
            server.terminate()
            server.wait(timeout=30)
    counts = {name: summary(output) | {"exit": code} for name, (code, output) in runs.items()}
    (report_dir / "counts.json").write_text(json.dumps(counts, indent=2), encoding="utf-8")
    print(f"[fuzz] {json.dumps(counts)}", file=sys.stderr)
    return max(code for code, _ in runs.values())


def summary(output: str) -> dict[str, int]:
    """Test cases run and failures found, from schemathesis's closing lines."""
    cases = re.search(r"Test cases:\s*\n?\s*(\d+) generated", output)
    failures = re.search(r"(\d+) found (\d+) unique failures", output)
    return {"cases": int(cases.group(1)) if cases else -1,
            "failing_cases": int(failures.group(1)) if failures else 0,
            "unique_failures": int(failures.group(2)) if failures else 0}


if __name__ == "__main__":
    sys.exit(main())
