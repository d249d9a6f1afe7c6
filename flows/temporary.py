"""A temporary Prefect server for one command, started as Prefect starts its own (uvicorn serving
the API alone, ephemeral), in a session of its own.

Prefect's `SubprocessASGIServer` would do, but it lives in Prefect's server module, which takes
seconds to import in the calling process for no use: this starts the same command without it, then
points the process's settings at it, so that every Prefect client of the process (its threads and
worker processes included) reports to it.

The server takes seconds to start, most of them importing Prefect's server: a command that will
need it launches it (`launch`) before it imports Prefect itself, which this module does not, so that
its own imports and reading run while the server starts; `start` then waits for it.
"""

from __future__ import annotations

import atexit
import http.client
import os
import socket
import subprocess
import sys
import time
from importlib.util import find_spec
from pathlib import Path

_SERVER_ENVIRONMENT = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
"""What Prefect's own temporary server is started with: the API only, its database migrated as needed."""

_running: list[subprocess.Popen] = []
"""The servers this process started, stopped at its exit (`stop_all`)."""
_launched: list[tuple[int, subprocess.Popen]] = []
"""The server launched and not yet waited for, with its port (`start` takes it)."""


class NotStarted(RuntimeError):
    """The server exited, or did not answer in time."""


def launch(environment: dict[str, str] | None = None) -> None:
    """Start the server's process, without waiting for it to answer (`start` does). It is
    configured by this process's environment, and `environment`: Prefect's settings are not read
    here, so that a command can launch the server before importing Prefect."""
    port = _free_port()
    spec = find_spec("prefect")
    assert spec is not None and spec.origin is not None, "Prefect is installed with zhengli"
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent), "--factory",
         "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "error",
         "--lifespan", "on"],
        env={**os.environ, **_SERVER_ENVIRONMENT, **(environment or {})}, stdin=subprocess.DEVNULL, start_new_session=True)
    _running.append(process)
    _launched.append((port, process))


def start(timeout: float) -> str:
    """Wait until the server launched (or, if none was, one started now with this process's Prefect
    settings) answers, or raise `NotStarted`; make it this process's API and return its URL."""
    from prefect.context import refresh_global_settings_context
    from prefect.settings import PREFECT_API_URL, get_current_settings

    if not _launched:
        launch(get_current_settings().to_environment_variables(exclude_unset=True))
    port, process = _launched.pop()
    api = _api(port)
    os.environ[PREFECT_API_URL.name] = api
    refresh_global_settings_context()  # while the server starts: building the settings takes a moment
    deadline = time.monotonic() + timeout
    while not _answers(port):
        if process.poll() is not None or time.monotonic() >= deadline:
            stop_all()
            del os.environ[PREFECT_API_URL.name]
            refresh_global_settings_context()
            raise NotStarted(api)
        time.sleep(0.1)
    return api


def discard() -> None:
    """Stop the server launched ahead, if any, which the command does not need after all (its
    settings name a server)."""
    while _launched:
        _, process = _launched.pop()
        _running.remove(process)
        _stop(process)


def stop_all() -> None:
    _launched.clear()
    while _running:
        _stop(_running.pop())


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


atexit.register(stop_all)


def _api(port: int) -> str:
    return f"http://127.0.0.1:{port}/api"


def _answers(port: int) -> bool:
    """The server's API answers its health check: asked over a plain connection, which costs next to
    nothing, where an HTTP client costs tens of milliseconds of the CPU the command imports and reads with."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/api/health")
        return connection.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
