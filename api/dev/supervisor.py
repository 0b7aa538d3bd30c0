"""`semap dev`: the server, the worker and the mail catcher as one foreground command (what `make run` runs).

Each runs as its own child process (`semap serve`, `semap worker`, `semap mailcatcher`), with SMTP
pointed at the catcher. The supervisor forwards SIGINT and SIGTERM to all of them, and when any child
ends (a crash, a port in use) it stops the others and exits with that child's code: one Ctrl-C stops
all three, and nothing keeps running half-started.
"""

import asyncio
import os
import signal
import sys
from dataclasses import dataclass

STOP_TIMEOUT_SECONDS = 15


@dataclass(frozen=True)
class DevPorts:
    host: str
    port: int
    mail_http_port: int
    mail_smtp_port: int

    @property
    def catcher_url(self) -> str:
        return f"http://{self.host}:{self.mail_http_port}/"


def children(ports: DevPorts) -> dict[str, list[str]]:
    semap = [sys.executable, "-m", "api.cli"]
    return {
        "mailcatcher": [*semap, "mailcatcher", "--host", ports.host, "--smtp-port", str(ports.mail_smtp_port),
                        "--http-port", str(ports.mail_http_port)],
        "server": [*semap, "serve", "--host", ports.host, "--port", str(ports.port), "--workers", "1"],
        "worker": [*semap, "worker"],
    }


def environment(ports: DevPorts) -> dict[str, str]:
    """The children's environment: development, e-mail to the catcher, links to this server."""
    return {**os.environ, "ENVIRONMENT": "development", "SMTP_HOST": ports.host,
            "SMTP_PORT": str(ports.mail_smtp_port), "SMTP_STARTTLS": "false", "SMTP_USERNAME": "",
            "SMTP_PASSWORD": "", "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL") or f"http://{ports.host}:{ports.port}"}


async def _stop_all(processes: dict[str, asyncio.subprocess.Process], signum: int) -> None:
    for process in processes.values():
        if process.returncode is None:
            process.send_signal(signum)
    waits = [asyncio.create_task(p.wait()) for p in processes.values()]
    _, late = await asyncio.wait(waits, timeout=STOP_TIMEOUT_SECONDS)
    if late:
        for process in processes.values():
            if process.returncode is None:
                process.kill()
        await asyncio.gather(*(p.wait() for p in processes.values()))


async def supervise(ports: DevPorts) -> int:
    """Start the three, wait for a signal or for one of them to end; stop the rest; its exit code."""
    stop = asyncio.Event()
    received: list[int] = []
    loop = asyncio.get_running_loop()

    def on_signal(signum: int) -> None:
        received.append(signum)
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, on_signal, signum)
    env = environment(ports)
    # Own sessions: a terminal's Ctrl-C reaches the supervisor only, which forwards it once to each.
    processes = {name: await asyncio.create_subprocess_exec(*argv, env=env, start_new_session=True)
                 for name, argv in children(ports).items()}
    print(f"\nMap and API   http://{ports.host}:{ports.port}/\n"
          f"Mail catcher  {ports.catcher_url}   (every e-mail the platform sends, SMTP on "
          f"{ports.host}:{ports.mail_smtp_port})\nCtrl-C stops the server, the worker and the catcher.\n", flush=True)
    ended = {asyncio.create_task(p.wait()): name for name, p in processes.items()}
    stopping = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([*ended, stopping], return_when=asyncio.FIRST_COMPLETED)
    first = next((ended[task] for task in done if task in ended), None)
    if first is not None:
        print(f"semap dev: {first} exited with {processes[first].returncode}; stopping the others", file=sys.stderr)
    await _stop_all(processes, received[0] if received else signal.SIGTERM)
    stopping.cancel()
    if first is not None:
        return processes[first].returncode or 1
    return 0
