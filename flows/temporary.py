"""A temporary Prefect server for one command, started as Prefect starts its own (uvicorn serving
the API alone, ephemeral), in a session of its own.

Prefect's `SubprocessASGIServer` would do, but it lives in Prefect's server module, which takes
seconds to import in the calling process for no use: this starts the same command without it, then
points the process's settings at it, so that every Prefect client of the process (its threads and
worker processes included) reports to it.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import prefect
from prefect.context import refresh_global_settings_context
from prefect.settings import PREFECT_API_URL, get_current_settings
from zhengli.flows.server import healthy

_SERVER_ENVIRONMENT = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
"""What Prefect's own temporary server is started with: the API only, its database migrated as needed."""

_running: list[subprocess.Popen] = []
"""The servers this process started, stopped at its exit (`stop_all`)."""


class NotStarted(RuntimeError):
    """The server exited, or did not answer in time."""


def start(timeout: float) -> str:
    """Start the server, wait until it answers (or raise `NotStarted`), and make it this process's API; returns its URL."""
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(prefect.__file__).parent.parent), "--factory",
         "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "error",
         "--lifespan", "on"],
        env={**os.environ, **_SERVER_ENVIRONMENT, **get_current_settings().to_environment_variables(exclude_unset=True)},
        stdin=subprocess.DEVNULL, start_new_session=True)
    _running.append(process)
    deadline = time.monotonic() + timeout
    while not healthy(api):
        if process.poll() is not None or time.monotonic() >= deadline:
            stop_all()
            raise NotStarted(api)
        time.sleep(0.1)
    os.environ[PREFECT_API_URL.name] = api
    refresh_global_settings_context()
    return api


def stop_all() -> None:
    while _running:
        process = _running.pop()
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


atexit.register(stop_all)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
