"""The deployments against a real Prefect server: file trigger, nightly schedule, incremental rebuilds.

One `prefect server start` for the module, then `zhengli serve` as a user runs it.
Every wait is bounded; everything started is stopped.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .conftest import RAW

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent
FIRST, SECOND = "000_0fcb99711d0ac9dc.txt", "003_d2291fdbc08c3a2f.txt"


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"gave up after {seconds} s waiting for {what}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command, env, log, cwd=None):
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    work = tmp_path_factory.mktemp("work")
    (work / "raw").mkdir()
    api = f"http://127.0.0.1:{free_port()}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2", "PREFECT_RUNNER_POLL_FREQUENCY": "1",
           "PREFECT_LOGGING_SERVER_LEVEL": "WARNING"}
    env.pop("PREFECT_API_URL", None)
    port = api.split(":")[2].split("/")[0]
    with open(work / "server.log", "w") as server_log, open(work / "serve.log", "w") as serve_log:
        server = start([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", port, "--no-ui"], env, server_log)
        serving = None
        try:
            wait_for(lambda: _healthy(api), 90, "the Prefect server to answer")
            env["PREFECT_API_URL"] = api
            serving = start([str(BIN / "zhengli"), "serve", "--raw", "raw", "--out", "clean", "--to", "public"], env, serve_log, cwd=work)
            wait_for(lambda: len(_deployments(api)) == 3, 90, "zhengli serve to register its three deployments")
            yield api, work
        finally:
            if serving:
                stop(serving)
            stop(server)


def _healthy(api):
    try:
        return httpx.get(f"{api}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _deployments(api):
    response = httpx.post(f"{api}/deployments/filter", json={}, timeout=10)
    return {d["name"]: d for d in response.json()} if response.status_code == 200 else {}


def _flow_runs(api, deployment_id, states=None):
    body = {"deployments": {"id": {"any_": [deployment_id]}}}
    if states:
        body["flow_runs"] = {"state": {"type": {"any_": states}}}
    return httpx.post(f"{api}/flow_runs/filter", json=body, timeout=10).json()


def _build_reports(api):
    """Rows of every build-report table artifact, newest first."""
    body = {"artifacts": {"key": {"any_": ["build-report"]}}, "sort": "CREATED_DESC"}
    return [json.loads(a["data"]) for a in httpx.post(f"{api}/artifacts/filter", json=body, timeout=10).json()]


def _statuses(rows):
    return {row["source"]: row["status"] for row in rows}


def test_a_file_copied_into_raw_is_built_through_the_on_new_raw_trigger(served):
    api, work = served
    for name in (FIRST, SECOND):
        shutil.copy(RAW / name, work / "raw" / name)
    for name in (FIRST, SECOND):
        wait_for(lambda name=name: (work / "clean" / name).with_suffix(".tei.xml").exists(), 120, f"the editions of {name}")
    on_new_raw = _deployments(api)["on-new-raw"]
    wait_for(lambda: _flow_runs(api, on_new_raw["id"], ["COMPLETED"]), 60, "the on-new-raw run to complete")
    wait_for(lambda: not _flow_runs(api, on_new_raw["id"], ["SCHEDULED", "PENDING", "RUNNING"]), 90, "the burst's runs to finish")


def test_the_nightly_rebuild_runs_at_two_in_shanghai_and_the_server_has_scheduled_it(served):
    api, _ = served
    nightly = _deployments(api)["nightly-rebuild"]
    schedules = [s["schedule"] for s in nightly["schedules"]]
    assert schedules == [{"cron": "0 2 * * *", "timezone": "Asia/Shanghai", "day_or": True}]
    runs = wait_for(lambda: _flow_runs(api, nightly["id"], ["SCHEDULED"]), 60, "the scheduler to create nightly runs")
    assert all(run["expected_start_time"].endswith(("T18:00:00Z", "T18:00:00+00:00")) for run in runs)


def test_a_no_change_rebuild_reports_every_document_as_cached(served):
    api, _ = served
    build = _deployments(api)["build-editions"]
    before = len(_build_reports(api))
    httpx.post(f"{api}/deployments/{build['id']}/create_flow_run", json={}, timeout=10).raise_for_status()
    wait_for(lambda: len(_build_reports(api)) > before, 90, "the build-editions run to report")
    assert _statuses(_build_reports(api)[0]) == {FIRST: "cached", SECOND: "cached"}


def test_a_modified_file_is_rebuilt_alone(served):
    api, work = served
    before = len(_build_reports(api))
    with open(work / "raw" / SECOND, "ab") as raw_file:
        raw_file.write("\n补充说明：本文件于今日修订。\n".encode())
    wait_for(lambda: any(_statuses(rows).get(SECOND) == "built" for rows in _build_reports(api)[: len(_build_reports(api)) - before]),
             120, "a run rebuilding the modified file")
    rebuilt = next(rows for rows in _build_reports(api) if _statuses(rows).get(SECOND) == "built")
    assert _statuses(rebuilt) == {FIRST: "cached", SECOND: "built"}
    assert "补充说明" in (work / "clean" / SECOND).with_suffix(".md").read_text(encoding="utf-8")
