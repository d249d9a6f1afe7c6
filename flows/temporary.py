"""Prefect's temporary server, started in a session of its own.

Kept apart from `flows.lifecycle` because importing Prefect's server takes seconds: a command that
reports to a running server (PREFECT_API_URL) never imports this module.
"""

from __future__ import annotations

import functools
import subprocess

from prefect.server.api.server import SubprocessASGIServer


class OwnSessionServer(SubprocessASGIServer):
    """Prefect's temporary server (the instance Prefect's clients find), started in a session of its own."""

    def _run_uvicorn_command(self) -> subprocess.Popen:
        popen = subprocess.Popen
        subprocess.Popen = functools.partial(popen, start_new_session=True)
        try:
            return super()._run_uvicorn_command()
        finally:
            subprocess.Popen = popen


def stop_all() -> None:
    for server in list(SubprocessASGIServer._instances.values()):
        server.stop()

