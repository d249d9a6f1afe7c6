"""A local Prefect server (SQLite in PREFECT_HOME) in the background, for one machine.

`prefect server start --background` returns before the API answers and pipes
the server's output into nothing; `start` runs the server detached with its
output in `PREFECT_HOME/server.log` and returns once `/api/health` answers.
The process id goes where `prefect server stop` looks for it (`server.pid`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

LOG = "server.log"
PID = "server.pid"
START_TIMEOUT = 180.0
"""Seconds to wait for the API to answer (a first start migrates the database)."""


class ServerError(RuntimeError):
    pass


def home() -> Path:
    from prefect.settings import PREFECT_HOME

    return Path(PREFECT_HOME.value())


def api_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/api"


def healthy(api: str) -> bool:
    try:
        return httpx.get(f"{api}/health", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def start(port: int) -> tuple[str, bool]:
    """Start the server unless one answers on `port`; returns its API URL and whether it was started now."""
    api = api_url(port)
    if healthy(api):
        return api, False
    folder = home()
    folder.mkdir(parents=True, exist_ok=True)
    prefect = str(Path(sys.executable).with_name("prefect"))
    with open(folder / LOG, "ab") as log:
        process = subprocess.Popen([prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port), "--analytics-off"],
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    (folder / PID).write_text(str(process.pid))
    deadline = time.monotonic() + START_TIMEOUT
    while not healthy(api):
        if process.poll() is not None:
            raise ServerError(f"the Prefect server exited with status {process.returncode}; see {folder / LOG}:\n{_tail(folder / LOG)}")
        if time.monotonic() > deadline:
            raise ServerError(f"the Prefect server did not answer at {api} within {START_TIMEOUT:.0f} s; see {folder / LOG}")
        time.sleep(0.5)
    return api, True


def stop() -> bool:
    """Stop the server `start` started (its whole process group); False if none was running."""
    pid_file = home() / PID
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        return False
    pid_file.unlink(missing_ok=True)
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + 30
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.killpg(pid, signal.SIGKILL)
    return True


def _alive(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
