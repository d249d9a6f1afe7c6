"""Starting and stopping what the `zhengli` commands run: the Prefect server a run reports to, and the
long-running commands (`zhengli watch`, `zhengli serve`).

A command connects before its first flow run (`connect`): to the server PREFECT_API_URL names, which
must answer, or to a temporary server it starts, waiting for it up to
PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS (the command line gives it 120 s unless the user set
it: Prefect's 20 s is too short for a first start on a busy machine). Either failure is one message saying what to
do, not a traceback. The temporary server runs in a session of its own, so that a Ctrl-C at the
terminal, which signals the whole foreground process group, reaches zhengli alone: zhengli then
stops in order (`run_until_signalled`) instead of losing its server under a build still running.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable

from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS
from zhengli.flows import temporary
from zhengli.flows.server import healthy

STARTUP_SETTING = PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.name


class ServerUnavailable(RuntimeError):
    """No Prefect server to report to: the one named does not answer, or a temporary one did not start."""


def api_url() -> str | None:
    return PREFECT_API_URL.value()


def connect() -> str:
    """The API this process's runs report to: PREFECT_API_URL's server, or a temporary one for the whole process
    (its worker processes too), started now or launched ahead (`temporary.launch`); `ServerUnavailable` if
    neither answers."""
    named = api_url()
    if named:
        temporary.discard()
        if not healthy(named):
            raise ServerUnavailable(f"the Prefect server at {named} (PREFECT_API_URL) does not answer: start it "
                                    "(`zhengli server up`), or unset PREFECT_API_URL to run on a temporary server")
        return named
    return _start_temporary_server()


def _start_temporary_server() -> str:
    timeout = PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
    try:
        return temporary.start(timeout)
    except temporary.NotStarted:
        raise ServerUnavailable(
            f"Prefect's temporary server did not answer within {timeout} s ({STARTUP_SETTING}), as happens on a busy "
            f"machine: set {STARTUP_SETTING} higher, or start a server once with `zhengli server up` and export the "
            "PREFECT_API_URL it prints") from None


def run_until_signalled(work: Callable[[threading.Event], None], stopping: Callable[[], None] = lambda: None) -> str | None:
    """Run `work(stop)` in a thread until it returns, or until SIGINT or SIGTERM.

    The first signal sets `stop`, calls `stopping` and waits for `work` to finish what it is doing (a build in
    progress ends, so no run is left Running and no edition half-written); it says so in one line. A second
    signal stops the process at once, with the temporary server (a build cut short resumes from its journal).
    Returns the name of the signal that stopped the work, or None; an exception of `work` is raised here.
    """
    stop = threading.Event()
    received: list[str] = []
    failure: list[BaseException] = []

    def handle(number: int, _frame) -> None:
        name = signal.Signals(number).name
        if received:
            sys.stderr.write(f"{name} again: stopping at once; a build cut short resumes from its journal next time\n")
            sys.stderr.flush()
            temporary.stop_all()
            os._exit(1)
        received.append(name)
        sys.stderr.write(f"{name}: stopping once the build in progress, if any, is done (send {name} again to stop at once)\n")
        sys.stderr.flush()
        stop.set()
        stopping()

    def run() -> None:
        try:
            work(stop)
        except BaseException as error:  # handed to the main thread, which raises it
            failure.append(error)

    previous = {number: signal.signal(number, handle) for number in (signal.SIGINT, signal.SIGTERM)}
    worker = threading.Thread(target=run, name="zhengli-work", daemon=True)
    try:
        worker.start()
        while worker.is_alive():
            worker.join(0.25)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if failure:
        raise failure[0]
    return received[0] if received else None


async def serve_runner(runner, stop: threading.Event) -> None:
    """Run a Prefect `Runner` in this thread's event loop until `stop` is set, then stop it (its own runs are cancelled)."""
    started = asyncio.create_task(runner.start())
    while not stop.is_set() and not started.done():
        await asyncio.sleep(0.25)
    if not started.done():
        if runner.started:
            await runner.astop()
        else:
            started.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await started
